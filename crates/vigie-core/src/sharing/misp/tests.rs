use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::sharing::tests::{campaign, disruption, json_value, mutate};
use crate::sharing::{Place, SharingError, SourceFormat, TechniqueId, disruption_indicators};

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

fn sorted(mut list: Vec<Indicator>) -> Vec<Indicator> {
    list.sort_by(|a, b| (a.kind, &a.value).cmp(&(b.kind, &b.value)));
    list
}

#[test]
fn a_campaign_event_reads_back_with_every_indicator() {
    let shared = campaign();
    let imported = read_event(&bytes(&campaign_event(&shared))).unwrap();
    assert_eq!(sorted(imported.indicators.clone()), sorted(campaign_indicators(&shared)));
    assert_eq!(imported.source_format, SourceFormat::Misp);
    assert_eq!(imported.uuid, shared.uuid.to_string());
    assert_eq!(imported.title, shared.title);
    assert_eq!(imported.tlp, Some(Tlp::Green));
    let producer = imported.producer.clone().unwrap();
    assert_eq!((producer.name, producer.uuid), (shared.producer.name, Some(shared.producer.uuid.to_string())));
    let known: Vec<TechniqueId> = shared.techniques[..2].to_vec();
    assert_eq!(imported.techniques, known, "T0199 has no galaxy name, so no tag");
    assert_eq!(imported.skipped_total(), 0, "{:?}", imported.skipped);
    assert_eq!(imported.first_seen, Some(Timestamp(shared.report.first_seen)));
    assert_eq!(imported.last_seen, Some(Timestamp(shared.report.last_seen)));
}

#[test]
fn a_disruption_event_reads_back_with_every_indicator() {
    let shared = disruption();
    let imported = read_event(&bytes(&disruption_event(&shared))).unwrap();
    assert_eq!(sorted(imported.indicators.clone()), sorted(disruption_indicators(&shared)));
    assert_eq!(imported.tlp, Some(Tlp::Clear));
    assert_eq!(imported.skipped_total(), 0, "{:?}", imported.skipped);
}

#[test]
fn exports_are_reproducible_and_ids_unique() {
    let a = serde_json::to_string(&campaign_event(&campaign())).unwrap();
    assert_eq!(a, serde_json::to_string(&campaign_event(&campaign())).unwrap());
    let d = serde_json::to_string(&disruption_event(&disruption())).unwrap();
    assert_eq!(d, serde_json::to_string(&disruption_event(&disruption())).unwrap());
    let mut other = campaign();
    other.uuid = crate::sharing::tests::uuid("00000000-0000-4000-8000-000000000001");
    let b = serde_json::to_string(&campaign_event(&other)).unwrap();
    let uuids = |s: &str| -> Vec<String> {
        let v: Value = serde_json::from_str(s).unwrap();
        let mut out = Vec::new();
        collect_uuids(&v, &mut out);
        out
    };
    let (ua, ub) = (uuids(&a), uuids(&b));
    let mut unique = ua.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ua.len(), "a uuid twice in one event");
    assert!(ua.iter().filter(|u| *u != &campaign().producer.uuid.to_string()).all(|u| !ub.contains(u)));
}

fn collect_uuids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match v.as_str() {
                    Some(s) if k == "uuid" => out.push(s.to_owned()),
                    _ => collect_uuids(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| collect_uuids(v, out)),
        _ => {}
    }
}

