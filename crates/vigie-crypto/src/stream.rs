//! Sealing and opening files of any size (a 2 GB video) in fixed memory: the plaintext
//! goes through in 64 KiB pieces, is hashed (SHA-256) on the way, and comes out as a
//! standard `age` file sealed to the organization, so `age -d` still opens it.
//!
//! Three shapes, for three kinds of callers:
//! - [`seal_stream`] and [`open_stream`]: blocking `Read` → `Write`, for the CLI and
//!   blocking threads.
//! - [`Sealer`]: push-style, the caller hands plaintext pieces and gets ciphertext
//!   pieces back. An async task can seal a piece between two awaits without blocking
//!   its runtime thread for more than one piece's worth of work.
//! - [`open_async`]: `AsyncBufRead` → `AsyncWrite` (futures-io), decrypting one `age`
//!   chunk per poll, for the same reason.
//!
//! The SHA-256 computed here is of the *plaintext*: it is what proves later that a piece
//! of evidence is unchanged, and it is also what lets someone holding a known file test
//! whether it is stored. Callers keep it sealed, never in a clear column or a blob name.
//!
//! Opening writes plaintext as it authenticates each chunk: when it returns an error,
//! what was already written must be discarded (the file was damaged or truncated).

use std::io::{self, BufReader, Read, Write};
use std::iter;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};

use age::stream::StreamWriter;
use futures::io::{AsyncBufRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use crate::{CryptoError, OrgPublicKey, OrgSecretKey};

/// The piece size: `age` encrypts in 64 KiB chunks, so reading as much at a time keeps
/// one chunk in flight and memory fixed whatever the file's size.
pub const CHUNK: usize = 64 * 1024;

/// What a plaintext was, measured while it streamed through: its SHA-256 and length.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Digest {
    pub sha256: [u8; 32],
    pub size: u64,
}

impl Digest {
    /// The SHA-256 as 64 lowercase hexadecimal digits.
    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for Digest {
    // The hash identifies the content to anyone holding a copy: keep it out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Digest {{ sha256: …, size: {} }}", self.size)
    }
}

