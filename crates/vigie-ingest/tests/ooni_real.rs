//! Every OONI file of the shared test data, read through the ingest path, against a table
//! of expected verdicts; and the reader's behaviour on gzip, truncation, malformed lines
//! and upload dates. Without the data folder the tests say why they skip, except on CI.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use vigie_core::Timestamp;
use vigie_core::watch::ooni::{Dropped, Origin};
use vigie_core::watch::{BlockingLayer, MeasurementFacts, Outcome};
use vigie_ingest::{OoniItem, OoniReader, OoniRowReason, ingest};

use BlockingLayer::{Dns, HttpDiff, HttpFailure, TcpIp};
use Outcome::{Anomaly, Confirmed, Failure, Ok as Fine};

/// `$VIGIE_SHARED_DATA`, or the first `shared/data` found walking up from this crate.
fn shared_data() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("VIGIE_SHARED_DATA") {
        return Some(PathBuf::from(dir));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().map(|a| a.join("shared").join("data")).find(|p| p.is_dir())
}

fn ooni_dir() -> Option<PathBuf> {
    let dir = shared_data().map(|d| d.join("ooni")).filter(|p| p.is_dir());
    if dir.is_none() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "ooni data is missing (set VIGIE_SHARED_DATA)");
        eprintln!("skipped: ooni data not found (set VIGIE_SHARED_DATA to the shared `data` folder)");
    }
    dir
}

fn read_all(mut reader: OoniReader) -> Vec<OoniItem> {
    let mut out = Vec::new();
    while let Some(batch) = reader.next_batch(7) {
        out.extend(batch);
    }
    out
}

fn one(path: &Path) -> OoniItem {
    let mut items = read_all(OoniReader::open(path, Origin::Archive).unwrap());
    assert_eq!(items.len(), 1, "{}: one document per file", path.display());
    items.pop().unwrap()
}

