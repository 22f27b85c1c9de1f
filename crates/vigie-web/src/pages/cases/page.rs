//! `/cases/<id>`: one case. The report's sealed fields, the thread with the reporter
//! and the internal notes are opened with the session's key (and each opening is
//! recorded); the actions the workflow allows are buttons.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use vigie_core::report::{Contact, SealedReport, Target};
use vigie_core::triage::Severity;
use vigie_core::workflow::{Action, allowed};
use vigie_core::{Actor, CaseId, DomainError, UserId};

use super::{severity_label, status_label, when};
use crate::auth::Member;
use crate::context::Ctx;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::forms::{csrf, domain_message, notice};
use crate::pages::layout::page as layout;
use crate::state::AppState;

pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    Ok(case_page(&app, &ctx, &actor, CaseId(id), None).await?.into_response())
}

pub(super) async fn case_page(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: CaseId,
    problem: Option<String>,
) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let summary = app.cases.summary_for(actor, id).await?;
    let key = app.accounts.org_key(actor);
    let locked = key.is_none();
    let report = if locked { None } else { Some(app.cases.open_report(actor, key.as_ref(), id).await?) };
    let thread = if locked { vec![] } else { app.cases.thread_for(actor, key.as_ref(), id).await? };
    let owns = app.cases.owned_case(actor, id).await.is_ok();
    let files = if locked || !owns { vec![] } else { app.cases.files(actor, key.as_ref(), id).await? };
    let notes = if locked || !owns { vec![] } else { app.cases.notes(actor, key.as_ref(), id).await? };
    let evidence = if locked || !owns { vec![] } else { app.cases.evidence(actor, key.as_ref(), id).await? };
    let escalations = if owns {
        crate::pages::escalations::case_section(app, ctx, actor, id).await?
    } else {
        html! {}
    };
    let checklist = app.cases.checklist(actor, id).await?;
    let case = app.cases.case_for(actor, id).await?;
    let owner = case.org_id == actor.user.org_id;
    let tags = app.cases.tags(actor, id).await?;
    let linked = app.cases.linked(actor, id).await?;
    let shared_with = app.cases.shared_with(actor, id).await?;
    let orgs = app.accounts.org_names(actor).await?;
    let org_name = |o: vigie_core::OrgId| orgs.iter().find(|x| x.id == o).map_or("?".to_owned(), |x| x.name.clone());
    let can_share = owner && matches!(actor.role(), vigie_core::Role::Coordinator | vigie_core::Role::Admin);
    let lang = ctx.lang().code();
    let history = app.cases.history(actor, id).await?;
    let campaigns = app.cases.campaigns_of(actor, id).await?;
    let observations = app.cases.observations_of(actor, id).await?;
    let members = app.accounts.colleagues(actor).await?;
    let rapid = if owns {
        crate::pages::network::case_section(app, ctx, actor, &case, &members, &orgs).await?
    } else {
        html! {}
    };
    let name_of = |u: Option<UserId>| {
        u.and_then(|u| members.iter().find(|m| m.id == u)).map_or("—".to_owned(), |m| m.display_name.clone())
    };
    let post = |what: &str| format!("/cases/{id}/{what}");
    let body = html! {
        h1 { (tr.t_with("case-title", &[("id", &id.to_string())])) }
        @if let Some(p) = problem { (notice("error", &p)) }
        @if summary.overdue { (notice("error", &tr.t("case-overdue"))) }
        dl {
            dt { (tr.t("queue-status")) } dd { (status_label(tr, summary.status)) }
            dt { (tr.t("queue-severity")) }
            dd { span class={ "sev sev-" (summary.severity.code()) } { (severity_label(tr, summary.severity)) } }
            dt { (tr.t("case-first-response-due")) } dd dir="ltr" { (when(summary.deadlines.first_response)) }
            dt { (tr.t("case-resolution-due")) } dd dir="ltr" { (when(summary.deadlines.resolution)) }
            dt { (tr.t("queue-opened")) } dd dir="ltr" { (when(summary.opened_at)) }
            dt { (tr.t("queue-assignee")) } dd { (name_of(summary.assignee)) }
            dt { (tr.t("queue-incident")) }
            dd { (summary.incidents.iter().map(|i| tr.t(&format!("incident-{i}"))).collect::<Vec<_>>().join(", ")) }
            dt { (tr.t("report-platforms")) }
            dd { (summary.platforms.iter().map(|p| tr.t(&format!("platform-{p}"))).collect::<Vec<_>>().join(", ")) }
            dt { (tr.t("report-country")) }
            dd { (summary.country.as_deref().map_or("—".to_owned(), |c| tr.t(&format!("country-{c}")))) }
            dt { (tr.t("case-tags")) } dd { @if tags.is_empty() { "—" } @else { (tags.join(", ")) } }
            dt { (tr.t("case-linked")) }
            dd { @if linked.is_empty() { "—" } @for l in &linked { a href={ "/cases/" (l) } { "#" (l) } " " } }
            @if !owner { dt { (tr.t("case-owner")) } dd { (org_name(case.org_id)) } }
            @if !shared_with.is_empty() {
                dt { (tr.t("case-shared-with")) }
                dd { (shared_with.iter().map(|o| org_name(*o)).collect::<Vec<_>>().join(", ")) }
            }
        }
        div.actions {
            @for a in allowed(summary.status).into_iter().filter(|_| owner) {
                @if a != Action::ReporterReplied {
                    form.inline method="post" action=(post("action")) {
                        (csrf(ctx))
                        input type="hidden" name="action" value=(a.code());
                        button type="submit" { (tr.t(&format!("case-action-{}", a.code()))) }
                    }
                }
            }
            @if owner && summary.assignee != Some(actor.user.id) {
                form.inline method="post" action=(post("assign")) {
                    (csrf(ctx))
                    input type="hidden" name="assignee" value=(actor.user.id);
                    button type="submit" { (tr.t("case-take")) }
                }
            }
        }
        @if !checklist.is_empty() {
            h2 { (tr.t("case-playbooks")) }
            @for c in &checklist {
                h3 { (c.playbook.title.get(lang)) }
                ol.checklist {
                    @for (i, step) in c.playbook.steps.iter().enumerate() {
                        li.done[c.done[i].is_some()] {
                            form.inline method="post" action=(post("step")) {
                                (csrf(ctx))
                                input type="hidden" name="code" value=(c.playbook.code);
                                input type="hidden" name="step" value=(i);
                                input type="hidden" name="done" value=(if c.done[i].is_some() { "0" } else { "1" });
                                button.link type="submit"
                                    aria-pressed=(if c.done[i].is_some() { "true" } else { "false" }) {
                                    (if c.done[i].is_some() { "☑" } else { "☐" })
                                }
                            }
                            " " (step.get(lang))
                            @if let Some(d) = &c.done[i] {
                                " " small.muted {
                                    "(" (name_of(Some(d.done_by))) ", " span dir="ltr" { (when(d.done_at)) } ")"
                                }
                            }
                        }
                    }
                }
            }
        }
        @if locked { (notice("warn", &tr.t("error-key-locked"))) }
        @if let Some(r) = &report { (report_section(tr, r)) }
        @if owns {
            h2 { (tr.t("case-files")) }
            @if files.is_empty() { p.muted { "—" } }
            ul.files {
                @for f in &files {
                    li {
                        a href={ "/cases/" (id) "/files/" (f.id) } { bdi { (f.meta.file_name) } }
                        " · " (f.meta.media_type) " · " (format!("{:.1} KB", f.meta.size as f64 / 1024.0))
                        " · " (if f.from_reporter { tr.t("case-from-reporter") } else { name_of(f.added_by) })
                        br; small.muted dir="ltr" { "SHA-256 " code { (f.meta.sha256) } }
                    }
                }
            }
            @if !locked {
                form method="post" action=(post("files")) enctype="multipart/form-data" {
                    (csrf(ctx))
                    (crate::pages::report::file_input(ctx, &crate::pages::forms::FieldErrors::default()))
                    button type="submit" { (tr.t("files-add")) }
                }
            }
        }
        @if owns { (super::evidence::section(ctx, id, &evidence, locked)) }
        (escalations)
        (super::campaigns::section(ctx, id, &campaigns, &observations))
        h2 { (tr.t("case-thread")) }
        @for m in &thread {
            div class={ "message " (if m.from_reporter { "theirs" } else { "mine" }) } {
                p.muted {
                    (if m.from_reporter { tr.t("case-from-reporter") } else { name_of(m.author) })
                    " · " span dir="ltr" { (when(m.at)) }
                }
                p.text dir="auto" { (m.text) }
            }
        }
        @if !locked {
            form method="post" action=(post("message")) {
                (csrf(ctx))
                div.field {
                    label for="f-message" { (tr.t("case-write")) }
                    textarea id="f-message" name="text" rows="3" required {}
                }
                button type="submit" { (tr.t("follow-send")) }
            }
        }
        @if owner {
            h2 { (tr.t("case-notes")) }
            @for n in &notes {
                div.message {
                    p.muted { (name_of(Some(n.author))) " · " span dir="ltr" { (when(n.at)) } }
                    p.text dir="auto" { (n.text) }
                }
            }
            form method="post" action=(post("note")) {
                (csrf(ctx))
                div.field {
                    label for="f-note" { (tr.t("case-add-note")) }
                    textarea id="f-note" name="text" rows="2" required {}
                }
                button type="submit" { (tr.t("case-save-note")) }
            }
            h2 { (tr.t("case-manage")) }
            form method="post" action=(post("severity")) {
                (csrf(ctx))
                div.field {
                    label for="f-severity" { (tr.t("queue-severity")) }
                    select id="f-severity" name="severity" {
                        @for s in Severity::ALL {
                            option value=(s.code()) selected[s == summary.severity] { (severity_label(tr, s)) }
                        }
                    }
                }
                div.field {
                    label for="f-reason" { (tr.t("case-severity-reason")) }
                    input id="f-reason" name="reason" type="text" required maxlength="500";
                }
                button type="submit" { (tr.t("case-change-severity")) }
            }
            form method="post" action=(post("assign")) {
                (csrf(ctx))
                div.field {
                    label for="f-assignee" { (tr.t("queue-assignee")) }
                    select id="f-assignee" name="assignee" {
                        option value="" { "—" }
                        @for m in members.iter().filter(|m| !m.disabled) {
                            option value=(m.id) selected[summary.assignee == Some(m.id)] { (m.display_name) }
                        }
                    }
                }
                button type="submit" { (tr.t("case-assign")) }
            }
        }
        @if owner {
            h2 { (tr.t("case-organize")) }
            form method="post" action=(post("tags")) {
                (csrf(ctx))
                div.field { label for="f-tags" { (tr.t("case-tags")) } small.hint { (tr.t("case-tags-hint")) }
                    input id="f-tags" name="tags" type="text" value=(tags.join(", ")); }
                button type="submit" { (tr.t("case-save-tags")) }
            }
            form method="post" action=(post("link")) {
                (csrf(ctx))
                div.field {
                    label for="f-link" { (tr.t("case-link-to")) }
                    input id="f-link" name="other" type="number" min="1" required;
                }
                button type="submit" { (tr.t("case-link")) }
            }
            form method="post" action=(post("merge")) {
                (csrf(ctx))
                div.field {
                    label for="f-merge" { (tr.t("case-merge-into")) }
                    input id="f-merge" name="other" type="number" min="1" required;
                }
                button type="submit" { (tr.t("case-merge")) }
            }
            @if can_share {
                @if case.consent_to_share {
                    form method="post" action=(post("share")) {
                        (csrf(ctx))
                        div.field {
                            label for="f-share" { (tr.t("case-share-with")) }
                            select id="f-share" name="org_id" {
                                @for o in orgs.iter().filter(|o| o.id != case.org_id && !shared_with.contains(&o.id)) {
                                    option value=(o.id) { (o.name) }
                                }
                            }
                        }
                        button type="submit" { (tr.t("case-share")) }
                    }
                } @else {
                    p.muted { (tr.t("problem-no-consent")) }
                }
            }
        }
        (rapid)
        h2 { (tr.t("case-history")) }
        ol.history {
            @for e in &history {
                li {
                    span dir="ltr" { (when(e.created_at)) } " · " (name_of(e.actor_id))
                    " · " (tr.t(&format!("event-{}", e.kind)))
                    @if !e.detail.is_empty() { " (" bdi { (e.detail) } ")" }
                }
            }
        }
    };
    Ok(layout(ctx, Some(actor), &tr.t_with("case-title", &[("id", &id.to_string())]), body))
}

