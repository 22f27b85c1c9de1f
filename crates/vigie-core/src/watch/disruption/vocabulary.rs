//! STOP's controlled vocabularies, word for word.
//!
//! Each is an enum whose variants are STOP's words, plus `Other(String)` that keeps any
//! other text verbatim: a dirty cell survives an import and an export unchanged, and
//! [`super::Disruption::validate`] reports it. Serialised as STOP's text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A STOP vocabulary: its words, and `Other` for anything else.
pub trait Vocabulary: Sized + Clone + PartialEq {
    /// STOP's words, in the codebook's order.
    const WORDS: &'static [&'static str];
    /// Never fails: text that is not one of [`Self::WORDS`] exactly becomes `Other`.
    fn parse(raw: &str) -> Self;
    fn as_str(&self) -> &str;
    fn is_known(&self) -> bool;

    /// STOP's word that this text means, written differently (case, spaces).
    fn near_word(raw: &str) -> Option<&'static str> {
        let folded = fold(raw);
        Self::WORDS.iter().copied().find(|w| *w != raw && fold(w) == folded)
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// Not one of STOP's words: kept as written.
            Other(String),
        }

        impl Vocabulary for $name {
            const WORDS: &'static [&'static str] = &[$($text),+];

            fn parse(raw: &str) -> Self {
                match raw {
                    $($text => Self::$variant,)+
                    other => Self::Other(other.to_owned()),
                }
            }

            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Other(text) => text,
                }
            }

            fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::parse(&String::deserialize(deserializer)?))
            }
        }
    };
}

vocabulary! {
    /// `start_date_type`: whether the start date is known or estimated.
    DateKind { Actual => "Actual", Estimated => "Estimated", }
}

vocabulary! {
    /// `geo_scope`: how far the disruption reached.
    GeoScope {
        OneLocality => "It only affected one city, county, or village",
        SeveralLocalitiesOneRegion => "It affected more than one city in the same state, province, or region",
        SeveralRegions => "It affected locations in more than one state, province, or region",
        NotSure => "Not sure",
    }
}

vocabulary! {
    /// `shutdown_type`, one or several: a full cut or a slowdown.
    ShutdownType { Shutdown => "Shutdown", Throttle => "Throttle", Unknown => "Unknown", }
}

vocabulary! {
    /// `shutdown_extent`, one or several: the whole network or some services.
    ShutdownExtent { FullNetwork => "Full network", ServiceBased => "Service-based", }
}

vocabulary! {
    /// `affected_network`, one or several.
    Network { Broadband => "Broadband", Mobile => "Mobile", Unknown => "Unknown", }
}

vocabulary! {
    /// `ordered_by`: who ordered it.
    OrderedBy {
        Executive => "Executive government",
        State => "State government",
        Local => "Local government",
        Judiciary => "Judiciary",
        LawEnforcement => "Law enforcement",
        NonGovernment => "Non-government",
        Unknown => "Unknown",
    }
}

vocabulary! {
    /// `actual_cause`: what the disruption was really about.
    Cause {
        Protests => "Protests",
        PoliticalInstability => "Political instability",
        Conflict => "Conflict",
        CommunalViolence => "Communal violence",
        Elections => "Elections",
        ExamCheating => "Exam cheating",
        InformationControl => "Information control",
        ReligiousHoliday => "Religious holiday/anniversary",
        OfficialVisit => "Visits by government officials",
        Unknown => "Unknown",
        /// STOP's own "Other" (details in `actual_cause_details`).
        OtherCause => "Other",
    }
}

vocabulary! {
    /// `gov_justification`: the reason the authorities gave.
    Justification {
        PublicSafety => "Public safety/ Quell unrest/ Restore public order",
        FakeNews => "Fake news/ Hate speech/ Incendiary content/ Promoting violence",
        NationalSecurity => "National security/ Counter-terrorism",
        Precautionary => "Precautionary measure",
        SchoolExams => "School Exams",
        Sabotage => "Sabotage/ Third-party Action",
        TechnicalProblems => "Technical problems/ Infrastructure failure",
        IllegalContent => "Illegal content",
        Unknown => "Unknown",
        /// STOP's own "Other" (details in `gov_just_details`).
        OtherJustification => "Other",
    }
}

vocabulary! {
    /// `info_source`: where the information came from.
    InfoSource {
        NewsMedia => "News media article",
        CsoPartners => "CSO KIO partners",
        SocialMedia => "Social media",
        Confidential => "Confidential",
        /// STOP's own "Other".
        OtherSource => "Other",
    }
}

vocabulary! {
    /// `shutdown_status`.
    Status { Ongoing => "Ongoing", Ended => "Ended", Unknown => "Unknown", }
}

vocabulary! {
    /// The yes/no columns (`facebook_affected`, `gov_ack`, `election`…), with STOP's
    /// "Unknown". An empty cell is `None` where the field is an `Option`.
    Answer { Yes => "Yes", No => "No", Unknown => "Unknown", }
}

