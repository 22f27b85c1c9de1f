//! The network service: the directory, the rota, paging, channels and deliveries,
//! with each rule of who may do what.

use std::sync::Arc;

use super::alerts::{Alert, ChannelId, ChannelKind, ChannelTarget, Delivery};
use super::directory::{EntryLists, MAX_CONTACT_CHARS, OrgEntry, PersonEntry};
use super::paging::{PageStep, PagingPolicy, ack_token_valid};
use super::rota::{Handover, Slot, on_call};
use super::skills::Availability;
use super::suggest::{self, CaseNeeds, Suggestion};
use crate::accounts::Actor;
use crate::error::Problem;
use crate::store::{
    ChannelRow, DeliveryAttempt, DeliveryRow, DeliveryState, JobKind, NewJob, OrgRecord, PageRow, SlotRow, UserRecord,
};
use crate::{CaseId, Clock, DomainError, OrgId, Role, Store, Timestamp, UserId, policy};

/// The job that sends one [`Delivery`].
pub const DELIVER: JobKind = JobKind::of("alerts.deliver");

/// Most suggestions shown.
const SUGGESTIONS: usize = 8;

/// What the service needs besides the store.
#[derive(Clone)]
pub struct NetworkConfig {
    pub paging: PagingPolicy,
    /// Encrypts channels' addresses (derived from the server secret).
    pub channel_key: [u8; 32],
    /// MACs acknowledgement links (derived from the server secret).
    pub ack_key: [u8; 32],
    /// When the daily digest of subscribed topics goes.
    pub digest: super::DigestSchedule,
}

pub struct Network {
    pub(super) store: Arc<dyn Store>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) config: NetworkConfig,
}

/// The directory as a member reads it.
#[derive(Debug, Clone)]
pub struct Directory {
    pub people: Vec<(UserRecord, PersonEntry)>,
    pub orgs: Vec<(OrgRecord, Option<OrgEntry>)>,
}

/// An organization's rota.
#[derive(Debug, Clone)]
pub struct Rota {
    pub slots: Vec<SlotRow>,
    pub handovers: Vec<Handover>,
    pub on_call_now: Option<UserId>,
    pub members: Vec<UserRecord>,
}

/// A page just made, for the case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPage {
    pub page: i64,
    pub case: CaseId,
    pub step: PageStep,
    pub user: UserRecord,
    pub channels: usize,
}

/// What a delivery job needs to send, or why it has nothing to do.
#[derive(Debug, Clone)]
pub enum Prepared {
    Send {
        target: ChannelTarget,
        recipient: UserRecord,
        language: String,
    },
    /// Delivered already (by an earlier attempt whose completion was lost).
    AlreadyDelivered,
    /// The channel or its owner is gone.
    Gone,
}

