//! The subscriptions' SQL, for both backends (see
//! `vigie_core::store::SubscriptionStore`). Dialect-free parts here; `backend.rs` is
//! compiled once per backend (see `sqlite.rs`).

use vigie_core::network::{Alert, Mode, Topic};
use vigie_core::store::DigestItem;
use vigie_core::{StoreError, StoreResult, Timestamp, UserId};

#[derive(sqlx::FromRow)]
pub(crate) struct DigestDbRow {
    id: i64,
    user_id: i64,
    alert: String,
    created_at: i64,
}

impl TryFrom<DigestDbRow> for DigestItem {
    type Error = StoreError;
    fn try_from(r: DigestDbRow) -> StoreResult<Self> {
        let alert: Alert = serde_json::from_str(&r.alert)
            .map_err(|e| StoreError::Backend(format!("digest item {}: unreadable alert: {e}", r.id)))?;
        Ok(DigestItem { id: r.id, user: UserId(r.user_id), alert, created_at: Timestamp(r.created_at) })
    }
}

/// A stored (topic, mode); `None` for a topic this version does not know (written by a
/// newer one), which is then left out rather than failing the person's alerts.
pub(crate) fn topic_mode(topic: &str, mode: &str) -> StoreResult<Option<(Topic, Mode)>> {
    let Some(topic) = Topic::parse(topic) else { return Ok(None) };
    let mode = Mode::parse(mode).ok_or_else(|| StoreError::Backend(format!("unknown alert mode {mode:?}")))?;
    Ok(Some((topic, mode)))
}

pub(crate) fn alert_json(alert: &Alert) -> StoreResult<String> {
    serde_json::to_string(alert).map_err(|e| StoreError::Backend(format!("alert serialisation: {e}")))
}
