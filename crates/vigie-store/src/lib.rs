//! Vigie's storage: one [`Store`](vigie_core::Store) implemented for SQLite (the
//! embedded default) and PostgreSQL, one port at a time: `src/<feature>/mod.rs` holds
//! what is dialect-free (column lists, row types) and `src/<feature>/backend.rs` the
//! port's implementation, compiled once by `sqlite.rs` and once by `postgres.rs` (the SQL
//! is written in the dialect both accept, with `$n` parameters). Each backend has its
//! own migration folder. `tests/conformance.rs` runs the same suite on both.
//!
//! Blobs (evidence files, sealed before they arrive) go through `object_store`:
//! [`ObjectBlobs`], opened from `--blobs` by [`open_blobs`].
#![forbid(unsafe_code)]

mod accounts;
mod blobs;
mod campaigns;
mod cases;
mod custody;
mod errors;
mod escalations;
mod jobs;
mod knowledge;
mod network;
mod postgres;
pub mod private_fs;
mod rows;
mod sharing;
mod sqlite;
mod subscriptions;
#[cfg(feature = "testing")]
pub mod testing;
mod watch;

use std::path::Path;
use std::sync::Arc;

pub use blobs::{BlobsLocation, ObjectBlobs, open_blobs};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;
use vigie_core::{Store, StoreError};

/// Which database a `--database` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// SQLite file at this path (the default: `<data>/vigie.db`).
    Sqlite(std::path::PathBuf),
    /// PostgreSQL URL.
    Postgres(String),
}

impl Backend {
    /// Reads `--database`: absent means SQLite in the data folder; `postgres://` or
    /// `postgresql://` means PostgreSQL; `sqlite:PATH` names another SQLite file.
    pub fn from_url(url: Option<&str>, data_dir: &Path) -> Result<Self, StoreError> {
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Ok(Self::Sqlite(data_dir.join("vigie.db"))),
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Ok(Self::Postgres(u.to_owned()))
            }
            Some(u) if u.starts_with("sqlite:") => {
                let path = u.trim_start_matches("sqlite:").trim_start_matches("//");
                Ok(Self::Sqlite(path.into()))
            }
            Some(_) => Err(StoreError::Unavailable(
                "unsupported database URL: use postgres://… or sqlite:PATH (or nothing for the embedded default)"
                    .into(),
            )),
        }
    }

    /// A description safe for logs: never the password in a URL.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(p) => format!("SQLite at {}", p.display()),
            Self::Postgres(u) => format!("PostgreSQL at {}", redact_url(u)),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((auth, host)) = rest.rsplit_once('@') else { return url.to_owned() };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// Opens (creating and migrating as needed) the store a backend names.
pub async fn open(backend: &Backend) -> Result<Arc<dyn Store>, StoreError> {
    Ok(match backend {
        Backend::Sqlite(path) => Arc::new(SqliteStore::open(path).await?),
        Backend::Postgres(url) => Arc::new(PgStore::connect(url).await?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_pick_the_backend() {
        let d = Path::new("/data");
        assert_eq!(Backend::from_url(None, d).unwrap(), Backend::Sqlite("/data/vigie.db".into()));
        assert_eq!(Backend::from_url(Some("sqlite:/x/y.db"), d).unwrap(), Backend::Sqlite("/x/y.db".into()));
        assert!(matches!(Backend::from_url(Some("postgres://h/db"), d).unwrap(), Backend::Postgres(_)));
        assert!(Backend::from_url(Some("mysql://h/db"), d).is_err());
    }

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(redact_url("postgres://vigie:hunter2@db:5432/v"), "postgres://vigie:***@db:5432/v");
        assert_eq!(redact_url("postgres://db/v"), "postgres://db/v");
    }
}
