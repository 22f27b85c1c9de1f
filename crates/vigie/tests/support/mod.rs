//! What the binary's tests share: the `vigie` command with a clean environment, running
//! it with its output shown, and a fresh PostgreSQL database per test (skipped with a
//! printed reason when PostgreSQL does not answer, except under `CI=true`).
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

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
