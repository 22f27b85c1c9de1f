//! Measurement import and event upserts for one backend (see `backend.rs`): a batch of
//! measurements goes in by chunks, and only the rows really inserted are added to the
//! hourly cells, so that a re-import counts nothing twice.

use super::{Db, This};

impl This {
    pub(super) async fn import_measurements(
        &self,
        batch: &[vigie_core::watch::MeasurementFacts],
        imported_at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<u64> {
        use crate::errors::map;
        use std::collections::HashMap;

        let mut first: HashMap<&str, usize> = HashMap::with_capacity(batch.len());
        let mut fresh = Vec::with_capacity(batch.len());
        for (i, f) in batch.iter().enumerate() {
            if let std::collections::hash_map::Entry::Vacant(v) = first.entry(f.uid.as_str()) {
                v.insert(i);
                fresh.push(i);
            }
        }
        if fresh.is_empty() {
            return Ok(0);
        }
        let mut cells = vigie_core::watch::HourlyCells::new();
        let mut inserted = 0u64;
        let mut tx = self.pool.begin().await.map_err(map)?;
        for chunk in fresh.chunks(crate::watch::WATCH_CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO watch_measurements (uid, source, measured_at, country, asn, test_name, target, \
                 outcome, layer, throughput_bps, tls_handshake_ms, imported_at) ",
            );
            q.push_values(chunk, |mut row, &i| {
                let f = &batch[i];
                row.push_bind(f.uid.as_str())
                    .push_bind(f.source.as_str())
                    .push_bind(f.measured_at.0)
                    .push_bind(f.country.as_str())
                    .push_bind(i64::from(f.asn))
                    .push_bind(f.test_name.as_str())
                    .push_bind(f.target.as_str())
                    .push_bind(i64::from(f.outcome.code()))
                    .push_bind(f.layer.map(|l| i64::from(l.code())))
                    .push_bind(f.throughput_bps)
                    .push_bind(f.tls_handshake_ms)
                    .push_bind(imported_at.0);
            });
            q.push(" ON CONFLICT (uid) DO NOTHING RETURNING uid");
            let rows: Vec<(String,)> = q.build_query_as().fetch_all(&mut *tx).await.map_err(map)?;
            for (uid,) in rows {
                let i = *first.get(uid.as_str()).ok_or_else(|| {
                    vigie_core::StoreError::Backend(format!("inserted measurement {uid} is not in the batch"))
                })?;
                cells.add(&batch[i]);
                inserted += 1;
            }
        }
        let cells = cells.into_vec();
        for chunk in cells.chunks(crate::watch::WATCH_CHUNK) {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO watch_cells (country, hour, asn, test_name, target, total, ok, anomaly, \
                 confirmed, failure, dns, tcp_ip, http_failure, http_diff) ",
            );
            q.push_values(chunk, |mut row, (k, c)| {
                row.push_bind(k.country.as_str())
                    .push_bind(k.hour.0)
                    .push_bind(i64::from(k.asn))
                    .push_bind(k.test_name.as_str())
                    .push_bind(k.target.as_str())
                    .push_bind(i64::from(c.total))
                    .push_bind(i64::from(c.ok))
                    .push_bind(i64::from(c.anomaly))
                    .push_bind(i64::from(c.confirmed))
                    .push_bind(i64::from(c.failure))
                    .push_bind(i64::from(c.dns))
                    .push_bind(i64::from(c.tcp_ip))
                    .push_bind(i64::from(c.http_failure))
                    .push_bind(i64::from(c.http_diff));
            });
            q.push(
                " ON CONFLICT (country, hour, asn, test_name, target) DO UPDATE SET \
                 total = watch_cells.total + excluded.total, ok = watch_cells.ok + excluded.ok, \
                 anomaly = watch_cells.anomaly + excluded.anomaly, \
                 confirmed = watch_cells.confirmed + excluded.confirmed, \
                 failure = watch_cells.failure + excluded.failure, dns = watch_cells.dns + excluded.dns, \
                 tcp_ip = watch_cells.tcp_ip + excluded.tcp_ip, \
                 http_failure = watch_cells.http_failure + excluded.http_failure, \
                 http_diff = watch_cells.http_diff + excluded.http_diff",
            );
            q.build().execute(&mut *tx).await.map_err(map)?;
        }
        tx.commit().await.map_err(map)?;
        Ok(inserted)
    }

    pub(super) async fn upsert_event(
        &self,
        e: &vigie_core::watch::DetectedEvent,
        at: vigie_core::Timestamp,
    ) -> vigie_core::StoreResult<(i64, Option<vigie_core::watch::records::WatchEventRow>)> {
        use crate::errors::map;
        use crate::watch::{EVENT_COLUMNS, EventRow};
        let mut tx = self.pool.begin().await.map_err(map)?;
        let before: Option<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM watch_events WHERE kind = $1 AND scope = $2 AND start_at = $3"
        ))
        .bind(e.kind.as_str())
        .bind(&e.scope)
        .bind(e.start.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map)?;
        let signals = serde_json::to_string(&e.signals).unwrap_or_else(|_| "[]".into());
        let id = match &before {
            Some(row) => {
                sqlx::query(
                    "UPDATE watch_events SET detected_at = $1, end_at = $2, severity = $3, layer = $4, \
                     signals = $5, updated_at = $6 WHERE id = $7",
                )
                .bind(e.detected.0)
                .bind(e.end.map(|t| t.0))
                .bind(e.severity)
                .bind(e.layer.map(|l| l.as_str()))
                .bind(&signals)
                .bind(at.0)
                .bind(row.id)
                .execute(&mut *tx)
                .await
                .map_err(map)?;
                row.id
            }
            None => {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO watch_events (kind, scope, country, asn, test_name, target, start_at, \
                     detected_at, end_at, severity, layer, signals, first_seen, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                )
                .bind(e.kind.as_str())
                .bind(&e.scope)
                .bind(&e.country)
                .bind(e.asn.map(i64::from))
                .bind(e.test_name.as_deref())
                .bind(e.target.as_deref())
                .bind(e.start.0)
                .bind(e.detected.0)
                .bind(e.end.map(|t| t.0))
                .bind(e.severity)
                .bind(e.layer.map(|l| l.as_str()))
                .bind(&signals)
                .bind(at.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(map)?;
                id
            }
        };
        tx.commit().await.map_err(map)?;
        Ok((id, before.map(TryInto::try_into).transpose()?))
    }
}
