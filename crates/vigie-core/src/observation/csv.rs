//! CSV with a header row naming the same fields as the JSONL format.
//!
//! List fields (`hashtags`, `mentions`, `links`, `media_phash`, `media_files`) take either a JSON array
//! (a cell starting with `[`, e.g. `["#vote","#dz"]`) or values separated by `|`
//! (`#vote|#dz`). `|` is what spreadsheet users type; the JSON form is there for values
//! that contain `|` themselves, such as some links. Column order does not matter, names
//! are matched without regard to case, and unknown columns are ignored.

use std::io::Read;

use csv::{ErrorKind, StringRecord};

use crate::csv_rows::{CsvRowFault, csv_row_fault};

use super::jsonl::MAX_LINE_BYTES;
use super::record::{Observation, RawObservation};
use super::{Reason, RowError};

/// Reads observations from CSV. Each row gives one item; a malformed row gives a
/// [`RowError`] with its line number and reading goes on with the next row. Only a
/// failure of the reader itself (or an unreadable header) ends the iteration.
pub fn read_csv<R: Read>(reader: R) -> CsvObservations<R> {
    CsvObservations(read_csv_raw(reader))
}

/// As [`read_csv`], but stops before the field rules: each row comes as its starting
/// line number and the [`RawObservation`] read, for a caller that has to fill something
/// in first (the importer hashes `media_files`). Length, UTF-8 and cell-count checks
/// are already done.
pub fn read_csv_raw<R: Read>(reader: R) -> CsvRawObservations<R> {
    let reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(reader);
    CsvRawObservations { reader, columns: None, done: false, record: StringRecord::new() }
}

/// The iterator returned by [`read_csv`].
pub struct CsvObservations<R>(CsvRawObservations<R>);

impl<R: Read> Iterator for CsvObservations<R> {
    type Item = Result<Observation, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = self.0.next()?;
        Some(row.and_then(|(line, raw)| Observation::parse(raw).map_err(|reason| RowError { line, reason })))
    }
}

/// The iterator returned by [`read_csv_raw`].
pub struct CsvRawObservations<R> {
    reader: csv::Reader<R>,
    columns: Option<Columns>,
    done: bool,
    record: StringRecord,
}

const FIELDS: [&str; 15] = [
    "platform",
    "post_id",
    "url",
    "author",
    "author_id",
    "author_created_at",
    "created_at",
    "text",
    "lang",
    "hashtags",
    "mentions",
    "links",
    "media_phash",
    "collected_by",
    "media_files",
];

/// Where each known field sits in the header, in the order of [`FIELDS`].
struct Columns([Option<usize>; FIELDS.len()]);

impl Columns {
    fn from_header(header: &StringRecord) -> Self {
        let mut at = [None; FIELDS.len()];
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().to_ascii_lowercase();
            if let Some(k) = FIELDS.iter().position(|f| *f == name) {
                at[k].get_or_insert(i);
            }
        }
        Self(at)
    }

    fn cell(&self, record: &StringRecord, field: &str) -> Option<String> {
        let k = FIELDS.iter().position(|f| *f == field)?;
        self.0[k].and_then(|i| record.get(i)).map(str::to_owned)
    }

    fn list(&self, record: &StringRecord, field: &'static str) -> Result<Vec<String>, Reason> {
        let Some(cell) = self.cell(record, field) else { return Ok(Vec::new()) };
        let cell = cell.trim();
        if cell.starts_with('[') {
            serde_json::from_str(cell).map_err(|_| Reason::WrongType {
                field,
                expected: "a JSON array of strings or values separated by `|`",
            })
        } else {
            Ok(cell.split('|').map(str::to_owned).collect())
        }
    }

    fn raw(&self, record: &StringRecord) -> Result<RawObservation, Reason> {
        Ok(RawObservation {
            platform: self.cell(record, "platform"),
            post_id: self.cell(record, "post_id"),
            url: self.cell(record, "url"),
            author: self.cell(record, "author"),
            author_id: self.cell(record, "author_id"),
            author_created_at: self.cell(record, "author_created_at"),
            created_at: self.cell(record, "created_at"),
            text: self.cell(record, "text"),
            lang: self.cell(record, "lang"),
            hashtags: self.list(record, "hashtags")?,
            mentions: self.list(record, "mentions")?,
            links: self.list(record, "links")?,
            media_phash: self.list(record, "media_phash")?,
            collected_by: self.cell(record, "collected_by"),
            media_files: self.list(record, "media_files")?,
        })
    }
}

impl<R: Read> Iterator for CsvRawObservations<R> {
    type Item = Result<(u64, RawObservation), RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            match self.reader.headers() {
                Ok(header) => self.columns = Some(Columns::from_header(header)),
                Err(e) => {
                    self.done = true;
                    let reason = match e.kind() {
                        ErrorKind::Utf8 { .. } => Reason::NotUtf8,
                        _ => Reason::Io(e.to_string()),
                    };
                    return Some(Err(RowError { line: 1, reason }));
                }
            }
        }
        let fallback = self.reader.position().line();
        match self.reader.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let line = self.record.position().map_or(fallback, csv::Position::line);
                let bytes = self.record.as_byte_record().as_slice().len();
                let columns = self.columns.as_ref()?;
                let result = if bytes > MAX_LINE_BYTES {
                    Err(Reason::LineTooLong { bytes })
                } else {
                    columns.raw(&self.record).map(|raw| (line, raw))
                };
                Some(result.map_err(|reason| RowError { line, reason }))
            }
            Err(e) => {
                let (line, fault) = csv_row_fault(&e, fallback);
                let reason = match fault {
                    CsvRowFault::NotUtf8 => Reason::NotUtf8,
                    CsvRowFault::Malformed(what) => Reason::MalformedCsv(what),
                    CsvRowFault::Io(what) => {
                        self.done = true;
                        Reason::Io(what)
                    }
                };
                Some(Err(RowError { line, reason }))
            }
        }
    }
}

#[cfg(test)]
mod tests;
