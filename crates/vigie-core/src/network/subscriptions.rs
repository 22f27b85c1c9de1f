//! Who hears of what, and when: each person chooses, per topic, to be alerted at once,
//! in one daily digest, or not at all.
//!
//! Defaults, for a person who has chosen nothing, follow how soon the news asks them to
//! act: a case given to them asks for action, so it is immediate (as it was before
//! topics existed); a new case matching their skills, a campaign linked to their case,
//! a platform late to answer their escalation and a watch alert of a country they
//! follow are worth knowing the same day but rarely the same minute, so they come in
//! the digest. Pages are not a choice at all (see [`Topic::Page`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::alerts::Alert;
use crate::error::{DomainError, Problem};
use crate::time::Timestamp;

const DAY: i64 = 86_400;

/// Most alerts one digest lists; the rest are counted ("and 12 more"), so that a digest
/// stays one readable message and one bounded job.
pub const DIGEST_MAX_ITEMS: usize = 50;

/// What an alert is about, as a person subscribes to it. Codes are stable (stored, in
/// the API, translation keys `topic-<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// A rota page about a critical case nobody took. Always immediate: paging is how
    /// the organization promised a person at risk that someone answers within minutes;
    /// a page held until tomorrow's digest, or silenced, breaks that promise without
    /// anyone noticing. Whoever cannot take pages hands the rota over instead.
    Page,
    /// A case was given to me.
    Assigned,
    /// A new case of my organization whose incident type needs one of my directory
    /// skills.
    NewCaseSkills,
    /// A campaign was linked to a case given to me.
    CampaignLinked,
    /// An escalation I drafted is past its platform's reply period.
    EscalationWaiting,
    /// A watch alert for a country I follow (my watch subscriptions).
    Watch,
}

impl Topic {
    pub const ALL: [Topic; 6] = [
        Topic::Page,
        Topic::Assigned,
        Topic::NewCaseSkills,
        Topic::CampaignLinked,
        Topic::EscalationWaiting,
        Topic::Watch,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Topic::Page => "page",
            Topic::Assigned => "assigned",
            Topic::NewCaseSkills => "new_case_skills",
            Topic::CampaignLinked => "campaign_linked",
            Topic::EscalationWaiting => "escalation_waiting",
            Topic::Watch => "watch",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == raw.trim())
    }

    /// The mode of a person who chose nothing (see the module's documentation).
    pub fn default_mode(self) -> Mode {
        match self {
            Topic::Page | Topic::Assigned => Mode::Immediate,
            Topic::NewCaseSkills | Topic::CampaignLinked | Topic::EscalationWaiting | Topic::Watch => Mode::Digest,
        }
    }

    /// Whether the person may change the mode (not for pages).
    pub fn is_fixed(self) -> bool {
        self == Topic::Page
    }

    /// The topic of an alert; `None` for a test (sent at once, to the channel asked)
    /// and for a digest itself.
    pub fn of(alert: &Alert) -> Option<Self> {
        match alert {
            Alert::Page { .. } => Some(Topic::Page),
            Alert::Assigned { .. } => Some(Topic::Assigned),
            Alert::NewCase { .. } => Some(Topic::NewCaseSkills),
            Alert::CampaignLinked { .. } => Some(Topic::CampaignLinked),
            Alert::EscalationWaiting { .. } => Some(Topic::EscalationWaiting),
            Alert::Watch { .. } => Some(Topic::Watch),
            Alert::Test { .. } | Alert::Digest { .. } => None,
        }
    }
}

/// How a person hears of a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// An alert on each of their channels as it happens.
    Immediate,
    /// Kept for the daily digest.
    Digest,
    /// Not at all (the site still shows it).
    Off,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Immediate, Mode::Digest, Mode::Off];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Immediate => "immediate",
            Mode::Digest => "digest",
            Mode::Off => "off",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == raw.trim())
    }
}

/// A person's modes: what they chose, over the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preferences {
    chosen: BTreeMap<Topic, Mode>,
}

impl Preferences {
    /// From the stored choices; a stored mode for pages other than immediate (which the
    /// schema refuses anyway) is ignored.
    pub fn from_rows(rows: impl IntoIterator<Item = (Topic, Mode)>) -> Self {
        Self { chosen: rows.into_iter().filter(|(t, m)| !t.is_fixed() || *m == Mode::Immediate).collect() }
    }

    /// The mode of `topic`.
    pub fn mode(&self, topic: Topic) -> Mode {
        if topic.is_fixed() {
            return topic.default_mode();
        }
        self.chosen.get(&topic).copied().unwrap_or(topic.default_mode())
    }

    /// Every topic with its mode, in [`Topic::ALL`]'s order.
    pub fn all(&self) -> Vec<(Topic, Mode)> {
        Topic::ALL.into_iter().map(|t| (t, self.mode(t))).collect()
    }

    /// Changes as a form or the API writes them (`topic code → mode code`), checked:
    /// an unknown topic or mode is refused, and so is any mode but immediate for pages.
    pub fn parse_changes<'a>(
        raw: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Vec<(Topic, Mode)>, DomainError> {
        let mut out: Vec<(Topic, Mode)> = Vec::new();
        for (topic, mode) in raw {
            let topic = Topic::parse(topic).ok_or(DomainError::invalid("topic", Problem::UnknownChoice))?;
            let mode = Mode::parse(mode).ok_or(DomainError::invalid("mode", Problem::UnknownChoice))?;
            if topic.is_fixed() && mode != topic.default_mode() {
                return Err(DomainError::invalid("mode", Problem::OutOfRange));
            }
            out.retain(|(t, _)| *t != topic);
            out.push((topic, mode));
        }
        Ok(out)
    }
}

