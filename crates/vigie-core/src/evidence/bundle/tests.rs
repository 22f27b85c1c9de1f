//! The checks on parts built in memory; `vigie-bundle`'s tests go through real archives.

use vigie_crypto::signing::InstanceKey;

use super::*;
use crate::evidence::{CaseActionRecord, EvidenceRecord, EvidenceSource, Nonce, PostDetails, RECORD_VERSION};
use crate::merkle::MemoryTree;
use crate::time::Timestamp;

const CASE: i64 = 7;

fn post(case: i64, text: &str, claimed: &str) -> LeafRecord {
    LeafRecord::Evidence(EvidenceRecord {
        version: RECORD_VERSION,
        kind: EvidenceKind::Post,
        case,
        sha256: hex(&Sha256::digest(claimed.as_bytes())),
        size: claimed.len() as u64,
        media_type: "text/plain; charset=utf-8".into(),
        file_name: None,
        captured_at: Timestamp(1_790_000_000).rfc3339(),
        source: EvidenceSource::Cli,
        added_by: "awa".into(),
        url: Some("https://x.example/p/1".into()),
        final_url: None,
        post: Some(PostDetails {
            platform: "x".into(),
            url: "https://x.example/p/1".into(),
            author: "@troll".into(),
            posted_at: None,
            text: text.into(),
        }),
        nonce: Nonce::random().to_hex(),
    })
}

fn action(case: i64) -> LeafRecord {
    LeafRecord::CaseAction(CaseActionRecord {
        version: RECORD_VERSION,
        case,
        action: "status_changed".into(),
        detail: "new→in_progress".into(),
        actor: Some("awa".into()),
        at: Timestamp(1_790_000_100).rfc3339(),
        nonce: Nonce::random().to_hex(),
    })
}

/// Parts for `records` (all of them listed: the first as an item, the rest as actions
/// when they are actions), signed by `key`.
fn bundle(key: &InstanceKey, records: &[LeafRecord]) -> BundleParts {
    let mut tree = MemoryTree::new();
    let bytes: Vec<Vec<u8>> = records.iter().map(|r| r.canonical().unwrap()).collect();
    for b in &bytes {
        tree.append(b).unwrap();
    }
    let size = tree.len();
    let head = TreeHead { size, root: tree.root(size).unwrap(), timestamp: Timestamp(1_790_000_200) };
    let tree_head = SignedTreeHead::new(&head, &key.sign(&head.message()));
    let mut parts = BundleParts::default();
    let put = |parts: &mut BundleParts, path: &str, content: &[u8]| {
        parts.entries.push(EntryDigest::of(path, content));
        parts.contents.insert(path.to_owned(), content.to_vec());
    };
    let (mut items, mut actions) = (Vec::new(), Vec::new());
    for (i, (record, b)) in records.iter().zip(&bytes).enumerate() {
        let index = i as u64;
        put(&mut parts, &record_path(index), b);
        let proof = tree.inclusion_proof(index, size).unwrap().iter().map(ToString::to_string).collect();
        let item = ManifestItem { leaf_index: index, record: record_path(index), file: None, inclusion_proof: proof };
        match record {
            LeafRecord::Evidence(_) => items.push(item),
            LeafRecord::CaseAction(_) => actions.push(item),
        }
    }
    put(&mut parts, TREE_HEAD_PATH, &serde_json::to_vec(&tree_head).unwrap());
    put(&mut parts, PUBLIC_KEY_PATH, format!("{}\n", key.public_base64()).as_bytes());
    let entries = parts
        .entries
        .iter()
        .map(|e| ManifestEntry { path: e.path.clone(), sha256: hex(&e.sha256), size: e.size })
        .collect();
    let manifest = Manifest {
        format: BUNDLE_FORMAT.into(),
        created_at: Timestamp(1_790_000_300).rfc3339(),
        instance_public_key: key.public_base64(),
        case: BundleCase { id: CASE, reference: "VG-7".into(), language: BundleLanguage::Ar },
        tree_head,
        entries,
        items,
        actions,
    };
    sign(&mut parts, key, &manifest);
    parts
}

fn sign(parts: &mut BundleParts, key: &InstanceKey, manifest: &Manifest) {
    let bytes = manifest.to_json();
    let signature = STANDARD.encode(key.sign(&bytes));
    parts.entries.retain(|e| e.path != MANIFEST_PATH && e.path != SIGNATURE_PATH);
    parts.entries.push(EntryDigest::of(MANIFEST_PATH, &bytes));
    parts.entries.push(EntryDigest::of(SIGNATURE_PATH, signature.as_bytes()));
    parts.contents.insert(MANIFEST_PATH.into(), bytes);
    parts.contents.insert(SIGNATURE_PATH.into(), signature.into_bytes());
}