/// Why a stream could not be sealed or opened: the input, the output, or the sealed
/// data itself (wrong key, damaged or truncated).
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error("reading the input failed: {0}")]
    Read(#[source] io::Error),
    #[error("writing the output failed: {0}")]
    Write(#[source] io::Error),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

/// Running SHA-256 and byte count of a plaintext.
#[derive(Default)]
struct Measure {
    hasher: Sha256,
    size: u64,
}

impl Measure {
    fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.size += bytes.len() as u64;
    }

    fn finish(self) -> Digest {
        Digest { sha256: self.hasher.finalize().into(), size: self.size }
    }
}

/// Files up to this size are sealed and hashed inline; larger ones on two threads of
/// their own (see [`Engine`]).
const INLINE_UP_TO: u64 = 1024 * 1024;
/// Chunks queued for each worker thread at most: memory stays bounded whatever the size.
const QUEUE: usize = 16;

type Piece = Arc<Vec<u8>>;

/// How a [`Sealer`] does its work. Small files are encrypted and hashed inline. Past
/// [`INLINE_UP_TO`] bytes, encryption and hashing move to a thread each, fed through
/// bounded queues: the caller's thread then only reads the source and hands on the
/// ciphertext (to the blob store), so on two cores reading, encrypting, hashing and
/// storing overlap instead of adding up. The encryption thread appends to the same
/// [`Outbox`], in order, so the caller takes ciphertext as it comes.
enum Engine {
    Inline {
        writer: Box<StreamWriter<Outbox>>,
        measure: Measure,
    },
    Threads {
        encrypt: std::sync::mpsc::SyncSender<Piece>,
        encryptor: std::thread::JoinHandle<Result<(), CryptoError>>,
        hash: std::sync::mpsc::SyncSender<Piece>,
        hasher: std::thread::JoinHandle<Digest>,
    },
    Failed,
}

impl Engine {
    fn update(&mut self, plaintext: &[u8]) -> Result<(), CryptoError> {
        match self {
            Self::Inline { writer, measure } => {
                measure.update(plaintext);
                writer.write_all(plaintext).map_err(|_| CryptoError::Seal)?;
                if measure.size > INLINE_UP_TO {
                    self.go_parallel()?;
                }
                Ok(())
            }
            Self::Threads { encrypt, hash, .. } => {
                let piece: Piece = Arc::new(plaintext.to_vec());
                hash.send(piece.clone()).map_err(|_| CryptoError::Seal)?;
                encrypt.send(piece).map_err(|_| CryptoError::Seal)
            }
            Self::Failed => Err(CryptoError::Seal),
        }
    }

    /// Moves the writer and the hasher, as they are, to their threads.
    fn go_parallel(&mut self) -> Result<(), CryptoError> {
        let Self::Inline { writer, measure } = std::mem::replace(self, Self::Failed) else {
            return Err(CryptoError::Seal);
        };
        let (encrypt, pieces) = std::sync::mpsc::sync_channel::<Piece>(QUEUE);
        let encryptor = std::thread::Builder::new()
            .name("vigie-seal".into())
            .spawn(move || {
                let mut writer = writer;
                for piece in pieces {
                    writer.write_all(&piece).map_err(|_| CryptoError::Seal)?;
                }
                writer.finish().map(drop).map_err(|_| CryptoError::Seal)
            })
            .map_err(|_| CryptoError::Seal)?;
        let (hash, pieces) = std::sync::mpsc::sync_channel::<Piece>(QUEUE);
        let hasher = std::thread::Builder::new()
            .name("vigie-sha256".into())
            .spawn(move || {
                let mut measure = measure;
                for piece in pieces {
                    measure.update(&piece);
                }
                measure.finish()
            })
            .map_err(|_| CryptoError::Seal)?;
        *self = Self::Threads { encrypt, encryptor, hash, hasher };
        Ok(())
    }

    /// Seals the last chunk (into the outbox) and returns what the plaintext was.
    fn finish(self) -> Result<Digest, CryptoError> {
        match self {
            Self::Inline { writer, measure } => {
                writer.finish().map_err(|_| CryptoError::Seal)?;
                Ok(measure.finish())
            }
            Self::Threads { encrypt, encryptor, hash, hasher } => {
                drop((encrypt, hash));
                encryptor.join().map_err(|_| CryptoError::Seal)??;
                hasher.join().map_err(|_| CryptoError::Seal)
            }
            Self::Failed => Err(CryptoError::Seal),
        }
    }
}

/// Where `age`'s writer puts ciphertext until [`Sealer`] hands it back. `age` owns its
/// writer and offers no way back to it, so the sealer keeps a second handle on the same
/// buffer; the lock is never contended (one owner, one thread at a time).
#[derive(Clone, Default)]
struct Outbox(Arc<Mutex<Vec<u8>>>);

impl Outbox {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for Outbox {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Push-style sealing: plaintext pieces in, ciphertext pieces out, hashed on the way.
/// Holds at most one 64 KiB chunk for a small file; for a large one, at most [`QUEUE`]
/// pieces per worker thread and the ciphertext not yet taken (about 2 MiB), and an
/// `update` waits when the workers are that far behind.
pub struct Sealer {
    engine: Engine,
    outbox: Outbox,
}

impl Sealer {
    /// Starts an `age` file sealed to `to`; its header comes out of the first
    /// [`update`](Self::update) (or of [`finish`](Self::finish)).
    pub fn new(to: &OrgPublicKey) -> Result<Self, CryptoError> {
        // The seal module keeps its key types opaque; going through the public text
        // form costs microseconds once per file and keeps that module unchanged.
        let recipient =
            age::x25519::Recipient::from_str(&to.to_string()).map_err(|_| CryptoError::MalformedKey("recipient"))?;
        let encryptor = age::Encryptor::with_recipients(iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| CryptoError::Seal)?;
        let outbox = Outbox::default();
        let writer = encryptor.wrap_output(outbox.clone()).map_err(|_| CryptoError::Seal)?;
        Ok(Self { engine: Engine::Inline { writer: Box::new(writer), measure: Measure::default() }, outbox })
    }

    /// Seals `plaintext` and returns the ciphertext ready so far: empty until a whole
    /// 64 KiB chunk is gathered, because `age` only encrypts whole chunks (the last one
    /// at [`finish`](Self::finish)).
    pub fn update(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.engine.update(plaintext)?;
        Ok(self.outbox.take())
    }

    /// Seals the last chunk; returns the rest of the ciphertext and what the plaintext was.
    pub fn finish(self) -> Result<(Vec<u8>, Digest), CryptoError> {
        let digest = self.engine.finish()?;
        Ok((self.outbox.take(), digest))
    }
}

/// Seals everything `source` gives to `to`, writing the `age` file to `sink`.
pub fn seal_stream<R: Read, W: Write>(mut source: R, mut sink: W, to: &OrgPublicKey) -> Result<Digest, StreamError> {
    let mut sealer = Sealer::new(to)?;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(StreamError::Read(e)),
        };
        sink.write_all(&sealer.update(&buf[..n])?).map_err(StreamError::Write)?;
    }
    let (tail, digest) = sealer.finish()?;
    sink.write_all(&tail).and_then(|()| sink.flush()).map_err(StreamError::Write)?;
    Ok(digest)
}

/// Opens the `age` file `source` with `with`, writing the plaintext to `sink`.
pub fn open_stream<R: Read, W: Write>(source: R, mut sink: W, with: &OrgSecretKey) -> Result<Digest, StreamError> {
    let identity = identity(with)?;
    let decryptor = age::Decryptor::new_buffered(BufReader::with_capacity(CHUNK, source)).map_err(header_error)?;
    let mut plaintext =
        decryptor.decrypt(iter::once(&identity as &dyn age::Identity)).map_err(|_| CryptoError::Open)?;
    let mut buf = Zeroizing::new(vec![0u8; CHUNK]);
    let mut measure = Measure::default();
    loop {
        let n = match plaintext.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(payload_error(e)),
        };
        measure.update(&buf[..n]);
        sink.write_all(&buf[..n]).map_err(StreamError::Write)?;
    }
    sink.flush().map_err(StreamError::Write)?;
    Ok(measure.finish())
}

