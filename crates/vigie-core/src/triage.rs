//! Severity, proposed from the reporter's answers and overridable (with a reason) by a
//! responder. The rules favour the person's physical safety first, then the loss of
//! control over their accounts or intimate images, then everything else.

use serde::{Deserialize, Serialize};

use crate::incident::IncidentType;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw)
    }
}

/// The risk questions of the reporting form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskAnswers {
    pub physical_threat: bool,
    pub address_or_family_exposed: bool,
    pub intimate_images: bool,
    pub account_controlled_by_attacker: bool,
    pub still_ongoing: bool,
}

/// The severity the rules propose for a report.
pub fn propose(types: &[IncidentType], risk: RiskAnswers) -> Severity {
    use IncidentType::*;
    if risk.physical_threat || risk.address_or_family_exposed {
        return Severity::Critical;
    }
    if risk.intimate_images || risk.account_controlled_by_attacker {
        return Severity::High;
    }
    let high =
        types.iter().any(|t| matches!(t, Threats | Doxing | SexualAbuse | Spyware | AccountCompromise | Shutdown));
    if high {
        return Severity::High;
    }
    let medium = types.iter().any(|t| !matches!(t, Other));
    match (medium, risk.still_ongoing) {
        (true, _) => Severity::Medium,
        (false, true) => Severity::Medium,
        (false, false) => Severity::Low,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_threat_of_physical_harm_or_an_exposed_address_is_critical() {
        let r = RiskAnswers { physical_threat: true, ..Default::default() };
        assert_eq!(propose(&[IncidentType::Other], r), Severity::Critical);
        let r = RiskAnswers { address_or_family_exposed: true, ..Default::default() };
        assert_eq!(propose(&[], r), Severity::Critical);
    }

    #[test]
    fn lost_control_is_high_and_a_plain_other_is_low() {
        let r = RiskAnswers { account_controlled_by_attacker: true, ..Default::default() };
        assert_eq!(propose(&[IncidentType::Harassment], r), Severity::High);
        assert_eq!(propose(&[IncidentType::Doxing], RiskAnswers::default()), Severity::High);
        assert_eq!(propose(&[IncidentType::Defamation], RiskAnswers::default()), Severity::Medium);
        assert_eq!(propose(&[IncidentType::Other], RiskAnswers::default()), Severity::Low);
    }

    proptest! {
        /// Answering "yes" to one more risk question never lowers the severity.
        #[test]
        fn more_risk_never_lowers_severity(
            bits in any::<[bool; 5]>(),
            which in 0usize..5,
            types in proptest::sample::subsequence(IncidentType::ALL.to_vec(), 0..5),
        ) {
            let mk = |b: [bool; 5]| RiskAnswers {
                physical_threat: b[0], address_or_family_exposed: b[1], intimate_images: b[2],
                account_controlled_by_attacker: b[3], still_ongoing: b[4],
            };
            let mut more = bits;
            more[which] = true;
            // Severity orders Critical < High < …: "not lower" means <= in this order.
            prop_assert!(propose(&types, mk(more)) <= propose(&types, mk(bits)));
        }
    }
}
