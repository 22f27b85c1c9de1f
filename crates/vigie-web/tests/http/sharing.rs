//! MISP events and STIX bundles over the API: a detected campaign and a confirmed
//! disruption record, at TLP:GREEN (or CLEAR, never higher), for coordinators and admins;
//! what is served passes PyMISP's and stix2-validator's checks (when CI installed them,
//! `.ci/sharing-checkers.sh`) and reads back through Vigie's own importers.

use std::process::Command;

use reqwest::StatusCode;
use serde_json::Value;

use super::campaigns::{campaign_lines, import};
use super::harness::*;

async fn get(s: &Server, token: &str, path: &str) -> (StatusCode, String) {
    let r = reqwest::Client::new().get(format!("{}{path}", s.base)).bearer_auth(token).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// Runs the independent checker over the documents; skipped (said) outside CI without it.
fn check_independently(docs: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in docs {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let out_dir = tempfile::tempdir().unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../vigie-core/tests/checkers/check_sharing.py");
    let out = Command::new("python3").arg(script).arg(dir.path()).arg(out_dir.path()).output().unwrap();
    if out.status.code() == Some(3) && std::env::var("CI").as_deref() != Ok("true") {
        eprintln!("skipped: PyMISP / stix2-validator not installed (bash .ci/sharing-checkers.sh)");
        return;
    }
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn a_campaign_and_a_confirmed_disruption_are_shared_as_misp_and_stix() {
    let s = server().await;
    let coord = api_token(&s, "coord").await;
    let (status, _) = import(&s, &coord, "application/x-ndjson", campaign_lines().join("\n") + "\n").await;
    assert_eq!(status, StatusCode::OK);
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/campaigns/detect", s.base))
        .bearer_auth(&coord)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let detection: Value = r.json().await.unwrap();
    let id = detection["campaigns"][0].as_i64().expect("a campaign");

    let (status, misp) = get(&s, &coord, &format!("/api/v1/campaigns/{id}/misp?techniques=T0048")).await;
    assert_eq!(status, StatusCode::OK, "{misp}");
    let (status, stix) = get(&s, &coord, &format!("/api/v1/campaigns/{id}/stix?tlp=clear")).await;
    assert_eq!(status, StatusCode::OK, "{stix}");
    let event: Value = serde_json::from_str(&misp).unwrap();
    let tags: Vec<&str> = event["Event"]["Tag"].as_array().unwrap().iter().filter_map(|t| t["name"].as_str()).collect();
    assert!(tags.contains(&"tlp:green"), "{tags:?}");
    // Read back by Vigie's own importers: the accounts of the campaign are there.
    let read = vigie_core::sharing::misp::read_event(misp.as_bytes()).unwrap();
    let bundle = vigie_core::sharing::stix::read_bundle(stix.as_bytes()).unwrap();
    assert!(!read.indicators.is_empty() && read.indicators.len() == bundle.indicators.len(), "{read:?}");
    assert_eq!(bundle.tlp, Some(vigie_core::sharing::Tlp::Clear));
    // The same campaign is the same event each time (ids derived, not random).
    assert_eq!(get(&s, &coord, &format!("/api/v1/campaigns/{id}/misp?techniques=T0048")).await.1, misp);
    // Not above GREEN, not for responders, not for an unknown campaign.
    assert_eq!(
        get(&s, &coord, &format!("/api/v1/campaigns/{id}/misp?tlp=amber")).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        get(&s, &coord, &format!("/api/v1/campaigns/{id}/stix?techniques=harass")).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let resp = api_token(&s, "resp").await;
    assert_eq!(get(&s, &resp, &format!("/api/v1/campaigns/{id}/misp")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(get(&s, &coord, "/api/v1/campaigns/99999/stix").await.0, StatusCode::NOT_FOUND);

    // A record entered by hand is confirmed, and shared.
    let browser = Browser::logged_in(&s, "coord").await;
    let fields = [
        ("start_date", "2020-01-10"),
        ("country", "Togo"),
        ("shutdown_type", "Shutdown"),
        ("shutdown_extent", "Full network"),
        ("shutdown_status", "Ongoing"),
        ("area_name", "Lomé"),
    ];
    let created = browser.post_with_csrf("/disruptions/new", &fields).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let record = created.location().trim_start_matches("/disruptions/").to_owned();
    let (status, d_misp) = get(&s, &coord, &format!("/api/v1/disruptions/{record}/misp")).await;
    assert_eq!(status, StatusCode::OK, "{d_misp}");
    let (status, d_stix) = get(&s, &coord, &format!("/api/v1/disruptions/{record}/stix")).await;
    assert_eq!(status, StatusCode::OK, "{d_stix}");
    let read = vigie_core::sharing::misp::read_event(d_misp.as_bytes()).unwrap();
    assert!(read.indicators.iter().any(|i| i.value == "TG"), "{read:?}");
    for doc in [&misp, &stix, &d_misp, &d_stix] {
        assert!(!doc.contains("receipt") && !doc.contains("reporter"), "nothing of a case: {doc}");
    }
    check_independently(&[
        ("campaign.misp.json", &misp),
        ("campaign.stix.json", &stix),
        ("disruption.misp.json", &d_misp),
        ("disruption.stix.json", &d_stix),
    ]);
}
