//! The network watch service: measurements in (OONI imports, probe uploads), detection
//! runs that turn hourly cells into events, alerts when an event opens or closes, and
//! what the pages read (a country's picture, the alerts, the probes' target list).
//!
//! A shutdown is the absence of data, so nothing arrives to trigger detection: the server
//! runs [`Watch::refresh_all`] on a timer, and imports and uploads run it for the
//! countries they touched.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::analysis::{AnalysisSettings, CountryPicture, DetectedEvent, analyse_country};
use super::measurement::{HOUR, MeasurementFacts};
use super::records::{AlertChange, AlertRow, ProbeRow, WatchCountryRow, WatchEventRow, WatchSpanRow};
use super::throttling::SpeedSample;
use crate::accounts::Actor;
use crate::error::Problem;
use crate::policy;
use crate::store::WatchStore;
use crate::watch::disruption::CountryCode;
use crate::{Clock, DomainError, Timestamp};

/// How far back a detection run reads, at least.
pub const HISTORY_DAYS: i64 = 30;
/// Measurements are stored in batches of at most this many.
pub const STORE_BATCH: usize = 5_000;
/// How long an enrolment token stays valid.
pub const ENROLMENT_TOKEN_SECS: i64 = 7 * 24 * HOUR;
/// The most targets a probe list may hold, and the longest target.
pub const MAX_TARGETS: usize = 500;
pub const MAX_TARGET_LEN: usize = 500;

/// What one detection run changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshReport {
    pub countries: usize,
    pub events_opened: usize,
    pub events_closed: usize,
    /// Disruption records proposed for new events.
    pub disruptions_proposed: usize,
    /// The events new in this run (ids), for callers that act on them.
    pub new_events: Vec<i64>,
}

/// A country's picture and its stored events.
#[derive(Debug, Clone)]
pub struct CountryView {
    pub picture: CountryPicture,
    pub events: Vec<WatchEventRow>,
}

#[derive(Clone)]
pub struct Watch {
    store: Arc<dyn WatchStore>,
    clock: Arc<dyn Clock>,
    settings: AnalysisSettings,
}

