//! Who is asking: a member with a session cookie (pages) or an API token (JSON API).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::cookie::CookieJar;
use vigie_core::Actor;

use crate::context::SESSION_COOKIE;
use crate::error::WebError;
use crate::state::AppState;

/// A logged-in member; anonymous visitors are sent to the login page.
pub struct Member(pub Actor);

/// A member if logged in.
pub struct MaybeMember(pub Option<Actor>);

/// The user behind a `Authorization: Bearer …` API token.
pub struct ApiCaller(pub Actor);

async fn session_actor(parts: &Parts, app: &AppState) -> Option<Actor> {
    let jar = CookieJar::from_headers(&parts.headers);
    let token = jar.get(SESSION_COOKIE)?.value().to_owned();
    app.accounts.session(&token).await.ok()
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<AppState> for Member {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        session_actor(parts, app).await.map(Member).ok_or(WebError::LoginRequired)
    }
}

impl FromRequestParts<AppState> for MaybeMember {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        Ok(MaybeMember(session_actor(parts, app).await))
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        let token = bearer(parts).ok_or(WebError::Unauthorized)?;
        app.accounts.api_caller(token).await.map(ApiCaller).map_err(|_| WebError::Unauthorized)
    }
}

/// Either kind of caller, for endpoints both people and machines read (`/metrics`).
pub struct AnyCaller(pub Actor);

impl FromRequestParts<AppState> for AnyCaller {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        if bearer(parts).is_some() {
            return ApiCaller::from_request_parts(parts, app).await.map(|c| AnyCaller(c.0));
        }
        session_actor(parts, app).await.map(AnyCaller).ok_or(WebError::Unauthorized)
    }
}

/// Refuses with 403 unless `allowed`.
pub fn require(allowed: bool) -> Result<(), WebError> {
    if allowed { Ok(()) } else { Err(WebError::Forbidden) }
}
