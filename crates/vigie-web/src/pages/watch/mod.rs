//! `/watch`: the network watch. The countries measured, the events still open, and per
//! country its current state, the chart of its signals with the events shaded, and the
//! targets blocked in each network.

mod alerts;
pub(crate) mod chart;
mod probes;

pub use alerts::{alerts_atom, alerts_json, alerts_page, subscribe};
pub use probes::{new_token, probes_page, revoke_probe, save_targets};

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::policy;
use vigie_core::watch::records::WatchEventRow;
use vigie_core::watch::{BlockingStateName, EventKind, TargetStatus};

use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::cases::when;
use crate::pages::forms::csrf;
use crate::pages::layout::page as layout;
use crate::state::AppState;

pub(crate) fn kind_label(tr: Tr, kind: EventKind) -> String {
    tr.t(&format!("watch-kind-{}", kind.as_str()))
}

/// What an event is about, in words: the network and target, or the region.
pub(crate) fn event_subject(tr: Tr, e: &WatchEventRow) -> String {
    let mut parts = vec![e.country.clone()];
    if let Some(asn) = e.asn {
        parts.push(format!("AS{asn}"));
    }
    if let Some(target) = &e.target {
        parts.push(target.clone());
    }
    if let Some(layer) = e.layer {
        parts.push(format!("({})", tr.t(&format!("watch-layer-{}", layer.as_str()))));
    }
    parts.join(" · ")
}

pub(crate) fn events_table(tr: Tr, events: &[WatchEventRow]) -> Markup {
    html! {
        table.events {
            thead { tr {
                th { (tr.t("watch-event-kind")) } th { (tr.t("watch-event-subject")) } th { (tr.t("watch-event-start")) }
                th { (tr.t("watch-event-end")) } th { (tr.t("watch-event-severity")) }
            } }
            tbody {
                @for e in events {
                    tr.open[e.end.is_none()] id={ "event-" (e.id) } {
                        td { (kind_label(tr, e.kind)) }
                        td { bdi { (event_subject(tr, e)) } }
                        td dir="ltr" { (when(e.start)) }
                        td dir="ltr" { @match e.end { Some(end) => { (when(end)) } None => { strong { (tr.t("watch-ongoing")) } } } }
                        td dir="ltr" { (format!("{:.1}", e.severity)) }
                    }
                }
            }
        }
    }
}

pub async fn index(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let countries = app.watch.countries(&actor).await?;
    let open: Vec<WatchEventRow> =
        app.watch.open_events(&actor).await?.into_iter().filter(|e| e.end.is_none()).collect();
    let body = html! {
        h1 { (tr.t("watch-title")) }
        p { (tr.t("watch-intro")) }
        p {
            a href="/alerts" { (tr.t("alerts-title")) } " · "
            a href="/disruptions" { (tr.t("disruptions-title")) }
            @if policy::can_manage_watch(actor.role()) { " · " a href="/watch/probes" { (tr.t("probes-title")) } }
        }
        @if policy::can_manage_watch(actor.role()) {
            form method="post" action="/watch/refresh" {
                (csrf(&ctx))
                button type="submit" { (tr.t("watch-refresh")) }
                " " small.hint { (tr.t("watch-refresh-hint")) }
            }
        }
        h2 { (tr.t("watch-open-events")) }
        @if open.is_empty() { p { (tr.t("watch-no-open-events")) } } @else { (events_table(tr, &open)) }
        h2 { (tr.t("watch-countries")) }
        @if countries.is_empty() {
            p { (tr.t("watch-no-data")) }
        } @else {
            table.countries {
                thead { tr { th { (tr.t("watch-country")) } th { (tr.t("watch-measurements")) } th { (tr.t("watch-last-hour")) } } }
                tbody {
                    @for c in &countries {
                        tr {
                            td { a href={ "/watch/" (c.country) } { (c.country) } }
                            td dir="ltr" { (c.measurements) }
                            td dir="ltr" { (when(c.last_hour)) }
                        }
                    }
                }
            }
        }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("watch-title"), body).into_response())
}

