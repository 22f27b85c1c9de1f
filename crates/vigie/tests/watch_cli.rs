//! The watch commands with the real binary: every OONI measurement of the shared data
//! imported (and re-imported, stored once), the STOP sample in and out of the database,
//! and the network's own probe measuring local pages, queuing while the server is down
//! and uploading once it is back. OONI and STOP on SQLite and PostgreSQL; the probe on
//! SQLite. Without the shared data folder the data tests say why they skip, except on CI.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use reqwest::StatusCode;
use serde_json::Value;

mod support;
use support::{Browser, PgDatabase, Server, run, vigie};

const ADMIN_PW: &str = "une phrase de passe solide";

// ---------------------------------------------------------------------------------------
// Helpers (patterns of e2e.rs and evidence.rs)

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `$VIGIE_SHARED_DATA`, or the first `shared/data` found walking up from this crate.
fn shared_data() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("VIGIE_SHARED_DATA") {
        return Some(PathBuf::from(dir));
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().map(|a| a.join("shared").join("data")).find(|p| p.is_dir())
}

/// A file or folder of the shared data, or `None` (skip) with the reason printed; a
/// failure under `CI=true`.
fn data_path(relative: &str) -> Option<PathBuf> {
    let path = shared_data().map(|d| d.join(relative)).filter(|p| p.exists());
    if path.is_none() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{relative} is missing (set VIGIE_SHARED_DATA)");
        eprintln!("SKIPPED: {relative} not found (set VIGIE_SHARED_DATA to the shared `data` folder)");
    }
    path
}

// ---------------------------------------------------------------------------------------
// 1. OONI: the whole shared folder, twice, and a missing path

fn import_ooni(data: &Path, database: Option<&str>, paths: &[&Path]) -> (Output, Value) {
    let mut args = vec!["import", "ooni", "--json"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let out = run(vigie(data, database), &args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)));
    (out, json)
}

