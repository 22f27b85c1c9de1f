//! Blocking of one target in one network: a two-sided CUSUM over hourly cells.
//!
//! Each hourly cell of a (country, network, test, target) holds how many measurements
//! were ok and how many found the target blocked (anomaly or confirmed; failures say
//! nothing either way and are left out). While the target is reachable the expected
//! blocked rate is 0; once it is blocked about 0.7 (blocking is rarely seen by every
//! probe). Following OONI's change detector, the evidence for a change is accumulated
//! measurement by measurement against the midpoint `k = (0 + 0.7) / 2`:
//!
//! - while reachable, `S⁺ = max(0, S⁺ + Σ (x − k))` over the cell's measurements
//!   (x = 1 blocked, 0 ok); an event **opens** when `S⁺ > h` (threshold 7);
//! - while blocked, `S⁻ = max(0, S⁻ + Σ (k − x))`; the event **closes** when `S⁻ > h`.
//!
//! Evidence decays over long silences (`S × ½^(gap / half_life)`, half-life 24 h), so two
//! bursts of anomalies weeks apart do not add up to a block. A state with fewer than
//! `min_measurements` in the last `window_hours` is *insufficient data*: nothing is
//! concluded, and no event opens or closes then. Each event is reported once, when it
//! opens (its alert), with the hour its evidence started to build (the onset).
//!
//! Pure and deterministic.

use crate::time::Timestamp;

/// One hour of measurements of one target in one network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockingCell {
    /// The hour's start (UTC seconds).
    pub hour: Timestamp,
    pub ok: u32,
    /// Anomalies and confirmed blocks.
    pub blocked: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CusumSettings {
    /// Expected blocked rate while reachable.
    pub rate_ok: f64,
    /// Expected blocked rate while blocked.
    pub rate_blocked: f64,
    /// The decision threshold `h`.
    pub threshold: f64,
    /// Evidence halves over this many hours without measurements.
    pub half_life_hours: f64,
    /// At least this many measurements within the last `window_hours` to conclude anything.
    pub min_measurements: u32,
    pub window_hours: i64,
}

impl Default for CusumSettings {
    fn default() -> Self {
        CusumSettings {
            rate_ok: 0.0,
            rate_blocked: 0.7,
            threshold: 7.0,
            half_life_hours: 24.0,
            min_measurements: 5,
            window_hours: 24,
        }
    }
}

/// The state of a target after the last cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockingState {
    Reachable,
    Blocked,
    InsufficientData,
}

/// One blocking event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlockingEvent {
    /// The hour the evidence began to build up.
    pub onset: Timestamp,
    /// The hour the threshold was crossed: when the alert goes out, once.
    pub detected: Timestamp,
    /// The hour the evidence of recovery crossed the threshold; `None` while blocked.
    pub end: Option<Timestamp>,
}

/// What the detector concluded over a series of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockingOutcome {
    pub events: Vec<BlockingEvent>,
    pub state: BlockingState,
}

