//! End to end: the real `vigie` binary on a random port with a temporary data folder,
//! driven over HTTP like a browser without JavaScript; then its command line.

use std::path::Path;
use std::process::Command;

use reqwest::StatusCode;

mod support;
use support::{Browser, Server};

const ADMIN_PW: &str = "une phrase de passe solide";
const RESP_PW: &str = "mot de passe du répondant";
const CONTACTS: &str = "Urgence : Mariam +227 90 12 34 56";
const REPORT: &str = "Une page Facebook me traite de traîtresse et publie mes photos.";

/// `vigie` without a data folder of its own (commands here pass `--data`).
fn vigie() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.env_remove("VIGIE_DATA").env_remove("VIGIE_DATABASE_URL").env_remove("VIGIE_CONFIG").env("VIGIE_LOG", "warn");
    c
}

fn start(data: &Path, database: Option<&str>) -> Server {
    support::start(data, database, "127.0.0.1:0")
}

fn bytes_of_data_dir(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in walk(dir) {
        all.extend(std::fs::read(entry).unwrap());
    }
    all
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn contains(h: &[u8], n: &[u8]) -> bool {
    h.windows(n.len()).any(|w| w == n)
}

/// The whole first-day journey; returns the recovery key shown at setup.
async fn journey(data: &Path, database: Option<&str>) -> String {
    let server = start(data, database);
    let link = server.setup_link.clone().expect("first start prints a setup link");
    assert!(link.contains("/setup?token="));
    let b = Browser::new(&server.base);

    // Setup through the HTML form, in Arabic.
    let (status, html) = b.get(&format!("{link}&lang=ar")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("dir=\"rtl\"") && !html.contains("<script"));
    let token = link.split("token=").nth(1).unwrap();
    let setup_page = format!("/setup?token={token}");
    let fields = [
        ("token", token),
        ("org_name", "رابطة المدافعين"),
        ("org_slug", "rabita"),
        ("display_name", "أمينة"),
        ("username", "amina"),
        ("password", ADMIN_PW),
        ("password_confirm", "something else entirely"),
    ];
    let (status, _, html) = b.submit(&setup_page, "/setup", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "mismatched passwords re-render the form");
    assert!(html.contains("كلمتا المرور مختلفتان"));
    let mut fields = fields;
    fields[6].1 = ADMIN_PW;
    let (status, _, html) = b.submit(&setup_page, "/setup", &fields).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let recovery = html.split("VIGIE-RK-").nth(1).expect("the recovery key is shown").split('<').next().unwrap();
    let recovery = format!("VIGIE-RK-{recovery}");
    // The link worked once.
    let (_, used) = b.get(&link).await;
    assert!(!used.contains("name=\"password\""));

    // Log in, add a responder, write sealed contacts, log out.
    let (status, location, _) = b.submit("/login", "/login", &[("username", "amina"), ("password", ADMIN_PW)]).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/"));
    let (_, home) = b.get("/?lang=fr").await;
    assert!(home.contains("Bienvenue, أمينة"), "{home}");
    let add =
        [("org_id", "1"), ("username", "kofi"), ("display_name", "Kofi"), ("role", "responder"), ("password", RESP_PW)];
    let (status, _, html) = b.submit("/admin/users", "/admin/users", &add).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Compte kofi ajouté (détient la clé)"), "{html}");
    let (status, location, _) = b.submit("/org", "/org/contacts", &[("contacts", CONTACTS)]).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/org"));
    assert!(b.get("/org").await.1.contains("+227 90 12 34 56"));
    let (status, location, _) = b.submit("/", "/logout", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/login"));
    assert_eq!(b.get("/org").await.0, StatusCode::SEE_OTHER, "logged out server-side");

    // The responder logs in and reads the organization's sealed contacts.
    let k = Browser::new(&server.base);
    let (status, _, _) = k.submit("/login", "/login", &[("username", "kofi"), ("password", RESP_PW)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(k.get("/org").await.1.contains("+227 90 12 34 56"));
    assert_eq!(k.get("/admin/users").await.0, StatusCode::FORBIDDEN);

    // Someone under attack reports without an account and gets a receipt code.
    let reporter = Browser::new(&server.base);
    let report = [
        ("incident", "defamation"),
        ("platform", "facebook"),
        ("description", REPORT),
        ("contact_by", "none"),
        ("website", ""),
    ];
    let (status, _, receipt) = reporter.submit("/report?lang=fr", "/report", &report).await;
    assert_eq!(status, StatusCode::OK, "{receipt}");
    let code = receipt.split("class=\"receipt\"").nth(1).unwrap().split('>').nth(1).unwrap()[..19].to_owned();
    drop(server);

    // Restarted, nothing is lost and no setup link is printed any more.
    let again = start(data, database);
    assert!(again.setup_link.is_none());
    let b = Browser::new(&again.base);
    b.submit("/login", "/login", &[("username", "amina"), ("password", ADMIN_PW)]).await;
    assert!(b.get("/org").await.1.contains("+227 90 12 34 56"));
    // The report that got a receipt survived the restart.
    let (status, _, page) = reporter_again(&again.base, &code).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("reçu, en attente de lecture"), "{page}");
    recovery
}

async fn reporter_again(base: &str, code: &str) -> (StatusCode, String, String) {
    Browser::new(base).submit("/follow?lang=fr", "/follow", &[("code", code)]).await
}

#[tokio::test]
async fn first_day_on_sqlite_setup_login_add_a_responder_logout() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    journey(&data, None).await;
    for f in ["instance-ed25519.key", "server-secret.key"] {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(data.join(f)).unwrap().permissions().mode() & 0o777, 0o600, "{f}");
    }
    let stored = bytes_of_data_dir(&data);
    assert!(contains(&stored, "رابطة المدافعين".as_bytes()), "the scan reads the database");
    for secret in [CONTACTS.as_bytes(), b"+227 90 12", ADMIN_PW.as_bytes(), RESP_PW.as_bytes(), REPORT.as_bytes()] {
        assert!(!contains(&stored, secret), "{:?} found in clear in the data folder", String::from_utf8_lossy(secret));
    }
}

#[tokio::test]
async fn first_day_on_postgresql() {
    let base =
        std::env::var("VIGIE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let admin = match sqlx::PgPool::connect(&base).await {
        Ok(p) => p,
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            return eprintln!("SKIPPED: no PostgreSQL at {base}: {e}");
        }
        Err(e) => panic!("PostgreSQL must be reachable under CI=true: {e}"),
    };
    let db = format!("vigie_e2e_{:016x}", rand::random::<u64>());
    sqlx::query(&format!("CREATE DATABASE {db}")).execute(&admin).await.unwrap();
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{db}"),
        None => unreachable!(),
    };
    let dir = tempfile::tempdir().unwrap();
    let recovery = journey(&dir.path().join("data"), Some(&url)).await;

    // The CLI works on the same PostgreSQL database, beside the server.
    let key_file = dir.path().join("recovery.txt");
    std::fs::write(&key_file, &recovery).unwrap();
    let pw_file = dir.path().join("pw.txt");
    std::fs::write(&pw_file, "a new member's password\n").unwrap();
    let out = vigie()
        .args([
            "user",
            "add",
            "--org",
            "rabita",
            "--username",
            "binta",
            "--role",
            "coordinator",
            "--database",
            &url,
            "--data",
        ])
        .arg(dir.path().join("data"))
        .arg("--password-file")
        .arg(&pw_file)
        .arg("--recovery-key-file")
        .arg(&key_file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("holds the organization key"));
    admin.close().await;
    let admin = sqlx::PgPool::connect(&base).await.unwrap();
    let _ = sqlx::query(&format!("DROP DATABASE {db} WITH (FORCE)")).execute(&admin).await;
}
