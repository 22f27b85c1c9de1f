//! Escalations to platforms from the case page (issue 12): the case's escalations, the
//! form that makes one from the case's evidence ([`new`]), and one escalation's page
//! with the forms that record its life ([`track`]). Plain forms, no script: a 303 after
//! success, 422 with the reason on the same page otherwise.
//!
//! Who may: the members of the organization that owns the case, whatever their role;
//! another organization's escalation does not exist for them (404), as its cases do not.

mod from_campaign;
mod new;
mod package;
mod track;

pub use from_campaign::{create as create_from_campaign, new_form as new_from_campaign};
pub use new::{create, new_form};
pub use package::{
    Format as PackageFormat, assemble as assemble_package, csv as package_csv, document as package_document,
    encode as encode_package, file_name as package_file_name, json as package_json, pdf as package_pdf,
};
pub use track::{acknowledge, close, decide, follow_up, send, show};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use vigie_core::escalation::{
    Channel, EscalationError, EscalationStatus, OutcomeKind, Platform, PolicyCategory, codes::OTHER_PLATFORM_KEY,
};
use vigie_core::store::EscalationRecord;
use vigie_core::triage::Severity;
use vigie_core::{Actor, CaseId, DomainError, Problem, Timestamp};

use crate::auth::Member;
use crate::context::Ctx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::pages::cases::when;
use crate::pages::forms::domain_message;
use crate::pages::layout::page as layout;
use crate::state::AppState;

/// The case page's section: the case's escalations and the link to make one.
pub async fn case_section(app: &AppState, ctx: &Ctx, actor: &Actor, case: CaseId) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let list = app.escalations.for_case(actor, case).await?;
    Ok(html! {
        h2 id="escalations" { (tr.t("escalations-heading")) }
        @if list.is_empty() { p.muted { (tr.t("escalations-none")) } }
        @else { (table(app, tr, &list, false)) }
        p { a href={ "/cases/" (case) "/escalations/new" } { (tr.t("escalation-new-link")) } }
    })
}

/// The campaign page's section: the organization's escalations about the campaign
/// (made from a case linked to it).
pub async fn campaign_section(app: &AppState, ctx: &Ctx, actor: &Actor, campaign: i64) -> Result<Markup, WebError> {
    let tr = ctx.tr;
    let list = app.escalations.for_campaign(actor, campaign).await?;
    Ok(html! {
        h2 id="escalations" { (tr.t("escalations-heading")) }
        @if list.is_empty() { p.muted { (tr.t("escalations-none-campaign")) } }
        @else { (table(app, tr, &list, true)) }
        p { a href={ "/campaigns/" (campaign) "/escalations/new" } { (tr.t("escalation-campaign-link")) } }
    })
}

/// `/escalations`: the organization's escalations, those a platform has not answered
/// in time first (the reminders), then the newest.
pub async fn list(State(app): State<AppState>, ctx: Ctx, Member(actor): Member) -> Result<Response, WebError> {
    let tr = ctx.tr;
    let late: Vec<_> = app.escalations.overdue(&actor).await?.into_iter().map(|(e, _)| e).collect();
    let recent = app.escalations.for_org(&actor, None, RECENT).await?;
    let body = html! {
        h1 { (tr.t("escalations-list-title")) }
        h2 id="overdue" { (tr.t("escalations-overdue-heading")) }
        @if late.is_empty() { p.muted { (tr.t("escalations-overdue-none")) } }
        @else {
            p { (tr.t("escalations-overdue-hint")) }
            (table(&app, tr, &late, true))
        }
        h2 { (tr.t("escalations-recent-heading")) }
        @if recent.is_empty() { p.muted { (tr.t("escalations-none-org")) } }
        @else { (table(&app, tr, &recent, true)) }
    };
    Ok(layout(&ctx, Some(&actor), &tr.t("escalations-list-title"), body).into_response())
}

/// The newest escalations `/escalations` lists.
const RECENT: u32 = 100;

/// Escalations as a table, each with its reminder when the platform is late; with the
/// case each belongs to when `with_case`.
fn table(app: &AppState, tr: Tr, list: &[EscalationRecord], with_case: bool) -> Markup {
    let now = app.accounts.now();
    let policy = app.escalations.reply_policy();
    html! {
        table.escalations {
            thead { tr {
                th { "#" }
                @if with_case { th { (tr.t("escalation-case")) } }
                th { (tr.t("escalation-platform")) } th { (tr.t("escalation-channel")) }
                th { (tr.t("escalation-status")) } th { (tr.t("escalation-items")) }
            } }
            tbody {
                @for e in list {
                    @let late = vigie_core::escalation::overdue(&e.escalation, now, policy);
                    tr {
                        td { a href={ "/escalations/" (e.id) } { "#" (e.id) } }
                        @if with_case {
                            td { @if let Some(c) = e.case_id { a href={ "/cases/" (c) } { "#" (c) } } }
                        }
                        td { (platform_label(tr, &e.escalation.platform)) }
                        td { (channel_label(tr, e.escalation.channel)) }
                        td {
                            (status_label(tr, e.escalation.status))
                            @if let Some(o) = late {
                                " " strong.overdue {
                                    (tr.t_with("escalation-overdue", &[("due", &when(o.due))]))
                                }
                            }
                        }
                        td { (e.escalation.items.len()) }
                    }
                }
            }
        }
    }
}

