//! `/cases`: the organization's queue, with filters and sorting in the query string
//! (so a filtered view is a link a colleague can open), paged.

mod campaigns;
mod evidence;
mod page;

pub use campaigns::attach_observations;
pub use evidence::{add_post, capture, export_bundle, fetch_page};

pub use page::{
    act, add_note, assign, download, link, merge, set_severity, share, show, tags, tick, upload, write_message,
};

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::Timestamp;
use vigie_core::cases::CaseSummary;
use vigie_core::incident::{IncidentType, Platform};
use vigie_core::store::{CaseFilter, CaseSort};
use vigie_core::triage::Severity;
use vigie_core::workflow::Status;

use super::layout::page as layout;
use crate::auth::Member;
use crate::context::Ctx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::state::AppState;

const PAGE_SIZE: i64 = 50;

#[derive(Deserialize, Default, Clone)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    incident: String,
    #[serde(default)]
    platform: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    language: String,
    /// `me`, `none`, or empty for anyone.
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    overdue: String,
    #[serde(default)]
    sort: String,
    /// `shared`: cases other organizations shared with this one.
    #[serde(default)]
    scope: String,
    #[serde(default)]
    page: Option<i64>,
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

impl QueueQuery {
    fn filter(&self, me: vigie_core::UserId, now: Timestamp) -> CaseFilter {
        let page = self.page.unwrap_or(1).max(1);
        CaseFilter {
            status: nonempty(&self.status).filter(|s| s != "open"),
            open_only: self.status == "open",
            severity: nonempty(&self.severity),
            incident: nonempty(&self.incident),
            platform: nonempty(&self.platform),
            country: nonempty(&self.country).map(|c| c.to_ascii_uppercase()),
            language: nonempty(&self.language),
            assignee: (self.assignee == "me").then_some(me),
            unassigned: self.assignee == "none",
            overdue_at: (self.overdue == "1").then_some(now),
            sort: match self.sort.as_str() {
                "oldest" => CaseSort::Oldest,
                "severity" => CaseSort::Severity,
                "due" => CaseSort::Due,
                _ => CaseSort::Newest,
            },
            shared_with_us: self.scope == "shared",
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
        }
    }

    /// The query string of this view at another page.
    fn at_page(&self, page: i64) -> String {
        let pairs = [
            ("status", &self.status),
            ("severity", &self.severity),
            ("incident", &self.incident),
            ("platform", &self.platform),
            ("country", &self.country),
            ("language", &self.language),
            ("assignee", &self.assignee),
            ("overdue", &self.overdue),
            ("sort", &self.sort),
            ("scope", &self.scope),
        ];
        let mut q: Vec<String> =
            pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", url_escape(v))).collect();
        q.push(format!("page={page}"));
        format!("?{}", q.join("&"))
    }
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A date as `YYYY-MM-DD HH:MM` UTC.
pub fn when(t: Timestamp) -> String {
    let (y, m, d, h, mi, _) = t.civil();
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}")
}

/// A time as a record keeps it (RFC 3339, to the second), shown as [`when`]; as written
/// when it does not read as one.
pub fn when_written(raw: &str) -> String {
    Timestamp::parse_rfc3339(raw).map_or_else(|_| raw.to_owned(), when)
}

pub fn status_label(tr: Tr, s: Status) -> String {
    tr.t(&format!("case-status-{}", s.code()))
}

pub fn severity_label(tr: Tr, s: Severity) -> String {
    tr.t(&format!("severity-{}", s.code()))
}

fn select(name: &str, label: String, current: &str, options: Vec<(String, String)>) -> Markup {
    let id = format!("q-{name}");
    html! {
        div.field {
            label for=(id) { (label) }
            select id=(id) name=(name) {
                @for (value, text) in options {
                    option value=(value) selected[current == value] { (text) }
                }
            }
        }
    }
}

