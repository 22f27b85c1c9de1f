//! Fresh stores for tests: a temporary SQLite file, or a PostgreSQL schema of its own
//! at `VIGIE_TEST_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`).
//!
//! Compiled with the `testing` feature, for this crate's tests and those of crates
//! above it.
//!
//! When PostgreSQL does not answer, a test is skipped with a printed reason, except
//! under `CI=true`, where it fails: CI must never skip the PostgreSQL suite.

use std::sync::Arc;

use crate::{PgStore, SqliteStore};
use vigie_core::Store;

pub fn pg_url() -> String {
    std::env::var("VIGIE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub struct TestStore {
    pub store: Arc<dyn Store>,
    /// Keeps the SQLite folder alive for the test's duration.
    _dir: Option<tempfile::TempDir>,
    pub sqlite_path: Option<std::path::PathBuf>,
    pub pg: Option<(sqlx::PgPool, String)>,
}

pub async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vigie.db");
    let store = SqliteStore::open(&path).await.unwrap();
    TestStore { store: Arc::new(store), _dir: Some(dir), sqlite_path: Some(path), pg: None }
}

/// A store in a new PostgreSQL schema, or `None` (skipped) outside CI when no server answers.
pub async fn postgres() -> Option<TestStore> {
    let url = pg_url();
    let admin = match sqlx::PgPool::connect(&url).await {
        Ok(p) => p,
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("SKIPPED: PostgreSQL test, no server at {url}: {e} (set VIGIE_TEST_PG_URL, or run .ci/run)");
            return None;
        }
        Err(e) => panic!("PostgreSQL must be reachable under CI=true at {url}: {e}"),
    };
    let schema = format!("vigie_test_{:016x}", rand::random::<u64>());
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    let store = PgStore::connect_in_schema(&url, Some(&schema)).await.unwrap();
    let pool = store.pool().clone();
    Some(TestStore { store: Arc::new(store), _dir: None, sqlite_path: None, pg: Some((pool, schema)) })
}

impl TestStore {
    /// Every byte the backend holds, for searching: the SQLite files, or every row of
    /// every table of the PostgreSQL schema as text (bytea as hex).
    pub async fn everything_stored(&self) -> Vec<u8> {
        if let Some(path) = &self.sqlite_path {
            let mut all = Vec::new();
            for suffix in ["", "-wal", "-shm"] {
                let p = format!("{}{suffix}", path.display());
                if let Ok(bytes) = std::fs::read(&p) {
                    all.extend(bytes);
                }
            }
            return all;
        }
        let (pool, schema) = self.pg.as_ref().unwrap();
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1")
                .bind(schema)
                .fetch_all(pool)
                .await
                .unwrap();
        assert!(tables.len() >= 6, "{tables:?}");
        let mut all = Vec::new();
        for table in tables {
            let rows: Vec<String> =
                sqlx::query_scalar(&format!("SELECT t::text FROM {schema}.{table} t")).fetch_all(pool).await.unwrap();
            for r in rows {
                all.extend(r.into_bytes());
            }
        }
        all
    }

    /// Drops the PostgreSQL schema (a failed test leaves it for inspection).
    pub async fn cleanup(self) {
        if let Some((pool, schema)) = self.pg {
            pool.close().await;
            let admin = sqlx::PgPool::connect(&pg_url()).await.unwrap();
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
        }
    }
}

/// Runs `$test` (an async fn taking `Arc<dyn Store>`) against both backends, as two tests.
#[macro_export]
macro_rules! both_backends {
    ($($test:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test]
                async fn $test() {
                    let t = $crate::testing::sqlite().await;
                    super::$test(t.store.clone()).await;
                    t.cleanup().await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test]
                async fn $test() {
                    let Some(t) = $crate::testing::postgres().await else { return };
                    super::$test(t.store.clone()).await;
                    t.cleanup().await;
                }
            )*
        }
    };
}
