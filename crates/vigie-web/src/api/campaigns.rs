//! Campaigns and observations: the ranked list, one campaign, a detection run, bulk
//! import of observations, and a case's links to campaigns and attached observations.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_core::campaign::{CampaignReport, CampaignView};
use vigie_core::observation::{MAX_FIRST_ERRORS, RowError, parse_jsonl_line};
use vigie_core::store::{CampaignRow, ObservationRow};
use vigie_core::{CaseId, policy};

use super::cases::body;
use crate::auth::{AnyCaller, require};
use crate::error::WebError;
use crate::state::AppState;

/// A campaign in the ranked list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CampaignSummaryView {
    pub id: i64,
    /// False once a later detection run no longer found it.
    pub active: bool,
    pub score: f64,
    pub accounts: i64,
    pub posts: i64,
    /// Platforms, most posts first.
    pub platforms: Vec<String>,
    /// The most used hashtags (at most five), most first.
    pub hashtags: Vec<String>,
    /// Unix seconds.
    pub first_seen: i64,
    pub last_seen: i64,
    pub detected_at: i64,
}

impl CampaignSummaryView {
    pub fn new(row: &CampaignRow, report: Option<&CampaignReport>) -> Self {
        Self {
            id: row.id,
            active: row.active,
            score: row.score,
            accounts: row.account_count,
            posts: row.post_count,
            platforms: report.map(|r| r.platforms.iter().map(|c| c.value.clone()).collect()).unwrap_or_default(),
            hashtags: report.map(|r| r.hashtags.iter().take(5).map(|c| c.value.clone()).collect()).unwrap_or_default(),
            first_seen: row.first_seen.0,
            last_seen: row.last_seen.0,
            detected_at: row.detected_at.0,
        }
    }
}

/// The stored report of a campaign row; a report that no longer reads is logged and
/// left out rather than failing the whole list.
pub fn report_of(row: &CampaignRow) -> Option<CampaignReport> {
    serde_json::from_str(&row.report)
        .inspect_err(|e| tracing::error!(campaign = row.id, error = %e, "unreadable campaign report"))
        .ok()
}

/// One campaign: its report (accounts, posts, timeline, traces, links between accounts)
/// and the cases linked to it that the caller can see.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CampaignDetailView {
    pub id: i64,
    pub active: bool,
    pub detected_at: i64,
    /// The detection report (see `docs/campaigns.md`); times in Unix seconds.
    #[schema(value_type = Object)]
    pub report: serde_json::Value,
    pub cases: Vec<i64>,
}

