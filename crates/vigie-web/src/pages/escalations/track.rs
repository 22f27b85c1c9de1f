//! `/escalations/{id}`: one escalation, its items and their outcomes, the narrative
//! (opened with the session's key), and the forms its status allows: mark sent (with
//! the platform's reference), acknowledged, decided (an outcome per item with the
//! platform's words), closed, and a re-escalation or an appeal once decided.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::escalation::{
    Channel, EscalationAction, EscalationId, Event, FollowUp, ItemKind, LinkKind, Outcome, OutcomeKind,
    PlatformReference, allowed,
};
use vigie_core::{Actor, DomainError, Timestamp};

use super::{
    category_label, channel_label, form_time, options, outcome_label, platform_label, refusal, severity_label,
    shown_on_form, status_label,
};
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{csrf, notice};
use crate::pages::layout::page as layout;
use crate::state::AppState;

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    Ok(page(&app, &ctx, &actor, EscalationId(id), None).await?.into_response())
}

#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    at: String,
    #[serde(default)]
    reference: String,
}

fn reference(raw: &str) -> Result<Option<PlatformReference>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    PlatformReference::parse(raw)
        .map(Some)
        .map_err(|problem| vigie_core::escalation::EscalationError::Text { field: "reference", problem }.into())
}

pub async fn send(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    let now = app.accounts.now();
    let event = form_time("at", &f.at, now).and_then(|at| Ok(Event::Send { at, reference: reference(&f.reference)? }));
    step(&app, &ctx, &actor, EscalationId(id), event).await
}

pub async fn acknowledge(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    let now = app.accounts.now();
    let event =
        form_time("at", &f.at, now).and_then(|at| Ok(Event::Acknowledge { at, reference: reference(&f.reference)? }));
    step(&app, &ctx, &actor, EscalationId(id), event).await
}

pub async fn close(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    let event = form_time("at", &f.at, app.accounts.now()).map(|at| Event::Close { at });
    step(&app, &ctx, &actor, EscalationId(id), event).await
}

/// The decision: fields `outcome-<n>`, `words-<n>` and `at-<n>` for item `n` (from 0).
pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = EscalationId(id);
    let record = app.escalations.escalation(&actor, id).await?;
    let now = app.accounts.now();
    let get = |name: String| pairs.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str());
    let outcomes: Result<Vec<Outcome>, DomainError> = (0..record.escalation.items.len())
        .map(|n| {
            let kind = OutcomeKind::parse(get(format!("outcome-{n}")))?;
            let at = form_time("at", get(format!("at-{n}")), now)?;
            Ok(Outcome::new(kind, at, get(format!("words-{n}")))?)
        })
        .collect();
    step(&app, &ctx, &actor, id, outcomes.map(|outcomes| Event::Decide { outcomes })).await
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    narrative: String,
}

/// A re-escalation or an appeal of the same items: a new draft linked to this one.
pub async fn follow_up(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<FollowForm>,
) -> Result<Response, WebError> {
    let id = EscalationId(id);
    let parent = app.escalations.escalation(&actor, id).await?;
    let follow = LinkKind::parse(&f.kind).and_then(|kind| {
        Ok(FollowUp {
            kind,
            channel: Channel::parse(&f.channel)?,
            items: parent.escalation.items.clone(),
            contexts: parent.contexts.clone(),
            narrative: f.narrative.clone(),
        })
    });
    let r = match follow {
        Ok(follow) => app.escalations.follow_up(&actor, id, follow).await,
        Err(e) => Err(e.into()),
    };
    match r {
        Ok(new) => Ok(Redirect::to(&format!("/escalations/{new}")).into_response()),
        Err(e) => refused(&app, &ctx, &actor, id, e).await,
    }
}

async fn step(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: EscalationId,
    event: Result<Event, DomainError>,
) -> Result<Response, WebError> {
    let r = match event {
        Ok(event) => app.escalations.apply(actor, id, event).await,
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/escalations/{id}")).into_response()),
        Err(e) => refused(app, ctx, actor, id, e).await,
    }
}

