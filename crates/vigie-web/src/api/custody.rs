//! The tamper-evident log and evidence items. The log's routes are public: leaf hashes,
//! nodes and tree heads reveal nothing (each record holds a sealed random nonce), and
//! anyone holding a bundle must be able to check the server's log only grew.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_core::CaseId;
use vigie_core::cases::{EvidenceView, NewPost};
use vigie_core::evidence::{EvidenceSource, SignedTreeHead};

use super::cases::body;
use crate::auth::{AnyCaller, ApiCaller};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct InclusionParams {
    /// The leaf's index in the log.
    pub leaf_index: u64,
    /// The size of the tree the proof is for (at most the current size).
    pub tree_size: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ConsistencyParams {
    /// The older tree size (at least 1).
    pub first: u64,
    /// The newer tree size (at most the current size).
    pub second: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InclusionProof {
    pub leaf_index: u64,
    pub tree_size: u64,
    /// Lowercase hex hashes, from the leaf up (RFC 9162 section 2.1.3).
    pub hashes: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConsistencyProof {
    pub first: u64,
    pub second: u64,
    /// Lowercase hex hashes (RFC 9162 section 2.1.4).
    pub hashes: Vec<String>,
}

fn hex_all(hashes: &[vigie_core::merkle::Hash]) -> Vec<String> {
    hashes.iter().map(ToString::to_string).collect()
}

/// The latest signed tree head (signed now if none was signed yet). Public.
#[utoipa::path(get, path = "/api/v1/log/head", security(()), responses((status = 200, body = SignedTreeHead)))]
pub async fn head(State(app): State<AppState>) -> Result<Json<SignedTreeHead>, WebError> {
    let head = match app.custody.latest_head().await? {
        Some(head) => head,
        None => app.custody.sign_head(&app.instance_key).await?,
    };
    Ok(Json(head))
}

/// Public proofs are for trees up to the latest signed head: a proof for a bigger tree
/// would tell anyone the log's live size, which grows with each report.
async fn published(app: &AppState, tree_size: u64) -> Result<(), WebError> {
    let signed = app.custody.latest_head().await?.map_or(0, |h| h.size);
    if tree_size > signed {
        return Err(WebError::Invalid { field: "tree_size", problem: vigie_core::Problem::OutOfRange });
    }
    Ok(())
}

/// The audit path of a leaf in a tree of a given size, up to the latest signed head. Public.
#[utoipa::path(
    get,
    path = "/api/v1/log/proof/inclusion",
    security(()),
    params(InclusionParams),
    responses(
        (status = 200, body = InclusionProof),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn inclusion(
    State(app): State<AppState>,
    Query(p): Query<InclusionParams>,
) -> Result<Json<InclusionProof>, WebError> {
    published(&app, p.tree_size).await?;
    let hashes = app.custody.inclusion_proof(p.leaf_index, p.tree_size).await?;
    Ok(Json(InclusionProof { leaf_index: p.leaf_index, tree_size: p.tree_size, hashes: hex_all(&hashes) }))
}

/// The proof that the tree of `first` leaves is a prefix of the tree of `second`. Public.
#[utoipa::path(
    get,
    path = "/api/v1/log/proof/consistency",
    security(()),
    params(ConsistencyParams),
    responses(
        (status = 200, body = ConsistencyProof),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn consistency(
    State(app): State<AppState>,
    Query(p): Query<ConsistencyParams>,
) -> Result<Json<ConsistencyProof>, WebError> {
    published(&app, p.second).await?;
    let hashes = app.custody.consistency_proof(p.first, p.second).await?;
    Ok(Json(ConsistencyProof { first: p.first, second: p.second, hashes: hex_all(&hashes) }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PostBody {
    pub platform: String,
    pub url: String,
    pub author: String,
    /// As the platform shows it (RFC 3339 preferred).
    pub posted_at: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LoggedView {
    /// The item's entry in the tamper-evident log.
    pub leaf_index: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EvidenceItemView {
    pub id: i64,
    pub leaf_index: u64,
    /// `file`, `capture` or `post`.
    pub kind: String,
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    pub file_name: Option<String>,
    pub url: Option<String>,
    pub final_url: Option<String>,
    pub captured_at: String,
    pub added_by: String,
    pub source: String,
}

impl From<&EvidenceView> for EvidenceItemView {
    fn from(v: &EvidenceView) -> Self {
        let r = &v.record;
        Self {
            id: v.id,
            leaf_index: v.leaf_index,
            kind: r.kind.as_str().to_owned(),
            sha256: r.sha256.clone(),
            size: r.size,
            media_type: r.media_type.clone(),
            file_name: r.file_name.clone(),
            url: r.url.clone(),
            final_url: r.final_url.clone(),
            captured_at: r.captured_at.clone(),
            added_by: r.added_by.clone(),
            source: r.source.as_str().to_owned(),
        }
    }
}

/// Records a public post as evidence (sealed to the organization; no key needed).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/evidence/posts",
    params(("id" = i64, Path, description = "case id")),
    request_body = PostBody,
    responses(
        (status = 201, body = LoggedView),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn add_post(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<PostBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    app.cases.owned_case(&actor, id).await?;
    let b = body(b)?;
    let post = NewPost { platform: b.platform, url: b.url, author: b.author, posted_at: b.posted_at, text: b.text };
    let leaf_index = app.cases.add_post(&actor, id, &post, EvidenceSource::Api).await?;
    Ok((StatusCode::CREATED, Json(LoggedView { leaf_index })).into_response())
}

/// The case's evidence items, opened; needs a session holding the organization's key.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/evidence",
    params(("id" = i64, Path, description = "case id")),
    responses(
        (status = 200, body = [EvidenceItemView]),
        (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody)
    )
)]
pub async fn list(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<EvidenceItemView>>, WebError> {
    let key = app.accounts.org_key(&actor);
    let items = app.cases.evidence(&actor, key.as_ref(), CaseId(id)).await?;
    Ok(Json(items.iter().map(EvidenceItemView::from).collect()))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FilesLoggedView {
    /// Each file's entry in the log, in the order sent.
    pub leaf_indexes: Vec<u64>,
}

/// Adds files as evidence: `multipart/form-data` with one or more parts named `files`.
/// API tokens only (a cookie-carried form could be forged cross-site). Same kinds and
/// limits as the case page.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/evidence/files",
    params(("id" = i64, Path, description = "case id")),
    request_body(content_type = "multipart/form-data", content = String),
    responses(
        (status = 201, body = FilesLoggedView),
        (status = 404, body = super::ErrorBody),
        (status = 413, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn add_files(
    State(app): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    req: axum::extract::Request,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let case = app.cases.owned_case(&actor, id).await?;
    let form = crate::uploads::UploadForm::from_api_request(req, &app).await?;
    let (_, files, refusal) = form.read(&app, case.org_id, app.config.uploads).await?;
    if let Some(r) = refusal {
        let problem = match r {
            crate::uploads::FileRefusal::Interrupted => return Err(WebError::BadRequest),
            crate::uploads::FileRefusal::Kind => vigie_core::Problem::UnknownChoice,
            crate::uploads::FileRefusal::TooLarge | crate::uploads::FileRefusal::TooMany => {
                vigie_core::Problem::TooLong
            }
        };
        return Err(vigie_core::DomainError::invalid("files", problem).into());
    }
    if files.is_empty() {
        return Err(vigie_core::DomainError::invalid("files", vigie_core::Problem::Empty).into());
    }
    let leaf_indexes = app.cases.add_file_evidence(&actor, id, &files, EvidenceSource::Api).await?;
    Ok((StatusCode::CREATED, Json(FilesLoggedView { leaf_indexes })).into_response())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CaptureBody {
    /// The page to capture (http or https).
    pub url: String,
}

/// Captures a web page now (WARC: request, response, metadata with the certificate
/// chain) and keeps it as evidence. Internal addresses are refused unless configured.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/evidence/captures",
    params(("id" = i64, Path, description = "case id")),
    request_body = CaptureBody,
    responses(
        (status = 201, body = LoggedView),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody),
        (status = 502, body = super::ErrorBody)
    )
)]
pub async fn add_capture(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<CaptureBody>, JsonRejection>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    app.cases.owned_case(&actor, id).await?;
    let url = vigie_core::cases::web_address("url", &body(b)?.url)?;
    let page = crate::pages::cases::fetch_page(&app, &url).await.map_err(WebError::Upstream)?;
    let leaf_index = app.cases.add_capture(&actor, id, page, EvidenceSource::Api).await?;
    Ok((StatusCode::CREATED, Json(LoggedView { leaf_index })).into_response())
}
