//! Signed tree heads: the server's signed statement "the log had `size` leaves with this
//! `root` at this time". Anyone holding the instance's public key checks them offline.
//!
//! The signed message is text, so that it can be checked with any Ed25519 tool:
//!
//! ```text
//! vigie tree head v1\n
//! <size, decimal>\n
//! <root, 64 lowercase hex digits>\n
//! <timestamp, decimal seconds since the Unix epoch, UTC>\n
//! ```

use serde::{Deserialize, Serialize};

use crate::merkle::Hash;
use crate::time::Timestamp;

const MESSAGE_HEADER: &str = "vigie tree head v1";

#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum TreeHeadError {
    #[error("the tree head's root is not 64 hex digits")]
    Root,
    #[error("the tree head's signature is not 64 bytes of base64")]
    SignatureEncoding,
    #[error("the tree head's signature does not verify with the instance's public key")]
    BadSignature,
}

/// The unsigned statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeHead {
    pub size: u64,
    pub root: Hash,
    pub timestamp: Timestamp,
}

impl TreeHead {
    /// The bytes that are signed.
    pub fn message(&self) -> Vec<u8> {
        format!("{MESSAGE_HEADER}\n{}\n{}\n{}\n", self.size, self.root, self.timestamp.0).into_bytes()
    }
}

/// A tree head with its Ed25519 signature, in the JSON form the API serves and bundles
/// hold: `{"size": 12, "root": "<hex>", "timestamp": 1790000000, "signature": "<base64>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedTreeHead {
    pub size: u64,
    /// Lowercase hex of the root hash.
    pub root: String,
    /// Seconds since the Unix epoch, UTC.
    pub timestamp: i64,
    /// Base64 Ed25519 signature of the tree head message.
    pub signature: String,
}

impl SignedTreeHead {
    pub fn new(head: &TreeHead, signature: &[u8; 64]) -> Self {
        use base64::Engine;
        Self {
            size: head.size,
            root: head.root.to_string(),
            timestamp: head.timestamp.0,
            signature: base64::engine::general_purpose::STANDARD.encode(signature),
        }
    }

    /// The statement, if its root is well formed (the signature is not checked).
    pub fn head(&self) -> Result<TreeHead, TreeHeadError> {
        Ok(TreeHead {
            size: self.size,
            root: parse_hash(&self.root).ok_or(TreeHeadError::Root)?,
            timestamp: Timestamp(self.timestamp),
        })
    }

    /// The statement, once its signature by `public_key` (base64 Ed25519) is checked.
    pub fn verify(&self, public_key: &str) -> Result<TreeHead, TreeHeadError> {
        use base64::Engine;
        let head = self.head()?;
        let signature = base64::engine::general_purpose::STANDARD
            .decode(&self.signature)
            .map_err(|_| TreeHeadError::SignatureEncoding)?;
        if signature.len() != 64 {
            return Err(TreeHeadError::SignatureEncoding);
        }
        if !vigie_crypto::signing::verify(public_key, &head.message(), &signature) {
            return Err(TreeHeadError::BadSignature);
        }
        Ok(head)
    }
}

/// A hash from 64 hex digits (either case).
pub fn parse_hash(text: &str) -> Option<Hash> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(Hash::from_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_crypto::signing::InstanceKey;

    fn head() -> TreeHead {
        TreeHead { size: 5, root: Hash::from_bytes([0xab; 32]), timestamp: Timestamp(1_790_000_000) }
    }

    #[test]
    fn the_message_is_the_documented_text() {
        let text = String::from_utf8(head().message()).unwrap();
        assert_eq!(text, format!("vigie tree head v1\n5\n{}\n1790000000\n", "ab".repeat(32)));
    }

    #[test]
    fn a_signed_head_verifies_and_any_change_breaks_it() {
        let key = InstanceKey::generate();
        let signed = SignedTreeHead::new(&head(), &key.sign(&head().message()));
        assert_eq!(signed.verify(&key.public_base64()), Ok(head()));
        let mut bigger = signed.clone();
        bigger.size = 6;
        assert_eq!(bigger.verify(&key.public_base64()), Err(TreeHeadError::BadSignature));
        let mut other_root = signed.clone();
        other_root.root = "ac".repeat(32);
        assert_eq!(other_root.verify(&key.public_base64()), Err(TreeHeadError::BadSignature));
        let other_key = InstanceKey::generate();
        assert_eq!(signed.verify(&other_key.public_base64()), Err(TreeHeadError::BadSignature));
        let mut garbled = signed;
        garbled.signature = "AAAA".into();
        assert_eq!(garbled.verify(&key.public_base64()), Err(TreeHeadError::SignatureEncoding));
    }

    #[test]
    fn roots_must_be_64_hex_digits() {
        assert!(parse_hash(&"0f".repeat(32)).is_some());
        assert!(parse_hash(&"0f".repeat(31)).is_none());
        assert!(parse_hash(&"zz".repeat(32)).is_none());
        assert!(parse_hash("é").is_none());
    }
}
