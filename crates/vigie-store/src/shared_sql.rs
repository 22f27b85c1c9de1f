//! The SQL both backends run, written once. SQLite and PostgreSQL agree on everything
//! used here (`$n` parameters, `RETURNING`, `ON CONFLICT`, `TRUE`/`FALSE`), so one
//! macro implements `Store` for each pool type, and each backend keeps only its
//! connection and migration code.

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        use vigie_core::store::{
            ApiTokenRecord, CaseFileRecord, CaseFilter, CaseRecord, NewCaseFile, CaseSort, EventRecord, MemberKey, MessageRecord, NewCase, NewOrg,
            NewUser, NoteRecord, NewLeaf, ObservationRow, TextSignatureRow, DetectionRunRow, CampaignSave, CampaignRow, LeafRecordRow, EvidenceRow, TreeHeadRow, OrgRecord, PendingKey, SessionRecord, StepRecord, UserRecord,
        };
        use vigie_core::merkle::{Hash, NodeId};
        use vigie_core::{CaseId, OrgId, Store, StoreError, StoreResult, Timestamp, TokenId, UserId};
        use $crate::errors::map;
        use $crate::rows::{
            ApiTokenRow, CaseRow, EvidenceItemRow, LeafRow, EventRow, MemberKeyRow, MessageRow, NoteRow, OrgRow, SessionRow, UserRow, key_columns,
        };

        const ORG_COLUMNS: &str = "SELECT id, slug, name, public_key, recovery_wrap, sealed_contacts, created_at FROM orgs";
        const USER_COLUMNS: &str = "SELECT id, org_id, username, display_name, role, password_hash, disabled, created_at FROM users";
        const KEY_COLUMNS: &str = "SELECT user_id, wrap, pending_public_key, pending_wrapped_secret, pending_grant FROM member_keys";
        const LEAF_COLUMNS: &str = "SELECT leaf_index, org_id, case_id, kind, sealed_record, created_at FROM log_leaves";
        const EVIDENCE_COLUMNS: &str = "SELECT id, case_id, kind, leaf_index, file_id, added_by, created_at FROM evidence_items";
        const TOKEN_COLUMNS: &str = "id, user_id, name, created_at, last_used_at, revoked";
        const CASE_COLUMNS: &str = "SELECT id, org_id, status, severity, proposed_severity, incidents, platforms, country, \
            language, ongoing, consent_to_share, opened_at, first_response_due, resolution_due, responded_at, assignee_id, \
            updated_at, sealed_report, thread_key_sealed, thread_key_reporter FROM cases";

        /// The queue's filters: every one is "any" when its parameter is NULL, so one
        /// statement serves all combinations and the planner still uses the indexes.
        const QUEUE_WHERE: &str = "WHERE org_id = $1
            AND ($2 IS NULL OR status = $2)
            AND ($3 = FALSE OR status NOT IN ('resolved', 'closed'))
            AND ($4 IS NULL OR severity = $4)
            AND ($5 IS NULL OR (',' || incidents || ',') LIKE ('%,' || $5 || ',%'))
            AND ($6 IS NULL OR (',' || platforms || ',') LIKE ('%,' || $6 || ',%'))
            AND ($7 IS NULL OR country = $7)
            AND ($8 IS NULL OR language = $8)
            AND ($9 IS NULL OR assignee_id = $9)
            AND ($10 = FALSE OR assignee_id IS NULL)
            AND ($11 IS NULL OR (status NOT IN ('resolved', 'closed')
                 AND ((responded_at IS NULL AND first_response_due < $11) OR resolution_due < $11)))";

        fn queue_order(sort: CaseSort) -> &'static str {
            match sort {
                CaseSort::Newest => "ORDER BY opened_at DESC, id DESC",
                CaseSort::Oldest => "ORDER BY opened_at ASC, id ASC",
                CaseSort::Severity => "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, opened_at ASC, id ASC",
                CaseSort::Due => "ORDER BY resolution_due ASC, id ASC",
            }
        }

        macro_rules! bind_queue {
            ($q:expr, $org:expr, $f:expr) => {
                $q.bind($org.0)
                    .bind($f.status.as_deref())
                    .bind($f.open_only)
                    .bind($f.severity.as_deref())
                    .bind($f.incident.as_deref())
                    .bind($f.platform.as_deref())
                    .bind($f.country.as_deref())
                    .bind($f.language.as_deref())
                    .bind($f.assignee.map(|u| u.0))
                    .bind($f.unassigned)
                    .bind($f.overdue_at.map(|t| t.0))
            };
        }

        async fn insert_user_in(conn: &mut <$db as sqlx::Database>::Connection, u: &NewUser, org: i64) -> StoreResult<UserId> {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO users (org_id, username, display_name, role, password_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(org)
            .bind(&u.username)
            .bind(&u.display_name)
            .bind(u.role.as_str())
            .bind(&u.password_hash)
            .bind(u.created_at.0)
            .fetch_one(&mut *conn)
            .await
            .map_err(map)?;
            let (wrap, public, secret, grant) = key_columns(&u.key);
            sqlx::query(
                "INSERT INTO member_keys (user_id, wrap, pending_public_key, pending_wrapped_secret, pending_grant)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(wrap)
            .bind(public)
            .bind(secret)
            .bind(grant)
            .execute(&mut *conn)
            .await
            .map_err(map)?;
            Ok(UserId(id))
        }

        async fn put_member_key_in(conn: &mut <$db as sqlx::Database>::Connection, user: UserId, key: &MemberKey) -> StoreResult<()> {
            let (wrap, public, secret, grant) = key_columns(key);
            sqlx::query(
                "INSERT INTO member_keys (user_id, wrap, pending_public_key, pending_wrapped_secret, pending_grant)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (user_id) DO UPDATE SET wrap = $2, pending_public_key = $3,
                     pending_wrapped_secret = $4, pending_grant = $5",
            )
            .bind(user.0)
            .bind(wrap)
            .bind(public)
            .bind(secret)
            .bind(grant)
            .execute(&mut *conn)
            .await
            .map_err(map)?;
            Ok(())
        }

        async fn insert_files_in(conn: &mut <$db as sqlx::Database>::Connection, case: i64, files: &[NewCaseFile], at: Timestamp) -> StoreResult<Vec<i64>> {
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

        /// Inserts a case, its files and its playbooks inside the caller's transaction.
        async fn insert_case_in(conn: &mut <$db as sqlx::Database>::Connection, c: &NewCase) -> StoreResult<i64> {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO cases (org_id, status, severity, proposed_severity, incidents, platforms, country, language,
                     ongoing, consent_to_share, opened_at, first_response_due, resolution_due, updated_at, receipt_mac,
                     sealed_report, thread_key_sealed, thread_key_reporter)
                 VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10, $13, $14, $15, $16) RETURNING id",
            )
            .bind(c.org_id.0)
            .bind(&c.status)
            .bind(&c.severity)
            .bind(&c.incidents)
            .bind(&c.platforms)
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

        fn affected_one(rows: u64) -> StoreResult<()> {
            if rows == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        }

        #[async_trait::async_trait]
        impl Store for $store {
            async fn insert_org(&self, org: &NewOrg, first_member: Option<&NewUser>) -> StoreResult<(OrgId, Option<UserId>)> {
                let mut tx = self.pool.begin().await.map_err(map)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO orgs (slug, name, public_key, recovery_wrap, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(&org.slug)
                .bind(&org.name)
                .bind(&org.public_key)
                .bind(&org.recovery_wrap)
                .bind(org.created_at.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(map)?;
                let user = match first_member {
                    Some(u) => Some(insert_user_in(&mut tx, u, id).await?),
                    None => None,
                };
                tx.commit().await.map_err(map)?;
                Ok((OrgId(id), user))
            }

            async fn org(&self, id: OrgId) -> StoreResult<OrgRecord> {
                let sql = format!("{ORG_COLUMNS} WHERE id = $1");
                let row: OrgRow = sqlx::query_as(&sql).bind(id.0).fetch_one(&self.pool).await.map_err(map)?;
                Ok(row.into())
            }

            async fn org_by_slug(&self, slug: &str) -> StoreResult<OrgRecord> {
                let sql = format!("{ORG_COLUMNS} WHERE slug = $1");
                let row: OrgRow = sqlx::query_as(&sql).bind(slug).fetch_one(&self.pool).await.map_err(map)?;
                Ok(row.into())
            }

            async fn orgs(&self) -> StoreResult<Vec<OrgRecord>> {
                let sql = format!("{ORG_COLUMNS} ORDER BY name, id");
                let rows: Vec<OrgRow> = sqlx::query_as(&sql).fetch_all(&self.pool).await.map_err(map)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn set_org_contacts(&self, id: OrgId, sealed: Option<&[u8]>) -> StoreResult<()> {
                let r = sqlx::query("UPDATE orgs SET sealed_contacts = $1 WHERE id = $2")
                    .bind(sealed)
                    .bind(id.0)
                    .execute(&self.pool)
                    .await
                    .map_err(map)?;
                affected_one(r.rows_affected())
            }

            async fn insert_user(&self, user: &NewUser) -> StoreResult<UserId> {
                let mut tx = self.pool.begin().await.map_err(map)?;
                let id = insert_user_in(&mut tx, user, user.org_id.0).await?;
                tx.commit().await.map_err(map)?;
                Ok(id)
            }

            async fn user(&self, id: UserId) -> StoreResult<UserRecord> {
                let sql = format!("{USER_COLUMNS} WHERE id = $1");
                let row: UserRow = sqlx::query_as(&sql).bind(id.0).fetch_one(&self.pool).await.map_err(map)?;
                row.try_into()
            }

            async fn user_by_username(&self, username: &str) -> StoreResult<UserRecord> {
                let sql = format!("{USER_COLUMNS} WHERE username = $1");
                let row: UserRow = sqlx::query_as(&sql).bind(username).fetch_one(&self.pool).await.map_err(map)?;
                row.try_into()
            }

            async fn users(&self, org: Option<OrgId>) -> StoreResult<Vec<UserRecord>> {
                let sql = format!("{USER_COLUMNS} WHERE ($1 IS NULL OR org_id = $1) ORDER BY username");
                let rows: Vec<UserRow> = sqlx::query_as(&sql).bind(org.map(|o| o.0)).fetch_all(&self.pool).await.map_err(map)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn count_active_admins(&self) -> StoreResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = FALSE")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(map)
            }

            async fn member_key(&self, user: UserId) -> StoreResult<Option<MemberKey>> {
                let sql = format!("{KEY_COLUMNS} WHERE user_id = $1");
                let row: Option<MemberKeyRow> = sqlx::query_as(&sql).bind(user.0).fetch_optional(&self.pool).await.map_err(map)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn set_password(&self, user: UserId, password_hash: &str, key: &MemberKey) -> StoreResult<()> {
                let mut tx = self.pool.begin().await.map_err(map)?;
                let r = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(map)?;
                affected_one(r.rows_affected())?;
                put_member_key_in(&mut tx, user, key).await?;
                tx.commit().await.map_err(map)
            }

            async fn set_member_key(&self, user: UserId, key: &MemberKey) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await.map_err(map)?;
                put_member_key_in(&mut conn, user, key).await
            }

            async fn ungranted_pending(&self, org: OrgId) -> StoreResult<Vec<(UserId, PendingKey)>> {
                let sql = format!(
                    "{KEY_COLUMNS} WHERE pending_public_key IS NOT NULL AND pending_grant IS NULL
                     AND user_id IN (SELECT id FROM users WHERE org_id = $1 AND disabled = FALSE) ORDER BY user_id"
                );
                let rows: Vec<MemberKeyRow> = sqlx::query_as(&sql).bind(org.0).fetch_all(&self.pool).await.map_err(map)?;
                rows.into_iter()
                    .map(|r| {
                        let user = UserId(r.user_id);
                        match MemberKey::try_from(r)? {
                            MemberKey::Pending(p) => Ok((user, p)),
                            MemberKey::Wrapped(_) => Err(StoreError::Backend("pending row without pending key".into())),
                        }
                    })
                    .collect()
            }

            async fn set_pending_grant(&self, user: UserId, grant: &[u8]) -> StoreResult<()> {
                let r = sqlx::query("UPDATE member_keys SET pending_grant = $1 WHERE user_id = $2 AND pending_public_key IS NOT NULL")
                    .bind(grant)
                    .bind(user.0)
                    .execute(&self.pool)
                    .await
                    .map_err(map)?;
                affected_one(r.rows_affected())
            }

            async fn disable_user(&self, user: UserId) -> StoreResult<()> {
                let mut tx = self.pool.begin().await.map_err(map)?;
                let r = sqlx::query("UPDATE users SET disabled = TRUE WHERE id = $1").bind(user.0).execute(&mut *tx).await.map_err(map)?;
                affected_one(r.rows_affected())?;
                for sql in [
                    "DELETE FROM member_keys WHERE user_id = $1",
                    "DELETE FROM sessions WHERE user_id = $1",
                    "UPDATE api_tokens SET revoked = TRUE WHERE user_id = $1",
                ] {
                    sqlx::query(sql).bind(user.0).execute(&mut *tx).await.map_err(map)?;
                }
                tx.commit().await.map_err(map)
            }

            async fn insert_session(&self, s: &SessionRecord) -> StoreResult<()> {
                sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)")
                    .bind(&s.token_hash)
                    .bind(s.user_id.0)
                    .bind(s.created_at.0)
                    .bind(s.last_seen_at.0)
                    .execute(&self.pool)
                    .await
                    .map_err(map)?;
                Ok(())
            }

            async fn session(&self, token_hash: &[u8]) -> StoreResult<SessionRecord> {
                let row: SessionRow =
                    sqlx::query_as("SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(map)?;
                Ok(row.into())
            }

            async fn touch_session(&self, token_hash: &[u8], at: Timestamp) -> StoreResult<()> {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                    .bind(at.0)
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(map)?;
                Ok(())
            }

            async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await.map_err(map)?;
                Ok(())
            }

            async fn delete_sessions_of(&self, user: UserId) -> StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user.0).execute(&self.pool).await.map_err(map)?;
                Ok(())
            }

            async fn insert_setup_token(&self, token_hash: &[u8], expires_at: Timestamp) -> StoreResult<()> {
                sqlx::query("INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)")
                    .bind(token_hash)
                    .bind(expires_at.0)
                    .execute(&self.pool)
                    .await
                    .map_err(map)?;
                Ok(())
            }

            async fn setup_token_valid(&self, token_hash: &[u8], now: Timestamp) -> StoreResult<bool> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2")
                    .bind(token_hash)
                    .bind(now.0)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(map)?;
                Ok(n > 0)
            }

            async fn consume_setup_token(&self, token_hash: &[u8], now: Timestamp) -> StoreResult<bool> {
                let r = sqlx::query("DELETE FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2")
                    .bind(token_hash)
                    .bind(now.0)
                    .execute(&self.pool)
                    .await
                    .map_err(map)?;
                Ok(r.rows_affected() == 1)
            }

            async fn insert_api_token(&self, user: UserId, name: &str, token_hash: &[u8], at: Timestamp) -> StoreResult<TokenId> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(user.0)
                .bind(name)
                .bind(token_hash)
                .bind(at.0)
                .fetch_one(&self.pool)
                .await
                .map_err(map)?;
                Ok(TokenId(id))
            }

            async fn api_tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiTokenRecord>> {
                let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id");
                let rows: Vec<ApiTokenRow> = sqlx::query_as(&sql).bind(user.0).fetch_all(&self.pool).await.map_err(map)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn use_api_token(&self, token_hash: &[u8], at: Timestamp) -> StoreResult<ApiTokenRecord> {
                let sql = format!(
                    "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked = FALSE RETURNING {TOKEN_COLUMNS}"
                );
                let row: ApiTokenRow = sqlx::query_as(&sql).bind(at.0).bind(token_hash).fetch_one(&self.pool).await.map_err(map)?;
                Ok(row.into())
            }

            async fn revoke_api_token(&self, user: UserId, id: TokenId) -> StoreResult<()> {
                let r = sqlx::query("UPDATE api_tokens SET revoked = TRUE WHERE id = $1 AND user_id = $2")
                    .bind(id.0)
                    .bind(user.0)
                    .execute(&self.pool)
                    .await
                    .map_err(map)?;
                affected_one(r.rows_affected())
            }

            async fn insert_case(&self, c: &NewCase) -> StoreResult<CaseId> {
                let mut tx = self.pool.begin().await.map_err(map)?;
                let id = insert_case_in(&mut tx, c).await?;
                tx.commit().await.map_err(map)?;
                Ok(CaseId(id))
            }

            async fn insert_case_logged(
                &self,
                c: &NewCase,
                leaves: &(dyn Fn(CaseId) -> StoreResult<Vec<NewLeaf>> + Send + Sync),
            ) -> StoreResult<(CaseId, Vec<u64>)> {
                let mut tx = self.pool.begin().await.map_err(map)?;
                let id = CaseId(insert_case_in(&mut tx, c).await?);
                let indexes = Self::custody_append_in(&mut tx, &leaves(id)?).await?;
                tx.commit().await.map_err(map)?;
                Ok((id, indexes))
            }

            async fn case(&self, id: CaseId) -> StoreResult<CaseRecord> {
                let sql = format!("{CASE_COLUMNS} WHERE id = $1");
                let row: CaseRow = sqlx::query_as(&sql).bind(id.0).fetch_one(&self.pool).await.map_err(map)?;
                Ok(row.into())
            }

            async fn case_by_receipt(&self, receipt_mac: &[u8]) -> StoreResult<CaseRecord> {
                let sql = format!("{CASE_COLUMNS} WHERE receipt_mac = $1");
                let row: CaseRow = sqlx::query_as(&sql).bind(receipt_mac).fetch_one(&self.pool).await.map_err(map)?;
                Ok(row.into())
            }

            async fn set_case_status(&self, id: CaseId, status: &str, responded_at: Option<Timestamp>, at: Timestamp) -> StoreResult<()> {
                let r = sqlx::query(
                    "UPDATE cases SET status = $1, responded_at = COALESCE(responded_at, $2), updated_at = $3 WHERE id = $4",
                )
                .bind(status)
                .bind(responded_at.map(|t| t.0))
                .bind(at.0)
                .bind(id.0)
                .execute(&self.pool)
                .await
                .map_err(map)?;
                affected_one(r.rows_affected())
            }

            async fn set_case_severity(&self, id: CaseId, severity: &str, first_response_due: Timestamp, resolution_due: Timestamp, at: Timestamp) -> StoreResult<()> {
                let r = sqlx::query(
                    "UPDATE cases SET severity = $1, first_response_due = $2, resolution_due = $3, updated_at = $4 WHERE id = $5",
                )
                .bind(severity)
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

            async fn insert_message(&self, case: CaseId, from_reporter: bool, author: Option<UserId>, body: &[u8], at: Timestamp) -> StoreResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO case_messages (case_id, from_reporter, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
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
                    "SELECT id, case_id, from_reporter, author_id, body, created_at FROM case_messages WHERE case_id = $1 ORDER BY id",
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
                    QUEUE_WHERE.replacen("WHERE org_id = $1", "WHERE id IN (SELECT case_id FROM case_shares WHERE org_id = $1)", 1)
                } else {
                    QUEUE_WHERE.to_owned()
                };
                let count_sql = format!("SELECT COUNT(*) FROM cases {filter}");
                let total: i64 = bind_queue!(sqlx::query_scalar(&count_sql), org, f).fetch_one(&self.pool).await.map_err(map)?;
                let sql = format!("{CASE_COLUMNS} {filter} {} LIMIT $12 OFFSET $13", queue_order(f.sort));
                let rows: Vec<CaseRow> = bind_queue!(sqlx::query_as(&sql), org, f)
                    .bind(f.limit)
                    .bind(f.offset)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(map)?;
                Ok((rows.into_iter().map(Into::into).collect(), total))
            }

            async fn insert_note(&self, case: CaseId, author: UserId, body: &[u8], at: Timestamp) -> StoreResult<i64> {
                sqlx::query_scalar("INSERT INTO case_notes (case_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                    .bind(case.0)
                    .bind(author.0)
                    .bind(body)
                    .bind(at.0)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(map)
            }

            async fn notes(&self, case: CaseId) -> StoreResult<Vec<NoteRecord>> {
                let rows: Vec<NoteRow> =
                    sqlx::query_as("SELECT id, case_id, author_id, body, created_at FROM case_notes WHERE case_id = $1 ORDER BY id")
                        .bind(case.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(map)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn insert_event(&self, case: CaseId, actor: Option<UserId>, kind: &str, detail: &str, at: Timestamp) -> StoreResult<()> {
                sqlx::query("INSERT INTO case_events (case_id, actor_id, kind, detail, created_at) VALUES ($1, $2, $3, $4, $5)")
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

            async fn set_step(&self, case: CaseId, code: &str, step: i64, done: Option<(UserId, Timestamp)>) -> StoreResult<()> {
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

            async fn insert_share(&self, case: CaseId, org: OrgId, sealed_report: &[u8], thread_key_sealed: &[u8], by: UserId, at: Timestamp) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO case_shares (case_id, org_id, sealed_report, thread_key_sealed, shared_by, shared_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (case_id, org_id) DO UPDATE SET sealed_report = $3, thread_key_sealed = $4, shared_by = $5, shared_at = $6",
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
                    sqlx::query("INSERT INTO case_links (case_id, other_id) VALUES ($1, $2) ON CONFLICT (case_id, other_id) DO NOTHING")
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
                    "SELECT id, case_id, actor_id, kind, detail, created_at FROM case_events WHERE id > $1 ORDER BY id LIMIT $2",
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

            async fn append_leaves(&self, leaves: &[NewLeaf]) -> StoreResult<Vec<u64>> {
                self.custody_append(leaves).await
            }

            async fn log_size(&self) -> StoreResult<u64> {
                let size: i64 = sqlx::query_scalar("SELECT size FROM log_state WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(map)?;
                Ok(size as u64)
            }

            async fn log_nodes(&self, ids: &[NodeId]) -> StoreResult<Vec<(NodeId, Hash)>> {
                self.custody_nodes(ids).await
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
                let row: Option<(i64, Vec<u8>, i64, Vec<u8>)> = sqlx::query_as(
                    "SELECT size, root, timestamp, signature FROM tree_heads ORDER BY size DESC LIMIT 1",
                )
                .fetch_optional(&self.pool)
                .await
                .map_err(map)?;
                row.map(|(size, root, timestamp, signature)| {
                    Ok(TreeHeadRow {
                        size: size as u64,
                        root: Hash::try_from(root.as_slice()).map_err(|e| StoreError::Backend(format!("stored tree head: {e}")))?,
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
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn evidence_item(&self, id: i64) -> StoreResult<EvidenceRow> {
                let row: EvidenceItemRow = sqlx::query_as(&format!("{EVIDENCE_COLUMNS} WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(map)?;
                Ok(row.into())
            }

            async fn insert_measurements(&self, batch: &[vigie_core::watch::MeasurementFacts], imported_at: Timestamp) -> StoreResult<u64> {
                self.w_insert_measurements(batch, imported_at).await
            }
            async fn measurement_count(&self) -> StoreResult<i64> {
                self.w_measurement_count().await
            }
            async fn watch_cells(&self, country: &str, since: Timestamp) -> StoreResult<Vec<(vigie_core::watch::CellKey, vigie_core::watch::CellCounts)>> {
                self.w_cells(country, since).await
            }
            async fn watch_countries(&self, since: Timestamp) -> StoreResult<Vec<vigie_core::watch::records::WatchCountryRow>> {
                self.w_countries(since).await
            }
            async fn watch_spans_before(&self, before: Timestamp) -> StoreResult<Vec<vigie_core::watch::records::WatchSpanRow>> {
                self.w_spans_before(before).await
            }
            async fn watch_speed(&self, country: &str, since: Timestamp) -> StoreResult<Vec<vigie_core::watch::records::SpeedRow>> {
                self.w_speed(country, since).await
            }
            async fn upsert_watch_event(&self, event: &vigie_core::watch::DetectedEvent, at: Timestamp) -> StoreResult<(i64, Option<vigie_core::watch::records::WatchEventRow>)> {
                self.w_upsert_event(event, at).await
            }
            async fn watch_events(&self, country: Option<&str>, since: Timestamp) -> StoreResult<Vec<vigie_core::watch::records::WatchEventRow>> {
                self.w_events(country, since).await
            }
            async fn watch_event(&self, id: i64) -> StoreResult<vigie_core::watch::records::WatchEventRow> {
                self.w_event(id).await
            }
            async fn insert_alert(&self, event: i64, change: vigie_core::watch::records::AlertChange, at: Timestamp) -> StoreResult<i64> {
                self.w_insert_alert(event, change, at).await
            }
            async fn alerts(&self, countries: Option<&[String]>, limit: i64) -> StoreResult<Vec<vigie_core::watch::records::AlertRow>> {
                self.w_alerts(countries, limit).await
            }
            async fn alert_subscriptions(&self, user: UserId) -> StoreResult<Vec<String>> {
                self.w_subscriptions(user).await
            }
            async fn set_alert_subscriptions(&self, user: UserId, countries: &[String]) -> StoreResult<()> {
                self.w_set_subscriptions(user, countries).await
            }
            async fn create_disruption(&self, save: &vigie_core::watch::records::DisruptionSave, event: Option<i64>) -> StoreResult<i64> {
                self.w_create_disruption(save, event).await
            }
            async fn update_disruption(&self, id: i64, expected_version: i64, save: &vigie_core::watch::records::DisruptionSave) -> StoreResult<i64> {
                self.w_update_disruption(id, expected_version, save).await
            }
            async fn disruption(&self, id: i64) -> StoreResult<vigie_core::watch::records::DisruptionRow> {
                self.w_disruption(id).await
            }
            async fn disruptions(&self, review: Option<vigie_core::watch::records::Review>) -> StoreResult<Vec<vigie_core::watch::records::DisruptionRow>> {
                self.w_disruptions(review).await
            }
            async fn disruption_versions(&self, id: i64) -> StoreResult<Vec<vigie_core::watch::records::DisruptionVersionRow>> {
                self.w_disruption_versions(id).await
            }
            async fn create_probe_token(&self, token_hash: &str, by: UserId, at: Timestamp, expires_at: Timestamp) -> StoreResult<()> {
                self.w_create_probe_token(token_hash, by, at, expires_at).await
            }
            async fn enrol_probe(&self, token_hash: &str, name: &str, public_key: &str, at: Timestamp) -> StoreResult<Result<i64, vigie_core::watch::records::EnrolRefusal>> {
                self.w_enrol_probe(token_hash, name, public_key, at).await
            }
            async fn probe(&self, id: i64) -> StoreResult<vigie_core::watch::records::ProbeRow> {
                self.w_probe(id).await
            }
            async fn probes(&self) -> StoreResult<Vec<vigie_core::watch::records::ProbeRow>> {
                self.w_probes().await
            }
            async fn revoke_probe(&self, id: i64, at: Timestamp) -> StoreResult<()> {
                self.w_revoke_probe(id, at).await
            }
            async fn record_probe_result(&self, probe: i64, result_id: &str, at: Timestamp) -> StoreResult<bool> {
                self.w_record_probe_result(probe, result_id, at).await
            }
            async fn probe_targets(&self) -> StoreResult<Vec<String>> {
                self.w_probe_targets().await
            }
            async fn set_probe_targets(&self, targets: &[String]) -> StoreResult<()> {
                self.w_set_probe_targets(targets).await
            }

            async fn insert_observations(&self, batch: &[vigie_core::observation::Observation], imported_at: Timestamp) -> StoreResult<Vec<Option<i64>>> {
                self.obs_insert(batch, imported_at).await
            }

            async fn observations_after(&self, after: i64, limit: i64) -> StoreResult<Vec<ObservationRow>> {
                self.obs_after(after, limit).await
            }

            async fn observations_by_id(&self, ids: &[i64]) -> StoreResult<Vec<ObservationRow>> {
                self.obs_by_id(ids).await
            }

            async fn observation_by_post(&self, platform: &str, post_id: &str) -> StoreResult<ObservationRow> {
                self.obs_by_post(platform, post_id).await
            }

            async fn observation_count(&self) -> StoreResult<i64> {
                self.obs_count().await
            }

            async fn text_signatures(&self) -> StoreResult<Vec<TextSignatureRow>> {
                self.signatures_all().await
            }

            async fn put_text_signatures(&self, rows: &[TextSignatureRow]) -> StoreResult<()> {
                self.signatures_put(rows).await
            }

            async fn save_campaigns(&self, run: &DetectionRunRow, campaigns: &[CampaignSave]) -> StoreResult<Vec<i64>> {
                self.campaigns_save(run, campaigns).await
            }

            async fn latest_detection_run(&self) -> StoreResult<Option<DetectionRunRow>> {
                self.run_latest().await
            }

            async fn campaigns(&self, include_inactive: bool) -> StoreResult<Vec<CampaignRow>> {
                self.campaigns_list(include_inactive).await
            }

            async fn campaign(&self, id: i64) -> StoreResult<CampaignRow> {
                self.campaign_one(id).await
            }

            async fn campaign_posts(&self, id: i64) -> StoreResult<Vec<i64>> {
                self.campaign_post_ids(id).await
            }

            async fn campaign_accounts(&self, id: i64) -> StoreResult<Vec<String>> {
                self.campaign_account_names(id).await
            }

            async fn link_campaign_case(&self, campaign: i64, case: CaseId, by: UserId, at: Timestamp) -> StoreResult<()> {
                self.campaign_link(campaign, case, by, at).await
            }

            async fn unlink_campaign_case(&self, campaign: i64, case: CaseId) -> StoreResult<()> {
                self.campaign_unlink(campaign, case).await
            }

            async fn campaign_cases(&self, campaign: i64) -> StoreResult<Vec<CaseId>> {
                self.campaign_case_ids(campaign).await
            }

            async fn case_campaigns(&self, case: CaseId) -> StoreResult<Vec<i64>> {
                self.case_campaign_ids(case).await
            }

            async fn attach_observations(&self, case: CaseId, ids: &[i64], by: UserId, at: Timestamp) -> StoreResult<()> {
                self.obs_attach(case, ids, by, at).await
            }

            async fn case_observations(&self, case: CaseId) -> StoreResult<Vec<ObservationRow>> {
                self.case_obs(case).await
            }

            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(map)?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_store;
