//! `CampaignStore` for one backend: `Db` and `This` come from the including module.

use super::{Db, This};
use vigie_core::store::*;

#[async_trait::async_trait]
impl CampaignStore for This {
    async fn insert_observations(
        &self,
        batch: &[vigie_core::observation::Observation],
        imported_at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<Vec<Option<i64>>> {
        use crate::errors::map;
        use crate::rows::json_list;
        use std::collections::HashMap;
        use std::collections::hash_map::Entry;

        let mut out = vec![None; batch.len()];
        // The first copy of each post in the batch; later copies stay `None`.
        let mut first: HashMap<(&str, &str), usize> = HashMap::with_capacity(batch.len());
        let mut fresh: Vec<usize> = Vec::with_capacity(batch.len());
        for (i, o) in batch.iter().enumerate() {
            if let Entry::Vacant(v) = first.entry((o.platform(), o.post_id())) {
                v.insert(i);
                fresh.push(i);
            }
        }
        if fresh.is_empty() {
            return Ok(out);
        }
        let mut tx = self.pool.begin().await.map_err(map)?;
        for chunk in fresh.chunks(crate::campaigns::OBSERVATION_CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO observations (platform, post_id, url, author, author_id, author_created_at, \
                 created_at, text, lang, hashtags, mentions, links, media_phash, collected_by, imported_at) ",
            );
            q.push_values(chunk, |mut row, &i| {
                let o = &batch[i];
                row.push_bind(o.platform())
                    .push_bind(o.post_id())
                    .push_bind(o.url())
                    .push_bind(o.author())
                    .push_bind(o.author_id())
                    .push_bind(o.author_created_at().map(|t| t.0))
                    .push_bind(o.created_at().0)
                    .push_bind(o.text())
                    .push_bind(o.lang())
                    .push_bind(json_list(o.hashtags()))
                    .push_bind(json_list(o.mentions()))
                    .push_bind(json_list(o.links()))
                    .push_bind(json_list(o.media_phash()))
                    .push_bind(o.collected_by())
                    .push_bind(imported_at.0);
            });
            q.push(" ON CONFLICT (platform, post_id) DO NOTHING RETURNING id, platform, post_id");
            let rows: Vec<(i64, String, String)> = q.build_query_as().fetch_all(&mut *tx).await.map_err(map)?;
            for (id, platform, post_id) in rows {
                match first.get(&(platform.as_str(), post_id.as_str())) {
                    Some(&i) => out[i] = Some(id),
                    None => {
                        return Err(vigie_core::StoreError::Backend(format!(
                            "inserted observation {platform}/{post_id} is not in the batch"
                        )));
                    }
                }
            }
        }
        tx.commit().await.map_err(map)?;
        Ok(out)
    }

    async fn observations_after(
        &self,
        after: i64,
        limit: i64,
    ) -> vigie_core::StoreResult<Vec<vigie_core::store::ObservationRow>> {
        use crate::rows::{OBSERVATION_COLUMNS, ObsRow};
        let sql = format!("SELECT {OBSERVATION_COLUMNS} FROM observations WHERE id > $1 ORDER BY id LIMIT $2");
        let rows: Vec<ObsRow> =
            sqlx::query_as(&sql).bind(after).bind(limit).fetch_all(&self.pool).await.map_err(crate::errors::map)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn observations_by_id(&self, ids: &[i64]) -> vigie_core::StoreResult<Vec<vigie_core::store::ObservationRow>> {
        use crate::rows::{OBSERVATION_COLUMNS, ObsRow};
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(1000) {
            let mut q =
                sqlx::QueryBuilder::<Db>::new(format!("SELECT {OBSERVATION_COLUMNS} FROM observations WHERE id IN ("));
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            q.push(") ORDER BY id");
            let rows: Vec<ObsRow> = q.build_query_as().fetch_all(&self.pool).await.map_err(crate::errors::map)?;
            for r in rows {
                out.push(r.try_into()?);
            }
        }
        Ok(out)
    }

    async fn observation_by_post(
        &self,
        platform: &str,
        post_id: &str,
    ) -> vigie_core::StoreResult<vigie_core::store::ObservationRow> {
        use crate::rows::{OBSERVATION_COLUMNS, ObsRow};
        let sql = format!("SELECT {OBSERVATION_COLUMNS} FROM observations WHERE platform = $1 AND post_id = $2");
        let row: ObsRow = sqlx::query_as(&sql)
            .bind(platform)
            .bind(post_id)
            .fetch_one(&self.pool)
            .await
            .map_err(crate::errors::map)?;
        row.try_into()
    }

    async fn observation_count(&self) -> vigie_core::StoreResult<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM observations").fetch_one(&self.pool).await.map_err(crate::errors::map)
    }

    async fn text_signatures(&self) -> vigie_core::StoreResult<Vec<vigie_core::store::TextSignatureRow>> {
        let rows: Vec<(i64, i64, Vec<u8>)> =
            sqlx::query_as("SELECT text_key, cluster, signature FROM text_signatures ORDER BY text_key")
                .fetch_all(&self.pool)
                .await
                .map_err(crate::errors::map)?;
        Ok(rows
            .into_iter()
            .map(|(key, cluster, signature)| vigie_core::store::TextSignatureRow { key, cluster, signature })
            .collect())
    }

