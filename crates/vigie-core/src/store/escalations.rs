//! The escalations port: what was sent to platforms, item by item, what they did about
//! each item and when (issue 12). The rules (the lifecycle, the metrics) are in
//! [`crate::escalation`]; the port stores an [`Escalation`] and gives it back whole.
//!
//! What is in clear: the platform, the channel, the dates, the status, the platform's
//! reference and words, and the items as the platform was shown them (the platform has
//! them, and the accountability record groups on them). What is sealed: the narrative
//! the responder wrote to the platform, which may name the person attacked.

use async_trait::async_trait;

use super::StoreResult;
use crate::Timestamp;
use crate::escalation::{Escalation, EscalationId, EscalationStatus, ItemFact, NewEscalation, Outcome};
use crate::escalation::{PlatformReference, ShortText};
use crate::ids::{CaseId, OrgId, UserId};

/// What an item is, besides what the platform is told: the platform's own name for the
/// rule it breaks, and what in Vigie it was taken from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemContext {
    /// The platform's name for its policy (`Violent Speech`), when the responder gives it.
    pub platform_policy: Option<ShortText>,
    /// The evidence item of the case that shows it.
    pub evidence_item: Option<i64>,
    /// The observation (imported public post) it is.
    pub observation: Option<i64>,
}

/// An escalation to store, with its items, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEscalationRecord {
    pub org_id: OrgId,
    pub case_id: Option<CaseId>,
    pub campaign_id: Option<i64>,
    pub created_by: UserId,
    pub escalation: NewEscalation,
    /// One per item, in the items' order; empty means none for any item.
    pub contexts: Vec<ItemContext>,
    /// The narrative, padded and sealed to the organization.
    pub narrative_sealed: Vec<u8>,
}

/// A stored escalation: the domain's [`Escalation`] (items, outcomes, link, dates) and
/// what storage keeps around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationRecord {
    pub id: EscalationId,
    pub org_id: OrgId,
    pub case_id: Option<CaseId>,
    pub campaign_id: Option<i64>,
    pub created_by: UserId,
    pub escalation: Escalation,
    /// One per item, in the items' order.
    pub contexts: Vec<ItemContext>,
    pub narrative_sealed: Vec<u8>,
    pub updated_at: Timestamp,
}

/// A step of an escalation's life, as the store writes it: the escalation's state after
/// [`Escalation::apply`], and the outcomes a decision brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationUpdate {
    /// The status the step started from: the write is refused with
    /// [`super::StoreError::Conflict`] if someone else moved the escalation meanwhile.
    pub from: EscalationStatus,
    pub status: EscalationStatus,
    pub reference: Option<PlatformReference>,
    pub sent_at: Option<Timestamp>,
    pub acknowledged_at: Option<Timestamp>,
    pub decided_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    /// The outcomes to record, one per item in the items' order (a decision); empty for
    /// the other steps.
    pub outcomes: Vec<Outcome>,
    pub at: Timestamp,
}

impl EscalationUpdate {
    /// The write that takes a stored escalation from `from` to `after`; the outcomes are
    /// written when the step is the decision.
    pub fn of(from: EscalationStatus, after: &Escalation, at: Timestamp) -> Self {
        let decided = from != EscalationStatus::Decided && after.status == EscalationStatus::Decided;
        Self {
            from,
            status: after.status,
            reference: after.reference.clone(),
            sent_at: after.sent_at,
            acknowledged_at: after.acknowledged_at,
            decided_at: after.decided_at,
            closed_at: after.closed_at,
            outcomes: if decided { after.outcomes.clone() } else { Vec::new() },
            at,
        }
    }
}

#[async_trait]
pub trait EscalationStore: Send + Sync + 'static {
    /// Stores an escalation (a draft, usually) and its items in one transaction.
    /// `NotFound` when the case, campaign, parent, evidence item or observation named
    /// does not exist.
    async fn insert_escalation(&self, new: &NewEscalationRecord) -> StoreResult<EscalationId>;
    /// One escalation, with its items, outcomes and link.
    async fn escalation(&self, id: EscalationId) -> StoreResult<EscalationRecord>;
    /// The escalations of a case, oldest first.
    async fn case_escalations(&self, case: CaseId) -> StoreResult<Vec<EscalationRecord>>;
    /// The escalations about a campaign, oldest first.
    async fn campaign_escalations(&self, campaign: i64) -> StoreResult<Vec<EscalationRecord>>;
    /// An organization's escalations (of one status, when given), newest first, at most
    /// `limit`.
    async fn org_escalations(
        &self,
        org: OrgId,
        status: Option<EscalationStatus>,
        limit: u32,
    ) -> StoreResult<Vec<EscalationRecord>>;
    /// Records a step (and a decision's outcomes) in one transaction. `NotFound` for
    /// an unknown escalation; `Conflict` when its status is no longer `update.from`.
    async fn update_escalation(&self, id: EscalationId, update: &EscalationUpdate) -> StoreResult<()>;
    /// The accountability facts of the items of an organization's escalations sent in
    /// `[from, until)`: one query over escalations, items, outcomes and cases (for the
    /// country), each item marked re-escalated when an escalation linked to its own
    /// takes up the same item again.
    async fn escalation_facts(&self, org: OrgId, from: Timestamp, until: Timestamp) -> StoreResult<Vec<ItemFact>>;
}
