//! Evidence files in and out of the blob store, sealed to the case's organization.
//!
//! Sealing happens inside the stream the store pulls: each poll reads at most 64 KiB of
//! plaintext, hashes and encrypts it, and hands the ciphertext on. A 2 GB video thus
//! goes through in a few hundred kilobytes of this code's memory, and the runtime thread
//! is never held for more than one chunk's worth of work, without a blocking thread.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use futures::io::{AsyncRead, AsyncWrite};
use futures::stream::{Stream, TryStreamExt};
use vigie_crypto::stream::{CHUNK, Digest, Sealer, StreamError, open_async};
use vigie_crypto::token::random_bytes;
use vigie_crypto::{OrgPublicKey, OrgSecretKey};

use super::{BlobError, BlobName, BlobResult, Blobs};

/// A file as stored: its random name, and the plaintext's SHA-256 and size.
///
/// The SHA-256 is what proves later that the evidence is unchanged, and also what lets
/// whoever holds a known copy test whether it is here: keep it sealed with the rest of
/// the evidence record, never in a clear column, a log line or a blob name.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub name: BlobName,
    pub sha256: [u8; 32],
    pub size: u64,
}

impl std::fmt::Debug for StoredBlob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StoredBlob {{ name: {}, sha256: …, size: {} }}", self.name, self.size)
    }
}

/// Reads `source` to its end and stores it sealed to `to` under a new random name.
/// Nothing is stored when `source` fails ([`BlobError::Source`]).
pub async fn seal_and_store<R>(blobs: &dyn Blobs, to: &OrgPublicKey, source: R) -> BlobResult<StoredBlob>
where
    R: AsyncRead + Unpin + Send,
{
    let name = BlobName::from_random(random_bytes());
    let mut sealing = SealingStream { source, sealer: Some(Sealer::new(to)?), buf: vec![0; CHUNK], digest: None };
    blobs.put(&name, Box::pin(&mut sealing)).await?;
    match sealing.digest {
        Some(Digest { sha256, size }) => Ok(StoredBlob { name, sha256, size }),
        None => {
            // The store returned without reading to the end: what it kept is not the file.
            if let Err(e) = blobs.delete(&name).await {
                tracing::warn!(blob = %name, error = %e, "could not remove a partly stored blob");
            }
            Err(BlobError::Backend("the blob store stopped reading before the end of the file".into()))
        }
    }
}

/// Opens the blob `name` with the organization's key and writes the plaintext to `sink`.
/// Returns the plaintext's SHA-256 and size: compare them with the evidence record.
///
/// Plaintext is written as each chunk is authenticated; on an error, what `sink`
/// already received is to be discarded (the blob was damaged, truncated or replaced).
pub async fn open_blob<W>(blobs: &dyn Blobs, with: &OrgSecretKey, name: &BlobName, sink: W) -> BlobResult<Digest>
where
    W: AsyncWrite + Unpin + Send,
{
    // The store's errors travel through the reader inside an `io::Error`, and come out
    // as themselves below.
    let sealed = blobs.get(name).await?.map_err(io::Error::other).into_async_read();
    open_async(sealed, sink, with).await.map_err(|e| match e {
        StreamError::Read(e) => store_error(e),
        StreamError::Write(e) => BlobError::Sink(e),
        StreamError::Crypto(e) => BlobError::Crypto(e),
    })
}

fn store_error(e: io::Error) -> BlobError {
    if e.get_ref().is_some_and(|inner| inner.is::<BlobError>()) {
        if let Some(Ok(inner)) = e.into_inner().map(|inner| inner.downcast::<BlobError>()) {
            return *inner;
        }
        unreachable!("checked just above");
    }
    BlobError::Backend(e.to_string())
}

/// The ciphertext of `source`, chunk by chunk; records the plaintext's digest at the end.
struct SealingStream<R> {
    source: R,
    /// `None` once finished or failed: the stream then ends.
    sealer: Option<Sealer>,
    buf: Vec<u8>,
    digest: Option<Digest>,
}

