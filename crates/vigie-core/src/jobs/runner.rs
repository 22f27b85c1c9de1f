//! The worker loop: claim what is due, run it, record how it went.
//!
//! What is due is decided by the [`Clock`] (a fake one in tests); only the wait between
//! two empty polls uses the runtime's timer.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt as _;
use tokio::sync::Notify;

use super::{JobError, JobHandler, RetryPolicy};
use crate::store::{Claim, ClaimedJob, JobFailure, JobKind, JobStore, NewJob, Retry};
use crate::{Clock, StoreError, StoreResult};

/// The deduplication key of a recurring job: one pending or running job per kind.
const RECURRING_KEY: &str = "recurring";

/// Stored errors are cut to this many bytes: enough to act on, never a whole page.
const MAX_ERROR_BYTES: usize = 1000;

/// How a runner claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunnerSettings {
    /// Jobs claimed (and run at once) per round.
    pub batch: u32,
    /// How long a claim lasts, seconds; a job that runs longer is stopped and counted
    /// as failed, so that it is never run by two workers at once.
    pub lease_secs: i64,
    /// The wait after a round that found less than a full batch.
    pub poll: Duration,
    /// The first delay of a recurring job that failed (never longer than its period).
    pub recurring_retry_secs: i64,
}

impl Default for RunnerSettings {
    fn default() -> Self {
        Self { batch: 8, lease_secs: 300, poll: Duration::from_secs(5), recurring_retry_secs: 30 }
    }
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    pub claimed: u32,
    /// Done (deleted, or rescheduled for a recurring job).
    pub completed: u32,
    /// Failed, to run again later.
    pub retried: u32,
    /// Failed for the last time: now in the dead letters.
    pub dead: u32,
    /// Taken over by another worker before this one recorded the outcome (its lease
    /// had expired), or the outcome could not be recorded.
    pub lost: u32,
}

struct Registration {
    handler: Arc<dyn JobHandler>,
    retry: RetryPolicy,
    /// For a recurring job: its period, seconds.
    every: Option<i64>,
}

enum Outcome {
    Completed,
    Retried,
    Dead,
}

/// Runs the jobs of the kinds it has handlers for.
pub struct JobRunner {
    store: Arc<dyn JobStore>,
    clock: Arc<dyn Clock>,
    worker: String,
    settings: RunnerSettings,
    handlers: HashMap<JobKind, Registration>,
    /// The kinds claimed, in registration order.
    kinds: Vec<JobKind>,
    wake: Notify,
}

impl JobRunner {
    /// A runner with no handlers yet; `worker` names it in the admin view and the logs.
    pub fn new(
        store: Arc<dyn JobStore>,
        clock: Arc<dyn Clock>,
        worker: impl Into<String>,
        settings: RunnerSettings,
    ) -> Self {
        let worker = worker.into();
        Self { store, clock, worker, settings, handlers: HashMap::new(), kinds: Vec::new(), wake: Notify::new() }
    }

    /// Runs the jobs of `kind` with `handler`, retried by `retry`. A kind registered
    /// again is handled by the last handler given.
    pub fn handle(self, kind: JobKind, handler: impl JobHandler, retry: RetryPolicy) -> Self {
        self.register(kind, Registration { handler: Arc::new(handler), retry, every: None })
    }

    /// Runs `handler` every `period_secs` as the recurring job `kind`: one queued job,
    /// rescheduled after each run, that [`Self::schedule_recurring`] creates or brings
    /// forward. A failure is retried sooner than the period but never dies.
    pub fn every(self, kind: JobKind, period_secs: i64, handler: impl JobHandler) -> Self {
        let period = period_secs.max(1);
        let retry = RetryPolicy::recurring(self.settings.recurring_retry_secs, period);
        self.register(kind, Registration { handler: Arc::new(handler), retry, every: Some(period) })
    }

    fn register(mut self, kind: JobKind, registration: Registration) -> Self {
        if self.handlers.insert(kind.clone(), registration).is_none() {
            self.kinds.push(kind);
        }
        self
    }

    /// Makes each recurring job due now: enqueued if absent, brought forward if it
    /// waits for later, left alone if another worker runs it. Called at start, so that
    /// the first run follows it shortly (a tree head right after a restart), and
    /// harmless when several servers start.
    pub async fn schedule_recurring(&self) -> StoreResult<()> {
        let now = self.clock.now();
        for kind in &self.kinds {
            if self.handlers.get(kind).is_some_and(|r| r.every.is_some()) {
                let job = NewJob {
                    kind: kind.clone(),
                    payload: Vec::new(),
                    run_at: now,
                    dedupe_key: Some(RECURRING_KEY.to_owned()),
                    now,
                };
                self.store.enqueue(&job).await?;
            }
        }
        Ok(())
    }

