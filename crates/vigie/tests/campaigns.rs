//! Campaign detection with the real binary: `vigie import observations` (JSONL, CSV and
//! gzip; bad rows reported with their line and skipped; re-import without duplicates),
//! then `vigie campaigns detect --format json` finds the planted campaign and nothing
//! else, and a second run continues it. On SQLite and on PostgreSQL.

use std::io::Write;
use std::path::Path;
use std::process::Output;

mod support;
use support::{PgDatabase, vigie};

fn run(data: &Path, database: Option<&str>, args: &[&str]) -> Output {
    support::run(vigie(data, database), args)
}

const T0: i64 = 1_780_000_000;

fn rfc3339(at: i64) -> String {
    vigie_core::Timestamp(at).rfc3339()
}

const COPIES: [&str; 6] = [
    "الناشطة سلمى كاذبة وعميلة للخارج ويجب محاسبتها أمام القضاء فوراً #لا_للعملاء #الحقيقة",
    "الناشطـــة سلمى كاذبة وعميلة للخارج ويجب محاسبتها امام القضاء فورا 🔥 #لا_للعملاء #الحقيقة",
    "الناشِطة سَلمى كاذبة وعميلة للخارج ويجب مُحاسبتها أمام القضاء #لا_للعملاء #الحقيقة",
    "عاجل الناشطة سلمى كاذبة وعميلة للخارج ويجب محاسبتها أمام القضاء فوراً 👇 #لا_للعملاء #الحقيقة",
    "الناشطة سلمى كاذبة وعميلة للخارج يجب محاسبتها أمام القضاء فوراً x7k2 #لا_للعملاء #الحقيقة",
    "الناشطة سلمى كاذبة وعميلة للخارج ويجب محاسبتها أمام القضاء فوراً ‼️ #لا_للعملاء #الحقيقة",
];

/// Seven accounts posting two copies each within the hour (JSONL), unrelated posts, and
/// three bad lines.
fn campaign_jsonl() -> String {
    let mut out = String::new();
    for i in 0..7 {
        for k in 0..2 {
            let text = COPIES[(i + k) % COPIES.len()];
            let platform = ["x", "facebook", "telegram"][i % 3];
            let line = serde_json::json!({
                "platform": platform,
                "post_id": format!("c{i}-{k}"),
                "author": format!("@troll{i}"),
                "created_at": rfc3339(T0 + i as i64 * 300 + k as i64 * 600),
                "text": text,
                "lang": "ar",
                "hashtags": ["#لا_للعملاء", "#الحقيقة"],
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    out.push_str("{\"platform\":\"x\",\"post_id\":\"bad1\",\"author\":\"a\",\"created_at\":\"23/11/2026\"}\n");
    out.push_str("this is not json\n");
    out.push_str("{\"platform\":\"x\",\"post_id\":\"bad3\",\"created_at\":\"2026-11-23T10:00:00Z\"}\n");
    out
}

fn unrelated_csv() -> String {
    let mut out = String::from("platform,post_id,author,created_at,text,lang\n");
    let texts = [
        "Les inscriptions à l'atelier de printemps ferment vendredi soir à minuit",
        "rain is expected over the northern coast tomorrow with strong winds",
        "اجتماع المجلس البلدي يوم الخميس لمناقشة ميزانية المدارس والطرق",
    ];
    for (i, text) in texts.iter().enumerate() {
        for k in 0..3 {
            out.push_str(&format!("x,u{i}-{k},user{i}{k},{},\"{text}\",\n", rfc3339(T0 + 100 * k)));
        }
    }
    out
}

fn journey(database: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let jsonl = dir.path().join("campaign.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&jsonl).unwrap(), flate2::Compression::default());
    gz.write_all(campaign_jsonl().as_bytes()).unwrap();
    gz.finish().unwrap();
    let csv = dir.path().join("other.csv");
    std::fs::write(&csv, unrelated_csv()).unwrap();

    let out =
        run(&data, database, &["import", "observations", "--json", jsonl.to_str().unwrap(), csv.to_str().unwrap()]);
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary[0]["taken"], 14);
    assert_eq!(summary[0]["stored"], 14);
    assert_eq!(summary[0]["skipped"], 3);
    let lines: Vec<u64> =
        summary[0]["first_errors"].as_array().unwrap().iter().map(|e| e["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, vec![15, 16, 17]);
    assert_eq!(summary[1]["stored"], 9);

    // Importing again stores nothing new.
    let out = run(&data, database, &["import", "observations", jsonl.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("0 stored, 14 already imported"), "{text}");

    // A missing file is an error that names it, after the others were imported.
    let out = run(&data, database, &["import", "observations", csv.to_str().unwrap(), "/nonexistent/posts.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/posts.jsonl"));

    // `--data` selects the instance, as for `serve`.
    let out = run(&data, database, &["campaigns", "detect", "--format", "json", "--data", data.to_str().unwrap()]);
    assert!(out.status.success());
    let campaigns: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(campaigns.len(), 1, "{campaigns:?}");
    let accounts: Vec<&str> =
        campaigns[0]["accounts"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    let expected: Vec<String> = (0..7).map(|i| format!("@troll{i}")).collect();
    assert_eq!(accounts, expected);
    let posts = campaigns[0]["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 14);
    assert!(posts.iter().all(|p| p[1].as_str().unwrap().starts_with('c')));
    let first_id = campaigns[0]["id"].as_i64().unwrap();

    // A second run continues the same campaign (same id) and reuses the signatures.
    let out = run(&data, database, &["campaigns", "detect"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(0 texts signed in this run)"), "{text}");
    let out = run(&data, database, &["campaigns", "list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(listed["id"].as_i64(), Some(first_id));

    // Bad settings are refused before anything runs.
    let out = run(&data, database, &["campaigns", "detect", "--threshold", "1.5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threshold"));
}

#[test]
fn import_and_detect_on_sqlite() {
    journey(None);
}

#[tokio::test(flavor = "multi_thread")]
async fn import_and_detect_on_postgresql() {
    let Some(db) = PgDatabase::create("campaigns").await else { return };
    db.run(|url| async move {
        tokio::task::spawn_blocking(move || journey(Some(&url))).await.unwrap();
    })
    .await;
}
