//! Reading OONI measurements from files and folders, classifying them in parallel.
//!
//! A path is a file or a folder (read recursively, in path order). A file holds one JSON
//! document (pretty-printed or not) or one document per line (JSONL, as OONI's bulk
//! files); gzip is recognised by its magic bytes. Files are streamed line by line: memory
//! holds one batch of lines, never a whole file.

mod files;
mod summary;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::bufread::MultiGzDecoder;
use rayon::prelude::*;
use serde::de::IgnoredAny;
use vigie_core::watch::MeasurementFacts;
use vigie_core::watch::ooni::{Dropped, Fingerprints, Origin, classify};

use crate::observations::OpenError;
use crate::observations::Progress;
use crate::observations::lines::{Line, Lines};
use crate::observations::progress::Counting;

pub use files::is_measurement_file;
pub use summary::{IngestSummary, MAX_KEPT_ERRORS, ingest};

/// The largest document or line read (OONI measurements with bodies reach a few MiB).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

const BUFFER_BYTES: usize = 256 * 1024;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

type Source = Box<dyn BufRead + Send>;

/// One document read: its facts, or why there are none.
pub type OoniItem = Result<MeasurementFacts, OoniRowError>;

/// A document that gave no facts, with where it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}:{line}: {reason}", file.display())]
pub struct OoniRowError {
    pub file: PathBuf,
    /// 1-based; the first line of the document for a pretty-printed one.
    pub line: u64,
    pub reason: OoniRowReason,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OoniRowReason {
    #[error(transparent)]
    Dropped(#[from] Dropped),
    #[error("a line of {bytes} bytes, over the limit of {MAX_DOCUMENT_BYTES}")]
    TooLong { bytes: usize },
    /// The rest of the file is lost (a truncated gzip, a failing disk).
    #[error("cannot read further: {0}")]
    Read(String),
}

impl OoniRowReason {
    /// A short stable code for summaries.
    pub fn code(&self) -> &'static str {
        match self {
            OoniRowReason::Dropped(d) => d.reason(),
            OoniRowReason::TooLong { .. } => "too_long",
            OoniRowReason::Read(_) => "read_error",
        }
    }
}

/// A document's bytes before classification.
pub(crate) struct RawDoc {
    file: Arc<Path>,
    line: u64,
    bytes: Result<Vec<u8>, OoniRowReason>,
}

enum Mode {
    /// Not decided before the first non-blank line.
    Unknown,
    Jsonl,
}

struct OpenFile {
    path: Arc<Path>,
    lines: Lines<Source>,
    line_no: u64,
    mode: Mode,
    /// Documents already cut out (a pretty-printed file's lines).
    queued: VecDeque<RawDoc>,
    done: bool,
}

/// Streams the measurements of a file or a folder, classified in batches over all cores.
pub struct OoniReader {
    files: Vec<PathBuf>,
    next_file: usize,
    skipped: Vec<PathBuf>,
    current: Option<OpenFile>,
    origin: Origin,
    fps: &'static Fingerprints,
    progress: Progress,
    total_bytes: Option<u64>,
}

impl OoniReader {
    /// A file or a folder. Fails only if the path cannot be listed; a file that cannot
    /// be opened later is one [`OoniRowError`] and reading goes on with the next.
    pub fn open(path: impl AsRef<Path>, origin: Origin) -> Result<Self, OpenError> {
        let (files, skipped) = files::list(path.as_ref())?;
        let total = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
        Ok(Self {
            files,
            next_file: 0,
            skipped,
            current: None,
            origin,
            fps: Fingerprints::embedded(),
            progress: Progress::default(),
            total_bytes: Some(total),
        })
    }

    /// Measurements from any reader (an upload, bytes in memory), gzip or not; `name` is
    /// what errors report as the file.
    pub fn from_reader<R: Read + Send + 'static>(reader: R, name: impl Into<PathBuf>, origin: Origin) -> Self {
        let progress = Progress::default();
        let path: Arc<Path> = Arc::from(name.into().as_path());
        let source = BufReader::with_capacity(BUFFER_BYTES, Counting::new(reader, progress.clone()));
        let current = Some(OpenFile::new(path, source));
        Self {
            files: Vec::new(),
            next_file: 0,
            skipped: Vec::new(),
            current,
            origin,
            fps: Fingerprints::embedded(),
            progress,
            total_bytes: None,
        }
    }

    /// Matches against other fingerprints than OONI's as shipped.
    pub fn with_fingerprints(mut self, fps: &'static Fingerprints) -> Self {
        self.fps = fps;
        self
    }

    /// Files of the folder left out for their name (not `.json`, `.jsonl`, `.gz`).
    pub fn skipped_files(&self) -> &[PathBuf] {
        &self.skipped
    }

    /// The files that are read, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Input bytes consumed so far (compressed bytes for gzip), and a handle for another thread.
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    /// The size of every file to read; unknown for [`Self::from_reader`].
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    /// `(bytes read, total bytes)`; the total is unknown for [`Self::from_reader`].
    pub fn bytes(&self) -> (u64, Option<u64>) {
        (self.progress.bytes_read(), self.total_bytes)
    }

    /// Up to `max` documents, classified in parallel, in file order; `None` at the end.
    pub fn next_batch(&mut self, max: usize) -> Option<Vec<OoniItem>> {
        let raws = self.read_raw(max);
        if raws.is_empty() {
            return None;
        }
        Some(classify_raw(raws, self.fps, self.origin))
    }

