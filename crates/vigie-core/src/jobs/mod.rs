//! Background work on the durable queue ([`crate::store::JobStore`]): handlers
//! registered by job kind, a [`JobRunner`] that claims due jobs and runs them, the
//! [`RetryPolicy`] that decides when a failed job runs again or goes to the dead
//! letters, and recurring jobs ("sign a tree head every ten minutes") kept as one
//! queued job each, however many servers share the database.
//!
//! Why a queue rather than a timer per server: the work survives a restart (a delivery
//! queued before a deploy is still made after it), two servers on one PostgreSQL
//! database do not both do it, and what failed is kept with its error for an operator
//! instead of being lost in a log line.
//!
//! Jobs run at least once: a worker that stops between doing the work and recording it
//! leaves the job to run again once its lease expires. Handlers must be idempotent
//! (signing an unchanged log keeps its head; a delivery carries the job's id).

mod retry;
mod runner;

use async_trait::async_trait;

pub use retry::RetryPolicy;
pub use runner::{JobRunner, RunReport, RunnerSettings};

use crate::store::ClaimedJob;

/// Why a job's attempt failed, as its handler says.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth trying again later (the database or a peer did not answer).
    #[error("{0}")]
    Retry(String),
    /// Will never succeed (an unreadable payload, a peer that refuses it for good):
    /// straight to the dead letters, without spending the remaining attempts.
    #[error("{0}")]
    Permanent(String),
}

impl From<crate::DomainError> for JobError {
    fn from(e: crate::DomainError) -> Self {
        Self::Retry(e.to_string())
    }
}

impl From<crate::StoreError> for JobError {
    fn from(e: crate::StoreError) -> Self {
        Self::Retry(e.to_string())
    }
}

/// What runs the jobs of one kind.
#[async_trait]
pub trait JobHandler: Send + Sync + 'static {
    /// Does the job's work. May run more than once for one job (see the module's
    /// documentation): make it idempotent, for instance with the job's id.
    async fn run(&self, job: &ClaimedJob) -> Result<(), JobError>;
}
