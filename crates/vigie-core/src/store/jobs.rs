//! The job port: a durable queue that background work (tree-head signing, the watch's
//! detectors, and later the network's deliveries) runs on, so that work survives a
//! restart and several servers on one database share it without doing it twice.
//!
//! A job is claimed under a lease: claimed jobs are invisible to other workers until
//! the lease ends, and a worker that stops (a crash, a deploy) gives its jobs back when
//! its lease expires. Each claim bumps a fencing counter carried by the [`Lease`]:
//! completing or failing a job needs the latest lease, so a worker that outlived its
//! lease cannot undo the work of the worker that took the job over.
//!
//! The port stores what it is told: the retry policy (backoff, dead letters) is in
//! [`crate::jobs`], which hands the store the outcome.

use std::borrow::Cow;

use async_trait::async_trait;

use super::StoreResult;
use crate::Timestamp;

/// A stored job's identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId(pub i64);

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What a job does, naming its handler: `custody.sign_head`. Lowercase ASCII letters,
/// digits, `.`, `_` and `-`, 1 to 64 of them, so that a kind is safe to log and to
/// show in an admin page as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobKind(Cow<'static, str>);

/// Why a job kind was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a job kind is 1 to 64 of a-z, 0-9, '.', '_' and '-'")]
pub struct InvalidJobKind;

impl JobKind {
    /// A kind known when compiling; checked then when used in a `const`.
    ///
    /// # Panics
    /// When `kind` is not a valid kind (at compile time in a `const`).
    pub const fn of(kind: &'static str) -> Self {
        assert!(Self::valid(kind.as_bytes()), "invalid job kind");
        Self(Cow::Borrowed(kind))
    }

    /// A kind read from outside (the database, a command line).
    pub fn parse(raw: &str) -> Result<Self, InvalidJobKind> {
        Self::valid(raw.as_bytes()).then(|| Self(Cow::Owned(raw.to_owned()))).ok_or(InvalidJobKind)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    const fn valid(b: &[u8]) -> bool {
        if b.is_empty() || b.len() > 64 {
            return false;
        }
        let mut i = 0;
        while i < b.len() {
            if !matches!(b[i], b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-') {
                return false;
            }
            i += 1;
        }
        true
    }
}

impl std::fmt::Display for JobKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a stored job is. A completed job is deleted: the queue holds work to do and
/// work that could not be done, not a history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobState {
    /// Waiting for its `run_at`, or for a worker.
    Pending,
    /// Claimed by a worker whose lease has not been given back (it may have expired:
    /// then the next claim takes the job over).
    Running,
    /// Failed as many times as its policy allows; kept for an operator to read and
    /// requeue.
    Dead,
}

impl JobState {
    pub const ALL: [Self; 3] = [Self::Pending, Self::Running, Self::Dead];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Dead => "dead",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

impl std::fmt::Display for JobState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub kind: JobKind,
    /// What the handler needs, as its handler encodes it (often JSON). Stored as given:
    /// seal anything a seized database must not reveal.
    pub payload: Vec<u8>,
    /// Not before this time.
    pub run_at: Timestamp,
    /// At most one job of a kind with this key is pending or running: enqueueing
    /// another keeps the one there (brought forward to the earlier `run_at` if it is
    /// pending). What makes a recurring job exist once however many servers start.
    pub dedupe_key: Option<String>,
    pub now: Timestamp,
}

/// What a worker asks for when it claims.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// Who claims, for the admin view and the logs (not for exclusion: the lease is).
    pub worker: &'a str,
    /// Only jobs of these kinds: a worker never claims what it has no handler for (a
    /// newer server's kinds, during a rolling upgrade).
    pub kinds: &'a [JobKind],
    pub limit: u32,
    pub now: Timestamp,
    /// The claimed jobs stay invisible to other workers until then.
    pub lease_until: Timestamp,
}

/// The right to finish one claim of one job: the job and how many times it had been
/// claimed, a fencing token that a later claim makes stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lease {
    pub job: JobId,
    pub claim: i64,
}

