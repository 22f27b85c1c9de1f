//! Latency summaries: percentiles by nearest rank over every sample (no histogram
//! buckets, so p99 is a latency some request really had).

use std::time::Duration;

/// The figures printed for one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub p50: Duration,
    pub p90: Duration,
    pub p99: Duration,
    pub max: Duration,
}

/// The smallest sample such that at least `pct` percent of the samples are at most it.
/// `sorted` must be sorted ascending and not empty.
pub fn nearest_rank(sorted: &[Duration], pct: f64) -> Duration {
    let n = sorted.len();
    let rank = ((pct / 100.0) * n as f64).ceil() as usize;
    sorted[rank.clamp(1, n) - 1]
}

/// Summarises the samples; `None` when there are none.
pub fn summarize(mut samples: Vec<Duration>) -> Option<Summary> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable();
    Some(Summary {
        count: samples.len(),
        p50: nearest_rank(&samples, 50.0),
        p90: nearest_rank(&samples, 90.0),
        p99: nearest_rank(&samples, 99.0),
        max: samples[samples.len() - 1],
    })
}

/// The median of a few timings (the upper one of the middle two for an even count).
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// Milliseconds with one decimal, for tables.
pub fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(v: &[u64]) -> Vec<Duration> {
        v.iter().map(|&m| Duration::from_millis(m)).collect()
    }

    #[test]
    fn percentiles_are_samples_that_really_happened() {
        let s = summarize(millis(&(1..=100).rev().collect::<Vec<_>>())).unwrap();
        assert_eq!(s.count, 100);
        assert_eq!(
            (s.p50, s.p90, s.p99, s.max),
            (
                Duration::from_millis(50),
                Duration::from_millis(90),
                Duration::from_millis(99),
                Duration::from_millis(100)
            )
        );
    }

    #[test]
    fn one_sample_is_every_percentile_and_none_is_no_summary() {
        let s = summarize(millis(&[7])).unwrap();
        assert_eq!(
            (s.p50, s.p99, s.max),
            (Duration::from_millis(7), Duration::from_millis(7), Duration::from_millis(7))
        );
        assert!(summarize(Vec::new()).is_none());
    }

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_one() {
        assert_eq!(median(millis(&[9, 1, 5])), Duration::from_millis(5));
        assert_eq!(ms(Duration::from_micros(12_345)), "12.3");
    }
}
