//! How far into the input file the import is, for a progress bar.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A shared count of the input bytes consumed so far: compressed bytes for a `.gz` file,
/// since those are what the file's size counts. Cheap to clone and to read from another
/// thread (the one drawing the progress bar).
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    pub fn bytes_read(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Counts what passes through it into a [`Progress`].
pub(crate) struct Counting<R> {
    inner: R,
    progress: Progress,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R, progress: Progress) -> Self {
        Self { inner, progress }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
