//! An alert in words: the subject, the plain text, the HTML and the webhook's JSON,
//! in the recipient's language. Only the kind, the case number and links: never a
//! sealed field, never the reporter's words, so that an alert read on a seized phone
//! or by a mail provider says "a critical case needs you" and no more.

use maud::html;
use vigie_core::network::{Alert, OutgoingAlert, PageStepCode};
use vigie_core::store::UserRecord;

use crate::i18n::{Lang, Tr};
use crate::state::App;

/// The words of `alert` for `recipient`, in `language` (a code; French when unknown).
pub fn render(app: &App, alert: &Alert, recipient: &UserRecord, language: &str, unsubscribe: &str) -> OutgoingAlert {
    let tr = Tr(Lang::from_tag(language).unwrap_or(Lang::Fr));
    let base = app.config.public_url.trim_end_matches('/');
    let (subject, lead, link, action) = match alert {
        Alert::Page { page, case, step } => {
            let token = app.network.ack_token(*page, recipient.id);
            let why = match step {
                PageStepCode::OnCall => tr.t("alert-page-on-call"),
                PageStepCode::Coordinators => tr.t("alert-page-coordinators"),
            };
            (
                tr.t_with("alert-page-subject", &[("id", &case.to_string())]),
                why,
                format!("{base}/pages/{page}/ack?t={token}"),
                tr.t("alert-page-action"),
            )
        }
        Alert::Assigned { case } => (
            tr.t_with("alert-assigned-subject", &[("id", &case.to_string())]),
            tr.t("alert-assigned-lead"),
            format!("{base}/cases/{case}"),
            tr.t("alert-open-case"),
        ),
        Alert::Test { .. } => (
            tr.t("alert-test-subject"),
            tr.t("alert-test-lead"),
            format!("{base}/alerts/channels"),
            tr.t("alert-open-channels"),
        ),
    };
    let footer = tr.t("alert-footer");
    let text = format!("{lead}\n\n{action}: {link}\n\n-- \n{footer}\n{unsubscribe}\n");
    let dir = tr.lang().dir();
    let html = html! {
        div dir=(dir) {
            p { (lead) }
            p { a href=(link) { (action) } }
            p style="color:#555;font-size:small" { (footer) " " a href=(unsubscribe) { (tr.t("alert-unsubscribe")) } }
        }
    }
    .into_string();
    let json = serde_json::json!({
        "type": format!("vigie.{}", alert.code()),
        "case": alert.case().map(|c| c.0),
        "subject": subject,
        "text": lead,
        "link": link,
        "language": tr.lang().code(),
    });
    OutgoingAlert { subject, text, html, link, unsubscribe: unsubscribe.to_owned(), json }
}
