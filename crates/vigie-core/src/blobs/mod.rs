//! The blob port: where evidence files (screenshots, videos, documents) are kept, already
//! sealed. `vigie-store` implements it over `object_store` (a local folder by default, any
//! S3-compatible store by configuration); [`seal_and_store`] and [`open_blob`] are the
//! only way the application puts plaintext in or takes it out.
//!
//! Why the port moves chunk streams (`Stream<Item = Result<Bytes, BlobError>>`) rather
//! than readers, writers or whole buffers:
//! - a stream is what both ends already speak: object stores read and write `Bytes`
//!   parts, HTTP bodies are `Bytes` streams;
//! - `put` pulls the stream, so the store decides the pace (back-pressure) and the
//!   sealing happens one 64 KiB piece per poll inside the caller's task, without a
//!   blocking thread and without holding a runtime thread for long;
//! - one method per operation, all or nothing: an implementation only has to copy the
//!   stream and abandon the upload when the stream yields an error.

mod sealed;

use std::fmt;

use async_trait::async_trait;
use bytes::Bytes;
use futures::stream::BoxStream;
use vigie_crypto::CryptoError;

pub use sealed::{StoredBlob, open_blob, seal_and_store};

/// How many random bytes name a blob: 128 bits, so names never collide and say nothing.
const NAME_BYTES: usize = 16;

/// A blob's name: 32 lowercase hexadecimal digits of randomness, never derived from the
/// content. A name made from a plaintext hash would let whoever seizes the store test
/// whether a known image is in it; a random name tells nothing.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlobName(String);

impl BlobName {
    /// The name for 128 random bits (drawn by the caller: the domain draws none itself).
    pub fn from_random(bytes: [u8; NAME_BYTES]) -> Self {
        Self(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// A name read back from storage: exactly 32 lowercase hexadecimal digits.
    pub fn parse(raw: &str) -> Result<Self, BlobError> {
        (raw.len() == 2 * NAME_BYTES && raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
            .then(|| Self(raw.to_owned()))
            .ok_or(BlobError::InvalidName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BlobName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BlobName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BlobName({})", self.0)
    }
}

/// Why a blob could not be stored, found or opened.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("no blob with this name")]
    NotFound,
    #[error("not a blob name (32 lowercase hexadecimal digits)")]
    InvalidName,
    #[error("invalid blob store setting: {0}")]
    Config(String),
    #[error("blob store error: {0}")]
    Backend(String),
    /// The file being stored could not be read (the upload was abandoned).
    #[error("reading the file to store failed: {0}")]
    Source(#[source] std::io::Error),
    /// The opened plaintext could not be written where the caller wanted it.
    #[error("writing the opened file failed: {0}")]
    Sink(#[source] std::io::Error),
    /// Sealing failed, or the blob does not open with this key (wrong key, or damaged).
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

pub type BlobResult<T> = Result<T, BlobError>;

/// Chunks of a blob's bytes, in order. An error item ends the stream.
pub type ByteStream<'a> = BoxStream<'a, BlobResult<Bytes>>;

#[async_trait]
pub trait Blobs: Send + Sync + 'static {
    /// Stores everything `body` yields under `name`, all or nothing: nothing is visible
    /// under `name` before the stream ends, and when it yields an error the upload is
    /// abandoned and that error returned as it is. Memory stays bounded whatever the
    /// length: implementations send parts as they fill.
    async fn put(&self, name: &BlobName, body: ByteStream<'_>) -> BlobResult<()>;

    /// The stored bytes, streamed; [`BlobError::NotFound`] when there is no such blob.
    async fn get(&self, name: &BlobName) -> BlobResult<ByteStream<'static>>;

    async fn exists(&self, name: &BlobName) -> BlobResult<bool>;

    /// Deletes the blob. Deleting a blob that is not there is not an error (S3 cannot
    /// tell the difference, and a retried deletion must succeed).
    async fn delete(&self, name: &BlobName) -> BlobResult<()>;

    /// Where the blobs are, for logs: never a credential.
    fn describe(&self) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_32_hex_digits_of_the_random_bytes() {
        let n = BlobName::from_random([0xab; 16]);
        assert_eq!(n.as_str(), "ab".repeat(16));
        assert_eq!(BlobName::parse(n.as_str()).unwrap(), n);
        assert_ne!(BlobName::from_random([1; 16]), BlobName::from_random([2; 16]));
    }

    #[test]
    fn anything_else_is_not_a_name() {
        for bad in ["", "ab", &"AB".repeat(16), &"ab".repeat(17), &format!("{}/x", "a".repeat(30)), &"g".repeat(32)] {
            assert!(matches!(BlobName::parse(bad), Err(BlobError::InvalidName)), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn every_name_parses_back(bytes in any::<[u8; 16]>()) {
            let n = BlobName::from_random(bytes);
            prop_assert_eq!(BlobName::parse(&n.to_string()).unwrap(), n);
        }
    }
}
