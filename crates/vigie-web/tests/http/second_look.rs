//! Gaps found on a second look, over the real server: API tokens outlive no password
//! change, and the API refuses a session cookie without the page's CSRF header (see
//! api_cases.rs for the case routes).

use reqwest::StatusCode;

use crate::harness::{Browser, PW, api_token, server, server_with};

async fn api_status(base: &str, token: &str) -> StatusCode {
    reqwest::Client::new().get(format!("{base}/api/v1/cases")).bearer_auth(token).send().await.unwrap().status()
}

#[tokio::test]
async fn a_password_change_revokes_the_members_api_tokens() {
    let s = server().await;
    let token = api_token(&s, "resp").await;
    let other = api_token(&s, "coord").await;
    assert_eq!(api_status(&s.base, &token).await, StatusCode::OK);
    let b = Browser::logged_in(&s, "resp").await;
    let account = b.get("/account?lang=en").await;
    assert!(account.body.contains("API tokens are revoked"), "the account page says so");
    let new = "a brand new passphrase";
    let csrf = account.csrf();
    let fields = [("csrf", csrf.as_str()), ("current_password", PW), ("password", new), ("password_confirm", new)];
    let r = b.post("/account/password", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(api_status(&s.base, &token).await, StatusCode::UNAUTHORIZED, "the token is revoked");
    assert_eq!(api_status(&s.base, &other).await, StatusCode::OK, "a colleague's token is not");
    let actor = s.app.accounts.session(&s.app.accounts.login("resp", new, "t").await.unwrap().token).await.unwrap();
    assert!(s.app.accounts.api_tokens(&actor).await.unwrap().iter().all(|t| t.revoked), "shown as revoked");
}

#[tokio::test]
async fn an_admin_setting_a_new_password_revokes_the_members_api_tokens() {
    let s = server().await;
    let token = api_token(&s, "coord").await;
    let admin_token = api_token(&s, "admin").await;
    let coord = s.app.accounts.store().user_by_username("coord").await.unwrap().id;
    let admin = Browser::logged_in(&s, "admin").await;
    let csrf = admin.get("/admin/users").await.csrf();
    let r = admin
        .post(
            &format!("/admin/users/{coord}/password"),
            &[("csrf", csrf.as_str()), ("password", "set by the admin now")],
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}: {}", r.status, r.body);
    assert_eq!(api_status(&s.base, &token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api_status(&s.base, &admin_token).await, StatusCode::OK);
}

#[tokio::test]
async fn receipt_code_lookups_are_capped_per_address() {
    let mut config = vigie_web::WebConfig::default();
    config.follow.per_address_per_hour = 3;
    let s = server_with(config).await;
    let b = Browser::new(&s);
    let guess = |b: &Browser| {
        let b = b.client.clone();
        let base = s.base.clone();
        async move {
            let page = b.get(format!("{base}/follow?lang=en")).send().await.unwrap().text().await.unwrap();
            let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
            let form = [("csrf", csrf.as_str()), ("code", "ABCD-EFGH-JKMN-PQRS")];
            b.post(format!("{base}/follow?lang=en")).form(&form).send().await.unwrap()
        }
    };
    for _ in 0..3 {
        assert_eq!(guess(&b).await.status(), StatusCode::NOT_FOUND);
    }
    let refused = guess(&b).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    // The JSON API's lookup shares the cap.
    let api =
        b.client.post(format!("{}/api/v1/follow", s.base)).json(&serde_json::json!({"code": "ABCD-EFGH-JKMN-PQRS"}));
    assert_eq!(api.send().await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    // Another address is not affected.
    let other = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .cookie_store(true)
        .build()
        .unwrap();
    let other = Browser { client: other, base: s.base.clone() };
    assert_eq!(guess(&other).await.status(), StatusCode::NOT_FOUND);
}
