//! `/admin/users` and `/admin/orgs`: the network's accounts and organizations. Admins
//! and coordinators see them; only admins change them.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::accounts::{KeyState, NewMember};
use vigie_core::store::OrgRecord;
use vigie_core::{
    Actor, DisplayName, DomainError, OrgId, OrgName, OrgSlug, Password, Problem, Role, UserId, Username, policy,
};

use super::forms::{FieldErrors, Input, csrf, domain_message, notice};
use super::layout::page;
use super::setup::recovery_key_shown_once;
use crate::auth::{Member, require};
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct AddUserForm {
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

fn key_state_label(ctx: &Ctx, s: KeyState) -> String {
    ctx.tr.t(match s {
        KeyState::Held => "key-held",
        KeyState::Pending => "key-pending",
        KeyState::Granted => "key-granted",
        KeyState::None => "key-none",
    })
}

pub async fn users(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    Ok(users_page(&app, &ctx, &actor, &AddUserForm::default(), &FieldErrors::default(), None).await?.into_response())
}

async fn users_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    form: &AddUserForm,
    errors: &FieldErrors,
    done: Option<String>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let users = app.accounts.users_visible_to(actor).await?;
    let orgs = app.accounts.orgs_visible_to(actor).await?;
    let org_name = |id: OrgId| orgs.iter().find(|o| o.id == id).map_or("?", |o| o.name.as_str());
    let admin = policy::can_manage_accounts(actor.role());
    let body = html! {
        h1 { (tr.t("users-title")) }
        @if let Some(d) = done { (notice("ok", &d)) }
        table {
            thead { tr {
                th { (tr.t("field-username")) } th { (tr.t("field-display-name")) } th { (tr.t("field-org")) }
                th { (tr.t("field-role")) } th { (tr.t("users-key")) } th { (tr.t("users-status")) }
                @if admin { th { (tr.t("users-actions")) } }
            } }
            tbody {
                @for (u, key) in &users {
                    tr {
                        td dir="ltr" { (u.username) }
                        td { (u.display_name) }
                        td { (org_name(u.org_id)) }
                        td { (tr.t(&format!("role-{}", u.role.as_str()))) }
                        td { (key_state_label(ctx, *key)) }
                        td { @if u.disabled { (tr.t("users-disabled")) } @else { (tr.t("users-active")) } }
                        @if admin {
                            td {
                                @if !u.disabled && u.id != actor.user.id {
                                    form.inline method="post" action={ "/admin/users/" (u.id) "/disable" } {
                                        (csrf(ctx))
                                        button.danger type="submit" { (tr.t("users-disable")) }
                                    }
                                    form.inline method="post" action={ "/admin/users/" (u.id) "/password" } {
                                        (csrf(ctx))
                                        label.visually-hidden for={ "pw-" (u.id) } { (tr.t("field-new-password")) }
                                        input id={ "pw-" (u.id) } type="password" name="password"
                                            autocomplete="new-password" minlength="10" required
                                            placeholder=(tr.t("field-new-password"));
                                        button type="submit" { (tr.t("users-reset-password")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if admin {
            h2 { (tr.t("users-add-title")) }
            p.muted { (tr.t("users-add-explain")) }
            form method="post" action="/admin/users" {
                (csrf(ctx))
                div.field.invalid[errors.get("org_id").is_some()] {
                    label for="f-org_id" { (tr.t("field-org")) }
                    select id="f-org_id" name="org_id" {
                        @for o in &orgs {
                            option
                                value=(o.id)
                                selected[form.org_id == o.id.to_string()
                                    || (form.org_id.is_empty() && o.id == actor.user.org_id)]
                            { (o.name) }
                        }
                    }
                }
                (Input::new("username", tr.t("field-username"))
                    .value(&form.username)
                    .hint(tr.t("hint-username"))
                    .render(errors))
                (Input::new("display_name", tr.t("field-display-name")).value(&form.display_name).render(errors))
                div.field {
                    label for="f-role" { (tr.t("field-role")) }
                    select id="f-role" name="role" {
                        @for r in [Role::Responder, Role::Coordinator, Role::Admin] {
                            option value=(r.as_str()) selected[form.role == r.as_str()] {
                                (tr.t(&format!("role-{}", r.as_str())))
                            }
                        }
                    }
                }
                (Input::new("password", tr.t("field-initial-password"))
                    .kind("password")
                    .autocomplete("new-password")
                    .hint(tr.t("hint-password"))
                    .render(errors))
                button type="submit" { (tr.t("users-add-submit")) }
            }
        }
    };
    Ok(page(ctx, Some(actor), &tr.t("users-title"), body))
}

pub async fn add_user(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<AddUserForm>,
) -> Result<Response, WebError> {
    require(policy::can_manage_accounts(actor.role()))?;
    let tr = ctx.tr;
    let mut errors = FieldErrors::default();
    let org = form.org_id.parse::<i64>().map(OrgId).ok();
    if org.is_none() {
        errors.add("org_id", tr.t("error-not-found"));
    }
    let username = errors.take(tr, "username", Username::parse(&form.username));
    let display_name = errors.take(tr, "display_name", DisplayName::parse(&form.display_name));
    let role = errors.take(tr, "role", Role::parse(&form.role));
    let password = errors.take(tr, "password", Password::parse(&form.password));
    let (Some(org), Some(username), Some(display_name), Some(role), Some(password)) =
        (org, username, display_name, role, password)
    else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, users_page(&app, &ctx, &actor, &form, &errors, None).await?)
            .into_response());
    };
    let name = username.as_str().to_owned();
    match app.accounts.add_member(Some(&actor), NewMember { org, username, display_name, role, password }, None).await {
        Ok((_, state)) => {
            let key = key_state_label(&ctx, state);
            let msg = tr.t_with("users-added", &[("username", &name), ("key", &key)]);
            Ok(users_page(&app, &ctx, &actor, &AddUserForm::default(), &FieldErrors::default(), Some(msg))
                .await?
                .into_response())
        }
        Err(e @ (DomainError::Conflict(_) | DomainError::Invalid { .. } | DomainError::NotFound)) => {
            let field = if matches!(e, DomainError::NotFound) { "org_id" } else { "username" };
            errors.add(field, domain_message(tr, &e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, users_page(&app, &ctx, &actor, &form, &errors, None).await?)
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn disable_user(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<super::login::Empty>,
) -> Result<Response, WebError> {
    require(policy::can_manage_accounts(actor.role()))?;
    match app.accounts.disable_user(Some(&actor), UserId(id)).await {
        Ok(()) => Ok(Redirect::to("/admin/users").into_response()),
        Err(e @ DomainError::Invalid { problem: Problem::SelfDisable | Problem::LastAdmin, .. }) => {
            let page = message_page(&ctx, &actor, &domain_message(ctx.tr, &e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

pub async fn reset_password(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<Response, WebError> {
    require(policy::can_manage_accounts(actor.role()))?;
    let tr = ctx.tr;
    let password = match Password::parse(&form.password) {
        Ok(p) => p,
        Err(e) => {
            return Ok(
                (StatusCode::UNPROCESSABLE_ENTITY, message_page(&ctx, &actor, &domain_message(tr, &e))).into_response()
            );
        }
    };
    match app.accounts.reset_password(Some(&actor), UserId(id), password, None).await {
        Ok(state) => {
            let msg = tr.t_with("users-password-reset", &[("key", &key_state_label(&ctx, state))]);
            Ok(users_page(&app, &ctx, &actor, &AddUserForm::default(), &FieldErrors::default(), Some(msg))
                .await?
                .into_response())
        }
        Err(e @ DomainError::Invalid { .. }) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, message_page(&ctx, &actor, &domain_message(tr, &e))).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn message_page(ctx: &Ctx, actor: &Actor, text: &str) -> Markup {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("users-title")) }
        (notice("error", text))
        p { a href="/admin/users" { (tr.t("users-back")) } }
    };
    page(ctx, Some(actor), &tr.t("users-title"), body)
}

#[derive(Deserialize, Default)]
pub struct AddOrgForm {
    #[serde(default)]
    org_name: String,
    #[serde(default)]
    org_slug: String,
}

pub async fn orgs(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    require(policy::can_view_network(actor.role()))?;
    let orgs = app.accounts.orgs_visible_to(&actor).await?;
    Ok(orgs_page(&ctx, &actor, &orgs, &AddOrgForm::default(), &FieldErrors::default()).into_response())
}

fn orgs_page(ctx: &Ctx, actor: &Actor, orgs: &[OrgRecord], form: &AddOrgForm, errors: &FieldErrors) -> Markup {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("orgs-title")) }
        table {
            thead { tr { th { (tr.t("field-org-name")) } th { (tr.t("org-slug")) } th { (tr.t("org-public-key")) } } }
            tbody {
                @for o in orgs {
                    tr { td { (o.name) } td dir="ltr" { (o.slug) } td { code dir="ltr" { (o.public_key) } } }
                }
            }
        }
        @if policy::can_manage_accounts(actor.role()) {
            h2 { (tr.t("orgs-add-title")) }
            form method="post" action="/admin/orgs" {
                (csrf(ctx))
                (Input::new("org_name", tr.t("field-org-name")).value(&form.org_name).render(errors))
                (Input::new("org_slug", tr.t("field-org-slug"))
                    .value(&form.org_slug)
                    .hint(tr.t("hint-org-slug"))
                    .render(errors))
                button type="submit" { (tr.t("orgs-add-submit")) }
            }
        }
    };
    page(ctx, Some(actor), &tr.t("orgs-title"), body)
}

pub async fn add_org(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<AddOrgForm>,
) -> Result<Response, WebError> {
    require(policy::can_manage_accounts(actor.role()))?;
    let tr = ctx.tr;
    let mut errors = FieldErrors::default();
    let name = errors.take(tr, "org_name", OrgName::parse(&form.org_name));
    let slug = errors.take(
        tr,
        "org_slug",
        OrgSlug::parse(&form.org_slug).map_err(|_| DomainError::invalid("org_slug", Problem::SlugFormat)),
    );
    let result = match (name, slug) {
        (Some(name), Some(slug)) => match app.accounts.create_org(Some(&actor), name, slug).await {
            Ok(created) => {
                let body = recovery_key_shown_once(&ctx, &created.recovery_key.to_printable(), false);
                return Ok(page(&ctx, Some(&actor), &tr.t("recovery-title"), body).into_response());
            }
            Err(e @ DomainError::Conflict(_)) => Err(e),
            Err(e) => return Err(e.into()),
        },
        _ => Ok(()),
    };
    if let Err(e) = result {
        errors.add("org_slug", domain_message(tr, &e));
    }
    let orgs = app.accounts.orgs_visible_to(&actor).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, orgs_page(&ctx, &actor, &orgs, &form, &errors)).into_response())
}
