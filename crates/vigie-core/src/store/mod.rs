//! The storage ports, one per feature: [`AccountStore`], [`CaseStore`],
//! [`CustodyStore`], [`CampaignStore`], [`WatchStore`], [`JobStore`] and
//! [`EscalationStore`], [`NetworkStore`], [`SharingStore`], [`SubscriptionStore`] and [`GuideStore`]. Each service takes the port it needs; [`Store`] is only their
//! sum, for wiring. `vigie-store` implements every port for SQLite and PostgreSQL, and
//! runs one conformance suite per port on both. Writes that span ports run in one
//! transaction through [`Transactional::begin`].

mod accounts;
mod campaigns;
mod cases;
mod custody;
mod escalations;
mod jobs;
mod knowledge;
mod network;
mod sharing;
mod subscriptions;
mod tx;
mod watch;

use async_trait::async_trait;

pub use accounts::*;
pub use campaigns::*;
pub use cases::*;
pub use custody::*;
pub use escalations::*;
pub use jobs::*;
pub use knowledge::*;
pub use network::*;
pub use sharing::*;
pub use subscriptions::*;
pub use tx::*;
pub use watch::*;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness or foreign-key rule refused the write; names the rule (the
    /// database's constraint name where it gives one).
    #[error("already exists: {0}")]
    Conflict(&'static str),
    #[error("the database cannot be reached: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Whether the database answers.
#[async_trait]
pub trait Health: Send + Sync + 'static {
    /// A cheap query proving the database answers.
    async fn ping(&self) -> StoreResult<()>;
}

/// Every port, for wiring: what `vigie-store` opens and `Services::build` hands out.
pub trait Store:
    AccountStore
    + CaseStore
    + CustodyStore
    + CampaignStore
    + WatchStore
    + JobStore
    + EscalationStore
    + NetworkStore
    + SharingStore
    + GuideStore
    + SubscriptionStore
    + Health
    + Transactional
{
}

impl<T> Store for T where
    T: AccountStore
        + CaseStore
        + CustodyStore
        + CampaignStore
        + WatchStore
        + JobStore
        + EscalationStore
        + NetworkStore
        + SharingStore
        + GuideStore
        + SubscriptionStore
        + Health
        + Transactional
{
}

/// The ports' traits, to bring their methods into scope: `use vigie_core::store::ports::*;`.
pub mod ports {
    pub use super::{AccountStore as _, CampaignStore as _, CaseStore as _, CustodyStore as _, Health as _};
    pub use super::{
        EscalationStore as _, GuideStore as _, JobStore as _, NetworkStore as _, SharingStore as _, Store,
        SubscriptionStore as _, WatchStore as _,
    };
    pub use super::{Transactional as _, Tx as _};
}
