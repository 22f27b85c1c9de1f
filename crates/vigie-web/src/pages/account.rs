//! `/account`: one's own password and API tokens.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::{Actor, DomainError, Password, Problem, TokenId};

use super::forms::{FieldErrors, Input, csrf, domain_message, notice};
use super::layout::page;
use crate::auth::Member;
use crate::context::{Ctx, SESSION_COOKIE};
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub async fn show(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    Ok(account_page(&app, &ctx, &actor, &FieldErrors::default(), None).await?.into_response())
}

async fn account_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    errors: &FieldErrors,
    new_token: Option<&str>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let tokens = app.accounts.api_tokens(actor).await?;
    let body = html! {
        h1 { (tr.t("account-title")) }
        dl {
            dt { (tr.t("field-username")) } dd dir="ltr" { (actor.user.username) }
            dt { (tr.t("field-display-name")) } dd { (actor.user.display_name) }
            dt { (tr.t("field-role")) } dd { (tr.t(&format!("role-{}", actor.role().as_str()))) }
        }
        h2 { (tr.t("account-password-title")) }
        p.muted { (tr.t("account-password-explain")) }
        form method="post" action="/account/password" {
            (csrf(ctx))
            (Input::new("current_password", tr.t("field-current-password"))
                .kind("password")
                .autocomplete("current-password")
                .render(errors))
            (Input::new("password", tr.t("field-new-password"))
                .kind("password")
                .autocomplete("new-password")
                .hint(tr.t("hint-password"))
                .render(errors))
            (Input::new("password_confirm", tr.t("field-password-confirm"))
                .kind("password")
                .autocomplete("new-password")
                .render(errors))
            button type="submit" { (tr.t("account-password-submit")) }
        }
        h2 id="tokens" { (tr.t("tokens-title")) }
        p.muted { (tr.t("tokens-explain")) }
        @if let Some(t) = new_token {
            (notice("warn", &tr.t("tokens-shown-once")))
            pre.secret dir="ltr" { (t) }
        }
        @if tokens.is_empty() {
            p { (tr.t("tokens-none")) }
        } @else {
            table {
                thead { tr { th { (tr.t("tokens-name")) } th { (tr.t("tokens-status")) } th {} } }
                tbody {
                    @for t in &tokens {
                        tr {
                            td { (t.name) }
                            td { @if t.revoked { (tr.t("tokens-revoked")) } @else { (tr.t("tokens-active")) } }
                            td {
                                @if !t.revoked {
                                    form.inline method="post" action={ "/account/tokens/" (t.id) "/revoke" } {
                                        (csrf(ctx))
                                        button.danger type="submit" { (tr.t("tokens-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        form method="post" action="/account/tokens" {
            (csrf(ctx))
            (Input::new("token_name", tr.t("tokens-name")).render(errors))
            button type="submit" { (tr.t("tokens-create")) }
        }
    };
    Ok(page(ctx, Some(actor), &tr.t("account-title"), body))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn change_password(
    State(app): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let mut errors = FieldErrors::default();
    let password = errors.take(tr, "password", Password::parse(&form.password));
    if form.password != form.password_confirm {
        errors.add("password_confirm", tr.t("problem-password-mismatch"));
    }
    if let (Some(password), true) = (password, errors.is_empty()) {
        match app.accounts.change_password(&actor, &form.current_password, password).await {
            Ok(()) => {
                let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
                return Ok((jar, Redirect::to("/login?notice=password-changed")).into_response());
            }
            Err(e @ DomainError::Invalid { problem: Problem::WrongPassword, .. }) => {
                errors.add("current_password", domain_message(tr, &e))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let page = account_page(&app, &ctx, &actor, &errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token_name: String,
}

pub async fn create_token(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, WebError> {
    match app.accounts.create_api_token(&actor, &form.token_name).await {
        Ok((_, token)) => {
            Ok(account_page(&app, &ctx, &actor, &FieldErrors::default(), Some(&token)).await?.into_response())
        }
        Err(e @ DomainError::Invalid { .. }) => {
            let mut errors = FieldErrors::default();
            errors.add("token_name", domain_message(ctx.tr, &e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, account_page(&app, &ctx, &actor, &errors, None).await?)
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke_token(
    State(app): State<AppState>,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<super::login::Empty>,
) -> Result<Response, WebError> {
    app.accounts.revoke_api_token(&actor, TokenId(id)).await?;
    Ok(Redirect::to("/account#tokens").into_response())
}
