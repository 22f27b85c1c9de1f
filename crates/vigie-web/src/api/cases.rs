//! The help desk's API: the queue, a case, its actions, notes and messages. Callers are
//! API tokens or a logged-in session (a JSON body cannot be sent cross-site without a
//! CORS preflight, and the session cookie is SameSite=Strict). What needs the
//! organization's key (the report, the thread) works only in a session that holds it.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_core::cases::{CaseSummary, ThreadMessage};
use vigie_core::report::SealedReport;
use vigie_core::store::{CaseFilter, CaseSort};
use vigie_core::triage::Severity;
use vigie_core::workflow::{Action, Status};
use vigie_core::{CaseId, UserId};

use crate::auth::AnyCaller;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CaseView {
    pub id: i64,
    pub status: Status,
    pub severity: Severity,
    pub incidents: Vec<String>,
    pub platforms: Vec<String>,
    pub country: Option<String>,
    pub language: String,
    /// Unix seconds.
    pub opened_at: i64,
    pub first_response_due: i64,
    pub resolution_due: i64,
    pub overdue: bool,
    pub assignee_id: Option<i64>,
}

impl From<&CaseSummary> for CaseView {
    fn from(c: &CaseSummary) -> Self {
        Self {
            id: c.id.0,
            status: c.status,
            severity: c.severity,
            incidents: c.incidents.iter().map(|i| i.code().to_owned()).collect(),
            platforms: c.platforms.iter().map(|p| p.code().to_owned()).collect(),
            country: c.country.clone(),
            language: c.language.clone(),
            opened_at: c.opened_at.0,
            first_response_due: c.deadlines.first_response.0,
            resolution_due: c.deadlines.resolution.0,
            overdue: c.overdue,
            assignee_id: c.assignee.map(|u| u.0),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CasePage {
    pub cases: Vec<CaseView>,
    pub total: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MessageView {
    pub from_reporter: bool,
    pub author_id: Option<i64>,
    pub text: String,
    pub at: i64,
}

impl From<&ThreadMessage> for MessageView {
    fn from(m: &ThreadMessage) -> Self {
        Self { from_reporter: m.from_reporter, author_id: m.author.map(|u| u.0), text: m.text.clone(), at: m.at.0 }
    }
}

#[derive(Debug, Deserialize, IntoParams, Default)]
pub struct QueueParams {
    status: Option<String>,
    severity: Option<String>,
    incident: Option<String>,
    platform: Option<String>,
    country: Option<String>,
    language: Option<String>,
    /// `me` or `none`.
    assignee: Option<String>,
    /// `true`: only overdue cases.
    overdue: Option<bool>,
    /// `newest` (default), `oldest`, `severity`, `due`.
    sort: Option<String>,
    /// `shared`: the cases other organizations shared with the caller's.
    scope: Option<String>,
    /// 1-based.
    page: Option<i64>,
    /// Default 50, at most 200.
    per_page: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ActionBody {
    pub action: Action,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SeverityBody {
    pub severity: Severity,
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssigneeBody {
    pub user_id: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TextBody {
    pub text: String,
}

pub(super) fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, WebError> {
    b.map(|Json(v)| v).map_err(|_| WebError::BadRequest)
}

async fn view(app: &AppState, actor: &vigie_core::Actor, id: CaseId) -> Result<Json<CaseView>, WebError> {
    Ok(Json(CaseView::from(&app.cases.summary_for(actor, id).await?)))
}

/// The caller's organization's cases, filtered, sorted and paged.
#[utoipa::path(
    get,
    path = "/api/v1/cases",
    params(QueueParams),
    responses(
        (status = 200, body = CasePage),
        (status = 401, body = super::ErrorBody)
    )
)]
pub async fn list_cases(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Query(p): Query<QueueParams>,
) -> Result<Json<CasePage>, WebError> {
    let per_page = p.per_page.unwrap_or(50).clamp(1, vigie_core::cases::MAX_PAGE);
    let page = p.page.unwrap_or(1).max(1);
    let status = p.status.filter(|s| !s.is_empty());
    let filter = CaseFilter {
        open_only: status.as_deref() == Some("open"),
        status: status.filter(|s| s != "open"),
        severity: p.severity,
        incident: p.incident,
        platform: p.platform,
        country: p.country.map(|c| c.to_ascii_uppercase()),
        language: p.language,
        assignee: (p.assignee.as_deref() == Some("me")).then_some(actor.user.id),
        unassigned: p.assignee.as_deref() == Some("none"),
        overdue_at: p.overdue.unwrap_or(false).then(|| app.accounts.now()),
        sort: match p.sort.as_deref() {
            Some("oldest") => CaseSort::Oldest,
            Some("severity") => CaseSort::Severity,
            Some("due") => CaseSort::Due,
            _ => CaseSort::Newest,
        },
        shared_with_us: p.scope.as_deref() == Some("shared"),
        limit: per_page,
        offset: (page - 1) * per_page,
    };
    let (cases, total) = app.cases.queue(&actor, filter).await?;
    Ok(Json(CasePage { cases: cases.iter().map(CaseView::from).collect(), total }))
}

/// One case of the caller's organization (404 for any other).
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}",
    params(("id" = i64, Path, description = "case id")),
    responses(
        (status = 200, body = CaseView),
        (status = 404, body = super::ErrorBody)
    )
)]
pub async fn get_case(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<CaseView>, WebError> {
    view(&app, &actor, CaseId(id)).await
}

/// The report's sealed fields; needs a session holding the organization's key (409 otherwise).
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/report",
    params(("id" = i64, Path, description = "case id")),
    responses(
        (status = 200, description = "the opened report (JSON)"),
        (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody)
    )
)]
pub async fn get_report(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<SealedReport>, WebError> {
    let key = app.accounts.org_key(&actor);
    Ok(Json(app.cases.open_report(&actor, key.as_ref(), CaseId(id)).await?))
}

#[doc = " Moves the case along the workflow (`triage`, `start`, `await_reporter`, `resolve`, `close`, `close_as_spam`, \
         `close_as_duplicate`, `reopen`)."]
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/actions",
    params(("id" = i64, Path, description = "case id")),
    request_body = ActionBody,
    responses(
        (status = 200, body = CaseView),
        (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody)
    )
)]
pub async fn act(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<ActionBody>, JsonRejection>,
) -> Result<Json<CaseView>, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    let action = body(b)?.action;
    if action == Action::ReporterReplied {
        return Err(WebError::BadRequest);
    }
    app.cases.act(&actor, id, action).await?;
    view(&app, &actor, id).await
}

