//! Access Now's #KeepItOn STOP dataset as CSV: import into disruption records, export
//! from them.
//!
//! Import loses nothing: every readable row becomes a record, dirty cells kept as
//! written and reported as [`RowIssue`]s (from [`Disruption::validate`]); a row that cannot
//! be read at all (wrong number of cells, bytes that are not UTF-8) is an
//! [`UnreadableRow`] with its line. Export writes STOP's 47 columns in STOP's order, with
//! STOP's words, CRLF line ends and quotes only where needed, as STOP's own files are:
//! an imported file comes back byte for byte.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use vigie_core::watch::disruption::{Disruption, Origin, Problem, STOP_COLUMNS, STOP_WIDTH, column_index};

/// Why a STOP file cannot be read or written at all.
#[derive(Debug, thiserror::Error)]
pub enum StopCsvError {
    #[error("the file is empty: a STOP file starts with its header")]
    Empty,
    #[error("the header is not STOP's: {}", header_problems(missing, unexpected))]
    Header { missing: Vec<String>, unexpected: Vec<String> },
    #[error("the header is not valid UTF-8")]
    HeaderNotUtf8,
    #[error("reading or writing CSV failed: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing failed: {0}")]
    Io(#[from] std::io::Error),
}

fn header_problems(missing: &[String], unexpected: &[String]) -> String {
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing columns {}", missing.join(", ")));
    }
    if !unexpected.is_empty() {
        parts.push(format!("unexpected or repeated columns {}", unexpected.join(", ")));
    }
    parts.join("; ")
}

/// Why one row could not become a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("{found} cells where STOP has {STOP_WIDTH}")]
    ColumnCount { found: usize },
    #[error("column {column} is not valid UTF-8")]
    NotUtf8 { column: String },
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableRow {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: u64,
    /// The line of the file where the row starts (cells may hold line breaks).
    pub line: u64,
    pub problem: RowProblem,
}

/// A dirty cell of a record that was imported anyway, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIssue {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: u64,
    /// STOP's column name.
    pub column: &'static str,
    /// The cell as written (or the one value at fault in a cell of several).
    pub value: String,
    pub problem: Problem,
}

/// What an import gives: one record per readable row, the dirty cells, the unreadable rows.
#[derive(Debug, Clone, Default)]
pub struct StopImport {
    /// Spreadsheet row number and record (origin `ImportedStop { row }`, review confirmed).
    pub records: Vec<(u64, Disruption)>,
    pub issues: Vec<RowIssue>,
    pub errors: Vec<UnreadableRow>,
}

impl StopImport {
    /// How many issues each column has, in STOP's column order.
    pub fn issues_per_column(&self) -> Vec<(&'static str, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for issue in &self.issues {
            *counts.entry(issue.column).or_default() += 1;
        }
        STOP_COLUMNS.iter().filter_map(|c| counts.get(c).map(|n| (*c, *n))).collect()
    }
}

/// The position of each STOP column in the file's header (any order), or what is wrong
/// with the header.
fn header_positions(header: &csv::ByteRecord) -> Result<[usize; STOP_WIDTH], StopCsvError> {
    let mut names = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let raw = if i == 0 { raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw) } else { raw };
        names.push(std::str::from_utf8(raw).map_err(|_| StopCsvError::HeaderNotUtf8)?.to_owned());
    }
    let mut positions = [usize::MAX; STOP_WIDTH];
    let mut unexpected = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match STOP_COLUMNS.iter().position(|c| c == name) {
            Some(column) if positions[column] == usize::MAX => positions[column] = i,
            _ => unexpected.push(name.clone()),
        }
    }
    let missing: Vec<String> =
        STOP_COLUMNS.iter().zip(positions).filter(|(_, p)| *p == usize::MAX).map(|(c, _)| (*c).to_owned()).collect();
    if missing.is_empty() && unexpected.is_empty() {
        Ok(positions)
    } else {
        Err(StopCsvError::Header { missing, unexpected })
    }
}

/// The row's cells in STOP's order, or why they cannot be read.
fn cells<'r>(
    record: &'r csv::ByteRecord,
    positions: &[usize; STOP_WIDTH],
) -> Result<[&'r str; STOP_WIDTH], RowProblem> {
    if record.len() != STOP_WIDTH {
        return Err(RowProblem::ColumnCount { found: record.len() });
    }
    let mut out = [""; STOP_WIDTH];
    for (column, &at) in positions.iter().enumerate() {
        out[column] = std::str::from_utf8(&record[at])
            .map_err(|_| RowProblem::NotUtf8 { column: STOP_COLUMNS[column].to_owned() })?;
    }
    Ok(out)
}

