//! `/watch/probes`: the network's own probes. Coordinators and admins see the probes
//! and edit the list of targets they measure; admins issue enrolment tokens (shown once)
//! and revoke probes.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::policy;

use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{csrf, domain_message, notice};
use crate::pages::layout::page as layout;
use crate::state::AppState;

async fn render(
    app: &AppState,
    ctx: &Ctx,
    actor: &vigie_core::Actor,
    targets_text: Option<&str>,
    message: Option<Markup>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let probes = app.watch.probes(actor).await?;
    let targets = app.watch.targets(actor).await?.join("\n");
    let body = html! {
        h1 { (tr.t("probes-title")) }
        p { (tr.t("probes-intro")) }
        @if let Some(m) = message { (m) }
        h2 { (tr.t("probes-targets")) }
        form method="post" action="/watch/targets" {
            (csrf(ctx))
            label for="targets" { (tr.t("probes-targets-label")) }
            textarea #targets name="targets" rows="12" dir="ltr" { (targets_text.unwrap_or(&targets)) }
            small.hint { (tr.t("probes-targets-hint")) }
            button type="submit" { (tr.t("probes-targets-save")) }
        }
        h2 { (tr.t("probes-enrolled")) }
        @if probes.is_empty() {
            p { (tr.t("probes-none")) }
        } @else {
            table.probes {
                thead { tr {
                    th { "#" }
                    th { (tr.t("probe-name")) }
                    th { (tr.t("probe-enrolled-at")) }
                    th { (tr.t("probe-last-seen")) }
                    th {}
                } }
                tbody {
                    @for p in &probes {
                        tr {
                            td dir="ltr" { (p.id) }
                            td { bdi { (p.name) } }
                            td dir="ltr" { (when(p.enrolled_at)) }
                            td dir="ltr" { @if let Some(t) = p.last_seen { (when(t)) } }
                            td {
                                @if let Some(t) = p.revoked_at {
                                    (tr.t("probe-revoked")) " " span dir="ltr" { (when(t)) }
                                } @else if policy::can_enrol_probes(actor.role()) {
                                    form.inline method="post" action={ "/watch/probes/" (p.id) "/revoke" } {
                                        (csrf(ctx))
                                        button type="submit" { (tr.t("probe-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if policy::can_enrol_probes(actor.role()) {
            h2 { (tr.t("probes-enrol")) }
            p { (tr.t("probes-enrol-hint")) }
            form method="post" action="/watch/probes/token" {
                (csrf(ctx))
                button type="submit" { (tr.t("probes-new-token")) }
            }
        }
    };
    Ok(layout(ctx, Some(actor), &tr.t("probes-title"), body))
}

pub async fn probes_page(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_manage_watch(actor.role()))?;
    Ok(render(&app, &ctx, &actor, None, None).await?.into_response())
}

#[derive(Deserialize)]
pub struct TargetsForm {
    #[serde(default)]
    targets: String,
}

pub async fn save_targets(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<TargetsForm>,
) -> Result<Response, WebError> {
    require(policy::can_manage_watch(actor.role()))?;
    match app.watch.set_targets(&actor, &form.targets).await {
        Ok(_) => Ok(Redirect::to("/watch/probes").into_response()),
        Err(e @ vigie_core::DomainError::Invalid { .. }) => {
            let message = notice("error", &domain_message(ctx.tr, &e));
            let page = render(&app, &ctx, &actor, Some(&form.targets), Some(message)).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct Nothing {}

/// A new enrolment token, shown once on the page (admins).
pub async fn new_token(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    require(policy::can_enrol_probes(actor.role()))?;
    let token = app.watch.new_enrolment_token(&actor).await?;
    let tr = ctx.tr;
    let message = html! {
        div.notice.ok role="status" {
            p { (tr.t("probes-token-once")) }
            p { code.token dir="ltr" { (token) } }
            p { (tr.t("probes-token-command")) }
            pre dir="ltr" { "vigie probe enrol --server URL --token " (token) " --name NAME" }
        }
    };
    Ok(render(&app, &ctx, &actor, None, Some(message)).await?.into_response())
}

pub async fn revoke_probe(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    app.watch.revoke_probe(&actor, id).await?;
    Ok(Redirect::to("/watch/probes").into_response())
}
