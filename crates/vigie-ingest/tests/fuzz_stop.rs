//! Fuzz harness for the STOP importer (bolero). Under `cargo test` it is a bounded random
//! test; see the crate README to run it longer or coverage-guided.
//!
//! A third of the inputs are read as they are; a third get STOP's header in front; a third
//! become rows of 47 cells (tabs split the cells, commas join them) under the header, so
//! that records, not only refusals, come out. Whatever
//! the bytes: no panic; rows are numbered from 2 upwards without repeats across records
//! and unreadable rows; no more rows than lines; every issue is about an imported row; and
//! every imported record is written and read back unchanged.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use vigie_core::watch::disruption::STOP_COLUMNS;
use vigie_ingest::{StopImport, read_stop_csv, write_stop_csv};

/// Under `cargo test`: a few seconds. `BOLERO_RANDOM_ITERATIONS` and
/// `BOLERO_RANDOM_TEST_TIME_MS` take precedence over both limits.
const ITERATIONS: usize = 2_000;
const TEST_TIME: Duration = Duration::from_secs(10);

/// Lines as the CSV reader counts records: `\n`, `\r\n` and a lone `\r` each end one.
fn line_count(bytes: &[u8]) -> usize {
    let lone_cr =
        bytes.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count() + usize::from(bytes.last() == Some(&b'\r'));
    bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1
}

/// Each line's tab-separated pieces as 47 cells joined by commas (quotes left as they are).
fn as_rows(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        let mut cells: Vec<&[u8]> = line.split(|&b| b == b'\t').take(STOP_COLUMNS.len()).collect();
        cells.resize(STOP_COLUMNS.len(), b"");
        out.extend_from_slice(&cells.join(&b',')[..]);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Checks the invariants; returns how many records were read.
fn check(bytes: &[u8]) -> usize {
    let Ok(import) = read_stop_csv(bytes) else { return 0 };
    let StopImport { records, issues, errors } = &import;
    let mut rows: Vec<u64> = records.iter().map(|(r, _)| *r).chain(errors.iter().map(|e| e.row)).collect();
    rows.sort_unstable();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "a row twice: {rows:?}");
    assert!(rows.first().is_none_or(|&r| r >= 2), "{rows:?}");
    assert!(rows.len() < line_count(bytes), "{} rows from {} lines", rows.len(), line_count(bytes));
    assert!(errors.iter().all(|e| e.line >= 2), "{errors:?}");
    assert!(issues.iter().all(|i| records.iter().any(|(r, _)| *r == i.row)), "an issue without its record");

    let originals: Vec<_> = records.iter().map(|(_, d)| d.clone()).collect();
    let mut again = Vec::new();
    write_stop_csv(&mut again, &originals).unwrap();
    let back = read_stop_csv(&again[..]).unwrap();
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    let back: Vec<_> = back.records.into_iter().map(|(_, d)| d).collect();
    let before: Vec<_> = originals.iter().map(|d| d.to_stop_fields()).collect();
    let after: Vec<_> = back.iter().map(|d| d.to_stop_fields()).collect();
    assert_eq!(after, before);
    records.len()
}

#[test]
fn stop_import_never_panics_and_what_it_reads_survives_an_export() {
    let header = format!("{}\r\n", STOP_COLUMNS.join(",")).into_bytes();
    let records = AtomicUsize::new(0);
    bolero::check!().with_iterations(ITERATIONS).with_test_time(TEST_TIME).with_max_len(4096).for_each(
        |bytes: &[u8]| {
            let (mode, rest) = bytes.split_first().map_or((0, bytes), |(m, rest)| (m % 3, rest));
            let input = match mode {
                0 => bytes.to_vec(),
                1 => [&header[..], rest].concat(),
                _ => [&header[..], &as_rows(rest)].concat(),
            };
            records.fetch_add(check(&input), Ordering::Relaxed);
        },
    );
    assert!(records.into_inner() > 0, "no input reached a record: the harness tests nothing");
}

#[test]
fn tricky_inputs_keep_the_invariants() {
    let header = STOP_COLUMNS.join(",");
    let commas = ",".repeat(46);
    for text in [
        String::new(),
        header.clone(),
        format!("\u{feff}{header}\n"),
        format!("{header}\n{commas}\n"),
        format!("{header}\r{commas}\r\r{commas}"),
        format!("{header}\n\"unclosed{commas}\n"),
        format!("{header}\n{commas},\n,\n\n"),
        format!("{header}\n\"\"\"{commas}\"\n"),
    ] {
        check(text.as_bytes());
    }
    let mut bytes = format!("{header}\n").into_bytes();
    bytes.extend_from_slice(b"\xff\xfe");
    bytes.extend_from_slice(commas.as_bytes());
    check(&bytes);
}
