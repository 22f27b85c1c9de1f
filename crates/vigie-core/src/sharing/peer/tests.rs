use proptest::prelude::*;
use vigie_crypto::signing::InstanceKey;

use super::*;
use crate::sharing::tests::{campaign, disruption};
use crate::sharing::{ShareableTlp, stix};

fn payload(key: &InstanceKey, sequence: i64) -> Payload {
    Payload {
        issuer: "Réseau Bénin".into(),
        key: key.public_base64(),
        sequence,
        created: "2026-12-07T10:00:00Z".into(),
        objects: vec![
            SharedObject { kind: ObjectKind::Campaign, stix: stix::campaign_bundle(&campaign()) },
            SharedObject { kind: ObjectKind::Disruption, stix: stix::disruption_bundle(&disruption()) },
        ],
    }
}

fn sealed(key: &InstanceKey, sequence: i64) -> Vec<u8> {
    seal(&payload(key, sequence), |m| key.sign(m))
}

#[test]
fn a_sealed_bundle_opens_with_the_pinned_key_and_keeps_every_object() {
    let key = InstanceKey::generate();
    let bytes = sealed(&key, 42);
    let envelope = Envelope::parse(&bytes).unwrap();
    assert_eq!(envelope.key, key.public_base64());
    let opened = envelope.open(&key.public_base64()).unwrap();
    assert_eq!(opened.issuer, "Réseau Bénin");
    assert_eq!(opened.sequence, 42);
    assert_eq!(opened.objects.len(), 2);
    let (kind, campaign_read) = &opened.objects[0];
    assert_eq!(*kind, ObjectKind::Campaign);
    let direct = stix::read_bundle(&serde_json::to_vec(&stix::campaign_bundle(&campaign())).unwrap()).unwrap();
    assert_eq!(campaign_read, &direct, "the object reads as its STIX bundle reads");
    assert_eq!(opened.objects[1].0, ObjectKind::Disruption);
}

#[test]
fn another_key_is_an_unknown_peer() {
    let key = InstanceKey::generate();
    let other = InstanceKey::generate();
    let envelope = Envelope::parse(&sealed(&key, 1)).unwrap();
    assert_eq!(envelope.open(&other.public_base64()), Err(PeerBundleError::UnknownPeer(key.public_base64())));
}

#[test]
fn a_bundle_signed_by_another_key_than_it_names_is_refused() {
    let key = InstanceKey::generate();
    let forger = InstanceKey::generate();
    // The forger signs a payload naming the victim's key.
    let bytes = seal(&payload(&key, 1), |m| forger.sign(m));
    let envelope = Envelope::parse(&bytes).unwrap();
    assert_eq!(envelope.open(&key.public_base64()), Err(PeerBundleError::BadSignature));
}

#[test]
fn a_signature_for_another_purpose_does_not_verify() {
    let key = InstanceKey::generate();
    // Signed without the domain prefix: as if lifted from another protocol.
    let bytes = seal(&payload(&key, 1), |m| key.sign(&m[DOMAIN.len()..]));
    let envelope = Envelope::parse(&bytes).unwrap();
    assert_eq!(envelope.open(&key.public_base64()), Err(PeerBundleError::BadSignature));
}

#[test]
fn an_amber_object_makes_the_bundle_refused() {
    let key = InstanceKey::generate();
    let mut p = payload(&key, 3);
    let mut amber = stix::campaign_bundle(&campaign());
    // Re-mark every object of the campaign as TLP:AMBER.
    let green = crate::sharing::stix::tlp_marking_id(ShareableTlp::GREEN.tlp());
    let amber_id = crate::sharing::stix::tlp_marking_id(Tlp::Amber);
    let text = serde_json::to_string(&amber)
        .unwrap()
        .replace(green, amber_id)
        .replace("\"tlp_2_0\":\"green\"", "\"tlp_2_0\":\"amber\"")
        .replace("TLP:GREEN", "TLP:AMBER");
    amber = serde_json::from_str(&text).unwrap();
    p.objects.push(SharedObject { kind: ObjectKind::Campaign, stix: amber });
    let bytes = seal(&p, |m| key.sign(m));
    let err = Envelope::parse(&bytes).unwrap().open(&key.public_base64()).unwrap_err();
    assert_eq!(err, PeerBundleError::NotShareable { index: 2, tlp: "TLP:AMBER".into() });
}

#[test]
fn a_payload_naming_another_key_is_refused() {
    let key = InstanceKey::generate();
    let mut p = payload(&key, 1);
    p.key = InstanceKey::generate().public_base64();
    // Sealed by `key` but the payload claims to be someone else's.
    let body = serde_json::to_vec(&p).unwrap();
    let mut message = DOMAIN.to_vec();
    message.extend_from_slice(&body);
    let wire = serde_json::json!({
        "vigie_peer_bundle": 1, "key": key.public_base64(),
        "payload": STANDARD.encode(&body), "signature": STANDARD.encode(key.sign(&message)),
    });
    let envelope = Envelope::parse(&serde_json::to_vec(&wire).unwrap()).unwrap();
    assert!(matches!(envelope.open(&key.public_base64()), Err(PeerBundleError::KeyMismatch { .. })));
}

#[test]
fn envelopes_that_are_not_bundles_say_why() {
    assert!(matches!(Envelope::parse(b"not json"), Err(PeerBundleError::NotABundle(_))));
    assert!(matches!(Envelope::parse(b"[]"), Err(PeerBundleError::NotABundle(_))));
    assert!(matches!(Envelope::parse(br#"{"type":"bundle"}"#), Err(PeerBundleError::NotABundle(_))));
    assert_eq!(
        Envelope::parse(br#"{"vigie_peer_bundle":2,"key":"","payload":"","signature":""}"#),
        Err(PeerBundleError::UnsupportedVersion(2))
    );
    let big = vec![b' '; MAX_BYTES + 1];
    assert_eq!(Envelope::parse(&big), Err(PeerBundleError::TooLarge));
}

#[test]
fn every_changed_byte_of_a_bundle_is_refused() {
    let key = InstanceKey::generate();
    let mut p = payload(&key, 9);
    // The signature covers the whole payload; a small one keeps the test quick.
    p.objects.clear();
    let bytes = seal(&p, |m| key.sign(m));
    let pinned = key.public_base64();
    for i in 0..bytes.len() {
        for delta in [1u8, 0x20, 0x80] {
            let mut changed = bytes.clone();
            changed[i] = changed[i].wrapping_add(delta);
            let outcome = Envelope::parse(&changed).and_then(|e| e.open(&pinned));
            assert!(outcome.is_err(), "byte {i} changed by {delta} was accepted");
        }
    }
}

#[test]
fn fingerprints_are_short_and_stable() {
    let f = fingerprint("AAAA");
    assert_eq!(f.len(), 19);
    assert_eq!(f, fingerprint(" AAAA "));
    assert_ne!(f, fingerprint("AAAB"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_open(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let key = InstanceKey::generate();
        let outcome = Envelope::parse(&bytes).and_then(|e| e.open(&key.public_base64()));
        prop_assert!(outcome.is_err());
    }

    #[test]
    fn any_sequence_round_trips(sequence in any::<i64>()) {
        let key = InstanceKey::generate();
        let opened = Envelope::parse(&sealed(&key, sequence)).unwrap().open(&key.public_base64()).unwrap();
        prop_assert_eq!(opened.sequence, sequence);
    }
}
