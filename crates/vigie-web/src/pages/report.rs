//! `/report` and `/report/<org-slug>`: the public reporting channel. A plain form that
//! works in Tor Browser's safest mode (no script, no third-party resource, small), with
//! a quick-exit link and a neutral title. The answer is a receipt code, shown once the
//! report is committed.

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::DomainError;
use vigie_core::cases::AttachedFile;
use vigie_core::incident::{IncidentType, Platform, parse_codes};
use vigie_core::intake::Refusal;
use vigie_core::receipt::ReceiptCode;
use vigie_core::report::{Contact, Country, NewReport, SealedReport, Target, split_links};
use vigie_core::store::OrgRecord;
use vigie_core::triage::RiskAnswers;

use super::forms::{FieldErrors, csrf, domain_message, notice};
use super::layout::public_page;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;
use crate::uploads::UploadForm;

/// Countries of the networks Vigie serves first; others choose "other".
pub const COUNTRIES: [&str; 30] = [
    "BJ", "BF", "CM", "CV", "CI", "DZ", "EG", "GH", "GM", "GN", "GW", "IQ", "JO", "LB", "LR", "LY", "MA", "ML", "MR",
    "NE", "NG", "PS", "SD", "SL", "SN", "SY", "TD", "TG", "TN", "YE",
];
const RISKS: [&str; 4] = ["physical_threat", "address_exposed", "intimate_images", "account_controlled"];
const TARGETS: [&str; 3] = ["myself", "someone_else", "organization"];
const CONTACTS: [&str; 4] = ["none", "email", "signal", "phone"];

#[derive(Deserialize, Default)]
pub struct ReportForm {
    #[serde(default)]
    incident: Vec<String>,
    #[serde(default)]
    platform: Vec<String>,
    #[serde(default)]
    links: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    ongoing: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    risk: Vec<String>,
    #[serde(default)]
    country: String,
    #[serde(default)]
    contact_by: String,
    #[serde(default)]
    contact_address: String,
    #[serde(default)]
    contact_language: String,
    #[serde(default)]
    consent: Option<String>,
    /// Honeypot: hidden from people, filled by naive bots.
    #[serde(default)]
    website: String,
    /// The "send without the files" button of a form whose files were refused.
    #[serde(default)]
    without_files: String,
}

async fn receiving_org(app: &AppState, slug: Option<&str>) -> Result<OrgRecord, WebError> {
    match app.accounts.receiving_org(slug.or(app.config.default_report_org.as_deref())).await {
        Ok(org) => Ok(org),
        Err(_) if app.accounts.needs_setup().await? => Err(WebError::NotSetUp),
        Err(_) => Err(WebError::NotFound),
    }
}

pub async fn show_default(State(app): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let org = receiving_org(&app, None).await?;
    Ok(form_page(&ctx, &org, &ReportForm::default(), &FieldErrors::default(), None, false).into_response())
}

