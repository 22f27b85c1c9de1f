//! `CustodyStore` for one backend: `Db` and `This` come from the including module.

use super::cases::insert_files_in;
use super::{Db, This};
use crate::custody::*;
use crate::errors::map;
use crate::rows::*;
use vigie_core::merkle::Hash;
use vigie_core::store::*;
use vigie_core::{CaseId, StoreError, StoreResult, Timestamp};

impl This {
    /// [`Self::custody_append`] inside the caller's transaction.
    pub(crate) async fn custody_append_in(
        conn: &mut <Db as sqlx::Database>::Connection,
        leaves: &[vigie_core::store::NewLeaf],
    ) -> vigie_core::StoreResult<Vec<u64>> {
        use crate::errors::map;
        use std::collections::HashMap;
        use vigie_core::merkle::{AppendPlan, Hash, NodeId};
        use vigie_core::store::{LeafContent, LeafFile};

        if leaves.is_empty() {
            return Ok(Vec::new());
        }
        // Writing first takes the write lock (SQLite) or the row lock (PostgreSQL):
        // appends from the server and from a CLI command queue up here.
        let size: i64 = sqlx::query_scalar("UPDATE log_state SET size = size WHERE id = 1 RETURNING size")
            .fetch_one(&mut *conn)
            .await
            .map_err(map)?;
        let size = size as u64;
        let mut known: HashMap<NodeId, Hash> = HashMap::new();
        let mut new_nodes: Vec<(NodeId, Hash)> = Vec::with_capacity(leaves.len() * 2);
        let mut indexes = Vec::with_capacity(leaves.len());
        let mut events: Vec<EventInsert<'_>> = Vec::new();
        let mut evidence: Vec<EvidenceInsert<'_>> = Vec::new();
        for (offset, leaf) in leaves.iter().enumerate() {
            let index = size + offset as u64;
            let plan = AppendPlan::new(index).map_err(|e| vigie_core::StoreError::Backend(e.to_string()))?;
            let missing: Vec<NodeId> = plan.nodes().filter(|id| !known.contains_key(id)).collect();
            if !missing.is_empty() {
                known.extend(Self::custody_nodes_in(&mut *conn, &missing).await?);
            }
            let completed = plan
                .assemble(leaf.leaf_hash, |id| known.get(&id).copied())
                .map_err(|e| vigie_core::StoreError::Backend(format!("log is inconsistent: {e}")))?;
            for (id, hash) in completed {
                known.insert(id, hash);
                new_nodes.push((id, hash));
            }
            let case = leaf.case.map(|c| c.0);
            match &leaf.content {
                LeafContent::CaseAction { actor, kind, detail } => {
                    let case = case.ok_or(vigie_core::StoreError::Backend("a case action needs its case".into()))?;
                    events.push((case, actor.map(|u| u.0), kind, detail, leaf.at.0));
                }
                LeafContent::Evidence { kind, file, added_by } => {
                    let case = case.ok_or(vigie_core::StoreError::Backend("evidence needs its case".into()))?;
                    let file_id = match file {
                        None => None,
                        Some(LeafFile::Attached(id)) => Some(*id),
                        // The same insert as `Store::insert_case_files`, inside this transaction.
                        Some(LeafFile::New(f)) => {
                            insert_files_in(&mut *conn, case, std::slice::from_ref(f), leaf.at).await?.pop()
                        }
                    };
                    evidence.push((case, kind.as_str(), index as i64, file_id, added_by.map(|u| u.0), leaf.at.0));
                }
            }
            indexes.push(index);
        }
        // Rows go in by the thousand: one statement per chunk keeps large batches
        // (imports, benchmarks) fast on both backends.
        for chunk in leaves.chunks(1000).zip(indexes.chunks(1000)) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO log_leaves (leaf_index, org_id, case_id, kind, sealed_record, created_at) ",
            );
            q.push_values(chunk.0.iter().zip(chunk.1), |mut row, (leaf, index)| {
                row.push_bind(*index as i64)
                    .push_bind(leaf.org.0)
                    .push_bind(leaf.case.map(|c| c.0))
                    .push_bind(leaf.content.kind())
                    .push_bind(&leaf.sealed_record)
                    .push_bind(leaf.at.0);
            });
            q.build().execute(&mut *conn).await.map_err(map)?;
        }
        for chunk in new_nodes.chunks(2000) {
            let mut q = sqlx::QueryBuilder::<Db>::new("INSERT INTO log_nodes (level, idx, hash) ");
            q.push_values(chunk, |mut row, (id, hash)| {
                row.push_bind(i64::from(id.level)).push_bind(id.index as i64).push_bind(hash.as_bytes().to_vec());
            });
            q.build().execute(&mut *conn).await.map_err(map)?;
        }
        for chunk in events.chunks(1000) {
            let mut q =
                sqlx::QueryBuilder::<Db>::new("INSERT INTO case_events (case_id, actor_id, kind, detail, created_at) ");
            q.push_values(chunk, |mut row, e| {
                row.push_bind(e.0).push_bind(e.1).push_bind(e.2).push_bind(e.3).push_bind(e.4);
            });
            q.build().execute(&mut *conn).await.map_err(map)?;
        }
        for chunk in evidence.chunks(1000) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO evidence_items (case_id, kind, leaf_index, file_id, added_by, created_at) ",
            );
            q.push_values(chunk, |mut row, e| {
                row.push_bind(e.0).push_bind(e.1).push_bind(e.2).push_bind(e.3).push_bind(e.4).push_bind(e.5);
            });
            q.build().execute(&mut *conn).await.map_err(map)?;
        }
        sqlx::query("UPDATE log_state SET size = $1 WHERE id = 1")
            .bind((size + leaves.len() as u64) as i64)
            .execute(&mut *conn)
            .await
            .map_err(map)?;
        Ok(indexes)
    }

    async fn custody_nodes_in(
        conn: &mut <Db as sqlx::Database>::Connection,
        ids: &[vigie_core::merkle::NodeId],
    ) -> vigie_core::StoreResult<Vec<(vigie_core::merkle::NodeId, vigie_core::merkle::Hash)>> {
        use vigie_core::merkle::{Hash, NodeId};
        let mut out = Vec::with_capacity(ids.len());
        // A proof needs at most a few dozen nodes; each lookup is by primary key.
        for chunk in ids.chunks(200) {
            let mut q = sqlx::QueryBuilder::<Db>::new("SELECT level, idx, hash FROM log_nodes WHERE ");
            for (i, id) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(" OR ");
                }
                q.push("(level = ")
                    .push_bind(i64::from(id.level))
                    .push(" AND idx = ")
                    .push_bind(id.index as i64)
                    .push(")");
            }
            let rows: Vec<(i64, i64, Vec<u8>)> =
                q.build_query_as().fetch_all(&mut *conn).await.map_err(crate::errors::map)?;
            for (level, idx, hash) in rows {
                let hash = Hash::try_from(hash.as_slice())
                    .map_err(|e| vigie_core::StoreError::Backend(format!("stored log node: {e}")))?;
                out.push((NodeId::new(level as u32, idx as u64), hash));
            }
        }
        Ok(out)
    }
}