#[test]
fn a_well_formed_bundle_verifies_and_says_so() {
    let key = InstanceKey::generate();
    let parts = bundle(&key, &[post(CASE, "كلام سيء", "كلام سيء"), action(CASE)]);
    let report = check_bundle(&parts, Some(&key.public_base64()));
    assert!(report.is_ok(), "{report}");
    let text = report.to_string();
    assert!(text.contains("ok      #0 post    https://x.example/p/1  sha256 "), "{text}");
    assert!(text.contains("ok      #1 action  status_changed"), "{text}");
    assert!(text.ends_with("VERIFIED: 1 evidence items and 1 case actions are intact and in the signed log"), "{text}");
}

#[test]
fn a_post_whose_text_does_not_match_its_digest_fails_by_leaf() {
    let key = InstanceKey::generate();
    let parts = bundle(&key, &[action(CASE), post(CASE, "edited", "original!")]);
    let report = check_bundle(&parts, None);
    assert!(!report.is_ok());
    let item = report.item(1).unwrap();
    assert_eq!(item.failures, [ItemFailure::ContentSize { record: 9, actual: 6 }, ItemFailure::PostTextDigest]);
    assert!(report.to_string().contains("FAILED  #1 post    https://x.example/p/1: content is 6 bytes"));
}

#[test]
fn a_record_of_another_case_is_named() {
    let key = InstanceKey::generate();
    let parts = bundle(&key, &[action(CASE), action(CASE + 1)]);
    let report = check_bundle(&parts, None);
    assert_eq!(report.item(1).unwrap().failures, [ItemFailure::WrongCase { record: CASE + 1, bundle: CASE }]);
    assert!(report.item(0).unwrap().is_ok());
}

#[test]
fn an_unpinned_bundle_shows_its_key_and_a_pinned_one_must_match() {
    let (key, other) = (InstanceKey::generate(), InstanceKey::generate());
    let parts = bundle(&key, &[action(CASE)]);
    let report = check_bundle(&parts, None);
    assert!(report.is_ok());
    let fingerprint = key_fingerprint(&key.public_base64()).unwrap();
    assert_eq!(fingerprint.len(), 39);
    assert!(report.to_string().contains(&format!("signing key   {fingerprint} (NOT pinned")));
    let report = check_bundle(&parts, Some(&other.public_base64()));
    assert!(matches!(report.failures[..], [BundleFailure::PinnedKeyDiffers { .. }]), "{report}");
    let report = check_bundle(&parts, Some("not a key"));
    assert_eq!(report.failures, [BundleFailure::PinnedKeyUnreadable]);
}

#[test]
fn missing_and_duplicated_entries_are_named() {
    let key = InstanceKey::generate();
    let mut parts = bundle(&key, &[action(CASE), action(CASE)]);
    parts.entries.retain(|e| e.path != "records/1.json");
    parts.contents.remove("records/1.json");
    let again = parts.entries[0].clone();
    parts.entries.push(again);
    let report = check_bundle(&parts, None);
    assert!(report.failures.contains(&BundleFailure::ListedEntryMissing { path: "records/1.json".into() }));
    assert!(report.failures.contains(&BundleFailure::DuplicateEntry { path: "records/0.json".into(), count: 2 }));
    assert_eq!(report.item(1).unwrap().failures, [ItemFailure::RecordMissing { path: "records/1.json".into() }]);
}

#[test]
fn without_a_manifest_nothing_else_is_claimed() {
    let report = check_bundle(&BundleParts::default(), None);
    assert_eq!(report.failures, [BundleFailure::MissingEntry { path: MANIFEST_PATH.into() }]);
    assert!(!report.is_ok());
    assert!(report.to_string().contains("FAILED  manifest.json: missing from the bundle"));
}

#[test]
fn small_entries_are_the_ones_the_checks_read() {
    for path in ["manifest.json", "manifest.sig", "tree-head.json", "instance-public-key.txt", "records/12.json"] {
        assert!(is_small_entry(path), "{path}");
    }
    for path in ["summary.html", "files/1/a.json", "records/1/x.json", "records/1.txt"] {
        assert!(!is_small_entry(path), "{path}");
    }
}

#[test]
fn what_the_bundle_says_is_printed_without_its_control_bytes() {
    let report = BundleReport {
        case: Some(BundleCase { id: 7, reference: "\u{1b}]0;owned\u{7}VIG-7".into(), language: BundleLanguage::Fr }),
        failures: vec![BundleFailure::UnlistedEntry { path: "files/1/\u{1b}[2J.png".into() }],
        ..BundleReport::default()
    };
    let text = report.to_string();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("\\u{1b}]0;owned\\u{7}VIG-7") && text.contains("files/1/\\u{1b}[2J.png"), "{text}");
}
