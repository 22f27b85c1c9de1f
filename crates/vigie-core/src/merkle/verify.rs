//! Proof verification, as an offline verifier runs it: RFC 9162 sections 2.1.3.2
//! (inclusion) and 2.1.4.2 (consistency), with the edge cases of the reference Go
//! implementation (transparency-dev/merkle, whose test vectors pass): sizes out of
//! order, a consistency proof from the empty tree and proofs of the wrong length are
//! refused before any hashing; equal sizes need an empty proof and equal roots.
//!
//! The RFC's loops already fail on a proof of the wrong length; the length is also
//! checked first so the error says so, instead of reporting a root mismatch.

use super::{Hash, MerkleError, node_hash};

/// Checks that `leaf_hash` is leaf `index` of the tree of `size` leaves whose root is
/// `root`, given the audit path `proof` (bottom-up). The size only shapes the
/// computation (a proof for size 11 also fits size 9 or 12), so `size` and `root` must
/// both come from the same signed checkpoint.
pub fn verify_inclusion(
    leaf_hash: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), MerkleError> {
    let computed = root_from_inclusion_proof(leaf_hash, index, size, proof)?;
    expect_root(&computed, root.as_bytes(), size)
}

/// The root that `proof` leads to from leaf `index` of a tree of `size` leaves; a root
/// from a trusted checkpoint must then be compared with it.
pub fn root_from_inclusion_proof(leaf_hash: &Hash, index: u64, size: u64, proof: &[Hash]) -> Result<Hash, MerkleError> {
    // RFC 9162 section 2.1.3.2, step 1.
    if index >= size {
        return Err(MerkleError::IndexOutOfRange { index, size });
    }
    let expected = inclusion_proof_len(index, size);
    if proof.len() != expected {
        return Err(MerkleError::ProofLength { expected, actual: proof.len() });
    }
    // Steps 2 and 3: `node` and `last` are the RFC's `fn` and `sn`, the positions of the
    // current node and of the tree's last node on the current level.
    let (mut node, mut last) = (index, size - 1);
    let mut hash = *leaf_hash;
    // Step 4.
    for sibling in proof {
        if last == 0 {
            return Err(MerkleError::ProofLength { expected, actual: proof.len() });
        }
        if node & 1 == 1 || node == last {
            hash = node_hash(sibling, &hash);
            // A last node that is a left child has no sibling on its level: it moves up
            // unchanged until it becomes a right child.
            while node & 1 == 0 && node != 0 {
                node >>= 1;
                last >>= 1;
            }
        } else {
            hash = node_hash(&hash, sibling);
        }
        node >>= 1;
        last >>= 1;
    }
    // Step 5 (the root comparison is the caller's).
    if last != 0 {
        return Err(MerkleError::ProofLength { expected, actual: proof.len() });
    }
    Ok(hash)
}

/// Checks that the tree of `old_size` leaves with root `old_root` is a prefix of the tree
/// of `new_size` leaves with root `new_root`, given the consistency `proof`.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), MerkleError> {
    consistency(old_size, new_size, old_root.as_bytes(), new_root.as_bytes(), proof)
}

/// [`verify_inclusion`] for hashes still in the bytes they arrived as (decoded from an
/// evidence bundle or a JSON file): a leaf hash or proof element that is not 32 bytes
/// long is refused. The root is only compared, so a malformed root simply never matches.
pub fn verify_inclusion_bytes(
    leaf_hash: &[u8],
    index: u64,
    size: u64,
    proof: &[impl AsRef<[u8]>],
    root: &[u8],
) -> Result<(), MerkleError> {
    let leaf_hash = Hash::try_from(leaf_hash)?;
    let proof = parse_proof(proof)?;
    let computed = root_from_inclusion_proof(&leaf_hash, index, size, &proof)?;
    expect_root(&computed, root, size)
}

/// [`verify_consistency`] for hashes still in the bytes they arrived as. Proof elements
/// must be 32 bytes long. Roots are compared as given, as the Go reference does: with
/// equal sizes two identical roots are consistent whatever their form, and a malformed
/// root never matches a computed one.
pub fn verify_consistency_bytes(
    old_size: u64,
    new_size: u64,
    old_root: &[u8],
    new_root: &[u8],
    proof: &[impl AsRef<[u8]>],
) -> Result<(), MerkleError> {
    consistency(old_size, new_size, old_root, new_root, &parse_proof(proof)?)
}

