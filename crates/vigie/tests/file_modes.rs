//! File modes of the data folder, with the real binary under a permissive umask (the
//! umask is the process's, so each check runs `vigie` as a child through `sh -c umask`):
//! everything Vigie creates is owner-only, and `vigie serve` warns about a looser folder
//! it is given.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod support;
use support::{Browser, vigie};

const PW: &str = "une phrase de passe solide";

/// `inner` run by `sh` after `umask UMASK`, with the same arguments and environment.
fn under_umask(umask: &str, inner: &Command) -> Command {
    let mut c = Command::new("/bin/sh");
    c.arg("-c").arg(format!("umask {umask} && exec \"$0\" \"$@\"")).arg(inner.get_program()).args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c
}

/// Every path under `root`, itself included, with its mode.
fn modes_under(root: &Path) -> Vec<(PathBuf, u32)> {
    let mut found = vec![(root.to_path_buf(), std::fs::metadata(root).unwrap().permissions().mode() & 0o777)];
    for e in std::fs::read_dir(root).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            found.extend(modes_under(&p));
        } else {
            found.push((p.clone(), std::fs::metadata(&p).unwrap().permissions().mode() & 0o777));
        }
    }
    found
}

fn assert_owner_only(data: &Path) {
    let found = modes_under(data);
    let loose: Vec<_> = found.iter().filter(|(p, m)| *m != if p.is_dir() { 0o700 } else { 0o600 }).collect();
    assert!(loose.is_empty(), "not owner-only: {loose:?}");
}

struct Server(std::process::Child, String, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `vigie serve` under `umask`; its address and setup link.
fn serve(data: &Path, umask: &str) -> Server {
    let mut inner = vigie(data, None);
    inner.args(["serve", "--listen", "127.0.0.1:0"]);
    let mut child = under_umask(umask, &inner).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = lines.next().unwrap().unwrap().strip_prefix("Vigie listening on ").unwrap().to_owned();
    let second = lines.next().unwrap().unwrap();
    let link = second.split_whitespace().find(|w| w.contains("/setup?token=")).unwrap_or_default().to_owned();
    std::thread::spawn(move || for _ in lines {});
    Server(child, base, link)
}

#[tokio::test(flavor = "multi_thread")]
async fn everything_in_a_new_data_folder_is_owner_only_whatever_the_umask() {
    for umask in ["022", "002"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let server = serve(&data, umask);
        // Setup and a report: the database writes (-wal, -shm appear).
        let browser = Browser::new(&server.1);
        let token = server.2.split("token=").nth(1).unwrap().to_owned();
        let setup = [
            ("token", token.as_str()),
            ("org_name", "Ligue"),
            ("org_slug", "ligue"),
            ("display_name", "Awa"),
            ("username", "awa"),
            ("password", PW),
            ("password_confirm", PW),
        ];
        let (status, _, _) = browser.submit(&server.2, "/setup", &setup).await;
        assert!(status.is_success() || status.is_redirection(), "setup: {status}");
        let report = [
            ("incident", "defamation"),
            ("platform", "x"),
            ("description", "Une campagne contre moi."),
            ("contact_by", "none"),
            ("website", ""),
        ];
        let (status, _, _) = browser.submit("/report", "/report", &report).await;
        assert!(status.is_success() || status.is_redirection(), "report: {status}");
        // A file of evidence from the command line: the blob store writes.
        let pw = dir.path().join("pw");
        std::fs::write(&pw, PW).unwrap();
        let evidence = dir.path().join("capture.png");
        std::fs::write(&evidence, b"\x89PNG\r\n\x1a\nSCREENSHOT").unwrap();
        let mut add = vigie(&data, None);
        add.args(["evidence", "add", "--case", "1", "--user", "awa", "--password-file"]).arg(&pw).arg(&evidence);
        let out = under_umask(umask, &add).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

        let found = modes_under(&data);
        let names: Vec<String> =
            found.iter().map(|(p, _)| p.strip_prefix(&data).unwrap().display().to_string()).collect();
        for expected in ["vigie.db", "vigie.db-wal", "vigie.db-shm", "blobs", "instance-ed25519.key"] {
            assert!(names.iter().any(|n| n == expected), "{expected} missing: {names:?}");
        }
        assert!(found.iter().any(|(p, _)| p.starts_with(data.join("blobs")) && p.is_file()), "a blob: {names:?}");
        assert_owner_only(&data);
        drop(server);
        assert_owner_only(&data);
    }
}

#[test]
fn serve_warns_about_a_data_folder_others_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = vigie(&data, None);
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--log", "warn"]).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // The warning comes before the address is printed.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("Vigie listening on"), "{first:?}");
    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(log.contains("readable by other accounts"), "{log}");
    assert!(log.contains(&format!("{} (mode 755)", data.display())), "names the path and its mode: {log}");
    assert!(log.contains(&format!("chmod -R go= {}", data.display())), "says how to fix it: {log}");
    // The files created in it are owner-only all the same.
    let loose: Vec<_> =
        modes_under(&data).into_iter().filter(|(p, _)| p != &data).filter(|(_, m)| m & 0o077 != 0).collect();
    assert!(loose.is_empty(), "{loose:?}");
}
