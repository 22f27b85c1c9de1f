//! Disruption records in the watch service: proposed from detected events, entered by
//! hand, imported from STOP files; confirmed, edited or rejected by coordinators. Every
//! change is a new version; the old ones are kept.

use super::analysis::EventKind;
use super::disruption::stop::STOP_WIDTH;
use super::disruption::{
    Answer, Country, CountryCode, Date, Disruption, EvidenceCell, Multi, Origin, Review, ShutdownExtent, ShutdownType,
    Status, StopFields, Written,
};
use super::records::{DisruptionRow, DisruptionSave, DisruptionVersionRow, WatchEventRow};
use super::service::Watch;
use crate::accounts::Actor;
use crate::ids::UserId;
use crate::policy;
use crate::{DomainError, Timestamp};

/// A record as stored, read back.
#[derive(Debug, Clone)]
pub struct DisruptionView {
    pub row: DisruptionRow,
    pub record: Disruption,
}

/// A record with its history and the event it came from.
#[derive(Debug, Clone)]
pub struct DisruptionDetail {
    pub view: DisruptionView,
    pub versions: Vec<DisruptionVersionRow>,
    pub event: Option<WatchEventRow>,
}

pub(crate) fn decode(row: DisruptionRow) -> Result<DisruptionView, DomainError> {
    let record =
        serde_json::from_str(&row.record).map_err(|_| DomainError::Internal("a stored disruption is unreadable"))?;
    Ok(DisruptionView { row, record })
}

/// Midnight UTC of a date.
pub fn date_start(d: &Date) -> Timestamp {
    Timestamp::from_date(i64::from(d.year), u32::from(d.month), u32::from(d.day))
}

