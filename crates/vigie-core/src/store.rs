//! The storage port. `vigie-store` implements it for SQLite and PostgreSQL; both pass
//! one conformance suite. Methods that must change several rows together are single
//! methods, so each backend runs them in one transaction.

use async_trait::async_trait;

use crate::ids::{CaseId, OrgId, TokenId, UserId};
use crate::merkle::{Hash, NodeId};
use crate::observation::Observation;
use crate::watch::analysis::DetectedEvent;
use crate::watch::measurement::{CellCounts, CellKey, MeasurementFacts};
use crate::watch::records::{
    AlertChange, AlertRow, DisruptionRow, DisruptionSave, DisruptionVersionRow, EnrolRefusal, ProbeRow, Review,
    SpeedRow, WatchCountryRow, WatchEventRow, WatchSpanRow,
};
use crate::{Role, Timestamp};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("already exists: {0}")]
    Conflict(&'static str),
    #[error("the database cannot be reached: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// An organization as stored: its public key in clear, its secret key only wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRecord {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    /// `age1…` recipient.
    pub public_key: String,
    /// The secret key wrapped under the recovery key.
    pub recovery_wrap: Vec<u8>,
    /// Emergency contacts of the organization, sealed to its key.
    pub sealed_contacts: Option<Vec<u8>>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewOrg {
    pub slug: String,
    pub name: String,
    pub public_key: String,
    pub recovery_wrap: Vec<u8>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserId,
    pub org_id: OrgId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: Timestamp,
}

/// How a member holds their organization's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberKey {
    /// The organization's secret key wrapped under the member's password.
    Wrapped(Vec<u8>),
    /// Not yet: a key pair of the member's own, its secret wrapped under their password,
    /// to which a colleague's session will seal the organization's key.
    Pending(PendingKey),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingKey {
    /// `age1…` recipient of the member's pending key pair.
    pub public_key: String,
    /// The pending secret key wrapped under the member's password.
    pub wrapped_secret: Vec<u8>,
    /// The organization's secret key sealed to `public_key`, once a colleague granted it.
    pub grant: Option<Vec<u8>>,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub org_id: OrgId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub key: MemberKey,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub token_hash: Vec<u8>,
    pub user_id: UserId,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked: bool,
}

/// A case as stored: what sorts the queue in clear, the report and the thread key sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: CaseId,
    pub org_id: OrgId,
    pub status: String,
    pub severity: String,
    pub proposed_severity: String,
    /// Incident type codes, comma-separated.
    pub incidents: String,
    /// Platform codes, comma-separated.
    pub platforms: String,
    pub country: Option<String>,
    pub language: String,
    pub ongoing: bool,
    pub consent_to_share: bool,
    pub opened_at: Timestamp,
    pub first_response_due: Timestamp,
    pub resolution_due: Timestamp,
    pub responded_at: Option<Timestamp>,
    pub assignee_id: Option<UserId>,
    pub updated_at: Timestamp,
    /// `SealedReport` as JSON, sealed to the organization.
    pub sealed_report: Vec<u8>,
    /// The thread key sealed to the organization.
    pub thread_key_sealed: Vec<u8>,
    /// The thread key wrapped under the receipt code (Argon2id).
    pub thread_key_reporter: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct NewCase {
    pub org_id: OrgId,
    pub status: String,
    pub severity: String,
    pub incidents: String,
    pub platforms: String,
    pub country: Option<String>,
    pub language: String,
    pub ongoing: bool,
    pub consent_to_share: bool,
    pub opened_at: Timestamp,
    pub first_response_due: Timestamp,
    pub resolution_due: Timestamp,
    /// HMAC-SHA-256 of the receipt code under a key kept outside the database.
    pub receipt_mac: Vec<u8>,
    pub sealed_report: Vec<u8>,
    pub thread_key_sealed: Vec<u8>,
    pub thread_key_reporter: Vec<u8>,
    /// Playbooks the intake selected (codes).
    pub playbooks: Vec<String>,
    /// Files attached to the report, already stored as sealed blobs.
    pub files: Vec<NewCaseFile>,
}

/// A file to attach to a case: its blob is already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCaseFile {
    pub blob_name: String,
    /// `FileMeta` as JSON, sealed to the organization.
    pub sealed_meta: Vec<u8>,
    pub from_reporter: bool,
    pub added_by: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFileRecord {
    pub id: i64,
    pub case_id: CaseId,
    pub blob_name: String,
    pub sealed_meta: Vec<u8>,
    pub from_reporter: bool,
    pub added_by: Option<UserId>,
    pub created_at: Timestamp,
}

/// A leaf to append to the tamper-evident log, with what it records, written together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLeaf {
    pub org: OrgId,
    pub case: Option<CaseId>,
    pub leaf_hash: Hash,
    /// The record's canonical JSON (nonce included), sealed to `org`.
    pub sealed_record: Vec<u8>,
    pub at: Timestamp,
    pub content: LeafContent,
}

