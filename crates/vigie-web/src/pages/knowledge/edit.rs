//! `/admin/guides`: the admins' side of the library. Every translation of every guide,
//! shipped or written here; an edit is a new version with a note, and each translation's
//! history says who changed what and when, and can bring an older text back.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::knowledge::{GuideSlug, Language};
use vigie_core::store::GuideVersionRow;
use vigie_core::{Actor, DomainError, policy};

use super::{dir, native_name};
use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::pages::cases::when;
use crate::pages::forms::{FieldErrors, csrf, domain_message, notice};
use crate::pages::layout::page;
use crate::state::AppState;

fn parse_lang(raw: &str) -> Result<Language, WebError> {
    Language::parse(raw).ok_or(WebError::NotFound)
}

pub async fn list(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_edit_guides(actor.role()))?;
    Ok(list_page(&app, &ctx, &actor, "", &FieldErrors::default()).await?.into_response())
}

async fn list_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    new_slug: &str,
    errors: &FieldErrors,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let guides = app.knowledge.guides().await?;
    let body = html! {
        h1 { (tr.t("guides-admin-title")) }
        p.muted { (tr.t("guides-admin-explain")) }
        table {
            thead { tr {
                th { (tr.t("guides-admin-guide")) }
                @for l in Language::ALL { th lang=(l.code()) { (native_name(l)) } }
            } }
            tbody {
                @for g in &guides {
                    tr {
                        td {
                            a href={ "/guides/" (g.slug) } { (g.slug) }
                            @if !g.shipped { " " small.muted { (tr.t("guides-admin-local")) } }
                        }
                        @for l in Language::ALL {
                            td {
                                a href={ "/admin/guides/" (g.slug) "/" (l.code()) } {
                                    @match g.texts.get(&l) {
                                        None => (tr.t("guides-admin-missing")),
                                        Some((_, None)) => (tr.t("guides-admin-shipped")),
                                        Some((_, Some(e))) => (tr.t_with("guides-admin-version", &[("version", &e.version.to_string())])),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (tr.t("guides-admin-new")) }
        form method="get" action="/admin/guides/new" {
            div.field.invalid[errors.get("slug").is_some()] {
                label for="f-slug" { (tr.t("guides-admin-slug")) }
                small.hint { (tr.t("problem-guide-slug")) }
                input id="f-slug" name="slug" type="text" dir="ltr" value=(new_slug) required pattern="[a-z0-9-]{2,60}";
                @if let Some(e) = errors.get("slug") { p.error role="alert" { (e) } }
            }
            div.field {
                label for="f-lang" { (tr.t("guides-admin-language")) }
                select id="f-lang" name="lang" {
                    @for l in Language::ALL {
                        option value=(l.code()) selected[l.code() == ctx.lang().code()] { (native_name(l)) }
                    }
                }
            }
            button type="submit" { (tr.t("guides-admin-write")) }
        }
    };
    Ok(page(ctx, Some(actor), &tr.t("guides-admin-title"), body))
}

#[derive(Deserialize, Default)]
pub struct NewGuide {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    lang: String,
}

/// The "write a new guide" form: a checked slug leads to its (empty) editor.
pub async fn new(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Query(q): Query<NewGuide>,
) -> Result<Response, WebError> {
    require(policy::can_edit_guides(actor.role()))?;
    let lang = Language::parse(&q.lang).unwrap_or(Language::En);
    match GuideSlug::parse(q.slug.trim()) {
        Ok(slug) => Ok(Redirect::to(&format!("/admin/guides/{slug}/{}", lang.code())).into_response()),
        Err(e) => {
            let mut errors = FieldErrors::default();
            errors.add("slug", domain_message(ctx.tr, &e));
            let page = list_page(&app, &ctx, &actor, &q.slug, &errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize, Default)]
pub struct Saved {
    saved: Option<String>,
}

pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path((slug, lang)): Path<(String, String)>,
    Query(saved): Query<Saved>,
) -> Result<Response, WebError> {
    require(policy::can_edit_guides(actor.role()))?;
    let lang = parse_lang(&lang)?;
    let slug = GuideSlug::parse(&slug).map_err(|_| WebError::NotFound)?;
    let current = match app.knowledge.guide(slug.as_str()).await {
        Ok(g) => g.texts.get(&lang).map(|(t, _)| t.markdown.clone()).unwrap_or_default(),
        Err(DomainError::NotFound) => String::new(),
        Err(e) => return Err(e.into()),
    };
    let form = EditForm { body: current, note: String::new() };
    let no_errors = FieldErrors::default();
    let page = edit_page(&app, &ctx, &actor, &slug, lang, &form, &no_errors, saved.saved.is_some()).await?;
    Ok(page.into_response())
}

pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path((slug, lang)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> Result<Response, WebError> {
    require(policy::can_edit_guides(actor.role()))?;
    let lang = parse_lang(&lang)?;
    let slug = GuideSlug::parse(&slug).map_err(|_| WebError::NotFound)?;
    match app.knowledge.save_guide(&actor, slug.as_str(), lang, &form.body, &form.note).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/guides/{slug}/{}?saved=1", lang.code())).into_response()),
        Err(e @ (DomainError::Invalid { .. } | DomainError::Conflict(_))) => {
            let mut errors = FieldErrors::default();
            let message = match &e {
                DomainError::Conflict(_) => ctx.tr.t("guides-admin-unchanged"),
                other => domain_message(ctx.tr, other),
            };
            let field = if matches!(&e, DomainError::Invalid { field: "note", .. }) { "note" } else { "body" };
            errors.add(field, message);
            let page = edit_page(&app, &ctx, &actor, &slug, lang, &form, &errors, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    slug: &GuideSlug,
    lang: Language,
    form: &EditForm,
    errors: &FieldErrors,
    just_saved: bool,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let history = app.knowledge.history(actor, slug.as_str(), lang).await?;
    let title = tr.t_with("guides-admin-edit-title", &[("guide", slug.as_str()), ("language", native_name(lang))]);
    let action = format!("/admin/guides/{slug}/{}", lang.code());
    let body = html! {
        p.muted { a href="/admin/guides" { (tr.t("guides-admin-title")) } }
        h1 { (title) }
        @if just_saved { (notice("ok", &tr.t("guides-admin-saved"))) }
        p.muted { (tr.t("guides-admin-format")) }
        form method="post" action=(action) {
            (csrf(ctx))
            div.field.invalid[errors.get("body").is_some()] {
                label for="f-body" { (tr.t("guides-admin-text")) }
                @if let Some(e) = errors.get("body") { p.error role="alert" { (e) } }
                textarea id="f-body" name="body" rows="24" lang=(lang.code()) dir=(dir(lang)) { (form.body) }
            }
            div.field.invalid[errors.get("note").is_some()] {
                label for="f-note" { (tr.t("guides-admin-note")) }
                @if let Some(e) = errors.get("note") { p.error role="alert" { (e) } }
                input id="f-note" name="note" type="text" maxlength="500" value=(form.note);
            }
            button type="submit" { (tr.t("guides-admin-save")) }
        }
        h2 { (tr.t("guides-admin-history")) }
        @if history.is_empty() {
            p.muted { (tr.t("guides-admin-no-history")) }
        } @else {
            ol.history reversed {
                @for v in &history { (version_item(ctx, &action, v)) }
            }
        }
    };
    Ok(page(ctx, Some(actor), &title, body))
}

fn version_item(ctx: &Ctx, action: &str, v: &GuideVersionRow) -> Markup {
    let tr = ctx.tr;
    let restored = tr.t_with("guides-admin-restored-note", &[("version", &v.version.to_string())]);
    html! {
        li {
            strong { (tr.t_with("guides-admin-version", &[("version", &v.version.to_string())])) }
            " · " bdi { (v.by_name) } " · " (when(v.at))
            @if !v.note.is_empty() { p { bdi { (v.note) } } }
            details {
                summary { (tr.t("guides-admin-show-text")) }
                pre.guide-source dir="auto" { (v.markdown) }
                form method="post" action=(action) {
                    (csrf(ctx))
                    input type="hidden" name="body" value=(v.markdown);
                    input type="hidden" name="note" value=(restored);
                    button type="submit" { (tr.t("guides-admin-restore")) }
                }
            }
        }
    }
}
