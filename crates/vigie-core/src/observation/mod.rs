//! Observations: public posts seen online, imported in bulk to feed campaign detection.
//!
//! This module only parses: a JSON Lines line or a CSV file becomes validated
//! [`Observation`]s, and every refused row becomes a [`RowError`] that names its line and
//! says why in plain English. Reading files (and `.gz`) is the importer's job
//! (`vigie-ingest`), which uses [`parse_jsonl_raw`] and [`read_csv_raw`] to get the
//! [`RawObservation`] first when it has image files (`media_files`) to hash. The
//! format is described field by field in `docs/observations.md`.

mod csv;
mod jsonl;
mod record;
mod summary;

pub use self::csv::{CsvObservations, CsvRawObservations, read_csv, read_csv_raw};
pub use jsonl::{MAX_LINE_BYTES, parse_jsonl_bytes, parse_jsonl_line, parse_jsonl_raw};
pub use record::{Observation, RawObservation};
pub use summary::{ImportSummary, MAX_FIRST_ERRORS};

/// One refused row: where it is (1-based line number in the file) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct RowError {
    pub line: u64,
    pub reason: Reason,
}

/// Why a row was refused. [`Reason::kind`] gives the short name under which the
/// [`ImportSummary`] counts it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("not UTF-8 text")]
    NotUtf8,
    #[error("line too long ({bytes} bytes; at most {MAX_LINE_BYTES})")]
    LineTooLong { bytes: usize },
    #[error("blank line")]
    Blank,
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a JSON object")]
    NotAnObject,
    #[error("malformed CSV row: {0}")]
    MalformedCsv(String),
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    #[error("`{field}` should be {expected}")]
    WrongType { field: &'static str, expected: &'static str },
    #[error("bad time in `{field}`: {problem}")]
    BadTime { field: &'static str, problem: &'static str },
    #[error("invalid `{field}`: {problem}")]
    Invalid { field: &'static str, problem: String },
    #[error("could not read the file: {0}")]
    Io(String),
    /// A file named in `media_files` could not be read or hashed; the importer fills it.
    #[error("media file `{file}`: {problem}")]
    Media { file: String, problem: String },
}

impl Reason {
    /// A stable, short name for counting refusals by kind.
    pub fn kind(&self) -> String {
        match self {
            Self::NotUtf8 => "not UTF-8".into(),
            Self::LineTooLong { .. } => "line too long".into(),
            Self::Blank => "blank line".into(),
            Self::NotJson(_) => "not JSON".into(),
            Self::NotAnObject => "not a JSON object".into(),
            Self::MalformedCsv(_) => "malformed CSV row".into(),
            Self::MissingField(f) => format!("missing field `{f}`"),
            Self::WrongType { field, .. } => format!("wrong type in `{field}`"),
            Self::BadTime { field, .. } => format!("bad time in `{field}`"),
            Self::Invalid { field, .. } => format!("invalid `{field}`"),
            Self::Io(_) => "read error".into(),
            Self::Media { .. } => "unreadable media file".into(),
        }
    }
}