/// The UTC date of a time.
pub fn date_of(t: Timestamp) -> Option<Date> {
    let (y, m, d, ..) = t.civil();
    Date::new(i32::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// What the store indexes a record by: its country (code when known, else its name) and
/// its start.
fn save_of(record: &Disruption, by: Option<UserId>, at: Timestamp, note: &str) -> Result<DisruptionSave, DomainError> {
    let record_json =
        serde_json::to_string(record).map_err(|_| DomainError::Internal("a disruption cannot be written as JSON"))?;
    let country =
        record.country.code.as_ref().map_or_else(|| record.country.name.trim().to_owned(), |c| c.as_str().to_owned());
    Ok(DisruptionSave {
        country,
        start: record.start.value().map(date_start),
        review: record.review,
        record: record_json,
        by,
        at,
        note: note.trim().chars().take(2000).collect(),
    })
}

/// The services a target stands for, by its domain or test name.
fn service_of(target: &str) -> Option<&'static str> {
    let t = target.to_ascii_lowercase();
    let is = |domains: &[&str]| domains.iter().any(|d| t == *d || t.ends_with(&format!(".{d}")) || t.contains(d));
    if is(&["facebook", "fbcdn.net", "facebook_messenger"]) {
        Some("facebook")
    } else if is(&["twitter.com", "x.com", "twimg.com"]) {
        Some("twitter")
    } else if is(&["whatsapp"]) {
        Some("whatsapp")
    } else if is(&["instagram"]) {
        Some("instagram")
    } else if is(&["telegram", "t.me"]) {
        Some("telegram")
    } else {
        None
    }
}

/// The record a coordinator reviews for a new event: what the detector knows, in STOP's
/// words, and the cells behind it as evidence.
pub fn proposal_for(event: &WatchEventRow) -> Disruption {
    let mut d = Disruption::new(Origin::Detected {
        event: format!("{}:{}:{}", event.kind.as_str(), event.scope, event.start.0),
    });
    if let Some(date) = date_of(event.start) {
        d.start = Written::from_value(date);
    }
    if let Some(date) = event.end.and_then(date_of) {
        d.end = Written::from_value(date);
    }
    d.status = Some(if event.end.is_some() { Status::Ended } else { Status::Ongoing });
    d.country = CountryCode::parse(&event.country)
        .and_then(|c| Country::from_code(&c))
        .unwrap_or_else(|| Country::from_name(&event.country));
    match event.kind {
        EventKind::Outage => {
            d.shutdown_type = Multi(vec![ShutdownType::Shutdown]);
            d.shutdown_extent = Multi(vec![ShutdownExtent::FullNetwork]);
        }
        EventKind::Throttling => {
            d.shutdown_type = Multi(vec![ShutdownType::Throttle]);
            d.shutdown_extent = Multi(vec![ShutdownExtent::FullNetwork]);
        }
        EventKind::Blocking => {
            d.shutdown_type = Multi(vec![ShutdownType::Shutdown]);
            d.shutdown_extent = Multi(vec![ShutdownExtent::ServiceBased]);
            let target = event.target.as_deref().unwrap_or("");
            let test = event.test_name.as_deref().unwrap_or("");
            let s = &mut d.services;
            match service_of(target).or_else(|| service_of(test)) {
                Some("facebook") => s.facebook = Some(Answer::Yes),
                Some("twitter") => s.twitter = Some(Answer::Yes),
                Some("whatsapp") => s.whatsapp = Some(Answer::Yes),
                Some("instagram") => s.instagram = Some(Answer::Yes),
                Some("telegram") => s.telegram = Some(Answer::Yes),
                _ => s.other = target.to_owned(),
            }
            if let (Some(asn), Some(code)) = (event.asn, CountryCode::parse(&event.country)) {
                d.evidence.cells.push(EvidenceCell {
                    country: code,
                    asn,
                    test_name: test.to_owned(),
                    target: target.to_owned(),
                    from_hour: event.start,
                    to_hour: event.end.map_or(event.updated_at, |e| Timestamp(e.0 - 3600)),
                });
            }
        }
    }
    let network = event.asn.map(|a| format!(" AS{a}")).unwrap_or_default();
    d.evidence.notes.push(format!(
        "Detected by Vigie: {} of {}{network} from {} (severity {:.1}{}).",
        event.kind.as_str(),
        event.country,
        event.start.rfc3339(),
        event.severity,
        if event.signals.is_empty() { String::new() } else { format!("; signals: {}", event.signals.join(", ")) },
    ));
    d
}

/// Whether a new event deserves a disruption record: outages and throttling always;
/// blocking when it hits a messaging or social-media service (STOP's service-based
/// shutdowns), not every blocked website.
pub fn deserves_record(event: &WatchEventRow) -> bool {
    match event.kind {
        EventKind::Outage | EventKind::Throttling => true,
        EventKind::Blocking => {
            event.target.as_deref().and_then(service_of).is_some()
                || event.test_name.as_deref().and_then(service_of).is_some()
        }
    }
}

impl Watch {
    /// Proposes a record for a new event if it deserves one (see [`deserves_record`]).
    pub(crate) async fn propose(&self, event_id: i64) -> Result<Option<i64>, DomainError> {
        let event = self.store().watch_event(event_id).await?;
        if !deserves_record(&event) {
            return Ok(None);
        }
        let record = proposal_for(&event);
        let save = save_of(&record, None, self.now(), "proposed by the detector")?;
        Ok(Some(self.store().create_disruption(&save, Some(event_id)).await?))
    }

    /// When an event closes, its record still waiting for review gets the end date and
    /// the `Ended` status (as a new version). Records a person already reviewed are left
    /// as they are: the person's word stands.
    pub(crate) async fn close_proposal(&self, event_id: i64, event: &super::DetectedEvent) -> Result<(), DomainError> {
        let Some(end) = event.end else { return Ok(()) };
        let proposed = self.store().disruptions(Some(Review::Proposed)).await?;
        for row in proposed.into_iter().filter(|r| r.event_id == Some(event_id)) {
            let version = row.version;
            let id = row.id;
            let mut record = decode(row)?.record;
            if let Some(date) = date_of(end) {
                record.end = Written::from_value(date);
            }
            record.status = Some(Status::Ended);
            let save = save_of(&record, None, self.now(), "the detector saw the event end")?;
            self.store().update_disruption(id, version, &save).await?;
        }
        Ok(())
    }

    /// Records, latest start first, optionally of one review state or one country.
    pub async fn disruptions(
        &self,
        actor: &Actor,
        review: Option<Review>,
        country: Option<&str>,
    ) -> Result<Vec<DisruptionView>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let rows = self.store().disruptions(review).await?;
        rows.into_iter().filter(|r| country.is_none_or(|c| r.country.eq_ignore_ascii_case(c))).map(decode).collect()
    }

    pub async fn disruption(&self, actor: &Actor, id: i64) -> Result<DisruptionDetail, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let view = decode(self.store().disruption(id).await?)?;
        let versions = self.store().disruption_versions(id).await?;
        let event = match view.row.event_id {
            Some(e) => Some(self.store().watch_event(e).await?),
            None => None,
        };
        Ok(DisruptionDetail { view, versions, event })
    }

    /// A record entered by hand from STOP's columns (confirmed at once). Coordinators and admins.
    pub async fn create_disruption(&self, actor: &Actor, fields: &StopFields, note: &str) -> Result<i64, DomainError> {
        if !policy::can_manage_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let record = Disruption::from_stop_fields(&as_refs(fields), Origin::Manual);
        if record.country.name.trim().is_empty() {
            return Err(DomainError::Invalid { field: "country", problem: crate::error::Problem::Empty });
        }
        let save = save_of(&record, Some(actor.user.id), self.now(), note)?;
        Ok(self.store().create_disruption(&save, None).await?)
    }

    /// A new version with STOP's columns changed; the origin, review and evidence stay.
    /// `Conflict` if someone saved another version since `expected_version`.
    pub async fn edit_disruption(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        fields: &StopFields,
        note: &str,
    ) -> Result<i64, DomainError> {
        if !policy::can_manage_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let current = decode(self.store().disruption(id).await?)?.record;
        let mut record = Disruption::from_stop_fields(&as_refs(fields), current.origin.clone());
        record.review = current.review;
        record.evidence = current.evidence;
        let save = save_of(&record, Some(actor.user.id), self.now(), note)?;
        Ok(self.store().update_disruption(id, expected_version, &save).await?)
    }

    /// Confirms or rejects a record (or sends it back to proposed), as a new version.
    pub async fn review_disruption(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        review: Review,
        note: &str,
    ) -> Result<i64, DomainError> {
        if !policy::can_manage_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let mut record = decode(self.store().disruption(id).await?)?.record;
        record.review = review;
        let save = save_of(&record, Some(actor.user.id), self.now(), note)?;
        Ok(self.store().update_disruption(id, expected_version, &save).await?)
    }

    /// Stores imported STOP records (`vigie import stop`, run by the operator). A STOP
    /// row has no identifier: a record whose 47 fields equal those of a record stored
    /// before this import is the same row imported again, and is not stored twice (rows
    /// repeated inside one file are all kept, as the file has them). Returns (stored,
    /// already there).
    pub async fn import_disruptions_as_operator(
        &self,
        records: &[Disruption],
        note: &str,
    ) -> Result<(u64, u64), DomainError> {
        let mut known = std::collections::HashSet::new();
        for row in self.store().disruptions(None).await? {
            known.insert(decode(row)?.record.to_stop_fields());
        }
        let now = self.now();
        let (mut stored, mut already) = (0, 0);
        for record in records {
            if known.contains(&record.to_stop_fields()) {
                already += 1;
                continue;
            }
            let save = save_of(record, None, now, note)?;
            self.store().create_disruption(&save, None).await?;
            stored += 1;
        }
        Ok((stored, already))
    }

    /// Every stored record, for `vigie export stop` (the operator); rejected ones only when asked.
    pub async fn all_disruptions_as_operator(
        &self,
        include_rejected: bool,
    ) -> Result<Vec<DisruptionView>, DomainError> {
        let mut rows = self.store().disruptions(None).await?;
        rows.retain(|r| include_rejected || r.review != Review::Rejected);
        // In the order they were stored: an imported sheet comes back in its own order.
        rows.sort_by_key(|r| r.id);
        rows.into_iter().map(decode).collect()
    }
}