#[test]
fn the_event_uses_misp_types_templates_and_tags() {
    let event = campaign_event(&campaign());
    let e = &event["Event"];
    let tags: Vec<&str> = e["Tag"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        tags,
        ["tlp:green", "misp-galaxy:disarm-techniques=\"Harass\"", "misp-galaxy:disarm-techniques=\"Conduct Swarming\""]
    );
    assert_eq!((e["distribution"].as_str(), e["published"].as_bool()), (Some("1"), Some(false)));
    let names: Vec<&str> = e["Object"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    for name in ["twitter-account", "facebook-account", "telegram-account", "user-account", "microblog", "annotation"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let types: Vec<&str> = e["Attribute"].as_array().unwrap().iter().map(|a| a["type"].as_str().unwrap()).collect();
    assert!(types.iter().all(|t| ["text", "url"].contains(t)), "{types:?}");
    let all = e.to_string();
    assert!(!all.contains("the_defender"), "a mention reached the export");
    assert!(!all.contains("\"to_ids\":true"));
    let disruption = disruption_event(&disruption()).to_string();
    assert!(!disruption.contains("internal: call the source back"), "an evidence note reached the export");
    assert!(disruption.contains("\"name\":\"asn\"") && disruption.contains("\"value\":\"44244\""));
}

#[test]
fn pymisp_shapes_are_read() {
    let event = json!({
        "uuid": "5e2b2c1a-0000-4000-8000-00000000abcd",
        "info": "Bare event",
        "Tag": [{"name": "tlp:amber"}, {"name": "tlp:green"}, {"name": "tlp:bogus"}],
        "Galaxy": [{"type": "disarm-techniques", "GalaxyCluster": [{"meta": {"external_id": ["T0048.004"]}}]}],
        "Attribute": [
            {"type": "url", "value": "https://a.example/x", "first_seen": "2026-01-02T03:04:05+00:00"},
            {"type": "ip-src", "value": "198.51.100.7"},
            {"type": "AS", "value": "AS64500"},
            {"type": "sha256", "value": "AB".repeat(32)},
            {"type": "link", "value": "https://context.example/"},
            {"type": "text", "value": "#x", "comment": "hashtag", "deleted": true},
        ],
        "Object": [
            {"name": "domain-ip", "Attribute": [
                {"type": "domain", "object_relation": "domain", "value": "Evil.Example"},
                {"type": "ip-dst", "object_relation": "ip", "value": "198.51.100.8"}]},
            {"name": "user-account", "Attribute": [{"type": "text", "object_relation": "username", "value": "bob"}]},
            {"name": "microblog", "first_seen": "2026-01-02T00:00:00Z", "Attribute": [
                {"type": "text", "object_relation": "post", "value": "Texte"},
                {"type": "text", "object_relation": "hashtag", "value": "vote"}]},
            {"name": "file", "Attribute": [{"type": "filename", "object_relation": "filename", "value": "a.exe"}]},
        ],
    });
    for doc in [event.clone(), json!({"Event": event.clone()}), json!({"response": [{"Event": event}]})] {
        let imported = read_event(&bytes(&doc)).unwrap();
        assert_eq!(imported.tlp, Some(Tlp::Amber), "the strictest tag wins");
        assert_eq!(imported.techniques, vec![TechniqueId::parse("T0048.004").unwrap()]);
        let found: Vec<(IndicatorKind, &str)> =
            imported.indicators.iter().map(|i| (i.kind, i.value.as_str())).collect();
        assert_eq!(
            found,
            vec![
                (IndicatorKind::Url, "https://a.example/x"),
                (IndicatorKind::Asn, "AS64500"),
                (IndicatorKind::MediaHash(HashAlgorithm::Sha256), "ab".repeat(32).as_str()),
                (IndicatorKind::Domain, "evil.example"),
                (IndicatorKind::Account, "unknown:bob"),
                (IndicatorKind::TextFingerprint, "Texte"),
                (IndicatorKind::Hashtag, "#vote"),
            ]
        );
        assert_eq!(imported.indicators[0].first_seen, Some(Timestamp(1_767_323_045)));
        assert_eq!(imported.indicators[5].first_seen, Some(Timestamp(1_767_312_000)), "the object's first_seen");
        let skipped: Vec<(&str, usize)> = imported.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            skipped,
            vec![("attribute type ip-dst", 1), ("attribute type ip-src", 1), ("object file", 1), ("tag tlp:bogus", 1)]
        );
    }
}

#[test]
fn broken_events_are_refused_with_the_place_and_field() {
    let cases: Vec<(Vec<u8>, SharingError)> = vec![
        (b"{".to_vec(), SharingError::NotJson(String::new())),
        (b"[]".to_vec(), SharingError::NotMispEvent("the JSON is not an object")),
        (bytes(&json!({"type": "bundle"})), SharingError::NotMispEvent("")),
        (bytes(&json!({"Event": {"info": "x"}})), SharingError::field(Place::Event, "uuid", "")),
        (bytes(&json!({"Event": {"uuid": "nope"}})), SharingError::field(Place::Event, "uuid", "")),
        (
            bytes(&json!({"Event": {"uuid": "5e2b2c1a-0000-4000-8000-00000000abcd",
                "Attribute": [{"type": "url", "value": "a"}, {"value": "b"}]}})),
            SharingError::field(Place::Attribute(1), "type", ""),
        ),
        (
            bytes(&json!({"Event": {"uuid": "5e2b2c1a-0000-4000-8000-00000000abcd", "Attribute": {"a": 1}}})),
            SharingError::field(Place::Event, "Attribute", ""),
        ),
        (
            bytes(&json!({"Event": {"uuid": "5e2b2c1a-0000-4000-8000-00000000abcd",
                "Object": [{"name": "asn", "Attribute": [
                    {"type": "AS", "value": "1"}, {"type": "AS", "value": "2", "first_seen": "yesterday"}]}]}})),
            SharingError::field(Place::ObjectAttribute { object: 0, attribute: 1 }, "first_seen", ""),
        ),
    ];
    for (input, expected) in cases {
        let err = read_event(&input).unwrap_err();
        assert_eq!(std::mem::discriminant(&err), std::mem::discriminant(&expected), "{err}");
        if let (SharingError::Field { place, field, .. }, SharingError::Field { place: p, field: f, .. }) =
            (&err, &expected)
        {
            assert_eq!((place, field), (p, f), "{err}");
        }
        assert!(!err.to_string().is_empty());
    }
    let err = read_event(
        br#"{"Event": {"uuid": "5e2b2c1a-0000-4000-8000-00000000abcd", "Object": [{"name": "asn",
        "Attribute": [{"type": "AS", "value": "1"}, {"type": "AS", "value": "2", "first_seen": "yesterday"}]}]}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("attribute 1 of object 0: `first_seen`"), "{err}");
}

#[test]
fn markers_round_trip() {
    for m in Marker::ALL {
        assert_eq!(Marker::split(&m.comment("")), Some((m, "")));
        assert_eq!(Marker::split(&m.comment("12 posts")), Some((m, "12 posts")));
    }
    assert_eq!(Marker::split("hashtags galore"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reading_arbitrary_json_never_panics(doc in json_value()) {
        let _ = read_event(&bytes(&doc));
        let _ = read_event(&bytes(&json!({"Event": doc})));
    }

    #[test]
    fn reading_a_damaged_export_never_panics(pick in any::<usize>(), with in json_value(), which in any::<bool>()) {
        let mut doc = if which { campaign_event(&campaign()) } else { disruption_event(&disruption()) };
        mutate(&mut doc, pick, with);
        let _ = read_event(&bytes(&doc));
    }

    #[test]
    fn reading_arbitrary_bytes_never_panics(raw in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = read_event(&raw);
    }
}
