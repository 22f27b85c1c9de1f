//! The life of an escalation: `draft → sent → acknowledged → decided → closed`.
//!
//! A platform may decide without acknowledging first, so `sent → decided` is allowed;
//! a platform that never answers is recorded as a decision of `no reply` for its items,
//! which is what lets the escalation close and the accountability record count the
//! silence. A decided escalation is never reopened: a re-escalation (another channel,
//! more evidence) or an appeal is a new escalation linked to its parent, so that each
//! attempt keeps its own dates and the record shows how many attempts it took.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::EscalationId;
use super::coded_enum;
use super::codes::{Channel, Platform};
use super::error::EscalationError;
use super::item::{Item, ItemDraft};
use super::outcome::Outcome;
use super::text::PlatformReference;
use crate::Timestamp;
use crate::triage::Severity;

/// At most this many items in one escalation; a bigger campaign is several packages.
pub const MAX_ITEMS: usize = 1_000;

coded_enum!(
    /// Where an escalation is in its life.
    EscalationStatus, "status", "escalation-status-" {
        /// Being prepared; the platform has seen nothing.
        Draft => "draft",
        /// Sent; waiting for the platform.
        Sent => "sent",
        /// The platform confirmed receipt (often with a reference number).
        Acknowledged => "acknowledged",
        /// Every item has an outcome.
        Decided => "decided",
        Closed => "closed",
    }
);

coded_enum!(
    /// What moves an escalation on (the buttons of its page).
    EscalationAction, "action", "escalation-action-" {
        Send => "send",
        Acknowledge => "acknowledge",
        Decide => "decide",
        Close => "close",
    }
);

coded_enum!(
    /// Why an escalation follows another.
    LinkKind, "link", "escalation-link-" {
        /// Sent again, by another channel or with more evidence.
        Reescalation => "reescalation",
        /// The platform is asked to review its decision.
        Appeal => "appeal",
    }
);

impl EscalationStatus {
    /// Sent and not yet decided: the platform owes an answer.
    pub fn awaits_platform(self) -> bool {
        matches!(self, EscalationStatus::Sent | EscalationStatus::Acknowledged)
    }

    /// Whether a re-escalation or an appeal may follow it.
    pub fn can_be_followed_up(self) -> bool {
        matches!(self, EscalationStatus::Decided | EscalationStatus::Closed)
    }
}

/// The status after `action`, or the refusal.
pub fn next(status: EscalationStatus, action: EscalationAction) -> Result<EscalationStatus, EscalationError> {
    use {EscalationAction::*, EscalationStatus::*};
    match (status, action) {
        (Draft, Send) => Ok(Sent),
        (Sent, Acknowledge) => Ok(Acknowledged),
        (Sent | Acknowledged, Decide) => Ok(Decided),
        (Decided, Close) => Ok(Closed),
        (from, action) => Err(EscalationError::Transition { from, action }),
    }
}

/// The actions allowed from `status`, for the buttons a page shows.
pub fn allowed(status: EscalationStatus) -> Vec<EscalationAction> {
    EscalationAction::ALL.iter().copied().filter(|a| next(status, *a).is_ok()).collect()
}

/// The escalation this one follows, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    pub parent: EscalationId,
    pub kind: LinkKind,
}

/// A valid escalation before it is stored: at least one item, no item twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEscalation {
    pub platform: Platform,
    pub channel: Channel,
    pub items: Vec<Item>,
    pub link: Option<Link>,
    pub created_at: Timestamp,
}

impl NewEscalation {
    /// A first escalation of `items` to `platform`.
    pub fn new(
        platform: Platform,
        channel: Channel,
        items: Vec<Item>,
        created_at: Timestamp,
    ) -> Result<Self, EscalationError> {
        check_items(&items)?;
        Ok(Self { platform, channel, items, link: None, created_at })
    }

    /// Parses the form's items (errors name the item) and checks the escalation.
    pub fn from_drafts(
        platform: Platform,
        channel: Channel,
        drafts: &[ItemDraft],
        created_at: Timestamp,
    ) -> Result<Self, EscalationError> {
        let items = drafts
            .iter()
            .enumerate()
            .map(|(index, d)| d.parse().map_err(|source| EscalationError::Item { index, source }))
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(platform, channel, items, created_at)
    }

