//! `Transactional` for one backend: `Db` and `This` come from the including module. A
//! `Tx` owns a pooled connection inside `BEGIN`; sqlx rolls it back when dropped
//! uncommitted.

use async_trait::async_trait;
use vigie_core::store::{NewCase, NewJob, NewLeaf, Transactional, Tx};
use vigie_core::{CaseId, StoreResult};

use super::cases::insert_case_in;
use super::{Db, This};
use crate::errors::map;

struct Open {
    tx: sqlx::Transaction<'static, Db>,
}

#[async_trait]
impl Transactional for This {
    async fn begin(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(Open { tx: self.pool.begin().await.map_err(map)? }))
    }
}

#[async_trait]
impl Tx for Open {
    async fn insert_case(&mut self, case: &NewCase) -> StoreResult<CaseId> {
        Ok(CaseId(insert_case_in(&mut self.tx, case).await?))
    }

    async fn append_leaves(&mut self, leaves: &[NewLeaf]) -> StoreResult<Vec<u64>> {
        This::custody_append_in(&mut self.tx, leaves).await
    }

    async fn enqueue(&mut self, job: &NewJob) -> StoreResult<()> {
        sqlx::query(crate::jobs::ENQUEUE)
            .bind(job.kind.as_str())
            .bind(&job.payload)
            .bind(job.dedupe_key.as_deref())
            .bind(job.run_at.0)
            .bind(job.now.0)
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(())
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await.map_err(map)
    }
}
