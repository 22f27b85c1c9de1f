//! Plans: which stored nodes a root, a proof or an append needs, and how to combine
//! them once fetched. Splitting "which nodes" from "combine" keeps all the tree math
//! here, pure, while a store may fetch the nodes however it likes: one batched
//! `SELECT … WHERE (level, index) IN (…)`, asynchronously, from a cache. Every plan
//! reads O(log n) nodes, never the whole log.
//!
//! ```
//! use std::collections::HashMap;
//! use vigie_core::merkle::{MemoryTree, NodeId, ProofPlan, verify_inclusion};
//!
//! let mut tree = MemoryTree::new();
//! for entry in [&b"a"[..], b"b", b"c", b"d", b"e"] {
//!     tree.append(entry)?;
//! }
//! // A store fetches exactly these nodes, then lets the plan assemble the proof.
//! let plan = ProofPlan::inclusion(2, 5)?;
//! let fetched: HashMap<NodeId, _> = plan.nodes().filter_map(|id| Some((id, tree.node(id)?))).collect();
//! let proof = plan.assemble(|id| fetched.get(&id).copied())?;
//! let leaf = tree.node(NodeId::leaf(2)).unwrap();
//! verify_inclusion(&leaf, 2, 5, &proof, &tree.root(5)?)?;
//! # Ok::<(), vigie_core::merkle::MerkleError>(())
//! ```

use super::node::{Span, split};
use super::{Hash, MerkleError, NodeId, node_hash};

/// The stored nodes whose right fold is the root of the tree of `size` leaves (one per
/// set bit of `size`; none for the empty tree, whose root is fixed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RootPlan {
    span: Span,
}

impl RootPlan {
    pub const fn new(size: u64) -> Self {
        Self { span: Span::new(0, size) }
    }

    /// The nodes to fetch.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + use<> {
        self.span.nodes()
    }

    /// The root, from nodes fetched through `lookup`.
    pub fn assemble(&self, mut lookup: impl FnMut(NodeId) -> Option<Hash>) -> Result<Hash, MerkleError> {
        self.span.hash(&mut lookup)
    }
}

/// An inclusion or consistency proof to build: one span of leaves per proof hash, in
/// proof order (from the bottom of the tree up, as RFC 9162 sends them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofPlan {
    spans: Vec<Span>,
}

impl ProofPlan {
    /// The audit path of leaf `index` in the tree of `size` leaves: `PATH(index, D[size])`
    /// of RFC 9162 section 2.1.3.1, the sibling of every node from the leaf up to the root.
    pub fn inclusion(index: u64, size: u64) -> Result<Self, MerkleError> {
        if index >= size {
            return Err(MerkleError::IndexOutOfRange { index, size });
        }
        // Walk down from the root, remembering the subtree on the other side of each split.
        let (mut begin, mut end) = (0, size);
        let mut spans = Vec::new();
        while end - begin > 1 {
            let middle = begin + split(end - begin);
            if index < middle {
                spans.push(Span::new(middle, end));
                end = middle;
            } else {
                spans.push(Span::new(begin, middle));
                begin = middle;
            }
        }
        spans.reverse();
        Ok(Self { spans })
    }

    /// The proof that the tree of `old` leaves is a prefix of the tree of `new` leaves:
    /// `PROOF(old, D[new])` of RFC 9162 section 2.1.4.1. Equal sizes need no proof; the
    /// empty tree has none, as a proof from it would prove nothing.
    pub fn consistency(old: u64, new: u64) -> Result<Self, MerkleError> {
        if old > new {
            return Err(MerkleError::SizesOutOfOrder { old, new });
        }
        if old == 0 {
            return Err(MerkleError::EmptyOldTree);
        }
        // SUBPROOF(m, D[begin:end], whole), walked down iteratively: `old_in` is `m`, the
        // number of old leaves inside the current subtree.
        let (mut begin, mut end, mut old_in) = (0, new, old);
        let mut whole = true;
        let mut spans = Vec::new();
        while old_in != end - begin {
            let k = split(end - begin);
            if old_in <= k {
                spans.push(Span::new(begin + k, end));
                end = begin + k;
            } else {
                spans.push(Span::new(begin, begin + k));
                old_in -= k;
                begin += k;
                whole = false;
            }
        }
        // The old tree's own subtree is sent unless it is the whole old tree, whose
        // root the verifier already has.
        if !whole {
            spans.push(Span::new(begin, end));
        }
        spans.reverse();
        Ok(Self { spans })
    }

    /// How many hashes the proof has.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The nodes to fetch (they do not repeat: proof spans are disjoint).
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.spans.iter().flat_map(|span| span.nodes())
    }

    /// The proof, from nodes fetched through `lookup`.
    pub fn assemble(&self, mut lookup: impl FnMut(NodeId) -> Option<Hash>) -> Result<Vec<Hash>, MerkleError> {
        self.spans.iter().map(|span| span.hash(&mut lookup)).collect()
    }
}

/// Appending leaf `index` completes the leaf node and every ancestor whose right
/// subtree it finishes: one node on average, at most log2(n). Each new parent needs its
/// left child, already stored, so the log never rereads more than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppendPlan {
    index: u64,
}

impl AppendPlan {
    /// Plans the append of leaf `index`, which must be the current tree size.
    pub const fn new(index: u64) -> Result<Self, MerkleError> {
        if index == u64::MAX {
            // The tree size would not fit in a u64 any more.
            return Err(MerkleError::TreeFull);
        }
        Ok(Self { index })
    }