#[derive(Debug, Clone, Copy)]
enum Want {
    Facts(Outcome, Option<BlockingLayer>),
    Drop(&'static str),
}
use Want::{Drop, Facts};

/// The real measurements (ooni/backend's fastpath test data), one verdict each.
const REAL: &[(&str, Want)] = &[
    // Indonesia redirects to its blockpage (lamanlabuh.aduankonten.id): a `header.location` fingerprint.
    ("20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json", Facts(Confirmed, Some(HttpDiff))),
    ("browser_web.json", Facts(Fine, None)),
    ("browser_web_error.json", Facts(Failure, None)),
    ("bug_351.json", Facts(Anomaly, Some(HttpFailure))),
    // Iran's 10.10.34.35: a national DNS fingerprint.
    ("bug_352.json", Facts(Confirmed, Some(Dns))),
    ("detector_query_ww_BR_2018.json", Drop("not_a_measurement")),
    ("fingerprints_dns.json", Drop("not_a_measurement")),
    ("fingerprints_http.json", Drop("not_a_measurement")),
    ("http_header_field_manipulation_1.json", Facts(Fine, None)),
    ("http_header_field_manipulation_2.json", Facts(Fine, None)),
    ("http_header_field_manipulation_3.json", Facts(Fine, None)),
    ("http_requests_1.json", Facts(Fine, None)),
    ("mbx-1.json", Facts(Anomaly, Some(HttpDiff))),
    ("mbx-2.json", Facts(Anomaly, Some(HttpDiff))),
    ("meek.json", Facts(Anomaly, None)),
    ("meek2.json", Facts(Fine, None)),
    // No probe_cc at all.
    ("meek3.json", Drop("unknown_country")),
    ("openvpn.json", Facts(Fine, None)),
    ("report1.json", Facts(Fine, None)),
    // Named "blocked" for a changed body upstream, but the probe said `blocking: false`
    // and no fingerprint matches: ok.
    ("report1blocked.json", Facts(Fine, None)),
    ("report2.json", Facts(Fine, None)),
    ("report2blocked.json", Facts(Fine, None)),
    ("requests_none.json", Facts(Anomaly, Some(Dns))),
    ("riseupvpn.json", Facts(Anomaly, None)),
    ("signal_022.json", Facts(Fine, None)),
    ("signal_2627.json", Facts(Anomaly, Some(HttpFailure))),
    ("signal_679.json", Facts(Anomaly, Some(Dns))),
    ("telegram_nourl.json", Facts(Fine, None)),
    ("test_keys_none.json", Facts(Failure, None)),
    ("tor.json", Facts(Fine, None)),
    ("tor_list.json", Facts(Fine, None)),
    ("torsf_1.json", Facts(Anomaly, None)),
    ("torsf_2.json", Facts(Fine, None)),
    ("torsf_383.json", Facts(Anomaly, None)),
    ("vanilla_tor.json", Facts(Anomaly, None)),
    ("vanilla_tor_ok.json", Facts(Fine, None)),
    ("web_connectivity_b64_hdr.json", Facts(Anomaly, Some(HttpFailure))),
    ("web_connectivity_b64_incorrect.json", Facts(Fine, None)),
    ("web_connectivity_ir_fp.json", Facts(Confirmed, Some(Dns))),
    ("web_connectivity_no_body.json", Facts(Fine, None)),
    ("web_connectivity_null.json", Facts(Failure, None)),
    ("web_connectivity_null2.json", Facts(Failure, None)),
    ("web_connectivity_odd_hdr.json", Facts(Anomaly, Some(Dns))),
    ("whatsapp.json", Facts(Fine, None)),
    ("yaml16_0.json", Facts(Fine, None)),
    ("yaml17_0.json", Facts(Anomaly, Some(Dns))),
];

/// Files of `real-measurements/` the folder reader must skip for their name.
const NOT_MEASUREMENTS: &[&str] = &[
    "LICENSE.md",
    "binary_city.yaml",
    "dns_n_http_bin_body.yaml",
    "http_invalid_request_line.yaml",
    "report1.json.pretty",
];

/// The lab scenarios: the name is the scenario, the verdict follows what the probe measured.
const LAB: &[(&str, Want)] = &[
    // Certificate errors that the control sees too: not interference.
    ("badSSLWithExpiredCertificate.json", Facts(Fine, None)),
    ("badSSLWithUnknownAuthorityWithConsistentDNS.json", Facts(Fine, None)),
    ("badSSLWithUnknownAuthorityWithInconsistentDNS.json", Facts(Anomaly, Some(Dns))),
    ("badSSLWithWrongServerName.json", Facts(Fine, None)),
    ("cloudflareCAPTCHAWithHTTP.json", Facts(Anomaly, Some(HttpDiff))),
    ("cloudflareCAPTCHAWithHTTPS.json", Facts(Fine, None)),
    ("controlFailureWithSuccessfulHTTPSWebsite.json", Facts(Fine, None)),
    ("controlFailureWithSuccessfulHTTPWebsite.json", Facts(Failure, None)),
    ("dnsBlockingAndroidDNSCacheNoData.json", Facts(Anomaly, Some(Dns))),
    // The lab's bogon answer is on OONI's list of national DNS blockpages.
    ("dnsBlockingBOGON.json", Facts(Confirmed, Some(Dns))),
    ("dnsBlockingNXDOMAIN.json", Facts(Anomaly, Some(Dns))),
    ("dnsHijackingToLocalhostWithHTTP.json", Facts(Anomaly, Some(Dns))),
    ("dnsHijackingToLocalhostWithHTTPS.json", Facts(Anomaly, Some(Dns))),
    // A transparent proxy that serves the real page: OONI cannot see it.
    ("dnsHijackingToProxyWithHTTPSURL.json", Facts(Fine, None)),
    ("dnsHijackingToProxyWithHTTPURL.json", Facts(Fine, None)),
    ("ghostDNSBlockingWithHTTP.json", Facts(Anomaly, Some(Dns))),
    ("ghostDNSBlockingWithHTTPS.json", Facts(Anomaly, Some(Dns))),
    ("httpBlockingConnectionReset.json", Facts(Anomaly, Some(HttpFailure))),
    ("httpDiffWithConsistentDNS.json", Facts(Anomaly, Some(HttpDiff))),
    ("httpDiffWithInconsistentDNS.json", Facts(Anomaly, Some(Dns))),
    ("idnaWithoutCensorshipLowercase.json", Facts(Fine, None)),
    ("idnaWithoutCensorshipWithFirstLetterUppercase.json", Facts(Fine, None)),
    ("largeFileWithHTTP.json", Facts(Fine, None)),
    ("largeFileWithHTTPS.json", Facts(Fine, None)),
    ("localhostWithHTTP.json", Facts(Fine, None)),
    ("localhostWithHTTPS.json", Facts(Fine, None)),
    ("redirectWithBrokenLocationForHTTP.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithBrokenLocationForHTTPS.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenConnectionRefusedForHTTP.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenConnectionRefusedForHTTPS.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenConnectionResetForHTTP.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenConnectionResetForHTTPS.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenEOFForHTTP.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenEOFForHTTPS.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenNXDOMAIN.json", Facts(Anomaly, Some(Dns))),
    ("redirectWithConsistentDNSAndThenTimeoutForHTTP.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithConsistentDNSAndThenTimeoutForHTTPS.json", Facts(Anomaly, Some(HttpFailure))),
    ("redirectWithMoreThanTenRedirectsAndHTTP.json", Facts(Fine, None)),
    ("redirectWithMoreThanTenRedirectsAndHTTPS.json", Facts(Fine, None)),
    ("successWithHTTP.json", Facts(Fine, None)),
    ("successWithHTTPS.json", Facts(Fine, None)),
    ("tcpBlockingConnectTimeout.json", Facts(Anomaly, Some(TcpIp))),
    ("tcpBlockingConnectionRefusedWithInconsistentDNS.json", Facts(Anomaly, Some(Dns))),
    // Throttling shows as a failed (timed out) body read: http-failure.
    ("throttlingWithHTTP.json", Facts(Anomaly, Some(HttpFailure))),
    ("throttlingWithHTTPS.json", Facts(Anomaly, Some(HttpFailure))),
    ("tlsBlockingConnectionResetWithConsistentDNS.json", Facts(Anomaly, Some(HttpFailure))),
    ("tlsBlockingConnectionResetWithInconsistentDNS.json", Facts(Anomaly, Some(Dns))),
    // A site down for everyone (the control fails alike): `blocking: false`.
    ("websiteDownNXDOMAIN.json", Facts(Fine, None)),
    ("websiteDownNoAddrs.json", Facts(Fine, None)),
    ("websiteDownTCPConnect.json", Facts(Fine, None)),
];

fn check(path: &Path, want: Want) -> Option<MeasurementFacts> {
    let item = one(path);
    let name = path.file_name().unwrap().to_string_lossy();
    match (want, item) {
        (Facts(outcome, layer), Ok(f)) => {
            assert_eq!((f.outcome, f.layer), (outcome, layer), "{name}");
            Some(f)
        }
        (Drop(reason), Err(e)) => {
            assert_eq!(e.reason.code(), reason, "{name}: {e}");
            assert_eq!(e.file, path);
            None
        }
        (want, got) => panic!("{name}: wanted {want:?}, got {got:?}"),
    }
}

fn listed(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn every_real_measurement_gets_its_expected_verdict() {
    let Some(root) = ooni_dir() else { return };
    let dir = root.join("real-measurements");
    let mut table: Vec<&str> = REAL.iter().map(|(n, _)| *n).chain(NOT_MEASUREMENTS.iter().copied()).collect();
    table.sort_unstable();
    assert_eq!(table, listed(&dir), "the table lists every file");
    for (name, want) in REAL {
        if let Some(f) = check(&dir.join(name), *want) {
            assert!(!f.country.is_empty() && f.asn != 0 && !f.uid.is_empty(), "{name}: {f:?}");
        }
    }
    let facts = one(&dir.join("web_connectivity_ir_fp.json")).unwrap();
    assert_eq!((facts.country.as_str(), facts.asn, facts.target.as_str()), ("IR", 197207, "www.facebook.com"));
    assert_eq!(facts.measured_at, Timestamp::parse_rfc3339("2022-08-15T19:01:30Z").unwrap());

    let reader = OoniReader::open(&dir, Origin::Archive).unwrap();
    let skipped: Vec<String> =
        reader.skipped_files().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(skipped, NOT_MEASUREMENTS);
    assert_eq!(read_all(reader).len(), REAL.len());
}

#[test]
fn lab_scenarios_agree_with_their_own_blocking_field() {
    let Some(root) = ooni_dir() else { return };
    let dir = root.join("wc-lab-scenarios");
    let table: Vec<&str> = LAB.iter().map(|(n, _)| *n).collect();
    assert_eq!(table, listed(&dir), "the table lists every file, in order");
    for (name, want) in LAB {
        let f = check(&dir.join(name), *want).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap();
        let consistent = match &doc["test_keys"]["blocking"] {
            serde_json::Value::Bool(false) => f.outcome == Fine,
            serde_json::Value::Null => f.outcome == Failure,
            serde_json::Value::String(s) => f.outcome.is_blocked() && f.layer.map(|l| l.as_str()) == Some(s.as_str()),
            other => panic!("{name}: blocking {other}"),
        };
        assert!(consistent, "{name}: {:?} {:?} against blocking {}", f.outcome, f.layer, doc["test_keys"]["blocking"]);
    }
}

#[test]
fn the_whole_folder_ingests_with_counts_and_cells() {
    let Some(root) = ooni_dir() else { return };
    let mut calls = 0;
    let summary = ingest(&root, Origin::Archive, |read, total| {
        calls += 1;
        assert!(read <= total);
    })
    .unwrap();
    // 46 + 50 files of one document, 16 lines of fixtures.
    assert_eq!(summary.read, 46 + 50 + 16);
    assert_eq!(summary.dropped_by_reason.get("not_a_measurement"), Some(&3));
    assert_eq!(summary.dropped_by_reason.get("unknown_country"), Some(&1));
    assert_eq!(summary.classified, summary.read - 4);
    assert_eq!(summary.by_outcome.values().sum::<u64>(), summary.classified);
    assert!(summary.count(Confirmed) >= 4 && summary.count(Failure) >= 4);
    let cells: u64 = summary.cells.iter().map(|(_, c)| u64::from(c.total)).sum();
    assert_eq!(cells, summary.classified);
    assert_eq!(summary.skipped_files.len(), NOT_MEASUREMENTS.len());
    assert!(calls >= 1);
    assert!(!summary.had_read_errors());
}

fn fixtures(root: &Path) -> Vec<u8> {
    std::fs::read(root.join("web_connectivity_real_fixtures.jsonl")).unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn gzip_jsonl_reads_as_the_plain_file() {
    let Some(root) = ooni_dir() else { return };
    let plain = read_all(OoniReader::open(root.join("web_connectivity_real_fixtures.jsonl"), Origin::Archive).unwrap());
    assert_eq!(plain.len(), 16);
    assert!(plain.iter().all(Result::is_ok));
    let tmp = tempfile::tempdir().unwrap();
    let gz = tmp.path().join("fixtures.jsonl.gz");
    std::fs::write(&gz, gzip(&fixtures(&root))).unwrap();
    let reader = OoniReader::open(&gz, Origin::Archive).unwrap();
    let progress = reader.progress();
    let size = std::fs::metadata(&gz).unwrap().len();
    assert_eq!(reader.total_bytes(), Some(size));
    assert_eq!(read_all(reader), plain);
    assert_eq!(progress.bytes_read(), size);
    // Magic bytes, not names, decide.
    let disguised = tmp.path().join("fixtures.json");
    std::fs::copy(&gz, &disguised).unwrap();
    assert_eq!(read_all(OoniReader::open(&disguised, Origin::Archive).unwrap()), plain);
}

#[test]
fn a_truncated_gzip_keeps_the_rows_before_the_break() {
    let Some(root) = ooni_dir() else { return };
    let bytes = gzip(&fixtures(&root));
    let cut = &bytes[..bytes.len() * 2 / 3];
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.jsonl.gz"), cut).unwrap();
    std::fs::write(tmp.path().join("b.jsonl"), fixtures(&root)).unwrap();
    let items = read_all(OoniReader::open(tmp.path(), Origin::Archive).unwrap());
    let broken = items.iter().position(|i| matches!(i, Err(e) if matches!(e.reason, OoniRowReason::Read(_)))).unwrap();
    assert!(broken >= 5, "rows before the break are kept ({broken})");
    assert!(items[..broken].iter().all(|i| i.is_ok() || matches!(i, Err(e) if e.reason.code() == "not_json")));
    assert_eq!(items.len() - broken - 1, 16, "the next file is read whole");
    assert!(items[broken + 1..].iter().all(Result::is_ok));
}

#[test]
fn a_malformed_line_is_reported_with_its_number_and_reading_goes_on() {
    let Some(root) = ooni_dir() else { return };
    let text = String::from_utf8(fixtures(&root)).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "{\"test_name\": \"web_connectivity\", oops}");
    lines.insert(4, "");
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("m.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let items = read_all(OoniReader::open(&path, Origin::Archive).unwrap());
    assert_eq!(items.len(), 17, "the blank line is skipped");
    let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].reason.code(), errors[0].file.as_path()), (3, "not_json", path.as_path()));
}

