//! `SharingStore` for one backend: `Db` and `This` come from the including module.

use super::This;
use crate::errors::{affected_one, map, map_missing};
use crate::sharing::*;
use vigie_core::sharing::Indicator;
use vigie_core::sharing::peer::ObjectKind;
use vigie_core::store::*;
use vigie_core::{OrgId, StoreResult, Timestamp};

#[async_trait::async_trait]
impl SharingStore for This {
    async fn set_share_mark(&self, m: &ShareMark) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO share_marks (kind, object_id, tlp, techniques, marked_by, marked_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (kind, object_id) DO UPDATE SET tlp = excluded.tlp, techniques = excluded.techniques,
                 marked_by = excluded.marked_by, marked_at = excluded.marked_at",
        )
        .bind(m.kind.code())
        .bind(m.object)
        .bind(tlp_code(m.tlp))
        .bind(join_techniques(&m.techniques))
        .bind(m.by.0)
        .bind(m.at.0)
        .execute(&self.pool)
        .await
        .map_err(map_missing)?;
        Ok(())
    }

    async fn remove_share_mark(&self, kind: ObjectKind, object: i64) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM share_marks WHERE kind = $1 AND object_id = $2")
            .bind(kind.code())
            .bind(object)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn share_marks(&self) -> StoreResult<Vec<ShareMark>> {
        let rows: Vec<MarkDbRow> = sqlx::query_as("SELECT * FROM share_marks ORDER BY kind, object_id")
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        rows.into_iter().map(ShareMark::try_from).collect()
    }

    async fn add_peer(&self, p: &NewPeer<'_>) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO peers (name, public_key, url, token_sealed, pull_token_hash, added_by, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(p.name)
        .bind(p.public_key)
        .bind(p.url)
        .bind(p.token_sealed)
        .bind(p.pull_token_hash)
        .bind(p.by.0)
        .bind(p.at.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map_missing)
    }

    async fn peers(&self) -> StoreResult<Vec<PeerRow>> {
        let rows: Vec<PeerDbRow> = sqlx::query_as(&format!("SELECT {PEER_COLUMNS} FROM peers ORDER BY name, id"))
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        Ok(rows.into_iter().map(PeerRow::from).collect())
    }

    async fn peer(&self, id: i64) -> StoreResult<PeerRow> {
        let row: PeerDbRow = sqlx::query_as(&format!("SELECT {PEER_COLUMNS} FROM peers WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(map)?;
        Ok(row.into())
    }

    async fn peer_by_key(&self, public_key: &str) -> StoreResult<Option<PeerRow>> {
        let row: Option<PeerDbRow> = sqlx::query_as(&format!("SELECT {PEER_COLUMNS} FROM peers WHERE public_key = $1"))
            .bind(public_key)
            .fetch_optional(&self.pool)
            .await
            .map_err(map)?;
        Ok(row.map(PeerRow::from))
    }

    async fn peer_by_pull_token(&self, hash: &str) -> StoreResult<Option<PeerRow>> {
        let row: Option<PeerDbRow> =
            sqlx::query_as(&format!("SELECT {PEER_COLUMNS} FROM peers WHERE pull_token_hash = $1"))
                .bind(hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(map)?;
        Ok(row.map(PeerRow::from))
    }

    async fn remove_peer(&self, id: i64) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM peers WHERE id = $1").bind(id).execute(&self.pool).await.map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn advance_peer_sequence(&self, id: i64, sequence: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE peers SET last_sequence = $2 WHERE id = $1 AND (last_sequence IS NULL OR last_sequence < $2)",
        )
        .bind(id)
        .bind(sequence)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(done.rows_affected() == 1)
    }

    async fn record_peer_pull(&self, id: i64, at: Timestamp, error: Option<&str>) -> StoreResult<()> {
        let done = sqlx::query("UPDATE peers SET last_pulled_at = $2, last_error = $3 WHERE id = $1")
            .bind(id)
            .bind(at.0)
            .bind(error)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        affected_one(done.rows_affected())
    }

    async fn save_import(&self, n: &NewImport<'_>) -> StoreResult<(i64, ImportOutcome)> {
        let i = n.imported;
        let scope = scope_of(n.scope);
        let mut tx = self.pool.begin().await.map_err(map)?;
        let existing: Option<(i64, String)> =
            sqlx::query_as("SELECT id, content_hash FROM shared_imports WHERE scope_org = $1 AND source_uuid = $2")
                .bind(scope)
                .bind(&i.uuid)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map)?;
        let producer_name = i.producer.as_ref().map(|p| p.name.as_str());
        let producer_uuid = i.producer.as_ref().and_then(|p| p.uuid.as_deref());
        let (id, outcome) = match existing {
            Some((id, hash)) if hash == n.content_hash => (id, ImportOutcome::Unchanged),
            existing => {
                // One statement for a new document and a changed one: the same uuid in
                // the same scope is updated in place and keeps its id and first receipt.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO shared_imports (scope_org, source_uuid, format, object_kind, title, tlp, producer_name,
                         producer_uuid, techniques, first_seen, last_seen, skipped, content_hash, received_at,
                         updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
                     ON CONFLICT (scope_org, source_uuid) DO UPDATE SET format = excluded.format,
                         object_kind = excluded.object_kind, title = excluded.title, tlp = excluded.tlp,
                         producer_name = excluded.producer_name, producer_uuid = excluded.producer_uuid,
                         techniques = excluded.techniques, first_seen = excluded.first_seen,
                         last_seen = excluded.last_seen, skipped = excluded.skipped,
                         content_hash = excluded.content_hash, updated_at = excluded.updated_at
                     RETURNING id",
                )
                .bind(scope)
                .bind(&i.uuid)
                .bind(format_code(i.source_format))
                .bind(n.kind.map(ObjectKind::code))
                .bind(&i.title)
                .bind(i.tlp.map(tlp_code))
                .bind(producer_name)
                .bind(producer_uuid)
                .bind(join_techniques(&i.techniques))
                .bind(i.first_seen.map(|t| t.0))
                .bind(i.last_seen.map(|t| t.0))
                .bind(skipped_text(&i.skipped))
                .bind(&n.content_hash)
                .bind(n.at.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(map)?;
                if existing.is_none() {
                    (id, ImportOutcome::Added)
                } else {
                    sqlx::query("DELETE FROM shared_indicators WHERE import_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(map)?;
                    (id, ImportOutcome::Updated)
                }
            }
        };
        if outcome != ImportOutcome::Unchanged {
            for (position, ind) in i.indicators.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO shared_indicators (import_id, position, kind, value, first_seen, last_seen, comment)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(position as i64)
                .bind(kind_code(ind.kind))
                .bind(&ind.value)
                .bind(ind.first_seen.map(|t| t.0))
                .bind(ind.last_seen.map(|t| t.0))
                .bind(&ind.comment)
                .execute(&mut *tx)
                .await
                .map_err(map)?;
            }
        }
        sqlx::query(
            "INSERT INTO shared_receipts (import_id, source, outcome, peer_id, peer_name, org_id, by_user, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(n.source.code())
        .bind(outcome.code())
        .bind(n.peer.map(|p| p.0))
        .bind(n.peer.map(|p| p.1))
        .bind(n.org.map(|o| o.0))
        .bind(n.by.map(|u| u.0))
        .bind(n.at.0)
        .execute(&mut *tx)
        .await
        .map_err(map_missing)?;
        tx.commit().await.map_err(map)?;
        Ok((id, outcome))
    }

    async fn imports(&self, viewer: Option<OrgId>, limit: u32) -> StoreResult<Vec<ImportRow>> {
        let rows: Vec<ImportDbRow> = sqlx::query_as(&format!(
            "SELECT {IMPORT_COLUMNS} FROM shared_imports i
             WHERE $1 IS NULL OR i.scope_org = 0 OR i.scope_org = $1
             ORDER BY i.updated_at DESC, i.id DESC LIMIT $2"
        ))
        .bind(viewer.map(|o| o.0))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter().map(ImportRow::try_from).collect()
    }

    async fn import_row(&self, id: i64) -> StoreResult<ImportRow> {
        let row: ImportDbRow =
            sqlx::query_as(&format!("SELECT {IMPORT_COLUMNS} FROM shared_imports i WHERE i.id = $1"))
                .bind(id)
                .fetch_one(&self.pool)
                .await
                .map_err(map)?;
        row.try_into()
    }

    async fn import_indicators(&self, id: i64) -> StoreResult<Vec<Indicator>> {
        let rows: Vec<(String, String, Option<i64>, Option<i64>, String)> = sqlx::query_as(
            "SELECT kind, value, first_seen, last_seen, comment FROM shared_indicators
             WHERE import_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter()
            .map(|(kind, value, first_seen, last_seen, comment)| {
                Ok(Indicator {
                    kind: indicator_kind(&kind)?,
                    value,
                    first_seen: first_seen.map(Timestamp),
                    last_seen: last_seen.map(Timestamp),
                    comment,
                })
            })
            .collect()
    }

    async fn import_receipts(&self, id: i64) -> StoreResult<Vec<ReceiptRow>> {
        let rows: Vec<ReceiptDbRow> = sqlx::query_as(
            "SELECT import_id, source, outcome, peer_id, peer_name, org_id, by_user, at FROM shared_receipts
             WHERE import_id = $1 ORDER BY at, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter().map(ReceiptRow::try_from).collect()
    }
}