/// [`open_stream`] for async callers (futures-io traits): each poll decrypts at most one
/// 64 KiB chunk, so a long file never holds a runtime thread for long.
pub async fn open_async<R, W>(source: R, mut sink: W, with: &OrgSecretKey) -> Result<Digest, StreamError>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let identity = identity(with)?;
    let decryptor = age::Decryptor::new_async_buffered(source).await.map_err(header_error)?;
    let mut plaintext =
        decryptor.decrypt_async(iter::once(&identity as &dyn age::Identity)).map_err(|_| CryptoError::Open)?;
    let mut buf = Zeroizing::new(vec![0u8; CHUNK]);
    let mut measure = Measure::default();
    loop {
        let n = match plaintext.read(&mut buf).await {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(payload_error(e)),
        };
        measure.update(&buf[..n]);
        sink.write_all(&buf[..n]).await.map_err(StreamError::Write)?;
    }
    sink.flush().await.map_err(StreamError::Write)?;
    Ok(measure.finish())
}

fn identity(with: &OrgSecretKey) -> Result<age::x25519::Identity, CryptoError> {
    let text = with.to_secret_bytes();
    let text = std::str::from_utf8(&text).map_err(|_| CryptoError::MalformedKey("secret key is not text"))?;
    age::x25519::Identity::from_str(text).map_err(|_| CryptoError::MalformedKey("not an age X25519 identity"))
}

/// A failure while reading the header: the input's own I/O error, or not a sealed file.
fn header_error(e: age::DecryptError) -> StreamError {
    match e {
        age::DecryptError::Io(e) => payload_error(e),
        _ => StreamError::Crypto(CryptoError::Open),
    }
}