fn report_section(tr: Tr, r: &SealedReport) -> Markup {
    let yes = |b: bool| if b { tr.t("report-yes") } else { tr.t("report-no") };
    let (by, address) = match &r.contact {
        Contact::None => ("none", ""),
        Contact::Email(a) => ("email", a.as_str()),
        Contact::Signal(a) => ("signal", a.as_str()),
        Contact::Phone(a) => ("phone", a.as_str()),
    };
    let target = match r.target {
        Target::Myself => "myself",
        Target::SomeoneElse => "someone_else",
        Target::Organization => "organization",
    };
    html! {
        h2 { (tr.t("case-report")) }
        p.text dir="auto" { (r.description) }
        dl {
            dt { (tr.t("report-links")) } dd { @for l in &r.links { code dir="ltr" { (l) } br; } }
            dt { (tr.t("report-since")) } dd { (r.since) }
            dt { (tr.t("report-target")) } dd { (tr.t(&format!("target-{target}"))) }
            dt { (tr.t("risk-physical_threat")) } dd { (yes(r.risk.physical_threat)) }
            dt { (tr.t("risk-address_exposed")) } dd { (yes(r.risk.address_or_family_exposed)) }
            dt { (tr.t("risk-intimate_images")) } dd { (yes(r.risk.intimate_images)) }
            dt { (tr.t("risk-account_controlled")) } dd { (yes(r.risk.account_controlled_by_attacker)) }
            dt { (tr.t("report-contact")) } dd { (tr.t(&format!("contact-{by}"))) " " bdi dir="ltr" { (address) } }
        }
    }
}

