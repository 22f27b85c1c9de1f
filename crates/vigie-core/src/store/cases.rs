//! The cases port: the queue, each case's thread, notes, history, playbooks, sharing,
//! links, tags and files.

use async_trait::async_trait;

use super::StoreResult;
use crate::Timestamp;
use crate::ids::{CaseId, OrgId, UserId};
use crate::incident::{IncidentType, Platform};
use crate::triage::Severity;
use crate::workflow::Status;

/// A case as stored: what sorts the queue in clear, the report and the thread key sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: CaseId,
    pub org_id: OrgId,
    pub status: Status,
    pub severity: Severity,
    /// What the rules proposed at intake, before any override.
    pub proposed_severity: Severity,
    /// In the order stored (the taxonomy's, once each, for cases opened by intake).
    pub incidents: Vec<IncidentType>,
    pub platforms: Vec<Platform>,
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
    pub status: Status,
    /// Also stored as the proposed severity.
    pub severity: Severity,
    pub incidents: Vec<IncidentType>,
    pub platforms: Vec<Platform>,
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

#[async_trait]
pub trait CaseStore: Send + Sync + 'static {
    // Cases.
    /// Inserts a case; committed (durable) when this returns.
    async fn insert_case(&self, case: &NewCase) -> StoreResult<CaseId>;
    async fn case(&self, id: CaseId) -> StoreResult<CaseRecord>;
    async fn case_by_receipt(&self, receipt_mac: &[u8]) -> StoreResult<CaseRecord>;
    /// Sets the status; `responded_at` is set once, the first time it is given.
    async fn set_case_status(
        &self,
        id: CaseId,
        status: Status,
        responded_at: Option<Timestamp>,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn set_case_severity(
        &self,
        id: CaseId,
        severity: Severity,
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
}
