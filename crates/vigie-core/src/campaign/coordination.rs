//! Coordination settings and the link normalisation shared by the detector.
//!
//! An account (`platform:author`) is linked to another by *co-actions*: pairs of their
//! posts at most [`CoordinationConfig::window_secs`] apart that share a trace (see
//! [`super::findings`], which does the linking). The settings say how close in time, how
//! many co-actions and how many accounts it takes.

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

/// A link normalised so trivial variants meet: the scheme, a leading `www.` and the
/// fragment are dropped, the host is lower-cased and a trailing `/` removed.
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

#[cfg(test)]
mod tests;
