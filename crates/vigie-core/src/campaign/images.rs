//! Same image, re-shared: perceptual hashes grouped by Hamming distance.
//!
//! A re-encoded, resized or lightly cropped copy of an image keeps most bits of its
//! perceptual hash. 64-bit hashes (pHash, dHash) match within [`ImageClusters::new`]'s
//! distance (8 by default); 256-bit PDQ hashes within 31 bits, Meta's recommended
//! threshold. Low-quality hashes (almost all bits equal, as a flat or blank image
//! gives) are ignored: they would match each other whatever the picture.
//!
//! Candidates are found without comparing every pair: a hash is cut into `d + 1`
//! blocks of bits; two hashes at most `d` bits apart agree on at least one whole block
//! (pigeonhole), so each block value is an index key.

use std::collections::HashMap;

/// The match distance for 256-bit PDQ hashes.
pub const PDQ_MATCH_DISTANCE: u32 = 31;

#[derive(Debug, Clone)]
pub struct ImageClusters {
    distance_64: u32,
    hashes: Vec<Vec<u64>>,
    by_hex: HashMap<String, u32>,
    /// `(bits, block number, block value)` → images.
    blocks: HashMap<(u32, u32, u64), Vec<u32>>,
    parent: Vec<u32>,
}

impl ImageClusters {
    pub(crate) fn new(distance_64: u32) -> Self {
        ImageClusters {
            distance_64,
            hashes: Vec::new(),
            by_hex: HashMap::new(),
            blocks: HashMap::new(),
            parent: Vec::new(),
        }
    }

    /// Adds a hash (16 or 64 lower-case hex digits); its image number, or `None` for a
    /// malformed or low-quality hash.
    pub(crate) fn add(&mut self, hex: &str) -> Option<u32> {
        if let Some(&id) = self.by_hex.get(hex) {
            return Some(id);
        }
        let words = parse(hex)?;
        let bits = 64 * words.len() as u32;
        let ones: u32 = words.iter().map(|w| w.count_ones()).sum();
        if ones < bits / 8 || ones > bits - bits / 8 {
            return None;
        }
        let distance = if bits == 64 { self.distance_64 } else { PDQ_MATCH_DISTANCE };
        let id = self.hashes.len() as u32;
        self.parent.push(id);
        let mut matches = Vec::new();
        for (block, value) in blocks(&words, distance + 1).into_iter().enumerate() {
            let entry = self.blocks.entry((bits, block as u32, value)).or_default();
            for &other in entry.iter() {
                if hamming(&self.hashes[other as usize], &words) <= distance {
                    matches.push(other);
                }
            }
            entry.push(id);
        }
        self.hashes.push(words);
        self.by_hex.insert(hex.to_owned(), id);
        for other in matches {
            let (a, b) = (self.root(id), self.root(other));
            if a != b {
                self.parent[a.max(b) as usize] = a.min(b);
            }
        }
        Some(id)
    }

    /// The image group of an image number.
    pub(crate) fn root(&self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x
    }
}

fn parse(hex: &str) -> Option<Vec<u64>> {
    if hex.len() != 16 && hex.len() != 64 {
        return None;
    }
    (0..hex.len() / 16).map(|i| u64::from_str_radix(&hex[i * 16..i * 16 + 16], 16).ok()).collect()
}

/// The number of differing bits of two hashes of the same length.
pub fn hamming(a: &[u64], b: &[u64]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

/// The hash's bits cut into `count` nearly equal contiguous blocks.
fn blocks(words: &[u64], count: u32) -> Vec<u64> {
    let bits = 64 * words.len() as u32;
    let count = count.clamp(1, bits);
    let bit = |i: u32| (words[(i / 64) as usize] >> (i % 64)) & 1;
    (0..count)
        .map(|block| {
            let (from, to) = (block * bits / count, (block + 1) * bits / count);
            (from..to).fold(0u64, |acc, i| (acc << 1) | bit(i))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_hashes_group_and_far_ones_do_not() {
        let mut images = ImageClusters::new(8);
        let a = images.add("d1c4b2a09f8e7766").unwrap();
        // Five bits flipped.
        let b = images.add(&format!("{:016x}", 0xd1c4_b2a0_9f8e_7766u64 ^ 0b1_0000_1000_0010_0000_0011)).unwrap();
        let c = images.add(&format!("{:016x}", !0xd1c4_b2a0_9f8e_7766u64)).unwrap();
        assert_eq!(images.root(a), images.root(b));
        assert_ne!(images.root(a), images.root(c));
        assert_eq!(images.add("d1c4b2a09f8e7766"), Some(a));
    }

    #[test]
    fn low_quality_and_malformed_hashes_are_ignored() {
        let mut images = ImageClusters::new(8);
        assert_eq!(images.add("0000000000000000"), None);
        assert_eq!(images.add("ffffffffffffff7f"), None);
        assert_eq!(images.add("xyz"), None);
    }

    #[test]
    fn pdq_hashes_match_within_31_bits() {
        let mut images = ImageClusters::new(8);
        let base = "a5".repeat(32);
        let a = images.add(&base).unwrap();
        // 30 bits flipped: the first 30 bits of the first word.
        let near = format!("{:016x}{}", 0xa5a5_a5a5_a5a5_a5a5u64 ^ 0x3fff_ffff, "a5".repeat(24));
        let b = images.add(&near).unwrap();
        assert_eq!(images.root(a), images.root(b));
        let far = "5a".repeat(32);
        let c = images.add(&far).unwrap();
        assert_ne!(images.root(a), images.root(c));
    }
}
