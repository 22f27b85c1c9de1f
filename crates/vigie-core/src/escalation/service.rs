//! The escalations service: responders package a case's items for a platform, record
//! what the platform did, follow up (re-escalate, appeal), and are reminded of the
//! platforms that did not answer; coordinators read the accountability record.
//!
//! Only members of the organization that owns a case escalate it, and an escalation
//! belongs to its organization: another organization's escalation does not exist for
//! them. The narrative is sealed to the organization (padded, like notes); every step
//! leaves a line in the case's history (a custody leaf, as every case action does).

use std::sync::Arc;

use super::error::EscalationError;
use super::item::MAX_EXCERPT_CHARS;
use super::lifecycle::{EscalationStatus, Event, LinkKind, NewEscalation};
use super::metrics::{GroupBy, GroupMetrics, ItemFact, accountability};
use super::reminder::{Overdue, ReplyPolicy, overdue};
use super::text::multi_line;
use super::transparency::Transparency;
use super::{Channel, EscalationId, Item, ItemDraft, ItemType, Platform, PolicyCategory};
use crate::accounts::Actor;
use crate::cases::{LeafTarget, action_leaf_to};
use crate::observation::Observation;
use crate::store::{
    AccountStore, CampaignStore, CaseRecord, CaseStore, CustodyStore, EscalationRecord, EscalationStore,
    EscalationUpdate, ItemContext, NewEscalationRecord,
};
use crate::triage::Severity;
use crate::{CaseId, Clock, DomainError, OrgId, Problem, StoreError, Timestamp, policy};

/// The longest narrative: a platform's form takes about this much, a longer story is a
/// file to attach.
pub const MAX_NARRATIVE_CHARS: usize = 20_000;
/// The most escalations a list returns.
pub const MAX_LIST: u32 = 1_000;
/// How far ahead of the server's clock a step may be dated (a responder's clock that
/// runs fast): a later date is refused, it would be a typing error.
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// A new escalation of a case, as the form gives it (items already parsed, see
/// [`super::ItemDraft::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub platform: Platform,
    pub channel: Channel,
    pub items: Vec<Item>,
    /// One per item, or empty.
    pub contexts: Vec<ItemContext>,
    /// What the responder tells the platform; may be empty. Sealed.
    pub narrative: String,
    /// The detected campaign the items belong to, if any.
    pub campaign: Option<i64>,
}

/// An escalation made from a detected campaign's posts, without a case: each picked
/// post (an observation of the campaign) becomes an item of `category` and `severity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignPackage {
    pub platform: Platform,
    pub channel: Channel,
    /// The campaign's observations to escalate, all on `platform`.
    pub observations: Vec<i64>,
    pub category: PolicyCategory,
    pub severity: Severity,
    /// What the responder tells the platform; may be empty. Sealed.
    pub narrative: String,
}

/// A re-escalation or an appeal of a decided escalation: same platform and case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub kind: LinkKind,
    pub channel: Channel,
    pub items: Vec<Item>,
    pub contexts: Vec<ItemContext>,
    pub narrative: String,
}

/// The escalations service (see the module's documentation).
pub struct Escalations {
    store: Arc<dyn EscalationStore>,
    cases: Arc<dyn CaseStore>,
    accounts: Arc<dyn AccountStore>,
    custody: Arc<dyn CustodyStore>,
    campaigns: Arc<dyn CampaignStore>,
    clock: Arc<dyn Clock>,
    policy: ReplyPolicy,
}

impl Escalations {
    pub fn new(
        store: Arc<dyn EscalationStore>,
        cases: Arc<dyn CaseStore>,
        accounts: Arc<dyn AccountStore>,
        custody: Arc<dyn CustodyStore>,
        campaigns: Arc<dyn CampaignStore>,
        clock: Arc<dyn Clock>,
        policy: ReplyPolicy,
    ) -> Self {
        Self { store, cases, accounts, custody, campaigns, clock, policy }
    }

    /// The detected campaigns linked to a case the actor's organization owns: those an
    /// escalation of the case may be about.
    pub async fn linked_campaigns(&self, actor: &Actor, case: CaseId) -> Result<Vec<i64>, DomainError> {
        let case = self.owned_case(actor, case).await?;
        Ok(self.campaigns.case_campaigns(case.id).await?)
    }

    /// The platforms' reply periods the reminders follow.
    pub fn reply_policy(&self) -> &ReplyPolicy {
        &self.policy
    }

