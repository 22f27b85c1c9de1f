//! The incremental detector: observations in, campaigns out.
//!
//! It keeps, for every observation added, only what detection needs (account, time,
//! text cluster, traces), and for every distinct normalised text its shingles and
//! MinHash signature in an LSH index. A new batch is normalised and signed in parallel,
//! each new text is compared only with the LSH candidates (then the exact Jaccard
//! similarity), and joins or merges the existing text clusters; nothing already added
//! is computed again. Linking accounts (see [`super::coordination`]) runs over the
//! compact posts when [`Detector::findings`] is asked, which is linear in the posts.
//!
//! Signatures can be saved and given back with [`Detector::restore`], so that a later
//! run signs only the texts it has never seen.

use std::collections::HashMap;

use rayon::prelude::*;

use super::coordination::{CoordinationConfig, normalise_link};
use super::images::ImageClusters;
use super::lsh::LshIndex;
use super::minhash::{MinHasher, Signature, jaccard};
use super::report::TraceKind;
use super::shingles::{Shingling, hash_bytes, shingles};
use crate::normalize::{Lang, normalize};
use crate::observation::Observation;

/// Detection settings. The defaults are the calibrated ones (see `docs/campaigns.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct DetectorConfig {
    /// The least exact Jaccard similarity of two near-duplicate texts.
    pub threshold: f64,
    /// Texts with fewer words never join a cluster (one-word posts would merge everything).
    pub min_tokens: usize,
    pub permutations: usize,
    pub seed: u64,
    pub shingling: Shingling,
    /// Two 64-bit perceptual hashes at most this many bits apart show the same image
    /// (a quarter of that for 256-bit hashes: see [`super::images`]).
    pub image_distance: u32,
    pub coordination: CoordinationConfig,
}

impl Default for DetectorConfig {
    fn default() -> Self {
        let hasher = MinHasher::default();
        DetectorConfig {
            threshold: 0.5,
            min_tokens: 4,
            permutations: hasher.permutations(),
            seed: hasher.seed(),
            shingling: Shingling::default(),
            image_distance: 8,
            coordination: CoordinationConfig::default(),
        }
    }
}

/// A signature to save: the text's key, its cluster's key, its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSignature {
    pub key: u64,
    pub cluster: u64,
    pub signature: Signature,
}

/// What [`Detector::add`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddSummary {
    pub posts: usize,
    /// Distinct texts seen for the first time (signed in this batch).
    pub new_texts: usize,
    /// Candidate pairs confirmed as near-duplicates.
    pub matches: usize,
}

/// A trace a post carries, other than its text cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Mark {
    Image(u32),
    HashtagSequence(u64),
    Link(u64),
    Mention(u64),
}

pub(crate) const NO_TEXT: u32 = u32::MAX;

/// What the detector keeps of one post.
#[derive(Debug, Clone)]
pub(crate) struct PostEntry {
    pub id: i64,
    pub account: u32,
    pub at: i64,
    /// Index of its distinct text, [`NO_TEXT`] when too short to compare.
    pub text: u32,
    pub marks: Box<[Mark]>,
}

#[derive(Debug, Clone)]
struct TextEntry {
    key: u64,
    /// Empty for a text restored from a saved signature and not seen again yet.
    shingles: Box<[u64]>,
    signature: Option<Signature>,
    saved: bool,
}

/// The incremental campaign detector. See the module documentation.
#[derive(Debug, Clone)]
pub struct Detector {
    pub(crate) config: DetectorConfig,
    hasher: MinHasher,
    lsh: LshIndex,
    texts: Vec<TextEntry>,
    text_index: HashMap<u64, u32>,
    /// Union-find over texts: near-duplicate clusters.
    parent: Vec<u32>,
    pub(crate) images: ImageClusters,
    pub(crate) accounts: Vec<String>,
    account_index: HashMap<String, u32>,
    pub(crate) posts: Vec<PostEntry>,
    /// How a person reads each non-text trace.
    pub(crate) labels: HashMap<Mark, String>,
}

impl Detector {
    pub fn new(config: DetectorConfig) -> Detector {
        let hasher = MinHasher::new(config.permutations, config.seed);
        let lsh = LshIndex::for_threshold(config.threshold, config.permutations);
        Detector {
            images: ImageClusters::new(config.image_distance),
            config,
            hasher,
            lsh,
            texts: Vec::new(),
            text_index: HashMap::new(),
            parent: Vec::new(),
            accounts: Vec::new(),
            account_index: HashMap::new(),
            posts: Vec::new(),
            labels: HashMap::new(),
        }
    }

    pub fn config(&self) -> &DetectorConfig {
        &self.config
    }

