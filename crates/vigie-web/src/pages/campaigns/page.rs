//! `/campaigns/<id>`: one campaign. Its figures, the timeline, the accounts, the posts
//! in their own language, the shared traces, the linked cases (with a form to link one),
//! "why are these accounts linked?" and the exports.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::campaign::report::{CoAction, TraceKind};
use vigie_core::campaign::{CampaignReport, CampaignView, WhyLinked};
use vigie_core::store::ObservationRow;
use vigie_core::{Actor, CaseId, DomainError, Timestamp};

use super::{platform_name, score, timeline};
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::cases::when;
use crate::pages::forms::{csrf, notice};
use crate::pages::layout::page as layout;
use crate::state::AppState;

/// Accounts shown in the table (the most active first); the exports hold them all.
const TOP_ACCOUNTS: usize = 50;

#[derive(Deserialize, Default)]
pub struct WhyQuery {
    /// Two accounts (`platform:author`, or a handle when unambiguous).
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
}

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    Query(q): Query<WhyQuery>,
) -> Result<Response, WebError> {
    Ok(campaign_page(&app, &ctx, &actor, id, &q, None).await?.into_response())
}

pub fn trace_kind(tr: Tr, kind: TraceKind) -> String {
    tr.t(&format!("trace-{}", kind.code()))
}

async fn campaign_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    why: &WhyQuery,
    problem: Option<String>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let view = app.campaigns.get(actor, id).await?;
    let r = &view.report;
    let title = tr.t_with("campaign-title", &[("id", &id.to_string())]);
    let why_section = why_linked(app, ctx, actor, id, r, why).await?;
    let escalations = crate::pages::escalations::campaign_section(app, ctx, actor, id).await?;
    let share =
        crate::pages::sharing::marks::section(app, ctx, actor, vigie_core::sharing::peer::ObjectKind::Campaign, id)
            .await?;
    let body = html! {
        h1 { (title) }
        @if let Some(p) = problem { (notice("error", &p)) }
        @if !view.row.active { (notice("warn", &tr.t("campaign-inactive-notice"))) }
        (figures(tr, &view))
        h2 { (tr.t("timeline-title")) }
        (timeline::svg(tr, &r.timeline))
        h2 { (tr.t("campaign-top-accounts")) }
        table.accounts {
            thead { tr {
                th { (tr.t("campaign-account")) } th { (tr.t("campaign-platform")) } th { (tr.t("campaign-posts")) }
                th { (tr.t("campaign-first-seen")) } th { (tr.t("campaign-account-links")) }
            } }
            tbody {
                @for a in r.accounts.iter().take(TOP_ACCOUNTS) {
                    tr {
                        td { bdi { (a.author) } }
                        td { (platform_name(tr, &a.platform)) }
                        td { (a.posts) }
                        td dir="ltr" { (when(Timestamp(a.first_seen))) }
                        td { (a.links) }
                    }
                }
            }
        }
        @if r.accounts.len() > TOP_ACCOUNTS {
            p.muted { (tr.t_count("campaign-more-accounts", r.accounts.len() - TOP_ACCOUNTS)) }
        }
        h2 { (tr.t("campaign-representative")) }
        @for p in &r.representative {
            blockquote.post {
                p.text dir="auto" lang=[p.lang.as_deref()] { (p.text) }
                footer.muted {
                    bdi { (p.author) } " · " (platform_name(tr, &p.platform))
                    " · " span dir="ltr" { (when(Timestamp(p.at))) }
                    " · " (tr.t_count("campaign-copies", p.copies))
                }
            }
        }
        h2 { (tr.t("campaign-hashtags")) }
        @if r.hashtags.is_empty() { p.muted { "—" } }
        ul.hashtags { @for h in &r.hashtags { li { bdi { "#" (h.value) } " (" (h.count) ")" } } }
        h2 { (tr.t("campaign-traces")) }
        @if r.traces.is_empty() { p.muted { "—" } }
        ul.traces {
            @for t in &r.traces {
                li {
                    strong { (trace_kind(tr, t.kind)) } " · " bdi { (t.label) }
                    " · " (tr.t_count("campaign-trace-posts", t.posts))
                }
            }
        }
        (cases_section(ctx, &view))
        (escalations)
        (share)
        (why_section)
        h2 { (tr.t("campaign-export")) }
        ul {
            li { a href={ "/campaigns/" (id) "/export.csv" } download { (tr.t("campaign-export-csv")) } }
            li { a href={ "/campaigns/" (id) "/export.json" } download { (tr.t("campaign-export-json")) } }
        }
    };
    Ok(layout(ctx, Some(actor), &title, body))
}

fn figures(tr: Tr, view: &CampaignView) -> Markup {
    let r = &view.report;
    let platforms: Vec<String> =
        r.platforms.iter().map(|p| format!("{} ({})", platform_name(tr, &p.value), p.count)).collect();
    html! {
        dl.figures {
            dt { (tr.t("campaign-score")) } dd dir="ltr" { (score(r.score)) }
            dt { (tr.t("campaign-accounts")) } dd { (r.accounts.len()) }
            dt { (tr.t("campaign-posts")) } dd { (r.posts.len()) }
            dt { (tr.t("campaign-platforms")) } dd { (platforms.join(", ")) }
            dt { (tr.t("campaign-first-seen")) } dd dir="ltr" { (when(Timestamp(r.first_seen))) }
            dt { (tr.t("campaign-last-seen")) } dd dir="ltr" { (when(Timestamp(r.last_seen))) }
            dt { (tr.t("campaign-peak")) }
            dd { (r.peak_per_hour) " " span.muted dir="ltr" { "(" (when(Timestamp(r.peak_hour))) ")" } }
            dt { (tr.t("campaign-burstiness")) } dd dir="ltr" { (format!("{:.2}", r.burstiness)) }
            dt { (tr.t("campaign-detected")) } dd dir="ltr" { (when(view.row.detected_at)) }
        }
    }
}