/// Runs the detector over one target's cells (any order; cells of one hour are summed).
pub fn detect_blocking(cells: &[BlockingCell], settings: &CusumSettings) -> BlockingOutcome {
    let mut cells = cells.to_vec();
    cells.sort_by_key(|c| c.hour);
    let mut merged: Vec<BlockingCell> = Vec::with_capacity(cells.len());
    for cell in cells {
        match merged.last_mut() {
            Some(last) if last.hour == cell.hour => {
                last.ok += cell.ok;
                last.blocked += cell.blocked;
            }
            _ => merged.push(cell),
        }
    }

    let k = (settings.rate_ok + settings.rate_blocked) / 2.0;
    let (mut up, mut down) = (0.0f64, 0.0f64);
    let mut up_onset: Option<Timestamp> = None;
    let mut open: Option<BlockingEvent> = None;
    let mut events = Vec::new();
    let mut last_hour: Option<Timestamp> = None;
    let mut state = BlockingState::InsufficientData;
    for (i, cell) in merged.iter().enumerate() {
        if let Some(previous) = last_hour {
            let gap_hours = (cell.hour.0 - previous.0) as f64 / 3600.0 - 1.0;
            if gap_hours > 0.0 {
                let decay = 0.5f64.powf(gap_hours / settings.half_life_hours);
                up *= decay;
                down *= decay;
            }
        }
        last_hour = Some(cell.hour);
        let n = f64::from(cell.ok + cell.blocked);
        let blocked = f64::from(cell.blocked);
        let since = cell.hour.0 - settings.window_hours * 3600;
        let recent: u32 = merged[..=i].iter().rev().take_while(|c| c.hour.0 > since).map(|c| c.ok + c.blocked).sum();
        let enough = recent >= settings.min_measurements;
        match open {
            None => {
                up = (up + blocked - k * n).max(0.0);
                if up == 0.0 {
                    up_onset = None;
                } else if up_onset.is_none() && blocked > 0.0 {
                    up_onset = Some(cell.hour);
                }
                if enough && up > settings.threshold {
                    let event = BlockingEvent { onset: up_onset.unwrap_or(cell.hour), detected: cell.hour, end: None };
                    open = Some(event);
                    up = 0.0;
                    down = 0.0;
                    up_onset = None;
                }
            }
            Some(mut event) => {
                down = (down + k * n - blocked).max(0.0);
                if enough && down > settings.threshold {
                    event.end = Some(cell.hour);
                    events.push(event);
                    open = None;
                    down = 0.0;
                    up = 0.0;
                }
            }
        }
        state = match (enough, open) {
            (false, _) => BlockingState::InsufficientData,
            (true, Some(_)) => BlockingState::Blocked,
            (true, None) => BlockingState::Reachable,
        };
    }
    events.extend(open);
    BlockingOutcome { events, state }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const H0: i64 = 1_700_000_000 - 1_700_000_000 % 3600;

    fn cell(hour: i64, ok: u32, blocked: u32) -> BlockingCell {
        BlockingCell { hour: Timestamp(H0 + hour * 3600), ok, blocked }
    }

    #[test]
    fn a_block_opens_once_and_closes_when_the_target_comes_back() {
        let mut cells: Vec<BlockingCell> = (0..48).map(|h| cell(h, 4, 0)).collect();
        // From hour 48, 3 of 4 probes see the block.
        cells.extend((48..96).map(|h| cell(h, 1, 3)));
        cells.extend((96..150).map(|h| cell(h, 4, 0)));
        let out = detect_blocking(&cells, &CusumSettings::default());
        assert_eq!(out.events.len(), 1, "{out:?}");
        let event = out.events[0];
        assert_eq!(event.onset, Timestamp(H0 + 48 * 3600));
        // 3 − 0.35 × 4 = 1.6 of evidence an hour: past 7 in the fifth hour.
        assert_eq!(event.detected, Timestamp(H0 + 52 * 3600), "{event:?}");
        let end = event.end.expect("closed");
        // Back at hour 96: 0.35 × 4 = 1.4 of evidence an hour, past 7 in the sixth hour.
        assert_eq!(end, Timestamp(H0 + 101 * 3600), "{event:?}");
        assert_eq!(out.state, BlockingState::Reachable);
    }

    #[test]
    fn a_block_still_on_at_the_end_is_open() {
        let mut cells: Vec<BlockingCell> = (0..30).map(|h| cell(h, 5, 0)).collect();
        cells.extend((30..40).map(|h| cell(h, 0, 5)));
        let out = detect_blocking(&cells, &CusumSettings::default());
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].end, None);
        assert_eq!(out.state, BlockingState::Blocked);
    }

    #[test]
    fn too_few_measurements_conclude_nothing() {
        // One blocked measurement a day: never enough in 24 hours.
        let cells: Vec<BlockingCell> = (0..20).map(|d| cell(d * 24, 0, 1)).collect();
        let out = detect_blocking(&cells, &CusumSettings::default());
        assert!(out.events.is_empty());
        assert_eq!(out.state, BlockingState::InsufficientData);
    }

    #[test]
    fn evidence_decays_over_long_silences() {
        // Two short bursts three weeks apart, each below the threshold on its own.
        let mut cells = vec![cell(0, 0, 6), cell(1, 4, 0)];
        cells.extend([cell(500, 0, 6), cell(501, 4, 0)]);
        let out = detect_blocking(&cells, &CusumSettings::default());
        assert!(out.events.is_empty(), "{out:?}");
        // The same bursts back to back do add up.
        let out = detect_blocking(&[cell(0, 0, 6), cell(1, 0, 6)], &CusumSettings::default());
        assert_eq!(out.events.len(), 1);
    }

    proptest! {
        /// A reachable target with a few stray anomalies (at most one in ten
        /// measurements, as network noise gives) never opens an event.
        #[test]
        fn stray_anomalies_raise_no_alert(noise in proptest::collection::vec(0u32..=1, 24..400)) {
            let cells: Vec<BlockingCell> =
                noise.iter().enumerate().map(|(h, &b)| cell(h as i64, 10 - b, b)).collect();
            let out = detect_blocking(&cells, &CusumSettings::default());
            prop_assert!(out.events.is_empty());
        }

        /// A block seen by 70 % of the probes, after a quiet start, is detected as soon as
        /// the evidence can pass the threshold: `h / (blocked − k·n)` hours, rounded up.
        #[test]
        fn a_step_to_blocked_is_detected_quickly(start in 24i64..200, probes in 3u32..12) {
            let mut cells: Vec<BlockingCell> = (0..start).map(|h| cell(h, probes, 0)).collect();
            let seen = (probes * 7).div_ceil(10);
            cells.extend((start..start + 24).map(|h| cell(h, probes - seen, seen)));
            let out = detect_blocking(&cells, &CusumSettings::default());
            prop_assert_eq!(out.events.len(), 1);
            let per_hour = f64::from(seen) - 0.35 * f64::from(probes);
            let hours = (7.0 / per_hour).floor() as i64;
            prop_assert_eq!(out.events[0].detected.0 - (H0 + start * 3600), hours * 3600);
            prop_assert_eq!(out.events[0].onset.0, H0 + start * 3600);
        }
    }
}
