//! A large file made on the fly, for the blob tests and the ingest benchmark: `size`
//! bytes that are never held in memory at once. A 64 KiB pseudo-random block is
//! repeated, each copy stamped with its index so that no two blocks are equal (a lost,
//! repeated or reordered block changes the hash).

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::io::AsyncRead;
use sha2::{Digest as _, Sha256};

pub const BLOCK: usize = 64 * 1024;

pub struct Generated {
    base: Vec<u8>,
    block: Vec<u8>,
    pos: u64,
    size: u64,
    /// Fails with an I/O error once `pos` reaches it.
    fail_at: Option<u64>,
    /// SHA-256 of what was given so far, when asked for.
    hasher: Option<Sha256>,
}

impl Generated {
    /// `size` bytes, hashed as they are given (see [`Generated::sha256`]).
    pub fn new(size: u64) -> Self {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let base = (0..BLOCK)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        Self { base, block: vec![0; BLOCK], pos: 0, size, fail_at: None, hasher: Some(Sha256::new()) }
    }

    /// Without hashing, for measuring what the code under test costs alone.
    #[allow(dead_code, reason = "used by the benchmark only")]
    pub fn unhashed(size: u64) -> Self {
        Self { hasher: None, ..Self::new(size) }
    }

    /// Gives `at` bytes of `size`, then fails.
    #[allow(dead_code, reason = "used by the tests only")]
    pub fn failing_at(size: u64, at: u64) -> Self {
        Self { fail_at: Some(at), ..Self::new(size) }
    }

    /// SHA-256 of everything given so far.
    #[allow(dead_code, reason = "used by the tests only")]
    pub fn sha256(&self) -> [u8; 32] {
        self.hasher.clone().expect("made by Generated::new").finalize().into()
    }
}

impl AsyncRead for Generated {
    fn poll_read(mut self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut [u8]) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        if this.fail_at == Some(this.pos) {
            return Poll::Ready(Err(std::io::Error::other("the connection dropped")));
        }
        let offset = (this.pos % BLOCK as u64) as usize;
        if offset == 0 {
            this.block.copy_from_slice(&this.base);
            this.block[..8].copy_from_slice(&(this.pos / BLOCK as u64).to_le_bytes());
        }
        let mut n = buf.len().min(BLOCK - offset).min((this.size - this.pos) as usize);
        if let Some(at) = this.fail_at {
            n = n.min((at - this.pos) as usize);
        }
        buf[..n].copy_from_slice(&this.block[offset..offset + n]);
        if let Some(hasher) = &mut this.hasher {
            hasher.update(&buf[..n]);
        }
        this.pos += n as u64;
        Poll::Ready(Ok(n))
    }
}
