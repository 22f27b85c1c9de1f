//! The writer refuses to produce a bundle that would not verify; the reader refuses
//! archives that are dangerous to handle.

mod support;

use std::io::{self, Read};

use support::*;
use vigie_bundle::{BundleError, BundleWriter, read_bundle, read_bundle_from, verify_bundle};
use vigie_core::Timestamp;
use vigie_core::evidence::{LeafRecord, MAX_SMALL_ENTRY};
use vigie_core::merkle::{Hash, MemoryTree};
use vigie_crypto::signing::InstanceKey;

fn writer(fixture: &Fixture) -> BundleWriter<Vec<u8>> {
    let key = fixture.key.public_base64();
    BundleWriter::new(Vec::new(), Fixture::case(), fixture.tree_head.clone(), &key, Timestamp(1_790_001_000)).unwrap()
}

fn leaf(fixture: &Fixture, index: u64) -> (&[u8], Vec<Hash>) {
    let leaf = &fixture.leaves[index as usize];
    (&leaf.bytes, fixture.tree.inclusion_proof(index, fixture.tree.len()).unwrap())
}

#[test]
fn records_the_tree_head_does_not_prove_are_refused() {
    let fixture = Fixture::new();
    let mut w = writer(&fixture);
    let (bytes, proof) = leaf(&fixture, ACTION_LEAVES[0]);
    let err = w.add_action(ACTION_LEAVES[1], bytes, &proof).unwrap_err();
    assert!(matches!(err, BundleError::Proof { leaf_index: 6, .. }), "{err}");
    let (other, proof) = leaf(&fixture, 0);
    let err = w.add_action(0, other, &proof).unwrap_err();
    assert!(matches!(err, BundleError::WrongCase { leaf_index: 0, record: 99, bundle: 42 }), "{err}");
    let (bytes, proof) = leaf(&fixture, ACTION_LEAVES[0]);
    w.add_action(ACTION_LEAVES[0], bytes, &proof).unwrap();
    let err = w.add_action(ACTION_LEAVES[0], bytes, &proof).unwrap_err();
    assert!(matches!(err, BundleError::DuplicateLeaf { leaf_index: 5 }), "{err}");
    let mut spaced = bytes.to_vec();
    spaced.push(b' ');
    assert!(matches!(w.add_action(7, &spaced, &proof), Err(BundleError::Record { leaf_index: 7, .. })));
}

#[test]
fn items_and_actions_go_through_their_own_door() {
    let fixture = Fixture::new();
    let mut w = writer(&fixture);
    let (bytes, proof) = leaf(&fixture, POST_LEAF);
    assert!(matches!(w.add_action(POST_LEAF, bytes, &proof), Err(BundleError::NotAction { leaf_index: 4 })));
    let (bytes, proof) = leaf(&fixture, ACTION_LEAVES[0]);
    assert!(matches!(w.add_record(5, bytes, &proof, None), Err(BundleError::NotEvidence { leaf_index: 5 })));
}

#[test]
fn content_that_does_not_match_its_record_is_refused() {
    let fixture = Fixture::new();
    let (bytes, proof) = leaf(&fixture, FILE_LEAF);
    let content = fixture.leaves[FILE_LEAF as usize].content.clone().unwrap().1;
    let size = content.len() as u64;

    let mut w = writer(&fixture);
    let err = w.add_record(FILE_LEAF, bytes, &proof, Some(("a.png", size + 1, &mut &content[..]))).unwrap_err();
    assert!(matches!(err, BundleError::FileSize { leaf_index: 1, .. }), "{err}");

    let mut w = writer(&fixture);
    let mut altered = content.clone();
    altered[0] ^= 1;
    let err = w.add_record(FILE_LEAF, bytes, &proof, Some(("a.png", size, &mut &altered[..]))).unwrap_err();
    assert!(matches!(err, BundleError::FileDigest { leaf_index: 1 }), "{err}");

    let mut w = writer(&fixture);
    let err = w.add_record(FILE_LEAF, bytes, &proof, Some(("a.png", size, &mut &content[..10]))).unwrap_err();
    assert!(matches!(err, BundleError::FileShort { leaf_index: 1, actual: 10, .. }), "{err}");

    let mut w = writer(&fixture);
    let (post, proof) = leaf(&fixture, POST_LEAF);
    let err = w.add_record(POST_LEAF, post, &proof, Some(("p.txt", 0, &mut io::empty()))).unwrap_err();
    assert!(matches!(err, BundleError::FileForPost { leaf_index: 4 }), "{err}");
}

#[test]
fn a_tree_head_or_signing_key_that_is_not_the_instances_is_refused() {
    let fixture = Fixture::new();
    let stranger = InstanceKey::generate();
    let err = BundleWriter::new(
        Vec::new(),
        Fixture::case(),
        fixture.tree_head.clone(),
        &stranger.public_base64(),
        Timestamp(0),
    )
    .err()
    .unwrap();
    assert!(matches!(err, BundleError::TreeHead(_)), "{err}");
    assert!(matches!(writer(&fixture).finish(&stranger), Err(BundleError::KeyMismatch)));
}

