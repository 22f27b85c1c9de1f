//! Locality-sensitive hashing over MinHash signatures: which posts are worth comparing.
//!
//! A signature of `b · r` slots is cut into `b` bands of `r` rows. Two posts become
//! candidates when all rows of at least one band agree, which for Jaccard similarity `s`
//! happens with probability `P(s) = 1 − (1 − sʳ)ᵇ`: an S-curve whose steepest point is
//! near `(1/b)^(1/r)`. [`bands_for`] places that curve at the wanted threshold;
//! [`LshIndex`] keeps one bucket map per band.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::minhash::Signature;
use super::shingles::mix64;

/// The `(bands, rows)` split of `permutations` slots for a similarity `threshold`.
///
/// Among the splits with `bands · rows = permutations` exactly (so no slot is wasted),
/// picks the one minimising the false-positive area `∫₀ᵗ P(s) ds` plus the
/// false-negative area `∫ₜ¹ (1 − P(s)) ds`, which puts the S-curve's step at about
/// `(1/b)^(1/r) ≈ t`. Both errors are weighted alike; the exact Jaccard check that
/// follows removes false positives, but it is the comparisons they cost that the index
/// is there to save. The integrals are taken numerically (midpoint rule, 1 000 steps).
///
/// # Panics
/// If `permutations` is zero.
pub fn bands_for(threshold: f64, permutations: usize) -> (usize, usize) {
    assert!(permutations > 0, "no permutations to split");
    let threshold = threshold.clamp(0.0, 1.0);
    (1..=permutations)
        .filter(|&rows| permutations.is_multiple_of(rows))
        .map(|rows| (permutations / rows, rows))
        .min_by(|&x, &y| error_area(threshold, x).total_cmp(&error_area(threshold, y)))
        .expect("1 divides every count")
}

/// False-positive plus false-negative area of the split `(bands, rows)` at `threshold`.
fn error_area(threshold: f64, (bands, rows): (usize, usize)) -> f64 {
    const STEPS: usize = 1000;
    let candidate = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
    let width = 1.0 / STEPS as f64;
    (0..STEPS)
        .map(|step| {
            let s = (step as f64 + 0.5) * width;
            let error = if s < threshold { candidate(s) } else { 1.0 - candidate(s) };
            error * width
        })
        .sum()
}

/// The similarity at which the S-curve of `(bands, rows)` is steepest, `(1/b)^(1/r)`.
pub fn threshold_of(bands: usize, rows: usize) -> f64 {
    (1.0 / bands as f64).powf(1.0 / rows as f64)
}

/// An index of signatures by band, answering "which inserted posts might be similar?".
///
/// Inserting and querying can be interleaved: a post can be checked against those seen
/// so far, then inserted. Each band maps the hash of its rows to the ids sharing them,
/// kept contiguous so that a query reads each bucket in one sweep. Band keys are
/// already well-mixed 64-bit hashes, so the maps use them as their own hash.
#[derive(Debug, Clone)]
pub struct LshIndex {
    rows: usize,
    buckets: Vec<HashMap<u64, Vec<u32>, BuildHasherDefault<KeyHasher>>>,
}

/// The identity hash for keys that are hashes already.
#[derive(Debug, Clone, Copy, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = mix64(self.0 ^ u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

impl LshIndex {
    /// An empty index for signatures of at least `bands · rows` slots.
    pub fn new(bands: usize, rows: usize) -> LshIndex {
        LshIndex { rows: rows.max(1), buckets: vec![HashMap::default(); bands] }
    }

    /// An index banded for `threshold` (see [`bands_for`]).
    pub fn for_threshold(threshold: f64, permutations: usize) -> LshIndex {
        let (bands, rows) = bands_for(threshold, permutations);
        LshIndex::new(bands, rows)
    }

    /// The number of bands and rows per band.
    pub fn shape(&self) -> (usize, usize) {
        (self.buckets.len(), self.rows)
    }

    /// Adds `id` under each band of `signature`.
    ///
    /// # Panics
    /// If the signature is shorter than `bands · rows`.
    pub fn insert(&mut self, id: u32, signature: &Signature) {
        let keys: Vec<u64> = self.band_keys(signature).collect();
        for (bucket, key) in self.buckets.iter_mut().zip(keys) {
            bucket.entry(key).or_default().push(id);
        }
    }

    /// The ids sharing at least one band with `signature`, sorted and deduplicated.
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        let mut found: Vec<u32> = Vec::new();
        for (bucket, key) in self.buckets.iter().zip(self.band_keys(signature)) {
            if let Some(ids) = bucket.get(&key) {
                found.extend_from_slice(ids);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// One key per band: the hash of its rows, mixed with the band's number so that
    /// equal rows in different bands do not share a key by construction.
    fn band_keys<'a>(&self, signature: &'a Signature) -> impl Iterator<Item = u64> + 'a {
        let (bands, rows) = self.shape();
        assert!(signature.len() >= bands * rows, "signature shorter than the index's bands");
        signature.0.chunks_exact(rows).take(bands).enumerate().map(|(band, slots)| {
            // The band's slots folded word by word: no allocation per band.
            let mut key = mix64(band as u64 ^ 0x6c73_685f_6261_6e64);
            for &slot in slots {
                key = mix64(key ^ slot).wrapping_add(0x9e37_79b9_7f4a_7c15);
            }
            key
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::minhash::MinHasher;
    use crate::campaign::shingles::{Shingling, shingles};

    #[test]
    fn bands_for_half_uses_every_slot_and_steps_near_half() {
        let (bands, rows) = bands_for(0.5, 128);
        assert_eq!(bands * rows, 128);
        let step = threshold_of(bands, rows);
        assert!((step - 0.5).abs() < 0.1, "{bands} bands of {rows} rows step at {step}");
    }

    #[test]
    fn a_higher_threshold_gets_longer_bands() {
        let (_, low) = bands_for(0.3, 128);
        let (_, high) = bands_for(0.9, 128);
        assert!(high > low);
        assert_eq!(bands_for(0.5, 1), (1, 1));
    }

    #[test]
    fn index_finds_a_near_duplicate_inserted_earlier_and_not_an_unrelated_post() {
        let hasher = MinHasher::default();
        let signature = |text: &str| hasher.signature(&shingles(text, Shingling::default()));
        let mut index = LshIndex::for_threshold(0.5, hasher.permutations());
        index.insert(7, &signature("the journalist was arrested at dawn and taken to an unknown place"));
        index.insert(9, &signature("registration for the spring workshop closes on friday evening"));

        let near = index.candidates(&signature("the journalist was arrested at dawn and taken to unknown place"));
        assert_eq!(near, vec![7]);
        assert!(index.candidates(&signature("rain is expected over the northern coast tomorrow")).is_empty());
    }
}
