//! Evidence bundles: one tar file holding a case's records, their content, the signed
//! tree head and the proofs, that anyone can check offline years later. This module is
//! the format (the manifest) and the checks, pure: a reader (the `vigie-bundle` crate)
//! streams the archive once, hashes every entry and hands over a [`BundleParts`];
//! [`check_bundle`] says what holds and, for anything that does not, where.
//! `docs/evidence-bundle.md` describes the same format for independent verifiers.

mod report;

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::record::hex;
use super::{EvidenceKind, LeafRecord, SignedTreeHead, TreeHead, parse_hash};
use crate::merkle::{Hash, leaf_hash, verify_inclusion};

pub use report::{BundleFailure, BundleReport, Content, ItemFailure, ItemKind, ItemVerdict, KeyCheck, printable};

/// The `format` of every manifest this code writes and reads.
pub const BUNDLE_FORMAT: &str = "vigie-evidence-bundle/1";
pub const MANIFEST_PATH: &str = "manifest.json";
pub const SIGNATURE_PATH: &str = "manifest.sig";
pub const PUBLIC_KEY_PATH: &str = "instance-public-key.txt";
pub const TREE_HEAD_PATH: &str = "tree-head.json";
pub const SUMMARY_PATH: &str = "summary.html";
/// The largest small entry (manifest, signature, key, tree head, record) a reader holds
/// in memory; anything bigger is not something this code wrote.
pub const MAX_SMALL_ENTRY: u64 = 16 * 1024 * 1024;

/// Where leaf `leaf_index`'s record lives in the archive.
pub fn record_path(leaf_index: u64) -> String {
    format!("records/{leaf_index}.json")
}

/// Where the content of leaf `leaf_index` lives, under its (already sanitised) name.
pub fn file_path(leaf_index: u64, name: &str) -> String {
    format!("files/{leaf_index}/{name}")
}

/// Whether a reader must keep this entry's bytes for [`check_bundle`]; of every other
/// entry it keeps only the digest and size.
pub fn is_small_entry(path: &str) -> bool {
    matches!(path, MANIFEST_PATH | SIGNATURE_PATH | PUBLIC_KEY_PATH | TREE_HEAD_PATH)
        || path.strip_prefix("records/").is_some_and(|rest| rest.ends_with(".json") && !rest.contains('/'))
}

/// The language the case was handled in, so a reader knows what the summary is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BundleLanguage {
    Fr,
    Ar,
    En,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleCase {
    pub id: i64,
    pub reference: String,
    pub language: BundleLanguage,
}

/// One archive entry other than the manifest and its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub path: String,
    /// Lowercase hex SHA-256 of the entry's bytes.
    pub sha256: String,
    pub size: u64,
}

/// One leaf in the bundle: an evidence item or a case action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestItem {
    pub leaf_index: u64,
    /// `records/<leaf_index>.json`.
    pub record: String,
    /// `files/<leaf_index>/<name>` for files and captures whose content is included.
    pub file: Option<String>,
    /// The audit path in the tree of `tree_head.size` leaves, bottom-up, lowercase hex.
    pub inclusion_proof: Vec<String>,
}

/// `manifest.json`, signed as exact bytes by `manifest.sig`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    /// When the bundle was made (RFC 3339 UTC).
    pub created_at: String,
    /// Base64 of the instance's Ed25519 public key.
    pub instance_public_key: String,
    pub case: BundleCase,
    pub tree_head: SignedTreeHead,
    pub entries: Vec<ManifestEntry>,
    pub items: Vec<ManifestItem>,
    pub actions: Vec<ManifestItem>,
}

impl Manifest {
    /// The bytes written to `manifest.json`: indented so a person can read them; the
    /// signature covers them exactly as written, so no canonical form is needed.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest always serialises");
        bytes.push(b'\n');
        bytes
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

/// What a reader measured of one archive entry, in archive order (a path appearing
/// twice appears twice here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDigest {
    pub path: String,
    pub sha256: [u8; 32],
    pub size: u64,
}

impl EntryDigest {
    pub fn of(path: impl Into<String>, bytes: &[u8]) -> Self {
        Self { path: path.into(), sha256: Sha256::digest(bytes).into(), size: bytes.len() as u64 }
    }
}

