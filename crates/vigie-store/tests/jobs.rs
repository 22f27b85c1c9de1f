//! The job queue over real stores, both backends: jobs are claimed when due and gone
//! once complete, a lease hides a job from other workers until it expires (and fences
//! the worker that lost it), concurrent claimers get disjoint jobs, failures are
//! recorded and end in the dead letters, dead jobs can be requeued, and a deduplicated
//! (recurring) job exists once.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use vigie_core::jobs::{JobError, JobHandler, JobRunner, RetryPolicy, RunnerSettings};
use vigie_core::store::{Claim, ClaimedJob, JobCounts, JobFailure, JobId, JobKind, JobState, JobStore, NewJob, Retry};
use vigie_core::{FakeClock, Store, StoreError, Timestamp};
use vigie_store::both_backends;

const T0: i64 = 1_760_000_000;
const MAIL: JobKind = JobKind::of("test.mail");
const HEAD: JobKind = JobKind::of("test.head");

fn job(kind: &JobKind, payload: &[u8], run_at: i64) -> NewJob {
    NewJob {
        kind: kind.clone(),
        payload: payload.to_vec(),
        run_at: Timestamp(run_at),
        dedupe_key: None,
        now: Timestamp(T0),
    }
}

fn recurring(kind: &JobKind, run_at: i64) -> NewJob {
    NewJob { dedupe_key: Some("recurring".into()), ..job(kind, b"", run_at) }
}

async fn claim(s: &dyn JobStore, worker: &str, kinds: &[JobKind], limit: u32, now: i64) -> Vec<ClaimedJob> {
    let claim = Claim { worker, kinds, limit, now: Timestamp(now), lease_until: Timestamp(now + 60) };
    s.claim(&claim).await.unwrap()
}

fn ids(jobs: &[ClaimedJob]) -> Vec<JobId> {
    jobs.iter().map(|j| j.lease.job).collect()
}

fn failure(error: &str, retry: Retry, now: i64) -> JobFailure {
    JobFailure { error: error.into(), retry, now: Timestamp(now) }
}

async fn enqueued_jobs_are_claimed_when_due_and_deleted_when_complete(s: Arc<dyn Store>) {
    let now = s.enqueue(&job(&MAIL, b"{\"to\":1}", T0)).await.unwrap();
    let later = s.enqueue(&job(&MAIL, b"{\"to\":2}", T0 + 100)).await.unwrap();
    assert_eq!(s.job_counts().await.unwrap(), JobCounts { pending: 2, running: 0, dead: 0 });

    let got = claim(&*s, "w1", &[MAIL], 10, T0).await;
    assert_eq!(ids(&got), [now], "only the due job");
    assert_eq!(got[0].payload, b"{\"to\":1}");
    assert_eq!((got[0].kind.clone(), got[0].attempts, got[0].dedupe_key.clone()), (MAIL, 0, None));
    let row = s.job(now).await.unwrap();
    assert_eq!(
        (row.state, row.locked_by.as_deref(), row.locked_until),
        (JobState::Running, Some("w1"), Some(Timestamp(T0 + 60)))
    );
    assert_eq!(s.job_counts().await.unwrap(), JobCounts { pending: 1, running: 1, dead: 0 });

    s.complete(got[0].lease).await.unwrap();
    assert!(matches!(s.job(now).await, Err(StoreError::NotFound)), "a completed job is deleted");
    assert!(matches!(s.complete(got[0].lease).await, Err(StoreError::NotFound)), "and cannot be completed twice");

    assert!(claim(&*s, "w1", &[MAIL], 10, T0 + 99).await.is_empty());
    assert_eq!(ids(&claim(&*s, "w1", &[MAIL], 10, T0 + 100).await), [later]);
    let pending = s.jobs(JobState::Running, 10).await.unwrap();
    assert_eq!(pending.iter().map(|j| j.id).collect::<Vec<_>>(), [later]);
}

