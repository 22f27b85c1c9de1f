//! `WatchStore` for one backend: `Db` and `This` come from the including module. The
//! longest writes are in files of their own, as methods of `This` that the port calls.

use super::{Db, This};
use vigie_core::store::*;

// Measurement import and event upserts: what importers and detectors write.
#[path = "import_backend.rs"]
mod import;
// Versioned disruption records.
#[path = "disruptions_backend.rs"]
mod disruptions;

#[async_trait::async_trait]
impl WatchStore for This {
    async fn insert_measurements(
        &self,
        batch: &[vigie_core::watch::MeasurementFacts],
        imported_at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<u64> {
        self.import_measurements(batch, imported_at).await
    }

    async fn measurement_count(&self) -> vigie_core::StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM watch_measurements")
            .fetch_one(&self.pool)
            .await
            .map_err(crate::errors::map)?;
        Ok(n)
    }

    async fn watch_cells(
        &self,
        country: &str,
        since: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<Vec<(vigie_core::watch::CellKey, vigie_core::watch::CellCounts)>> {
        let rows: Vec<crate::watch::CellRow> = sqlx::query_as(
            "SELECT country, hour, asn, test_name, target, total, ok, anomaly, confirmed, failure, dns, \
             tcp_ip, http_failure, http_diff FROM watch_cells WHERE country = $1 AND hour >= $2 \
             ORDER BY hour, asn, test_name, target",
        )
        .bind(country)
        .bind(since.0)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(rows.into_iter().map(crate::watch::CellRow::into_cell).collect())
    }

    async fn watch_countries(
        &self,
        since: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::WatchCountryRow>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT country, CAST(SUM(total) AS BIGINT), MAX(hour) FROM watch_cells WHERE hour >= $1 \
             GROUP BY country ORDER BY country",
        )
        .bind(since.0)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(rows
            .into_iter()
            .map(|(country, measurements, last)| vigie_core::watch::records::WatchCountryRow {
                country,
                measurements,
                last_hour: vigie_core::Timestamp(last),
            })
            .collect())
    }

    async fn watch_spans_before(
        &self,
        before: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::WatchSpanRow>> {
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT country, CAST(SUM(total) AS BIGINT), MIN(hour), MAX(hour) FROM watch_cells \
             WHERE hour < $1 GROUP BY country ORDER BY country",
        )
        .bind(before.0)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(rows
            .into_iter()
            .map(|(country, measurements, first, last)| vigie_core::watch::records::WatchSpanRow {
                country,
                measurements,
                first_hour: vigie_core::Timestamp(first),
                last_hour: vigie_core::Timestamp(last),
            })
            .collect())
    }

