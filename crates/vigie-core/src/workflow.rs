//! The life of a case: `new → triaged → in_progress → waiting_on_reporter → resolved |
//! closed`, with only the transitions below. Spam and duplicates close straight from
//! `new`; resolved and closed cases can be reopened.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Triaged,
    InProgress,
    WaitingOnReporter,
    Resolved,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Triage,
    Start,
    AwaitReporter,
    /// The reporter answered through `/follow`.
    ReporterReplied,
    Resolve,
    Close,
    CloseAsSpam,
    CloseAsDuplicate,
    Reopen,
}

impl Status {
    pub const ALL: [Status; 6] =
        [Status::New, Status::Triaged, Status::InProgress, Status::WaitingOnReporter, Status::Resolved, Status::Closed];

    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Triaged => "triaged",
            Status::InProgress => "in_progress",
            Status::WaitingOnReporter => "waiting_on_reporter",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw)
    }

    /// Whether the network still owes the reporter work (deadlines run).
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }
}

impl Action {
    pub const ALL: [Action; 9] = [
        Action::Triage,
        Action::Start,
        Action::AwaitReporter,
        Action::ReporterReplied,
        Action::Resolve,
        Action::Close,
        Action::CloseAsSpam,
        Action::CloseAsDuplicate,
        Action::Reopen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Triage => "triage",
            Action::Start => "start",
            Action::AwaitReporter => "await_reporter",
            Action::ReporterReplied => "reporter_replied",
            Action::Resolve => "resolve",
            Action::Close => "close",
            Action::CloseAsSpam => "close_as_spam",
            Action::CloseAsDuplicate => "close_as_duplicate",
            Action::Reopen => "reopen",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == raw)
    }
}

/// The status after `action`, or the refusal.
pub fn next(status: Status, action: Action) -> Result<Status, DomainError> {
    use {Action::*, Status::*};
    match (status, action) {
        (New, Triage) => Ok(Triaged),
        (New, CloseAsSpam | CloseAsDuplicate) => Ok(Closed),
        (Triaged | WaitingOnReporter, Start) => Ok(InProgress),
        (WaitingOnReporter, ReporterReplied) => Ok(InProgress),
        (InProgress, AwaitReporter) => Ok(WaitingOnReporter),
        (InProgress | WaitingOnReporter, Resolve) => Ok(Resolved),
        (Triaged | InProgress | WaitingOnReporter | Resolved, Close) => Ok(Closed),
        (Resolved | Closed, Reopen) => Ok(InProgress),
        (from, action) => Err(DomainError::Transition { from, action }),
    }
}

/// The actions allowed from `status`, for the buttons a case page shows.
pub fn allowed(status: Status) -> Vec<Action> {
    Action::ALL.into_iter().filter(|a| next(status, *a).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_usual_path_reaches_resolved() {
        let mut s = Status::New;
        for a in [Action::Triage, Action::Start, Action::AwaitReporter, Action::ReporterReplied, Action::Resolve] {
            s = next(s, a).unwrap();
        }
        assert_eq!(s, Status::Resolved);
        assert_eq!(next(s, Action::Reopen).unwrap(), Status::InProgress);
    }

    #[test]
    fn spam_closes_from_new_but_a_new_case_cannot_be_resolved() {
        assert_eq!(next(Status::New, Action::CloseAsSpam).unwrap(), Status::Closed);
        assert!(next(Status::New, Action::Resolve).is_err());
        assert!(next(Status::New, Action::Start).is_err(), "a case is triaged before work starts");
        assert!(next(Status::Closed, Action::Resolve).is_err());
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.code()), Some(a));
        }
    }

    fn any_action() -> impl Strategy<Value = Action> {
        proptest::sample::select(Action::ALL.to_vec())
    }

    proptest! {
        /// No sequence of actions reaches a state the rules forbid: every accepted step is
        /// one of the listed transitions, refused steps leave the status unchanged, and a
        /// case only gets to `resolved` through work (`in_progress` or waiting).
        #[test]
        fn no_sequence_of_actions_breaks_the_rules(actions in proptest::collection::vec(any_action(), 0..60)) {
            let mut status = Status::New;
            let mut worked = false;
            for a in actions {
                let before = status;
                match next(status, a) {
                    Ok(after) => {
                        prop_assert!(allowed(before).contains(&a));
                        if after == Status::Resolved {
                            prop_assert!(matches!(before, Status::InProgress | Status::WaitingOnReporter));
                            prop_assert!(worked);
                        }
                        if before == Status::New {
                            prop_assert!(matches!(after, Status::Triaged | Status::Closed));
                        }
                        status = after;
                    }
                    Err(_) => prop_assert!(!allowed(before).contains(&a)),
                }
                worked |= status == Status::InProgress;
                prop_assert!(status != Status::New || before == Status::New, "nothing returns to new");
            }
        }
    }
}
