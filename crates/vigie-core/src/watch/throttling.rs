//! Throttling of a network, seen by Vigie's own probes: throughput falling, or TLS
//! handshakes slowing down, against the network's own recent normal.
//!
//! The rules, for one network (country and ASN):
//! 1. Each probe measurement of a target gives a throughput (bytes/s of the HTTP body)
//!    and a TLS-handshake time. Per target and hour, the median of each is kept.
//! 2. Each target has its own **baseline**: the moving median of its hourly values over
//!    the previous 7 days, once it holds `warmup_points` values (as the outage detector
//!    does). Hours judged slow stay out of the baseline, so throttling never becomes
//!    the new normal.
//! 3. Per hour, the network's **ratio** is the median over the targets measured that
//!    hour of `throughput / baseline`, and of `baseline TLS time / TLS time` (both are
//!    below 1 when things get slower). The hour is **slow** when either falls below
//!    `ratio` (0.5: half the usual speed, or handshakes twice as slow).
//! 4. An event opens after `open_hours` (2) consecutive slow hours, at the first of them,
//!    and closes at the first of `close_hours` (2) consecutive normal hours. Hours
//!    without probe measurements neither open nor close an event.
//! 5. **Severity**: the sum over slow hours of `1 − ratio` (an hour at a quarter of the
//!    usual speed counts 0.75).

use std::collections::BTreeMap;

use serde::Serialize;

use super::baseline::MovingMedian;
use super::measurement::hour_of;
use crate::time::Timestamp;

const HOUR: i64 = 3600;

/// One probe measurement's speed figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedSample {
    pub time: Timestamp,
    pub target: String,
    pub throughput_bps: Option<f64>,
    pub tls_handshake_ms: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThrottlingSettings {
    pub ratio: f64,
    pub window_secs: i64,
    pub warmup_points: usize,
    pub open_hours: usize,
    pub close_hours: usize,
}

impl Default for ThrottlingSettings {
    fn default() -> Self {
        Self { ratio: 0.5, window_secs: 7 * 24 * HOUR, warmup_points: 12, open_hours: 2, close_hours: 2 }
    }
}

/// One throttling event of a network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThrottlingEvent {
    pub start: Timestamp,
    /// When the event was confirmed (the last of the `open_hours` slow hours).
    pub detected: Timestamp,
    pub end: Option<Timestamp>,
    pub severity: f64,
    /// The lowest hourly ratio seen.
    pub min_ratio: f64,
}

/// Per target, the hourly medians of (throughput, TLS-handshake time).
type Hourly = BTreeMap<String, BTreeMap<Timestamp, (Option<f64>, Option<f64>)>>;

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

fn hourly_medians(samples: &[SpeedSample]) -> Hourly {
    type Samples = BTreeMap<String, BTreeMap<Timestamp, (Vec<f64>, Vec<f64>)>>;
    let mut raw: Samples = BTreeMap::new();
    for s in samples {
        let cell = raw.entry(s.target.clone()).or_default().entry(hour_of(s.time)).or_default();
        if let Some(t) = s.throughput_bps.filter(|v| v.is_finite() && *v > 0.0) {
            cell.0.push(t);
        }
        if let Some(t) = s.tls_handshake_ms.filter(|v| v.is_finite() && *v > 0.0) {
            cell.1.push(t);
        }
    }
    raw.into_iter()
        .map(|(target, hours)| {
            let hours = hours
                .into_iter()
                .map(|(h, (mut tp, mut tls))| (h, (median(&mut tp), median(&mut tls))))
                .filter(|(_, (tp, tls))| tp.is_some() || tls.is_some())
                .collect();
            (target, hours)
        })
        .collect()
}

/// The network's ratio per hour (see rule 3), computed target by target in time order.
fn hourly_ratios(samples: &[SpeedSample], settings: &ThrottlingSettings) -> BTreeMap<Timestamp, f64> {
    let mut per_hour: BTreeMap<Timestamp, Vec<f64>> = BTreeMap::new();
    for (_, hours) in hourly_medians(samples) {
        let mut speed = MovingMedian::new(settings.window_secs);
        let mut tls = MovingMedian::new(settings.window_secs);
        for (hour, (tp, handshake)) in hours {
            speed.advance_to(hour);
            tls.advance_to(hour);
            let speed_ratio = match (tp, speed.len() >= settings.warmup_points) {
                (Some(v), true) => speed.median().filter(|b| *b > 0.0).map(|b| v / b),
                _ => None,
            };
            let tls_ratio = match (handshake, tls.len() >= settings.warmup_points) {
                (Some(v), true) => tls.median().filter(|b| *b > 0.0).map(|b| b / v),
                _ => None,
            };
            let ratio = match (speed_ratio, tls_ratio) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let slow = ratio.is_some_and(|r| r < settings.ratio);
            if !slow {
                if let Some(v) = tp {
                    speed.push(hour, v);
                }
                if let Some(v) = handshake {
                    tls.push(hour, v);
                }
            }
            if let Some(r) = ratio {
                per_hour.entry(hour).or_default().push(r);
            }
        }
    }
    per_hour.into_iter().filter_map(|(h, mut ratios)| median(&mut ratios).map(|m| (h, m))).collect()
}

