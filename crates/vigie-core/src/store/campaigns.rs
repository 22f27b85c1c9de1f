//! The campaigns port: imported observations, text signatures, detection runs, campaigns
//! and their links to cases.

use async_trait::async_trait;

use super::StoreResult;
use crate::Timestamp;
use crate::ids::{CaseId, UserId};
use crate::observation::Observation;

/// An observation as stored: its number in this instance and when it was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationRow {
    pub id: i64,
    pub observation: Observation,
    pub imported_at: Timestamp,
}

/// The MinHash signature of one normalised text, computed once and kept, with the
/// near-duplicate cluster the text belonged to when it was saved (the key of the
/// cluster's representative text). Keys are the 64-bit text keys of
/// [`crate::campaign::Detector`], stored as `i64`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSignatureRow {
    pub key: i64,
    pub cluster: i64,
    /// The signature's values, little-endian `u64` each.
    pub signature: Vec<u8>,
}

/// One run of campaign detection.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectionRunRow {
    pub at: Timestamp,
    pub observations: i64,
    pub campaigns: i64,
    pub millis: i64,
    /// The settings used, as JSON.
    pub settings: String,
}

/// A campaign to save: `existing` is the id of the campaign it continues (found by
/// shared accounts), so that its links to cases survive a new detection run.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignSave {
    pub existing: Option<i64>,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub account_count: i64,
    pub post_count: i64,
    pub score: f64,
    /// The [`crate::campaign::CampaignReport`] as JSON.
    pub report: String,
    /// The campaign's observations.
    pub post_ids: Vec<i64>,
    /// Its accounts, `platform:author`.
    pub accounts: Vec<String>,
}

/// A saved campaign. `active` is false once a later run no longer found it (it is
/// kept, with its links to cases).
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignRow {
    pub id: i64,
    pub active: bool,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub account_count: i64,
    pub post_count: i64,
    pub score: f64,
    pub report: String,
    pub detected_at: Timestamp,
}

#[async_trait]
pub trait CampaignStore: Send + Sync + 'static {
    // Observations and campaigns.
    /// Stores the observations not stored yet (same platform and post id), in one
    /// transaction; returns, in input order, each one's new id, or `None` when it was
    /// already there (re-imports never duplicate a post).
    async fn insert_observations(&self, batch: &[Observation], imported_at: Timestamp)
    -> StoreResult<Vec<Option<i64>>>;
    /// Up to `limit` observations with ids above `after`, by id.
    async fn observations_after(&self, after: i64, limit: i64) -> StoreResult<Vec<ObservationRow>>;
    /// The observations among `ids` (missing ids left out), by id.
    async fn observations_by_id(&self, ids: &[i64]) -> StoreResult<Vec<ObservationRow>>;
    async fn observation_by_post(&self, platform: &str, post_id: &str) -> StoreResult<ObservationRow>;
    async fn observation_count(&self) -> StoreResult<i64>;
    async fn text_signatures(&self) -> StoreResult<Vec<TextSignatureRow>>;
    /// Saves signatures; a key already saved gets its cluster updated.
    async fn put_text_signatures(&self, rows: &[TextSignatureRow]) -> StoreResult<()>;
    /// Saves one detection run in one transaction: continued campaigns are updated in
    /// place (their case links kept), new ones inserted, and every other active
    /// campaign marked inactive. Returns the ids, in input order.
    async fn save_campaigns(&self, run: &DetectionRunRow, campaigns: &[CampaignSave]) -> StoreResult<Vec<i64>>;
    async fn latest_detection_run(&self) -> StoreResult<Option<DetectionRunRow>>;
    /// Campaigns, highest score first; inactive ones only when asked.
    async fn campaigns(&self, include_inactive: bool) -> StoreResult<Vec<CampaignRow>>;
    async fn campaign(&self, id: i64) -> StoreResult<CampaignRow>;
    /// A campaign's observation ids, ascending.
    async fn campaign_posts(&self, id: i64) -> StoreResult<Vec<i64>>;
    /// A campaign's accounts (`platform:author`), sorted.
    async fn campaign_accounts(&self, id: i64) -> StoreResult<Vec<String>>;
    /// Links a campaign to a case (idempotent).
    async fn link_campaign_case(&self, campaign: i64, case: CaseId, by: UserId, at: Timestamp) -> StoreResult<()>;
    async fn unlink_campaign_case(&self, campaign: i64, case: CaseId) -> StoreResult<()>;
    async fn campaign_cases(&self, campaign: i64) -> StoreResult<Vec<CaseId>>;
    async fn case_campaigns(&self, case: CaseId) -> StoreResult<Vec<i64>>;
    /// Attaches observations to a case (idempotent per pair).
    async fn attach_observations(&self, case: CaseId, ids: &[i64], by: UserId, at: Timestamp) -> StoreResult<()>;
    async fn case_observations(&self, case: CaseId) -> StoreResult<Vec<ObservationRow>>;
}
