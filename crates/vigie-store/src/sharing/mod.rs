//! Sharing's SQL, for both backends (see `vigie_core::store::SharingStore`).
//!
//! Technique lists are comma-joined ids; the scope of an import is its organization's id,
//! or 0 for what the whole network sees (TLP:CLEAR and GREEN). Dialect-free parts here;
//! `backend.rs` is compiled once per backend (see `sqlite.rs`).

use vigie_core::sharing::peer::ObjectKind;
use vigie_core::sharing::{HashAlgorithm, IndicatorKind, SourceFormat, TechniqueId, Tlp};
use vigie_core::store::{ImportOutcome, ImportRow, ImportSource, PeerRow, ReceiptRow, ShareMark};
use vigie_core::{OrgId, StoreError, StoreResult, Timestamp, UserId};

pub(crate) const IMPORT_COLUMNS: &str = "i.id, i.scope_org, i.source_uuid, i.format, i.object_kind, i.title, i.tlp, \
     i.producer_name, i.producer_uuid, i.techniques, i.first_seen, i.last_seen, i.skipped, i.received_at, i.updated_at, \
     (SELECT COUNT(*) FROM shared_indicators s WHERE s.import_id = i.id) AS indicator_count";
pub(crate) const PEER_COLUMNS: &str = "id, name, public_key, url, token_sealed, last_sequence, last_pulled_at, \
     last_error, added_by, added_at";

fn bad(what: &str, raw: &str) -> StoreError {
    StoreError::Backend(format!("unknown {what} {raw:?} in database"))
}

pub(crate) fn tlp_code(tlp: Tlp) -> &'static str {
    match tlp {
        Tlp::Clear => "clear",
        Tlp::Green => "green",
        Tlp::Amber => "amber",
        Tlp::AmberStrict => "amber_strict",
        Tlp::Red => "red",
    }
}

fn tlp(raw: &str) -> StoreResult<Tlp> {
    Tlp::ALL.into_iter().find(|t| tlp_code(*t) == raw).ok_or_else(|| bad("TLP level", raw))
}

pub(crate) fn format_code(f: SourceFormat) -> &'static str {
    match f {
        SourceFormat::Misp => "misp",
        SourceFormat::Stix21 => "stix21",
    }
}

fn format(raw: &str) -> StoreResult<SourceFormat> {
    match raw {
        "misp" => Ok(SourceFormat::Misp),
        "stix21" => Ok(SourceFormat::Stix21),
        _ => Err(bad("import format", raw)),
    }
}

pub(crate) fn kind_code(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Account => "account",
        IndicatorKind::Url => "url",
        IndicatorKind::Domain => "domain",
        IndicatorKind::Hashtag => "hashtag",
        IndicatorKind::TextFingerprint => "text",
        IndicatorKind::MediaHash(HashAlgorithm::Sha256) => "sha256",
        IndicatorKind::MediaHash(HashAlgorithm::Perceptual) => "phash",
        IndicatorKind::MediaHash(HashAlgorithm::Pdq) => "pdq",
        IndicatorKind::Asn => "asn",
        IndicatorKind::Country => "country",
        IndicatorKind::Period => "period",
    }
}

const KINDS: [IndicatorKind; 11] = [
    IndicatorKind::Account,
    IndicatorKind::Url,
    IndicatorKind::Domain,
    IndicatorKind::Hashtag,
    IndicatorKind::TextFingerprint,
    IndicatorKind::MediaHash(HashAlgorithm::Sha256),
    IndicatorKind::MediaHash(HashAlgorithm::Perceptual),
    IndicatorKind::MediaHash(HashAlgorithm::Pdq),
    IndicatorKind::Asn,
    IndicatorKind::Country,
    IndicatorKind::Period,
];

pub(crate) fn indicator_kind(raw: &str) -> StoreResult<IndicatorKind> {
    KINDS.into_iter().find(|k| kind_code(*k) == raw).ok_or_else(|| bad("indicator kind", raw))
}

pub(crate) fn object_kind(raw: &str) -> StoreResult<ObjectKind> {
    ObjectKind::parse(raw).ok_or_else(|| bad("shared object kind", raw))
}

pub(crate) fn techniques(raw: &str) -> StoreResult<Vec<TechniqueId>> {
    raw.split(',').filter(|s| !s.is_empty()).map(|s| TechniqueId::parse(s).map_err(|_| bad("technique", s))).collect()
}

