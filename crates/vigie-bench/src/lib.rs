//! Vigie's release-build benchmarks, run by hand (see `docs/benchmarks.md`):
//!
//! - `vigie-load`: starts the real `vigie serve` as a second process on SQLite and on
//!   PostgreSQL and submits reports over HTTP from concurrent clients; prints
//!   reports/second and latency percentiles.
//! - `vigie-load --breakdown`: where a report's time goes, in-process.
//! - `vigie-queue`: fills a store with 100,000 cases and times the queue's views.
//! - `vigie-deliveries`: 10,000 alert deliveries through `vigie serve` to a webhook that
//!   is down half the time, across a `kill -9`; prints deliveries/s and queue latency.
//! - `vigie-escalations`: fills a store with escalations holding 100,000 items, times
//!   the accountability metrics, and renders a 500-item Arabic package to PDF.
//!
//! The library holds what both share; its unit tests are the only part that
//! `cargo test --workspace` runs.
#![forbid(unsafe_code)]

pub mod corpus;
#[cfg(feature = "store")]
pub mod cost;
pub mod cpu;
#[cfg(all(feature = "store", feature = "web"))]
pub mod deliveries;
pub mod escalations;
pub mod load;
#[cfg(feature = "store")]
pub mod pg;
pub mod queue;
pub mod server;
pub mod stats;

use std::path::{Path, PathBuf};

/// A folder of the shared data beside the repository (`../shared/data/<name>` from the
/// workspace root), found from where this crate was built or else from the current
/// folder, so that no machine's absolute path is baked in.
pub fn shared_data(name: &str) -> PathBuf {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let here = std::env::current_dir().unwrap_or_default();
    let candidates = [built, here.clone(), here.join("..")].map(|root| root.join("../shared/data").join(name));
    candidates.iter().find(|p| p.is_dir()).unwrap_or(&candidates[0]).clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shared_data_is_beside_the_repository_not_at_an_absolute_path() {
        let ooni = super::shared_data("ooni");
        assert!(ooni.ends_with("shared/data/ooni"), "{}", ooni.display());
        assert!(!ooni.starts_with("/work/shared") || ooni.components().any(|c| c.as_os_str() == ".."));
    }
}
