//! One country's picture from its hourly cells and probe speed samples: the signals per
//! hour, the state of every target in every network, and the events of the three
//! detectors (blocking per target and network, outage per country and per network,
//! throttling per network).
//!
//! The outage detector reads complete hours only: the current hour's volume is partial
//! and would look like a drop. A shutdown is therefore seen at most an hour late.
//!
//! Pure and deterministic: the same cells give the same picture. Each event has a stable
//! `scope` (what it is about) and `start`, so that running the analysis again after new
//! data finds the same events and only their ends and severities move.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SignalPoint;
use super::blocking::{BlockingCell, BlockingState, CusumSettings, detect_blocking};
use super::combine::combine_signals;
use super::detect::{OutageEvent, WatchSettings, detect_outages};
use super::measurement::{BlockingLayer, CellCounts, CellKey, HOUR, hour_of};
use super::throttling::{SpeedSample, ThrottlingSettings, detect_throttling};
use crate::time::Timestamp;

/// What an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// One target blocked in one network.
    Blocking,
    /// A country or one network cut off, or far fewer successful measurements.
    Outage,
    /// A network slowed down.
    Throttling,
}

impl EventKind {
    pub const ALL: [EventKind; 3] = [EventKind::Blocking, EventKind::Outage, EventKind::Throttling];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Blocking => "blocking",
            EventKind::Outage => "outage",
            EventKind::Throttling => "throttling",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One event found by a detector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetectedEvent {
    pub kind: EventKind,
    /// A stable description of what the event is about, e.g. `IR AS58224 web_connectivity facebook.com`.
    pub scope: String,
    pub country: String,
    pub asn: Option<u32>,
    pub test_name: Option<String>,
    pub target: Option<String>,
    pub start: Timestamp,
    /// When the detector became sure (the alert time).
    pub detected: Timestamp,
    pub end: Option<Timestamp>,
    pub severity: f64,
    pub layer: Option<BlockingLayer>,
    /// For outages: the signals that saw it (`volume`, `success_rate`).
    pub signals: Vec<String>,
}

/// Where one target stands in one network after the last hour.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetStatus {
    pub asn: u32,
    pub test_name: String,
    pub target: String,
    pub state: BlockingStateName,
    pub layer: Option<BlockingLayer>,
    pub last_hour: Timestamp,
    pub measurements: u32,
    pub blocked: u32,
}

/// [`BlockingState`] with a name for pages and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockingStateName {
    Reachable,
    Blocked,
    InsufficientData,
}

impl From<BlockingState> for BlockingStateName {
    fn from(s: BlockingState) -> Self {
        match s {
            BlockingState::Reachable => Self::Reachable,
            BlockingState::Blocked => Self::Blocked,
            BlockingState::InsufficientData => Self::InsufficientData,
        }
    }
}

/// The country's totals for one hour.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HourSignal {
    pub hour: Timestamp,
    pub counts: CellCounts,
}

/// Everything the network watch page shows of one country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryPicture {
    pub country: String,
    /// Every hour from the first cell to `now`, empty hours included (volume 0).
    pub hours: Vec<HourSignal>,
    pub events: Vec<DetectedEvent>,
    pub targets: Vec<TargetStatus>,
}

impl CountryPicture {
    pub fn open_events(&self) -> impl Iterator<Item = &DetectedEvent> {
        self.events.iter().filter(|e| e.end.is_none())
    }
}

/// The three detectors' settings.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisSettings {
    pub blocking: CusumSettings,
    pub outage: WatchSettings,
    pub throttling: ThrottlingSettings,
    /// An outage candidate (below 0.8 of its baseline) becomes an event only when a CUSUM
    /// of its hours crosses `ln(1 / significance)`: Poisson counts for the volume,
    /// Bernoulli trials for the success rate.
    pub significance: f64,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        Self {
            blocking: CusumSettings::default(),
            outage: WatchSettings::default(),
            throttling: ThrottlingSettings::default(),
            significance: 1e-6,
        }
    }
}

