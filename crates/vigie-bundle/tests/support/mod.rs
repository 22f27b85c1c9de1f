//! A log of two cases, a bundle of one of them, and tools to tamper with archives.
#![allow(dead_code, reason = "each test file uses part of the fixture")]

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use vigie_bundle::BundleWriter;
use vigie_core::Timestamp;
use vigie_core::evidence::{
    BundleCase, BundleLanguage, CaseActionRecord, EvidenceKind, EvidenceRecord, EvidenceSource, LeafRecord,
    MANIFEST_PATH, Manifest, Nonce, PostDetails, RECORD_VERSION, SIGNATURE_PATH, SignedTreeHead, TreeHead,
};
use vigie_core::merkle::MemoryTree;
use vigie_crypto::signing::InstanceKey;

pub const CASE: i64 = 42;
pub const OTHER_CASE: i64 = 99;

/// The leaves of the bundled case, by role.
pub const FILE_LEAF: u64 = 1;
pub const CAPTURE_LEAF: u64 = 3;
pub const POST_LEAF: u64 = 4;
pub const ACTION_LEAVES: [u64; 2] = [5, 6];
pub const VIDEO_LEAF: u64 = 8;

pub struct Leaf {
    pub index: u64,
    pub record: LeafRecord,
    pub bytes: Vec<u8>,
    /// `(name as uploaded, content)` for files and captures.
    pub content: Option<(String, Vec<u8>)>,
}

pub struct Fixture {
    pub key: InstanceKey,
    pub tree: MemoryTree,
    pub leaves: Vec<Leaf>,
    pub tree_head: SignedTreeHead,
    pub dir: tempfile::TempDir,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn evidence(case: i64, kind: EvidenceKind, content: &[u8], name: Option<&str>) -> EvidenceRecord {
    EvidenceRecord {
        version: RECORD_VERSION,
        kind,
        case,
        sha256: hex(&Sha256::digest(content)),
        size: content.len() as u64,
        media_type: "application/octet-stream".into(),
        file_name: name.map(str::to_owned),
        captured_at: Timestamp(1_790_000_000).rfc3339(),
        source: EvidenceSource::CasePage,
        added_by: "awa".into(),
        url: None,
        final_url: None,
        post: None,
        nonce: Nonce::random().to_hex(),
    }
}

fn post(case: i64, text: &str) -> LeafRecord {
    let mut record = evidence(case, EvidenceKind::Post, text.as_bytes(), None);
    record.url = Some("https://social.example/p/1".into());
    record.post = Some(PostDetails {
        platform: "social".into(),
        url: "https://social.example/p/1".into(),
        author: "@harasser".into(),
        posted_at: Some("2026-09-01T10:00:00Z".into()),
        text: text.into(),
    });
    LeafRecord::Evidence(record)
}

fn action(case: i64, code: &str) -> LeafRecord {
    LeafRecord::CaseAction(CaseActionRecord {
        version: RECORD_VERSION,
        case,
        action: code.into(),
        detail: "détail".into(),
        actor: Some("awa".into()),
        at: Timestamp(1_790_000_500).rfc3339(),
        nonce: Nonce::random().to_hex(),
    })
}

/// A record and, for files and captures, `(name as uploaded, content)`.
type Logged = (LeafRecord, Option<(String, Vec<u8>)>);

fn with_file(case: i64, kind: EvidenceKind, name: &str, content: Vec<u8>) -> Logged {
    let record = LeafRecord::Evidence(evidence(case, kind, &content, Some(name)));
    (record, Some((name.to_owned(), content)))
}

impl Fixture {
    /// Ten leaves: the bundled case's file, capture, post, two actions and a video whose
    /// name tries to escape, among leaves of another case.
    pub fn new() -> Self {
        let screenshot: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        let warc = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
        let video: Vec<u8> = (0..70_000u32).map(|i| (i % 13) as u8).collect();
        let leaves: Vec<Logged> = vec![
            (action(OTHER_CASE, "case_opened"), None),
            with_file(CASE, EvidenceKind::File, "capture.png", screenshot),
            with_file(OTHER_CASE, EvidenceKind::File, "other.png", b"not ours".to_vec()),
            with_file(CASE, EvidenceKind::Capture, "page.warc", warc),
            (post(CASE, "تهديد: we know where you live"), None),
            (action(CASE, "status_changed"), None),
            (action(CASE, "files_added"), None),
            (post(OTHER_CASE, "other"), None),
            with_file(CASE, EvidenceKind::File, "../../secret/vidéo\n.mp4", video),
            (action(OTHER_CASE, "status_changed"), None),
        ];
        let mut tree = MemoryTree::new();
        let leaves: Vec<Leaf> = leaves
            .into_iter()
            .map(|(record, content)| {
                let bytes = record.canonical().unwrap();
                let index = tree.append(&bytes).unwrap();
                Leaf { index, record, bytes, content }
            })
            .collect();
        let key = InstanceKey::generate();
        let tree_head = sign_head(&key, &tree, tree.len());
        Self { key, tree, leaves, tree_head, dir: tempfile::tempdir().unwrap() }
    }

