//! `CaseStore` for one backend: `Db` and `This` come from the including module.

use super::{Db, This};
use crate::cases::*;
use crate::errors::{affected_one, map};
use crate::rows::*;
use vigie_core::store::*;
use vigie_core::triage::Severity;
use vigie_core::workflow::Status;
use vigie_core::{CaseId, OrgId, StoreResult, Timestamp, UserId};

pub(super) async fn insert_files_in(
    conn: &mut <Db as sqlx::Database>::Connection,
    case: i64,
    files: &[NewCaseFile],
    at: Timestamp,
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(files.len());
    for f in files {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO case_files (case_id, blob_name, sealed_meta, from_reporter, added_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(case)
        .bind(&f.blob_name)
        .bind(&f.sealed_meta)
        .bind(f.from_reporter)
        .bind(f.added_by.map(|u| u.0))
        .bind(at.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(map)?;
        ids.push(id);
    }
    Ok(ids)
}

/// Inserts a case, its platforms and incident types, its files and its playbooks inside
/// the caller's transaction.
pub(super) async fn insert_case_in(conn: &mut <Db as sqlx::Database>::Connection, c: &NewCase) -> StoreResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO cases (org_id, status, severity, proposed_severity, incidents, platforms, country, language,
             ongoing, consent_to_share, opened_at, first_response_due, resolution_due, updated_at, receipt_mac,
             sealed_report, thread_key_sealed, thread_key_reporter)
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10, $13, $14, $15, $16) RETURNING id",
    )
    .bind(c.org_id.0)
    .bind(c.status.code())
    .bind(c.severity.code())
    .bind(joined(&c.incidents))
    .bind(joined(&c.platforms))
    .bind(&c.country)
    .bind(&c.language)
    .bind(c.ongoing)
    .bind(c.consent_to_share)
    .bind(c.opened_at.0)
    .bind(c.first_response_due.0)
    .bind(c.resolution_due.0)
    .bind(&c.receipt_mac)
    .bind(&c.sealed_report)
    .bind(&c.thread_key_sealed)
    .bind(&c.thread_key_reporter)
    .fetch_one(&mut *conn)
    .await
    .map_err(map)?;
    let platforms = c.platforms.iter().map(|p| (INSERT_PLATFORM, p.code()));
    for (sql, code) in platforms.chain(c.incidents.iter().map(|i| (INSERT_INCIDENT, i.code()))) {
        sqlx::query(sql).bind(id).bind(code).execute(&mut *conn).await.map_err(map)?;
    }
    insert_files_in(&mut *conn, id, &c.files, c.opened_at).await?;
    for code in &c.playbooks {
        sqlx::query("INSERT INTO case_playbooks (case_id, code) VALUES ($1, $2)")
            .bind(id)
            .bind(code)
            .execute(&mut *conn)
            .await
            .map_err(map)?;
    }
    Ok(id)
}

