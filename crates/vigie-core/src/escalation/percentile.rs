//! Percentiles by nearest rank.
//!
//! The `p`-th percentile of `n` values is the smallest value such that at least `p`%
//! of the values are less than or equal to it: in ascending order, the value of rank
//! `⌈p·n/100⌉` (counting from 1; rank 1 for `p` = 0). It is always one of the values,
//! never an interpolation, so a published "median of 31 hours" is the delay of a real
//! item. The median is the 50th percentile: for an even count, the lower of the two
//! middle values.
//!
//! Selection (`select_nth_unstable`) finds a rank in linear time on average; the values
//! are reordered, not sorted.

/// The `percent`-th percentile (nearest rank) of `values`, `None` when there are none.
/// `percent` above 100 counts as 100. Reorders `values`.
pub fn nearest_rank(values: &mut [i64], percent: u8) -> Option<i64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let p = usize::from(percent.min(100));
    let rank = (p * n).div_ceil(100).max(1);
    let (_, value, _) = values.select_nth_unstable(rank - 1);
    Some(*value)
}

/// The median and the 90th percentile (both nearest rank) of `values`. Reorders
/// `values`.
pub fn median_and_p90(values: &mut [i64]) -> Option<(i64, i64)> {
    Some((nearest_rank(values, 50)?, nearest_rank(values, 90)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition, written the slow way: sort, then take the first value at which
    /// the share of values at or below it reaches `percent`.
    fn oracle(values: &[i64], percent: u8) -> Option<i64> {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let n = sorted.len();
        let p = usize::from(percent.min(100));
        sorted.iter().enumerate().find(|(i, _)| (i + 1) * 100 >= p * n).map(|(_, v)| *v)
    }

    #[test]
    fn hand_computed_percentiles() {
        assert_eq!(nearest_rank(&mut [], 50), None);
        assert_eq!(nearest_rank(&mut [7], 90), Some(7));
        // 1..=10: median rank 5, p90 rank 9.
        let mut v: Vec<i64> = (1..=10).rev().collect();
        assert_eq!(median_and_p90(&mut v), Some((5, 9)));
        // Four values: median is the lower middle one, p90 rank ⌈3.6⌉ = 4.
        assert_eq!(median_and_p90(&mut [40, 10, 30, 20]), Some((20, 40)));
        assert_eq!(nearest_rank(&mut [3, 1, 2], 0), Some(1));
        assert_eq!(nearest_rank(&mut [3, 1, 2], 100), Some(3));
        assert_eq!(nearest_rank(&mut [3, 1, 2], 255), Some(3));
    }

    proptest! {
        #[test]
        fn selection_agrees_with_the_sorting_oracle(
            values in proptest::collection::vec(-1_000_000i64..1_000_000, 0..300),
            percent in 0u8..=120,
        ) {
            let mut work = values.clone();
            prop_assert_eq!(nearest_rank(&mut work, percent), oracle(&values, percent));
            let mut work = values.clone();
            let both = median_and_p90(&mut work);
            prop_assert_eq!(both, oracle(&values, 50).zip(oracle(&values, 90)));
        }

        /// Few distinct values (many ties), as rounded delays have.
        #[test]
        fn ties_do_not_confuse_selection(values in proptest::collection::vec(0i64..4, 1..100), percent in 0u8..=100) {
            let mut work = values.clone();
            prop_assert_eq!(nearest_rank(&mut work, percent), oracle(&values, percent));
        }
    }
}
