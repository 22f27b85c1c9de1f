//! Coordinated behaviour: accounts that act together, not just posts that look alike.
//!
//! An account (`platform:author`, numbered by the caller) is linked to another by a
//! *co-action* when a post of each carries the same [`Trace`] (same near-duplicate text
//! cluster, same image, same hashtag sequence, same link, same mention) and the two posts
//! are at most [`CoordinationConfig::window_secs`] apart. The weight of a link is the
//! number of distinct traces the two accounts share that way; one shared hashtag is
//! chance, several shared traces in lockstep are a pattern. Connected groups of strongly
//! linked accounts are candidate [`campaigns`].
//!
//! Pure and deterministic: no I/O, and the same posts give the same edges in the same order.

use std::collections::HashMap;

use super::near_duplicates::clusters;
use super::shingles::hash_bytes;
use crate::Timestamp;
use crate::observation::Observation;

/// Something a post leaves behind that another post can share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Trace {
    /// The near-duplicate text cluster the post belongs to (see [`super::clusters`]).
    Text(u32),
    /// Hash of one perceptual image hash.
    Image(u64),
    /// Hash of the post's hashtags, in order.
    HashtagSequence(u64),
    /// Hash of one normalised link.
    Link(u64),
    /// Hash of one mentioned account.
    Mention(u64),
}

/// One post as the coordination analysis sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: u32,
    /// The caller's number for the `platform:author` account.
    pub account: u32,
    pub at: Timestamp,
    pub traces: Vec<Trace>,
}

/// A link between two accounts, `a < b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub a: u32,
    pub b: u32,
    /// The number of distinct shared traces, i.e. `traces.len()`.
    pub weight: u32,
    /// The traces the two accounts shared within the window, sorted.
    pub traces: Vec<Trace>,
}

/// How close in time, how strong and how large coordination must be to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoordinationConfig {
    /// Two posts co-act when at most this many seconds apart.
    pub window_secs: i64,
    /// Edges with fewer distinct shared traces are dropped.
    pub min_edge_weight: u32,
    /// Groups of fewer accounts are not reported as campaigns.
    pub min_accounts: usize,
    /// The pair-explosion cap: in one trace's time-sorted posts, each post is paired
    /// with at most this many of the posts that follow it within the window. A trending
    /// hashtag or viral link can put tens of thousands of posts in one window; without
    /// the cap that group alone would be quadratic. With it the work is
    /// `O(posts × max_partners)`, and a burst of many accounts still ends up connected
    /// (each post is linked to its next neighbours), but some pairs inside a very dense
    /// burst are not counted, so weights there are lower bounds.
    pub max_partners: usize,
}

impl Default for CoordinationConfig {
    fn default() -> Self {
        CoordinationConfig { window_secs: 3600, min_edge_weight: 2, min_accounts: 5, max_partners: 256 }
    }
}

impl CoordinationConfig {
    /// Automated bursts: co-actions within one minute.
    pub fn bot_burst() -> Self {
        CoordinationConfig { window_secs: 60, ..CoordinationConfig::default() }
    }
}

/// The traces of an observation: its text cluster (when the caller has one), each image,
/// its hashtag sequence (when it has hashtags), each link and each mention, without repeats.
///
/// Hashtags and mentions are already lower-case in a validated [`Observation`]. Links are
/// normalised so trivial variants meet: the scheme, a leading `www.` and the fragment are
/// dropped, the host is lower-cased and a trailing `/` removed.
pub fn traces_of(observation: &Observation, text_cluster: Option<u32>) -> Vec<Trace> {
    let mut traces: Vec<Trace> = text_cluster.into_iter().map(Trace::Text).collect();
    traces.extend(observation.media_phash().iter().map(|p| Trace::Image(hash_bytes(p.as_bytes()))));
    if !observation.hashtags().is_empty() {
        // The unit separator cannot occur in a tag, so ["ab", "c"] and ["a", "bc"] differ.
        let sequence = observation.hashtags().join("\u{1f}");
        traces.push(Trace::HashtagSequence(hash_bytes(sequence.as_bytes())));
    }
    traces.extend(observation.links().iter().map(|l| Trace::Link(hash_bytes(normalise_link(l).as_bytes()))));
    traces.extend(observation.mentions().iter().map(|m| Trace::Mention(hash_bytes(m.as_bytes()))));
    traces.sort_unstable();
    traces.dedup();
    traces
}

pub(crate) fn normalise_link(link: &str) -> String {
    let rest = link.split_once("://").map_or(link, |(_, rest)| rest);
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let (host, path) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.strip_suffix('/').unwrap_or(path);
    format!("{host}{path}")
}

/// The co-action edges between accounts, with weight at least `config.min_edge_weight`,
/// sorted by `(a, b)`.
///
/// Posts are grouped by trace, each group sorted by time, and each post paired only with
/// the posts that follow it within the window (at most `config.max_partners` of them), so
/// the corpus is never compared pair by pair.
pub fn link_accounts(posts: &[Post], config: &CoordinationConfig) -> Vec<Edge> {
    let mut groups: HashMap<Trace, Vec<(i64, u32)>> = HashMap::new();
    for post in posts {
        for &trace in &post.traces {
            groups.entry(trace).or_default().push((post.at.0, post.account));
        }
    }
    let mut shared: HashMap<(u32, u32), Vec<Trace>> = HashMap::new();
    for (trace, mut group) in groups {
        group.sort_unstable();
        group.dedup();
        for (i, &(at, account)) in group.iter().enumerate() {
            for &(later, other) in group[i + 1..].iter().take(config.max_partners) {
                if i128::from(later) - i128::from(at) > i128::from(config.window_secs) {
                    break;
                }
                if other != account {
                    shared.entry((account.min(other), account.max(other))).or_default().push(trace);
                }
            }
        }
    }
    let mut edges: Vec<Edge> = shared
        .into_iter()
        .filter_map(|((a, b), mut traces)| {
            traces.sort_unstable();
            traces.dedup();
            let weight = u32::try_from(traces.len()).unwrap_or(u32::MAX);
            (weight >= config.min_edge_weight).then_some(Edge { a, b, weight, traces })
        })
        .collect();
    edges.sort_unstable_by_key(|e| (e.a, e.b));
    edges
}

/// The groups of accounts connected by edges of weight at least `config.min_edge_weight`,
/// keeping groups of at least `config.min_accounts`; each group sorted, groups ordered by
/// their smallest account.
pub fn campaigns(edges: &[Edge], config: &CoordinationConfig) -> Vec<Vec<u32>> {
    let strong: Vec<&Edge> = edges.iter().filter(|e| e.weight >= config.min_edge_weight).collect();
    let mut accounts: Vec<u32> = strong.iter().flat_map(|e| [e.a, e.b]).collect();
    accounts.sort_unstable();
    accounts.dedup();
    let index = |account: u32| accounts.binary_search(&account).map_or(0, |i| i as u32);
    let pairs: Vec<(u32, u32, f64)> = strong.iter().map(|e| (index(e.a), index(e.b), 1.0)).collect();
    clusters(accounts.len(), &pairs)
        .into_iter()
        .filter(|group| group.len() >= config.min_accounts)
        .map(|group| group.into_iter().map(|i| accounts[i as usize]).collect())
        .collect()
}

#[cfg(test)]
mod tests;
