//! Observations, text signatures, detection runs and campaigns, with their links to
//! cases, for both backends. Imports go in by the thousand in one transaction: one
//! `INSERT … ON CONFLICT DO NOTHING RETURNING` per chunk, so that re-imported posts are
//! skipped by the database's unique key rather than by a lookup per row.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

/// Rows per observation insert: 15 parameters each, under SQLite's 32 766 (and
/// PostgreSQL's 65 535) parameters per statement.
pub(crate) const OBSERVATION_CHUNK: usize = 2000;
/// Rows per insert of two to four parameters (signatures, campaign members, attachments).
pub(crate) const SMALL_CHUNK: usize = 5000;
