//! `/campaigns/{id}/escalations/new`: an escalation made from a detected campaign's
//! posts when no case holds them (a campaign against many people, or found before
//! anyone reported it). One platform per escalation; each ticked post becomes an item
//! with the category and severity chosen for all, its text as the excerpt. The items
//! carry no evidence proof: observations are imported, not kept in the custody log.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use vigie_core::escalation::{CampaignPackage, Channel, Platform, PolicyCategory};
use vigie_core::store::ObservationRow;
use vigie_core::triage::Severity;
use vigie_core::{Actor, DomainError, Problem, Timestamp};

use super::{category_label, channel_label, options, platform_label, refusal, severity_label, shown_on_form};
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{csrf, notice};
use crate::pages::layout::page as layout;
use crate::state::AppState;

/// The posts the form lists, in the campaign's time order; a campaign with more is
/// escalated in several rounds (the platform's own forms take far fewer at once).
const MAX_POSTS: usize = 300;
/// The characters of each post the form shows.
const PREVIEW_CHARS: usize = 280;

pub async fn new_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    Ok(form_page(&app, &ctx, &actor, id, &[], None).await?.into_response())
}

pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let created = match package(&pairs) {
        Ok(p) => app.escalations.create_for_campaign(&actor, id, p).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(e) => Ok(Redirect::to(&format!("/escalations/{e}")).into_response()),
        Err(e) if shown_on_form(&e) => {
            let page = form_page(&app, &ctx, &actor, id, &pairs, Some(refusal(ctx.tr, &e))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// The escalation the form describes; the posts are the ticked `post` boxes.
fn package(pairs: &[(String, String)]) -> Result<CampaignPackage, DomainError> {
    let platform = Platform::parse(field(pairs, "platform"))?;
    let channel = Channel::parse(field(pairs, "channel"))?;
    let category = PolicyCategory::parse(field(pairs, "category"))?;
    let severity =
        Severity::parse(field(pairs, "severity")).ok_or(DomainError::invalid("severity", Problem::UnknownChoice))?;
    let observations = pairs
        .iter()
        .filter(|(k, _)| k == "post")
        .map(|(_, v)| v.parse().map_err(|_| DomainError::invalid("observations", Problem::UnknownChoice)))
        .collect::<Result<Vec<i64>, _>>()?;
    let narrative = field(pairs, "narrative").to_owned();
    Ok(CampaignPackage { platform, channel, observations, category, severity, narrative })
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    campaign: i64,
    pairs: &[(String, String)],
    problem: Option<String>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let view = app.campaigns.get(actor, campaign).await?;
    let ids: Vec<i64> = view.report.post_ids.iter().copied().take(MAX_POSTS).collect();
    let posts = app.campaigns.observations(actor, &ids).await?;
    let fresh = pairs.is_empty();
    let ticked = |id: i64| pairs.iter().any(|(k, v)| k == "post" && v == &id.to_string());
    let mut platforms: Vec<Platform> = Vec::new();
    for o in &posts {
        let code = o.observation.platform();
        let platform = Platform::parse(code).or_else(|_| Platform::parse(&format!("other:{code}")));
        if let Ok(p) = platform
            && !platforms.contains(&p)
        {
            platforms.push(p);
        }
    }
    let chosen = Platform::parse(field(pairs, "platform")).ok().or_else(|| platforms.first().cloned());
    let title = tr.t_with("escalation-campaign-title", &[("id", &campaign.to_string())]);
    let body = html! {
        h1 { (title) }
        p { a href={ "/campaigns/" (campaign) "#escalations" } { (tr.t("escalation-back-to-campaign")) } }
        p { (tr.t("escalation-campaign-intro")) }
        @if let Some(p) = problem { (notice("error", &p)) }
        @if view.report.post_ids.len() > MAX_POSTS {
            (notice("warn", &tr.t_count("escalation-campaign-more-posts", view.report.post_ids.len() - MAX_POSTS)))
        }
        form method="post" action={ "/campaigns/" (campaign) "/escalations/new" } {
            (csrf(ctx))
            div.field {
                label for="x-platform" { (tr.t("escalation-platform")) }
                small.hint { (tr.t("escalation-campaign-platform-hint")) }
                select id="x-platform" name="platform" required {
                    @for p in &platforms {
                        option value=(p.code()) selected[chosen.as_ref() == Some(p)] { (platform_label(tr, p)) }
                    }
                }
            }
            div.field {
                label for="x-channel" { (tr.t("escalation-channel")) }
                select id="x-channel" name="channel" required {
                    (options(Channel::ALL, Channel::parse(field(pairs, "channel")).ok(), |c| c.code().into(),
                        |c| channel_label(tr, c)))
                }
            }
            div.field {
                label for="x-category" { (tr.t("escalation-field-category")) }
                select id="x-category" name="category" required {
                    (options(PolicyCategory::ALL, PolicyCategory::parse(field(pairs, "category")).ok(),
                        |c| c.code().into(), |c| category_label(tr, c)))
                }
            }
            div.field {
                label for="x-severity" { (tr.t("escalation-field-severity")) }
                select id="x-severity" name="severity" required {
                    (options(&Severity::ALL, Severity::parse(field(pairs, "severity")).or(Some(Severity::High)),
                        |s| s.code().into(), |s| severity_label(tr, s)))
                }
            }
            div.field {
                label for="x-narrative" { (tr.t("escalation-narrative")) }
                small.hint { (tr.t("escalation-narrative-hint")) }
                textarea id="x-narrative" name="narrative" dir="auto" rows="6" { (field(pairs, "narrative")) }
            }
            h2 { (tr.t("escalation-items")) }
            @for o in &posts { (post_box(o, fresh || ticked(o.id))) }
            button type="submit" { (tr.t("escalation-create")) }
        }
    };
    Ok(layout(ctx, Some(actor), &title, body))
}

/// One post's checkbox, with where it is, who posted it, when, and the start of its text.
fn post_box(row: &ObservationRow, checked: bool) -> Markup {
    let o = &row.observation;
    let id = format!("post-{}", row.id);
    let preview: String = o.text().chars().take(PREVIEW_CHARS).collect();
    html! {
        div.field.check {
            input type="checkbox" id=(id) name="post" value=(row.id) checked[checked];
            label for=(id) {
                bdi { (o.platform()) } " · " bdi { (o.author()) } " · "
                span dir="ltr" { (when(Timestamp(o.created_at().0))) }
                @if let Some(url) = o.url() { " · " span dir="ltr" { (url) } }
            }
            @if !preview.is_empty() { p.excerpt dir="auto" lang=[o.lang()] { (preview) } }
        }
    }
}
