//! `/help`: self-diagnosis in the spirit of the Digital First Aid Kit. A topic is a tree
//! of questions walked with plain forms: each answer is a button that posts the path of
//! answers so far (`0.2.1`), so nothing is kept on the server, nothing lands in the
//! address bar or the browser's history, and it works with JavaScript off. An end gives
//! first steps, the guides to read, and when it calls for one, a report form with the
//! incident types, platforms and risks of the answers already ticked; nothing is stored
//! unless the person sends that report.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::Actor;
use vigie_core::knowledge::{Node, Outcome, Step, Tree, Walk, format_path, parse_path};

use super::{guide_item, knowledge_page, language};
use crate::auth::MaybeMember;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::forms::csrf;
use crate::state::AppState;

pub async fn topics(State(app): State<AppState>, ctx: Ctx, MaybeMember(actor): MaybeMember) -> Response {
    let tr = ctx.tr;
    let lang = language(&ctx);
    let body = html! {
        h1 { (tr.t("help-title")) }
        p { (tr.t("help-intro")) }
        p.muted { (tr.t("help-nothing-kept")) }
        ul.topics {
            @for t in app.knowledge.trees() {
                li {
                    a href={ "/help/" (t.id) } { (t.title.get(lang)) }
                    p.muted { (t.intro.get(lang)) }
                }
            }
        }
        p { a href="/guides" { (tr.t("help-to-guides")) } }
        p { a href="/report" { (tr.t("guides-to-report")) } }
    };
    knowledge_page(&ctx, actor.as_ref(), &tr.t("help-title"), body).into_response()
}

fn tree<'a>(app: &'a AppState, id: &str) -> Result<&'a Tree, WebError> {
    app.knowledge.tree(id).ok_or(WebError::NotFound)
}

/// The first question of a topic.
pub async fn start(
    State(app): State<AppState>,
    ctx: Ctx,
    MaybeMember(actor): MaybeMember,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let tree = tree(&app, &id)?;
    let walk = tree.walk(&[]).ok_or(WebError::NotFound)?;
    Ok(walk_page(&app, &ctx, actor.as_ref(), tree, &walk).await?.into_response())
}

#[derive(Deserialize)]
pub struct AnswerForm {
    /// The path of answers to show (the one just given included).
    #[serde(default)]
    a: String,
}

/// An answer (or "back"): the page the path leads to.
pub async fn answer(
    State(app): State<AppState>,
    ctx: Ctx,
    MaybeMember(actor): MaybeMember,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, WebError> {
    let tree = tree(&app, &id)?;
    let path = parse_path(&form.a).ok_or(WebError::BadRequest)?;
    // Only a hand-made form leads off the tree.
    let walk = tree.walk(&path).ok_or(WebError::BadRequest)?;
    Ok(walk_page(&app, &ctx, actor.as_ref(), tree, &walk).await?.into_response())
}

async fn walk_page(
    app: &AppState,
    ctx: &Ctx,
    actor: Option<&Actor>,
    tree: &Tree,
    walk: &Walk<'_>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let lang = language(ctx);
    let content = match walk.at {
        Node::Step(step) => step_form(ctx, tree, walk, step),
        Node::Outcome(outcome) => outcome_view(app, ctx, walk, outcome).await?,
    };
    let body = html! {
        p.muted { a href="/help" { (tr.t("help-title")) } " › " (tree.title.get(lang)) }
        (content)
        @if !walk.answered.is_empty() {
            details.answers {
                summary { (tr.t("help-your-answers")) }
                dl {
                    @for (step, answer) in &walk.answered {
                        dt { (step.text.get(lang)) }
                        dd { (answer.label.get(lang)) }
                    }
                }
            }
        }
        (back_form(ctx, tree, walk))
    };
    Ok(knowledge_page(ctx, actor, tree.title.get(lang), body))
}

fn step_form(ctx: &Ctx, tree: &Tree, walk: &Walk<'_>, step: &Step) -> Markup {
    let tr = ctx.tr;
    let lang = language(ctx);
    let here = &walk.path;
    html! {
        @if here.is_empty() { p { (tree.intro.get(lang)) } }
        form.diagnosis method="post" action={ "/help/" (tree.id) } {
            (csrf(ctx))
            fieldset {
                legend {
                    small.muted { (tr.t_count("help-question-number", here.len() + 1)) } br;
                    strong { (step.text.get(lang)) }
                }
                @if let Some(help) = &step.help { p.hint { (help.get(lang)) } }
                @for (i, a) in step.answers.iter().enumerate() {
                    @let next = [here.as_slice(), &[i]].concat();
                    p { button.answer type="submit" name="a" value=(format_path(&next)) { (a.label.get(lang)) } }
                }
            }
        }
    }
}

/// "Back one question" and "start again", once an answer was given.
fn back_form(ctx: &Ctx, tree: &Tree, walk: &Walk<'_>) -> Markup {
    let tr = ctx.tr;
    let Some((_, parent)) = walk.path.split_last() else {
        return html! {};
    };
    html! {
        form.inline method="post" action={ "/help/" (tree.id) } {
            (csrf(ctx))
            button.link type="submit" name="a" value=(format_path(parent)) { (tr.t("help-back")) }
        }
        " · "
        a href={ "/help/" (tree.id) } { (tr.t("help-start-again")) }
    }
}

async fn outcome_view(app: &AppState, ctx: &Ctx, walk: &Walk<'_>, outcome: &Outcome) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let lang = language(ctx);
    let library = app.knowledge.guides().await?;
    let guides: Vec<_> = outcome
        .guide_slugs()
        .into_iter()
        .filter_map(|slug| library.iter().find(|g| g.slug == slug))
        .filter_map(|g| g.in_lang(lang).map(|shown| (g.slug.clone(), shown)))
        .collect();
    let mut incidents = walk.prefill.incidents.clone();
    incidents.extend(outcome.incident.iter().copied());
    Ok(html! {
        h1 { (outcome.title.get(lang)) }
        p { (outcome.text.get(lang)) }
        @let steps = outcome.first_steps.get(lang);
        @if !steps.is_empty() {
            h2 { (tr.t("help-first-steps")) }
            ol.first-steps { @for s in steps { li { (s) } } }
        }
        @if !guides.is_empty() {
            h2 { (tr.t("help-guides")) }
            ul.guides {
                @for (slug, shown) in &guides { (guide_item(slug, shown)) }
            }
        }
        @if outcome.report {
            section.prefilled-report {
                h2 { (tr.t("help-report-title")) }
                p { (tr.t("help-report-explain")) }
                form method="post" action="/help/report" {
                    (csrf(ctx))
                    @for i in &incidents { input type="hidden" name="incident" value=(i.code()); }
                    @for p in &walk.prefill.platforms { input type="hidden" name="platform" value=(p.code()); }
                    @for r in &walk.prefill.risks { input type="hidden" name="risk" value=(r.code()); }
                    button type="submit" { (tr.t("help-report-button")) }
                }
            }
        }
        p.muted { (tr.t("help-nothing-kept")) }
    })
}
