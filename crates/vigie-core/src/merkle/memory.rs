use super::{AppendPlan, Hash, MerkleError, NodeId, ProofPlan, RootPlan, leaf_hash};

/// An append-only tree in memory: the reference for a database-backed log (it stores
/// the same `(level, index) → hash` nodes, through the same plans) and a tool for tests
/// and the offline verifier. Appending costs O(1) hashes on average; roots and proofs
/// for any size reached so far read O(log n) nodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryTree {
    /// `levels[l][i]` is node `(l, i)`. Only perfect subtrees are kept, so each level
    /// only ever grows at its end.
    levels: Vec<Vec<Hash>>,
}

impl MemoryTree {
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of leaves appended so far.
    pub fn len(&self) -> u64 {
        self.levels.first().map_or(0, |leaves| leaves.len() as u64)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends an entry, hashed as a leaf, and returns its index.
    pub fn append(&mut self, entry: &[u8]) -> Result<u64, MerkleError> {
        self.append_leaf_hash(leaf_hash(entry))
    }

    /// Appends a leaf hash computed elsewhere and returns its index.
    pub fn append_leaf_hash(&mut self, leaf: Hash) -> Result<u64, MerkleError> {
        let index = self.len();
        let completed = AppendPlan::new(index)?.assemble(leaf, |id| self.node(id))?;
        for (id, hash) in completed {
            let level = id.level as usize;
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            debug_assert_eq!(self.levels[level].len() as u64, id.index);
            self.levels[level].push(hash);
        }
        Ok(index)
    }

    /// A stored node, if its subtree is complete.
    pub fn node(&self, id: NodeId) -> Option<Hash> {
        let level = self.levels.get(usize::try_from(id.level).ok()?)?;
        level.get(usize::try_from(id.index).ok()?).copied()
    }

    /// The root of the tree as it was when it had `size` leaves.
    pub fn root(&self, size: u64) -> Result<Hash, MerkleError> {
        self.reached(size)?;
        RootPlan::new(size).assemble(|id| self.node(id))
    }

    /// The audit path of leaf `index` in the tree of `size` leaves.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, MerkleError> {
        self.reached(size)?;
        ProofPlan::inclusion(index, size)?.assemble(|id| self.node(id))
    }

    /// The proof that the tree of `old` leaves is a prefix of the tree of `new` leaves.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, MerkleError> {
        self.reached(new)?;
        ProofPlan::consistency(old, new)?.assemble(|id| self.node(id))
    }

    fn reached(&self, size: u64) -> Result<(), MerkleError> {
        let len = self.len();
        if size > len { Err(MerkleError::SizeBeyondTree { size, len }) } else { Ok(()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merkle::{empty_root, node_hash};

    fn tree(leaves: u8) -> MemoryTree {
        let mut tree = MemoryTree::new();
        for i in 0..leaves {
            assert_eq!(tree.append(&[i]), Ok(u64::from(i)));
        }
        tree
    }

    #[test]
    fn an_empty_tree_has_the_empty_root() {
        let tree = MemoryTree::new();
        assert!(tree.is_empty());
        assert_eq!(tree.root(0), Ok(empty_root()));
    }

    #[test]
    fn sizes_not_reached_yet_are_refused() {
        let tree = tree(3);
        assert_eq!(tree.root(4), Err(MerkleError::SizeBeyondTree { size: 4, len: 3 }));
        assert_eq!(tree.inclusion_proof(0, 4), Err(MerkleError::SizeBeyondTree { size: 4, len: 3 }));
        assert_eq!(tree.consistency_proof(1, 4), Err(MerkleError::SizeBeyondTree { size: 4, len: 3 }));
        assert_eq!(tree.inclusion_proof(3, 3), Err(MerkleError::IndexOutOfRange { index: 3, size: 3 }));
    }

    #[test]
    fn only_complete_subtrees_are_stored() {
        let tree = tree(6);
        let stored: Vec<usize> = tree.levels.iter().map(Vec::len).collect();
        assert_eq!(stored, [6, 3, 1]);
        assert_eq!(tree.node(NodeId::new(1, 2)), Some(node_hash(&leaf_hash(&[4]), &leaf_hash(&[5]))));
        assert_eq!(tree.node(NodeId::new(2, 1)), None);
        assert_eq!(tree.node(NodeId::new(40, 0)), None);
    }

    #[test]
    fn old_roots_stay_available_as_the_tree_grows() {
        let mut tree = tree(1);
        let first = tree.root(1).unwrap();
        assert_eq!(first, leaf_hash(&[0]));
        tree.append(&[1]).unwrap();
        tree.append(&[2]).unwrap();
        assert_eq!(tree.root(1), Ok(first));
        assert_eq!(tree.root(2), Ok(node_hash(&leaf_hash(&[0]), &leaf_hash(&[1]))));
        let root3 = node_hash(&tree.root(2).unwrap(), &leaf_hash(&[2]));
        assert_eq!(tree.root(3), Ok(root3));
    }
}
