//! `/peers`, for admins: this instance's public key (what a peer's admin pins) with its
//! fingerprint to compare by phone, the pinned peers with their last pull, a form to pin
//! one (the token to give it is shown once), a pull now, and this instance's signed
//! bundle to download and carry by hand (`/peers/bundle.json`, coordinators too).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::sharing::peer::fingerprint;
use vigie_core::sharing::{PeerForm, PullOutcome};
use vigie_core::{Actor, Role, policy};

use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{NoFields, csrf, notice};
use crate::pages::layout::page;
use crate::state::AppState;

async fn peers_page(app: &AppState, ctx: &Ctx, actor: &Actor, shown: Option<Markup>) -> Result<Response, WebError> {
    require(actor.role() == Role::Admin)?;
    let tr = ctx.tr;
    let peers = app.sharing.peers(actor).await?;
    let body = html! {
        h1 { (tr.t("peers-title")) }
        p.muted { (tr.t("peers-explain")) }
        @if let Some(m) = shown { (m) }
        h2 { (tr.t("peers-own-key")) }
        p { code dir="ltr" { (app.instance_public_key) } }
        p { (tr.t("peers-fingerprint")) " " code dir="ltr" { (fingerprint(&app.instance_public_key)) } }
        p { a href="/peers/bundle.json" download { (tr.t("peers-download")) } " " small.hint { (tr.t("peers-download-hint")) } }
        h2 { (tr.t("peers-pinned")) }
        @if peers.is_empty() { p { (tr.t("peers-none")) } }
        @else {
            table {
                thead { tr { th { (tr.t("peers-name")) } th { (tr.t("peers-fingerprint")) } th { (tr.t("peers-url")) }
                    th { (tr.t("peers-last-pull")) } th {} } }
                tbody { @for p in &peers { tr {
                    td { bdi { (p.name) } }
                    td dir="ltr" { code { (fingerprint(&p.public_key)) } }
                    td dir="ltr" { (p.url.as_deref().unwrap_or("—")) }
                    td {
                        @if let Some(t) = p.last_pulled_at { span dir="ltr" { (when(t)) } " " }
                        @match &p.last_error {
                            Some(e) => { span.error { (tr.t("peers-pull-failed")) } " " code dir="ltr" { (e) } }
                            None if p.last_pulled_at.is_some() => { (tr.t("peers-pull-ok")) }
                            None => {}
                        }
                    }
                    td { form.inline method="post" action=(format!("/peers/{}/delete", p.id)) {
                        (csrf(ctx)) button type="submit" { (tr.t("peers-remove")) } } }
                } } }
            }
            form method="post" action="/peers/pull" { (csrf(ctx)) button type="submit" { (tr.t("peers-pull-now")) } }
        }
        h2 { (tr.t("peers-pin")) }
        form method="post" action="/peers" {
            (csrf(ctx))
            div.field { label for="f-name" { (tr.t("peers-name")) }
                input id="f-name" name="name" type="text" required maxlength="200"; }
            div.field { label for="f-key" { (tr.t("peers-key")) } small.hint { (tr.t("peers-key-hint")) }
                input id="f-key" name="public_key" type="text" required maxlength="60" dir="ltr"; }
            div.field { label for="f-url" { (tr.t("peers-url")) } small.hint { (tr.t("peers-url-hint")) }
                input id="f-url" name="url" type="url" maxlength="500" dir="ltr"; }
            div.field { label for="f-token" { (tr.t("peers-token")) } small.hint { (tr.t("peers-token-hint")) }
                input id="f-token" name="token" type="password" maxlength="200" dir="ltr" autocomplete="off"; }
            button type="submit" { (tr.t("peers-pin")) }
        }
    };
    Ok(page(ctx, Some(actor), &tr.t("peers-title"), body).into_response())
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    peers_page(&app, &ctx, &actor, None).await
}

#[derive(Deserialize)]
pub struct PinForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    public_key: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    token: String,
}

pub async fn pin(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(f): CsrfForm<PinForm>,
) -> Result<Response, WebError> {
    require(actor.role() == Role::Admin)?;
    let form = PeerForm { name: f.name, public_key: f.public_key, url: f.url, token: f.token };
    let pinned = app.sharing.pin_peer(&actor, &form).await?;
    // The token the peer pulls with is shown once: only its hash is kept.
    let shown = html! {
        (notice("ok", &ctx.tr.t("peers-token-once")))
        p { code dir="ltr" { (pinned.pull_token) } }
    };
    peers_page(&app, &ctx, &actor, Some(shown)).await
}

pub async fn remove(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    app.sharing.remove_peer(&actor, id).await?;
    Ok(Redirect::to("/peers").into_response())
}

pub async fn pull(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    require(actor.role() == Role::Admin)?;
    let tr = ctx.tr;
    let outcomes = app.sharing.pull_peers(app.bundle_fetcher.as_ref()).await?;
    let shown = html! { ul { @for (peer, o) in &outcomes { li {
        (peer) " — "
        @match o {
            PullOutcome::Imported(got) => { (tr.t_with("peers-pulled", &[("count", &got.items.len().to_string())])) }
            PullOutcome::NothingNew => { (tr.t("peers-nothing-new")) }
            PullOutcome::Failed(e) => { (tr.t("peers-pull-failed")) " " code dir="ltr" { (e) } }
        }
    } } } };
    peers_page(&app, &ctx, &actor, Some(shown)).await
}

/// This instance's signed bundle, to carry by hand. Coordinators and admins.
pub async fn download(State(app): State<AppState>, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let bytes = app.sharing.own_bundle(&app.instance_key).await?;
    Ok(crate::api::peers::bundle_response(bytes))
}
