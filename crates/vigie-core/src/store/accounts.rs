//! The accounts port: organizations, members and how they hold the organization's key,
//! sessions, one-time setup links and API tokens.

use async_trait::async_trait;

use super::StoreResult;
use crate::ids::{OrgId, TokenId, UserId};
use crate::{Role, Timestamp};

/// An organization as stored: its public key in clear, its secret key only wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRecord {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    /// `age1…` recipient.
    pub public_key: String,
    /// The secret key wrapped under the recovery key.
    pub recovery_wrap: Vec<u8>,
    /// Emergency contacts of the organization, sealed to its key.
    pub sealed_contacts: Option<Vec<u8>>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewOrg {
    pub slug: String,
    pub name: String,
    pub public_key: String,
    pub recovery_wrap: Vec<u8>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserId,
    pub org_id: OrgId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: Timestamp,
}

/// How a member holds their organization's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberKey {
    /// The organization's secret key wrapped under the member's password.
    Wrapped(Vec<u8>),
    /// Not yet: a key pair of the member's own, its secret wrapped under their password,
    /// to which a colleague's session will seal the organization's key.
    Pending(PendingKey),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingKey {
    /// `age1…` recipient of the member's pending key pair.
    pub public_key: String,
    /// The pending secret key wrapped under the member's password.
    pub wrapped_secret: Vec<u8>,
    /// The organization's secret key sealed to `public_key`, once a colleague granted it.
    pub grant: Option<Vec<u8>>,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub org_id: OrgId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub key: MemberKey,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub token_hash: Vec<u8>,
    pub user_id: UserId,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked: bool,
}

#[async_trait]
pub trait AccountStore: Send + Sync + 'static {
    // Organizations.
    /// Inserts an organization and, when given, its first member, in one transaction.
    async fn insert_org(&self, org: &NewOrg, first_member: Option<&NewUser>) -> StoreResult<(OrgId, Option<UserId>)>;
    async fn org(&self, id: OrgId) -> StoreResult<OrgRecord>;
    async fn org_by_slug(&self, slug: &str) -> StoreResult<OrgRecord>;
    async fn orgs(&self) -> StoreResult<Vec<OrgRecord>>;
    async fn set_org_contacts(&self, id: OrgId, sealed: Option<&[u8]>) -> StoreResult<()>;

    // Users and their keys.
    /// Inserts a user and how they hold the organization's key, in one transaction.
    async fn insert_user(&self, user: &NewUser) -> StoreResult<UserId>;
    async fn user(&self, id: UserId) -> StoreResult<UserRecord>;
    async fn user_by_username(&self, username: &str) -> StoreResult<UserRecord>;
    /// All users, or those of one organization, ordered by username.
    async fn users(&self, org: Option<OrgId>) -> StoreResult<Vec<UserRecord>>;
    async fn count_active_admins(&self) -> StoreResult<i64>;
    async fn member_key(&self, user: UserId) -> StoreResult<Option<MemberKey>>;
    /// Replaces the user's password hash and key holding, in one transaction.
    async fn set_password(&self, user: UserId, password_hash: &str, key: &MemberKey) -> StoreResult<()>;
    /// Replaces only the key holding (a pending member who became wrapped).
    async fn set_member_key(&self, user: UserId, key: &MemberKey) -> StoreResult<()>;
    /// Pending members of an organization that no colleague has granted the key yet.
    async fn ungranted_pending(&self, org: OrgId) -> StoreResult<Vec<(UserId, PendingKey)>>;
    async fn set_pending_grant(&self, user: UserId, grant: &[u8]) -> StoreResult<()>;
    /// Disables an account: deletes its key wraps, sessions and API tokens with it.
    async fn disable_user(&self, user: UserId) -> StoreResult<()>;

    // Sessions.
    async fn insert_session(&self, session: &SessionRecord) -> StoreResult<()>;
    async fn session(&self, token_hash: &[u8]) -> StoreResult<SessionRecord>;
    async fn touch_session(&self, token_hash: &[u8], at: Timestamp) -> StoreResult<()>;
    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;
    async fn delete_sessions_of(&self, user: UserId) -> StoreResult<()>;

    // One-time setup links.
    async fn insert_setup_token(&self, token_hash: &[u8], expires_at: Timestamp) -> StoreResult<()>;
    /// Whether an unexpired token with this hash exists (without using it).
    async fn setup_token_valid(&self, token_hash: &[u8], now: Timestamp) -> StoreResult<bool>;
    /// Deletes the token; `true` only if it existed and had not expired.
    async fn consume_setup_token(&self, token_hash: &[u8], now: Timestamp) -> StoreResult<bool>;

    // API tokens.
    async fn insert_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &[u8],
        at: Timestamp,
    ) -> StoreResult<TokenId>;
    async fn api_tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiTokenRecord>>;
    /// The unrevoked token with this hash, marked as used at `at`.
    async fn use_api_token(&self, token_hash: &[u8], at: Timestamp) -> StoreResult<ApiTokenRecord>;
    /// Revokes a token of `user`; `NotFound` if it is someone else's.
    async fn revoke_api_token(&self, user: UserId, id: TokenId) -> StoreResult<()>;
}
