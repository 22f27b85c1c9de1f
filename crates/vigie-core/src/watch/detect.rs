//! Outage events from one signal: each region against its own moving-median baseline.
//!
//! The rules, for each region taken alone in time order:
//! 1. **Baseline**: the median of the region's accepted values in the `window_secs`
//!    (7 days) before the point. It exists only after a warm-up: the window must hold at
//!    least `warmup_points` values (12) and its oldest value must be at least
//!    `warmup_secs` (24 h) old. A baseline of zero or less cannot be judged against.
//! 2. **Alert**: a point alerts when `value < ratio × baseline` (ratio 0.8).
//! 3. **Event**: an event opens at the first alerting point. It closes once
//!    `recovery_points` (2) consecutive points are back at or above the ratio; its `end`
//!    is the first of those points. A single good point inside a long outage (a flicker
//!    of the signal) therefore does not split it in two. An event still open at the
//!    end of the data has no `end`.
//! 4. **What the baseline learns**: only points judged normal. Alerting points, and
//!    recovered points whose recovery was not confirmed, stay out, so an outage never
//!    lowers its own baseline. Non-finite values are ignored altogether.
//! 5. **Long outages**: while an event is open, a point whose window has run dry (the
//!    outage outlasted the window) is judged against the baseline at the onset, so the
//!    event does not close just because its normal was forgotten. After such a recovery
//!    the window warms up again before new alerts.
//! 6. **Severity**, in *drop-hours*: the sum over alerting points of
//!    `(1 − max(value / baseline, 0)) × hours covered by the point`, where a point
//!    covers the time until the region's next point (the last point covers the interval
//!    before it), at most `max_point_secs` (6 h) so that a hole in the data does not
//!    count as outage. One drop-hour is one hour of total loss; a halving for four hours
//!    is two.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SignalPoint;
use super::baseline::MovingMedian;
use crate::time::Timestamp;

const HOUR: i64 = 3600;

/// The detector's parameters; [`Default`] gives the values used in `docs/watch.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchSettings {
    /// A point alerts below this share of its baseline.
    pub ratio: f64,
    /// How far back the baseline looks.
    pub window_secs: i64,
    /// The oldest value in the window must be at least this old for a baseline to exist.
    pub warmup_secs: i64,
    /// The window must hold at least this many values for a baseline to exist.
    pub warmup_points: usize,
    /// Consecutive points back at or above the ratio needed to close an event.
    pub recovery_points: usize,
    /// The most time one point may stand for in the severity.
    pub max_point_secs: i64,
}

impl Default for WatchSettings {
    fn default() -> Self {
        Self {
            ratio: 0.8,
            window_secs: 7 * 24 * HOUR,
            warmup_secs: 24 * HOUR,
            warmup_points: 12,
            recovery_points: 2,
            max_point_secs: 6 * HOUR,
        }
    }
}

/// Settings that cannot work, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid watch settings: {0}")]
pub struct InvalidSettings(pub &'static str);

impl WatchSettings {
    /// Checks the settings once, before detection.
    pub fn validate(self) -> Result<Self, InvalidSettings> {
        if !(self.ratio > 0.0 && self.ratio <= 1.0) {
            return Err(InvalidSettings("the ratio must be in (0, 1]"));
        }
        if self.window_secs <= 0 {
            return Err(InvalidSettings("the window must be longer than zero"));
        }
        if self.warmup_secs < 0 || self.warmup_secs > self.window_secs {
            return Err(InvalidSettings("the warm-up must be between zero and the window"));
        }
        if self.warmup_points == 0 || self.recovery_points == 0 {
            return Err(InvalidSettings("warm-up and recovery need at least one point"));
        }
        if self.max_point_secs <= 0 {
            return Err(InvalidSettings("a point must cover some time"));
        }
        Ok(self)
    }
}

/// A stretch of time where one region's signal stayed below its baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutageEvent {
    pub region: String,
    /// The first alerting point.
    pub start: Timestamp,
    /// The first point of the confirmed recovery; `None` while ongoing at the end of the data.
    pub end: Option<Timestamp>,
    /// The lowest `value / baseline` among the alerting points.
    pub min_ratio: f64,
    /// Drop-hours (see the module documentation).
    pub severity: f64,
    /// How many points alerted.
    pub points: usize,
    /// The baseline at the onset.
    pub baseline: f64,
}