/// `age` reports a chunk that fails authentication as `InvalidData` and a file cut short
/// as `UnexpectedEof`: both mean damaged data. Any other kind is the input's own error.
fn payload_error(e: io::Error) -> StreamError {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => StreamError::Crypto(CryptoError::Open),
        _ => StreamError::Read(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sealed(to: &OrgPublicKey, data: &[u8]) -> (Vec<u8>, Digest) {
        let mut out = Vec::new();
        let digest = seal_stream(data, &mut out, to).unwrap();
        (out, digest)
    }

    #[test]
    fn the_digest_is_the_plaintexts_sha256_and_length() {
        let k = OrgSecretKey::generate();
        let data = vec![7u8; CHUNK + 1];
        let (out, digest) = sealed(&k.public(), &data);
        assert_eq!(digest.sha256, <[u8; 32]>::from(Sha256::digest(&data)));
        assert_eq!(digest.size, data.len() as u64);
        assert_eq!(digest.sha256_hex().len(), 64);
        assert!(!format!("{digest:?}").contains(&digest.sha256_hex()[..8]));
        let mut back = Vec::new();
        assert_eq!(open_stream(&out[..], &mut back, &k).unwrap(), digest);
    }

    #[test]
    fn a_stream_sealed_in_pieces_is_an_age_file_the_one_shot_open_reads() {
        let k = OrgSecretKey::generate();
        let data: Vec<u8> = (0..3 * CHUNK + 5).map(|i| (i % 251) as u8).collect();
        let mut sealer = Sealer::new(&k.public()).unwrap();
        let mut out = Vec::new();
        for piece in data.chunks(1000) {
            out.extend(sealer.update(piece).unwrap());
        }
        let (tail, digest) = sealer.finish().unwrap();
        out.extend(tail);
        assert!(out.starts_with(b"age-encryption.org/v1\n"));
        assert_eq!(digest.size, data.len() as u64);
        assert_eq!(&*crate::open(&k, &out).unwrap(), &data[..]);
    }

    #[test]
    fn large_files_sealed_on_worker_threads_give_the_same_file_and_digest() {
        let k = OrgSecretKey::generate();
        // Past the inline limit, at an odd size, fed in uneven pieces.
        let data: Vec<u8> = (0..INLINE_UP_TO as usize * 3 + 12_345).map(|i| (i * 7 % 253) as u8).collect();
        let mut sealer = Sealer::new(&k.public()).unwrap();
        let mut out = Vec::new();
        for piece in data.chunks(CHUNK - 17) {
            out.extend(sealer.update(piece).unwrap());
        }
        let (tail, digest) = sealer.finish().unwrap();
        out.extend(tail);
        assert_eq!(sealer_kind_after(&data), "threads");
        assert_eq!(digest.sha256, <[u8; 32]>::from(Sha256::digest(&data)));
        assert_eq!(digest.size, data.len() as u64);
        let mut back = Vec::new();
        assert_eq!(open_stream(&out[..], &mut back, &k).unwrap(), digest);
        assert_eq!(back, data);
    }

    /// Which way a sealer works once it has seen `data`.
    fn sealer_kind_after(data: &[u8]) -> &'static str {
        let mut sealer = Sealer::new(&OrgSecretKey::generate().public()).unwrap();
        sealer.update(data).unwrap();
        match sealer.engine {
            Engine::Inline { .. } => "inline",
            Engine::Threads { .. } => "threads",
            Engine::Failed => "failed",
        }
    }

    #[test]
    fn small_files_are_sealed_inline() {
        assert_eq!(sealer_kind_after(&[1u8; 1000]), "inline");
    }

    #[test]
    fn the_wrong_key_opens_nothing() {
        let (a, b) = (OrgSecretKey::generate(), OrgSecretKey::generate());
        let (out, _) = sealed(&a.public(), b"screenshot");
        let mut back = Vec::new();
        assert!(matches!(open_stream(&out[..], &mut back, &b), Err(StreamError::Crypto(CryptoError::Open))));
        assert!(back.is_empty());
    }

    #[test]
    fn a_truncated_or_altered_file_is_refused() {
        let k = OrgSecretKey::generate();
        let (out, _) = sealed(&k.public(), &vec![1u8; 2 * CHUNK + 10]);
        let header = out.len() - (2 * CHUNK + 10 + 3 * 16);
        for cut in [out.len() - 1, header + CHUNK + 16, header + 1, 10] {
            let r = open_stream(&out[..cut], io::sink(), &k);
            assert!(matches!(r, Err(StreamError::Crypto(CryptoError::Open))), "cut at {cut}: {r:?}");
        }
        let mut altered = out.clone();
        altered[header + CHUNK] ^= 1;
        assert!(matches!(open_stream(&altered[..], io::sink(), &k), Err(StreamError::Crypto(CryptoError::Open))));
        assert!(matches!(open_stream(&b"not age"[..], io::sink(), &k), Err(StreamError::Crypto(CryptoError::Open))));
    }

    #[test]
    fn input_and_output_failures_are_told_apart() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk gone"))
            }
        }
        impl Write for Failing {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let k = OrgSecretKey::generate();
        assert!(matches!(seal_stream(Failing, Vec::new(), &k.public()), Err(StreamError::Read(_))));
        assert!(matches!(seal_stream(&b"x"[..], Failing, &k.public()), Err(StreamError::Write(_))));
        let (out, _) = sealed(&k.public(), b"x");
        assert!(matches!(open_stream(&out[..], Failing, &k), Err(StreamError::Write(_))));
        assert!(matches!(open_stream(Failing, Vec::new(), &k), Err(StreamError::Read(_))));
    }

    fn sizes() -> impl Strategy<Value = usize> {
        prop_oneof![Just(0), Just(1), Just(CHUNK - 1), Just(CHUNK), Just(CHUNK + 1), Just(2 * CHUNK), 0..3 * CHUNK,]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn sealing_then_opening_gives_back_the_plaintext_and_its_digest(size in sizes(), seed in any::<u8>()) {
            let k = OrgSecretKey::generate();
            let data: Vec<u8> = (0..size).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect();
            let (out, digest) = sealed(&k.public(), &data);
            prop_assert!(out.starts_with(b"age-encryption.org/v1\n"));
            prop_assert_eq!(digest.size, size as u64);
            prop_assert_eq!(digest.sha256, <[u8; 32]>::from(Sha256::digest(&data)));

            let mut back = Vec::new();
            prop_assert_eq!(open_stream(&out[..], &mut back, &k).unwrap(), digest);
            prop_assert_eq!(&back, &data);

            let mut back_async = Vec::new();
            let opened = futures::executor::block_on(open_async(&out[..], &mut back_async, &k)).unwrap();
            prop_assert_eq!(opened, digest);
            prop_assert_eq!(back_async, data);
        }
    }
}
