//! Escalations from the case page with JavaScript off: a case's evidence becomes an
//! escalation through plain form posts, its life is recorded step by step, and the case
//! page shows it; every new route for every role; refusals re-show the form with 422.

use reqwest::StatusCode;

use crate::harness::{Browser, Server, a_case, server};

pub(crate) const POST_URL: &str = "https://x.example/troll/status/1";

/// Records a post as evidence of `case` from the case page.
pub(crate) async fn with_post(b: &Browser, case: i64) {
    let csrf = b.get(&format!("/cases/{case}")).await.csrf();
    let post = [
        ("csrf", csrf.as_str()),
        ("platform", "x"),
        ("url", POST_URL),
        ("author", "@troll"),
        ("posted_at", "2026-11-20T10:00:00Z"),
        ("text", "نص منشور تشهيري"),
    ];
    let r = b.post(&format!("/cases/{case}/evidence/post"), &post).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// The evidence ids the new-escalation form offers, and its CSRF token.
pub(crate) async fn new_form(b: &Browser, case: i64) -> (Vec<String>, String) {
    let page = b.get(&format!("/cases/{case}/escalations/new")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let ids = page
        .body
        .match_indices("name=\"item-")
        .map(|(at, m)| page.body[at + m.len()..].split('-').next().unwrap().to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    (ids, page.csrf())
}

/// Escalates the case's first evidence item to X; the new escalation's page address.
async fn escalate(b: &Browser, case: i64) -> String {
    escalate_with(b, case, &[]).await
}

/// [`escalate`] with more fields posted (`campaign`, say).
pub(crate) async fn escalate_with(b: &Browser, case: i64, extra: &[(&str, &str)]) -> String {
    let (ids, csrf) = new_form(b, case).await;
    let e = &ids[0];
    let name = |f: &str| format!("item-{e}-{f}");
    let fields = [
        ("csrf".to_owned(), csrf),
        ("platform".to_owned(), "x".to_owned()),
        ("channel".to_owned(), "trusted_partner".to_owned()),
        ("narrative".to_owned(), "Campagne coordonnée contre une défenseuse.".to_owned()),
        (name("pick"), "1".to_owned()),
        (name("type"), "post".to_owned()),
        (name("url"), POST_URL.to_owned()),
        (name("post_id"), "1".to_owned()),
        (name("account"), "@troll".to_owned()),
        (name("category"), "defamation".to_owned()),
        (name("severity"), "high".to_owned()),
        (name("policy"), "Abuse and harassment".to_owned()),
        (name("excerpt"), "نص منشور تشهيري".to_owned()),
        (name("language"), "ar".to_owned()),
        (name("translation"), "A defamatory post".to_owned()),
    ];
    let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form.extend_from_slice(extra);
    let r = b.post(&format!("/cases/{case}/escalations/new"), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().starts_with("/escalations/"), "{}", r.location());
    r.location().to_owned()
}

/// Posts a step's form from the escalation's page; the response's status.
pub(crate) async fn step(b: &Browser, at: &str, what: &str, fields: &[(&str, &str)]) -> reqwest::StatusCode {
    let csrf = b.get(at).await.csrf();
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let r = b.post(&format!("{at}/{what}"), &form).await;
    r.status
}

/// Walks an escalation from draft to closed, then appeals it; the appeal's address.
async fn walk(b: &Browser, at: &str) -> String {
    assert_eq!(step(b, at, "send", &[("reference", "X-REF-42"), ("at", "")]).await, StatusCode::SEE_OTHER);
    assert_eq!(step(b, at, "acknowledge", &[("at", "")]).await, StatusCode::SEE_OTHER);
    let decision =
        [("outcome-0", "removed"), ("words-0", "We removed the post for violating our rules."), ("at-0", "")];
    assert_eq!(step(b, at, "decide", &decision).await, StatusCode::SEE_OTHER);
    assert_eq!(step(b, at, "close", &[("at", "")]).await, StatusCode::SEE_OTHER);
    let csrf = b.get(at).await.csrf();
    let form = [("csrf", csrf.as_str()), ("kind", "appeal"), ("channel", "web_form"), ("narrative", "")];
    let r = b.post(&format!("{at}/follow-up"), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_owned()
}

#[tokio::test]
async fn a_case_with_evidence_is_escalated_and_tracked_without_javascript() {
    let s = server().await;
    let case = a_case(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    with_post(&resp, case).await;
    let page = resp.get(&format!("/cases/{case}?lang=en")).await;
    assert!(page.body.contains("has not been escalated"), "{}", page.body);
    assert!(page.body.contains(&format!("/cases/{case}/escalations/new")));

    let at = escalate(&resp, case).await;
    let page = resp.get(&format!("{at}?lang=en")).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [POST_URL, "Abuse and harassment", "A defamatory post", "Campagne coordonnée", "Draft"] {
        assert!(page.body.contains(text), "{text} missing: {}", page.body);
    }
    let appeal = walk(&resp, &at).await;

    let page = resp.get(&format!("{at}?lang=en")).await;
    for text in ["X-REF-42", "Removed", "We removed the post", "Closed"] {
        assert!(page.body.contains(text), "{text} missing: {}", page.body);
    }
    let page = resp.get(&format!("{appeal}?lang=en")).await;
    assert!(page.body.contains("Appeal") && page.body.contains(&format!("href=\"{at}\"")), "{}", page.body);

    let page = resp.get(&format!("/cases/{case}?lang=en")).await;
    assert!(page.body.contains(&format!("href=\"{at}\"")) && page.body.contains("Closed"), "{}", page.body);
    assert!(page.body.contains(&format!("href=\"{appeal}\"")) && page.body.contains("Draft"));
    let page = resp.get(&format!("/cases/{case}?lang=ar")).await;
    assert!(page.body.contains("الإحالات إلى المنصات") && page.body.contains("dir=\"rtl\""));
}

#[tokio::test]
async fn a_refused_escalation_or_step_reshows_the_form_with_the_reason() {
    let s = server().await;
    let case = a_case(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    with_post(&resp, case).await;
    let (ids, csrf) = new_form(&resp, case).await;
    let nothing = [("csrf", csrf.as_str()), ("platform", "x"), ("channel", "email"), ("narrative", "garde ceci")];
    let r = resp.post(&format!("/cases/{case}/escalations/new?lang=en"), &nothing).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Items:") && r.body.contains("garde ceci"), "{}", r.body);

    let (pick, url, cat, sev) = (
        format!("item-{}-pick", ids[0]),
        format!("item-{}-url", ids[0]),
        format!("item-{}-category", ids[0]),
        format!("item-{}-severity", ids[0]),
    );
    let bad = [
        ("csrf", csrf.as_str()),
        ("platform", "x"),
        ("channel", "email"),
        (pick.as_str(), "1"),
        (url.as_str(), "javascript:alert(1)"),
        (cat.as_str(), "hate"),
        (sev.as_str(), "low"),
    ];
    let r = resp.post(&format!("/cases/{case}/escalations/new?lang=en"), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Item 1: Address (URL)") && r.body.contains("javascript:alert(1)"), "{}", r.body);

    let at = escalate(&resp, case).await;
    assert_eq!(step(&resp, &at, "close", &[("at", "")]).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(step(&resp, &at, "send", &[("at", "2001-01-01T00:00")]).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(step(&resp, &at, "send", &[("at", "demain")]).await, StatusCode::UNPROCESSABLE_ENTITY);
    let page = resp.get(&at).await;
    assert!(page.body.contains("/send"), "still a draft: {}", page.body);
}

/// Every route, for every role: the owning organization's members may use them all,
/// another organization's responder finds nothing, a visitor is sent to log in.
#[tokio::test]
async fn every_escalation_route_follows_the_case_authorization() {
    let s: Server = server().await;
    let case = a_case(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    with_post(&resp, case).await;
    for user in ["admin", "coord", "resp"] {
        let b = Browser::logged_in(&s, user).await;
        let at = escalate(&b, case).await;
        assert_eq!(b.get(&at).await.status, StatusCode::OK, "{user}");
        let appeal = walk(&b, &at).await;
        assert_eq!(b.get(&appeal).await.status, StatusCode::OK, "{user}");
        for ext in ["pdf", "csv", "json"] {
            let r = b.get(&format!("{at}/package.{ext}?lang=en")).await;
            assert_eq!(r.status, StatusCode::OK, "{user} package.{ext}: {}", r.body);
        }
    }
    let at = escalate(&resp, case).await;
    let other = Browser::logged_in(&s, "resp-b").await;
    let anonymous = Browser::new(&s);
    let new = format!("/cases/{case}/escalations/new");
    for (who, b) in [("resp-b", &other), ("anonymous", &anonymous)] {
        let expected = |status: StatusCode, r: &crate::harness::Page| match who {
            "resp-b" => status == StatusCode::NOT_FOUND,
            _ => status == StatusCode::SEE_OTHER && r.location() == "/login",
        };
        let packages = ["pdf", "csv", "json"].map(|ext| format!("{at}/package.{ext}?narrative=1"));
        for path in [new.as_str(), at.as_str()].into_iter().chain(packages.iter().map(String::as_str)) {
            let r = b.get(path).await;
            assert!(expected(r.status, &r), "{who} GET {path}: {}", r.status);
        }
        let posts = [
            (new.clone(), vec![("platform", "x"), ("channel", "email")]),
            (format!("{at}/send"), vec![("at", "")]),
            (format!("{at}/acknowledge"), vec![("at", "")]),
            (format!("{at}/decide"), vec![("outcome-0", "removed")]),
            (format!("{at}/close"), vec![("at", "")]),
            (format!("{at}/follow-up"), vec![("kind", "appeal"), ("channel", "email")]),
        ];
        for (path, fields) in posts {
            let r = b.post_with_csrf(&path, &fields).await;
            assert!(expected(r.status, &r), "{who} POST {path}: {} {}", r.status, r.body);
        }
    }
    let page = resp.get(&at).await;
    assert!(page.body.contains("/send"), "nobody outside moved it: {}", page.body);
    let r = resp.post(&format!("{at}/send"), &[("at", "")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token, no step");
}
