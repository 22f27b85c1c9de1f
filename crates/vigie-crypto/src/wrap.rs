//! Key wrapping: an organization's secret key is stored only encrypted with
//! XChaCha20-Poly1305, under a key derived from a member's password (Argon2id) or from
//! the organization's recovery key; a case's thread key, under a key derived from the
//! reporter's receipt code and a server-held key (HMAC-SHA-256).
//!
//! A wrap is self-describing: `version ‖ kind ‖ KDF parameters ‖ salt ‖ nonce ‖
//! ciphertext`. The caller's `context` (which organization, which member) is bound as
//! associated data, so a wrap copied onto another row does not open there.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::token::random_bytes;
use crate::{CryptoError, RecoveryKey};

const VERSION: u8 = 1;
const KIND_PASSWORD: u8 = b'p';
const KIND_RECOVERY: u8 = b'r';
const KIND_CODE: u8 = b'c';
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const HEADER_LEN: usize = 2 + 12 + SALT_LEN + NONCE_LEN;

/// Argon2id cost. The defaults follow OWASP's recommendation for Argon2id
/// (19 MiB, two passes, one lane).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl KdfParams {
    pub const DEFAULT: Self = Self { m_cost_kib: 19 * 1024, t_cost: 2, p_cost: 1 };
    /// What receipt codes were wrapped with before [`wrap_with_code`] (still opened by
    /// [`unwrap_with_code`]): the code carries 80 random bits, so the light Argon2id only
    /// slowed the reporting channel (2.6 ms a report on a 2-core EPYC).
    pub const RECEIPT: Self = Self { m_cost_kib: 2048, t_cost: 1, p_cost: 1 };
    /// Cheap parameters for unit tests of this crate only.
    pub const TEST: Self = Self { m_cost_kib: 256, t_cost: 1, p_cost: 1 };
}

impl Default for KdfParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

fn password_key(password: &str, salt: &[u8], p: KdfParams) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let params = Params::new(p.m_cost_kib, p.t_cost, p.p_cost, Some(32))
        .map_err(|_| CryptoError::MalformedWrap("bad key-derivation parameters"))?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(password.as_bytes(), salt, key.as_mut())
        .map_err(|_| CryptoError::MalformedWrap("bad key-derivation input"))?;
    Ok(key)
}

fn recovery_key(recovery: &RecoveryKey, salt: &[u8]) -> Zeroizing<[u8; 32]> {
    // The recovery key is 256 random bits: a hash suffices to derive a wrapping key.
    let mut h = Sha256::new();
    h.update(b"vigie recovery wrap v1");
    h.update(salt);
    h.update(recovery.as_bytes());
    Zeroizing::new(h.finalize().into())
}

fn code_key(code: &str, server_key: &[u8; 32], salt: &[u8]) -> Zeroizing<[u8; 32]> {
    // The code is 80 random bits: no stretching is needed against guessing it. The
    // server key, kept outside the database, makes a stolen database alone useless even
    // with a code in hand.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(server_key).expect("HMAC accepts any key length");
    mac.update(b"vigie code wrap v1\0");
    mac.update(salt);
    mac.update(code.as_bytes());
    Zeroizing::new(mac.finalize().into_bytes().into())
}

fn seal_with(
    kind: u8,
    params: KdfParams,
    salt: [u8; SALT_LEN],
    key: &[u8; 32],
    secret: &[u8],
    context: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let nonce = random_bytes::<NONCE_LEN>();
    let mut out = Vec::with_capacity(HEADER_LEN + secret.len() + 16);
    out.extend_from_slice(&[VERSION, kind]);
    for v in [params.m_cost_kib, params.t_cost, params.p_cost] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    let aad = [&out[..], context].concat();
    let ciphertext = XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret, aad: &aad })
        .map_err(|_| CryptoError::Seal)?;
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

struct Parsed<'a> {
    kind: u8,
    params: KdfParams,
    salt: &'a [u8],
    nonce: &'a [u8],
    header: &'a [u8],
    ciphertext: &'a [u8],
}

