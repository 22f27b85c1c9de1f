//! The middleware every request passes: it settles the language (`?lang=`, then the
//! cookie, then `Accept-Language`, then French), makes sure the visitor has a CSRF
//! seed cookie, notes the client address for throttling (memory only), and on the way
//! out adds the security headers and renders error pages in the visitor's language.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{ErrorInfo, WebError};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

pub const LANG_COOKIE: &str = "vigie_lang";
pub const CSRF_COOKIE: &str = "vigie_csrf";
pub const SESSION_COOKIE: &str = "vigie_session";
/// Signed entries of the accounts that logged in from this browser (sent to `/login` only).
pub const DEVICE_COOKIE: &str = "vigie_device";

/// What a handler knows about the request before anything else.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub tr: Tr,
    /// The CSRF token to put in this page's forms.
    pub csrf: String,
    /// The client's address, for throttling only; never stored.
    pub client: String,
    /// The request path, for the language switcher (only for GET requests).
    pub switch_path: String,
    pub secure_cookies: bool,
    /// The limits on files, which the forms with a file picker name.
    pub upload_limits: crate::uploads::UploadLimits,
}

impl Ctx {
    pub fn lang(&self) -> Lang {
        self.tr.lang()
    }

    /// A cookie with the attributes every Vigie cookie carries.
    pub fn cookie(&self, name: &'static str, value: String) -> Cookie<'static> {
        Cookie::build((name, value))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure_cookies)
            .build()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        parts.extensions.get::<Ctx>().cloned().ok_or_else(|| WebError::Internal("context middleware missing".into()))
    }
}

fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?.split('&').find_map(|kv| kv.strip_prefix("lang=")).and_then(Lang::from_tag)
}

fn client_address(req: &Request, behind_proxy: bool) -> String {
    if behind_proxy {
        // The proxy appends the address it saw; earlier entries are the client's word.
        let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        if let Some(last) = forwarded.and_then(|v| v.rsplit(',').next()).map(str::trim).filter(|s| !s.is_empty()) {
            return last.to_owned();
        }
    }
    req.extensions().get::<ConnectInfo<SocketAddr>>().map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

pub fn csrf_token(key: &[u8; 32], seed: &str) -> String {
    URL_SAFE_NO_PAD.encode(vigie_crypto::token::hmac_sha256(key, seed.as_bytes()))
}

pub async fn middleware(State(app): State<AppState>, mut req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let from_query = query_lang(req.uri().query());
    let lang = from_query
        .or_else(|| jar.get(LANG_COOKIE).and_then(|c| Lang::from_tag(c.value())))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::DEFAULT);
    let existing_seed = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() >= 32);
    let seed = existing_seed.clone().unwrap_or_else(vigie_crypto::token::new_token);
    let is_get = req.method() == axum::http::Method::GET;
    let path = req.uri().path().to_owned();
    let ctx = Ctx {
        tr: Tr(lang),
        csrf: csrf_token(&app.csrf_key, &seed),
        client: client_address(&req, app.config.behind_tls_proxy),
        switch_path: if is_get { path.clone() } else { "/".into() },
        secure_cookies: app.config.behind_tls_proxy,
        upload_limits: app.config.uploads,
    };
    req.extensions_mut().insert(ctx.clone());

    let mut response = next.run(req).await;

    let is_api = path.starts_with("/api/");
    if let Some(page) = error_response(&ctx, &response, is_api) {
        response = page;
    }
    let mut cookies = Vec::new();
    if existing_seed.is_none() {
        cookies.push(ctx.cookie(CSRF_COOKIE, seed).encoded().to_string());
    }
    if let Some(l) = from_query {
        let secure = if ctx.secure_cookies { "; Secure" } else { "" };
        cookies.push(format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", l.code()));
    }
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    security_headers(response.headers_mut(), &path, app.config.behind_tls_proxy);
    if !is_api {
        response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    }
    app.metrics.response(response.status().as_u16());
    response
}

/// Turns an error status into the friendly page (or JSON body) it deserves.
fn error_response(ctx: &Ctx, response: &Response, is_api: bool) -> Option<Response> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    let info = match response.extensions().get::<ErrorInfo>() {
        Some(info) => info.clone(),
        None => {
            // Responses a handler rendered itself (a form with its errors) stay as they are.
            let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
            if content_type.starts_with("text/html") || content_type.starts_with("application/json") {
                return None;
            }
            generic_info(status)
        }
    };
    let mut out = if is_api {
        let message = ctx.tr.t(&info.message_key);
        let mut error = serde_json::json!({ "code": info.code, "message": message });
        if let Some(field) = info.field {
            error["field"] = field.into();
        }
        if let Some(detail) = &info.detail {
            error["detail"] = detail.as_str().into();
        }
        (status, axum::Json(serde_json::json!({ "error": error }))).into_response()
    } else {
        (status, crate::pages::errors::page(ctx, status, &info)).into_response()
    };
    if let Some(v) = info.retry_after_secs.and_then(|secs| HeaderValue::from_str(&secs.to_string()).ok()) {
        out.headers_mut().insert(header::RETRY_AFTER, v);
    }
    if let Some(allow) = response.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    Some(out)
}

fn generic_info(status: axum::http::StatusCode) -> ErrorInfo {
    use axum::http::StatusCode as S;
    let (code, message_key) = match status {
        S::NOT_FOUND => ("not_found", "error-not-found"),
        S::METHOD_NOT_ALLOWED => ("method_not_allowed", "error-method"),
        S::PAYLOAD_TOO_LARGE => ("too_large", "error-too-large"),
        S::UNAUTHORIZED => ("unauthorized", "error-unauthorized"),
        S::FORBIDDEN => ("forbidden", "error-forbidden"),
        s if s.is_client_error() => ("bad_request", "error-bad-request"),
        _ => ("internal", "error-internal"),
    };
    ErrorInfo { code, message_key: message_key.into(), field: None, retry_after_secs: None, detail: None }
}

/// No script at all, no framing, no referrer, no sniffing; HSTS behind TLS. Nothing is
/// cached but the stylesheet: pages may show who reported what.
fn security_headers(h: &mut HeaderMap, path: &str, tls: bool) {
    let set = |h: &mut HeaderMap, name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    // A handler may set a stricter policy of its own (file downloads are sandboxed).
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    ));
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    set(h, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(h, HeaderName::from_static("cross-origin-resource-policy"), "same-origin");
    if tls {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains");
    }
    if path.starts_with("/static/") {
        set(h, header::CACHE_CONTROL, "public, max-age=86400");
    } else {
        set(h, header::CACHE_CONTROL, "no-store");
    }
}
