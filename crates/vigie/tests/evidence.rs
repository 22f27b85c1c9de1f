//! The evidence vault end to end with the real binary: a member adds a file, a post and
//! a capture of a local page from the command line while the server runs, exports the
//! case's bundle, and `vigie verify` checks it offline, catches one changed byte, and
//! witnesses the live server's log. Nothing of the evidence is in clear in the data
//! folder. On SQLite and on PostgreSQL.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use sha2::{Digest, Sha256};

mod support;
use support::{PgDatabase, run, vigie};

const PW: &str = "une phrase de passe solide";

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(data: &Path, database: Option<&str>) -> (Server, String) {
    let mut cmd = vigie(data, database);
    cmd.args(["serve", "--listen", "127.0.0.1:0"]).stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = lines.next().unwrap().unwrap().strip_prefix("Vigie listening on ").unwrap().to_owned();
    let second = lines.next().unwrap().unwrap();
    let link = second.split_whitespace().find(|w| w.contains("/setup?token=")).unwrap_or_default().to_owned();
    std::thread::spawn(move || for _ in lines {});
    (Server(child, base), link)
}

/// Setup through the form; a report opens case 1.
async fn set_up(base: &str, link: &str) {
    let c = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let csrf = |html: &str| html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let page = c.get(link).send().await.unwrap().text().await.unwrap();
    let token = link.split("token=").nth(1).unwrap();
    let form = [
        ("csrf", csrf(&page)),
        ("token", token.into()),
        ("org_name", "Ligue".into()),
        ("org_slug", "ligue".into()),
        ("display_name", "Awa".into()),
        ("username", "awa".into()),
        ("password", PW.into()),
        ("password_confirm", PW.into()),
    ];
    assert!(c.post(format!("{base}/setup")).form(&form).send().await.unwrap().status().is_success());
    let page = c.get(format!("{base}/report")).send().await.unwrap().text().await.unwrap();
    let form = [
        ("csrf", csrf(&page)),
        ("incident", "defamation".into()),
        ("platform", "x".into()),
        ("description", "Une campagne contre moi.".into()),
        ("contact_by", "none".into()),
        ("website", "".into()),
    ];
    assert!(c.post(format!("{base}/report")).form(&form).send().await.unwrap().status().is_success());
}

async fn local_page() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                use tokio::io::{AsyncReadExt, AsyncWriteExt};
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let body = "<title>Page diffamatoire</title>LIVE-PAGE-WORDS";
                let reply =
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}/diffamation")
}

fn walk(dir: &Path, out: &mut Vec<u8>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { walk(&p, out) } else { out.extend(std::fs::read(&p).unwrap()) }
    }
}

fn contains(h: &[u8], n: &[u8]) -> bool {
    h.windows(n.len()).any(|w| w == n)
}

async fn vault(database: Option<&str>) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (server, link) = start(&data, database);
    set_up(&server.1, &link).await;
    let pw = dir.path().join("pw");
    std::fs::write(&pw, PW).unwrap();
    let pw = pw.to_str().unwrap();
    let member = ["--case", "1", "--user", "awa", "--password-file", pw];

    let evidence = dir.path().join("capture-ecran.png");
    let mut content = b"\x89PNG\r\n\x1a\n".to_vec();
    content.extend(b"SCREENSHOT-OF-THE-THREAT ".repeat(20_000));
    std::fs::write(&evidence, &content).unwrap();
    let out = run(vigie(&data, database), &[&["evidence", "add"][..], &member, &[evidence.to_str().unwrap()]].concat());
    assert!(out.status.success());
    let sha = hex(&Sha256::digest(&content));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&sha));
    let post = ["--platform", "x", "--url", "https://x.example/t/1", "--author", "@t", "--text", "POST-TEXT-SECRET"];
    assert!(run(vigie(&data, database), &[&["evidence", "post"][..], &member, &post].concat()).status.success());
    let url = local_page().await;
    let out = run(vigie(&data, database), &[&["capture", url.as_str()][..], &member].concat());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("title: Page diffamatoire"));
    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "not the password").unwrap();
    let bad = ["--case", "1", "--user", "awa", "--password-file", wrong.to_str().unwrap()];
    assert!(!run(vigie(&data, database), &[&["evidence", "list"][..], &bad].concat()).status.success());
    let listed = run(vigie(&data, database), &[&["evidence", "list"][..], &member].concat());
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(listed.contains(&sha) && listed.contains("capture") && listed.contains("post"), "{listed}");

    let bundle = dir.path().join("case-1.tar");
    let out =
        run(vigie(&data, database), &[&["export", "bundle", "-o", bundle.to_str().unwrap()][..], &member].concat());
    assert!(out.status.success());
    let verify = run(vigie(&data, database), &["verify", bundle.to_str().unwrap()]);
    assert!(verify.status.success());
    let text = String::from_utf8_lossy(&verify.stdout).into_owned();
    assert!(text.contains("capture-ecran.png") && text.contains(&sha[..8]), "{text}");

    // The server's log grows; the bundle's head is still a prefix of it.
    assert!(run(vigie(&data, database), &[&["evidence", "post"][..], &member, &post].concat()).status.success());
    let witnessed = run(vigie(&data, database), &["verify", bundle.to_str().unwrap(), "--against", &server.1]);
    assert!(witnessed.status.success());
    let said = String::from_utf8_lossy(&witnessed.stdout).into_owned();
    // The verdict and the witness each on a line of their own.
    assert!(said.lines().any(|l| l.starts_with("VERIFIED: ") && l.ends_with("(signing key not pinned)")), "{said}");
    assert!(said.lines().any(|l| l.starts_with("witness ok against ")), "{said}");

    // One changed byte of the evidence file is caught, and named.
    let mut tar = std::fs::read(&bundle).unwrap();
    let at = tar.windows(25).position(|w| w == b"SCREENSHOT-OF-THE-THREAT ").unwrap();
    tar[at + 1000] ^= 0x20;
    let tampered = dir.path().join("tampered.tar");
    std::fs::write(&tampered, &tar).unwrap();
    let out = run(vigie(&data, database), &["verify", tampered.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("capture-ecran.png"));

    // Nothing of the evidence in clear in the data folder (SQLite and blobs).
    drop(server);
    let mut all = Vec::new();
    walk(&data, &mut all);
    for needle in [
        &b"SCREENSHOT-OF-THE-THREAT"[..],
        b"POST-TEXT-SECRET",
        b"LIVE-PAGE-WORDS",
        sha.as_bytes(),
        &Sha256::digest(&content)[..],
    ] {
        assert!(!contains(&all, needle), "{:?} in clear", String::from_utf8_lossy(needle));
    }
    all
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn evidence_from_the_command_line_to_a_verified_bundle_on_sqlite() {
    vault(None).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn evidence_from_the_command_line_to_a_verified_bundle_on_postgresql() {
    let Some(db) = PgDatabase::create("evidence").await else { return };
    // In the test's own task: the capture's local page is served by the runtime's other
    // threads while `vigie` runs.
    vault(Some(&db.url)).await;
    db.remove().await;
}