/// Everything [`check_bundle`] needs from an archive: the digest of every entry and the
/// bytes of the small ones ([`is_small_entry`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleParts {
    pub entries: Vec<EntryDigest>,
    pub contents: BTreeMap<String, Vec<u8>>,
}

impl BundleParts {
    pub fn content(&self, path: &str) -> Option<&[u8]> {
        self.contents.get(path).map(Vec::as_slice)
    }

    /// The first entry at `path`.
    pub fn digest(&self, path: &str) -> Option<&EntryDigest> {
        self.entries.iter().find(|e| e.path == path)
    }
}

/// A short, readable name for a public key: the first 16 bytes of the SHA-256 of its 32
/// raw bytes, in groups of four hex digits. `None` if `public_b64` is not a key.
pub fn key_fingerprint(public_b64: &str) -> Option<String> {
    let raw = decode_key(public_b64)?;
    let digest = hex(&Sha256::digest(raw)[..16]);
    Some(digest.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" "))
}

fn decode_key(public_b64: &str) -> Option<[u8; 32]> {
    STANDARD.decode(public_b64.trim()).ok()?.try_into().ok()
}

/// Checks a bundle's parts. With `pinned_key` (base64, from a trusted channel) the
/// manifest must be signed by that key; without it the report shows the fingerprint of
/// the key that signed, for the reader to compare. Never stops at the first problem:
/// every failure found is reported, each naming the entry or leaf it concerns.
pub fn check_bundle(parts: &BundleParts, pinned_key: Option<&str>) -> BundleReport {
    let mut report = BundleReport::default();
    for (path, count) in count_paths(parts.entries.iter().map(|e| e.path.as_str())) {
        if count > 1 {
            report.failures.push(BundleFailure::DuplicateEntry { path: path.to_owned(), count });
        }
    }
    let Some(manifest_bytes) = parts.content(MANIFEST_PATH) else {
        report.failures.push(BundleFailure::MissingEntry { path: MANIFEST_PATH.into() });
        return report;
    };
    let manifest = match Manifest::parse(manifest_bytes) {
        Ok(m) => m,
        Err(reason) => {
            report.failures.push(BundleFailure::ManifestUnreadable { reason });
            return report;
        }
    };
    if manifest.format != BUNDLE_FORMAT {
        report.failures.push(BundleFailure::UnsupportedFormat { format: manifest.format });
        return report;
    }
    report.case = Some(manifest.case.clone());
    report.tree_head = Some(manifest.tree_head.clone());
    check_signature(parts, &manifest, manifest_bytes, pinned_key, &mut report);
    let head = check_tree_head(parts, &manifest, &mut report);
    check_entries(parts, &manifest, &mut report);
    let mut seen = BTreeSet::new();
    for (item, is_action) in manifest.items.iter().map(|i| (i, false)).chain(manifest.actions.iter().map(|a| (a, true)))
    {
        if !seen.insert(item.leaf_index) {
            report.failures.push(BundleFailure::DuplicateLeaf { leaf_index: item.leaf_index });
        }
        report.items.push(check_item(parts, &manifest, head.as_ref(), item, is_action));
    }
    report
}

fn count_paths<'a>(paths: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for path in paths {
        *counts.entry(path).or_insert(0) += 1;
    }
    counts
}

