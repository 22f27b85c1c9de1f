//! The evidence vault's formats: the records that the tamper-evident log commits to,
//! their canonical bytes, and signed tree heads. Pure: no storage, no clock.
//!
//! Every log leaf is `SHA-256(0x00 ‖ canonical JSON of a [`LeafRecord`])`. Each record
//! carries a random 32-byte nonce that is stored only sealed to the case's organization,
//! so the public log (leaf hashes, nodes, tree heads) reveals nothing about what it
//! holds, while an exported bundle, which includes record and nonce, lets anyone
//! recompute the leaf and check its inclusion offline.

mod canonical;
mod record;
mod tree_head;

pub use canonical::{CanonicalError, canonical_json};
pub use record::{
    CaseActionRecord, EvidenceKind, EvidenceRecord, EvidenceSource, LeafRecord, Nonce, PostDetails, RECORD_VERSION,
    RecordError, record_time,
};
pub use tree_head::{SignedTreeHead, TreeHead, TreeHeadError, parse_hash};
