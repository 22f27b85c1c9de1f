//! What happened and where: the incident taxonomy a reporter chooses from (several
//! allowed) and the platforms involved. Codes are stable (stored, exported, used as
//! translation keys `incident-<code>` and `platform-<code>`).

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problem};

macro_rules! coded_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal { $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(raw: &str) -> Result<Self, DomainError> {
                let raw = raw.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == raw)
                    .ok_or(DomainError::invalid($field, Problem::UnknownChoice))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

coded_enum!(
    /// The incident taxonomy.
    IncidentType, "incident" {
        Harassment => "harassment",
        Threats => "threats",
        /// Personal data exposed.
        Doxing => "doxing",
        /// Defamation or smear campaign.
        Defamation => "defamation",
        HateSpeech => "hate_speech",
        /// Sexual harassment, intimate images or deepfakes.
        SexualAbuse => "sexual_abuse",
        /// Impersonation or fake account.
        Impersonation => "impersonation",
        AccountCompromise => "account_compromise",
        /// Device compromise or spyware.
        Spyware => "spyware",
        Phishing => "phishing",
        Surveillance => "surveillance",
        /// Censorship or content removal.
        Censorship => "censorship",
        /// Website or account blocking.
        Blocking => "blocking",
        /// Internet shutdown or throttling.
        Shutdown => "shutdown",
        /// Legal or judicial harassment linked to online activity.
        LegalHarassment => "legal_harassment",
        Other => "other",
    }
);

coded_enum!(
    /// Where it happened.
    Platform, "platform" {
        Facebook => "facebook",
        Instagram => "instagram",
        WhatsApp => "whatsapp",
        X => "x",
        Telegram => "telegram",
        TikTok => "tiktok",
        YouTube => "youtube",
        Other => "other",
        /// Not online: in person, by phone, by letter.
        Offline => "offline",
    }
);

/// Parses a list of codes (as checkboxes send them), refusing unknown ones and
/// dropping repeats; keeps the taxonomy's order.
pub fn parse_codes<T: Copy + Ord>(
    raw: &[String],
    parse: impl Fn(&str) -> Result<T, DomainError>,
) -> Result<Vec<T>, DomainError> {
    let mut out = raw.iter().map(|r| parse(r)).collect::<Result<Vec<_>, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_taxonomy_has_the_sixteen_incident_types_and_nine_platforms() {
        assert_eq!(IncidentType::ALL.len(), 16);
        assert_eq!(Platform::ALL.len(), 9);
        for t in IncidentType::ALL {
            assert_eq!(IncidentType::parse(t.code()).unwrap(), *t);
        }
        assert!(IncidentType::parse("nonsense").is_err());
    }

    #[test]
    fn json_uses_the_same_codes() {
        for p in Platform::ALL {
            assert_eq!(serde_json::to_string(p).unwrap(), format!("\"{}\"", p.code()));
        }
        for t in IncidentType::ALL {
            assert_eq!(serde_json::from_str::<IncidentType>(&format!("\"{}\"", t.code())).unwrap(), *t);
        }
    }

    #[test]
    fn code_lists_are_checked_sorted_and_deduplicated() {
        let raw = vec!["threats".to_owned(), "doxing".to_owned(), "threats".to_owned()];
        assert_eq!(parse_codes(&raw, IncidentType::parse).unwrap(), vec![IncidentType::Threats, IncidentType::Doxing]);
        assert!(parse_codes(&["x".to_owned(), "bad".to_owned()], Platform::parse).is_err());
    }
}
