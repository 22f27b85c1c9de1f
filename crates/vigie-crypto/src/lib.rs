//! Vigie's cryptography, in one leaf crate so that it can be read and audited alone.
//!
//! - [`seal`]: sealing to an organization's X25519 key (standard `age` format), opening
//!   with its secret key.
//! - [`stream`]: sealing and opening files of any size in fixed memory, hashing the
//!   plaintext (SHA-256) on the way.
//! - [`wrap`]: an organization's secret key stored only wrapped (XChaCha20-Poly1305)
//!   under a key derived from a member's password (Argon2id) or from the offline
//!   [`recovery`] key.
//! - [`password`]: Argon2id password hashes.
//! - [`signing`]: the instance's Ed25519 key.
//! - [`token`]: random tokens, their hashes and constant-time comparison.
//! - [`crockford`]: the base32 alphabet people can read aloud.
#![forbid(unsafe_code)]

pub mod crockford;
pub mod error;
pub mod padding;
pub mod password;
pub mod recovery;
pub mod seal;
pub mod signing;
pub mod stream;
pub mod symmetric;
pub mod token;
pub mod wrap;

pub use error::CryptoError;
pub use recovery::RecoveryKey;
pub use seal::{OrgPublicKey, OrgSecretKey, open, seal};
pub use signing::InstanceKey;
pub use wrap::KdfParams;
