//! `/admin/jobs`: the durable queue as an admin reads it (queued, retrying, running and
//! dead jobs, with their errors), retry and discard of dead ones, and the latest
//! deliveries with what each receiver answered.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use vigie_core::policy;
use vigie_core::store::{JobId, JobState};

use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{NoFields, csrf};
use crate::pages::layout::page;
use crate::state::AppState;

/// Most rows of each list.
const LIST: u32 = 100;

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_manage_jobs(actor.role()))?;
    let tr = ctx.tr;
    let counts = app.jobs.job_counts().await.map_err(vigie_core::DomainError::from)?;
    let mut lists = Vec::new();
    for state in JobState::ALL {
        lists.push((state, app.jobs.jobs(state, LIST).await.map_err(vigie_core::DomainError::from)?));
    }
    let deliveries = app.network.deliveries(&actor, None, LIST).await?;
    let body = html! {
        h1 { (tr.t("jobs-title")) }
        p.muted { (tr.t("jobs-explain")) }
        dl {
            dt { (tr.t("jobs-pending")) } dd { (counts.pending) }
            dt { (tr.t("jobs-running")) } dd { (counts.running) }
            dt { (tr.t("jobs-dead")) } dd { (counts.dead) }
        }
        @for (state, jobs) in &lists {
            h2 { (tr.t(&format!("jobs-{}", state.as_str()))) }
            @if jobs.is_empty() { p.muted { "—" } } @else {
                table {
                    thead { tr { th { "#" } th { (tr.t("jobs-kind")) } th { (tr.t("jobs-run-at")) }
                        th { (tr.t("jobs-attempts")) } th { (tr.t("jobs-error")) }
                            @if *state == JobState::Dead { th {} } } }
                    tbody { @for j in jobs {
                        tr {
                            td { (j.id) } td dir="ltr" { code { (j.kind) } } td dir="ltr" { (when(j.run_at)) }
                            td { (j.attempts) @if *state == JobState::Pending && j.attempts > 0 { " "
                                (tr.t("jobs-retrying")) } }
                            td dir="ltr" { (j.last_error.as_deref().unwrap_or("")) }
                            @if *state == JobState::Dead {
                                td {
                                    form.inline method="post" action=(format!("/admin/jobs/{}/requeue", j.id)) {
                                        (csrf(&ctx)) button type="submit" { (tr.t("jobs-retry")) } }
                                    " "
                                    form.inline method="post" action=(format!("/admin/jobs/{}/discard", j.id)) {
                                        (csrf(&ctx)) button type="submit" { (tr.t("jobs-discard")) } }
                                }
                            }
                        }
                    } }
                }
            }
        }
        h2 { (tr.t("jobs-deliveries")) }
        table {
            thead { tr { th { (tr.t("jobs-delivery-key")) } th { (tr.t("channels-kind")) } th { (tr.t("jobs-state")) }
                th { (tr.t("jobs-attempts")) } th { (tr.t("jobs-answer")) } th { (tr.t("jobs-updated")) } } }
            tbody { @for d in &deliveries {
                tr {
                    td dir="ltr" { code { (d.key) } } td { (tr.t(&format!("channel-{}", d.kind.code()))) }
                    td { (tr.t(&format!("delivery-{}", d.state.code()))) } td { (d.attempts) }
                    td dir="ltr" { (d.last_answer) } td dir="ltr" { (when(d.updated_at)) }
                }
            } }
        }
    };
    Ok(page(&ctx, Some(&actor), &tr.t("jobs-title"), body).into_response())
}

pub async fn requeue(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    require(policy::can_manage_jobs(actor.role()))?;
    let now = app.accounts.now();
    app.jobs.requeue(JobId(id), now, now).await.map_err(vigie_core::DomainError::from)?;
    Ok(Redirect::to("/admin/jobs").into_response())
}

pub async fn discard(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    require(policy::can_manage_jobs(actor.role()))?;
    app.jobs.discard(JobId(id)).await.map_err(vigie_core::DomainError::from)?;
    Ok(Redirect::to("/admin/jobs").into_response())
}
