//! Rows as both backends return them, and their conversion to domain records.

use vigie_core::store::{
    ApiTokenRecord, CaseRecord, EventRecord, MemberKey, MessageRecord, NoteRecord, OrgRecord, PendingKey,
    SessionRecord, UserRecord,
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
pub(crate) struct CaseRow {
    id: i64,
    org_id: i64,
    status: String,
    severity: String,
    proposed_severity: String,
    incidents: String,
    platforms: String,
    country: Option<String>,
    language: String,
    ongoing: bool,
    consent_to_share: bool,
    opened_at: i64,
    first_response_due: i64,
    resolution_due: i64,
    responded_at: Option<i64>,
    assignee_id: Option<i64>,
    updated_at: i64,
    sealed_report: Vec<u8>,
    thread_key_sealed: Vec<u8>,
    thread_key_reporter: Vec<u8>,
}

impl From<CaseRow> for CaseRecord {
    fn from(r: CaseRow) -> Self {
        CaseRecord {
            id: CaseId(r.id),
            org_id: OrgId(r.org_id),
            status: r.status,
            severity: r.severity,
            proposed_severity: r.proposed_severity,
            incidents: r.incidents,
            platforms: r.platforms,
            country: r.country,
            language: r.language,
            ongoing: r.ongoing,
            consent_to_share: r.consent_to_share,
            opened_at: Timestamp(r.opened_at),
            first_response_due: Timestamp(r.first_response_due),
            resolution_due: Timestamp(r.resolution_due),
            responded_at: r.responded_at.map(Timestamp),
            assignee_id: r.assignee_id.map(UserId),
            updated_at: Timestamp(r.updated_at),
            sealed_report: r.sealed_report,
            thread_key_sealed: r.thread_key_sealed,
            thread_key_reporter: r.thread_key_reporter,
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

impl From<EvidenceItemRow> for vigie_core::store::EvidenceRow {
    fn from(r: EvidenceItemRow) -> Self {
        Self {
            id: r.id,
            case: CaseId(r.case_id),
            kind: r.kind,
            leaf_index: r.leaf_index as u64,
            file_id: r.file_id,
            added_by: r.added_by.map(UserId),
            created_at: Timestamp(r.created_at),
        }
    }
}
