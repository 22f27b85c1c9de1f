//! Checking a bundle's tree head against the live log: the log the bundle was proved
//! against must be a prefix of the log the server signs today. A bundle checked this way
//! shows not only that its items were logged, but that the log has not been rewritten
//! (forked, truncated) since.

use super::{SignedTreeHead, TreeHeadError};
use crate::merkle::{Hash, MerkleError, verify_consistency};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WitnessError {
    #[error("the bundle's tree head: {0}")]
    BundleHead(TreeHeadError),
    #[error("the current tree head: {0}")]
    CurrentHead(TreeHeadError),
    #[error("the bundle's tree head has no leaves, so it proves nothing")]
    EmptyBundleHead,
    #[error("the log has shrunk from {bundle} leaves in the bundle to {current} now: it was rewritten")]
    Shrunk { bundle: u64, current: u64 },
    #[error("the current log does not extend the one in the bundle: it was rewritten ({0})")]
    Inconsistent(MerkleError),
}

/// The log as the bundle saw it is a prefix of the log now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WitnessVerdict {
    pub bundle_size: u64,
    pub current_size: u64,
    pub current_timestamp: i64,
}

impl std::fmt::Display for WitnessVerdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the log grew from {} to {} leaves without rewriting the bundle's part",
            self.bundle_size, self.current_size
        )
    }
}

/// Checks both heads' signatures by `public_key` (base64 Ed25519) and that `current`
/// extends `bundle_head`, given the consistency proof between their sizes.
pub fn check_witness(
    bundle_head: &SignedTreeHead,
    current: &SignedTreeHead,
    consistency_proof: &[Hash],
    public_key: &str,
) -> Result<WitnessVerdict, WitnessError> {
    let old = bundle_head.verify(public_key).map_err(WitnessError::BundleHead)?;
    let new = current.verify(public_key).map_err(WitnessError::CurrentHead)?;
    if old.size == 0 {
        return Err(WitnessError::EmptyBundleHead);
    }
    if new.size < old.size {
        return Err(WitnessError::Shrunk { bundle: old.size, current: new.size });
    }
    // Equal sizes: `verify_consistency` wants an empty proof and equal roots.
    verify_consistency(old.size, new.size, &old.root, &new.root, consistency_proof)
        .map_err(WitnessError::Inconsistent)?;
    Ok(WitnessVerdict { bundle_size: old.size, current_size: new.size, current_timestamp: current.timestamp })
}

#[cfg(test)]
mod tests {
    use vigie_crypto::signing::InstanceKey;

    use super::*;
    use crate::evidence::TreeHead;
    use crate::merkle::MemoryTree;
    use crate::time::Timestamp;

    fn tree(leaves: &[&[u8]]) -> MemoryTree {
        let mut tree = MemoryTree::new();
        for leaf in leaves {
            tree.append(leaf).unwrap();
        }
        tree
    }

    fn signed(key: &InstanceKey, tree: &MemoryTree, size: u64) -> SignedTreeHead {
        let head = TreeHead { size, root: tree.root(size).unwrap(), timestamp: Timestamp(1_790_000_000 + size as i64) };
        SignedTreeHead::new(&head, &key.sign(&head.message()))
    }

    #[test]
    fn a_log_that_grew_consistently_is_accepted() {
        let key = InstanceKey::generate();
        let log = tree(&[b"a", b"b", b"c", b"d", b"e", b"f", b"g"]);
        for old in 1..=7 {
            for new in old..=7 {
                let proof = log.consistency_proof(old, new).unwrap();
                let verdict =
                    check_witness(&signed(&key, &log, old), &signed(&key, &log, new), &proof, &key.public_base64());
                assert_eq!(verdict.map(|v| (v.bundle_size, v.current_size)), Ok((old, new)));
            }
        }
    }

    #[test]
    fn a_forked_log_is_refused() {
        let key = InstanceKey::generate();
        let log = tree(&[b"a", b"b", b"c"]);
        let fork = tree(&[b"a", b"B", b"c", b"d", b"e"]);
        let proof = fork.consistency_proof(3, 5).unwrap();
        let result = check_witness(&signed(&key, &log, 3), &signed(&key, &fork, 5), &proof, &key.public_base64());
        assert!(matches!(result, Err(WitnessError::Inconsistent(MerkleError::RootMismatch { .. }))), "{result:?}");
        // Same size, different contents.
        let result = check_witness(&signed(&key, &log, 3), &signed(&key, &fork, 3), &[], &key.public_base64());
        assert!(matches!(result, Err(WitnessError::Inconsistent(MerkleError::RootMismatch { .. }))), "{result:?}");
    }

    #[test]
    fn a_shrunk_log_is_refused() {
        let key = InstanceKey::generate();
        let log = tree(&[b"a", b"b", b"c", b"d"]);
        let result = check_witness(&signed(&key, &log, 4), &signed(&key, &log, 2), &[], &key.public_base64());
        assert_eq!(result, Err(WitnessError::Shrunk { bundle: 4, current: 2 }));
    }

    #[test]
    fn heads_signed_by_another_key_or_altered_are_refused() {
        let (key, other) = (InstanceKey::generate(), InstanceKey::generate());
        let log = tree(&[b"a", b"b", b"c", b"d"]);
        let proof = log.consistency_proof(2, 4).unwrap();
        let (old, new) = (signed(&key, &log, 2), signed(&key, &log, 4));
        let forged = signed(&other, &log, 4);
        let result = check_witness(&old, &forged, &proof, &key.public_base64());
        assert_eq!(result, Err(WitnessError::CurrentHead(TreeHeadError::BadSignature)));
        let result = check_witness(&old, &new, &proof, &other.public_base64());
        assert_eq!(result, Err(WitnessError::BundleHead(TreeHeadError::BadSignature)));
        let mut altered = old.clone();
        altered.timestamp += 1;
        let result = check_witness(&altered, &new, &proof, &key.public_base64());
        assert_eq!(result, Err(WitnessError::BundleHead(TreeHeadError::BadSignature)));
    }

    #[test]
    fn an_empty_bundle_head_proves_nothing() {
        let key = InstanceKey::generate();
        let log = tree(&[b"a"]);
        let empty = MemoryTree::new();
        let result = check_witness(&signed(&key, &empty, 0), &signed(&key, &log, 1), &[], &key.public_base64());
        assert_eq!(result, Err(WitnessError::EmptyBundleHead));
    }

    #[test]
    fn a_wrong_proof_is_refused() {
        let key = InstanceKey::generate();
        let log = tree(&[b"a", b"b", b"c", b"d", b"e"]);
        let mut proof = log.consistency_proof(3, 5).unwrap();
        proof[0] = Hash::from_bytes([7; 32]);
        let result = check_witness(&signed(&key, &log, 3), &signed(&key, &log, 5), &proof, &key.public_base64());
        assert!(matches!(result, Err(WitnessError::Inconsistent(_))), "{result:?}");
    }
}
