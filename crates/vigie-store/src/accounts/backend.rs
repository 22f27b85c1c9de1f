//! `AccountStore` for one backend: `Db` and `This` come from the including module.

use super::{Db, This};
use crate::accounts::*;
use crate::errors::{affected_one, map};
use crate::rows::*;
use vigie_core::store::*;
use vigie_core::{OrgId, StoreError, StoreResult, Timestamp, TokenId, UserId};

async fn insert_user_in(conn: &mut <Db as sqlx::Database>::Connection, u: &NewUser, org: i64) -> StoreResult<UserId> {
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

async fn put_member_key_in(
    conn: &mut <Db as sqlx::Database>::Connection,
    user: UserId,
    key: &MemberKey,
) -> StoreResult<()> {
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

#[async_trait::async_trait]
impl AccountStore for This {
    async fn insert_org(&self, org: &NewOrg, first_member: Option<&NewUser>) -> StoreResult<(OrgId, Option<UserId>)> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO orgs (slug, name, public_key, recovery_wrap, created_at) VALUES ($1, $2, $3, $4, $5) \
             RETURNING id",
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
        let rows: Vec<UserRow> =
            sqlx::query_as(&sql).bind(org.map(|o| o.0)).fetch_all(&self.pool).await.map_err(map)?;
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
        let row: Option<MemberKeyRow> =
            sqlx::query_as(&sql).bind(user.0).fetch_optional(&self.pool).await.map_err(map)?;
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
        let r = sqlx::query(
            "UPDATE member_keys SET pending_grant = $1 WHERE user_id = $2 AND pending_public_key IS NOT NULL",
        )
        .bind(grant)
        .bind(user.0)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        affected_one(r.rows_affected())
    }

    async fn disable_user(&self, user: UserId) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        let r = sqlx::query("UPDATE users SET disabled = TRUE WHERE id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(map)?;
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
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(map)?;
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

    async fn insert_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &[u8],
        at: Timestamp,
    ) -> StoreResult<TokenId> {
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
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked = FALSE \
             RETURNING {TOKEN_COLUMNS}"
        );
        let row: ApiTokenRow =
            sqlx::query_as(&sql).bind(at.0).bind(token_hash).fetch_one(&self.pool).await.map_err(map)?;
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
}
