//! CSRF, throttling, session expiry, headers, body limits and error pages.

use reqwest::StatusCode;

use crate::harness::{Browser, PW, server, server_with};

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused() {
    let s = server().await;
    let b = Browser::new(&s);
    b.get("/login").await; // receives the CSRF cookie
    let none = b.post("/login", &[("username", "admin"), ("password", PW)]).await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
    assert!(none.body.contains("<html"), "a friendly page, not a bare status");
    let wrong = b.post("/login", &[("csrf", "forged-token"), ("username", "admin"), ("password", PW)]).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);

    // A token from another visitor (another cookie) does not work either.
    let other = Browser::new(&s);
    let foreign = other.get("/login").await.csrf();
    let stolen = b.post("/login", &[("csrf", &foreign), ("username", "admin"), ("password", PW)]).await;
    assert_eq!(stolen.status, StatusCode::FORBIDDEN);

    // A logged-in member's forms are protected the same way.
    let member = Browser::logged_in(&s, "admin").await;
    let r = member.post("/admin/orgs", &[("org_name", "Nouvelle"), ("org_slug", "nouvelle")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!member.get("/admin/orgs").await.body.contains("nouvelle"));
}

#[tokio::test]
async fn the_tenth_wrong_password_in_a_row_is_throttled() {
    let s = server().await;
    let b = Browser::new(&s);
    for i in 1..=9 {
        let r = b.login("resp", "not the password").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let tenth = b.login("resp", PW).await;
    assert_eq!(tenth.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert!(tenth.headers.contains_key("retry-after"));
    s.clock.advance(15 * 60);
    assert_eq!(b.login("resp", PW).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn unknown_accounts_and_wrong_passwords_get_the_same_answer() {
    let s = server().await;
    let b = Browser::new(&s);
    let wrong = b.login("resp", "not the password").await;
    let unknown = b.login("nobody-here", "not the password").await;
    assert_eq!(wrong.status, unknown.status);
    let strip = |body: &str| body.replace("resp", "").replace("nobody-here", "");
    let (w, u) = (strip(&wrong.body), strip(&unknown.body));
    // Same page but for the CSRF token and the echoed username.
    assert_eq!(w.len(), u.len());
}

#[tokio::test]
async fn an_expired_session_is_refused() {
    let s = server().await;
    let b = Browser::logged_in(&s, "resp").await;
    assert_eq!(b.get("/account").await.status, StatusCode::OK);
    s.clock.advance(31 * 60);
    let r = b.get("/account").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/login");

    // The absolute limit holds even for a busy session.
    let b = Browser::logged_in(&s, "resp").await;
    for _ in 0..25 {
        s.clock.advance(29 * 60);
        b.get("/").await;
    }
    assert_eq!(b.get("/account").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn session_cookie_is_httponly_and_strict_and_secure_behind_tls() {
    let s = server().await;
    let b = Browser::new(&s);
    let r = b.login("resp", PW).await;
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("vigie_session="))
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"),
        "{cookie}"
    );

    let tls = server_with(vigie_web::WebConfig { behind_tls_proxy: true, ..Default::default() }).await;
    let b = Browser::new(&tls);
    let page = b.get("/login").await;
    assert!(page.headers.get("strict-transport-security").is_some());
    let token = page.csrf();
    let r = b
        .client
        .post(format!("{}/login", tls.base))
        .header("cookie", format!("vigie_csrf={}", csrf_cookie(&page)))
        .form(&[("csrf", token.as_str()), ("username", "resp"), ("password", PW)])
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("vigie_session="))
        .unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}

fn csrf_cookie(page: &crate::harness::Page) -> String {
    let c = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("vigie_csrf="))
        .unwrap();
    c.trim_start_matches("vigie_csrf=").split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn every_response_carries_strict_security_headers() {
    let s = server().await;
    let b = Browser::new(&s);
    for path in ["/login", "/no/such/page", "/api/v1/openapi.json", "/healthz"] {
        let r = b.get(path).await;
        let h = |name: &str| r.headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        let csp = h("content-security-policy");
        assert!(
            csp.contains("default-src 'none'")
                && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(h("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("cache-control"), "no-store", "{path}");
        assert!(r.headers.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
    let login = b.get("/login").await;
    assert!(!login.body.contains("<script"), "no script on any page");
}

#[tokio::test]
async fn oversized_bodies_and_malformed_forms_get_friendly_errors() {
    let s = server().await;
    let b = Browser::logged_in(&s, "admin").await;
    let token = b.get("/account").await.csrf();
    let big = "x".repeat(300 * 1024);
    let r = b.post("/account/tokens", &[("csrf", token.as_str()), ("token_name", big.as_str())]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("<html") && r.body.contains("lang=\"fr\""));

    let r = b.post("/admin/users/not-a-number/disable", &[("csrf", token.as_str())]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("<html"));
    let r = b
        .send(
            b.client
                .post(format!("{}/account/tokens", s.base))
                .header("content-type", "text/plain")
                .body(format!("csrf={token}")),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a post that is not a form is refused");

    let api = reqwest::Client::new();
    let r = api
        .post(format!("{}/api/v1/users", s.base))
        .bearer_auth(crate::harness::api_token(&s, "admin").await)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string(), "{body}");
}

#[tokio::test]
async fn unknown_routes_are_friendly_404_pages_and_json_under_the_api() {
    let s = server().await;
    let b = Browser::new(&s);
    let page = b.get("/nowhere?lang=ar").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("dir=\"rtl\""));
    let api = b.get("/api/v1/nowhere").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(json["error"]["code"], "not_found");
    let wrong_method = b.send(b.client.delete(format!("{}/login", s.base))).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.body.contains("<html"));
}

#[tokio::test]
async fn health_and_metrics_report_the_server() {
    let s = server().await;
    let b = Browser::new(&s);
    let health = b.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert!(health.body.contains("ok"));
    b.login("resp", "bad password!").await;
    let admin = Browser::logged_in(&s, "admin").await;
    let m = admin.get("/metrics").await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(m.headers.get("content-type").unwrap().to_str().unwrap().starts_with("text/plain"));
    assert!(m.body.contains("vigie_logins_total{outcome=\"refused\"} 1"), "{}", m.body);
    assert!(m.body.contains("vigie_logins_total{outcome=\"ok\"}"));
    assert!(m.body.contains("vigie_database_up 1"));
    assert!(m.body.contains("vigie_unlocked_sessions 1"));
}
