//! Writes that span ports, in one transaction: [`Transactional::begin`] hands out a
//! [`Tx`] carrying the writes of each port that take part; nothing is kept until
//! [`Tx::commit`], and a `Tx` dropped uncommitted (an error, a panic, a cancelled
//! request) rolls back. The shape of influxdb's `iox_catalog`: the same ports, inside a
//! transaction.

use async_trait::async_trait;

use super::{NewCase, NewJob, NewLeaf, StoreResult};
use crate::CaseId;

/// Opens transactions.
#[async_trait]
pub trait Transactional: Send + Sync + 'static {
    /// A new transaction. On SQLite it holds the database's write lock from its first
    /// write to its end, so keep it short: seal and hash before, write inside.
    async fn begin(&self) -> StoreResult<Box<dyn Tx>>;
}

/// One open transaction: each port's writes that a cross-port operation needs.
#[async_trait]
pub trait Tx: Send {
    // Cases.
    /// [`super::CaseStore::insert_case`], inside this transaction.
    async fn insert_case(&mut self, case: &NewCase) -> StoreResult<CaseId>;

    // Custody.
    /// [`super::CustodyStore::append_leaves`], inside this transaction: the leaves'
    /// records (events, evidence, files) are written with them.
    async fn append_leaves(&mut self, leaves: &[NewLeaf]) -> StoreResult<Vec<u64>>;

    // Jobs.
    /// [`super::JobStore::enqueue`], inside this transaction: work that must follow a
    /// write (the new-case alerts) is queued with it or not at all.
    async fn enqueue(&mut self, job: &NewJob) -> StoreResult<()>;

    /// Makes every write of the transaction durable at once.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
