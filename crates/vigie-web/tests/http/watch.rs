//! The network watch over HTTP: measurements become events, alerts and proposed
//! disruption records; the pages, the chart and the feeds show them; coordinators review
//! and edit records (every version kept, a stale save refused); probes enrol with an
//! admin's token, fetch their targets with a signed request and upload signed results,
//! replays and strangers refused.

use base64::Engine as _;
use reqwest::StatusCode;
use vigie_core::watch::probe_envelope::{SignedResult, targets_message};
use vigie_core::watch::{BlockingLayer, MeasurementFacts, MeasurementSource, Outcome};
use vigie_core::{Clock, Timestamp};
use vigie_crypto::signing::InstanceKey;

use crate::harness::{Browser, Server, api_token, server};

const HOUR: i64 = 3600;

fn facts(i: usize, at: i64, asn: u32, target: &str, outcome: Outcome) -> MeasurementFacts {
    MeasurementFacts {
        uid: format!("m-{asn}-{target}-{at}-{i}"),
        source: MeasurementSource::Ooni,
        measured_at: Timestamp(at),
        country: "TG".into(),
        asn,
        test_name: "web_connectivity".into(),
        target: target.into(),
        outcome,
        layer: (outcome == Outcome::Anomaly).then_some(BlockingLayer::Dns),
        throughput_bps: None,
        tls_handshake_ms: None,
    }
}

/// Three days of normal measurements in Togo, then whatsapp.com blocked by DNS in
/// AS37303 from hour 60, and from hour 66 almost nothing arrives (a shutdown).
async fn togo_goes_dark(s: &Server) -> i64 {
    let start = (s.clock.now().0 / HOUR - 72) * HOUR;
    let mut batch = Vec::new();
    for h in 0..72i64 {
        let at = start + h * HOUR + 60;
        let per_target = if h >= 66 { 0 } else { 6 };
        for i in 0..per_target {
            let blocked = h >= 60;
            batch.push(facts(
                i,
                at + i as i64,
                37303,
                "web.whatsapp.com",
                if blocked { Outcome::Anomaly } else { Outcome::Ok },
            ));
            for site in ["rfi.fr", "republicoftogo.com", "bbc.com", "wikipedia.org"] {
                batch.push(facts(i, at + i as i64, 24691, site, Outcome::Ok));
            }
        }
    }
    s.app.watch.store_measurements(&batch).await.unwrap();
    start
}