impl Network {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: NetworkConfig) -> Self {
        Self { store, clock, config }
    }

    pub fn paging_policy(&self) -> PagingPolicy {
        self.config.paging
    }

    // The directory.

    /// The actor's own entry, and its contact opened when the session holds the key
    /// (`Err(KeyLocked)` inside when it does not).
    pub async fn own_entry(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
    ) -> Result<(Option<PersonEntry>, Result<Option<String>, DomainError>), DomainError> {
        let entry = self.store.person_entry(actor.user.id).await?;
        let contact = match entry.as_ref().and_then(|e| e.contact_sealed.as_ref()) {
            None => Ok(None),
            Some(sealed) => match key {
                None => Err(DomainError::KeyLocked),
                Some(k) => open_contact(k, sealed).map(Some),
            },
        };
        Ok((entry, contact))
    }

    /// Writes the actor's own entry; the contact is sealed to their organization.
    pub async fn save_own_entry(
        &self,
        actor: &Actor,
        lists: EntryLists,
        availability: Availability,
        contact: &str,
    ) -> Result<(), DomainError> {
        let contact = contact.trim();
        if contact.chars().count() > MAX_CONTACT_CHARS {
            return Err(DomainError::invalid("contact", Problem::TooLong));
        }
        let org = self.store.org(actor.user.org_id).await?;
        let contact_sealed = if contact.is_empty() {
            None
        } else {
            Some(vigie_crypto::seal(&org.public_key.parse()?, &vigie_crypto::padding::pad(contact.as_bytes()))?)
        };
        let entry = PersonEntry {
            user: actor.user.id,
            org: org.id,
            languages: lists.languages,
            countries: lists.countries,
            skills: lists.skills,
            availability,
            contact_sealed,
            updated_at: self.clock.now(),
        };
        Ok(self.store.save_person_entry(&entry).await?)
    }

    /// Writes the actor's organization's entry (coordinators and admins).
    pub async fn save_org_entry(&self, actor: &Actor, lists: EntryLists) -> Result<(), DomainError> {
        if !policy::can_manage_org_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let entry = OrgEntry {
            org: actor.user.org_id,
            languages: lists.languages,
            countries: lists.countries,
            focus: lists.skills,
            updated_at: self.clock.now(),
        };
        Ok(self.store.save_org_entry(&entry).await?)
    }

    pub async fn org_entry(&self, org: OrgId) -> Result<Option<OrgEntry>, DomainError> {
        Ok(self.store.org_entry(org).await?)
    }

    /// The whole network's directory: people with an entry, every organization.
    pub async fn directory(&self, actor: &Actor) -> Result<Directory, DomainError> {
        if !policy::can_view_directory(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let users = self.store.users(None).await?;
        let entries = self.store.person_entries(None).await?;
        let people = entries
            .into_iter()
            .filter_map(|e| users.iter().find(|u| u.id == e.user && !u.disabled).map(|u| (u.clone(), e)))
            .collect();
        let org_entries = self.store.org_entries().await?;
        let orgs = self
            .store
            .orgs()
            .await?
            .into_iter()
            .map(|o| {
                let entry = org_entries.iter().find(|e| e.org == o.id).cloned();
                (o, entry)
            })
            .collect();
        Ok(Directory { people, orgs })
    }

    /// People of the case's organization and partner organizations that fit the case.
    pub async fn suggestions(
        &self,
        actor: &Actor,
        needs: &CaseNeeds,
    ) -> Result<(Vec<Suggestion<UserId>>, Vec<Suggestion<OrgId>>), DomainError> {
        let org = actor.user.org_id;
        let people = self.store.person_entries(Some(org)).await?;
        let rota = self.rota_of(org).await?;
        let on_call = on_call(&slots(&rota.0), &rota.1, self.clock.now());
        let orgs = self.store.org_entries().await?;
        Ok((suggest::people(needs, &people, on_call, SUGGESTIONS), suggest::partners(needs, &orgs, org, SUGGESTIONS)))
    }

    // The rota.

    async fn rota_of(&self, org: OrgId) -> Result<(Vec<SlotRow>, Vec<Handover>), DomainError> {
        let now = self.clock.now();
        Ok((self.store.rota_slots(org).await?, self.store.handovers(org, now).await?))
    }

    /// The actor's organization's rota and who is on call now.
    pub async fn rota(&self, actor: &Actor) -> Result<Rota, DomainError> {
        let org = actor.user.org_id;
        let (slot_rows, handovers) = self.rota_of(org).await?;
        let on_call_now = on_call(&slots(&slot_rows), &handovers, self.clock.now());
        let members = self.store.users(Some(org)).await?.into_iter().filter(|u| !u.disabled).collect();
        Ok(Rota { slots: slot_rows, handovers, on_call_now, members })
    }

    async fn member_of(&self, org: OrgId, user: UserId) -> Result<UserRecord, DomainError> {
        let u = self.store.user(user).await?;
        if u.org_id != org || u.disabled {
            return Err(DomainError::invalid("user", Problem::UnknownChoice));
        }
        Ok(u)
    }

    pub async fn add_slot(&self, actor: &Actor, slot: Slot) -> Result<i64, DomainError> {
        if !policy::can_manage_org_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        self.member_of(actor.user.org_id, slot.user).await?;
        Ok(self.store.add_rota_slot(actor.user.org_id, &slot).await?)
    }

    pub async fn delete_slot(&self, actor: &Actor, id: i64) -> Result<(), DomainError> {
        if !policy::can_manage_org_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.delete_rota_slot(actor.user.org_id, id).await?)
    }

    /// Gives the rota to `to` from now until `until`: the person on call or a
    /// coordinator hands over.
    pub async fn hand_over(&self, actor: &Actor, to: UserId, until: Timestamp) -> Result<(), DomainError> {
        let org = actor.user.org_id;
        let rota = self.rota(actor).await?;
        if rota.on_call_now != Some(actor.user.id) && !policy::can_manage_org_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        self.member_of(org, to).await?;
        let now = self.clock.now();
        if until <= now || until.0 - now.0 > 31 * 86_400 {
            return Err(DomainError::invalid("until", Problem::OutOfRange));
        }
        let h = Handover { to, from: now, until, by: actor.user.id, created_at: now };
        Ok(self.store.add_handover(org, &h).await?)
    }

    // Paging.

    /// Pages whoever is due for every critical case nobody acknowledged, and queues the
    /// alerts. Returns the pages made (none twice, however often it runs).
    pub async fn run_paging(&self) -> Result<Vec<NewPage>, DomainError> {
        let now = self.clock.now();
        let policy = self.config.paging;
        let mut made = Vec::new();
        // Who each step pages is read once per organization and run, not once per case.
        let mut recipients: std::collections::HashMap<(OrgId, PageStep), Vec<UserRecord>> = Default::default();
        for c in self.store.paging_candidates(now.plus_secs(-policy.horizon_secs)).await? {
            for step in policy.due(&c.state, now, &c.done) {
                let users = match recipients.entry((c.org, step)) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(self.recipients(c.org, step, now).await?),
                };
                for user in users.clone() {
                    let Some(page) = self.store.insert_page(c.case, step, user.id, now).await? else { continue };
                    let alert = Alert::Page { page, case: c.case, step: step.into() };
                    let channels = self.alert_user(user.id, &alert).await?;
                    made.push(NewPage { page, case: c.case, step, user, channels });
                }
            }
        }
        Ok(made)
    }

    /// Who a step pages: the person on call (else the coordinators), or every
    /// coordinator (else the organization's admins).
    async fn recipients(&self, org: OrgId, step: PageStep, now: Timestamp) -> Result<Vec<UserRecord>, DomainError> {
        let members: Vec<UserRecord> = self.store.users(Some(org)).await?.into_iter().filter(|u| !u.disabled).collect();
        if step == PageStep::OnCall {
            let (slot_rows, handovers) = self.rota_of(org).await?;
            if let Some(u) = on_call(&slots(&slot_rows), &handovers, now) {
                return Ok(members.into_iter().filter(|m| m.id == u).collect());
            }
        }
        let coordinators: Vec<UserRecord> = members.iter().filter(|m| m.role == Role::Coordinator).cloned().collect();
        if !coordinators.is_empty() {
            return Ok(coordinators);
        }
        Ok(members.into_iter().filter(|m| m.role == Role::Admin).collect())
    }

    /// Who was paged about a case, when, and who answered.
    pub async fn pages_of(&self, actor: &Actor, case: CaseId) -> Result<Vec<PageRow>, DomainError> {
        let c = self.store.case(case).await?;
        if !policy::can_view_org(actor.role(), actor.user.org_id, c.org_id) {
            return Err(DomainError::NotFound);
        }
        Ok(self.store.pages_of(case).await?)
    }

    /// A member acknowledges the case's pages (one click on the case page).
    pub async fn acknowledge(&self, actor: &Actor, case: CaseId) -> Result<u64, DomainError> {
        let c = self.store.case(case).await?;
        if c.org_id != actor.user.org_id {
            return Err(DomainError::NotFound);
        }
        Ok(self.store.acknowledge_pages(case, actor.user.id, self.clock.now()).await?)
    }

    /// The page behind an acknowledgement link, when its token is right.
    pub async fn page_for_link(&self, page: i64, token: &str) -> Result<PageRow, DomainError> {
        let row = self.store.page(page).await?;
        if !ack_token_valid(&self.config.ack_key, page, row.user, token) {
            return Err(DomainError::NotFound);
        }
        Ok(row)
    }

    /// Acknowledges through a page's link: the person paged answers without logging in.
    pub async fn acknowledge_by_link(&self, page: i64, token: &str) -> Result<(PageRow, u64), DomainError> {
        let row = self.page_for_link(page, token).await?;
        let user = self.store.user(row.user).await?;
        if user.disabled {
            return Err(DomainError::NotFound);
        }
        let n = self.store.acknowledge_pages(row.case, row.user, self.clock.now()).await?;
        Ok((row, n))
    }

    /// The link's secret for a page (for the alert's words).
    pub fn ack_token(&self, page: i64, user: UserId) -> String {
        super::paging::ack_token(&self.config.ack_key, page, user)
    }

    // Channels.

    /// The actor's channels, their addresses opened.
    pub async fn channels(&self, actor: &Actor) -> Result<Vec<(ChannelRow, ChannelTarget)>, DomainError> {
        let mut out = Vec::new();
        for row in self.store.channels_of(actor.user.id).await? {
            let target = ChannelTarget::open(&self.config.channel_key, &row.target_sealed, row.user)?;
            out.push((row, target));
        }
        Ok(out)
    }

    /// Adds a channel; returns it (a webhook's secret is shown once, from this).
    pub async fn add_channel(
        &self,
        actor: &Actor,
        kind: ChannelKind,
        address: &str,
        label: &str,
    ) -> Result<(ChannelId, ChannelTarget), DomainError> {
        let target = ChannelTarget::from_form(kind, address)?;
        let label = label.trim();
        if label.chars().count() > 80 || label.chars().any(char::is_control) {
            return Err(DomainError::invalid("label", Problem::TooLong));
        }
        if self.store.channels_of(actor.user.id).await?.len() >= 10 {
            return Err(DomainError::invalid("address", Problem::OutOfRange));
        }
        let sealed = target.seal(&self.config.channel_key, actor.user.id)?;
        let id = self.store.add_channel(actor.user.id, kind, label, &sealed, self.clock.now()).await?;
        Ok((id, target))
    }

    pub async fn delete_channel(&self, actor: &Actor, id: ChannelId) -> Result<(), DomainError> {
        Ok(self.store.delete_channel(actor.user.id, id).await?)
    }

    /// Removes a channel through its unsubscribe link (`List-Unsubscribe`).
    pub async fn unsubscribe(&self, id: ChannelId, token: &str) -> Result<(), DomainError> {
        let row = self.store.channel(id).await?;
        if !vigie_crypto::token::constant_time_eq(
            self.unsubscribe_token(id, row.user).as_bytes(),
            token.trim().as_bytes(),
        ) {
            return Err(DomainError::NotFound);
        }
        Ok(self.store.delete_channel(row.user, id).await?)
    }

    /// The secret of a channel's unsubscribe link.
    pub fn unsubscribe_token(&self, id: ChannelId, user: UserId) -> String {
        super::paging::link_token(&self.config.ack_key, &format!("vigie/unsubscribe/v1|{id}|{user}"))
    }

    /// Sends a test alert to one of the actor's channels.
    pub async fn test_channel(&self, actor: &Actor, id: ChannelId) -> Result<(), DomainError> {
        let row = self.store.channel(id).await?;
        if row.user != actor.user.id {
            return Err(DomainError::NotFound);
        }
        let alert = Alert::Test { nonce: self.clock.now().0 };
        self.queue(&row, &alert).await
    }

    /// Queues an alert on every channel of a person; how many channels.
    pub async fn alert_user(&self, user: UserId, alert: &Alert) -> Result<usize, DomainError> {
        let channels = self.store.channels_of(user).await?;
        for c in &channels {
            self.queue(c, alert).await?;
        }
        Ok(channels.len())
    }

    async fn queue(&self, channel: &ChannelRow, alert: &Alert) -> Result<(), DomainError> {
        let key = alert.delivery_key(channel.id);
        let delivery = Delivery {
            key: key.clone(),
            channel: channel.id,
            kind: channel.kind,
            user: channel.user,
            alert: alert.clone(),
        };
        let payload = serde_json::to_vec(&delivery).map_err(|_| DomainError::Internal("delivery serialisation"))?;
        let now = self.clock.now();
        self.store.enqueue(&NewJob { kind: DELIVER, payload, run_at: now, dedupe_key: Some(key), now }).await?;
        Ok(())
    }

    // Deliveries.

    /// What a delivery job sends, read again at each attempt (a channel removed since
    /// is not delivered to).
    pub async fn prepare(&self, d: &Delivery) -> Result<Prepared, DomainError> {
        if let Some(row) = self.store.delivery(&d.key).await?
            && row.state == DeliveryState::Delivered
        {
            return Ok(Prepared::AlreadyDelivered);
        }
        let row = match self.store.channel(d.channel).await {
            Ok(r) => r,
            Err(crate::StoreError::NotFound) => return Ok(Prepared::Gone),
            Err(e) => return Err(e.into()),
        };
        let recipient = self.store.user(row.user).await?;
        if recipient.disabled || row.user != d.user {
            return Ok(Prepared::Gone);
        }
        let target = ChannelTarget::open(&self.config.channel_key, &row.target_sealed, row.user)?;
        let language = self
            .store
            .person_entry(row.user)
            .await?
            .and_then(|e| e.languages.first().map(|l| l.as_str().to_owned()))
            .unwrap_or_default();
        Ok(Prepared::Send { target, recipient, language })
    }

    /// Records what the receiver answered.
    pub async fn record_attempt(&self, d: &Delivery, state: DeliveryState, answer: &str) -> Result<(), DomainError> {
        let answer: String = answer.chars().filter(|c| !c.is_control()).take(500).collect();
        let attempt = DeliveryAttempt {
            key: &d.key,
            channel: d.channel,
            kind: d.kind,
            user: d.user,
            alert: &d.alert,
            state,
            answer: &answer,
            at: self.clock.now(),
        };
        Ok(self.store.record_delivery(&attempt).await?)
    }

    /// The latest deliveries, for the admin.
    pub async fn deliveries(
        &self,
        actor: &Actor,
        state: Option<DeliveryState>,
        limit: u32,
    ) -> Result<Vec<DeliveryRow>, DomainError> {
        if !policy::can_manage_jobs(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.deliveries(state, limit.clamp(1, 500)).await?)
    }
}

/// A directory contact opened with its organization's key.
pub fn open_contact(key: &vigie_crypto::OrgSecretKey, sealed: &[u8]) -> Result<String, DomainError> {
    let padded = vigie_crypto::open(key, sealed)?;
    Ok(String::from_utf8_lossy(vigie_crypto::padding::unpad(&padded)).into_owned())
}

fn slots(rows: &[SlotRow]) -> Vec<Slot> {
    rows.iter().map(|r| r.slot).collect()
}
