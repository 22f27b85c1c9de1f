//! Nothing lost: every report that got a receipt survives `kill -9` of the server in
//! the middle of a burst of submissions, and opens after a restart. Then the audit
//! trail is exported from the command line.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(data: &Path) -> (Server, Option<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .env_remove("VIGIE_DATABASE_URL")
        .env("VIGIE_LOG", "warn")
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--reports-per-address-per-hour",
            "100000",
            "--follows-per-address-per-hour",
            "100000",
            "--data",
        ])
        .arg(data)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = lines.next().unwrap().unwrap().trim_start_matches("Vigie listening on ").to_owned();
    let second = lines.next().unwrap().unwrap();
    let link = second
        .find("/setup?token=")
        .and(second.find("http://"))
        .map(|i| second[i..].split_whitespace().next().unwrap().to_owned());
    std::thread::spawn(move || for _ in lines {});
    (Server { child, base }, link)
}

async fn set_up(base: &str, link: &str) {
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let html = client.get(link).send().await.unwrap().text().await.unwrap();
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let token = link.split("token=").nth(1).unwrap();
    let form = [
        ("csrf", csrf.as_str()),
        ("token", token),
        ("org_name", "Réseau"),
        ("org_slug", "reseau"),
        ("display_name", "Admin"),
        ("username", "admin"),
        ("password", "a solid admin password"),
        ("password_confirm", "a solid admin password"),
    ];
    let r = client.post(format!("{base}/setup")).form(&form).send().await.unwrap();
    assert!(r.status().is_success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_receipted_report_survives_kill_9_during_a_burst() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (server, link) = start(&data);
    set_up(&server.base, &link.unwrap()).await;

    let receipts = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut tasks = vec![];
    for n in 0..16 {
        let base = server.base.clone();
        let receipts = receipts.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
            for i in 0.. {
                let body = serde_json::json!({
                    "incidents": ["harassment"],
                    "description": format!("Rapport {n}-{i} : messages insultants répétés"),
                });
                // Once the server is killed, requests fail: the burst ends there.
                let Ok(r) = client.post(format!("{base}/api/v1/reports")).json(&body).send().await else { break };
                if r.status() != reqwest::StatusCode::CREATED {
                    break;
                }
                let Ok(v) = r.json::<serde_json::Value>().await else { break };
                receipts.lock().unwrap().push(v["receipt"].as_str().unwrap().to_owned());
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mut server = server;
    server.child.kill().unwrap(); // SIGKILL, mid-burst
    server.child.wait().unwrap();
    for t in tasks {
        let _ = t.await;
    }
    let receipts = receipts.lock().unwrap().clone();
    assert!(receipts.len() >= 10, "the burst produced only {} receipts", receipts.len());
    eprintln!("{} reports received a receipt before kill -9", receipts.len());

    let (again, link) = start(&data);
    assert!(link.is_none(), "setup survived too");
    let client = reqwest::Client::new();
    for code in &receipts {
        let r = client
            .post(format!("{}/api/v1/follow", again.base))
            .json(&serde_json::json!({ "code": code }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), reqwest::StatusCode::OK, "receipt {code} lost after kill -9");
    }
    drop(again);

    // The audit trail, exported from the command line beside the stopped server.
    let out = dir.path().join("audit.jsonl");
    let export = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["audit", "export", "--data"])
        .arg(&data)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    let events: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let opened = events.iter().filter(|e| e["kind"] == "opened").count();
    assert!(opened >= receipts.len(), "{opened} opened events for {} receipts", receipts.len());
    assert!(events.iter().all(|e| e["at"].as_str().unwrap().ends_with('Z')));
    assert!(!text.contains("messages insultants"), "the audit trail holds no sealed content");
    let again = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["audit", "export", "--data"])
        .arg(&data)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!again.status.success(), "an existing file is never overwritten");
}