/// When the daily digest goes: at a fixed UTC hour, for everything gathered before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestSchedule {
    hour: u8,
}

impl Default for DigestSchedule {
    /// 07:00 UTC: the morning in West and Central Africa, the Maghreb and Europe.
    fn default() -> Self {
        Self { hour: 7 }
    }
}

impl DigestSchedule {
    /// At `hour` (0 to 23) UTC.
    pub fn at_hour(hour: u8) -> Result<Self, DomainError> {
        (hour < 24).then_some(Self { hour }).ok_or(DomainError::invalid("digest_hour", Problem::OutOfRange))
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The latest digest time at or before `now`, and its day (days since 1970-01-01):
    /// the digest of that day holds every item gathered before that time. A server that
    /// was down at the hour sends it when it is back; one that runs hourly sends it once.
    pub fn latest(self, now: Timestamp) -> (i64, Timestamp) {
        let day = now.0.div_euclid(DAY);
        let at = |d: i64| Timestamp(d * DAY + i64::from(self.hour) * 3600);
        if now >= at(day) { (day, at(day)) } else { (day - 1, at(day - 1)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CaseId;
    use proptest::prelude::*;

    #[test]
    fn codes_round_trip_and_pages_are_always_immediate() {
        for t in Topic::ALL {
            assert_eq!(Topic::parse(t.code()), Some(t));
        }
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.code()), Some(m));
        }
        let p = Preferences::from_rows([(Topic::Page, Mode::Off), (Topic::Assigned, Mode::Digest)]);
        assert_eq!(p.mode(Topic::Page), Mode::Immediate);
        assert_eq!(p.mode(Topic::Assigned), Mode::Digest);
        assert_eq!(p.mode(Topic::Watch), Mode::Digest, "the default");
        assert!(Preferences::parse_changes([("page", "digest")]).is_err());
        assert!(Preferences::parse_changes([("page", "off")]).is_err());
        assert!(Preferences::parse_changes([("page", "immediate")]).is_ok());
        assert!(Preferences::parse_changes([("pages", "off")]).is_err());
        assert!(Preferences::parse_changes([("watch", "sometimes")]).is_err());
        assert_eq!(
            Preferences::parse_changes([("watch", "off"), ("watch", "immediate")]).unwrap(),
            vec![(Topic::Watch, Mode::Immediate)],
            "the last word counts"
        );
    }

    #[test]
    fn defaults_are_immediate_for_what_asks_for_action() {
        let p = Preferences::default();
        assert_eq!(
            p.all(),
            vec![
                (Topic::Page, Mode::Immediate),
                (Topic::Assigned, Mode::Immediate),
                (Topic::NewCaseSkills, Mode::Digest),
                (Topic::CampaignLinked, Mode::Digest),
                (Topic::EscalationWaiting, Mode::Digest),
                (Topic::Watch, Mode::Digest),
            ]
        );
    }

    #[test]
    fn every_alert_but_tests_and_digests_has_a_topic() {
        let case = CaseId(3);
        assert_eq!(Topic::of(&Alert::Assigned { case }), Some(Topic::Assigned));
        assert_eq!(Topic::of(&Alert::NewCase { case }), Some(Topic::NewCaseSkills));
        assert_eq!(Topic::of(&Alert::CampaignLinked { case, campaign: 2 }), Some(Topic::CampaignLinked));
        assert_eq!(Topic::of(&Alert::EscalationWaiting { escalation: 4, case: None }), Some(Topic::EscalationWaiting));
        assert_eq!(Topic::of(&Alert::Watch { alert: 5, country: "TG".into() }), Some(Topic::Watch));
        assert_eq!(Topic::of(&Alert::Test { nonce: 1 }), None);
        assert_eq!(Topic::of(&Alert::Digest { day: 1, items: vec![], more: 0 }), None);
    }

    #[test]
    fn the_digest_of_a_day_is_at_its_hour() {
        let s = DigestSchedule::default();
        let day = 20_000;
        let seven = Timestamp(day * DAY + 7 * 3600);
        assert_eq!(s.latest(seven), (day, seven));
        assert_eq!(s.latest(seven.plus_secs(-1)), (day - 1, seven.plus_secs(-DAY)));
        assert_eq!(s.latest(seven.plus_secs(DAY - 1)), (day, seven));
        assert!(DigestSchedule::at_hour(24).is_err());
        assert_eq!(DigestSchedule::at_hour(0).unwrap().latest(Timestamp(day * DAY)), (day, Timestamp(day * DAY)));
    }

    proptest! {
        #[test]
        fn the_latest_digest_time_is_never_in_the_future_nor_a_day_old(now in 0i64..4_000_000_000, hour in 0u8..24) {
            let (day, at) = DigestSchedule::at_hour(hour).unwrap().latest(Timestamp(now));
            prop_assert!(at.0 <= now && now - at.0 < DAY);
            prop_assert_eq!(at.0.div_euclid(DAY), day);
            prop_assert_eq!(at.0.rem_euclid(DAY), i64::from(hour) * 3600);
        }
    }
}
