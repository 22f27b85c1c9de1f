//! The baseline: a moving median over a time window.
//!
//! A median rather than a mean because a few odd values (a glitch, the tail of an
//! earlier outage that slipped in) barely move it; the detector also keeps the values it
//! judged abnormal out of the window, so an outage does not drag its own baseline down.

use std::collections::VecDeque;

use crate::time::Timestamp;

/// The values accepted into the baseline of one region, oldest first, and the median of
/// those within `window_secs` before a given time.
#[derive(Debug, Clone)]
pub struct MovingMedian {
    window_secs: i64,
    values: VecDeque<(Timestamp, f64)>,
    scratch: Vec<f64>,
}

impl MovingMedian {
    pub fn new(window_secs: i64) -> Self {
        Self { window_secs: window_secs.max(1), values: VecDeque::new(), scratch: Vec::new() }
    }

    /// Accepts a value seen at `time`. Times must not go backwards (the detector feeds
    /// each region in time order); non-finite values are ignored.
    pub fn push(&mut self, time: Timestamp, value: f64) {
        if value.is_finite() {
            self.values.push_back((time, value));
        }
    }

    /// Forgets the values older than the window before `now` (values at or after `now`
    /// are kept: the caller asks before pushing the point at `now`).
    pub fn advance_to(&mut self, now: Timestamp) {
        let from = now.0.saturating_sub(self.window_secs);
        while self.values.front().is_some_and(|(t, _)| t.0 < from) {
            self.values.pop_front();
        }
    }

    /// How many values the window holds.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The time of the oldest value still in the window.
    pub fn oldest(&self) -> Option<Timestamp> {
        self.values.front().map(|(t, _)| *t)
    }

    /// The median of the window (the mean of the two middle values for an even count).
    pub fn median(&mut self) -> Option<f64> {
        if self.values.is_empty() {
            return None;
        }
        self.scratch.clear();
        self.scratch.extend(self.values.iter().map(|(_, v)| *v));
        let n = self.scratch.len();
        let mid = n / 2;
        let (low, upper, _) = self.scratch.select_nth_unstable_by(mid, f64::total_cmp);
        let upper = *upper;
        if n % 2 == 1 {
            return Some(upper);
        }
        let lower = low.iter().copied().max_by(f64::total_cmp).unwrap_or(upper);
        Some((lower + upper) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_windows() {
        let mut m = MovingMedian::new(100);
        assert_eq!(m.median(), None);
        for (t, v) in [(0, 5.0), (1, 1.0), (2, 9.0)] {
            m.push(Timestamp(t), v);
        }
        assert_eq!(m.median(), Some(5.0));
        m.push(Timestamp(3), 7.0);
        assert_eq!(m.median(), Some(6.0));
    }

    #[test]
    fn values_older_than_the_window_are_forgotten() {
        let mut m = MovingMedian::new(10);
        m.push(Timestamp(0), 100.0);
        m.push(Timestamp(5), 1.0);
        m.push(Timestamp(6), f64::NAN);
        m.advance_to(Timestamp(10));
        assert_eq!(m.len(), 2, "the point 10 s before is still inside, NaN never entered");
        m.advance_to(Timestamp(11));
        assert_eq!((m.len(), m.oldest(), m.median()), (1, Some(Timestamp(5)), Some(1.0)));
    }
}