pub async fn show_for(State(app): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, WebError> {
    let org = receiving_org(&app, Some(&slug)).await?;
    Ok(form_page(&ctx, &org, &ReportForm::default(), &FieldErrors::default(), None, false).into_response())
}

#[derive(Deserialize, Default)]
pub struct PrefillForm {
    #[serde(default)]
    incident: Vec<String>,
    #[serde(default)]
    platform: Vec<String>,
    #[serde(default)]
    risk: Vec<String>,
}

/// The reporting form with what a self-diagnosis found already ticked (`/help/report`).
/// Nothing is stored: codes this form does not know are dropped, and the person sees and
/// can change every answer before sending.
pub async fn prefilled(
    State(app): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<PrefillForm>,
) -> Result<Response, WebError> {
    let org = receiving_org(&app, None).await?;
    let known = |codes: Vec<String>, ok: &dyn Fn(&str) -> bool| -> Vec<String> {
        let mut v: Vec<String> = codes.into_iter().filter(|c| ok(c)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let form = ReportForm {
        incident: known(f.incident, &|c| IncidentType::parse(c).is_ok()),
        platform: known(f.platform, &|c| Platform::parse(c).is_ok()),
        risk: known(f.risk, &|c| RISKS.contains(&c)),
        ..ReportForm::default()
    };
    Ok(form_page(&ctx, &org, &form, &FieldErrors::default(), None, false).into_response())
}

pub async fn submit_default(State(app): State<AppState>, ctx: Ctx, req: Request) -> Result<Response, WebError> {
    let org = receiving_org(&app, None).await?;
    receive(app, ctx, org, req).await
}

pub async fn submit_for(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    req: Request,
) -> Result<Response, WebError> {
    let org = receiving_org(&app, Some(&slug)).await?;
    receive(app, ctx, org, req).await
}

/// A plain form, or one with files (`multipart/form-data`).
async fn receive(app: AppState, ctx: Ctx, org: OrgRecord, req: Request) -> Result<Response, WebError> {
    if !is_multipart(&req) {
        let CsrfForm(form) = CsrfForm::<ReportForm>::from_request(req, &app).await?;
        return submit(app, ctx, org, form, Vec::new()).await;
    }
    let upload = UploadForm::from_request(req, &app).await?;
    let (fields, mut files, refusal) = upload.read(&app, org.id, app.config.uploads).await?;
    let form: ReportForm = match form_from_fields(&fields) {
        Ok(f) => f,
        Err(e) => {
            app.cases.discard_uploads(&files).await;
            return Err(e);
        }
    };
    if form.without_files == "yes" {
        // The person chose to send what they wrote, and to add files later.
        app.cases.discard_uploads(&files).await;
        files.clear();
    } else if let Some(r) = refusal {
        // Nothing is lost: the form comes back filled, naming the limit, with the
        // choice to send it without the files.
        let mut errors = FieldErrors::default();
        errors.add("files", r.message(ctx.tr, app.config.uploads));
        let page = form_page(&ctx, &org, &form, &errors, None, true);
        return Ok((r.status(), page).into_response());
    }
    submit(app, ctx, org, form, files).await
}

pub fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// Text fields read from a multipart form, as the form type.
pub fn form_from_fields<T: serde::de::DeserializeOwned>(fields: &[(String, String)]) -> Result<T, WebError> {
    let encoded = serde_html_form::to_string(fields).map_err(|_| WebError::BadRequest)?;
    serde_html_form::from_str(&encoded).map_err(|_| WebError::BadRequest)
}

fn parse(ctx: &Ctx, form: &ReportForm, errors: &mut FieldErrors) -> Option<NewReport> {
    let tr = ctx.tr;
    let incidents = errors.take(tr, "incidents", parse_codes(&form.incident, IncidentType::parse));
    let platforms = errors.take(tr, "platforms", parse_codes(&form.platform, Platform::parse));
    let country = errors.take(tr, "country", Country::parse(&form.country));
    let has = |r: &str| form.risk.iter().any(|x| x == r);
    let target = match form.target.as_str() {
        "someone_else" => Target::SomeoneElse,
        "organization" => Target::Organization,
        _ => Target::Myself,
    };
    let address = form.contact_address.trim().to_owned();
    let contact = match form.contact_by.as_str() {
        "email" => Contact::Email(address),
        "signal" => Contact::Signal(address),
        "phone" => Contact::Phone(address),
        _ => Contact::None,
    };
    let language = |l: &str| crate::i18n::Lang::from_tag(l).unwrap_or(ctx.lang()).code().to_owned();
    let report = NewReport {
        incidents: incidents?,
        platforms: platforms?,
        country: country?,
        language: ctx.lang().code().to_owned(),
        ongoing: form.ongoing == "yes",
        consent_to_share: form.consent.is_some(),
        sealed: SealedReport {
            description: form.description.trim().to_owned(),
            links: split_links(&form.links),
            since: form.since.trim().chars().take(200).collect(),
            target,
            risk: RiskAnswers {
                physical_threat: has("physical_threat"),
                address_or_family_exposed: has("address_exposed"),
                intimate_images: has("intimate_images"),
                account_controlled_by_attacker: has("account_controlled"),
                still_ongoing: form.ongoing == "yes",
            },
            contact,
            contact_language: language(&form.contact_language),
        },
    };
    errors.take(tr, "description", report.validate()).map(|()| report)
}

async fn submit(
    app: AppState,
    ctx: Ctx,
    org: OrgRecord,
    form: ReportForm,
    files: Vec<AttachedFile>,
) -> Result<Response, WebError> {
    let tr = ctx.tr;
    if !form.website.is_empty() {
        tracing::info!("report refused: honeypot field filled");
        app.cases.discard_uploads(&files).await;
        return Err(WebError::BadRequest);
    }
    let mut errors = FieldErrors::default();
    let Some(report) = parse(&ctx, &form, &mut errors) else {
        app.cases.discard_uploads(&files).await;
        if !files.is_empty() {
            errors.add("files", tr.t("files-attach-again"));
        }
        return Ok(
            (StatusCode::UNPROCESSABLE_ENTITY, form_page(&ctx, &org, &form, &errors, None, false)).into_response()
        );
    };
    if let Err(refusal) = app.admit_report(&ctx.client) {
        app.cases.discard_uploads(&files).await;
        let (key, secs) = match refusal {
            Refusal::Address { retry_after_secs } => ("report-refused-address", retry_after_secs),
            Refusal::Global { retry_after_secs } => ("report-refused-global", retry_after_secs),
        };
        let minutes = ((secs + 59) / 60).to_string();
        let text = tr.t_with(key, &[("minutes", &minutes)]);
        let mut r =
            (StatusCode::TOO_MANY_REQUESTS, form_page(&ctx, &org, &form, &errors, Some(text), false)).into_response();
        if let Ok(v) = secs.to_string().parse() {
            r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
        }
        return Ok(r);
    }
    // A fresh code; on the (2^-80) chance it is taken, draw again.
    for _ in 0..3 {
        let code = ReceiptCode::from_random(vigie_crypto::token::random_bytes());
        match app.cases.submit_with_files(org.id, report.clone(), &code, &files).await {
            Ok(submitted) => return Ok(receipt_page(&ctx, &code, &submitted.playbooks).into_response()),
            Err(DomainError::Conflict(_)) => continue,
            Err(e @ DomainError::Invalid { .. }) => {
                app.cases.discard_uploads(&files).await;
                errors.add("description", domain_message(tr, &e));
                let page = form_page(&ctx, &org, &form, &errors, None, false);
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
            Err(e) => {
                app.cases.discard_uploads(&files).await;
                return Err(e.into());
            }
        }
    }
    app.cases.discard_uploads(&files).await;
    Err(WebError::Internal("could not draw a free receipt code".into()))
}

fn receipt_page(ctx: &Ctx, code: &ReceiptCode, playbooks: &[vigie_core::playbook::Playbook]) -> Markup {
    let tr = ctx.tr;
    let lang = ctx.lang().code();
    let first_steps: Vec<&str> = playbooks.iter().flat_map(|p| p.reporter_steps.iter().map(|s| s.get(lang))).collect();
    let body = html! {
        h1 { (tr.t("receipt-title")) }
        p { (tr.t("receipt-explain")) }
        p.receipt dir="ltr" lang="en" { (code.display()) }
        (notice("warn", &tr.t("receipt-keep-secret")))
        @if !first_steps.is_empty() {
            h2 { (tr.t("receipt-first-steps")) }
            ul.first-steps { @for s in &first_steps { li { (s) } } }
        }
        form method="post" action="/follow" {
            (csrf(ctx))
            input type="hidden" name="code" value=(code.display());
            button type="submit" { (tr.t("receipt-follow")) }
        }
    };
    public_page(ctx, &tr.t("report-title"), body)
}

/// The file picker of the reporting and follow-up forms.
pub fn file_input(ctx: &Ctx, errors: &FieldErrors) -> Markup {
    let tr = ctx.tr;
    html! {
        div.field.invalid[errors.get("files").is_some()] {
            label for="f-files" { (tr.t("files-label")) }
            small.hint { (crate::uploads::FileRefusal::hint(tr, ctx.upload_limits)) }
            input id="f-files" name="files" type="file" multiple
                accept="image/*,video/*,audio/*,application/pdf,text/plain";
            (error_of(errors, "files"))
        }
    }
}

fn checkbox(name: &str, value: &str, label: String, checked: bool) -> Markup {
    let id = format!("{name}-{value}");
    html! {
        label.check for=(id) { input id=(id) type="checkbox" name=(name) value=(value) checked[checked]; " " (label) }
    }
}

fn radio(name: &str, value: &str, label: String, checked: bool) -> Markup {
    let id = format!("{name}-{value}");
    html! {
        label.check for=(id) { input id=(id) type="radio" name=(name) value=(value) checked[checked]; " " (label) }
    }
}

fn error_of(errors: &FieldErrors, field: &str) -> Markup {
    html! { @if let Some(e) = errors.get(field) { p.error role="alert" { (e) } } }
}

/// The reporting form, filled with `form`; `offer_without_files` adds the choice to send
/// it without the files that were refused.
fn form_page(
    ctx: &Ctx,
    org: &OrgRecord,
    form: &ReportForm,
    errors: &FieldErrors,
    refusal: Option<String>,
    offer_without_files: bool,
) -> Markup {
    let tr = ctx.tr;
    let action = format!("/report/{}", org.slug);
    let has = |list: &[String], v: &str| list.iter().any(|x| x == v);
    let contact_by = if form.contact_by.is_empty() { "none" } else { form.contact_by.as_str() };
    let contact_language =
        if form.contact_language.is_empty() { ctx.lang().code() } else { form.contact_language.as_str() };
    let body = html! {
        h1 { (tr.t("report-heading")) }
        p { (tr.t("report-intro")) }
        p.muted { (tr.t("report-receiver")) " " bdi { (org.name) } }
        p.muted { a href="/help" { (tr.t("report-not-sure")) } }
        @if let Some(r) = refusal { (notice("error", &r)) }
        form method="post" action=(action) enctype="multipart/form-data" {
            (csrf(ctx))
            fieldset.invalid[errors.get("incidents").is_some()] {
                legend { (tr.t("report-what")) }
                (error_of(errors, "incidents"))
                @for t in IncidentType::ALL {
                    @let label = tr.t(&format!("incident-{}", t.code()));
                    (checkbox("incident", t.code(), label, has(&form.incident, t.code())))
                }
            }
            fieldset {
                legend { (tr.t("report-platforms")) }
                (error_of(errors, "platforms"))
                @for p in Platform::ALL {
                    @let label = tr.t(&format!("platform-{}", p.code()));
                    (checkbox("platform", p.code(), label, has(&form.platform, p.code())))
                }
            }
            div.field.invalid[errors.get("description").is_some()] {
                label for="f-description" { (tr.t("report-description")) }
                small.hint { (tr.t("report-description-hint")) }
                textarea id="f-description" name="description" rows="7" required { (form.description) }
                (error_of(errors, "description"))
            }
            div.field {
                label for="f-links" { (tr.t("report-links")) }
                small.hint { (tr.t("report-links-hint")) }
                textarea id="f-links" name="links" rows="3" dir="ltr" { (form.links) }
                (error_of(errors, "links"))
            }
            div.field {
                label for="f-since" { (tr.t("report-since")) }
                input id="f-since" name="since" type="text" value=(form.since) maxlength="200";
            }
            fieldset {
                legend { (tr.t("report-ongoing")) }
                (radio("ongoing", "yes", tr.t("report-yes"), form.ongoing == "yes"))
                (radio("ongoing", "no", tr.t("report-no"), form.ongoing == "no"))
            }
            fieldset {
                legend { (tr.t("report-target")) }
                @for t in TARGETS {
                    @let checked = form.target == t || (form.target.is_empty() && t == "myself");
                    (radio("target", t, tr.t(&format!("target-{t}")), checked))
                }
            }
            fieldset {
                legend { (tr.t("report-risk")) }
                @for r in RISKS { (checkbox("risk", r, tr.t(&format!("risk-{r}")), has(&form.risk, r))) }
            }
            div.field.invalid[errors.get("country").is_some()] {
                label for="f-country" { (tr.t("report-country")) }
                select id="f-country" name="country" {
                    option value="" { (tr.t("report-country-none")) }
                    @for c in COUNTRIES {
                        option value=(c) selected[form.country == c] { (tr.t(&format!("country-{c}"))) }
                    }
                }
            }
            fieldset.invalid[errors.get("contact_address").is_some()] {
                legend { (tr.t("report-contact")) }
                @for c in CONTACTS { (radio("contact_by", c, tr.t(&format!("contact-{c}")), contact_by == c)) }
                div.field {
                    label for="f-contact_address" { (tr.t("report-contact-address")) }
                    input id="f-contact_address" name="contact_address" type="text" dir="ltr"
                        value=(form.contact_address) maxlength="200";
                    (error_of(errors, "contact_address"))
                }
                div.field {
                    label for="f-contact_language" { (tr.t("report-contact-language")) }
                    select id="f-contact_language" name="contact_language" {
                        @for l in crate::i18n::Lang::ALL {
                            option value=(l.code()) selected[contact_language == l.code()] { (l.native_name()) }
                        }
                    }
                }
            }
            (checkbox("consent", "yes", tr.t("report-consent"), form.consent.is_some()))
            div.trap aria-hidden="true" {
                label for="f-website" { (tr.t("report-honeypot")) }
                input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" value="";
            }
            // Last, so that every field typed reaches the server before any file does.
            (file_input(ctx, errors))
            p.muted { (tr.t("report-sealed-note")) }
            button type="submit" { (tr.t("report-submit")) }
            @if offer_without_files {
                // After the main button, so that Enter in a field still sends the files.
                p { (tr.t("report-without-files-explain")) }
                button.secondary type="submit" name="without_files" value="yes" { (tr.t("report-without-files")) }
            }
        }
    };
    public_page(ctx, &tr.t("report-title"), body)
}

/// The quick-exit target: a neutral, widely used page.
pub const QUICK_EXIT: &str = "https://www.wikipedia.org/";

/// A link that leaves at once, for someone who is being watched while reporting.
pub fn quick_exit(ctx: &Ctx) -> Markup {
    html! { a.quick-exit href=(QUICK_EXIT) rel="noreferrer" { (ctx.tr.t("report-quick-exit")) " ✕" } }
}
