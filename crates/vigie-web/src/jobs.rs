//! The server's background work, as jobs on the durable queue: a signed tree head on a
//! fixed schedule and the network watch's detectors. Both are recurring jobs, so two
//! servers on one PostgreSQL database sign one head per period between them, and a
//! restart does not skip a period.

use std::sync::Arc;

use async_trait::async_trait;
use vigie_core::Clock;
use vigie_core::jobs::{JobError, JobHandler, JobRunner, RunnerSettings};
use vigie_core::store::{ClaimedJob, JobKind, JobStore};

use crate::state::App;

/// Signs a tree head when the log grew (an unchanged log keeps its head).
pub const SIGN_HEAD: JobKind = JobKind::of("custody.sign_head");
/// Runs the watch's detectors over every country with recent data.
pub const REFRESH_WATCH: JobKind = JobKind::of("watch.refresh");

/// How often the server's recurring jobs run, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// A signed tree head: on a fixed schedule, not after each change, so that polling
    /// the public head does not count reports, files and messages as they come.
    pub tree_head_secs: i64,
    /// The watch's detectors: a shutdown brings no data, so nothing else would notice it.
    pub watch_secs: i64,
}

impl Default for Schedule {
    fn default() -> Self {
        Self { tree_head_secs: 600, watch_secs: 600 }
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
        Ok(())
    }
}