/// Counts the line breaks (`\n`, `\r\n`, a lone `\r`) of what the CSV reader has read, up
/// to a byte offset, keeping only the bytes not yet counted. The CSV reader's own line
/// count only sees `\n`, and a CRLF record's `\n` only when the next record is read.
struct Lines<R> {
    inner: R,
    pending: Vec<u8>,
    /// The offset of `pending[0]`.
    base: u64,
    breaks: u64,
    last: Option<u8>,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pending.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl<R> Lines<R> {
    fn new(inner: R) -> Self {
        Self { inner, pending: Vec::new(), base: 0, breaks: 0, last: None }
    }

    fn count(&mut self, b: u8) {
        if b == b'\r' || (b == b'\n' && self.last != Some(b'\r')) {
            self.breaks += 1;
        }
        self.last = Some(b);
    }

    /// The line of the first record after `offset`, once the CSV reader has read it. A
    /// record's first byte is never a line break (an unquoted cell cannot start with one,
    /// a quoted one starts with `"`), so the record starts after the line end and the
    /// blank lines that follow `offset`.
    fn line_after(&mut self, offset: u64) -> u64 {
        let upto = usize::try_from(offset.saturating_sub(self.base)).unwrap_or(usize::MAX).min(self.pending.len());
        let skipped = upto + self.pending[upto..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        for i in 0..skipped {
            self.count(self.pending[i]);
        }
        self.pending.drain(..skipped);
        self.base += skipped as u64;
        self.breaks + 1
    }
}

/// Reads a STOP CSV file (with its header; columns in any order). Rows are numbered as a
/// spreadsheet numbers them (the header is row 1); blank lines are not rows.
pub fn read_stop_csv<R: Read>(reader: R) -> Result<StopImport, StopCsvError> {
    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(Lines::new(reader));
    let mut header = csv::ByteRecord::new();
    if !csv.read_byte_record(&mut header)? {
        return Err(StopCsvError::Empty);
    }
    let positions = header_positions(&header)?;
    let mut import = StopImport::default();
    let mut record = csv::ByteRecord::new();
    let mut row = 1;
    let mut previous_end = csv.position().byte();
    while csv.read_byte_record(&mut record)? {
        row += 1;
        let line = csv.get_mut().line_after(previous_end);
        previous_end = csv.position().byte();
        let fields = match cells(&record, &positions) {
            Ok(fields) => fields,
            Err(problem) => {
                import.errors.push(UnreadableRow { row, line, problem });
                continue;
            }
        };
        let disruption = Disruption::from_stop_fields(&fields, Origin::ImportedStop { row });
        for found in disruption.validate() {
            let cell = column_index(found.column).map_or("", |i| fields[i]);
            let value = found.item.unwrap_or_else(|| cell.to_owned());
            import.issues.push(RowIssue { row, column: found.column, value, problem: found.problem });
        }
        import.records.push((row, disruption));
    }
    Ok(import)
}

/// Writes records as a STOP CSV file: STOP's header and 47 columns, CRLF line ends.
/// Vigie's own fields (review, origin, evidence) have no STOP column; choose which
/// records to export (e.g. only confirmed ones) before calling.
pub fn write_stop_csv<W: Write>(writer: W, records: &[Disruption]) -> Result<(), StopCsvError> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(writer);
    csv.write_record(STOP_COLUMNS)?;
    for record in records {
        csv.write_record(record.to_stop_fields())?;
    }
    csv.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        STOP_COLUMNS.join(",")
    }

    fn row_with(values: &[(&str, &str)]) -> String {
        let cells: Vec<String> = STOP_COLUMNS
            .iter()
            .map(|c| values.iter().find(|(name, _)| name == c).map_or(String::new(), |(_, v)| format!("\"{v}\"")))
            .collect();
        cells.join(",")
    }

