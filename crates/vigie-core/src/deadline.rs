//! Deadlines per severity: when the first response and the resolution are due, and
//! whether a case is overdue.

use crate::Timestamp;
use crate::triage::Severity;

/// Seconds allowed for the first response and for resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub first_response_secs: i64,
    pub resolution_secs: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaPolicy {
    pub critical: Allowance,
    pub high: Allowance,
    pub medium: Allowance,
    pub low: Allowance,
}

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

impl Default for SlaPolicy {
    /// critical 2 h / 3 days, high 8 h / 7 days, medium 24 h / 14 days, low 72 h / 30 days.
    fn default() -> Self {
        let a = |first_response_secs, resolution_secs| Allowance { first_response_secs, resolution_secs };
        Self {
            critical: a(2 * HOUR, 3 * DAY),
            high: a(8 * HOUR, 7 * DAY),
            medium: a(24 * HOUR, 14 * DAY),
            low: a(72 * HOUR, 30 * DAY),
        }
    }
}

impl SlaPolicy {
    /// Reads a policy written as `critical=2h/3d,high=8h/7d,medium=24h/14d,low=72h/30d`
    /// (first response / resolution; units `m`, `h`, `d`). Severities left out keep
    /// their default.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut policy = Self::default();
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, times) =
                item.split_once('=').ok_or_else(|| format!("{item:?}: expected severity=first/resolution"))?;
            let severity = Severity::parse(name.trim()).ok_or_else(|| format!("unknown severity {:?}", name.trim()))?;
            let (first, resolution) =
                times.split_once('/').ok_or_else(|| format!("{item:?}: expected first/resolution"))?;
            let allowance = Allowance { first_response_secs: duration(first)?, resolution_secs: duration(resolution)? };
            if allowance.first_response_secs > allowance.resolution_secs {
                return Err(format!("{item:?}: the first response cannot be due after the resolution"));
            }
            match severity {
                Severity::Critical => policy.critical = allowance,
                Severity::High => policy.high = allowance,
                Severity::Medium => policy.medium = allowance,
                Severity::Low => policy.low = allowance,
            }
        }
        Ok(policy)
    }
}

fn duration(raw: &str) -> Result<i64, String> {
    let raw = raw.trim();
    let (number, unit) = raw.split_at(raw.len().saturating_sub(1));
    let n: i64 = number.parse().map_err(|_| format!("{raw:?} is not a duration like 30m, 8h or 7d"))?;
    let secs = match unit {
        "m" => n * 60,
        "h" => n * HOUR,
        "d" => n * DAY,
        _ => return Err(format!("{raw:?} is not a duration like 30m, 8h or 7d")),
    };
    if secs <= 0 || secs > 365 * DAY {
        return Err(format!("{raw:?} must be more than zero and at most a year"));
    }
    Ok(secs)
}

/// When a case's work is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    pub first_response: Timestamp,
    pub resolution: Timestamp,
}

impl SlaPolicy {
    pub fn allowance(&self, s: Severity) -> Allowance {
        match s {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }

    /// Deadlines of a case opened at `opened` with severity `s`. A severity change
    /// recomputes them from the opening time, not from the change.
    pub fn deadlines(&self, opened: Timestamp, s: Severity) -> Deadlines {
        let a = self.allowance(s);
        Deadlines {
            first_response: opened.plus_secs(a.first_response_secs),
            resolution: opened.plus_secs(a.resolution_secs),
        }
    }
}

impl Deadlines {
    /// Overdue when a deadline passed without what it asks for.
    pub fn overdue(&self, now: Timestamp, responded: bool, open: bool) -> bool {
        open && ((!responded && now > self.first_response) || now > self.resolution)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defaults_follow_the_agreed_table() {
        let p = SlaPolicy::default();
        let d = p.deadlines(Timestamp(0), Severity::Critical);
        assert_eq!((d.first_response.0, d.resolution.0), (2 * 3600, 3 * 86400));
        let d = p.deadlines(Timestamp(0), Severity::Low);
        assert_eq!((d.first_response.0, d.resolution.0), (72 * 3600, 30 * 86400));
    }

    #[test]
    fn a_response_stops_the_first_deadline_but_not_the_second() {
        let d = SlaPolicy::default().deadlines(Timestamp(0), Severity::High);
        let late = Timestamp(9 * 3600);
        assert!(d.overdue(late, false, true));
        assert!(!d.overdue(late, true, true));
        assert!(d.overdue(Timestamp(8 * 86400), true, true));
        assert!(!d.overdue(Timestamp(8 * 86400), true, false), "closed cases are never overdue");
    }

    #[test]
    fn policies_are_read_from_text() {
        let p = SlaPolicy::parse("critical=1h/2d, low=5d/60d").unwrap();
        assert_eq!(p.critical, Allowance { first_response_secs: 3600, resolution_secs: 2 * 86400 });
        assert_eq!(p.high, SlaPolicy::default().high, "left out keeps the default");
        assert_eq!(p.low.resolution_secs, 60 * 86400);
        assert_eq!(SlaPolicy::parse("").unwrap(), SlaPolicy::default());
        for bad in ["urgent=1h/2d", "critical=1h", "critical=3d/1h", "critical=0h/1d", "critical=1w/2w", "critical"] {
            assert!(SlaPolicy::parse(bad).is_err(), "{bad}");
        }
    }

    fn severity() -> impl Strategy<Value = Severity> {
        proptest::sample::select(Severity::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn graver_cases_are_never_due_later(opened in 0i64..2_000_000_000, a in severity(), b in severity()) {
            let p = SlaPolicy::default();
            let (da, db) = (p.deadlines(Timestamp(opened), a), p.deadlines(Timestamp(opened), b));
            if a <= b {
                prop_assert!(da.first_response <= db.first_response && da.resolution <= db.resolution);
            }
            prop_assert!(da.first_response <= da.resolution);
            prop_assert!(da.first_response > Timestamp(opened));
        }

        #[test]
        fn overdue_is_monotonic_in_time(
            opened in 0i64..1_000_000,
            s in severity(),
            t in 0i64..5_000_000,
            dt in 0i64..5_000_000,
            responded in any::<bool>(),
        ) {
            let d = SlaPolicy::default().deadlines(Timestamp(opened), s);
            if d.overdue(Timestamp(t), responded, true) {
                prop_assert!(d.overdue(Timestamp(t + dt), responded, true));
            }
        }
    }
}
