//! `/follow`: the reporter, with only their receipt code, sees the status of their case
//! and writes to the responders. The code travels only in POST bodies, never in a URL,
//! and an unknown code gets the same answer as a wrong one.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::DomainError;
use vigie_core::cases::Followed;
use vigie_core::receipt::ReceiptCode;

use super::forms::{csrf, domain_message, notice};
use super::layout::public_page;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;
use crate::uploads::UploadForm;

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: Option<String>,
}

pub async fn show(State(app): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    not_set_up(&app).await?;
    Ok(ask_page(&ctx, None).into_response())
}

pub async fn follow(
    State(app): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    not_set_up(&app).await?;
    app.admit_follow(&ctx.client)?;
    let code = match ReceiptCode::parse(&form.code) {
        Ok(c) => c,
        Err(e) => {
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, ask_page(&ctx, Some(domain_message(tr, &e)))).into_response());
        }
    };
    let mut sent = None;
    if let Some(message) = form.message.as_deref() {
        match app.cases.reporter_writes(&code, message).await {
            Ok(()) => sent = Some(tr.t("follow-sent")),
            Err(DomainError::NotFound) => return Ok(not_found(&ctx)),
            Err(e @ DomainError::Invalid { .. }) => sent = Some(domain_message(tr, &e)),
            Err(e) => return Err(e.into()),
        }
    }
    match app.cases.follow(&code).await {
        Ok(f) => Ok(case_page(&ctx, &code, &f, sent).into_response()),
        Err(DomainError::NotFound) => Ok(not_found(&ctx)),
        Err(e) => Err(e.into()),
    }
}

/// The reporter adds files to their case, with the code in the same form.
pub async fn add_files(State(app): State<AppState>, ctx: Ctx, upload: UploadForm) -> Result<Response, WebError> {
    let tr = ctx.tr;
    // The blobs are sealed to the case's organization, which only the code tells:
    // read the code first (it comes right after the CSRF token in the form).
    app.admit_follow(&ctx.client)?;
    let (code, upload) = upload.take_text("code").await?;
    let code = match ReceiptCode::parse(&code) {
        Ok(c) => c,
        Err(e) => {
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, ask_page(&ctx, Some(domain_message(tr, &e)))).into_response());
        }
    };
    let Some(org) = app.cases.org_of_receipt(&code).await? else { return Ok(not_found(&ctx)) };
    let (_, files, refusal) = upload.read(&app, org, app.config.uploads).await?;
    let note = match refusal {
        Some(r) => r.message(tr, app.config.uploads),
        None if files.is_empty() => tr.t("files-none-chosen"),
        None => {
            app.cases.reporter_adds_files(&code, &files).await?;
            tr.t_with("files-added", &[("count", &files.len().to_string())])
        }
    };
    match app.cases.follow(&code).await {
        Ok(f) => Ok(case_page(&ctx, &code, &f, Some(note)).into_response()),
        Err(DomainError::NotFound) => Ok(not_found(&ctx)),
        Err(e) => Err(e.into()),
    }
}

/// Before the first organization exists, the page says so (in the visitor's language).
async fn not_set_up(app: &AppState) -> Result<(), WebError> {
    if !app.accounts.has_orgs().await? {
        return Err(WebError::NotSetUp);
    }
    Ok(())
}

fn not_found(ctx: &Ctx) -> Response {
    (StatusCode::NOT_FOUND, ask_page(ctx, Some(ctx.tr.t("follow-not-found")))).into_response()
}

fn ask_page(ctx: &Ctx, error: Option<String>) -> Markup {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("follow-title")) }
        p { (tr.t("follow-intro")) }
        @if let Some(e) = error { (notice("error", &e)) }
        form method="post" action="/follow" {
            (csrf(ctx))
            div.field {
                label for="f-code" { (tr.t("follow-code")) }
                input id="f-code" name="code" type="text" dir="ltr" autocomplete="off" autocapitalize="characters"
                    spellcheck="false" placeholder="XXXX-XXXX-XXXX-XXXX" required;
            }
            button type="submit" { (tr.t("follow-submit")) }
        }
    };
    public_page(ctx, &tr.t("report-title"), body)
}

fn case_page(ctx: &Ctx, code: &ReceiptCode, f: &Followed, sent: Option<String>) -> Markup {
    let tr = ctx.tr;
    let body = html! {
        h1 { (tr.t("follow-title")) }
        p { (tr.t("follow-status")) " " strong { (tr.t(&format!("status-{}", f.status.code()))) } }
        @if let Some(s) = sent { (notice("ok", &s)) }
        h2 { (tr.t("follow-messages")) }
        @if f.messages.is_empty() {
            p.muted { (tr.t("follow-none")) }
        }
        @for m in &f.messages {
            div class={ "message " (if m.from_reporter { "mine" } else { "theirs" }) } {
                p.muted { (if m.from_reporter { tr.t("follow-from-you") } else { tr.t("follow-from-team") }) }
                p.text dir="auto" { (m.text) }
            }
        }
        form method="post" action="/follow" {
            (csrf(ctx))
            input type="hidden" name="code" value=(code.display());
            div.field {
                label for="f-message" { (tr.t("follow-reply")) }
                textarea id="f-message" name="message" rows="4" required {}
            }
            button type="submit" { (tr.t("follow-send")) }
        }
        h2 { (tr.t("files-add-title")) }
        form method="post" action="/follow/files" enctype="multipart/form-data" {
            (csrf(ctx))
            input type="hidden" name="code" value=(code.display());
            (super::report::file_input(ctx, &super::forms::FieldErrors::default()))
            button type="submit" { (tr.t("files-add")) }
        }
    };
    public_page(ctx, &tr.t("report-title"), body)
}
