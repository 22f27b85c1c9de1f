//! A campaign's exports: CSV with one row per post (for spreadsheets and platform
//! escalations) and JSON with the whole report and its linked cases.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::api::campaigns::CampaignDetailView;
use crate::auth::Member;
use crate::error::WebError;
use crate::state::AppState;

/// The CSV columns; hashtags are separated by `|`, as the observation import reads them.
const COLUMNS: [&str; 8] = ["campaign_id", "platform", "post_id", "url", "author", "created_at", "text", "hashtags"];

pub async fn export_csv(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let view = app.campaigns.get(&actor, id).await?;
    let mut rows = app.campaigns.observations(&actor, &view.report.post_ids).await?;
    rows.sort_by_key(|r| (r.observation.created_at(), r.id));
    let mut out = csv::Writer::from_writer(Vec::new());
    let internal = |e: csv::Error| WebError::Internal(format!("campaign CSV: {e}"));
    out.write_record(COLUMNS).map_err(internal)?;
    let campaign = id.to_string();
    for r in &rows {
        let o = &r.observation;
        out.write_record([
            campaign.as_str(),
            o.platform(),
            o.post_id(),
            o.url().unwrap_or(""),
            o.author(),
            &o.created_at().rfc3339(),
            o.text(),
            &o.hashtags().join("|"),
        ])
        .map_err(internal)?;
    }
    let bytes = out.into_inner().map_err(|e| WebError::Internal(format!("campaign CSV: {e}")))?;
    Ok(download(bytes, "text/csv; charset=utf-8", &format!("campaign-{id}.csv")))
}

pub async fn export_json(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let view = app.campaigns.get(&actor, id).await?;
    let body = serde_json::to_vec_pretty(&CampaignDetailView::new(&view)?)
        .map_err(|e| WebError::Internal(format!("campaign JSON: {e}")))?;
    Ok(download(body, "application/json", &format!("campaign-{id}.json")))
}

fn download(body: Vec<u8>, media_type: &'static str, file_name: &str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