#[async_trait::async_trait]
impl CustodyStore for This {
    async fn append_leaves(&self, leaves: &[vigie_core::store::NewLeaf]) -> vigie_core::StoreResult<Vec<u64>> {
        use crate::errors::map;

        if leaves.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.pool.begin().await.map_err(map)?;
        let indexes = Self::custody_append_in(&mut tx, leaves).await?;
        tx.commit().await.map_err(map)?;
        Ok(indexes)
    }

    async fn log_size(&self) -> StoreResult<u64> {
        let size: i64 =
            sqlx::query_scalar("SELECT size FROM log_state WHERE id = 1").fetch_one(&self.pool).await.map_err(map)?;
        Ok(size as u64)
    }

    async fn log_nodes(
        &self,
        ids: &[vigie_core::merkle::NodeId],
    ) -> vigie_core::StoreResult<Vec<(vigie_core::merkle::NodeId, vigie_core::merkle::Hash)>> {
        let mut conn = self.pool.acquire().await.map_err(crate::errors::map)?;
        Self::custody_nodes_in(&mut conn, ids).await
    }

    async fn log_leaf(&self, index: u64) -> StoreResult<LeafRecordRow> {
        let row: LeafRow = sqlx::query_as(&format!("{LEAF_COLUMNS} WHERE leaf_index = $1"))
            .bind(index as i64)
            .fetch_one(&self.pool)
            .await
            .map_err(map)?;
        Ok(row.into())
    }

    async fn case_leaves(&self, case: CaseId) -> StoreResult<Vec<LeafRecordRow>> {
        let rows: Vec<LeafRow> = sqlx::query_as(&format!("{LEAF_COLUMNS} WHERE case_id = $1 ORDER BY leaf_index"))
            .bind(case.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn insert_tree_head(&self, head: &TreeHeadRow) -> StoreResult<()> {
        // Heads are signed statements: a second one for the same size is kept as
        // the first, never replaced.
        sqlx::query(
            "INSERT INTO tree_heads (size, root, timestamp, signature) VALUES ($1, $2, $3, $4)
             ON CONFLICT (size) DO NOTHING",
        )
        .bind(head.size as i64)
        .bind(head.root.as_bytes().to_vec())
        .bind(head.timestamp.0)
        .bind(&head.signature)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn latest_tree_head(&self) -> StoreResult<Option<TreeHeadRow>> {
        let row: Option<(i64, Vec<u8>, i64, Vec<u8>)> =
            sqlx::query_as("SELECT size, root, timestamp, signature FROM tree_heads ORDER BY size DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await
                .map_err(map)?;
        row.map(|(size, root, timestamp, signature)| {
            Ok(TreeHeadRow {
                size: size as u64,
                root: Hash::try_from(root.as_slice())
                    .map_err(|e| StoreError::Backend(format!("stored tree head: {e}")))?,
                timestamp: Timestamp(timestamp),
                signature,
            })
        })
        .transpose()
    }

    async fn case_evidence(&self, case: CaseId) -> StoreResult<Vec<EvidenceRow>> {
        let rows: Vec<EvidenceItemRow> = sqlx::query_as(&format!("{EVIDENCE_COLUMNS} WHERE case_id = $1 ORDER BY id"))
            .bind(case.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn evidence_item(&self, id: i64) -> StoreResult<EvidenceRow> {
        let row: EvidenceItemRow = sqlx::query_as(&format!("{EVIDENCE_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(map)?;
        row.try_into()
    }
}