/// Overrides the severity, with a reason (kept sealed).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/severity",
    params(("id" = i64, Path, description = "case id")),
    request_body = SeverityBody,
    responses(
        (status = 200, body = CaseView),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn set_severity(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<SeverityBody>, JsonRejection>,
) -> Result<Json<CaseView>, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    let b = body(b)?;
    app.cases.set_severity(&actor, id, b.severity, &b.reason).await?;
    view(&app, &actor, id).await
}

/// Assigns the case to a member of the organization, or to nobody (`null`).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/assignee",
    params(("id" = i64, Path, description = "case id")),
    request_body = AssigneeBody,
    responses(
        (status = 200, body = CaseView),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn assign(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<AssigneeBody>, JsonRejection>,
) -> Result<Json<CaseView>, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    let to = body(b)?.user_id.map(UserId);
    app.cases.assign(&actor, id, to).await?;
    if let Some(to) = to {
        crate::notify::assigned(&app, &actor, id, to).await;
    }
    view(&app, &actor, id).await
}

/// Adds an internal note (sealed to the organization; no key needed to write).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/notes",
    params(("id" = i64, Path, description = "case id")),
    request_body = TextBody,
    responses(
        (status = 200, body = CaseView),
        (status = 404, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody)
    )
)]
pub async fn add_note(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<TextBody>, JsonRejection>,
) -> Result<Json<CaseView>, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    app.cases.add_note(&actor, id, &body(b)?.text).await?;
    view(&app, &actor, id).await
}

/// The thread with the reporter; needs a session holding the organization's key.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/messages",
    params(("id" = i64, Path, description = "case id")),
    responses(
        (status = 200, body = [MessageView]),
        (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody)
    )
)]
pub async fn messages(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<MessageView>>, WebError> {
    let key = app.accounts.org_key(&actor);
    let thread = app.cases.thread_for(&actor, key.as_ref(), CaseId(id)).await?;
    Ok(Json(thread.iter().map(MessageView::from).collect()))
}

/// Writes to the reporter; needs a session holding the organization's key.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/messages",
    params(("id" = i64, Path, description = "case id")),
    request_body = TextBody,
    responses(
        (status = 200, body = [MessageView]),
        (status = 404, body = super::ErrorBody),
        (status = 409, body = super::ErrorBody)
    )
)]
pub async fn write(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Path(id): Path<i64>,
    b: Result<Json<TextBody>, JsonRejection>,
) -> Result<Json<Vec<MessageView>>, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    let key = app.accounts.org_key(&actor);
    app.cases.responder_writes(&actor, key.as_ref(), id, &body(b)?.text).await?;
    let thread = app.cases.thread_for(&actor, key.as_ref(), id).await?;
    Ok(Json(thread.iter().map(MessageView::from).collect()))
}
