//! Sharing over real stores, through the service, both backends: MISP and STIX imports
//! deduplicated by their uuid with every receipt kept, AMBER events seen only by their
//! organization, and peer bundles that open only with a pinned key, once.

#[path = "support/world.rs"]
mod world;

use std::sync::Arc;

use serde_json::json;
use vigie_core::sharing::peer::ObjectKind;
use vigie_core::sharing::{ImportError, Importer, PeerForm, ShareableTlp, Sharing, SharingConfig};
use vigie_core::store::{ImportOutcome, ImportSource};
use vigie_core::watch::disruption::STOP_COLUMNS;
use vigie_core::watch::{AnalysisSettings, Watch};
use vigie_core::{DomainError, Store};
use vigie_crypto::signing::InstanceKey;
use vigie_store::both_backends;
use world::World;

fn sharing(store: &Arc<dyn Store>, w: &World) -> Sharing {
    Sharing::new(store.clone(), Arc::new(w.clock.clone()), SharingConfig { token_key: [7; 32] })
}

async fn coordinator(w: &World, org: vigie_core::OrgId, name: &str) -> vigie_core::Actor {
    use vigie_core::accounts::NewMember;
    use vigie_core::{DisplayName, Password, Role, Username};
    let m = NewMember {
        org,
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse(name).unwrap(),
        role: Role::Coordinator,
        password: Password::parse(world::PW).unwrap(),
    };
    w.accounts.add_member(None, m, None).await.unwrap();
    world::member(w, name).await.0
}

fn event(uuid: &str, tlp: &str, accounts: &[&str]) -> Vec<u8> {
    let attributes: Vec<_> = accounts
        .iter()
        .map(|a| json!({"type": "text", "category": "Social network", "object_relation": "hashtag", "value": a}))
        .collect();
    let event = json!({"Event": {
        "uuid": uuid, "info": "Harassment campaign seen by a CERT", "date": "2026-11-02",
        "Orgc": {"name": "CERT amie", "uuid": "5b1c8f0e-2a3d-4e5f-8a9b-0c1d2e3f4a5b"},
        "Tag": [{"name": format!("tlp:{tlp}")}],
        "Attribute": [{"type": "url", "category": "Network activity", "value": "https://example.org/smear"}],
        "Object": [{"name": "microblog", "Attribute": attributes}],
    }});
    serde_json::to_vec(&event).unwrap()
}