vocabulary! {
    /// `users_targeted`, one or several.
    Users {
        LgbtqGroups => "LGBTQ groups",
        MinorityGroups => "Minority groups",
        EthnicMinorities => "Ethnic minorities",
        ReligiousMinorities => "Religious minorities",
        /// STOP's own "Others".
        Others => "Others",
    }
}

vocabulary! {
    /// `region`: Access Now's regions.
    Region {
        Africa => "Africa",
        Apac => "APAC",
        Eeca => "EECA",
        Europe => "Europe",
        Lac => "LAC",
        Mena => "MENA",
        NorthAmerica => "North America",
    }
}

/// The separator STOP puts between the values of one cell.
pub const LIST_SEPARATOR: &str = ", ";

/// A cell holding several values of one vocabulary (`Broadband, Mobile`). Empty when the
/// cell is. Text that would not be written back identically (another separator, stray
/// spaces) is kept whole as a single `Other` value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Multi<T>(pub Vec<T>);

impl<T> Default for Multi<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Vocabulary> Multi<T> {
    pub fn parse(raw: &str) -> Self {
        if raw.is_empty() {
            return Self(Vec::new());
        }
        let items: Vec<T> = raw.split(',').map(|item| T::parse(item.trim())).collect();
        let multi = Self(items);
        let clean = multi.0.iter().all(|v| !v.as_str().is_empty()) && multi.to_string() == raw;
        if clean { multi } else { Self(vec![T::parse(raw)]) }
    }

    pub fn contains(&self, value: &T) -> bool {
        self.0.contains(value)
    }

    /// The values that are not STOP's words.
    pub fn unknown(&self) -> impl Iterator<Item = &T> {
        self.0.iter().filter(|v| !v.is_known())
    }
}

impl<T: Vocabulary> fmt::Display for Multi<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, value) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(LIST_SEPARATOR)?;
            }
            f.write_str(value.as_str())?;
        }
        Ok(())
    }
}

impl<T: Serialize> Serialize for Multi<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Multi<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self(Vec::deserialize(deserializer)?))
    }
}

/// An optional single value: an empty cell is `None`.
pub fn parse_opt<T: Vocabulary>(raw: &str) -> Option<T> {
    (!raw.is_empty()).then(|| T::parse(raw))
}

pub fn write_opt<T: Vocabulary>(value: &Option<T>) -> String {
    value.as_ref().map(|v| v.as_str().to_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_recognised_exactly_and_written_back() {
        for word in Justification::WORDS {
            let value = Justification::parse(word);
            assert!(value.is_known(), "{word}");
            assert_eq!(value.as_str(), *word);
        }
        assert_eq!(Answer::parse("Yes"), Answer::Yes);
    }

    #[test]
    fn another_spelling_is_kept_verbatim_and_points_to_stop_s_word() {
        let value = Justification::parse("School exams");
        assert_eq!(value, Justification::Other("School exams".into()));
        assert_eq!(value.as_str(), "School exams");
        assert_eq!(Justification::near_word("School exams"), Some("School Exams"));
        assert_eq!(Users::near_word("Minority Groups"), Some("Minority groups"));
        assert_eq!(Users::near_word("Minority groups"), None);
        assert_eq!(Answer::near_word("Maybe"), None);
    }

    #[test]
    fn several_values_in_one_cell_are_split_on_stop_s_separator() {
        let both = Multi::<Network>::parse("Broadband, Mobile");
        assert_eq!(both.0, vec![Network::Broadband, Network::Mobile]);
        assert_eq!(both.to_string(), "Broadband, Mobile");
        assert_eq!(Multi::<Network>::parse("").0, vec![]);
        let types = Multi::<ShutdownType>::parse("Shutdown, Throttle");
        assert!(types.contains(&ShutdownType::Shutdown) && types.contains(&ShutdownType::Throttle));
    }

    #[test]
    fn a_list_written_otherwise_is_kept_whole() {
        for raw in ["Broadband;Mobile", "Broadband,Mobile", "Broadband , Mobile", " Mobile", "Mobile, "] {
            let multi = Multi::<Network>::parse(raw);
            assert_eq!(multi.0, vec![Network::Other(raw.into())], "{raw:?}");
            assert_eq!(multi.to_string(), raw);
        }
    }

    #[test]
    fn free_text_in_a_list_keeps_its_commas() {
        let raw = "Students, people need healthcare during COVID, and small businesses";
        let users = Multi::<Users>::parse(raw);
        assert_eq!(users.to_string(), raw);
        assert_eq!(users.unknown().count(), 3);
    }

    #[test]
    fn vocabularies_serialise_as_stop_s_words() {
        let json =
            serde_json::to_string(&Multi(vec![ShutdownExtent::FullNetwork, ShutdownExtent::ServiceBased])).unwrap();
        assert_eq!(json, r#"["Full network","Service-based"]"#);
        let back: Multi<ShutdownExtent> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.to_string(), "Full network, Service-based");
        let other: Status = serde_json::from_str("\"Paused\"").unwrap();
        assert_eq!(other, Status::Other("Paused".into()));
    }
}
