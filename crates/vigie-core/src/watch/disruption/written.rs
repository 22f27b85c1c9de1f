//! Values kept as they were written, with what they mean when that can be read.
//!
//! STOP's dates, durations and years come from a spreadsheet: most are clean, some are
//! not ("Curfew Style" as a duration). A [`Written`] value keeps the text verbatim, so an
//! export gives back exactly what was imported, and holds the parsed meaning beside it.
//! Only the text is serialised; the meaning is read again on load, so the two cannot
//! disagree.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A meaning that can be read from a cell and written back in STOP's form.
pub trait Meaning: Sized {
    /// `None` when the text does not have this meaning.
    fn read(written: &str) -> Option<Self>;
    /// The text STOP would write for this value.
    fn write(&self) -> String;
}

/// A cell's text and, when it can be read, its meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Written<T> {
    written: String,
    value: Option<T>,
}

impl<T: Meaning> Written<T> {
    pub fn parse(raw: &str) -> Self {
        Self { written: raw.to_owned(), value: T::read(raw) }
    }

    /// A value entered in Vigie, written as STOP writes it.
    pub fn from_value(value: T) -> Self {
        Self { written: value.write(), value: Some(value) }
    }

    pub fn empty() -> Self {
        Self { written: String::new(), value: None }
    }
}

impl<T> Written<T> {
    pub fn written(&self) -> &str {
        &self.written
    }

    pub fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.written.is_empty()
    }

    /// Something is written that cannot be read.
    pub fn is_unreadable(&self) -> bool {
        !self.written.is_empty() && self.value.is_none()
    }
}

impl<T: Meaning> Default for Written<T> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<T> Serialize for Written<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.written)
    }
}

impl<'de, T: Meaning> Deserialize<'de> for Written<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(deserializer)?))
    }
}

/// A calendar day (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=12)
            .contains(&month)
            .then(|| days_in_month(year, month))
            .filter(|&last| (1..=last).contains(&day))
            .map(|_| Self { year, month, day })
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn digits(s: &str) -> Option<u32> {
    all_digits(s).then(|| s.parse().ok()).flatten()
}

