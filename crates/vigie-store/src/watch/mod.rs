//! Network watch for both backends: measurement facts and their hourly cells, events,
//! alerts and subscriptions, versioned disruption records, probes and their targets.
//! Measurements go in by the thousand: one `INSERT … ON CONFLICT DO NOTHING RETURNING`
//! per chunk, and only the rows really inserted are added to the cells, so a re-import
//! counts nothing twice.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

/// Rows per measurement insert (12 parameters each) and per cell upsert (14).
pub(crate) const WATCH_CHUNK: usize = 2000;

pub(crate) const EVENT_COLUMNS: &str = "id, kind, scope, country, asn, test_name, target, start_at, detected_at, \
     end_at, severity, layer, signals, first_seen, updated_at";
pub(crate) const DISRUPTION_COLUMNS: &str =
    "id, version, country, start_at, review, event_id, record, created_at, updated_at";
pub(crate) const PROBE_COLUMNS: &str = "id, name, public_key, enrolled_at, last_seen, revoked_at";

#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    pub(crate) id: i64,
    kind: String,
    scope: String,
    country: String,
    asn: Option<i64>,
    test_name: Option<String>,
    target: Option<String>,
    start_at: i64,
    detected_at: i64,
    end_at: Option<i64>,
    severity: f64,
    layer: Option<String>,
    signals: String,
    first_seen: i64,
    updated_at: i64,
}

impl TryFrom<EventRow> for vigie_core::watch::records::WatchEventRow {
    type Error = vigie_core::StoreError;
    fn try_from(r: EventRow) -> Result<Self, Self::Error> {
        use vigie_core::Timestamp;
        let bad = |what: &str| vigie_core::StoreError::Backend(format!("stored event {}: bad {what}", r.id));
        Ok(Self {
            id: r.id,
            event: vigie_core::watch::DetectedEvent {
                kind: vigie_core::watch::EventKind::parse(&r.kind).ok_or_else(|| bad("kind"))?,
                scope: r.scope.clone(),
                country: r.country.clone(),
                asn: r.asn.map(|a| u32::try_from(a).map_err(|_| bad("asn"))).transpose()?,
                test_name: r.test_name.clone(),
                target: r.target.clone(),
                start: Timestamp(r.start_at),
                detected: Timestamp(r.detected_at),
                end: r.end_at.map(Timestamp),
                severity: r.severity,
                layer: r.layer.as_deref().map(|l| l.parse().map_err(|_| bad("layer"))).transpose()?,
                signals: serde_json::from_str(&r.signals).map_err(|_| bad("signals"))?,
            },
            first_seen: Timestamp(r.first_seen),
            updated_at: Timestamp(r.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DisruptionDbRow {
    id: i64,
    version: i64,
    country: String,
    start_at: Option<i64>,
    review: String,
    event_id: Option<i64>,
    record: String,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<DisruptionDbRow> for vigie_core::watch::records::DisruptionRow {
    type Error = vigie_core::StoreError;
    fn try_from(r: DisruptionDbRow) -> Result<Self, Self::Error> {
        use vigie_core::Timestamp;
        Ok(Self {
            id: r.id,
            version: r.version,
            country: r.country,
            start: r.start_at.map(Timestamp),
            review: vigie_core::watch::records::Review::parse(&r.review)
                .ok_or_else(|| vigie_core::StoreError::Backend(format!("disruption {}: bad review", r.id)))?,
            event_id: r.event_id,
            record: r.record,
            created_at: Timestamp(r.created_at),
            updated_at: Timestamp(r.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProbeDbRow {
    id: i64,
    name: String,
    public_key: String,
    enrolled_at: i64,
    last_seen: Option<i64>,
    revoked_at: Option<i64>,
}

impl From<ProbeDbRow> for vigie_core::watch::records::ProbeRow {
    fn from(r: ProbeDbRow) -> Self {
        use vigie_core::Timestamp;
        Self {
            id: r.id,
            name: r.name,
            public_key: r.public_key,
            enrolled_at: Timestamp(r.enrolled_at),
            last_seen: r.last_seen.map(Timestamp),
            revoked_at: r.revoked_at.map(Timestamp),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CellRow {
    country: String,
    hour: i64,
    asn: i64,
    test_name: String,
    target: String,
    total: i64,
    ok: i64,
    anomaly: i64,
    confirmed: i64,
    failure: i64,
    dns: i64,
    tcp_ip: i64,
    http_failure: i64,
    http_diff: i64,
}

impl CellRow {
    pub(crate) fn into_cell(self) -> (vigie_core::watch::CellKey, vigie_core::watch::CellCounts) {
        let n = |v: i64| u32::try_from(v.max(0)).unwrap_or(u32::MAX);
        (
            vigie_core::watch::CellKey {
                hour: vigie_core::Timestamp(self.hour),
                country: self.country,
                asn: n(self.asn),
                test_name: self.test_name,
                target: self.target,
            },
            vigie_core::watch::CellCounts {
                total: n(self.total),
                ok: n(self.ok),
                anomaly: n(self.anomaly),
                confirmed: n(self.confirmed),
                failure: n(self.failure),
                dns: n(self.dns),
                tcp_ip: n(self.tcp_ip),
                http_failure: n(self.http_failure),
                http_diff: n(self.http_diff),
            },
        )
    }
}