impl Watch {
    pub fn new(store: Arc<dyn WatchStore>, clock: Arc<dyn Clock>, settings: AnalysisSettings) -> Self {
        Self { store, clock, settings }
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub(crate) fn store(&self) -> &Arc<dyn WatchStore> {
        &self.store
    }

    /// Stores measurement facts (in batches; re-imported ones count nothing twice) and
    /// returns how many were new. For the operator (`vigie import ooni`) and for verified
    /// probe uploads.
    pub async fn store_measurements(&self, facts: &[MeasurementFacts]) -> Result<u64, DomainError> {
        let mut stored = 0;
        for chunk in facts.chunks(STORE_BATCH) {
            stored += self.store.insert_measurements(chunk, self.clock.now()).await?;
        }
        Ok(stored)
    }

    /// Runs detection for every country measured in the last [`HISTORY_DAYS`] (or with an
    /// event still open).
    pub async fn refresh_all(&self) -> Result<RefreshReport, DomainError> {
        let now = self.clock.now();
        let mut countries: BTreeSet<String> = self
            .store
            .watch_countries(Timestamp(now.0 - HISTORY_DAYS * 24 * HOUR))
            .await?
            .into_iter()
            .map(|c| c.country)
            .collect();
        for e in self.store.watch_events(None, now).await? {
            if e.end.is_none() {
                countries.insert(e.event.country);
            }
        }
        self.refresh(&countries.into_iter().collect::<Vec<_>>()).await
    }

    /// Runs detection for these countries: new events are stored and alerted once
    /// (`opened`); a stored open event the data now shows ended is updated and alerted
    /// once more (`closed`).
    pub async fn refresh(&self, countries: &[String]) -> Result<RefreshReport, DomainError> {
        let now = self.clock.now();
        let mut report = RefreshReport::default();
        for country in countries {
            report.countries += 1;
            // Open events (whatever their age) and those of the last year: what the window
            // is stretched for, and what detected events are matched against.
            let known = self.store.watch_events(Some(country), Timestamp(now.0 - 366 * 24 * HOUR)).await?;
            let since = history_start(&known, now);
            let picture = self.analyse_between(country, since, now).await?;
            for event in &picture.events {
                self.record(&same_identity(event, &known), now, true, &mut report).await?;
            }
        }
        for &id in &report.new_events {
            if self.propose(id).await?.is_some() {
                report.disruptions_proposed += 1;
            }
        }
        Ok(report)
    }

    /// Runs detection over a past period, `[from, to)`, for measurements imported from
    /// archives (the regular runs read the last [`HISTORY_DAYS`] only). Events that ended
    /// within the period are stored (without alerts: they are documented, not news) and
    /// get their proposed disruption records; events still under way at `to` are left
    /// out and counted in `open_at_end` (a later `to` will find their end).
    pub async fn refresh_between(
        &self,
        countries: &[String],
        from: Timestamp,
        to: Timestamp,
    ) -> Result<(RefreshReport, usize), DomainError> {
        let now = self.clock.now();
        let mut report = RefreshReport::default();
        let mut open_at_end = 0;
        let since = Timestamp(from.0 - 7 * 24 * HOUR);
        for country in countries {
            report.countries += 1;
            let picture = self.analyse_between(country, since, to).await?;
            let known = self.store.watch_events(Some(country), since).await?;
            for event in picture.events.iter().filter(|e| e.start >= from) {
                if event.end.is_none() {
                    open_at_end += 1;
                    continue;
                }
                self.record(&same_identity(event, &known), now, false, &mut report).await?;
            }
        }
        for &id in &report.new_events {
            if self.propose(id).await?.is_some() {
                report.disruptions_proposed += 1;
            }
        }
        Ok((report, open_at_end))
    }

    /// A country's picture over `[since, to)`: what the detectors saw as of `to`.
    async fn analyse_between(
        &self,
        country: &str,
        since: Timestamp,
        to: Timestamp,
    ) -> Result<CountryPicture, DomainError> {
        let cells: Vec<_> =
            self.store.watch_cells(country, since).await?.into_iter().filter(|(k, _)| k.hour < to).collect();
        let speed: Vec<(u32, SpeedSample)> = self
            .store
            .watch_speed(country, since)
            .await?
            .into_iter()
            .filter(|r| r.measured_at < to)
            .map(|r| {
                let sample = SpeedSample {
                    time: r.measured_at,
                    target: r.target,
                    throughput_bps: r.throughput_bps,
                    tls_handshake_ms: r.tls_handshake_ms,
                };
                (r.asn, sample)
            })
            .collect();
        Ok(analyse_country(country, &cells, &speed, to, &self.settings))
    }

    /// A country's measurements and events over a past period, for pages that show an
    /// older event (the country page shows the last [`HISTORY_DAYS`]).
    pub async fn picture_between(
        &self,
        actor: &Actor,
        country: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<CountryPicture, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let to = to.min(self.clock.now());
        let mut picture = self.analyse_between(country, Timestamp(from.0 - 7 * 24 * HOUR), to).await?;
        picture.hours.retain(|h| h.hour >= from);
        Ok(picture)
    }

    async fn analyse(&self, country: &str, now: Timestamp) -> Result<CountryPicture, DomainError> {
        let since = history_start(&self.store.watch_events(Some(country), now).await?, now);
        self.analyse_between(country, since, now).await
    }

    /// Stores an event; `alert` says whether members hear of it (not for the analysis of
    /// a past period: those events are documented, not news).
    async fn record(
        &self,
        event: &DetectedEvent,
        now: Timestamp,
        alert: bool,
        report: &mut RefreshReport,
    ) -> Result<(), DomainError> {
        let (id, before) = self.store.upsert_watch_event(event, now).await?;
        match before {
            None => {
                if alert {
                    self.store.insert_alert(id, AlertChange::Opened, now).await?;
                }
                report.events_opened += 1;
                report.new_events.push(id);
            }
            Some(before) if before.end.is_none() && event.end.is_some() => {
                self.close_proposal(id, event).await?;
                if alert {
                    self.store.insert_alert(id, AlertChange::Closed, now).await?;
                }
                report.events_closed += 1;
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// The countries the watch has data on (last [`HISTORY_DAYS`]). Every member.
    pub async fn countries(&self, actor: &Actor) -> Result<Vec<WatchCountryRow>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let now = self.clock.now();
        Ok(self.store.watch_countries(Timestamp(now.0 - HISTORY_DAYS * 24 * HOUR)).await?)
    }

    /// The countries measured since `since`, for the instance's operator
    /// (`vigie watch refresh --from`).
    pub async fn countries_since_as_operator(&self, since: Timestamp) -> Result<Vec<WatchCountryRow>, DomainError> {
        Ok(self.store.watch_countries(since).await?)
    }

    /// The countries' measurements older than the last [`HISTORY_DAYS`], and their hours:
    /// stored, but not on the pages that show the recent period. Every member.
    pub async fn older_spans(&self, actor: &Actor) -> Result<Vec<WatchSpanRow>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let now = self.clock.now();
        Ok(self.store.watch_spans_before(Timestamp(now.0 - HISTORY_DAYS * 24 * HOUR)).await?)
    }

    /// One country over a past period `[from, to)`: its picture and the events that
    /// started in it.
    pub async fn country_between(
        &self,
        actor: &Actor,
        country: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<CountryView, DomainError> {
        let picture = self.picture_between(actor, country, from, to).await?;
        let events = self.store.watch_events(Some(country), from).await?.into_iter().filter(|e| e.start < to).collect();
        Ok(CountryView { picture, events })
    }

    /// One country's picture (computed now from the stored cells) and stored events.
    pub async fn country(&self, actor: &Actor, country: &str) -> Result<CountryView, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let now = self.clock.now();
        let picture = self.analyse(country, now).await?;
        let events = self.store.watch_events(Some(country), Timestamp(now.0 - HISTORY_DAYS * 24 * HOUR)).await?;
        Ok(CountryView { picture, events })
    }

    /// The events still open, in every country.
    pub async fn open_events(&self, actor: &Actor) -> Result<Vec<WatchEventRow>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let now = self.clock.now();
        Ok(self.store.watch_events(None, now).await?.into_iter().filter(|e| e.end.is_none()).collect())
    }

    pub async fn event(&self, actor: &Actor, id: i64) -> Result<WatchEventRow, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.watch_event(id).await?)
    }

    /// The latest alerts: all of them, or only those of the member's subscriptions.
    pub async fn alerts(&self, actor: &Actor, only_mine: bool, limit: i64) -> Result<Vec<AlertRow>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        if only_mine {
            let mine = self.store.alert_subscriptions(actor.user.id).await?;
            return Ok(self.store.alerts(Some(&mine), limit).await?);
        }
        Ok(self.store.alerts(None, limit).await?)
    }

    pub async fn subscriptions(&self, actor: &Actor) -> Result<Vec<String>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.alert_subscriptions(actor.user.id).await?)
    }

    /// Replaces the member's subscriptions: country codes (two letters) or `*`.
    pub async fn subscribe(&self, actor: &Actor, countries: &[String]) -> Result<Vec<String>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let mut clean = Vec::new();
        for c in countries.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            clean.push(parse_country_or_all(c)?);
        }
        self.store.set_alert_subscriptions(actor.user.id, &clean).await?;
        Ok(self.store.alert_subscriptions(actor.user.id).await?)
    }

    /// The targets probes measure. Every member (probes fetch it too, see
    /// [`Watch::probe_targets`]).
    pub async fn targets(&self, actor: &Actor) -> Result<Vec<String>, DomainError> {
        if !policy::can_view_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.probe_targets().await?)
    }

    /// Replaces the probes' target list (one domain or URL per line). Coordinators and admins.
    pub async fn set_targets(&self, actor: &Actor, text: &str) -> Result<Vec<String>, DomainError> {
        if !policy::can_manage_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let targets = parse_target_list(text)?;
        self.store.set_probe_targets(&targets).await?;
        Ok(targets)
    }

    /// A new enrolment token (shown once; only its SHA-256 is stored). Admins only.
    pub async fn new_enrolment_token(&self, actor: &Actor) -> Result<String, DomainError> {
        if !policy::can_enrol_probes(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let token = vigie_crypto::token::new_token();
        let now = self.clock.now();
        self.store
            .create_probe_token(&token_hash(&token), actor.user.id, now, now.plus_secs(ENROLMENT_TOKEN_SECS))
            .await?;
        Ok(token)
    }

    /// Enrols a probe with a token; the probe's id is returned. Refusals are `Forbidden`
    /// (unknown, used or expired token) or `Conflict` (key already enrolled).
    pub async fn enrol(&self, token: &str, name: &str, public_key: &str) -> Result<i64, DomainError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::Invalid { field: "name", problem: Problem::Empty });
        }
        if name.chars().count() > 80 || name.chars().any(char::is_control) {
            return Err(DomainError::Invalid { field: "name", problem: Problem::TooLong });
        }
        if !vigie_crypto::signing::is_public_key(public_key) {
            return Err(DomainError::Invalid { field: "public_key", problem: Problem::KeyFormat });
        }
        match self.store.enrol_probe(&token_hash(token), name, public_key, self.clock.now()).await? {
            Ok(id) => Ok(id),
            Err(super::records::EnrolRefusal::KeyTaken) => {
                Err(DomainError::Conflict("this probe key is already enrolled"))
            }
            Err(_) => Err(DomainError::Forbidden),
        }
    }

    pub async fn probes(&self, actor: &Actor) -> Result<Vec<ProbeRow>, DomainError> {
        if !policy::can_manage_watch(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.probes().await?)
    }

    pub async fn revoke_probe(&self, actor: &Actor, id: i64) -> Result<(), DomainError> {
        if !policy::can_enrol_probes(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.revoke_probe(id, self.clock.now()).await?)
    }
}