pub(crate) fn join_techniques(t: &[TechniqueId]) -> String {
    t.iter().map(TechniqueId::as_str).collect::<Vec<_>>().join(",")
}

pub(crate) fn scope_of(org: Option<OrgId>) -> i64 {
    org.map_or(0, |o| o.0)
}

#[derive(sqlx::FromRow)]
pub(crate) struct MarkDbRow {
    kind: String,
    object_id: i64,
    tlp: String,
    techniques: String,
    marked_by: i64,
    marked_at: i64,
}

impl TryFrom<MarkDbRow> for ShareMark {
    type Error = StoreError;
    fn try_from(r: MarkDbRow) -> StoreResult<Self> {
        Ok(ShareMark {
            kind: object_kind(&r.kind)?,
            object: r.object_id,
            tlp: tlp(&r.tlp)?,
            techniques: techniques(&r.techniques)?,
            by: UserId(r.marked_by),
            at: Timestamp(r.marked_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PeerDbRow {
    id: i64,
    name: String,
    public_key: String,
    url: Option<String>,
    token_sealed: Option<Vec<u8>>,
    last_sequence: Option<i64>,
    last_pulled_at: Option<i64>,
    last_error: Option<String>,
    added_by: Option<i64>,
    added_at: i64,
}

impl From<PeerDbRow> for PeerRow {
    fn from(r: PeerDbRow) -> Self {
        PeerRow {
            id: r.id,
            name: r.name,
            public_key: r.public_key,
            url: r.url,
            token_sealed: r.token_sealed,
            last_sequence: r.last_sequence,
            last_pulled_at: r.last_pulled_at.map(Timestamp),
            last_error: r.last_error,
            added_by: r.added_by.map(UserId),
            added_at: Timestamp(r.added_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ImportDbRow {
    id: i64,
    scope_org: i64,
    source_uuid: String,
    format: String,
    object_kind: Option<String>,
    title: String,
    tlp: Option<String>,
    producer_name: Option<String>,
    producer_uuid: Option<String>,
    techniques: String,
    first_seen: Option<i64>,
    last_seen: Option<i64>,
    skipped: String,
    received_at: i64,
    updated_at: i64,
    indicator_count: i64,
}

impl TryFrom<ImportDbRow> for ImportRow {
    type Error = StoreError;
    fn try_from(r: ImportDbRow) -> StoreResult<Self> {
        Ok(ImportRow {
            id: r.id,
            scope: (r.scope_org != 0).then_some(OrgId(r.scope_org)),
            source_uuid: r.source_uuid,
            format: format(&r.format)?,
            kind: r.object_kind.as_deref().map(object_kind).transpose()?,
            title: r.title,
            tlp: r.tlp.as_deref().map(tlp).transpose()?,
            producer_name: r.producer_name,
            producer_uuid: r.producer_uuid,
            techniques: techniques(&r.techniques)?,
            first_seen: r.first_seen.map(Timestamp),
            last_seen: r.last_seen.map(Timestamp),
            skipped: r.skipped,
            indicator_count: u64::try_from(r.indicator_count).unwrap_or(0),
            received_at: Timestamp(r.received_at),
            updated_at: Timestamp(r.updated_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReceiptDbRow {
    import_id: i64,
    source: String,
    outcome: String,
    peer_id: Option<i64>,
    peer_name: Option<String>,
    org_id: Option<i64>,
    by_user: Option<i64>,
    at: i64,
}

impl TryFrom<ReceiptDbRow> for ReceiptRow {
    type Error = StoreError;
    fn try_from(r: ReceiptDbRow) -> StoreResult<Self> {
        Ok(ReceiptRow {
            import: r.import_id,
            source: ImportSource::parse(&r.source).ok_or_else(|| bad("import source", &r.source))?,
            outcome: ImportOutcome::parse(&r.outcome).ok_or_else(|| bad("import outcome", &r.outcome))?,
            peer: r.peer_id,
            peer_name: r.peer_name,
            org: r.org_id.map(OrgId),
            by: r.by_user.map(UserId),
            at: Timestamp(r.at),
        })
    }
}

/// What the reader skipped, for people: `pattern ×3, attribute type ip-src ×1`.
pub(crate) fn skipped_text(skipped: &std::collections::BTreeMap<String, usize>) -> String {
    skipped.iter().map(|(what, n)| format!("{what} ×{n}")).collect::<Vec<_>>().join(", ")
}
