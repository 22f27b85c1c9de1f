//! Organizations, members, their keys, sessions, setup tokens and API tokens.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

pub(crate) const ORG_COLUMNS: &str =
    "SELECT id, slug, name, public_key, recovery_wrap, sealed_contacts, created_at FROM orgs";

pub(crate) const USER_COLUMNS: &str =
    "SELECT id, org_id, username, display_name, role, password_hash, disabled, created_at FROM users";

pub(crate) const KEY_COLUMNS: &str =
    "SELECT user_id, wrap, pending_public_key, pending_wrapped_secret, pending_grant FROM member_keys";

pub(crate) const TOKEN_COLUMNS: &str = "id, user_id, name, created_at, last_used_at, revoked";