/// Runs a case change; a refusal the member can act on re-renders the page with it.
pub(super) async fn outcome(
    app: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: CaseId,
    r: Result<(), DomainError>,
) -> Result<Response, WebError> {
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/cases/{id}")).into_response()),
        Err(e @ (DomainError::Invalid { .. } | DomainError::Transition { .. })) => {
            let text = match &e {
                DomainError::Transition { .. } => ctx.tr.t("case-transition-refused"),
                other => domain_message(ctx.tr, other),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, case_page(app, ctx, actor, id, Some(text)).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    action: String,
}

pub async fn act(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<ActionForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let action = Action::parse(&f.action).filter(|a| *a != Action::ReporterReplied).ok_or(WebError::BadRequest)?;
    let r = app.cases.act(&actor, id, action).await.map(|_| ());
    outcome(&app, &ctx, &actor, id, r).await
}

#[derive(Deserialize)]
pub struct SeverityForm {
    #[serde(default)]
    severity: String,
    #[serde(default)]
    reason: String,
}

pub async fn set_severity(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<SeverityForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let severity = Severity::parse(&f.severity).ok_or(WebError::BadRequest)?;
    let r = app.cases.set_severity(&actor, id, severity, &f.reason).await;
    outcome(&app, &ctx, &actor, id, r).await
}

#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    assignee: String,
}

pub async fn assign(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<AssignForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let assignee = match f.assignee.trim() {
        "" => None,
        raw => Some(UserId(raw.parse().map_err(|_| WebError::BadRequest)?)),
    };
    let r = app.cases.assign(&actor, id, assignee).await;
    if let (Ok(()), Some(to)) = (&r, assignee) {
        crate::notify::assigned(&app, &actor, id, to).await;
    }
    outcome(&app, &ctx, &actor, id, r).await
}

#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    text: String,
}