/// What a leaf records, stored in the same transaction as the leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafContent {
    /// A case action, also written to the case's history.
    CaseAction { actor: Option<UserId>, kind: String, detail: String },
    /// An evidence item; a file or capture names its stored file, new or already attached.
    Evidence { kind: String, file: Option<LeafFile>, added_by: Option<UserId> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafFile {
    New(NewCaseFile),
    Attached(i64),
}

impl LeafContent {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::CaseAction { .. } => "case_action",
            Self::Evidence { .. } => "evidence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafRecordRow {
    pub leaf_index: u64,
    pub org: OrgId,
    pub case: Option<CaseId>,
    pub kind: String,
    pub sealed_record: Vec<u8>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    pub id: i64,
    pub case: CaseId,
    pub kind: String,
    pub leaf_index: u64,
    pub file_id: Option<i64>,
    pub added_by: Option<UserId>,
    pub created_at: Timestamp,
}

/// A signed tree head as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeHeadRow {
    pub size: u64,
    pub root: Hash,
    pub timestamp: Timestamp,
    pub signature: Vec<u8>,
}

/// One message of a case's thread with the reporter, encrypted under the thread key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: i64,
    pub case_id: CaseId,
    pub from_reporter: bool,
    pub author_id: Option<UserId>,
    pub body: Vec<u8>,
    pub created_at: Timestamp,
}

/// How the queue is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CaseSort {
    /// Most recent first.
    #[default]
    Newest,
    Oldest,
    /// Gravest first, then oldest.
    Severity,
    /// Nearest resolution deadline first.
    Due,
}

/// The queue's filters; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<String>,
    /// Only open cases (neither resolved nor closed).
    pub open_only: bool,
    pub severity: Option<String>,
    pub incident: Option<String>,
    pub platform: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub assignee: Option<UserId>,
    pub unassigned: bool,
    /// Only cases overdue at this time.
    pub overdue_at: Option<Timestamp>,
    pub sort: CaseSort,
    /// The cases other organizations shared with this one, instead of its own.
    pub shared_with_us: bool,
    pub limit: i64,
    pub offset: i64,
}

/// An internal note, sealed to the organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRecord {
    pub id: i64,
    pub case_id: CaseId,
    pub author_id: UserId,
    pub body: Vec<u8>,
    pub created_at: Timestamp,
}

/// A playbook step ticked on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub code: String,
    pub step: i64,
    pub done_by: UserId,
    pub done_at: Timestamp,
}