async fn only_the_kinds_asked_for_are_claimed_oldest_first(s: Arc<dyn Store>) {
    let mut mails = Vec::new();
    for i in (0..5).rev() {
        mails.push(s.enqueue(&job(&MAIL, b"", T0 - i)).await.unwrap());
    }
    let head = s.enqueue(&job(&HEAD, b"", T0 - 100)).await.unwrap();
    assert!(claim(&*s, "w", &[], 10, T0).await.is_empty());
    let first = claim(&*s, "w", &[MAIL], 2, T0).await;
    assert_eq!(ids(&first), mails[..2], "the two that have waited longest");
    let rest = claim(&*s, "w", &[MAIL, HEAD], 10, T0).await;
    let mut expected = vec![head];
    expected.extend(&mails[2..]);
    expected.sort();
    assert_eq!(ids(&rest), expected);
}

async fn a_leased_job_is_hidden_until_its_lease_expires(s: Arc<dyn Store>) {
    let id = s.enqueue(&job(&MAIL, b"x", T0)).await.unwrap();
    let first = claim(&*s, "w1", &[MAIL], 10, T0).await;
    assert_eq!(ids(&first), [id]);
    assert!(claim(&*s, "w2", &[MAIL], 10, T0 + 59).await.is_empty(), "leased until T0 + 60");

    let second = claim(&*s, "w2", &[MAIL], 10, T0 + 60).await;
    assert_eq!(ids(&second), [id], "the expired lease gives the job back");
    assert_eq!(second[0].attempts, 1, "an expired lease counts as a failed attempt");
    assert_ne!(first[0].lease, second[0].lease);
    let row = s.job(id).await.unwrap();
    assert_eq!(row.last_error.as_deref(), Some("the lease of w1 expired"));
    assert_eq!(row.locked_by.as_deref(), Some("w2"));

    // The worker that lost its lease can neither complete nor fail the job now.
    assert!(matches!(s.complete(first[0].lease).await, Err(StoreError::NotFound)));
    let stale = s.fail(first[0].lease, &failure("late", Retry::Dead, T0 + 61)).await;
    assert!(matches!(stale, Err(StoreError::NotFound)));
    assert!(matches!(s.reschedule(first[0].lease, Timestamp(T0), Timestamp(T0)).await, Err(StoreError::NotFound)));
    assert_eq!(s.job(id).await.unwrap().state, JobState::Running);
    s.complete(second[0].lease).await.unwrap();
}

/// Four workers claim from 50 jobs at once, each through its own connection: every job
/// is claimed exactly once.
async fn concurrent_claimers_get_disjoint_jobs(s: Arc<dyn Store>) {
    let mut all = Vec::new();
    for i in 0..50 {
        all.push(s.enqueue(&job(&MAIL, format!("{i}").as_bytes(), T0)).await.unwrap());
    }
    let workers = (0..4).map(|w| {
        let s = s.clone();
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let got = claim(&*s, &format!("w{w}"), &[MAIL], 3, T0).await;
                if got.is_empty() {
                    return mine;
                }
                mine.extend(ids(&got));
                tokio::task::yield_now().await;
            }
        })
    });
    let mut seen: HashMap<JobId, usize> = HashMap::new();
    let mut busy = 0;
    for worker in futures::future::join_all(workers).await {
        let mine = worker.unwrap();
        busy += usize::from(!mine.is_empty());
        for id in mine {
            *seen.entry(id).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), 50, "every job claimed");
    assert!(seen.values().all(|n| *n == 1), "no job claimed twice: {seen:?}");
    assert!(seen.keys().all(|id| all.contains(id)));
    assert!(busy >= 2, "the claims were spread over the workers");
    assert_eq!(s.job_counts().await.unwrap(), JobCounts { pending: 0, running: 50, dead: 0 });
}

