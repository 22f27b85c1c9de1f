//! What the platform did about an item, when, and in its own words.

use serde::{Deserialize, Serialize};

use super::error::EscalationError;
use super::text::PlatformWords;
use crate::Timestamp;

/// What a restriction limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Restriction {
    /// Shown to fewer people (demoted, not recommended, not searchable).
    Reach,
    /// Hidden from minors or behind an age gate.
    Age,
}

/// The platform's decision on one item, or its silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum OutcomeKind {
    Removed,
    Restricted(Restriction),
    /// Left up with a warning screen or a label.
    Labelled,
    AccountSuspended,
    /// The platform answered that its rules were not broken.
    NoViolationFound,
    /// The platform never answered; recorded by the responder when giving up waiting.
    NoReply,
}

impl OutcomeKind {
    /// Every outcome, in display order.
    pub const ALL: &'static [OutcomeKind] = &[
        OutcomeKind::Removed,
        OutcomeKind::Restricted(Restriction::Reach),
        OutcomeKind::Restricted(Restriction::Age),
        OutcomeKind::Labelled,
        OutcomeKind::AccountSuspended,
        OutcomeKind::NoViolationFound,
        OutcomeKind::NoReply,
    ];

    /// The stable code: stored, used in URLs and JSON.
    pub fn code(self) -> &'static str {
        match self {
            OutcomeKind::Removed => "removed",
            OutcomeKind::Restricted(Restriction::Reach) => "restricted_reach",
            OutcomeKind::Restricted(Restriction::Age) => "restricted_age",
            OutcomeKind::Labelled => "labelled",
            OutcomeKind::AccountSuspended => "account_suspended",
            OutcomeKind::NoViolationFound => "no_violation_found",
            OutcomeKind::NoReply => "no_reply",
        }
    }

    /// The outcome of a code (surrounding spaces ignored).
    pub fn parse(raw: &str) -> Result<Self, EscalationError> {
        let raw = raw.trim();
        Self::ALL.iter().copied().find(|o| o.code() == raw).ok_or(EscalationError::UnknownCode { field: "outcome" })
    }

    /// The Fluent message id of the outcome's name.
    pub fn translation_key(self) -> &'static str {
        match self {
            OutcomeKind::Removed => "escalation-outcome-removed",
            OutcomeKind::Restricted(Restriction::Reach) => "escalation-outcome-restricted_reach",
            OutcomeKind::Restricted(Restriction::Age) => "escalation-outcome-restricted_age",
            OutcomeKind::Labelled => "escalation-outcome-labelled",
            OutcomeKind::AccountSuspended => "escalation-outcome-account_suspended",
            OutcomeKind::NoViolationFound => "escalation-outcome-no_violation_found",
            OutcomeKind::NoReply => "escalation-outcome-no_reply",
        }
    }

    /// Whether the platform acted on the item: removed, restricted, labelled it, or
    /// suspended the account. The numerator of the action rate.
    pub fn is_action(self) -> bool {
        matches!(
            self,
            OutcomeKind::Removed | OutcomeKind::Restricted(_) | OutcomeKind::Labelled | OutcomeKind::AccountSuspended
        )
    }

    /// Whether the platform made a decision (everything but [`OutcomeKind::NoReply`]):
    /// the denominator of the action rate.
    pub fn is_decision(self) -> bool {
        self != OutcomeKind::NoReply
    }
}

impl TryFrom<String> for OutcomeKind {
    type Error = EscalationError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<OutcomeKind> for String {
    fn from(o: OutcomeKind) -> Self {
        o.code().to_owned()
    }
}

impl std::fmt::Display for OutcomeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The outcome of one item: what, when the platform did it (for `no reply`, when the
/// responder stopped waiting), and the platform's words as pasted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub at: Timestamp,
    pub platform_words: Option<PlatformWords>,
}

impl Outcome {
    /// An outcome from the form; `words` may be empty. Words with `no reply` are
    /// refused: they would mean the platform did reply.
    pub fn new(kind: OutcomeKind, at: Timestamp, words: &str) -> Result<Self, EscalationError> {
        let platform_words = if words.trim().is_empty() {
            None
        } else {
            let words = PlatformWords::parse(words)
                .map_err(|problem| EscalationError::Text { field: "platform_words", problem })?;
            Some(words)
        };
        if kind == OutcomeKind::NoReply && platform_words.is_some() {
            return Err(EscalationError::WordsWithoutReply);
        }
        Ok(Self { kind, at, platform_words })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_only_four_outcomes_are_actions() {
        for o in OutcomeKind::ALL {
            assert_eq!(OutcomeKind::parse(o.code()).unwrap(), *o);
            assert_eq!(serde_json::to_string(o).unwrap(), format!("\"{}\"", o.code()));
            assert_eq!(o.translation_key(), format!("escalation-outcome-{}", o.code()));
        }
        let actions = OutcomeKind::ALL.iter().filter(|o| o.is_action()).count();
        assert_eq!(actions, 5, "removed, both restrictions, labelled, suspended");
        assert!(!OutcomeKind::NoViolationFound.is_action() && OutcomeKind::NoViolationFound.is_decision());
        assert!(!OutcomeKind::NoReply.is_decision());
        assert!(OutcomeKind::parse("restricted").is_err());
    }

    #[test]
    fn no_reply_has_no_words() {
        assert_eq!(
            Outcome::new(OutcomeKind::NoReply, Timestamp(5), "We removed it"),
            Err(EscalationError::WordsWithoutReply)
        );
        let o = Outcome::new(OutcomeKind::Removed, Timestamp(5), " We removed it. ").unwrap();
        assert_eq!(o.platform_words.unwrap().as_str(), "We removed it.");
        assert!(Outcome::new(OutcomeKind::NoReply, Timestamp(5), "  ").unwrap().platform_words.is_none());
    }
}