#[test]
fn uploads_drop_dates_far_from_arrival_and_archives_keep_them() {
    let Some(root) = ooni_dir() else { return };
    let path = root.join("web_connectivity_real_fixtures.jsonl");
    let archive = read_all(OoniReader::open(&path, Origin::Archive).unwrap());
    let times: Vec<Timestamp> = archive.iter().map(|i| i.as_ref().unwrap().measured_at).collect();
    let (first, last) = (*times.iter().min().unwrap(), *times.iter().max().unwrap());
    // Arrived a year and a day after the newest: every one is too old.
    let late = Origin::Upload { arrived_at: last.plus_secs(367 * 86_400) };
    let items = read_all(OoniReader::open(&path, late).unwrap());
    assert!(items.iter().all(|i| matches!(i, Err(e) if e.reason == OoniRowReason::Dropped(Dropped::TooOld))));
    // Arrived two hours before the oldest: every one is in the future.
    let early = Origin::Upload { arrived_at: first.plus_secs(-7200) };
    let items = read_all(OoniReader::open(&path, early).unwrap());
    assert!(items.iter().all(|i| matches!(i, Err(e) if e.reason == OoniRowReason::Dropped(Dropped::InTheFuture))));
    // Arrived just after the newest: only those more than a year older are dropped.
    let now = Origin::Upload { arrived_at: last };
    let kept = read_all(OoniReader::open(&path, now).unwrap()).into_iter().filter(Result::is_ok).count();
    let recent = times.iter().filter(|t| t.0 >= last.0 - 366 * 86_400).count();
    assert_eq!(kept, recent);
    assert!(kept < times.len(), "the fixtures span more than a year");
}

