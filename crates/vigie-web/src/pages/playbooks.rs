//! `/admin/playbooks`: the playbook library. Admins and coordinators read it; admins
//! edit it, one step per line, the same number of steps in each language.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::playbook::{Playbook, from_edit};
use vigie_core::{Actor, DomainError, policy};

use super::forms::{FieldErrors, csrf, domain_message};
use super::layout::page;
use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub async fn list(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let tr = ctx.tr;
    let lang = ctx.lang().code();
    let library = app.cases.playbook_library().await?;
    let body = html! {
        h1 { (tr.t("playbooks-title")) }
        p.muted { (tr.t("playbooks-explain")) }
        @for p in &library {
            section.playbook {
                h2 { (p.title.get(lang)) }
                @let applies_to: Vec<String> =
                    p.applies_to.iter().map(|t| tr.t(&format!("incident-{}", t.code()))).collect();
                p.muted { (applies_to.join(", ")) }
                ol { @for s in &p.steps { li { (s.get(lang)) } } }
                @if !p.reporter_steps.is_empty() {
                    h3 { (tr.t("playbooks-reporter-steps")) }
                    ul { @for s in &p.reporter_steps { li { (s.get(lang)) } } }
                }
                @if policy::can_manage_accounts(actor.role()) {
                    p { a href={ "/admin/playbooks/" (p.code) } { (tr.t("playbooks-edit")) } }
                }
            }
        }
    };
    Ok(page(&ctx, Some(&actor), &tr.t("playbooks-title"), body).into_response())
}

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    title_fr: String,
    #[serde(default)]
    title_ar: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    steps_fr: String,
    #[serde(default)]
    steps_ar: String,
    #[serde(default)]
    steps_en: String,
    #[serde(default)]
    reporter_fr: String,
    #[serde(default)]
    reporter_ar: String,
    #[serde(default)]
    reporter_en: String,
}

impl EditForm {
    fn from_playbook(p: &Playbook) -> Self {
        let join =
            |v: &[vigie_core::playbook::Text], l: &str| v.iter().map(|t| t.get(l)).collect::<Vec<_>>().join("\n");
        Self {
            title_fr: p.title.fr.clone(),
            title_ar: p.title.ar.clone(),
            title_en: p.title.en.clone(),
            steps_fr: join(&p.steps, "fr"),
            steps_ar: join(&p.steps, "ar"),
            steps_en: join(&p.steps, "en"),
            reporter_fr: join(&p.reporter_steps, "fr"),
            reporter_ar: join(&p.reporter_steps, "ar"),
            reporter_en: join(&p.reporter_steps, "en"),
        }
    }
}

async fn find(app: &AppState, code: &str) -> Result<Playbook, WebError> {
    app.cases.playbook_library().await?.into_iter().find(|p| p.code == code).ok_or(WebError::NotFound)
}

pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    require(policy::can_manage_accounts(actor.role()))?;
    let p = find(&app, &code).await?;
    Ok(edit_page(&ctx, &actor, &p, &EditForm::from_playbook(&p), &FieldErrors::default()).into_response())
}

pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(code): Path<String>,
    CsrfForm(f): CsrfForm<EditForm>,
) -> Result<Response, WebError> {
    require(policy::can_manage_accounts(actor.role()))?;
    let p = find(&app, &code).await?;
    let edited = from_edit(
        &p,
        [&f.title_fr, &f.title_ar, &f.title_en],
        [&f.steps_fr, &f.steps_ar, &f.steps_en],
        [&f.reporter_fr, &f.reporter_ar, &f.reporter_en],
    );
    match edited {
        Ok(edited) => {
            app.cases.save_playbook(&actor, &edited).await?;
            Ok(Redirect::to("/admin/playbooks").into_response())
        }
        Err(e @ DomainError::Invalid { field, .. }) => {
            let mut errors = FieldErrors::default();
            errors.add(if field == "title" { "title" } else { "steps" }, domain_message(ctx.tr, &e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, edit_page(&ctx, &actor, &p, &f, &errors)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn edit_page(ctx: &Ctx, actor: &Actor, p: &Playbook, f: &EditForm, errors: &FieldErrors) -> Markup {
    let tr = ctx.tr;
    let area = |name: &str, label: String, value: &str, dir: &str| {
        let id = format!("f-{name}");
        html! {
            div.field {
                label for=(id) { (label) }
                textarea id=(id) name=(name) rows="6" dir=(dir) { (value) }
            }
        }
    };
    let input = |name: &str, label: String, value: &str, dir: &str| {
        let id = format!("f-{name}");
        html! {
            div.field {
                label for=(id) { (label) }
                input id=(id) name=(name) type="text" dir=(dir) value=(value) required;
            }
        }
    };
    let body = html! {
        h1 { (tr.t("playbooks-edit")) " · " (p.title.get(ctx.lang().code())) }
        @for field in ["title", "steps"] { @if let Some(e) = errors.get(field) { p.error role="alert" { (e) } } }
        p.muted { (tr.t("playbooks-edit-explain")) }
        form method="post" action={ "/admin/playbooks/" (p.code) } {
            (csrf(ctx))
            fieldset { legend { "Français" }
                (input("title_fr", tr.t("playbooks-field-title"), &f.title_fr, "ltr"))
                (area("steps_fr", tr.t("playbooks-field-steps"), &f.steps_fr, "ltr"))
                (area("reporter_fr", tr.t("playbooks-reporter-steps"), &f.reporter_fr, "ltr")) }
            fieldset lang="ar" dir="rtl" { legend { "العربية" }
                (input("title_ar", tr.t("playbooks-field-title"), &f.title_ar, "rtl"))
                (area("steps_ar", tr.t("playbooks-field-steps"), &f.steps_ar, "rtl"))
                (area("reporter_ar", tr.t("playbooks-reporter-steps"), &f.reporter_ar, "rtl")) }
            fieldset { legend { "English" }
                (input("title_en", tr.t("playbooks-field-title"), &f.title_en, "ltr"))
                (area("steps_en", tr.t("playbooks-field-steps"), &f.steps_en, "ltr"))
                (area("reporter_en", tr.t("playbooks-reporter-steps"), &f.reporter_en, "ltr")) }
            button type="submit" { (tr.t("playbooks-save")) }
        }
    };
    page(ctx, Some(actor), &tr.t("playbooks-title"), body)
}
