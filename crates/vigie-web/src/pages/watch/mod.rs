//! `/watch`: the network watch. The countries measured, the events still open, and per
//! country its current state, the chart of its signals with the events shaded, and the
//! targets blocked in each network.

mod alerts;
pub(crate) mod chart;
mod probes;

pub use alerts::{alerts_atom, alerts_json, alerts_page, subscribe};
pub use probes::{new_token, probes_page, revoke_probe, save_targets};

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::policy;
use vigie_core::watch::disruption::{Date, Written};
use vigie_core::watch::disruptions::{date_of, date_start};
use vigie_core::watch::records::{WatchEventRow, WatchSpanRow};
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
                th { (tr.t("watch-event-kind")) }
                th { (tr.t("watch-event-subject")) }
                th { (tr.t("watch-event-start")) }
                th { (tr.t("watch-event-end")) }
                th { (tr.t("watch-event-severity")) }
            } }
            tbody {
                @for e in events {
                    tr.open[e.end.is_none()] id={ "event-" (e.id) } {
                        td { (kind_label(tr, e.kind)) }
                        td { bdi { (event_subject(tr, e)) } }
                        td dir="ltr" { (when(e.start)) }
                        td dir="ltr" {
                            @match e.end { Some(end) => { (when(end)) } None => { strong { (tr.t("watch-ongoing")) } } }
                        }
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
    let older = app.watch.older_spans(&actor).await?;
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
        @if countries.is_empty() && older.is_empty() {
            p { (tr.t("watch-no-data")) }
        } @else if countries.is_empty() {
            p { (tr.t("watch-no-recent")) }
        } @else {
            table.countries {
                thead { tr {
                    th { (tr.t("watch-country")) }
                    th { (tr.t("watch-measurements")) }
                    th { (tr.t("watch-last-hour")) }
                } }
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
        @if !older.is_empty() {
            p { (tr.t_count("watch-older-stored", older.iter().map(|s| s.measurements).sum::<i64>())) }
            ul.older { @for s in &older { li { (span_link(tr, s, true)) } } }
        }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("watch-title"), body).into_response())
}

/// A link to a country's page over the days of its older measurements (`country` also
/// names the country), and their count when `count`.
fn span_link(tr: Tr, s: &WatchSpanRow, country: bool) -> Markup {
    let (from, to) = (day(s.first_hour), day(s.last_hour));
    html! {
        a href={ "/watch/" (s.country) "?from=" (from) "&to=" (to) } {
            @if country { (s.country) " " } span dir="ltr" { (from) " → " (to) }
        }
        @if country { " · " (tr.t_count("watch-measurements-count", s.measurements)) }
    }
}

fn day(t: vigie_core::Timestamp) -> String {
    date_of(t).map(|d| d.to_string()).unwrap_or_default()
}

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD`: a past period of the country page, both days included.
#[derive(Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
}

impl Period {
    /// `[from, to + 1 day)`, or `None` for the last days; a period that does not read is
    /// refused rather than silently replaced by the recent one.
    fn parse(&self) -> Result<Option<(Date, Date)>, WebError> {
        let read = |s: &str| Written::<Date>::parse(s.trim()).value().copied().ok_or(WebError::BadRequest);
        match (&self.from, &self.to) {
            (None, None) => Ok(None),
            (Some(from), Some(to)) => {
                let (from, to) = (read(from)?, read(to)?);
                if to < from {
                    return Err(WebError::BadRequest);
                }
                Ok(Some((from, to)))
            }
            _ => Err(WebError::BadRequest),
        }
    }
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
    Query(period): Query<Period>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let code = vigie_core::watch::service::parse_country(&code).map_err(|_| WebError::NotFound)?;
    let period = period.parse()?;
    let view = match period {
        Some((from, to)) => {
            app.watch.country_between(&actor, &code, date_start(&from), date_start(&to).plus_secs(24 * 3600)).await?
        }
        None => app.watch.country(&actor, &code).await?,
    };
    // With nothing recent, the older measurements of this country, to point to.
    let older: Vec<WatchSpanRow> = if period.is_none() && view.picture.hours.is_empty() {
        app.watch.older_spans(&actor).await?.into_iter().filter(|s| s.country == code).collect()
    } else {
        Vec::new()
    };
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
        @match period {
            Some((from, to)) => {
                p.state {
                    strong { (tr.t_with("watch-period", &[("from", &from.to_string()), ("to", &to.to_string())])) }
                }
                p.muted { a href={ "/watch/" (code) } { (tr.t("watch-period-recent")) } }
            }
            None => {
                p.state { strong { (tr.t(state)) } }
                @for s in &older {
                    p { (tr.t_count("watch-older-stored", s.measurements)) " " (span_link(tr, s, false)) }
                }
            }
        }
        p.muted {
            a href="/watch" { (tr.t("watch-title")) }
            " · " a href={ "/disruptions?country=" (code) } { (tr.t("disruptions-title")) }
        }
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
                    th { (tr.t("watch-asn")) }
                    th { (tr.t("watch-test")) }
                    th { (tr.t("watch-target")) }
                    th { (tr.t("watch-state")) }
                    th { (tr.t("watch-layer")) }
                    th { (tr.t("watch-blocked-of")) }
                    th { (tr.t("watch-last-hour")) }
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
        @let (events_title, no_events) = match period {
            Some(_) => ("watch-period-events", "watch-period-no-events"),
            None => ("watch-all-events", "watch-no-events"),
        };
        h2 { (tr.t(events_title)) }
        @if view.events.is_empty() { p { (tr.t(no_events)) } } @else { (events_table(tr, &view.events)) }
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
