//! The reader over real files: formats, gzip, refused rows, progress.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use vigie_core::observation::{ImportSummary, Observation, Reason, RowError};
use vigie_ingest::{Format, ObservationReader};

const JSONL: &str = r##"{"platform":"x","post_id":1790000000000000001,"author":"@akhbar_dz","created_at":"2026-11-23T16:40:00Z","text":"لا للعهدة الخامسة","lang":"ar","hashtags":["#لا_للعهدة_الخامسة","#الجزائر"],"media_phash":["d1c4b2a09f8e7766"]}
{"platform":"facebook","post_id":"10158","author":"Collectif Vérité","created_at":"2026-03-02T08:15:00+01:00","text":"Votez tôt, votez nombreux !","lang":"fr","hashtags":["#Élections2026"]}
{"platform":"telegram","post_id":"77","author":"canal","created_at":"2026-11-23T17:00:00Z","links":["https://exemple.fr/a|b"]}
"##;

const CSV: &str = "platform,post_id,author,created_at,text,lang,hashtags,media_phash,links
x,1790000000000000001,@akhbar_dz,2026-11-23T16:40:00Z,لا للعهدة الخامسة,ar,#لا_للعهدة_الخامسة|#الجزائر,d1c4b2a09f8e7766,
facebook,10158,Collectif Vérité,2026-03-02T08:15:00+01:00,\"Votez tôt, votez nombreux !\",fr,#Élections2026,,
telegram,77,canal,2026-11-23T17:00:00Z,,,,,\"[\"\"https://exemple.fr/a|b\"\"]\"
";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Reads a whole file, checking on the way that progress ends at the file's size.
fn read_all(path: &Path) -> Vec<Result<Observation, RowError>> {
    let mut reader = ObservationReader::open(path).unwrap();
    let rows: Vec<_> = reader.by_ref().collect();
    assert_eq!(reader.total_bytes(), Some(std::fs::metadata(path).unwrap().len()));
    assert_eq!(reader.bytes_read(), reader.total_bytes().unwrap(), "progress reaches the size of {}", path.display());
    rows
}

fn oks(rows: Vec<Result<Observation, RowError>>) -> Vec<Observation> {
    rows.into_iter().map(|r| r.expect("every row is valid")).collect()
}

#[test]
fn jsonl_csv_and_their_gzip_read_equal() {
    let dir = tempfile::tempdir().unwrap();
    let reference = oks(read_all(&write(dir.path(), "posts.jsonl", JSONL.as_bytes())));
    assert_eq!(reference.len(), 3);
    assert_eq!(reference[2].links(), ["https://exemple.fr/a|b"]);
    for (name, bytes) in [
        ("posts.csv", CSV.as_bytes().to_vec()),
        ("posts.jsonl.gz", gzip(JSONL.as_bytes())),
        ("posts.csv.gz", gzip(CSV.as_bytes())),
        ("posts.ndjson", JSONL.as_bytes().to_vec()),
        // No telling name: gzip by its magic bytes, the format by the first byte.
        ("posts-export", gzip(CSV.as_bytes())),
        ("posts.data", JSONL.as_bytes().to_vec()),
    ] {
        let path = write(dir.path(), name, &bytes);
        assert_eq!(oks(read_all(&path)), reference, "{name}");
    }
    let csv_gz = ObservationReader::open(dir.path().join("posts-export")).unwrap();
    assert!(csv_gz.is_gzip());
    assert_eq!(csv_gz.format(), Format::Csv);
}

#[test]
fn a_gzip_of_several_members_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (first, rest) = JSONL.split_at(JSONL.find('\n').unwrap() + 1);
    let mut bytes = gzip(first.as_bytes());
    bytes.extend(gzip(rest.as_bytes()));
    assert_eq!(read_all(&write(dir.path(), "posts.jsonl.gz", &bytes)).len(), 3);
}

fn valid_line(id: u32) -> String {
    format!(
        r#"{{"platform":"x","post_id":"{id}","author":"a{id}","created_at":"2026-11-23T16:40:00Z","text":"post {id}"}}"#
    )
}

