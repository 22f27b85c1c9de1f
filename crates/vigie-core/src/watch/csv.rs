//! Signals as CSV: a header row, then one point per row.
//!
//! The default header is `time,region,value`; other column names can be given through
//! [`SignalCsvLayout`] so that published files are read as they are. Column names are
//! matched without regard to case, other columns are ignored. A time is one of:
//! - RFC 3339 (`2019-07-22T20:00:00Z`, `2019-07-22T16:00:00-04:00`): it carries its zone;
//! - epoch seconds (`1563825600`);
//! - a date-time without a zone: `2019-07-22 16:00:00`, `2019-07-22T16:00:00` or
//!   `22-Jul-2019 16:00:00`.
//!
//! Epoch seconds and zone-less date-times are taken as UTC unless the layout gives an
//! offset (hours east of UTC, fixed or read from a column per row): then they are local
//! times and `UTC = local − offset`. (Some published epochs count local time, for
//! plotting tools; this is how they are read back.)
//!
//! A bad row becomes a [`SignalRowError`] naming its line, and reading goes on; only an
//! unusable header or a failing reader ends it ([`SignalReason::is_fatal`]).

use std::io::Read;

use csv::{ErrorKind, StringRecord};

use crate::csv_rows::{CsvRowFault, csv_row_fault};

use super::SignalPoint;
use crate::time::Timestamp;

/// Which columns hold what, and how to read zone-less times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalCsvLayout {
    pub time_column: String,
    pub region_column: String,
    pub value_column: String,
    /// Seconds east of UTC of zone-less times (epoch and naive date-times).
    pub offset_secs: i64,
    /// A column giving that offset per row, in hours (may be fractional, e.g. `6.5`).
    pub offset_column: Option<String>,
}

impl Default for SignalCsvLayout {
    fn default() -> Self {
        Self {
            time_column: "time".into(),
            region_column: "region".into(),
            value_column: "value".into(),
            offset_secs: 0,
            offset_column: None,
        }
    }
}

