//! The network watch over the API: countries and a country's picture for members with
//! API tokens; enrolment, target list and signed results for probes (which have no
//! account: they prove themselves with their Ed25519 key).

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_core::Timestamp;
use vigie_core::watch::probe_envelope::SignedResult;
use vigie_core::watch::probe_results::ProbeRefusal;

use crate::auth::AnyCaller;
use crate::error::WebError;
use crate::state::AppState;

/// A country the watch has measurements of (last 30 days).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WatchCountryView {
    pub country: String,
    pub measurements: i64,
    /// Unix seconds.
    pub last_hour: i64,
}

/// A detected event.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WatchEventView {
    pub id: i64,
    /// `blocking`, `outage` or `throttling`.
    pub kind: String,
    pub scope: String,
    pub country: String,
    pub asn: Option<u32>,
    pub test_name: Option<String>,
    pub target: Option<String>,
    /// Unix seconds; `end` is null while the event is under way.
    pub start: i64,
    pub end: Option<i64>,
    pub severity: f64,
    /// OONI's blocking layer: `dns`, `tcp_ip`, `http-failure`, `http-diff`.
    pub layer: Option<String>,
}

impl From<&vigie_core::watch::records::WatchEventRow> for WatchEventView {
    fn from(e: &vigie_core::watch::records::WatchEventRow) -> Self {
        Self {
            id: e.id,
            kind: e.kind.as_str().into(),
            scope: e.scope.clone(),
            country: e.country.clone(),
            asn: e.asn,
            test_name: e.test_name.clone(),
            target: e.target.clone(),
            start: e.start.0,
            end: e.end.map(|t| t.0),
            severity: e.severity,
            layer: e.layer.map(|l| l.as_str().into()),
        }
    }
}

/// A target in a network and where it stands.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TargetStateView {
    pub asn: u32,
    pub test_name: String,
    pub target: String,
    /// `reachable`, `blocked` or `insufficient_data`.
    pub state: String,
    pub measurements: u32,
    pub blocked: u32,
}

/// One hour of a country's measurements.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HourView {
    pub hour: i64,
    pub total: u32,
    pub ok: u32,
    pub blocked: u32,
    pub failure: u32,
}

/// A country's picture: its events, its targets and its hours.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CountryPictureView {
    pub country: String,
    pub events: Vec<WatchEventView>,
    pub targets: Vec<TargetStateView>,
    pub hours: Vec<HourView>,
}

#[utoipa::path(get, path = "/api/v1/watch/countries", responses(
    (status = 200, body = [WatchCountryView]), (status = 401, body = crate::api::ErrorBody)
))]
pub async fn countries(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
) -> Result<Json<Vec<WatchCountryView>>, WebError> {
    let rows = app.watch.countries(&actor).await?;
    Ok(Json(
        rows.into_iter()
            .map(|c| WatchCountryView { country: c.country, measurements: c.measurements, last_hour: c.last_hour.0 })
            .collect(),
    ))
}

#[utoipa::path(
    get,
    path = "/api/v1/watch/countries/{country}",
    params(("country" = String, Path, description = "two-letter code")),
    responses(
        (status = 200, body = CountryPictureView),
        (status = 401, body = crate::api::ErrorBody),
        (status = 404, body = crate::api::ErrorBody)
    )
)]
pub async fn country(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(code): Path<String>,
) -> Result<Json<CountryPictureView>, WebError> {
    let code = vigie_core::watch::service::parse_country(&code).map_err(|_| WebError::NotFound)?;
    let view = app.watch.country(&actor, &code).await?;
    let state = |s: vigie_core::watch::BlockingStateName| {
        serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    };
    Ok(Json(CountryPictureView {
        country: code,
        events: view.events.iter().map(WatchEventView::from).collect(),
        targets: view
            .picture
            .targets
            .iter()
            .map(|t| TargetStateView {
                asn: t.asn,
                test_name: t.test_name.clone(),
                target: t.target.clone(),
                state: state(t.state),
                measurements: t.measurements,
                blocked: t.blocked,
            })
            .collect(),
        hours: view
            .picture
            .hours
            .iter()
            .map(|h| HourView {
                hour: h.hour.0,
                total: h.counts.total,
                ok: h.counts.ok,
                blocked: h.counts.blocked(),
                failure: h.counts.failure,
            })
            .collect(),
    }))
}

