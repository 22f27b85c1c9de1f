//! When a failed job runs again: exponential backoff, capped, with jitter, and a
//! number of failures after which it is dead (kept for an operator, never retried
//! alone).
//!
//! The jitter is not random: it is a fraction of the delay drawn from the job's id, the
//! same at every attempt of one job and spread across jobs. Jitter is there so that
//! jobs that failed together (a mail server down for an hour) do not all come back in
//! the same second; a per-job fraction does that, keeps the domain free of a random
//! source, and keeps one job's delays non-decreasing from one attempt to the next.

use crate::Timestamp;
use crate::store::{JobId, Retry};

/// How a failing job is tried again. Durations are in seconds, like [`Timestamp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The delay after the first failure; doubled at each further one.
    pub base_secs: i64,
    /// The longest delay before jitter.
    pub cap_secs: i64,
    /// Up to this many thousandths of the delay are added (a fraction fixed per job).
    pub jitter_permille: u32,
    /// Failures after which the job is dead; `None`: tried again for ever (a recurring
    /// job, whose next run is its retry).
    pub max_attempts: Option<u32>,
}

impl Default for RetryPolicy {
    /// 30 s, 1 min, 2 min, … up to an hour, up to a quarter more for jitter; dead after
    /// ten failures (about six hours of trying).
    fn default() -> Self {
        Self { base_secs: 30, cap_secs: 3600, jitter_permille: 250, max_attempts: Some(10) }
    }
}

impl RetryPolicy {
    /// A recurring job's policy: back off from `base_secs` but never wait longer than
    /// its period, without jitter (the period already spreads runs), never dead.
    pub fn recurring(base_secs: i64, period_secs: i64) -> Self {
        let period = period_secs.max(1);
        Self { base_secs: base_secs.clamp(1, period), cap_secs: period, jitter_permille: 0, max_attempts: None }
    }

    /// Reads `base=30s,cap=30m,attempts=50` (units `s`, `m`, `h`; `attempts=0` for
    /// never dead); what is left out keeps its value in `self`.
    pub fn parse_over(self, raw: &str) -> Result<Self, String> {
        let mut p = self;
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, value) = item.split_once('=').ok_or_else(|| format!("{item:?}: expected name=value"))?;
            let value = value.trim();
            let secs = || crate::time::short_duration_secs(value).filter(|n| *n > 0);
            match name.trim() {
                "base" => p.base_secs = secs().ok_or_else(|| format!("{item:?}: expected a duration like 30s"))?,
                "cap" => p.cap_secs = secs().ok_or_else(|| format!("{item:?}: expected a duration like 30m"))?,
                "attempts" => {
                    let n: u32 = value.parse().map_err(|_| format!("{item:?}: expected a number"))?;
                    p.max_attempts = (n > 0).then_some(n);
                }
                other => return Err(format!("unknown retry setting {other:?} (base, cap, attempts)")),
            }
        }
        if p.cap_secs < p.base_secs {
            return Err("the cap cannot be shorter than the base".into());
        }
        Ok(p)
    }

    /// The delay before jitter after `failures` failures (the first counts as 1):
    /// `base · 2^(failures − 1)`, at most the cap. A base below one second counts as one,
    /// a cap below the base as the base.
    pub fn backoff(&self, failures: u32) -> i64 {
        let base = self.base_secs.max(1);
        let cap = self.cap_secs.max(base);
        let doublings = failures.saturating_sub(1);
        if doublings >= 62 {
            return cap;
        }
        base.saturating_mul(1_i64 << doublings).min(cap)
    }

    /// The delay after `failures` failures of the job seeded `seed`: the backoff plus
    /// the job's fraction of it.
    pub fn delay(&self, failures: u32, seed: u64) -> i64 {
        let backoff = self.backoff(failures);
        let permille = i128::from(self.jitter_permille);
        let fraction = i128::from(mix(seed) % (u64::from(self.jitter_permille) + 1));
        debug_assert!(fraction <= permille);
        let jitter = i128::from(backoff) * fraction / 1000;
        backoff.saturating_add(i64::try_from(jitter).unwrap_or(i64::MAX))
    }

    /// The longest delay this policy can give: the cap plus all of its jitter.
    pub fn max_delay(&self) -> i64 {
        let cap = self.cap_secs.max(self.base_secs.max(1));
        let jitter = i128::from(cap) * i128::from(self.jitter_permille) / 1000;
        cap.saturating_add(i64::try_from(jitter).unwrap_or(i64::MAX))
    }

    /// Whether a job that failed `failures` times is out of attempts.
    pub fn exhausted(&self, failures: u32) -> bool {
        self.max_attempts.is_some_and(|max| failures >= max)
    }

    /// What becomes of `job` after its `failures`-th failure at `now`.
    pub fn after_failure(&self, failures: u32, job: JobId, now: Timestamp) -> Retry {
        if self.exhausted(failures) {
            Retry::Dead
        } else {
            Retry::At(now.plus_secs(self.delay(failures, job.0 as u64)))
        }
    }
}

