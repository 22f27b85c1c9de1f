//! The offline recovery key of an organization: 256 random bits shown exactly once, as
//! Crockford base32 in groups of four with a check symbol, to be printed or written down
//! and kept away from the server.

use std::fmt;

use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::token::random_bytes;
use crate::{CryptoError, crockford};

const PREFIX: &str = "VIGIE-RK";
const KEY_LEN: usize = 32;
/// Key bytes plus two check bytes, so a mistyped symbol is caught before any unwrap.
const ENCODED_LEN: usize = KEY_LEN + 2;

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey([u8; KEY_LEN]);

impl RecoveryKey {
    pub fn generate() -> Self {
        Self(random_bytes())
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    fn check(bytes: &[u8]) -> [u8; 2] {
        let d = Sha256::digest(bytes);
        [d[0], d[1]]
    }

    /// The printable form, e.g. `VIGIE-RK-7Z3K-…`. Treat it as a secret.
    pub fn to_printable(&self) -> String {
        let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(ENCODED_LEN));
        bytes.extend_from_slice(&self.0);
        bytes.extend_from_slice(&Self::check(&self.0));
        format!("{PREFIX}-{}", crockford::grouped(&crockford::encode(&bytes)))
    }

    /// Reads a printed recovery key back: any case, with or without dashes and spaces.
    pub fn parse(raw: &str) -> Result<Self, CryptoError> {
        let compact: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        let prefix = PREFIX.replace('-', "");
        let body = compact
            .get(..prefix.len())
            .filter(|p| p.eq_ignore_ascii_case(&prefix))
            .map_or(compact.as_str(), |_| &compact[prefix.len()..]);
        let bytes = zeroize::Zeroizing::new(
            crockford::decode(body, ENCODED_LEN).ok_or(CryptoError::MalformedKey("not a Vigie recovery key"))?,
        );
        let (key, check) = bytes.split_at(KEY_LEN);
        if check != Self::check(key) {
            return Err(CryptoError::MalformedKey("recovery key check failed: a symbol is mistyped"));
        }
        Ok(Self(key.try_into().expect("32 bytes")))
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_form_parses_back_forgivingly() {
        let k = RecoveryKey::generate();
        let p = k.to_printable();
        assert!(p.starts_with("VIGIE-RK-"));
        assert_eq!(RecoveryKey::parse(&p).unwrap().as_bytes(), k.as_bytes());
        assert_eq!(RecoveryKey::parse(&p.to_lowercase().replace('-', " ")).unwrap().as_bytes(), k.as_bytes());
    }

    #[test]
    fn a_mistyped_symbol_is_caught() {
        let p = RecoveryKey::generate().to_printable();
        let mut chars: Vec<char> = p.chars().collect();
        let i = 12;
        chars[i] = if chars[i] == '7' { '8' } else { '7' };
        let typo: String = chars.into_iter().collect();
        assert!(RecoveryKey::parse(&typo).is_err());
    }

    #[test]
    fn debug_does_not_print_the_key() {
        assert_eq!(format!("{:?}", RecoveryKey::generate()), "RecoveryKey(…)");
    }
}