fn consistency(
    old_size: u64,
    new_size: u64,
    old_root: &[u8],
    new_root: &[u8],
    proof: &[Hash],
) -> Result<(), MerkleError> {
    if old_size > new_size {
        return Err(MerkleError::SizesOutOfOrder { old: old_size, new: new_size });
    }
    if old_size == 0 {
        // Every tree extends the empty one: a check that cannot fail is refused rather
        // than reported as a success.
        return Err(MerkleError::EmptyOldTree);
    }
    if old_size == new_size {
        if !proof.is_empty() {
            return Err(MerkleError::ProofLength { expected: 0, actual: proof.len() });
        }
        return if old_root == new_root { Ok(()) } else { Err(MerkleError::RootMismatch { size: new_size }) };
    }
    let expected = consistency_proof_len(old_size, new_size);
    let length_error = || MerkleError::ProofLength { expected, actual: proof.len() };
    if proof.len() != expected {
        return Err(length_error());
    }
    // RFC 9162 section 2.1.4.2. Step 1 (an empty proof) cannot happen here: `expected`
    // is at least 1. Step 2: when the old tree is perfect, its root is the first hash.
    let (seed, path) = if old_size.is_power_of_two() {
        (Hash::try_from(old_root)?, proof)
    } else {
        let (first, rest) = proof.split_first().ok_or_else(length_error)?;
        (*first, rest)
    };
    // Step 3: `node` and `last` are the RFC's `fn` and `sn`.
    let (mut node, mut last) = (old_size - 1, new_size - 1);
    // Step 4: skip the levels where the old tree's last node is a right child already
    // covered by the seed.
    while node & 1 == 1 {
        node >>= 1;
        last >>= 1;
    }
    // Step 5: `old` and `new` are the RFC's `fr` and `sr`.
    let (mut old, mut new) = (seed, seed);
    // Step 6.
    for hash in path {
        if last == 0 {
            return Err(length_error());
        }
        if node & 1 == 1 || node == last {
            old = node_hash(hash, &old);
            new = node_hash(hash, &new);
            while node & 1 == 0 && node != 0 {
                node >>= 1;
                last >>= 1;
            }
        } else {
            // Leaves added after the old tree: they only belong to the new root.
            new = node_hash(&new, hash);
        }
        node >>= 1;
        last >>= 1;
    }
    // Step 7.
    if last != 0 {
        return Err(length_error());
    }
    expect_root(&old, old_root, old_size)?;
    expect_root(&new, new_root, new_size)
}

fn expect_root(computed: &Hash, given: &[u8], size: u64) -> Result<(), MerkleError> {
    if computed.as_bytes()[..] == *given { Ok(()) } else { Err(MerkleError::RootMismatch { size }) }
}

fn parse_proof(proof: &[impl AsRef<[u8]>]) -> Result<Vec<Hash>, MerkleError> {
    proof.iter().map(|h| Hash::try_from(h.as_ref())).collect()
}

/// Number of bits needed to write `n`.
const fn bit_len(n: u64) -> u32 {
    u64::BITS - n.leading_zeros()
}

/// The length of the audit path of leaf `index` in a tree of `size > index` leaves.
/// The paths from the root to leaf `index` and to the last leaf part `inner` levels
/// above the leaves. Below that point every level has a sibling. Above it the path runs
/// along the tree's right edge, where only right children have a sibling (a left child
/// on the edge is the last node of its level and is promoted): one per set bit of the
/// node's position at level `inner`.
pub(crate) const fn inclusion_proof_len(index: u64, size: u64) -> usize {
    let inner = bit_len(index ^ (size - 1));
    let edge = match index.checked_shr(inner) {
        Some(position) => position.count_ones(),
        None => 0,
    };
    (inner + edge) as usize
}

