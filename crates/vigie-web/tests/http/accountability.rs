//! `/accountability` and `GET /api/v1/accountability` over real HTTP: escalations
//! seeded through the service at known times (fake clock), figures checked against a
//! hand computation, and who may see them.

use reqwest::StatusCode;
use vigie_core::escalation::PolicyCategory;
use vigie_core::escalation::{Channel, Event, ItemDraft, ItemType, Outcome, OutcomeKind, Package, Platform};
use vigie_core::triage::Severity;
use vigie_core::{CaseId, DisplayName, Password, Role, Timestamp, Username};

use crate::harness::{Browser, PW, Server, a_case, api_token, server};

const H: i64 = 3_600;
/// When every fixture escalation is sent: 2025-06-15 15:06:40 UTC, in 2025-Q2.
const T0: i64 = 1_750_000_000;
const PERIOD: &str = "from=2025-06-01&to=2025-06-30";

/// Nine one-item escalations sent at [`T0`], decided (or not) after the hours given:
///
/// | # | platform | decided after | outcome            |
/// |---|----------|---------------|--------------------|
/// | 1 | X        | 2 h           | removed            |
/// | 2 | X        | 4 h           | removed            |
/// | 3 | X        | 6 h           | no violation found |
/// | 4 | X        | 10 h          | account suspended  |
/// | 5 | X        | 30 h          | labelled           |
/// | 6 | X        | 50 h          | no reply           |
/// | 7 | X        | —             | (pending)          |
/// | 8 | Facebook | 24 h          | removed            |
/// | 9 | Facebook | —             | (pending)          |
///
/// X: replies [2, 4, 6, 10, 30] → median (rank 3) 6 h, p90 (rank 5) 30 h; actions
/// [2, 4, 10, 30] → median (rank 2) 4 h, p90 (rank 4) 30 h; acted 4 of 5 decided;
/// never answered 2 of 7.
async fn seed(s: &Server) {
    use OutcomeKind::*;
    let case = CaseId(a_case(s).await);
    let login = s.app.accounts.login("resp", PW, "t").await.unwrap();
    let resp = s.app.accounts.session(&login.token).await.unwrap();
    let rows = [
        (Platform::X, Some((2, Removed))),
        (Platform::X, Some((4, Removed))),
        (Platform::X, Some((6, NoViolationFound))),
        (Platform::X, Some((10, AccountSuspended))),
        (Platform::X, Some((30, Labelled))),
        (Platform::X, Some((50, NoReply))),
        (Platform::X, None),
        (Platform::Facebook, Some((24, Removed))),
        (Platform::Facebook, None),
    ];
    assert!(s.app.accounts.now().0 <= T0);
    s.clock.advance(T0 - s.app.accounts.now().0);
    let mut ids = Vec::new();
    for (i, (platform, _)) in rows.iter().enumerate() {
        let mut d = ItemDraft::new(ItemType::Post, PolicyCategory::Harassment, Severity::High);
        d.url = format!("https://example.org/post/{i}");
        let package = Package {
            platform: platform.clone(),
            channel: Channel::TrustedPartner,
            items: vec![d.parse().unwrap()],
            contexts: vec![],
            narrative: String::new(),
            campaign: None,
        };
        let id = s.app.escalations.create(&resp, case, package).await.unwrap();
        s.app.escalations.apply(&resp, id, Event::Send { at: Timestamp(T0), reference: None }).await.unwrap();
        ids.push(id);
    }
    s.clock.advance(60 * H);
    for (id, (_, decision)) in ids.into_iter().zip(rows) {
        if let Some((hours, kind)) = decision {
            let outcomes = vec![Outcome::new(kind, Timestamp(T0 + hours * H), "").unwrap()];
            s.app.escalations.apply(&resp, id, Event::Decide { outcomes }).await.unwrap();
        }
    }
}

/// The table row of a group, from its label to the end of the row.
pub(crate) fn row<'a>(body: &'a str, label: &str) -> &'a str {
    let start = body.find(&format!("<bdi>{label}</bdi>")).unwrap_or_else(|| panic!("no row {label}: {body}"));
    let rest = &body[start..];
    &rest[..rest.find("</tr>").unwrap()]
}

