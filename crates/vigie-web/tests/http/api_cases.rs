//! The reporting and case API over HTTP.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{Browser, api_token, server};

fn report() -> Value {
    json!({
        "org": "ligue",
        "incidents": ["harassment", "hate_speech"],
        "platforms": ["tiktok", "whatsapp"],
        "links": ["https://tiktok.com/@hostile/video/1"],
        "description": "They post insults about me in every comment.",
        "ongoing": true,
        "country": "gh",
        "contact_by": "email",
        "contact_address": "ama@example.org",
        "language": "en"
    })
}

#[tokio::test]
async fn reports_are_submitted_followed_and_worked_through_the_api() {
    let s = server().await;
    let client = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", s.base);

    let r = client.post(url("/api/v1/reports")).json(&report()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let receipt: Value = r.json().await.unwrap();
    let code = receipt["receipt"].as_str().unwrap().to_owned();
    let f: Value =
        client.post(url("/api/v1/follow")).json(&json!({ "code": code })).send().await.unwrap().json().await.unwrap();
    assert_eq!(f["status"], "new");

    let token = api_token(&s, "resp").await;
    let page: Value = client
        .get(url("/api/v1/cases?incident=hate_speech&status=open"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 1);
    let case = &page["cases"][0];
    assert_eq!((case["country"].as_str(), case["severity"].as_str()), (Some("GH"), Some("medium")));
    assert_eq!(case["platforms"], json!(["whatsapp", "tiktok"]));
    let id = case["id"].as_i64().unwrap();

    let act = |action: &str| {
        client
            .post(url(&format!("/api/v1/cases/{id}/actions")))
            .bearer_auth(&token)
            .json(&json!({ "action": action }))
            .send()
    };
    let r = act("triage").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "triaged");
    let r = act("resolve").await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "invalid_transition");
    assert_eq!(act("reporter_replied").await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);

    let r = client
        .post(url(&format!("/api/v1/cases/{id}/notes")))
        .bearer_auth(&token)
        .json(&json!({ "text": "Checked the account" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = client
        .post(url(&format!("/api/v1/cases/{id}/severity")))
        .bearer_auth(&token)
        .json(&json!({ "severity": "high", "reason": "" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // A token never opens sealed fields; a session holding the key does.
    let r = client.get(url(&format!("/api/v1/cases/{id}/report"))).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "key_locked");
    let b = Browser::logged_in(&s, "resp").await;
    let receipt_code = vigie_core::receipt::ReceiptCode::parse(&code).unwrap();
    let before = s.app.cases.follow(&receipt_code).await.unwrap().messages.len();
    // The session cookie alone, which another site can make a browser send, is refused
    // under /api/, for a read that decrypts and for a write alike.
    let r = b.client.get(url(&format!("/api/v1/cases/{id}/report"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let message = json!({ "text": "We are on it." });
    let r = b.client.post(url(&format!("/api/v1/cases/{id}/messages"))).json(&message).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = b
        .client
        .post(url(&format!("/api/v1/cases/{id}/messages")))
        .header("x-csrf-token", "not-the-token")
        .json(&message)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "a wrong CSRF header");
    assert_eq!(s.app.cases.follow(&receipt_code).await.unwrap().messages.len(), before, "nothing reached the reporter");
    // With the page's CSRF token in the header, the cookie counts.
    let csrf = b.get("/account").await.csrf();
    let r =
        b.client.get(url(&format!("/api/v1/cases/{id}/report"))).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["description"], "They post insults about me in every comment.");
    let r = b
        .client
        .post(url(&format!("/api/v1/cases/{id}/messages")))
        .header("x-csrf-token", &csrf)
        .json(&message)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    let f: Value = client
        .post(url("/api/v1/follow"))
        .json(&json!({ "code": code, "message": "Thank you" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let texts: Vec<&str> = f["messages"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["We are on it.", "Thank you"]);

    // Another organization's responder finds nothing.
    let other = api_token(&s, "resp-b").await;
    let r = client.get(url(&format!("/api/v1/cases/{id}"))).bearer_auth(&other).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = client
        .post(url(&format!("/api/v1/cases/{id}/actions")))
        .bearer_auth(&other)
        .json(&json!({ "action": "start" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let page: Value = client.get(url("/api/v1/cases")).bearer_auth(&other).send().await.unwrap().json().await.unwrap();
    assert_eq!(page["total"], 0);
}

#[tokio::test]
async fn bad_reports_and_unknown_codes_get_json_errors() {
    let s = server().await;
    let client = reqwest::Client::new();
    let mut bad = report();
    bad["incidents"] = json!([]);
    let r = client.post(format!("{}/api/v1/reports", s.base)).json(&bad).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["field"], "incidents");
    let mut bad = report();
    bad["incidents"] = json!(["not-a-type"]);
    assert_eq!(
        client.post(format!("{}/api/v1/reports", s.base)).json(&bad).send().await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut unknown_org = report();
    unknown_org["org"] = json!("nowhere");
    assert_eq!(
        client.post(format!("{}/api/v1/reports", s.base)).json(&unknown_org).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let r = client
        .post(format!("{}/api/v1/follow", s.base))
        .json(&json!({ "code": "0000-0000-0000-0000" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = client.post(format!("{}/api/v1/follow", s.base)).json(&json!({ "code": "nope" })).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let doc: Value = client.get(format!("{}/api/v1/openapi.json", s.base)).send().await.unwrap().json().await.unwrap();
    for path in [
        "/api/v1/reports",
        "/api/v1/follow",
        "/api/v1/cases",
        "/api/v1/cases/{id}/actions",
        "/api/v1/cases/{id}/messages",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
}