/// The label of a target: tests without an input (whatsapp, signal…) are their own target.
pub fn target_label<'a>(test_name: &'a str, target: &'a str) -> &'a str {
    if target.is_empty() { test_name } else { target }
}

/// Analyses one country. `cells` may hold other countries' cells: they are ignored.
/// `speed` gives each probe sample with its network's ASN.
pub fn analyse_country(
    country: &str,
    cells: &[(CellKey, CellCounts)],
    speed: &[(u32, SpeedSample)],
    now: Timestamp,
    settings: &AnalysisSettings,
) -> CountryPicture {
    let cells: Vec<&(CellKey, CellCounts)> = cells.iter().filter(|(k, _)| k.country == country).collect();
    let mut events = Vec::new();
    let targets = blocking_events(country, &cells, settings, &mut events);
    let hours = country_hours(&cells, now);
    outage_events(country, &cells, &hours, now, settings, &mut events);
    throttling_events(country, speed, settings, &mut events);
    events.sort_by(|a, b| (a.start, a.kind, &a.scope).cmp(&(b.start, b.kind, &b.scope)));
    CountryPicture { country: country.to_owned(), hours, events, targets }
}

fn blocking_events(
    country: &str,
    cells: &[&(CellKey, CellCounts)],
    settings: &AnalysisSettings,
    events: &mut Vec<DetectedEvent>,
) -> Vec<TargetStatus> {
    type Series<'a> = BTreeMap<(u32, &'a str, &'a str), Vec<&'a (CellKey, CellCounts)>>;
    let mut series: Series = BTreeMap::new();
    for cell in cells {
        series.entry((cell.0.asn, cell.0.test_name.as_str(), cell.0.target.as_str())).or_default().push(cell);
    }
    let mut targets = Vec::with_capacity(series.len());
    for ((asn, test_name, target), cells) in series {
        let input: Vec<BlockingCell> =
            cells.iter().map(|(k, c)| BlockingCell { hour: k.hour, ok: c.ok, blocked: c.blocked() }).collect();
        let outcome = detect_blocking(&input, &settings.blocking);
        let mut total = CellCounts::default();
        for (_, c) in &cells {
            total.merge(c);
        }
        let label = target_label(test_name, target);
        let scope = format!("{country} AS{asn} {test_name} {label}");
        for e in &outcome.events {
            // The layer most often reported over the event's hours.
            let mut during = CellCounts::default();
            for (k, c) in &cells {
                if k.hour >= e.onset && e.end.is_none_or(|end| k.hour < end) {
                    during.merge(c);
                }
            }
            events.push(DetectedEvent {
                kind: EventKind::Blocking,
                scope: scope.clone(),
                country: country.to_owned(),
                asn: Some(asn),
                test_name: Some(test_name.to_owned()),
                target: Some(label.to_owned()),
                start: e.onset,
                detected: e.detected,
                end: e.end,
                severity: f64::from(during.blocked()),
                layer: during.main_layer(),
                signals: Vec::new(),
            });
        }
        let last_hour = cells.iter().map(|(k, _)| k.hour).max().unwrap_or(Timestamp(0));
        targets.push(TargetStatus {
            asn,
            test_name: test_name.to_owned(),
            target: label.to_owned(),
            state: outcome.state.into(),
            layer: total.main_layer(),
            last_hour,
            measurements: total.total,
            blocked: total.blocked(),
        });
    }
    targets
}

fn country_hours(cells: &[&(CellKey, CellCounts)], now: Timestamp) -> Vec<HourSignal> {
    let mut by_hour: BTreeMap<Timestamp, CellCounts> = BTreeMap::new();
    for (k, c) in cells {
        by_hour.entry(k.hour).or_default().merge(c);
    }
    let Some(first) = by_hour.keys().next().copied() else { return Vec::new() };
    let last = by_hour.keys().next_back().copied().unwrap_or(first).max(hour_of(now));
    // A year of hours at most, so that one stray old measurement cannot blow this up.
    let first = first.max(Timestamp(last.0 - 366 * 24 * HOUR));
    (0..=(last.0 - first.0) / HOUR)
        .map(|i| {
            let hour = Timestamp(first.0 + i * HOUR);
            HourSignal { hour, counts: by_hour.get(&hour).copied().unwrap_or_default() }
        })
        .collect()
}