/// A job as a worker claimed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedJob {
    pub lease: Lease,
    pub kind: JobKind,
    pub payload: Vec<u8>,
    /// Failed attempts before this one (an expired lease counts as one).
    pub attempts: u32,
    pub dedupe_key: Option<String>,
}

/// What happens to a job that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Pending again, not before then.
    At(Timestamp),
    /// To the dead letters.
    Dead,
}

/// A failed attempt, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFailure {
    /// Why, for the admin view: no personal data, no secret.
    pub error: String,
    pub retry: Retry,
    pub now: Timestamp,
}

/// A stored job, for the admin view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRow {
    pub id: JobId,
    pub kind: JobKind,
    pub state: JobState,
    pub run_at: Timestamp,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub dedupe_key: Option<String>,
    pub locked_by: Option<String>,
    pub locked_until: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// How many jobs are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobCounts {
    pub pending: u64,
    pub running: u64,
    pub dead: u64,
}

#[async_trait]
pub trait JobStore: Send + Sync + 'static {
    /// Stores a job, or with a `dedupe_key` already pending or running for its kind,
    /// keeps that one (bringing a pending one's `run_at` forward to the earlier of the
    /// two). Returns the id of the job that will run.
    async fn enqueue(&self, job: &NewJob) -> StoreResult<JobId>;
    /// Takes up to `limit` due jobs of the given kinds (pending ones whose `run_at`
    /// has come, running ones whose lease has expired), oldest `run_at` first, for
    /// this worker until `lease_until`. Concurrent claimers (other connections, other
    /// servers) get disjoint jobs.
    async fn claim(&self, claim: &Claim<'_>) -> StoreResult<Vec<ClaimedJob>>;
    /// The job is done: deleted. `NotFound` when the lease is stale (the job was
    /// claimed again meanwhile).
    async fn complete(&self, lease: Lease) -> StoreResult<()>;
    /// The job is done and runs again at `run_at` (a recurring job): pending again,
    /// its attempts and error cleared. `NotFound` when the lease is stale.
    async fn reschedule(&self, lease: Lease, run_at: Timestamp, now: Timestamp) -> StoreResult<()>;
    /// The attempt failed: records the error, counts the attempt, and makes the job
    /// pending at the given time or dead. `NotFound` when the lease is stale.
    async fn fail(&self, lease: Lease, failure: &JobFailure) -> StoreResult<()>;
    async fn job(&self, id: JobId) -> StoreResult<JobRow>;
    /// The jobs in one state, by `run_at` (then id), at most `limit`.
    async fn jobs(&self, state: JobState, limit: u32) -> StoreResult<Vec<JobRow>>;
    async fn job_counts(&self) -> StoreResult<JobCounts>;
    /// Makes a dead job pending again at `run_at` with no attempts counted.
    /// `NotFound` when the job is not dead; `Conflict` when a job with its
    /// deduplication key is already pending or running.
    async fn requeue(&self, id: JobId, run_at: Timestamp, now: Timestamp) -> StoreResult<()>;
    /// Deletes a dead job (an operator gave up on it). `NotFound` when it is not dead.
    async fn discard(&self, id: JobId) -> StoreResult<()>;
    /// Gives back every job `worker` holds, as if its leases had expired (the attempt
    /// counts as failed, says so, and the claim counter fences the stopped worker):
    /// for a worker known to have stopped. Returns how many.
    async fn release_worker(&self, worker: &str, now: Timestamp) -> StoreResult<u64>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_kinds_are_short_lowercase_names() {
        assert_eq!(JobKind::parse("custody.sign_head").unwrap(), JobKind::of("custody.sign_head"));
        assert_eq!(JobKind::parse("watch-refresh_2").unwrap().as_str(), "watch-refresh_2");
        for bad in ["", "Custody", "a b", "é", "a/b", &"x".repeat(65)] {
            assert_eq!(JobKind::parse(bad), Err(InvalidJobKind), "{bad:?}");
        }
    }

    #[test]
    fn job_states_read_back_what_they_write() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.as_str()), Some(s));
        }
        assert_eq!(JobState::parse("done"), None);
    }
}