impl CampaignDetailView {
    pub fn new(v: &CampaignView) -> Result<Self, WebError> {
        Ok(Self {
            id: v.row.id,
            active: v.row.active,
            detected_at: v.row.detected_at.0,
            report: serde_json::to_value(&v.report).map_err(|e| WebError::Internal(e.to_string()))?,
            cases: v.cases.iter().map(|c| c.0).collect(),
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// `true`: include campaigns a later run no longer found.
    pub all: Option<bool>,
}

/// Detected campaigns, highest score first. Every member.
#[utoipa::path(get, path = "/api/v1/campaigns", params(ListParams), responses(
    (status = 200, body = [CampaignSummaryView]), (status = 401, body = super::ErrorBody)
))]
pub async fn list(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<CampaignSummaryView>>, WebError> {
    let rows = app.campaigns.list(&actor, p.all.unwrap_or(false)).await?;
    Ok(Json(rows.iter().map(|r| CampaignSummaryView::new(r, report_of(r).as_ref())).collect()))
}

/// One campaign with its report and visible linked cases.
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}",
    params(("id" = i64, Path, description = "campaign id")),
    responses(
        (status = 200, body = CampaignDetailView),
        (status = 401, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody)
    )
)]
pub async fn get(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<CampaignDetailView>, WebError> {
    Ok(Json(CampaignDetailView::new(&app.campaigns.get(&actor, id).await?)?))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DetectionView {
    pub observations: u64,
    /// Texts signed in this run (the others came from saved signatures).
    pub new_texts: u64,
    /// The campaigns found, highest score first.
    pub campaigns: Vec<i64>,
    pub millis: u64,
}

/// Runs campaign detection over every stored observation (coordinators and admins).
/// Runs in the request; takes seconds for hundreds of thousands of posts.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/detect",
    responses(
        (status = 200, body = DetectionView),
        (status = 401, body = super::ErrorBody),
        (status = 403, body = super::ErrorBody)
    )
)]
pub async fn detect(State(app): State<AppState>, AnyCaller(actor): AnyCaller) -> Result<Json<DetectionView>, WebError> {
    require(policy::can_run_detection(actor.role()))?;
    let outcome = app.campaigns.detect(&actor, &|_| {}).await?;
    Ok(Json(DetectionView {
        observations: outcome.observations,
        new_texts: outcome.new_texts,
        campaigns: outcome.campaigns.iter().map(|(id, _)| *id).collect(),
        millis: outcome.millis,
    }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RowErrorView {
    /// 1-based: the line (JSON Lines) or the element (JSON array).
    pub line: u64,
    pub reason: String,
}

/// What an import did. Refused rows are skipped; the others are stored.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportView {
    pub stored: u64,
    /// Already stored (same platform and post id).
    pub duplicates: u64,
    pub skipped: u64,
    /// The first 20 refusals.
    pub errors: Vec<RowErrorView>,
}

/// Rows of a body: the elements of a JSON array (`application/json`) or the lines of
/// JSON Lines (`application/x-ndjson`), each as the text `parse_jsonl_line` reads.
fn rows_of(content_type: &str, body: &[u8]) -> Result<Vec<String>, WebError> {
    if content_type.starts_with("application/x-ndjson") || content_type.starts_with("application/jsonl") {
        let text = std::str::from_utf8(body).map_err(|_| WebError::BadRequest)?;
        // A final newline ends the last line; it does not start a blank one.
        let text = text.strip_suffix('\n').unwrap_or(text);
        return Ok(text.split('\n').map(str::to_owned).collect());
    }
    if content_type.starts_with("application/json") {
        let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| WebError::BadRequest)?;
        let serde_json::Value::Array(items) = value else { return Err(WebError::BadRequest) };
        return Ok(items.iter().map(serde_json::Value::to_string).collect());
    }
    Err(WebError::BadRequest)
}

/// Imports observations (coordinators and admins): a JSON array of observation objects
/// (`application/json`) or JSON Lines (`application/x-ndjson`), in the format of
/// `docs/observations.md`. Each row is validated on its own: refused rows are skipped and
/// reported (the first 20), the others stored; posts already stored are counted as
/// duplicates. The body is bounded by the server's body limit; import larger files with
/// `vigie import`.
#[utoipa::path(
    post,
    path = "/api/v1/observations",
    request_body(content = String, description = "JSON array or JSON Lines", content_type = "application/x-ndjson"),
    responses(
        (status = 200, body = ImportView),
        (status = 401, body = super::ErrorBody),
        (status = 403, body = super::ErrorBody),
        (status = 413, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn import(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<ImportView>, WebError> {
    require(policy::can_run_detection(actor.role()))?;
    let body = body.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE { WebError::TooLarge } else { WebError::BadRequest }
    })?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut batch = Vec::new();
    let mut errors: Vec<RowError> = Vec::new();
    let mut skipped = 0;
    for (i, row) in rows_of(content_type, &body)?.iter().enumerate() {
        match parse_jsonl_line(row, i as u64 + 1) {
            Ok(o) => batch.push(o),
            Err(e) => {
                skipped += 1;
                if errors.len() < MAX_FIRST_ERRORS {
                    errors.push(e);
                }
            }
        }
    }
    let counts = app.campaigns.import(&actor, &batch).await?;
    tracing::info!(stored = counts.stored, duplicates = counts.duplicates, skipped, "observations imported");
    Ok(Json(ImportView {
        stored: counts.stored,
        duplicates: counts.duplicates,
        skipped,
        errors: errors.iter().map(|e| RowErrorView { line: e.line, reason: e.reason.to_string() }).collect(),
    }))
}

/// A stored observation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ObservationView {
    pub id: i64,
    pub platform: String,
    pub post_id: String,
    pub url: Option<String>,
    pub author: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub text: String,
    pub lang: Option<String>,
    pub hashtags: Vec<String>,
}

impl From<&ObservationRow> for ObservationView {
    fn from(r: &ObservationRow) -> Self {
        let o = &r.observation;
        Self {
            id: r.id,
            platform: o.platform().to_owned(),
            post_id: o.post_id().to_owned(),
            url: o.url().map(str::to_owned),
            author: o.author().to_owned(),
            created_at: o.created_at().rfc3339(),
            text: o.text().to_owned(),
            lang: o.lang().map(str::to_owned),
            hashtags: o.hashtags().to_vec(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AttachBody {
    /// Ids of stored observations (as `GET /api/v1/campaigns/{id}` lists in `report.post_ids`).
    pub observation_ids: Vec<i64>,
}

/// Attaches stored observations to a case the caller can see; every id must exist.
/// Answers with the case's attached observations.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/observations",
    params(("id" = i64, Path, description = "case id")),
    request_body = AttachBody,
    responses(
        (status = 200, body = [ObservationView]),
        (status = 401, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn attach(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<AttachBody>, JsonRejection>,
) -> Result<Json<Vec<ObservationView>>, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    app.cases.attach_observations(&actor, id, &body(b)?.observation_ids).await?;
    let rows = app.cases.observations_of(&actor, id).await?;
    Ok(Json(rows.iter().map(ObservationView::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LinkBody {
    pub campaign_id: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CaseCampaignsView {
    pub campaigns: Vec<i64>,
}

/// Links a detected campaign to a case the caller can see (recorded in its history).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/campaigns",
    params(("id" = i64, Path, description = "case id")),
    request_body = LinkBody,
    responses(
        (status = 200, body = CaseCampaignsView),
        (status = 401, body = super::ErrorBody),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn link(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<LinkBody>, JsonRejection>,
) -> Result<Json<CaseCampaignsView>, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    let campaign = body(b)?.campaign_id;
    app.cases.link_campaign(&actor, id, campaign).await?;
    crate::notify::campaign_linked(&app, &actor, id, campaign).await;
    Ok(Json(CaseCampaignsView { campaigns: app.cases.campaigns_of(&actor, id).await? }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_and_arrays_become_rows() {
        let rows = rows_of("application/x-ndjson", b"{\"a\":1}\n\n{\"b\":2}\n").unwrap();
        assert_eq!(rows, ["{\"a\":1}", "", "{\"b\":2}"]);
        let rows = rows_of("application/json; charset=utf-8", b"[{\"a\":1}, 3]").unwrap();
        assert_eq!(rows, ["{\"a\":1}", "3"]);
        assert!(rows_of("application/json", b"{\"a\":1}").is_err());
        assert!(rows_of("text/plain", b"[]").is_err());
    }
}