impl OutageEvent {
    /// Whether the event was under way at `t` (an ongoing event has no end).
    pub fn covers(&self, t: Timestamp) -> bool {
        self.start <= t && self.end.is_none_or(|end| t < end)
    }
}

/// Finds the outage events of every region in `points` (any order, any mix of regions),
/// ordered by region then start. The same points in another order give the same events.
pub fn detect_outages(points: &[SignalPoint], settings: &WatchSettings) -> Vec<OutageEvent> {
    let mut by_region: BTreeMap<&str, Vec<(Timestamp, f64)>> = BTreeMap::new();
    for p in points.iter().filter(|p| p.value.is_finite()) {
        by_region.entry(p.region.as_str()).or_default().push((p.time, p.value));
    }
    let mut events = Vec::new();
    for (region, mut series) in by_region {
        series.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        detect_region(region, &series, settings, &mut events);
    }
    events
}

/// Detection over one region's points, sorted by time.
fn detect_region(region: &str, series: &[(Timestamp, f64)], s: &WatchSettings, out: &mut Vec<OutageEvent>) {
    let mut window = MovingMedian::new(s.window_secs);
    let mut open: Option<OutageEvent> = None;
    // Points back above the ratio during an event, waiting for the recovery to be confirmed.
    let mut recovering: Vec<(Timestamp, f64)> = Vec::new();
    for (i, &(t, v)) in series.iter().enumerate() {
        window.advance_to(t);
        let baseline = baseline(&mut window, t, s).or(open.as_ref().map(|e| e.baseline));
        let Some(b) = baseline else {
            window.push(t, v);
            continue;
        };
        let ratio = v / b;
        if ratio < s.ratio {
            recovering.clear();
            let event = open.get_or_insert_with(|| OutageEvent {
                region: region.to_owned(),
                start: t,
                end: None,
                min_ratio: ratio,
                severity: 0.0,
                points: 0,
                baseline: b,
            });
            event.min_ratio = event.min_ratio.min(ratio);
            event.severity += (1.0 - ratio.max(0.0)) * covered_secs(series, i, s.max_point_secs) as f64 / HOUR as f64;
            event.points += 1;
        } else if let Some(mut event) = open.take() {
            recovering.push((t, v));
            if recovering.len() >= s.recovery_points {
                event.end = Some(recovering[0].0);
                out.push(event);
                for (t, v) in recovering.drain(..) {
                    window.push(t, v);
                }
            } else {
                open = Some(event);
            }
        } else {
            window.push(t, v);
        }
    }
    out.extend(open);
}

/// The baseline at `t`, once the window is warm and the median is positive.
fn baseline(window: &mut MovingMedian, t: Timestamp, s: &WatchSettings) -> Option<f64> {
    let warm = window.len() >= s.warmup_points && window.oldest().is_some_and(|o| t.0 - o.0 >= s.warmup_secs);
    window.median().filter(|m| warm && *m > 0.0)
}

/// The seconds the `i`-th point stands for: until the next point, or for the last one
/// the interval before it, at most `max`.
fn covered_secs(series: &[(Timestamp, f64)], i: usize, max: i64) -> i64 {
    let gap = match (series.get(i + 1), i.checked_sub(1).and_then(|j| series.get(j))) {
        (Some(next), _) => next.0.0 - series[i].0.0,
        (None, Some(prev)) => series[i].0.0 - prev.0.0,
        (None, None) => 0,
    };
    gap.clamp(0, max)
}

#[cfg(test)]
mod tests;
