//! What detection says about one campaign: who, how many, how fast, and why the
//! accounts are linked. Saved as JSON with the campaign and shown by the pages, the API
//! and `vigie campaigns detect --format json`.

use serde::{Deserialize, Serialize};

/// One detected campaign. Times are Unix seconds (UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignReport {
    /// The accounts, most active first.
    pub accounts: Vec<AccountSummary>,
    /// `(platform, post_id)` of every post, in time order.
    pub posts: Vec<(String, String)>,
    /// The caller's ids of the posts (the store's observation ids), in the same order.
    pub post_ids: Vec<i64>,
    /// Posts per platform, most first.
    pub platforms: Vec<Count>,
    pub first_seen: i64,
    pub last_seen: i64,
    /// The most posts in one clock hour, and that hour's start.
    pub peak_per_hour: u32,
    pub peak_hour: i64,
    /// Goh–Barabási burstiness of the gaps between posts, from −1 (regular) through 0
    /// (random) to 1 (all in bursts).
    pub burstiness: f64,
    /// The rank key: larger is more coordinated (see `docs/campaigns.md`).
    pub score: f64,
    /// The most used hashtags, most first.
    pub hashtags: Vec<Count>,
    /// One post per near-duplicate text, in its original language, largest text cluster first.
    pub representative: Vec<RepresentativePost>,
    /// The traces the accounts share, most posts first.
    pub traces: Vec<TraceSummary>,
    /// Posts per clock hour and platform, by hour.
    pub timeline: Vec<HourCount>,
    /// The links between accounts (indexes into `accounts`), strongest first.
    pub links: Vec<AccountLink>,
}

/// A value and how many times it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub value: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// `platform:author`.
    pub account: String,
    pub platform: String,
    pub author: String,
    pub posts: u32,
    pub first_seen: i64,
    /// The number of accounts of the campaign it is directly linked to.
    pub links: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepresentativePost {
    pub post_id: i64,
    pub platform: String,
    pub author: String,
    pub at: i64,
    pub lang: Option<String>,
    pub text: String,
    /// How many posts of the campaign carry a near-copy of this text.
    pub copies: u32,
}

/// The kind of a shared trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TraceKind {
    Text,
    Image,
    HashtagSequence,
    Link,
    Mention,
}

impl TraceKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Image => "image",
            Self::HashtagSequence => "hashtag_sequence",
            Self::Link => "link",
            Self::Mention => "mention",
        }
    }
}

/// A trace as a person reads it: for text, an excerpt of its representative post; for
/// an image, its perceptual hash; for hashtags, `#a #b`; a link; a `@mention`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceSummary {
    pub kind: TraceKind,
    pub label: String,
    pub posts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourCount {
    pub hour: i64,
    pub platform: String,
    pub posts: u32,
}

/// Why two accounts are linked: their co-actions (pairs of posts sharing a trace within
/// the window), the first few of them spelled out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLink {
    pub a: u32,
    pub b: u32,
    /// The number of distinct co-actions.
    pub weight: u32,
    pub examples: Vec<CoAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoAction {
    pub kind: TraceKind,
    pub label: String,
    /// Observation ids of the two posts (of `a` then of `b`).
    pub post_a: i64,
    pub post_b: i64,
    /// Seconds between them.
    pub gap_secs: i64,
}