pub async fn add_note(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<TextForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let r = app.cases.add_note(&actor, id, &f.text).await;
    outcome(&app, &ctx, &actor, id, r).await
}

/// A responder attaches files to the case (multipart form).
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    form: crate::uploads::UploadForm,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let case = app.cases.owned_case(&actor, id).await?;
    let (_, files, refusal) = form.read(&app, case.org_id, app.config.uploads).await?;
    let r = match refusal {
        Some(r) => {
            let page = case_page(&app, &ctx, &actor, id, Some(r.message(ctx.tr, app.config.uploads))).await?;
            return Ok((r.status(), page).into_response());
        }
        None => app.cases.responder_adds_files(&actor, id, &files).await,
    };
    outcome(&app, &ctx, &actor, id, r).await
}

/// Downloads one file, opened and checked against its recorded SHA-256. Always as an
/// attachment, in a sandbox, so that nothing in it runs in Vigie's origin.
pub async fn download(
    State(app): State<AppState>,
    Member(actor): Member,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let key = app.accounts.org_key(&actor);
    let (meta, bytes) = app.cases.open_file(&actor, key.as_ref(), CaseId(id), file).await?;
    let ascii: String =
        meta.file_name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded: String = meta
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_str(&meta.media_type).map_err(|_| WebError::Internal("media type".into()))?,
    );
    h.insert(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_str(&disposition).map_err(|_| WebError::Internal("file name".into()))?,
    );
    h.insert(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    Ok(r)
}