/// `HH:MM:SS` with an optional fraction of a second.
fn is_time(s: &str) -> bool {
    let (hms, fraction) = s.split_once('.').unwrap_or((s, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    parts.len() == 3
        && parts.iter().all(|p| p.len() == 2)
        && all_digits(fraction)
        && matches!(
            (digits(parts[0]), digits(parts[1]), digits(parts[2])),
            (Some(h), Some(m), Some(s)) if h < 24 && m < 60 && s < 61
        )
}

/// STOP writes `2019-06-22 00:00:00.000000`; a bare `2019-06-22` or an ISO `T` between
/// date and time are read too. The time of day is not kept in the meaning (STOP's are
/// all midnight); it stays in the written text.
impl Meaning for Date {
    fn read(written: &str) -> Option<Self> {
        let (date, time) = match written.split_once([' ', 'T']) {
            Some((date, time)) => (date, Some(time)),
            None => (written, None),
        };
        if time.is_some_and(|t| !is_time(t)) {
            return None;
        }
        let mut parts = date.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(digits(y)? as i32, digits(m)? as u8, digits(d)? as u8)
    }

    fn write(&self) -> String {
        format!("{self} 00:00:00.000000")
    }
}

/// A duration in days, as STOP counts it (fractions of a day for hours).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Days(pub f64);

/// A plain decimal: an optional minus, digits, an optional fraction. No exponent, no
/// `inf`, no spaces: those are not what a spreadsheet cell of days looks like.
impl Meaning for Days {
    fn read(written: &str) -> Option<Self> {
        let unsigned = written.strip_prefix('-').unwrap_or(written);
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
        (all_digits(whole) && all_digits(fraction)).then(|| written.parse().ok().map(Days)).flatten()
    }

    fn write(&self) -> String {
        self.0.to_string()
    }
}

/// A year of four digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(pub u16);

impl Meaning for Year {
    fn read(written: &str) -> Option<Self> {
        (written.len() == 4).then(|| digits(written)).flatten().map(|y| Year(y as u16))
    }

    fn write(&self) -> String {
        format!("{:04}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_dates_are_read_with_or_without_their_time() {
        let day = Date::new(2019, 6, 22);
        assert_eq!(Date::read("2019-06-22 00:00:00.000000"), day);
        assert_eq!(Date::read("2019-06-22"), day);
        assert_eq!(Date::read("2019-06-22T13:45:00"), day);
    }

    #[test]
    fn impossible_or_malformed_dates_are_not_read() {
        for raw in [
            "",
            "2019-02-29",
            "2019-13-01",
            "2019-6-22",
            "22/06/2019",
            "2019-06-22 25:00:00",
            "2019-06-22 00:00",
            "2019-06-22 00:00:00.",
            "2019-06-22-01",
            "+019-06-22",
            "ongoing",
        ] {
            assert_eq!(Date::read(raw), None, "{raw:?}");
        }
        assert_eq!(Date::read("2020-02-29"), Date::new(2020, 2, 29));
        assert_eq!(Date::read("1900-02-29"), None);
    }

    #[test]
    fn a_date_entered_in_vigie_is_written_as_stop_writes_it() {
        let written = Written::from_value(Date::new(2016, 1, 9).unwrap());
        assert_eq!(written.written(), "2016-01-09 00:00:00.000000");
        assert_eq!(Written::<Date>::parse(written.written()), written);
    }

    #[test]
    fn durations_are_plain_decimals_of_days() {
        assert_eq!(Days::read("2"), Some(Days(2.0)));
        assert_eq!(Days::read("0.21"), Some(Days(0.21)));
        assert_eq!(Days::read("-43833"), Some(Days(-43833.0)));
        for raw in ["Curfew Style", "2 hours", "1e3", "inf", " 2", "", "-", "1.", ".5"] {
            assert_eq!(Days::read(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn unreadable_text_is_kept_verbatim() {
        let d = Written::<Days>::parse("Curfew Style");
        assert_eq!(d.written(), "Curfew Style");
        assert!(d.is_unreadable());
        assert!(!Written::<Days>::parse("").is_unreadable());
    }

    #[test]
    fn years_have_four_digits() {
        assert_eq!(Year::read("2019"), Some(Year(2019)));
        assert_eq!(Year::read("19"), None);
        assert_eq!(Year::read("2019 "), None);
    }

    #[test]
    fn only_the_text_is_serialised_and_the_meaning_is_read_again() {
        let d = Written::<Date>::parse("2019-06-22 00:00:00.000000");
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"2019-06-22 00:00:00.000000\"");
        assert_eq!(serde_json::from_str::<Written<Date>>(&json).unwrap(), d);
    }

    proptest::proptest! {
        #[test]
        fn a_day_written_as_stop_writes_it_reads_back(y in 1000i32..3000, m in 1u8..=12, d in 1u8..=31) {
            if let Some(day) = Date::new(y, m, d) {
                let written = Written::from_value(day);
                proptest::prop_assert_eq!(Date::read(written.written()), Some(day));
                proptest::prop_assert_eq!(Written::<Date>::parse(written.written()), written);
            }
        }

        #[test]
        fn days_written_back_read_as_the_same_number(days in -1.0e6f64..1.0e6) {
            let written = Written::from_value(Days(days));
            proptest::prop_assert_eq!(written.value(), Some(&Days(days)));
            proptest::prop_assert_eq!(Written::<Days>::parse(written.written()), written);
        }

        #[test]
        fn any_text_is_kept_as_written(raw in "\\PC*") {
            let (date, days) = (Written::<Date>::parse(&raw), Written::<Days>::parse(&raw));
            proptest::prop_assert_eq!(date.written(), raw.as_str());
            proptest::prop_assert_eq!(days.written(), raw.as_str());
        }
    }
}
