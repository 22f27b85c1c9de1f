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

/// The facts of the accountability record, of the organization's escalations sent in
/// `[$2, $3)`, as [`FactRow`]s: on SQLite one row per escalation with its items packed
/// ([`FACTS_PACKED`]), on PostgreSQL one row per item ([`FACTS_PER_ITEM`]). An item is
/// re-escalated when an escalation linked to its own (a re-escalation or an appeal)
/// holds an item of the same type and locator.
///
/// The two shapes are what each backend does fastest over 81,000 items
/// (docs/benchmarks.md, `vigie-escalations`): sqlx's SQLite driver spends about 6 µs on
/// each row crossing from its worker thread (0.86 s in all, where SQLite took 0.14 s),
/// so SQLite packs; PostgreSQL aggregates by sorting (167 ms against 80 ms for the rows
/// as they are) and its driver reads rows cheaply, so PostgreSQL does not. SQLite
/// probes each item's follow-ups through `escalations_by_parent`; PostgreSQL hashes the
/// few follow-up items once.
pub(crate) const FACTS_PACKED: &str = "SELECT e.platform, MAX(c.country) AS country, e.sent_at, e.acknowledged_at,
        group_concat(i.category || ',' || i.severity || ',' || COALESCE(o.kind, '') || ','
            || COALESCE(CAST(o.at AS TEXT), '') || ','
            || CASE WHEN EXISTS (SELECT 1 FROM escalations f JOIN escalation_items fi ON fi.escalation_id = f.id
                                 WHERE f.parent_id = e.id AND fi.item_type = i.item_type
                                   AND fi.locator = i.locator)
                    THEN '1' ELSE '0' END, ';') AS items
     FROM escalations e
     JOIN escalation_items i ON i.escalation_id = e.id
     LEFT JOIN escalation_outcomes o ON o.item_id = i.id
     LEFT JOIN cases c ON c.id = e.case_id
     WHERE e.org_id = $1 AND e.sent_at >= $2 AND e.sent_at < $3
     GROUP BY e.sent_at, e.id
     ORDER BY e.sent_at, e.id";

/// See [`FACTS_PACKED`].
pub(crate) const FACTS_PER_ITEM: &str = "SELECT e.platform, c.country, e.sent_at, e.acknowledged_at,
        i.category || ',' || i.severity || ',' || COALESCE(o.kind, '') || ','
            || COALESCE(CAST(o.at AS TEXT), '') || ','
            || CASE WHEN r.parent_id IS NULL THEN '0' ELSE '1' END AS items
     FROM escalations e
     JOIN escalation_items i ON i.escalation_id = e.id
     LEFT JOIN escalation_outcomes o ON o.item_id = i.id
     LEFT JOIN cases c ON c.id = e.case_id
     LEFT JOIN (SELECT DISTINCT f.parent_id, fi.item_type, fi.locator
                FROM escalations f JOIN escalation_items fi ON fi.escalation_id = f.id
                WHERE f.parent_id IS NOT NULL AND f.org_id = $1) r
       ON r.parent_id = e.id AND r.item_type = i.item_type AND r.locator = i.locator
     WHERE e.org_id = $1 AND e.sent_at >= $2 AND e.sent_at < $3";

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

/// An escalation's facts as [`FACTS_PACKED`] and [`FACTS_PER_ITEM`] read them: `items`
/// holds one `category,severity,outcome,outcome_at,re_escalated` per item (outcome and its time
/// empty while undecided, `re_escalated` `0` or `1`), separated by `;`. Codes are
/// `snake_case` words, so neither separator can occur inside a field.
#[derive(sqlx::FromRow)]
pub(crate) struct FactRow {
    platform: String,
    country: Option<String>,
    sent_at: i64,
    acknowledged_at: Option<i64>,
    items: String,
}

impl FactRow {
    /// The facts of the escalation's items, by the rules of
    /// `vigie_core::escalation::item_facts`: the first reply is the acknowledgement or
    /// the item's decision, whichever came first (`no reply` is no decision); the action
    /// is the outcome when the platform acted.
    pub(crate) fn push_facts(self, out: &mut Vec<ItemFact>) -> StoreResult<()> {
        let platform = platform(&self.platform)?;
        let country = self.country.as_deref().and_then(CountryCode::parse);
        let acknowledged_at = self.acknowledged_at.map(Timestamp);
        for packed in self.items.split(';') {
            let bad_item = || bad("packed item facts", packed);
            let mut fields = packed.split(',');
            let mut next = || fields.next().ok_or_else(bad_item);
            let (category_code, severity_code, kind, at, re) = (next()?, next()?, next()?, next()?, next()?);
            let outcome = match (kind, at) {
                ("", "") => None,
                (kind, at) => Some((outcome_kind(kind)?, Timestamp(at.parse().map_err(|_| bad_item())?))),
            };
            let decided_at = outcome.filter(|(k, _)| k.is_decision()).map(|(_, at)| at);
            out.push(ItemFact {
                platform: platform.clone(),
                category: category(category_code)?,
                country: country.clone(),
                severity: severity(severity_code)?,
                escalated_at: Timestamp(self.sent_at),
                first_reply_at: [acknowledged_at, decided_at].into_iter().flatten().min(),
                action_at: outcome.filter(|(k, _)| k.is_action()).map(|(_, at)| at),
                outcome: outcome.map(|(k, _)| k),
                re_escalated: match re {
                    "0" => false,
                    "1" => true,
                    _ => return Err(bad_item()),
                },
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(items: &str) -> FactRow {
        FactRow {
            platform: "telegram".into(),
            country: Some("BJ".into()),
            sent_at: 1_000,
            acknowledged_at: Some(5_000),
            items: items.into(),
        }
    }

    #[test]
    fn packed_items_unpack_into_one_fact_each() {
        let mut facts = Vec::new();
        row("threat_of_violence,critical,removed,3000,1;doxing,low,,,0").push_facts(&mut facts).unwrap();
        assert_eq!(facts.len(), 2);
        let (decided, open) = (&facts[0], &facts[1]);
        assert_eq!(decided.platform, Platform::Telegram);
        assert_eq!(decided.category, PolicyCategory::ThreatOfViolence);
        assert_eq!(decided.severity, Severity::Critical);
        assert_eq!(decided.outcome, Some(OutcomeKind::Removed));
        assert_eq!(decided.first_reply_at, Some(Timestamp(3_000)), "the decision came before the acknowledgement");
        assert_eq!(decided.action_at, Some(Timestamp(3_000)));
        assert!(decided.re_escalated);
        assert_eq!(open.outcome, None);
        assert_eq!(open.first_reply_at, Some(Timestamp(5_000)));
        assert_eq!(open.action_at, None);
        assert!(!open.re_escalated);
        assert_eq!(open.country, CountryCode::parse("BJ"));
    }

    #[test]
    fn a_damaged_packing_is_an_error_not_a_wrong_figure() {
        for bad in ["doxing,low,,", "doxing,low,removed,soon,0", "doxing,low,,,2", "nonsense,low,,,0", ""] {
            let mut facts = Vec::new();
            assert!(row(bad).push_facts(&mut facts).is_err(), "{bad:?} was read");
        }
    }
}