#[tokio::test]
async fn the_page_shows_the_hand_computed_figures_per_platform() {
    let s = server().await;
    seed(&s).await;
    let coord = Browser::logged_in(&s, "coord").await;
    let page = coord.get(&format!("/accountability?{PERIOD}&group=platform&period=&lang=en")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let x = row(&page.body, "X (Twitter)");
    let cells: Vec<&str> = x.split("<td").skip(1).collect();
    assert!(cells[0].contains(">7<"), "items: {x}");
    assert!(cells[1].contains(">6 h<") && cells[2].contains("30 h") && cells[2].contains("n = 5"), "reply: {x}");
    assert!(cells[3].contains(">4 h<") && cells[4].contains("30 h") && cells[4].contains("n = 4"), "action: {x}");
    assert!(cells[5].contains("80 % (4/5)"), "action rate: {x}");
    assert!(cells[6].contains("29 % (2/7)"), "never answered: {x}");
    assert!(cells[7].contains("0 % (0/7)"), "re-escalated: {x}");
    let fb = row(&page.body, "Facebook");
    assert!(fb.contains(">2<") && fb.contains("100 % (1/1)") && fb.contains("50 % (1/2)"), "{fb}");
    assert!(fb.contains("24 h"), "{fb}");
    for chart in ["chart-action-rate", "chart-median-action", "chart-distribution", "chart-trend"] {
        assert!(page.body.contains(&format!(r#"id="{chart}""#)), "{chart} missing");
    }
    assert!(page.body.contains("<svg"), "server-rendered charts");
    assert!(page.body.contains("2025-Q2"), "the trend per quarter");
    assert!(!page.body.contains("<script"), "no script");
    assert!(page.body.contains(r#"href="/accountability""#), "in the navigation");
    let report_link = "/accountability/report?from=2025-06-01&amp;to=2025-06-30&amp;format=pdf&amp;lang=en";
    assert!(page.body.contains(report_link), "the report of the same period: {}", page.body);

    let all = coord.get(&format!("/accountability?{PERIOD}&group=&period=quarter&lang=fr")).await;
    let q = row(&all.body, "2025-Q2");
    assert!(q.contains(">9<") && q.contains("83 % (5/6)"), "{q}");
    let before = coord.get("/accountability?from=2025-01-01&to=2025-06-14").await;
    assert!(!before.body.contains("<bdi>X (Twitter)</bdi>") && !before.body.contains("<svg"), "{}", before.body);
}

#[tokio::test]
async fn the_page_reads_right_to_left_in_arabic_and_refuses_a_bad_date() {
    let s = server().await;
    seed(&s).await;
    let admin = Browser::logged_in(&s, "admin").await;
    let page = admin.get(&format!("/accountability?{PERIOD}&lang=ar")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"dir="rtl""#));
    assert!(page.body.contains("مساءلة المنصات"));
    assert!(!page.body.contains("accountability-"), "every string translated");
    let bad = admin.get("/accountability?from=2025-02-30&to=2025-06-30").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = admin.get("/accountability?group=planet").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_api_gives_the_same_figures_in_seconds() {
    let s = server().await;
    seed(&s).await;
    let token = api_token(&s, "coord").await;
    let url = format!("{}/api/v1/accountability?{PERIOD}&by=platform", s.base);
    let r = reqwest::Client::new().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["from"], "2025-06-01");
    assert_eq!(v["to"], "2025-06-30");
    assert_eq!(v["by"], "platform");
    let groups = v["groups"].as_array().unwrap();
    let x = groups.iter().find(|g| g["platform"] == "x").unwrap();
    assert_eq!(x["items"], 7);
    assert_eq!(x["first_reply"], serde_json::json!({ "count": 5, "median_secs": 6 * H, "p90_secs": 30 * H }));
    assert_eq!(x["action"], serde_json::json!({ "count": 4, "median_secs": 4 * H, "p90_secs": 30 * H }));
    assert_eq!(x["action_rate"]["count"], 4);
    assert_eq!(x["action_rate"]["of"], 5);
    assert_eq!(x["never_answered"]["count"], 2);
    assert_eq!(x["re_escalated"]["count"], 0);
    assert!(x["category"].is_null());

    let doc: serde_json::Value =
        reqwest::get(format!("{}/api/v1/openapi.json", s.base)).await.unwrap().json().await.unwrap();
    assert!(doc["paths"]["/api/v1/accountability"]["get"].is_object(), "in the OpenAPI document");
    assert!(doc["components"]["schemas"]["AccountabilityView"].is_object());
}

/// A coordinator of the other organization (pending: no key, which the record needs not).
async fn other_coordinator(s: &Server) {
    let m = vigie_core::accounts::NewMember {
        org: s.org_b,
        username: Username::parse("coord-b").unwrap(),
        display_name: DisplayName::parse("coord-b").unwrap(),
        role: Role::Coordinator,
        password: Password::parse(PW).unwrap(),
    };
    s.app.accounts.add_member(None, m, None).await.unwrap();
}

#[tokio::test]
async fn only_coordinators_and_admins_see_their_own_organizations_record() {
    let s = server().await;
    seed(&s).await;
    other_coordinator(&s).await;
    let page = format!("/accountability?{PERIOD}");
    let api = format!("{}/api/v1/accountability?{PERIOD}&by=platform", s.base);
    assert_eq!(Browser::new(&s).get(&page).await.status, StatusCode::SEE_OTHER, "anonymous: to the login page");
    let anonymous = reqwest::Client::new().get(&api).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let cookie_only = Browser::logged_in(&s, "coord").await;
    assert_eq!(cookie_only.get(&api[s.base.len()..]).await.status, StatusCode::UNAUTHORIZED, "a cookie needs CSRF");
    let report = format!("/accountability/report?{PERIOD}&format=csv");
    assert_eq!(Browser::new(&s).get(&report).await.status, StatusCode::SEE_OTHER, "anonymous: to the login page");
    for (who, page_status) in [("admin", 200), ("coord", 200), ("resp", 403), ("resp-b", 403), ("coord-b", 200)] {
        let b = Browser::logged_in(&s, who).await;
        let got = b.get(&page).await;
        assert_eq!(got.status.as_u16(), page_status, "page as {who}");
        let csv = b.get(&report).await;
        assert_eq!(csv.status.as_u16(), page_status, "report as {who}");
        if who == "coord-b" {
            assert!(!csv.body.contains(",x,"), "another organization's report: {}", csv.body);
        }
        let token = api_token(&s, who).await;
        let r = reqwest::Client::new().get(&api).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status().as_u16(), page_status, "API as {who}");
        if who == "coord-b" {
            assert!(!got.body.contains("X (Twitter)</bdi>"), "another organization's record is not shown");
            let v: serde_json::Value = r.json().await.unwrap();
            assert_eq!(v["groups"], serde_json::json!([]), "another organization's record is not given");
        }
    }
}

/// The count columns of the report's CSV (items, the bases of each figure).
const COUNT_COLUMNS: [usize; 4] = [4, 5, 8, 11];

#[tokio::test]
async fn the_report_suppresses_small_cells_and_its_signature_verifies() {
    let s = server().await;
    seed(&s).await;
    let coord = Browser::logged_in(&s, "coord").await;
    let r = coord.get(&format!("/accountability/report?{PERIOD}&format=csv")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = r.body.lines().collect();
    assert!(lines[0].starts_with("org,from,to,platform,items,"), "{}", lines[0]);
    // X: as the page, every base at least 5 but the actions' (4).
    assert!(lines.contains(&"ligue,2025-06-01,2025-06-30,x,7,5,6.0,30.0,< 5,,,5,80,29,0"), "{}", r.body);
    assert!(lines.contains(&"ligue,2025-06-01,2025-06-30,facebook,< 5,< 5,,,< 5,,,< 5,,,"), "{}", r.body);
    // All: replies [2, 4, 6, 10, 24, 30], actions [2, 4, 10, 24, 30]; the total of 9
    // would give Facebook's 2 away (9 − 7): suppressed.
    assert!(lines.contains(&"ligue,2025-06-01,2025-06-30,all,< 5,6,6.0,30.0,5,10.0,30.0,6,83,33,0"), "{}", r.body);
    for line in &lines[1..] {
        let fields: Vec<&str> = line.split(',').collect();
        for c in COUNT_COLUMNS {
            let f = fields[c];
            assert!(f == "< 5" || f.parse::<usize>().unwrap() >= 5, "a count under 5 in {line}");
        }
    }
    let signature = r.headers["vigie-signature"].to_str().unwrap().to_owned();
    let public = r.headers["vigie-public-key"].to_str().unwrap().to_owned();
    assert_eq!(public, s.app.instance_public_key);
    use base64::Engine;
    let sig = base64::engine::general_purpose::STANDARD.decode(&signature).unwrap();
    assert!(vigie_crypto::signing::verify(&public, r.body.as_bytes(), &sig), "the signature covers the CSV");
    assert!(!vigie_crypto::signing::verify(&public, r.body.replace(",80,", ",90,").as_bytes(), &sig));

    let html = coord.get(&format!("/accountability/report?{PERIOD}&format=html&lang=en")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains(&signature) && html.body.contains(&public), "signature and key printed");
    let csp = html.headers["content-security-policy"].to_str().unwrap();
    let style = html.body.split("<style>").nth(1).and_then(|r| r.split("</style>").next()).unwrap();
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style.as_bytes()));
    assert!(csp.contains(&format!("style-src 'sha256-{hash}'")), "its inline style is allowed by hash: {csp}");
    assert!(csp.contains("default-src 'none'") && !csp.contains("script"), "{csp}");
    assert!(html.body.contains("ligue,2025-06-01,2025-06-30,x,7,5,6.0,30.0,&lt; 5,,,5,80,29,0"));
    assert!(html.body.contains("nearest rank") && html.body.contains("&lt; 5"), "the method written out");
    assert!(!html.body.contains("<script") && !html.body.contains("example.org"), "figures only");
    let ar = coord.get(&format!("/accountability/report?{PERIOD}&format=html&lang=ar")).await;
    assert!(ar.body.contains(r#"dir="rtl""#) && ar.body.contains("تقرير الشفافية"));
    for key in ["transparency-title", "transparency-method-", "transparency-signature", "accountability-"] {
        assert!(!ar.body.contains(key), "every string translated: {key}");
    }
    let bad = coord.get(&format!("/accountability/report?{PERIOD}&format=docx")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// The text of a PDF through poppler's `pdftotext`; `None` (with the reason printed)
/// when it is not installed, outside CI.
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).unwrap();
    match std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8(out.stdout).unwrap()),
        other => {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "pdftotext is needed under CI: {other:?}");
            eprintln!("skipped: pdftotext (poppler-utils) is not available: {other:?}");
            None
        }
    }
}

#[tokio::test]
async fn the_pdf_report_has_the_figures_in_english_and_in_arabic() {
    let s = server().await;
    seed(&s).await;
    let coord = Browser::logged_in(&s, "coord").await;
    for lang in ["en", "ar"] {
        let url = format!("{}/accountability/report?{PERIOD}&format=pdf&lang={lang}", s.base);
        let r = coord.client.get(&url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let Some(text) = pdf_text(&bytes) else { return };
        assert!(text.contains("ligue,2025-06-01,2025-06-30,x,7,5,6.0,30.0,< 5,,,5,80,29,0"), "{text}");
        assert!(text.contains("80 %"), "{text}");
        assert!(text.contains(&s.app.instance_public_key), "{text}");
        if lang == "ar" {
            assert!(text.contains("تقرير الشفافية"), "{text}");
            assert!(text.contains("المنهجية"), "{text}");
        } else {
            assert!(text.contains("Transparency report") && text.contains("nearest rank"), "{text}");
        }
        assert!(!text.contains("example.org"), "figures only");
    }
}