fn outage_events(
    country: &str,
    cells: &[&(CellKey, CellCounts)],
    hours: &[HourSignal],
    now: Timestamp,
    settings: &AnalysisSettings,
    events: &mut Vec<DetectedEvent>,
) {
    // Per region (the country, then each network), its complete hours with their counts.
    let mut regions: BTreeMap<String, BTreeMap<Timestamp, CellCounts>> = BTreeMap::new();
    // The current hour is not over: its volume is partial and would look like a drop.
    let current = hour_of(now);
    regions.insert(country.to_owned(), hours.iter().filter(|h| h.hour < current).map(|h| (h.hour, h.counts)).collect());
    let mut per_asn: BTreeMap<u32, BTreeMap<Timestamp, CellCounts>> = BTreeMap::new();
    for (k, c) in cells {
        per_asn.entry(k.asn).or_default().entry(k.hour).or_default().merge(c);
    }
    for (asn, by_hour) in &per_asn {
        let Some(first) = by_hour.keys().next().copied() else { continue };
        let last = Timestamp(current.0 - HOUR);
        let first = first.max(Timestamp(last.0 - 366 * 24 * HOUR));
        if last < first {
            continue;
        }
        let filled = (0..=(last.0 - first.0) / HOUR)
            .map(|i| Timestamp(first.0 + i * HOUR))
            .map(|hour| (hour, by_hour.get(&hour).copied().unwrap_or_default()))
            .collect();
        regions.insert(format!("{country} AS{asn}"), filled);
    }
    let mut volume = Vec::new();
    let mut success = Vec::new();
    for (region, hours) in &regions {
        for (hour, counts) in hours {
            volume.push(SignalPoint::new(*hour, region.as_str(), f64::from(counts.total)));
            if let Some(rate) = counts.success_rate() {
                success.push(SignalPoint::new(*hour, region.as_str(), rate));
            }
        }
    }
    let alpha = settings.significance;
    // When each confirmed event became certain: the end of the hour its CUSUM crossed.
    let mut confirmed_at: Vec<(String, Timestamp, Timestamp)> = Vec::new();
    let mut keep = |confirmed: Option<(OutageEvent, Timestamp)>| {
        confirmed.map(|(e, at)| {
            confirmed_at.push((e.region.clone(), e.start, at));
            e
        })
    };
    let volume_events: Vec<_> = detect_outages(&volume, &settings.outage)
        .into_iter()
        .filter_map(|e| keep(regions.get(&e.region).and_then(|hours| confirm_volume_drop(e, hours, alpha))))
        .collect();
    let success_events: Vec<_> = detect_outages(&success, &settings.outage)
        .into_iter()
        .filter_map(|e| keep(regions.get(&e.region).and_then(|hours| confirm_success_drop(e, hours, alpha))))
        .collect();
    for o in combine_signals(&[("volume", &volume_events), ("success_rate", &success_events)], HOUR) {
        let asn = o.region.split_once(" AS").and_then(|(_, a)| a.parse().ok());
        let detected = confirmed_at
            .iter()
            .filter(|(region, start, _)| {
                *region == o.region && *start >= o.start && o.end.is_none_or(|end| *start < end)
            })
            .map(|(_, _, at)| *at)
            .min()
            .unwrap_or(o.start);
        events.push(DetectedEvent {
            kind: EventKind::Outage,
            scope: o.region.clone(),
            country: country.to_owned(),
            asn,
            test_name: None,
            target: None,
            start: o.start,
            detected,
            end: o.end,
            severity: o.severity,
            layer: None,
            signals: o.signals,
        });
    }
}

