//! Why an escalation, an item or a step was refused. Each variant names what to fix;
//! [`EscalationError::field_problem`] gives the form field and the shared
//! [`Problem`] so that pages reuse the `problem-<code>` messages.

use crate::error::Problem;

use super::item::ItemType;
use super::lifecycle::{EscalationAction, EscalationStatus};
use crate::Timestamp;

/// What is wrong with a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    #[error("must not be empty")]
    Empty,
    #[error("is too long (at most {max} characters)")]
    TooLong { max: usize },
    #[error("must not contain control characters")]
    ControlChars,
    #[error("must be an http:// or https:// address with a host")]
    NotHttp,
    /// The characters or the shape are not those the value allows (a language tag, a
    /// SHA-256, a platform's name).
    #[error("is not in the expected form")]
    Format,
    /// A platform written by name is one of the listed platforms: choose it instead.
    #[error("is one of the listed platforms; choose it from the list")]
    ListedPlatform,
}

impl TextProblem {
    /// The shared problem the web layer has messages for.
    pub fn problem(self) -> Problem {
        match self {
            TextProblem::Empty => Problem::Empty,
            TextProblem::TooLong { .. } => Problem::TooLong,
            TextProblem::ControlChars => Problem::ControlChars,
            TextProblem::NotHttp => Problem::UrlFormat,
            TextProblem::Format | TextProblem::ListedPlatform => Problem::UnknownChoice,
        }
    }
}

/// Why one item cannot be escalated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItemError {
    #[error("{field} {problem}")]
    Text { field: &'static str, problem: TextProblem },
    /// A post needs its address or the platform's post id; an account or a group its
    /// address or its name: otherwise the platform cannot find it.
    #[error("a {item_type} needs its address or its {}", if *item_type == ItemType::Post { "post id" } else { "name" })]
    MissingLocator { item_type: ItemType },
    #[error("a translation needs the excerpt it translates")]
    TranslationWithoutExcerpt,
    #[error("a language is given but there is no excerpt")]
    LanguageWithoutExcerpt,
    #[error("the excerpt needs its language")]
    ExcerptWithoutLanguage,
    /// A field that the item's type does not have (an excerpt on an account).
    #[error("{field} does not apply to a {item_type}")]
    NotForType { field: &'static str, item_type: ItemType },
    #[error("at most {max} media per item")]
    TooManyMedia { max: usize },
}

impl ItemError {
    /// The form field at fault and the shared problem.
    pub fn field_problem(&self) -> (&'static str, Problem) {
        match self {
            ItemError::Text { field, problem } => (field, problem.problem()),
            ItemError::MissingLocator { .. } => ("url", Problem::Empty),
            ItemError::TranslationWithoutExcerpt | ItemError::LanguageWithoutExcerpt => ("excerpt", Problem::Empty),
            ItemError::ExcerptWithoutLanguage => ("language", Problem::Empty),
            ItemError::NotForType { field, .. } => (field, Problem::UnknownChoice),
            ItemError::TooManyMedia { .. } => ("media", Problem::TooLong),
        }
    }
}

/// Why an escalation, or a step in its life, was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EscalationError {
    #[error("unknown {field} code")]
    UnknownCode { field: &'static str },
    #[error("{field} {problem}")]
    Text { field: &'static str, problem: TextProblem },
    #[error("an escalation needs at least one item")]
    NoItems,
    #[error("an escalation holds at most {max} items")]
    TooManyItems { max: usize },
    /// `index` counts from 0; the message counts from 1, as people do.
    #[error("item {}: {source}", index + 1)]
    Item { index: usize, source: ItemError },
    #[error("item {} repeats item {}", index + 1, first + 1)]
    DuplicateItem { index: usize, first: usize },
    #[error("an escalation cannot go from {from} by {action}")]
    Transition { from: EscalationStatus, action: EscalationAction },
    /// A step dated before the step it follows (a reply before the sending).
    #[error("{action} at {} is dated before the previous step ({})", at.rfc3339(), previous.rfc3339())]
    TimeOrder { action: EscalationAction, at: Timestamp, previous: Timestamp },
    #[error("a decision needs one outcome per item: {expected} expected, {got} given")]
    OutcomeCount { expected: usize, got: usize },
    /// Re-escalations and appeals follow a decision; before it, the escalation is still
    /// in the platform's hands.
    #[error("only a decided or closed escalation can be re-escalated or appealed (this one is {status})")]
    ParentNotDecided { status: EscalationStatus },
    #[error("an outcome of `no reply` has no words from the platform")]
    WordsWithoutReply,
}

impl EscalationError {
    /// The form field at fault and the shared problem, for errors a form can show next
    /// to a field; `None` for refused steps, which are not a field's fault.
    pub fn field_problem(&self) -> Option<(&'static str, Problem)> {
        match self {
            EscalationError::UnknownCode { field } => Some((field, Problem::UnknownChoice)),
            EscalationError::Text { field, problem } => Some((field, problem.problem())),
            EscalationError::NoItems => Some(("items", Problem::Empty)),
            EscalationError::TooManyItems { .. } => Some(("items", Problem::TooLong)),
            EscalationError::Item { source, .. } => Some(source.field_problem()),
            EscalationError::DuplicateItem { .. } => Some(("items", Problem::UnknownChoice)),
            EscalationError::WordsWithoutReply => Some(("platform_words", Problem::UnknownChoice)),
            EscalationError::Transition { .. }
            | EscalationError::TimeOrder { .. }
            | EscalationError::OutcomeCount { .. }
            | EscalationError::ParentNotDecided { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_count_items_from_one() {
        let e =
            EscalationError::Item { index: 0, source: ItemError::Text { field: "url", problem: TextProblem::NotHttp } };
        assert_eq!(e.to_string(), "item 1: url must be an http:// or https:// address with a host");
        assert_eq!(e.field_problem(), Some(("url", Problem::UrlFormat)));
        assert_eq!(EscalationError::DuplicateItem { index: 2, first: 0 }.to_string(), "item 3 repeats item 1");
        let e = ItemError::MissingLocator { item_type: ItemType::Post };
        assert_eq!(e.to_string(), "a post needs its address or its post id");
    }
}
