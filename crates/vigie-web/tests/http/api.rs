//! The JSON API and its OpenAPI document.

use reqwest::StatusCode;

use crate::harness::{api_token, server};

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let s = server().await;
    let doc: serde_json::Value =
        reqwest::get(format!("{}/api/v1/openapi.json", s.base)).await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/v1/me", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/orgs"] {
        assert!(doc["paths"][path].is_object(), "{path} missing from the OpenAPI document");
    }
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}

#[tokio::test]
async fn an_admin_adds_a_member_through_the_api_who_waits_for_the_key() {
    let s = server().await;
    let token = api_token(&s, "admin").await;
    let client = reqwest::Client::new();
    let body = serde_json::json!({
        "org_id": s.org_b.0, "username": "nouvelle", "display_name": "Nouvelle", "role": "responder", "password": "a long enough password"
    });
    let r = client.post(format!("{}/api/v1/users", s.base)).bearer_auth(&token).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let user: serde_json::Value = r.json().await.unwrap();
    assert_eq!(user["key_state"], "pending");
    assert_eq!(user["org_id"], s.org_b.0);

    let again = client.post(format!("{}/api/v1/users", s.base)).bearer_auth(&token).json(&body).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);

    let bad = serde_json::json!({ "org_id": s.org_b.0, "username": "x", "display_name": "X", "role": "responder", "password": "a long enough password" });
    let r = client.post(format!("{}/api/v1/users", s.base)).bearer_auth(&token).json(&bad).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let err: serde_json::Value = r.json().await.unwrap();
    assert_eq!(err["error"]["code"], "invalid");
    assert_eq!(err["error"]["field"], "username");
}

#[tokio::test]
async fn a_revoked_token_stops_working() {
    let s = server().await;
    let login = s.app.accounts.login("resp", crate::harness::PW, "t").await.unwrap();
    let actor = s.app.accounts.session(&login.token).await.unwrap();
    let (id, token) = s.app.accounts.create_api_token(&actor, "script").await.unwrap();
    let client = reqwest::Client::new();
    let me = |t: String| client.get(format!("{}/api/v1/me", s.base)).bearer_auth(t).send();
    let r = me(token.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["user"]["username"], "resp");
    assert_eq!(v["user"]["role"], "responder");
    s.app.accounts.revoke_api_token(&actor, id).await.unwrap();
    assert_eq!(me(token).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(me("vigie_forged".into()).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}
