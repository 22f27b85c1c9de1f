//! `/campaigns`: detected campaigns ranked by score, the last detection run, and for
//! coordinators and admins a button that runs detection.

mod export;
mod page;
mod timeline;

pub use export::{export_csv, export_json};
pub use page::{link_case, show, unlink_case};

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::campaign::CampaignReport;
use vigie_core::policy;
use vigie_core::store::CampaignRow;

use crate::api::campaigns::report_of;
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::cases::when;
use crate::pages::forms::csrf;
use crate::pages::layout::page as layout;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    /// `1`: also the campaigns a later run no longer found.
    #[serde(default)]
    all: String,
}

/// A score as people read it.
fn score(s: f64) -> String {
    format!("{s:.2}")
}

/// Platform names as the pages show them: the translated name for known platforms,
/// the code otherwise.
pub(crate) fn platform_name(tr: Tr, code: &str) -> String {
    let key = format!("platform-{code}");
    if tr.has(&key) { tr.t(&key) } else { code.to_owned() }
}

pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let all = q.all == "1";
    let rows = app.campaigns.list(&actor, all).await?;
    let run = app.campaigns.latest_run(&actor).await?;
    let reports: Vec<(CampaignRow, Option<CampaignReport>)> = rows
        .into_iter()
        .map(|r| {
            let report = report_of(&r);
            (r, report)
        })
        .collect();
    let body = html! {
        h1 { (tr.t("campaigns-title")) }
        p.muted {
            @match &run {
                Some(run) => {
                    (tr.t_with("campaigns-last-run", &[
                        ("time", &when(run.at)),
                        ("observations", &run.observations.to_string()),
                        ("campaigns", &run.campaigns.to_string()),
                    ]))
                }
                None => { (tr.t("campaigns-never-run")) }
            }
        }
        @if policy::can_run_detection(actor.role()) {
            form method="post" action="/campaigns/detect" {
                (csrf(&ctx))
                button type="submit" { (tr.t("campaigns-run")) }
                " " small.hint { (tr.t("campaigns-run-hint")) }
            }
        }
        p {
            @if all { a href="/campaigns" { (tr.t("campaigns-active-only")) } }
            @else { a href="/campaigns?all=1" { (tr.t("campaigns-show-all")) } }
        }
        @if reports.is_empty() {
            p { (tr.t("campaigns-empty")) }
        } @else {
            table.campaigns {
                thead { tr {
                    th { "#" }
                    th { (tr.t("campaign-score")) }
                    th { (tr.t("campaign-accounts")) }
                    th { (tr.t("campaign-posts")) }
                    th { (tr.t("campaign-platforms")) }
                    th { (tr.t("campaign-first-seen")) }
                    th { (tr.t("campaign-last-seen")) }
                    th { (tr.t("campaign-hashtags")) }
                } }
                tbody {
                    @for (row, report) in &reports { (list_row(tr, row, report.as_ref())) }
                }
            }
        }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("campaigns-title"), body).into_response())
}

fn list_row(tr: Tr, row: &CampaignRow, report: Option<&CampaignReport>) -> Markup {
    let platforms: Vec<String> =
        report.map(|r| r.platforms.iter().map(|p| platform_name(tr, &p.value)).collect()).unwrap_or_default();
    html! {
        tr.inactive[!row.active] {
            td {
                a href={ "/campaigns/" (row.id) } { (row.id) }
                @if !row.active { " " small.muted { (tr.t("campaign-inactive")) } }
            }
            td dir="ltr" { (score(row.score)) }
            td { (row.account_count) }
            td { (row.post_count) }
            td { (platforms.join(", ")) }
            td dir="ltr" { (when(row.first_seen)) }
            td dir="ltr" { (when(row.last_seen)) }
            td {
                @if let Some(r) = report {
                    @for h in r.hashtags.iter().take(3) { bdi { "#" (h.value) } " " }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct Nothing {}

/// Runs detection now, in the request (coordinators and admins), then shows the list.
pub async fn detect(
    State(app): State<AppState>,
    Member(actor): Member,
    CsrfForm(_): CsrfForm<Nothing>,
) -> Result<Response, WebError> {
    crate::auth::require(policy::can_run_detection(actor.role()))?;
    app.campaigns.detect(&actor, &|_| {}).await?;
    Ok(Redirect::to("/campaigns").into_response())
}