fn cases_section(ctx: &Ctx, view: &CampaignView) -> Markup {
    let tr = ctx.tr;
    let id = view.row.id;
    html! {
        h2 id="cases" { (tr.t("campaign-cases")) }
        @if view.cases.is_empty() { p.muted { (tr.t("campaign-no-cases")) } }
        ul.cases {
            @for c in &view.cases {
                li {
                    a href={ "/cases/" (c) } { (tr.t_with("case-title", &[("id", &c.to_string())])) }
                    " "
                    form.inline method="post" action={ "/campaigns/" (id) "/cases/unlink" } {
                        (csrf(ctx))
                        input type="hidden" name="case" value=(c);
                        button.link type="submit" { (tr.t("campaign-unlink")) }
                    }
                }
            }
        }
        form method="post" action={ "/campaigns/" (id) "/cases" } {
            (csrf(ctx))
            div.field {
                label for="f-case" { (tr.t("campaign-link-case")) }
                input id="f-case" name="case" type="text" inputmode="numeric" dir="ltr" required;
            }
            button type="submit" { (tr.t("campaign-link")) }
        }
    }
}

/// The "why are these accounts linked?" form and, when two accounts were asked about,
/// the answer.
async fn why_linked(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: i64,
    r: &CampaignReport,
    q: &WhyQuery,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let asked = !q.a.trim().is_empty() && !q.b.trim().is_empty();
    let answer = if asked {
        match (r.account_index(q.a.trim()), r.account_index(q.b.trim())) {
            (Some(a), Some(b)) => Some(match r.why_linked(a, b) {
                WhyLinked::Direct(link) => {
                    let ids: Vec<i64> = link.examples.iter().flat_map(|e| [e.post_a, e.post_b]).collect();
                    let posts = app.campaigns.observations(actor, &ids).await?;
                    html! {
                        p { (tr.t_count("why-direct", link.weight)) }
                        ol.coactions { @for e in &link.examples { li { (co_action(tr, e, &posts)) } } }
                    }
                }
                WhyLinked::Through(path) => html! {
                    p { (tr.t("why-through")) }
                    ol.path {
                        @for a in path.iter().filter_map(|i| r.accounts.get(*i as usize)) { li { bdi { (a.account) } } }
                    }
                },
                WhyLinked::NotLinked => html! { p { (tr.t("why-not-linked")) } },
            }),
            _ => Some(notice("warn", &tr.t("why-unknown-account"))),
        }
    } else {
        None
    };
    Ok(html! {
        h2 id="why" { (tr.t("why-title")) }
        form.why method="get" action={ "/campaigns/" (id) "#why" } {
            datalist id="campaign-accounts" { @for a in &r.accounts { option value=(a.account) {} } }
            div.field {
                label for="why-a" { (tr.t("why-account-a")) }
                input id="why-a" name="a" list="campaign-accounts" dir="auto" value=(q.a) required;
            }
            div.field {
                label for="why-b" { (tr.t("why-account-b")) }
                input id="why-b" name="b" list="campaign-accounts" dir="auto" value=(q.b) required;
            }
            button type="submit" { (tr.t("why-submit")) }
        }
        @if let Some(answer) = answer { section.why-answer { (answer) } }
    })
}

fn co_action(tr: Tr, e: &CoAction, posts: &[ObservationRow]) -> Markup {
    let post = |id: i64| posts.iter().find(|p| p.id == id);
    let (minutes, seconds) = (e.gap_secs.abs() / 60, e.gap_secs.abs() % 60);
    html! {
        strong { (trace_kind(tr, e.kind)) } " · " bdi { (e.label) } " · "
        (tr.t_with("why-gap", &[("minutes", &minutes.to_string()), ("seconds", &seconds.to_string())]))
        ul {
            @for id in [e.post_a, e.post_b] {
                li {
                    @match post(id) {
                        Some(p) => {
                            bdi { (p.observation.author()) }
                            " · " span dir="ltr" { (when(p.observation.created_at())) } " · "
                            span dir="auto" lang=[p.observation.lang()] { (p.observation.text()) }
                        }
                        None => { "#" (id) }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct CaseForm {
    #[serde(default)]
    case: String,
}

fn case_number(f: &CaseForm) -> Option<CaseId> {
    f.case.trim().trim_start_matches('#').parse().ok().filter(|n| *n > 0).map(CaseId)
}

/// Links a case to the campaign; the case must be one the member can see. A number
/// that names no such case re-renders the page with a notice.
pub async fn link_case(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<CaseForm>,
) -> Result<Response, WebError> {
    app.campaigns.get(&actor, id).await?;
    let problem = match case_number(&f) {
        None => ctx.tr.t("campaign-case-invalid"),
        Some(case) => match app.cases.link_campaign(&actor, case, id).await {
            Ok(()) => {
                crate::notify::campaign_linked(&app, &actor, case, id).await;
                return Ok(Redirect::to(&format!("/campaigns/{id}#cases")).into_response());
            }
            Err(DomainError::NotFound) => ctx.tr.t("campaign-case-unknown"),
            Err(e) => return Err(e.into()),
        },
    };
    let page = campaign_page(&app, &ctx, &actor, id, &WhyQuery::default(), Some(problem)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn unlink_case(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<CaseForm>,
) -> Result<Response, WebError> {
    app.campaigns.get(&actor, id).await?;
    let case = case_number(&f).ok_or(WebError::BadRequest)?;
    app.cases.unlink_campaign(&actor, case, id).await?;
    Ok(Redirect::to(&format!("/campaigns/{id}#cases")).into_response())
}