/// One refused row (or the header, line 1): where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct SignalRowError {
    pub line: u64,
    pub reason: SignalReason,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignalReason {
    #[error("the header has no column `{0}`")]
    MissingColumn(String),
    #[error("unreadable header: {0}")]
    BadHeader(String),
    #[error("not UTF-8 text")]
    NotUtf8,
    #[error("malformed CSV row: {0}")]
    MalformedCsv(String),
    #[error("empty `{0}`")]
    Empty(&'static str),
    #[error("bad time `{cell}`: {problem}")]
    BadTime { cell: String, problem: &'static str },
    #[error("bad value `{0}`: expected a finite number")]
    BadValue(String),
    #[error("bad time zone offset `{0}`: expected hours, e.g. 3 or -4 or 6.5")]
    BadOffset(String),
    #[error("could not read the file: {0}")]
    Io(String),
}

impl SignalReason {
    /// Whether reading stopped here (a bad header or a failing reader), rather than
    /// skipping one row.
    pub fn is_fatal(&self) -> bool {
        matches!(self, Self::MissingColumn(_) | Self::BadHeader(_) | Self::Io(_))
    }
}

/// Reads signal points from CSV, one item per row.
pub fn read_signal_csv<R: Read>(reader: R, layout: &SignalCsvLayout) -> SignalRows<R> {
    let reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(reader);
    SignalRows { reader, layout: layout.clone(), columns: None, done: false, record: StringRecord::new() }
}

/// The iterator returned by [`read_signal_csv`].
pub struct SignalRows<R> {
    reader: csv::Reader<R>,
    layout: SignalCsvLayout,
    columns: Option<Columns>,
    done: bool,
    record: StringRecord,
}

struct Columns {
    time: usize,
    region: usize,
    value: usize,
    offset: Option<usize>,
}

impl Columns {
    fn find(header: &StringRecord, layout: &SignalCsvLayout) -> Result<Self, SignalReason> {
        let at = |name: &str| {
            header
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').trim().eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| SignalReason::MissingColumn(name.to_owned()))
        };
        Ok(Self {
            time: at(&layout.time_column)?,
            region: at(&layout.region_column)?,
            value: at(&layout.value_column)?,
            offset: layout.offset_column.as_deref().map(at).transpose()?,
        })
    }

    fn point(&self, record: &StringRecord, layout: &SignalCsvLayout) -> Result<SignalPoint, SignalReason> {
        let cell = |i: usize, name: &'static str| {
            let c = record.get(i).unwrap_or_default().trim();
            if c.is_empty() { Err(SignalReason::Empty(name)) } else { Ok(c) }
        };
        let offset_secs = match self.offset {
            None => layout.offset_secs,
            Some(i) => {
                let raw = cell(i, "offset")?;
                match raw.parse::<f64>() {
                    Ok(h) if h.is_finite() && h.abs() <= 24.0 => (h * 3600.0).round() as i64,
                    _ => return Err(SignalReason::BadOffset(raw.to_owned())),
                }
            }
        };
        let raw_time = cell(self.time, "time")?;
        let time = parse_time(raw_time, offset_secs)
            .map_err(|problem| SignalReason::BadTime { cell: raw_time.to_owned(), problem })?;
        let region = cell(self.region, "region")?;
        let raw_value = cell(self.value, "value")?;
        let value = raw_value
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| SignalReason::BadValue(raw_value.to_owned()))?;
        Ok(SignalPoint::new(time, region, value))
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Reads one time cell (see the module documentation); `offset_secs` applies to epoch
/// seconds and zone-less date-times only.
pub fn parse_time(raw: &str, offset_secs: i64) -> Result<Timestamp, &'static str> {
    let raw = raw.trim();
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = whole.parse().map_err(|_| "epoch seconds out of range")?;
        let secs = if raw.starts_with('-') { -secs } else { secs };
        return Ok(Timestamp(secs.saturating_sub(offset_secs)));
    }
    let b = raw.as_bytes();
    if raw.is_ascii() && b.len() == 19 && b[4] == b'-' {
        let t = Timestamp::parse_rfc3339(&format!("{raw}Z"))?;
        return Ok(t.plus_secs(-offset_secs));
    }
    if raw.is_ascii() && b.len() == 20 && b[2] == b'-' && b[6] == b'-' && b[11] == b' ' {
        // 22-Jul-2019 16:00:00
        let month = MONTHS
            .iter()
            .position(|m| raw[3..6].eq_ignore_ascii_case(m))
            .ok_or("unknown month (expected Jan … Dec)")?;
        let iso = format!("{}-{:02}-{}T{}Z", &raw[7..11], month + 1, &raw[0..2], &raw[12..20]);
        let t = Timestamp::parse_rfc3339(&iso)?;
        return Ok(t.plus_secs(-offset_secs));
    }
    Timestamp::parse_rfc3339(raw)
}

impl<R: Read> SignalRows<R> {
    fn header(&mut self) -> Result<(), SignalRowError> {
        let header = self.reader.headers().map_err(|e| {
            let reason = match e.kind() {
                ErrorKind::Utf8 { .. } => SignalReason::BadHeader("not UTF-8 text".into()),
                ErrorKind::Io(_) => SignalReason::Io(e.to_string()),
                _ => SignalReason::BadHeader(e.to_string()),
            };
            SignalRowError { line: 1, reason }
        })?;
        let columns = Columns::find(header, &self.layout).map_err(|reason| SignalRowError { line: 1, reason })?;
        self.columns = Some(columns);
        Ok(())
    }
}

impl<R: Read> Iterator for SignalRows<R> {
    type Item = Result<SignalPoint, SignalRowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none()
            && let Err(e) = self.header()
        {
            self.done = true;
            return Some(Err(e));
        }
        let fallback = self.reader.position().line();
        match self.reader.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let line = self.record.position().map_or(fallback, csv::Position::line);
                let columns = self.columns.as_ref()?;
                Some(columns.point(&self.record, &self.layout).map_err(|reason| SignalRowError { line, reason }))
            }
            Err(e) => {
                let (line, fault) = csv_row_fault(&e, fallback);
                let reason = match fault {
                    CsvRowFault::NotUtf8 => SignalReason::NotUtf8,
                    CsvRowFault::Malformed(what) => SignalReason::MalformedCsv(what),
                    CsvRowFault::Io(what) => {
                        self.done = true;
                        SignalReason::Io(what)
                    }
                };
                Some(Err(SignalRowError { line, reason }))
            }
        }
    }
}

#[cfg(test)]
mod tests;
