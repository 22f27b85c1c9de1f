//! Acknowledging a page: one click on the case page, or the signed link an alert
//! carries (`/pages/{id}/ack?t=…`), which works without logging in, from a phone, and
//! asks before it acts (mail scanners open links). Either stops the paging of the
//! case and is written in its history.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use vigie_core::CaseId;
use vigie_core::cases::RapidEvent;

use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::{NoFields, notice};
use crate::pages::layout::page;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    t: String,
}

pub async fn confirm(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, WebError> {
    let row = app.network.page_for_link(id, &q.t).await?;
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t_with("ack-title", &[("id", &row.case.to_string())])) }
        @if row.acknowledged_at.is_some() {
            (notice("ok", &tr.t("ack-already")))
        } @else {
            p { (tr.t("ack-explain")) }
            form method="post" action=(format!("/pages/{id}/ack")) {
                input type="hidden" name="t" value=(q.t);
                button type="submit" { (tr.t("ack-button")) }
            }
        }
        p { a href=(format!("/cases/{}", row.case)) { (tr.t("alert-open-case")) } }
    };
    Ok(page(&ctx, None, &tr.t("ack-button"), body).into_response())
}

pub async fn by_link(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<TokenQuery>,
) -> Result<Response, WebError> {
    let (row, answered) = app.network.acknowledge_by_link(id, &f.t).await?;
    if answered > 0 {
        app.cases.record_rapid_response(row.case, Some(row.user), RapidEvent::Acknowledged, "link").await?;
    }
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t_with("ack-title", &[("id", &row.case.to_string())])) }
        (notice("ok", &tr.t("ack-done")))
        p { a href=(format!("/cases/{}", row.case)) { (tr.t("alert-open-case")) } }
    };
    Ok(page(&ctx, None, &tr.t("ack-button"), body).into_response())
}

pub async fn on_case(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    let case = CaseId(id);
    if app.network.acknowledge(&actor, case).await? > 0 {
        app.cases.record_rapid_response(case, Some(actor.user.id), RapidEvent::Acknowledged, "").await?;
    }
    Ok(Redirect::to(&format!("/cases/{id}")).into_response())
}