#[async_trait::async_trait]
impl CaseStore for This {
    async fn insert_case(&self, c: &NewCase) -> StoreResult<CaseId> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        let id = insert_case_in(&mut tx, c).await?;
        tx.commit().await.map_err(map)?;
        Ok(CaseId(id))
    }

    async fn case(&self, id: CaseId) -> StoreResult<CaseRecord> {
        let sql = format!("{CASE_COLUMNS} WHERE id = $1");
        let row: CaseRow = sqlx::query_as(&sql).bind(id.0).fetch_one(&self.pool).await.map_err(map)?;
        row.try_into()
    }

    async fn case_by_receipt(&self, receipt_mac: &[u8]) -> StoreResult<CaseRecord> {
        let sql = format!("{CASE_COLUMNS} WHERE receipt_mac = $1");
        let row: CaseRow = sqlx::query_as(&sql).bind(receipt_mac).fetch_one(&self.pool).await.map_err(map)?;
        row.try_into()
    }

    async fn set_case_status(
        &self,
        id: CaseId,
        status: Status,
        responded_at: Option<Timestamp>,
        at: Timestamp,
    ) -> StoreResult<()> {
        let r = sqlx::query(
            "UPDATE cases SET status = $1, responded_at = COALESCE(responded_at, $2), updated_at = $3 WHERE id = $4",
        )
        .bind(status.code())
        .bind(responded_at.map(|t| t.0))
        .bind(at.0)
        .bind(id.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        affected_one(r.rows_affected())
    }

    async fn set_case_severity(
        &self,
        id: CaseId,
        severity: Severity,
        first_response_due: Timestamp,
        resolution_due: Timestamp,
        at: Timestamp,
    ) -> StoreResult<()> {
        let r = sqlx::query(
            "UPDATE cases SET severity = $1, first_response_due = $2, resolution_due = $3, updated_at = $4 \
             WHERE id = $5",
        )
        .bind(severity.code())
        .bind(first_response_due.0)
        .bind(resolution_due.0)
        .bind(at.0)
        .bind(id.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        affected_one(r.rows_affected())
    }

    async fn set_case_assignee(&self, id: CaseId, assignee: Option<UserId>, at: Timestamp) -> StoreResult<()> {
        let r = sqlx::query("UPDATE cases SET assignee_id = $1, updated_at = $2 WHERE id = $3")
            .bind(assignee.map(|u| u.0))
            .bind(at.0)
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        affected_one(r.rows_affected())
    }

    async fn insert_message(
        &self,
        case: CaseId,
        from_reporter: bool,
        author: Option<UserId>,
        body: &[u8],
        at: Timestamp,
    ) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO case_messages (case_id, from_reporter, author_id, body, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(case.0)
        .bind(from_reporter)
        .bind(author.map(|u| u.0))
        .bind(body)
        .bind(at.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map)
    }

    async fn messages(&self, case: CaseId) -> StoreResult<Vec<MessageRecord>> {
        let rows: Vec<MessageRow> = sqlx::query_as(
            "SELECT id, case_id, from_reporter, author_id, body, created_at FROM case_messages \
             WHERE case_id = $1 ORDER BY id",
        )
        .bind(case.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn list_cases(&self, org: OrgId, f: &CaseFilter) -> StoreResult<(Vec<CaseRecord>, i64)> {
        // Shared cases are a separate view: one simple organization test keeps the
        // queue indexes usable (an OR across both sets made every view scan).
        let filter = if f.shared_with_us {
            QUEUE_WHERE.replacen(
                "WHERE org_id = $1",
                "WHERE id IN (SELECT case_id FROM case_shares WHERE org_id = $1)",
                1,
            )
        } else {
            QUEUE_WHERE.to_owned()
        };
        let count_sql = format!("SELECT COUNT(*) FROM cases {filter}");
        let total: i64 =
            bind_queue!(sqlx::query_scalar(&count_sql), org, f).fetch_one(&self.pool).await.map_err(map)?;
        let sql = format!("{CASE_COLUMNS} {filter} {} LIMIT $12 OFFSET $13", queue_order(f.sort));
        let rows: Vec<CaseRow> = bind_queue!(sqlx::query_as(&sql), org, f)
            .bind(f.limit)
            .bind(f.offset)
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        Ok((rows.into_iter().map(TryInto::try_into).collect::<StoreResult<_>>()?, total))
    }

    async fn insert_note(&self, case: CaseId, author: UserId, body: &[u8], at: Timestamp) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO case_notes (case_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(case.0)
        .bind(author.0)
        .bind(body)
        .bind(at.0)
        .fetch_one(&self.pool)
        .await
        .map_err(map)
    }

    async fn notes(&self, case: CaseId) -> StoreResult<Vec<NoteRecord>> {
        let rows: Vec<NoteRow> = sqlx::query_as(
            "SELECT id, case_id, author_id, body, created_at FROM case_notes WHERE case_id = $1 ORDER BY id",
        )
        .bind(case.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn insert_event(
        &self,
        case: CaseId,
        actor: Option<UserId>,
        kind: &str,
        detail: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO case_events (case_id, actor_id, kind, detail, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(case.0)
        .bind(actor.map(|u| u.0))
        .bind(kind)
        .bind(detail)
        .bind(at.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn events(&self, case: CaseId) -> StoreResult<Vec<EventRecord>> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT id, case_id, actor_id, kind, detail, created_at FROM case_events WHERE case_id = $1 ORDER BY id",
        )
        .bind(case.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn playbook_overrides(&self) -> StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT content FROM playbooks ORDER BY code").fetch_all(&self.pool).await.map_err(map)
    }

    async fn put_playbook(&self, code: &str, content: &str, by: UserId, at: Timestamp) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO playbooks (code, content, updated_by, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO UPDATE SET content = $2, updated_by = $3, updated_at = $4",
        )
        .bind(code)
        .bind(content)
        .bind(by.0)
        .bind(at.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn case_playbooks(&self, case: CaseId) -> StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT code FROM case_playbooks WHERE case_id = $1 ORDER BY code")
            .bind(case.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map)
    }

    async fn set_step(
        &self,
        case: CaseId,
        code: &str,
        step: i64,
        done: Option<(UserId, Timestamp)>,
    ) -> StoreResult<()> {
        match done {
            Some((by, at)) => sqlx::query(
                "INSERT INTO case_steps (case_id, code, step, done_by, done_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (case_id, code, step) DO NOTHING",
            )
            .bind(case.0)
            .bind(code)
            .bind(step)
            .bind(by.0)
            .bind(at.0)
            .execute(&self.pool)
            .await
            .map_err(map)?,
            None => sqlx::query("DELETE FROM case_steps WHERE case_id = $1 AND code = $2 AND step = $3")
                .bind(case.0)
                .bind(code)
                .bind(step)
                .execute(&self.pool)
                .await
                .map_err(map)?,
        };
        Ok(())
    }

    async fn case_steps(&self, case: CaseId) -> StoreResult<Vec<StepRecord>> {
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT code, step, done_by, done_at FROM case_steps WHERE case_id = $1 ORDER BY code, step",
        )
        .bind(case.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows
            .into_iter()
            .map(|(code, step, by, at)| StepRecord { code, step, done_by: UserId(by), done_at: Timestamp(at) })
            .collect())
    }

    async fn insert_share(
        &self,
        case: CaseId,
        org: OrgId,
        sealed_report: &[u8],
        thread_key_sealed: &[u8],
        by: UserId,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO case_shares (case_id, org_id, sealed_report, thread_key_sealed, shared_by, shared_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (case_id, org_id) DO UPDATE SET sealed_report = $3, thread_key_sealed = $4, shared_by = $5,
                 shared_at = $6",
        )
        .bind(case.0)
        .bind(org.0)
        .bind(sealed_report)
        .bind(thread_key_sealed)
        .bind(by.0)
        .bind(at.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn share(&self, case: CaseId, org: OrgId) -> StoreResult<Option<(Vec<u8>, Vec<u8>)>> {
        sqlx::query_as("SELECT sealed_report, thread_key_sealed FROM case_shares WHERE case_id = $1 AND org_id = $2")
            .bind(case.0)
            .bind(org.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(map)
    }

    async fn shared_with(&self, case: CaseId) -> StoreResult<Vec<OrgId>> {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT org_id FROM case_shares WHERE case_id = $1 ORDER BY org_id")
            .bind(case.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        Ok(ids.into_iter().map(OrgId).collect())
    }

    async fn link_cases(&self, a: CaseId, b: CaseId) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        for (x, y) in [(a, b), (b, a)] {
            sqlx::query(
                "INSERT INTO case_links (case_id, other_id) VALUES ($1, $2) ON CONFLICT (case_id, other_id) DO NOTHING",
            )
            .bind(x.0)
            .bind(y.0)
            .execute(&mut *tx)
            .await
            .map_err(map)?;
        }
        tx.commit().await.map_err(map)
    }

    async fn linked_cases(&self, case: CaseId) -> StoreResult<Vec<CaseId>> {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT other_id FROM case_links WHERE case_id = $1 ORDER BY other_id")
            .bind(case.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map)?;
        Ok(ids.into_iter().map(CaseId).collect())
    }

    async fn set_tags(&self, case: CaseId, tags: &[String]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        sqlx::query("DELETE FROM case_tags WHERE case_id = $1").bind(case.0).execute(&mut *tx).await.map_err(map)?;
        for tag in tags {
            sqlx::query("INSERT INTO case_tags (case_id, tag) VALUES ($1, $2) ON CONFLICT (case_id, tag) DO NOTHING")
                .bind(case.0)
                .bind(tag)
                .execute(&mut *tx)
                .await
                .map_err(map)?;
        }
        tx.commit().await.map_err(map)
    }

    async fn tags(&self, case: CaseId) -> StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT tag FROM case_tags WHERE case_id = $1 ORDER BY tag")
            .bind(case.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map)
    }

    async fn all_events(&self, after_id: i64, limit: i64) -> StoreResult<Vec<EventRecord>> {
        let rows: Vec<EventRow> = sqlx::query_as(
            "SELECT id, case_id, actor_id, kind, detail, created_at FROM case_events \
             WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn insert_case_files(&self, case: CaseId, files: &[NewCaseFile], at: Timestamp) -> StoreResult<Vec<i64>> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        let ids = insert_files_in(&mut tx, case.0, files, at).await?;
        tx.commit().await.map_err(map)?;
        Ok(ids)
    }

    async fn case_files(&self, case: CaseId) -> StoreResult<Vec<CaseFileRecord>> {
        let rows: Vec<(i64, i64, String, Vec<u8>, bool, Option<i64>, i64)> = sqlx::query_as(
            "SELECT id, case_id, blob_name, sealed_meta, from_reporter, added_by, created_at
             FROM case_files WHERE case_id = $1 ORDER BY id",
        )
        .bind(case.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows
            .into_iter()
            .map(|(id, case_id, blob_name, sealed_meta, from_reporter, added_by, at)| CaseFileRecord {
                id,
                case_id: CaseId(case_id),
                blob_name,
                sealed_meta,
                from_reporter,
                added_by: added_by.map(UserId),
                created_at: Timestamp(at),
            })
            .collect())
    }
}
