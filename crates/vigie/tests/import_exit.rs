//! `vigie import observations` says when a file did not go in whole, and exits non-zero:
//! a truncated gzip, a file whose every row was skipped, a `.gz` that is not gzip.

use std::io::Write;
use std::process::Output;

mod support;

fn line(i: usize) -> String {
    let at = format!("2026-11-23T10:{:02}:00Z", i % 60);
    let text = format!("منشور رقم {i} عن المدافعة");
    serde_json::json!({ "platform": "x", "post_id": format!("p{i}"), "author": format!("@a{}", i % 7), "created_at": at, "text": text })
        .to_string()
}

fn import(data: &std::path::Path, file: &std::path::Path) -> Output {
    support::run(support::vigie(data, None), &["import", "observations", file.to_str().unwrap()])
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn an_import_that_did_not_go_in_whole_fails() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let rows: String = (0..2000).map(|i| line(i) + "\n").collect();

    // A good file: exit 0.
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, rows.lines().take(10).collect::<Vec<_>>().join("\n")).unwrap();
    let out = import(&data, &good);
    assert!(out.status.success(), "{}", text(&out));

    // A gzip cut in the middle.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(rows.as_bytes()).unwrap();
    let whole = gz.finish().unwrap();
    let cut = dir.path().join("cut.jsonl.gz");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let out = import(&data, &cut);
    assert!(!out.status.success(), "a truncated gzip fails: {}", text(&out));
    assert!(text(&out).contains("could not be read to its end"), "{}", text(&out));

    // Every row skipped.
    let junk = dir.path().join("junk.jsonl");
    std::fs::write(&junk, "not json\n{\"platform\":\"x\"}\nneither\n").unwrap();
    let out = import(&data, &junk);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("every row was skipped"), "{}", text(&out));

    // Named .gz, but plain text.
    let fake = dir.path().join("posts.jsonl.gz");
    std::fs::write(&fake, rows.lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();
    let out = import(&data, &fake);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("not gzip-compressed"), "{}", text(&out));
}
