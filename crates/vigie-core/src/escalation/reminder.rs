//! When a platform is late: each platform gets a reply period per severity (48 hours
//! for critical items, 7 days for the rest unless configured otherwise), and an
//! escalation sent and not answered within it is overdue, so that the responder chases
//! it or re-escalates through another channel.

use std::collections::BTreeMap;

use super::codes::Platform;
use super::lifecycle::{Escalation, EscalationStatus};
use crate::Timestamp;
use crate::triage::Severity;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// How long a platform has to answer, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyPeriods {
    /// For an escalation with a critical item.
    pub critical_secs: i64,
    /// For every other escalation.
    pub other_secs: i64,
}

impl Default for ReplyPeriods {
    /// 48 hours for critical, 7 days otherwise.
    fn default() -> Self {
        Self { critical_secs: 48 * HOUR, other_secs: 7 * DAY }
    }
}

impl ReplyPeriods {
    /// The period for an escalation of `severity`.
    pub fn for_severity(self, severity: Severity) -> i64 {
        if severity == Severity::Critical { self.critical_secs } else { self.other_secs }
    }
}

/// The reply periods of every platform: one default, overridden per platform.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplyPolicy {
    pub default: ReplyPeriods,
    overrides: BTreeMap<Platform, ReplyPeriods>,
}

/// Why a reply policy's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyPolicyError {
    #[error("{item:?}: expected platform=critical/other, like telegram=24h/3d")]
    Syntax { item: String },
    #[error("{name:?} is not a platform code (facebook, x, other:<name>…) nor `default`")]
    UnknownPlatform { name: String },
    #[error("{raw:?} is not a duration like 30m, 8h or 7d, more than zero and at most a year")]
    Duration { raw: String },
    #[error("{item:?}: the period for critical items cannot be longer than the other")]
    CriticalLonger { item: String },
}

impl ReplyPolicy {
    /// The policy with `platform`'s periods set.
    pub fn with_override(mut self, platform: Platform, periods: ReplyPeriods) -> Self {
        self.overrides.insert(platform, periods);
        self
    }

    /// The periods `platform` has.
    pub fn periods(&self, platform: &Platform) -> ReplyPeriods {
        self.overrides.get(platform).copied().unwrap_or(self.default)
    }

    /// Reads a policy written as `default=48h/7d, telegram=24h/3d, other:vk=3d/14d`
    /// (critical / other; units `m`, `h`, `d`). Left out, the default stays 48h/7d.
    pub fn parse(raw: &str) -> Result<Self, ReplyPolicyError> {
        let mut policy = Self::default();
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let syntax = || ReplyPolicyError::Syntax { item: item.to_owned() };
            let (name, times) = item.split_once('=').ok_or_else(syntax)?;
            let (critical, other) = times.split_once('/').ok_or_else(syntax)?;
            let periods = ReplyPeriods { critical_secs: duration(critical)?, other_secs: duration(other)? };
            if periods.critical_secs > periods.other_secs {
                return Err(ReplyPolicyError::CriticalLonger { item: item.to_owned() });
            }
            match name.trim() {
                "default" => policy.default = periods,
                code => {
                    let platform = Platform::parse(code)
                        .map_err(|_| ReplyPolicyError::UnknownPlatform { name: code.to_owned() })?;
                    policy.overrides.insert(platform, periods);
                }
            }
        }
        Ok(policy)
    }
}

fn duration(raw: &str) -> Result<i64, ReplyPolicyError> {
    let raw = raw.trim();
    let bad = || ReplyPolicyError::Duration { raw: raw.to_owned() };
    let (number, unit) = raw.split_at(raw.len().saturating_sub(1));
    let n: i64 = number.parse().map_err(|_| bad())?;
    let secs = match unit {
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(HOUR),
        "d" => n.checked_mul(DAY),
        _ => None,
    };
    secs.filter(|s| (1..=365 * DAY).contains(s)).ok_or_else(bad)
}

/// A sent escalation the platform has not answered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overdue {
    /// When the answer was due.
    pub due: Timestamp,
    /// How long past due, in seconds (more than zero).
    pub late_by_secs: i64,
    /// The severity the period followed (the escalation's gravest item).
    pub severity: Severity,
    /// The reply period that applied, in seconds.
    pub period_secs: i64,
}

