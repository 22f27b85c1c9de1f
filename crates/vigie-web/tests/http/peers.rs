//! Peer exchange between two real Vigie servers over HTTP: what A marks as shared (a
//! campaign at GREEN, a confirmed disruption record at CLEAR) reaches B, pulled with the
//! token A issued when it pinned B, and nothing else does (an unmarked record stays);
//! the same bundle carried as a file is a replay, a changed byte is refused and named,
//! an unknown signer is refused; B's imports say where each object came from.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::campaigns::{campaign_lines, import};
use super::harness::*;

async fn call(
    s: &Server,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Vec<u8>>,
) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new().request(method, format!("{}{path}", s.base)).bearer_auth(token);
    if let Some(b) = body {
        req = req.header("content-type", "application/json").body(b);
    }
    let r = req.send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn confirmed_record(s: &Server, country: &str) -> i64 {
    let browser = Browser::logged_in(s, "coord").await;
    let fields = [("start_date", "2026-01-10"), ("country", country), ("shutdown_type", "Shutdown")];
    let created = browser.post_with_csrf("/disruptions/new", &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    created.location().trim_start_matches("/disruptions/").parse().unwrap()
}

#[tokio::test]
async fn what_a_marks_as_shared_reaches_b_and_nothing_else() {
    let a = server().await;
    let b = server().await;
    let a_coord = api_token(&a, "coord").await;
    let a_admin = api_token(&a, "admin").await;
    let b_admin = api_token(&b, "admin").await;

    // On A: a detected campaign, shared at GREEN; a record shared at CLEAR; one not shared.
    let (status, _) = import(&a, &a_coord, "application/x-ndjson", campaign_lines().join("\n") + "\n").await;
    assert_eq!(status, StatusCode::OK);
    let (_, detection) = call(&a, &a_coord, reqwest::Method::POST, "/api/v1/campaigns/detect", None).await;
    let campaign = detection["campaigns"][0].as_i64().expect("a campaign");
    let shared_record = confirmed_record(&a, "Togo").await;
    let kept_record = confirmed_record(&a, "Benin").await;
    let put = reqwest::Method::PUT;
    assert_eq!(
        call(&a, &a_coord, put.clone(), &format!("/api/v1/campaigns/{campaign}/share?techniques=T0048"), None).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&a, &a_coord, put.clone(), &format!("/api/v1/disruptions/{shared_record}/share?tlp=clear"), None).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&a, &a_coord, put, &format!("/api/v1/campaigns/{campaign}/share?tlp=amber"), None).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (_, marks) = call(&a, &a_coord, reqwest::Method::GET, "/api/v1/peers/shared", None).await;
    assert_eq!(marks.as_array().unwrap().len(), 2, "{marks}");

    // B cannot take A's bundle before pinning A's key.
    let (_, carried) = {
        let r = reqwest::Client::new()
            .get(format!("{}/api/v1/peers/bundle", a.base))
            .bearer_auth(&a_coord)
            .send()
            .await
            .unwrap();
        (r.status(), r.bytes().await.unwrap().to_vec())
    };
    let (status, refused) =
        call(&b, &b_admin, reqwest::Method::POST, "/api/v1/peers/import", Some(carried.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["error"]["code"], "import_refused");
    assert!(refused["error"]["detail"].as_str().unwrap().contains("not a pinned peer"), "{refused}");

    // A pins B (and gets the token B will pull with); B pins A with A's address and it.
    let pin_b = json!({"name": "Réseau B", "public_key": b.app.instance_public_key});
    let (status, pinned) =
        call(&a, &a_admin, reqwest::Method::POST, "/api/v1/peers", Some(pin_b.to_string().into_bytes())).await;
    assert_eq!(status, StatusCode::CREATED, "{pinned}");
    let token = pinned["pull_token"].as_str().unwrap().to_owned();
    let pin_a = json!({"name": "Réseau A", "public_key": a.app.instance_public_key, "url": a.base, "token": token});
    let (status, _) =
        call(&b, &b_admin, reqwest::Method::POST, "/api/v1/peers", Some(pin_a.to_string().into_bytes())).await;
    assert_eq!(status, StatusCode::CREATED);
    // The pull token opens A's bundle and nothing else of A.
    assert_eq!(call(&a, &token, reqwest::Method::GET, "/api/v1/cases", None).await.0, StatusCode::UNAUTHORIZED);

    let (status, pulls) = call(&b, &b_admin, reqwest::Method::POST, "/api/v1/peers/pull", None).await;
    assert_eq!(status, StatusCode::OK, "{pulls}");
    assert_eq!(pulls[0]["outcome"], "imported", "{pulls}");
    let objects = pulls[0]["imported"]["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 2, "the two shared objects, and not the unshared record: {pulls}");

    let (_, imports) = call(&b, &b_admin, reqwest::Method::GET, "/api/v1/imports", None).await;
    let imports = imports.as_array().unwrap();
    let kinds: Vec<&str> = imports.iter().filter_map(|i| i["kind"].as_str()).collect();
    assert!(kinds.contains(&"campaign") && kinds.contains(&"disruption"), "{imports:?}");
    let tlps: Vec<&str> = imports.iter().filter_map(|i| i["tlp"].as_str()).collect();
    assert!(tlps.contains(&"TLP:GREEN") && tlps.contains(&"TLP:CLEAR"), "{tlps:?}");
    let all = serde_json::to_string(imports).unwrap();
    assert!(!all.contains("Benin"), "the unshared record {kept_record} did not travel");
    // Every indicator A shares arrives: the campaign's, as A's own STIX export lists them.
    let (_, stix) = call(&a, &a_coord, reqwest::Method::GET, &format!("/api/v1/campaigns/{campaign}/stix"), None).await;
    let own = vigie_core::sharing::stix::read_bundle(stix.to_string().as_bytes()).unwrap();
    let got = imports.iter().find(|i| i["kind"] == "campaign").unwrap();
    assert_eq!(got["indicators"].as_u64().unwrap() as usize, own.indicators.len());
    let (_, detail) = call(&b, &b_admin, reqwest::Method::GET, &format!("/api/v1/imports/{}", got["id"]), None).await;
    assert_eq!(detail["receipts"][0]["source"], "peer");
    assert_eq!(detail["receipts"][0]["peer_name"], "Réseau A");
    assert!(detail["import"]["techniques"].as_array().unwrap().iter().any(|t| t == "T0048"));

    // Carried by hand, the bundle pulled before is a replay; a changed byte is refused.
    let (status, replay) =
        call(&b, &b_admin, reqwest::Method::POST, "/api/v1/peers/import", Some(carried.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(replay["error"]["detail"].as_str().unwrap().contains("replay"), "{replay}");
    let mut changed = carried.clone();
    let at = changed.len() / 2;
    changed[at] = if changed[at] == b'Q' { b'R' } else { b'Q' };
    let (status, tampered) = call(&b, &b_admin, reqwest::Method::POST, "/api/v1/peers/import", Some(changed)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let detail = tampered["error"]["detail"].as_str().unwrap();
    assert!(
        detail.contains("signature") || detail.contains("base64") || detail.contains("not a Vigie peer bundle"),
        "{tampered}"
    );

    // A later bundle of the same objects is taken, and deduplicated as unchanged.
    a.clock.advance(5);
    let (_, again) = call(&b, &b_admin, reqwest::Method::POST, "/api/v1/peers/pull", None).await;
    assert_eq!(again[0]["outcome"], "imported", "{again}");
    for o in again[0]["imported"]["objects"].as_array().unwrap() {
        assert_eq!(o["outcome"], "unchanged", "{again}");
    }
    let (_, peers) = call(&b, &b_admin, reqwest::Method::GET, "/api/v1/peers", None).await;
    assert!(peers[0]["last_error"].is_null() && peers[0]["last_pulled_at"].is_string(), "{peers}");
}

#[tokio::test]
async fn misp_and_stix_files_are_imported_once_with_their_provenance() {
    let s = server().await;
    let coord = api_token(&s, "coord").await;
    let resp = api_token(&s, "resp").await;
    let event = json!({"Event": {
        "uuid": "0f8e2c4a-6b1d-4e3f-9a2b-7c5d8e1f0a3b", "info": "Seen by a CERT", "date": "2026-11-02",
        "Orgc": {"name": "CERT amie"}, "Tag": [{"name": "tlp:green"}],
        "Attribute": [{"type": "url", "category": "Network activity", "value": "https://example.org/smear"}],
    }})
    .to_string()
    .into_bytes();
    assert_eq!(
        call(&s, &resp, reqwest::Method::POST, "/api/v1/misp/import", Some(event.clone())).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, first) = call(&s, &coord, reqwest::Method::POST, "/api/v1/misp/import", Some(event.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, again) = call(&s, &coord, reqwest::Method::POST, "/api/v1/misp/import", Some(event)).await;
    assert_eq!((status, again["outcome"].as_str()), (StatusCode::OK, Some("unchanged")));
    let (status, bad) =
        call(&s, &coord, reqwest::Method::POST, "/api/v1/stix/import", Some(b"{\"type\":\"bundle\"}".to_vec())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad["error"]["detail"].as_str().unwrap().contains("bundle"), "{bad}");
    // The page lists it, in Arabic too.
    let browser = Browser::logged_in(&s, "coord").await;
    let page = browser.get("/sharing").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Seen by a CERT"), "{}", page.body);
    let detail = browser.get(&format!("/sharing/imports/{}", first["id"])).await;
    assert!(detail.body.contains("https://example.org/smear") && detail.body.contains("CERT amie"));
}