fn file_names(list: &Value) -> Vec<String> {
    let mut names: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| Path::new(p.as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

async fn ooni_import(database: Option<&str>) {
    let Some(ooni) = data_path("ooni") else { return };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    let (out, first) = import_ooni(&data, database, &[&ooni]);
    assert!(out.status.success(), "{}", stderr(&out));
    let paths = first["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 1);
    let p = &paths[0];
    assert_eq!(p["path"], ooni.to_str().unwrap());
    assert_eq!(p["error"], Value::Null);
    // 46 measurement files in real-measurements (51 files, 5 left aside), the 50 lab
    // scenarios, and the JSONL file.
    assert_eq!(p["files"], 97, "{p}");
    assert_eq!(
        file_names(&p["skipped_files"]),
        [
            "LICENSE.md",
            "binary_city.yaml",
            "dns_n_http_bin_body.yaml",
            "http_invalid_request_line.yaml",
            "report1.json.pretty",
        ],
        "the YAML reports, the licence and the pretty-printed copy are not measurement files"
    );
    // 46 + 50 single documents + 16 JSONL lines.
    assert_eq!(p["read"], 112, "{p}");
    assert_eq!(p["classified"], 108, "{p}");
    let by_outcome: BTreeMap<String, u64> = serde_json::from_value(p["by_outcome"].clone()).unwrap();
    assert_eq!(
        by_outcome,
        BTreeMap::from([("anomaly".into(), 46), ("confirmed".into(), 7), ("failure".into(), 8), ("ok".into(), 47)]),
        "{p}"
    );
    assert_eq!(by_outcome.values().sum::<u64>(), 108);
    // The fingerprint lists and the detector's metadata dump are read as documents and
    // dropped as not measurements; meek3.json has no country (ZZ).
    let dropped: BTreeMap<String, u64> = serde_json::from_value(p["dropped_by_reason"].clone()).unwrap();
    assert_eq!(dropped, BTreeMap::from([("not_a_measurement".into(), 3), ("unknown_country".into(), 1)]), "{p}");
    let errors: Vec<&str> = p["first_errors"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    for name in ["fingerprints_dns.json", "fingerprints_http.json", "detector_query_ww_BR_2018.json"] {
        assert!(
            errors.iter().any(|e| e.contains(&format!("/{name}:1: not a measurement"))),
            "{name} is named as not a measurement: {errors:?}"
        );
    }
    assert!(errors.iter().any(|e| e.contains("meek3.json:1: unknown country")), "{errors:?}");
    assert_eq!(errors.len(), 4);
    // Stored once each: the JSONL repeats 16 of the real measurements, and report1.json /
    // report1blocked.json and report2.json / report2blocked.json share their report,
    // input and start time (the *blocked files are edited copies): 108 − 16 − 2 = 90.
    // The lab scenarios have no measurement_uid and an empty report_id: each is told
    // apart by its own bytes, so all 50 are stored.
    let stored_first = p["stored"].as_u64().unwrap();
    assert_eq!(stored_first, 90, "{p}");
    let detection = &first["detection"];
    assert!(detection["countries"].as_u64().unwrap() >= 20, "{detection}");
    for key in ["events_opened", "events_closed", "disruptions_proposed"] {
        assert!(detection[key].is_u64(), "{detection}");
    }
    // The shared measurements date from 2014 to 2025: older than the 30 days detection
    // reads, so the import says which period to analyse, and that analysis runs.
    let older = &first["older"];
    assert_eq!(older["count"], 90 + 16 + 2, "every classified measurement is old: {older}");
    let (from, to) = (older["from"].as_str().unwrap(), older["to"].as_str().unwrap());
    assert!(from.starts_with("201") && from < to, "{older}");
    let out = run(vigie(&data, database), &["watch", "refresh", "--from", from, "--to", to]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("countries checked"), "{}", stdout(&out));
    let bad = run(vigie(&data, database), &["watch", "refresh", "--from", "2020-02-30", "--to", "2020-03-01"]);
    assert!(!bad.status.success() && stderr(&bad).contains("is not a day"), "{}", stderr(&bad));

    // A second import reads and classifies the same and stores nothing.
    let (out, second) = import_ooni(&data, database, &[&ooni]);
    assert!(out.status.success(), "{}", stderr(&out));
    let q = &second["paths"][0];
    for key in ["files", "read", "classified", "by_outcome", "dropped_by_reason", "skipped_files"] {
        assert_eq!(q[key], p[key], "{key} differs on the second run");
    }
    assert_eq!(q["stored"], 0, "{q}");

    // A missing path is named and the command fails, after importing the other paths: a
    // new measurement (a lab scenario under another report id) is stored.
    let missing = dir.path().join("no-such-folder");
    let extra = dir.path().join("extra.json");
    let mut doc: Value =
        serde_json::from_slice(&std::fs::read(ooni.join("wc-lab-scenarios/successWithHTTP.json")).unwrap()).unwrap();
    doc["report_id"] = "20240212T203347Z_webconnectivity_IT_30722_n1_watchcliextra".into();
    std::fs::write(&extra, serde_json::to_vec(&doc).unwrap()).unwrap();
    let (out, third) = import_ooni(&data, database, &[&ooni, &missing, &extra]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains(missing.to_str().unwrap()), "the missing path is named: {}", stderr(&out));
    assert!(stderr(&out).contains("the other paths were imported"), "{}", stderr(&out));
    let paths = third["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 3);
    assert_eq!(paths[0]["read"], p["read"]);
    assert_eq!(paths[0]["stored"], 0);
    assert_eq!(paths[1]["path"], missing.to_str().unwrap());
    assert!(paths[1]["error"].as_str().unwrap().contains("No such file"), "{}", paths[1]);
    assert_eq!(paths[1]["read"], 0);
    assert_eq!((&paths[2]["read"], &paths[2]["stored"]), (&1.into(), &1.into()), "{}", paths[2]);
    assert_eq!(paths[2]["by_outcome"]["ok"], 1);
    assert!(third["detection"].is_object());
    eprintln!("ooni import on {}: {:?}", if database.is_some() { "PostgreSQL" } else { "SQLite" }, started.elapsed());
}

#[tokio::test]
async fn ooni_import_of_all_shared_data_on_sqlite() {
    ooni_import(None).await;
}

#[tokio::test]
async fn ooni_import_of_all_shared_data_on_postgresql() {
    if data_path("ooni").is_none() {
        return;
    }
    let Some(db) = PgDatabase::create("ooni").await else { return };
    db.run(|url| async move { ooni_import(Some(&url)).await }).await;
}

// ---------------------------------------------------------------------------------------
// 2. STOP: in and out

/// The records of a CSV file, as their raw text (a record may span lines inside quotes).
fn csv_records(bytes: &[u8]) -> Vec<&[u8]> {
    let mut records = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                records.push(&bytes[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < bytes.len() {
        records.push(&bytes[start..]);
    }
    records
}

async fn stop_round_trip(database: Option<&str>) {
    let Some(csv) = data_path("stop/stop_2016-2020.csv") else { return };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let original = std::fs::read(&csv).unwrap();

    let out = run(vigie(&data, database), &["import", "stop", "--json", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["file"], csv.to_str().unwrap());
    assert_eq!(report["records"], 793);
    assert_eq!(report["unreadable"], Value::Array(vec![]), "every row of the sample has its 47 columns");
    let issues = report["issues"].as_array().unwrap();
    let per_column: BTreeMap<String, usize> = serde_json::from_value(report["issues_per_column"].clone()).unwrap();
    assert!(!issues.is_empty());
    assert_eq!(per_column.values().sum::<usize>(), issues.len(), "{per_column:?}");
    for column in ["country", "duration", "end_date"] {
        assert!(per_column.get(column).is_some_and(|n| *n > 0), "dirty {column} cells are reported: {per_column:?}");
    }
    // Rows as a spreadsheet numbers them: the header is row 1, the records rows 2 to 794.
    for i in issues {
        assert!((2..=794).contains(&i["row"].as_u64().unwrap()), "{i}");
        assert!(i["column"].is_string() && i["value"].is_string() && i["problem"].is_string(), "{i}");
    }
    assert!(
        issues.iter().any(|i| i["column"] == "country" && i["value"] == "Somaliland"),
        "a country without an ISO code is kept as written and reported"
    );
    assert!(issues.iter().any(|i| i["column"] == "duration" && i["problem"] == "a negative duration"));

    let exported = dir.path().join("out.csv");
    let out = run(vigie(&data, database), &["export", "stop", "-o", exported.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("793 records written"), "{}", stderr(&out));
    let written = std::fs::read(&exported).unwrap();
    // Same header and the same 793 records, each byte for byte...
    let (mut ours, mut theirs) = (csv_records(&written), csv_records(&original));
    assert_eq!(ours.len(), 794);
    assert_eq!(ours[0], theirs[0], "the header");
    ours.sort();
    theirs.sort();
    assert!(ours == theirs, "every record comes out exactly as it went in");
    // ... and in the order of the file: the sample comes back byte for byte.
    let first_difference = written.iter().zip(&original).position(|(a, b)| a != b);
    assert!(written == original, "the export differs from the imported file from byte {first_difference:?}");
    // Importing the same file again stores nothing: a row equal in all 47 fields to a
    // record stored before is the same row (STOP rows have no identifier).
    let out = run(vigie(&data, database), &["import", "stop", "--json", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (again["records"].as_u64(), again["stored"].as_u64(), again["already_imported"].as_u64()),
        (Some(793), Some(0), Some(793))
    );
    let out = run(vigie(&data, database), &["export", "stop", "-o", exported.to_str().unwrap()]);
    assert!(stderr(&out).contains("793 records written"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&exported).unwrap(), original);

    eprintln!(
        "STOP round trip on {}: {:?}",
        if database.is_some() { "PostgreSQL" } else { "SQLite" },
        started.elapsed()
    );
}

#[tokio::test]
async fn stop_round_trip_through_the_cli_on_sqlite() {
    stop_round_trip(None).await;
}

#[tokio::test]
async fn stop_round_trip_through_the_cli_on_postgresql() {
    if data_path("stop/stop_2016-2020.csv").is_none() {
        return;
    }
    let Some(db) = PgDatabase::create("stop").await else { return };
    db.run(|url| async move { stop_round_trip(Some(&url)).await }).await;
}

// ---------------------------------------------------------------------------------------
// 3. The probe: local pages, an outage of the server, upload after it

fn start(data: &Path, listen: &str) -> Server {
    support::start(data, None, listen)
}

/// The admin logs in through the login form.
async fn log_in(b: &Browser) {
    let (status, location, _) = b.submit("/login", "/login", &[("username", "awa"), ("password", ADMIN_PW)]).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/"));
}

/// The first admin, through the setup form.
async fn set_up(server: &Server) {
    let link = server.setup_link.clone().expect("first start prints a setup link");
    let token = link.split("token=").nth(1).unwrap();
    let b = Browser::new(&server.base);
    let fields = [
        ("token", token),
        ("org_name", "Ligue"),
        ("org_slug", "ligue"),
        ("display_name", "Awa"),
        ("username", "awa"),
        ("password", ADMIN_PW),
        ("password_confirm", ADMIN_PW),
    ];
    let (status, _, html) = b.submit(&format!("/setup?token={token}"), "/setup", &fields).await;
    assert_eq!(status, StatusCode::OK, "{html}");
}

/// A page served on loopback from a thread, for as long as the test runs.
fn local_page() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut socket in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf);
                let body = "<html><head><title>Journal libre</title></head><body>nouvelles</body></html>";
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes());
            });
        }
    });
    port
}

/// A DNS server on 127.0.0.1 (UDP) answering 127.0.0.1 to A questions for `names`, an
/// empty NOERROR to other questions about them, and NXDOMAIN for other names (the probe's
/// targets are told apart by host name on the server, so each needs its own name).
fn dns_server(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok((n, peer)) = socket.recv_from(&mut buf) {
            if let Some(reply) = dns_reply(&buf[..n], &names) {
                let _ = socket.send_to(&reply, peer);
            }
        }
    });
    addr
}