    /// A re-escalation or an appeal of `parent` (stored as `parent_id`): same platform,
    /// any channel, the items it is about. Refused while the parent awaits a decision.
    pub fn follow_up(
        parent_id: EscalationId,
        parent: &Escalation,
        kind: LinkKind,
        channel: Channel,
        items: Vec<Item>,
        created_at: Timestamp,
    ) -> Result<Self, EscalationError> {
        if !parent.status.can_be_followed_up() {
            return Err(EscalationError::ParentNotDecided { status: parent.status });
        }
        let mut new = Self::new(parent.platform.clone(), channel, items, created_at)?;
        new.link = Some(Link { parent: parent_id, kind });
        Ok(new)
    }

    /// The escalation as a draft, before anything is sent.
    pub fn into_draft(self) -> Escalation {
        Escalation {
            platform: self.platform,
            channel: self.channel,
            items: self.items,
            link: self.link,
            status: EscalationStatus::Draft,
            created_at: self.created_at,
            sent_at: None,
            reference: None,
            acknowledged_at: None,
            decided_at: None,
            outcomes: Vec::new(),
            closed_at: None,
        }
    }
}

fn check_items(items: &[Item]) -> Result<(), EscalationError> {
    if items.is_empty() {
        return Err(EscalationError::NoItems);
    }
    if items.len() > MAX_ITEMS {
        return Err(EscalationError::TooManyItems { max: MAX_ITEMS });
    }
    let mut seen = HashMap::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        if let Some(first) = seen.insert(item.kind.locator(), index) {
            return Err(EscalationError::DuplicateItem { index, first });
        }
    }
    Ok(())
}

/// An escalation and everything that happened to it. Its fields are public so that
/// storage can rebuild it; changes go through [`Escalation::apply`], which keeps the
/// status, the dates and the outcomes consistent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    pub platform: Platform,
    pub channel: Channel,
    pub items: Vec<Item>,
    pub link: Option<Link>,
    pub status: EscalationStatus,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    /// The platform's number for the report, once it gave one.
    pub reference: Option<PlatformReference>,
    pub acknowledged_at: Option<Timestamp>,
    /// When the last item was decided.
    pub decided_at: Option<Timestamp>,
    /// One per item, in the items' order, once decided; empty before.
    pub outcomes: Vec<Outcome>,
    pub closed_at: Option<Timestamp>,
}

/// Something that happened to an escalation, with what it brings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// Sent to the platform; in-product reports and web forms show a number at once.
    Send {
        at: Timestamp,
        reference: Option<PlatformReference>,
    },
    /// The platform confirmed receipt.
    Acknowledge {
        at: Timestamp,
        reference: Option<PlatformReference>,
    },
    /// The platform decided (or the responder recorded `no reply`): one outcome per
    /// item, each with its own date; the escalation is decided at the latest.
    Decide {
        outcomes: Vec<Outcome>,
    },
    Close {
        at: Timestamp,
    },
}

impl Event {
    /// The action this event performs.
    pub fn action(&self) -> EscalationAction {
        match self {
            Event::Send { .. } => EscalationAction::Send,
            Event::Acknowledge { .. } => EscalationAction::Acknowledge,
            Event::Decide { .. } => EscalationAction::Decide,
            Event::Close { .. } => EscalationAction::Close,
        }
    }
}

impl Escalation {
    /// Applies `event`, or refuses it and leaves the escalation unchanged: a step the
    /// status does not allow, a date before the step it follows, a decision without one
    /// outcome per item.
    pub fn apply(&mut self, event: Event) -> Result<(), EscalationError> {
        let action = event.action();
        let status = next(self.status, action)?;
        let not_before = |at: Timestamp, previous: Timestamp| {
            if at < previous { Err(EscalationError::TimeOrder { action, at, previous }) } else { Ok(()) }
        };
        match event {
            Event::Send { at, reference } => {
                not_before(at, self.created_at)?;
                self.sent_at = Some(at);
                self.reference = reference.or(self.reference.take());
            }
            Event::Acknowledge { at, reference } => {
                not_before(at, self.sent_at.unwrap_or(self.created_at))?;
                self.acknowledged_at = Some(at);
                self.reference = reference.or(self.reference.take());
            }
            Event::Decide { outcomes } => {
                if outcomes.len() != self.items.len() {
                    return Err(EscalationError::OutcomeCount { expected: self.items.len(), got: outcomes.len() });
                }
                let sent = self.sent_at.unwrap_or(self.created_at);
                for o in &outcomes {
                    not_before(o.at, sent)?;
                }
                self.decided_at = outcomes.iter().map(|o| o.at).max();
                self.outcomes = outcomes;
            }
            Event::Close { at } => {
                let last = [Some(self.created_at), self.sent_at, self.acknowledged_at, self.decided_at];
                not_before(at, last.into_iter().flatten().max().unwrap_or(self.created_at))?;
                self.closed_at = Some(at);
            }
        }
        self.status = status;
        Ok(())
    }

