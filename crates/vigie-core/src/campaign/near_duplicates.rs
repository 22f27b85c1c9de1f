//! Pairs of posts whose shingle sets are similar enough to be copies of one message.
//!
//! Campaigns produce many exact copies as well as edited ones, so identical shingle sets
//! are grouped first (an exact-key fast path: one hash-map lookup, no signature) and
//! only one post per group is hashed and indexed. The representatives then go through
//! the [`LshIndex`] one by one, each checked against those before it, and every
//! candidate is confirmed with the exact [`jaccard`] similarity, so the index can only
//! cause misses (pairs it never proposes), never false pairs.
//!
//! Very short posts (one or two words: "yes", "shame") match each other by chance and
//! say nothing about coordination, so posts under `min_tokens` words never pair.

use std::collections::HashMap;

use super::lsh::LshIndex;
use super::minhash::{MinHasher, jaccard};

/// One post to compare.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The caller's identifier; ids are expected to be distinct.
    pub id: u32,
    /// Its shingle set, sorted and deduplicated (see [`super::shingles::shingles`]).
    pub shingles: &'a [u64],
    /// The number of words of its normalised text.
    pub token_count: usize,
}

/// Settings for near-duplicate detection.
#[derive(Debug, Clone)]
pub struct NearDuplicates {
    /// The least exact Jaccard similarity for a pair.
    pub threshold: f64,
    /// Posts with fewer words never pair.
    pub min_tokens: usize,
    /// The signatures used by the index.
    pub hasher: MinHasher,
}

impl Default for NearDuplicates {
    /// Half the shingles in common, at least four words, 128 permutations.
    fn default() -> Self {
        NearDuplicates { threshold: 0.5, min_tokens: 4, hasher: MinHasher::default() }
    }
}

impl NearDuplicates {
    /// Every pair `(id_a, id_b, jaccard)` with `id_a < id_b` and an exact Jaccard
    /// similarity of at least the threshold, sorted by ids.
    ///
    /// A group of `k` identical posts gives all its `k(k−1)/2` pairs; [`clusters`]
    /// folds them back into one group.
    pub fn pairs(&self, items: &[Item<'_>]) -> Vec<(u32, u32, f64)> {
        // Exact-key fast path: group eligible posts by their whole shingle set.
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut group_of: HashMap<&[u64], usize> = HashMap::new();
        let mut representatives: Vec<&[u64]> = Vec::new();
        for item in items.iter().filter(|item| item.token_count >= self.min_tokens && !item.shingles.is_empty()) {
            let group = *group_of.entry(item.shingles).or_insert_with(|| {
                groups.push(Vec::new());
                representatives.push(item.shingles);
                groups.len() - 1
            });
            groups[group].push(item.id);
        }

        let mut out = Vec::new();
        for group in &groups {
            for (i, &a) in group.iter().enumerate() {
                out.extend(group[i + 1..].iter().map(|&b| ordered(a, b, 1.0)));
            }
        }

        let mut index = LshIndex::for_threshold(self.threshold, self.hasher.permutations());
        for (group, set) in representatives.iter().enumerate() {
            let signature = self.hasher.signature(set);
            for earlier in index.candidates(&signature) {
                let earlier = earlier as usize;
                let similarity = jaccard(representatives[earlier], set);
                if similarity >= self.threshold {
                    for &a in &groups[earlier] {
                        out.extend(groups[group].iter().map(|&b| ordered(a, b, similarity)));
                    }
                }
            }
            index.insert(group as u32, &signature);
        }
        out.sort_by_key(|&(a, b, _)| (a, b));
        out
    }
}

fn ordered(a: u32, b: u32, similarity: f64) -> (u32, u32, f64) {
    (a.min(b), a.max(b), similarity)
}

/// The groups of ids linked by `pairs` (connected components, with union-find), for ids
/// below `n`. Only groups of two or more are returned, each sorted, ordered by their
/// smallest id; pairs naming an id of `n` or more are ignored.
pub fn clusters(n: usize, pairs: &[(u32, u32, f64)]) -> Vec<Vec<u32>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b, _) in pairs {
        let (a, b) = (a as usize, b as usize);
        if a < n && b < n {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            // The smaller root wins, so each group is named by its smallest id.
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); n];
    for id in 0..n {
        let r = root(&mut parent, id);
        members[r].push(id as u32);
    }
    members.into_iter().filter(|group| group.len() > 1).collect()
}

#[cfg(test)]
mod tests;
