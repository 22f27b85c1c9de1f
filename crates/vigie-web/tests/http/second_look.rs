//! Gaps found on a second look, over the real server: API tokens outlive no password
//! change, and the API refuses a session cookie without the page's CSRF header (see
//! api_cases.rs for the case routes).

use reqwest::StatusCode;

use crate::harness::{Browser, PW, api_token, server};

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
    let fields =
        [("csrf", csrf.as_str()), ("current_password", PW), ("password", new), ("password_confirm", new)];
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
        .post(&format!("/admin/users/{coord}/password"), &[("csrf", csrf.as_str()), ("password", "set by the admin now")])
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}: {}", r.status, r.body);
    assert_eq!(api_status(&s.base, &token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api_status(&s.base, &admin_token).await, StatusCode::OK);
}