async fn failures_are_recorded_then_dead_and_a_dead_job_can_be_requeued(s: Arc<dyn Store>) {
    let id = s.enqueue(&job(&MAIL, b"x", T0)).await.unwrap();
    let got = claim(&*s, "w", &[MAIL], 1, T0).await;
    s.fail(got[0].lease, &failure("the relay refused", Retry::At(Timestamp(T0 + 30)), T0 + 1)).await.unwrap();
    let row = s.job(id).await.unwrap();
    assert_eq!((row.state, row.attempts, row.run_at), (JobState::Pending, 1, Timestamp(T0 + 30)));
    assert_eq!(
        (row.last_error.as_deref(), row.locked_by, row.updated_at),
        (Some("the relay refused"), None, Timestamp(T0 + 1))
    );
    assert!(claim(&*s, "w", &[MAIL], 1, T0 + 29).await.is_empty(), "not before its retry time");

    let again = claim(&*s, "w", &[MAIL], 1, T0 + 30).await;
    assert_eq!(again[0].attempts, 1);
    s.fail(again[0].lease, &failure("refused again", Retry::Dead, T0 + 31)).await.unwrap();
    let row = s.job(id).await.unwrap();
    assert_eq!((row.state, row.attempts), (JobState::Dead, 2));
    assert_eq!(row.last_error.as_deref(), Some("refused again"));
    assert!(claim(&*s, "w", &[MAIL], 1, T0 + 10_000).await.is_empty(), "a dead job is never claimed");
    assert_eq!(s.job_counts().await.unwrap(), JobCounts { pending: 0, running: 0, dead: 1 });
    assert_eq!(s.jobs(JobState::Dead, 10).await.unwrap(), [row]);

    s.requeue(id, Timestamp(T0 + 100), Timestamp(T0 + 100)).await.unwrap();
    let row = s.job(id).await.unwrap();
    assert_eq!((row.state, row.attempts, row.run_at), (JobState::Pending, 0, Timestamp(T0 + 100)));
    assert!(matches!(s.requeue(id, Timestamp(T0), Timestamp(T0)).await, Err(StoreError::NotFound)), "not dead");
    assert!(matches!(s.requeue(JobId(999_999), Timestamp(T0), Timestamp(T0)).await, Err(StoreError::NotFound)));
    assert_eq!(ids(&claim(&*s, "w", &[MAIL], 1, T0 + 100).await), [id]);
}

async fn a_deduplicated_job_is_queued_once(s: Arc<dyn Store>) {
    let id = s.enqueue(&recurring(&HEAD, T0 + 600)).await.unwrap();
    assert_eq!(s.enqueue(&recurring(&HEAD, T0 + 900)).await.unwrap(), id);
    assert_eq!(s.job(id).await.unwrap().run_at, Timestamp(T0 + 600), "a later run_at does not delay it");
    assert_eq!(s.enqueue(&recurring(&HEAD, T0)).await.unwrap(), id);
    assert_eq!(s.job(id).await.unwrap().run_at, Timestamp(T0), "an earlier one brings it forward");
    let other_kind = s.enqueue(&recurring(&MAIL, T0)).await.unwrap();
    assert_ne!(other_kind, id, "the key is per kind");
    let undeduplicated = s.enqueue(&job(&HEAD, b"", T0)).await.unwrap();
    assert_ne!(undeduplicated, id);

    // Running, it is kept as it is; rescheduled, it is the same job again.
    let got = claim(&*s, "w", &[HEAD], 1, T0).await;
    assert_eq!(ids(&got), [id]);
    assert_eq!(s.enqueue(&recurring(&HEAD, T0)).await.unwrap(), id);
    assert_eq!(s.job(id).await.unwrap().state, JobState::Running);
    s.reschedule(got[0].lease, Timestamp(T0 + 600), Timestamp(T0 + 1)).await.unwrap();
    let row = s.job(id).await.unwrap();
    assert_eq!(
        (row.state, row.run_at, row.attempts, row.last_error),
        (JobState::Pending, Timestamp(T0 + 600), 0, None)
    );

    // A dead one does not count: a new one is queued, and the dead one cannot come
    // back beside it.
    let got = claim(&*s, "w", &[HEAD], 10, T0 + 600).await;
    assert_eq!(ids(&got), [id, undeduplicated], "both due, by id");
    s.fail(got[0].lease, &failure("broken", Retry::Dead, T0 + 600)).await.unwrap();
    s.complete(got[1].lease).await.unwrap();
    let fresh = s.enqueue(&recurring(&HEAD, T0 + 700)).await.unwrap();
    assert_ne!(fresh, id);
    assert!(matches!(s.requeue(id, Timestamp(T0), Timestamp(T0)).await, Err(StoreError::Conflict(_))));
    assert_eq!(s.job(id).await.unwrap().state, JobState::Dead);
    assert_eq!(s.job_counts().await.unwrap(), JobCounts { pending: 2, running: 0, dead: 1 });
}

/// A handler that counts its runs and answers what it is told to.
struct Scripted {
    runs: Arc<AtomicU32>,
    answer: fn(u32) -> Result<(), JobError>,
}