#[derive(Deserialize)]
pub struct OtherForm {
    #[serde(default)]
    other: String,
}

fn other_case(f: &OtherForm) -> Result<CaseId, WebError> {
    f.other.trim().trim_start_matches('#').parse().map(CaseId).map_err(|_| WebError::BadRequest)
}

pub async fn link(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<OtherForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let r = app.cases.link(&actor, id, other_case(&f)?).await;
    outcome(&app, &ctx, &actor, id, r).await
}

pub async fn merge(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<OtherForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let r = app.cases.merge_into(&actor, id, other_case(&f)?).await;
    outcome(&app, &ctx, &actor, id, r).await
}

#[derive(Deserialize)]
pub struct TagsForm {
    #[serde(default)]
    tags: String,
}

pub async fn tags(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<TagsForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let r = app.cases.set_tags(&actor, id, &f.tags).await.map(|_| ());
    outcome(&app, &ctx, &actor, id, r).await
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    org_id: String,
}

pub async fn share(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<ShareForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let org = vigie_core::OrgId(f.org_id.trim().parse().map_err(|_| WebError::BadRequest)?);
    let key = app.accounts.org_key(&actor);
    let r = app.cases.share(&actor, key.as_ref(), id, org).await;
    outcome(&app, &ctx, &actor, id, r).await
}

#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    step: i64,
    #[serde(default)]
    done: String,
}

pub async fn tick(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let r = app.cases.tick(&actor, id, &f.code, f.step, f.done == "1").await;
    outcome(&app, &ctx, &actor, id, r).await
}

pub async fn write_message(
    State(app): State<AppState>,
    ctx: Ctx,
    Member(actor): Member,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<TextForm>,
) -> Result<Response, WebError> {
    let id = CaseId(id);
    let key = app.accounts.org_key(&actor);
    let r = app.cases.responder_writes(&actor, key.as_ref(), id, &f.text).await;
    outcome(&app, &ctx, &actor, id, r).await
}