fn dns_reply(query: &[u8], names: &[String]) -> Option<Vec<u8>> {
    let mut at = 12;
    let mut labels = Vec::new();
    loop {
        let len = usize::from(*query.get(at)?);
        at += 1;
        if len == 0 {
            break;
        }
        labels.push(String::from_utf8_lossy(query.get(at..at + len)?).to_ascii_lowercase());
        at += len;
    }
    let qtype = u16::from_be_bytes([*query.get(at)?, *query.get(at + 1)?]);
    let mut out = query.get(..at + 4)?.to_vec();
    out[2] = 0x81; // response, RD
    out[3] = 0x80; // RA, NOERROR
    out[6..12].copy_from_slice(&[0, 0, 0, 0, 0, 0]);
    if !names.contains(&labels.join(".")) {
        out[3] |= 3; // NXDOMAIN
    } else if qtype == 1 {
        out[6..8].copy_from_slice(&1u16.to_be_bytes());
        out.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]);
    }
    Some(out)
}

/// A loopback port nobody listens on: connecting is refused.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn probe(dir: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.env_remove("VIGIE_PROBE_DIR").env("VIGIE_LOG", "warn");
    let mut all = vec!["probe"];
    all.extend_from_slice(&args[..1]);
    all.extend_from_slice(&["--dir", dir.to_str().unwrap()]);
    all.extend_from_slice(&args[1..]);
    run(c, &all)
}

