use crate::store::StoreError;

/// Why the domain refused something. Each variant is a message a user can act on; none
/// carries a secret.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: &'static str },
    #[error("unknown account or wrong password")]
    BadCredentials,
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: i64 },
    #[error("this setup link is invalid, used or expired")]
    BadSetupToken,
    #[error("setup is already complete")]
    AlreadySetUp,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("already exists: {0}")]
    Conflict(&'static str),
    #[error("the organization's key is locked in this session; log in again with your password")]
    KeyLocked,
    #[error("the organization key could not be unlocked: {0}")]
    Key(#[from] vigie_crypto::CryptoError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for DomainError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict(what) => Self::Conflict(what),
            other => Self::Store(other),
        }
    }
}

impl DomainError {
    pub fn invalid(field: &'static str, reason: &'static str) -> Self {
        Self::Invalid { field, reason }
    }
}
