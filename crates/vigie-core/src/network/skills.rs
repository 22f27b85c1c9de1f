//! What a member of the network can do, and how available they are: the words the
//! directory, the suggestions and the alert subscriptions share.

use serde::{Deserialize, Serialize};

use crate::incident::IncidentType;

/// A skill a person offers the network. Codes are stable (stored, exported, translation
/// keys `skill-<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Skill {
    DigitalForensics,
    AccountRecovery,
    PlatformEscalation,
    Legal,
    Psychosocial,
    Training,
    ShutdownMeasurement,
}

impl Skill {
    pub const ALL: [Skill; 7] = [
        Skill::DigitalForensics,
        Skill::AccountRecovery,
        Skill::PlatformEscalation,
        Skill::Legal,
        Skill::Psychosocial,
        Skill::Training,
        Skill::ShutdownMeasurement,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Skill::DigitalForensics => "digital_forensics",
            Skill::AccountRecovery => "account_recovery",
            Skill::PlatformEscalation => "platform_escalation",
            Skill::Legal => "legal",
            Skill::Psychosocial => "psychosocial",
            Skill::Training => "training",
            Skill::ShutdownMeasurement => "shutdown_measurement",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw.trim())
    }

    /// The skills a case of this type calls for, most needed first. Every incident
    /// type but `other` names at least one, so that a suggestion can say why.
    pub fn needed_for(incident: IncidentType) -> &'static [Skill] {
        use IncidentType as I;
        use Skill as S;
        match incident {
            I::Harassment | I::HateSpeech => &[S::PlatformEscalation, S::Psychosocial],
            I::Threats => &[S::Legal, S::Psychosocial, S::PlatformEscalation],
            I::Doxing => &[S::PlatformEscalation, S::Legal, S::Psychosocial],
            I::Defamation | I::LegalHarassment => &[S::Legal, S::PlatformEscalation],
            I::SexualAbuse => &[S::PlatformEscalation, S::Psychosocial, S::Legal],
            I::Impersonation => &[S::PlatformEscalation, S::AccountRecovery],
            I::AccountCompromise | I::Phishing => &[S::AccountRecovery, S::DigitalForensics],
            I::Spyware | I::Surveillance => &[S::DigitalForensics],
            I::Censorship => &[S::PlatformEscalation, S::ShutdownMeasurement],
            I::Blocking | I::Shutdown => &[S::ShutdownMeasurement],
            I::Other => &[],
        }
    }
}

/// Whether a person can take work now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    #[default]
    Available,
    /// Can take urgent work only.
    Limited,
    /// Not suggested, not paged outside an on-call slot they hold.
    Unavailable,
}

impl Availability {
    pub const ALL: [Availability; 3] = [Availability::Available, Availability::Limited, Availability::Unavailable];

    pub fn code(self) -> &'static str {
        match self {
            Availability::Available => "available",
            Availability::Limited => "limited",
            Availability::Unavailable => "unavailable",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for s in Skill::ALL {
            assert_eq!(Skill::parse(s.code()), Some(s));
        }
        for a in Availability::ALL {
            assert_eq!(Availability::parse(a.code()), Some(a));
        }
        assert_eq!(Skill::parse("cooking"), None);
    }

    #[test]
    fn every_incident_but_other_calls_for_a_skill() {
        for &i in IncidentType::ALL {
            assert_eq!(Skill::needed_for(i).is_empty(), i == IncidentType::Other, "{i}");
        }
    }
}