    /// One round: claims up to a batch of due jobs, runs them at once, records each
    /// outcome. Errors are the claim's; a failure to record one outcome is logged and
    /// counted as lost (the job's lease expires and it runs again).
    pub async fn run_due(&self) -> StoreResult<RunReport> {
        let mut report = RunReport::default();
        if self.kinds.is_empty() {
            return Ok(report);
        }
        let now = self.clock.now();
        let claim = Claim {
            worker: &self.worker,
            kinds: &self.kinds,
            limit: self.settings.batch.max(1),
            now,
            lease_until: now.plus_secs(self.settings.lease_secs.max(1)),
        };
        let jobs = self.store.claim(&claim).await?;
        report.claimed = u32::try_from(jobs.len()).unwrap_or(u32::MAX);
        let outcomes = futures::future::join_all(jobs.iter().map(|job| self.run_one(job))).await;
        for (job, outcome) in jobs.iter().zip(outcomes) {
            match outcome {
                Ok(Outcome::Completed) => report.completed += 1,
                Ok(Outcome::Retried) => report.retried += 1,
                Ok(Outcome::Dead) => report.dead += 1,
                Err(e) => {
                    report.lost += 1;
                    if matches!(e, StoreError::NotFound) {
                        tracing::warn!(job = %job.lease.job, kind = %job.kind, "job taken over by another worker");
                    } else {
                        tracing::error!(job = %job.lease.job, kind = %job.kind, error = %e, "job outcome not recorded");
                    }
                }
            }
        }
        Ok(report)
    }

    /// Wakes the loop of [`Self::run`] now, instead of at its next poll: after
    /// enqueueing a job that should not wait.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Schedules the recurring jobs, then runs rounds until the task is dropped; a
    /// full batch is followed at once by the next round, a partial one by a poll's wait.
    pub async fn run(self: Arc<Self>) {
        while let Err(e) = self.schedule_recurring().await {
            tracing::error!(error = %e, "jobs: could not schedule the recurring jobs; trying again");
            tokio::time::sleep(self.settings.poll).await;
        }
        loop {
            match self.run_due().await {
                Ok(r) if r.claimed >= self.settings.batch.max(1) => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "jobs: could not claim due jobs"),
            }
            tokio::select! {
                () = tokio::time::sleep(self.settings.poll) => {}
                () = self.wake.notified() => {}
            }
        }
    }

    /// Runs [`Self::run`] on the runtime; abort the handle to stop it.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(Arc::new(self).run())
    }

    async fn run_one(&self, job: &ClaimedJob) -> StoreResult<Outcome> {
        let Some(reg) = self.handlers.get(&job.kind) else {
            return self.record_failure(job, "no handler for this kind".into(), Retry::Dead).await;
        };
        // Leases that expired count as failed attempts: a job that stops its worker
        // every time ends up dead instead of stopping every worker in turn.
        if reg.retry.exhausted(job.attempts) {
            let error = format!("gave up after {} attempts (the last one's lease expired)", job.attempts);
            return self.record_failure(job, error, Retry::Dead).await;
        }
        let lease = Duration::from_secs(u64::try_from(self.settings.lease_secs.max(1)).unwrap_or(1));
        let run = AssertUnwindSafe(reg.handler.run(job)).catch_unwind();
        let result = match tokio::time::timeout(lease, run).await {
            Ok(Ok(result)) => result,
            Ok(Err(_panic)) => Err(JobError::Retry("the handler panicked".into())),
            Err(_elapsed) => Err(JobError::Retry(format!("stopped after its lease of {lease:?}"))),
        };
        let now = self.clock.now();
        match (result, reg.every) {
            (Ok(()), None) => {
                self.store.complete(job.lease).await?;
                tracing::debug!(job = %job.lease.job, kind = %job.kind, "job done");
                Ok(Outcome::Completed)
            }
            (Ok(()), Some(period)) => {
                self.store.reschedule(job.lease, now.plus_secs(period), now).await?;
                Ok(Outcome::Completed)
            }
            (Err(JobError::Permanent(error)), _) => self.record_failure(job, error, Retry::Dead).await,
            (Err(JobError::Retry(error)), _) => {
                let retry = reg.retry.after_failure(job.attempts.saturating_add(1), job.lease.job, now);
                self.record_failure(job, error, retry).await
            }
        }
    }

    async fn record_failure(&self, job: &ClaimedJob, error: String, retry: Retry) -> StoreResult<Outcome> {
        let error = truncated(error, MAX_ERROR_BYTES);
        let failure = JobFailure { error, retry, now: self.clock.now() };
        self.store.fail(job.lease, &failure).await?;
        let (id, kind, attempts, error) = (job.lease.job, &job.kind, job.attempts.saturating_add(1), &failure.error);
        match retry {
            Retry::At(at) => {
                tracing::warn!(job = %id, %kind, attempts, %error, retry_at = %at.rfc3339(), "job failed; will retry");
                Ok(Outcome::Retried)
            }
            Retry::Dead => {
                tracing::error!(job = %id, %kind, attempts, %error, "job failed for the last time; now dead");
                Ok(Outcome::Dead)
            }
        }
    }
}

/// `s` cut to at most `max` bytes, at a character boundary.
fn truncated(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_errors_are_cut_at_a_character_boundary() {
        assert_eq!(truncated("short".into(), 10), "short");
        assert_eq!(truncated("aé".into(), 2), "a");
        assert_eq!(truncated("x".repeat(5000), MAX_ERROR_BYTES).len(), MAX_ERROR_BYTES);
    }
}
