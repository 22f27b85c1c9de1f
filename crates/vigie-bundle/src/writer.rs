//! Writing a bundle in one pass: records and files go into the archive as they are
//! added (a video is streamed, never held in memory), their digests are noted for the
//! manifest, and `finish` appends the tree head, the key, the summary, the manifest and
//! its signature.

use std::collections::BTreeSet;
use std::io::{self, Read, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use tar::{EntryType, Header};
use vigie_core::Timestamp;
use vigie_core::evidence::{
    BUNDLE_FORMAT, BundleCase, EvidenceKind, LeafRecord, MANIFEST_PATH, Manifest, ManifestEntry, ManifestItem,
    PUBLIC_KEY_PATH, SIGNATURE_PATH, SUMMARY_PATH, SignedTreeHead, TREE_HEAD_PATH, TreeHead, file_path, record_path,
};
use vigie_core::merkle::{Hash, leaf_hash, verify_inclusion};
use vigie_crypto::signing::InstanceKey;

use crate::{BundleError, sanitise_file_name};

/// Writes one bundle to `W`. Every record is checked before it is written (canonical,
/// of the bundle's case, proved by its inclusion proof against the tree head), so a
/// bundle this writer finishes verifies. After any error the output is not a valid
/// bundle and must be discarded.
pub struct BundleWriter<W: Write> {
    tar: tar::Builder<W>,
    case: BundleCase,
    tree_head: SignedTreeHead,
    head: TreeHead,
    public_key: String,
    created_at: Timestamp,
    entries: Vec<ManifestEntry>,
    items: Vec<ManifestItem>,
    actions: Vec<ManifestItem>,
    leaves: BTreeSet<u64>,
    summary: Option<Vec<u8>>,
}

impl<W: Write> BundleWriter<W> {
    /// Starts a bundle for `case` proved against `tree_head`, which must verify with
    /// `instance_public_key` (base64). `created_at` is written in the manifest and as
    /// every entry's modification time.
    pub fn new(
        writer: W,
        case: BundleCase,
        tree_head: SignedTreeHead,
        instance_public_key: &str,
        created_at: Timestamp,
    ) -> Result<Self, BundleError> {
        let head = tree_head.verify(instance_public_key)?;
        Ok(Self {
            tar: tar::Builder::new(writer),
            case,
            tree_head,
            head,
            public_key: instance_public_key.to_owned(),
            created_at,
            entries: Vec::new(),
            items: Vec::new(),
            actions: Vec::new(),
            leaves: BTreeSet::new(),
            summary: None,
        })
    }

    /// Adds an evidence item: its canonical record bytes, its inclusion proof in the tree
    /// head's tree and, for a file or capture, its content `(name, size, reader)`,
    /// streamed into the archive under a sanitised name. A post has no file: its content
    /// is its text, inside the record.
    pub fn add_record(
        &mut self,
        leaf_index: u64,
        record: &[u8],
        proof: &[Hash],
        file: Option<(&str, u64, &mut dyn Read)>,
    ) -> Result<(), BundleError> {
        let LeafRecord::Evidence(evidence) = self.check_leaf(leaf_index, record, proof)? else {
            return Err(BundleError::NotEvidence { leaf_index });
        };
        if let Some((_, given, _)) = &file {
            if evidence.kind == EvidenceKind::Post {
                return Err(BundleError::FileForPost { leaf_index });
            }
            if *given != evidence.size {
                return Err(BundleError::FileSize { leaf_index, given: *given, record: evidence.size });
            }
        }
        self.leaves.insert(leaf_index);
        let record_at = record_path(leaf_index);
        self.append(&record_at, record.len() as u64, &mut &record[..])?;
        let file = match file {
            None => None,
            Some((name, size, content)) => {
                let path = file_path(leaf_index, &sanitise_file_name(name));
                let (digest, written) = self.append(&path, size, content)?;
                if written != size {
                    return Err(BundleError::FileShort { leaf_index, expected: size, actual: written });
                }
                if hex(&digest) != evidence.sha256 {
                    return Err(BundleError::FileDigest { leaf_index });
                }
                Some(path)
            }
        };
        self.items.push(manifest_item(leaf_index, record_at, file, proof));
        Ok(())
    }

    /// Adds a case action: its canonical record bytes and its inclusion proof.
    pub fn add_action(&mut self, leaf_index: u64, record: &[u8], proof: &[Hash]) -> Result<(), BundleError> {
        let LeafRecord::CaseAction(_) = self.check_leaf(leaf_index, record, proof)? else {
            return Err(BundleError::NotAction { leaf_index });
        };
        self.leaves.insert(leaf_index);
        let record_at = record_path(leaf_index);
        self.append(&record_at, record.len() as u64, &mut &record[..])?;
        self.actions.push(manifest_item(leaf_index, record_at, None, proof));
        Ok(())
    }

    /// The human-readable summary, written by the caller; it is listed in the manifest
    /// like every entry, so altering it is detected.
    pub fn set_summary_html(&mut self, html: Vec<u8>) {
        self.summary = Some(html);
    }

    /// Writes the tree head, the public key, the summary, then the manifest and its
    /// signature by `key`, which must be the instance key named in [`new`](Self::new).
    /// Returns the writer, for the caller to flush or sync.
    pub fn finish(mut self, key: &InstanceKey) -> Result<W, BundleError> {
        if key.public_base64() != self.public_key {
            return Err(BundleError::KeyMismatch);
        }
        let mut tree_head = serde_json::to_vec_pretty(&self.tree_head).expect("a tree head always serialises");
        tree_head.push(b'\n');
        self.append_bytes(TREE_HEAD_PATH, &tree_head)?;
        let public_key = format!("{}\n", self.public_key);
        self.append_bytes(PUBLIC_KEY_PATH, public_key.as_bytes())?;
        if let Some(summary) = self.summary.take() {
            self.append_bytes(SUMMARY_PATH, &summary)?;
        }
        let manifest = Manifest {
            format: BUNDLE_FORMAT.to_owned(),
            created_at: self.created_at.rfc3339(),
            instance_public_key: self.public_key.clone(),
            case: self.case.clone(),
            tree_head: self.tree_head.clone(),
            entries: std::mem::take(&mut self.entries),
            items: std::mem::take(&mut self.items),
            actions: std::mem::take(&mut self.actions),
        };
        let manifest = manifest.to_json();
        let signature = format!("{}\n", STANDARD.encode(key.sign(&manifest)));
        self.append(MANIFEST_PATH, manifest.len() as u64, &mut &manifest[..])?;
        self.append(SIGNATURE_PATH, signature.len() as u64, &mut signature.as_bytes())?;
        self.tar.into_inner().map_err(BundleError::Write)
    }

    fn check_leaf(&self, leaf_index: u64, record: &[u8], proof: &[Hash]) -> Result<LeafRecord, BundleError> {
        if self.leaves.contains(&leaf_index) {
            return Err(BundleError::DuplicateLeaf { leaf_index });
        }
        let parsed = LeafRecord::from_canonical(record).map_err(|source| BundleError::Record { leaf_index, source })?;
        if parsed.case() != self.case.id {
            return Err(BundleError::WrongCase { leaf_index, record: parsed.case(), bundle: self.case.id });
        }
        verify_inclusion(&leaf_hash(record), leaf_index, self.head.size, proof, &self.head.root)
            .map_err(|source| BundleError::Proof { leaf_index, source })?;
        Ok(parsed)
    }

    fn append_bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), BundleError> {
        self.append(path, bytes.len() as u64, &mut &bytes[..]).map(|_| ())
    }

    /// Appends one regular entry of `size` bytes read from `data`, noting its digest for
    /// the manifest unless it is the manifest or its signature. Returns the digest and
    /// how many bytes `data` actually gave (fewer than `size` corrupts the archive).
    fn append(&mut self, path: &str, size: u64, data: &mut dyn Read) -> Result<([u8; 32], u64), BundleError> {
        let mut header = Header::new_ustar();
        header.set_path(path).map_err(BundleError::Write)?;
        header.set_size(size);
        header.set_entry_type(EntryType::Regular);
        header.set_mode(0o644);
        header.set_uid(0);
        header.set_gid(0);
        header.set_mtime(u64::try_from(self.created_at.0).unwrap_or(0));
        header.set_cksum();
        let mut hashing = HashingReader { inner: data.take(size), hasher: Sha256::new(), count: 0 };
        self.tar.append(&header, &mut hashing).map_err(BundleError::Write)?;
        let digest: [u8; 32] = hashing.hasher.finalize().into();
        if path != MANIFEST_PATH && path != SIGNATURE_PATH {
            self.entries.push(ManifestEntry { path: path.to_owned(), sha256: hex(&digest), size: hashing.count });
        }
        Ok((digest, hashing.count))
    }
}

fn manifest_item(leaf_index: u64, record: String, file: Option<String>, proof: &[Hash]) -> ManifestItem {
    ManifestItem { leaf_index, record, file, inclusion_proof: proof.iter().map(ToString::to_string).collect() }
}

/// Hashes what passes through it, so a file is hashed while it is copied into the archive.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
