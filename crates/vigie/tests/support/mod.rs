//! What the binary's tests share: the `vigie` command with a clean environment, running
//! it with its output shown, and a fresh PostgreSQL database per test (skipped with a
//! printed reason when PostgreSQL does not answer, except under `CI=true`).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use reqwest::StatusCode;

/// `vigie` with the data folder and database given, nothing inherited from the shell.
pub fn vigie(data: &Path, database: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.env_remove("VIGIE_DATA")
        .env_remove("VIGIE_DATABASE_URL")
        .env_remove("VIGIE_CONFIG")
        .env_remove("VIGIE_PROBE_DIR")
        .env("VIGIE_LOG", "warn");
    c.env("VIGIE_DATA", data);
    if let Some(db) = database {
        c.env("VIGIE_DATABASE_URL", db);
    }
    c
}

/// Runs a command to its end and prints what it said (shown when a test fails).
pub fn run(mut c: Command, args: &[&str]) -> Output {
    let out = c.args(args).output().unwrap();
    eprintln!(
        "vigie {args:?} → {:?}\n{}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A fresh PostgreSQL database for one test.
pub struct PgDatabase {
    admin: sqlx::PgPool,
    name: String,
    pub url: String,
}

impl PgDatabase {
    /// `None` (the test skips, saying why) when PostgreSQL does not answer, except under
    /// `CI=true`, where that fails the test.
    pub async fn create(test: &str) -> Option<Self> {
        let url =
            std::env::var("VIGIE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let Ok(admin) = sqlx::PgPool::connect(&url).await else {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "PostgreSQL must answer under CI=true");
            eprintln!("SKIPPED: no PostgreSQL at {url}");
            return None;
        };
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let name = format!("vigie_{test}_{}_{nanos:x}", std::process::id());
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
        let (base, _) = url.rsplit_once('/').expect("a database URL ends with /NAME");
        let url = format!("{base}/{name}");
        Some(Self { admin, name, url })
    }

    /// Drops the database (for tests that run in the test's own task: a panic before
    /// this leaves the database behind, named after the test and the process).
    pub async fn remove(self) {
        sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", self.name)).execute(&self.admin).await.unwrap();
    }

    /// Runs `test` on the database in a task of its own, then drops the database, also
    /// when `test` panics.
    pub async fn run<F: Future<Output = ()> + Send + 'static>(self, test: impl FnOnce(String) -> F) {
        let result = tokio::spawn(test(self.url.clone())).await;
        sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", self.name)).execute(&self.admin).await.unwrap();
        if let Err(e) = result {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}

/// `vigie serve` running in the background, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// The one-time setup link while setup is pending.
    pub setup_link: Option<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `vigie serve --listen ADDR` on a data folder (and a database) and reads the
/// address it prints.
pub fn start(data: &Path, database: Option<&str>, listen: &str) -> Server {
    let mut cmd = vigie(data, database);
    cmd.args(["serve", "--listen", listen]).stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().expect("the server prints its address").unwrap();
    let base = first
        .strip_prefix("Vigie listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    // The second line is the one-time setup link while setup is pending, else the login address.
    let second = lines.next().expect("a second line").unwrap();
    let setup_link = second
        .find("/setup?token=")
        .and_then(|_| second.find("http://"))
        .and_then(|i| second[i..].split_whitespace().next().map(str::to_owned));
    std::thread::spawn(move || for _ in lines {});
    Server { child, base, setup_link }
}

/// A browser without JavaScript: keeps cookies, does not follow redirects.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { client, base: base.to_owned() }
    }

    pub async fn get(&self, url: &str) -> (StatusCode, String) {
        let url = if url.starts_with("http") { url.to_owned() } else { format!("{}{url}", self.base) };
        let r = self.client.get(url).send().await.unwrap();
        (r.status(), r.text().await.unwrap())
    }

    /// Fetches `page`, then submits its form (with its CSRF token) to `action`.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> (StatusCode, String, String) {
        let (_, html) = self.get(page).await;
        let csrf = html.split("name=\"csrf\" value=\"").nth(1).expect("a form").split('"').next().unwrap().to_owned();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        let r = self.client.post(format!("{}{action}", self.base)).form(&form).send().await.unwrap();
        let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        (r.status(), location, r.text().await.unwrap())
    }
}
