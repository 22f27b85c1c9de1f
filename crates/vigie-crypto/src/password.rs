//! Password hashes: Argon2id in the PHC string format, whose parameters travel with the
//! hash so that they can be raised later without breaking old accounts.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;

use crate::{CryptoError, KdfParams};

fn argon2(params: KdfParams) -> Result<Argon2<'static>, CryptoError> {
    let params =
        Params::new(params.m_cost_kib, params.t_cost, params.p_cost, None).map_err(|_| CryptoError::PasswordHash)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` with Argon2id under a fresh random salt.
pub fn hash_password(password: &str, params: KdfParams) -> Result<String, CryptoError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2(params)?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| CryptoError::PasswordHash)
}

/// Whether `password` matches the PHC string `hash` (parameters read from the hash).
/// A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
}

/// A hash of a password nobody knows, verified against when an account does not exist
/// so that a login takes as long for an unknown name as for a wrong password.
pub fn dummy_hash(params: KdfParams) -> String {
    hash_password("vigie-dummy-password-for-unknown-accounts", params).expect("hashing a constant never fails")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_argon2id_and_verifies_only_the_right_password() {
        let h = hash_password("correct horse", KdfParams::TEST).unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("correct hors", &h));
        assert!(!verify_password("correct horse", "not a hash"));
    }
}