fn parse(wrapped: &[u8]) -> Result<Parsed<'_>, CryptoError> {
    if wrapped.len() < HEADER_LEN + 16 {
        return Err(CryptoError::MalformedWrap("too short"));
    }
    if wrapped[0] != VERSION {
        return Err(CryptoError::MalformedWrap("unknown version"));
    }
    let u32_at = |i: usize| u32::from_le_bytes(wrapped[i..i + 4].try_into().expect("4 bytes"));
    Ok(Parsed {
        kind: wrapped[1],
        params: KdfParams { m_cost_kib: u32_at(2), t_cost: u32_at(6), p_cost: u32_at(10) },
        salt: &wrapped[14..14 + SALT_LEN],
        nonce: &wrapped[14 + SALT_LEN..HEADER_LEN],
        header: &wrapped[..HEADER_LEN],
        ciphertext: &wrapped[HEADER_LEN..],
    })
}

fn open_with(p: &Parsed<'_>, key: &[u8; 32], context: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let aad = [p.header, context].concat();
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(p.nonce), Payload { msg: p.ciphertext, aad: &aad })
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Unwrap)
}

/// Wraps `secret` under a key derived from `password` with Argon2id.
pub fn wrap_with_password(
    secret: &[u8],
    password: &str,
    params: KdfParams,
    context: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let salt = random_bytes::<SALT_LEN>();
    let key = password_key(password, &salt, params)?;
    seal_with(KIND_PASSWORD, params, salt, &key, secret, context)
}

/// Opens a wrap made by [`wrap_with_password`].
pub fn unwrap_with_password(wrapped: &[u8], password: &str, context: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let p = parse(wrapped)?;
    if p.kind != KIND_PASSWORD {
        return Err(CryptoError::MalformedWrap("not a password wrap"));
    }
    // Refuse absurd costs read from a damaged or forged wrap before spending memory.
    if p.params.m_cost_kib > 4 * 1024 * 1024 || p.params.t_cost > 64 || p.params.p_cost > 64 {
        return Err(CryptoError::MalformedWrap("key-derivation cost out of range"));
    }
    let key = password_key(password, p.salt, p.params)?;
    open_with(&p, &key, context)
}

/// Wraps `secret` under the organization's recovery key.
pub fn wrap_with_recovery(secret: &[u8], recovery: &RecoveryKey, context: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let salt = random_bytes::<SALT_LEN>();
    let key = recovery_key(recovery, &salt);
    seal_with(KIND_RECOVERY, KdfParams { m_cost_kib: 0, t_cost: 0, p_cost: 0 }, salt, &key, secret, context)
}

/// Opens a wrap made by [`wrap_with_recovery`].
pub fn unwrap_with_recovery(
    wrapped: &[u8],
    recovery: &RecoveryKey,
    context: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let p = parse(wrapped)?;
    if p.kind != KIND_RECOVERY {
        return Err(CryptoError::MalformedWrap("not a recovery wrap"));
    }
    let key = recovery_key(recovery, p.salt);
    open_with(&p, &key, context)
}

/// Wraps `secret` under a key derived from `code` and `server_key` with HMAC-SHA-256.
/// Only for codes drawn at random with at least 80 bits (receipt codes): a password
/// needs [`wrap_with_password`].
pub fn wrap_with_code(
    secret: &[u8],
    code: &str,
    server_key: &[u8; 32],
    context: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let salt = random_bytes::<SALT_LEN>();
    let key = code_key(code, server_key, &salt);
    seal_with(KIND_CODE, KdfParams { m_cost_kib: 0, t_cost: 0, p_cost: 0 }, salt, &key, secret, context)
}