/// The page again with the reason (422), or the error page for anything else.
async fn refused(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: EscalationId,
    e: DomainError,
) -> Result<Response, WebError> {
    if !shown_on_form(&e) {
        return Err(e.into());
    }
    let text = refusal(ctx.tr, &e);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page(app, ctx, actor, id, Some(text)).await?).into_response())
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: EscalationId,
    problem: Option<String>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let record = app.escalations.escalation(actor, id).await?;
    let key = app.accounts.org_key(actor);
    let narrative = match &key {
        Some(k) => Some(app.escalations.narrative(actor, Some(k), id).await?),
        None => None,
    };
    let e = &record.escalation;
    let late = vigie_core::escalation::overdue(e, app.accounts.now(), app.escalations.reply_policy());
    let at = |t: Option<Timestamp>| t.map_or("—".to_owned(), when);
    let actions = allowed(e.status);
    let post = |what: &str| format!("/escalations/{id}/{what}");
    let body = html! {
        h1 { (tr.t_with("escalation-title", &[("id", &id.to_string())])) }
        @if let Some(case) = record.case_id {
            @let label = tr.t_with("escalation-of-case", &[("id", &case.to_string())]);
            p { a href={ "/cases/" (case) "#escalations" } { (label) } }
        }
        @if let Some(p) = problem { (notice("error", &p)) }
        @if let Some(o) = late { (notice("error", &tr.t_with("escalation-overdue", &[("due", &when(o.due))]))) }
        dl {
            dt { (tr.t("escalation-platform")) } dd { (platform_label(tr, &e.platform)) }
            dt { (tr.t("escalation-channel")) } dd { (channel_label(tr, e.channel)) }
            dt { (tr.t("escalation-status")) } dd.status { (status_label(tr, e.status)) }
            dt { (tr.t("escalation-field-reference")) }
            dd dir="ltr" { (e.reference.as_ref().map_or("—", |r| r.as_str())) }
            dt { (tr.t("escalation-created-at")) } dd dir="ltr" { (when(e.created_at)) }
            dt { (tr.t("escalation-sent-at")) } dd dir="ltr" { (at(e.sent_at)) }
            dt { (tr.t("escalation-acknowledged-at")) } dd dir="ltr" { (at(e.acknowledged_at)) }
            dt { (tr.t("escalation-decided-at")) } dd dir="ltr" { (at(e.decided_at)) }
            dt { (tr.t("escalation-closed-at")) } dd dir="ltr" { (at(e.closed_at)) }
            @if let Some(link) = &e.link {
                dt { (tr.t(link.kind.translation_key())) }
                dd { a href={ "/escalations/" (link.parent) } { "#" (link.parent) } }
            }
        }
        h2 { (tr.t("escalation-narrative")) }
        @match &narrative {
            Some(n) if !n.is_empty() => { p.text dir="auto" { (n) } }
            Some(_) => { p.muted { "—" } }
            None => { (notice("warn", &tr.t("error-key-locked"))) }
        }
        h2 { (tr.t("escalation-items")) }
        ol.items {
            @for (n, item) in e.items.iter().enumerate() {
                li {
                    strong { (tr.t(item.kind.item_type().translation_key())) } " · "
                    (category_label(tr, item.category)) " · " (severity_label(tr, item.severity))
                    @if let Some(p) = record.contexts.get(n).and_then(|c| c.platform_policy.as_ref()) {
                        " · " bdi { (p.as_str()) }
                    }
                    br; span dir="ltr" { code { (item.kind.locator().1) } }
                    @if let ItemKind::Post { excerpt: Some(x), .. } = &item.kind {
                        br; bdi.text lang=(x.language.as_str()) { (x.text) }
                        @if let Some(t) = &x.translation { br; bdi.text.muted { (t) } }
                    }
                    @if let Some(o) = e.outcomes.get(n) {
                        br; strong.outcome { (outcome_label(tr, o.kind)) } " "
                        small.muted dir="ltr" { (when(o.at)) }
                        @if let Some(w) = &o.platform_words { br; q dir="auto" { (w.as_str()) } }
                    }
                }
            }
        }
        (package_form(ctx, id))
        @if actions.contains(&EscalationAction::Send) { (step_form(ctx, &post("send"), "send", true)) }
        @if actions.contains(&EscalationAction::Acknowledge) {
            (step_form(ctx, &post("acknowledge"), "acknowledge", true))
        }
        @if actions.contains(&EscalationAction::Decide) {
            h2 { (tr.t("escalation-action-decide")) }
            form method="post" action=(post("decide")) {
                (csrf(ctx))
                @for (n, item) in e.items.iter().enumerate() {
                    fieldset {
                        legend { (n + 1) ". " span dir="ltr" { (item.kind.locator().1) } }
                        div.field {
                            label for={ "o-" (n) } { (tr.t("escalation-field-outcome")) }
                            select id={ "o-" (n) } name={ "outcome-" (n) } {
                                (options(OutcomeKind::ALL, None, |o| o.code().into(), |o| outcome_label(tr, o)))
                            }
                        }
                        div.field {
                            label for={ "w-" (n) } { (tr.t("escalation-field-platform_words")) }
                            textarea id={ "w-" (n) } name={ "words-" (n) } dir="auto" rows="2" {}
                        }
                        div.field {
                            label for={ "a-" (n) } { (tr.t("escalation-field-at")) }
                            input id={ "a-" (n) } name={ "at-" (n) } type="datetime-local" dir="ltr";
                        }
                    }
                }
                button type="submit" { (tr.t("escalation-action-decide")) }
            }
        }
        @if actions.contains(&EscalationAction::Close) { (step_form(ctx, &post("close"), "close", false)) }
        @if e.status.can_be_followed_up() {
            h2 { (tr.t("escalation-follow-up")) }
            form method="post" action=(post("follow-up")) {
                (csrf(ctx))
                div.field {
                    label for="f-kind" { (tr.t("escalation-field-kind")) }
                    select id="f-kind" name="kind" {
                        (options(LinkKind::ALL, None, |k| k.code().into(), |k| tr.t(k.translation_key())))
                    }
                }
                div.field {
                    label for="f-channel" { (tr.t("escalation-channel")) }
                    select id="f-channel" name="channel" {
                        (options(Channel::ALL, Some(e.channel), |c| c.code().into(), |c| channel_label(tr, c)))
                    }
                }
                div.field {
                    label for="f-narrative" { (tr.t("escalation-narrative")) }
                    textarea id="f-narrative" name="narrative" dir="auto" rows="4" {}
                }
                button type="submit" { (tr.t("escalation-follow-up-submit")) }
            }
        }
    };
    Ok(layout(ctx, Some(actor), &tr.t_with("escalation-title", &[("id", &id.to_string())]), body))
}