impl<R: AsyncRead + Unpin> Stream for SealingStream<R> {
    type Item = BlobResult<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            let Some(sealer) = this.sealer.as_mut() else { return Poll::Ready(None) };
            let n = match ready!(Pin::new(&mut this.source).poll_read(cx, &mut this.buf)) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    this.sealer = None;
                    return Poll::Ready(Some(Err(BlobError::Source(e))));
                }
            };
            let sealed = if n == 0 {
                let sealer = this.sealer.take().expect("checked at the top of the loop");
                sealer.finish().map(|(tail, digest)| {
                    this.digest = Some(digest);
                    tail
                })
            } else {
                sealer.update(&this.buf[..n])
            };
            match sealed {
                // `age` gathers a whole chunk before it encrypts; read on.
                Ok(out) if out.is_empty() && this.sealer.is_some() => continue,
                Ok(out) => return Poll::Ready(Some(Ok(Bytes::from(out)))),
                Err(e) => {
                    this.sealer = None;
                    return Poll::Ready(Some(Err(e.into())));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use async_trait::async_trait;
    use futures::StreamExt;
    use vigie_crypto::CryptoError;

    use super::super::ByteStream;
    use super::*;

    /// Blobs in a map; `read_at_most` makes a store that stops reading early.
    #[derive(Default)]
    struct MemoryBlobs {
        map: Mutex<HashMap<BlobName, Vec<u8>>>,
        read_at_most: Option<usize>,
    }

    #[async_trait]
    impl Blobs for MemoryBlobs {
        async fn put(&self, name: &BlobName, mut body: ByteStream<'_>) -> BlobResult<()> {
            let mut all = Vec::new();
            let mut items = 0;
            while let Some(chunk) = body.next().await {
                all.extend_from_slice(&chunk?);
                items += 1;
                if self.read_at_most == Some(items) {
                    break;
                }
            }
            self.map.lock().unwrap().insert(name.clone(), all);
            Ok(())
        }
        async fn get(&self, name: &BlobName) -> BlobResult<ByteStream<'static>> {
            let bytes = self.map.lock().unwrap().get(name).cloned().ok_or(BlobError::NotFound)?;
            let chunks: Vec<BlobResult<Bytes>> = bytes.chunks(1000).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
            Ok(futures::stream::iter(chunks).boxed())
        }
        async fn exists(&self, name: &BlobName) -> BlobResult<bool> {
            Ok(self.map.lock().unwrap().contains_key(name))
        }
        async fn delete(&self, name: &BlobName) -> BlobResult<()> {
            self.map.lock().unwrap().remove(name);
            Ok(())
        }
        fn describe(&self) -> String {
            "memory".into()
        }
    }

    /// Gives `good` bytes, then fails.
    struct Failing {
        good: usize,
    }

    impl AsyncRead for Failing {
        fn poll_read(mut self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
            if self.good == 0 {
                return Poll::Ready(Err(io::Error::other("the upload was cut")));
            }
            let n = buf.len().min(self.good);
            buf[..n].fill(b'x');
            self.good -= n;
            Poll::Ready(Ok(n))
        }
    }

    fn sample(size: usize) -> Vec<u8> {
        (0..size).map(|i| (i % 253) as u8).collect()
    }

    #[tokio::test]
    async fn a_stored_file_opens_back_with_its_digest() {
        let (blobs, key) = (MemoryBlobs::default(), OrgSecretKey::generate());
        for size in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let data = sample(size);
            let stored = seal_and_store(&blobs, &key.public(), &data[..]).await.unwrap();
            assert_eq!(stored.size, size as u64);
            let mut back = Vec::new();
            let opened = open_blob(&blobs, &key, &stored.name, &mut back).await.unwrap();
            assert_eq!((opened.sha256, opened.size), (stored.sha256, stored.size));
            assert_eq!(back, data, "size {size}");
        }
    }

    #[tokio::test]
    async fn the_store_holds_an_age_file_under_a_random_name() {
        let (blobs, key) = (MemoryBlobs::default(), OrgSecretKey::generate());
        let data = b"photo of the threat message".repeat(100);
        let a = seal_and_store(&blobs, &key.public(), &data[..]).await.unwrap();
        let b = seal_and_store(&blobs, &key.public(), &data[..]).await.unwrap();
        assert_eq!(a.sha256, b.sha256);
        assert_ne!(a.name, b.name, "the same file twice gets two names");
        let map = blobs.map.lock().unwrap();
        let sealed = &map[&a.name];
        assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
        assert!(!sealed.windows(27).any(|w| w == &data[..27]));
        assert_ne!(sealed, &map[&b.name]);
        let hex: String = a.sha256.iter().map(|b| format!("{b:02x}")).collect();
        assert!(!format!("{a:?}").contains(&hex), "the hash stays out of logs");
    }

    #[tokio::test]
    async fn a_source_that_fails_stores_nothing() {
        let (blobs, key) = (MemoryBlobs::default(), OrgSecretKey::generate());
        let r = seal_and_store(&blobs, &key.public(), Failing { good: 2 * CHUNK + 3 }).await;
        assert!(matches!(r, Err(BlobError::Source(_))), "{r:?}");
        assert!(blobs.map.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_store_that_stops_reading_early_is_an_error_and_keeps_nothing() {
        let blobs = MemoryBlobs { read_at_most: Some(1), ..Default::default() };
        let key = OrgSecretKey::generate();
        let r = seal_and_store(&blobs, &key.public(), &sample(3 * CHUNK)[..]).await;
        assert!(matches!(r, Err(BlobError::Backend(_))), "{r:?}");
        assert!(blobs.map.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn opening_tells_a_missing_blob_from_a_wrong_key_from_a_damaged_one() {
        let (blobs, key) = (MemoryBlobs::default(), OrgSecretKey::generate());
        let missing = BlobName::from_random([9; 16]);
        assert!(matches!(open_blob(&blobs, &key, &missing, Vec::new()).await, Err(BlobError::NotFound)));

        let stored = seal_and_store(&blobs, &key.public(), &sample(2 * CHUNK)[..]).await.unwrap();
        let other = OrgSecretKey::generate();
        let r = open_blob(&blobs, &other, &stored.name, Vec::new()).await;
        assert!(matches!(r, Err(BlobError::Crypto(CryptoError::Open))), "{r:?}");

        blobs.map.lock().unwrap().get_mut(&stored.name).unwrap().truncate(CHUNK);
        let r = open_blob(&blobs, &key, &stored.name, Vec::new()).await;
        assert!(matches!(r, Err(BlobError::Crypto(CryptoError::Open))), "{r:?}");
    }

    #[tokio::test]
    async fn a_store_failing_mid_read_is_reported_as_the_stores_error() {
        struct Broken;
        #[async_trait]
        impl Blobs for Broken {
            async fn put(&self, _: &BlobName, _: ByteStream<'_>) -> BlobResult<()> {
                unreachable!()
            }
            async fn get(&self, _: &BlobName) -> BlobResult<ByteStream<'static>> {
                let first = vigie_crypto::seal(&OrgSecretKey::generate().public(), b"x").unwrap();
                let items =
                    vec![Ok(Bytes::from(first[..40].to_vec())), Err(BlobError::Backend("connection reset".into()))];
                Ok(futures::stream::iter(items).boxed())
            }
            async fn exists(&self, _: &BlobName) -> BlobResult<bool> {
                Ok(true)
            }
            async fn delete(&self, _: &BlobName) -> BlobResult<()> {
                Ok(())
            }
            fn describe(&self) -> String {
                "broken".into()
            }
        }
        let r = open_blob(&Broken, &OrgSecretKey::generate(), &BlobName::from_random([1; 16]), Vec::new()).await;
        assert!(matches!(&r, Err(BlobError::Backend(m)) if m == "connection reset"), "{r:?}");
    }
}
