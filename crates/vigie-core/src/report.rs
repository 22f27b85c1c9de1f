//! A report as the reporting form sends it, parsed: what is kept in clear to sort the
//! queue (incident types, platforms, country, language, whether it is ongoing) and what
//! is sealed to the receiving organization (the person's own words, links, contact).

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problem};
use crate::incident::{IncidentType, Platform};
use crate::triage::RiskAnswers;

/// Who is targeted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Myself,
    SomeoneElse,
    Organization,
}

/// How the reporter wants to be contacted, if at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "address")]
pub enum Contact {
    None,
    Email(String),
    Signal(String),
    Phone(String),
}

/// An ISO 3166-1 alpha-2 country code (`BJ`, `IQ`), or `None` when not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country(String);

impl Country {
    pub fn parse(raw: &str) -> Result<Option<Self>, DomainError> {
        let s = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Ok(None);
        }
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Some(Self(s)))
        } else {
            Err(DomainError::invalid("country", Problem::UnknownChoice))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The part of a report sealed to the organization: everything in the reporter's own
/// words and everything that could identify or reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedReport {
    pub description: String,
    pub links: Vec<String>,
    pub since: String,
    pub target: Target,
    pub risk: RiskAnswers,
    pub contact: Contact,
    pub contact_language: String,
}

/// A parsed report, ready to be submitted.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub incidents: Vec<IncidentType>,
    pub platforms: Vec<Platform>,
    pub country: Option<Country>,
    /// The language the report was written in (`fr`, `ar`, `en`).
    pub language: String,
    pub ongoing: bool,
    pub consent_to_share: bool,
    pub sealed: SealedReport,
}

pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
pub const MAX_LINKS: usize = 50;

impl NewReport {
    /// Checks what no report may lack or exceed.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.incidents.is_empty() {
            return Err(DomainError::invalid("incidents", Problem::Empty));
        }
        if self.sealed.description.trim().is_empty() {
            return Err(DomainError::invalid("description", Problem::Empty));
        }
        if self.sealed.description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(DomainError::invalid("description", Problem::TooLong));
        }
        if self.sealed.links.len() > MAX_LINKS || self.sealed.links.iter().any(|l| l.chars().count() > 2000) {
            return Err(DomainError::invalid("links", Problem::TooLong));
        }
        let address_empty = match &self.sealed.contact {
            Contact::None => false,
            Contact::Email(a) | Contact::Signal(a) | Contact::Phone(a) => {
                a.trim().is_empty() || a.chars().count() > 200
            }
        };
        if address_empty {
            return Err(DomainError::invalid("contact_address", Problem::Empty));
        }
        Ok(())
    }
}

/// Splits the free "links" box into one link per line, dropping blanks.
pub fn split_links(raw: &str) -> Vec<String> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> NewReport {
        NewReport {
            incidents: vec![IncidentType::Defamation],
            platforms: vec![Platform::Facebook],
            country: Country::parse("bj").unwrap(),
            language: "fr".into(),
            ongoing: true,
            consent_to_share: false,
            sealed: SealedReport {
                description: "Une page publie de fausses accusations contre moi.".into(),
                links: split_links("https://facebook.com/x\n\n  https://facebook.com/y  "),
                since: "mars".into(),
                target: Target::Myself,
                risk: RiskAnswers::default(),
                contact: Contact::Signal("+229 00 00 00 00".into()),
                contact_language: "fr".into(),
            },
        }
    }

    #[test]
    fn a_complete_report_validates() {
        let r = report();
        assert_eq!(r.sealed.links.len(), 2);
        assert_eq!(r.country.as_ref().unwrap().as_str(), "BJ");
        r.validate().unwrap();
    }

    #[test]
    fn a_report_needs_a_type_words_and_an_address_when_contact_is_wanted() {
        let mut r = report();
        r.incidents.clear();
        assert!(r.validate().is_err());
        let mut r = report();
        r.sealed.description = "  ".into();
        assert!(r.validate().is_err());
        let mut r = report();
        r.sealed.contact = Contact::Email(" ".into());
        assert!(r.validate().is_err());
        assert!(Country::parse("Benin").is_err());
        assert_eq!(Country::parse("").unwrap(), None);
    }
}
