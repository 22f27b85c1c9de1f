//! Versioned disruption records for one backend (see `backend.rs`): every save adds a
//! version, and an update names the version it was made from, so that two editors
//! cannot overwrite each other unseen.

use super::{Db, This};

impl This {
    async fn w_push_version(
        &self,
        tx: &mut sqlx::Transaction<'_, Db>,
        id: i64,
        version: i64,
        save: &vigie_core::watch::records::DisruptionSave,
    ) -> vigie_core::StoreResult<()> {
        sqlx::query(
            "INSERT INTO disruption_versions (disruption_id, version, review, record, changed_by, \
             changed_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(version)
        .bind(save.review.as_str())
        .bind(&save.record)
        .bind(save.by.map(|u| u.0))
        .bind(save.at.0)
        .bind(&save.note)
        .execute(&mut **tx)
        .await
        .map_err(crate::errors::map)?;
        Ok(())
    }

    pub(super) async fn insert_disruption(
        &self,
        save: &vigie_core::watch::records::DisruptionSave,
        event: Option<i64>,
    ) -> vigie_core::StoreResult<i64> {
        use crate::errors::map;
        let mut tx = self.pool.begin().await.map_err(map)?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO disruptions (version, country, start_at, review, event_id, record, created_at, \
             updated_at) VALUES (1, $1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(&save.country)
        .bind(save.start.map(|t| t.0))
        .bind(save.review.as_str())
        .bind(event)
        .bind(&save.record)
        .bind(save.at.0)
        .fetch_one(&mut *tx)
        .await
        .map_err(map)?;
        self.w_push_version(&mut tx, id, 1, save).await?;
        tx.commit().await.map_err(map)?;
        Ok(id)
    }

    pub(super) async fn update_disruption_if_version(
        &self,
        id: i64,
        expected_version: i64,
        save: &vigie_core::watch::records::DisruptionSave,
    ) -> vigie_core::StoreResult<i64> {
        use crate::errors::map;
        let mut tx = self.pool.begin().await.map_err(map)?;
        let updated = sqlx::query(
            "UPDATE disruptions SET version = version + 1, country = $1, start_at = $2, review = $3, \
             record = $4, updated_at = $5 WHERE id = $6 AND version = $7",
        )
        .bind(&save.country)
        .bind(save.start.map(|t| t.0))
        .bind(save.review.as_str())
        .bind(&save.record)
        .bind(save.at.0)
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await
        .map_err(map)?
        .rows_affected();
        if updated == 0 {
            let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM disruptions WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map)?;
            return Err(match exists {
                Some(_) => vigie_core::StoreError::Conflict("the record was changed meanwhile"),
                None => vigie_core::StoreError::NotFound,
            });
        }
        let version = expected_version + 1;
        self.w_push_version(&mut tx, id, version, save).await?;
        tx.commit().await.map_err(map)?;
        Ok(version)
    }
}
