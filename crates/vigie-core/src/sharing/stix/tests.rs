use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::sharing::tests::{campaign, disruption, json_value, mutate};
use crate::sharing::{Place, SharingError, SourceFormat, TechniqueId};

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

fn keys(list: &[Indicator]) -> Vec<(IndicatorKind, String)> {
    let mut keys: Vec<_> = list.iter().map(|i| (i.kind, i.value.clone())).collect();
    keys.sort();
    keys
}

fn objects(bundle: &Value) -> &Vec<Value> {
    bundle["objects"].as_array().unwrap()
}

#[test]
fn a_campaign_bundle_reads_back_with_every_indicator() {
    let shared = campaign();
    let imported = read_bundle(&bytes(&campaign_bundle(&shared))).unwrap();
    let exported = campaign_indicators(&shared);
    assert_eq!(keys(&imported.indicators), keys(&exported));
    for e in &exported {
        let i = imported.indicators.iter().find(|i| i.kind == e.kind && i.value == e.value).unwrap();
        if e.kind != IndicatorKind::Period {
            assert_eq!(i.comment, e.comment, "{e:?}");
        }
        if e.first_seen.is_some() {
            assert_eq!(i.first_seen, e.first_seen, "{e:?}");
        }
    }
    assert_eq!(imported.source_format, SourceFormat::Stix21);
    assert_eq!(imported.title, shared.title);
    assert_eq!(imported.tlp, Some(Tlp::Green));
    let producer = imported.producer.clone().unwrap();
    assert_eq!((producer.name, producer.uuid), (shared.producer.name, Some(shared.producer.uuid.to_string())));
    assert_eq!(imported.techniques, shared.techniques, "attack patterns carry any DISARM id");
    assert_eq!(imported.skipped_total(), 0, "{:?}", imported.skipped);
}

#[test]
fn a_disruption_bundle_reads_back_with_every_indicator() {
    let shared = disruption();
    let imported = read_bundle(&bytes(&disruption_bundle(&shared))).unwrap();
    let exported = disruption_indicators(&shared);
    assert_eq!(imported.indicators.len(), exported.len());
    for e in &exported {
        let i = imported.indicators.iter().find(|i| i.kind == e.kind && i.value == e.value).unwrap();
        assert_eq!(i, e, "observed data, locations and sightings keep times and comments");
    }
    assert_eq!(imported.tlp, Some(Tlp::Clear));
    assert_eq!(imported.skipped_total(), 0, "{:?}", imported.skipped);
}

#[test]
fn bundles_are_reproducible_and_well_formed() {
    let a = serde_json::to_string(&campaign_bundle(&campaign())).unwrap();
    assert_eq!(a, serde_json::to_string(&campaign_bundle(&campaign())).unwrap());
    let d = disruption_bundle(&disruption());
    assert_eq!(d.to_string(), disruption_bundle(&disruption()).to_string());
    for bundle in [serde_json::from_str::<Value>(&a).unwrap(), d] {
        let objects = objects(&bundle);
        let marking = objects.iter().find(|o| o["type"] == "marking-definition").unwrap()["id"].clone();
        let mut ids: Vec<&str> = objects.iter().map(|o| o["id"].as_str().unwrap()).collect();
        let ids_in_order = ids.clone();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), objects.len(), "an id twice");
        for o in objects {
            let kind = o["type"].as_str().unwrap();
            assert!(o["id"].as_str().unwrap().starts_with(&format!("{kind}--")));
            assert_eq!(o["spec_version"], "2.1");
            for key in ["created", "modified", "valid_from", "first_seen", "last_seen", "first_observed"] {
                if let Some(t) = o[key].as_str() {
                    assert!(t.len() == 24 && t.ends_with(".000Z"), "{key}: {t}");
                }
            }
            if !["marking-definition", "identity"].contains(&kind)
                && o.get("value").is_none()
                && o.get("number").is_none()
            {
                assert!(ids_in_order.contains(&o["created_by_ref"].as_str().unwrap()), "{o}");
                assert_eq!(o["object_marking_refs"], json!([marking]));
            }
            for key in ["source_ref", "target_ref", "sighting_of_ref"] {
                if let Some(r) = o[key].as_str() {
                    assert!(ids_in_order.contains(&r), "{key} {r} dangles");
                }
            }
        }
    }
}

#[test]
fn the_tlp_marking_is_the_official_tlp_2_object() {
    let bundle = campaign_bundle(&campaign());
    let marking = objects(&bundle).iter().find(|o| o["type"] == "marking-definition").unwrap();
    assert_eq!(
        *marking,
        json!({
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            "created": "2022-10-01T00:00:00.000Z",
            "name": "TLP:GREEN",
            "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
                "extension_type": "property-extension", "tlp_2_0": "green"}},
        })
    );
}

#[test]
fn quotes_and_backslashes_are_escaped_in_patterns() {
    let bundle = campaign_bundle(&campaign());
    let patterns: Vec<&str> = objects(&bundle).iter().filter_map(|o| o["pattern"].as_str()).collect();
    assert!(
        patterns
            .contains(&r"[user-account:account_type = 'twitter' AND user-account:account_login = '@o\'brien\\bot']"),
        "{patterns:#?}"
    );
    assert!(patterns.contains(&r"[url:value = 'https://exemple.info/article?id=42&ref=\'x\'']"));
    assert!(patterns.contains(
        &r"[x-vigie-text:value = 'Elle ment depuis le début : l\'« avocate » n\'a jamais défendu personne.
Partagez !']"
    ));
    assert!(patterns.contains(&"[file:hashes.'x-vigie-phash' = 'd1c4b2a09f8e7766']"));
    assert_eq!(quote(r"a'b\c"), r"'a\'b\\c'");
}

