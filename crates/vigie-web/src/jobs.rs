//! The server's background work, as jobs on the durable queue: a signed tree head on a
//! fixed schedule, the network watch's detectors, paging, the pull of pinned peers, the
//! alerts of subscribed topics (escalations waiting, the daily digest) and the
//! deliveries. The periodic ones are recurring jobs, so two servers on one PostgreSQL
//! database sign one head per period between them, and a restart does not skip a period.

use std::sync::Arc;

use async_trait::async_trait;
use vigie_core::Clock;
use vigie_core::jobs::{JobError, JobHandler, JobRunner, RetryPolicy, RunnerSettings};
use vigie_core::network::{DELIVER, DIGEST, Delivery, NEW_CASE, NewCaseJob, Prepared};
use vigie_core::store::{ClaimedJob, DeliveryState, JobKind, JobStore};

use crate::state::App;

/// Signs a tree head when the log grew (an unchanged log keeps its head).
pub const SIGN_HEAD: JobKind = JobKind::of("custody.sign_head");
/// Runs the watch's detectors over every country with recent data.
pub const REFRESH_WATCH: JobKind = JobKind::of("watch.refresh");
/// Pages whoever is due for critical cases nobody acknowledged.
pub const PAGING: JobKind = JobKind::of("network.paging");
/// Pulls the pinned peers' bundles.
pub const PEER_PULL: JobKind = JobKind::of("sharing.peer_pull");
/// Tells people of their escalations that platforms left unanswered past the period.
pub const WAITING: JobKind = JobKind::of("escalation.waiting");

/// How a failing delivery is tried again: 30 s, 1 min, 2 min… up to 30 min, for about
/// a day (a mail server down overnight still gets the alert), then dead.
pub const DELIVERY_RETRY: RetryPolicy =
    RetryPolicy { base_secs: 30, cap_secs: 1800, jitter_permille: 250, max_attempts: Some(50) };

/// How often the server's recurring jobs run, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// A signed tree head: on a fixed schedule, not after each change, so that polling
    /// the public head does not count reports, files and messages as they come.
    pub tree_head_secs: i64,
    /// The watch's detectors: a shutdown brings no data, so nothing else would notice it.
    pub watch_secs: i64,
    /// Paging's check for critical cases nobody acknowledged.
    pub paging_secs: i64,
    /// The check for escalations waiting past their reply period (periods are hours
    /// to days long: an hour late is on time).
    pub waiting_secs: i64,
    /// The check for digests due: hourly, as the digest's time is an hour of the day.
    pub digest_secs: i64,
    /// How failing deliveries are tried again.
    pub delivery_retry: RetryPolicy,
    /// The pull of every pinned peer that has an address.
    pub peer_pull_secs: i64,
}

impl Default for Schedule {
    fn default() -> Self {
        Self {
            tree_head_secs: 600,
            watch_secs: 600,
            paging_secs: 60,
            waiting_secs: 3600,
            digest_secs: 3600,
            delivery_retry: DELIVERY_RETRY,
            peer_pull_secs: 3600,
        }
    }
}

/// The runner of this server's jobs, with every handler the web layer has. `worker`
/// names this server in the jobs' records (a host name and process id).
pub fn runner(
    app: &Arc<App>,
    store: Arc<dyn JobStore>,
    clock: Arc<dyn Clock>,
    worker: impl Into<String>,
    schedule: Schedule,
) -> JobRunner {
    JobRunner::new(store, clock, worker, RunnerSettings::default())
        .every(SIGN_HEAD, schedule.tree_head_secs, SignHead(app.clone()))
        .every(REFRESH_WATCH, schedule.watch_secs, RefreshWatch(app.clone()))
        .every(PAGING, schedule.paging_secs, Paging(app.clone()))
        .every(PEER_PULL, schedule.peer_pull_secs, PullPeers(app.clone()))
        .every(WAITING, schedule.waiting_secs, Waiting(app.clone()))
        .every(DIGEST, schedule.digest_secs, Digests(app.clone()))
        .handle(NEW_CASE, NewCase(app.clone()), RetryPolicy::default())
        .handle(DELIVER, Deliver(app.clone(), schedule.delivery_retry), schedule.delivery_retry)
}

struct Paging(Arc<App>);

#[async_trait]
impl JobHandler for Paging {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        for p in self.0.network.run_paging().await? {
            tracing::info!(case = %p.case, step = p.step.code(), channels = p.channels, "paged");
            let detail = format!("{} ({})", p.user.username, p.step.code());
            self.0.cases.record_rapid_response(p.case, None, vigie_core::cases::RapidEvent::Paged, &detail).await?;
        }
        Ok(())
    }
}

/// Tells the members whose skills a new case needs (queued with the case).
struct NewCase(Arc<App>);

