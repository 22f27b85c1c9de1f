//! Imports and share marks in the API, for coordinators and admins:
//! `POST /api/v1/misp/import` (a MISP event), `POST /api/v1/stix/import` (a STIX 2.1
//! bundle), `POST /api/v1/peers/import` (a pinned peer's signed bundle), the imports with
//! their indicators and provenance (`GET /api/v1/imports…`), and what this instance
//! shares with its peers (`PUT`/`DELETE /api/v1/campaigns/{id}/share`,
//! `…/disruptions/{id}/share`, `GET /api/v1/peers/shared`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_core::sharing::peer::ObjectKind;
use vigie_core::sharing::{ImportDetail, ImportedItem, Importer, Indicator, PeerImport};
use vigie_core::store::{ImportRow, ReceiptRow, ShareMark};

use super::sharing::{ShareParams, techniques, tlp};
use crate::auth::AnyCaller;
use crate::error::WebError;
use crate::state::AppState;

/// What one imported document (or one object of a peer bundle) became.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportedView {
    pub id: i64,
    /// `added`, `updated` (seen before with other content) or `unchanged`.
    pub outcome: String,
    pub title: String,
    /// The MISP event's or STIX bundle's uuid.
    pub source_uuid: String,
    pub indicators: usize,
    /// Attributes, objects or patterns Vigie did not understand.
    pub skipped: usize,
}

impl From<&ImportedItem> for ImportedView {
    fn from(i: &ImportedItem) -> Self {
        Self {
            id: i.id,
            outcome: i.outcome.code().into(),
            title: i.title.clone(),
            source_uuid: i.source_uuid.clone(),
            indicators: i.indicators,
            skipped: i.skipped,
        }
    }
}

/// What a peer bundle brought.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeerImportView {
    pub peer_id: i64,
    pub peer_name: String,
    /// The bundle's sequence number (its creation time); an older one is refused.
    pub sequence: i64,
    pub objects: Vec<ImportedView>,
}

impl From<&PeerImport> for PeerImportView {
    fn from(p: &PeerImport) -> Self {
        Self {
            peer_id: p.peer,
            peer_name: p.peer_name.clone(),
            sequence: p.sequence,
            objects: p.items.iter().map(ImportedView::from).collect(),
        }
    }
}

/// An import as kept.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportView {
    pub id: i64,
    /// `misp` or `stix21`.
    pub format: String,
    /// `campaign` or `disruption` when a peer said so.
    pub kind: Option<String>,
    pub source_uuid: String,
    pub title: String,
    /// `TLP:GREEN`…; none when unmarked.
    pub tlp: Option<String>,
    /// Whether only the importing organization sees it (above GREEN, or unmarked).
    pub organization_only: bool,
    pub producer: Option<String>,
    pub techniques: Vec<String>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub indicators: u64,
    pub skipped: String,
    pub received_at: String,
    pub updated_at: String,
}

impl From<&ImportRow> for ImportView {
    fn from(r: &ImportRow) -> Self {
        Self {
            id: r.id,
            format: match r.format {
                vigie_core::sharing::SourceFormat::Misp => "misp".into(),
                vigie_core::sharing::SourceFormat::Stix21 => "stix21".into(),
            },
            kind: r.kind.map(|k| k.code().into()),
            source_uuid: r.source_uuid.clone(),
            title: r.title.clone(),
            tlp: r.tlp.map(|t| t.label().into()),
            organization_only: r.scope.is_some(),
            producer: r.producer_name.clone(),
            techniques: r.techniques.iter().map(|t| t.as_str().to_owned()).collect(),
            first_seen: r.first_seen.map(|t| t.rfc3339()),
            last_seen: r.last_seen.map(|t| t.rfc3339()),
            indicators: r.indicator_count,
            skipped: r.skipped.clone(),
            received_at: r.received_at.rfc3339(),
            updated_at: r.updated_at.rfc3339(),
        }
    }
}

/// One indicator of an import.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IndicatorView {
    /// `account`, `url`, `domain`, `hashtag`, `text_fingerprint`, `media_hash`, `asn`,
    /// `country`, `period`.
    pub kind: String,
    /// For a media hash: `sha256`, `perceptual` or `pdq`.
    pub hash: Option<String>,
    pub value: String,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub comment: String,
}