fn check_signature(
    parts: &BundleParts,
    manifest: &Manifest,
    manifest_bytes: &[u8],
    pinned_key: Option<&str>,
    report: &mut BundleReport,
) {
    let key = &manifest.instance_public_key;
    report.key = KeyCheck { fingerprint: key_fingerprint(key), pinned: pinned_key.is_some() };
    match parts.content(SIGNATURE_PATH) {
        None => report.failures.push(BundleFailure::MissingEntry { path: SIGNATURE_PATH.into() }),
        Some(text) => match STANDARD.decode(text.strip_suffix(b"\n").unwrap_or(text)).ok() {
            Some(sig) if sig.len() == 64 => {
                if !vigie_crypto::signing::verify(key, manifest_bytes, &sig) {
                    report.failures.push(BundleFailure::SignatureInvalid);
                }
            }
            _ => report.failures.push(BundleFailure::SignatureUnreadable),
        },
    }
    if let Some(pinned) = pinned_key {
        match decode_key(pinned) {
            None => report.failures.push(BundleFailure::PinnedKeyUnreadable),
            Some(raw) if Some(raw) != decode_key(key) => report.failures.push(BundleFailure::PinnedKeyDiffers {
                bundle: report.key.fingerprint.clone().unwrap_or_else(|| "(not a key)".into()),
                pinned: key_fingerprint(pinned).unwrap_or_default(),
            }),
            Some(_) => {}
        }
    }
    match parts.content(PUBLIC_KEY_PATH) {
        None => report.failures.push(BundleFailure::MissingEntry { path: PUBLIC_KEY_PATH.into() }),
        Some(text) => {
            if text.strip_suffix(b"\n").unwrap_or(text) != key.as_bytes() {
                report.failures.push(BundleFailure::KeyFileDiffers);
            }
        }
    }
}

/// The tree head the items are checked against: the manifest's, even when its
/// signature fails (that failure is reported), so each item still says whether it is
/// included in it.
fn check_tree_head(parts: &BundleParts, manifest: &Manifest, report: &mut BundleReport) -> Option<TreeHead> {
    match parts.content(TREE_HEAD_PATH) {
        None => report.failures.push(BundleFailure::MissingEntry { path: TREE_HEAD_PATH.into() }),
        Some(bytes) => match serde_json::from_slice::<SignedTreeHead>(bytes) {
            Err(e) => report.failures.push(BundleFailure::TreeHeadFileUnreadable { reason: e.to_string() }),
            Ok(head) if head != manifest.tree_head => report.failures.push(BundleFailure::TreeHeadFileDiffers),
            Ok(_) => {}
        },
    }
    match manifest.tree_head.verify(&manifest.instance_public_key) {
        Ok(head) => Some(head),
        Err(error) => {
            report.failures.push(BundleFailure::TreeHeadInvalid(error));
            manifest.tree_head.head().ok()
        }
    }
}

fn check_entries(parts: &BundleParts, manifest: &Manifest, report: &mut BundleReport) {
    for (path, _) in count_paths(manifest.entries.iter().map(|e| e.path.as_str())).into_iter().filter(|(_, n)| *n > 1) {
        report.failures.push(BundleFailure::DuplicateListing { path: path.to_owned() });
    }
    for listed in &manifest.entries {
        let Some(found) = parts.digest(&listed.path) else {
            report.failures.push(BundleFailure::ListedEntryMissing { path: listed.path.clone() });
            continue;
        };
        if found.size != listed.size {
            report.failures.push(BundleFailure::EntrySizeDiffers {
                path: listed.path.clone(),
                listed: listed.size,
                actual: found.size,
            });
        }
        let actual = hex(&found.sha256);
        if actual != listed.sha256 {
            report.failures.push(BundleFailure::EntryDigestDiffers {
                path: listed.path.clone(),
                listed: listed.sha256.clone(),
                actual,
            });
        }
    }
    let listed: BTreeSet<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
    let mut reported = BTreeSet::new();
    for entry in &parts.entries {
        let path = entry.path.as_str();
        if path != MANIFEST_PATH && path != SIGNATURE_PATH && !listed.contains(path) && reported.insert(path) {
            report.failures.push(BundleFailure::UnlistedEntry { path: path.to_owned() });
        }
    }
}

