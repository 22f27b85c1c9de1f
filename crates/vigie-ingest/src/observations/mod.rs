//! Reading observation files: gzip, format detection, streaming, progress.

pub(crate) mod lines;
mod media;
pub(crate) mod progress;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;
use vigie_core::observation::{
    CsvRawObservations, Observation, RawObservation, Reason, RowError, parse_jsonl_raw, read_csv_raw,
};

use lines::{Line, Lines};
use media::Media;
pub use media::{MAX_MEDIA_BYTES, MAX_MEDIA_FILES};
pub use progress::Progress;

const BUFFER_BYTES: usize = 64 * 1024;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

type Source = Box<dyn BufRead + Send>;

/// The two import formats of `docs/observations.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

impl Format {
    /// The format a file name announces: `.jsonl`, `.ndjson`, `.json` or `.csv`, each
    /// optionally followed by `.gz` (any case). `None` for anything else.
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        match Path::new(name).extension()?.to_str()? {
            "jsonl" | "ndjson" | "json" => Some(Self::Jsonl),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// Guesses from the first bytes: a JSON object starts with `{` (after an optional
    /// byte order mark and blanks); anything else is taken for a CSV header. An input
    /// that is all blank is read as JSONL, which yields nothing for it.
    fn sniff(start: &[u8]) -> Self {
        let start = start.strip_prefix("\u{feff}".as_bytes()).unwrap_or(start);
        match start.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | None => Self::Jsonl,
            Some(_) => Self::Csv,
        }
    }
}

/// Why a file could not be opened for import at all (row problems are [`RowError`]s).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open {}: {source}", path.display())]
    Open { path: PathBuf, source: io::Error },
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
}

enum Rows {
    Jsonl { lines: Lines<Source>, line_no: u64 },
    Csv(Box<CsvRawObservations<Source>>),
}

/// Streams observations out of one file: each row becomes an [`Observation`] or a
/// [`RowError`] naming its line, in file order, and reading goes on after a bad row.
/// Only a read error (a truncated `.gz`, a failing disk) ends the iteration early, as
/// one `Reason::Io` row error; everything read before it is kept.
///
/// Memory stays bounded whatever the file: JSONL is read line by line and a line over
/// [`vigie_core::observation::MAX_LINE_BYTES`] is measured and skipped, never buffered.
/// Blank JSONL lines are skipped silently and counted in [`Self::blank_lines`], so that
/// an editor's trailing empty line does not show up as a refusal.
pub struct ObservationReader {
    rows: Rows,
    format: Format,
    gzip: bool,
    progress: Progress,
    total_bytes: Option<u64>,
    media: Media,
    blank_lines: u64,
    pending: Option<RowError>,
    done: bool,
}

