//! Fuzz harness for the OONI classifier and reader (bolero). Under `cargo test` it is a
//! bounded random test; `BOLERO_RANDOM_ITERATIONS` / `BOLERO_RANDOM_TEST_TIME_MS` raise it.
//!
//! Invariants, whatever the bytes: no panic; a classified measurement has a known country
//! and network; the reader yields no more documents than lines, with line numbers ≥ 1 that
//! never go down, and reading the same bytes twice gives the same items.

use std::io::Cursor;
use std::time::Duration;

use vigie_core::Timestamp;
use vigie_core::watch::ooni::{Fingerprints, Origin, classify};
use vigie_ingest::{OoniItem, OoniReader};

const ITERATIONS: usize = 2_000;
const TEST_TIME: Duration = Duration::from_secs(15);

/// A real-looking document to mutate from, so that the fuzzer reaches the rules.
const SEED: &str = r#"{"measurement_uid":"x","report_id":"r","input":"http://a.b/","probe_cc":"IR","probe_asn":"AS1","test_name":"web_connectivity","measurement_start_time":"2022-08-15 19:01:30","test_keys":{"blocking":"dns","queries":[{"answers":[{"ipv4":"10.10.34.36"}]}],"requests":[{"response":{"body":{"format":"base64","data":"aGk="},"headers":{"Server":"x"}}}]}}"#;

fn read(bytes: &[u8]) -> Vec<OoniItem> {
    let mut reader = OoniReader::from_reader(Cursor::new(bytes.to_vec()), "input", Origin::Archive);
    let mut out = Vec::new();
    while let Some(batch) = reader.next_batch(5) {
        out.extend(batch);
    }
    out
}

fn check(bytes: &[u8]) {
    let fps = Fingerprints::embedded();
    for origin in [Origin::Archive, Origin::Upload { arrived_at: Timestamp(1_660_590_090) }] {
        if let Ok(f) = classify(bytes, fps, origin) {
            assert!(f.country.len() == 2 && f.country != "ZZ" && f.asn != 0, "{f:?}");
        }
    }
    let items = read(bytes);
    let gzip = bytes.starts_with(&[0x1f, 0x8b]);
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(gzip || items.len() <= lines, "{} items from {lines} lines", items.len());
    let mut last = 0;
    for e in items.iter().filter_map(|i| i.as_ref().err()) {
        assert!(e.line >= 1 && e.line >= last, "line {} after {last}", e.line);
        last = e.line;
    }
    assert_eq!(read(bytes), items);
}

#[test]
fn ooni_classify_and_read_never_panic() {
    check(SEED.as_bytes());
    bolero::check!().with_iterations(ITERATIONS).with_test_time(TEST_TIME).with_max_len(4096).for_each(
        |bytes: &[u8]| {
            check(bytes);
            // The same bytes spliced into a real document: deep structure, odd values.
            let cut = bytes.len().min(SEED.len() / 2);
            let mut spliced = SEED.as_bytes()[..SEED.len() - cut].to_vec();
            spliced.extend_from_slice(bytes);
            check(&spliced);
        },
    );
}
