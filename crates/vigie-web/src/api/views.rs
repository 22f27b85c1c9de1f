//! The API's JSON shapes.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vigie_core::Role;
use vigie_core::accounts::KeyState;
use vigie_core::store::{OrgRecord, UserRecord};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub org_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    /// Whether the member holds the organization's key.
    pub key_state: KeyState,
}

impl UserView {
    pub fn new(u: &UserRecord, key_state: KeyState) -> Self {
        Self {
            id: u.id.0,
            org_id: u.org_id.0,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role,
            disabled: u.disabled,
            key_state,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgView {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The organization's `age` X25519 public key: anyone may seal to it.
    pub public_key: String,
}

impl From<&OrgRecord> for OrgView {
    fn from(o: &OrgRecord) -> Self {
        Self { id: o.id.0, slug: o.slug.clone(), name: o.name.clone(), public_key: o.public_key.clone() }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeView {
    pub user: UserView,
    pub org: OrgView,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserBody {
    pub org_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Initial password, at least 10 characters.
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code (`not_found`, `forbidden`, `invalid`, …).
    pub code: String,
    /// Human-readable message in the negotiated language.
    pub message: String,
    /// The form field at fault (`invalid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Where exactly an import went wrong (`import_refused`), in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}