/// The hours an event spans (to its end, or to the last complete hour while open).
fn span<'a>(
    e: &OutageEvent,
    hours: &'a BTreeMap<Timestamp, CellCounts>,
) -> impl Iterator<Item = (&'a Timestamp, &'a CellCounts)> {
    let end = e.end.unwrap_or(Timestamp(i64::MAX));
    hours.range(e.start..end)
}

/// The fewest conclusive measurements in the week before an event for its success rate
/// to be a reference, and the fewest hours for its volume.
const MIN_REFERENCE_MEASUREMENTS: u64 = 30;
const MIN_REFERENCE_HOURS: u64 = 24;

/// The region's hours in the week before the event: the reference the drop is tested
/// against. Every hour counts here, the low ones too.
fn before<'a>(
    e: &OutageEvent,
    hours: &'a BTreeMap<Timestamp, CellCounts>,
) -> impl Iterator<Item = (&'a Timestamp, &'a CellCounts)> {
    hours.range(Timestamp(e.start.0 - 7 * 24 * HOUR)..e.start)
}

/// Confirms a candidate by a one-sided CUSUM of log-likelihood ratios over its hours:
/// `S = max(0, S + llr(hour))`, confirmed when `S` exceeds `ln(1 / alpha)`. Returns the
/// onset (the hour after `S` last stood at zero before it crossed) and the hour it crossed. Counts are noisy (at 5
/// measurements an hour, an hour with 2 is common and proves nothing) and the detector
/// picked these very hours for being low; the CUSUM's false-alarm rate does not depend on
/// that choice, and it also finds where the drop really began.
fn cusum_onset<'a>(
    hours: impl Iterator<Item = (&'a Timestamp, &'a CellCounts)>,
    llr: impl Fn(Timestamp, &CellCounts) -> f64,
    alpha: f64,
) -> Option<(Timestamp, Timestamp)> {
    let threshold = (1.0 / alpha).ln();
    let mut sum = 0.0f64;
    let mut onset = None;
    for (hour, counts) in hours {
        let next = sum + llr(*hour, counts);
        if next <= 0.0 {
            sum = 0.0;
            onset = None;
            continue;
        }
        onset.get_or_insert(*hour);
        sum = next;
        if sum > threshold {
            return onset.map(|o| (o, *hour));
        }
    }
    None
}

/// A drop in volume, confirmed: two CUSUMs of Poisson log-likelihood ratios, each hour
/// weighing `x·ln(λ₁/λ₀) − (λ₁ − λ₀)` between the week's mean rate `λ₀` and a lower rate
/// `λ₁`: half of it (a partial loss), and a tenth of it (a shutdown), each at `alpha / 2`.
/// A full cut is confirmed in 1 hour at 100 measurements an hour, 1 at 20, 4 at 5 and 17
/// at 1; a halving in 1 hour at 100 an hour and 5 at 20.
fn confirm_volume_drop(
    mut e: OutageEvent,
    hours: &BTreeMap<Timestamp, CellCounts>,
    alpha: f64,
) -> Option<(OutageEvent, Timestamp)> {
    let expected = ExpectedRate::of_week(before(&e, hours))?;
    let llr_for = |share: f64| {
        let expected = &expected;
        move |hour: Timestamp, c: &CellCounts| match expected.at(hour) {
            Some(rate) => f64::from(c.total) * share.ln() - (rate * share - rate),
            // No reference for this hour of the day yet: no evidence either way.
            None => 0.0,
        }
    };
    let partial = cusum_onset(span(&e, hours), llr_for(0.5), alpha / 2.0);
    let cut = cusum_onset(span(&e, hours), llr_for(0.1), alpha / 2.0);
    // The hypothesis confirmed first tells the onset (a full cut is confirmed by the
    // second at once, with its exact first hour; chance low hours before it feed the first).
    let (onset, crossed) = match (partial, cut) {
        (Some(a), Some(b)) => {
            if (b.1, std::cmp::Reverse(b.0)) <= (a.1, std::cmp::Reverse(a.0)) {
                b
            } else {
                a
            }
        }
        (a, b) => a.or(b)?,
    };
    e.start = onset;
    // The end: where the counts came back to the expected rate, as a CUSUM of the reverse
    // ratio (normal against half) sees it, if it sees it before the detector's own end
    // (two hours back above 0.8 of the baseline, which chance low hours can delay).
    let half = llr_for(0.5);
    let back = |hour: Timestamp, c: &CellCounts| -half(hour, c);
    if let Some((end, _)) = cusum_onset(span(&e, hours).skip(1), back, RECOVERY_ALPHA) {
        e.end = Some(e.end.map_or(end, |detector| detector.min(end)));
    }
    Some((e, Timestamp(crossed.0 + HOUR)))
}

