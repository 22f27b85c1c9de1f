//! A bundle as written verifies; any change to any entry, and the usual forgeries, are
//! caught and the report says where.

mod support;

use std::io::Write;

use support::*;
use vigie_bundle::verify_bundle;
use vigie_core::evidence::{BundleFailure, Content, ItemFailure, ItemKind, key_fingerprint};
use vigie_core::merkle::MerkleError;
use vigie_crypto::signing::InstanceKey;

#[test]
fn a_written_bundle_verifies_against_the_pinned_key() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let report = verify_bundle(&path, Some(&fixture.key.public_base64())).unwrap();
    assert!(report.is_ok(), "{report}");
    let indices: Vec<u64> = report.items.iter().map(|i| i.leaf_index).collect();
    assert_eq!(indices, [FILE_LEAF, CAPTURE_LEAF, POST_LEAF, VIDEO_LEAF, ACTION_LEAVES[0], ACTION_LEAVES[1]]);
    let capture = report.item(CAPTURE_LEAF).unwrap();
    assert_eq!(capture.kind.as_str(), "capture");
    assert_eq!(capture.content, Content::File { path: "files/3/page.warc".into() });
    assert_eq!(report.item(POST_LEAF).unwrap().content, Content::PostText);
    assert_eq!(report.item(ACTION_LEAVES[1]).unwrap().kind, ItemKind::Action);
    let text = report.to_string();
    assert!(text.contains("ok      #1 file    capture.png  sha256 "), "{text}");
    assert!(text.contains("ok      #4 post    https://social.example/p/1  sha256 "), "{text}");
    assert!(text.contains("ok      #5 action  status_changed"), "{text}");
    assert!(text.contains("(compared with the pinned key)"), "{text}");
    // The uploader's name is shown as recorded, its newline escaped so it cannot forge a line.
    assert!(text.contains("ok      #8 file    ../../secret/vidéo\\n.mp4  sha256 "), "{text}");
    assert!(text.ends_with("VERIFIED: 4 evidence items and 2 case actions are intact and in the signed log"), "{text}");
}

#[test]
fn a_name_that_tries_to_escape_stays_inside_its_leaf_folder() {
    let fixture = Fixture::new();
    let paths: Vec<String> = entry_offsets(&fixture.write_bundle()).into_iter().map(|(p, _, _)| p).collect();
    assert!(paths.contains(&"files/8/_._secret_vidéo.mp4".to_owned()), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("..")), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("other")), "another case's file leaked: {paths:?}");
}

/// Flips one bit of the byte at `offset` of the file at `path` into a copy.
fn flipped(fixture: &Fixture, path: &std::path::Path, offset: u64) -> std::path::PathBuf {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[offset as usize] ^= 0x01;
    let out = fixture.path("tampered.tar");
    std::fs::write(&out, bytes).unwrap();
    out
}

#[test]
fn changing_any_byte_of_any_entry_is_detected_where_it_happened() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let entries = entry_offsets(&path);
    assert_eq!(entries.len(), 6 + 3 + 5, "six records, three files, five more entries");
    for (entry, offset, size) in entries {
        for at in [0, size / 2, size - 1] {
            let report = verify_bundle(flipped(&fixture, &path, offset + at), None).unwrap();
            assert!(!report.is_ok(), "{entry} byte {at}: {report}");
            assert!(report.names_entry(&entry), "{entry} byte {at} not named:\n{report}");
            if let Some(leaf) = entry.strip_prefix("records/").and_then(|r| r.strip_suffix(".json")) {
                let item = report.item(leaf.parse().unwrap()).unwrap();
                assert!(!item.is_ok(), "{entry}: {report}");
            }
            if let Some(leaf) = entry.strip_prefix("files/").and_then(|r| r.split('/').next()) {
                let item = report.item(leaf.parse().unwrap()).unwrap();
                assert!(item.failures.iter().any(|f| matches!(f, ItemFailure::ContentDigest { .. })), "{report}");
                assert!(report.to_string().contains(&format!("FAILED  #{leaf} ")), "{report}");
            }
        }
    }
}

#[test]
fn a_changed_file_is_reported_in_plain_words() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let (_, offset, _) = entry_offsets(&path).into_iter().find(|(p, _, _)| p == "files/1/capture.png").unwrap();
    let report = verify_bundle(flipped(&fixture, &path, offset + 10), None).unwrap();
    let text = report.to_string();
    assert!(text.contains("FAILED  files/1/capture.png: sha256 "), "{text}");
    assert!(
        text.contains("FAILED  #1 file    capture.png: content sha256 differs from the record (files/1/capture.png)"),
        "{text}"
    );
    assert!(text.contains("ok      #3 capture page.warc"), "{text}");
    assert!(text.ends_with("NOT VERIFIED: 1 problems with the bundle, 1 of 6 leaves failed"), "{text}");
}