/// Whether `escalation` is overdue at `now`: sent, not acknowledged nor decided, and
/// past its platform's reply period for its gravest item. An acknowledgement stops the
/// clock: the platform has answered, and its decision is chased by other means.
pub fn overdue(escalation: &Escalation, now: Timestamp, policy: &ReplyPolicy) -> Option<Overdue> {
    if escalation.status != EscalationStatus::Sent {
        return None;
    }
    let sent = escalation.sent_at?;
    let severity = escalation.severity();
    let period_secs = policy.periods(&escalation.platform).for_severity(severity);
    let due = sent.plus_secs(period_secs);
    (now > due).then(|| Overdue { due, late_by_secs: now.0 - due.0, severity, period_secs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalation::codes::{Channel, PolicyCategory};
    use crate::escalation::item::{ItemDraft, ItemType};
    use crate::escalation::lifecycle::{Event, NewEscalation};
    use proptest::prelude::*;

    fn sent(platform: Platform, severity: Severity, at: i64) -> Escalation {
        let mut d = ItemDraft::new(ItemType::Account, PolicyCategory::Doxing, severity);
        d.account = "@doxer".into();
        let mut e = NewEscalation::from_drafts(platform, Channel::InProduct, &[d], Timestamp(0)).unwrap().into_draft();
        e.apply(Event::Send { at: Timestamp(at), reference: None }).unwrap();
        e
    }

    #[test]
    fn critical_items_are_overdue_after_48_hours_others_after_7_days() {
        let policy = ReplyPolicy::default();
        let e = sent(Platform::Facebook, Severity::Critical, 1_000);
        assert_eq!(overdue(&e, Timestamp(1_000 + 48 * HOUR), &policy), None, "due at the instant is not late");
        let late = overdue(&e, Timestamp(1_000 + 48 * HOUR + 60), &policy).unwrap();
        assert_eq!(
            late,
            Overdue {
                due: Timestamp(1_000 + 48 * HOUR),
                late_by_secs: 60,
                severity: Severity::Critical,
                period_secs: 48 * HOUR
            }
        );
        let e = sent(Platform::Facebook, Severity::High, 1_000);
        assert_eq!(overdue(&e, Timestamp(1_000 + 6 * DAY), &policy), None);
        assert!(overdue(&e, Timestamp(1_000 + 7 * DAY + 1), &policy).is_some());
    }

    #[test]
    fn an_acknowledgement_stops_the_clock_and_drafts_never_start_it() {
        let policy = ReplyPolicy::default();
        let mut e = sent(Platform::X, Severity::Critical, 0);
        e.apply(Event::Acknowledge { at: Timestamp(10), reference: None }).unwrap();
        assert_eq!(overdue(&e, Timestamp(100 * DAY), &policy), None);
        let mut d = ItemDraft::new(ItemType::Account, PolicyCategory::Doxing, Severity::Critical);
        d.account = "@doxer".into();
        let draft = NewEscalation::from_drafts(Platform::X, Channel::Email, &[d], Timestamp(0)).unwrap().into_draft();
        assert_eq!(overdue(&draft, Timestamp(100 * DAY), &policy), None);
    }

    #[test]
    fn periods_are_overridden_per_platform() {
        let policy = ReplyPolicy::parse("default=24h/5d, telegram=72h/14d, other:vk=3d/3d").unwrap();
        assert_eq!(policy.periods(&Platform::X), ReplyPeriods { critical_secs: 24 * HOUR, other_secs: 5 * DAY });
        assert_eq!(policy.periods(&Platform::Telegram).critical_secs, 72 * HOUR);
        assert_eq!(policy.periods(&Platform::parse("other:vk").unwrap()).other_secs, 3 * DAY);
        let e = sent(Platform::Telegram, Severity::Critical, 0);
        assert!(overdue(&e, Timestamp(50 * HOUR), &policy).is_none());
        let built = ReplyPolicy::default()
            .with_override(Platform::TikTok, ReplyPeriods { critical_secs: HOUR, other_secs: DAY });
        assert_eq!(built.periods(&Platform::TikTok).critical_secs, HOUR);
        assert_eq!(ReplyPolicy::parse("").unwrap(), ReplyPolicy::default());
    }

    #[test]
    fn bad_policies_say_what_is_wrong() {
        assert!(matches!(ReplyPolicy::parse("myspace=1h/1d"), Err(ReplyPolicyError::UnknownPlatform { .. })));
        assert!(matches!(ReplyPolicy::parse("x=1h"), Err(ReplyPolicyError::Syntax { .. })));
        assert!(matches!(ReplyPolicy::parse("x"), Err(ReplyPolicyError::Syntax { .. })));
        assert!(matches!(ReplyPolicy::parse("x=3d/1d"), Err(ReplyPolicyError::CriticalLonger { .. })));
        for bad in ["x=0h/1d", "x=1w/2w", "x=400d/400d", "x=99999999999999999d/1d"] {
            assert!(matches!(ReplyPolicy::parse(bad), Err(ReplyPolicyError::Duration { .. })), "{bad}");
        }
    }

    fn severity() -> impl Strategy<Value = Severity> {
        proptest::sample::select(Severity::ALL.to_vec())
    }

    proptest! {
        /// Once overdue, an unanswered escalation stays overdue, later by as much time as passed.
        #[test]
        fn overdue_is_monotonic_in_time(
            sent_at in 0i64..1_000_000_000,
            t in 0i64..2_000_000,
            dt in 0i64..2_000_000,
            s in severity(),
        ) {
            let e = sent(Platform::YouTube, s, sent_at);
            let policy = ReplyPolicy::default();
            if let Some(first) = overdue(&e, Timestamp(sent_at + t), &policy) {
                let later = overdue(&e, Timestamp(sent_at + t + dt), &policy).unwrap();
                prop_assert_eq!(later.late_by_secs, first.late_by_secs + dt);
                prop_assert!(first.late_by_secs > 0);
            }
        }
    }
}
