//! Guides, their search and self-diagnosis over HTTP, as a visitor without JavaScript
//! and as the admins who keep the library.

use reqwest::StatusCode;
use vigie_core::store::CaseFilter;

use crate::harness::{Browser, PW, Server, server};

/// The value of the answer button labelled `label` on a question page.
fn answer(body: &str, label: &str) -> String {
    let end = body.find(&format!(">{label}</button>")).unwrap_or_else(|| panic!("no answer {label:?} in {body}"));
    let start = body[..end].rfind("value=\"").expect("the button has a value") + "value=\"".len();
    body[start..end].trim_end_matches('"').to_owned()
}

async fn case_count(s: &Server) -> i64 {
    let login = s.app.accounts.login("resp", PW, "t").await.unwrap();
    let actor = s.app.accounts.session(&login.token).await.unwrap();
    s.app.cases.queue(&actor, CaseFilter::default()).await.unwrap().1
}

async fn walk(b: &Browser, topic: &str, page: &crate::harness::Page, label: &str) -> crate::harness::Page {
    let a = answer(&page.body, label);
    let next = b.post(&format!("/help/{topic}"), &[("csrf", &page.csrf()), ("a", &a)]).await;
    assert_eq!(next.status, StatusCode::OK, "{label}: {}", next.body);
    next
}

