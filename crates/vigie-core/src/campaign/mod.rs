//! Campaign detection, first piece: finding posts that are near-copies of each other.
//!
//! A campaign posts one message from many accounts, each copy edited a little. After
//! [`crate::normalize::normalize`] has folded away the cheap variations (diacritics,
//! tatweel, invisible characters, punctuation), the copies still differ by a word here
//! and a hashtag there. Comparing every pair of posts is quadratic, so the pipeline is:
//!
//! 1. [`shingles`]: a post becomes the set of hashes of its character 5-grams;
//! 2. [`minhash`]: a set becomes a short [`Signature`] whose slot agreement estimates
//!    the Jaccard similarity of two sets;
//! 3. [`lsh`]: signatures are cut into bands so that only posts sharing a band are
//!    compared ([`LshIndex`]);
//! 4. [`near_duplicates`]: candidates are confirmed with the exact Jaccard similarity
//!    and grouped into clusters.
//!
//! [`coordination`] then links accounts that share traces (text cluster, image, hashtag
//! sequence, link, mention) within a time window, and groups them into campaigns.
//!
//! Everything here is pure and deterministic: the same posts and seed give the same pairs.

pub mod coordination;
pub mod corpus;
pub mod detector;
pub mod evaluation;
pub mod findings;
pub mod images;
pub mod lsh;
pub mod minhash;
pub mod near_duplicates;
pub mod report;
pub mod service;
pub mod shingles;

pub use coordination::{CoordinationConfig, Edge, Post, Trace, campaigns, link_accounts, traces_of};
pub use corpus::{Corpus, CorpusError, CorpusSpec, generate_corpus};
pub use detector::{AddSummary, Detector, DetectorConfig, SavedSignature};
pub use findings::{Finding, WhyLinked, burstiness, continued_campaigns};
pub use lsh::{LshIndex, bands_for};
pub use minhash::{MinHasher, Signature, jaccard};
pub use near_duplicates::{Item, NearDuplicates, clusters};
pub use report::CampaignReport;
pub use service::{CampaignView, Campaigns, DetectOutcome, DetectProgress, ImportCounts};
pub use shingles::{Shingling, shingles};