/// The start of the history a run reads: [`HISTORY_DAYS`] back, or further to cover a
/// week before the oldest event still open (so its baseline is the same as when it
/// opened), a year at most.
fn history_start(known: &[WatchEventRow], now: Timestamp) -> Timestamp {
    let oldest_open = known.iter().filter(|e| e.end.is_none()).map(|e| e.start.0 - 7 * 24 * HOUR).min();
    let since = oldest_open.map_or(now.0 - HISTORY_DAYS * 24 * HOUR, |o| o.min(now.0 - HISTORY_DAYS * 24 * HOUR));
    Timestamp(since.max(now.0 - 366 * 24 * HOUR))
}

/// A detected event that overlaps a stored event of the same kind and scope *is* that
/// event: it takes the stored start, so that it updates it. The detector reads a window
/// that slides with time; a target blocked for months would otherwise seem to start anew
/// at the window's edge on every run, and alert every time.
fn same_identity(event: &DetectedEvent, known: &[WatchEventRow]) -> DetectedEvent {
    let overlaps = |k: &WatchEventRow| {
        k.kind == event.kind
            && k.scope == event.scope
            && k.start <= event.end.unwrap_or(Timestamp(i64::MAX))
            && event.start <= k.end.unwrap_or(Timestamp(i64::MAX))
    };
    let mut event = event.clone();
    if let Some(k) = known.iter().filter(|k| overlaps(k)).min_by_key(|k| k.start) {
        event.start = k.start;
    }
    event
}