#[async_trait::async_trait]
impl JobHandler for Scripted {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        let n = self.runs.fetch_add(1, Ordering::SeqCst) + 1;
        (self.answer)(n)
    }
}

fn scripted(answer: fn(u32) -> Result<(), JobError>) -> (Scripted, Arc<AtomicU32>) {
    let runs = Arc::new(AtomicU32::new(0));
    (Scripted { runs: runs.clone(), answer }, runs)
}

struct Panics;

#[async_trait::async_trait]
impl JobHandler for Panics {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        panic!("a handler bug")
    }
}

const FLAKY: JobKind = JobKind::of("test.flaky");
const REFUSED: JobKind = JobKind::of("test.refused");
const BUGGY: JobKind = JobKind::of("test.buggy");

fn two_tries() -> RetryPolicy {
    RetryPolicy { base_secs: 10, cap_secs: 10, jitter_permille: 0, max_attempts: Some(2) }
}

/// The runner over a real store: done jobs are deleted, a failure is retried after its
/// backoff and buried after its last attempt, a permanent error is buried at once, and
/// a panicking handler is a failure, not a dead worker.
async fn the_runner_completes_retries_and_buries_jobs(s: Arc<dyn Store>) {
    let clock = FakeClock::at(T0);
    let (ok, ok_runs) = scripted(|_| Ok(()));
    let (flaky, flaky_runs) = scripted(|_| Err(JobError::Retry("the relay did not answer".into())));
    let (refused, refused_runs) = scripted(|_| Err(JobError::Permanent("the peer refuses this key".into())));
    let runner = JobRunner::new(s.clone(), Arc::new(clock.clone()), "w1", RunnerSettings::default())
        .handle(MAIL, ok, RetryPolicy::default())
        .handle(FLAKY, flaky, two_tries())
        .handle(REFUSED, refused, two_tries())
        .handle(BUGGY, Panics, two_tries());
    let done = s.enqueue(&job(&MAIL, b"1", T0)).await.unwrap();
    let flaky_id = s.enqueue(&job(&FLAKY, b"2", T0)).await.unwrap();
    let refused_id = s.enqueue(&job(&REFUSED, b"3", T0)).await.unwrap();
    let buggy = s.enqueue(&job(&BUGGY, b"4", T0)).await.unwrap();
    let unknown = s.enqueue(&job(&JobKind::of("test.unknown"), b"5", T0)).await.unwrap();

    let r = runner.run_due().await.unwrap();
    assert_eq!((r.claimed, r.completed, r.retried, r.dead, r.lost), (4, 1, 2, 1, 0), "{r:?}");
    assert!(matches!(s.job(done).await, Err(StoreError::NotFound)));
    let row = s.job(flaky_id).await.unwrap();
    assert_eq!((row.state, row.attempts, row.run_at), (JobState::Pending, 1, Timestamp(T0 + 10)));
    assert_eq!(row.last_error.as_deref(), Some("the relay did not answer"));
    let row = s.job(refused_id).await.unwrap();
    assert_eq!((row.state, row.attempts), (JobState::Dead, 1), "a permanent error spends no further attempt");
    let row = s.job(buggy).await.unwrap();
    assert_eq!((row.state, row.last_error.as_deref()), (JobState::Pending, Some("the handler panicked")));
    assert_eq!(s.job(unknown).await.unwrap().state, JobState::Pending, "a kind without handler is left alone");

    clock.advance(9);
    assert_eq!(runner.run_due().await.unwrap().claimed, 0, "not before the backoff");
    clock.advance(1);
    let r = runner.run_due().await.unwrap();
    assert_eq!((r.claimed, r.dead), (2, 2), "the second failure is the last: {r:?}");
    assert_eq!(s.job(flaky_id).await.unwrap().state, JobState::Dead);
    assert_eq!((ok_runs.load(Ordering::SeqCst), flaky_runs.load(Ordering::SeqCst)), (1, 2));
    assert_eq!(refused_runs.load(Ordering::SeqCst), 1);
    assert_eq!(s.job_counts().await.unwrap(), JobCounts { pending: 1, running: 0, dead: 3 });
}