    /// Escalates items of a case the actor's organization owns, as a draft.
    pub async fn create(&self, actor: &Actor, case: CaseId, package: Package) -> Result<EscalationId, DomainError> {
        let case = self.owned_case(actor, case).await?;
        if let Some(campaign) = package.campaign
            && !self.campaigns.case_campaigns(case.id).await?.contains(&campaign)
        {
            // Only a campaign linked to the case: another is not the case's to escalate.
            return Err(DomainError::invalid("campaign", Problem::UnknownChoice));
        }
        let now = self.clock.now();
        let new = NewEscalation::new(package.platform, package.channel, package.items, now)?;
        let target = self.target(case.org_id).await?;
        let record = self.record_for(actor, &case, &target, new, package.contexts, &package.narrative).await?;
        let record = NewEscalationRecord { campaign_id: package.campaign, ..record };
        let id = self.store.insert_escalation(&record).await?;
        let e = &record.escalation;
        let detail = format!("#{id} {} {}, {} items", e.platform, e.channel, e.items.len());
        self.history(actor, &target, case.id, "escalation_created", &detail).await?;
        tracing::info!(case = %case.id, escalation = %id, platform = %e.platform, "escalation drafted");
        Ok(id)
    }

    /// Escalates posts of a detected campaign that no case holds, as a draft of the
    /// actor's organization: the posts must be the campaign's and on the escalation's
    /// platform. There is no case, so no history line; the items carry no evidence
    /// proof (observations are imported, not kept in the custody log).
    pub async fn create_for_campaign(
        &self,
        actor: &Actor,
        campaign: i64,
        package: CampaignPackage,
    ) -> Result<EscalationId, DomainError> {
        if !policy::can_view_campaigns(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        match self.campaigns.campaign(campaign).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => return Err(DomainError::NotFound),
            Err(e) => return Err(e.into()),
        }
        let posts = self.campaigns.campaign_posts(campaign).await?;
        let unknown = || DomainError::invalid("observations", Problem::UnknownChoice);
        if package.observations.iter().any(|o| !posts.contains(o)) {
            return Err(unknown());
        }
        let rows = self.campaigns.observations_by_id(&package.observations).await?;
        if rows.iter().any(|r| !package.platform.is_where(r.observation.platform())) {
            return Err(unknown());
        }
        let mut items = Vec::with_capacity(rows.len());
        let mut contexts = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let draft = observation_item(&row.observation, package.category, package.severity);
            items.push(draft.parse().map_err(|source| EscalationError::Item { index, source })?);
            contexts.push(ItemContext { platform_policy: None, evidence_item: None, observation: Some(row.id) });
        }
        let new = NewEscalation::new(package.platform, package.channel, items, self.clock.now())?;
        let target = self.target(actor.user.org_id).await?;
        let record = NewEscalationRecord {
            org_id: actor.user.org_id,
            case_id: None,
            campaign_id: Some(campaign),
            created_by: actor.user.id,
            escalation: new,
            contexts,
            narrative_sealed: seal_narrative(&target, &package.narrative)?,
        };
        let id = self.store.insert_escalation(&record).await?;
        let platform = &record.escalation.platform;
        tracing::info!(campaign, escalation = %id, platform = %platform, "campaign escalation drafted");
        Ok(id)
    }

    /// Re-escalates or appeals a decided (or closed) escalation: a new draft linked to it.
    pub async fn follow_up(
        &self,
        actor: &Actor,
        parent: EscalationId,
        follow: FollowUp,
    ) -> Result<EscalationId, DomainError> {
        let parent_record = self.owned(actor, parent).await?;
        let now = self.clock.now();
        let new = NewEscalation::follow_up(
            parent,
            &parent_record.escalation,
            follow.kind,
            follow.channel,
            follow.items,
            now,
        )?;
        let target = self.target(parent_record.org_id).await?;
        let case = match parent_record.case_id {
            Some(id) => Some(self.owned_case(actor, id).await?),
            None => None,
        };
        let record = match &case {
            Some(case) => self.record_for(actor, case, &target, new, follow.contexts, &follow.narrative).await?,
            None => NewEscalationRecord {
                org_id: parent_record.org_id,
                case_id: None,
                campaign_id: None,
                created_by: actor.user.id,
                escalation: new,
                contexts: follow.contexts,
                narrative_sealed: seal_narrative(&target, &follow.narrative)?,
            },
        };
        let record = NewEscalationRecord { campaign_id: parent_record.campaign_id, ..record };
        let id = self.store.insert_escalation(&record).await?;
        if let Some(case) = case {
            let kind = format!("escalation_{}", follow.kind.code());
            self.history(actor, &target, case.id, &kind, &format!("#{id} follows #{parent}")).await?;
        }
        tracing::info!(escalation = %id, parent = %parent, kind = follow.kind.code(), "escalation followed up");
        Ok(id)
    }

    /// Moves an escalation on (sent, acknowledged, decided with its outcomes, closed);
    /// the rules are [`super::Escalation::apply`]'s. A step dated in the future is
    /// refused.
    pub async fn apply(&self, actor: &Actor, id: EscalationId, event: Event) -> Result<EscalationStatus, DomainError> {
        let record = self.owned(actor, id).await?;
        let now = self.clock.now();
        if latest_date(&event) > now.plus_secs(MAX_CLOCK_SKEW_SECS) {
            return Err(DomainError::invalid("at", Problem::OutOfRange));
        }
        let from = record.escalation.status;
        let mut escalation = record.escalation;
        escalation.apply(event)?;
        let update = EscalationUpdate::of(from, &escalation, now);
        match self.store.update_escalation(id, &update).await {
            Err(StoreError::Conflict(_)) => return Err(DomainError::Conflict("escalation changed meanwhile")),
            other => other?,
        }
        if let Some(case) = record.case_id {
            let target = self.target(record.org_id).await?;
            let detail = format!("#{id} {from} → {}", escalation.status);
            self.history(actor, &target, case, "escalation_status", &detail).await?;
        }
        tracing::info!(escalation = %id, from = from.code(), to = escalation.status.code(), "escalation moved on");
        Ok(escalation.status)
    }

    /// One escalation of the actor's organization.
    pub async fn escalation(&self, actor: &Actor, id: EscalationId) -> Result<EscalationRecord, DomainError> {
        self.owned(actor, id).await
    }

    /// The narrative, opened with the session's organization key.
    pub async fn narrative(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: EscalationId,
    ) -> Result<String, DomainError> {
        let record = self.owned(actor, id).await?;
        let key = key.ok_or(DomainError::KeyLocked)?;
        let opened = vigie_crypto::open(key, &record.narrative_sealed)?;
        Ok(String::from_utf8_lossy(vigie_crypto::padding::unpad(&opened)).into_owned())
    }

    /// Records that a package of the escalation was made (a case action, a custody
    /// leaf), saying in which format and whether the responder included the narrative:
    /// a passage of sealed text leaving Vigie is logged. Returns the escalation.
    pub async fn record_package(
        &self,
        actor: &Actor,
        id: EscalationId,
        format: &str,
        narrative_included: bool,
    ) -> Result<EscalationRecord, DomainError> {
        let record = self.owned(actor, id).await?;
        if let Some(case) = record.case_id {
            let target = self.target(record.org_id).await?;
            let narrative = if narrative_included { ", narrative included" } else { "" };
            let detail = format!("#{id} {format}{narrative}");
            self.history(actor, &target, case, "escalation_package", &detail).await?;
        }
        tracing::info!(escalation = %id, format, narrative_included, "escalation package made");
        Ok(record)
    }

    /// The escalations of a case the actor's organization owns, oldest first.
    pub async fn for_case(&self, actor: &Actor, case: CaseId) -> Result<Vec<EscalationRecord>, DomainError> {
        let case = self.owned_case(actor, case).await?;
        let all = self.store.case_escalations(case.id).await?;
        Ok(all.into_iter().filter(|e| e.org_id == actor.user.org_id).collect())
    }

    /// The actor's organization's escalations about a campaign, oldest first.
    pub async fn for_campaign(&self, actor: &Actor, campaign: i64) -> Result<Vec<EscalationRecord>, DomainError> {
        if !policy::can_view_campaigns(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let all = self.store.campaign_escalations(campaign).await?;
        Ok(all.into_iter().filter(|e| e.org_id == actor.user.org_id).collect())
    }

    /// The actor's organization's escalations (of one status), newest first.
    pub async fn for_org(
        &self,
        actor: &Actor,
        status: Option<EscalationStatus>,
        limit: u32,
    ) -> Result<Vec<EscalationRecord>, DomainError> {
        Ok(self.store.org_escalations(actor.user.org_id, status, limit.clamp(1, MAX_LIST)).await?)
    }

    /// The accountability record of `org`'s escalations sent in `[from, until)`, grouped
    /// by `by`: coordinators and admins only. Publishing needs the figures passed through
    /// [`super::suppress`] and the `published` views.
    pub async fn metrics(
        &self,
        actor: &Actor,
        org: OrgId,
        from: Timestamp,
        until: Timestamp,
        by: GroupBy,
    ) -> Result<Vec<GroupMetrics>, DomainError> {
        Ok(accountability(&self.facts(actor, org, from, until).await?, by))
    }

    /// The facts the record of `org`'s escalations sent in `[from, until)` is computed
    /// from, for several groupings or a distribution of one query: coordinators and
    /// admins only, as [`Escalations::metrics`].
    pub async fn facts(
        &self,
        actor: &Actor,
        org: OrgId,
        from: Timestamp,
        until: Timestamp,
    ) -> Result<Vec<ItemFact>, DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        if until < from {
            return Err(DomainError::invalid("until", Problem::OutOfRange));
        }
        Ok(self.store.escalation_facts(org, from, until).await?)
    }

    /// The report of `org`'s escalations sent in `[from, until)` that is safe to
    /// publish (small cells suppressed): coordinators and admins publish it.
    pub async fn transparency(
        &self,
        actor: &Actor,
        org: OrgId,
        from: Timestamp,
        until: Timestamp,
    ) -> Result<Transparency, DomainError> {
        let facts = self.facts(actor, org, from, until).await?;
        Ok(Transparency::of(&self.accounts.org(org).await?.slug, from, until, &facts))
    }

    /// [`Escalations::transparency`] without an actor: for the operator's command line.
    pub async fn transparency_as_system(
        &self,
        org: OrgId,
        from: Timestamp,
        until: Timestamp,
    ) -> Result<Transparency, DomainError> {
        if until < from {
            return Err(DomainError::invalid("until", Problem::OutOfRange));
        }
        let facts = self.store.escalation_facts(org, from, until).await?;
        Ok(Transparency::of(&self.accounts.org(org).await?.slug, from, until, &facts))
    }

    /// The actor's organization's escalations the platform has not answered in time,
    /// most overdue first: what the reminders chase.
    pub async fn overdue(&self, actor: &Actor) -> Result<Vec<(EscalationRecord, Overdue)>, DomainError> {
        self.overdue_as_system(actor.user.org_id).await
    }

    /// The overdue escalations the actor chases: coordinators and admins all of their
    /// organization's, a responder those they drafted or whose case is assigned to them.
    /// What the queue's reminder counts.
    pub async fn overdue_chased_by(&self, actor: &Actor) -> Result<Vec<(EscalationRecord, Overdue)>, DomainError> {
        let late = self.overdue(actor).await?;
        if policy::can_view_network(actor.role()) {
            return Ok(late);
        }
        let mut mine = Vec::new();
        for (e, o) in late {
            let assigned = match e.case_id {
                Some(case) => self.cases.case(case).await?.assignee_id == Some(actor.user.id),
                None => false,
            };
            if assigned || e.created_by == actor.user.id {
                mine.push((e, o));
            }
        }
        Ok(mine)
    }

    /// [`Escalations::overdue`] for `org`, without an actor: for the reminders' job.
    pub async fn overdue_as_system(&self, org: OrgId) -> Result<Vec<(EscalationRecord, Overdue)>, DomainError> {
        let now = self.clock.now();
        let sent = self.store.org_escalations(org, Some(EscalationStatus::Sent), u32::MAX).await?;
        let mut late: Vec<_> =
            sent.into_iter().filter_map(|e| overdue(&e.escalation, now, &self.policy).map(|o| (e, o))).collect();
        late.sort_by_key(|(e, o)| (std::cmp::Reverse(o.late_by_secs), e.id));
        Ok(late)
    }

    /// Per organization (by slug), how many sent escalations wait past their reply
    /// period: the `vigie_escalations_overdue` gauge of `/metrics`.
    pub async fn overdue_counts(&self, actor: &Actor) -> Result<Vec<(String, usize)>, DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let mut counts = Vec::new();
        for org in self.accounts.orgs().await? {
            counts.push((org.slug, self.overdue_as_system(org.id).await?.len()));
        }
        Ok(counts)
    }

    /// An escalation of the actor's organization; another's does not exist for them.
    async fn owned(&self, actor: &Actor, id: EscalationId) -> Result<EscalationRecord, DomainError> {
        match self.store.escalation(id).await {
            Ok(e) if e.org_id == actor.user.org_id => Ok(e),
            Ok(_) | Err(StoreError::NotFound) => Err(DomainError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// A case the actor's organization owns, by the rule of `Cases::owned_case`: a case
    /// shared with it is read, not escalated (`Forbidden`); another's does not exist.
    async fn owned_case(&self, actor: &Actor, id: CaseId) -> Result<CaseRecord, DomainError> {
        let org = actor.user.org_id;
        match self.cases.case(id).await {
            Ok(c) if c.org_id == org => Ok(c),
            Ok(_) if self.cases.share(id, org).await?.is_some() => Err(DomainError::Forbidden),
            Ok(_) | Err(StoreError::NotFound) => Err(DomainError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// Who the narrative and the history lines are sealed to.
    async fn target(&self, org: OrgId) -> Result<LeafTarget, DomainError> {
        let public = self.accounts.org(org).await?.public_key.parse()?;
        Ok(LeafTarget { org, public })
    }

    /// The record of an escalation of `case`: the evidence items named must be the case's.
    async fn record_for(
        &self,
        actor: &Actor,
        case: &CaseRecord,
        target: &LeafTarget,
        escalation: NewEscalation,
        contexts: Vec<ItemContext>,
        narrative: &str,
    ) -> Result<NewEscalationRecord, DomainError> {
        if !contexts.is_empty() && contexts.len() != escalation.items.len() {
            return Err(DomainError::invalid("items", Problem::UnknownChoice));
        }
        for evidence in contexts.iter().filter_map(|c| c.evidence_item) {
            match self.custody.evidence_item(evidence).await {
                Ok(row) if row.case == case.id => {}
                Ok(_) | Err(StoreError::NotFound) => {
                    return Err(DomainError::invalid("evidence_item", Problem::UnknownChoice));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(NewEscalationRecord {
            org_id: case.org_id,
            case_id: Some(case.id),
            campaign_id: None,
            created_by: actor.user.id,
            escalation,
            contexts,
            narrative_sealed: seal_narrative(target, narrative)?,
        })
    }

    /// A line of the case's history, as every case action leaves (a custody leaf).
    async fn history(
        &self,
        actor: &Actor,
        target: &LeafTarget,
        case: CaseId,
        kind: &str,
        detail: &str,
    ) -> Result<(), DomainError> {
        let name = Some(actor.user.username.clone());
        let leaf = action_leaf_to(target, case, Some(actor.user.id), name, kind, detail, self.clock.now())?;
        self.custody.append_leaves(&[leaf]).await?;
        Ok(())
    }
}

/// A campaign's post as an escalation item: its address, id, author, time and text
/// (cut to what a platform's form takes, on a character boundary).
fn observation_item(o: &Observation, category: PolicyCategory, severity: Severity) -> ItemDraft {
    let mut d = ItemDraft::new(ItemType::Post, category, severity);
    d.url = o.url().unwrap_or_default().to_owned();
    d.post_id = o.post_id().to_owned();
    d.account = o.author().to_owned();
    d.posted_at = Some(o.created_at());
    d.excerpt = o.text().chars().take(MAX_EXCERPT_CHARS).collect();
    if !d.excerpt.is_empty() {
        d.language = o.lang().unwrap_or_default().to_owned();
    }
    d
}

/// The narrative checked, padded (so that its length does not show) and sealed.
fn seal_narrative(target: &LeafTarget, raw: &str) -> Result<Vec<u8>, DomainError> {
    let text = if raw.trim().is_empty() {
        String::new()
    } else {
        multi_line(raw, MAX_NARRATIVE_CHARS).map_err(|problem| EscalationError::Text { field: "narrative", problem })?
    };
    Ok(vigie_crypto::seal(&target.public, &vigie_crypto::padding::pad(text.as_bytes()))?)
}

/// The latest date an event carries.
fn latest_date(event: &Event) -> Timestamp {
    match event {
        Event::Send { at, .. } | Event::Acknowledge { at, .. } | Event::Close { at } => *at,
        Event::Decide { outcomes } => outcomes.iter().map(|o| o.at).max().unwrap_or(Timestamp(i64::MIN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalation::outcome::{Outcome, OutcomeKind};

    #[test]
    fn an_event_is_dated_by_its_latest_date() {
        let o = |at| Outcome::new(OutcomeKind::Removed, Timestamp(at), "").unwrap();
        assert_eq!(latest_date(&Event::Decide { outcomes: vec![o(5), o(9), o(7)] }), Timestamp(9));
        assert_eq!(latest_date(&Event::Close { at: Timestamp(3) }), Timestamp(3));
    }
}
