//! The on-call rota of an organization: weekly slots (a weekday and a span of the day,
//! in UTC, held by one person), and handovers that give the rota to someone else for a
//! while ("I hand over to Awa until Monday 08:00"). Who is on call at a moment is the
//! latest handover covering it, else the slot covering it, else nobody.

use crate::error::{DomainError, Problem};
use crate::{Timestamp, UserId};

/// Minutes in a day.
pub const DAY_MINUTES: u16 = 24 * 60;

/// A weekly slot: `weekday` 0 is Monday; minutes from 00:00 UTC, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
    pub user: UserId,
}

impl Slot {
    pub fn new(weekday: u8, start_minute: u16, end_minute: u16, user: UserId) -> Result<Self, DomainError> {
        if weekday > 6 {
            return Err(DomainError::invalid("weekday", Problem::OutOfRange));
        }
        if start_minute >= end_minute || end_minute > DAY_MINUTES {
            return Err(DomainError::invalid("end", Problem::OutOfRange));
        }
        Ok(Self { weekday, start_minute, end_minute, user })
    }

    fn covers(&self, weekday: u8, minute: u16) -> bool {
        self.weekday == weekday && (self.start_minute..self.end_minute).contains(&minute)
    }
}

/// The rota given to someone between two moments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub to: UserId,
    pub from: Timestamp,
    pub until: Timestamp,
    pub by: UserId,
    pub created_at: Timestamp,
}

/// `HH:MM` to minutes of the day (`24:00` allowed, as an end).
pub fn parse_minute(raw: &str) -> Result<u16, DomainError> {
    let bad = || DomainError::invalid("time", Problem::OutOfRange);
    let (h, m) = raw.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let minute = h.checked_mul(60).and_then(|x| x.checked_add(m)).ok_or_else(bad)?;
    (m < 60 && minute <= DAY_MINUTES).then_some(minute).ok_or_else(bad)
}

/// Minutes of the day as `HH:MM`.
pub fn format_minute(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// The weekday (0 Monday) and minute of the day, UTC, of a moment.
pub fn week_position(at: Timestamp) -> (u8, u16) {
    let days = at.0.div_euclid(86_400);
    let minute = (at.0.rem_euclid(86_400) / 60) as u16;
    // 1 January 1970 was a Thursday.
    (((days + 3).rem_euclid(7)) as u8, minute)
}

/// Who is on call at `at`.
pub fn on_call(slots: &[Slot], handovers: &[Handover], at: Timestamp) -> Option<UserId> {
    let handed = handovers.iter().filter(|h| h.from <= at && at < h.until).max_by_key(|h| (h.created_at, h.from));
    if let Some(h) = handed {
        return Some(h.to);
    }
    let (weekday, minute) = week_position(at);
    slots.iter().find(|s| s.covers(weekday, minute)).map(|s| s.user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_starts_on_monday_in_utc() {
        // 2026-12-07 was a Monday.
        let monday = Timestamp::from_date(2026, 12, 7);
        assert_eq!(week_position(monday), (0, 0));
        assert_eq!(week_position(monday.plus_secs(6 * 86_400 + 23 * 3600 + 59 * 60)), (6, 1439));
        assert_eq!(week_position(Timestamp(0)), (3, 0));
    }

    #[test]
    fn handovers_win_over_slots_and_the_latest_wins() {
        let monday = Timestamp::from_date(2026, 12, 7);
        let slots =
            [Slot::new(0, 0, 12 * 60, UserId(1)).unwrap(), Slot::new(0, 12 * 60, DAY_MINUTES, UserId(2)).unwrap()];
        assert_eq!(on_call(&slots, &[], monday.plus_secs(3600)), Some(UserId(1)));
        assert_eq!(on_call(&slots, &[], monday.plus_secs(13 * 3600)), Some(UserId(2)));
        assert_eq!(on_call(&slots, &[], monday.plus_secs(86_400)), None);
        let h = |to, from: i64, until: i64, created: i64| Handover {
            to: UserId(to),
            from: monday.plus_secs(from),
            until: monday.plus_secs(until),
            by: UserId(1),
            created_at: monday.plus_secs(created),
        };
        let handovers = [h(3, 0, 7200, 0), h(4, 3600, 5400, 10)];
        assert_eq!(on_call(&slots, &handovers, monday.plus_secs(1800)), Some(UserId(3)));
        assert_eq!(on_call(&slots, &handovers, monday.plus_secs(4000)), Some(UserId(4)));
        assert_eq!(on_call(&slots, &handovers, monday.plus_secs(7200)), Some(UserId(1)));
    }

    #[test]
    fn times_and_slots_are_checked() {
        assert_eq!(parse_minute("08:30").unwrap(), 510);
        assert_eq!(parse_minute("24:00").unwrap(), 1440);
        for bad in ["24:01", "8h", "07:60", "-1:00", ""] {
            assert!(parse_minute(bad).is_err(), "{bad}");
        }
        assert_eq!(format_minute(510), "08:30");
        assert!(Slot::new(7, 0, 60, UserId(1)).is_err());
        assert!(Slot::new(0, 60, 60, UserId(1)).is_err());
    }
}
