//! Measuring detection against a labelled corpus (see [`super::corpus`]): what the
//! benchmark prints and the tests hold to.

use std::collections::HashMap;

use super::corpus::Corpus;
use super::detector::{Detector, NO_TEXT};
use super::findings::Finding;

/// How well the reported campaigns match the planted ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    pub planted: usize,
    pub reported: usize,
    /// Planted campaigns matched by at least one reported campaign.
    pub found: usize,
    /// Reported campaigns whose accounts are mostly (more than half) one planted campaign's.
    pub true_reports: usize,
    /// The most reported campaigns one planted campaign was split into.
    pub max_split: usize,
    /// Near-duplicate pairs among planted posts: same planted campaign and same text cluster.
    pub pair_precision: f64,
    pub pair_recall: f64,
}

impl Quality {
    pub fn campaign_recall(&self) -> f64 {
        ratio(self.found, self.planted)
    }

    pub fn campaign_precision(&self) -> f64 {
        ratio(self.true_reports, self.reported)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Compares findings with the corpus's labels. The detector must hold the corpus's
/// observations with ids `0..n` in order.
pub fn evaluate(corpus: &Corpus, detector: &Detector, findings: &[Finding]) -> Quality {
    let mut planted_of: HashMap<String, u32> = HashMap::new();
    for (id, accounts) in corpus.campaign_accounts.iter().enumerate() {
        for account in accounts {
            planted_of.insert(account.clone(), id as u32);
        }
    }
    let planted = corpus.campaign_accounts.len();
    let mut split = vec![0usize; planted];
    let mut true_reports = 0;
    for finding in findings {
        let mut votes: HashMap<u32, usize> = HashMap::new();
        for name in finding.account_names(detector) {
            let author = name.split_once(':').map_or(name, |(_, author)| author);
            if let Some(&label) = planted_of.get(author) {
                *votes.entry(label).or_default() += 1;
            }
        }
        if let Some((&label, &n)) = votes.iter().max_by_key(|(label, n)| (**n, std::cmp::Reverse(**label)))
            && n * 2 > finding.accounts.len()
        {
            true_reports += 1;
            split[label as usize] += 1;
        }
    }

    // Pairs: per text cluster, how many posts of each planted campaign and of background.
    let mut by_cluster: HashMap<u32, HashMap<Option<u32>, u64>> = HashMap::new();
    let mut per_label: HashMap<u32, u64> = HashMap::new();
    let roots = detector.text_roots();
    for (position, label) in corpus.labels.iter().enumerate() {
        if let Some(label) = label {
            *per_label.entry(*label).or_default() += 1;
        }
        if let Some(cluster) =
            detector.posts.get(position).filter(|p| p.text != NO_TEXT).map(|p| roots[p.text as usize])
        {
            *by_cluster.entry(cluster).or_default().entry(*label).or_default() += 1;
        }
    }
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let (mut hits, mut predicted) = (0u64, 0u64);
    for counts in by_cluster.values() {
        let total: u64 = counts.values().sum();
        let background = counts.get(&None).copied().unwrap_or(0);
        predicted += pairs(total) - pairs(background);
        hits += counts.iter().filter(|(label, _)| label.is_some()).map(|(_, &n)| pairs(n)).sum::<u64>();
    }
    let truth: u64 = per_label.values().map(|&n| pairs(n)).sum();
    Quality {
        planted,
        reported: findings.len(),
        found: split.iter().filter(|&&n| n > 0).count(),
        true_reports,
        max_split: split.iter().copied().max().unwrap_or(0),
        pair_precision: if predicted == 0 { 1.0 } else { hits as f64 / predicted as f64 },
        pair_recall: if truth == 0 { 1.0 } else { hits as f64 / truth as f64 },
    }
}