    async fn put_text_signatures(&self, rows: &[vigie_core::store::TextSignatureRow]) -> vigie_core::StoreResult<()> {
        use crate::errors::map;
        use std::collections::HashMap;
        if rows.is_empty() {
            return Ok(());
        }
        // One row per key (the last given wins): PostgreSQL refuses to update
        // the same row twice in one statement.
        let mut last: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            last.insert(r.key, i);
        }
        let keep: Vec<&vigie_core::store::TextSignatureRow> =
            rows.iter().enumerate().filter(|(i, r)| last[&r.key] == *i).map(|(_, r)| r).collect();
        let mut tx = self.pool.begin().await.map_err(map)?;
        for chunk in keep.chunks(crate::campaigns::SMALL_CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new("INSERT INTO text_signatures (text_key, cluster, signature) ");
            q.push_values(chunk, |mut row, r| {
                row.push_bind(r.key).push_bind(r.cluster).push_bind(r.signature.as_slice());
            });
            q.push(" ON CONFLICT (text_key) DO UPDATE SET cluster = excluded.cluster");
            q.build().execute(&mut *tx).await.map_err(map)?;
        }
        tx.commit().await.map_err(map)
    }

    async fn save_campaigns(
        &self,
        run: &vigie_core::store::DetectionRunRow,
        campaigns: &[vigie_core::store::CampaignSave],
    ) -> vigie_core::StoreResult<Vec<i64>> {
        use crate::errors::{map, map_missing};
        let mut tx = self.pool.begin().await.map_err(map)?;
        // Every campaign this run does not find again ends inactive; those it
        // continues are set active again below, in the same transaction.
        sqlx::query("UPDATE campaigns SET active = FALSE WHERE active = TRUE").execute(&mut *tx).await.map_err(map)?;
        let mut ids = Vec::with_capacity(campaigns.len());
        for c in campaigns {
            let id = match c.existing {
                Some(id) => {
                    let r = sqlx::query(
                        "UPDATE campaigns SET active = TRUE, first_seen = $1, last_seen = $2, account_count = $3,
                             post_count = $4, score = $5, report = $6, detected_at = $7 WHERE id = $8",
                    )
                    .bind(c.first_seen.0)
                    .bind(c.last_seen.0)
                    .bind(c.account_count)
                    .bind(c.post_count)
                    .bind(c.score)
                    .bind(&c.report)
                    .bind(run.at.0)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(map)?;
                    if r.rows_affected() == 0 {
                        return Err(vigie_core::StoreError::NotFound);
                    }
                    for sql in [
                        "DELETE FROM campaign_posts WHERE campaign_id = $1",
                        "DELETE FROM campaign_accounts WHERE campaign_id = $1",
                    ] {
                        sqlx::query(sql).bind(id).execute(&mut *tx).await.map_err(map)?;
                    }
                    id
                }
                None => sqlx::query_scalar(
                    "INSERT INTO campaigns (active, first_seen, last_seen, account_count, post_count, score, report,
                         detected_at)
                     VALUES (TRUE, $1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(c.first_seen.0)
                .bind(c.last_seen.0)
                .bind(c.account_count)
                .bind(c.post_count)
                .bind(c.score)
                .bind(&c.report)
                .bind(run.at.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(map)?,
            };
            let mut posts = c.post_ids.clone();
            posts.sort_unstable();
            posts.dedup();
            for chunk in posts.chunks(crate::campaigns::SMALL_CHUNK) {
                let mut q = sqlx::QueryBuilder::<Db>::new("INSERT INTO campaign_posts (campaign_id, observation_id) ");
                q.push_values(chunk, |mut row, post| {
                    row.push_bind(id).push_bind(*post);
                });
                q.build().execute(&mut *tx).await.map_err(map_missing)?;
            }
            let mut accounts: Vec<&str> = c.accounts.iter().map(String::as_str).collect();
            accounts.sort_unstable();
            accounts.dedup();
            for chunk in accounts.chunks(crate::campaigns::SMALL_CHUNK) {
                let mut q = sqlx::QueryBuilder::<Db>::new("INSERT INTO campaign_accounts (campaign_id, account) ");
                q.push_values(chunk, |mut row, account| {
                    row.push_bind(id).push_bind(*account);
                });
                q.build().execute(&mut *tx).await.map_err(map)?;
            }
            ids.push(id);
        }
        sqlx::query(
            "INSERT INTO detection_runs (at, observations, campaigns, millis, settings) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(run.at.0)
        .bind(run.observations)
        .bind(run.campaigns)
        .bind(run.millis)
        .bind(&run.settings)
        .execute(&mut *tx)
        .await
        .map_err(map)?;
        tx.commit().await.map_err(map)?;
        Ok(ids)
    }

    async fn latest_detection_run(&self) -> vigie_core::StoreResult<Option<vigie_core::store::DetectionRunRow>> {
        let row: Option<(i64, i64, i64, i64, String)> = sqlx::query_as(
            "SELECT at, observations, campaigns, millis, settings FROM detection_runs ORDER BY id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(row.map(|(at, observations, campaigns, millis, settings)| vigie_core::store::DetectionRunRow {
            at: vigie_core::Timestamp(at),
            observations,
            campaigns,
            millis,
            settings,
        }))
    }

    async fn campaigns(&self, include_inactive: bool) -> vigie_core::StoreResult<Vec<vigie_core::store::CampaignRow>> {
        let rows: Vec<crate::rows::CampaignDbRow> = sqlx::query_as(
            "SELECT id, active, first_seen, last_seen, account_count, post_count, score, report, detected_at
             FROM campaigns WHERE ($1 = TRUE OR active = TRUE) ORDER BY score DESC, id",
        )
        .bind(include_inactive)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn campaign(&self, id: i64) -> vigie_core::StoreResult<vigie_core::store::CampaignRow> {
        let row: crate::rows::CampaignDbRow = sqlx::query_as(
            "SELECT id, active, first_seen, last_seen, account_count, post_count, score, report, detected_at
             FROM campaigns WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(row.into())
    }

    async fn campaign_posts(&self, id: i64) -> vigie_core::StoreResult<Vec<i64>> {
        sqlx::query_scalar("SELECT observation_id FROM campaign_posts WHERE campaign_id = $1 ORDER BY observation_id")
            .bind(id)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::errors::map)
    }

    async fn campaign_accounts(&self, id: i64) -> vigie_core::StoreResult<Vec<String>> {
        let mut accounts: Vec<String> =
            sqlx::query_scalar("SELECT account FROM campaign_accounts WHERE campaign_id = $1")
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::errors::map)?;
        // Sorted here, by bytes: PostgreSQL's collation would order otherwise.
        accounts.sort_unstable();
        Ok(accounts)
    }

    async fn link_campaign_case(
        &self,
        campaign: i64,
        case: vigie_core::CaseId,
        by: vigie_core::UserId,
        at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<()> {
        sqlx::query(
            "INSERT INTO campaign_cases (campaign_id, case_id, linked_by, linked_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (campaign_id, case_id) DO NOTHING",
        )
        .bind(campaign)
        .bind(case.0)
        .bind(by.0)
        .bind(at.0)
        .execute(&self.pool)
        .await
        .map_err(crate::errors::map_missing)?;
        Ok(())
    }

    async fn unlink_campaign_case(&self, campaign: i64, case: vigie_core::CaseId) -> vigie_core::StoreResult<()> {
        sqlx::query("DELETE FROM campaign_cases WHERE campaign_id = $1 AND case_id = $2")
            .bind(campaign)
            .bind(case.0)
            .execute(&self.pool)
            .await
            .map_err(crate::errors::map)?;
        Ok(())
    }

    async fn campaign_cases(&self, campaign: i64) -> vigie_core::StoreResult<Vec<vigie_core::CaseId>> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT case_id FROM campaign_cases WHERE campaign_id = $1 ORDER BY case_id")
                .bind(campaign)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::errors::map)?;
        Ok(ids.into_iter().map(vigie_core::CaseId).collect())
    }

    async fn case_campaigns(&self, case: vigie_core::CaseId) -> vigie_core::StoreResult<Vec<i64>> {
        sqlx::query_scalar("SELECT campaign_id FROM campaign_cases WHERE case_id = $1 ORDER BY campaign_id")
            .bind(case.0)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::errors::map)
    }

    async fn attach_observations(
        &self,
        case: vigie_core::CaseId,
        ids: &[i64],
        by: vigie_core::UserId,
        at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<()> {
        use crate::errors::{map, map_missing};
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await.map_err(map)?;
        for chunk in ids.chunks(crate::campaigns::SMALL_CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO case_observations (case_id, observation_id, attached_by, attached_at) ",
            );
            q.push_values(chunk, |mut row, id| {
                row.push_bind(case.0).push_bind(*id).push_bind(by.0).push_bind(at.0);
            });
            q.push(" ON CONFLICT (case_id, observation_id) DO NOTHING");
            q.build().execute(&mut *tx).await.map_err(map_missing)?;
        }
        tx.commit().await.map_err(map)
    }

    async fn case_observations(
        &self,
        case: vigie_core::CaseId,
    ) -> vigie_core::StoreResult<Vec<vigie_core::store::ObservationRow>> {
        use crate::rows::{OBSERVATION_COLUMNS, ObsRow};
        let sql = format!(
            "SELECT {OBSERVATION_COLUMNS} FROM observations
             WHERE id IN (SELECT observation_id FROM case_observations WHERE case_id = $1) ORDER BY id"
        );
        let rows: Vec<ObsRow> =
            sqlx::query_as(&sql).bind(case.0).fetch_all(&self.pool).await.map_err(crate::errors::map)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