    /// The left siblings to fetch, bottom-up.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + use<> {
        let index = self.index;
        (0..index.trailing_ones()).map(move |level| NodeId::new(level, (index >> level) - 1))
    }

    /// The nodes to store, bottom-up: the leaf, then each completed parent.
    pub fn assemble(
        &self,
        leaf: Hash,
        mut lookup: impl FnMut(NodeId) -> Option<Hash>,
    ) -> Result<Vec<(NodeId, Hash)>, MerkleError> {
        let mut node = (NodeId::leaf(self.index), leaf);
        let mut completed = vec![node];
        for sibling in self.nodes() {
            let left = lookup(sibling).ok_or(MerkleError::MissingNode(sibling))?;
            node = (node.0.parent(), node_hash(&left, &node.1));
            completed.push(node);
        }
        Ok(completed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(plan: &ProofPlan) -> Vec<(u64, u64)> {
        plan.spans.iter().map(|span| span.bounds()).collect()
    }

    // The examples of RFC 9162 section 2.1.5, a tree of leaves d0..d6 where, in the RFC's
    // letters, a..f are d0..d5, g = [0,2), h = [2,4), i = [4,6), j = d6, k = [0,4), l = [4,7).

    #[test]
    fn audit_paths_match_the_rfc_examples() {
        assert_eq!(spans(&ProofPlan::inclusion(0, 7).unwrap()), [(1, 2), (2, 4), (4, 7)]);
        assert_eq!(spans(&ProofPlan::inclusion(3, 7).unwrap()), [(2, 3), (0, 2), (4, 7)]);
        assert_eq!(spans(&ProofPlan::inclusion(4, 7).unwrap()), [(5, 6), (6, 7), (0, 4)]);
        assert_eq!(spans(&ProofPlan::inclusion(6, 7).unwrap()), [(4, 6), (0, 4)]);
    }

    #[test]
    fn consistency_proofs_match_the_rfc_examples() {
        assert_eq!(spans(&ProofPlan::consistency(3, 7).unwrap()), [(2, 3), (3, 4), (0, 2), (4, 7)]);
        assert_eq!(spans(&ProofPlan::consistency(4, 7).unwrap()), [(4, 7)]);
        assert_eq!(spans(&ProofPlan::consistency(6, 7).unwrap()), [(4, 6), (6, 7), (0, 4)]);
    }

    #[test]
    fn a_single_leaf_tree_has_an_empty_audit_path() {
        assert!(ProofPlan::inclusion(0, 1).unwrap().is_empty());
    }

    #[test]
    fn equal_sizes_need_an_empty_consistency_proof() {
        assert!(ProofPlan::consistency(5, 5).unwrap().is_empty());
    }

    #[test]
    fn impossible_proofs_are_refused() {
        assert_eq!(ProofPlan::inclusion(3, 3), Err(MerkleError::IndexOutOfRange { index: 3, size: 3 }));
        assert_eq!(ProofPlan::inclusion(0, 0), Err(MerkleError::IndexOutOfRange { index: 0, size: 0 }));
        assert_eq!(ProofPlan::consistency(4, 3), Err(MerkleError::SizesOutOfOrder { old: 4, new: 3 }));
        assert_eq!(ProofPlan::consistency(0, 3), Err(MerkleError::EmptyOldTree));
        assert_eq!(ProofPlan::consistency(0, 0), Err(MerkleError::EmptyOldTree));
    }

    #[test]
    fn the_root_reads_one_node_per_set_bit_of_the_size() {
        let ids: Vec<_> = RootPlan::new(0b1011).nodes().collect();
        assert_eq!(ids, [NodeId::new(3, 0), NodeId::new(1, 4), NodeId::new(0, 10)]);
        assert_eq!(RootPlan::new(0).nodes().count(), 0);
    }

    #[test]
    fn appending_reads_the_left_sibling_of_each_completed_parent() {
        let ids = |index| AppendPlan::new(index).unwrap().nodes().collect::<Vec<_>>();
        assert!(ids(0).is_empty());
        assert!(ids(4).is_empty());
        assert_eq!(ids(1), [NodeId::new(0, 0)]);
        assert_eq!(ids(7), [NodeId::new(0, 6), NodeId::new(1, 2), NodeId::new(2, 0)]);
        assert_eq!(ids(11), [NodeId::new(0, 10), NodeId::new(1, 4)]);
    }

    #[test]
    fn appending_stores_the_leaf_and_the_parents_it_completes() {
        let plan = AppendPlan::new(3).unwrap();
        let leaf = Hash::from_bytes([3; 32]);
        let stored = |id: NodeId| Some(Hash::from_bytes([id.level as u8 + 10; 32]));
        let nodes = plan.assemble(leaf, stored).unwrap();
        let ids: Vec<_> = nodes.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, [NodeId::leaf(3), NodeId::new(1, 1), NodeId::new(2, 0)]);
        let parent = node_hash(&Hash::from_bytes([10; 32]), &leaf);
        assert_eq!(nodes[1].1, parent);
        assert_eq!(nodes[2].1, node_hash(&Hash::from_bytes([11; 32]), &parent));
    }

    #[test]
    fn appending_without_a_stored_sibling_fails() {
        let plan = AppendPlan::new(1).unwrap();
        assert_eq!(plan.assemble(Hash::from_bytes([0; 32]), |_| None), Err(MerkleError::MissingNode(NodeId::leaf(0))));
    }

    #[test]
    fn the_last_u64_index_cannot_be_appended() {
        assert_eq!(AppendPlan::new(u64::MAX), Err(MerkleError::TreeFull));
        assert_eq!(AppendPlan::new(u64::MAX - 1).unwrap().nodes().count(), 0);
    }
}
