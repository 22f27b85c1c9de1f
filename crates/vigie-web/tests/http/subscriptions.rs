//! Alert subscriptions end to end, over HTTP, against the real SMTP test server: a
//! person who reads cases given to them in the daily digest gets nothing when one is
//! given, then one digest e-mail at the digest's hour with the case's link and none of
//! the reporter's words; a person who wants new cases that need their skills at once
//! gets an e-mail as soon as a matching report arrives. The modes are set through the
//! page's form and through the API.
//!
//! Skipped, with a reason, without the test servers (`.ci/test-servers.sh`).

use std::sync::Arc;

use reqwest::StatusCode;
use vigie_core::Clock as _;

use super::harness::*;
use super::rapid_response::{TestServers, mail_to, quoted_printable_decoded, run_all, runner, test_servers};

const WORDS: &str = "Ils publient que je vole l'argent de l'association de Sokodé.";

/// A server whose alerts go out by e-mail through the test SMTP server.
async fn server_mailing(t: &TestServers, postgres: bool) -> Option<Server> {
    let email =
        vigie_alerts::email::EmailSender::new(&format!("smtp://{}", t.smtp), "Vigie <alerts@vigie.test>").unwrap();
    let senders = Arc::new(vigie_alerts::Senders::new(Some(email), None, true).unwrap());
    server_with_alerts(postgres, senders).await
}

/// The messages in the maildir sent to `to`, now.
fn mails_to(maildir: &std::path::Path, to: &str) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(maildir.join("new")) else { return Vec::new() };
    dir.flatten().map(|f| std::fs::read_to_string(f.path()).unwrap_or_default()).filter(|m| m.contains(to)).collect()
}

/// The responder reads English, offers `skill`, and gets alerts at `address`.
async fn responder_mailed_at(s: &Server, skill: &str, address: &str) -> Browser {
    let resp = Browser::logged_in(s, "resp").await;
    let r = resp
        .post_with_csrf("/directory/me", &[("languages", "en"), ("skills", skill), ("availability", "available")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r =
        resp.post_with_csrf("/alerts/channels", &[("kind", "email"), ("address", address), ("label", "mail")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    resp
}

fn address(what: &str, postgres: bool) -> String {
    format!("{what}-{}-{}@vigie.test", if postgres { "pg" } else { "lite" }, std::process::id())
}

async fn a_case_given_in_digest_mode_arrives_in_the_next_digest(postgres: bool) {
    let Some(t) = test_servers() else { return };
    let Some(s) = server_mailing(&t, postgres).await else { return };
    let address = address("digest", postgres);
    // Training: no skill a defamation case needs, so the case itself is no alert.
    let resp = responder_mailed_at(&s, "training", &address).await;
    let r = resp.post_with_csrf("/alerts/topics", &[("assigned", "digest"), ("watch", "off")]).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/alerts/topics"), "{}", r.body);
    let page = resp.get("/alerts/topics?lang=en").await.body;
    assert!(page.contains(r#"id="t-assigned-digest" name="assigned" value="digest" checked"#), "{page}");
    assert!(page.contains("Always at once") && page.contains("07:00 UTC"), "{page}");
    // Pages cannot be turned off, not even by a hand-made form.
    let r = resp.post_with_csrf("/alerts/topics", &[("page", "off")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    let fields = [("incident", "defamation"), ("platform", "x"), ("description", WORDS)];
    let case = a_case_with(&s, &fields).await.id.0;
    let coord = Browser::logged_in(&s, "coord").await;
    let resp_id = s.app.accounts.user_by_username_as_operator("resp").await.unwrap().id.to_string();
    let r = coord.post_with_csrf(&format!("/cases/{case}/assign"), &[("assignee", &resp_id)]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}: {}", r.status, r.body);
    let jobs = runner(&s);
    jobs.schedule_recurring().await.unwrap();
    run_all(&jobs).await;
    assert!(mails_to(&t.maildir, &address).is_empty(), "nothing at once in digest mode");

    // The next 07:00 UTC.
    let now = s.clock.now().0;
    let seven = (now.div_euclid(86_400) + 1) * 86_400 + 7 * 3600;
    s.clock.advance(seven - now + 60);
    run_all(&jobs).await;
    let mail = mail_to(&t.maildir, &address).await;
    assert!(mail.contains("Subject: Vigie: your daily digest, 1 alert"), "{mail}");
    let decoded = quoted_printable_decoded(&mail);
    assert!(decoded.contains(&format!("{}/cases/{case}", s.base)), "the case's link: {decoded}");
    assert!(decoded.contains(&format!("Case {case} was given to you")), "{decoded}");
    assert!(!decoded.contains("Sokodé") && !decoded.contains("argent"), "no reporter's words: {decoded}");
    // Once: the next runs of the digest job send nothing more.
    s.clock.advance(3 * 3600);
    run_all(&jobs).await;
    assert_eq!(mails_to(&t.maildir, &address).len(), 1);
    s.cleanup().await;
}

async fn a_new_case_needing_my_skill_alerts_me_at_once(postgres: bool) {
    let Some(t) = test_servers() else { return };
    let Some(s) = server_mailing(&t, postgres).await else { return };
    let address = address("skills", postgres);
    responder_mailed_at(&s, "legal", &address).await;
    // Through the API this time.
    let token = api_token(&s, "resp").await;
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/subscriptions", s.base);
    let r =
        client.put(&url).bearer_auth(&token).json(&serde_json::json!({"new_case_skills": "immediate"})).send().await;
    let r = r.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let modes: serde_json::Value = r.json().await.unwrap();
    assert_eq!((modes["new_case_skills"].as_str(), modes["page"].as_str()), (Some("immediate"), Some("immediate")));
    let refused = client.put(&url).bearer_auth(&token).json(&serde_json::json!({"page": "digest"})).send().await;
    assert_eq!(refused.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    let got: serde_json::Value = client.get(&url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(got, modes);

    // Defamation needs legal work.
    let fields = [("incident", "defamation"), ("platform", "x"), ("description", WORDS)];
    let case = a_case_with(&s, &fields).await.id.0;
    run_all(&runner(&s)).await;
    let mail = mail_to(&t.maildir, &address).await;
    assert!(mail.contains(&format!("Subject: Vigie: new case {case} needs your skills")), "{mail}");
    let decoded = quoted_printable_decoded(&mail);
    assert!(decoded.contains(&format!("{}/cases/{case}", s.base)), "{decoded}");
    assert!(!decoded.contains("Sokodé") && !decoded.contains("argent"), "no reporter's words: {decoded}");
    s.cleanup().await;
}

#[tokio::test]
async fn a_case_given_in_digest_mode_arrives_in_the_next_digest_on_sqlite() {
    a_case_given_in_digest_mode_arrives_in_the_next_digest(false).await;
}

#[tokio::test]
async fn a_case_given_in_digest_mode_arrives_in_the_next_digest_on_postgres() {
    a_case_given_in_digest_mode_arrives_in_the_next_digest(true).await;
}

#[tokio::test]
async fn a_new_case_needing_my_skill_alerts_me_at_once_on_sqlite() {
    a_new_case_needing_my_skill_alerts_me_at_once(false).await;
}

#[tokio::test]
async fn a_new_case_needing_my_skill_alerts_me_at_once_on_postgres() {
    a_new_case_needing_my_skill_alerts_me_at_once(true).await;
}