/// The number of measurements expected in an hour, from the week before: the mean of the
/// same hour of the day (UTC) over the week, since measurements follow people's days
/// (a night at a third of the day's volume is normal, not an outage). Nothing is
/// expected of an hour of the day seen fewer than twice (a volume drop needs two days of
/// history to be confirmed). A tenth of the week's mean at least: an hour that is usually
/// empty gives little evidence either way.
struct ExpectedRate {
    mean: f64,
    by_hour_of_day: [Option<f64>; 24],
}

impl ExpectedRate {
    fn of_week<'a>(week: impl Iterator<Item = (&'a Timestamp, &'a CellCounts)>) -> Option<Self> {
        let (mut seen, mut n) = (0u64, 0u64);
        let mut sums = [(0u64, 0u64); 24];
        for (hour, c) in week {
            seen += u64::from(c.total);
            n += 1;
            let slot = &mut sums[Self::hour_of_day(*hour)];
            slot.0 += u64::from(c.total);
            slot.1 += 1;
        }
        if n < MIN_REFERENCE_HOURS || seen == 0 {
            return None;
        }
        let mean = seen as f64 / n as f64;
        let by_hour_of_day = sums.map(|(sum, count)| (count >= 2).then(|| sum as f64 / count as f64));
        Some(Self { mean, by_hour_of_day })
    }

    fn hour_of_day(t: Timestamp) -> usize {
        usize::try_from(t.0.rem_euclid(24 * HOUR) / HOUR).unwrap_or(0)
    }

    fn at(&self, hour: Timestamp) -> Option<f64> {
        self.by_hour_of_day[Self::hour_of_day(hour)].map(|rate| rate.max(self.mean / 10.0))
    }
}

/// How sure the recovery CUSUM must be (ending an event costs less than opening one).
const RECOVERY_ALPHA: f64 = 1e-3;

/// A fall of the success rate, confirmed: each measurement weighs the log-likelihood
/// ratio between the week's rate `p₀` (with one success and one failure more than seen,
/// so that a week without failure does not make the first one impossible) and `0.8·p₀`.
fn confirm_success_drop(
    mut e: OutageEvent,
    hours: &BTreeMap<Timestamp, CellCounts>,
    alpha: f64,
) -> Option<(OutageEvent, Timestamp)> {
    let (mut ok_before, mut conclusive_before) = (0u64, 0u64);
    for (_, c) in before(&e, hours) {
        ok_before += u64::from(c.ok);
        conclusive_before += u64::from(c.ok + c.blocked());
    }
    if conclusive_before < MIN_REFERENCE_MEASUREMENTS {
        return None;
    }
    let p0 = (ok_before + 1) as f64 / (conclusive_before + 2) as f64;
    let p1 = 0.8 * p0;
    let (per_ok, per_failure) = ((p1 / p0).ln(), ((1.0 - p1) / (1.0 - p0)).ln());
    let llr = |_: Timestamp, c: &CellCounts| f64::from(c.ok) * per_ok + f64::from(c.blocked()) * per_failure;
    let (onset, crossed) = cusum_onset(span(&e, hours), llr, alpha)?;
    e.start = onset;
    Some((e, Timestamp(crossed.0 + HOUR)))
}

