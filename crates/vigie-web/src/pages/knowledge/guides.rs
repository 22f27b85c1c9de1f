//! `/guides`: the library (every guide in the reader's language, or in the first
//! language it exists in, saying so), one guide rendered from its Markdown, the search
//! over guides, playbooks and self-diagnosis, and a playbook's steps for the person
//! attacked.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use vigie_core::knowledge::{DocKind, Shown};
use vigie_core::policy;

use super::{dir, guide_item, knowledge_page, language, native_name};
use crate::auth::MaybeMember;
use crate::context::Ctx;
use crate::error::WebError;
use crate::markdown::to_safe_html;
use crate::state::AppState;

/// The most results a search page lists.
const RESULTS: usize = 20;

/// "Not yet translated, shown in …" when a guide fell back to another language.
fn fallback_notice(ctx: &Ctx, shown: &Shown<'_>) -> Markup {
    html! {
        @if shown.fell_back_from.is_some() {
            p.notice.info role="note" {
                (ctx.tr.t_with("guide-fell-back", &[("language", native_name(shown.lang))]))
            }
        }
    }
}

/// The search box, on the library and on the results.
fn search_form(ctx: &Ctx, q: &str) -> Markup {
    let tr = ctx.tr;
    html! {
        form.search method="get" action="/guides/search" role="search" {
            label for="q" { (tr.t("guides-search-label")) }
            input id="q" name="q" type="search" value=(q) maxlength="200";
            " "
            button type="submit" { (tr.t("guides-search-button")) }
        }
    }
}

pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    MaybeMember(actor): MaybeMember,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let lang = language(&ctx);
    let guides = app.knowledge.guides().await?;
    let body = html! {
        h1 { (tr.t("guides-title")) }
        p { (tr.t("guides-intro")) }
        (search_form(&ctx, ""))
        p { a href="/help" { (tr.t("guides-to-help")) } }
        ul.guides {
            @for g in &guides {
                @if let Some(shown) = g.in_lang(lang) { (guide_item(&g.slug, &shown)) }
            }
        }
        @if actor.as_ref().is_some_and(|a| policy::can_edit_guides(a.role())) {
            p { a href="/admin/guides" { (tr.t("guides-edit-library")) } }
        }
    };
    Ok(knowledge_page(&ctx, actor.as_ref(), &tr.t("guides-title"), body).into_response())
}

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    MaybeMember(actor): MaybeMember,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let guide = app.knowledge.guide(&slug).await?;
    let shown = guide.in_lang(language(&ctx)).ok_or(WebError::NotFound)?;
    let body = html! {
        article.guide lang=(shown.lang.code()) dir=(dir(shown.lang)) {
            h1 { (shown.text.title) }
            (fallback_notice(&ctx, &shown))
            (PreEscaped(to_safe_html(shown.text.body())))
        }
        nav.after-guide {
            p { a href="/help" { (tr.t("guides-to-help")) } }
            p { a href="/report" { (tr.t("guides-to-report")) } }
            p { a href="/guides" { (tr.t("guides-back")) } }
            @if actor.as_ref().is_some_and(|a| policy::can_edit_guides(a.role())) {
                p { a href={ "/admin/guides/" (guide.slug) "/" (shown.lang.code()) } { (tr.t("guides-edit")) } }
            }
        }
    };
    Ok(knowledge_page(&ctx, actor.as_ref(), &shown.text.title, body).into_response())
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

fn hit_link(kind: DocKind, key: &str) -> String {
    match kind {
        DocKind::Guide => format!("/guides/{key}"),
        DocKind::Playbook => format!("/guides/playbooks/{key}"),
        DocKind::Diagnosis => format!("/help/{key}"),
    }
}

pub async fn search(
    State(app): State<AppState>,
    ctx: Ctx,
    MaybeMember(actor): MaybeMember,
    Query(query): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let hits = app.knowledge.search(app.search_index.as_ref(), &query.q, language(&ctx), RESULTS).await?;
    let body = html! {
        h1 { (tr.t("guides-search-title")) }
        (search_form(&ctx, &query.q))
        @if query.q.trim().is_empty() {
            p.muted { (tr.t("guides-search-empty-query")) }
        } @else if hits.is_empty() {
            p { (tr.t("guides-search-none")) }
            p { a href="/help" { (tr.t("guides-to-help")) } }
        } @else {
            p.muted { (tr.t_count("guides-search-count", hits.len())) }
            ol.results {
                @for h in &hits {
                    li lang=(h.lang.code()) dir=(dir(h.lang)) {
                        a href=(hit_link(h.kind, &h.key)) { (h.title) }
                        " " small.muted { "(" (tr.t(&format!("guides-kind-{}", h.kind.code()))) ")" }
                        p.muted { (h.summary) }
                    }
                }
            }
        }
        p { a href="/guides" { (tr.t("guides-back")) } }
    };
    Ok(knowledge_page(&ctx, actor.as_ref(), &tr.t("guides-search-title"), body).into_response())
}

/// What a playbook tells the person attacked; a member also sees the responders' steps.
pub async fn playbook(
    State(app): State<AppState>,
    ctx: Ctx,
    MaybeMember(actor): MaybeMember,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let lang = ctx.lang().code();
    let library = app.cases.playbook_library().await?;
    let p = library.iter().find(|p| p.code == code).ok_or(WebError::NotFound)?;
    let title = p.title.get(lang).to_owned();
    let body = html! {
        h1 { (title) }
        @if !p.reporter_steps.is_empty() {
            h2 { (tr.t("guides-playbook-for-you")) }
            ol { @for s in &p.reporter_steps { li { (s.get(lang)) } } }
        }
        @if actor.is_some() {
            h2 { (tr.t("guides-playbook-responders")) }
            ol { @for s in &p.steps { li { (s.get(lang)) } } }
        }
        p { a href="/report" { (tr.t("guides-to-report")) } }
        p { a href="/guides" { (tr.t("guides-back")) } }
    };
    Ok(knowledge_page(&ctx, actor.as_ref(), &title, body).into_response())
}
