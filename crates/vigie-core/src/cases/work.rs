//! The help desk's work on a case: the queue, assignment, internal notes and the
//! history. Every change and every opening of sealed fields leaves an event.

use super::Cases;
use crate::accounts::Actor;
use crate::deadline::Deadlines;
use crate::error::Problem;
use crate::incident::{IncidentType, Platform};
use crate::store::{CaseFilter, CaseRecord, EventRecord};
use crate::triage::Severity;
use crate::workflow::Status;
use crate::{CaseId, DomainError, Timestamp, UserId, policy};

/// A queue line: what sorts and filters cases, nothing sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: CaseId,
    pub status: Status,
    pub severity: Severity,
    pub incidents: Vec<IncidentType>,
    pub platforms: Vec<Platform>,
    pub country: Option<String>,
    pub language: String,
    pub opened_at: Timestamp,
    pub deadlines: Deadlines,
    pub overdue: bool,
    pub assignee: Option<UserId>,
}

/// An internal note, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub author: UserId,
    pub text: String,
    pub at: Timestamp,
}

/// What the rapid response writes in a case's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RapidEvent {
    Paged,
    Acknowledged,
}

/// Most cases a queue page shows.
pub const MAX_PAGE: i64 = 200;

impl Cases {
    pub(super) fn summary(&self, c: &CaseRecord, now: Timestamp) -> CaseSummary {
        let deadlines = Deadlines { first_response: c.first_response_due, resolution: c.resolution_due };
        CaseSummary {
            id: c.id,
            status: c.status,
            severity: c.severity,
            incidents: c.incidents.clone(),
            platforms: c.platforms.clone(),
            country: c.country.clone(),
            language: c.language.clone(),
            opened_at: c.opened_at,
            overdue: deadlines.overdue(now, c.responded_at.is_some(), c.status.is_open()),
            deadlines,
            assignee: c.assignee_id,
        }
    }

    /// One page of the actor's organization's queue, and the number of matching cases.
    pub async fn queue(&self, actor: &Actor, mut filter: CaseFilter) -> Result<(Vec<CaseSummary>, i64), DomainError> {
        filter.limit = filter.limit.clamp(1, MAX_PAGE);
        filter.offset = filter.offset.max(0);
        let now = self.clock.now();
        let (rows, total) = self.store.list_cases(actor.user.org_id, &filter).await?;
        let summaries = rows.iter().map(|c| self.summary(c, now)).collect();
        Ok((summaries, total))
    }

    /// The case's queue line, for the case page's header.
    pub async fn summary_for(&self, actor: &Actor, id: CaseId) -> Result<CaseSummary, DomainError> {
        let c = self.case_for(actor, id).await?;
        Ok(self.summary(&c, self.clock.now()))
    }

    /// Gives the case to a member of the organization (or to nobody).
    pub async fn assign(&self, actor: &Actor, id: CaseId, assignee: Option<UserId>) -> Result<(), DomainError> {
        let case = self.owned_case(actor, id).await?;
        let detail = match assignee {
            Some(user) => {
                let member = self.store.user(user).await?;
                if member.org_id != case.org_id || member.disabled {
                    return Err(DomainError::invalid("assignee", Problem::UnknownChoice));
                }
                member.username
            }
            None => String::new(),
        };
        let now = self.clock.now();
        self.store.set_case_assignee(id, assignee, now).await?;
        self.record(id, Some(actor.user.id), "assigned", &detail).await
    }

    /// Adds an internal note, sealed to the organization (no key needed to write).
    pub async fn add_note(&self, actor: &Actor, id: CaseId, text: &str) -> Result<(), DomainError> {
        let case = self.owned_case(actor, id).await?;
        let text = text.trim();
        if text.is_empty() {
            return Err(DomainError::invalid("note", Problem::Empty));
        }
        if text.chars().count() > super::thread::MAX_MESSAGE_CHARS {
            return Err(DomainError::invalid("note", Problem::TooLong));
        }
        let org = self.store.org(case.org_id).await?;
        let sealed = vigie_crypto::seal(&org.public_key.parse()?, &vigie_crypto::padding::pad(text.as_bytes()))?;
        let now = self.clock.now();
        self.store.insert_note(id, actor.user.id, &sealed, now).await?;
        self.record(id, Some(actor.user.id), "note_added", "").await
    }

    /// The internal notes, opened with the session's key.
    pub async fn notes(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
    ) -> Result<Vec<Note>, DomainError> {
        self.owned_case(actor, id).await?;
        let key = key.ok_or(DomainError::KeyLocked)?;
        let mut out = Vec::new();
        for n in self.store.notes(id).await? {
            let text = vigie_crypto::open(key, &n.body)?;
            out.push(Note {
                author: n.author_id,
                text: String::from_utf8_lossy(vigie_crypto::padding::unpad(&text)).into_owned(),
                at: n.created_at,
            });
        }
        self.record(id, Some(actor.user.id), "notes_viewed", "").await?;
        Ok(out)
    }

    /// Everything that happened to the case, oldest first.
    pub async fn history(&self, actor: &Actor, id: CaseId) -> Result<Vec<EventRecord>, DomainError> {
        self.case_for(actor, id).await?;
        Ok(self.store.events(id).await?)
    }

    /// Every case event after `after_id`, oldest first, at most `limit`: the audit trail
    /// for the instance's operator (`vigie audit export`).
    pub async fn all_events_as_operator(&self, after_id: i64, limit: i64) -> Result<Vec<EventRecord>, DomainError> {
        Ok(self.store.all_events(after_id, limit).await?)
    }

    /// Per organization (by slug): its open cases and how many of them are overdue, for
    /// the metrics. Admins and coordinators only.
    pub async fn open_counts(&self, actor: &Actor) -> Result<Vec<(String, i64, i64)>, DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let now = self.clock.now();
        let mut counts = Vec::new();
        for org in self.store.orgs().await? {
            let open = CaseFilter { open_only: true, limit: 1, ..Default::default() };
            let overdue = CaseFilter { overdue_at: Some(now), ..open.clone() };
            let (_, open_count) = self.store.list_cases(org.id, &open).await?;
            let (_, overdue_count) = self.store.list_cases(org.id, &overdue).await?;
            counts.push((org.slug, open_count, overdue_count));
        }
        Ok(counts)
    }

    /// A line of the case's history from the network's rapid response: who was paged
    /// (by the server, no actor) and who answered. No sealed content.
    pub async fn record_rapid_response(
        &self,
        id: CaseId,
        actor: Option<UserId>,
        event: RapidEvent,
        detail: &str,
    ) -> Result<(), DomainError> {
        let kind = match event {
            RapidEvent::Paged => "paged",
            RapidEvent::Acknowledged => "page_acknowledged",
        };
        self.record(id, actor, kind, detail).await
    }

    pub(super) async fn record(
        &self,
        id: CaseId,
        actor: Option<UserId>,
        kind: &str,
        detail: &str,
    ) -> Result<(), DomainError> {
        let leaf = self.action_leaf(id, actor, kind, detail).await?;
        self.store.append_leaves(&[leaf]).await?;
        Ok(())
    }
}
