//! `/accountability`: how fast and how often each platform answered and acted on what
//! the organization escalated, for coordinators and admins. A GET form chooses the
//! period and the grouping (it works without script and the URL can be bookmarked);
//! the charts are SVG drawn here; the table gives every figure with its base.

pub(crate) mod charts;
pub mod report;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::escalation::{
    Dimension, GroupBy, GroupKey, GroupMetrics, ItemFact, PeriodUnit, Share, Timing, accountability,
    action_delay_histogram,
};
use vigie_core::watch::disruption::Date;
use vigie_core::{Actor, DomainError, Problem, Timestamp, policy};

use self::charts::{Bar, bars};
use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::layout::page as layout;
use crate::state::AppState;

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// The period shown when none is chosen: the last year, today included.
const DEFAULT_DAYS: i64 = 365;
/// The upper bounds of the time-to-action distribution's buckets (the last takes the rest).
const DISTRIBUTION_BOUNDS: [i64; 6] = [HOUR, 6 * HOUR, DAY, 3 * DAY, 7 * DAY, 30 * DAY];
const DISTRIBUTION_KEYS: [&str; 7] = ["1h", "6h", "1d", "3d", "7d", "30d", "more"];

/// The filters, as the form and the API's query string give them.
#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    /// First day of the period (`YYYY-MM-DD`, UTC); a year before `to` when absent.
    pub from: Option<String>,
    /// Last day of the period, included (`YYYY-MM-DD`, UTC); today when absent.
    pub to: Option<String>,
    /// Dimensions separated by commas: `platform`, `category`, `country`, `severity`,
    /// and one of `month`, `quarter`, `year`. Nothing: one group of everything.
    pub by: Option<String>,
    /// The page's form: one dimension (`by` wins when both are given).
    pub group: Option<String>,
    /// The page's form: one period unit.
    pub period: Option<String>,
}

/// Filters read into domain values.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub from: Timestamp,
    /// The day after the last day: the record is `[from, until)`.
    pub until: Timestamp,
    pub by: GroupBy,
}

impl Range {
    /// The first and last days, as written in the form.
    pub fn days(&self) -> (String, String) {
        (day(self.from), day(Timestamp(self.until.0 - DAY)))
    }
}

/// `YYYY-MM-DD` of an instant.
pub fn day(t: Timestamp) -> String {
    let (y, m, d, ..) = t.civil();
    format!("{y:04}-{m:02}-{d:02}")
}

/// Midnight UTC of a `YYYY-MM-DD` day.
pub fn parse_day(raw: &str, field: &'static str) -> Result<Timestamp, DomainError> {
    let bad = || DomainError::invalid(field, Problem::OutOfRange);
    let mut parts = raw.trim().splitn(3, '-');
    let mut next = |len: usize| {
        let p = parts.next().filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()));
        p.and_then(|p| p.parse::<u32>().ok()).ok_or_else(bad)
    };
    let (y, m, d) = (next(4)?, next(2)?, next(2)?);
    let date = Date::new(i32::try_from(y).map_err(|_| bad())?, m as u8, d as u8).ok_or_else(bad)?;
    Ok(Timestamp::from_date(i64::from(date.year), u32::from(date.month), u32::from(date.day)))
}

impl Filters {
    /// The period and grouping; `default_by` when neither `by` nor the form's choices
    /// are given. `now` dates the default period.
    pub fn range(&self, now: Timestamp, default_by: &str) -> Result<Range, DomainError> {
        let to = match self.to.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(raw) => parse_day(raw, "to")?,
            None => now.rounded_down(DAY),
        };
        let from = match self.from.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(raw) => parse_day(raw, "from")?,
            None => Timestamp(to.0 - (DEFAULT_DAYS - 1) * DAY),
        };
        if to < from {
            return Err(DomainError::invalid("to", Problem::OutOfRange));
        }
        let code = match (&self.by, &self.group, &self.period) {
            (Some(by), ..) => by.clone(),
            (None, None, None) => default_by.to_owned(),
            (None, group, period) => {
                let parts = [group.as_deref().unwrap_or(""), period.as_deref().unwrap_or("")];
                parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(",")
            }
        };
        let by = GroupBy::parse(&code).map_err(|_| DomainError::invalid("by", Problem::UnknownChoice))?;
        Ok(Range { from, until: to.plus_secs(DAY), by })
    }
}

