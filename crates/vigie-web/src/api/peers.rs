//! Peers in the API: the pinned peers (`GET`/`POST /api/v1/peers`,
//! `DELETE /api/v1/peers/{id}`, admins), a pull of every peer now
//! (`POST /api/v1/peers/pull`, admins), and this instance's signed bundle
//! (`GET /api/v1/peers/bundle`), which a pinned peer pulls with the token it was given
//! when pinned, and which coordinators and admins download to carry by hand.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vigie_core::sharing::peer::fingerprint;
use vigie_core::sharing::{PeerForm, PullOutcome};
use vigie_core::store::PeerRow;
use vigie_core::{Actor, policy};

use super::imports::PeerImportView;
use crate::auth::{AnyCaller, require};
use crate::error::WebError;
use crate::state::AppState;

/// A pinned peer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeerView {
    pub id: i64,
    pub name: String,
    /// Its instance's Ed25519 public key, base64.
    pub public_key: String,
    /// A short fingerprint of the key, to compare by phone.
    pub fingerprint: String,
    /// Where it is pulled from; none when its bundles come by hand.
    pub url: Option<String>,
    /// The sequence of the last bundle taken from it.
    pub last_sequence: Option<i64>,
    pub last_pulled_at: Option<String>,
    /// What went wrong at the last pull; none when it worked.
    pub last_error: Option<String>,
    pub added_at: String,
}

impl From<&PeerRow> for PeerView {
    fn from(p: &PeerRow) -> Self {
        Self {
            id: p.id,
            name: p.name.clone(),
            public_key: p.public_key.clone(),
            fingerprint: fingerprint(&p.public_key),
            url: p.url.clone(),
            last_sequence: p.last_sequence,
            last_pulled_at: p.last_pulled_at.map(|t| t.rfc3339()),
            last_error: p.last_error.clone(),
            added_at: p.added_at.rfc3339(),
        }
    }
}

/// A peer to pin.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NewPeerBody {
    pub name: String,
    /// Its instance's public key (its admin reads it on its `/peers` page).
    pub public_key: String,
    /// Its address (`https://…`) to pull from; leave out when bundles come by hand.
    #[serde(default)]
    pub url: String,
    /// The token it gave us to pull with (needed with `url`).
    #[serde(default)]
    pub token: String,
}

/// The pinned peer, and the token to give it so that it can pull our bundle (shown once).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PinnedView {
    pub id: i64,
    pub pull_token: String,
}

/// What a pull of one peer did.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PullView {
    pub peer_id: i64,
    /// `imported`, `nothing_new` or `failed`.
    pub outcome: String,
    pub imported: Option<PeerImportView>,
    pub error: Option<String>,
}

fn admin(actor: &Actor) -> Result<(), WebError> {
    require(actor.role() == vigie_core::Role::Admin)
}

/// The pinned peers. Admins.
#[utoipa::path(get, path = "/api/v1/peers", responses(
    (status = 200, body = [PeerView]), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody)
))]
pub async fn list(State(app): State<AppState>, AnyCaller(actor): AnyCaller) -> Result<Json<Vec<PeerView>>, WebError> {
    Ok(Json(app.sharing.peers(&actor).await?.iter().map(PeerView::from).collect()))
}

/// Pins a peer by its key. Admins. 409 when the key is pinned already.
#[utoipa::path(post, path = "/api/v1/peers", request_body = NewPeerBody, responses(
    (status = 201, body = PinnedView), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 409, body = super::ErrorBody), (status = 422, body = super::ErrorBody)
))]
pub async fn pin(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    body: Result<Json<NewPeerBody>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<PinnedView>), WebError> {
    admin(&actor)?;
    let Json(b) = body.map_err(|_| WebError::BadRequest)?;
    let form = PeerForm { name: b.name, public_key: b.public_key, url: b.url, token: b.token };
    let pinned = app.sharing.pin_peer(&actor, &form).await?;
    Ok((StatusCode::CREATED, Json(PinnedView { id: pinned.id, pull_token: pinned.pull_token })))
}

/// Removes a pinned peer; what was imported from it stays, with its name. Admins.
#[utoipa::path(delete, path = "/api/v1/peers/{id}", params(("id" = i64, Path)), responses(
    (status = 204), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody),
    (status = 404, body = super::ErrorBody)
))]
pub async fn remove(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    app.sharing.remove_peer(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Pulls every peer that has an address, now (the server also does it on a schedule).
/// Admins.
#[utoipa::path(post, path = "/api/v1/peers/pull", responses(
    (status = 200, body = [PullView]), (status = 401, body = super::ErrorBody), (status = 403, body = super::ErrorBody)
))]
pub async fn pull(State(app): State<AppState>, AnyCaller(actor): AnyCaller) -> Result<Json<Vec<PullView>>, WebError> {
    admin(&actor)?;
    let outcomes = app.sharing.pull_peers(app.bundle_fetcher.as_ref()).await?;
    Ok(Json(outcomes.iter().map(|(peer, o)| pull_view(*peer, o)).collect()))
}

pub(crate) fn pull_view(peer_id: i64, o: &PullOutcome) -> PullView {
    match o {
        PullOutcome::Imported(got) => {
            PullView { peer_id, outcome: "imported".into(), imported: Some(PeerImportView::from(got)), error: None }
        }
        PullOutcome::NothingNew => PullView { peer_id, outcome: "nothing_new".into(), imported: None, error: None },
        PullOutcome::Failed(e) => {
            PullView { peer_id, outcome: "failed".into(), imported: None, error: Some(e.clone()) }
        }
    }
}

/// Who may have the bundle: a pinned peer with its pull token, or a coordinator or an
/// admin (to carry it by hand).
pub enum BundleCaller {
    Peer(PeerRow),
    Staff(Actor),
}

impl FromRequestParts<AppState> for BundleCaller {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim().to_owned());
        if let Some(t) = token
            && let Some(peer) = app.sharing.peer_for_pull_token(&t).await?
        {
            return Ok(BundleCaller::Peer(peer));
        }
        let AnyCaller(actor) = AnyCaller::from_request_parts(parts, app).await?;
        require(policy::can_view_network(actor.role()))?;
        Ok(BundleCaller::Staff(actor))
    }
}

/// This instance's signed bundle: every campaign and confirmed disruption record marked
/// as shared, at TLP:CLEAR or GREEN, as STIX 2.1, signed with the instance key. For
/// pinned peers (their pull token) and for coordinators and admins.
#[utoipa::path(get, path = "/api/v1/peers/bundle", responses(
    (status = 200, body = Object, content_type = "application/json"), (status = 401, body = super::ErrorBody),
    (status = 403, body = super::ErrorBody)
))]
pub async fn bundle(State(app): State<AppState>, caller: BundleCaller) -> Result<Response, WebError> {
    let bytes = app.sharing.own_bundle(&app.instance_key).await?;
    match &caller {
        BundleCaller::Peer(p) => tracing::info!(peer = p.id, bytes = bytes.len(), "peer bundle pulled"),
        BundleCaller::Staff(a) => tracing::info!(user = a.user.id.0, bytes = bytes.len(), "peer bundle downloaded"),
    }
    Ok(bundle_response(bytes))
}

/// A signed bundle as a download (the API's and the page's).
pub(crate) fn bundle_response(bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"vigie-peer-bundle.json\""));
    response
}
