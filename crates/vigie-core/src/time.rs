//! Time as the domain sees it: whole seconds since the Unix epoch, read through the
//! [`Clock`] port so that tests can move time forward instead of sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// Reads a duration of settings written `30s`, `10m` or `2h`, in seconds; `None` when it
/// is not one (or is negative).
pub fn short_duration_secs(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    let (n, unit) = raw.split_at(raw.len().checked_sub(1)?);
    let n: i64 = n.parse().ok().filter(|n| *n >= 0)?;
    n.checked_mul(match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => return None,
    })
}

impl Timestamp {
    pub fn plus_secs(self, secs: i64) -> Self {
        Self(self.0.saturating_add(secs))
    }

    /// The start of the `step`-second slot this instant falls in (the instant itself when
    /// `step` is not positive).
    pub fn rounded_down(self, step: i64) -> Self {
        if step <= 0 { self } else { Self(self.0 - self.0.rem_euclid(step)) }
    }

    /// (year, month, day, hour, minute, second) in UTC, proleptic Gregorian calendar
    /// (Howard Hinnant's civil-from-days).
    pub fn civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d, (secs / 3600) as u32, (secs % 3600 / 60) as u32, (secs % 60) as u32)
    }

    /// Midnight UTC of a calendar date (proleptic Gregorian; the inverse of [`Timestamp::civil`]
    /// for whole days).
    pub fn from_date(year: i64, month: u32, day: u32) -> Self {
        Self(days_from_civil(year, i64::from(month), i64::from(day)) * 86_400)
    }

    /// RFC 3339 in UTC, e.g. `2026-11-23T16:40:00Z`.
    pub fn rfc3339(self) -> String {
        let (y, m, d, h, mi, s) = self.civil();
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }

    /// Reads an RFC 3339 date-time: `2026-11-23T16:40:00Z`, `2026-11-23T19:40:00+03:00`,
    /// with optional fractional seconds (dropped: the domain counts whole seconds). `t`,
    /// `z` and a space instead of `T` are accepted, as RFC 3339 allows; a leap second
    /// (`:60`) counts as `:59`. Hand-written so that the domain needs no date crate.
    pub fn parse_rfc3339(raw: &str) -> Result<Self, &'static str> {
        let b = raw.as_bytes();
        if b.len() < 20 {
            return Err("too short for an RFC 3339 date-time");
        }
        let num = |range: std::ops::Range<usize>| -> Result<i64, &'static str> {
            let digits = &b[range];
            if !digits.iter().all(u8::is_ascii_digit) {
                return Err("expected digits in YYYY-MM-DDTHH:MM:SS");
            }
            Ok(digits.iter().fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')))
        };
        if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
            return Err("expected the form YYYY-MM-DDTHH:MM:SS");
        }
        if !matches!(b[10], b'T' | b't' | b' ') {
            return Err("expected `T` between the date and the time");
        }
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err("no such date");
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err("no such time of day");
        }
        let mut i = 19;
        if b[i] == b'.' {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return Err("expected digits after the decimal point");
            }
        }
        let offset = match &b[i..] {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let digits = [*h1, *h2, *m1, *m2];
                if !digits.iter().all(u8::is_ascii_digit) {
                    return Err("expected an offset like +03:00");
                }
                let oh = i64::from(h1 - b'0') * 10 + i64::from(h2 - b'0');
                let om = i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0');
                if oh > 23 || om > 59 {
                    return Err("no such offset");
                }
                let secs = oh * 3600 + om * 60;
                if *sign == b'-' { -secs } else { secs }
            }
            [] => return Err("missing the time zone (`Z` or an offset like +03:00)"),
            _ => return Err("expected `Z` or an offset like +03:00 at the end"),
        };
        let days = days_from_civil(year, month, day);
        Ok(Self(days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset))
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil, the inverse of [`Timestamp::civil`]).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The port through which services read the time.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}

/// A clock that moves only when told to; for tests.
#[derive(Debug, Clone, Default)]
pub struct FakeClock(Arc<AtomicI64>);

impl FakeClock {
    pub fn at(t: i64) -> Self {
        Self(Arc::new(AtomicI64::new(t)))
    }

    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates_format_as_rfc3339() {
        assert_eq!(Timestamp(0).rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp(951_782_400).rfc3339(), "2000-02-29T00:00:00Z");
        assert_eq!(Timestamp(1_763_916_001).rfc3339(), "2025-11-23T16:40:01Z");
        assert_eq!(Timestamp(-1).rfc3339(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn rfc3339_with_z_offsets_and_fractions_parses() {
        assert_eq!(Timestamp::parse_rfc3339("1970-01-01T00:00:00Z"), Ok(Timestamp(0)));
        assert_eq!(Timestamp::parse_rfc3339("2025-11-23T16:40:01Z"), Ok(Timestamp(1_763_916_001)));
        assert_eq!(Timestamp::parse_rfc3339("2025-11-23T19:40:01+03:00"), Ok(Timestamp(1_763_916_001)));
        assert_eq!(Timestamp::parse_rfc3339("2025-11-23T12:10:01-04:30"), Ok(Timestamp(1_763_916_001)));
        assert_eq!(Timestamp::parse_rfc3339("2025-11-23t16:40:01.999z"), Ok(Timestamp(1_763_916_001)));
        assert_eq!(Timestamp::parse_rfc3339("2025-11-23 16:40:01.5Z"), Ok(Timestamp(1_763_916_001)));
        assert_eq!(Timestamp::parse_rfc3339("2000-02-29T00:00:00Z"), Ok(Timestamp(951_782_400)));
        assert_eq!(Timestamp::parse_rfc3339("1969-12-31T23:59:59Z"), Ok(Timestamp(-1)));
        assert_eq!(Timestamp::parse_rfc3339("2016-12-31T23:59:60Z"), Ok(Timestamp(1_483_228_799)));
    }

    #[test]
    fn malformed_rfc3339_is_refused() {
        for bad in [
            "",
            "2025-11-23",
            "2025-11-23T16:40:01",
            "2025-11-23T16:40:01+0300",
            "2025-11-23T16:40:01.Z",
            "2025-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-11-23T24:00:00Z",
            "2025-11-23T16:60:00Z",
            "2025-11-23T16:40:01+24:00",
            "2025-11-23T16:40:01Zjunk",
            "2025/11/23T16:40:01Z",
            "٢٠٢٥-11-23T16:40:01Z",
        ] {
            assert!(Timestamp::parse_rfc3339(bad).is_err(), "{bad:?} was accepted");
        }
    }

    proptest! {
        /// Consecutive seconds give consecutive, well-formed dates.
        #[test]
        fn the_calendar_is_consistent(t in -10_000_000_000i64..10_000_000_000) {
            let (y, m, d, h, mi, s) = Timestamp(t).civil();
            prop_assert!((1..=12).contains(&m) && (1..=31).contains(&d) && h < 24 && mi < 60 && s < 60);
            let next = Timestamp(t + 1).civil();
            prop_assert!(next > (y, m, d, h, mi, s));
        }

        /// Formatting then parsing gives back the same second.
        #[test]
        fn rfc3339_round_trips(t in -10_000_000_000i64..200_000_000_000) {
            prop_assert_eq!(Timestamp::parse_rfc3339(&Timestamp(t).rfc3339()), Ok(Timestamp(t)));
        }

        #[test]
        fn rfc3339_parser_never_panics(s in "\\PC{0,40}") {
            let _ = Timestamp::parse_rfc3339(&s);
        }
    }
}