fn state_label(tr: Tr, s: BlockingStateName) -> String {
    tr.t(match s {
        BlockingStateName::Reachable => "watch-state-reachable",
        BlockingStateName::Blocked => "watch-state-blocked",
        BlockingStateName::InsufficientData => "watch-state-insufficient",
    })
}

pub async fn country(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let code = vigie_core::watch::service::parse_country(&code).map_err(|_| WebError::NotFound)?;
    let view = app.watch.country(&actor, &code).await?;
    let open: Vec<&WatchEventRow> = view.events.iter().filter(|e| e.end.is_none()).collect();
    let mut blocked: Vec<&TargetStatus> =
        view.picture.targets.iter().filter(|t| t.state == BlockingStateName::Blocked || t.blocked > 0).collect();
    blocked.sort_by_key(|t| (t.asn, std::cmp::Reverse(t.blocked), t.target.clone()));
    let shades: Vec<chart::Shade> =
        view.events.iter().map(|e| chart::Shade { kind: e.kind, start: e.start, end: e.end }).collect();
    let title = tr.t_with("watch-country-title", &[("country", &code)]);
    let state = if open.iter().any(|e| e.kind == EventKind::Outage) {
        "watch-now-outage"
    } else if !open.is_empty() {
        "watch-now-interference"
    } else if view.picture.hours.is_empty() {
        "watch-now-no-data"
    } else {
        "watch-now-normal"
    };
    let body = html! {
        h1 { (title) }
        p.state { strong { (tr.t(state)) } }
        p.muted { a href="/watch" { (tr.t("watch-title")) } " · " a href={ "/disruptions?country=" (code) } { (tr.t("disruptions-title")) } }
        h2 { (tr.t("watch-open-events")) }
        @if open.is_empty() {
            p { (tr.t("watch-no-open-events")) }
        } @else {
            (events_table(tr, &open.iter().map(|e| (*e).clone()).collect::<Vec<_>>()))
        }
        h2 { (tr.t("watch-signals")) }
        (chart::svg(tr, &view.picture.hours, &shades))
        h2 { (tr.t("watch-blocked-targets")) }
        @if blocked.is_empty() {
            p { (tr.t("watch-no-blocked-targets")) }
        } @else {
            table.targets {
                thead { tr {
                    th { (tr.t("watch-asn")) } th { (tr.t("watch-test")) } th { (tr.t("watch-target")) } th { (tr.t("watch-state")) }
                    th { (tr.t("watch-layer")) } th { (tr.t("watch-blocked-of")) } th { (tr.t("watch-last-hour")) }
                } }
                tbody {
                    @for t in &blocked {
                        tr {
                            td dir="ltr" { "AS" (t.asn) }
                            td dir="ltr" { (t.test_name) }
                            td { bdi { (t.target) } }
                            td { (state_label(tr, t.state)) }
                            td { @if let Some(l) = t.layer { (tr.t(&format!("watch-layer-{}", l.as_str()))) } }
                            td dir="ltr" { (t.blocked) " / " (t.measurements) }
                            td dir="ltr" { (when(t.last_hour)) }
                        }
                    }
                }
            }
        }
        h2 { (tr.t("watch-all-events")) }
        @if view.events.is_empty() { p { (tr.t("watch-no-events")) } } @else { (events_table(tr, &view.events)) }
    };
    Ok(layout(&ctx, Some(&actor), &title, body).into_response())
}

#[derive(Deserialize)]
pub struct Nothing {}

/// Runs detection for every country now (coordinators and admins), then shows the watch.
pub async fn refresh(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    crate::auth::require(policy::can_manage_watch(actor.role()))?;
    app.refresh_watch().await?;
    Ok(Redirect::to("/watch").into_response())
}