/// Runs the detector over one network's probe samples (any order).
pub fn detect_throttling(samples: &[SpeedSample], settings: &ThrottlingSettings) -> Vec<ThrottlingEvent> {
    let ratios = hourly_ratios(samples, settings);
    let mut events = Vec::new();
    let mut open: Option<ThrottlingEvent> = None;
    // Slow hours not yet confirmed as an event: (hour, ratio).
    let mut pending: Vec<(Timestamp, f64)> = Vec::new();
    let mut normal_run: Vec<Timestamp> = Vec::new();
    for (hour, ratio) in ratios {
        let slow = ratio < settings.ratio;
        match open.as_mut() {
            None if slow => {
                pending.push((hour, ratio));
                if pending.len() >= settings.open_hours.max(1) {
                    open = Some(ThrottlingEvent {
                        start: pending[0].0,
                        detected: hour,
                        end: None,
                        severity: pending.iter().map(|(_, r)| 1.0 - r.max(0.0)).sum(),
                        min_ratio: pending.iter().map(|(_, r)| *r).fold(f64::INFINITY, f64::min),
                    });
                    pending.clear();
                }
            }
            None => pending.clear(),
            Some(event) if slow => {
                normal_run.clear();
                event.severity += 1.0 - ratio.max(0.0);
                event.min_ratio = event.min_ratio.min(ratio);
            }
            Some(event) => {
                normal_run.push(hour);
                if normal_run.len() >= settings.close_hours.max(1) {
                    event.end = Some(normal_run[0]);
                    normal_run.clear();
                    events.extend(open.take());
                }
            }
        }
    }
    events.extend(open);
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(hours: std::ops::Range<i64>, speed: impl Fn(i64) -> f64, tls: impl Fn(i64) -> f64) -> Vec<SpeedSample> {
        let mut out = Vec::new();
        for h in hours {
            for target in ["a.example", "b.example", "c.example"] {
                let jitter = (h * 7 + target.len() as i64) % 5;
                out.push(SpeedSample {
                    time: Timestamp(h * HOUR + 60 * jitter),
                    target: target.into(),
                    throughput_bps: Some(speed(h) * (1.0 + jitter as f64 / 50.0)),
                    tls_handshake_ms: Some(tls(h) * (1.0 + jitter as f64 / 50.0)),
                });
            }
        }
        out
    }

    #[test]
    fn steady_speed_raises_nothing() {
        let s = samples(0..24 * 10, |_| 1_000_000.0, |_| 120.0);
        assert!(detect_throttling(&s, &ThrottlingSettings::default()).is_empty());
    }

    #[test]
    fn a_slowdown_opens_and_closes_one_event() {
        let slow = 100..110;
        let s = samples(0..200, |h| if slow.contains(&h) { 100_000.0 } else { 1_000_000.0 }, |_| 120.0);
        let events = detect_throttling(&s, &ThrottlingSettings::default());
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].start, Timestamp(100 * HOUR));
        assert_eq!(events[0].detected, Timestamp(101 * HOUR));
        assert_eq!(events[0].end, Some(Timestamp(110 * HOUR)));
        assert!(events[0].min_ratio < 0.2);
        assert!(events[0].severity > 8.0);
    }

    #[test]
    fn slow_tls_handshakes_alone_count() {
        let s = samples(0..200, |_| 1_000_000.0, |h| if h >= 150 { 900.0 } else { 100.0 });
        let events = detect_throttling(&s, &ThrottlingSettings::default());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].start, Timestamp(150 * HOUR));
        assert_eq!(events[0].end, None, "still throttled at the end of the data");
    }

    #[test]
    fn one_slow_hour_is_not_an_event_and_nothing_before_warm_up() {
        let s = samples(0..100, |h| if h == 50 || h == 3 { 10.0 } else { 1_000_000.0 }, |_| 100.0);
        assert!(detect_throttling(&s, &ThrottlingSettings::default()).is_empty());
    }
}
