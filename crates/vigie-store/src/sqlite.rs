//! The embedded default: one SQLite file in WAL mode, foreign keys on, a busy timeout,
//! and `synchronous = FULL` so that a committed report survives a power cut.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

#[derive(Clone)]
pub struct SqliteStore {
    pool: sqlx::SqlitePool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

impl SqliteStore {
    /// Opens (or creates) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, vigie_core::StoreError> {
        // Created 0600 before SQLite sees it: SQLite gives `-wal` and `-shm` the mode of
        // the database file, so all three stay private whatever the umask.
        crate::private_fs::ensure_file(path).map_err(|e| {
            vigie_core::StoreError::Unavailable(format!("cannot create SQLite database {}: {e}", path.display()))
        })?;
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(crate::errors::map)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Reads through a memory map of the file rather than a pread per page into
            // each connection's own 2 MB cache: the two connections share the OS's pages
            // and a large read (the accountability record) does not depend on which
            // connection it lands on (docs/benchmarks.md, `vigie-escalations`).
            .pragma("mmap_size", "268435456");
        // SQLite has one writer at a time; more connections only make writers wait in
        // SQLite's busy handler, which sleeps in growing steps and gives second-long
        // tails under load. Two (one writing while one reads) measured best: see
        // docs/benchmarks.md. A connection to a local file does not go stale: no ping
        // before each use (a round trip to the connection's thread per query).
        let unavailable =
            |e| vigie_core::StoreError::Unavailable(format!("cannot open SQLite database {}: {e}", path.display()));
        let pool = SqlitePoolOptions::new()
            .max_connections(2)
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .map_err(unavailable)?;
        MIGRATOR.run(&pool).await.map_err(crate::errors::migrate)?;
        Ok(Self { pool })
    }

    /// The pool, for tests that inspect pragmas.
    pub fn pool(&self) -> &sqlx::SqlitePool {
        &self.pool
    }
}

// Every port's SQL, compiled for this backend: each file names `Db` and `This`.
type Db = sqlx::Sqlite;
type This = SqliteStore;
/// The accountability record's query, in the shape this backend reads fastest.
const FACTS: &str = crate::escalations::FACTS_PACKED;

#[path = "accounts/backend.rs"]
mod accounts;
#[path = "campaigns/backend.rs"]
mod campaigns;
#[path = "cases/backend.rs"]
mod cases;
#[path = "custody/backend.rs"]
mod custody;
#[path = "escalations/backend.rs"]
mod escalations;
#[path = "jobs/backend.rs"]
mod jobs;
#[path = "knowledge/backend.rs"]
mod knowledge;
#[path = "network/backend.rs"]
mod network;
#[path = "sharing/backend.rs"]
mod sharing;
#[path = "subscriptions/backend.rs"]
mod subscriptions;
#[path = "tx/backend.rs"]
mod tx;
#[path = "watch/backend.rs"]
mod watch;

#[async_trait::async_trait]
impl vigie_core::store::Health for SqliteStore {
    async fn ping(&self) -> vigie_core::StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(crate::errors::map)?;
        Ok(())
    }
}
