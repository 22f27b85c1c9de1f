//! Alerts: one when an event opens, one when it closes. A page (all alerts, or those of
//! the countries the member subscribed to), the subscription form, and two feeds for
//! machines and feed readers: JSON and Atom. Delivery by mail or messaging comes later;
//! the feeds let a member's own tools pick alerts up meanwhile.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use vigie_core::watch::records::AlertRow;

use super::{event_subject, kind_label};
use crate::auth::{AnyCaller, Member};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::cases::when;
use crate::pages::forms::csrf;
use crate::pages::layout::page as layout;
use crate::state::AppState;

const PAGE_SIZE: i64 = 200;

#[derive(Deserialize, Default)]
pub struct AlertsQuery {
    /// `1`: only the countries the member subscribed to.
    #[serde(default)]
    mine: String,
}

fn change_label(tr: Tr, a: &AlertRow) -> String {
    tr.t(&format!("alert-{}", a.change.as_str()))
}

pub async fn alerts_page(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(q): Query<AlertsQuery>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let mine = q.mine == "1";
    let alerts = app.watch.alerts(&actor, mine, PAGE_SIZE).await?;
    let subscriptions = app.watch.subscriptions(&actor).await?;
    let body = html! {
        h1 { (tr.t("alerts-title")) }
        p { (tr.t("alerts-intro")) }
        p {
            @if mine {
                a href="/alerts" { (tr.t("alerts-show-all")) }
            } @else {
                a href="/alerts?mine=1" { (tr.t("alerts-show-mine")) }
            }
            " · " a href="/alerts.json" { (tr.t("alerts-feed-json")) }
            " · " a href="/alerts.atom" { (tr.t("alerts-feed-atom")) }
        }
        form method="post" action="/alerts/subscriptions" {
            (csrf(&ctx))
            label for="countries" { (tr.t("alerts-subscriptions")) }
            input #countries name="countries" dir="ltr" value=(subscriptions.join(" "));
            small.hint { (tr.t("alerts-subscriptions-hint")) }
            button type="submit" { (tr.t("alerts-subscribe")) }
        }
        @if alerts.is_empty() {
            p { (tr.t("alerts-empty")) }
        } @else {
            table.alerts {
                thead { tr {
                    th { (tr.t("alert-at")) }
                    th { (tr.t("alert-change")) }
                    th { (tr.t("watch-event-kind")) }
                    th { (tr.t("watch-event-subject")) }
                    th { (tr.t("watch-event-start")) }
                    th { (tr.t("watch-event-end")) }
                } }
                tbody {
                    @for a in &alerts {
                        tr {
                            td dir="ltr" { (when(a.at)) }
                            td { (change_label(tr, a)) }
                            td { (kind_label(tr, a.event.kind)) }
                            td {
                                a href={ "/watch/" (a.event.country) "#event-" (a.event.id) } {
                                    bdi { (event_subject(tr, &a.event)) }
                                }
                            }
                            td dir="ltr" { (when(a.event.start)) }
                            td dir="ltr" {
                                @match a.event.end { Some(e) => { (when(e)) } None => { (tr.t("watch-ongoing")) } }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("alerts-title"), body).into_response())
}

#[derive(Deserialize)]
pub struct SubscribeForm {
    #[serde(default)]
    countries: String,
}

pub async fn subscribe(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<SubscribeForm>,
) -> Result<Response, WebError> {
    let countries: Vec<String> =
        form.countries.split(|c: char| c == ',' || c.is_whitespace()).map(str::to_owned).collect();
    app.watch.subscribe(&actor, &countries).await?;
    Ok(Redirect::to("/alerts?mine=1").into_response())
}

/// `GET /alerts.json` (session or API token): the latest alerts, newest first.
pub async fn alerts_json(
    State(app): State<AppState>,
    AnyCaller(actor): AnyCaller,
    Query(q): Query<AlertsQuery>,
) -> Result<Response, WebError> {
    let alerts = app.watch.alerts(&actor, q.mine == "1", PAGE_SIZE).await?;
    Ok(axum::Json(serde_json::json!({ "alerts": alerts })).into_response())
}

/// Text escaped for XML, by the same escaper as the pages (`&`, `<`, `>`, `"`).
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a String cannot fail.
    let _ = std::fmt::Write::write_str(&mut maud::Escaper::new(&mut out), s);
    out
}

/// `GET /alerts.atom` (session or API token): the same alerts as an Atom feed, titled in
/// the reader's language.
pub async fn alerts_atom(
    State(app): State<AppState>,
    ctx: Ctx,
    AnyCaller(actor): AnyCaller,
    Query(q): Query<AlertsQuery>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let alerts = app.watch.alerts(&actor, q.mine == "1", PAGE_SIZE).await?;
    let updated = alerts.first().map_or(app.watch.now(), |a| a.at);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n\
         <id>urn:vigie:alerts</id>\n<updated>{}</updated>\n\
         <link rel=\"self\" href=\"/alerts.atom\"/>\n<author><name>Vigie</name></author>\n",
        ctx.lang().code(),
        xml_escape(&tr.t("alerts-title")),
        updated.rfc3339(),
    ));
    for a in &alerts {
        let title =
            format!("{} — {} — {}", change_label(tr, a), kind_label(tr, a.event.kind), event_subject(tr, &a.event));
        let summary = match a.event.end {
            Some(end) => tr.t_with("alert-summary-ended", &[("start", &when(a.event.start)), ("end", &when(end))]),
            None => tr.t_with("alert-summary-open", &[("start", &when(a.event.start))]),
        };
        xml.push_str(&format!(
            "<entry>\n<id>urn:vigie:alert:{id}</id>\n<title>{title}</title>\n<updated>{at}</updated>\n\
             <link href=\"/watch/{cc}#event-{event}\"/>\n<category term=\"{kind}\"/>\n\
             <summary>{summary}</summary>\n</entry>\n",
            id = a.id,
            title = xml_escape(&title),
            at = a.at.rfc3339(),
            cc = xml_escape(&a.event.country),
            event = a.event.id,
            kind = a.event.kind.as_str(),
            summary = xml_escape(&summary),
        ));
    }
    xml.push_str("</feed>\n");
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response())
}
