//! One error type for every handler. A handler returns it; the context middleware turns
//! it into a friendly HTML page in the visitor's language, or into the API's JSON error
//! (`{"error": {"code", "message"}}`) under `/api/`. Internal errors are logged with
//! their chain and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vigie_core::DomainError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    /// The public channel before the first organization exists.
    #[error("this instance is not set up yet")]
    NotSetUp,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    LoginRequired,
    #[error("API token required")]
    Unauthorized,
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("malformed form or body")]
    BadRequest,
    #[error("request body too large")]
    TooLarge,
    #[error("the organization key is locked in this session")]
    KeyLocked,
    #[error("too many attempts")]
    Throttled { retry_after_secs: i64 },
    #[error("invalid {field}")]
    Invalid { field: &'static str, problem: vigie_core::Problem },
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("this action is not possible in the case's current status")]
    Transition,
    #[error("internal error: {0}")]
    Internal(String),
    /// A page to capture could not be fetched (the reason is logged, not sent).
    #[error("capture failed: {0}")]
    Upstream(String),
    /// A MISP event, STIX bundle or peer bundle refused: `code` names why (its message
    /// is translated), `detail` says where, in the reader's English.
    #[error("import refused: {detail}")]
    Import { code: &'static str, detail: String },
}

/// What the middleware needs to render an error: a stable code and a translation key.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub message_key: String,
    pub field: Option<&'static str>,
    pub retry_after_secs: Option<i64>,
    /// What exactly is wrong, when the message alone does not say (an import's place).
    pub detail: Option<String>,
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::NotSetUp => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::LoginRequired | WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::BadRequest => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::KeyLocked => StatusCode::CONFLICT,
            WebError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict(_) | WebError::Transition => StatusCode::CONFLICT,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Upstream(_) => StatusCode::BAD_GATEWAY,
            WebError::Import { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        let (code, message_key) = match self {
            WebError::NotFound => ("not_found", "error-not-found"),
            WebError::NotSetUp => ("not_set_up", "not-set-up-explain"),
            WebError::Forbidden => ("forbidden", "error-forbidden"),
            WebError::LoginRequired | WebError::Unauthorized => ("unauthorized", "error-unauthorized"),
            WebError::Csrf => ("csrf", "error-csrf"),
            WebError::BadRequest => ("bad_request", "error-bad-request"),
            WebError::TooLarge => ("too_large", "error-too-large"),
            WebError::KeyLocked => ("key_locked", "error-key-locked"),
            WebError::Throttled { .. } => ("throttled", "error-throttled"),
            WebError::Internal(_) => ("internal", "error-internal"),
            WebError::Upstream(_) => ("capture_failed", "error-capture-failed"),
            WebError::Transition => ("invalid_transition", "case-transition-refused"),
            WebError::Invalid { field, problem } => {
                return ErrorInfo {
                    code: "invalid",
                    message_key: format!("problem-{}", problem.code()),
                    field: Some(field),
                    retry_after_secs: None,
                    detail: None,
                };
            }
            WebError::Conflict(what) => {
                let key = match *what {
                    "username" => "conflict-username",
                    "organization slug" => "conflict-slug",
                    _ => "conflict-other",
                };
                return ErrorInfo {
                    code: "conflict",
                    message_key: key.into(),
                    field: None,
                    retry_after_secs: None,
                    detail: None,
                };
            }
            WebError::Import { code, detail } => {
                return ErrorInfo {
                    code: "import_refused",
                    message_key: format!("import-refused-{code}"),
                    field: None,
                    retry_after_secs: None,
                    detail: Some(detail.clone()),
                };
            }
        };
        let retry_after_secs = match self {
            WebError::Throttled { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        ErrorInfo { code, message_key: message_key.into(), field: None, retry_after_secs, detail: None }
    }
}

impl From<DomainError> for WebError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::NotFound => WebError::NotFound,
            DomainError::Forbidden => WebError::Forbidden,
            DomainError::BadCredentials => WebError::Unauthorized,
            DomainError::Throttled { retry_after_secs } => WebError::Throttled { retry_after_secs },
            DomainError::Invalid { field, problem } => WebError::Invalid { field, problem },
            DomainError::Conflict(what) => WebError::Conflict(what),
            DomainError::BadSetupToken | DomainError::AlreadySetUp => WebError::BadRequest,
            DomainError::KeyLocked => WebError::KeyLocked,
            DomainError::Transition { .. } => WebError::Transition,
            DomainError::Import(e) => WebError::Import { code: e.code(), detail: e.to_string() },
            DomainError::Escalation(e) => match e.field_problem() {
                Some((field, problem)) => WebError::Invalid { field, problem },
                None => WebError::Transition,
            },
            other => WebError::Internal(other.to_string()),
        }
    }
}

/// An escalation refused: the field's problem (422) or a step the status refuses (409).
impl From<vigie_core::escalation::EscalationError> for WebError {
    fn from(e: vigie_core::escalation::EscalationError) -> Self {
        DomainError::from(e).into()
    }
}

/// What a store error means to a client: a missing row is a 404, a refused write a 409;
/// anything else is internal (logged with the store's message, never shown).
impl From<vigie_core::StoreError> for WebError {
    fn from(e: vigie_core::StoreError) -> Self {
        DomainError::from(e).into()
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Internal(detail) = &self {
            tracing::error!(error = %detail, "internal error");
        }
        if let WebError::Upstream(detail) = &self {
            tracing::info!(reason = %detail, "a capture failed");
        }
        if matches!(self, WebError::LoginRequired) {
            return Redirect::to("/login").into_response();
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self.info());
        response
    }
}
