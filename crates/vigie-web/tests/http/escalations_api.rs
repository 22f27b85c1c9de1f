//! Escalations through the JSON API with bearer tokens: drafted from a case's evidence,
//! moved through its life by events, followed up; every route for every role, another
//! organization's token finds nothing, no token is refused; the OpenAPI document lists
//! the routes.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{Server, a_case, api_token, server};

struct Api {
    client: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl Api {
    async fn of(s: &Server, user: Option<&str>) -> Self {
        let token = match user {
            Some(u) => Some(api_token(s, u).await),
            None => None,
        };
        Self { client: reqwest::Client::new(), base: s.base.clone(), token }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }
}

/// A case with one post as evidence; the case and the evidence item's ids.
async fn case_with_post(s: &Server, api: &Api) -> (i64, i64) {
    let case = a_case(s).await;
    let post = json!({"platform": "x", "url": "https://x.example/a/status/9", "author": "@a", "text": "menace"});
    let (status, body) = api.post(&format!("/api/v1/cases/{case}/evidence/posts"), post).await;
    assert!(status.is_success(), "{status} {body}");
    // A token holds no key and cannot list sealed evidence: a session of the organization does.
    let login = s.app.accounts.login("resp", crate::harness::PW, "t").await.unwrap();
    let actor = s.app.accounts.session(&login.token).await.unwrap();
    let key = s.app.accounts.org_key(&actor);
    let items = s.app.cases.evidence(&actor, key.as_ref(), vigie_core::CaseId(case)).await.unwrap();
    (case, items.last().expect("an evidence item").id)
}

fn new_body(evidence: i64) -> Value {
    json!({
        "platform": "x",
        "channel": "trusted_partner",
        "narrative": "récit scellé",
        "items": [
            {"category": "threat_of_violence", "severity": "critical", "url": "https://x.example/a/status/9",
             "excerpt": "menace", "language": "fr", "platform_policy": "Violent Speech", "evidence_item": evidence},
            {"type": "account", "category": "impersonation", "severity": "high", "account": "@fake"}
        ]
    })
}

/// Drafts, sends, acknowledges, decides, closes and appeals; checks each answer.
async fn walk(api: &Api, case: i64, evidence: i64) {
    let (status, e) = api.post(&format!("/api/v1/cases/{case}/escalations"), new_body(evidence)).await;
    assert_eq!(status, StatusCode::CREATED, "{e}");
    assert_eq!(e["status"], "draft");
    assert!(e.get("narrative").is_none(), "the sealed narrative is not returned");
    assert_eq!(e["items"][0]["evidence_item"], evidence);
    assert_eq!(e["items"][1]["account"], "@fake");
    let id = e["id"].as_i64().unwrap();
    let events = format!("/api/v1/escalations/{id}/events");
    let (status, e) = api.post(&events, json!({"event": "send", "reference": "REF-1"})).await;
    assert_eq!((status, &e["status"], &e["reference"]), (StatusCode::OK, &json!("sent"), &json!("REF-1")), "{e}");
    assert_eq!(api.post(&events, json!({"event": "acknowledge"})).await.0, StatusCode::OK);
    let (status, e) = api.post(&events, json!({"event": "decide", "outcomes": [{"kind": "removed"}]})).await;
    assert_eq!(status, StatusCode::CONFLICT, "one outcome per item: {e}");
    let outcomes = json!([{"kind": "removed", "platform_words": "Removed."}, {"kind": "no_reply"}]);
    let (status, e) = api.post(&events, json!({"event": "decide", "outcomes": outcomes})).await;
    assert_eq!((status, &e["items"][0]["outcome"]["kind"]), (StatusCode::OK, &json!("removed")), "{e}");
    assert_eq!(api.post(&events, json!({"event": "close"})).await.0, StatusCode::OK);
    let (status, appeal) = api.post(&events, json!({"event": "appeal", "channel": "web_form"})).await;
    assert_eq!((status, &appeal["parent_id"], &appeal["link"]), (StatusCode::CREATED, &json!(id), &json!("appeal")));
    let (status, list) = api.get(&format!("/api/v1/cases/{case}/escalations")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.as_array().unwrap().iter().any(|e| e["id"] == id && e["status"] == "closed"), "{list}");
    let (status, one) = api.get(&format!("/api/v1/escalations/{id}")).await;
    assert_eq!((status, &one["items"][1]["outcome"]["kind"]), (StatusCode::OK, &json!("no_reply")));
}

#[tokio::test]
async fn every_role_of_the_organization_escalates_and_tracks_through_the_api() {
    let s = server().await;
    for user in ["admin", "coord", "resp"] {
        let api = Api::of(&s, Some(user)).await;
        let (case, evidence) = case_with_post(&s, &api).await;
        walk(&api, case, evidence).await;
    }
}

#[tokio::test]
async fn another_organization_finds_nothing_and_no_token_is_refused() {
    let s = server().await;
    let resp = Api::of(&s, Some("resp")).await;
    let (case, evidence) = case_with_post(&s, &resp).await;
    let (_, e) = resp.post(&format!("/api/v1/cases/{case}/escalations"), new_body(evidence)).await;
    let id = e["id"].as_i64().unwrap();
    let other = Api::of(&s, Some("resp-b")).await;
    let nobody = Api::of(&s, None).await;
    for (api, expected) in [(&other, StatusCode::NOT_FOUND), (&nobody, StatusCode::UNAUTHORIZED)] {
        assert_eq!(api.get(&format!("/api/v1/cases/{case}/escalations")).await.0, expected);
        assert_eq!(api.get(&format!("/api/v1/escalations/{id}")).await.0, expected);
        assert_eq!(api.post(&format!("/api/v1/cases/{case}/escalations"), new_body(evidence)).await.0, expected);
        let send = json!({"event": "send"});
        assert_eq!(api.post(&format!("/api/v1/escalations/{id}/events"), send).await.0, expected);
    }
    let (_, e) = resp.get(&format!("/api/v1/escalations/{id}")).await;
    assert_eq!(e["status"], "draft", "nobody else moved it");
}

#[tokio::test]
async fn invalid_escalations_and_steps_are_refused_with_the_field() {
    let s = server().await;
    let api = Api::of(&s, Some("resp")).await;
    let (case, evidence) = case_with_post(&s, &api).await;
    let path = format!("/api/v1/cases/{case}/escalations");
    let mut bad = new_body(evidence);
    bad["items"][0]["url"] = json!("javascript:alert(1)");
    let (status, body) = api.post(&path, bad).await;
    assert_eq!((status, &body["error"]["code"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("invalid")), "{body}");
    let empty = json!({"platform": "x", "channel": "email", "items": []});
    assert_eq!(api.post(&path, empty).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = json!({"platform": "myspace", "channel": "email", "items": []});
    assert_eq!(api.post(&path, unknown).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, e) = api.post(&path, new_body(evidence)).await;
    let events = format!("/api/v1/escalations/{}/events", e["id"]);
    assert_eq!(api.post(&events, json!({"event": "close"})).await.0, StatusCode::CONFLICT);
    assert_eq!(api.post(&events, json!({"event": "fly"})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(api.post(&events, json!({"event": "send", "at": 1})).await.0, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_openapi_document_lists_the_escalation_routes() {
    let s = server().await;
    let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", s.base)).await.unwrap().json().await.unwrap();
    let paths = &doc["paths"];
    assert!(paths["/api/v1/cases/{id}/escalations"]["get"].is_object());
    assert!(paths["/api/v1/cases/{id}/escalations"]["post"].is_object());
    assert!(paths["/api/v1/escalations/{id}"]["get"].is_object());
    assert!(paths["/api/v1/escalations/{id}/events"]["post"].is_object());
    assert!(doc["components"]["schemas"]["EscalationView"].is_object());
}
