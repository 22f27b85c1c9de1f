//! Fuzz harness for the MISP, STIX and peer-bundle importers (bolero). Under `cargo test` it is a
//! bounded random test; `cargo bolero test` runs it longer or coverage-guided.
//!
//! A third of the inputs are read as they are; a third become the value, comment and
//! pattern of an attribute and an indicator in an otherwise valid event and bundle (so the
//! value readers and the pattern reader see them, not only the JSON parser); a third are
//! spliced into Vigie's own exports at a position the input chooses. Whatever the bytes:
//! no panic; reading twice gives the same answer; an import names a valid uuid, has no
//! empty indicator and no kind-and-value twice, and counts what it skipped at least once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::json;
use vigie_core::Timestamp;
use vigie_core::campaign::report::{AccountSummary, CampaignReport, Count, TraceKind, TraceSummary};
use vigie_core::sharing::{Imported, Producer, ShareableTlp, SharedCampaign, SharingError, Uuid, misp, stix};

/// Under `cargo test`: a few seconds. `BOLERO_RANDOM_ITERATIONS` and
/// `BOLERO_RANDOM_TEST_TIME_MS` take precedence over both limits.
const ITERATIONS: usize = 2_000;
const TEST_TIME: Duration = Duration::from_secs(8);

fn campaign() -> SharedCampaign {
    let report = CampaignReport {
        accounts: vec![AccountSummary {
            account: "x:@a".into(),
            platform: "x".into(),
            author: "@a".into(),
            posts: 3,
            first_seen: 1_767_323_045,
            links: 1,
        }],
        posts: Vec::new(),
        post_ids: Vec::new(),
        platforms: vec![Count { value: "x".into(), count: 3 }],
        first_seen: 1_767_323_045,
        last_seen: 1_767_326_645,
        peak_per_hour: 3,
        peak_hour: 1_767_322_800,
        burstiness: 0.5,
        score: 1.0,
        hashtags: vec![Count { value: "#وطن".into(), count: 3 }],
        representative: Vec::new(),
        traces: vec![TraceSummary { kind: TraceKind::Link, label: "https://a.example/'x'".into(), posts: 2 }],
        timeline: Vec::new(),
        links: Vec::new(),
    };
    SharedCampaign {
        uuid: Uuid::parse("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d").unwrap(),
        title: "Campagne".into(),
        report,
        tlp: ShareableTlp::GREEN,
        techniques: Vec::new(),
        created: Timestamp(1_767_400_000),
        modified: Timestamp(1_767_400_000),
        producer: Producer { name: "Org".into(), uuid: Uuid::parse("0b7c1d2e-3f40-4152-8637-48596a7b8c9d").unwrap() },
    }
}

/// The invariants of one import; `true` when it gave an indicator.
fn check(result: Result<Imported, SharingError>, again: Result<Imported, SharingError>) -> bool {
    assert_eq!(result, again, "reading the same bytes twice disagreed");
    let Ok(imported) = result else { return false };
    assert!(Uuid::parse(&imported.uuid).is_ok(), "{:?}", imported.uuid);
    assert!(imported.skipped.values().all(|&n| n > 0), "{:?}", imported.skipped);
    let mut keys: Vec<_> = imported.indicators.iter().map(|i| (i.kind, i.value.as_str())).collect();
    assert!(keys.iter().all(|(_, v)| !v.trim().is_empty()), "{keys:?}");
    keys.sort();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n, "an indicator twice");
    if let (Some(first), Some(last)) = (imported.first_seen, imported.last_seen) {
        assert!(first <= last);
    }
    !imported.indicators.is_empty()
}

fn both(bytes: &[u8]) -> usize {
    let misp = check(misp::read_event(bytes), misp::read_event(bytes));
    let stix = check(stix::read_bundle(bytes), stix::read_bundle(bytes));
    usize::from(misp) + usize::from(stix)
}

/// The input as the value, comment and pattern of an otherwise valid event and bundle.
fn embedded(text: &str) -> (Vec<u8>, Vec<u8>) {
    let event = json!({"Event": {"uuid": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "Tag": [{"name": text}],
        "Attribute": [{"type": "text", "value": text, "comment": format!("hashtag: {text}")},
                      {"type": "AS", "value": text}, {"type": "url", "value": text}],
        "Object": [{"name": "user-account", "Attribute": [
            {"type": "text", "object_relation": "username", "value": text},
            {"type": "text", "object_relation": "account-type", "value": text}]}]}});
    let bundle = json!({"type": "bundle", "id": "bundle--9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "objects": [
        {"type": "indicator", "id": "indicator--1", "pattern": text, "pattern_type": "stix"},
        {"type": "indicator", "id": "indicator--2", "pattern": format!("[url:value = '{text}']")},
        {"type": "location", "id": "location--1", "country": text}]});
    (serde_json::to_vec(&event).unwrap(), serde_json::to_vec(&bundle).unwrap())
}

