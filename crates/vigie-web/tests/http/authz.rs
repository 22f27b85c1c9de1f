//! The authorization matrix: every route, for an anonymous visitor and each role.

use reqwest::StatusCode;

use crate::harness::{Browser, Server, api_token, server};

#[derive(Clone, Copy, Debug)]
enum Who {
    Anonymous,
    Responder,
    Coordinator,
    Admin,
}

const ALL: [Who; 4] = [Who::Anonymous, Who::Responder, Who::Coordinator, Who::Admin];

fn username(w: Who) -> Option<&'static str> {
    match w {
        Who::Anonymous => None,
        Who::Responder => Some("resp"),
        Who::Coordinator => Some("coord"),
        Who::Admin => Some("admin"),
    }
}

async fn browser(s: &Server, w: Who) -> Browser {
    match username(w) {
        None => Browser::new(s),
        Some(u) => Browser::logged_in(s, u).await,
    }
}

/// Expected statuses for [anonymous, responder, coordinator, admin].
type Row = (&'static str, &'static str, &'static [(&'static str, &'static str)], [u16; 4]);

const PAGES: &[Row] = &[
    ("GET", "/", &[], [303, 200, 200, 200]),
    ("GET", "/account", &[], [303, 200, 200, 200]),
    ("GET", "/org", &[], [303, 200, 200, 200]),
    ("GET", "/admin/users", &[], [303, 403, 200, 200]),
    ("GET", "/admin/orgs", &[], [303, 403, 200, 200]),
    ("GET", "/setup", &[], [200, 200, 200, 200]),
    ("GET", "/healthz", &[], [200, 200, 200, 200]),
    ("GET", "/metrics", &[], [401, 403, 200, 200]),
    ("GET", "/static/vigie.css", &[], [200, 200, 200, 200]),
    ("GET", "/no/such/page", &[], [404, 404, 404, 404]),
    ("GET", "/cases", &[], [303, 200, 200, 200]),
    ("GET", "/escalations", &[], [303, 200, 200, 200]),
    ("GET", "/campaigns/99999/escalations/new", &[], [303, 404, 404, 404]),
    ("POST", "/campaigns/99999/escalations/new", &[("platform", "x")], [303, 404, 404, 404]),
    ("GET", "/directory", &[], [303, 200, 200, 200]),
    ("GET", "/directory?skill=legal&language=ar", &[], [303, 200, 200, 200]),
    ("GET", "/directory/me", &[], [303, 200, 200, 200]),
    (
        "POST",
        "/directory/me",
        &[("languages", "fr"), ("availability", "available"), ("contact", "")],
        [303, 303, 303, 303],
    ),
    ("POST", "/directory/me", &[("languages", "français")], [303, 422, 422, 422]),
    ("POST", "/directory/org", &[("languages", "fr"), ("skills", "legal")], [303, 403, 303, 303]),
    ("GET", "/rota", &[], [303, 200, 200, 200]),
    (
        "POST",
        "/rota/slots",
        &[("weekday", "0"), ("start", "08:00"), ("end", "09:00"), ("user", "1")],
        [303, 403, 303, 303],
    ),
    (
        "POST",
        "/rota/slots",
        &[("weekday", "0"), ("start", "09:00"), ("end", "08:00"), ("user", "1")],
        [303, 422, 422, 422],
    ),
    ("POST", "/rota/slots/99999/delete", &[], [303, 403, 404, 404]),
    ("POST", "/rota/handover", &[("user", "1"), ("hours", "2")], [303, 403, 303, 303]),
    ("GET", "/alerts/channels", &[], [303, 200, 200, 200]),
    ("POST", "/alerts/channels", &[("kind", "email"), ("address", "me@example.org")], [303, 303, 303, 303]),
    ("POST", "/alerts/channels", &[("kind", "matrix"), ("address", "#room")], [303, 422, 422, 422]),
    ("POST", "/alerts/channels/99999/delete", &[], [303, 404, 404, 404]),
    ("POST", "/alerts/channels/99999/test", &[], [303, 404, 404, 404]),
    ("GET", "/alerts/topics", &[], [303, 200, 200, 200]),
    ("POST", "/alerts/topics", &[("assigned", "digest")], [303, 303, 303, 303]),
    ("POST", "/alerts/topics", &[("page", "off")], [303, 422, 422, 422]),
    ("GET", "/alerts/unsubscribe/99999?t=x", &[], [200, 200, 200, 200]),
    ("POST", "/alerts/unsubscribe/99999", &[("t", "x")], [404, 404, 404, 404]),
    ("GET", "/pages/99999/ack?t=x", &[], [404, 404, 404, 404]),
    ("POST", "/pages/99999/ack", &[("t", "x")], [404, 404, 404, 404]),
    ("POST", "/cases/99999/acknowledge", &[], [303, 404, 404, 404]),
    ("GET", "/admin/jobs", &[], [303, 403, 403, 200]),
    ("POST", "/admin/jobs/99999/requeue", &[], [303, 403, 403, 404]),
    ("POST", "/admin/jobs/99999/discard", &[], [303, 403, 403, 404]),
    ("GET", "/admin/playbooks", &[], [303, 403, 200, 200]),
    ("GET", "/admin/playbooks/doxing", &[], [303, 403, 403, 200]),
    ("POST", "/admin/playbooks/doxing", &[("title_fr", "")], [303, 403, 403, 422]),
    ("POST", "/cases/99999/step", &[("code", "doxing"), ("step", "0"), ("done", "1")], [303, 404, 404, 404]),
    ("GET", "/cases/99999", &[], [303, 404, 404, 404]),
    ("POST", "/cases/99999/action", &[("action", "triage")], [303, 404, 404, 404]),
    ("POST", "/cases/99999/note", &[("text", "x")], [303, 404, 404, 404]),
    ("POST", "/cases/99999/evidence/post", &[("platform", "x")], [303, 404, 404, 404]),
    ("POST", "/cases/99999/evidence/capture", &[("url", "http://127.0.0.1:9/")], [303, 404, 404, 404]),
    ("POST", "/cases/99999/evidence/bundle", &[], [303, 404, 404, 404]),
    ("GET", "/report", &[], [200, 200, 200, 200]),
    ("GET", "/report/ligue", &[], [200, 200, 200, 200]),
    ("GET", "/report/no-such-org", &[], [404, 404, 404, 404]),
    ("GET", "/follow", &[], [200, 200, 200, 200]),
    ("POST", "/follow", &[("code", "0000-0000-0000-0000")], [404, 404, 404, 404]),
    // Posts carry a valid CSRF token; bodies are invalid on purpose so that nothing
    // changes and the answer shows how far the request got.
    ("POST", "/admin/users", &[], [303, 403, 403, 422]),
    ("POST", "/admin/users/99999/disable", &[], [303, 403, 403, 404]),
    ("POST", "/admin/users/99999/password", &[("password", "short")], [303, 403, 403, 422]),
    ("POST", "/admin/orgs", &[], [303, 403, 403, 422]),
    ("POST", "/account/tokens", &[("token_name", "")], [303, 422, 422, 422]),
    ("POST", "/account/tokens/99999/revoke", &[], [303, 404, 404, 404]),
    ("POST", "/account/password", &[("current_password", "x"), ("password", "short")], [303, 422, 422, 422]),
    ("POST", "/org/contacts", &[("contacts", "Numéro d'urgence")], [303, 303, 303, 303]),
    ("GET", "/campaigns", &[], [303, 200, 200, 200]),
    ("GET", "/campaigns?all=1", &[], [303, 200, 200, 200]),
    ("POST", "/campaigns/detect", &[], [303, 403, 303, 303]),
    ("GET", "/campaigns/99999", &[], [303, 404, 404, 404]),
    ("GET", "/campaigns/99999?a=x%3Aa&b=x%3Ab", &[], [303, 404, 404, 404]),
    ("GET", "/campaigns/99999/export.csv", &[], [303, 404, 404, 404]),
    ("GET", "/campaigns/99999/export.json", &[], [303, 404, 404, 404]),
    ("POST", "/campaigns/99999/cases", &[("case", "1")], [303, 404, 404, 404]),
    ("POST", "/campaigns/99999/cases/unlink", &[("case", "1")], [303, 404, 404, 404]),
    ("POST", "/cases/99999/observations", &[("ids", "1")], [303, 404, 404, 404]),
    ("GET", "/watch", &[], [303, 200, 200, 200]),
    ("GET", "/watch/TG", &[], [303, 200, 200, 200]),
    ("GET", "/watch/not-a-country", &[], [303, 404, 404, 404]),
    ("POST", "/watch/refresh", &[], [303, 403, 303, 303]),
    ("GET", "/watch/probes", &[], [303, 403, 200, 200]),
    ("POST", "/watch/targets", &[("targets", "not a target")], [303, 403, 422, 422]),
    // A token is issued only for admins (and shown on the page).
    ("POST", "/watch/probes/token", &[], [303, 403, 403, 200]),
    ("POST", "/watch/probes/99999/revoke", &[], [303, 403, 403, 404]),
    ("GET", "/alerts", &[], [303, 200, 200, 200]),
    ("GET", "/alerts?mine=1", &[], [303, 200, 200, 200]),
    ("POST", "/alerts/subscriptions", &[("countries", "not-a-code")], [303, 422, 422, 422]),
    ("GET", "/alerts.json", &[], [401, 200, 200, 200]),
    ("GET", "/alerts.atom", &[], [401, 200, 200, 200]),
    ("GET", "/disruptions", &[], [303, 200, 200, 200]),
    ("GET", "/disruptions?review=proposed&country=IR", &[], [303, 200, 200, 200]),
    ("GET", "/disruptions/export.csv", &[], [303, 200, 200, 200]),
    ("GET", "/disruptions/new", &[], [303, 403, 200, 200]),
    // No country: refused as invalid once allowed.
    ("POST", "/disruptions/new", &[("country", "")], [303, 403, 422, 422]),
    ("GET", "/disruptions/99999", &[], [303, 404, 404, 404]),
    ("POST", "/disruptions/99999/edit", &[("version", "1")], [303, 403, 404, 404]),
    ("POST", "/disruptions/99999/review", &[("version", "1"), ("review", "confirmed")], [303, 403, 404, 404]),
    ("GET", "/sharing", &[], [303, 403, 200, 200]),
    ("GET", "/sharing/imports/99999", &[], [303, 403, 404, 404]),
    ("POST", "/campaigns/99999/share", &[("action", "share"), ("tlp", "green")], [303, 403, 404, 404]),
    ("POST", "/disruptions/99999/share", &[("action", "unshare")], [303, 403, 404, 404]),
    ("GET", "/peers", &[], [303, 403, 403, 200]),
    ("POST", "/peers", &[("name", "")], [303, 403, 403, 422]),
    ("POST", "/peers/99999/delete", &[], [303, 403, 403, 404]),
    ("POST", "/peers/pull", &[], [303, 403, 403, 200]),
    ("GET", "/peers/bundle.json", &[], [303, 403, 200, 200]),
    ("GET", "/guides", &[], [200, 200, 200, 200]),
    ("GET", "/guides/phishing", &[], [200, 200, 200, 200]),
    ("GET", "/guides/no-such-guide", &[], [404, 404, 404, 404]),
    ("GET", "/guides/search?q=phishing", &[], [200, 200, 200, 200]),
    ("GET", "/guides/playbooks/doxing", &[], [200, 200, 200, 200]),
    ("GET", "/guides/playbooks/nope", &[], [404, 404, 404, 404]),
    ("GET", "/help", &[], [200, 200, 200, 200]),
    ("GET", "/help/account-hacked", &[], [200, 200, 200, 200]),
    ("GET", "/help/no-such-topic", &[], [404, 404, 404, 404]),
    ("POST", "/help/account-hacked", &[("a", "0")], [200, 200, 200, 200]),
    ("POST", "/help/account-hacked", &[("a", "0.99")], [422, 422, 422, 422]),
    ("POST", "/help/report", &[("incident", "doxing")], [200, 200, 200, 200]),
    ("GET", "/admin/guides", &[], [303, 403, 403, 200]),
    ("GET", "/admin/guides/new?slug=a-new-guide&lang=fr", &[], [303, 403, 403, 303]),
    ("GET", "/admin/guides/new?slug=Not%20A%20Slug&lang=fr", &[], [303, 403, 403, 422]),
    ("GET", "/admin/guides/phishing/en", &[], [303, 403, 403, 200]),
    ("GET", "/admin/guides/phishing/xx", &[], [303, 403, 403, 404]),
    ("POST", "/admin/guides/phishing/en", &[("body", "# T\n\nSummary.\n"), ("note", "x")], [303, 403, 403, 303]),
    ("POST", "/admin/guides/phishing/en", &[("body", "no title"), ("note", "")], [303, 403, 403, 422]),
];

#[tokio::test]
async fn every_page_answers_each_role_as_it_should() {
    let s = server().await;
    for who in ALL {
        let b = browser(&s, who).await;
        for (method, path, fields, expected) in PAGES {
            let want = expected[who as usize];
            let page = match *method {
                "GET" => b.get(path).await,
                _ => b.post_with_csrf(path, fields).await,
            };
            assert_eq!(
                page.status.as_u16(),
                want,
                "{method} {path} as {who:?}: {}",
                &page.body[..page.body.len().min(300)]
            );
            if want == 303 && matches!(who, Who::Anonymous) {
                assert_eq!(page.location(), "/login", "{method} {path}");
            }
        }
        // Logging out ends the session server-side: the old cookie no longer works.
        let out = b.post_with_csrf("/logout", &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER, "logout as {who:?}");
        assert_eq!(b.get("/account").await.status, StatusCode::SEE_OTHER);
    }
}

/// Expected statuses for [no token, responder, coordinator, admin].
const API: &[(&str, &str, [u16; 4])] = &[
    ("GET", "/api/v1/me", [401, 200, 200, 200]),
    ("GET", "/api/v1/users", [401, 200, 200, 200]),
    ("GET", "/api/v1/orgs", [401, 200, 200, 200]),
    ("GET", "/api/v1/openapi.json", [200, 200, 200, 200]),
    ("GET", "/api/v1/directory", [401, 200, 200, 200]),
    ("GET", "/api/v1/jobs", [401, 403, 403, 200]),
    ("GET", "/api/v1/jobs?state=dead", [401, 403, 403, 200]),
    ("GET", "/api/v1/jobs?state=done", [401, 403, 403, 422]),
    ("GET", "/api/v1/deliveries", [401, 403, 403, 200]),
    ("GET", "/api/v1/subscriptions", [401, 200, 200, 200]),
    // The body is `{"org_id": 1}`: no topic of that name.
    ("PUT", "/api/v1/subscriptions", [401, 422, 422, 422]),
    ("GET", "/api/v1/campaigns/99999/misp", [401, 403, 404, 404]),
    ("GET", "/api/v1/campaigns/99999/stix", [401, 403, 404, 404]),
    ("GET", "/api/v1/disruptions/99999/misp", [401, 403, 404, 404]),
    ("GET", "/api/v1/disruptions/99999/stix?tlp=clear", [401, 403, 404, 404]),
    ("POST", "/api/v1/users", [401, 403, 403, 422]),
    // The body is no MISP event, STIX bundle or peer bundle.
    ("POST", "/api/v1/misp/import", [401, 403, 422, 422]),
    ("POST", "/api/v1/stix/import", [401, 403, 422, 422]),
    ("POST", "/api/v1/peers/import", [401, 403, 422, 422]),
    ("GET", "/api/v1/imports", [401, 403, 200, 200]),
    ("GET", "/api/v1/imports/99999", [401, 403, 404, 404]),
    ("GET", "/api/v1/peers", [401, 403, 403, 200]),
    ("POST", "/api/v1/peers", [401, 403, 403, 422]),
    ("DELETE", "/api/v1/peers/99999", [401, 403, 403, 404]),
    ("POST", "/api/v1/peers/pull", [401, 403, 403, 200]),
    ("GET", "/api/v1/peers/bundle", [401, 403, 200, 200]),
    ("GET", "/api/v1/peers/shared", [401, 403, 200, 200]),
    ("PUT", "/api/v1/campaigns/99999/share", [401, 403, 404, 404]),
    ("DELETE", "/api/v1/campaigns/99999/share", [401, 403, 404, 404]),
    ("PUT", "/api/v1/disruptions/99999/share", [401, 403, 404, 404]),
    ("DELETE", "/api/v1/disruptions/99999/share", [401, 403, 404, 404]),
    ("GET", "/metrics", [401, 403, 200, 200]),
    ("GET", "/api/v1/nothing-here", [404, 404, 404, 404]),
    // The log is public: its hashes reveal nothing.
    ("GET", "/api/v1/log/head", [200, 200, 200, 200]),
    ("GET", "/api/v1/log/proof/inclusion?leaf_index=999999&tree_size=999999", [422, 422, 422, 422]),
    ("GET", "/api/v1/log/proof/consistency?first=1&second=999999", [422, 422, 422, 422]),
    ("GET", "/api/v1/cases/99999/evidence", [401, 404, 404, 404]),
    ("POST", "/api/v1/cases/99999/evidence/posts", [401, 404, 404, 404]),
    ("POST", "/api/v1/cases/99999/evidence/captures", [401, 404, 404, 404]),
    ("POST", "/api/v1/cases/99999/evidence/files", [401, 404, 404, 404]),
    ("GET", "/api/v1/campaigns", [401, 200, 200, 200]),
    ("GET", "/api/v1/campaigns?all=true", [401, 200, 200, 200]),
    ("GET", "/api/v1/campaigns/99999", [401, 404, 404, 404]),
    ("POST", "/api/v1/campaigns/detect", [401, 403, 200, 200]),
    // The body is a JSON object, neither an array nor JSON Lines.
    ("POST", "/api/v1/observations", [401, 403, 422, 422]),
    ("POST", "/api/v1/cases/99999/observations", [401, 404, 404, 404]),
    ("POST", "/api/v1/cases/99999/campaigns", [401, 404, 404, 404]),
    ("GET", "/api/v1/watch/countries", [401, 200, 200, 200]),
    ("GET", "/api/v1/watch/countries/TG", [401, 200, 200, 200]),
    ("GET", "/alerts.json", [401, 200, 200, 200]),
    // Probes prove themselves with their key, not with a member's token: the body here
    // is no enrolment and no signed result, whoever sends it.
    ("POST", "/api/v1/probe/enrol", [422, 422, 422, 422]),
    ("GET", "/api/v1/probe/targets?probe_id=1&time=0&signature=AAAA", [401, 401, 401, 401]),
    ("POST", "/api/v1/probe/results", [422, 422, 422, 422]),
];

#[tokio::test]
async fn every_api_route_answers_each_role_as_it_should() {
    let s = server().await;
    let client = reqwest::Client::new();
    for who in ALL {
        let token = match username(who) {
            Some(u) => Some(api_token(&s, u).await),
            None => None,
        };
        for (method, path, expected) in API {
            let url = format!("{}{path}", s.base);
            let mut req = match *method {
                "GET" => client.get(&url),
                "DELETE" => client.delete(&url),
                "PUT" => client.put(&url).json(&serde_json::json!({"org_id": 1})),
                _ => client.post(&url).json(&serde_json::json!({"org_id": 1})),
            };
            if let Some(t) = &token {
                req = req.bearer_auth(t);
            }
            let r = req.send().await.unwrap();
            assert_eq!(r.status().as_u16(), expected[who as usize], "{method} {path} as {who:?}");
        }
    }
}

#[tokio::test]
async fn a_responder_never_sees_another_organizations_data() {
    let s = server().await;
    let token = api_token(&s, "resp").await;
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("{}{path}", s.base)).bearer_auth(&token).send();

    let users: Vec<serde_json::Value> = get("/api/v1/users").await.unwrap().json().await.unwrap();
    assert!(!users.is_empty());
    assert!(users.iter().all(|u| u["org_id"] == s.org_a.0), "{users:?}");
    assert!(!users.iter().any(|u| u["username"] == "resp-b"));

    let orgs: Vec<serde_json::Value> = get("/api/v1/orgs").await.unwrap().json().await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0]["id"], s.org_a.0);

    let other = get(&format!("/api/v1/users/{}", s.b_responder)).await.unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = other.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");

    // A coordinator sees the whole network.
    let coord = api_token(&s, "coord").await;
    let r = client.get(format!("{}/api/v1/users/{}", s.base, s.b_responder)).bearer_auth(&coord).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let all: Vec<serde_json::Value> =
        client.get(format!("{}/api/v1/orgs", s.base)).bearer_auth(&coord).send().await.unwrap().json().await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().any(|o| o["id"] == s.org_b.0));

    // The responder's pages show their own organization only.
    let b = Browser::logged_in(&s, "resp").await;
    let org = b.get("/org").await;
    assert!(org.body.contains("Ligue") && !org.body.contains("Autre"));
}