#[async_trait]
impl JobHandler for NewCase {
    async fn run(&self, job: &ClaimedJob) -> Result<(), JobError> {
        let j: NewCaseJob = serde_json::from_slice(&job.payload)
            .map_err(|e| JobError::Permanent(format!("unreadable new-case job: {e}")))?;
        let told = self.0.network.notify_new_case(j.case).await?;
        tracing::debug!(case = %j.case, people = told, "new case routed to the skills it needs");
        Ok(())
    }
}

/// Finds the escalations past their platform's reply period, organization by
/// organization, and tells their people once each.
struct Waiting(Arc<App>);

#[async_trait]
impl JobHandler for Waiting {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        for org in self.0.accounts.orgs_as_operator().await? {
            let late: Vec<_> =
                self.0.escalations.overdue_as_system(org.id).await?.into_iter().map(|(e, _)| e).collect();
            let told = self.0.network.notify_waiting(&late).await?;
            if told > 0 {
                tracing::info!(org = %org.id, alerts = told, "escalations waiting on platforms: people told");
            }
        }
        Ok(())
    }
}

/// Sends the daily digests that are due.
struct Digests(Arc<App>);

#[async_trait]
impl JobHandler for Digests {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        let sent = self.0.network.send_digests().await?;
        if sent > 0 {
            tracing::info!(people = sent, "daily digests queued");
        }
        Ok(())
    }
}

/// Sends one alert to one channel, once: a delivery recorded as delivered is not sent
/// again, and the receiver gets the delivery key to drop a repeat sent before a crash
/// could record it.
struct Deliver(Arc<App>, RetryPolicy);

#[async_trait]
impl JobHandler for Deliver {
    async fn run(&self, job: &ClaimedJob) -> Result<(), JobError> {
        let d: Delivery = serde_json::from_slice(&job.payload)
            .map_err(|e| JobError::Permanent(format!("unreadable delivery: {e}")))?;
        let net = &self.0.network;
        let (target, recipient, language) = match net.prepare(&d).await? {
            Prepared::Send { target, recipient, language } => (target, recipient, language),
            Prepared::AlreadyDelivered => return Ok(()),
            Prepared::Gone => {
                net.record_attempt(&d, DeliveryState::Failed, "the channel or its owner is gone").await?;
                return Ok(());
            }
        };
        let base = self.0.config.public_url.trim_end_matches('/');
        let unsubscribe =
            format!("{base}/alerts/unsubscribe/{}?t={}", d.channel, net.unsubscribe_token(d.channel, d.user));
        let words = crate::alert_words::render(&self.0, &d.alert, &recipient, &language, &unsubscribe);
        match self.0.alert_sender.send(&target, &words, &d.key).await {
            Ok(answer) => {
                net.record_attempt(&d, DeliveryState::Delivered, &answer.answer).await?;
                Ok(())
            }
            Err(f) => {
                let last = f.permanent || self.1.max_attempts.is_some_and(|m| job.attempts + 1 >= m);
                let state = if last { DeliveryState::Failed } else { DeliveryState::Failing };
                net.record_attempt(&d, state, &f.answer).await?;
                tracing::info!(kind = target.kind().code(), permanent = f.permanent, "delivery failed");
                if f.permanent { Err(JobError::Permanent(f.answer)) } else { Err(JobError::Retry(f.answer)) }
            }
        }
    }
}

/// Pulls every pinned peer with an address; a peer that fails is recorded on its row
/// (the admin's `/peers` page) and tried again at the next period, the others go on.
struct PullPeers(Arc<App>);

#[async_trait]
impl JobHandler for PullPeers {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        for (peer, outcome) in self.0.sharing.pull_peers(self.0.bundle_fetcher.as_ref()).await? {
            match outcome {
                vigie_core::sharing::PullOutcome::Imported(got) => {
                    tracing::info!(peer, objects = got.items.len(), "peer bundle imported")
                }
                vigie_core::sharing::PullOutcome::NothingNew => tracing::debug!(peer, "peer: nothing new"),
                vigie_core::sharing::PullOutcome::Failed(e) => tracing::warn!(peer, error = %e, "peer pull failed"),
            }
        }
        Ok(())
    }
}

struct SignHead(Arc<App>);

#[async_trait]
impl JobHandler for SignHead {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        let head = self.0.custody.sign_head(&self.0.instance_key).await?;
        tracing::debug!(size = head.size, "tree head signed");
        Ok(())
    }
}

struct RefreshWatch(Arc<App>);

#[async_trait]
impl JobHandler for RefreshWatch {
    async fn run(&self, _job: &ClaimedJob) -> Result<(), JobError> {
        let r = self.0.refresh_watch().await?;
        if r.events_opened + r.events_closed > 0 {
            tracing::info!(opened = r.events_opened, closed = r.events_closed, "network watch: events changed");
        }
        // Also the alerts other runs recorded (`vigie watch refresh`): routing keeps a
        // watermark, not this run's list.
        let told = self.0.network.route_watch_alerts().await?;
        if told > 0 {
            tracing::info!(alerts = told, "network watch: alerts routed to subscribers");
        }
        Ok(())
    }
}
