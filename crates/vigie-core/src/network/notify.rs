//! Alerts routed by each person's subscriptions ([`super::Topic`], [`super::Mode`]):
//! at once on their channels, kept for their daily digest, or not at all; and the
//! sources that raise them (a case given, a new case needing a skill, a campaign
//! linked, a platform late to answer, a watch alert).
//!
//! A person is told of one alert once: an immediate alert is queued on their channels
//! (each delivery deduplicated by its key) before its notice is recorded, so a crash in
//! between queues it again to the same keys rather than losing it; a digest item and
//! its notice are written in one transaction.

use serde::{Deserialize, Serialize};

use super::alerts::Alert;
use super::service::Network;
use super::skills::Skill;
use super::subscriptions::{DIGEST_MAX_ITEMS, Mode, Preferences, Topic};
use crate::accounts::Actor;
use crate::store::{EscalationRecord, JobKind, NewJob};
use crate::{CaseId, DomainError, Timestamp, UserId};

/// The job, queued with each new case, that tells the people whose skills it needs.
pub const NEW_CASE: JobKind = JobKind::of("network.new_case");
/// The hourly job that sends the daily digests that are due.
pub const DIGEST: JobKind = JobKind::of("network.digest");

/// Where routing keeps how far it read the watch's alerts.
const WATCH_SOURCE: &str = "watch";
/// Watch alerts read per batch.
const WATCH_BATCH: u32 = 500;

/// The payload of a [`NEW_CASE`] job: only the case's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCaseJob {
    pub case: CaseId,
}

impl NewCaseJob {
    /// The job, deduplicated per case.
    pub fn job(case: CaseId, now: Timestamp) -> Result<NewJob, DomainError> {
        let payload = serde_json::to_vec(&Self { case }).map_err(|_| DomainError::Internal("job serialisation"))?;
        Ok(NewJob { kind: NEW_CASE, payload, run_at: now, dedupe_key: Some(format!("new-case-{case}")), now })
    }
}

/// What became of one alert for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routed {
    /// Queued on this many channels.
    Immediate(usize),
    /// Kept for the digest.
    Digest,
    /// The person turned the topic off.
    Off,
    /// The person was told of it already.
    AlreadyTold,
}

impl Network {
    /// When the daily digest goes.
    pub fn digest_schedule(&self) -> super::DigestSchedule {
        self.config.digest
    }

    /// A person's modes per topic.
    pub async fn preferences_of(&self, user: UserId) -> Result<Preferences, DomainError> {
        Ok(Preferences::from_rows(self.store.topic_modes(user).await?))
    }

    /// The actor's own modes.
    pub async fn preferences(&self, actor: &Actor) -> Result<Preferences, DomainError> {
        self.preferences_of(actor.user.id).await
    }

    /// Changes the actor's own modes (checked by [`Preferences::parse_changes`]).
    pub async fn set_preferences(&self, actor: &Actor, changes: &[(Topic, Mode)]) -> Result<Preferences, DomainError> {
        let changes: Vec<(Topic, Mode)> = changes.iter().copied().filter(|(t, _)| !t.is_fixed()).collect();
        self.store.set_topic_modes(actor.user.id, &changes, self.clock.now()).await?;
        self.preferences(actor).await
    }

    /// Tells `user` of `alert` as they chose for its topic. An alert without a topic
    /// (a test) is sent at once.
    pub async fn notify(&self, user: UserId, alert: &Alert) -> Result<Routed, DomainError> {
        let mode = match Topic::of(alert) {
            Some(topic) => self.preferences_of(user).await?.mode(topic),
            None => Mode::Immediate,
        };
        let key = alert.key();
        let now = self.clock.now();
        match mode {
            Mode::Off => Ok(Routed::Off),
            Mode::Digest => Ok(if self.store.add_digest_item(user, &key, alert, now).await? {
                Routed::Digest
            } else {
                Routed::AlreadyTold
            }),
            Mode::Immediate => {
                if self.store.noticed(user, &key).await? {
                    return Ok(Routed::AlreadyTold);
                }
                let channels = self.alert_user(user, alert).await?;
                self.store.record_notice(user, &key, now).await?;
                Ok(Routed::Immediate(channels))
            }
        }
    }

