//! Escalations' SQL, for both backends (see `vigie_core::store::EscalationStore`).
//!
//! An escalation is three tables: `escalations` (one row, the dates and the link),
//! `escalation_items` (one row per item, its kind's details as JSON) and
//! `escalation_outcomes` (one row per decided item). A list is read in three queries,
//! whatever its length: the escalations, then all their items, then all their outcomes,
//! each selected by the same filter; [`assemble`] puts them together.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

use std::collections::HashMap;

use vigie_core::escalation::{
    Channel, Escalation, EscalationId, EscalationStatus, Item, ItemFact, ItemKind, Link, LinkKind, Outcome,
    OutcomeKind, Platform, PlatformReference, PlatformWords, PolicyCategory, ShortText,
};
use vigie_core::store::{EscalationRecord, ItemContext};
use vigie_core::triage::Severity;
use vigie_core::watch::disruption::CountryCode;
use vigie_core::{CaseId, OrgId, StoreError, StoreResult, Timestamp, UserId};

pub(crate) const ESCALATION_COLUMNS: &str = "id, org_id, case_id, campaign_id, platform, channel, status, reference, \
     narrative_sealed, parent_id, link_kind, created_by, created_at, sent_at, acknowledged_at, decided_at, closed_at, \
     updated_at";

pub(crate) const ITEM_COLUMNS: &str = "i.escalation_id, i.position, i.details, i.category, i.platform_policy, \
     i.severity, i.evidence_item_id, i.observation_id";

pub(crate) const OUTCOME_COLUMNS: &str = "i.escalation_id, i.position, o.kind, o.at, o.words";

/// The facts of the accountability record: one row per item of the organization's
/// escalations sent in `[$2, $3)`. An item is re-escalated when an escalation linked
/// to its own (a re-escalation or an appeal) holds an item of the same type and locator.
pub(crate) const FACTS: &str = "SELECT e.platform, i.category, c.country, i.severity, e.sent_at, e.acknowledged_at,
        o.kind AS outcome, o.at AS outcome_at,
        EXISTS (SELECT 1 FROM escalations f JOIN escalation_items fi ON fi.escalation_id = f.id
                WHERE f.parent_id = e.id AND fi.item_type = i.item_type AND fi.locator = i.locator) AS re_escalated
     FROM escalations e
     JOIN escalation_items i ON i.escalation_id = e.id
     LEFT JOIN escalation_outcomes o ON o.item_id = i.id
     LEFT JOIN cases c ON c.id = e.case_id
     WHERE e.org_id = $1 AND e.sent_at >= $2 AND e.sent_at < $3
     ORDER BY e.sent_at, e.id, i.position";

/// Which escalations a read is about.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Filter {
    Id(i64),
    Case(i64),
    Campaign(i64),
    /// An organization's, of one status when given, the newest `limit`.
    Org {
        org: i64,
        status: Option<&'static str>,
        limit: i64,
    },
}

impl Filter {
    /// Newest first for an organization's list, oldest first otherwise.
    pub(crate) fn order(self) -> &'static str {
        if matches!(self, Filter::Org { .. }) { " ORDER BY id DESC" } else { " ORDER BY id" }
    }
}

fn bad(what: &str, raw: &str) -> StoreError {
    StoreError::Backend(format!("invalid {what} {raw:?} in database"))
}

fn status(raw: &str) -> StoreResult<EscalationStatus> {
    EscalationStatus::parse(raw).map_err(|_| bad("escalation status", raw))
}

fn severity(raw: &str) -> StoreResult<Severity> {
    Severity::parse(raw).ok_or_else(|| bad("severity", raw))
}

fn category(raw: &str) -> StoreResult<PolicyCategory> {
    PolicyCategory::parse(raw).map_err(|_| bad("policy category", raw))
}

fn platform(raw: &str) -> StoreResult<Platform> {
    Platform::parse(raw).map_err(|_| bad("platform", raw))
}

fn outcome_kind(raw: &str) -> StoreResult<OutcomeKind> {
    OutcomeKind::parse(raw).map_err(|_| bad("outcome", raw))
}