    #[test]
    fn a_missing_column_is_named() {
        let header = STOP_COLUMNS.iter().filter(|c| **c != "duration").copied().collect::<Vec<_>>().join(",");
        let err = read_stop_csv(format!("{header},extra\n").as_bytes()).unwrap_err();
        match &err {
            StopCsvError::Header { missing, unexpected } => {
                assert_eq!(missing, &["duration"]);
                assert_eq!(unexpected, &["extra"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("missing columns duration"), "{err}");
    }

    #[test]
    fn an_empty_file_and_a_repeated_column_are_refused() {
        assert!(matches!(read_stop_csv(&b""[..]), Err(StopCsvError::Empty)));
        let err = read_stop_csv(format!("{},country\n", header()).as_bytes()).unwrap_err();
        assert!(matches!(err, StopCsvError::Header { ref unexpected, .. } if unexpected == &["country"]), "{err}");
    }

    #[test]
    fn columns_may_come_in_another_order_and_after_a_byte_order_mark() {
        let mut reversed: Vec<&str> = STOP_COLUMNS.to_vec();
        reversed.reverse();
        let mut values = vec![""; STOP_WIDTH];
        values[0] = "2019";
        values[STOP_WIDTH - 1] = "Actual";
        let text = format!("\u{feff}{}\r\n{}\r\n", reversed.join(","), values.join(","));
        let import = read_stop_csv(text.as_bytes()).unwrap();
        let (row, record) = &import.records[0];
        assert_eq!(*row, 2);
        assert_eq!(record.count_year.written(), "2019");
        assert_eq!(record.start_date_kind.as_ref().map(|k| k.to_string()).as_deref(), Some("Actual"));
    }

    #[test]
    fn unreadable_rows_are_errors_with_their_line_and_the_others_are_kept() {
        let good = row_with(&[("country", "Chad"), ("start_date", "2020-08-01 00:00:00.000000")]);
        let multi_line = row_with(&[("country", "Mali"), ("event", "two\nlines")]);
        let mut bad_utf8 = row_with(&[("country", "X")]).into_bytes();
        bad_utf8.insert(0, 0xff);
        let mut text = format!("{}\n{good}\n{multi_line}\na,b,c\n", header()).into_bytes();
        text.extend_from_slice(&bad_utf8);
        text.extend_from_slice(format!("\n{good}\n").as_bytes());
        let import = read_stop_csv(&text[..]).unwrap();
        assert_eq!(import.records.iter().map(|(row, _)| *row).collect::<Vec<_>>(), vec![2, 3, 6]);
        assert_eq!(
            import.errors,
            vec![
                UnreadableRow { row: 4, line: 5, problem: RowProblem::ColumnCount { found: 3 } },
                UnreadableRow { row: 5, line: 6, problem: RowProblem::NotUtf8 { column: "start_date_type".into() } },
            ]
        );
    }

    #[test]
    fn lines_are_counted_with_any_line_end_and_blank_lines() {
        let commas = ",".repeat(STOP_WIDTH - 1);
        for end in ["\n", "\r\n", "\r"] {
            let text = [header().as_str(), &commas, "a,b", "", "\"x", "y\",b", "c"].join(end);
            let import = read_stop_csv(text.as_bytes()).unwrap();
            let found: Vec<(u64, u64)> = import.errors.iter().map(|e| (e.row, e.line)).collect();
            assert_eq!(found, vec![(3, 3), (4, 5), (5, 7)], "line end {end:?}");
        }
    }

    #[test]
    fn a_dirty_cell_is_kept_and_reported_with_its_value() {
        let text = format!("{}\n{}\n", header(), row_with(&[("country", "Somaliland"), ("duration", "Curfew Style")]));
        let import = read_stop_csv(text.as_bytes()).unwrap();
        assert_eq!(import.records[0].1.duration.written(), "Curfew Style");
        let found: Vec<(&str, &str)> = import.issues.iter().map(|i| (i.column, i.value.as_str())).collect();
        assert_eq!(found, vec![("start_date", ""), ("country", "Somaliland"), ("duration", "Curfew Style")]);
        assert_eq!(import.issues_per_column(), vec![("start_date", 1), ("country", 1), ("duration", 1)]);
    }

    #[test]
    fn the_export_has_stop_s_header_and_quotes_only_where_needed() {
        let mut d = Disruption::new(Origin::Manual);
        d.area_name = "Wana, South Waziristan".into();
        d.context.event = "said \"no\"".into();
        let mut out = Vec::new();
        write_stop_csv(&mut out, &[d]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next(), Some(header().as_str()));
        let row = lines.next().unwrap();
        assert!(row.contains(",\"Wana, South Waziristan\","), "{row}");
        assert!(row.contains(",\"said \"\"no\"\"\","), "{row}");
        assert_eq!(lines.next(), Some(""));
    }
}
