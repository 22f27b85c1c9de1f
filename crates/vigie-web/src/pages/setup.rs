//! `/setup?token=…`: the one-time link printed at first start, where the person
//! installing Vigie creates the first organization and its admin account, and is shown
//! the organization's recovery key exactly once.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::accounts::SetupForm as Cmd;
use vigie_core::{DisplayName, DomainError, OrgName, OrgSlug, Password, Problem, Username};

use super::forms::{FieldErrors, Input, csrf, domain_message, notice};
use super::layout::page;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    org_name: String,
    #[serde(default)]
    org_slug: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn show(State(app): State<AppState>, ctx: Ctx, Query(q): Query<TokenQuery>) -> Result<Response, WebError> {
    if !app.accounts.needs_setup().await? {
        return Ok(done_already(&ctx).into_response());
    }
    if !app.accounts.setup_token_valid(&q.token).await? {
        return Ok((StatusCode::NOT_FOUND, invalid_link(&ctx)).into_response());
    }
    let form = SetupForm { token: q.token, ..SetupForm::default() };
    Ok(form_page(&ctx, &form, &FieldErrors::default()).into_response())
}

pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<SetupForm>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let mut errors = FieldErrors::default();
    let org_name = errors.take(tr, "org_name", OrgName::parse(&form.org_name));
    let org_slug = errors.take(
        tr,
        "org_slug",
        OrgSlug::parse(&form.org_slug).map_err(|_| DomainError::invalid("org_slug", Problem::SlugFormat)),
    );
    let display_name = errors.take(tr, "display_name", DisplayName::parse(&form.display_name));
    let username = errors.take(tr, "username", Username::parse(&form.username));
    let password = errors.take(tr, "password", Password::parse(&form.password));
    if form.password != form.password_confirm {
        errors.add("password_confirm", tr.t("problem-password-mismatch"));
    }
    let (Some(org_name), Some(org_slug), Some(display_name), Some(username), Some(password), true) =
        (org_name, org_slug, display_name, username, password, errors.is_empty())
    else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(&ctx, &form, &errors)).into_response());
    };
    let cmd = Cmd { org_name, org_slug, username, display_name, password };
    match app.accounts.complete_setup(&form.token, cmd).await {
        Ok(created) => {
            let body = recovery_key_shown_once(&ctx, &created.recovery_key.to_printable(), true);
            Ok(page(&ctx, None, &tr.t("setup-done-title"), body).into_response())
        }
        Err(DomainError::AlreadySetUp) => Ok(done_already(&ctx).into_response()),
        Err(DomainError::BadSetupToken) => Ok((StatusCode::NOT_FOUND, invalid_link(&ctx)).into_response()),
        Err(e @ DomainError::Conflict(_)) => {
            errors.add(
                if matches!(e, DomainError::Conflict("username")) { "username" } else { "org_slug" },
                domain_message(tr, &e),
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(&ctx, &form, &errors)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The recovery key, with what to do with it. Used by setup and by `/admin/orgs`.
pub fn recovery_key_shown_once(ctx: &Ctx, printable: &str, after_setup: bool) -> Markup {
    let tr = ctx.tr;
    html! {
        h1 { (tr.t("recovery-title")) }
        (notice("warn", &tr.t("recovery-once")))
        p { (tr.t("recovery-explain")) }
        pre.secret dir="ltr" { (printable) }
        ul {
            li { (tr.t("recovery-keep-1")) }
            li { (tr.t("recovery-keep-2")) }
            li { (tr.t("recovery-keep-3")) }
        }
        @if after_setup {
            p { a.button href="/login" { (tr.t("setup-go-login")) } }
        } @else {
            p { a.button href="/admin/orgs" { (tr.t("orgs-back")) } }
        }
    }
}

fn form_page(ctx: &Ctx, form: &SetupForm, errors: &FieldErrors) -> Markup {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("setup-title")) }
        p { (tr.t("setup-intro")) }
        form method="post" action="/setup" {
            (csrf(ctx))
            input type="hidden" name="token" value=(form.token);
            fieldset {
                legend { (tr.t("setup-org-legend")) }
                (Input::new("org_name", tr.t("field-org-name"))
                    .value(&form.org_name)
                    .autocomplete("organization")
                    .render(errors))
                (Input::new("org_slug", tr.t("field-org-slug"))
                    .value(&form.org_slug)
                    .hint(tr.t("hint-org-slug"))
                    .render(errors))
            }
            fieldset {
                legend { (tr.t("setup-admin-legend")) }
                (Input::new("display_name", tr.t("field-display-name"))
                    .value(&form.display_name)
                    .autocomplete("name")
                    .render(errors))
                (Input::new("username", tr.t("field-username"))
                    .value(&form.username)
                    .autocomplete("username")
                    .hint(tr.t("hint-username"))
                    .render(errors))
                (Input::new("password", tr.t("field-password"))
                    .kind("password")
                    .autocomplete("new-password")
                    .hint(tr.t("hint-password"))
                    .render(errors))
                (Input::new("password_confirm", tr.t("field-password-confirm"))
                    .kind("password")
                    .autocomplete("new-password")
                    .render(errors))
            }
            button type="submit" { (tr.t("setup-submit")) }
        }
    };
    page(ctx, None, &tr.t("setup-title"), body)
}

fn invalid_link(ctx: &Ctx) -> Markup {
    let tr = ctx.tr;
    page(ctx, None, &tr.t("setup-title"), html! { h1 { (tr.t("setup-title")) } p { (tr.t("setup-link-invalid")) } })
}

fn done_already(ctx: &Ctx) -> Markup {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("setup-title")) }
        p { (tr.t("setup-done-already")) }
        p { a href="/login" { (tr.t("setup-go-login")) } }
    };
    page(ctx, None, &tr.t("setup-title"), body)
}