    pub(crate) fn fingerprints(&self) -> &'static Fingerprints {
        self.fps
    }

    pub(crate) fn origin(&self) -> Origin {
        self.origin
    }

    /// Up to `max` documents as bytes (fewer only at the end of everything).
    pub(crate) fn read_raw(&mut self, max: usize) -> Vec<RawDoc> {
        let mut out = Vec::with_capacity(max.min(65_536));
        while out.len() < max.max(1) {
            if self.current.is_none() && !self.open_next(&mut out) {
                break;
            }
            let Some(file) = self.current.as_mut() else { continue };
            match file.next_doc() {
                Some(raw) => out.push(raw),
                None => self.current = None,
            }
        }
        out
    }

    /// Opens the next file; an open failure becomes a row error. `false` when none is left.
    fn open_next(&mut self, out: &mut Vec<RawDoc>) -> bool {
        let Some(path) = self.files.get(self.next_file) else {
            return false;
        };
        self.next_file += 1;
        let shared: Arc<Path> = Arc::from(path.as_path());
        match File::open(path) {
            Ok(file) => {
                let source = BufReader::with_capacity(BUFFER_BYTES, Counting::new(file, self.progress.clone()));
                self.current = Some(OpenFile::new(shared, source));
            }
            Err(e) => out.push(RawDoc { file: shared, line: 0, bytes: Err(OoniRowReason::Read(e.to_string())) }),
        }
        true
    }
}

/// Classifies documents in parallel, keeping their order.
pub(crate) fn classify_raw(raws: Vec<RawDoc>, fps: &Fingerprints, origin: Origin) -> Vec<OoniItem> {
    raws.into_par_iter()
        .with_min_len(64)
        .map(|raw| {
            let fail = |reason| OoniRowError { file: raw.file.to_path_buf(), line: raw.line, reason };
            match &raw.bytes {
                Ok(bytes) => classify(bytes, fps, origin).map_err(|d| fail(OoniRowReason::Dropped(d))),
                Err(reason) => Err(fail(reason.clone())),
            }
        })
        .collect()
}

impl OpenFile {
    fn new(path: Arc<Path>, mut raw: BufReader<Counting<impl Read + Send + 'static>>) -> Self {
        let gzip = raw.fill_buf().map(|start| start.starts_with(&GZIP_MAGIC));
        let mut queued = VecDeque::new();
        let mut done = false;
        let source: Source = match gzip {
            Ok(true) => Box::new(BufReader::with_capacity(BUFFER_BYTES, MultiGzDecoder::new(raw))),
            Ok(false) => Box::new(raw),
            Err(e) => {
                queued.push_back(RawDoc {
                    file: path.clone(),
                    line: 1,
                    bytes: Err(OoniRowReason::Read(e.to_string())),
                });
                done = true;
                Box::new(std::io::empty())
            }
        };
        Self {
            path,
            lines: Lines::with_limit(source, MAX_DOCUMENT_BYTES),
            line_no: 0,
            mode: Mode::Unknown,
            queued,
            done,
        }
    }

    fn doc(&self, line: u64, bytes: Result<Vec<u8>, OoniRowReason>) -> RawDoc {
        RawDoc { file: self.path.clone(), line, bytes }
    }

    /// The next document of the file, skipping blank lines; `None` at its end.
    fn next_doc(&mut self) -> Option<RawDoc> {
        loop {
            if let Some(raw) = self.queued.pop_front() {
                return Some(raw);
            }
            if self.done {
                return None;
            }
            let line = self.next_line()?;
            let (line_no, bytes) = match line {
                Err(reason) => return Some(self.doc(self.line_no, Err(reason))),
                Ok(l) => l,
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if matches!(self.mode, Mode::Unknown) {
                self.mode = Mode::Jsonl;
                if let Err(e) = serde_json::from_slice::<IgnoredAny>(&bytes)
                    && e.is_eof()
                {
                    self.read_document(line_no, bytes);
                    continue;
                }
            }
            return Some(self.doc(line_no, Ok(bytes)));
        }
    }

    /// The next line as `(number, bytes)`; a read error ends the file.
    fn next_line(&mut self) -> Option<Result<(u64, Vec<u8>), OoniRowReason>> {
        let line = self.lines.next_line();
        self.line_no += 1;
        match line {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(Line::Text(bytes))) => Some(Ok((self.line_no, bytes))),
            Ok(Some(Line::TooLong(bytes))) => Some(Err(OoniRowReason::TooLong { bytes })),
            Err(e) => {
                self.done = true;
                Some(Err(OoniRowReason::Read(e.to_string())))
            }
        }
    }

    /// The first line opened a document that goes on over more lines (a pretty-printed
    /// file): reads on, up to [`MAX_DOCUMENT_BYTES`]. If the whole is not one document
    /// after all (or grows past the limit), the lines read are queued as JSONL and the
    /// rest of the file is streamed as JSONL.
    fn read_document(&mut self, first_no: u64, first: Vec<u8>) {
        let mut size = first.len();
        let mut lines = vec![(first_no, first)];
        let mut failure = None;
        let mut complete = true;
        while let Some(line) = self.next_line() {
            match line {
                Ok((no, bytes)) => {
                    size += bytes.len() + 1;
                    lines.push((no, bytes));
                    if size > MAX_DOCUMENT_BYTES {
                        complete = false;
                        break;
                    }
                }
                Err(reason) => {
                    failure = Some((self.line_no, reason));
                    break;
                }
            }
        }
        if complete && failure.is_none() {
            let whole = lines.iter().map(|(_, l)| l.as_slice()).collect::<Vec<_>>().join(&b'\n');
            if serde_json::from_slice::<IgnoredAny>(&whole).is_ok() {
                self.queued.push_back(self.doc(first_no, Ok(whole)));
                return;
            }
        }
        for (no, bytes) in lines {
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                let doc = self.doc(no, Ok(bytes));
                self.queued.push_back(doc);
            }
        }
        if let Some((no, reason)) = failure {
            let doc = self.doc(no, Err(reason));
            self.queued.push_back(doc);
        }
    }
}