/// A probe's enrolment: the token an admin issued, the probe's public key, a name.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnrolBody {
    pub token: String,
    /// Ed25519 public key, base64.
    pub public_key: String,
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnrolledView {
    /// The id the probe signs its results with.
    pub probe_id: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/probe/enrol",
    request_body = EnrolBody,
    security(()),
    responses(
        (status = 201, body = EnrolledView),
        (status = 403, body = crate::api::ErrorBody, description = "unknown, used or expired token"),
        (status = 409, body = crate::api::ErrorBody, description = "key already enrolled"),
        (status = 422, body = crate::api::ErrorBody)
    )
)]
pub async fn enrol(
    State(app): State<AppState>,
    body: Result<Json<EnrolBody>, JsonRejection>,
) -> Result<(StatusCode, Json<EnrolledView>), WebError> {
    let Json(body) = body.map_err(|_| WebError::BadRequest)?;
    let id = app.watch.enrol(&body.token, &body.name, &body.public_key).await?;
    Ok((StatusCode::CREATED, Json(EnrolledView { probe_id: id.to_string() })))
}

/// A probe's signed request for its targets.
#[derive(Debug, Deserialize, IntoParams)]
pub struct TargetsQuery {
    pub probe_id: String,
    /// Unix seconds, within ten minutes of the server's clock.
    pub time: i64,
    /// Ed25519 signature (base64) of `vigie-probe-targets-v1\n{probe_id}\n{time}`.
    pub signature: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TargetsView {
    pub targets: Vec<String>,
}

fn refusal(e: ProbeRefusal) -> WebError {
    match e {
        ProbeRefusal::UnknownProbe | ProbeRefusal::BadSignature(_) => WebError::Unauthorized,
        ProbeRefusal::Revoked => WebError::Forbidden,
        ProbeRefusal::Replay => WebError::Conflict("this result was already received"),
        ProbeRefusal::Unusable(d) => {
            tracing::info!(reason = %d, "a probe result could not be used");
            WebError::Invalid { field: "measurement", problem: vigie_core::Problem::UnknownChoice }
        }
        ProbeRefusal::Domain(d) => d.into(),
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/probe/targets",
    params(TargetsQuery),
    security(()),
    responses(
        (status = 200, body = TargetsView),
        (status = 401, body = crate::api::ErrorBody),
        (status = 403, body = crate::api::ErrorBody)
    )
)]
pub async fn targets(
    State(app): State<AppState>,
    Query(q): Query<TargetsQuery>,
) -> Result<Json<TargetsView>, WebError> {
    let targets = app.watch.targets_for_probe(&q.probe_id, Timestamp(q.time), &q.signature).await.map_err(refusal)?;
    Ok(Json(TargetsView { targets }))
}

/// What the server concluded from a probe's result.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceivedView {
    pub country: String,
    pub asn: u32,
    pub target: String,
    /// `ok`, `anomaly`, `confirmed` or `failure`.
    pub outcome: String,
    pub layer: Option<String>,
}

/// A probe's signed result (see docs/probe.md): `probe_id`, `result_id`, `created_at`,
/// `measurement` (OONI JSON text) and `signature`.
#[utoipa::path(
    post,
    path = "/api/v1/probe/results",
    request_body = Object,
    security(()),
    responses(
        (status = 201, body = ReceivedView),
        (status = 401, body = crate::api::ErrorBody),
        (status = 403, body = crate::api::ErrorBody),
        (status = 409, body = crate::api::ErrorBody, description = "already received"),
        (status = 422, body = crate::api::ErrorBody)
    )
)]
pub async fn results(
    State(app): State<AppState>,
    body: Result<Json<SignedResult>, JsonRejection>,
) -> Result<(StatusCode, Json<ReceivedView>), WebError> {
    let Json(result) = body.map_err(|_| WebError::BadRequest)?;
    let received = app.watch.receive_probe_result(&result).await.map_err(refusal)?;
    Ok((
        StatusCode::CREATED,
        Json(ReceivedView {
            country: received.country,
            asn: received.asn,
            target: received.target,
            outcome: received.outcome.as_str().into(),
            layer: received.layer.map(|l| l.as_str().into()),
        }),
    ))
}