#[tokio::test]
async fn a_shutdown_becomes_events_alerts_pages_feeds_and_a_proposed_record() {
    let s = server().await;
    let start = togo_goes_dark(&s).await;
    let report = s.app.refresh_watch().await.unwrap();
    assert!(report.events_opened >= 2, "{report:?}");
    assert!(report.disruptions_proposed >= 2, "an outage and a WhatsApp blocking: {report:?}");
    let again = s.app.refresh_watch().await.unwrap();
    assert_eq!((again.events_opened, again.events_closed, again.disruptions_proposed), (0, 0, 0), "alerts go out once");

    let b = Browser::logged_in(&s, "resp").await;
    let index = b.get("/watch").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.body.contains("href=\"/watch/TG\""), "{}", index.body);
    assert!(!index.body.contains("action=\"/watch/refresh\""), "responders do not run detection");

    let page = b.get("/watch/TG").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"), "a chart");
    assert!(page.body.contains("class=\"event outage\""), "the outage is shaded");
    assert!(page.body.contains("class=\"event blocking\""), "the blocking is shaded");
    assert!(page.body.contains("web.whatsapp.com") && page.body.contains("AS37303"), "blocked targets per network");
    assert!(page.body.contains("Now: an outage is under way.") || page.body.contains("une coupure est en cours"));

    let ar = Browser::logged_in(&s, "resp").await;
    let arabic = ar.get("/watch/TG?lang=ar").await;
    assert!(arabic.body.contains("dir=\"rtl\""), "Arabic pages are right to left");
    assert!(arabic.body.contains("رصد الشبكة"));

    // Alerts: the page, the subscriptions, JSON and Atom.
    let alerts = b.get("/alerts").await;
    assert!(alerts.body.contains("/watch/TG#event-"), "{}", alerts.body);
    let saved = b.post_with_csrf("/alerts/subscriptions", &[("countries", "tg, bj")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let mine = b.get("/alerts?mine=1").await;
    assert!(mine.body.contains("value=\"BJ TG\""), "subscriptions are kept, upper-cased and sorted");
    assert!(mine.body.contains("/watch/TG#event-"));
    b.post_with_csrf("/alerts/subscriptions", &[("countries", "BJ")]).await;
    assert!(!b.get("/alerts?mine=1").await.body.contains("/watch/TG#event-"), "only my countries");

    let token = api_token(&s, "resp").await;
    let client = reqwest::Client::new();
    let json: serde_json::Value =
        client.get(format!("{}/alerts.json", s.base)).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let list = json["alerts"].as_array().unwrap();
    assert!(list.len() >= 2);
    assert!(list.iter().all(|a| a["change"] == "opened"));
    assert!(list.iter().any(|a| a["event"]["kind"] == "outage" && a["event"]["end"].is_null()));
    let atom = client.get(format!("{}/alerts.atom", s.base)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(atom.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let atom = atom.text().await.unwrap();
    assert!(atom.starts_with("<?xml") && atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(atom.matches("<entry>").count(), list.len());

    // The API gives the same picture.
    let picture: serde_json::Value = client
        .get(format!("{}/api/v1/watch/countries/TG", s.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let blocking = picture["events"].as_array().unwrap().iter().find(|e| e["kind"] == "blocking").unwrap().clone();
    assert_eq!(blocking["target"], "web.whatsapp.com");
    assert_eq!(blocking["layer"], "dns");
    assert_eq!(blocking["start"], start + 60 * HOUR);
    assert!(
        picture["targets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["target"] == "web.whatsapp.com" && t["state"] == "blocked")
    );

    // Proposed records speak STOP; a responder sees them but has no form.
    let list = b.get("/disruptions?review=proposed").await;
    assert!(list.body.contains("Togo"), "{}", list.body);
    let records = s.app.watch.disruptions(&actor(&s, "coord").await, None, None).await.unwrap();
    let whatsapp = records.iter().find(|r| r.record.services.whatsapp.is_some()).expect("a WhatsApp record");
    let page = b.get(&format!("/disruptions/{}", whatsapp.row.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Service-based") && !page.body.contains("name=\"review\""));
    assert!(page.body.contains("<svg") && page.body.contains("class=\"event blocking\""), "the event's chart");
}

async fn actor(s: &Server, username: &str) -> vigie_core::Actor {
    let login = s.app.accounts.login(username, crate::harness::PW, "test").await.unwrap();
    s.app.accounts.session(&login.token).await.unwrap()
}

fn version_field(body: &str) -> String {
    let marker = "name=\"version\" value=\"";
    let start = body.find(marker).expect("a version field") + marker.len();
    body[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn coordinators_review_and_edit_records_and_every_version_stays() {
    let s = server().await;
    let coord = Browser::logged_in(&s, "coord").await;
    // A record by hand: the 47 STOP fields, most left empty.
    let created = coord
        .post_with_csrf(
            "/disruptions/new",
            &[
                ("start_date", "2020-01-10"),
                ("country", "Togo"),
                ("shutdown_type", "Shutdown"),
                ("shutdown_extent", "Full network"),
                ("shutdown_status", "Ongoing"),
                ("area_name", "Lomé"),
                ("election", "Yes"),
                ("note", "reported by a partner"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let path = created.location().to_owned();
    let page = coord.get(&path).await;
    assert!(page.body.contains("Lomé") && page.body.contains("confirm"), "{}", page.body);
    assert_eq!(version_field(&page.body), "1");

    // Edit one field: version 2, origin and review kept.
    let mut fields: Vec<(&str, &str)> = vec![
        ("version", "1"),
        ("start_date", "2020-01-10"),
        ("country", "Togo"),
        ("shutdown_type", "Shutdown"),
        ("shutdown_extent", "Full network"),
        ("shutdown_status", "Ongoing"),
        ("area_name", "Lomé and Kara"),
        ("election", "Yes"),
    ];
    fields.push(("note", "Kara too"));
    let edited = coord.post_with_csrf(&format!("{path}/edit"), &fields).await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    // A second save from the same old page loses the race: nothing is overwritten.
    fields[6] = ("area_name", "overwritten");
    let stale = coord.post_with_csrf(&format!("{path}/edit"), &fields).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Lomé and Kara"));
    let rejected = coord
        .post_with_csrf(&format!("{path}/review"), &[("version", "2"), ("review", "rejected"), ("note", "duplicate")])
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER);
    let page = coord.get(&path).await;
    assert_eq!(version_field(&page.body), "3");
    for note in ["reported by a partner", "Kara too", "duplicate"] {
        assert!(page.body.contains(note), "the history keeps {note:?}");
    }
    // A dirty value is kept as written and shown as a problem to check.
    let dirty = coord
        .post_with_csrf(
            &format!("{path}/edit"),
            &[
                ("version", "3"),
                ("country", "Togo"),
                ("area_name", "Lomé and Kara"),
                ("shutdown_extent", "Full Network"),
            ],
        )
        .await;
    assert_eq!(dirty.status, StatusCode::SEE_OTHER);
    let page = coord.get(&path).await;
    assert!(
        page.body.contains("Full Network")
            && (page.body.contains("“Full network”") || page.body.contains("« Full network »")),
        "{}",
        page.body
    );

    // Rejected records stay out of the STOP export; confirmed ones are in it.
    let csv = coord.get("/disruptions/export.csv").await;
    assert!(csv.body.starts_with("start_date_type,start_date,country,"));
    assert!(!csv.body.contains("Lomé"));
    let confirm = coord.post_with_csrf(&format!("{path}/review"), &[("version", "4"), ("review", "confirmed")]).await;
    assert_eq!(confirm.status, StatusCode::SEE_OTHER);
    let csv = coord.get("/disruptions/export.csv").await;
    assert!(csv.body.contains("Lomé and Kara"));
    assert_eq!(csv.body.lines().count(), 2);
}

fn signed_targets_query(key: &InstanceKey, probe_id: &str, at: Timestamp) -> String {
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&targets_message(probe_id, at)));
    format!(
        "probe_id={probe_id}&time={}&signature={}",
        at.0,
        signature.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D")
    )
}

/// A Vigie probe document (web_connectivity-like) measured at `at`.
fn probe_document(at: Timestamp, blocking: serde_json::Value, uid: &str) -> String {
    let (y, m, d, h, mi, sec) = at.civil();
    serde_json::json!({
        "measurement_uid": uid,
        "test_name": "vigie_web_connectivity",
        "input": "https://web.whatsapp.com/",
        "probe_cc": "TG",
        "probe_asn": "AS37303",
        "measurement_start_time": format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{sec:02}"),
        "software_name": "vigie-probe",
        "test_keys": {
            "blocking": blocking,
            "accessible": false,
            "tcp_connect": [{"ip": "157.240.1.53", "port": 443, "status": {"success": false, "failure": "connection_refused"}}],
            "throughput_bps": null,
            "tls_handshake_ms": null
        }
    })
    .to_string()
}

fn result_id(n: u8) -> String {
    format!("{n:02x}").repeat(16)
}

#[tokio::test]
async fn probes_enrol_fetch_targets_and_upload_signed_results_once() {
    let s = server().await;
    let admin = Browser::logged_in(&s, "admin").await;
    let issued = admin.post_with_csrf("/watch/probes/token", &[]).await;
    assert_eq!(issued.status, StatusCode::OK);
    let marker = "<code class=\"token\" dir=\"ltr\">";
    let start = issued.body.find(marker).expect("the token is shown once") + marker.len();
    let token = issued.body[start..].split('<').next().unwrap().to_owned();
    assert!(!admin.get("/watch/probes").await.body.contains(&token), "never shown again");

    let client = reqwest::Client::new();
    let key = InstanceKey::generate();
    let enrol = |token: String, key: String| {
        client
            .post(format!("{}/api/v1/probe/enrol", s.base))
            .json(&serde_json::json!({"token": token, "public_key": key, "name": "Lomé office"}))
            .send()
    };
    let bad_key = enrol(token.clone(), "bm90IGEga2V5".into()).await.unwrap();
    assert_eq!(bad_key.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let enrolled = enrol(token.clone(), key.public_base64()).await.unwrap();
    assert_eq!(enrolled.status(), StatusCode::CREATED);
    let probe_id = enrolled.json::<serde_json::Value>().await.unwrap()["probe_id"].as_str().unwrap().to_owned();
    let reused = enrol(token.clone(), InstanceKey::generate().public_base64()).await.unwrap();
    assert_eq!(reused.status(), StatusCode::FORBIDDEN, "a token enrols one probe");

    // Coordinators set the targets; the probe reads them with a signed request.
    let coord = Browser::logged_in(&s, "coord").await;
    let saved = coord
        .post_with_csrf("/watch/targets", &[("targets", "# messaging\nweb.whatsapp.com\nhttps://www.rfi.fr/fr/\n")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let now = s.clock.now();
    let url = |q: String| format!("{}/api/v1/probe/targets?{q}", s.base);
    let targets: serde_json::Value =
        client.get(url(signed_targets_query(&key, &probe_id, now))).send().await.unwrap().json().await.unwrap();
    assert_eq!(targets["targets"], serde_json::json!(["web.whatsapp.com", "https://www.rfi.fr/fr/"]));
    let stranger = InstanceKey::generate();
    assert_eq!(
        client.get(url(signed_targets_query(&stranger, &probe_id, now))).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let old = Timestamp(now.0 - 3600);
    assert_eq!(
        client.get(url(signed_targets_query(&key, &probe_id, old))).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "an old request is not replayed"
    );

    // A signed result is classified as an upload and stored once.
    let post = |r: &SignedResult| client.post(format!("{}/api/v1/probe/results", s.base)).json(r).send();
    let doc = probe_document(now, serde_json::json!("tcp_ip"), "vigie-1");
    let result = SignedResult::sign(&key, &probe_id, &result_id(1), now, doc.clone()).unwrap();
    let answer = post(&result).await.unwrap();
    assert_eq!(answer.status(), StatusCode::CREATED);
    let answer: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        (answer["outcome"].as_str(), answer["layer"].as_str(), answer["asn"].as_u64()),
        (Some("anomaly"), Some("tcp_ip"), Some(37303))
    );
    assert_eq!(post(&result).await.unwrap().status(), StatusCode::CONFLICT, "a replay");
    assert_eq!(s.app.watch.countries(&actor(&s, "resp").await).await.unwrap()[0].measurements, 1, "stored once");

    let mut forged = SignedResult::sign(&key, &probe_id, &result_id(2), now, doc.clone()).unwrap();
    forged.measurement = doc.replace("tcp_ip", "dns");
    assert_eq!(post(&forged).await.unwrap().status(), StatusCode::UNAUTHORIZED, "a changed measurement");
    let by_stranger = SignedResult::sign(&stranger, &probe_id, &result_id(3), now, doc.clone()).unwrap();
    assert_eq!(post(&by_stranger).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let unknown = SignedResult::sign(&key, "99999", &result_id(4), now, doc.clone()).unwrap();
    assert_eq!(post(&unknown).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // A measurement dated two hours ahead of its arrival is refused (a broken clock).
    let future = probe_document(Timestamp(now.0 + 2 * 3600), serde_json::json!(false), "vigie-2");
    let future = SignedResult::sign(&key, &probe_id, &result_id(5), now, future).unwrap();
    assert_eq!(post(&future).await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Revoked probes are refused.
    let probes = coord.get("/watch/probes").await;
    assert!(probes.body.contains("Lomé office"));
    assert!(!probes.body.contains("/revoke"), "only admins revoke");
    let revoked = admin.post_with_csrf(&format!("/watch/probes/{probe_id}/revoke"), &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    let later = SignedResult::sign(
        &key,
        &probe_id,
        &result_id(6),
        now,
        probe_document(now, serde_json::json!(false), "vigie-3"),
    )
    .unwrap();
    assert_eq!(post(&later).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(
        client.get(url(signed_targets_query(&key, &probe_id, now))).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn measurements_older_than_the_last_days_are_counted_and_linked_to_their_period() {
    let s = server().await;
    // 16 measurements 40 days ago, nothing since.
    let day = (s.clock.now().0 / (24 * HOUR) - 40) * 24 * HOUR;
    let batch: Vec<_> = (0..16).map(|i| facts(i, day + 10 * HOUR + i as i64, 24691, "rfi.fr", Outcome::Ok)).collect();
    s.app.watch.store_measurements(&batch).await.unwrap();
    let date = vigie_core::watch::disruptions::date_of(Timestamp(day)).unwrap().to_string();

    let b = Browser::logged_in(&s, "resp").await;
    let index = b.get("/watch?lang=en").await;
    assert!(!index.body.contains("No measurement yet"), "{}", index.body);
    assert!(index.body.contains("No measurement in the last 30 days."), "{}", index.body);
    assert!(index.body.contains("16 older measurements are stored:"), "{}", index.body);
    let link = format!("/watch/TG?from={date}&amp;to={date}");
    assert!(index.body.contains(&link), "{link} in {}", index.body);
    assert!(index.body.contains("16 measurements"), "{}", index.body);

    // The country page points there too, and the period shows its measurements.
    let recent = b.get("/watch/TG?lang=en").await;
    assert!(recent.body.contains("16 older measurements are stored:") && recent.body.contains(&link));
    let period = b.get(&format!("/watch/TG?from={date}&to={date}&lang=en")).await;
    assert_eq!(period.status, StatusCode::OK);
    assert!(period.body.contains(&format!("From {date} to {date} (UTC)")), "{}", period.body);
    assert!(period.body.contains("<svg") && !period.body.contains("No measurement to draw."), "{}", period.body);
    assert!(period.body.contains("No event started in this period."), "{}", period.body);
    for bad in ["/watch/TG?from=yesterday&to=today".to_owned(), format!("/watch/TG?from={date}")] {
        assert!(b.get(&bad).await.status.is_client_error(), "{bad} is refused");
    }
    // In Arabic, 16 takes the form for 11 to 99.
    let arabic = b.get("/watch?lang=ar").await;
    assert!(arabic.body.contains("16 قياسًا أقدم محفوظًا:"), "{}", arabic.body);
}

#[tokio::test]
async fn stop_dates_are_shown_as_days_in_the_list_and_the_record() {
    let s = server().await;
    let coord = Browser::logged_in(&s, "coord").await;
    let created = coord
        .post_with_csrf(
            "/disruptions/new",
            &[
                ("start_date", "2020-12-31 00:00:00.000000"),
                ("end_date", "2021-01-02 00:00:00.000000"),
                ("country", "Togo"),
                ("shutdown_type", "Shutdown"),
                ("shutdown_status", "Ended"),
                ("note", "from a STOP file"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let list = coord.get("/disruptions").await;
    assert!(list.body.contains(">2020-12-31<") && list.body.contains(">2021-01-02<"), "{}", list.body);
    assert!(!list.body.contains("00:00:00.000000"), "{}", list.body);
    let resp = Browser::logged_in(&s, "resp").await;
    let page = resp.get(created.location()).await;
    assert!(page.body.contains("2020-12-31") && !page.body.contains("00:00:00.000000"), "{}", page.body);
}
