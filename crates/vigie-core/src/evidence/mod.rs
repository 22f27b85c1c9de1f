//! The evidence vault's formats: the records that the tamper-evident log commits to,
//! their canonical bytes, and signed tree heads. Pure: no storage, no clock.
//!
//! Every log leaf is `SHA-256(0x00 ‖ canonical JSON of a [`LeafRecord`])`. Each record
//! carries a random 32-byte nonce that is stored only sealed to the case's organization,
//! so the public log (leaf hashes, nodes, tree heads) reveals nothing about what it
//! holds, while an exported bundle, which includes record and nonce, lets anyone
//! recompute the leaf and check its inclusion offline.

mod bundle;
mod canonical;
mod record;
mod tree_head;
mod witness;

pub use bundle::{
    BUNDLE_FORMAT, BundleCase, BundleFailure, BundleLanguage, BundleParts, BundleReport, Content, EntryDigest,
    ItemFailure, ItemKind, ItemVerdict, KeyCheck, MANIFEST_PATH, MAX_SMALL_ENTRY, Manifest, ManifestEntry,
    ManifestItem, PUBLIC_KEY_PATH, SIGNATURE_PATH, SUMMARY_PATH, TREE_HEAD_PATH, check_bundle, file_path,
    is_small_entry, key_fingerprint, printable, record_path,
};
pub use canonical::{CanonicalError, canonical_json};
pub(crate) use record::hex;
pub use record::{
    CaseActionRecord, EvidenceKind, EvidenceRecord, EvidenceSource, LeafRecord, Nonce, PostDetails, RECORD_VERSION,
    RecordError, record_time,
};
pub use tree_head::{SignedTreeHead, TreeHead, TreeHeadError, parse_hash};
pub use witness::{WitnessError, WitnessVerdict, check_witness};
