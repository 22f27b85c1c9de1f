//! The accountability record: how fast platforms answer and act, and how often.
//!
//! From one fact per escalated item ([`ItemFact`]), grouped by any combination of
//! platform, policy category, country, severity and period (month, quarter or year of
//! the escalation), [`accountability`] gives per group:
//!
//! - the number of items;
//! - the median and 90th percentile of the time to the first reply and to the action,
//!   by nearest rank (see [`super::percentile`]), over the items that got one;
//! - the action rate: items removed, restricted, labelled or whose account was
//!   suspended, over the items the platform decided on (`no reply` is not a decision);
//! - the share never answered (no first reply) and the share re-escalated, over all
//!   items.
//!
//! Each figure carries the count it is based on. A report should take items escalated
//! long enough ago for their reply period to have run out: a fresh item has no reply
//! yet and counts as not answered.
//!
//! For publication, [`suppress`] hides counts under [`SUPPRESSION_THRESHOLD`] (shown
//! "< 5") and [`Timing::published`] and [`Share::published`] hide figures based on so
//! few items: a cell of two items in one country may point at one defender.
//!
//! Grouping sorts the facts once by key and every group's delays once: O(n log n).

use serde::{Deserialize, Serialize};

use super::coded_enum;
use super::codes::{Platform, PolicyCategory};
use super::error::EscalationError;
use super::lifecycle::Escalation;
use super::outcome::OutcomeKind;
use super::percentile::median_and_p90;
use crate::Timestamp;
use crate::triage::Severity;
use crate::watch::disruption::CountryCode;

/// What the record knows about one escalated item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFact {
    pub platform: Platform,
    pub category: PolicyCategory,
    /// The country of the person or organization attacked, when known.
    pub country: Option<CountryCode>,
    pub severity: Severity,
    /// When the escalation was sent.
    pub escalated_at: Timestamp,
    /// The first sign from the platform (acknowledgement or decision).
    pub first_reply_at: Option<Timestamp>,
    /// When the platform acted on the item, if it did.
    pub action_at: Option<Timestamp>,
    /// `None` while undecided.
    pub outcome: Option<OutcomeKind>,
    /// Whether the item was escalated again (re-escalation or appeal) after this one.
    pub re_escalated: bool,
}

/// The facts of a sent escalation's items. `country` is the case's; `re_escalated`
/// says, by item index, whether a later escalation took the item up again (storage
/// knows the links). A draft has no facts.
pub fn item_facts(
    escalation: &Escalation,
    country: Option<CountryCode>,
    re_escalated: impl Fn(usize) -> bool,
) -> Vec<ItemFact> {
    let Some(sent) = escalation.sent_at else { return Vec::new() };
    let facts = escalation.items.iter().enumerate().map(|(index, item)| {
        let outcome = escalation.outcomes.get(index);
        ItemFact {
            platform: escalation.platform.clone(),
            category: item.category,
            country: country.clone(),
            severity: item.severity,
            escalated_at: sent,
            first_reply_at: escalation.first_reply_at(index),
            action_at: outcome.filter(|o| o.kind.is_action()).map(|o| o.at),
            outcome: outcome.map(|o| o.kind),
            re_escalated: re_escalated(index),
        }
    });
    facts.collect()
}

coded_enum!(
    /// What the record can be grouped by (several at once; one period at most).
    Dimension, "dimension", "escalation-dimension-" {
        Platform => "platform",
        Category => "category",
        Country => "country",
        Severity => "severity",
        Month => "month",
        Quarter => "quarter",
        Year => "year",
    }
);

/// The length of a period of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Month,
    Quarter,
    Year,
}

/// A calendar period in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// `month` from 1.
    Month {
        year: i64,
        month: u32,
    },
    /// `quarter` from 1 to 4.
    Quarter {
        year: i64,
        quarter: u32,
    },
    Year {
        year: i64,
    },
}

impl Period {
    /// The period of `unit` that `at` falls in.
    pub fn of(at: Timestamp, unit: PeriodUnit) -> Self {
        let (year, month, ..) = at.civil();
        match unit {
            PeriodUnit::Month => Period::Month { year, month },
            PeriodUnit::Quarter => Period::Quarter { year, quarter: (month - 1) / 3 + 1 },
            PeriodUnit::Year => Period::Year { year },
        }
    }