    /// The number of posts added.
    pub fn len(&self) -> usize {
        self.posts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    /// The number of distinct comparable texts known (added or restored).
    pub fn text_count(&self) -> usize {
        self.texts.len()
    }

    /// The key of a normalised text: what makes two posts exact copies.
    pub fn text_key(normalised: &str) -> u64 {
        hash_bytes(normalised.as_bytes())
    }

    /// Gives back signatures saved by an earlier run (same settings), with their
    /// clusters, so their texts are not signed again. Call before adding posts.
    pub fn restore(&mut self, saved: impl IntoIterator<Item = SavedSignature>) {
        let mut unions = Vec::new();
        for s in saved {
            if s.signature.len() != self.hasher.permutations() || self.text_index.contains_key(&s.key) {
                continue;
            }
            let index = self.push_text(TextEntry { key: s.key, shingles: Box::new([]), signature: None, saved: true });
            self.lsh.insert(index, &s.signature);
            self.texts[index as usize].signature = Some(s.signature);
            unions.push((index, s.cluster));
        }
        for (index, cluster) in unions {
            if let Some(&other) = self.text_index.get(&cluster) {
                self.union(index, other);
            }
        }
    }

    /// Signatures not saved yet, and every saved one whose cluster changed since; marks
    /// them saved. Empty sets (texts too short to compare) are never returned.
    pub fn take_unsaved(&mut self) -> Vec<SavedSignature> {
        let mut out = Vec::new();
        for index in 0..self.texts.len() {
            if self.texts[index].saved {
                continue;
            }
            let cluster = self.texts[self.root(index as u32) as usize].key;
            let text = &mut self.texts[index];
            if let Some(signature) = &text.signature {
                out.push(SavedSignature { key: text.key, cluster, signature: signature.clone() });
            }
            text.saved = true;
        }
        out
    }

    /// Adds a batch of observations, each with the caller's id (unique per post).
    pub fn add(&mut self, batch: &[(i64, &Observation)]) -> AddSummary {
        let shingling = self.config.shingling;
        let min_tokens = self.config.min_tokens;
        // Normalise and shingle in parallel; the texts known already are not shingled again.
        let prepared: Vec<Prepared> = batch
            .par_iter()
            .map(|(_, observation)| prepare(observation, shingling, min_tokens, &self.text_index, &self.texts))
            .collect();
        // Sign the distinct new texts in parallel.
        let mut fresh: HashMap<u64, usize> = HashMap::new();
        let mut to_sign: Vec<(u64, &[u64])> = Vec::new();
        for p in &prepared {
            if let Some((key, Some(set))) = &p.text
                && !fresh.contains_key(key)
            {
                fresh.insert(*key, to_sign.len());
                to_sign.push((*key, set));
            }
        }
        let signatures: Vec<Signature> = to_sign.par_iter().map(|(_, set)| self.hasher.signature(set)).collect();

        let mut summary = AddSummary { posts: batch.len(), ..AddSummary::default() };
        let mut signed: Vec<Option<Signature>> = signatures.into_iter().map(Some).collect();
        for ((id, observation), prepared) in batch.iter().zip(prepared) {
            let text = match prepared.text {
                None => NO_TEXT,
                Some((key, set)) => match self.text_index.get(&key) {
                    Some(&index) => {
                        // A restored text seen again: keep its shingles for later comparisons.
                        if let Some(set) = set
                            && self.texts[index as usize].shingles.is_empty()
                        {
                            self.texts[index as usize].shingles = set.into_boxed_slice();
                        }
                        index
                    }
                    None => {
                        let slot = fresh[&key];
                        let signature = signed[slot].take().expect("each new text is signed once");
                        let set = set.expect("a new text was shingled");
                        summary.new_texts += 1;
                        summary.matches += self.insert_text(key, set, signature);
                        self.text_index[&key]
                    }
                },
            };
            let account = self.account(observation);
            let marks = self.marks(observation);
            self.posts.push(PostEntry { id: *id, account, at: observation.created_at().0, text, marks });
        }
        summary
    }

    /// Compares a new text with its LSH candidates, joins the clusters of those similar
    /// enough, and indexes it. Returns the number of confirmed candidates.
    fn insert_text(&mut self, key: u64, set: Vec<u64>, signature: Signature) -> usize {
        let candidates = self.lsh.candidates(&signature);
        let index = self.push_text(TextEntry { key, shingles: set.into_boxed_slice(), signature: None, saved: false });
        let mut matches = 0;
        for candidate in candidates {
            let other = &self.texts[candidate as usize];
            let similarity = if other.shingles.is_empty() {
                // Restored and not seen in this run: its signature's estimate stands in.
                other.signature.as_ref().map_or(0.0, |s| s.estimate(&signature))
            } else {
                jaccard(&other.shingles, &self.texts[index as usize].shingles)
            };
            if similarity >= self.config.threshold {
                matches += 1;
                self.union(index, candidate);
            }
        }
        self.lsh.insert(index, &signature);
        self.texts[index as usize].signature = Some(signature);
        matches
    }

    fn push_text(&mut self, entry: TextEntry) -> u32 {
        let index = u32::try_from(self.texts.len()).expect("fewer than 2^32 distinct texts");
        self.text_index.insert(entry.key, index);
        self.texts.push(entry);
        self.parent.push(index);
        index
    }

    fn account(&mut self, observation: &Observation) -> u32 {
        let name = format!("{}:{}", observation.platform(), observation.author());
        if let Some(&id) = self.account_index.get(&name) {
            return id;
        }
        let id = u32::try_from(self.accounts.len()).expect("fewer than 2^32 accounts");
        self.account_index.insert(name.clone(), id);
        self.accounts.push(name);
        id
    }

    fn marks(&mut self, observation: &Observation) -> Box<[Mark]> {
        let mut marks = Vec::new();
        for hash in observation.media_phash() {
            if let Some(image) = self.images.add(hash) {
                let mark = Mark::Image(image);
                self.labels.entry(mark).or_insert_with(|| hash.clone());
                marks.push(mark);
            }
        }
        // A single hashtag is what everyone writing on a subject uses; a sequence of
        // two or more, in the same order, is a shared script.
        if observation.hashtags().len() >= 2 {
            let sequence = observation.hashtags().join("\u{1f}");
            let mark = Mark::HashtagSequence(hash_bytes(sequence.as_bytes()));
            self.labels.entry(mark).or_insert_with(|| {
                observation.hashtags().iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ")
            });
            marks.push(mark);
        }
        for link in observation.links() {
            let normal = normalise_link(link);
            let mark = Mark::Link(hash_bytes(normal.as_bytes()));
            self.labels.entry(mark).or_insert_with(|| link.clone());
            marks.push(mark);
        }
        for mention in observation.mentions() {
            let mark = Mark::Mention(hash_bytes(mention.as_bytes()));
            self.labels.entry(mark).or_insert_with(|| format!("@{mention}"));
            marks.push(mark);
        }
        marks.sort_unstable();
        marks.dedup();
        marks.into_boxed_slice()
    }

    pub(crate) fn root(&self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find_compress(a), self.find_compress(b));
        if ra != rb {
            // The older text names the cluster, so a cluster's key is stable as it grows.
            self.parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }

    fn find_compress(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// The cluster root of every text, in one forward pass: a text's parent always has a
    /// smaller index (the older text names the cluster), so its root is known before it.
    pub(crate) fn text_roots(&self) -> Vec<u32> {
        let mut roots: Vec<u32> = Vec::with_capacity(self.parent.len());
        for (i, &p) in self.parent.iter().enumerate() {
            roots.push(if p as usize == i { p } else { roots[p as usize] });
        }
        roots
    }

    /// The text cluster of a post (the root text's index), if its text is comparable.
    pub(crate) fn cluster_of(&self, post: &PostEntry) -> Option<u32> {
        (post.text != NO_TEXT).then(|| self.root(post.text))
    }

    /// Whether two posts (by position in the order added) are in one text cluster.
    pub fn same_text_cluster(&self, a: usize, b: usize) -> bool {
        match (self.posts.get(a), self.posts.get(b)) {
            (Some(a), Some(b)) => self.cluster_of(a).is_some() && self.cluster_of(a) == self.cluster_of(b),
            _ => false,
        }
    }
}

impl Mark {
    pub(crate) fn kind(self) -> TraceKind {
        match self {
            Mark::Image(_) => TraceKind::Image,
            Mark::HashtagSequence(_) => TraceKind::HashtagSequence,
            Mark::Link(_) => TraceKind::Link,
            Mark::Mention(_) => TraceKind::Mention,
        }
    }
}

/// One post normalised: its text key and, when the text is new and long enough, its shingles.
struct Prepared {
    /// `None` when the text has fewer than `min_tokens` words.
    text: Option<(u64, Option<Vec<u64>>)>,
}

fn prepare(
    observation: &Observation,
    shingling: Shingling,
    min_tokens: usize,
    known: &HashMap<u64, u32>,
    texts: &[TextEntry],
) -> Prepared {
    let lang = Lang::detect(observation.lang(), observation.text());
    let normal = normalize(observation.text(), lang);
    if normal.tokens.len() < min_tokens {
        return Prepared { text: None };
    }
    let key = Detector::text_key(&normal.text);
    let needs_shingles = known.get(&key).is_none_or(|&i| texts[i as usize].shingles.is_empty());
    Prepared { text: Some((key, needs_shingles.then(|| shingles(&normal.text, shingling)))) }
}
