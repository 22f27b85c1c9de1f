//! Issue 12's journey over HTTP, on SQLite and on PostgreSQL, with JavaScript off: a
//! case with evidence, linked to a detected campaign, becomes an escalation through the
//! plain form; its package is downloaded in each format; it is sent, left unanswered
//! past the platform's reply period (the queue, `/escalations` and `/metrics` say so),
//! then acknowledged and decided; the case page, the campaign page and the
//! accountability page show it.

use reqwest::StatusCode;
use serde_json::Value;

use crate::campaigns::{campaign_lines, import};
use crate::escalations::{POST_URL, escalate_with, new_form, step, with_post};
use crate::harness::{Browser, Server, a_case, api_token, server, server_on_postgres};

const DAY: i64 = 24 * 3600;

/// Observations imported and detection run; the one campaign found.
async fn detected_campaign(s: &Server) -> i64 {
    let token = api_token(s, "coord").await;
    let (status, summary) = import(s, &token, "application/x-ndjson", campaign_lines().join("\n") + "\n").await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    let coord = Browser::logged_in(s, "coord").await;
    let list = coord.get("/campaigns").await;
    assert_eq!(coord.post("/campaigns/detect", &[("csrf", &list.csrf())]).await.status, StatusCode::SEE_OTHER);
    let found: Vec<Value> = reqwest::Client::new()
        .get(format!("{}/api/v1/campaigns", s.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0]["id"].as_i64().unwrap()
}

/// The escalation form posted with the case's evidence item and the linked campaign,
/// which the form offers and has chosen.
async fn escalate_with_campaign(b: &Browser, case: i64, campaign: i64) -> String {
    let form = b.get(&format!("/cases/{case}/escalations/new?lang=en")).await;
    assert!(form.body.contains("name=\"campaign\""), "the linked campaign is offered: {}", form.body);
    assert!(form.body.contains(&format!("value=\"{campaign}\" selected")), "and chosen: {}", form.body);
    escalate_with(b, case, &[("campaign", &campaign.to_string())]).await
}

async fn journey(s: &Server) {
    let campaign = detected_campaign(s).await;
    let case = a_case(s).await;
    let resp = Browser::logged_in(s, "resp").await;
    let page = resp.get(&format!("/campaigns/{campaign}")).await;
    let (csrf, case_id) = (page.csrf(), case.to_string());
    let r = resp.post(&format!("/campaigns/{campaign}/cases"), &[("csrf", &csrf), ("case", &case_id)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    with_post(&resp, case).await;

    // A campaign not linked to the case is refused, with the form again.
    let (ids, csrf) = new_form(&resp, case).await;
    let pick = format!("item-{}-pick", ids[0]);
    let category = format!("item-{}-category", ids[0]);
    let severity = format!("item-{}-severity", ids[0]);
    let wrong = [
        ("csrf", csrf.as_str()),
        ("platform", "x"),
        ("channel", "email"),
        ("campaign", "987654"),
        (pick.as_str(), "1"),
        (category.as_str(), "defamation"),
        (severity.as_str(), "high"),
    ];
    let r = resp.post(&format!("/cases/{case}/escalations/new?lang=en"), &wrong).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    let at = escalate_with_campaign(&resp, case, campaign).await;
    for (ext, magic) in [("pdf", &b"%PDF"[..]), ("csv", b"number,type,url"), ("json", b"{")] {
        let r = resp.send(resp.client.get(format!("{}{at}/package.{ext}?lang=en", s.base))).await;
        assert_eq!(r.status, StatusCode::OK, "package.{ext}: {}", r.body);
        assert!(r.body.as_bytes().starts_with(magic), "package.{ext}: {}", &r.body[..40]);
    }
    let json: Value = serde_json::from_str(&resp.get(&format!("{at}/package.json")).await.body).unwrap();
    assert_eq!(json["items"][0]["url"], POST_URL);
    assert!(json["items"][0]["evidence"]["proof"].is_array(), "{json}");

    // Sent, then nothing from the platform for eight days: past the 7 days for "high".
    assert_eq!(step(&resp, &at, "send", &[("reference", "X-REF-7"), ("at", "")]).await, StatusCode::SEE_OTHER);
    let coord = Browser::logged_in(s, "coord").await;
    assert!(!coord.get("/cases?lang=en").await.body.contains("waits for a platform"), "not late yet");
    s.clock.advance(8 * DAY);
    // Eight days end every session: log in again.
    let (coord, resp) = (Browser::logged_in(s, "coord").await, Browser::logged_in(s, "resp").await);
    let banner = "1 escalation waits for a platform past its reply period.";
    for b in [&coord, &resp] {
        let queue = b.get("/cases?lang=en").await;
        assert!(queue.body.contains(banner) && queue.body.contains("href=\"/escalations#overdue\""), "{}", queue.body);
    }
    let admin = Browser::logged_in(s, "admin").await;
    assert!(admin.get("/cases?lang=en").await.body.contains(banner), "coordinators and admins see every one");
    let list = coord.get("/escalations?lang=en").await;
    let waiting = list.body.split("Newest escalations").next().unwrap();
    assert!(waiting.contains(&format!("href=\"{at}\"")) && waiting.contains("No reply in time"), "{}", list.body);
    let metrics = coord.get("/metrics").await.body;
    assert!(metrics.contains("vigie_escalations_overdue{org=\"ligue\"} 1"), "{metrics}");
    assert!(metrics.contains("vigie_escalations_overdue{org=\"autre\"} 0"), "{metrics}");

    // The platform answers and removes the post.
    assert_eq!(step(&resp, &at, "acknowledge", &[("at", "")]).await, StatusCode::SEE_OTHER);
    let decision = [("outcome-0", "removed"), ("words-0", "Removed under our abuse policy."), ("at-0", "")];
    assert_eq!(step(&resp, &at, "decide", &decision).await, StatusCode::SEE_OTHER);
    assert!(!coord.get("/cases?lang=en").await.body.contains("waits for a platform"), "answered");
    assert!(coord.get("/metrics").await.body.contains("vigie_escalations_overdue{org=\"ligue\"} 0"));

    let case_page = resp.get(&format!("/cases/{case}?lang=en")).await;
    assert!(case_page.body.contains(&format!("href=\"{at}\"")) && case_page.body.contains("Decided"));
    let campaign_page = resp.get(&format!("/campaigns/{campaign}?lang=en")).await;
    assert!(campaign_page.body.contains(&format!("href=\"{at}\"")), "{}", campaign_page.body);
    assert!(campaign_page.body.contains(&format!("href=\"/cases/{case}\"")));

    let figures = coord.get("/accountability?from=2025-06-01&to=2025-06-30&group=platform&period=&lang=en").await;
    assert_eq!(figures.status, StatusCode::OK, "{}", figures.body);
    let x = crate::accountability::row(&figures.body, "X (Twitter)");
    assert!(x.contains(">1<") && x.contains("100 % (1/1)"), "one item, acted on: {x}");
    assert!(x.contains("192 h") || x.contains("8 d"), "eight days to the first reply: {x}");
}

#[tokio::test]
async fn a_case_and_its_campaign_are_escalated_tracked_and_counted_on_sqlite() {
    journey(&server().await).await;
}

#[tokio::test]
async fn a_case_and_its_campaign_are_escalated_tracked_and_counted_on_postgres() {
    let Some(s) = server_on_postgres().await else { return };
    journey(&s).await;
    s.cleanup().await;
}

/// The observation ids the campaign's escalation form offers, and its CSRF token.
async fn campaign_form(b: &Browser, campaign: i64) -> (Vec<String>, String) {
    let page = b.get(&format!("/campaigns/{campaign}/escalations/new?lang=en")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let ids = page
        .body
        .match_indices("name=\"post\" value=\"")
        .map(|(at, m)| page.body[at + m.len()..].split('"').next().unwrap().to_owned())
        .collect();
    (ids, page.csrf())
}

#[tokio::test]
async fn a_campaigns_posts_are_escalated_without_a_case() {
    let s = server().await;
    let campaign = detected_campaign(&s).await;
    let resp = Browser::logged_in(&s, "resp").await;
    let page = resp.get(&format!("/campaigns/{campaign}?lang=en")).await;
    assert!(page.body.contains(&format!("/campaigns/{campaign}/escalations/new")), "{}", page.body);
    let (ids, csrf) = campaign_form(&resp, campaign).await;
    assert_eq!(ids.len(), 12, "every post of the campaign is offered");
    let form = |platform: &'static str, posts: &[&str]| {
        let mut f = vec![
            ("csrf".to_owned(), csrf.clone()),
            ("platform".to_owned(), platform.to_owned()),
            ("channel".to_owned(), "web_form".to_owned()),
            ("category".to_owned(), "coordinated_inauthentic_behaviour".to_owned()),
            ("severity".to_owned(), "high".to_owned()),
            ("narrative".to_owned(), String::new()),
        ];
        f.extend(posts.iter().map(|p| ("post".to_owned(), (*p).to_owned())));
        f
    };
    let post = |f: Vec<(String, String)>| {
        let resp = &resp;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            resp.post(&format!("/campaigns/{campaign}/escalations/new?lang=en"), &pairs).await
        }
    };
    // Another platform than the posts', a post not of the campaign, or none: refused.
    for bad in [form("facebook", &[&ids[0]]), form("x", &["999999"]), form("x", &[])] {
        let r = post(bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("name=\"post\""), "the form again");
    }
    let r = post(form("x", &[&ids[0], &ids[1]])).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let at = r.location().to_owned();
    let page = resp.get(&format!("{at}?lang=en")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("https://x.example/watani_0/status/900") && page.body.contains("Draft"),
        "{}",
        page.body
    );

    let json: Value = serde_json::from_str(&resp.get(&format!("{at}/package.json")).await.body).unwrap();
    assert_eq!(json["escalation"]["case"], Value::Null);
    assert_eq!(json["items"].as_array().unwrap().len(), 2);
    assert!(json["items"].as_array().unwrap().iter().all(|i| i["evidence"].is_null()), "{json}");
    assert!(json["items"][0]["excerpt"].as_str().unwrap().contains("الناشطة سلمى"));
    let page = resp.get(&format!("/campaigns/{campaign}?lang=en")).await;
    assert!(page.body.contains(&format!("href=\"{at}\"")), "{}", page.body);
    assert!(resp.get("/escalations?lang=en").await.body.contains(&format!("href=\"{at}\"")));

    // Another organization's responder does not see it, on the campaign or at its address.
    let other = Browser::logged_in(&s, "resp-b").await;
    assert!(!other.get(&format!("/campaigns/{campaign}")).await.body.contains(&format!("href=\"{at}\"")));
    assert_eq!(other.get(&at).await.status, StatusCode::NOT_FOUND);
    let anonymous = Browser::new(&s);
    let r = anonymous.get(&format!("/campaigns/{campaign}/escalations/new")).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/login"));
}
