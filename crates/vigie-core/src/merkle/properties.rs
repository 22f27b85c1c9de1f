//! The module as a whole, checked against the RFC 6962 test data and against the naive
//! transcription of RFC 9162 in [`reference`]: known small trees exhaustively, random
//! trees by property.

use proptest::prelude::*;

use super::verify::{consistency_proof_len, inclusion_proof_len};
use super::*;

/// The leaves of the RFC 6962 test tree used by Certificate Transparency implementations.
const RFC6962_LEAVES: [&str; 8] =
    ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

/// Its roots at sizes 1 to 8.
const RFC6962_ROOTS: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn build(entries: &[Vec<u8>]) -> (MemoryTree, Vec<Hash>) {
    let mut tree = MemoryTree::new();
    for entry in entries {
        tree.append(entry).unwrap();
    }
    (tree, entries.iter().map(|e| leaf_hash(e)).collect())
}

/// Entries `[i]` for `i` in `0..n`.
fn numbered(n: u8) -> Vec<Vec<u8>> {
    (0..n).map(|i| vec![i]).collect()
}

fn flipped(hash: &Hash, bit: usize) -> Hash {
    let mut bytes = hash.to_bytes();
    bytes[bit / 8] ^= 1 << (bit % 8);
    Hash::from_bytes(bytes)
}

fn with_flipped(proof: &[Hash], element: usize, bit: usize) -> Vec<Hash> {
    let mut proof = proof.to_vec();
    proof[element] = flipped(&proof[element], bit);
    proof
}

#[test]
fn memory_tree_roots_match_the_rfc6962_test_data() {
    let entries: Vec<_> = RFC6962_LEAVES.iter().map(|h| unhex(h)).collect();
    let (tree, leaves) = build(&entries);
    for (size, want) in (1..=8).zip(RFC6962_ROOTS) {
        assert_eq!(tree.root(size).unwrap().to_string(), want, "size {size}");
        assert_eq!(reference::root(&leaves[..size as usize]).to_string(), want, "reference, size {size}");
    }
}

#[test]
fn every_proof_of_small_trees_equals_the_reference_and_verifies() {
    let (tree, leaves) = build(&numbered(40));
    for size in 1..=tree.len() {
        let n = size as usize;
        let root = reference::root(&leaves[..n]);
        assert_eq!(tree.root(size), Ok(root));
        for index in 0..size {
            let proof = tree.inclusion_proof(index, size).unwrap();
            assert_eq!(proof, reference::inclusion_proof(index as usize, &leaves[..n]), "leaf {index} of {size}");
            assert_eq!(verify_inclusion(&leaves[index as usize], index, size, &proof, &root), Ok(()));
        }
        for old in 1..=size {
            let proof = tree.consistency_proof(old, size).unwrap();
            assert_eq!(proof, reference::consistency_proof(old as usize, &leaves[..n]), "{old} to {size}");
            let old_root = reference::root(&leaves[..old as usize]);
            assert_eq!(verify_consistency(old, size, &old_root, &root, &proof), Ok(()));
        }
    }
}

#[test]
fn flipping_any_bit_of_a_small_inclusion_proof_breaks_it() {
    let (tree, leaves) = build(&numbered(9));
    for size in 1..=tree.len() {
        let root = tree.root(size).unwrap();
        for index in 0..size {
            let leaf = leaves[index as usize];
            let proof = tree.inclusion_proof(index, size).unwrap();
            for bit in 0..256 {
                for element in 0..proof.len() {
                    let bad = with_flipped(&proof, element, bit);
                    assert!(verify_inclusion(&leaf, index, size, &bad, &root).is_err());
                }
                assert!(verify_inclusion(&flipped(&leaf, bit), index, size, &proof, &root).is_err());
                assert!(verify_inclusion(&leaf, index, size, &proof, &flipped(&root, bit)).is_err());
            }
        }
    }
}

#[test]
fn flipping_any_bit_of_a_small_consistency_proof_breaks_it() {
    let (tree, _) = build(&numbered(9));
    for new in 1..=tree.len() {
        let new_root = tree.root(new).unwrap();
        for old in 1..=new {
            let old_root = tree.root(old).unwrap();
            let proof = tree.consistency_proof(old, new).unwrap();
            for bit in 0..256 {
                for element in 0..proof.len() {
                    let bad = with_flipped(&proof, element, bit);
                    assert!(verify_consistency(old, new, &old_root, &new_root, &bad).is_err());
                }
                assert!(verify_consistency(old, new, &flipped(&old_root, bit), &new_root, &proof).is_err());
                assert!(verify_consistency(old, new, &old_root, &flipped(&new_root, bit), &proof).is_err());
            }
        }
    }
}

#[test]
fn a_valid_proof_fails_for_any_other_leaf_or_old_root() {
    let (tree, leaves) = build(&numbered(12));
    let proof = tree.inclusion_proof(5, 11).unwrap();
    let root = tree.root(11).unwrap();
    for index in (0..11).filter(|&i| i != 5) {
        assert!(verify_inclusion(&leaves[5], index, 11, &proof, &root).is_err(), "position {index}");
        assert!(verify_inclusion(&leaves[index as usize], 5, 11, &proof, &root).is_err(), "leaf {index}");
    }
    let proof = tree.consistency_proof(6, 11).unwrap();
    let new_root = tree.root(11).unwrap();
    for other in (1..=12).filter(|&s| s != 6) {
        let old_root = tree.root(other).unwrap();
        assert!(verify_consistency(6, 11, &old_root, &new_root, &proof).is_err(), "root of size {other}");
    }
}

