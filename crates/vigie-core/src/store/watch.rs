//! The watch port: measurements and their hourly cells, events, alerts and
//! subscriptions, disruption records, probes.

use async_trait::async_trait;

use super::StoreResult;
use crate::Timestamp;
use crate::ids::UserId;
use crate::watch::analysis::DetectedEvent;
use crate::watch::measurement::{CellCounts, CellKey, MeasurementFacts};
use crate::watch::records::{
    AlertChange, AlertRow, DisruptionRow, DisruptionSave, DisruptionVersionRow, EnrolRefusal, ProbeRow, Review,
    SpeedRow, WatchCountryRow, WatchEventRow, WatchSpanRow,
};

#[async_trait]
pub trait WatchStore: Send + Sync + 'static {
    /// Stores the measurements not stored yet (same uid) and adds them to their hourly
    /// cells, in one transaction; returns how many were new. Re-imports count nothing twice.
    async fn insert_measurements(&self, batch: &[MeasurementFacts], imported_at: Timestamp) -> StoreResult<u64>;
    async fn measurement_count(&self) -> StoreResult<i64>;
    /// A country's hourly cells from `since` on, by hour.
    async fn watch_cells(&self, country: &str, since: Timestamp) -> StoreResult<Vec<(CellKey, CellCounts)>>;
    /// The countries with cells from `since` on, by country code.
    async fn watch_countries(&self, since: Timestamp) -> StoreResult<Vec<WatchCountryRow>>;
    /// The countries with cells before `before`: how many measurements there, and the
    /// first and last of their hours, by country code.
    async fn watch_spans_before(&self, before: Timestamp) -> StoreResult<Vec<WatchSpanRow>>;
    /// A country's probe speed figures from `since` on.
    async fn watch_speed(&self, country: &str, since: Timestamp) -> StoreResult<Vec<SpeedRow>>;
    /// Inserts or updates an event (identity: kind, scope, start). Returns the stored
    /// event as it was before (`None` if new) and its id.
    async fn upsert_watch_event(
        &self,
        event: &DetectedEvent,
        at: Timestamp,
    ) -> StoreResult<(i64, Option<WatchEventRow>)>;
    /// A country's events (all countries for `None`) starting from `since`, latest first.
    async fn watch_events(&self, country: Option<&str>, since: Timestamp) -> StoreResult<Vec<WatchEventRow>>;
    async fn watch_event(&self, id: i64) -> StoreResult<WatchEventRow>;
    async fn insert_alert(&self, event: i64, change: AlertChange, at: Timestamp) -> StoreResult<i64>;
    /// The latest alerts (newest first), for the given countries (all for `None`).
    async fn alerts(&self, countries: Option<&[String]>, limit: i64) -> StoreResult<Vec<AlertRow>>;
    async fn alert_subscriptions(&self, user: UserId) -> StoreResult<Vec<String>>;
    /// Replaces a member's subscriptions (country codes, `*` for every country).
    async fn set_alert_subscriptions(&self, user: UserId, countries: &[String]) -> StoreResult<()>;
    /// Creates a disruption record at version 1 (with its first version row).
    async fn create_disruption(&self, save: &DisruptionSave, event: Option<i64>) -> StoreResult<i64>;
    /// Saves a new version if the record is still at `expected_version`
    /// (`Conflict` otherwise: someone else edited it meanwhile). Returns the new version.
    async fn update_disruption(&self, id: i64, expected_version: i64, save: &DisruptionSave) -> StoreResult<i64>;
    async fn disruption(&self, id: i64) -> StoreResult<DisruptionRow>;
    /// Records by start (latest first; undated last), optionally of one review state.
    async fn disruptions(&self, review: Option<Review>) -> StoreResult<Vec<DisruptionRow>>;
    async fn disruption_versions(&self, id: i64) -> StoreResult<Vec<DisruptionVersionRow>>;
    /// Stores a probe enrolment token (its SHA-256, hex).
    async fn create_probe_token(
        &self,
        token_hash: &str,
        by: UserId,
        at: Timestamp,
        expires_at: Timestamp,
    ) -> StoreResult<()>;
    /// Uses a token (once) to enrol a probe, in one transaction.
    async fn enrol_probe(
        &self,
        token_hash: &str,
        name: &str,
        public_key: &str,
        at: Timestamp,
    ) -> StoreResult<Result<i64, EnrolRefusal>>;
    async fn probe(&self, id: i64) -> StoreResult<ProbeRow>;
    async fn probes(&self) -> StoreResult<Vec<ProbeRow>>;
    async fn revoke_probe(&self, id: i64, at: Timestamp) -> StoreResult<()>;
    /// Records a result id; `false` if it was already received (a replay).
    async fn record_probe_result(&self, probe: i64, result_id: &str, at: Timestamp) -> StoreResult<bool>;
    async fn probe_targets(&self) -> StoreResult<Vec<String>>;
    async fn set_probe_targets(&self, targets: &[String]) -> StoreResult<()>;
}
