//! Who could take a case: people of the organization and partner organizations whose
//! skills, languages and countries fit it, each with the reasons shown, so that a
//! coordinator judges the suggestion rather than trusts a score.
//!
//! The rule: each skill the case's incident types call for and the person offers
//! counts 3, speaking the case's language 2, working in its country 1, being on call
//! now 1, being of limited availability −1; unavailable people are never suggested.
//! A candidate matching nothing is left out. Ties go to the lower id, so the order is
//! stable.

use std::collections::BTreeSet;

use crate::incident::IncidentType;
use crate::{OrgId, UserId};

use super::directory::{OrgEntry, PersonEntry};
use super::skills::{Availability, Skill};

/// What a case asks of whoever takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNeeds {
    pub incidents: Vec<IncidentType>,
    /// The case's language code (`fr`).
    pub language: String,
    /// ISO 3166-1 alpha-2, when known.
    pub country: Option<String>,
}

impl CaseNeeds {
    fn skills(&self) -> BTreeSet<Skill> {
        self.incidents.iter().flat_map(|&i| Skill::needed_for(i).iter().copied()).collect()
    }
}

/// Why a candidate is suggested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Skill(Skill),
    Language(String),
    Country(String),
    OnCall,
    Limited,
}

/// A candidate and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion<T> {
    pub who: T,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

fn fit(needs: &CaseNeeds, skills: &[Skill], languages: &[&str], countries: &[&str]) -> (i32, Vec<Reason>) {
    let mut reasons: Vec<Reason> =
        needs.skills().into_iter().filter(|s| skills.contains(s)).map(Reason::Skill).collect();
    let mut score = 3 * reasons.len() as i32;
    if languages.contains(&needs.language.as_str()) {
        score += 2;
        reasons.push(Reason::Language(needs.language.clone()));
    }
    if let Some(c) = needs.country.as_deref().filter(|c| countries.contains(c)) {
        score += 1;
        reasons.push(Reason::Country(c.to_owned()));
    }
    (score, reasons)
}

fn ranked<T: Ord>(mut out: Vec<Suggestion<T>>, limit: usize) -> Vec<Suggestion<T>> {
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.who.cmp(&b.who)));
    out.truncate(limit);
    out
}

/// People who could take the case, best first, at most `limit`.
pub fn people(
    needs: &CaseNeeds,
    entries: &[PersonEntry],
    on_call: Option<UserId>,
    limit: usize,
) -> Vec<Suggestion<UserId>> {
    let out = entries
        .iter()
        .filter(|e| e.availability != Availability::Unavailable || on_call == Some(e.user))
        .filter_map(|e| {
            let languages: Vec<&str> = e.languages.iter().map(|l| l.as_str()).collect();
            let countries: Vec<&str> = e.countries.iter().map(|c| c.as_str()).collect();
            let (mut score, mut reasons) = fit(needs, &e.skills, &languages, &countries);
            if score == 0 {
                return None;
            }
            if on_call == Some(e.user) {
                score += 1;
                reasons.push(Reason::OnCall);
            }
            if e.availability == Availability::Limited {
                score -= 1;
                reasons.push(Reason::Limited);
            }
            Some(Suggestion { who: e.user, score, reasons })
        })
        .collect();
    ranked(out, limit)
}

/// Partner organizations (all but `own`) that could take the case, best first.
pub fn partners(needs: &CaseNeeds, entries: &[OrgEntry], own: OrgId, limit: usize) -> Vec<Suggestion<OrgId>> {
    let out = entries
        .iter()
        .filter(|e| e.org != own)
        .filter_map(|e| {
            let languages: Vec<&str> = e.languages.iter().map(|l| l.as_str()).collect();
            let countries: Vec<&str> = e.countries.iter().map(|c| c.as_str()).collect();
            let (score, reasons) = fit(needs, &e.focus, &languages, &countries);
            (score > 0).then_some(Suggestion { who: e.org, score, reasons })
        })
        .collect();
    ranked(out, limit)
}

#[cfg(test)]
mod tests {
    use super::super::directory::Language;
    use super::*;
    use crate::Timestamp;
    use crate::watch::disruption::CountryCode;

    fn person(id: i64, skills: &[Skill], langs: &[&str], countries: &[&str], a: Availability) -> PersonEntry {
        PersonEntry {
            user: UserId(id),
            org: OrgId(1),
            languages: langs.iter().map(|l| Language::parse(l).unwrap()).collect(),
            countries: countries.iter().map(|c| CountryCode::parse(c).unwrap()).collect(),
            skills: skills.to_vec(),
            availability: a,
            contact_sealed: None,
            updated_at: Timestamp(0),
        }
    }

    fn needs() -> CaseNeeds {
        CaseNeeds { incidents: vec![IncidentType::Spyware], language: "ar".into(), country: Some("TG".into()) }
    }

    #[test]
    fn the_forensic_analyst_who_speaks_arabic_comes_first_with_the_reasons() {
        let entries = [
            person(1, &[Skill::Legal], &["fr"], &["TG"], Availability::Available),
            person(2, &[Skill::DigitalForensics], &["ar", "fr"], &[], Availability::Available),
            person(3, &[Skill::DigitalForensics], &["en"], &["TG"], Availability::Unavailable),
            person(4, &[Skill::Training], &["en"], &[], Availability::Available),
            person(5, &[Skill::DigitalForensics], &["ar"], &["TG"], Availability::Limited),
        ];
        let s = people(&needs(), &entries, None, 10);
        let order: Vec<i64> = s.iter().map(|s| s.who.0).collect();
        assert_eq!(order, [2, 5, 1], "{s:?}");
        assert_eq!(s[0].reasons, [Reason::Skill(Skill::DigitalForensics), Reason::Language("ar".into())]);
        assert_eq!(s[1].score, 3 + 2 + 1 - 1);
        // On call, an unavailable person is suggested after all, and says why.
        let s = people(&needs(), &entries, Some(UserId(3)), 10);
        assert!(s.iter().any(|s| s.who == UserId(3) && s.reasons.contains(&Reason::OnCall)));
    }

    #[test]
    fn partners_exclude_the_own_organization() {
        let org = |id, focus: &[Skill]| OrgEntry {
            org: OrgId(id),
            languages: vec![Language::parse("ar").unwrap()],
            countries: vec![],
            focus: focus.to_vec(),
            updated_at: Timestamp(0),
        };
        let entries = [org(1, &[Skill::DigitalForensics]), org(2, &[Skill::DigitalForensics]), org(3, &[])];
        let s = partners(&needs(), &entries, OrgId(1), 10);
        assert_eq!(s.iter().map(|s| s.who.0).collect::<Vec<_>>(), [2, 3]);
    }
}
