//! Coordinates of the nodes a store keeps. Only *perfect* subtrees (2^level leaves,
//! aligned) are stored: once complete, such a node never changes as the log grows, so
//! every historical root and proof can be rebuilt from them. Nodes on the right edge of
//! a tree whose size is not a power of two are computed on demand from a few stored ones.

use std::fmt;

use super::{Hash, MerkleError, empty_root, node_hash};

/// A perfect subtree: the `2^level` leaves starting at leaf `index << level`. Level 0
/// nodes are the leaf hashes. A database keeps the same `(level, index) → hash` pairs as
/// [`MemoryTree`](super::MemoryTree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, std::hash::Hash, PartialOrd, Ord)]
pub struct NodeId {
    pub level: u32,
    pub index: u64,
}

impl NodeId {
    pub const fn new(level: u32, index: u64) -> Self {
        Self { level, index }
    }

    /// The node holding the hash of leaf `index`.
    pub const fn leaf(index: u64) -> Self {
        Self { level: 0, index }
    }

    /// The first leaf this node covers.
    pub const fn first_leaf(&self) -> u64 {
        self.index << self.level
    }

    /// How many leaves this node covers.
    pub const fn leaf_count(&self) -> u64 {
        1 << self.level
    }

    pub const fn parent(&self) -> Self {
        Self { level: self.level + 1, index: self.index >> 1 }
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(level {}, index {})", self.level, self.index)
    }
}

/// The largest power of two strictly below `n`, where RFC 9162 splits a tree of `n > 1`
/// leaves into its left (perfect) and right subtrees.
pub(crate) const fn split(n: u64) -> u64 {
    debug_assert!(n > 1);
    1 << (n - 1).ilog2()
}

/// The leaves `[begin, end)` whose hash one proof element (or a root) needs. Planners only
/// build spans that RFC 9162's recursive split produces: `begin` is a multiple of a power
/// of two at least as large as the span. Such a span is a perfect subtree, or the right
/// edge of the tree when `end` is the tree size; either way it is covered by at most
/// log2(n) stored nodes, largest first, and its hash is their right fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    begin: u64,
    end: u64,
}

impl Span {
    pub(crate) const fn new(begin: u64, end: u64) -> Self {
        debug_assert!(begin <= end);
        Self { begin, end }
    }

    #[cfg(test)]
    pub(crate) const fn bounds(self) -> (u64, u64) {
        (self.begin, self.end)
    }

    /// The stored nodes covering this span, left to right.
    pub(crate) fn nodes(self) -> impl Iterator<Item = NodeId> {
        let Self { mut begin, end } = self;
        std::iter::from_fn(move || {
            (begin < end).then(|| {
                // The largest aligned perfect subtree that starts here and fits.
                let level = begin.trailing_zeros().min((end - begin).ilog2());
                let node = NodeId::new(level, begin >> level);
                begin += node.leaf_count();
                node
            })
        })
    }

    /// The span's hash from its stored nodes: `MTH(D[begin:end])` in RFC 9162 terms.
    /// The RFC splits at the largest power of two, which is exactly the first node
    /// of [`Span::nodes`], so folding from the right rebuilds the same tree.
    pub(crate) fn hash(self, lookup: &mut impl FnMut(NodeId) -> Option<Hash>) -> Result<Hash, MerkleError> {
        let hashes =
            self.nodes().map(|id| lookup(id).ok_or(MerkleError::MissingNode(id))).collect::<Result<Vec<_>, _>>()?;
        // Zero leaves only happen for the root of the empty tree, whose hash is fixed.
        Ok(hashes.into_iter().rev().reduce(|right, left| node_hash(&left, &right)).unwrap_or_else(empty_root))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(begin: u64, end: u64) -> Vec<(u32, u64)> {
        Span::new(begin, end).nodes().map(|n| (n.level, n.index)).collect()
    }

    #[test]
    fn split_is_the_largest_power_of_two_below_n() {
        let cases = [(2, 1), (3, 2), (4, 2), (5, 4), (7, 4), (8, 4), (9, 8), (u64::MAX, 1 << 63)];
        for (n, k) in cases {
            assert_eq!(split(n), k, "n = {n}");
        }
    }

    #[test]
    fn a_perfect_span_is_one_node() {
        assert_eq!(nodes(0, 8), [(3, 0)]);
        assert_eq!(nodes(8, 12), [(2, 2)]);
        assert_eq!(nodes(5, 6), [(0, 5)]);
    }

    #[test]
    fn the_right_edge_is_covered_largest_node_first() {
        assert_eq!(nodes(0, 7), [(2, 0), (1, 2), (0, 6)]);
        assert_eq!(nodes(4, 7), [(1, 2), (0, 6)]);
        assert_eq!(nodes(0, 13), [(3, 0), (2, 2), (0, 12)]);
        assert!(nodes(3, 3).is_empty());
    }

    #[test]
    fn a_span_of_the_whole_u64_range_does_not_overflow() {
        assert_eq!(nodes(0, u64::MAX).len(), 64);
        assert_eq!(nodes(1 << 63, u64::MAX).len(), 63);
    }

    #[test]
    fn node_coverage_and_parent_agree() {
        let n = NodeId::new(2, 3);
        assert_eq!((n.first_leaf(), n.leaf_count()), (12, 4));
        assert_eq!(n.parent(), NodeId::new(3, 1));
        assert_eq!(n.to_string(), "(level 2, index 3)");
    }

    #[test]
    fn a_missing_node_is_reported_by_its_coordinates() {
        let mut lookup = |id: NodeId| (id.level == 2).then_some(Hash::from_bytes([1; 32]));
        assert_eq!(Span::new(0, 6).hash(&mut lookup), Err(MerkleError::MissingNode(NodeId::new(1, 2))));
    }
}
