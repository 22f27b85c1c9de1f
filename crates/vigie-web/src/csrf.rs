//! Forms carry a CSRF token: an HMAC, under a key derived from the server secret, of a
//! random seed kept in an HttpOnly, SameSite=Strict cookie. [`CsrfForm`] refuses a post
//! whose token is missing or wrong before the form is even parsed.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

/// A form body whose CSRF token checked out.
pub struct CsrfForm<T>(pub T);

#[derive(Deserialize)]
struct TokenOnly {
    csrf: Option<String>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, WebError> {
        let ctx = req.extensions().get::<Ctx>().cloned().ok_or_else(|| WebError::Internal("context missing".into()))?;
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let body = Bytes::from_request(req, app).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                WebError::TooLarge
            } else {
                WebError::BadRequest
            }
        })?;
        let sent = serde_html_form::from_bytes::<TokenOnly>(&body).ok().and_then(|t| t.csrf).unwrap_or_default();
        if !is_form || !vigie_crypto::token::constant_time_eq(sent.as_bytes(), ctx.csrf.as_bytes()) {
            app.metrics.csrf_rejected();
            tracing::info!("form refused: CSRF token missing or wrong");
            return Err(WebError::Csrf);
        }
        serde_html_form::from_bytes(&body).map(CsrfForm).map_err(|_| WebError::BadRequest)
    }
}