/// The facts of the actor's organization over `range`.
pub async fn facts_for(app: &AppState, actor: &Actor, range: &Range) -> Result<Vec<ItemFact>, WebError> {
    Ok(app.escalations.facts(actor, actor.user.org_id, range.from, range.until).await?)
}

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(filters): Query<Filters>,
) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let range = filters.range(app.accounts.now(), "platform")?;
    let facts = facts_for(&app, &actor, &range).await?;
    let groups = accountability(&facts, range.by);
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("accountability-title")) }
        p { (tr.t("accountability-intro")) }
        (filter_form(tr, &range))
        p { (tr.t_count("accountability-items-total", facts.len())) }
        @if facts.is_empty() {
            p { (tr.t("accountability-empty")) }
        } @else {
            (platform_charts(tr, &facts))
            (distribution_chart(tr, &facts))
            (trend_chart(tr, &facts))
            h2 { (tr.t("accountability-table")) }
            (table(tr, range.by, &groups))
        }
        p { small.hint { (tr.t("accountability-method")) } }
        @let (from, to) = range.days();
        h2 { (tr.t("accountability-report")) }
        p { (tr.t("accountability-report-intro")) }
        ul.downloads {
            @for format in ["html", "pdf", "csv"] {
                li { a href={ "/accountability/report?from=" (from) "&to=" (to) "&format=" (format) "&lang="
                    (ctx.lang().code()) } { (tr.t(&format!("accountability-report-{format}"))) } }
            }
        }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("accountability-title"), body).into_response())
}

fn filter_form(tr: Tr, range: &Range) -> Markup {
    let (from, to) = range.days();
    let by = range.by;
    let group = by.dimensions().into_iter().find(|d| !is_period(*d));
    html! {
        form.filters method="get" action="/accountability" {
            label { (tr.t("accountability-from")) " " input type="date" name="from" value=(from) dir="ltr"; }
            " "
            label { (tr.t("accountability-to")) " " input type="date" name="to" value=(to) dir="ltr"; }
            " "
            label { (tr.t("accountability-group")) " "
                select name="group" {
                    option value="" selected[group.is_none()] { (tr.t("accountability-group-none")) }
                    @for d in Dimension::ALL.iter().filter(|d| !is_period(**d)) {
                        option value=(d.code()) selected[group == Some(*d)] { (tr.t(d.translation_key())) }
                    }
                }
            }
            " "
            label { (tr.t("accountability-period")) " "
                select name="period" {
                    option value="" selected[by.period.is_none()] { (tr.t("accountability-period-none")) }
                    @for (unit, d) in [
                        (PeriodUnit::Month, Dimension::Month),
                        (PeriodUnit::Quarter, Dimension::Quarter),
                        (PeriodUnit::Year, Dimension::Year),
                    ] {
                        option value=(d.code()) selected[by.period == Some(unit)] { (tr.t(d.translation_key())) }
                    }
                }
            }
            " "
            button type="submit" { (tr.t("accountability-apply")) }
        }
    }
}

fn is_period(d: Dimension) -> bool {
    matches!(d, Dimension::Month | Dimension::Quarter | Dimension::Year)
}

/// A delay in words: hours under two days, days beyond.
pub fn duration(tr: Tr, secs: i64) -> String {
    let one = |v: f64| {
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    };
    if secs < 48 * HOUR {
        tr.t_with("accountability-hours", &[("n", &one(secs as f64 / HOUR as f64))])
    } else {
        tr.t_with("accountability-days", &[("n", &one(secs as f64 / DAY as f64))])
    }
}

/// A share in words: `75 % (3/4)`, or a dash out of nothing.
pub fn share(s: &Share) -> String {
    match s.ratio() {
        Some(r) => format!("{:.0} % ({}/{})", r * 100.0, s.count, s.of),
        None => "—".to_owned(),
    }
}

/// The label of a group along its dimensions, joined by ` · `.
pub fn group_label(tr: Tr, key: &GroupKey) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &key.platform {
        parts.push(tr.t_with(p.translation_key(), &[("name", p.other_name().unwrap_or(""))]));
    }
    if let Some(c) = key.category {
        parts.push(tr.t(c.translation_key()));
    }
    if let Some(country) = &key.country {
        parts.push(country.as_ref().map_or_else(|| tr.t("accountability-country-unknown"), |c| c.as_str().to_owned()));
    }
    if let Some(s) = key.severity {
        parts.push(tr.t(&format!("severity-{}", s.code())));
    }
    if let Some(p) = key.period {
        parts.push(p.to_string());
    }
    if parts.is_empty() { tr.t("accountability-all") } else { parts.join(" · ") }
}

fn timing_cells(tr: Tr, t: &Timing) -> Markup {
    html! {
        td dir="auto" { @if let Some(m) = t.median_secs { (duration(tr, m)) } @else { "—" } }
        td dir="auto" {
            @if let Some(p) = t.p90_secs { (duration(tr, p)) } @else { "—" }
            br; small.hint dir="ltr" { "n = " (t.count) }
        }
    }
}