/// SHA-256 of an enrolment token, hex.
pub fn token_hash(token: &str) -> String {
    crate::evidence::hex(&vigie_crypto::token::token_hash(token.trim()))
}

/// A country code (two ASCII letters, upper-cased) or `*`.
pub fn parse_country_or_all(raw: &str) -> Result<String, DomainError> {
    let raw = raw.trim();
    if raw == "*" {
        return Ok("*".into());
    }
    parse_country(raw)
}

/// A country code: two ASCII letters, upper-cased (as [`CountryCode`] holds them).
pub fn parse_country(raw: &str) -> Result<String, DomainError> {
    CountryCode::parse(&raw.trim().to_ascii_uppercase())
        .map(|c| c.as_str().to_owned())
        .ok_or(DomainError::Invalid { field: "country", problem: Problem::CountryCode })
}

/// One target per line (a domain or an http(s) URL); blank lines and `#` comments skipped,
/// duplicates dropped.
pub fn parse_target_list(text: &str) -> Result<Vec<String>, DomainError> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.split('#').next().unwrap_or("").trim();
        if t.is_empty() {
            continue;
        }
        let valid = t.len() <= MAX_TARGET_LEN
            && !t.chars().any(|c| c.is_whitespace() || c.is_control())
            && (t.starts_with("http://") || t.starts_with("https://") || (t.contains('.') && !t.contains('/')));
        if !valid {
            return Err(DomainError::Invalid { field: "targets", problem: Problem::TargetFormat });
        }
        if !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    if out.len() > MAX_TARGETS {
        return Err(DomainError::Invalid { field: "targets", problem: Problem::TooLong });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_lists_are_checked_line_by_line() {
        let list =
            parse_target_list("# messaging\nwhatsapp.com\nhttps://www.rfi.fr/fr/  # news\n\nwhatsapp.com\n").unwrap();
        assert_eq!(list, ["whatsapp.com", "https://www.rfi.fr/fr/"]);
        assert!(parse_target_list("not a target").is_err());
        assert!(parse_target_list("ftp://x.example").is_err());
        assert!(parse_target_list(&"a.example\n".repeat(3)).is_ok());
        let many: String = (0..=MAX_TARGETS).map(|i| format!("s{i}.example\n")).collect();
        assert!(parse_target_list(&many).is_err());
    }

    #[test]
    fn countries_are_two_letters() {
        assert_eq!(parse_country(" ir ").unwrap(), "IR");
        assert_eq!(parse_country_or_all("*").unwrap(), "*");
        assert!(parse_country("IRN").is_err());
        assert!(parse_country("1R").is_err());
    }
}