    pub fn case() -> BundleCase {
        BundleCase { id: CASE, reference: "VG-2026-0042".into(), language: BundleLanguage::Fr }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes the bundle of [`CASE`] and returns its path.
    pub fn write_bundle(&self) -> PathBuf {
        let path = self.path("bundle.tar");
        let file = std::fs::File::create(&path).unwrap();
        let mut writer = BundleWriter::new(
            file,
            Self::case(),
            self.tree_head.clone(),
            &self.key.public_base64(),
            Timestamp(1_790_001_000),
        )
        .unwrap();
        let size = self.tree.len();
        for leaf in self.leaves.iter().filter(|l| l.record.case() == CASE) {
            let proof = self.tree.inclusion_proof(leaf.index, size).unwrap();
            match (&leaf.record, &leaf.content) {
                (LeafRecord::CaseAction(_), _) => writer.add_action(leaf.index, &leaf.bytes, &proof).unwrap(),
                (LeafRecord::Evidence(_), None) => writer.add_record(leaf.index, &leaf.bytes, &proof, None).unwrap(),
                (LeafRecord::Evidence(_), Some((name, content))) => {
                    let file = (name.as_str(), content.len() as u64, &mut &content[..] as &mut dyn std::io::Read);
                    writer.add_record(leaf.index, &leaf.bytes, &proof, Some(file)).unwrap();
                }
            }
        }
        writer.set_summary_html(b"<!doctype html><title>Dossier VG-2026-0042</title><p>Preuves</p>\n".to_vec());
        writer.finish(&self.key).unwrap().flush().unwrap();
        path
    }
}

pub fn sign_head(key: &InstanceKey, tree: &MemoryTree, size: u64) -> SignedTreeHead {
    let head = TreeHead { size, root: tree.root(size).unwrap(), timestamp: Timestamp(1_790_000_900) };
    SignedTreeHead::new(&head, &key.sign(&head.message()))
}

/// Each entry's path, the offset of its data in the archive file, and its size.
pub fn entry_offsets(path: &Path) -> Vec<(String, u64, u64)> {
    let mut archive = tar::Archive::new(std::fs::File::open(path).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.path().unwrap().to_string_lossy().into_owned(), e.raw_file_position(), e.size())
        })
        .collect()
}

/// Every entry's path and bytes, in order.
pub fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = tar::Archive::new(std::fs::File::open(path).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
            (e.path().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// A tar archive of `entries`, as bytes.
pub fn archive(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (path, bytes) in entries {
        let mut header = tar::Header::new_ustar();
        header.set_path(path).unwrap();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append(&header, &bytes[..]).unwrap();
    }
    builder.into_inner().unwrap()
}

/// Rewrites the bundle at `from` into `to` with the manifest changed by `change` and
/// signed again by `key` (who may be a forger).
pub fn resign(from: &Path, to: &Path, key: &InstanceKey, change: impl FnOnce(&mut Manifest)) {
    let mut entries = entries(from);
    let manifest_at = entries.iter().position(|(p, _)| p == MANIFEST_PATH).unwrap();
    let mut manifest = Manifest::parse(&entries[manifest_at].1).unwrap();
    change(&mut manifest);
    let bytes = manifest.to_json();
    let signature = format!("{}\n", STANDARD.encode(key.sign(&bytes)));
    entries[manifest_at].1 = bytes;
    let signature_at = entries.iter().position(|(p, _)| p == SIGNATURE_PATH).unwrap();
    entries[signature_at].1 = signature.into_bytes();
    std::fs::write(to, archive(&entries)).unwrap();
}
