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

/// Header that a page's own script must send with the session cookie under `/api/`.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Either kind of caller, for endpoints both people and machines use (`/metrics`, and
/// the JSON API for a member's own pages). Under `/api/` a session cookie counts only
/// with the page's CSRF token in the `X-CSRF-Token` header, for reads too (a report is
/// decrypted by a read): a cookie alone, which any site's form or image can make the
/// browser send, is refused.
pub struct AnyCaller(pub Actor);

impl FromRequestParts<AppState> for AnyCaller {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        if bearer(parts).is_some() {
            return ApiCaller::from_request_parts(parts, app).await.map(|c| AnyCaller(c.0));
        }
        if parts.uri.path().starts_with("/api/") && !csrf_header_matches(parts) {
            app.metrics.csrf_rejected();
            return Err(WebError::Unauthorized);
        }
        session_actor(parts, app).await.map(AnyCaller).ok_or(WebError::Unauthorized)
    }
}

fn csrf_header_matches(parts: &Parts) -> bool {
    let Some(ctx) = parts.extensions.get::<crate::context::Ctx>() else { return false };
    let sent = parts.headers.get(CSRF_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    !sent.is_empty() && vigie_crypto::token::constant_time_eq(sent, ctx.csrf.as_bytes())
}

/// Refuses with 403 unless `allowed`.
pub fn require(allowed: bool) -> Result<(), WebError> {
    if allowed { Ok(()) } else { Err(WebError::Forbidden) }
}
