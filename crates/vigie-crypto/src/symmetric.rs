//! Encryption under a random 256-bit key (XChaCha20-Poly1305, random nonce), for data
//! that several parties open through a shared key, such as a case's message thread: the
//! key is sealed to the organization and wrapped under the reporter's receipt code.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::CryptoError;
use crate::token::random_bytes;

const NONCE_LEN: usize = 24;

/// A fresh random key.
pub fn new_key() -> Zeroizing<[u8; 32]> {
    Zeroizing::new(random_bytes())
}

/// `nonce ‖ ciphertext`; `aad` binds the ciphertext to its place.
pub fn encrypt(key: &[u8; 32], plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let nonce = random_bytes::<NONCE_LEN>();
    let ct = XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad })
        .map_err(|_| CryptoError::Seal)?;
    Ok([&nonce[..], &ct].concat())
}

pub fn decrypt(key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if sealed.len() < NONCE_LEN + 16 {
        return Err(CryptoError::Open);
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad })
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decrypt_inverts_encrypt_and_refuses_other_keys_or_places(
            data in proptest::collection::vec(any::<u8>(), 0..512),
        ) {
            let k = new_key();
            let sealed = encrypt(&k, &data, b"case=1").unwrap();
            prop_assert_eq!(&*decrypt(&k, &sealed, b"case=1").unwrap(), &data[..]);
            prop_assert!(decrypt(&k, &sealed, b"case=2").is_err());
            prop_assert!(decrypt(&new_key(), &sealed, b"case=1").is_err());
        }
    }
}