    /// Its first instant (midnight UTC of its first day).
    pub fn start(self) -> Timestamp {
        match self {
            Period::Month { year, month } => Timestamp::from_date(year, month, 1),
            Period::Quarter { year, quarter } => Timestamp::from_date(year, (quarter - 1) * 3 + 1, 1),
            Period::Year { year } => Timestamp::from_date(year, 1, 1),
        }
    }
}

impl std::fmt::Display for Period {
    /// `2026-03`, `2026-Q1`, `2026`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year { year } => write!(f, "{year:04}"),
        }
    }
}

/// What the facts are grouped by; nothing set is one group of everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GroupBy {
    pub platform: bool,
    pub category: bool,
    pub country: bool,
    pub severity: bool,
    pub period: Option<PeriodUnit>,
}

impl GroupBy {
    /// Grouping by `dimensions`; of several periods, the last one counts.
    pub fn of(dimensions: &[Dimension]) -> Self {
        let mut by = GroupBy::default();
        for d in dimensions {
            match d {
                Dimension::Platform => by.platform = true,
                Dimension::Category => by.category = true,
                Dimension::Country => by.country = true,
                Dimension::Severity => by.severity = true,
                Dimension::Month => by.period = Some(PeriodUnit::Month),
                Dimension::Quarter => by.period = Some(PeriodUnit::Quarter),
                Dimension::Year => by.period = Some(PeriodUnit::Year),
            }
        }
        by
    }

    /// The dimensions, in [`Dimension::ALL`]'s order.
    pub fn dimensions(self) -> Vec<Dimension> {
        let period = self.period.map(|p| match p {
            PeriodUnit::Month => Dimension::Month,
            PeriodUnit::Quarter => Dimension::Quarter,
            PeriodUnit::Year => Dimension::Year,
        });
        let set = [
            self.platform.then_some(Dimension::Platform),
            self.category.then_some(Dimension::Category),
            self.country.then_some(Dimension::Country),
            self.severity.then_some(Dimension::Severity),
            period,
        ];
        set.into_iter().flatten().collect()
    }

    /// Reads dimension codes separated by commas (`platform,quarter`), as in a URL.
    pub fn parse(raw: &str) -> Result<Self, EscalationError> {
        let dims = raw.split(',').filter(|s| !s.trim().is_empty()).map(Dimension::parse);
        Ok(Self::of(&dims.collect::<Result<Vec<_>, _>>()?))
    }

    /// The codes [`GroupBy::parse`] reads back.
    pub fn code(self) -> String {
        self.dimensions().iter().map(|d| d.code()).collect::<Vec<_>>().join(",")
    }

    fn key(self, fact: &ItemFact) -> GroupKey {
        GroupKey {
            platform: self.platform.then(|| fact.platform.clone()),
            category: self.category.then_some(fact.category),
            country: self.country.then(|| fact.country.clone()),
            severity: self.severity.then_some(fact.severity),
            period: self.period.map(|unit| Period::of(fact.escalated_at, unit)),
        }
    }
}

/// A group's values along the grouped dimensions; `None` for the others.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GroupKey {
    pub platform: Option<Platform>,
    pub category: Option<PolicyCategory>,
    /// Outer `None`: not grouped by country; `Some(None)`: items of unknown country.
    pub country: Option<Option<CountryCode>>,
    pub severity: Option<Severity>,
    pub period: Option<Period>,
}

/// Delays of a group, in seconds, over the `count` items that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    pub count: usize,
    pub median_secs: Option<i64>,
    pub p90_secs: Option<i64>,
}

impl Timing {
    /// The timing of `delays` (reordered).
    pub fn of(delays: &mut [i64]) -> Self {
        let both = median_and_p90(delays);
        Self { count: delays.len(), median_secs: both.map(|b| b.0), p90_secs: both.map(|b| b.1) }
    }

    /// The median and the 90th percentile if based on enough items to publish.
    pub fn published(&self) -> Option<(i64, i64)> {
        if self.count < SUPPRESSION_THRESHOLD { None } else { self.median_secs.zip(self.p90_secs) }
    }
}