/// Two servers on one database, each with the same recurring job: it exists once,
/// runs once per period between them, and a failure is retried within the period.
async fn a_recurring_job_runs_once_per_period_across_servers(s: Arc<dyn Store>) {
    let clock = FakeClock::at(T0);
    let (head, runs) = scripted(|n| if n == 2 { Err(JobError::Retry("the database was busy".into())) } else { Ok(()) });
    let (head_b, runs_b) = scripted(|_| Ok(()));
    let settings = RunnerSettings { recurring_retry_secs: 30, ..RunnerSettings::default() };
    let a = JobRunner::new(s.clone(), Arc::new(clock.clone()), "a", settings).every(HEAD, 600, head);
    let b = JobRunner::new(s.clone(), Arc::new(clock.clone()), "b", settings).every(HEAD, 600, head_b);
    a.schedule_recurring().await.unwrap();
    b.schedule_recurring().await.unwrap();
    assert_eq!(s.job_counts().await.unwrap().pending, 1, "one job for both servers");

    let total = || runs.load(Ordering::SeqCst) + runs_b.load(Ordering::SeqCst);
    let (ra, rb) = (a.run_due().await.unwrap(), b.run_due().await.unwrap());
    assert_eq!((ra.completed, rb.claimed, total()), (1, 0, 1), "run once, by the first to claim");
    clock.advance(599);
    assert_eq!(a.run_due().await.unwrap().claimed + b.run_due().await.unwrap().claimed, 0);
    clock.advance(1);
    assert_eq!(b.run_due().await.unwrap().completed, 1, "the other server's turn");
    assert_eq!(a.run_due().await.unwrap().claimed, 0);
    clock.advance(600);
    let r = a.run_due().await.unwrap();
    assert_eq!(r.retried, 1, "the second run of `a` fails: {r:?}");
    let row = s.jobs(JobState::Pending, 10).await.unwrap().remove(0);
    assert_eq!((row.run_at, row.attempts), (Timestamp(T0 + 1200 + 30), 1), "retried sooner than the period");
    clock.advance(30);
    assert_eq!(b.run_due().await.unwrap().completed, 1);
    let row = s.jobs(JobState::Pending, 10).await.unwrap().remove(0);
    assert_eq!((row.run_at, row.attempts, row.last_error), (Timestamp(T0 + 1230 + 600), 0, None));
    assert_eq!(total(), 4);
    assert_eq!(s.job_counts().await.unwrap(), JobCounts { pending: 1, running: 0, dead: 0 });
}

async fn a_stopped_workers_jobs_are_given_back_and_it_is_fenced(s: Arc<dyn Store>) {
    let a = s.enqueue(&job(&MAIL, b"a", T0)).await.unwrap();
    s.enqueue(&job(&MAIL, b"b", T0)).await.unwrap();
    let held = claim(&*s, "host:41", &[MAIL], 1, T0).await;
    let other = claim(&*s, "host:42", &[MAIL], 1, T0).await;
    assert_eq!(ids(&held), [a]);
    assert_eq!(s.release_worker("host:41", Timestamp(T0 + 5)).await.unwrap(), 1);
    assert_eq!(s.release_worker("host:41", Timestamp(T0 + 5)).await.unwrap(), 0, "nothing held any more");
    let row = s.job(a).await.unwrap();
    assert_eq!((row.state, row.attempts, row.locked_by), (JobState::Pending, 1, None));
    assert_eq!(row.last_error.as_deref(), Some("host:41 stopped while running it"));
    // Taken again at once, long before the lease would have expired; the stopped worker
    // cannot record an outcome any more, the other worker's job was left alone.
    let again = claim(&*s, "host:43", &[MAIL], 10, T0 + 5).await;
    assert_eq!(ids(&again), [a]);
    assert!(matches!(s.complete(held[0].lease).await, Err(StoreError::NotFound)));
    s.complete(again[0].lease).await.unwrap();
    s.complete(other[0].lease).await.unwrap();
}

both_backends!(
    a_stopped_workers_jobs_are_given_back_and_it_is_fenced,
    enqueued_jobs_are_claimed_when_due_and_deleted_when_complete,
    only_the_kinds_asked_for_are_claimed_oldest_first,
    a_leased_job_is_hidden_until_its_lease_expires,
    concurrent_claimers_get_disjoint_jobs,
    failures_are_recorded_then_dead_and_a_dead_job_can_be_requeued,
    a_deduplicated_job_is_queued_once,
    the_runner_completes_retries_and_buries_jobs,
    a_recurring_job_runs_once_per_period_across_servers,
);