/// `sent`, `refused` and `still queued` from the probe's upload line.
fn upload_counts(out: &Output) -> (u64, u64, u64) {
    let text = stdout(out);
    let line = text.lines().find(|l| l.contains(" uploaded, ")).unwrap_or_else(|| panic!("{text}"));
    let n: Vec<u64> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert_eq!(n.len(), 3, "{line}");
    (n[0], n[1], n[2])
}

#[tokio::test(flavor = "multi_thread")]
async fn probe_measures_local_blocking_and_uploads_after_an_outage() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let probe_dir = dir.path().join("probe");
    let dns = dns_server(&["journal.test", "bloque.test"]);
    let good = format!("http://journal.test:{}/", local_page());
    let refused = format!("http://bloque.test:{}/", closed_port());

    let server = start(&data, "127.0.0.1:0");
    set_up(&server).await;
    let admin = Browser::new(&server.base);
    log_in(&admin).await;

    // The admin sets the probes' targets and issues an enrolment token.
    let list = format!("# the network's list\n{good}\n{refused}\nexample.org\n");
    let (status, location, html) = admin.submit("/watch/probes", "/watch/targets", &[("targets", &list)]).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/watch/probes"), "{html}");
    let (status, _, html) = admin.submit("/watch/probes", "/watch/probes/token", &[]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let token = html
        .split("<code class=\"token\"")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, s)| s.split_once('<'))
        .map(|(t, _)| t.trim().to_owned())
        .unwrap_or_else(|| panic!("an enrolment token is shown: {html}"));
    assert!(!token.is_empty());

    let out = probe(&probe_dir, &["enrol", "--server", &server.base, "--token", &token, "--name", "lome-1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("on {}", server.base)));
    let out = probe(&probe_dir, &["targets"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().collect::<Vec<_>>(), [good.as_str(), refused.as_str(), "example.org"]);

    // The server goes away: the probe measures, queues, and cannot upload.
    let listen = server.base.trim_start_matches("http://").to_owned();
    drop(server);
    let targets = dir.path().join("targets.txt");
    std::fs::write(&targets, format!("{good}\n{refused}\n")).unwrap();
    let run_args = ["run", "--country", "TG", "--asn", "AS37303", "--timeout", "3", "--resolver", &dns, "--targets"];
    let out = probe(&probe_dir, &[&run_args[..], &[targets.to_str().unwrap()]].concat());
    assert!(out.status.success(), "an unreachable server is not an error: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("{good}\tNotBlocked\taccessible: true")), "{text}");
    assert!(text.contains(&format!("{refused}\tTcpIp\taccessible: false")), "{text}");
    assert_eq!(upload_counts(&out), (0, 0, 2));
    let out = probe(&probe_dir, &["upload"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(upload_counts(&out), (0, 0, 2), "still queued while the server is down");
    assert!(stdout(&out).contains("queued results are kept"));

    // Back on the same data folder and the same address (the enrolment in probe.json
    // still points to it): everything is sent exactly once.
    let server = start(&data, &listen);
    assert!(server.setup_link.is_none());
    let out = probe(&probe_dir, &["upload"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(upload_counts(&out), (2, 0, 0));
    let out = probe(&probe_dir, &["upload"]);
    assert_eq!(upload_counts(&out), (0, 0, 0), "nothing is sent twice");

    // The server holds both measurements with their outcomes.
    let admin = Browser::new(&server.base);
    log_in(&admin).await;
    // Under /api/ a session cookie needs the page's CSRF token in a header.
    let (_, page) = admin.get("/account").await;
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let r = admin
        .client
        .get(format!("{}/api/v1/watch/countries/TG", server.base))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    let (status, body) = (r.status(), r.text().await.unwrap());
    assert_eq!(status, StatusCode::OK, "{body}");
    let picture: Value = serde_json::from_str(&body).unwrap();
    let targets = picture["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 2, "{picture}");
    // The server keeps the host name of a probe's input as its target (as for OONI's
    // web_connectivity, by domain: the port and path are not part of it).
    let of = |host: &str| targets.iter().find(|t| t["target"] == host).unwrap_or_else(|| panic!("{host} in {picture}"));
    let (ok, blocked) = (of("journal.test"), of("bloque.test"));
    for t in [ok, blocked] {
        assert_eq!(t["asn"], 37303);
        assert_eq!(t["test_name"], "vigie_web_connectivity");
        assert_eq!(t["measurements"], 1);
    }
    assert_eq!(ok["blocked"], 0, "{ok}");
    assert_eq!(blocked["blocked"], 1, "{blocked}");
    let hours = picture["hours"].as_array().unwrap();
    let sum = |key: &str| hours.iter().map(|h| h[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!((sum("total"), sum("ok"), sum("blocked"), sum("failure")), (2, 1, 1, 0), "{picture}");
    // The country page names the layer of the anomaly.
    let (status, page) = admin.get("/watch/TG?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    let row = page.split("<tr>").find(|r| r.contains("bloque.test")).unwrap_or_else(|| panic!("listed: {page}"));
    assert!(row.contains("TCP/IP"), "the refused port is an anomaly at the tcp_ip layer: {row}");
    assert!(row.contains("1 / 1"), "{row}");
    assert!(!page.contains("journal.test"), "the page that answered is not among the blocked targets");
    eprintln!("probe test: {:?}", started.elapsed());
}