fn as_refs(fields: &StopFields) -> [&str; STOP_WIDTH] {
    std::array::from_fn(|i| fields[i].as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::BlockingLayer;

    fn event(kind: EventKind, target: Option<&str>, end: Option<i64>) -> WatchEventRow {
        WatchEventRow {
            id: 7,
            event: crate::watch::DetectedEvent {
                kind,
                scope: "IR AS58224".into(),
                country: "IR".into(),
                asn: Some(58224),
                test_name: target.map(|_| "web_connectivity".into()),
                target: target.map(Into::into),
                start: Timestamp(1_563_829_200),
                detected: Timestamp(1_563_832_800),
                end: end.map(Timestamp),
                severity: 14.5,
                layer: Some(BlockingLayer::Dns),
                signals: vec!["volume".into()],
            },
            first_seen: Timestamp(1_563_832_800),
            updated_at: Timestamp(1_563_900_000),
        }
    }

    #[test]
    fn dates_convert_both_ways() {
        let d = Date::new(2019, 7, 22).unwrap();
        assert_eq!(date_start(&d), Timestamp(1_563_753_600));
        assert_eq!(date_of(Timestamp(1_563_753_600 + 86_399)), Some(d));
        assert_eq!(date_start(&Date::new(1970, 1, 1).unwrap()), Timestamp(0));
        assert_eq!(date_start(&Date::new(2000, 3, 1).unwrap()), Timestamp(951_868_800));
    }

    #[test]
    fn proposals_speak_stop() {
        let outage = proposal_for(&event(EventKind::Outage, None, None));
        assert_eq!(outage.review, Review::Proposed);
        assert_eq!(outage.status, Some(Status::Ongoing));
        assert_eq!(outage.country.code.as_ref().map(|c| c.as_str()), Some("IR"));
        assert_eq!(outage.shutdown_extent, Multi(vec![ShutdownExtent::FullNetwork]));
        assert_eq!(outage.start.value(), Some(&Date::new(2019, 7, 22).unwrap()));
        let fields = outage.to_stop_fields();
        assert_eq!(fields[5], "Shutdown");
        assert_eq!(fields[7], "Full network");
        assert_eq!(fields[14], "Ongoing");

        let wa = event(EventKind::Blocking, Some("web.whatsapp.com"), Some(1_563_900_000));
        assert!(deserves_record(&wa));
        let proposal = proposal_for(&wa);
        assert_eq!(proposal.services.whatsapp, Some(Answer::Yes));
        assert_eq!(proposal.shutdown_extent, Multi(vec![ShutdownExtent::ServiceBased]));
        assert_eq!(proposal.status, Some(Status::Ended));
        assert_eq!(proposal.evidence.cells.len(), 1);
        assert_eq!(proposal.evidence.cells[0].to_hour, Timestamp(1_563_900_000 - 3600));
        assert!(!deserves_record(&event(EventKind::Blocking, Some("example.org"), None)));
        assert!(deserves_record(&event(EventKind::Throttling, None, None)));
    }
}
