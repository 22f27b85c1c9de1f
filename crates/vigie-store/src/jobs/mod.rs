//! The job queue's SQL, for both backends (see `vigie_core::store::JobStore`).
//!
//! A claim is one statement: a `WITH` that picks the due jobs and an `UPDATE` that
//! leases them. On PostgreSQL the pick ends with `FOR UPDATE SKIP LOCKED`, so that
//! concurrent claimers lock disjoint jobs without waiting for each other; SQLite has
//! one writer at a time and a write statement holds the write lock from its start, so
//! the same statement without it is already atomic.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

use vigie_core::store::{ClaimedJob, JobId, JobKind, JobRow, JobState, Lease};
use vigie_core::{StoreError, Timestamp};

pub(crate) const JOB_COLUMNS: &str =
    "id, kind, state, run_at, attempts, last_error, dedupe_key, locked_by, locked_until, created_at, updated_at";

/// Enqueues one job (`kind, payload, dedupe_key, run_at, now`). The conflict target
/// names the partial unique index (both dialects infer it from the same predicate); a
/// duplicate keeps its row, brought forward if pending.
pub(crate) const ENQUEUE: &str = "INSERT INTO jobs (kind, payload, dedupe_key, state, run_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'pending', $4, $5, $5)
     ON CONFLICT (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state <> 'dead'
     DO UPDATE SET
         run_at = CASE WHEN jobs.state = 'pending' AND excluded.run_at < jobs.run_at
                       THEN excluded.run_at ELSE jobs.run_at END,
         updated_at = CASE WHEN jobs.state = 'pending' AND excluded.run_at < jobs.run_at
                           THEN excluded.updated_at ELSE jobs.updated_at END
     RETURNING id";

/// What a claim adds to its pick of due jobs, for the backend named `db` (sqlx's
/// `Database::NAME`).
pub(crate) fn row_lock(db: &str) -> &'static str {
    if db == "PostgreSQL" { " FOR UPDATE SKIP LOCKED" } else { "" }
}

#[derive(sqlx::FromRow)]
pub(crate) struct JobDbRow {
    id: i64,
    kind: String,
    state: String,
    run_at: i64,
    attempts: i64,
    last_error: Option<String>,
    dedupe_key: Option<String>,
    locked_by: Option<String>,
    locked_until: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<JobDbRow> for JobRow {
    type Error = StoreError;
    fn try_from(r: JobDbRow) -> Result<Self, StoreError> {
        Ok(JobRow {
            id: JobId(r.id),
            kind: kind(&r.kind)?,
            state: JobState::parse(&r.state)
                .ok_or_else(|| StoreError::Backend(format!("unknown job state {:?} in database", r.state)))?,
            run_at: Timestamp(r.run_at),
            attempts: attempts(r.attempts),
            last_error: r.last_error,
            dedupe_key: r.dedupe_key,
            locked_by: r.locked_by,
            locked_until: r.locked_until.map(Timestamp),
            created_at: Timestamp(r.created_at),
            updated_at: Timestamp(r.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ClaimedDbRow {
    id: i64,
    kind: String,
    payload: Vec<u8>,
    attempts: i64,
    claims: i64,
    dedupe_key: Option<String>,
}

impl TryFrom<ClaimedDbRow> for ClaimedJob {
    type Error = StoreError;
    fn try_from(r: ClaimedDbRow) -> Result<Self, StoreError> {
        Ok(ClaimedJob {
            lease: Lease { job: JobId(r.id), claim: r.claims },
            kind: kind(&r.kind)?,
            payload: r.payload,
            attempts: attempts(r.attempts),
            dedupe_key: r.dedupe_key,
        })
    }
}

fn kind(raw: &str) -> Result<JobKind, StoreError> {
    JobKind::parse(raw).map_err(|_| StoreError::Backend(format!("invalid job kind {raw:?} in database")))
}

fn attempts(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// A write refused by the deduplication index: another job of the kind with the same
/// key is pending or running.
pub(crate) fn map_dedupe(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict("a job with this deduplication key is already queued")
        }
        _ => crate::errors::map(e),
    }
}