impl From<&Indicator> for IndicatorView {
    fn from(i: &Indicator) -> Self {
        let (kind, hash) = match serde_json::to_value(i.kind).unwrap_or_default() {
            serde_json::Value::String(k) => (k, None),
            serde_json::Value::Object(m) => {
                let (k, v) = m.into_iter().next().unwrap_or_default();
                (k, v.as_str().map(str::to_owned))
            }
            _ => (String::new(), None),
        };
        Self {
            kind,
            hash,
            value: i.value.clone(),
            first_seen: i.first_seen.map(|t| t.rfc3339()),
            last_seen: i.last_seen.map(|t| t.rfc3339()),
            comment: i.comment.clone(),
        }
    }
}

/// One receipt of an import: where it came from, when.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceiptView {
    /// `misp`, `stix` or `peer`.
    pub source: String,
    pub outcome: String,
    pub peer_id: Option<i64>,
    /// Kept after the peer is removed.
    pub peer_name: Option<String>,
    pub org_id: Option<i64>,
    /// The person who imported it; none for `vigie import` and scheduled pulls.
    pub user_id: Option<i64>,
    pub at: String,
}

impl From<&ReceiptRow> for ReceiptView {
    fn from(r: &ReceiptRow) -> Self {
        Self {
            source: r.source.code().into(),
            outcome: r.outcome.code().into(),
            peer_id: r.peer,
            peer_name: r.peer_name.clone(),
            org_id: r.org.map(|o| o.0),
            user_id: r.by.map(|u| u.0),
            at: r.at.rfc3339(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportDetailView {
    pub import: ImportView,
    pub indicators: Vec<IndicatorView>,
    pub receipts: Vec<ReceiptView>,
}

impl From<&ImportDetail> for ImportDetailView {
    fn from(d: &ImportDetail) -> Self {
        Self {
            import: ImportView::from(&d.row),
            indicators: d.indicators.iter().map(IndicatorView::from).collect(),
            receipts: d.receipts.iter().map(ReceiptView::from).collect(),
        }
    }
}

/// An object this instance shares with its peers.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ShareMarkView {
    /// `campaign` or `disruption`.
    pub kind: String,
    pub id: i64,
    pub tlp: String,
    pub techniques: Vec<String>,
    pub marked_by: i64,
    pub marked_at: String,
}

impl From<&ShareMark> for ShareMarkView {
    fn from(m: &ShareMark) -> Self {
        Self {
            kind: m.kind.code().into(),
            id: m.object,
            tlp: m.tlp.label().into(),
            techniques: m.techniques.iter().map(|t| t.as_str().to_owned()).collect(),
            marked_by: m.by.0,
            marked_at: m.at.rfc3339(),
        }
    }
}

pub(crate) fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, WebError> {
    body.map_err(
        |e| if e.status() == StatusCode::PAYLOAD_TOO_LARGE { WebError::TooLarge } else { WebError::BadRequest },
    )
}

fn created(item: &ImportedItem) -> (StatusCode, Json<ImportedView>) {
    let status = match item.outcome {
        vigie_core::store::ImportOutcome::Added => StatusCode::CREATED,
        _ => StatusCode::OK,
    };
    (status, Json(ImportedView::from(item)))
}

/// Imports a MISP event (MISP's JSON, with or without `{"Event": …}`). Coordinators and
/// admins. 201 when new, 200 when seen before (updated or unchanged); 422 names what is
/// wrong (`error.detail`).
#[utoipa::path(post, path = "/api/v1/misp/import", request_body(content = Object, content_type = "application/json"),
    responses(
        (status = 201, body = ImportedView), (status = 200, body = ImportedView), (status = 401, body = super::ErrorBody),
        (status = 403, body = super::ErrorBody), (status = 413, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
))]
pub async fn import_misp(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    raw: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ImportedView>), WebError> {
    let bytes = body(raw)?;
    Ok(created(&app.sharing.import_misp(Importer::Person(&actor), &bytes).await?))
}

/// Imports a STIX 2.1 bundle. Coordinators and admins.
#[utoipa::path(post, path = "/api/v1/stix/import", request_body(content = Object, content_type = "application/json"),
    responses(
        (status = 201, body = ImportedView), (status = 200, body = ImportedView), (status = 401, body = super::ErrorBody),
        (status = 403, body = super::ErrorBody), (status = 413, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
))]
pub async fn import_stix(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    raw: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ImportedView>), WebError> {
    let bytes = body(raw)?;
    Ok(created(&app.sharing.import_stix(Importer::Person(&actor), &bytes).await?))
}

/// Imports a pinned peer's signed bundle (a file carried by hand). Coordinators and
/// admins. 422 when the signer is not pinned, the signature does not hold, the bundle is
/// not newer than the last one taken, or an object is above GREEN.
#[utoipa::path(post, path = "/api/v1/peers/import", request_body(content = Object, content_type = "application/json"),
    responses(
        (status = 200, body = PeerImportView), (status = 401, body = super::ErrorBody),
        (status = 403, body = super::ErrorBody), (status = 413, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
))]
pub async fn import_peer(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<PeerImportView>, WebError> {
    let bytes = body(raw)?;
    Ok(Json(PeerImportView::from(&app.sharing.import_peer(Importer::Person(&actor), &bytes).await?)))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// At most this many, newest first (default 100, at most 500).
    pub limit: Option<u32>,
}

/// The latest imports the caller's organization sees. Coordinators and admins.
#[utoipa::path(get, path = "/api/v1/imports", params(ListParams), responses(
    (status = 200, body = [ImportView]), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody)
))]
pub async fn imports(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<ImportView>>, WebError> {
    let rows = app.sharing.imports(&actor, p.limit.unwrap_or(100)).await?;
    Ok(Json(rows.iter().map(ImportView::from).collect()))
}

/// One import, its indicators and every receipt of it (provenance).
#[utoipa::path(get, path = "/api/v1/imports/{id}", params(("id" = i64, Path)), responses(
    (status = 200, body = ImportDetailView), (status = 401, body = super::ErrorBody),
    (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)
))]
pub async fn import_detail(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<ImportDetailView>, WebError> {
    Ok(Json(ImportDetailView::from(&app.sharing.import_detail(&actor, id).await?)))
}

/// What this instance shares with its peers. Coordinators and admins.
#[utoipa::path(get, path = "/api/v1/peers/shared", responses(
    (status = 200, body = [ShareMarkView]), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody)
))]
pub async fn shared(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
) -> Result<Json<Vec<ShareMarkView>>, WebError> {
    Ok(Json(app.sharing.marks(&actor).await?.iter().map(ShareMarkView::from).collect()))
}