#[test]
fn malformed_jsonl_rows_are_reported_by_line_and_skipped() {
    let mut file = Vec::new();
    let mut line = |bytes: &[u8]| {
        file.extend_from_slice(bytes);
        file.push(b'\n');
    };
    line(valid_line(1).as_bytes()); // 1
    line(br#"{"platform":"x","post_id":"2","#); // 2: bad JSON
    line(valid_line(3).as_bytes()); // 3
    line(br#"{"platform":"x","post_id":"4","created_at":"2026-11-23T16:40:00Z"}"#); // 4: no author
    line(br#"{"platform":"x","post_id":"5","author":"a","created_at":"23/11/2026"}"#); // 5: bad time
    // 6: Latin-1 "café"
    line(b"{\"platform\":\"x\",\"post_id\":\"6\",\"author\":\"a\",\"created_at\":\"2026-11-23T16:40:00Z\",\"text\":\"caf\xe9\"}");
    line(b"   \r"); // 7: blank, skipped silently
    let mut huge =
        br#"{"platform":"x","post_id":"8","author":"a","created_at":"2026-11-23T16:40:00Z","text":""#.to_vec();
    huge.extend(std::iter::repeat_n(b'a', 5 * 1024 * 1024));
    huge.extend_from_slice(br#""}"#);
    let huge_len = huge.len();
    line(&huge); // 8: 5 MB line
    line(valid_line(9).as_bytes()); // 9
    // 10: Windows-1256 Arabic ("لا")
    line(b"{\"platform\":\"x\",\"post_id\":\"10\",\"author\":\"a\",\"created_at\":\"2026-11-23T16:40:00Z\",\"text\":\"\xe1\xc7\"}");
    file.extend_from_slice(valid_line(11).as_bytes()); // 11, no final newline

    let dir = tempfile::tempdir().unwrap();
    for name in ["bad.jsonl", "bad.jsonl.gz"] {
        let bytes = if name.ends_with(".gz") { gzip(&file) } else { file.clone() };
        let path = write(dir.path(), name, &bytes);
        let mut reader = ObservationReader::open(&path).unwrap();
        let rows: Vec<_> = reader.by_ref().collect();
        assert_eq!(reader.bytes_read(), bytes.len() as u64);
        assert_eq!(reader.blank_lines(), 1);
        let taken: Vec<&str> = rows.iter().filter_map(|r| r.as_ref().ok()).map(Observation::post_id).collect();
        assert_eq!(taken, ["1", "3", "9", "11"]);
        let refused: Vec<(u64, Reason)> =
            rows.into_iter().filter_map(Result::err).map(|e| (e.line, e.reason)).collect();
        assert_eq!(refused.len(), 6, "{refused:?}");
        assert!(matches!(refused[0], (2, Reason::NotJson(_))));
        assert_eq!(refused[1], (4, Reason::MissingField("author")));
        assert!(matches!(refused[2], (5, Reason::BadTime { field: "created_at", .. })));
        assert_eq!(refused[3], (6, Reason::NotUtf8));
        assert_eq!(refused[4], (8, Reason::LineTooLong { bytes: huge_len }));
        assert_eq!(refused[5], (10, Reason::NotUtf8));
    }
}

#[test]
fn malformed_csv_rows_are_reported_by_line_and_skipped() {
    let mut file = b"platform,post_id,author,created_at,text\n".to_vec(); // 1
    file.extend_from_slice(b"x,1,a,2026-11-23T16:40:00Z,one\n"); // 2
    file.extend_from_slice(b"x,2,,2026-11-23T16:40:00Z,no author\n"); // 3
    file.extend_from_slice(b"x,3,a,2026-11-23 16:40,bad time\n"); // 4
    file.extend_from_slice(b"x,4,a,2026-11-23T16:40:00Z,\xe1\xc7 \xc7\xe1\xda\xe5\xcf\xc9\n"); // 5: Windows-1256
    file.extend_from_slice(b"x,5,a\n"); // 6: too few cells
    file.extend_from_slice(b"x,6,a,2026-11-23T16:40:00Z,\"two\nlines\"\n"); // 7-8
    file.extend_from_slice(b"x,7,caf\xe9,2026-11-23T16:40:00Z,Latin-1\n"); // 9
    file.extend_from_slice(b"x,8,a,2026-11-23T16:40:00Z,last\n"); // 10

    let dir = tempfile::tempdir().unwrap();
    for name in ["bad.csv", "bad.csv.gz"] {
        let bytes = if name.ends_with(".gz") { gzip(&file) } else { file.clone() };
        let rows = read_all(&write(dir.path(), name, &bytes));
        let mut summary = ImportSummary::default();
        rows.iter().for_each(|r| summary.record(r));
        let taken: Vec<&str> = rows.iter().filter_map(|r| r.as_ref().ok()).map(Observation::post_id).collect();
        assert_eq!(taken, ["1", "6", "8"]);
        let refused: Vec<(u64, Reason)> =
            rows.into_iter().filter_map(Result::err).map(|e| (e.line, e.reason)).collect();
        assert_eq!(refused.len(), 5, "{refused:?}");
        assert_eq!(refused[0], (3, Reason::MissingField("author")));
        assert!(matches!(refused[1], (4, Reason::BadTime { .. })));
        assert_eq!(refused[2], (5, Reason::NotUtf8));
        assert!(matches!(refused[3], (6, Reason::MalformedCsv(_))));
        assert_eq!(refused[4], (9, Reason::NotUtf8));
        assert_eq!((summary.taken, summary.skipped()), (3, 5));
    }
}

#[test]
fn an_empty_file_reads_as_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.jsonl", "empty.csv", "empty", "blank.jsonl"] {
        let bytes: &[u8] = if name.starts_with("blank") { b"\n\n  \n" } else { b"" };
        assert!(read_all(&write(dir.path(), name, bytes)).is_empty(), "{name}");
    }
    let empty_gz = gzip(b"");
    assert!(read_all(&write(dir.path(), "empty.csv.gz", &empty_gz)).is_empty());
}

#[test]
fn a_truncated_gzip_keeps_what_came_before_and_reports_one_read_error() {
    let lines: Vec<String> = (0..2_000).map(valid_line).collect();
    let text = lines.join("\n") + "\n";
    for format in ["jsonl", "csv"] {
        let body = if format == "jsonl" {
            text.clone()
        } else {
            let rows: Vec<String> =
                (0..2_000).map(|id| format!("x,{id},a{id},2026-11-23T16:40:00Z,post {id}")).collect();
            format!("platform,post_id,author,created_at,text\n{}\n", rows.join("\n"))
        };
        let mut bytes = gzip(body.as_bytes());
        bytes.truncate(bytes.len() / 2);
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), &format!("cut.{format}.gz"), &bytes);
        let rows = read_all(&path);
        let (last, before) = rows.split_last().unwrap();
        let err = last.as_ref().expect_err("the last item is the read error");
        assert!(matches!(err.reason, Reason::Io(_)), "{err}");
        assert!(before.iter().all(Result::is_ok), "{format}: no other refusal");
        let taken: Vec<String> = before.iter().map(|r| r.as_ref().unwrap().post_id().to_owned()).collect();
        assert!(taken.len() > 100 && taken.len() < 2_000, "{format}: {} rows", taken.len());
        let expected: Vec<String> = (0..taken.len()).map(|i| i.to_string()).collect();
        assert_eq!(taken, expected, "{format}: the rows before the cut, in order");
        let header = u64::from(format == "csv");
        assert_eq!(err.line, taken.len() as u64 + 1 + header, "{format}: the error is on the first unread line");
    }
}

#[test]
fn from_reader_reads_memory_and_counts_bytes() {
    let mut reader = ObservationReader::from_reader(std::io::Cursor::new(CSV.as_bytes().to_vec()), Format::Csv);
    let progress = reader.progress();
    assert_eq!(reader.by_ref().filter(Result::is_ok).count(), 3);
    assert_eq!(progress.bytes_read(), CSV.len() as u64);
    assert_eq!(reader.total_bytes(), None);
}

#[test]
fn a_missing_file_is_an_open_error() {
    let err = ObservationReader::open("/nonexistent/posts.jsonl").err().unwrap();
    assert!(err.to_string().starts_with("cannot open /nonexistent/posts.jsonl"), "{err}");
}
