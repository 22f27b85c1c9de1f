//! A fresh PostgreSQL database per run, created on the server `VIGIE_TEST_PG_URL`
//! names (default `postgres://postgres@127.0.0.1:5432/postgres`) and dropped after.

use anyhow::Context;

pub fn base_url() -> String {
    std::env::var("VIGIE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A database that exists until [`FreshDb::drop_now`] is called.
pub struct FreshDb {
    admin_url: String,
    name: String,
    /// The URL of the new database, for `--database` or `PgStore::connect`.
    pub url: String,
}

impl FreshDb {
    pub async fn create(purpose: &str) -> anyhow::Result<Self> {
        let admin_url = base_url();
        let admin = sqlx::PgPool::connect(&admin_url)
            .await
            .with_context(|| format!("no PostgreSQL answers at {}", vigie_store::redact_url(&admin_url)))?;
        let name = format!("vigie_bench_{purpose}_{:012x}", rand::random::<u64>() >> 16);
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await?;
        admin.close().await;
        let (server, _) = admin_url.rsplit_once('/').context("a database URL ends with /<database>")?;
        let url = format!("{server}/{name}");
        Ok(Self { admin_url, name, url })
    }

    /// Drops the database, closing whatever still uses it.
    pub async fn drop_now(self) -> anyhow::Result<()> {
        let admin = sqlx::PgPool::connect(&self.admin_url).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&admin).await?;
        admin.close().await;
        Ok(())
    }
}
