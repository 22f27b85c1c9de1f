//! Several signals of the same regions, combined: agreement makes an outage stronger.
//!
//! Each signal (volume of measurements, success rate, a connectivity index…) is run
//! through [`detect_outages`](super::detect_outages) on its own. Here, the events of one
//! region that overlap in time, whatever their signal, are merged into one
//! [`CombinedOutage`] spanning them all. Its severity is the sum of the members'
//! severities multiplied by the number of distinct signals that agree: one signal alone
//! keeps its severity, two signals seeing the same outage count double. A glitch in one
//! data source thus ranks below an outage that independent sources confirm.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::detect::OutageEvent;
use crate::time::Timestamp;

/// An outage of one region as seen by one or more signals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombinedOutage {
    pub region: String,
    pub start: Timestamp,
    /// `None` if any member is still ongoing.
    pub end: Option<Timestamp>,
    /// The names of the signals that saw it, sorted.
    pub signals: Vec<String>,
    /// Sum of the members' severities × number of agreeing signals.
    pub severity: f64,
    /// The lowest ratio among the members.
    pub min_ratio: f64,
}

/// Merges the events of several signals, given as (signal name, its events). Events
/// of one region overlap when one starts before the other ends, allowing `slack_secs`
/// between the end of one and the start of the next (signals sampled at different
/// rates rarely switch at the same second). Ordered by region, then start.
pub fn combine_signals(signals: &[(&str, &[OutageEvent])], slack_secs: i64) -> Vec<CombinedOutage> {
    let mut by_region: BTreeMap<&str, Vec<(&str, &OutageEvent)>> = BTreeMap::new();
    for (name, events) in signals {
        for e in *events {
            by_region.entry(e.region.as_str()).or_default().push((name, e));
        }
    }
    let mut out = Vec::new();
    for (region, mut events) in by_region {
        events.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.cmp(b.0)));
        let mut group: Vec<(&str, &OutageEvent)> = Vec::new();
        // The latest end in the group so far; `None` means ongoing.
        let mut group_end: Option<Timestamp> = None;
        for (name, e) in events {
            let joins = !group.is_empty() && group_end.is_none_or(|end| e.start.0 <= end.0.saturating_add(slack_secs));
            if joins {
                group_end = group_end.zip(e.end).map(|(a, b)| a.max(b));
            } else {
                if !group.is_empty() {
                    out.push(merge(region, &group));
                    group.clear();
                }
                group_end = e.end;
            }
            group.push((name, e));
        }
        if !group.is_empty() {
            out.push(merge(region, &group));
        }
    }
    out
}

fn merge(region: &str, group: &[(&str, &OutageEvent)]) -> CombinedOutage {
    let signals: BTreeSet<&str> = group.iter().map(|(n, _)| *n).collect();
    let end = group.iter().try_fold(Timestamp(i64::MIN), |acc, (_, e)| e.end.map(|end| acc.max(end)));
    let sum: f64 = group.iter().map(|(_, e)| e.severity).sum();
    CombinedOutage {
        region: region.to_owned(),
        start: group.iter().map(|(_, e)| e.start).min().unwrap_or(Timestamp(0)),
        end,
        severity: sum * signals.len() as f64,
        min_ratio: group.iter().map(|(_, e)| e.min_ratio).fold(f64::INFINITY, f64::min),
        signals: signals.into_iter().map(str::to_owned).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(region: &str, start: i64, end: Option<i64>, severity: f64) -> OutageEvent {
        OutageEvent {
            region: region.into(),
            start: Timestamp(start),
            end: end.map(Timestamp),
            min_ratio: 0.5,
            severity,
            points: 1,
            baseline: 100.0,
        }
    }

    #[test]
    fn overlapping_events_of_two_signals_count_double() {
        let volume = [event("Zulia", 100, Some(500), 3.0)];
        let success = [event("Zulia", 300, Some(900), 1.0), event("Lara", 0, Some(50), 2.0)];
        let combined = combine_signals(&[("volume", &volume), ("success", &success)], 0);
        assert_eq!(combined.len(), 2);
        assert_eq!(combined[0].region, "Lara");
        assert_eq!((combined[0].severity, combined[0].signals.clone()), (2.0, vec!["success".to_owned()]));
        let z = &combined[1];
        assert_eq!((z.start, z.end), (Timestamp(100), Some(Timestamp(900))));
        assert_eq!(z.signals, ["success", "volume"]);
        assert_eq!(z.severity, 8.0, "(3 + 1) × 2 signals");
    }

    #[test]
    fn separate_events_stay_separate_unless_within_the_slack() {
        let a = [event("R", 0, Some(100), 1.0)];
        let b = [event("R", 150, Some(200), 1.0)];
        assert_eq!(combine_signals(&[("a", &a), ("b", &b)], 0).len(), 2);
        let joined = combine_signals(&[("a", &a), ("b", &b)], 60);
        assert_eq!((joined.len(), joined[0].severity), (1, 4.0));
    }

    #[test]
    fn an_ongoing_member_keeps_the_combined_outage_open() {
        let a = [event("R", 0, None, 1.0)];
        let b = [event("R", 5000, Some(6000), 1.0), event("R", 9000, Some(9500), 1.0)];
        let combined = combine_signals(&[("a", &a), ("b", &b)], 0);
        assert_eq!(combined.len(), 1);
        assert_eq!((combined[0].end, combined[0].severity), (None, 6.0));
    }

    #[test]
    fn the_same_signal_twice_does_not_count_as_agreement() {
        let a = [event("R", 0, Some(100), 1.0), event("R", 50, Some(150), 1.0)];
        let combined = combine_signals(&[("a", &a)], 0);
        assert_eq!((combined.len(), combined[0].severity), (1, 2.0));
    }
}
