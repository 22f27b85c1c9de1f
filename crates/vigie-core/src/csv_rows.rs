//! What a row error of the `csv` crate means for a reader that reports bad rows by line
//! and goes on: shared by the observation and signal CSV readers.

use csv::ErrorKind;

/// A row that could not be read as a CSV record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CsvRowFault {
    NotUtf8,
    /// Wrong number of cells, or broken quoting.
    Malformed(String),
    /// The file itself failed: nothing more can be read.
    Io(String),
}

/// The line of the bad row (the reader's position when the error has none) and what went
/// wrong with it.
pub(crate) fn csv_row_fault(e: &csv::Error, fallback_line: u64) -> (u64, CsvRowFault) {
    let line = match e.kind() {
        ErrorKind::Utf8 { pos: Some(pos), .. } | ErrorKind::UnequalLengths { pos: Some(pos), .. } => pos.line(),
        _ => fallback_line,
    };
    let fault = match e.kind() {
        ErrorKind::Utf8 { .. } => CsvRowFault::NotUtf8,
        ErrorKind::UnequalLengths { expected_len, len, .. } => {
            CsvRowFault::Malformed(format!("{len} cells where the header has {expected_len}"))
        }
        ErrorKind::Io(_) => CsvRowFault::Io(e.to_string()),
        _ => CsvRowFault::Malformed(e.to_string()),
    };
    (line, fault)
}
