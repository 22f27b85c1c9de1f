//! Rows as both backends return them, and their conversion to domain records.

use vigie_core::store::{
    ApiTokenRecord, EventRecord, MemberKey, MessageRecord, NoteRecord, OrgRecord, PendingKey, SessionRecord, UserRecord,
};
use vigie_core::{CaseId, OrgId, Role, StoreError, Timestamp, TokenId, UserId};

#[derive(sqlx::FromRow)]
pub(crate) struct OrgRow {
    id: i64,
    slug: String,
    name: String,
    public_key: String,
    recovery_wrap: Vec<u8>,
    sealed_contacts: Option<Vec<u8>>,
    created_at: i64,
}

impl From<OrgRow> for OrgRecord {
    fn from(r: OrgRow) -> Self {
        OrgRecord {
            id: OrgId(r.id),
            slug: r.slug,
            name: r.name,
            public_key: r.public_key,
            recovery_wrap: r.recovery_wrap,
            sealed_contacts: r.sealed_contacts,
            created_at: Timestamp(r.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    org_id: i64,
    username: String,
    display_name: String,
    role: String,
    password_hash: String,
    disabled: bool,
    created_at: i64,
}

impl TryFrom<UserRow> for UserRecord {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<Self, StoreError> {
        Ok(UserRecord {
            id: UserId(r.id),
            org_id: OrgId(r.org_id),
            username: r.username,
            display_name: r.display_name,
            role: Role::parse(&r.role)
                .map_err(|_| StoreError::Backend(format!("unknown role {:?} in database", r.role)))?,
            password_hash: r.password_hash,
            disabled: r.disabled,
            created_at: Timestamp(r.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MemberKeyRow {
    pub(crate) user_id: i64,
    wrap: Option<Vec<u8>>,
    pending_public_key: Option<String>,
    pending_wrapped_secret: Option<Vec<u8>>,
    pending_grant: Option<Vec<u8>>,
}

impl TryFrom<MemberKeyRow> for MemberKey {
    type Error = StoreError;
    fn try_from(r: MemberKeyRow) -> Result<Self, StoreError> {
        match (r.wrap, r.pending_public_key, r.pending_wrapped_secret) {
            (Some(w), None, _) => Ok(MemberKey::Wrapped(w)),
            (None, Some(public_key), Some(wrapped_secret)) => {
                Ok(MemberKey::Pending(PendingKey { public_key, wrapped_secret, grant: r.pending_grant }))
            }
            _ => Err(StoreError::Backend("inconsistent member key row".into())),
        }
    }
}

/// The column values of a key holding: (wrap, pending public key, pending wrapped secret, grant).
pub(crate) type KeyColumns<'a> = (Option<&'a [u8]>, Option<&'a str>, Option<&'a [u8]>, Option<&'a [u8]>);

pub(crate) fn key_columns(k: &MemberKey) -> KeyColumns<'_> {
    match k {
        MemberKey::Wrapped(w) => (Some(w), None, None, None),
        MemberKey::Pending(p) => (None, Some(&p.public_key), Some(&p.wrapped_secret), p.grant.as_deref()),
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    token_hash: Vec<u8>,
    user_id: i64,
    created_at: i64,
    last_seen_at: i64,
}

impl From<SessionRow> for SessionRecord {
    fn from(r: SessionRow) -> Self {
        SessionRecord {
            token_hash: r.token_hash,
            user_id: UserId(r.user_id),
            created_at: Timestamp(r.created_at),
            last_seen_at: Timestamp(r.last_seen_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApiTokenRow {
    id: i64,
    user_id: i64,
    name: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked: bool,
}

impl From<ApiTokenRow> for ApiTokenRecord {
    fn from(r: ApiTokenRow) -> Self {
        ApiTokenRecord {
            id: TokenId(r.id),
            user_id: UserId(r.user_id),
            name: r.name,
            created_at: Timestamp(r.created_at),
            last_used_at: r.last_used_at.map(Timestamp),
            revoked: r.revoked,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: i64,
    case_id: i64,
    from_reporter: bool,
    author_id: Option<i64>,
    body: Vec<u8>,
    created_at: i64,
}

impl From<MessageRow> for MessageRecord {
    fn from(r: MessageRow) -> Self {
        MessageRecord {
            id: r.id,
            case_id: CaseId(r.case_id),
            from_reporter: r.from_reporter,
            author_id: r.author_id.map(UserId),
            body: r.body,
            created_at: Timestamp(r.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct NoteRow {
    id: i64,
    case_id: i64,
    author_id: i64,
    body: Vec<u8>,
    created_at: i64,
}

impl From<NoteRow> for NoteRecord {
    fn from(r: NoteRow) -> Self {
        NoteRecord {
            id: r.id,
            case_id: CaseId(r.case_id),
            author_id: UserId(r.author_id),
            body: r.body,
            created_at: Timestamp(r.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    id: i64,
    case_id: i64,
    actor_id: Option<i64>,
    kind: String,
    detail: String,
    created_at: i64,
}

impl From<EventRow> for EventRecord {
    fn from(r: EventRow) -> Self {
        EventRecord {
            id: r.id,
            case_id: CaseId(r.case_id),
            actor_id: r.actor_id.map(UserId),
            kind: r.kind,
            detail: r.detail,
            created_at: Timestamp(r.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct LeafRow {
    leaf_index: i64,
    org_id: i64,
    case_id: Option<i64>,
    kind: String,
    sealed_record: Vec<u8>,
    created_at: i64,
}

impl From<LeafRow> for vigie_core::store::LeafRecordRow {
    fn from(r: LeafRow) -> Self {
        Self {
            leaf_index: r.leaf_index as u64,
            org: OrgId(r.org_id),
            case: r.case_id.map(CaseId),
            kind: r.kind,
            sealed_record: r.sealed_record,
            created_at: Timestamp(r.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EvidenceItemRow {
    id: i64,
    case_id: i64,
    kind: String,
    leaf_index: i64,
    file_id: Option<i64>,
    added_by: Option<i64>,
    created_at: i64,
}

impl TryFrom<EvidenceItemRow> for vigie_core::store::EvidenceRow {
    type Error = StoreError;
    fn try_from(r: EvidenceItemRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: r.id,
            case: CaseId(r.case_id),
            kind: vigie_core::evidence::EvidenceKind::parse(&r.kind)
                .ok_or_else(|| StoreError::Backend(format!("unknown evidence kind {:?} in database", r.kind)))?,
            leaf_index: r.leaf_index as u64,
            file_id: r.file_id,
            added_by: r.added_by.map(UserId),
            created_at: Timestamp(r.created_at),
        })
    }
}

/// The columns of `observations`, in the order of [`ObsRow`].
pub(crate) const OBSERVATION_COLUMNS: &str = "id, platform, post_id, url, author, author_id, author_created_at, \
    created_at, text, lang, hashtags, mentions, links, media_phash, collected_by, imported_at";

#[derive(sqlx::FromRow)]
pub(crate) struct ObsRow {
    id: i64,
    platform: String,
    post_id: String,
    url: Option<String>,
    author: String,
    author_id: Option<String>,
    author_created_at: Option<i64>,
    created_at: i64,
    text: String,
    lang: Option<String>,
    hashtags: String,
    mentions: String,
    links: String,
    media_phash: String,
    collected_by: Option<String>,
    imported_at: i64,
}

/// A list column as stored: a JSON array of strings.
pub(crate) fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn parse_list(raw: &str, column: &str, id: i64) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(raw).map_err(|e| {
        StoreError::Backend(format!("stored observation {id}: `{column}` is not a JSON list of strings: {e}"))
    })
}

impl TryFrom<ObsRow> for vigie_core::store::ObservationRow {
    type Error = StoreError;
    fn try_from(r: ObsRow) -> Result<Self, StoreError> {
        use vigie_core::observation::{Observation, RawObservation};
        let id = r.id;
        // Stored without their sigil; one is put back so that a tag which itself starts
        // with `#` or `@` survives the parser dropping one.
        let sigil =
            |c: char, list: Vec<String>| -> Vec<String> { list.into_iter().map(|t| format!("{c}{t}")).collect() };
        let raw = RawObservation {
            platform: Some(r.platform),
            post_id: Some(r.post_id),
            url: r.url,
            author: Some(r.author),
            author_id: r.author_id,
            author_created_at: r.author_created_at.map(|t| Timestamp(t).rfc3339()),
            created_at: Some(Timestamp(r.created_at).rfc3339()),
            text: Some(r.text),
            lang: r.lang,
            hashtags: sigil('#', parse_list(&r.hashtags, "hashtags", id)?),
            mentions: sigil('@', parse_list(&r.mentions, "mentions", id)?),
            links: parse_list(&r.links, "links", id)?,
            media_phash: parse_list(&r.media_phash, "media_phash", id)?,
            collected_by: r.collected_by,
            media_files: Vec::new(),
        };
        let observation = Observation::parse(raw)
            .map_err(|e| StoreError::Backend(format!("stored observation {id} no longer parses: {e}")))?;
        Ok(Self { id, observation, imported_at: Timestamp(r.imported_at) })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CampaignDbRow {
    id: i64,
    active: bool,
    first_seen: i64,
    last_seen: i64,
    account_count: i64,
    post_count: i64,
    score: f64,
    report: String,
    detected_at: i64,
}

impl From<CampaignDbRow> for vigie_core::store::CampaignRow {
    fn from(r: CampaignDbRow) -> Self {
        Self {
            id: r.id,
            active: r.active,
            first_seen: Timestamp(r.first_seen),
            last_seen: Timestamp(r.last_seen),
            account_count: r.account_count,
            post_count: r.post_count,
            score: r.score,
            report: r.report,
            detected_at: Timestamp(r.detected_at),
        }
    }
}
