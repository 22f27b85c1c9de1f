//! The subscriptions port: each person's mode per alert topic, the once-only record of
//! what each person was told, the digest's pending items, and the watermark of the
//! watch alerts already routed.

use async_trait::async_trait;

use super::StoreResult;
use crate::network::{Alert, Mode, Topic};
use crate::{Timestamp, UserId};

/// An alert kept for a person's next digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestItem {
    pub id: i64,
    pub user: UserId,
    pub alert: Alert,
    pub created_at: Timestamp,
}

/// A watch alert as routing needs it: its id and its event's country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchAlertRef {
    pub id: i64,
    pub country: String,
}

#[async_trait]
pub trait SubscriptionStore: Send + Sync + 'static {
    /// The modes the person chose (topics they did not choose are absent).
    async fn topic_modes(&self, user: UserId) -> StoreResult<Vec<(Topic, Mode)>>;
    /// Sets these topics' modes, others unchanged. The schema refuses any mode but
    /// `immediate` for `page` (`Conflict`-free: a `Backend` error, as a broken rule).
    async fn set_topic_modes(&self, user: UserId, modes: &[(Topic, Mode)], at: Timestamp) -> StoreResult<()>;

    /// Whether the person was already told of the alert of this key.
    async fn noticed(&self, user: UserId, key: &str) -> StoreResult<bool>;
    /// Records that the person was told; `false` when it was recorded already.
    async fn record_notice(&self, user: UserId, key: &str, at: Timestamp) -> StoreResult<bool>;
    /// Keeps an alert for the person's digest and records the notice, in one
    /// transaction; `false` (and nothing written) when they were told of it already.
    async fn add_digest_item(&self, user: UserId, key: &str, alert: &Alert, at: Timestamp) -> StoreResult<bool>;
    /// The people with digest items gathered before `before`, by id.
    async fn digest_recipients(&self, before: Timestamp) -> StoreResult<Vec<UserId>>;
    /// The person's digest items gathered before `before`, oldest first.
    async fn digest_items(&self, user: UserId, before: Timestamp) -> StoreResult<Vec<DigestItem>>;
    /// Removes the person's digest items gathered before `before` (their digest was
    /// queued); how many.
    async fn consume_digest_items(&self, user: UserId, before: Timestamp) -> StoreResult<u64>;

    /// How far a source of alerts was routed (`None` before its first run).
    async fn watermark(&self, source: &str) -> StoreResult<Option<i64>>;
    async fn set_watermark(&self, source: &str, value: i64) -> StoreResult<()>;
    /// The highest watch alert id (0 when none).
    async fn last_watch_alert(&self) -> StoreResult<i64>;
    /// Watch alerts after `after`, by id, at most `limit`.
    async fn watch_alerts_after(&self, after: i64, limit: u32) -> StoreResult<Vec<WatchAlertRef>>;
    /// Enabled accounts whose watch subscriptions name `country` or `*`, by id.
    async fn watch_subscribers(&self, country: &str) -> StoreResult<Vec<UserId>>;
}