impl ObservationReader {
    /// Opens a file. Gzip is recognised by its magic bytes (whatever the name), the
    /// format by the extension ([`Format::from_path`]) or else by the first non-blank
    /// byte. `media_files` are looked up in the file's folder.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, OpenError> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|source| OpenError::Open { path: path.to_owned(), source })?;
        let total = file.metadata().map_err(|source| OpenError::Read { path: path.to_owned(), source })?.len();
        let progress = Progress::default();
        let mut raw = BufReader::with_capacity(BUFFER_BYTES, progress::Counting::new(file, progress.clone()));
        let start = raw.fill_buf().map_err(|source| OpenError::Read { path: path.to_owned(), source })?;
        let gzip = start.starts_with(&GZIP_MAGIC);
        let source: Source = if gzip {
            Box::new(BufReader::with_capacity(BUFFER_BYTES, MultiGzDecoder::new(raw)))
        } else {
            Box::new(raw)
        };
        let dir = path.parent().map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d });
        let mut reader = Self::build(source, Format::from_path(path), gzip, progress, Some(total));
        reader.media.dir = dir.map(Path::to_owned);
        Ok(reader)
    }

    /// Reads uncompressed observations of a known format from any reader (a pipe, an
    /// upload, bytes in memory). [`Self::total_bytes`] is unknown and `media_files` are
    /// refused unless [`Self::with_media_dir`] says where to find them.
    pub fn from_reader<R: Read + Send + 'static>(reader: R, format: Format) -> Self {
        let progress = Progress::default();
        let source = BufReader::with_capacity(BUFFER_BYTES, progress::Counting::new(reader, progress.clone()));
        Self::build(Box::new(source), Some(format), false, progress, None)
    }

    /// The folder that `media_files` paths are relative to.
    pub fn with_media_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.media.dir = Some(dir.into());
        self
    }

    fn build(mut source: Source, format: Option<Format>, gzip: bool, progress: Progress, total: Option<u64>) -> Self {
        let mut pending = None;
        let format = format.unwrap_or_else(|| match source.fill_buf() {
            Ok(start) => Format::sniff(start),
            Err(e) => {
                pending = Some(RowError { line: 1, reason: Reason::Io(e.to_string()) });
                Format::Jsonl
            }
        });
        let rows = match format {
            Format::Jsonl => Rows::Jsonl { lines: Lines::new(source), line_no: 0 },
            Format::Csv => Rows::Csv(Box::new(read_csv_raw(source))),
        };
        Self {
            rows,
            format,
            gzip,
            progress,
            total_bytes: total,
            media: Media::default(),
            blank_lines: 0,
            pending,
            done: false,
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Whether the input was gzip-compressed.
    pub fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// Input bytes consumed so far (compressed ones for a `.gz`): compare with
    /// [`Self::total_bytes`] for a progress bar. Reaches the file size at the end.
    pub fn bytes_read(&self) -> u64 {
        self.progress.bytes_read()
    }

    /// A handle on the same count, for another thread.
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    /// The file's size on disk; `None` for [`Self::from_reader`].
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    /// Blank JSONL lines skipped so far (not refusals, not observations).
    pub fn blank_lines(&self) -> u64 {
        self.blank_lines
    }

    /// Images named in `media_files` that were too flat to hash usefully, and so were
    /// left out of `media_phash` without refusing their row.
    pub fn low_quality_media(&self) -> u64 {
        self.media.low_quality
    }

    /// The next row as read, before the field rules; `None` at the end.
    fn next_raw(&mut self) -> Option<Result<(u64, RawObservation), RowError>> {
        match &mut self.rows {
            Rows::Csv(rows) => {
                let row = rows.next();
                if let Some(Err(RowError { reason: Reason::Io(_), .. })) = &row {
                    self.done = true;
                }
                row
            }
            Rows::Jsonl { lines, line_no } => loop {
                let line = lines.next_line();
                *line_no += 1;
                let row = match line {
                    Ok(None) => return None,
                    Ok(Some(Line::TooLong(bytes))) => Err(Reason::LineTooLong { bytes }),
                    Ok(Some(Line::Text(text))) => match parse_jsonl_raw(&text, *line_no) {
                        Err(RowError { reason: Reason::Blank, .. }) => {
                            self.blank_lines += 1;
                            continue;
                        }
                        other => return Some(other.map(|raw| (*line_no, raw))),
                    },
                    Err(e) => {
                        self.done = true;
                        Err(Reason::Io(e.to_string()))
                    }
                };
                return Some(row.map_err(|reason| RowError { line: *line_no, reason }).map(|raw| (*line_no, raw)));
            },
        }
    }
}

impl Iterator for ObservationReader {
    type Item = Result<Observation, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.take() {
            self.done = true;
            return Some(Err(e));
        }
        if self.done {
            return None;
        }
        let row = self.next_raw()?;
        Some(row.and_then(|(line, mut raw)| {
            self.media
                .resolve(&mut raw)
                .and_then(|()| Observation::parse(raw))
                .map_err(|reason| RowError { line, reason })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_extension_then_the_content() {
        let of = |name: &str| Format::from_path(Path::new(name));
        assert_eq!(of("posts.jsonl"), Some(Format::Jsonl));
        assert_eq!(of("dir/posts.NDJSON.gz"), Some(Format::Jsonl));
        assert_eq!(of("posts.json"), Some(Format::Jsonl));
        assert_eq!(of("posts.csv.gz"), Some(Format::Csv));
        assert_eq!(of("posts.txt"), None);
        assert_eq!(of("posts.gz"), None);
        assert_eq!(Format::sniff(b"\xef\xbb\xbf \n{\"a\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"platform,post_id"), Format::Csv);
        assert_eq!(Format::sniff(b"  \n"), Format::Jsonl);
    }
}