#[test]
fn other_tools_bundles_are_read() {
    let bundle = json!({"type": "bundle", "id": "bundle--5e2b2c1a-0000-4000-8000-00000000abcd", "objects": [
        {"type": "identity", "id": "identity--6e2b2c1a-0000-4000-8000-00000000abcd", "name": "CERT X"},
        {"type": "report", "id": "report--7e2b2c1a-0000-4000-8000-00000000abcd", "name": "A report",
         "created_by_ref": "identity--6e2b2c1a-0000-4000-8000-00000000abcd",
         "object_marking_refs": ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]},
        {"type": "indicator", "id": "indicator--1",
         "pattern": "[ipv4-addr:value = '198.51.100.1'] OR [domain-name:value = 'bad.example']",
         "pattern_type": "stix", "valid_from": "2026-01-02T03:04:05Z"},
        {"type": "indicator", "id": "indicator--2", "pattern": "rule x { }", "pattern_type": "yara"},
        {"type": "observed-data", "id": "observed-data--1", "first_observed": "2026-01-02T00:00:00Z",
         "last_observed": "2026-01-02T01:00:00Z", "objects": {"0": {"type": "url", "value": "https://old.example/"}}},
        {"type": "malware", "id": "malware--1", "name": "x"},
        {"type": "attack-pattern", "id": "attack-pattern--1", "external_references": [
            {"source_name": "mitre-attack", "external_id": "T1566"},
            {"source_name": "DISARM", "external_id": "T0086.001"}]},
    ]});
    let imported = read_bundle(&bytes(&bundle)).unwrap();
    assert_eq!(imported.title, "A report");
    assert_eq!(imported.tlp, Some(Tlp::Amber), "TLP 1.0's predefined amber");
    assert_eq!(imported.producer.unwrap().name, "CERT X");
    assert_eq!(imported.techniques, vec![TechniqueId::parse("T0086.001").unwrap()]);
    let found: Vec<(IndicatorKind, &str)> = imported.indicators.iter().map(|i| (i.kind, i.value.as_str())).collect();
    assert_eq!(found, vec![(IndicatorKind::Domain, "bad.example"), (IndicatorKind::Url, "https://old.example/")]);
    let skipped: Vec<(&str, usize)> = imported.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(skipped, vec![("object type malware", 1), ("pattern", 1), ("pattern type yara", 1)]);
}

#[test]
fn what_is_not_a_bundle_is_refused_by_name() {
    let not_bundle = |v: Value| matches!(read_bundle(&bytes(&v)), Err(SharingError::NotBundle(_)));
    assert!(not_bundle(json!([])));
    assert!(not_bundle(json!({"type": "indicator", "id": "indicator--x"})));
    assert!(not_bundle(json!({"Event": {}})));
    assert!(not_bundle(json!({"type": 3})));
    assert!(matches!(read_bundle(b"\xff"), Err(SharingError::NotJson(_))));
    let err = read_bundle(&bytes(&json!({"type": "bundle", "id": "bundle--nope"}))).unwrap_err();
    assert!(matches!(err, SharingError::Field { place: Place::Bundle, field: "id", .. }), "{err}");
    let bad = json!({"type": "bundle", "id": "bundle--5e2b2c1a-0000-4000-8000-00000000abcd", "objects": [
        {"type": "identity", "id": "identity--1"},
        {"type": "indicator", "id": "indicator--1", "pattern": "[url:value = 'x']", "valid_from": "soon"}]});
    let err = read_bundle(&bytes(&bad)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "STIX object 1: `valid_from` \"soon\" is not a timestamp: too short for an RFC 3339 date-time"
    );
    let err = read_bundle(&bytes(
        &json!({"type": "bundle", "id": "bundle--5e2b2c1a-0000-4000-8000-00000000abcd", "objects": [7]}),
    ))
    .unwrap_err();
    assert!(matches!(err, SharingError::Field { place: Place::StixObject(0), .. }), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reading_arbitrary_json_never_panics(doc in json_value()) {
        let _ = read_bundle(&bytes(&doc));
        let id = "bundle--5e2b2c1a-0000-4000-8000-00000000abcd";
        let _ = read_bundle(&bytes(&json!({"type": "bundle", "id": id, "objects": [doc]})));
    }

    #[test]
    fn reading_a_damaged_export_never_panics(pick in any::<usize>(), with in json_value(), which in any::<bool>()) {
        let mut doc = if which { campaign_bundle(&campaign()) } else { disruption_bundle(&disruption()) };
        mutate(&mut doc, pick, with);
        let _ = read_bundle(&bytes(&doc));
    }

    #[test]
    fn reading_arbitrary_patterns_never_panics(p in "\\PC{0,60}", q in "[\\[\\]()' =a-z:.\\\\0-9-]{0,40}") {
        let _ = pattern::read(&p);
        let _ = pattern::read(&q);
    }

    #[test]
    fn any_string_survives_a_pattern(s in "\\PC{1,40}") {
        prop_assume!(!s.trim().is_empty());
        let p = format!("[x-vigie-text:value = {}]", quote(&s));
        let read = pattern::read(&p);
        prop_assert_eq!(read.found, vec![(IndicatorKind::TextFingerprint, s)]);
    }
}