pub async fn queue(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(q): Query<QueueQuery>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let filter = q.filter(actor.user.id, app.accounts.now());
    let (cases, total) = app.cases.queue(&actor, filter.clone()).await?;
    let members = app.accounts.colleagues(&actor).await?;
    let name_of = |id| members.iter().find(|u| u.id == id).map_or("?", |u| u.display_name.as_str());
    let page = q.page.unwrap_or(1).max(1);
    let any = || (String::new(), tr.t("queue-any"));
    let late_escalations = app.escalations.overdue_chased_by(&actor).await?.len();
    let body = html! {
        h1 { (tr.t("queue-title")) }
        @if late_escalations > 0 {
            p.notice.error role="status" {
                a href="/escalations#overdue" { (tr.t_count("queue-escalations-overdue", late_escalations)) }
            }
        }
        form.filters method="get" action="/cases" {
            (select("status", tr.t("queue-status"), &q.status, std::iter::once(any())
                .chain(std::iter::once(("open".into(), tr.t("queue-open"))))
                .chain(Status::ALL.iter().map(|s| (s.code().into(), status_label(tr, *s))))
                .collect()))
            (select("severity", tr.t("queue-severity"), &q.severity, std::iter::once(any())
                .chain(Severity::ALL.iter().map(|s| (s.code().into(), severity_label(tr, *s))))
                .collect()))
            (select("incident", tr.t("queue-incident"), &q.incident, std::iter::once(any())
                .chain(IncidentType::ALL.iter().map(|t| (t.code().into(), tr.t(&format!("incident-{}", t.code())))))
                .collect()))
            (select("platform", tr.t("queue-platform"), &q.platform, std::iter::once(any())
                .chain(Platform::ALL.iter().map(|p| (p.code().into(), tr.t(&format!("platform-{}", p.code())))))
                .collect()))
            (select("country", tr.t("report-country"), &q.country, std::iter::once(any())
                .chain(super::report::COUNTRIES.iter().map(|c| ((*c).into(), tr.t(&format!("country-{c}")))))
                .collect()))
            (select("language", tr.t("queue-language"), &q.language, std::iter::once(any())
                .chain(crate::i18n::Lang::ALL.iter().map(|l| (l.code().into(), l.native_name().into())))
                .collect()))
            (select("assignee", tr.t("queue-assignee"), &q.assignee, vec![
                any(), ("me".into(), tr.t("queue-mine")), ("none".into(), tr.t("queue-unassigned"))]))
            (select("overdue", tr.t("queue-overdue"), &q.overdue, vec![
                any(), ("1".into(), tr.t("queue-overdue-only"))]))
            (select("sort", tr.t("queue-sort"), &q.sort, vec![
                (String::new(), tr.t("queue-sort-newest")), ("oldest".into(), tr.t("queue-sort-oldest")),
                ("severity".into(), tr.t("queue-sort-severity")), ("due".into(), tr.t("queue-sort-due"))]))
            (select("scope", tr.t("queue-scope"), &q.scope, vec![
                (String::new(), tr.t("queue-scope-own")), ("shared".into(), tr.t("queue-scope-shared"))]))
            button type="submit" { (tr.t("queue-apply")) }
        }
        p.muted { (tr.t_count("queue-count", total)) }
        @if cases.is_empty() {
            p { (tr.t("queue-empty")) }
        } @else {
            table.queue {
                thead { tr {
                    th { "#" }
                    th { (tr.t("queue-severity")) }
                    th { (tr.t("queue-status")) }
                    th { (tr.t("queue-incident")) }
                    th { (tr.t("report-country")) }
                    th { (tr.t("queue-opened")) }
                    th { (tr.t("queue-due")) }
                    th { (tr.t("queue-assignee")) }
                } }
                tbody {
                    @for c in &cases { (row(tr, c, &name_of)) }
                }
            }
        }
        nav.pages {
            @if page > 1 { a href={ "/cases" (q.at_page(page - 1)) } rel="prev" { (tr.t("queue-previous")) } }
            @if page * PAGE_SIZE < total {
                a href={ "/cases" (q.at_page(page + 1)) } rel="next" { (tr.t("queue-next")) }
            }
        }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("queue-title"), body).into_response())
}

fn row<'a>(tr: Tr, c: &CaseSummary, name_of: &impl Fn(vigie_core::UserId) -> &'a str) -> Markup {
    let incidents: Vec<String> = c.incidents.iter().map(|i| tr.t(&format!("incident-{i}"))).collect();
    html! {
        tr.overdue[c.overdue] {
            td { a href={ "/cases/" (c.id) } { (c.id) } }
            td { span class={ "sev sev-" (c.severity.code()) } { (severity_label(tr, c.severity)) } }
            td { (status_label(tr, c.status)) }
            td { (incidents.join(", ")) }
            td { (c.country.as_deref().unwrap_or("—")) }
            td dir="ltr" { (when(c.opened_at)) }
            td dir="ltr" {
                (when(c.deadlines.resolution))
                @if c.overdue { " " strong.late { (tr.t("queue-late")) } }
            }
            td { (c.assignee.map_or("—", name_of)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_in_utc() {
        assert_eq!(when(Timestamp(0)), "1970-01-01 00:00");
        assert_eq!(when(Timestamp(1_763_916_000)), "2025-11-23 16:40");
        assert_eq!(when(Timestamp(951_782_400)), "2000-02-29 00:00");
        assert_eq!(when_written("2025-11-23T16:40:59Z"), "2025-11-23 16:40");
        assert_eq!(when_written("not a time"), "not a time");
    }
}