fn throttling_events(
    country: &str,
    speed: &[(u32, SpeedSample)],
    settings: &AnalysisSettings,
    events: &mut Vec<DetectedEvent>,
) {
    let mut per_asn: BTreeMap<u32, Vec<SpeedSample>> = BTreeMap::new();
    for (asn, s) in speed {
        per_asn.entry(*asn).or_default().push(s.clone());
    }
    for (asn, samples) in per_asn {
        for e in detect_throttling(&samples, &settings.throttling) {
            events.push(DetectedEvent {
                kind: EventKind::Throttling,
                scope: format!("{country} AS{asn}"),
                country: country.to_owned(),
                asn: Some(asn),
                test_name: None,
                target: None,
                start: e.start,
                detected: e.detected,
                end: e.end,
                severity: e.severity,
                layer: None,
                signals: vec!["throughput".into(), "tls_handshake".into()],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(hour: i64, asn: u32, target: &str, ok: u32, blocked: u32) -> (CellKey, CellCounts) {
        let key = CellKey {
            hour: Timestamp(hour * HOUR),
            country: "IR".into(),
            asn,
            test_name: "web_connectivity".into(),
            target: target.into(),
        };
        let counts = CellCounts { total: ok + blocked, ok, anomaly: blocked, dns: blocked, ..Default::default() };
        (key, counts)
    }

    #[test]
    fn a_blocked_target_and_a_country_outage() {
        let mut cells = Vec::new();
        for h in 0..120 {
            // facebook.com gets blocked in AS1 from hour 60 (one target among seven: the country's
            // success rate barely moves); volume collapses from hour 100.
            if h < 100 {
                cells.push(cell(h, 1, "facebook.com", if h < 60 { 10 } else { 0 }, if h < 60 { 0 } else { 10 }));
                for site in ["example.org", "rfi.fr", "bbc.com", "wikipedia.org", "aljazeera.net", "dw.com"] {
                    cells.push(cell(h, 2, site, 10, 0));
                }
            }
        }
        let picture = analyse_country("IR", &cells, &[], Timestamp(119 * HOUR), &AnalysisSettings::default());
        let blocking: Vec<_> = picture.events.iter().filter(|e| e.kind == EventKind::Blocking).collect();
        assert_eq!(blocking.len(), 1, "{:?}", picture.events);
        assert_eq!(blocking[0].start, Timestamp(60 * HOUR));
        assert_eq!(blocking[0].scope, "IR AS1 web_connectivity facebook.com");
        assert_eq!(blocking[0].layer, Some(BlockingLayer::Dns));
        let outage: Vec<_> = picture.events.iter().filter(|e| e.kind == EventKind::Outage && e.asn.is_none()).collect();
        assert_eq!(outage.len(), 1, "{:?}", picture.events);
        assert_eq!(outage[0].start, Timestamp(100 * HOUR));
        assert_eq!(outage[0].end, None);
        assert_eq!(picture.hours.len(), 120);
        let fb = picture.targets.iter().find(|t| t.target == "facebook.com").unwrap();
        assert_eq!(fb.state, BlockingStateName::Blocked);
        let other = picture.targets.iter().find(|t| t.target == "example.org").unwrap();
        assert_eq!(other.state, BlockingStateName::Reachable);
        // The same cells in another order give the same picture.
        let mut reversed = cells.clone();
        reversed.reverse();
        assert_eq!(analyse_country("IR", &reversed, &[], Timestamp(119 * HOUR), &AnalysisSettings::default()), picture);
    }

    #[test]
    fn other_countries_are_ignored() {
        let cells = vec![cell(0, 1, "a.example", 1, 0)];
        let picture = analyse_country("SY", &cells, &[], Timestamp(0), &AnalysisSettings::default());
        assert!(picture.hours.is_empty() && picture.targets.is_empty() && picture.events.is_empty());
    }
}