    async fn watch_speed(
        &self,
        country: &str,
        since: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::SpeedRow>> {
        let rows: Vec<(i64, i64, String, Option<f64>, Option<f64>)> = sqlx::query_as(
            "SELECT asn, measured_at, target, throughput_bps, tls_handshake_ms FROM watch_measurements \
             WHERE country = $1 AND measured_at >= $2 AND source = 'probe' \
             AND (throughput_bps IS NOT NULL OR tls_handshake_ms IS NOT NULL) ORDER BY measured_at",
        )
        .bind(country)
        .bind(since.0)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(rows
            .into_iter()
            .map(|(asn, at, target, throughput_bps, tls_handshake_ms)| vigie_core::watch::records::SpeedRow {
                asn: u32::try_from(asn.max(0)).unwrap_or(0),
                measured_at: vigie_core::Timestamp(at),
                target,
                throughput_bps,
                tls_handshake_ms,
            })
            .collect())
    }

    async fn upsert_watch_event(
        &self,
        e: &vigie_core::watch::DetectedEvent,
        at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<(i64, Option<vigie_core::watch::records::WatchEventRow>)> {
        self.upsert_event(e, at).await
    }

    async fn watch_events(
        &self,
        country: Option<&str>,
        since: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::WatchEventRow>> {
        use crate::watch::{EVENT_COLUMNS, EventRow};
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM watch_events WHERE ($1 IS NULL OR country = $1) \
             AND (end_at IS NULL OR end_at >= $2 OR start_at >= $2) ORDER BY start_at DESC, id DESC"
        ))
        .bind(country)
        .bind(since.0)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn watch_event(&self, id: i64) -> vigie_core::StoreResult<vigie_core::watch::records::WatchEventRow> {
        use crate::watch::{EVENT_COLUMNS, EventRow};
        let row: EventRow = sqlx::query_as(&format!("SELECT {EVENT_COLUMNS} FROM watch_events WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(crate::errors::map_missing)?;
        row.try_into()
    }

    async fn insert_alert(
        &self,
        event: i64,
        change: vigie_core::watch::records::AlertChange,
        at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<i64> {
        let (id,): (i64,) =
            sqlx::query_as("INSERT INTO alerts (event_id, change, at) VALUES ($1, $2, $3) RETURNING id")
                .bind(event)
                .bind(change.as_str())
                .bind(at.0)
                .fetch_one(&self.pool)
                .await
                .map_err(crate::errors::map)?;
        Ok(id)
    }

    async fn alerts(
        &self,
        countries: Option<&[String]>,
        limit: i64,
    ) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::AlertRow>> {
        use crate::watch::EventRow;
        #[derive(sqlx::FromRow)]
        struct Row {
            alert_id: i64,
            change: String,
            at: i64,
            #[sqlx(flatten)]
            event: EventRow,
        }
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "SELECT a.id AS alert_id, a.change, a.at, e.id, e.kind, e.scope, e.country, e.asn, e.test_name, \
             e.target, e.start_at, e.detected_at, e.end_at, e.severity, e.layer, e.signals, e.first_seen, \
             e.updated_at FROM alerts a JOIN watch_events e ON e.id = a.event_id",
        );
        if let Some(countries) = countries {
            if countries.is_empty() {
                return Ok(Vec::new());
            }
            if !countries.iter().any(|c| c == "*") {
                q.push(" WHERE e.country IN (");
                let mut list = q.separated(", ");
                for c in countries {
                    list.push_bind(c.as_str());
                }
                q.push(")");
            }
        }
        q.push(" ORDER BY a.id DESC LIMIT ");
        q.push_bind(limit);
        let rows: Vec<Row> = q.build_query_as().fetch_all(&self.pool).await.map_err(crate::errors::map)?;
        rows.into_iter()
            .map(|r| {
                Ok(vigie_core::watch::records::AlertRow {
                    id: r.alert_id,
                    change: vigie_core::watch::records::AlertChange::parse(&r.change)
                        .ok_or_else(|| vigie_core::StoreError::Backend(format!("alert {}: bad change", r.alert_id)))?,
                    at: vigie_core::Timestamp(r.at),
                    event: r.event.try_into()?,
                })
            })
            .collect()
    }

    async fn alert_subscriptions(&self, user: vigie_core::ids::UserId) -> vigie_core::StoreResult<Vec<String>> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT country FROM alert_subscriptions WHERE user_id = $1 ORDER BY country")
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::errors::map)?;
        Ok(rows.into_iter().map(|(c,)| c).collect())
    }

    async fn set_alert_subscriptions(
        &self,
        user: vigie_core::ids::UserId,
        countries: &[String],
    ) -> vigie_core::StoreResult<()> {
        use crate::errors::map;
        let mut tx = self.pool.begin().await.map_err(map)?;
        sqlx::query("DELETE FROM alert_subscriptions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(map)?;
        let mut unique: Vec<&String> = countries.iter().collect();
        unique.sort();
        unique.dedup();
        for c in unique {
            sqlx::query("INSERT INTO alert_subscriptions (user_id, country) VALUES ($1, $2)")
                .bind(user.0)
                .bind(c.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map)?;
        }
        tx.commit().await.map_err(map)
    }

    async fn create_disruption(
        &self,
        save: &vigie_core::watch::records::DisruptionSave,
        event: Option<i64>,
    ) -> vigie_core::StoreResult<i64> {
        self.insert_disruption(save, event).await
    }

    async fn update_disruption(
        &self,
        id: i64,
        expected_version: i64,
        save: &vigie_core::watch::records::DisruptionSave,
    ) -> vigie_core::StoreResult<i64> {
        self.update_disruption_if_version(id, expected_version, save).await
    }

    async fn disruption(&self, id: i64) -> vigie_core::StoreResult<vigie_core::watch::records::DisruptionRow> {
        use crate::watch::{DISRUPTION_COLUMNS, DisruptionDbRow};
        let row: DisruptionDbRow =
            sqlx::query_as(&format!("SELECT {DISRUPTION_COLUMNS} FROM disruptions WHERE id = $1"))
                .bind(id)
                .fetch_one(&self.pool)
                .await
                .map_err(crate::errors::map_missing)?;
        row.try_into()
    }

    async fn disruptions(
        &self,
        review: Option<vigie_core::watch::records::Review>,
    ) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::DisruptionRow>> {
        use crate::watch::{DISRUPTION_COLUMNS, DisruptionDbRow};
        let rows: Vec<DisruptionDbRow> = sqlx::query_as(&format!(
            "SELECT {DISRUPTION_COLUMNS} FROM disruptions WHERE ($1 IS NULL OR review = $1) \
             ORDER BY CASE WHEN start_at IS NULL THEN 1 ELSE 0 END, start_at DESC, id DESC"
        ))
        .bind(review.map(|r| r.as_str()))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn disruption_versions(
        &self,
        id: i64,
    ) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::DisruptionVersionRow>> {
        let rows: Vec<(i64, String, String, Option<i64>, i64, String)> = sqlx::query_as(
            "SELECT version, review, record, changed_by, changed_at, note FROM disruption_versions \
             WHERE disruption_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        rows.into_iter()
            .map(|(version, review, record, by, at, note)| {
                Ok(vigie_core::watch::records::DisruptionVersionRow {
                    version,
                    review: vigie_core::watch::records::Review::parse(&review)
                        .ok_or_else(|| vigie_core::StoreError::Backend(format!("disruption {id}: bad review")))?,
                    record,
                    changed_by: by.map(vigie_core::ids::UserId),
                    changed_at: vigie_core::Timestamp(at),
                    note,
                })
            })
            .collect()
    }

    async fn create_probe_token(
        &self,
        token_hash: &str,
        by: vigie_core::ids::UserId,
        at: vigie_core::Timestamp,
        expires_at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<()> {
        sqlx::query(
            "INSERT INTO probe_tokens (token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(by.0)
        .bind(at.0)
        .bind(expires_at.0)
        .execute(&self.pool)
        .await
        .map_err(crate::errors::map)?;
        Ok(())
    }

    async fn enrol_probe(
        &self,
        token_hash: &str,
        name: &str,
        public_key: &str,
        at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<Result<i64, vigie_core::watch::records::EnrolRefusal>> {
        use crate::errors::map;
        use vigie_core::watch::records::EnrolRefusal;
        let mut tx = self.pool.begin().await.map_err(map)?;
        let token: Option<(i64, i64, Option<i64>)> =
            sqlx::query_as("SELECT id, expires_at, used_at FROM probe_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map)?;
        let token_id = match token {
            None | Some((_, _, Some(_))) => return Ok(Err(EnrolRefusal::UnknownToken)),
            Some((_, expires, None)) if expires <= at.0 => return Ok(Err(EnrolRefusal::Expired)),
            Some((id, _, None)) => id,
        };
        let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM probes WHERE public_key = $1")
            .bind(public_key)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map)?;
        if taken.is_some() {
            return Ok(Err(EnrolRefusal::KeyTaken));
        }
        let used = sqlx::query("UPDATE probe_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(at.0)
            .bind(token_id)
            .execute(&mut *tx)
            .await
            .map_err(map)?
            .rows_affected();
        if used != 1 {
            return Ok(Err(EnrolRefusal::UnknownToken));
        }
        let (id,): (i64,) =
            sqlx::query_as("INSERT INTO probes (name, public_key, enrolled_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(name)
                .bind(public_key)
                .bind(at.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(map)?;
        tx.commit().await.map_err(map)?;
        Ok(Ok(id))
    }

    async fn probe(&self, id: i64) -> vigie_core::StoreResult<vigie_core::watch::records::ProbeRow> {
        use crate::watch::{PROBE_COLUMNS, ProbeDbRow};
        let row: ProbeDbRow = sqlx::query_as(&format!("SELECT {PROBE_COLUMNS} FROM probes WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(crate::errors::map_missing)?;
        Ok(row.into())
    }

    async fn probes(&self) -> vigie_core::StoreResult<Vec<vigie_core::watch::records::ProbeRow>> {
        use crate::watch::{PROBE_COLUMNS, ProbeDbRow};
        let rows: Vec<ProbeDbRow> = sqlx::query_as(&format!("SELECT {PROBE_COLUMNS} FROM probes ORDER BY id"))
            .fetch_all(&self.pool)
            .await
            .map_err(crate::errors::map)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn revoke_probe(&self, id: i64, at: vigie_core::Timestamp) -> vigie_core::StoreResult<()> {
        let n = sqlx::query("UPDATE probes SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2")
            .bind(at.0)
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(crate::errors::map)?
            .rows_affected();
        if n == 0 { Err(vigie_core::StoreError::NotFound) } else { Ok(()) }
    }

    async fn record_probe_result(
        &self,
        probe: i64,
        result_id: &str,
        at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<bool> {
        use crate::errors::map;
        let mut tx = self.pool.begin().await.map_err(map)?;
        let n = sqlx::query(
            "INSERT INTO probe_results (result_id, received_at) VALUES ($1, $2) ON CONFLICT (result_id) DO NOTHING",
        )
        .bind(result_id)
        .bind(at.0)
        .execute(&mut *tx)
        .await
        .map_err(map)?
        .rows_affected();
        sqlx::query("UPDATE probes SET last_seen = $1 WHERE id = $2")
            .bind(at.0)
            .bind(probe)
            .execute(&mut *tx)
            .await
            .map_err(map)?;
        tx.commit().await.map_err(map)?;
        Ok(n == 1)
    }

    async fn probe_targets(&self) -> vigie_core::StoreResult<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT target FROM probe_targets ORDER BY position")
            .fetch_all(&self.pool)
            .await
            .map_err(crate::errors::map)?;
        Ok(rows.into_iter().map(|(t,)| t).collect())
    }

    async fn set_probe_targets(&self, targets: &[String]) -> vigie_core::StoreResult<()> {
        use crate::errors::map;
        let mut tx = self.pool.begin().await.map_err(map)?;
        sqlx::query("DELETE FROM probe_targets").execute(&mut *tx).await.map_err(map)?;
        for (i, t) in targets.iter().enumerate() {
            sqlx::query("INSERT INTO probe_targets (position, target) VALUES ($1, $2)")
                .bind(i as i64)
                .bind(t.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map)?;
        }
        tx.commit().await.map_err(map)
    }
}