/// A step's form: its time (empty for now) and, for sending and acknowledging, the
/// platform's reference.
fn step_form(ctx: &Ctx, action: &str, code: &str, with_reference: bool) -> Markup {
    let tr = ctx.tr;
    html! {
        h2 { (tr.t(&format!("escalation-action-{code}"))) }
        form method="post" action=(action) {
            (csrf(ctx))
            div.field {
                label for={ (code) "-at" } { (tr.t("escalation-field-at")) }
                small.hint { (tr.t("escalation-at-hint")) }
                input id={ (code) "-at" } name="at" type="datetime-local" dir="ltr";
            }
            @if with_reference {
                div.field {
                    label for={ (code) "-ref" } { (tr.t("escalation-field-reference")) }
                    input id={ (code) "-ref" } name="reference" dir="ltr" maxlength="200";
                }
            }
            button type="submit" { (tr.t(&format!("escalation-action-{code}"))) }
        }
    }
}

/// The package downloads: a plain GET form, one button per format; the narrative goes in
/// only when ticked, and that choice is logged with the package.
fn package_form(ctx: &Ctx, id: EscalationId) -> Markup {
    let tr = ctx.tr;
    let current = ctx.lang();
    html! {
        h2 { (tr.t("escalation-package-heading")) }
        p.muted { (tr.t("escalation-package-help")) }
        form method="get" action={ "/escalations/" (id) "/package.pdf" } {
            div.field {
                label for="p-lang" { (tr.t("escalation-package-language")) }
                select id="p-lang" name="lang" {
                    @for l in crate::i18n::Lang::ALL {
                        option value=(l.code()) lang=(l.code()) selected[l == current] { (l.native_name()) }
                    }
                }
            }
            div.field {
                input type="checkbox" id="p-narrative" name="narrative" value="1";
                " " label for="p-narrative" { (tr.t("escalation-package-include-narrative")) }
            }
            button type="submit" { "PDF" } " "
            button type="submit" formaction={ "/escalations/" (id) "/package.csv" } { "CSV" } " "
            button type="submit" formaction={ "/escalations/" (id) "/package.json" } { "JSON" }
        }
    }
}