/// The length of the consistency proof from `old` to `new` leaves, `0 < old < new`. The
/// proof is the audit path, in the new tree, of the largest perfect subtree ending at
/// `old` (which sits `old.trailing_zeros()` levels up, so that many levels of the last
/// old leaf's path drop out), preceded by that subtree's own hash unless it is the whole
/// old tree.
pub(crate) const fn consistency_proof_len(old: u64, new: u64) -> usize {
    let subtree_hash = if old.is_power_of_two() { 0 } else { 1 };
    subtree_hash + inclusion_proof_len(old - 1, new) - old.trailing_zeros() as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merkle::leaf_hash;

    fn h(byte: u8) -> Hash {
        Hash::from_bytes([byte; 32])
    }

    #[test]
    fn a_one_leaf_tree_needs_no_proof() {
        let leaf = leaf_hash(b"only");
        assert_eq!(verify_inclusion(&leaf, 0, 1, &[], &leaf), Ok(()));
        assert_eq!(
            verify_inclusion(&leaf, 0, 1, &[leaf], &leaf),
            Err(MerkleError::ProofLength { expected: 0, actual: 1 })
        );
    }

    #[test]
    fn a_two_leaf_tree_hashes_left_then_right() {
        let (a, b) = (leaf_hash(b"a"), leaf_hash(b"b"));
        let root = node_hash(&a, &b);
        assert_eq!(verify_inclusion(&a, 0, 2, &[b], &root), Ok(()));
        assert_eq!(verify_inclusion(&b, 1, 2, &[a], &root), Ok(()));
        assert_eq!(verify_inclusion(&a, 1, 2, &[b], &root), Err(MerkleError::RootMismatch { size: 2 }));
    }

    #[test]
    fn a_leaf_outside_the_tree_is_refused_before_hashing() {
        assert_eq!(verify_inclusion(&h(1), 5, 5, &[], &h(2)), Err(MerkleError::IndexOutOfRange { index: 5, size: 5 }));
        assert_eq!(verify_inclusion(&h(1), 0, 0, &[], &h(2)), Err(MerkleError::IndexOutOfRange { index: 0, size: 0 }));
    }

    #[test]
    fn proof_lengths_follow_the_rfc_examples() {
        // RFC 9162 section 2.1.5, a tree of seven leaves.
        assert_eq!([0, 3, 4, 6].map(|i| inclusion_proof_len(i, 7)), [3, 3, 3, 2]);
        assert_eq!([3, 4, 6].map(|old| consistency_proof_len(old, 7)), [4, 1, 3]);
        assert_eq!(inclusion_proof_len(u64::MAX - 1, u64::MAX), 63);
        assert_eq!(inclusion_proof_len(0, u64::MAX), 64);
    }

    #[test]
    fn consistency_refuses_sizes_out_of_order() {
        let err = verify_consistency(3, 2, &h(1), &h(1), &[]);
        assert_eq!(err, Err(MerkleError::SizesOutOfOrder { old: 3, new: 2 }));
    }

    #[test]
    fn consistency_from_the_empty_tree_is_refused() {
        assert_eq!(verify_consistency(0, 4, &h(1), &h(2), &[]), Err(MerkleError::EmptyOldTree));
        assert_eq!(verify_consistency(0, 0, &h(1), &h(1), &[]), Err(MerkleError::EmptyOldTree));
    }

    #[test]
    fn equal_sizes_need_equal_roots_and_no_proof() {
        assert_eq!(verify_consistency(4, 4, &h(1), &h(1), &[]), Ok(()));
        assert_eq!(verify_consistency(4, 4, &h(1), &h(2), &[]), Err(MerkleError::RootMismatch { size: 4 }));
        let err = verify_consistency(4, 4, &h(1), &h(1), &[h(1)]);
        assert_eq!(err, Err(MerkleError::ProofLength { expected: 0, actual: 1 }));
    }

    #[test]
    fn an_empty_proof_between_different_sizes_is_refused() {
        let err = verify_consistency(1, 2, &h(1), &h(2), &[]);
        assert_eq!(err, Err(MerkleError::ProofLength { expected: 1, actual: 0 }));
    }

    #[test]
    fn a_two_leaf_tree_extends_its_first_leaf() {
        let (a, b) = (leaf_hash(b"a"), leaf_hash(b"b"));
        let root = node_hash(&a, &b);
        assert_eq!(verify_consistency(1, 2, &a, &root, &[b]), Ok(()));
        assert_eq!(verify_consistency(1, 2, &b, &root, &[b]), Err(MerkleError::RootMismatch { size: 2 }));
    }

    #[test]
    fn bytes_of_the_wrong_length_are_refused_as_hashes() {
        let (a, b) = (leaf_hash(b"a"), leaf_hash(b"b"));
        let root = node_hash(&a, &b);
        let short = &a.as_bytes()[..31];
        let err = verify_inclusion_bytes(short, 0, 2, &[b], root.as_bytes());
        assert_eq!(err, Err(MerkleError::HashLength(31)));
        let err = verify_inclusion_bytes(a.as_bytes(), 0, 2, &[&b.as_bytes()[..], &[]], root.as_bytes());
        assert_eq!(err, Err(MerkleError::HashLength(0)));
        let err = verify_inclusion_bytes(a.as_bytes(), 0, 2, &[b], &root.as_bytes()[1..]);
        assert_eq!(err, Err(MerkleError::RootMismatch { size: 2 }));
        assert_eq!(verify_inclusion_bytes(a.as_bytes(), 0, 2, &[b], root.as_bytes()), Ok(()));
    }

    #[test]
    fn equal_sizes_compare_roots_as_given() {
        assert_eq!(verify_consistency_bytes(1, 1, b"same", b"same", &[] as &[Hash]), Ok(()));
        let err = verify_consistency_bytes(1, 1, b"same", b"other", &[] as &[Hash]);
        assert_eq!(err, Err(MerkleError::RootMismatch { size: 1 }));
    }
}
