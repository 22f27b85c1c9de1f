use std::io;

use vigie_core::evidence::{RecordError, TreeHeadError, printable};
use vigie_core::merkle::MerkleError;

/// Why a bundle could not be written or read. A bundle that reads but does not verify
/// is not an error: its [`BundleReport`](vigie_core::evidence::BundleReport) says why.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("cannot open the bundle: {0}")]
    Open(#[source] io::Error),
    /// The tar crate's message may quote the archive's bytes (an entry's name, a header
    /// field): shown escaped, and not as a source, which would show it again as it is.
    #[error("the bundle is not a readable tar archive: {}", printable(&.0.to_string()))]
    Archive(io::Error),
    #[error("archive entry {path:?} is a {kind}, not a regular file")]
    NotRegular { path: String, kind: String },
    #[error("archive entry name {path:?} is not a safe relative path")]
    UnsafePath { path: String },
    #[error("archive entry {path:?} is {size} bytes, more than the {limit} bytes such an entry may hold")]
    TooLarge { path: String, size: u64, limit: u64 },

    #[error("cannot write the bundle: {0}")]
    Write(#[source] io::Error),
    #[error("the tree head does not verify with the instance's public key: {0}")]
    TreeHead(#[from] TreeHeadError),
    #[error("leaf #{leaf_index}: {source}")]
    Record { leaf_index: u64, source: RecordError },
    #[error("leaf #{leaf_index} belongs to case {record}, the bundle to case {bundle}")]
    WrongCase { leaf_index: u64, record: i64, bundle: i64 },
    #[error("leaf #{leaf_index} is a case action: add it with add_action")]
    NotEvidence { leaf_index: u64 },
    #[error("leaf #{leaf_index} is an evidence item: add it with add_record")]
    NotAction { leaf_index: u64 },
    #[error("leaf #{leaf_index} is already in the bundle")]
    DuplicateLeaf { leaf_index: u64 },
    #[error("leaf #{leaf_index}: the inclusion proof does not lead to the tree head's root: {source}")]
    Proof { leaf_index: u64, source: MerkleError },
    #[error("leaf #{leaf_index} is a post: its content is its text, not a file")]
    FileForPost { leaf_index: u64 },
    #[error("leaf #{leaf_index}: the file is said to have {given} bytes, the record says {record}")]
    FileSize { leaf_index: u64, given: u64, record: u64 },
    #[error("leaf #{leaf_index}: the file ended after {actual} of {expected} bytes; the output is not a valid bundle")]
    FileShort { leaf_index: u64, expected: u64, actual: u64 },
    #[error("leaf #{leaf_index}: the file's sha256 differs from the record; the output is not a valid bundle")]
    FileDigest { leaf_index: u64 },
    #[error("the signing key is not the instance public key the bundle names")]
    KeyMismatch,
}
