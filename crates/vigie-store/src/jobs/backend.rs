//! `JobStore` for one backend: `Db` and `This` come from the including module.

use super::{Db, This};
use crate::errors::{affected_one, map};
use crate::jobs::*;
use vigie_core::store::*;
use vigie_core::{StoreResult, Timestamp};

/// The lease conditions every outcome is recorded under: the job, claimed this many
/// times, still running.
const LEASED: &str = "WHERE id = $1 AND claims = $2 AND state = 'running'";

#[async_trait::async_trait]
impl JobStore for This {
    async fn enqueue(&self, job: &NewJob) -> StoreResult<JobId> {
        let id: i64 = sqlx::query_scalar(ENQUEUE)
            .bind(job.kind.as_str())
            .bind(&job.payload)
            .bind(job.dedupe_key.as_deref())
            .bind(job.run_at.0)
            .bind(job.now.0)
            .fetch_one(&self.pool)
            .await
            .map_err(map)?;
        Ok(JobId(id))
    }

    async fn claim(&self, claim: &Claim<'_>) -> StoreResult<Vec<ClaimedJob>> {
        if claim.kinds.is_empty() || claim.limit == 0 {
            return Ok(Vec::new());
        }
        let mut q = sqlx::QueryBuilder::<Db>::new("WITH next AS (SELECT id FROM jobs WHERE kind IN (");
        let mut kinds = q.separated(", ");
        for kind in claim.kinds {
            kinds.push_bind(kind.as_str());
        }
        q.push(") AND ((state = 'pending' AND run_at <= ")
            .push_bind(claim.now.0)
            .push(") OR (state = 'running' AND locked_until <= ")
            .push_bind(claim.now.0)
            .push(")) ORDER BY run_at, id LIMIT ")
            .push_bind(i64::from(claim.limit))
            .push(row_lock(<Db as sqlx::Database>::NAME))
            // An expired lease counts as a failed attempt and says so; the SET
            // expressions all read the row as it was.
            .push(
                ") UPDATE jobs SET \
                 attempts = attempts + CASE WHEN state = 'running' THEN 1 ELSE 0 END, \
                 last_error = CASE WHEN state = 'running' \
                     THEN 'the lease of ' || COALESCE(locked_by, 'a worker') || ' expired' ELSE last_error END, \
                 state = 'running', claims = claims + 1, locked_by = ",
            )
            .push_bind(claim.worker)
            .push(", locked_until = ")
            .push_bind(claim.lease_until.0)
            .push(", updated_at = ")
            .push_bind(claim.now.0)
            .push(" WHERE id IN (SELECT id FROM next) RETURNING id, kind, payload, attempts, claims, dedupe_key");
        let rows: Vec<ClaimedDbRow> = q.build_query_as().fetch_all(&self.pool).await.map_err(map)?;
        let mut jobs = rows.into_iter().map(ClaimedJob::try_from).collect::<StoreResult<Vec<_>>>()?;
        // RETURNING keeps no order; the runner starts the oldest first.
        jobs.sort_by_key(|j| j.lease.job);
        Ok(jobs)
    }

    async fn complete(&self, lease: Lease) -> StoreResult<()> {
        let done = sqlx::query(&format!("DELETE FROM jobs {LEASED}"))
            .bind(lease.job.0)
            .bind(lease.claim)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn reschedule(&self, lease: Lease, run_at: Timestamp, now: Timestamp) -> StoreResult<()> {
        let done = sqlx::query(&format!(
            "UPDATE jobs SET state = 'pending', run_at = $3, attempts = 0, last_error = NULL, locked_by = NULL, \
             locked_until = NULL, updated_at = $4 {LEASED}"
        ))
        .bind(lease.job.0)
        .bind(lease.claim)
        .bind(run_at.0)
        .bind(now.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn fail(&self, lease: Lease, failure: &JobFailure) -> StoreResult<()> {
        let (state, run_at) = match failure.retry {
            Retry::At(at) => (JobState::Pending, at.0),
            Retry::Dead => (JobState::Dead, failure.now.0),
        };
        let done = sqlx::query(&format!(
            "UPDATE jobs SET state = $3, run_at = $4, attempts = attempts + 1, last_error = $5, locked_by = NULL, \
             locked_until = NULL, updated_at = $6 {LEASED}"
        ))
        .bind(lease.job.0)
        .bind(lease.claim)
        .bind(state.as_str())
        .bind(run_at)
        .bind(&failure.error)
        .bind(failure.now.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn job(&self, id: JobId) -> StoreResult<JobRow> {
        let row: JobDbRow = sqlx::query_as(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1"))
            .bind(id.0)
            .fetch_one(&self.pool)
            .await
            .map_err(map)?;
        row.try_into()
    }

    async fn jobs(&self, state: JobState, limit: u32) -> StoreResult<Vec<JobRow>> {
        let rows: Vec<JobDbRow> =
            sqlx::query_as(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE state = $1 ORDER BY run_at, id LIMIT $2"))
                .bind(state.as_str())
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(map)?;
        rows.into_iter().map(JobRow::try_from).collect()
    }

    async fn job_counts(&self) -> StoreResult<JobCounts> {
        let rows: Vec<(String, i64)> = sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state")
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        let mut counts = JobCounts::default();
        for (state, n) in rows {
            let n = u64::try_from(n).unwrap_or(0);
            match JobState::parse(&state) {
                Some(JobState::Pending) => counts.pending = n,
                Some(JobState::Running) => counts.running = n,
                Some(JobState::Dead) => counts.dead = n,
                None => {
                    return Err(vigie_core::StoreError::Backend(format!("unknown job state {state:?} in database")));
                }
            }
        }
        Ok(counts)
    }

    async fn requeue(&self, id: JobId, run_at: Timestamp, now: Timestamp) -> StoreResult<()> {
        // The last error stays, for the record, until the next attempt replaces it.
        let done = sqlx::query(
            "UPDATE jobs SET state = 'pending', run_at = $2, attempts = 0, updated_at = $3 \
             WHERE id = $1 AND state = 'dead'",
        )
        .bind(id.0)
        .bind(run_at.0)
        .bind(now.0)
        .execute(&self.pool)
        .await
        .map_err(map_dedupe)?;
        affected_one(done.rows_affected())
    }

    async fn discard(&self, id: JobId) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM jobs WHERE id = $1 AND state = 'dead'")
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn release_worker(&self, worker: &str, now: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE jobs SET state = 'pending', run_at = $2, attempts = attempts + 1, claims = claims + 1, \
             last_error = $3 || ' stopped while running it', locked_by = NULL, locked_until = NULL, updated_at = $2 \
             WHERE state = 'running' AND locked_by = $1",
        )
        .bind(worker)
        .bind(now.0)
        .bind(worker)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(done.rows_affected())
    }
}