#[test]
fn an_added_entry_is_detected_inside_the_archive_and_after_its_end() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let mut entries = entries(&path);
    entries.insert(3, ("files/1/more.png".into(), b"planted".to_vec()));
    let inside = fixture.path("inside.tar");
    std::fs::write(&inside, archive(&entries)).unwrap();
    let report = verify_bundle(&inside, None).unwrap();
    assert_eq!(report.failures, [BundleFailure::UnlistedEntry { path: "files/1/more.png".into() }]);
    assert!(report.items.iter().all(|i| i.is_ok()));

    let after = fixture.path("after.tar");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(archive(&[("notes.txt".into(), b"hidden after the end".to_vec())]));
    std::fs::File::create(&after).unwrap().write_all(&bytes).unwrap();
    let report = verify_bundle(&after, None).unwrap();
    assert_eq!(report.failures, [BundleFailure::UnlistedEntry { path: "notes.txt".into() }]);
}

#[test]
fn a_second_copy_of_an_entry_is_detected() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let mut entries = entries(&path);
    let copy = entries.iter().find(|(p, _)| p == "records/5.json").unwrap().clone();
    entries.push(copy);
    let doubled = fixture.path("doubled.tar");
    std::fs::write(&doubled, archive(&entries)).unwrap();
    let report = verify_bundle(&doubled, None).unwrap();
    assert_eq!(report.failures, [BundleFailure::DuplicateEntry { path: "records/5.json".into(), count: 2 }]);
}

#[test]
fn a_manifest_resigned_by_another_key_fails_when_pinned_and_shows_another_fingerprint() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let forger = InstanceKey::generate();
    let forged = fixture.path("forged.tar");
    // The forger hides the post and re-signs everything it can with its own key.
    resign(&path, &forged, &forger, |m| {
        m.items.retain(|i| i.leaf_index != POST_LEAF);
        m.instance_public_key = forger.public_base64();
    });
    let mut entries = entries(&forged);
    for (p, bytes) in &mut entries {
        if p == "instance-public-key.txt" {
            *bytes = format!("{}\n", forger.public_base64()).into_bytes();
        }
    }
    std::fs::write(&forged, archive(&entries)).unwrap();

    let pinned = verify_bundle(&forged, Some(&fixture.key.public_base64())).unwrap();
    assert!(!pinned.is_ok());
    assert!(pinned.failures.iter().any(|f| matches!(f, BundleFailure::PinnedKeyDiffers { .. })), "{pinned}");
    assert!(pinned.to_string().contains("NOT by the pinned key"), "{pinned}");

    let unpinned = verify_bundle(&forged, None).unwrap();
    assert!(unpinned.item(POST_LEAF).is_none());
    let genuine = key_fingerprint(&fixture.key.public_base64()).unwrap();
    let shown = unpinned.key.fingerprint.clone().unwrap();
    assert_ne!(shown, genuine);
    assert_eq!(Some(shown.clone()), key_fingerprint(&forger.public_base64()));
    assert!(unpinned.to_string().contains(&format!("signing key   {shown} (NOT pinned")), "{unpinned}");
}

#[test]
fn a_changed_proof_hash_fails_that_leaf() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let changed = fixture.path("proof.tar");
    resign(&path, &changed, &fixture.key, |m| {
        let item = m.items.iter_mut().find(|i| i.leaf_index == CAPTURE_LEAF).unwrap();
        item.inclusion_proof[1] = "00".repeat(32);
    });
    let report = verify_bundle(&changed, Some(&fixture.key.public_base64())).unwrap();
    assert!(report.failures.is_empty(), "{report}");
    let item = report.item(CAPTURE_LEAF).unwrap();
    assert_eq!(item.failures, [ItemFailure::NotIncluded(MerkleError::RootMismatch { size: 10 })]);
    assert_eq!(report.items.iter().filter(|i| !i.is_ok()).count(), 1);

    resign(&path, &changed, &fixture.key, |m| m.actions[0].inclusion_proof[0].push('0'));
    let report = verify_bundle(&changed, None).unwrap();
    assert_eq!(report.item(ACTION_LEAVES[0]).unwrap().failures, [ItemFailure::ProofHashMalformed { position: 0 }]);
}

#[test]
fn a_changed_leaf_index_fails_that_leaf() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let changed = fixture.path("index.tar");
    resign(&path, &changed, &fixture.key, |m| m.items[0].leaf_index = 2);
    let report = verify_bundle(&changed, None).unwrap();
    let item = report.item(2).unwrap();
    assert!(
        item.failures
            .contains(&ItemFailure::RecordPath { listed: "records/1.json".into(), expected: "records/2.json".into() })
    );
    assert!(item.failures.iter().any(|f| matches!(f, ItemFailure::NotIncluded(_))), "{report}");
    assert!(item.failures.iter().any(|f| matches!(f, ItemFailure::FilePath { .. })), "{report}");
    assert!(!report.is_ok());
}

#[test]
fn a_manifest_changed_without_the_key_fails_its_signature() {
    let fixture = Fixture::new();
    let path = fixture.write_bundle();
    let mut entries = entries(&path);
    let manifest = entries.iter_mut().find(|(p, _)| p == "manifest.json").unwrap();
    let text = String::from_utf8(manifest.1.clone()).unwrap().replace("VG-2026-0042", "VG-2026-0043");
    manifest.1 = text.into_bytes();
    let changed = fixture.path("changed.tar");
    std::fs::write(&changed, archive(&entries)).unwrap();
    let report = verify_bundle(&changed, None).unwrap();
    assert_eq!(report.failures, [BundleFailure::SignatureInvalid]);
}
