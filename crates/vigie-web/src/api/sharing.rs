//! Sharing with peers and CERTs in the API: a campaign or a confirmed disruption record
//! as a MISP event or a STIX 2.1 bundle, at TLP:CLEAR or TLP:GREEN (never higher: only
//! shareable levels can be exported), for coordinators and admins, who decide what the
//! network shares. What goes out is `docs/sharing.md`'s mapping; no case, reporter or
//! sealed field is part of it.

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa::IntoParams;
use vigie_core::sharing::{ShareableTlp, SharedCampaign, SharedDisruption, TechniqueId, Tlp};
use vigie_core::{Actor, Problem, policy};

use crate::auth::{AnyCaller, require};
use crate::error::WebError;
use crate::state::{App, AppState};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ShareParams {
    /// `clear` or `green` (the default); AMBER and RED are not exported.
    pub tlp: Option<String>,
    /// DISARM technique ids separated by commas (`T0048,T0049`), for a campaign.
    pub techniques: Option<String>,
}

pub(crate) fn tlp(raw: Option<&str>) -> Result<ShareableTlp, WebError> {
    let invalid = WebError::Invalid { field: "tlp", problem: Problem::UnknownChoice };
    let level = match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Tlp::Green,
        Some(s) => Tlp::parse(s).map_err(|_| invalid)?,
    };
    ShareableTlp::new(level).map_err(|_| WebError::Invalid { field: "tlp", problem: Problem::OutOfRange })
}

pub(crate) fn techniques(raw: Option<&str>) -> Result<Vec<TechniqueId>, WebError> {
    raw.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|t| {
            TechniqueId::parse(t)
                .map_err(|_| WebError::Invalid { field: "techniques", problem: Problem::UnknownChoice })
        })
        .collect()
}

async fn campaign(app: &App, actor: &Actor, id: i64, p: &ShareParams) -> Result<SharedCampaign, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let (tlp, techniques) = (tlp(p.tlp.as_deref())?, techniques(p.techniques.as_deref())?);
    Ok(app.sharing.shared_campaign(id, tlp, techniques, actor.user.id, &app.instance_public_key).await?)
}

async fn disruption(app: &App, actor: &Actor, id: i64, p: &ShareParams) -> Result<SharedDisruption, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let tlp = tlp(p.tlp.as_deref())?;
    Ok(app.sharing.shared_disruption(id, tlp, actor.user.id, &app.instance_public_key).await?)
}

/// A campaign as a MISP event (MISP core format). Coordinators and admins.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/misp", params(("id" = i64, Path), ShareParams), responses(
    (status = 200, body = Object), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)
))]
pub async fn campaign_misp(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    Query(p): Query<ShareParams>,
) -> Result<Json<serde_json::Value>, WebError> {
    Ok(Json(vigie_core::sharing::misp::campaign_event(&campaign(&app, &actor, id, &p).await?)))
}

/// A campaign as a STIX 2.1 bundle. Coordinators and admins.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/stix", params(("id" = i64, Path), ShareParams), responses(
    (status = 200, body = Object), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)
))]
pub async fn campaign_stix(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    Query(p): Query<ShareParams>,
) -> Result<Json<serde_json::Value>, WebError> {
    Ok(Json(vigie_core::sharing::stix::campaign_bundle(&campaign(&app, &actor, id, &p).await?)))
}

/// A confirmed disruption record as a MISP event. Coordinators and admins; 409 when
/// the record is not confirmed.
#[utoipa::path(get, path = "/api/v1/disruptions/{id}/misp", params(("id" = i64, Path), ShareParams), responses(
    (status = 200, body = Object), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody)
))]
pub async fn disruption_misp(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    Query(p): Query<ShareParams>,
) -> Result<Json<serde_json::Value>, WebError> {
    Ok(Json(vigie_core::sharing::misp::disruption_event(&disruption(&app, &actor, id, &p).await?)))
}

/// A confirmed disruption record as a STIX 2.1 bundle. Coordinators and admins.
#[utoipa::path(get, path = "/api/v1/disruptions/{id}/stix", params(("id" = i64, Path), ShareParams), responses(
    (status = 200, body = Object), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody)
))]
pub async fn disruption_stix(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    Query(p): Query<ShareParams>,
) -> Result<Json<serde_json::Value>, WebError> {
    Ok(Json(vigie_core::sharing::stix::disruption_bundle(&disruption(&app, &actor, id, &p).await?)))
}
