//! An alert in words: the subject, the plain text, the HTML and the webhook's JSON,
//! in the recipient's language. Only the kind, the numbers of the case, campaign,
//! escalation or watch alert, a country code and links: never a sealed field, never
//! the reporter's words, so that an alert read on a seized phone or by a mail provider
//! says "a case needs you" and no more. A digest is a list of such lines.

use maud::html;
use vigie_core::network::{Alert, OutgoingAlert, PageStepCode};
use vigie_core::store::UserRecord;

use crate::i18n::{Lang, Tr};
use crate::state::App;

/// One alert's words.
struct Words {
    subject: String,
    lead: String,
    link: String,
    action: String,
}

/// The words of `alert` for `recipient`, in `language` (a code; French when unknown).
pub fn render(app: &App, alert: &Alert, recipient: &UserRecord, language: &str, unsubscribe: &str) -> OutgoingAlert {
    let tr = Tr(Lang::from_tag(language).unwrap_or(Lang::Fr));
    let base = app.config.public_url.trim_end_matches('/');
    let Words { subject, lead, link, action } = words(app, tr, base, alert, recipient);
    // A digest's lines, each with its link.
    let (items, more) = match alert {
        Alert::Digest { items, more, .. } => (items.iter().map(|a| line(tr, base, a)).collect(), *more),
        _ => (Vec::new(), 0),
    };
    let more_line = (more > 0).then(|| tr.t_with("alert-digest-more", &[("count", &more.to_string())]));
    let footer = tr.t("alert-footer");
    let mut text = format!("{lead}\n\n");
    for (words, link) in &items {
        text.push_str(&format!("- {words}: {link}\n"));
    }
    if let Some(m) = &more_line {
        text.push_str(&format!("{m}\n"));
    }
    if !items.is_empty() {
        text.push('\n');
    }
    text.push_str(&format!("{action}: {link}\n\n-- \n{footer}\n{unsubscribe}\n"));
    let dir = tr.lang().dir();
    let html = html! {
        div dir=(dir) {
            p { (lead) }
            @if !items.is_empty() {
                ul { @for (words, link) in &items { li { a href=(link) { (words) } } } }
            }
            @if let Some(m) = &more_line { p { (m) } }
            p { a href=(link) { (action) } }
            p style="color:#555;font-size:small" { (footer) " " a href=(unsubscribe) { (tr.t("alert-unsubscribe")) } }
        }
    }
    .into_string();
    let mut json = serde_json::json!({
        "type": format!("vigie.{}", alert.code()),
        "case": alert.case().map(|c| c.0),
        "subject": subject,
        "text": lead,
        "link": link,
        "language": tr.lang().code(),
    });
    if let Alert::Digest { items: alerts, .. } = alert {
        json["items"] = alerts
            .iter()
            .zip(&items)
            .map(|(a, (words, link))| {
                serde_json::json!({
                    "type": format!("vigie.{}", a.code()), "case": a.case().map(|c| c.0), "text": words, "link": link,
                })
            })
            .collect();
        json["more"] = more.into();
    }
    OutgoingAlert { subject, text, html, link, unsubscribe: unsubscribe.to_owned(), json }
}

fn words(app: &App, tr: Tr, base: &str, alert: &Alert, recipient: &UserRecord) -> Words {
    let w = |subject: String, lead: &str, link: String, action: &str| Words {
        subject,
        lead: tr.t(lead),
        link,
        action: tr.t(action),
    };
    match alert {
        Alert::Page { page, case, step } => {
            let token = app.network.ack_token(*page, recipient.id);
            let why = match step {
                PageStepCode::OnCall => "alert-page-on-call",
                PageStepCode::Coordinators => "alert-page-coordinators",
            };
            w(
                tr.t_with("alert-page-subject", &[("id", &case.to_string())]),
                why,
                format!("{base}/pages/{page}/ack?t={token}"),
                "alert-page-action",
            )
        }
        Alert::Assigned { case } => w(
            tr.t_with("alert-assigned-subject", &[("id", &case.to_string())]),
            "alert-assigned-lead",
            format!("{base}/cases/{case}"),
            "alert-open-case",
        ),
        Alert::Test { .. } => {
            w(tr.t("alert-test-subject"), "alert-test-lead", format!("{base}/alerts/channels"), "alert-open-channels")
        }
        Alert::NewCase { case } => w(
            tr.t_with("alert-new-case-subject", &[("id", &case.to_string())]),
            "alert-new-case-lead",
            format!("{base}/cases/{case}"),
            "alert-open-case",
        ),
        Alert::CampaignLinked { case, campaign } => w(
            tr.t_with("alert-campaign-subject", &[("id", &case.to_string()), ("campaign", &campaign.to_string())]),
            "alert-campaign-lead",
            format!("{base}/cases/{case}"),
            "alert-open-case",
        ),
        Alert::EscalationWaiting { escalation, .. } => w(
            tr.t_with("alert-waiting-subject", &[("id", &escalation.to_string())]),
            "alert-waiting-lead",
            format!("{base}/escalations/{escalation}"),
            "alert-open-escalation",
        ),
        Alert::Watch { country, .. } => w(
            tr.t_with("alert-watch-subject", &[("country", country)]),
            "alert-watch-lead",
            watch_link(base, country),
            "alert-open-watch",
        ),
        Alert::Digest { items, more, .. } => {
            let count = (items.len() as u64 + u64::from(*more)).to_string();
            w(
                tr.t_with("alert-digest-subject", &[("count", &count)]),
                "alert-digest-lead",
                format!("{base}/alerts/topics"),
                "alert-digest-action",
            )
        }
    }
}

/// A digest's line for one alert, and its link.
fn line(tr: Tr, base: &str, alert: &Alert) -> (String, String) {
    let case = |c: &vigie_core::CaseId| c.to_string();
    match alert {
        Alert::Assigned { case: c } => {
            (tr.t_with("digest-item-assigned", &[("id", &case(c))]), format!("{base}/cases/{c}"))
        }
        Alert::NewCase { case: c } => {
            (tr.t_with("digest-item-new-case", &[("id", &case(c))]), format!("{base}/cases/{c}"))
        }
        Alert::CampaignLinked { case: c, campaign } => (
            tr.t_with("digest-item-campaign", &[("id", &case(c)), ("campaign", &campaign.to_string())]),
            format!("{base}/cases/{c}"),
        ),
        Alert::EscalationWaiting { escalation, .. } => (
            tr.t_with("digest-item-waiting", &[("id", &escalation.to_string())]),
            format!("{base}/escalations/{escalation}"),
        ),
        Alert::Watch { country, .. } => {
            (tr.t_with("digest-item-watch", &[("country", country)]), watch_link(base, country))
        }
        // Never kept for a digest (pages are immediate, tests go at once); said plainly
        // should one ever be.
        Alert::Page { case: c, .. } => {
            (tr.t_with("alert-page-subject", &[("id", &case(c))]), format!("{base}/cases/{c}"))
        }
        Alert::Test { .. } | Alert::Digest { .. } => (tr.t("alert-test-subject"), format!("{base}/alerts/channels")),
    }
}

/// The watch's page of a country; the alerts page for a code that is not two letters.
fn watch_link(base: &str, country: &str) -> String {
    if country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()) {
        format!("{base}/watch/{country}")
    } else {
        format!("{base}/alerts")
    }
}