fn table(tr: Tr, by: GroupBy, groups: &[GroupMetrics]) -> Markup {
    let dims = by.dimensions();
    let head = if dims.is_empty() {
        tr.t("accountability-group")
    } else {
        dims.iter().map(|d| tr.t(d.translation_key())).collect::<Vec<_>>().join(" · ")
    };
    html! {
        table.accountability {
            thead {
                tr {
                    th rowspan="2" { (head) }
                    th rowspan="2" { (tr.t("accountability-items")) }
                    th colspan="2" { (tr.t("accountability-first-reply")) }
                    th colspan="2" { (tr.t("accountability-action")) }
                    th rowspan="2" { (tr.t("accountability-action-rate")) }
                    th rowspan="2" { (tr.t("accountability-never-answered")) }
                    th rowspan="2" { (tr.t("accountability-re-escalated")) }
                }
                tr {
                    th { (tr.t("accountability-median")) } th { (tr.t("accountability-p90")) }
                    th { (tr.t("accountability-median")) } th { (tr.t("accountability-p90")) }
                }
            }
            tbody {
                @for g in groups {
                    tr {
                        th scope="row" { bdi { (group_label(tr, &g.key)) } }
                        td.items dir="ltr" { (g.items) }
                        (timing_cells(tr, &g.first_reply))
                        (timing_cells(tr, &g.action))
                        td dir="ltr" { (share(&g.action_rate)) }
                        td dir="ltr" { (share(&g.never_answered)) }
                        td dir="ltr" { (share(&g.re_escalated)) }
                    }
                }
            }
        }
    }
}

fn platform_charts(tr: Tr, facts: &[ItemFact]) -> Markup {
    let per_platform = accountability(facts, GroupBy { platform: true, ..GroupBy::default() });
    let rates: Vec<Bar> = per_platform
        .iter()
        .filter_map(|g| {
            let r = g.action_rate.ratio()?;
            Some(Bar { label: group_label(tr, &g.key), value: r, shown: share(&g.action_rate) })
        })
        .collect();
    let medians: Vec<Bar> = per_platform
        .iter()
        .filter_map(|g| {
            let m = g.action.median_secs?;
            let shown = format!("{} (n = {})", duration(tr, m), g.action.count);
            Some(Bar { label: group_label(tr, &g.key), value: m as f64, shown })
        })
        .collect();
    html! {
        h2 { (tr.t("accountability-per-platform")) }
        (bars(tr, "chart-action-rate", &tr.t("accountability-chart-action-rate"), &rates, Some(1.0)))
        (bars(tr, "chart-median-action", &tr.t("accountability-chart-median-action"), &medians, None))
    }
}

fn distribution_chart(tr: Tr, facts: &[ItemFact]) -> Markup {
    let counts = action_delay_histogram(facts, &DISTRIBUTION_BOUNDS);
    let buckets: Vec<Bar> = counts
        .iter()
        .zip(DISTRIBUTION_KEYS)
        .map(|(n, key)| Bar {
            label: tr.t(&format!("accountability-within-{key}")),
            value: *n as f64,
            shown: n.to_string(),
        })
        .collect();
    let title = tr.t("accountability-chart-distribution");
    html! { (bars(tr, "chart-distribution", &title, &buckets, None)) }
}

fn trend_chart(tr: Tr, facts: &[ItemFact]) -> Markup {
    let quarters = accountability(facts, GroupBy { period: Some(PeriodUnit::Quarter), ..GroupBy::default() });
    let trend: Vec<Bar> = quarters
        .iter()
        .map(|g| {
            let median = g.action.median_secs.map_or_else(|| "—".to_owned(), |m| duration(tr, m));
            let shown = format!("{} · {median}", share(&g.action_rate));
            Bar { label: group_label(tr, &g.key), value: g.action_rate.ratio().unwrap_or(0.0), shown }
        })
        .collect();
    html! {
        h2 { (tr.t("accountability-trend")) }
        (bars(tr, "chart-trend", &tr.t("accountability-chart-trend"), &trend, Some(1.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_strictly_and_the_last_day_is_included() {
        assert_eq!(parse_day("2026-02-28", "from").unwrap(), Timestamp::from_date(2026, 2, 28));
        for bad in ["2026-02-30", "26-02-01", "2026-2-01", "2026-02-01x", "", "yesterday"] {
            assert!(parse_day(bad, "from").is_err(), "{bad}");
        }
        let f = Filters { from: Some("2026-01-01".into()), to: Some("2026-03-31".into()), ..Filters::default() };
        let r = f.range(Timestamp(0), "platform").unwrap();
        assert_eq!((r.from, r.until), (Timestamp::from_date(2026, 1, 1), Timestamp::from_date(2026, 4, 1)));
        assert_eq!(r.days(), ("2026-01-01".to_owned(), "2026-03-31".to_owned()));
        assert_eq!(r.by.code(), "platform");
        let form = Filters { group: Some("".into()), period: Some("quarter".into()), ..f };
        assert_eq!(form.range(Timestamp(0), "platform").unwrap().by.code(), "quarter");
        let backwards =
            Filters { from: Some("2026-02-01".into()), to: Some("2026-01-01".into()), ..Filters::default() };
        assert!(backwards.range(Timestamp(0), "").is_err());
    }

    #[test]
    fn delays_read_in_hours_then_days() {
        let tr = Tr(crate::i18n::Lang::En);
        assert_eq!(duration(tr, 3 * HOUR), "3 h");
        assert_eq!(duration(tr, 90 * 60), "1.5 h");
        assert_eq!(duration(tr, 3 * DAY), "3 days");
        assert_eq!(share(&Share { count: 3, of: 4 }), "75 % (3/4)");
    }
}
