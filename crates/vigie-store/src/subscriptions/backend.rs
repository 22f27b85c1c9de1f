//! `SubscriptionStore` for one backend: `Db` and `This` come from the including module.

use super::This;
use crate::errors::map;
use crate::subscriptions::*;
use vigie_core::network::{Alert, Mode, Topic};
use vigie_core::store::{DigestItem, SubscriptionStore, WatchAlertRef};
use vigie_core::{StoreResult, Timestamp, UserId};

#[async_trait::async_trait]
impl SubscriptionStore for This {
    async fn topic_modes(&self, user: UserId) -> StoreResult<Vec<(Topic, Mode)>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT topic, mode FROM alert_topics WHERE user_id = $1 ORDER BY topic")
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(map)?;
        Ok(rows.iter().map(|(t, m)| topic_mode(t, m)).collect::<StoreResult<Vec<_>>>()?.into_iter().flatten().collect())
    }

    async fn set_topic_modes(&self, user: UserId, modes: &[(Topic, Mode)], at: Timestamp) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map)?;
        for (topic, mode) in modes {
            sqlx::query(
                "INSERT INTO alert_topics (user_id, topic, mode, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (user_id, topic) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at",
            )
            .bind(user.0)
            .bind(topic.code())
            .bind(mode.code())
            .bind(at.0)
            .execute(&mut *tx)
            .await
            .map_err(crate::errors::map_missing)?;
        }
        tx.commit().await.map_err(map)
    }

    async fn noticed(&self, user: UserId, key: &str) -> StoreResult<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM alert_notices WHERE user_id = $1 AND alert_key = $2")
                .bind(user.0)
                .bind(key)
                .fetch_optional(&self.pool)
                .await
                .map_err(map)?;
        Ok(found.is_some())
    }

    async fn record_notice(&self, user: UserId, key: &str, at: Timestamp) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO alert_notices (user_id, alert_key, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, alert_key) DO NOTHING",
        )
        .bind(user.0)
        .bind(key)
        .bind(at.0)
        .execute(&self.pool)
        .await
        .map_err(crate::errors::map_missing)?;
        Ok(done.rows_affected() == 1)
    }

    async fn add_digest_item(&self, user: UserId, key: &str, alert: &Alert, at: Timestamp) -> StoreResult<bool> {
        let json = alert_json(alert)?;
        let mut tx = self.pool.begin().await.map_err(map)?;
        let noticed = sqlx::query(
            "INSERT INTO alert_notices (user_id, alert_key, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, alert_key) DO NOTHING",
        )
        .bind(user.0)
        .bind(key)
        .bind(at.0)
        .execute(&mut *tx)
        .await
        .map_err(crate::errors::map_missing)?;
        if noticed.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query("INSERT INTO digest_items (user_id, alert_key, alert, created_at) VALUES ($1, $2, $3, $4)")
            .bind(user.0)
            .bind(key)
            .bind(json)
            .bind(at.0)
            .execute(&mut *tx)
            .await
            .map_err(map)?;
        tx.commit().await.map_err(map)?;
        Ok(true)
    }

    async fn digest_recipients(&self, before: Timestamp) -> StoreResult<Vec<UserId>> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT DISTINCT user_id FROM digest_items WHERE created_at < $1 ORDER BY user_id")
                .bind(before.0)
                .fetch_all(&self.pool)
                .await
                .map_err(map)?;
        Ok(ids.into_iter().map(UserId).collect())
    }

    async fn digest_items(&self, user: UserId, before: Timestamp) -> StoreResult<Vec<DigestItem>> {
        let rows: Vec<DigestDbRow> = sqlx::query_as(
            "SELECT id, user_id, alert, created_at FROM digest_items
             WHERE user_id = $1 AND created_at < $2 ORDER BY created_at, id",
        )
        .bind(user.0)
        .bind(before.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        rows.into_iter().map(DigestItem::try_from).collect()
    }

    async fn consume_digest_items(&self, user: UserId, before: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM digest_items WHERE user_id = $1 AND created_at < $2")
            .bind(user.0)
            .bind(before.0)
            .execute(&self.pool)
            .await
            .map_err(map)?;
        Ok(done.rows_affected())
    }

    async fn watermark(&self, source: &str) -> StoreResult<Option<i64>> {
        sqlx::query_scalar("SELECT last_id FROM alert_watermarks WHERE source = $1")
            .bind(source)
            .fetch_optional(&self.pool)
            .await
            .map_err(map)
    }

    async fn set_watermark(&self, source: &str, value: i64) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO alert_watermarks (source, last_id) VALUES ($1, $2)
             ON CONFLICT (source) DO UPDATE SET last_id = excluded.last_id",
        )
        .bind(source)
        .bind(value)
        .execute(&self.pool)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn last_watch_alert(&self) -> StoreResult<i64> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(id) FROM alerts").fetch_one(&self.pool).await.map_err(map)?;
        Ok(last.unwrap_or(0))
    }

    async fn watch_alerts_after(&self, after: i64, limit: u32) -> StoreResult<Vec<WatchAlertRef>> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT a.id, e.country FROM alerts a JOIN watch_events e ON e.id = a.event_id
             WHERE a.id > $1 ORDER BY a.id LIMIT $2",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(rows.into_iter().map(|(id, country)| WatchAlertRef { id, country }).collect())
    }

    async fn watch_subscribers(&self, country: &str) -> StoreResult<Vec<UserId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT s.user_id FROM alert_subscriptions s JOIN users u ON u.id = s.user_id
             WHERE NOT u.disabled AND (s.country = $1 OR s.country = '*') ORDER BY s.user_id",
        )
        .bind(country)
        .fetch_all(&self.pool)
        .await
        .map_err(map)?;
        Ok(ids.into_iter().map(UserId).collect())
    }
}
