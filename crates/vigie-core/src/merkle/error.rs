use super::NodeId;

/// Why a proof was refused or could not be built. A verifier only needs to know that a
/// proof failed; the variants exist so that an operator reading a log line, or a person
/// checking an evidence bundle offline, can tell a malformed input from a real mismatch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MerkleError {
    #[error("a hash is {0} bytes long; SHA-256 hashes are 32")]
    HashLength(usize),
    #[error("leaf index {index} is outside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("the old tree size {old} is larger than the new tree size {new}")]
    SizesOutOfOrder { old: u64, new: u64 },
    #[error("a consistency proof from the empty tree proves nothing")]
    EmptyOldTree,
    #[error("the proof has {actual} hashes; a proof for these sizes has {expected}")]
    ProofLength { expected: usize, actual: usize },
    #[error("the proof does not lead to the given root of the tree of size {size}")]
    RootMismatch { size: u64 },
    #[error("tree size {size} is beyond the {len} leaves appended so far")]
    SizeBeyondTree { size: u64, len: u64 },
    #[error("node {0} is missing from storage")]
    MissingNode(NodeId),
    #[error("the log cannot hold more than 2^64 - 1 leaves")]
    TreeFull,
}
