//! The instance's Ed25519 key, which signs what the server vouches for (tree heads of
//! the evidence log, exported bundles). Stored as a small text file readable only by its
//! owner; the file format is `vigie-ed25519-v1:<base64 secret>`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use rand::rngs::OsRng;
use zeroize::Zeroizing;

use crate::CryptoError;

const FILE_PREFIX: &str = "vigie-ed25519-v1:";

pub struct InstanceKey(SigningKey);

impl InstanceKey {
    pub fn generate() -> Self {
        Self(SigningKey::generate(&mut OsRng))
    }

    /// The key file's content. Treat it as a secret.
    pub fn to_file_contents(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("{FILE_PREFIX}{}\n", STANDARD.encode(self.0.to_bytes())))
    }

    pub fn from_file_contents(text: &str) -> Result<Self, CryptoError> {
        let body =
            text.trim().strip_prefix(FILE_PREFIX).ok_or(CryptoError::MalformedKey("not a Vigie Ed25519 key file"))?;
        let bytes =
            Zeroizing::new(STANDARD.decode(body).map_err(|_| CryptoError::MalformedKey("key file is not base64"))?);
        let secret: [u8; 32] =
            bytes.as_slice().try_into().map_err(|_| CryptoError::MalformedKey("key file has the wrong length"))?;
        Ok(Self(SigningKey::from_bytes(&secret)))
    }

    /// The public key, base64.
    pub fn public_base64(&self) -> String {
        STANDARD.encode(self.0.verifying_key().to_bytes())
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

/// Checks an Ed25519 `signature` of `message` by the base64 public key `public`.
pub fn verify(public: &str, message: &[u8], signature: &[u8]) -> bool {
    let Ok(bytes) = STANDARD.decode(public) else { return false };
    let Ok(bytes) = <[u8; 32]>::try_from(bytes.as_slice()) else { return false };
    let Ok(key) = VerifyingKey::from_bytes(&bytes) else { return false };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else { return false };
    key.verify(message, &sig).is_ok()
}

/// Whether `public` is an Ed25519 public key in base64 (a valid curve point).
pub fn is_public_key(public: &str) -> bool {
    let Ok(bytes) = STANDARD.decode(public.trim()) else { return false };
    let Ok(bytes) = <[u8; 32]>::try_from(bytes.as_slice()) else { return false };
    VerifyingKey::from_bytes(&bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_round_trip_keeps_the_key() {
        let k = InstanceKey::generate();
        let again = InstanceKey::from_file_contents(&k.to_file_contents()).unwrap();
        assert_eq!(k.public_base64(), again.public_base64());
        let sig = again.sign(b"tree head");
        assert!(verify(&k.public_base64(), b"tree head", &sig));
        assert!(!verify(&k.public_base64(), b"tree heaD", &sig));
    }

    #[test]
    fn corrupted_files_are_refused() {
        assert!(InstanceKey::from_file_contents("garbage").is_err());
        assert!(InstanceKey::from_file_contents("vigie-ed25519-v1:AAAA").is_err());
        assert!(InstanceKey::from_file_contents("vigie-ed25519-v1:!!!").is_err());
    }
}
