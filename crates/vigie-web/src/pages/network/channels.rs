//! `/alerts/channels`: where a person's alerts go (e-mail addresses, webhooks, Matrix
//! rooms), a test alert per channel, and the unsubscribe link every e-mail carries.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::Actor;
use vigie_core::network::{ChannelId, ChannelKind, ChannelTarget};

use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{NoFields, csrf, notice};
use crate::pages::layout::page;
use crate::state::AppState;

async fn channels_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    shown_once: Option<Markup>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let channels = app.network.channels(actor).await?;
    let body = html! {
        h1 { (tr.t("channels-title")) }
        p.muted { (tr.t("channels-explain")) " " a href="/alerts/topics" { (tr.t("channels-topics-link")) } }
        @if let Some(m) = shown_once { (m) }
        @if channels.is_empty() { p { (tr.t("channels-none")) } }
        table {
            tbody {
                @for (row, target) in &channels {
                    tr {
                        td { (tr.t(&format!("channel-{}", row.kind.code()))) }
                        td { bdi { (row.label) } }
                        td dir="ltr" { code { (target.shown()) } }
                        td dir="ltr" { (when(row.created_at)) }
                        td {
                            form.inline method="post" action=(format!("/alerts/channels/{}/test", row.id)) {
                                (csrf(ctx)) button type="submit" { (tr.t("channels-test")) } }
                            " "
                            form.inline method="post" action=(format!("/alerts/channels/{}/delete", row.id)) {
                                (csrf(ctx)) button type="submit" { (tr.t("channels-delete")) } }
                        }
                    }
                }
            }
        }
        h2 { (tr.t("channels-add")) }
        form method="post" action="/alerts/channels" {
            (csrf(ctx))
            div.field { label for="f-kind" { (tr.t("channels-kind")) }
                select id="f-kind" name="kind" { @for k in ChannelKind::ALL {
                    option value=(k.code()) { (tr.t(&format!("channel-{}", k.code()))) } } } }
            div.field { label for="f-address" { (tr.t("channels-address")) }
                small.hint { (tr.t("channels-address-hint")) }
                input id="f-address" name="address" type="text" required maxlength="500" dir="ltr"; }
            div.field { label for="f-label" { (tr.t("channels-label")) }
                input id="f-label" name="label" type="text" maxlength="80"; }
            button type="submit" { (tr.t("channels-add")) }
        }
        p.muted { (tr.t("channels-what-alerts-say")) }
    };
    Ok(page(ctx, Some(actor), &tr.t("channels-title"), body).into_response())
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    channels_page(&app, &ctx, &actor, None).await
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    label: String,
}

pub async fn add(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(f): CsrfForm<AddForm>,
) -> Result<Response, WebError> {
    let kind = ChannelKind::parse(&f.kind).ok_or(WebError::BadRequest)?;
    let (_, target) = app.network.add_channel(&actor, kind, &f.address, &f.label).await?;
    // A webhook's secret is shown once: the receiver needs it to check signatures.
    match target {
        ChannelTarget::Webhook { secret, .. } => {
            let shown = html! {
                (notice("ok", &ctx.tr.t("channels-secret-once")))
                p { code dir="ltr" { (secret) } }
            };
            channels_page(&app, &ctx, &actor, Some(shown)).await
        }
        _ => Ok(Redirect::to("/alerts/channels").into_response()),
    }
}

pub async fn delete(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    app.network.delete_channel(&actor, ChannelId(id)).await?;
    Ok(Redirect::to("/alerts/channels").into_response())
}

pub async fn test(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    app.network.test_channel(&actor, ChannelId(id)).await?;
    channels_page(&app, &ctx, &actor, Some(notice("ok", &ctx.tr.t("channels-test-queued")))).await
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    t: String,
}

/// The unsubscribe link asks before it acts: mail scanners open links.
pub async fn unsubscribe_form(ctx: Ctx, Path(id): Path<i64>, Query(q): Query<TokenQuery>) -> Response {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("unsubscribe-title")) }
        form method="post" action=(format!("/alerts/unsubscribe/{id}")) {
            input type="hidden" name="t" value=(q.t);
            button type="submit" { (tr.t("unsubscribe-confirm")) }
        }
    };
    page(&ctx, None, &tr.t("unsubscribe-title"), body).into_response()
}

pub async fn unsubscribe(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<TokenQuery>,
) -> Result<Response, WebError> {
    app.network.unsubscribe(ChannelId(id), &f.t).await?;
    let tr = ctx.tr;
    let body = html! { h1 { (tr.t("unsubscribe-title")) } (notice("ok", &tr.t("unsubscribe-done"))) };
    Ok(page(&ctx, None, &tr.t("unsubscribe-title"), body).into_response())
}