/// Random entries, 1 to 300 of them, and a size the tree has reached.
fn tree_and_size() -> impl Strategy<Value = (Vec<Vec<u8>>, u64)> {
    prop::collection::vec(prop::collection::vec(any::<u8>(), 0..24), 1..300).prop_flat_map(|entries| {
        let len = entries.len() as u64;
        (Just(entries), 1..=len)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_inclusion_proof_verifies_against_the_reference_root(
        (entries, size) in tree_and_size(),
        pick in any::<prop::sample::Index>(),
    ) {
        let (tree, leaves) = build(&entries);
        let n = size as usize;
        let root = reference::root(&leaves[..n]);
        prop_assert_eq!(tree.root(size), Ok(root));
        for index in 0..size {
            let proof = tree.inclusion_proof(index, size).unwrap();
            prop_assert_eq!(verify_inclusion(&leaves[index as usize], index, size, &proof, &root), Ok(()));
        }
        let index = pick.index(n);
        let proof = tree.inclusion_proof(index as u64, size).unwrap();
        prop_assert_eq!(proof, reference::inclusion_proof(index, &leaves[..n]));
    }

    #[test]
    fn every_consistency_proof_verifies_against_the_reference_roots(
        (entries, new) in tree_and_size(),
        pick in any::<prop::sample::Index>(),
    ) {
        let (tree, leaves) = build(&entries);
        let new_root = reference::root(&leaves[..new as usize]);
        for old in 1..=new {
            let old_root = reference::root(&leaves[..old as usize]);
            let proof = tree.consistency_proof(old, new).unwrap();
            prop_assert_eq!(verify_consistency(old, new, &old_root, &new_root, &proof), Ok(()));
        }
        let old = pick.index(new as usize) + 1;
        let proof = tree.consistency_proof(old as u64, new).unwrap();
        prop_assert_eq!(proof, reference::consistency_proof(old, &leaves[..new as usize]));
    }

    #[test]
    fn a_single_flipped_bit_breaks_an_inclusion_proof(
        (entries, size) in tree_and_size(),
        pick in any::<prop::sample::Index>(),
        element in any::<prop::sample::Index>(),
        bit in 0..256usize,
    ) {
        let (tree, leaves) = build(&entries);
        let index = pick.index(size as usize) as u64;
        let (leaf, root) = (leaves[index as usize], tree.root(size).unwrap());
        let proof = tree.inclusion_proof(index, size).unwrap();
        prop_assert_eq!(verify_inclusion(&leaf, index, size, &proof, &root), Ok(()));
        if !proof.is_empty() {
            let bad = with_flipped(&proof, element.index(proof.len()), bit);
            prop_assert!(verify_inclusion(&leaf, index, size, &bad, &root).is_err());
        }
        prop_assert!(verify_inclusion(&flipped(&leaf, bit), index, size, &proof, &root).is_err());
        prop_assert!(verify_inclusion(&leaf, index, size, &proof, &flipped(&root, bit)).is_err());
    }

    #[test]
    fn a_single_flipped_bit_breaks_a_consistency_proof(
        (entries, new) in tree_and_size(),
        pick in any::<prop::sample::Index>(),
        element in any::<prop::sample::Index>(),
        bit in 0..256usize,
    ) {
        let (tree, _) = build(&entries);
        let old = pick.index(new as usize) as u64 + 1;
        let (old_root, new_root) = (tree.root(old).unwrap(), tree.root(new).unwrap());
        let proof = tree.consistency_proof(old, new).unwrap();
        prop_assert_eq!(verify_consistency(old, new, &old_root, &new_root, &proof), Ok(()));
        if !proof.is_empty() {
            let bad = with_flipped(&proof, element.index(proof.len()), bit);
            prop_assert!(verify_consistency(old, new, &old_root, &new_root, &bad).is_err());
        }
        prop_assert!(verify_consistency(old, new, &flipped(&old_root, bit), &new_root, &proof).is_err());
        prop_assert!(verify_consistency(old, new, &old_root, &flipped(&new_root, bit), &proof).is_err());
    }
}

/// Number of bits needed to write `n`.
fn bit_len(n: u64) -> usize {
    (u64::BITS - n.leading_zeros()) as usize
}

proptest! {
    #[test]
    fn expected_proof_lengths_match_the_plans_at_any_size(size in 1..=u64::MAX, a in any::<u64>()) {
        let index = a % size;
        prop_assert_eq!(inclusion_proof_len(index, size), ProofPlan::inclusion(index, size).unwrap().len());
        let old = index + 1;
        let plan = ProofPlan::consistency(old, size).unwrap();
        let want = if old == size { 0 } else { consistency_proof_len(old, size) };
        prop_assert_eq!(want, plan.len());
    }

    #[test]
    fn plans_read_a_logarithmic_number_of_nodes(size in 1..=u64::MAX, a in any::<u64>()) {
        let index = a % size;
        let bound = 2 * bit_len(size - 1) + 1;
        prop_assert_eq!(RootPlan::new(size).nodes().count(), size.count_ones() as usize);
        prop_assert!(ProofPlan::inclusion(index, size).unwrap().nodes().count() <= bound);
        prop_assert!(ProofPlan::consistency(index + 1, size).unwrap().nodes().count() <= bound);
        prop_assert!(AppendPlan::new(index).unwrap().nodes().count() < 64);
    }

    #[test]
    fn a_plan_only_reads_nodes_inside_the_tree_it_is_for(size in 1..=u64::MAX, a in any::<u64>()) {
        let index = a % size;
        let inside = |id: NodeId| id.first_leaf() < size && id.leaf_count() <= size - id.first_leaf();
        prop_assert!(RootPlan::new(size).nodes().all(inside));
        prop_assert!(ProofPlan::inclusion(index, size).unwrap().nodes().all(inside));
        prop_assert!(ProofPlan::consistency(index + 1, size).unwrap().nodes().all(inside));
    }
}
