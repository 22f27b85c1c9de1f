//! The campaign part of a case page: the campaigns linked to the case (linked from the
//! campaign's page) and the public posts (observations) attached to it, with a form that
//! attaches observations by their ids (as listed in a campaign's JSON export,
//! `report.post_ids`, or by the observations API).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::store::ObservationRow;
use vigie_core::{CaseId, DomainError};

use super::page::case_page;
use super::when;
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::csrf;
use crate::state::AppState;

pub fn section(ctx: &Ctx, id: CaseId, campaigns: &[i64], observations: &[ObservationRow]) -> Markup {
    let tr = ctx.tr;
    html! {
        h2 id="campaigns" { (tr.t("case-campaigns")) }
        @if campaigns.is_empty() { p.muted { (tr.t("case-campaigns-none")) } }
        ul.campaigns {
            @for c in campaigns {
                li { a href={ "/campaigns/" (c) } { (tr.t_with("campaign-title", &[("id", &c.to_string())])) } }
            }
        }
        h3 { (tr.t("case-observations")) }
        @if observations.is_empty() { p.muted { (tr.t("case-observations-none")) } }
        ul.observations {
            @for r in observations {
                @let o = &r.observation;
                li {
                    "#" (r.id) " · " (o.platform()) " · " bdi { (o.author()) }
                    " · " span dir="ltr" { (when(o.created_at())) }
                    @if let Some(url) = o.url() { " · " span dir="ltr" { code { (url) } } }
                    br; span.text dir="auto" lang=[o.lang()] { (o.text()) }
                }
            }
        }
        form method="post" action={ "/cases/" (id) "/observations" } {
            (csrf(ctx))
            div.field {
                label for="f-observations" { (tr.t("case-observations-attach")) }
                small.hint { (tr.t("case-observations-hint")) }
                input id="f-observations" name="ids" type="text" dir="ltr" required;
            }
            button type="submit" { (tr.t("case-observations-submit")) }
        }
    }
}

#[derive(Deserialize)]
pub struct AttachForm {
    #[serde(default)]
    ids: String,
}

/// Observation ids separated by commas or spaces (`#` allowed); `None` if any is not a number.
fn ids(raw: &str) -> Option<Vec<i64>> {
    let ids: Option<Vec<i64>> = raw
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_start_matches('#').parse().ok())
        .collect();
    ids.filter(|v| !v.is_empty())
}

pub async fn attach_observations(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<AttachForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    app.cases.case_for(&actor, id).await?;
    let problem = match ids(&f.ids) {
        None => ctx.tr.t("case-observations-invalid"),
        Some(ids) => match app.cases.attach_observations(&actor, id, &ids).await {
            Ok(_) => return Ok(Redirect::to(&format!("/cases/{id}#campaigns")).into_response()),
            Err(DomainError::NotFound) => ctx.tr.t("case-observations-unknown"),
            Err(e) => return Err(e.into()),
        },
    };
    let page = case_page(&app, &ctx, &actor, id, Some(problem)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::ids;

    #[test]
    fn observation_ids_are_read_from_commas_and_spaces() {
        assert_eq!(ids("1, 2 #3\n4"), Some(vec![1, 2, 3, 4]));
        assert_eq!(ids("1, two"), None);
        assert_eq!(ids("  "), None);
    }
}