#[test]
fn a_pretty_printed_document_is_one_measurement() {
    let Some(root) = ooni_dir() else { return };
    let src = root.join("real-measurements").join("report1.json.pretty");
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("report1.json");
    std::fs::copy(&src, &path).unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().lines().count() > 10);
    let f = one(&path).unwrap();
    assert_eq!((f.outcome, f.target.as_str(), f.country.as_str()), (Fine, "www.collegehumor.com", "US"));
    assert_eq!(f, one(&root.join("real-measurements").join("report1.json")).unwrap());
}

#[test]
fn a_first_line_cut_short_does_not_swallow_the_file() {
    let doc = |cc: &str| {
        format!(
            r#"{{"test_name":"signal","probe_cc":"{cc}","probe_asn":"AS3","measurement_start_time":"2022-01-01 00:00:00","test_keys":{{"signal_backend_status":"ok"}}}}"#
        )
    };
    let text = format!("{{\"test_name\": \"signal\", \"probe_cc\"\n{}\n\n{}\n", doc("IT"), doc("FR"));
    let reader = OoniReader::from_reader(std::io::Cursor::new(text.into_bytes()), "upload.jsonl", Origin::Archive);
    let items = read_all(reader);
    assert_eq!(items.len(), 3);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!((e.line, e.reason.code(), e.file.as_path()), (1, "not_json", Path::new("upload.jsonl")));
    let countries: Vec<&str> = items[1..].iter().map(|i| i.as_ref().unwrap().country.as_str()).collect();
    assert_eq!(countries, ["IT", "FR"]);
}