/// One line of a case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub id: i64,
    pub case_id: CaseId,
    pub actor_id: Option<UserId>,
    pub kind: String,
    pub detail: String,
    pub created_at: Timestamp,
}

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
pub trait Store: Send + Sync + 'static {
    // Organizations.
    /// Inserts an organization and, when given, its first member, in one transaction.
    async fn insert_org(&self, org: &NewOrg, first_member: Option<&NewUser>) -> StoreResult<(OrgId, Option<UserId>)>;
    async fn org(&self, id: OrgId) -> StoreResult<OrgRecord>;
    async fn org_by_slug(&self, slug: &str) -> StoreResult<OrgRecord>;
    async fn orgs(&self) -> StoreResult<Vec<OrgRecord>>;
    async fn set_org_contacts(&self, id: OrgId, sealed: Option<&[u8]>) -> StoreResult<()>;

    // Users and their keys.
    /// Inserts a user and how they hold the organization's key, in one transaction.
    async fn insert_user(&self, user: &NewUser) -> StoreResult<UserId>;
    async fn user(&self, id: UserId) -> StoreResult<UserRecord>;
    async fn user_by_username(&self, username: &str) -> StoreResult<UserRecord>;
    /// All users, or those of one organization, ordered by username.
    async fn users(&self, org: Option<OrgId>) -> StoreResult<Vec<UserRecord>>;
    async fn count_active_admins(&self) -> StoreResult<i64>;
    async fn member_key(&self, user: UserId) -> StoreResult<Option<MemberKey>>;
    /// Replaces the user's password hash and key holding, in one transaction.
    async fn set_password(&self, user: UserId, password_hash: &str, key: &MemberKey) -> StoreResult<()>;
    /// Replaces only the key holding (a pending member who became wrapped).
    async fn set_member_key(&self, user: UserId, key: &MemberKey) -> StoreResult<()>;
    /// Pending members of an organization that no colleague has granted the key yet.
    async fn ungranted_pending(&self, org: OrgId) -> StoreResult<Vec<(UserId, PendingKey)>>;
    async fn set_pending_grant(&self, user: UserId, grant: &[u8]) -> StoreResult<()>;
    /// Disables an account: deletes its key wraps, sessions and API tokens with it.
    async fn disable_user(&self, user: UserId) -> StoreResult<()>;

    // Sessions.
    async fn insert_session(&self, session: &SessionRecord) -> StoreResult<()>;
    async fn session(&self, token_hash: &[u8]) -> StoreResult<SessionRecord>;
    async fn touch_session(&self, token_hash: &[u8], at: Timestamp) -> StoreResult<()>;
    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;
    async fn delete_sessions_of(&self, user: UserId) -> StoreResult<()>;

    // One-time setup links.
    async fn insert_setup_token(&self, token_hash: &[u8], expires_at: Timestamp) -> StoreResult<()>;
    /// Whether an unexpired token with this hash exists (without using it).
    async fn setup_token_valid(&self, token_hash: &[u8], now: Timestamp) -> StoreResult<bool>;
    /// Deletes the token; `true` only if it existed and had not expired.
    async fn consume_setup_token(&self, token_hash: &[u8], now: Timestamp) -> StoreResult<bool>;

    // API tokens.
    async fn insert_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &[u8],
        at: Timestamp,
    ) -> StoreResult<TokenId>;
    async fn api_tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiTokenRecord>>;
    /// The unrevoked token with this hash, marked as used at `at`.
    async fn use_api_token(&self, token_hash: &[u8], at: Timestamp) -> StoreResult<ApiTokenRecord>;
    /// Revokes a token of `user`; `NotFound` if it is someone else's.
    async fn revoke_api_token(&self, user: UserId, id: TokenId) -> StoreResult<()>;

    // Cases.
    /// Inserts a case; committed (durable) when this returns.
    async fn insert_case(&self, case: &NewCase) -> StoreResult<CaseId>;
    /// Inserts a case and appends to the log the leaves that `leaves` makes for it (their
    /// records name the case, so they are made once its id is known), in one transaction:
    /// a report is committed with its "opened" leaf or not at all, at the cost of one
    /// commit. `leaves` runs while the database's write lock is held: it only seals.
    /// Returns the case and the leaves' indexes; committed (durable) when this returns.
    async fn insert_case_logged(
        &self,
        case: &NewCase,
        leaves: &(dyn Fn(CaseId) -> StoreResult<Vec<NewLeaf>> + Send + Sync),
    ) -> StoreResult<(CaseId, Vec<u64>)>;
    async fn case(&self, id: CaseId) -> StoreResult<CaseRecord>;
    async fn case_by_receipt(&self, receipt_mac: &[u8]) -> StoreResult<CaseRecord>;
    /// Sets the status; `responded_at` is set once, the first time it is given.
    async fn set_case_status(
        &self,
        id: CaseId,
        status: &str,
        responded_at: Option<Timestamp>,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn set_case_severity(
        &self,
        id: CaseId,
        severity: &str,
        first_response_due: Timestamp,
        resolution_due: Timestamp,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn set_case_assignee(&self, id: CaseId, assignee: Option<UserId>, at: Timestamp) -> StoreResult<()>;
    async fn insert_message(
        &self,
        case: CaseId,
        from_reporter: bool,
        author: Option<UserId>,
        body: &[u8],
        at: Timestamp,
    ) -> StoreResult<i64>;
    async fn messages(&self, case: CaseId) -> StoreResult<Vec<MessageRecord>>;

    /// One page of an organization's queue, and how many cases match in all.
    async fn list_cases(&self, org: OrgId, filter: &CaseFilter) -> StoreResult<(Vec<CaseRecord>, i64)>;
    async fn insert_note(&self, case: CaseId, author: UserId, body: &[u8], at: Timestamp) -> StoreResult<i64>;
    async fn notes(&self, case: CaseId) -> StoreResult<Vec<NoteRecord>>;
    async fn insert_event(
        &self,
        case: CaseId,
        actor: Option<UserId>,
        kind: &str,
        detail: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn events(&self, case: CaseId) -> StoreResult<Vec<EventRecord>>;

    // Playbooks.
    /// The admins' versions of playbooks, as JSON.
    async fn playbook_overrides(&self) -> StoreResult<Vec<String>>;
    async fn put_playbook(&self, code: &str, content: &str, by: UserId, at: Timestamp) -> StoreResult<()>;
    async fn case_playbooks(&self, case: CaseId) -> StoreResult<Vec<String>>;
    /// Ticks (`Some`) or unticks (`None`) a step.
    async fn set_step(&self, case: CaseId, code: &str, step: i64, done: Option<(UserId, Timestamp)>)
    -> StoreResult<()>;
    async fn case_steps(&self, case: CaseId) -> StoreResult<Vec<StepRecord>>;

    // Sharing, links, tags.
    async fn insert_share(
        &self,
        case: CaseId,
        org: OrgId,
        sealed_report: &[u8],
        thread_key_sealed: &[u8],
        by: UserId,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// The case's sealed parts as re-sealed for `org`, if shared with it.
    async fn share(&self, case: CaseId, org: OrgId) -> StoreResult<Option<(Vec<u8>, Vec<u8>)>>;
    /// Organizations a case is shared with.
    async fn shared_with(&self, case: CaseId) -> StoreResult<Vec<OrgId>>;
    /// Links two cases (both directions).
    async fn link_cases(&self, a: CaseId, b: CaseId) -> StoreResult<()>;
    async fn linked_cases(&self, case: CaseId) -> StoreResult<Vec<CaseId>>;
    async fn set_tags(&self, case: CaseId, tags: &[String]) -> StoreResult<()>;
    async fn tags(&self, case: CaseId) -> StoreResult<Vec<String>>;
    /// Every event of every case, oldest first (for the audit export).
    async fn all_events(&self, after_id: i64, limit: i64) -> StoreResult<Vec<EventRecord>>;

    // Files.
    async fn insert_case_files(&self, case: CaseId, files: &[NewCaseFile], at: Timestamp) -> StoreResult<Vec<i64>>;
    async fn case_files(&self, case: CaseId) -> StoreResult<Vec<CaseFileRecord>>;

    /// A cheap query proving the database answers.
    // The tamper-evident log.
    /// Appends leaves in order, in one transaction with what they record, completing the
    /// tree's stored nodes; returns their leaf indexes. Concurrent appends (several
    /// processes included) are serialised by the database.
    async fn append_leaves(&self, leaves: &[NewLeaf]) -> StoreResult<Vec<u64>>;
    async fn log_size(&self) -> StoreResult<u64>;
    /// The stored nodes among `ids` (missing ones are left out).
    async fn log_nodes(&self, ids: &[NodeId]) -> StoreResult<Vec<(NodeId, Hash)>>;
    async fn log_leaf(&self, index: u64) -> StoreResult<LeafRecordRow>;
    async fn case_leaves(&self, case: CaseId) -> StoreResult<Vec<LeafRecordRow>>;
    async fn insert_tree_head(&self, head: &TreeHeadRow) -> StoreResult<()>;
    async fn latest_tree_head(&self) -> StoreResult<Option<TreeHeadRow>>;
    async fn case_evidence(&self, case: CaseId) -> StoreResult<Vec<EvidenceRow>>;
    async fn evidence_item(&self, id: i64) -> StoreResult<EvidenceRow>;

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

    // Network watch.
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

    async fn ping(&self) -> StoreResult<()>;
}
