//! How a member holds their organization's key, and the contexts that bind each wrap to
//! its place (a wrap moved to another member or organization does not open).

use vigie_crypto::wrap::{unwrap_with_password, unwrap_with_recovery, wrap_with_password, wrap_with_recovery};
use vigie_crypto::{KdfParams, OrgSecretKey, RecoveryKey, open, seal};

use crate::DomainError;
use crate::store::{MemberKey, OrgRecord, PendingKey};

fn member_context(org_public: &str, username: &str) -> Vec<u8> {
    format!("vigie/member-wrap/v1|{org_public}|{username}").into_bytes()
}

fn pending_context(org_public: &str, username: &str) -> Vec<u8> {
    format!("vigie/pending-wrap/v1|{org_public}|{username}").into_bytes()
}

fn recovery_context(org_public: &str) -> Vec<u8> {
    format!("vigie/recovery-wrap/v1|{org_public}").into_bytes()
}

pub(super) fn recovery_wrap(key: &OrgSecretKey, recovery: &RecoveryKey) -> Result<Vec<u8>, DomainError> {
    let public = key.public().to_string();
    Ok(wrap_with_recovery(&key.to_secret_bytes(), recovery, &recovery_context(&public))?)
}

/// The organization's key opened with its recovery key.
pub(super) fn open_with_recovery(org: &OrgRecord, recovery: &RecoveryKey) -> Result<OrgSecretKey, DomainError> {
    let secret = unwrap_with_recovery(&org.recovery_wrap, recovery, &recovery_context(&org.public_key))?;
    checked(org, OrgSecretKey::from_secret_bytes(&secret)?)
}

/// Refuses a key that is not the organization's (a wrap restored from elsewhere).
fn checked(org: &OrgRecord, key: OrgSecretKey) -> Result<OrgSecretKey, DomainError> {
    if key.public().to_string() == org.public_key {
        Ok(key)
    } else {
        Err(DomainError::Key(vigie_crypto::CryptoError::Unwrap))
    }
}

/// The member holds the key directly, wrapped under their password.
pub(super) fn wrapped(
    org_public: &str,
    username: &str,
    key: &OrgSecretKey,
    password: &str,
    kdf: KdfParams,
) -> Result<MemberKey, DomainError> {
    let wrap = wrap_with_password(&key.to_secret_bytes(), password, kdf, &member_context(org_public, username))?;
    Ok(MemberKey::Wrapped(wrap))
}

/// The member waits for a colleague's session to seal the key to a key pair of theirs.
pub(super) fn pending(
    org_public: &str,
    username: &str,
    password: &str,
    kdf: KdfParams,
) -> Result<MemberKey, DomainError> {
    let own = OrgSecretKey::generate();
    let wrapped_secret =
        wrap_with_password(&own.to_secret_bytes(), password, kdf, &pending_context(org_public, username))?;
    Ok(MemberKey::Pending(PendingKey { public_key: own.public().to_string(), wrapped_secret, grant: None }))
}

/// A grant for a pending member: the organization's key sealed to their pending key.
pub(super) fn grant(key: &OrgSecretKey, pending: &PendingKey) -> Result<Vec<u8>, DomainError> {
    let to = pending.public_key.parse()?;
    Ok(seal(&to, &key.to_secret_bytes())?)
}

/// What a member's password unlocks of their holding: the organization's key when the
/// member holds it or was granted it, `None` while still pending without a grant.
pub(super) fn unlock(
    org: &OrgRecord,
    username: &str,
    holding: &MemberKey,
    password: &str,
) -> Result<Option<OrgSecretKey>, DomainError> {
    match holding {
        MemberKey::Wrapped(wrap) => {
            let secret = unwrap_with_password(wrap, password, &member_context(&org.public_key, username))?;
            checked(org, OrgSecretKey::from_secret_bytes(&secret)?).map(Some)
        }
        MemberKey::Pending(PendingKey { grant: None, .. }) => Ok(None),
        MemberKey::Pending(PendingKey { wrapped_secret, grant: Some(grant), .. }) => {
            let own = unwrap_with_password(wrapped_secret, password, &pending_context(&org.public_key, username))?;
            let own = OrgSecretKey::from_secret_bytes(&own)?;
            let secret = open(&own, grant)?;
            checked(org, OrgSecretKey::from_secret_bytes(&secret)?).map(Some)
        }
    }
}

/// Re-wraps a pending member's own key under a new password, keeping any grant.
pub(super) fn rewrap_pending(
    org_public: &str,
    username: &str,
    pending: &PendingKey,
    old: &str,
    new: &str,
    kdf: KdfParams,
) -> Result<MemberKey, DomainError> {
    let ctx = pending_context(org_public, username);
    let own = unwrap_with_password(&pending.wrapped_secret, old, &ctx)?;
    let wrapped_secret = wrap_with_password(&own, new, kdf, &ctx)?;
    Ok(MemberKey::Pending(PendingKey { wrapped_secret, ..pending.clone() }))
}