pub fn platform_label(tr: Tr, p: &Platform) -> String {
    match p.other_name() {
        Some(name) => tr.t_with(OTHER_PLATFORM_KEY, &[("name", name)]),
        None => tr.t(p.translation_key()),
    }
}

pub fn channel_label(tr: Tr, c: Channel) -> String {
    tr.t(c.translation_key())
}

pub fn status_label(tr: Tr, s: EscalationStatus) -> String {
    tr.t(s.translation_key())
}

pub fn category_label(tr: Tr, c: PolicyCategory) -> String {
    tr.t(c.translation_key())
}

pub fn outcome_label(tr: Tr, o: OutcomeKind) -> String {
    tr.t(o.translation_key())
}

pub fn severity_label(tr: Tr, s: Severity) -> String {
    tr.t(&format!("severity-{}", s.code()))
}

/// `<select>` options of a coded list, with `current` selected.
fn options<T: Copy + PartialEq>(
    values: &[T],
    current: Option<T>,
    code: impl Fn(T) -> String,
    label: impl Fn(T) -> String,
) -> Markup {
    html! {
        @for v in values {
            option value=(code(*v)) selected[current == Some(*v)] { (label(*v)) }
        }
    }
}

/// A time from a form: empty is now; RFC 3339, or a `datetime-local` value taken as UTC.
fn form_time(field: &'static str, raw: &str, now: Timestamp) -> Result<Timestamp, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(now);
    }
    let candidates = [raw.to_owned(), format!("{raw}Z"), format!("{raw}:00Z")];
    candidates
        .iter()
        .find_map(|c| Timestamp::parse_rfc3339(c).ok())
        .ok_or(DomainError::invalid(field, Problem::OutOfRange))
}

/// Whether a refusal is the form's to show (422 with the form) rather than an error page.
fn shown_on_form(e: &DomainError) -> bool {
    matches!(e, DomainError::Escalation(_) | DomainError::Invalid { .. } | DomainError::KeyLocked)
}

/// A refusal as a sentence: the field's problem, or the step the status refuses.
fn refusal(tr: Tr, e: &DomainError) -> String {
    let DomainError::Escalation(err) = e else { return domain_message(tr, e) };
    let item = match err {
        EscalationError::Item { index, .. } => Some(index + 1),
        EscalationError::DuplicateItem { index, .. } => Some(index + 1),
        _ => None,
    };
    let text = match (err.field_problem(), err) {
        (Some((field, problem)), _) => tr.t_with(
            "escalation-field-problem",
            &[
                ("field", &tr.t(&format!("escalation-field-{field}"))),
                ("problem", &tr.t(&format!("problem-{}", problem.code()))),
            ],
        ),
        (None, EscalationError::TimeOrder { .. }) => tr.t("escalation-refused-time-order"),
        (None, EscalationError::OutcomeCount { .. }) => tr.t("escalation-refused-outcome-count"),
        (None, EscalationError::ParentNotDecided { .. }) => tr.t("escalation-refused-not-decided"),
        (None, _) => tr.t("escalation-refused-transition"),
    };
    match item {
        Some(n) => tr.t_with("escalation-item-problem", &[("n", &n.to_string()), ("problem", &text)]),
        None => text,
    }
}

/// The form fields the messages name (for the check that every locale has them).
pub const FIELDS: &[&str] = &[
    "platform",
    "channel",
    "narrative",
    "items",
    "item_type",
    "url",
    "post_id",
    "account",
    "name",
    "excerpt",
    "language",
    "translation",
    "media",
    "platform_words",
    "platform_policy",
    "reference",
    "at",
    "evidence_item",
    "posted_at",
    "severity",
    "category",
    "outcome",
    "kind",
];

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, Tr};

    #[test]
    fn every_field_a_message_names_is_translated() {
        for lang in [Lang::En, Lang::Fr, Lang::Ar] {
            for field in super::FIELDS {
                let key = format!("escalation-field-{field}");
                assert!(Tr(lang).has(&key), "{lang:?} lacks {key}");
            }
        }
    }
}