async fn imports_are_deduplicated_scoped_and_keep_their_provenance(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let s = sharing(&store, &w);
    let (admin, _) = world::member(&w, "admin").await;
    let (resp, _) = world::member(&w, "resp").await;
    let uuid = "0f8e2c4a-6b1d-4e3f-9a2b-7c5d8e1f0a3b";

    assert!(matches!(
        s.import_misp(Importer::Person(&resp), &event(uuid, "green", &["#a"])).await,
        Err(DomainError::Forbidden)
    ));
    let first = s.import_misp(Importer::Person(&admin), &event(uuid, "green", &["#a"])).await.unwrap();
    assert_eq!(first.outcome, ImportOutcome::Added);
    let again = s.import_misp(Importer::Instance { org: None }, &event(uuid, "green", &["#a"])).await.unwrap();
    assert_eq!((again.id, again.outcome), (first.id, ImportOutcome::Unchanged));
    let grown = s.import_misp(Importer::Person(&admin), &event(uuid, "green", &["#a", "#b"])).await.unwrap();
    assert_eq!((grown.id, grown.outcome), (first.id, ImportOutcome::Updated));

    let detail = s.import_detail(&admin, first.id).await.unwrap();
    assert_eq!(detail.row.scope, None, "GREEN is seen by the whole network");
    assert_eq!(detail.row.producer_name.as_deref(), Some("CERT amie"));
    assert_eq!(detail.indicators.len() as u64, detail.row.indicator_count);
    assert!(detail.indicators.iter().any(|i| i.value.contains("#b")), "the update replaced the indicators");
    let outcomes: Vec<_> = detail.receipts.iter().map(|r| (r.source, r.outcome, r.by.is_some())).collect();
    assert_eq!(
        outcomes,
        vec![
            (ImportSource::Misp, ImportOutcome::Added, true),
            (ImportSource::Misp, ImportOutcome::Unchanged, false),
            (ImportSource::Misp, ImportOutcome::Updated, true),
        ]
    );

    // An AMBER event belongs to the organization that imported it.
    let amber = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    let refused = s.import_misp(Importer::Instance { org: None }, &event(amber, "amber", &["#c"])).await;
    assert!(matches!(refused, Err(DomainError::Import(ImportError::NeedsOrganization(ref l))) if l == "TLP:AMBER"));
    let kept = s.import_misp(Importer::Person(&admin), &event(amber, "amber", &["#c"])).await.unwrap();
    assert_eq!(s.import_detail(&admin, kept.id).await.unwrap().row.scope, Some(w.org));
    let other = coordinator(&w, w.other_org, "coord-b").await;
    let seen: Vec<_> = s.imports(&other, 100).await.unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(seen, vec![first.id], "another organization sees the GREEN import only");
    assert!(matches!(s.import_detail(&other, kept.id).await, Err(DomainError::NotFound)));
    assert_eq!(s.all_imports(100).await.unwrap().len(), 2);

    // A document that is not one says where.
    let bad = s.import_stix(Importer::Person(&admin), br#"{"type":"bundle","id":"bundle--x","objects":[]}"#).await;
    assert!(matches!(bad, Err(DomainError::Import(ImportError::Document(_)))), "{bad:?}");
}

async fn peer_bundles_open_with_a_pinned_key_once(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let s = sharing(&store, &w);
    let (admin, _) = world::member(&w, "admin").await;
    let coord = coordinator(&w, w.org, "coord").await;
    let watch = Watch::new(store.clone(), Arc::new(w.clock.clone()), AnalysisSettings::default());
    let mut fields: [String; STOP_COLUMNS.len()] = std::array::from_fn(|_| String::new());
    let mut set =
        |name: &str, value: &str| fields[STOP_COLUMNS.iter().position(|c| *c == name).unwrap()] = value.into();
    set("country", "Togo");
    set("start_date", "2026-01-08");
    set("end_date", "2026-01-10");
    set("shutdown_type", "Full network");
    let record = watch.create_disruption(&admin, &fields, "entered from the press").await.unwrap();
    s.mark(&coord, ObjectKind::Disruption, record, ShareableTlp::GREEN, Vec::new()).await.unwrap();

    let key = InstanceKey::generate();
    let bundle = s.own_bundle(&key).await.unwrap();
    let unknown = s.import_peer(Importer::Person(&admin), &bundle).await;
    assert!(matches!(unknown, Err(DomainError::Import(ImportError::Bundle(_)))), "{unknown:?}");

    let form = PeerForm { name: "Réseau Togo".into(), public_key: key.public_base64(), ..Default::default() };
    assert!(matches!(s.pin_peer(&coord, &form).await, Err(DomainError::Forbidden)), "only admins pin");
    let pinned = s.pin_peer(&admin, &form).await.unwrap();
    assert!(matches!(s.pin_peer(&admin, &form).await, Err(DomainError::Conflict("peer key"))));
    let peer = s.peer_for_pull_token(&pinned.pull_token).await.unwrap().unwrap();
    assert_eq!(peer.id, pinned.id);
    assert!(s.peer_for_pull_token("not-the-token").await.unwrap().is_none());

    let got = s.import_peer(Importer::Person(&admin), &bundle).await.unwrap();
    assert_eq!(got.items.len(), 1);
    assert_eq!(got.items[0].outcome, ImportOutcome::Added);
    let detail = s.import_detail(&admin, got.items[0].id).await.unwrap();
    assert_eq!(detail.row.kind, Some(ObjectKind::Disruption));
    assert_eq!(detail.receipts[0].peer_name.as_deref(), Some("Réseau Togo"));
    assert!(detail.indicators.iter().any(|i| i.value == "TG"), "{:?}", detail.indicators);

    let replay = s.import_peer(Importer::Person(&admin), &bundle).await;
    assert!(matches!(replay, Err(DomainError::Import(ImportError::Bundle(ref e))) if e.to_string().contains("replay")));
    let mut tampered = bundle.clone();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    assert!(s.import_peer(Importer::Person(&admin), &tampered).await.is_err());

    // Removing the pin keeps the provenance's name.
    s.remove_peer(&admin, pinned.id).await.unwrap();
    let detail = s.import_detail(&admin, got.items[0].id).await.unwrap();
    assert_eq!((detail.receipts[0].peer, detail.receipts[0].peer_name.as_deref()), (None, Some("Réseau Togo")));

    // A pulled peer needs both its address and its token; the token is sealed.
    let other = InstanceKey::generate();
    let half = PeerForm {
        name: "Bénin".into(),
        public_key: other.public_base64(),
        url: "https://vigie.example.bj".into(),
        token: String::new(),
    };
    assert!(matches!(s.pin_peer(&admin, &half).await, Err(DomainError::Invalid { field: "token", .. })));
    let plain_http = PeerForm { url: "http://vigie.example.bj".into(), token: "t0k3n".into(), ..half.clone() };
    assert!(matches!(s.pin_peer(&admin, &plain_http).await, Err(DomainError::Invalid { field: "url", .. })));
    let full = PeerForm { token: "t0k3n-from-benin".into(), ..half };
    let id = s.pin_peer(&admin, &full).await.unwrap().id;
    let row = store.peer(id).await.unwrap();
    assert!(!String::from_utf8_lossy(row.token_sealed.as_deref().unwrap()).contains("t0k3n"));
    assert_eq!(s.peer_token(&row).unwrap().as_deref(), Some("t0k3n-from-benin"));
}

both_backends!(imports_are_deduplicated_scoped_and_keep_their_provenance, peer_bundles_open_with_a_pinned_key_once);