#[test]
fn a_file_item_without_its_content_verifies_as_record_only() {
    let fixture = Fixture::new();
    let mut w = writer(&fixture);
    let (bytes, proof) = leaf(&fixture, FILE_LEAF);
    w.add_record(FILE_LEAF, bytes, &proof, None).unwrap();
    let tar = w.finish(&fixture.key).unwrap();
    let report = vigie_core::evidence::check_bundle(&read_bundle_from(&tar[..]).unwrap(), None);
    assert!(report.is_ok(), "{report}");
    assert!(report.to_string().contains("(content not in the bundle: only the record is proved)"), "{report}");
}

/// A reader of `len` bytes that never holds them all.
struct Pattern {
    left: u64,
    state: u32,
}

impl Read for Pattern {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        for b in &mut buf[..n] {
            self.state = self.state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            *b = (self.state >> 16) as u8;
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[test]
fn a_large_file_is_streamed_through() {
    use sha2::{Digest, Sha256};
    let len = 24 * 1024 * 1024 + 7;
    let mut hasher = Sha256::new();
    io::copy(&mut Pattern { left: len, state: 1 }, &mut hasher).unwrap();
    let sha256: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let LeafRecord::Evidence(mut record) = fixture_file_record() else { unreachable!() };
    record.sha256 = sha256;
    record.size = len;
    let bytes = LeafRecord::Evidence(record).canonical().unwrap();
    let mut tree = MemoryTree::new();
    tree.append(&bytes).unwrap();
    let key = InstanceKey::generate();
    let head = sign_head(&key, &tree, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.tar");
    let file = std::fs::File::create(&path).unwrap();
    let mut w = BundleWriter::new(file, Fixture::case(), head, &key.public_base64(), Timestamp(0)).unwrap();
    let mut content = Pattern { left: len, state: 1 };
    w.add_record(0, &bytes, &[], Some(("recording.mp4", len, &mut content))).unwrap();
    w.finish(&key).unwrap();
    let report = verify_bundle(&path, Some(&key.public_base64())).unwrap();
    assert!(report.is_ok(), "{report}");
}

fn fixture_file_record() -> LeafRecord {
    Fixture::new().leaves.swap_remove(FILE_LEAF as usize).record
}

fn raw_entry(path: &str, kind: tar::EntryType, data: &[u8]) -> Vec<u8> {
    let mut header = tar::Header::new_ustar();
    header.as_mut_bytes()[..path.len()].copy_from_slice(path.as_bytes());
    header.set_size(data.len() as u64);
    header.set_entry_type(kind);
    header.set_mode(0o644);
    header.set_cksum();
    let mut builder = tar::Builder::new(Vec::new());
    builder.append(&header, data).unwrap();
    builder.into_inner().unwrap()
}

#[test]
fn links_and_escaping_paths_are_refused() {
    let link = raw_entry("records/1.json", tar::EntryType::Symlink, b"");
    assert!(matches!(read_bundle_from(&link[..]), Err(BundleError::NotRegular { .. })));
    let dir = raw_entry("files/", tar::EntryType::Directory, b"");
    assert!(matches!(read_bundle_from(&dir[..]), Err(BundleError::NotRegular { .. })));
    for path in ["/etc/passwd", "../outside", "files/../../x"] {
        let tar = raw_entry(path, tar::EntryType::Regular, b"x");
        assert!(matches!(read_bundle_from(&tar[..]), Err(BundleError::UnsafePath { .. })), "{path}");
    }
}

#[test]
fn an_absurdly_large_record_is_refused_before_it_is_read() {
    let big = vec![b' '; MAX_SMALL_ENTRY as usize + 1];
    let tar = raw_entry("records/1.json", tar::EntryType::Regular, &big);
    let err = read_bundle_from(&tar[..]).unwrap_err();
    assert!(matches!(err, BundleError::TooLarge { .. }), "{err}");
    // A large content file is fine: it is only hashed.
    let tar = raw_entry("files/1/big.bin", tar::EntryType::Regular, &big);
    assert_eq!(read_bundle_from(&tar[..]).unwrap().entries[0].size, MAX_SMALL_ENTRY + 1);
}

#[test]
fn what_is_not_a_tar_archive_is_an_error_not_a_report() {
    let fixture = Fixture::new();
    let path = fixture.path("junk.tar");
    std::fs::write(&path, vec![b'x'; 2048]).unwrap();
    assert!(matches!(read_bundle(&path), Err(BundleError::Archive(_))));
    assert!(matches!(read_bundle(fixture.path("absent.tar")), Err(BundleError::Open(_))));
}
