//! Vigie's release-build benchmarks, run by hand (see `docs/benchmarks.md`):
//!
//! - `vigie-load`: starts the real `vigie serve` as a second process on SQLite and on
//!   PostgreSQL and submits reports over HTTP from concurrent clients; prints
//!   reports/second and latency percentiles.
//! - `vigie-load --breakdown`: where a report's time goes, in-process.
//! - `vigie-queue`: fills a store with 100,000 cases and times the queue's views.
//!
//! The library holds what both share; its unit tests are the only part that
//! `cargo test --workspace` runs.
#![forbid(unsafe_code)]

pub mod corpus;
#[cfg(feature = "store")]
pub mod cost;
pub mod cpu;
pub mod load;
#[cfg(feature = "store")]
pub mod pg;
pub mod queue;
pub mod server;
pub mod stats;
