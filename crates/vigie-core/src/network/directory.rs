//! The network's directory: people (what they can do, in which languages and
//! countries, how available they are) and member organizations (where they work, in
//! which languages, on what). How to reach someone safely is sealed to their
//! organization's key: a seized database names skills, not phone numbers.

use crate::error::{DomainError, Problem};
use crate::watch::disruption::CountryCode;
use crate::{OrgId, Timestamp, UserId};

use super::skills::{Availability, Skill};

/// Most languages, countries or skills one entry lists.
pub const MAX_LIST: usize = 24;
/// Longest contact text, in characters.
pub const MAX_CONTACT_CHARS: usize = 2000;

/// A language, as a lowercase ISO 639 code (`fr`, `ar`, `en`, `wo`, `ha`…).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(String);

impl Language {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let code = raw.trim().to_ascii_lowercase();
        let ok = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        ok.then_some(Self(code)).ok_or(DomainError::invalid("languages", Problem::UnknownChoice))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's entry, as stored (the contact still sealed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    pub user: UserId,
    pub org: OrgId,
    pub languages: Vec<Language>,
    pub countries: Vec<CountryCode>,
    pub skills: Vec<Skill>,
    pub availability: Availability,
    /// How to reach them safely, sealed to their organization.
    pub contact_sealed: Option<Vec<u8>>,
    pub updated_at: Timestamp,
}

/// An organization's entry. Its safe contacts are the organization's emergency
/// contacts (`/org`), already sealed to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgEntry {
    pub org: OrgId,
    pub languages: Vec<Language>,
    pub countries: Vec<CountryCode>,
    /// What the organization works on.
    pub focus: Vec<Skill>,
    pub updated_at: Timestamp,
}

/// The lists of an entry as a form gives them, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryLists {
    pub languages: Vec<Language>,
    pub countries: Vec<CountryCode>,
    pub skills: Vec<Skill>,
}

impl EntryLists {
    /// Reads comma- or space-separated language and country codes and skill codes:
    /// sorted, once each, at most [`MAX_LIST`] of each.
    pub fn parse(languages: &str, countries: &str, skills: &[String]) -> Result<Self, DomainError> {
        let mut out = Self {
            languages: words(languages).into_iter().map(Language::parse).collect::<Result<_, _>>()?,
            countries: words(countries)
                .into_iter()
                .map(|c| {
                    CountryCode::parse(&c.to_ascii_uppercase())
                        .ok_or(DomainError::invalid("countries", Problem::CountryCode))
                })
                .collect::<Result<_, _>>()?,
            skills: skills
                .iter()
                .map(|s| Skill::parse(s).ok_or(DomainError::invalid("skills", Problem::UnknownChoice)))
                .collect::<Result<_, _>>()?,
        };
        out.languages.sort();
        out.languages.dedup();
        out.countries.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        out.countries.dedup();
        out.skills.sort();
        out.skills.dedup();
        for (field, len) in
            [("languages", out.languages.len()), ("countries", out.countries.len()), ("skills", out.skills.len())]
        {
            if len > MAX_LIST {
                return Err(DomainError::invalid(field, Problem::TooLong));
            }
        }
        Ok(out)
    }
}

fn words(s: &str) -> Vec<&str> {
    s.split([',', ' ', ';']).map(str::trim).filter(|w| !w.is_empty()).collect()
}

/// Joins codes for storage and forms: `fr,ar`.
pub fn join_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    codes.into_iter().collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_validated_sorted_and_deduplicated() {
        let skills = vec!["legal".to_owned(), "digital_forensics".to_owned(), "legal".to_owned()];
        let l = EntryLists::parse("FR, ar ar", "sn,ML;sn", &skills).unwrap();
        assert_eq!(l.languages.iter().map(Language::as_str).collect::<Vec<_>>(), ["ar", "fr"]);
        assert_eq!(l.countries.iter().map(CountryCode::as_str).collect::<Vec<_>>(), ["ML", "SN"]);
        assert_eq!(l.skills, [Skill::DigitalForensics, Skill::Legal]);
        assert!(EntryLists::parse("français", "", &[]).is_err());
        assert!(EntryLists::parse("", "Senegal", &[]).is_err());
        assert!(EntryLists::parse("", "", &["cooking".to_owned()]).is_err());
    }
}
