/// Every way a cryptographic operation can fail. Messages never contain key material.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("sealing failed")]
    Seal,
    #[error("the sealed data could not be opened with this key (wrong key or damaged data)")]
    Open,
    #[error("the wrapped key could not be unwrapped (wrong password or recovery key, or damaged data)")]
    Unwrap,
    #[error("malformed wrapped key: {0}")]
    MalformedWrap(&'static str),
    #[error("malformed key: {0}")]
    MalformedKey(&'static str),
    #[error("password hashing failed")]
    PasswordHash,
}
