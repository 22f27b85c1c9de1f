//! Playbooks: first-response step lists per incident type, in three languages. The
//! project ships a library (`playbooks/library.toml`); admins may edit any playbook, and
//! their version (kept by the store) replaces the shipped one. The report's answers
//! select the playbooks of a case (guided intake), and the reporter sees their
//! `reporter_steps` at once on the receipt page.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problem};
use crate::incident::IncidentType;
use crate::triage::RiskAnswers;

/// A text in each of Vigie's languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub fr: String,
    pub ar: String,
    pub en: String,
}

impl Text {
    /// The text in `lang` (`fr`, `ar`, `en`), French otherwise.
    pub fn get(&self, lang: &str) -> &str {
        match lang {
            "ar" => &self.ar,
            "en" => &self.en,
            _ => &self.fr,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playbook {
    pub code: String,
    /// Incident types that select this playbook.
    pub applies_to: Vec<IncidentType>,
    /// Risk answers that also select it (`physical_threat`, `address_exposed`,
    /// `intimate_images`, `account_controlled`).
    #[serde(default)]
    pub risk: Vec<String>,
    pub title: Text,
    pub steps: Vec<Text>,
    #[serde(default)]
    pub reporter_steps: Vec<Text>,
}

#[derive(Deserialize)]
struct Library {
    playbook: Vec<Playbook>,
}

/// The shipped library, parsed once: every report selects from it, and parsing the TOML
/// each time was a tenth of a report's CPU.
static SHIPPED: LazyLock<Vec<Playbook>> = LazyLock::new(|| {
    let lib: Library =
        toml::from_str(include_str!("../playbooks/library.toml")).expect("the shipped playbook library parses");
    lib.playbook
});

/// The shipped library.
pub fn library() -> Vec<Playbook> {
    SHIPPED.clone()
}

fn risk_flags(r: &RiskAnswers) -> Vec<&'static str> {
    let mut v = vec![];
    if r.physical_threat {
        v.push("physical_threat");
    }
    if r.address_or_family_exposed {
        v.push("address_exposed");
    }
    if r.intimate_images {
        v.push("intimate_images");
    }
    if r.account_controlled_by_attacker {
        v.push("account_controlled");
    }
    v
}

/// The playbooks a report's answers call for, in library order.
pub fn select<'a>(library: &'a [Playbook], incidents: &[IncidentType], risk: &RiskAnswers) -> Vec<&'a Playbook> {
    let flags = risk_flags(risk);
    library
        .iter()
        .filter(|p| {
            p.applies_to.iter().any(|t| incidents.contains(t)) || p.risk.iter().any(|r| flags.contains(&r.as_str()))
        })
        .collect()
}

/// The library with the admins' versions in place of the shipped ones.
pub fn merged(overrides: Vec<Playbook>) -> Vec<Playbook> {
    let mut lib = library();
    for o in overrides {
        match lib.iter_mut().find(|p| p.code == o.code) {
            Some(p) => *p = o,
            None => lib.push(o),
        }
    }
    lib
}

fn lines(raw: &str) -> Vec<String> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// Builds a playbook from an edit form: one step per line, the same number of steps in
/// each language (step N of one language is step N of the others).
pub fn from_edit(
    base: &Playbook,
    title: [&str; 3],
    steps: [&str; 3],
    reporter_steps: [&str; 3],
) -> Result<Playbook, DomainError> {
    let zip = |raw: [&str; 3], field: &'static str, required: bool| -> Result<Vec<Text>, DomainError> {
        let [fr, ar, en] = raw.map(lines);
        if fr.len() != ar.len() || fr.len() != en.len() {
            return Err(DomainError::invalid(field, Problem::StepCountMismatch));
        }
        if required && fr.is_empty() {
            return Err(DomainError::invalid(field, Problem::Empty));
        }
        if fr.len() > 50 || fr.iter().chain(&ar).chain(&en).any(|l| l.chars().count() > 500) {
            return Err(DomainError::invalid(field, Problem::TooLong));
        }
        Ok(fr.into_iter().zip(ar).zip(en).map(|((fr, ar), en)| Text { fr, ar, en }).collect())
    };
    let [fr, ar, en] = title.map(|t| t.trim().to_owned());
    if fr.is_empty() || ar.is_empty() || en.is_empty() {
        return Err(DomainError::invalid("title", Problem::Empty));
    }
    Ok(Playbook {
        code: base.code.clone(),
        applies_to: base.applies_to.clone(),
        risk: base.risk.clone(),
        title: Text { fr, ar, en },
        steps: zip(steps, "steps", true)?,
        reporter_steps: zip(reporter_steps, "reporter_steps", false)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_covers_the_required_first_responses_in_three_languages() {
        let lib = library();
        for code in
            ["account_compromise", "doxing", "intimate_images", "smear_campaign", "threats", "spyware", "shutdown"]
        {
            let p = lib.iter().find(|p| p.code == code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(!p.steps.is_empty());
            for t in p.steps.iter().chain(&p.reporter_steps).chain([&p.title]) {
                assert!(
                    !t.fr.is_empty() && !t.ar.is_empty() && !t.en.is_empty(),
                    "{code}: a text is missing a language"
                );
            }
        }
    }

    #[test]
    fn answers_select_the_playbooks() {
        let lib = library();
        let codes = |v: Vec<&Playbook>| v.into_iter().map(|p| p.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(select(&lib, &[IncidentType::Doxing], &RiskAnswers::default())), ["doxing"]);
        let risk = RiskAnswers { physical_threat: true, account_controlled_by_attacker: true, ..Default::default() };
        assert_eq!(
            codes(select(&lib, &[IncidentType::Defamation], &risk)),
            ["account_compromise", "smear_campaign", "threats"]
        );
        assert!(select(&lib, &[IncidentType::Other], &RiskAnswers::default()).is_empty());
    }

    #[test]
    fn edits_keep_steps_aligned_across_languages() {
        let base = library().remove(0);
        let ok = from_edit(&base, ["T", "ت", "T"], ["a\nb", "أ\nب", "a\nb"], ["", "", ""]).unwrap();
        assert_eq!(ok.steps.len(), 2);
        assert_eq!(ok.steps[1].ar, "ب");
        assert!(from_edit(&base, ["T", "ت", "T"], ["a\nb", "أ", "a\nb"], ["", "", ""]).is_err());
        assert!(from_edit(&base, ["T", "", "T"], ["a", "أ", "a"], ["", "", ""]).is_err());
        let merged = merged(vec![ok.clone()]);
        assert_eq!(merged.iter().find(|p| p.code == base.code).unwrap(), &ok);
    }
}