/// Opens a wrap made by [`wrap_with_code`], or one made by [`wrap_with_password`] with the
/// code as the password (how receipts were wrapped before): the wrap's kind says which.
pub fn unwrap_with_code(
    wrapped: &[u8],
    code: &str,
    server_key: &[u8; 32],
    context: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let p = parse(wrapped)?;
    match p.kind {
        KIND_CODE => open_with(&p, &code_key(code, server_key, p.salt), context),
        KIND_PASSWORD => unwrap_with_password(wrapped, code, context),
        _ => Err(CryptoError::MalformedWrap("not a code wrap")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn password_wrap_opens_only_with_password_and_context() {
        let w = wrap_with_password(b"secret key", "pw one", KdfParams::TEST, b"org=1").unwrap();
        assert_eq!(&*unwrap_with_password(&w, "pw one", b"org=1").unwrap(), b"secret key");
        assert!(matches!(unwrap_with_password(&w, "pw two", b"org=1"), Err(CryptoError::Unwrap)));
        assert!(matches!(unwrap_with_password(&w, "pw one", b"org=2"), Err(CryptoError::Unwrap)));
        assert!(unwrap_with_recovery(&w, &RecoveryKey::generate(), b"org=1").is_err());
    }

    #[test]
    fn recovery_wrap_round_trips() {
        let rk = RecoveryKey::generate();
        let w = wrap_with_recovery(b"secret key", &rk, b"org=1").unwrap();
        assert_eq!(&*unwrap_with_recovery(&w, &rk, b"org=1").unwrap(), b"secret key");
        assert!(unwrap_with_recovery(&w, &RecoveryKey::generate(), b"org=1").is_err());
    }

    #[test]
    fn code_wrap_opens_only_with_code_server_key_and_context() {
        let (code, key) = ("7M2KQ9X4HD0RTV8B", [5u8; 32]);
        let w = wrap_with_code(b"thread key", code, &key, b"case=1").unwrap();
        assert_eq!(&*unwrap_with_code(&w, code, &key, b"case=1").unwrap(), b"thread key");
        assert!(matches!(unwrap_with_code(&w, "7M2KQ9X4HD0RTV8C", &key, b"case=1"), Err(CryptoError::Unwrap)));
        assert!(matches!(unwrap_with_code(&w, code, &[6u8; 32], b"case=1"), Err(CryptoError::Unwrap)));
        assert!(matches!(unwrap_with_code(&w, code, &key, b"case=2"), Err(CryptoError::Unwrap)));
        assert!(unwrap_with_password(&w, code, b"case=1").is_err(), "a code wrap is no password wrap");
    }

    #[test]
    fn code_unwrap_still_opens_the_older_argon2id_wraps() {
        let code = "7M2KQ9X4HD0RTV8B";
        let old = wrap_with_password(b"thread key", code, KdfParams::TEST, b"case=1").unwrap();
        assert_eq!(&*unwrap_with_code(&old, code, &[5u8; 32], b"case=1").unwrap(), b"thread key");
        assert!(matches!(unwrap_with_code(&old, "7M2KQ9X4HD0RTV8C", &[5u8; 32], b"case=1"), Err(CryptoError::Unwrap)));
        let recovery = wrap_with_recovery(b"k", &RecoveryKey::generate(), b"case=1").unwrap();
        assert!(unwrap_with_code(&recovery, code, &[5u8; 32], b"case=1").is_err());
    }

    #[test]
    fn wrap_does_not_contain_the_secret() {
        let secret = b"AGE-SECRET-KEY-1EXAMPLEEXAMPLE";
        let w = wrap_with_password(secret, "pw", KdfParams::TEST, b"").unwrap();
        assert!(!w.windows(secret.len()).any(|win| win == secret));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn any_flipped_byte_is_refused(
            secret in proptest::collection::vec(any::<u8>(), 1..64),
            at in any::<usize>(),
            bit in 0u8..8,
        ) {
            let rk = RecoveryKey::generate();
            let mut w = wrap_with_recovery(&secret, &rk, b"ctx").unwrap();
            let i = at % w.len();
            w[i] ^= 1 << bit;
            prop_assert!(unwrap_with_recovery(&w, &rk, b"ctx").is_err());
        }
    }
}