async fn mark(
    app: &AppState,
    actor: &vigie_core::Actor,
    kind: ObjectKind,
    id: i64,
    p: &ShareParams,
) -> Result<StatusCode, WebError> {
    crate::auth::require(vigie_core::policy::can_view_network(actor.role()))?;
    let (tlp, techniques) = (tlp(p.tlp.as_deref())?, techniques(p.techniques.as_deref())?);
    app.sharing.mark(actor, kind, id, tlp, techniques).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shares a campaign with the peers, at `tlp` (GREEN by default). Coordinators and admins.
#[utoipa::path(put, path = "/api/v1/campaigns/{id}/share", params(("id" = i64, Path), ShareParams), responses(
    (status = 204), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)
))]
pub async fn share_campaign(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    Query(p): Query<ShareParams>,
) -> Result<StatusCode, WebError> {
    mark(&app, &actor, ObjectKind::Campaign, id, &p).await
}

/// Stops sharing a campaign with the peers.
#[utoipa::path(delete, path = "/api/v1/campaigns/{id}/share", params(("id" = i64, Path)), responses(
    (status = 204), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody)
))]
pub async fn unshare_campaign(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    app.sharing.unmark(&actor, ObjectKind::Campaign, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shares a confirmed disruption record with the peers (409 when not confirmed).
#[utoipa::path(put, path = "/api/v1/disruptions/{id}/share", params(("id" = i64, Path), ShareParams), responses(
    (status = 204), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody),
    (status = 422, body = super::ErrorBody)
))]
pub async fn share_disruption(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    Query(p): Query<ShareParams>,
) -> Result<StatusCode, WebError> {
    mark(&app, &actor, ObjectKind::Disruption, id, &p).await
}

/// Stops sharing a disruption record with the peers.
#[utoipa::path(delete, path = "/api/v1/disruptions/{id}/share", params(("id" = i64, Path)), responses(
    (status = 204), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody)
))]
pub async fn unshare_disruption(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    app.sharing.unmark(&actor, ObjectKind::Disruption, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
