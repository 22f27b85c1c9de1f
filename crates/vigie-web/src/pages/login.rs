//! `/login` and `/logout`. A wrong password and an unknown account get the same answer
//! after the same work; the tenth failure in a row is throttled, for unknown clients only:
//! a browser that once logged in to the account carries a device cookie for it and is
//! throttled on its own (see `vigie_core::accounts::device`).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::{Accounts, DomainError};

use super::forms::{FieldErrors, Input, csrf, notice};
use super::layout::page;
use crate::auth::{MaybeMember, Member};
use crate::context::{Ctx, DEVICE_COOKIE, SESSION_COOKIE};
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::metrics::LoginOutcome;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    notice: Option<String>,
}

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    MaybeMember(actor): MaybeMember,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    if actor.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let tr = ctx.tr;
    let mut notices = vec![];
    if app.accounts.needs_setup().await? {
        notices.push(notice("warn", &tr.t("login-needs-setup")));
    }
    match q.notice.as_deref() {
        Some("password-changed") => notices.push(notice("ok", &tr.t("login-password-changed"))),
        Some("logged-out") => notices.push(notice("ok", &tr.t("login-logged-out"))),
        _ => {}
    }
    Ok(form_page(&ctx, &LoginForm::default(), notices, &FieldErrors::default()).into_response())
}

pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let now = app.accounts.now();
    let account = Accounts::login_account(&form.username);
    let previous = jar.get(DEVICE_COOKIE).map(|c| c.value().to_owned());
    let device = previous.as_deref().and_then(|c| app.device_cookies.recognise(c, &account, now));
    match app.accounts.login_from(&form.username, &form.password, &ctx.client, device.as_ref()).await {
        Ok(done) => {
            app.metrics.login(LoginOutcome::Ok);
            let nonce = vigie_crypto::token::random_bytes::<16>();
            let device = app.device_cookies.after_login(previous.as_deref(), &account, nonce, now);
            let device = Cookie::build((DEVICE_COOKIE, device))
                .path("/login")
                .http_only(true)
                .same_site(SameSite::Strict)
                .secure(ctx.secure_cookies)
                .max_age(time::Duration::seconds(app.device_cookies.max_age_secs))
                .build();
            let jar = jar.add(ctx.cookie(SESSION_COOKIE, done.token)).add(device);
            Ok((jar, Redirect::to("/")).into_response())
        }
        Err(DomainError::BadCredentials) => {
            app.metrics.login(LoginOutcome::Refused);
            let n = vec![notice("error", &tr.t("login-failed"))];
            Ok((StatusCode::UNAUTHORIZED, form_page(&ctx, &form, n, &FieldErrors::default())).into_response())
        }
        Err(DomainError::Throttled { retry_after_secs }) => {
            app.metrics.login(LoginOutcome::Throttled);
            let minutes = ((retry_after_secs + 59) / 60).to_string();
            let n = vec![notice("error", &tr.t_with("login-throttled", &[("minutes", &minutes)]))];
            let mut r =
                (StatusCode::TOO_MANY_REQUESTS, form_page(&ctx, &form, n, &FieldErrors::default())).into_response();
            if let Ok(v) = retry_after_secs.to_string().parse() {
                r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    State(app): State<AppState>,
    jar: CookieJar,
    Member(actor): Member,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, WebError> {
    app.accounts.logout(&actor).await?;
    let jar = jar.remove(axum_extra::extract::cookie::Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login?notice=logged-out")).into_response())
}

fn form_page(ctx: &Ctx, form: &LoginForm, notices: Vec<Markup>, errors: &FieldErrors) -> Markup {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("login-title")) }
        @for n in notices { (n) }
        form method="post" action="/login" {
            (csrf(ctx))
            (Input::new("username", tr.t("field-username"))
                .value(&form.username)
                .autocomplete("username")
                .render(errors))
            (Input::new("password", tr.t("field-password"))
                .kind("password")
                .autocomplete("current-password")
                .render(errors))
            button type="submit" { (tr.t("login-submit")) }
        }
    };
    page(ctx, None, &tr.t("login-title"), body)
}
