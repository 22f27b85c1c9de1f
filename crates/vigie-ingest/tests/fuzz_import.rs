//! Fuzz harness for the observation importer (bolero). Under `cargo test` it is a
//! bounded random test; see the crate README to run it longer or coverage-guided.
//!
//! Invariants, whatever the bytes: no panic; each item is an observation or a refusal
//! with a line ≥ 1; line numbers never go down; no more items than lines + 1.

use std::io::Cursor;
use std::time::Duration;

use vigie_core::observation::{Observation, RowError};
use vigie_ingest::{Format, ObservationReader};

/// Under `cargo test`: a few seconds. `BOLERO_RANDOM_ITERATIONS` and
/// `BOLERO_RANDOM_TEST_TIME_MS` take precedence over both limits.
const ITERATIONS: usize = 2_000;
const TEST_TIME: Duration = Duration::from_secs(15);

/// Lines as the CSV reader counts records: `\n`, `\r\n` and a lone `\r` each end one.
fn line_count(bytes: &[u8]) -> usize {
    let lone_cr =
        bytes.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count() + usize::from(bytes.last() == Some(&b'\r'));
    bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1
}

fn check(rows: impl Iterator<Item = Result<Observation, RowError>>, max_items: Option<usize>) {
    let mut last = 0;
    let mut count = 0;
    for row in rows {
        count += 1;
        if let Err(e) = &row {
            assert!(e.line >= 1, "a refusal without a line: {e:?}");
            assert!(e.line >= last, "line {} after line {last}", e.line);
            last = e.line;
        }
        if let Some(max) = max_items {
            assert!(count <= max, "{count} items from {max} lines + 1");
        }
    }
}

#[test]
fn import_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("input");
    bolero::check!().with_iterations(ITERATIONS).with_test_time(TEST_TIME).with_max_len(4096).for_each(
        |bytes: &[u8]| {
            let max = Some(line_count(bytes) + 1);
            for format in [Format::Jsonl, Format::Csv] {
                check(ObservationReader::from_reader(Cursor::new(bytes.to_vec()), format), max);
            }
            // Through a file: gzip detection and format sniffing too. A gzip stream
            // inflates, so the count bound does not apply to it.
            std::fs::write(&file, bytes).unwrap();
            let reader = ObservationReader::open(&file).unwrap();
            let bound = if reader.is_gzip() { None } else { max };
            check(reader, bound);
        },
    );
}

#[test]
fn tricky_inputs_keep_the_invariants() {
    for bytes in [
        &b""[..],
        b"\n\n\n",
        b"\r\r\r",
        b"{",
        b"\x1f\x8b",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        b"\xef\xbb\xbf",
        b"a,b\n\"unclosed\n",
        b"platform\r\nx\rx\r\n\xff",
    ] {
        for format in [Format::Jsonl, Format::Csv] {
            check(ObservationReader::from_reader(Cursor::new(bytes.to_vec()), format), Some(line_count(bytes) + 1));
        }
    }
}
