//! `vigie watch detect` on a generated signal: one JSON line per outage event, bad rows
//! reported with their line number, an unreadable file refused.

use std::fmt::Write as _;
use std::process::{Command, Output};

fn vigie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie")).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const T0: i64 = 1_563_580_800; // 2019-07-20T00:00:00Z

/// Hourly `time,region,value`: Zulia at 100 with a step down to 30 from hour 72 to 77,
/// Lara flat at 50 throughout, and one bad row.
fn signal() -> String {
    let mut csv = String::from("time,region,value\n");
    for h in 0..120 {
        let zulia = if (72..78).contains(&h) { 30 } else { 100 + h % 3 };
        writeln!(csv, "{},Zulia,{zulia}", T0 + h * 3600).unwrap();
        writeln!(csv, "{},Lara,50", T0 + h * 3600).unwrap();
    }
    csv.push_str("2019-07-25T00:00:00Z,Lara,lots\n");
    csv
}

#[test]
fn a_step_down_is_printed_as_one_json_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("signal.csv");
    std::fs::write(&file, signal()).unwrap();
    let out = vigie(&["watch", "detect", "--signal", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{text}");
    let e = &lines[0];
    assert_eq!(e["region"], "Zulia");
    assert_eq!(e["start"], "2019-07-23T00:00:00Z");
    assert_eq!(e["end"], "2019-07-23T06:00:00Z");
    assert_eq!(e["points"], 6);
    let severity = e["severity"].as_f64().unwrap();
    assert!((severity - 6.0 * 0.7).abs() < 0.1, "six hours at 30 % of ~101: {severity}");
    assert!(e["min_ratio"].as_f64().unwrap() < 0.31);
    assert!(stderr(&out).contains("line 242"), "the bad row is named: {}", stderr(&out));

    // A stricter ratio sees nothing; the step is at 30 %.
    let out = vigie(&["watch", "detect", "--signal", file.to_str().unwrap(), "--ratio", "0.2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn other_column_names_and_local_epochs_are_read_with_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ven.csv");
    let renamed = signal().replacen("time,region,value", "time_e,name_1,connectivity", 1);
    std::fs::write(&file, renamed).unwrap();
    let out = vigie(&[
        "watch",
        "detect",
        "--signal",
        file.to_str().unwrap(),
        "--time-column",
        "time_e",
        "--region-column",
        "name_1",
        "--value-column",
        "connectivity",
        "--time-offset-hours",
        "-4",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let e: serde_json::Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(e["start"], "2019-07-23T04:00:00Z", "local epochs at UTC−4 are shifted by four hours");
}

#[test]
fn an_unreadable_file_or_header_is_a_clear_error() {
    let out = vigie(&["watch", "detect", "--signal", "/nonexistent/signal.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read /nonexistent/signal.csv"), "{}", stderr(&out));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "when,where,what\n1,A,1\n").unwrap();
    let out = vigie(&["watch", "detect", "--signal", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no column `time`"), "{}", stderr(&out));
}