    /// A case was given to `to` by `by`: `to` is told, unless they gave it to themselves.
    pub async fn notify_assigned(&self, by: &Actor, case: CaseId, to: UserId) -> Result<Option<Routed>, DomainError> {
        if to == by.user.id {
            return Ok(None);
        }
        self.notify(to, &Alert::Assigned { case }).await.map(Some)
    }

    /// A campaign was linked to a case: its assignee is told, unless they linked it.
    pub async fn notify_campaign_linked(
        &self,
        by: &Actor,
        case: CaseId,
        campaign: i64,
    ) -> Result<Option<Routed>, DomainError> {
        let record = self.store.case(case).await?;
        match record.assignee_id {
            Some(to) if to != by.user.id => self.notify(to, &Alert::CampaignLinked { case, campaign }).await.map(Some),
            _ => Ok(None),
        }
    }

    /// A new case: the members of its organization whose directory skills its incident
    /// types need are told. How many people.
    pub async fn notify_new_case(&self, case: CaseId) -> Result<usize, DomainError> {
        let record = self.store.case(case).await?;
        let needed: Vec<Skill> = record.incidents.iter().flat_map(|i| Skill::needed_for(*i).iter().copied()).collect();
        if needed.is_empty() {
            return Ok(0);
        }
        let mut told = 0;
        for person in self.store.person_entries(Some(record.org_id)).await? {
            if person.skills.iter().any(|s| needed.contains(s)) {
                self.notify(person.user, &Alert::NewCase { case }).await?;
                told += 1;
            }
        }
        Ok(told)
    }

    /// Escalations past their platform's reply period: whoever drafted each, and the
    /// assignee of its case, are told once per escalation. How many alerts.
    pub async fn notify_waiting(&self, late: &[EscalationRecord]) -> Result<usize, DomainError> {
        let mut told = 0;
        for e in late {
            let mut people = vec![e.created_by];
            if let Some(case) = e.case_id
                && let Some(assignee) = self.store.case(case).await?.assignee_id
                && assignee != e.created_by
            {
                people.push(assignee);
            }
            let alert = Alert::EscalationWaiting { escalation: e.id.0, case: e.case_id };
            for user in people {
                if self.notify(user, &alert).await? != Routed::AlreadyTold {
                    told += 1;
                }
            }
        }
        Ok(told)
    }

    /// Routes the watch alerts recorded since the last run to the people who follow
    /// their country (or every country). The first run only notes where the alerts
    /// stand: those before subscriptions existed are old news. How many alerts.
    pub async fn route_watch_alerts(&self) -> Result<usize, DomainError> {
        let Some(mut after) = self.store.watermark(WATCH_SOURCE).await? else {
            let last = self.store.last_watch_alert().await?;
            self.store.set_watermark(WATCH_SOURCE, last).await?;
            return Ok(0);
        };
        let mut told = 0;
        loop {
            let batch = self.store.watch_alerts_after(after, WATCH_BATCH).await?;
            let Some(last) = batch.last().map(|a| a.id) else { break };
            for a in &batch {
                let alert = Alert::Watch { alert: a.id, country: a.country.clone() };
                for user in self.store.watch_subscribers(&a.country).await? {
                    self.notify(user, &alert).await?;
                    told += 1;
                }
            }
            self.store.set_watermark(WATCH_SOURCE, last).await?;
            after = last;
        }
        Ok(told)
    }

    /// Sends every digest that is due: for each person with items gathered before the
    /// latest digest time, one [`Alert::Digest`] on each of their channels, then the
    /// items are consumed. Run again (hourly, or after a crash between the two), it
    /// queues the same day's digest to the same delivery keys, which are sent once.
    /// How many people got one.
    pub async fn send_digests(&self) -> Result<usize, DomainError> {
        let (day, cutoff) = self.config.digest.latest(self.clock.now());
        let mut sent = 0;
        for user in self.store.digest_recipients(cutoff).await? {
            let items = self.store.digest_items(user, cutoff).await?;
            if items.is_empty() {
                continue;
            }
            let more = u32::try_from(items.len().saturating_sub(DIGEST_MAX_ITEMS)).unwrap_or(u32::MAX);
            let items = items.into_iter().take(DIGEST_MAX_ITEMS).map(|i| i.alert).collect();
            self.alert_user(user, &Alert::Digest { day, items, more }).await?;
            self.store.consume_digest_items(user, cutoff).await?;
            sent += 1;
        }
        Ok(sent)
    }
}