#[derive(sqlx::FromRow)]
pub(crate) struct EscalationRow {
    id: i64,
    org_id: i64,
    case_id: Option<i64>,
    campaign_id: Option<i64>,
    platform: String,
    channel: String,
    status: String,
    reference: Option<String>,
    narrative_sealed: Vec<u8>,
    parent_id: Option<i64>,
    link_kind: Option<String>,
    created_by: i64,
    created_at: i64,
    sent_at: Option<i64>,
    acknowledged_at: Option<i64>,
    decided_at: Option<i64>,
    closed_at: Option<i64>,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ItemRow {
    escalation_id: i64,
    position: i64,
    details: String,
    category: String,
    platform_policy: Option<String>,
    severity: String,
    evidence_item_id: Option<i64>,
    observation_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct OutcomeRow {
    escalation_id: i64,
    position: i64,
    kind: String,
    at: i64,
    words: Option<String>,
}

impl ItemRow {
    fn parse(self) -> StoreResult<(Item, ItemContext)> {
        let kind: ItemKind = serde_json::from_str(&self.details).map_err(|_| bad("item details", &self.details))?;
        let item = Item { kind, category: category(&self.category)?, severity: severity(&self.severity)? };
        let platform_policy = match self.platform_policy {
            Some(p) => Some(ShortText::parse(&p).map_err(|_| bad("platform policy", &p))?),
            None => None,
        };
        Ok((
            item,
            ItemContext { platform_policy, evidence_item: self.evidence_item_id, observation: self.observation_id },
        ))
    }
}

impl OutcomeRow {
    fn parse(self) -> StoreResult<Outcome> {
        let platform_words = match self.words {
            Some(w) => Some(PlatformWords::parse(&w).map_err(|_| bad("platform words", &w))?),
            None => None,
        };
        Ok(Outcome { kind: outcome_kind(&self.kind)?, at: Timestamp(self.at), platform_words })
    }
}

/// The records of `rows`, in their order, with their items and outcomes (each sorted
/// by escalation and position).
pub(crate) fn assemble(
    rows: Vec<EscalationRow>,
    items: Vec<ItemRow>,
    outcomes: Vec<OutcomeRow>,
) -> StoreResult<Vec<EscalationRecord>> {
    let mut items_of: HashMap<i64, Vec<ItemRow>> = HashMap::with_capacity(rows.len());
    for i in items {
        items_of.entry(i.escalation_id).or_default().push(i);
    }
    let mut outcomes_of: HashMap<i64, Vec<OutcomeRow>> = HashMap::new();
    for o in outcomes {
        outcomes_of.entry(o.escalation_id).or_default().push(o);
    }
    rows.into_iter()
        .map(|r| {
            let mut items = items_of.remove(&r.id).unwrap_or_default();
            items.sort_by_key(|i| i.position);
            let mut outcomes = outcomes_of.remove(&r.id).unwrap_or_default();
            outcomes.sort_by_key(|o| o.position);
            record(r, items, outcomes)
        })
        .collect()
}

fn record(r: EscalationRow, items: Vec<ItemRow>, outcomes: Vec<OutcomeRow>) -> StoreResult<EscalationRecord> {
    let (items, contexts): (Vec<Item>, Vec<ItemContext>) =
        items.into_iter().map(ItemRow::parse).collect::<StoreResult<Vec<_>>>()?.into_iter().unzip();
    let outcomes = outcomes.into_iter().map(OutcomeRow::parse).collect::<StoreResult<Vec<_>>>()?;
    if !outcomes.is_empty() && outcomes.len() != items.len() {
        return Err(StoreError::Backend(format!("escalation {} has outcomes for only some items", r.id)));
    }
    let link = match (r.parent_id, r.link_kind) {
        (Some(parent), Some(kind)) => Some(Link {
            parent: EscalationId(parent),
            kind: LinkKind::parse(&kind).map_err(|_| bad("link kind", &kind))?,
        }),
        _ => None,
    };
    let reference = match r.reference {
        Some(reference) => Some(PlatformReference::parse(&reference).map_err(|_| bad("reference", &reference))?),
        None => None,
    };
    let escalation = Escalation {
        platform: platform(&r.platform)?,
        channel: Channel::parse(&r.channel).map_err(|_| bad("channel", &r.channel))?,
        items,
        link,
        status: status(&r.status)?,
        created_at: Timestamp(r.created_at),
        sent_at: r.sent_at.map(Timestamp),
        reference,
        acknowledged_at: r.acknowledged_at.map(Timestamp),
        decided_at: r.decided_at.map(Timestamp),
        outcomes,
        closed_at: r.closed_at.map(Timestamp),
    };
    Ok(EscalationRecord {
        id: EscalationId(r.id),
        org_id: OrgId(r.org_id),
        case_id: r.case_id.map(CaseId),
        campaign_id: r.campaign_id,
        created_by: UserId(r.created_by),
        escalation,
        contexts,
        narrative_sealed: r.narrative_sealed,
        updated_at: Timestamp(r.updated_at),
    })
}

#[derive(sqlx::FromRow)]
pub(crate) struct FactRow {
    platform: String,
    category: String,
    country: Option<String>,
    severity: String,
    sent_at: i64,
    acknowledged_at: Option<i64>,
    outcome: Option<String>,
    outcome_at: Option<i64>,
    re_escalated: bool,
}

impl TryFrom<FactRow> for ItemFact {
    type Error = StoreError;
    /// By the rules of `vigie_core::escalation::item_facts`: the first reply is the
    /// acknowledgement or the item's decision, whichever came first (`no reply` is no
    /// decision); the action is the outcome when the platform acted.
    fn try_from(r: FactRow) -> StoreResult<Self> {
        let outcome = match (r.outcome, r.outcome_at) {
            (Some(kind), Some(at)) => Some((outcome_kind(&kind)?, Timestamp(at))),
            _ => None,
        };
        let decided_at = outcome.filter(|(k, _)| k.is_decision()).map(|(_, at)| at);
        Ok(ItemFact {
            platform: platform(&r.platform)?,
            category: category(&r.category)?,
            country: r.country.as_deref().and_then(CountryCode::parse),
            severity: severity(&r.severity)?,
            escalated_at: Timestamp(r.sent_at),
            first_reply_at: [r.acknowledged_at.map(Timestamp), decided_at].into_iter().flatten().min(),
            action_at: outcome.filter(|(k, _)| k.is_action()).map(|(_, at)| at),
            outcome: outcome.map(|(k, _)| k),
            re_escalated: r.re_escalated,
        })
    }
}
