//! The command line: accounts and organizations without the server, and clear errors
//! for bad input.

use std::path::Path;
use std::process::{Command, Output};

fn vigie(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .env_remove("VIGIE_DATA")
        .env_remove("VIGIE_DATABASE_URL")
        .env_remove("VIGIE_CONFIG")
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn organizations_and_users_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let out = vigie(&data, &["org", "add", "--name", "Ligue des défenseur·es", "--slug", "ligue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let recovery = text.lines().find_map(|l| l.trim().strip_prefix("VIGIE-RK-")).expect("recovery key printed");
    let key_file = dir.path().join("rk");
    std::fs::write(&key_file, format!("VIGIE-RK-{recovery}")).unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "a password of some length\n").unwrap();
    let pw = pw.to_str().unwrap();

    let out = vigie(&data, &["user", "add", "--org", "ligue", "--username", "kofi", "--password-file", pw]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("pending"), "without a key here the member waits: {}", stdout(&out));

    let out = vigie(
        &data,
        &[
            "user",
            "add",
            "--org",
            "ligue",
            "--username",
            "amina",
            "--role",
            "admin",
            "--password-file",
            pw,
            "--recovery-key-file",
            key_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("holds the organization key"));

    let out = vigie(&data, &["user", "add", "--org", "ligue", "--username", "kofi", "--password-file", pw]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let out = vigie(&data, &["user", "add", "--org", "nowhere", "--username", "x-user", "--password-file", pw]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no organization"), "{}", stderr(&out));

    let list = stdout(&vigie(&data, &["user", "list"]));
    assert!(
        list.contains("kofi") && list.contains("pending") && list.contains("amina") && list.contains("held"),
        "{list}"
    );

    let out = vigie(&data, &["user", "disable", "kofi"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&vigie(&data, &["user", "list", "--org", "ligue"])).contains("disabled"));
    let out = vigie(&data, &["user", "disable", "amina"]);
    assert!(!out.status.success(), "the last admin stays");

    let out = vigie(
        &data,
        &["user", "reset-password", "amina", "--password-file", pw, "--recovery-key-file", key_file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("holds the organization key"));
    let orgs = stdout(&vigie(&data, &["org", "list"]));
    assert!(orgs.contains("ligue") && orgs.contains("age1"));
}

#[test]
fn an_unreachable_database_is_a_clear_error_and_a_failing_exit() {
    let dir = tempfile::tempdir().unwrap();
    let out = vigie(
        &dir.path().join("d"),
        &["serve", "--listen", "127.0.0.1:0", "--database", "postgres://vigie:s3cret@127.0.0.1:1/vigie"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cannot connect to PostgreSQL"), "{err}");
    assert!(!err.contains("s3cret"), "the password must not be printed: {err}");
    let out = vigie(&dir.path().join("d"), &["serve", "--database", "mysql://x"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("unsupported database URL"));
}

#[test]
fn a_data_folder_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = vigie(&file.join("data"), &["serve", "--listen", "127.0.0.1:0"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("cannot create the data folder"), "{}", stderr(&out));
    let out = vigie(&file, &["serve", "--listen", "127.0.0.1:0"]);
    assert!(stderr(&out).contains("is not a folder"), "{}", stderr(&out));
}

#[test]
fn a_corrupted_key_file_stops_the_start_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    assert!(vigie(&data, &["org", "list"]).status.success(), "creates the instance");
    let key = data.join("instance-ed25519.key");
    std::fs::write(&key, "vigie-ed25519-v1:damaged!!").unwrap();
    let out = vigie(&data, &["serve", "--listen", "127.0.0.1:0"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&key).unwrap(), "vigie-ed25519-v1:damaged!!", "never overwritten");

    std::fs::write(data.join("server-secret.key"), "garbage").unwrap();
    std::fs::remove_file(&key).unwrap();
    let out = vigie(&data, &["org", "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("server secret file"), "{}", stderr(&out));
}

#[test]
fn configuration_comes_from_flags_then_environment_then_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("vigie.toml"), "session_idle_minutes = 0\n").unwrap();
    let out = vigie(&data, &["serve", "--listen", "127.0.0.1:0"]);
    assert!(stderr(&out).contains("session_idle_minutes must be between"), "the file is read: {}", stderr(&out));
    // The environment wins over the file, and fails validation differently.
    let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .env("VIGIE_SESSION_IDLE_MINUTES", "5000")
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(stderr(&out).contains("session_idle_minutes must be between"));
    std::fs::write(data.join("vigie.toml"), "listne = \"127.0.0.1:1\"\n").unwrap();
    let out = vigie(&data, &["serve"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("invalid configuration file"), "{}", stderr(&out));

    let out = vigie(&dir.path().join("other"), &["serve", "--deadlines", "critical=3d/1h"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("invalid deadlines"), "{}", stderr(&out));
    let example = Command::new(env!("CARGO_BIN_EXE_vigie")).args(["config", "example"]).output().unwrap();
    assert!(stdout(&example).contains("session_idle_minutes = 30"));
    let help = Command::new(env!("CARGO_BIN_EXE_vigie")).args(["serve", "--help"]).output().unwrap();
    for setting in [
        "--data",
        "--database",
        "--listen",
        "--behind-tls-proxy",
        "--session-idle-minutes",
        "--session-max-hours",
        "--max-body-kib",
        "--log",
        "--config",
        "VIGIE_DATABASE_URL",
    ] {
        assert!(stdout(&help).contains(setting), "serve --help does not document {setting}");
    }
}

#[test]
fn the_server_log_goes_to_standard_error_without_colour_codes_in_a_pipe() {
    use std::io::{BufRead, Read};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .env_remove("VIGIE_DATA")
        .env_remove("VIGIE_DATABASE_URL")
        .env_remove("VIGIE_CONFIG")
        .env_remove("NO_COLOR")
        .args(["serve", "--listen", "127.0.0.1:0", "--log", "info", "--data"])
        .arg(dir.path().join("d"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(first.starts_with("Vigie listening on"), "standard output carries only what scripts read: {first:?}");
    assert!(log.contains("instance opened"), "{log}");
    assert!(!log.contains("\x1b["), "colour codes in a pipe: {log:?}");
}

/// The server queues its recurring work as jobs at start; `vigie jobs` shows them and
/// refuses to requeue what is not dead.
#[test]
fn the_servers_recurring_jobs_are_queued_and_listed() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .env_remove("VIGIE_DATA")
        .env_remove("VIGIE_DATABASE_URL")
        .env_remove("VIGIE_CONFIG")
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("Vigie listening on"), "{first:?}");
    // Keep reading: a closed pipe would stop the server at its next line.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    // Run once at start, then rescheduled: all six pending again, a period ahead. Pending
    // with a run time already due is the state before the first run, not after it.
    let now = vigie_core::Timestamp(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64 + 30,
    )
    .rfc3339();
    let rescheduled = |listed: &str| {
        let rows: Vec<&str> = listed.lines().skip(3).collect();
        listed.starts_with("6 pending, 0 running, 0 dead")
            && rows.len() == 6
            && rows.iter().all(|r| r.split_whitespace().nth(3).is_some_and(|run_at| run_at > now.as_str()))
    };
    let mut listed = String::new();
    for _ in 0..100 {
        let out = vigie(&data, &["jobs", "list"]);
        assert!(out.status.success(), "{}", stderr(&out));
        listed = stdout(&out);
        if rescheduled(&listed) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(rescheduled(&listed), "{listed}");
    for kind in [
        "custody.sign_head",
        "watch.refresh",
        "network.paging",
        "sharing.peer_pull",
        "escalation.waiting",
        "network.digest",
    ] {
        assert!(listed.contains(kind), "{kind}: {listed}");
    }
    let dead = vigie(&data, &["jobs", "list", "--state", "dead"]);
    assert_eq!(stdout(&dead).trim(), "6 pending, 0 running, 0 dead", "no dead job, so no table");

    let out = vigie(&data, &["jobs", "requeue", "1"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("job 1: no dead job with this id"), "{}", stderr(&out));
    let out = vigie(&data, &["jobs", "list", "--limit", "0"]);
    assert!(!out.status.success(), "a limit of 0 is refused");
}
