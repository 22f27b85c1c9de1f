//! The network's SQL, for both backends (see `vigie_core::store::NetworkStore`).
//!
//! Lists (languages, countries, skills) are stored as comma-joined codes: short, read
//! whole, never queried inside. Dialect-free parts here; `backend.rs` is compiled once
//! per backend (see `sqlite.rs`).

use vigie_core::network::{Availability, ChannelId, ChannelKind, Language, OrgEntry, PageStep, PersonEntry, Skill};
use vigie_core::store::{ChannelRow, DeliveryRow, DeliveryState, PageRow};
use vigie_core::watch::disruption::CountryCode;
use vigie_core::{CaseId, OrgId, StoreError, StoreResult, Timestamp, UserId};

pub(crate) const PAGE_COLUMNS: &str = "id, case_id, step, user_id, paged_at, acknowledged_at, acknowledged_by";
pub(crate) const CHANNEL_COLUMNS: &str = "id, user_id, kind, label, target_sealed, created_at";
pub(crate) const DELIVERY_COLUMNS: &str =
    "delivery_key, channel_id, kind, user_id, alert, state, attempts, last_answer, first_at, updated_at, delivered_at";

fn bad(what: &str, raw: &str) -> StoreError {
    StoreError::Backend(format!("unknown {what} {raw:?} in database"))
}

fn codes<T>(raw: &str, what: &str, parse: impl Fn(&str) -> Option<T>) -> StoreResult<Vec<T>> {
    raw.split(',').filter(|s| !s.is_empty()).map(|s| parse(s).ok_or_else(|| bad(what, s))).collect()
}

pub(crate) fn languages(raw: &str) -> StoreResult<Vec<Language>> {
    codes(raw, "language", |s| Language::parse(s).ok())
}

pub(crate) fn countries(raw: &str) -> StoreResult<Vec<CountryCode>> {
    codes(raw, "country", CountryCode::parse)
}

pub(crate) fn skills(raw: &str) -> StoreResult<Vec<Skill>> {
    codes(raw, "skill", Skill::parse)
}

pub(crate) fn join<T>(items: &[T], code: impl Fn(&T) -> &str) -> String {
    items.iter().map(code).collect::<Vec<_>>().join(",")
}

#[derive(sqlx::FromRow)]
pub(crate) struct PersonDbRow {
    user_id: i64,
    org_id: i64,
    languages: String,
    countries: String,
    skills: String,
    availability: String,
    contact_sealed: Option<Vec<u8>>,
    updated_at: i64,
}

impl TryFrom<PersonDbRow> for PersonEntry {
    type Error = StoreError;
    fn try_from(r: PersonDbRow) -> StoreResult<Self> {
        Ok(PersonEntry {
            user: UserId(r.user_id),
            org: OrgId(r.org_id),
            languages: languages(&r.languages)?,
            countries: countries(&r.countries)?,
            skills: skills(&r.skills)?,
            availability: Availability::parse(&r.availability).ok_or_else(|| bad("availability", &r.availability))?,
            contact_sealed: r.contact_sealed,
            updated_at: Timestamp(r.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OrgDbRow {
    org_id: i64,
    languages: String,
    countries: String,
    focus: String,
    updated_at: i64,
}

impl TryFrom<OrgDbRow> for OrgEntry {
    type Error = StoreError;
    fn try_from(r: OrgDbRow) -> StoreResult<Self> {
        Ok(OrgEntry {
            org: OrgId(r.org_id),
            languages: languages(&r.languages)?,
            countries: countries(&r.countries)?,
            focus: skills(&r.focus)?,
            updated_at: Timestamp(r.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PageDbRow {
    id: i64,
    case_id: i64,
    step: String,
    user_id: i64,
    paged_at: i64,
    acknowledged_at: Option<i64>,
    acknowledged_by: Option<i64>,
}

impl TryFrom<PageDbRow> for PageRow {
    type Error = StoreError;
    fn try_from(r: PageDbRow) -> StoreResult<Self> {
        Ok(PageRow {
            id: r.id,
            case: CaseId(r.case_id),
            step: PageStep::parse(&r.step).ok_or_else(|| bad("page step", &r.step))?,
            user: UserId(r.user_id),
            paged_at: Timestamp(r.paged_at),
            acknowledged_at: r.acknowledged_at.map(Timestamp),
            acknowledged_by: r.acknowledged_by.map(UserId),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ChannelDbRow {
    id: i64,
    user_id: i64,
    kind: String,
    label: String,
    target_sealed: Vec<u8>,
    created_at: i64,
}

impl TryFrom<ChannelDbRow> for ChannelRow {
    type Error = StoreError;
    fn try_from(r: ChannelDbRow) -> StoreResult<Self> {
        Ok(ChannelRow {
            id: ChannelId(r.id),
            user: UserId(r.user_id),
            kind: ChannelKind::parse(&r.kind).ok_or_else(|| bad("channel kind", &r.kind))?,
            label: r.label,
            target_sealed: r.target_sealed,
            created_at: Timestamp(r.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DeliveryDbRow {
    delivery_key: String,
    channel_id: i64,
    kind: String,
    user_id: i64,
    alert: String,
    state: String,
    attempts: i64,
    last_answer: String,
    first_at: i64,
    updated_at: i64,
    delivered_at: Option<i64>,
}

impl TryFrom<DeliveryDbRow> for DeliveryRow {
    type Error = StoreError;
    fn try_from(r: DeliveryDbRow) -> StoreResult<Self> {
        Ok(DeliveryRow {
            key: r.delivery_key,
            channel: ChannelId(r.channel_id),
            kind: ChannelKind::parse(&r.kind).ok_or_else(|| bad("channel kind", &r.kind))?,
            user: UserId(r.user_id),
            alert: r.alert,
            state: DeliveryState::parse(&r.state).ok_or_else(|| bad("delivery state", &r.state))?,
            attempts: u32::try_from(r.attempts).unwrap_or(0),
            last_answer: r.last_answer,
            first_at: Timestamp(r.first_at),
            updated_at: Timestamp(r.updated_at),
            delivered_at: r.delivered_at.map(Timestamp),
        })
    }
}
