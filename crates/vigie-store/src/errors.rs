//! sqlx errors mapped to the domain's `StoreError`.

use vigie_core::{StoreError, StoreResult};

pub(crate) fn map(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            let msg = db.message().to_owned() + db.constraint().unwrap_or_default();
            StoreError::Conflict(if msg.contains("slug") {
                "organization slug"
            } else if msg.contains("username") {
                "username"
            } else if msg.contains("receipt") {
                "receipt"
            } else {
                "record"
            })
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolClosed => {
            StoreError::Unavailable(e.to_string())
        }
        other => StoreError::Backend(other.to_string()),
    }
}

pub(crate) fn migrate(e: sqlx::migrate::MigrateError) -> StoreError {
    StoreError::Backend(format!("migration failed: {e}"))
}

/// As [`map`], with a row that references a missing one (a foreign key) as not found:
/// linking or attaching something that does not exist.
pub(crate) fn map_missing(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e
        && db.is_foreign_key_violation()
    {
        return StoreError::NotFound;
    }
    map(e)
}

/// An update or delete that must touch one row: none touched means it was not there.
pub(crate) fn affected_one(rows: u64) -> StoreResult<()> {
    if rows == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}