    /// The gravest of its items' severities: the one its reply period follows.
    pub fn severity(&self) -> Severity {
        self.items.iter().map(|i| i.severity).min().unwrap_or(Severity::Low)
    }

    /// The first sign from the platform about item `index`: the acknowledgement, or
    /// the item's decision if that came first. `None` while it has said nothing, and
    /// for an item recorded as `no reply` without an acknowledgement.
    pub fn first_reply_at(&self, index: usize) -> Option<Timestamp> {
        let decided = self.outcomes.get(index).filter(|o| o.kind.is_decision()).map(|o| o.at);
        [self.acknowledged_at, decided].into_iter().flatten().min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalation::codes::PolicyCategory;
    use crate::escalation::item::ItemType;
    use crate::escalation::outcome::OutcomeKind;
    use proptest::prelude::*;

    pub(crate) fn draft(url: &str, severity: Severity) -> ItemDraft {
        let mut d = ItemDraft::new(ItemType::Post, PolicyCategory::Harassment, severity);
        d.url = url.into();
        d
    }

    fn escalation() -> Escalation {
        let drafts =
            [draft("https://x.com/a/status/1", Severity::Medium), draft("https://x.com/a/status/2", Severity::High)];
        NewEscalation::from_drafts(Platform::X, Channel::TrustedPartner, &drafts, Timestamp(100)).unwrap().into_draft()
    }

    fn outcome(kind: OutcomeKind, at: i64) -> Outcome {
        Outcome::new(kind, Timestamp(at), "").unwrap()
    }

    #[test]
    fn the_usual_path_records_every_date() {
        let mut e = escalation();
        assert_eq!(e.severity(), Severity::High);
        let reference = PlatformReference::parse("TSR-1").ok();
        e.apply(Event::Send { at: Timestamp(200), reference: None }).unwrap();
        e.apply(Event::Acknowledge { at: Timestamp(300), reference: reference.clone() }).unwrap();
        let outcomes = vec![outcome(OutcomeKind::Removed, 500), outcome(OutcomeKind::NoViolationFound, 400)];
        e.apply(Event::Decide { outcomes }).unwrap();
        e.apply(Event::Close { at: Timestamp(600) }).unwrap();
        assert_eq!(e.status, EscalationStatus::Closed);
        assert_eq!(
            (e.sent_at, e.acknowledged_at, e.decided_at),
            (Some(Timestamp(200)), Some(Timestamp(300)), Some(Timestamp(500)))
        );
        assert_eq!(e.reference, reference);
        assert_eq!(e.first_reply_at(0), Some(Timestamp(300)));
    }

    #[test]
    fn refused_steps_leave_the_escalation_unchanged() {
        let mut e = escalation();
        let before = e.clone();
        let err = e.apply(Event::Close { at: Timestamp(200) }).unwrap_err();
        assert_eq!(err, EscalationError::Transition { from: EscalationStatus::Draft, action: EscalationAction::Close });
        let err = e.apply(Event::Send { at: Timestamp(99), reference: None }).unwrap_err();
        assert!(matches!(err, EscalationError::TimeOrder { action: EscalationAction::Send, .. }));
        assert_eq!(e, before);
        e.apply(Event::Send { at: Timestamp(200), reference: None }).unwrap();
        let before = e.clone();
        let one = vec![outcome(OutcomeKind::Removed, 300)];
        assert_eq!(
            e.apply(Event::Decide { outcomes: one }),
            Err(EscalationError::OutcomeCount { expected: 2, got: 1 })
        );
        let early = vec![outcome(OutcomeKind::Removed, 300), outcome(OutcomeKind::Removed, 150)];
        assert!(matches!(e.apply(Event::Decide { outcomes: early }), Err(EscalationError::TimeOrder { .. })));
        assert_eq!(e, before);
    }

    #[test]
    fn a_silent_platform_is_decided_as_no_reply_and_gives_no_first_reply() {
        let mut e = escalation();
        e.apply(Event::Send { at: Timestamp(200), reference: None }).unwrap();
        let silence = vec![outcome(OutcomeKind::NoReply, 9_000), outcome(OutcomeKind::Removed, 8_000)];
        e.apply(Event::Decide { outcomes: silence }).unwrap();
        assert_eq!(e.first_reply_at(0), None);
        assert_eq!(e.first_reply_at(1), Some(Timestamp(8_000)), "the decision is the first sign");
    }

    #[test]
    fn new_escalations_need_distinct_items() {
        let none = NewEscalation::from_drafts(Platform::X, Channel::Email, &[], Timestamp(0));
        assert_eq!(none, Err(EscalationError::NoItems));
        let twice =
            [draft("https://x.com/a/status/1", Severity::Low), draft("https://x.com/a/status/1", Severity::High)];
        let err = NewEscalation::from_drafts(Platform::X, Channel::Email, &twice, Timestamp(0)).unwrap_err();
        assert_eq!(err, EscalationError::DuplicateItem { index: 1, first: 0 });
        let bad = [draft("https://x.com/a/status/1", Severity::Low), draft("x.com/2", Severity::Low)];
        let err = NewEscalation::from_drafts(Platform::X, Channel::Email, &bad, Timestamp(0)).unwrap_err();
        assert!(matches!(err, EscalationError::Item { index: 1, .. }), "{err}");
    }

    #[test]
    fn re_escalations_and_appeals_follow_only_a_decision() {
        let mut parent = escalation();
        let items = parent.items.clone();
        let follow = |p: &Escalation, kind| {
            NewEscalation::follow_up(EscalationId(7), p, kind, Channel::WebForm, items.clone(), Timestamp(700))
        };
        assert_eq!(
            follow(&parent, LinkKind::Appeal),
            Err(EscalationError::ParentNotDecided { status: EscalationStatus::Draft })
        );
        parent.apply(Event::Send { at: Timestamp(200), reference: None }).unwrap();
        assert!(follow(&parent, LinkKind::Reescalation).is_err());
        let outcomes = vec![outcome(OutcomeKind::NoViolationFound, 300), outcome(OutcomeKind::NoReply, 300)];
        parent.apply(Event::Decide { outcomes }).unwrap();
        let appeal = follow(&parent, LinkKind::Appeal).unwrap();
        assert_eq!(appeal.link, Some(Link { parent: EscalationId(7), kind: LinkKind::Appeal }));
        assert_eq!(appeal.platform, Platform::X);
        parent.apply(Event::Close { at: Timestamp(400) }).unwrap();
        assert!(follow(&parent, LinkKind::Reescalation).is_ok());
    }

    #[test]
    fn codes_round_trip() {
        for s in EscalationStatus::ALL {
            assert_eq!(EscalationStatus::parse(s.code()).unwrap(), *s);
        }
        for a in EscalationAction::ALL {
            assert_eq!(EscalationAction::parse(a.code()).unwrap(), *a);
        }
        for k in LinkKind::ALL {
            assert_eq!(LinkKind::parse(k.code()).unwrap(), *k);
        }
        assert_eq!(EscalationStatus::Sent.translation_key(), "escalation-status-sent");
    }

    fn any_action() -> impl Strategy<Value = EscalationAction> {
        proptest::sample::select(EscalationAction::ALL.to_vec())
    }

    proptest! {
        /// Whatever the sequence of actions: accepted steps are the listed ones, refused
        /// steps change nothing, nothing returns to draft, and an escalation closes only
        /// after a decision.
        #[test]
        fn no_sequence_of_actions_breaks_the_rules(actions in proptest::collection::vec(any_action(), 0..40)) {
            let mut status = EscalationStatus::Draft;
            let mut decided = false;
            for a in actions {
                let before = status;
                match next(status, a) {
                    Ok(after) => {
                        prop_assert!(allowed(before).contains(&a));
                        prop_assert!(after != EscalationStatus::Draft);
                        if after == EscalationStatus::Closed {
                            prop_assert!(decided && before == EscalationStatus::Decided);
                        }
                        status = after;
                    }
                    Err(_) => prop_assert!(!allowed(before).contains(&a)),
                }
                decided |= status == EscalationStatus::Decided;
            }
        }
    }
}