#[tokio::test]
async fn my_account_was_hacked_leads_to_a_report_already_ticked_and_nothing_is_kept_before_sending() {
    let s = server().await;
    let before = case_count(&s).await;
    let b = Browser::new(&s);
    let topics = b.get("/help?lang=en").await;
    assert!(topics.body.contains(r#"href="/help/account-hacked""#), "{}", topics.body);

    let first = b.get("/help/account-hacked").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("Which account is it?"));
    assert!(!first.body.contains("<script"));
    let second = walk(&b, "account-hacked", &first, "Facebook").await;
    assert!(second.body.contains("Can you still log in to the account?"), "{}", second.body);
    // Back one question, then forward again: the path is all the state there is.
    let back = b.post("/help/account-hacked", &[("csrf", &second.csrf()), ("a", "")]).await;
    assert!(back.body.contains("Which account is it?"));
    let second = walk(&b, "account-hacked", &back, "Facebook").await;
    let third = walk(&b, "account-hacked", &second, "No, I'm locked out").await;
    let end = walk(&b, "account-hacked", &third, "Yes").await;
    assert!(end.body.contains("Recover the account through the official procedure"), "{}", end.body);
    assert!(end.body.contains(r#"href="/guides/securing-accounts""#), "the outcome links its guides");
    assert!(end.body.contains(r#"action="/help/report""#));
    assert_eq!(case_count(&s).await, before, "walking the questions stores nothing");

    // The report form opens with the answers' incident type, platform and risk ticked.
    let mut fields: Vec<(String, String)> = vec![("csrf".into(), end.csrf())];
    for name in ["incident", "platform", "risk"] {
        let marker = format!(r#"type="hidden" name="{name}" value=""#);
        let mut rest = end.body.as_str();
        while let Some(i) = rest.find(&marker) {
            rest = &rest[i + marker.len()..];
            fields.push((name.into(), rest.split('"').next().unwrap().into()));
        }
    }
    let form = b.send(b.client.post(format!("{}/help/report", s.base)).form(&fields)).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    for ticked in [
        r#"name="incident" value="account_compromise" checked"#,
        r#"name="platform" value="facebook" checked"#,
        r#"name="risk" value="account_controlled" checked"#,
    ] {
        assert!(form.body.contains(ticked), "{ticked} in {}", form.body);
    }
    assert!(!form.body.contains(r#"value="doxing" checked"#));
    assert_eq!(case_count(&s).await, before, "opening the form stores nothing");

    // Sent, it is a report like any other.
    let sent = b
        .send(b.client.post(format!("{}/report/ligue", s.base)).form(&[
            ("csrf", form.csrf().as_str()),
            ("incident", "account_compromise"),
            ("platform", "facebook"),
            ("risk", "account_controlled"),
            ("description", "Someone took my Facebook account and changed the password."),
            ("country", "SN"),
            ("website", ""),
        ]))
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.body.contains("class=\"receipt\""));
    assert_eq!(case_count(&s).await, before + 1);
}

#[tokio::test]
async fn a_hand_made_path_or_a_missing_token_is_refused() {
    let s = server().await;
    let b = Browser::new(&s);
    let page = b.get("/help/harassment").await;
    let csrf = page.csrf();
    for bad in ["0.0.0.0.0.0.0.0.0.0", "x", "-1", "300"] {
        let r = b.post("/help/harassment", &[("csrf", &csrf), ("a", bad)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "path {bad}");
    }
    let r = b.post("/help/harassment", &[("a", "0")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token");
    // Codes the report form does not know are dropped, not carried.
    let r = b.post("/help/report", &[("csrf", &csrf), ("incident", "made_up"), ("risk", "nope")]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("made_up"));
    let ticked_boxes = r
        .body
        .match_indices(" checked>")
        .filter(|(i, _)| r.body[..*i].rsplit('<').next().unwrap().contains("checkbox"));
    assert_eq!(ticked_boxes.count(), 0, "{}", r.body);
}

#[tokio::test]
async fn the_search_finds_guides_by_other_forms_of_their_words() {
    let s = server().await;
    let b = Browser::new(&s);
    let fr = b.get("/guides/search?q=hame%C3%A7onnages&lang=fr").await;
    assert_eq!(fr.status, StatusCode::OK);
    assert!(fr.body.contains(r#"href="/guides/phishing""#), "{}", fr.body);
    let ar = b
        .get("/guides/search?q=%D8%A7%D9%84%D8%AA%D9%8E%D9%91%D8%B5%D9%8E%D9%8A%D9%8F%D9%91%D9%80%D8%AF&lang=ar")
        .await;
    assert!(ar.body.contains(r#"href="/guides/phishing""#), "harakat and tatweel ignored: {}", ar.body);
    assert!(ar.body.contains(r#"dir="rtl""#));
    let en = b.get("/guides/search?q=shutdowns&lang=en").await;
    assert!(en.body.contains(r#"href="/guides/internet-shutdowns""#));
    // Self-diagnosis and playbooks are found too.
    let en = b.get("/guides/search?q=impersonating&lang=en").await;
    assert!(en.body.contains(r#"href="/help/impersonation""#), "{}", en.body);
    let none = b.get("/guides/search?q=zzqxv&lang=en").await;
    assert!(none.body.contains("Nothing matches these words"));
}

#[tokio::test]
async fn an_arabic_guide_is_right_to_left_and_a_missing_translation_says_it_fell_back() {
    let s = server().await;
    let b = Browser::new(&s);
    let ar = b.get("/guides/phishing?lang=ar").await;
    assert_eq!(ar.status, StatusCode::OK);
    assert!(ar.body.contains(r#"<html lang="ar" dir="rtl""#));
    assert!(ar.body.contains(r#"<article class="guide" lang="ar" dir="rtl">"#), "{}", ar.body);
    assert!(ar.body.contains("<h2>"), "sections rendered from Markdown");
    assert!(!ar.body.contains("<script"));

    // An admin writes a guide in English only, with HTML in it.
    let admin = Browser::logged_in(&s, "admin").await;
    let edit = admin.get("/admin/guides/local-contacts/en").await;
    assert_eq!(edit.status, StatusCode::OK);
    let text = "# Local contacts\n\nWho to call in Dakar.\n\n## Lawyers\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[Report](/report) [x](javascript:alert(1))\n";
    let saved = admin
        .post("/admin/guides/local-contacts/en", &[("csrf", &edit.csrf()), ("body", text), ("note", "first draft")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let fr = b.get("/guides/local-contacts?lang=fr").await;
    assert_eq!(fr.status, StatusCode::OK);
    assert!(fr.body.contains("pas encore traduit"), "{}", fr.body);
    assert!(fr.body.contains(r#"<article class="guide" lang="en" dir="ltr">"#));
    assert!(!fr.body.contains("<script") && !fr.body.contains("<img") && !fr.body.contains("javascript:"));
    assert!(fr.body.contains("&lt;script&gt;"), "raw HTML shown as text");
    assert!(fr.body.contains(r#"<a href="/report" rel="noopener noreferrer nofollow">"#));
}

#[tokio::test]
async fn an_admin_edits_a_guide_the_history_says_who_and_the_search_sees_it_at_once() {
    let s = server().await;
    let admin = Browser::logged_in(&s, "admin").await;
    let anyone = Browser::new(&s);
    // The search is built once before the edit.
    assert!(!anyone.get("/guides/search?q=quokkaword&lang=en").await.body.contains("/guides/phishing"));

    let edit = admin.get("/admin/guides/phishing/en").await;
    assert!(edit.body.contains("# Recognising phishing\n"), "the shipped text to edit: {}", edit.body);
    let text = "# Recognising phishing\n\nA shorter text with the word quokkaword.\n\n## Signs\n\n- A hurried tone\n";
    let r = admin
        .post("/admin/guides/phishing/en", &[("csrf", &edit.csrf()), ("body", text), ("note", "Shorter, for phones")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/admin/guides/phishing/en?saved=1");

    let page = anyone.get("/guides/phishing?lang=en").await;
    assert!(page.body.contains("quokkaword"));
    let found = anyone.get("/guides/search?q=quokkaword&lang=en").await;
    assert!(found.body.contains(r#"href="/guides/phishing""#), "index rebuilt: {}", found.body);

    let history = admin.get("/admin/guides/phishing/en?saved=1&lang=en").await;
    assert!(history.body.contains("Saved."));
    assert!(history.body.contains("version 1") && history.body.contains("Shorter, for phones"), "{}", history.body);
    assert!(history.body.contains("<bdi>admin</bdi>"), "who changed it");

    // The same text again is refused, naming why; a second edit is version 2.
    let same = admin.post("/admin/guides/phishing/en", &[("csrf", &edit.csrf()), ("body", text), ("note", "")]).await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(same.body.contains("Nothing changed"));
    let bad = admin
        .post("/admin/guides/phishing/en", &[("csrf", &edit.csrf()), ("body", "no title here"), ("note", "")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("no title here"), "the text comes back to be fixed");
    let restore = admin
        .post(
            "/admin/guides/phishing/en",
            &[("csrf", &edit.csrf()), ("body", "# Recognising phishing\n\nBack.\n"), ("note", "")],
        )
        .await;
    assert_eq!(restore.status, StatusCode::SEE_OTHER);
    assert!(admin.get("/admin/guides/phishing/en?lang=en").await.body.contains("version 2"));
    let list = admin.get("/admin/guides?lang=en").await;
    assert!(list.body.contains("version 2"), "{}", list.body);

    // Only admins edit.
    for who in ["coord", "resp"] {
        let b = Browser::logged_in(&s, who).await;
        assert_eq!(b.get("/admin/guides/phishing/en").await.status, StatusCode::FORBIDDEN);
        let csrf = b.get("/account").await.csrf();
        let r = b.post("/admin/guides/phishing/en", &[("csrf", &csrf), ("body", text), ("note", "")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
}
