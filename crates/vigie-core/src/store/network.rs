//! The network port: the directory, the on-call rota, pages, alert channels and the
//! record of deliveries.

use async_trait::async_trait;

use super::StoreResult;
use crate::network::{Alert, ChannelId, ChannelKind, Handover, OrgEntry, PageStep, PagingCase, PersonEntry, Slot};
use crate::{CaseId, OrgId, Timestamp, UserId};

/// A stored rota slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotRow {
    pub id: i64,
    pub slot: Slot,
}

/// A page as stored: who was paged about which case, when, and whether they answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRow {
    pub id: i64,
    pub case: CaseId,
    pub step: PageStep,
    pub user: UserId,
    pub paged_at: Timestamp,
    pub acknowledged_at: Option<Timestamp>,
    pub acknowledged_by: Option<UserId>,
}

/// A critical case paging looks at, with the steps that already paged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagingCandidate {
    pub case: CaseId,
    pub org: OrgId,
    pub state: PagingCase,
    pub done: Vec<PageStep>,
}

/// A person's alert channel, its address encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRow {
    pub id: ChannelId,
    pub user: UserId,
    pub kind: ChannelKind,
    pub label: String,
    pub target_sealed: Vec<u8>,
    pub created_at: Timestamp,
}

/// Where a delivery is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Tried and failed; the job tries again.
    Failing,
    Delivered,
    /// Refused for good, or out of attempts.
    Failed,
}

impl DeliveryState {
    pub const ALL: [Self; 3] = [Self::Failing, Self::Delivered, Self::Failed];

    pub fn code(self) -> &'static str {
        match self {
            Self::Failing => "failing",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw)
    }
}

/// One attempt's outcome, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryAttempt<'a> {
    pub key: &'a str,
    pub channel: ChannelId,
    pub kind: ChannelKind,
    pub user: UserId,
    pub alert: &'a Alert,
    pub state: DeliveryState,
    /// What the receiver answered (short, no secret).
    pub answer: &'a str,
    pub at: Timestamp,
}

/// A delivery as the admin sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    pub key: String,
    pub channel: ChannelId,
    pub kind: ChannelKind,
    pub user: UserId,
    pub alert: String,
    pub state: DeliveryState,
    pub attempts: u32,
    pub last_answer: String,
    pub first_at: Timestamp,
    pub updated_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
}

#[async_trait]
pub trait NetworkStore: Send + Sync + 'static {
    // The directory.
    async fn person_entry(&self, user: UserId) -> StoreResult<Option<PersonEntry>>;
    /// Inserts or replaces the person's entry.
    async fn save_person_entry(&self, entry: &PersonEntry) -> StoreResult<()>;
    /// Every entry of enabled accounts, of one organization or all, by user id.
    async fn person_entries(&self, org: Option<OrgId>) -> StoreResult<Vec<PersonEntry>>;
    async fn org_entry(&self, org: OrgId) -> StoreResult<Option<OrgEntry>>;
    async fn save_org_entry(&self, entry: &OrgEntry) -> StoreResult<()>;
    async fn org_entries(&self) -> StoreResult<Vec<OrgEntry>>;

    // The rota.
    async fn rota_slots(&self, org: OrgId) -> StoreResult<Vec<SlotRow>>;
    async fn add_rota_slot(&self, org: OrgId, slot: &Slot) -> StoreResult<i64>;
    /// `NotFound` when the slot is not the organization's.
    async fn delete_rota_slot(&self, org: OrgId, id: i64) -> StoreResult<()>;
    /// Handovers ending after `after`, by start.
    async fn handovers(&self, org: OrgId, after: Timestamp) -> StoreResult<Vec<Handover>>;
    async fn add_handover(&self, org: OrgId, handover: &Handover) -> StoreResult<()>;

    // Pages.
    /// Open critical cases opened since `since` and not yet acknowledged, with the steps
    /// already paged.
    async fn paging_candidates(&self, since: Timestamp) -> StoreResult<Vec<PagingCandidate>>;
    /// Records a page; `None` when this person was already paged at this step for this
    /// case (a retried job pages once).
    async fn insert_page(&self, case: CaseId, step: PageStep, user: UserId, at: Timestamp) -> StoreResult<Option<i64>>;
    async fn page(&self, id: i64) -> StoreResult<PageRow>;
    async fn pages_of(&self, case: CaseId) -> StoreResult<Vec<PageRow>>;
    /// Marks every unanswered page of the case answered by `by`; how many were.
    async fn acknowledge_pages(&self, case: CaseId, by: UserId, at: Timestamp) -> StoreResult<u64>;

    // Alert channels.
    async fn add_channel(
        &self,
        user: UserId,
        kind: ChannelKind,
        label: &str,
        target_sealed: &[u8],
        at: Timestamp,
    ) -> StoreResult<ChannelId>;
    async fn channel(&self, id: ChannelId) -> StoreResult<ChannelRow>;
    async fn channels_of(&self, user: UserId) -> StoreResult<Vec<ChannelRow>>;
    /// `NotFound` when the channel is not the user's.
    async fn delete_channel(&self, user: UserId, id: ChannelId) -> StoreResult<()>;

    // Deliveries.
    /// Records an attempt (the first creates the row; a delivered row stays delivered).
    async fn record_delivery(&self, attempt: &DeliveryAttempt<'_>) -> StoreResult<()>;
    async fn delivery(&self, key: &str) -> StoreResult<Option<DeliveryRow>>;
    /// The latest deliveries, newest first, of one state when given.
    async fn deliveries(&self, state: Option<DeliveryState>, limit: u32) -> StoreResult<Vec<DeliveryRow>>;
}