#[test]
fn sharing_imports_never_panic_and_keep_their_invariants() {
    let exports = [
        serde_json::to_vec(&misp::campaign_event(&campaign())).unwrap(),
        serde_json::to_vec(&stix::campaign_bundle(&campaign())).unwrap(),
    ];
    let reached = AtomicUsize::new(0);
    bolero::check!().with_iterations(ITERATIONS).with_test_time(TEST_TIME).with_max_len(2048).for_each(
        |bytes: &[u8]| {
            let (mode, rest) = bytes.split_first().map_or((0, bytes), |(m, rest)| (*m, rest));
            let found = match mode % 3 {
                0 => both(bytes),
                1 => {
                    let (event, bundle) = embedded(&String::from_utf8_lossy(rest));
                    both(&event) + both(&bundle)
                }
                _ => {
                    let export = &exports[usize::from(mode / 3) % 2];
                    let at = rest.first().map_or(0, |&b| usize::from(b) * export.len() / 256);
                    let cut = rest.get(1).map_or(0, |&b| usize::from(b % 8));
                    let end = (at + cut).min(export.len());
                    let spliced = [&export[..at], rest.get(2..).unwrap_or_default(), &export[end..]].concat();
                    both(&spliced)
                }
            };
            reached.fetch_add(found, Ordering::Relaxed);
        },
    );
    assert!(reached.into_inner() > 0, "no input reached an indicator: the harness tests nothing");
}

#[test]
fn tricky_inputs_keep_the_invariants() {
    for text in [
        "",
        "'",
        "\\",
        "[",
        "]",
        "[url:value = '\\'']",
        "[url:value = 'a' AND url:value = 'b']",
        "[user-account:account_login = '' AND user-account:account_type = 'x']",
        "[autonomous-system:number = 99999999999999999999]",
        "[autonomous-system:number = -1]",
        "[file:hashes.'SHA-256' = 'é']",
        "AS",
        "AS4294967296",
        "#",
        "tlp:",
        "\u{0}",
        "٣٤",
        "\t\t",
        " ",
    ] {
        let (event, bundle) = embedded(text);
        both(&event);
        both(&bundle);
        both(text.as_bytes());
    }
    both(b"{\"Event\": {\"uuid\": \"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\", \"Attribute\": [1e400]}}");
    both(&[b'['; 10_000]);
}

/// Peer bundles: random bytes, and a real signed bundle with bytes spliced in at a
/// position the input chooses. No panic; nothing but the untouched bundle ever opens.
#[test]
fn peer_bundles_never_panic_and_only_the_signed_bytes_open() {
    use vigie_core::sharing::peer::{Envelope, ObjectKind, Payload, SharedObject, seal};
    let key = vigie_crypto::signing::InstanceKey::generate();
    let payload = Payload {
        issuer: "Réseau".into(),
        key: key.public_base64(),
        sequence: 7,
        created: "2026-12-07T00:00:00Z".into(),
        objects: vec![SharedObject { kind: ObjectKind::Campaign, stix: stix::campaign_bundle(&campaign()) }],
    };
    let signed = seal(&payload, |m| key.sign(m));
    let pinned = key.public_base64();
    let original =
        Envelope::parse(&signed).and_then(|e| e.open(&pinned)).expect("the harness starts from a bundle that opens");
    bolero::check!().with_iterations(ITERATIONS).with_test_time(TEST_TIME).with_max_len(512).for_each(
        |bytes: &[u8]| {
            let at = bytes.first().map_or(0, |&b| usize::from(b) * signed.len() / 256);
            let cut = bytes.get(1).map_or(0, |&b| usize::from(b % 8));
            let end = (at + cut).min(signed.len());
            let spliced = [&signed[..at], bytes.get(2..).unwrap_or_default(), &signed[end..]].concat();
            let opened = Envelope::parse(&spliced).and_then(|e| e.open(&pinned));
            // Only what the signature covers can open: the envelope's JSON may gain a space,
            // never a different payload.
            if let Ok(o) = opened {
                assert_eq!(
                    o,
                    original,
                    "changed bytes opened as something else: {:?}",
                    String::from_utf8_lossy(&spliced)
                );
            }
            let _ = Envelope::parse(bytes).and_then(|e| e.open(&pinned));
        },
    );
}