fn check_item(
    parts: &BundleParts,
    manifest: &Manifest,
    head: Option<&TreeHead>,
    item: &ManifestItem,
    is_action: bool,
) -> ItemVerdict {
    let index = item.leaf_index;
    let mut verdict = ItemVerdict::new(index, if is_action { ItemKind::Action } else { ItemKind::Unknown });
    let expected = record_path(index);
    if item.record != expected {
        verdict.failures.push(ItemFailure::RecordPath { listed: item.record.clone(), expected });
    }
    let Some(bytes) = parts.content(&item.record) else {
        verdict.failures.push(ItemFailure::RecordMissing { path: item.record.clone() });
        return verdict;
    };
    let record = match LeafRecord::from_canonical(bytes) {
        Ok(record) => record,
        Err(error) => {
            verdict
                .failures
                .push(ItemFailure::RecordUnreadable { path: item.record.clone(), reason: error.to_string() });
            return verdict;
        }
    };
    if record.case() != manifest.case.id {
        verdict.failures.push(ItemFailure::WrongCase { record: record.case(), bundle: manifest.case.id });
    }
    check_inclusion(bytes, item, head, &mut verdict);
    match (&record, is_action) {
        (LeafRecord::CaseAction(action), true) => {
            verdict.label = action.action.clone();
            if let Some(path) = &item.file {
                verdict.failures.push(ItemFailure::UnexpectedFile { path: path.clone() });
            }
        }
        (LeafRecord::Evidence(evidence), false) => {
            verdict.kind = ItemKind::Evidence(evidence.kind);
            verdict.sha256 = Some(evidence.sha256.clone());
            check_content(parts, evidence, item, &mut verdict);
        }
        (LeafRecord::CaseAction(_), false) => verdict.failures.push(ItemFailure::ActionAmongItems),
        (LeafRecord::Evidence(_), true) => verdict.failures.push(ItemFailure::ItemAmongActions),
    }
    verdict
}

fn check_inclusion(record_bytes: &[u8], item: &ManifestItem, head: Option<&TreeHead>, verdict: &mut ItemVerdict) {
    let mut proof = Vec::with_capacity(item.inclusion_proof.len());
    for (position, text) in item.inclusion_proof.iter().enumerate() {
        match parse_hash(text) {
            Some(hash) => proof.push(hash),
            None => {
                verdict.failures.push(ItemFailure::ProofHashMalformed { position });
                return;
            }
        }
    }
    // Without a well-formed tree head (reported for the bundle) there is nothing to prove against.
    if let Some(head) = head {
        let leaf: Hash = leaf_hash(record_bytes);
        if let Err(error) = verify_inclusion(&leaf, item.leaf_index, head.size, &proof, &head.root) {
            verdict.failures.push(ItemFailure::NotIncluded(error));
        }
    }
}

fn check_content(parts: &BundleParts, evidence: &super::EvidenceRecord, item: &ManifestItem, v: &mut ItemVerdict) {
    match evidence.kind {
        EvidenceKind::Post => {
            v.label =
                evidence.post.as_ref().map(|p| p.url.clone()).or_else(|| evidence.url.clone()).unwrap_or_default();
            if let Some(path) = &item.file {
                v.failures.push(ItemFailure::UnexpectedFile { path: path.clone() });
            }
            let Some(post) = &evidence.post else {
                v.failures.push(ItemFailure::PostWithoutText);
                return;
            };
            v.content = Content::PostText;
            let text = post.text.as_bytes();
            if text.len() as u64 != evidence.size {
                v.failures.push(ItemFailure::ContentSize { record: evidence.size, actual: text.len() as u64 });
            }
            if hex(&Sha256::digest(text)) != evidence.sha256 {
                v.failures.push(ItemFailure::PostTextDigest);
            }
        }
        EvidenceKind::File | EvidenceKind::Capture => {
            v.label = evidence.file_name.clone().unwrap_or_default();
            let Some(path) = &item.file else {
                v.content = Content::NotIncluded;
                return;
            };
            let prefix = format!("files/{}/", item.leaf_index);
            match path.strip_prefix(&prefix) {
                Some(name) if !name.is_empty() && !name.contains('/') => {
                    if v.label.is_empty() {
                        v.label = name.to_owned();
                    }
                }
                _ => v.failures.push(ItemFailure::FilePath { path: path.clone() }),
            }
            let Some(found) = parts.digest(path) else {
                v.failures.push(ItemFailure::FileMissing { path: path.clone() });
                return;
            };
            v.content = Content::File { path: path.clone() };
            if found.size != evidence.size {
                v.failures.push(ItemFailure::ContentSize { record: evidence.size, actual: found.size });
            }
            if hex(&found.sha256) != evidence.sha256 {
                v.failures.push(ItemFailure::ContentDigest { path: path.clone() });
            }
        }
    }
}

#[cfg(test)]
mod tests;
