//! Campaign detection: many accounts posting near-copies, the same images, hashtag
//! sequences and links, within a short time.
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
//! 4. [`detector`]: candidates are confirmed with the exact Jaccard similarity and
//!    joined into text clusters, incrementally; images are grouped by [`images`];
//! 5. [`findings`]: accounts are linked by co-actions within a time window
//!    ([`coordination`] settings), grouped into campaigns, and each is described by a
//!    [`report`].
//!
//! [`service`] runs it over the stored observations. Everything but the service is pure
//! and deterministic: the same posts and settings give the same campaigns.

pub mod coordination;
pub mod corpus;
pub mod detector;
pub mod evaluation;
pub mod findings;
pub mod images;
pub mod lsh;
pub mod minhash;
pub mod report;
pub mod service;
pub mod shingles;

pub use coordination::CoordinationConfig;
pub use corpus::{Corpus, CorpusError, CorpusSpec, generate_corpus};
pub use detector::{AddSummary, Detector, DetectorConfig, SavedSignature};
pub use findings::{Finding, WhyLinked, burstiness, continued_campaigns};
pub use lsh::{LshIndex, bands_for};
pub use minhash::{MinHasher, Signature, jaccard};
pub use report::CampaignReport;
pub use service::{CampaignView, Campaigns, DetectOutcome, DetectProgress, ImportCounts};
pub use shingles::{Shingling, shingles};
