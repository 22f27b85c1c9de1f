//! PostgreSQL, for networks that outgrow one file.
#![expect(
    clippy::duplicate_mod,
    reason = "each port's backend.rs is compiled once per backend: here and in sqlite.rs, with its own `Db`"
)]

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

#[derive(Clone)]
pub struct PgStore {
    pool: sqlx::PgPool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl PgStore {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, vigie_core::StoreError> {
        Self::connect_in_schema(url, None).await
    }

    /// Connects with `search_path` set to `schema` (which must exist); tests use one
    /// fresh schema each so that they can run in parallel.
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Self, vigie_core::StoreError> {
        let unavailable = |e: sqlx::Error| {
            vigie_core::StoreError::Unavailable(format!(
                "cannot connect to PostgreSQL at {}: {e}",
                crate::redact_url(url)
            ))
        };
        // No JIT: it compiles every query the planner costs high, and Vigie's are
        // short. On the accountability record's query it spent 726 ms compiling what
        // then ran in 123 ms (docs/benchmarks.md, `vigie-escalations`).
        let mut options = PgConnectOptions::from_str(url).map_err(unavailable)?.options([("jit", "off")]);
        if let Some(schema) = schema {
            options = options.options([("search_path", schema)]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .map_err(unavailable)?;
        MIGRATOR.run(&pool).await.map_err(crate::errors::migrate)?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &sqlx::PgPool {
        &self.pool
    }
}

// Every port's SQL, compiled for this backend: each file names `Db` and `This`.
type Db = sqlx::Postgres;
type This = PgStore;
/// The accountability record's query, in the shape this backend reads fastest.
const FACTS: &str = crate::escalations::FACTS_PER_ITEM;

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
impl vigie_core::store::Health for PgStore {
    async fn ping(&self) -> vigie_core::StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(crate::errors::map)?;
        Ok(())
    }
}