/// `count` items out of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub count: usize,
    pub of: usize,
}

impl Share {
    /// The share between 0 and 1; `None` out of nothing.
    pub fn ratio(&self) -> Option<f64> {
        (self.of > 0).then(|| self.count as f64 / self.of as f64)
    }

    /// The share if based on enough items to publish.
    pub fn published(&self) -> Option<f64> {
        if self.of < SUPPRESSION_THRESHOLD { None } else { self.ratio() }
    }
}

/// One group's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMetrics {
    pub key: GroupKey,
    pub items: usize,
    pub first_reply: Timing,
    pub action: Timing,
    /// Acted on, over decided.
    pub action_rate: Share,
    /// No first reply, over all items.
    pub never_answered: Share,
    /// Escalated again, over all items.
    pub re_escalated: Share,
}

/// The figures of each group of `facts`, ordered by key. Delays before the escalation
/// (a clock error) count as zero.
pub fn accountability(facts: &[ItemFact], by: GroupBy) -> Vec<GroupMetrics> {
    let mut keyed: Vec<(GroupKey, usize)> = facts.iter().enumerate().map(|(i, f)| (by.key(f), i)).collect();
    keyed.sort_unstable();
    let mut out = Vec::new();
    let (mut replies, mut actions) = (Vec::new(), Vec::new());
    let mut rest = keyed.as_slice();
    while let Some((key, _)) = rest.first() {
        let len = rest.iter().position(|(k, _)| k != key).unwrap_or(rest.len());
        let (group, tail) = rest.split_at(len);
        rest = tail;
        replies.clear();
        actions.clear();
        let (mut acted, mut decided, mut silent, mut again) = (0, 0, 0, 0);
        for f in group.iter().map(|(_, i)| &facts[*i]) {
            let delay = |t: Timestamp| (t.0 - f.escalated_at.0).max(0);
            replies.extend(f.first_reply_at.map(delay));
            actions.extend(f.action_at.map(delay));
            acted += usize::from(f.outcome.is_some_and(OutcomeKind::is_action));
            decided += usize::from(f.outcome.is_some_and(OutcomeKind::is_decision));
            silent += usize::from(f.first_reply_at.is_none());
            again += usize::from(f.re_escalated);
        }
        out.push(GroupMetrics {
            key: key.clone(),
            items: len,
            first_reply: Timing::of(&mut replies),
            action: Timing::of(&mut actions),
            action_rate: Share { count: acted, of: decided },
            never_answered: Share { count: silent, of: len },
            re_escalated: Share { count: again, of: len },
        });
    }
    out
}

/// How many items were acted on within each delay: `bounds_secs` are the upper bounds
/// (inclusive, increasing) of all buckets but the last, which takes the rest. Items
/// without an action are not counted. Delays before the escalation count as zero.
pub fn action_delay_histogram(facts: &[ItemFact], bounds_secs: &[i64]) -> Vec<usize> {
    let mut buckets = vec![0; bounds_secs.len() + 1];
    for f in facts {
        if let Some(at) = f.action_at {
            let delay = (at.0 - f.escalated_at.0).max(0);
            buckets[bounds_secs.partition_point(|b| *b < delay)] += 1;
        }
    }
    buckets
}

/// Counts under this are not published.
pub const SUPPRESSION_THRESHOLD: usize = 5;

/// A count as the transparency report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    Shown(usize),
    /// Fewer than [`SUPPRESSION_THRESHOLD`] (zero included: "none" would tell as much).
    Suppressed,
}

/// The count if it is at least [`SUPPRESSION_THRESHOLD`], else suppressed.
pub fn suppress(count: usize) -> Cell {
    if count < SUPPRESSION_THRESHOLD { Cell::Suppressed } else { Cell::Shown(count) }
}

impl std::fmt::Display for Cell {
    /// The number, or `< 5`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Shown(n) => write!(f, "{n}"),
            Cell::Suppressed => write!(f, "< {SUPPRESSION_THRESHOLD}"),
        }
    }
}

#[cfg(test)]
mod tests;