/// SplitMix64's finaliser: consecutive job ids give unrelated fractions.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_read_from_settings_keep_what_is_left_out() {
        let p = RetryPolicy::default().parse_over("base=2s, attempts=0").unwrap();
        assert_eq!((p.base_secs, p.cap_secs, p.max_attempts), (2, 3600, None));
        let p = RetryPolicy::default().parse_over("cap=2h,attempts=5").unwrap();
        assert_eq!((p.cap_secs, p.max_attempts), (7200, Some(5)));
        for bad in ["base=0s", "cap=1s", "wait=3s", "base=3", "attempts=-1"] {
            assert!(RetryPolicy::default().parse_over(bad).is_err(), "{bad}");
        }
    }
    use proptest::prelude::*;

    #[test]
    fn the_default_backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        let p = RetryPolicy::default();
        let delays: Vec<i64> = (1..=9).map(|n| p.backoff(n)).collect();
        assert_eq!(delays, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(p.backoff(0), 30, "no failure yet counts as the first");
        assert_eq!(p.backoff(u32::MAX), 3600);
    }

    #[test]
    fn the_tenth_failure_is_the_last_by_default() {
        let p = RetryPolicy::default();
        let now = Timestamp(1_000);
        assert!(matches!(p.after_failure(9, JobId(1), now), Retry::At(t) if t > now));
        assert_eq!(p.after_failure(10, JobId(1), now), Retry::Dead);
        assert_eq!(p.after_failure(11, JobId(1), now), Retry::Dead);
    }

    #[test]
    fn jobs_that_failed_together_come_back_at_different_times() {
        let p = RetryPolicy::default();
        let times: std::collections::BTreeSet<i64> = (0..100).map(|id| p.delay(8, id)).collect();
        assert!(times.len() > 50, "only {} distinct delays", times.len());
        assert!(times.iter().all(|d| (3600..=4500).contains(d)));
    }

    #[test]
    fn a_recurring_job_retries_within_its_period_and_never_dies() {
        let p = RetryPolicy::recurring(30, 600);
        assert!((1..1000).all(|n| p.delay(n, n.into()) <= 600));
        assert_eq!(p.after_failure(1_000_000, JobId(3), Timestamp(0)), Retry::At(Timestamp(600)));
        assert_eq!(RetryPolicy::recurring(30, 10).backoff(1), 10, "the base never exceeds the period");
    }

    #[test]
    fn nonsensical_policies_still_give_positive_bounded_delays() {
        let p = RetryPolicy { base_secs: -5, cap_secs: -10, jitter_permille: u32::MAX, max_attempts: Some(0) };
        assert!((0..100).all(|n| (1..=p.max_delay()).contains(&p.delay(n, 7))));
        assert_eq!(p.after_failure(0, JobId(1), Timestamp(0)), Retry::Dead);
    }

    fn policies() -> impl Strategy<Value = RetryPolicy> {
        (1i64..10_000, 1i64..1_000_000, 0u32..2000, proptest::option::of(1u32..50)).prop_map(
            |(base_secs, cap_secs, jitter_permille, max_attempts)| RetryPolicy {
                base_secs,
                cap_secs,
                jitter_permille,
                max_attempts,
            },
        )
    }

    proptest! {
        /// One job waits at least as long after each failure as after the one before.
        #[test]
        fn delays_never_shrink_as_failures_grow(p in policies(), seed: u64, n in 0u32..200) {
            prop_assert!(p.backoff(n) <= p.backoff(n + 1));
            prop_assert!(p.delay(n, seed) <= p.delay(n + 1, seed));
        }

        /// No delay is shorter than the backoff nor longer than the cap plus its jitter.
        #[test]
        fn delays_stay_between_the_backoff_and_the_cap_plus_jitter(p in policies(), seed: u64, n: u32) {
            let d = p.delay(n, seed);
            prop_assert!(d >= p.backoff(n) && d >= 1);
            prop_assert!(d <= p.max_delay());
            prop_assert!(p.backoff(n) <= p.cap_secs.max(p.base_secs));
        }

        /// A job is retried exactly until its policy's last attempt, then dead.
        #[test]
        fn jobs_die_exactly_at_max_attempts(p in policies(), n in 0u32..100, id: i64, now in 0i64..1 << 40) {
            let outcome = p.after_failure(n, JobId(id), Timestamp(now));
            match p.max_attempts {
                Some(max) if n >= max => prop_assert_eq!(outcome, Retry::Dead),
                _ => prop_assert_eq!(outcome, Retry::At(Timestamp(now + p.delay(n, id as u64)))),
            }
        }
    }
}
