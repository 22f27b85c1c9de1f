//! OONI measurements: reading one document, matching blockpage fingerprints and
//! classifying it into [`MeasurementFacts`](crate::watch::MeasurementFacts) as OONI's
//! fastpath would (`docs/ooni.md` lists the rules per test type).
//!
//! Pure: bytes in, facts out. Reading files, folders and gzip streams is the ingest
//! crate's job.

pub mod classify;
pub mod document;
pub mod fingerprints;
pub mod lenient;

pub use classify::{VIGIE_WEB_CONNECTIVITY, classify, classify_document, parse_time, target_of};
pub use document::{Doc, parse};
pub use fingerprints::{Fingerprint, FingerprintError, Fingerprints};

use crate::time::Timestamp;

/// Where a measurement comes from, which decides how much its date is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// OONI's archive or a bulk file: old measurements are the point, dates are kept.
    Archive,
    /// Sent by a probe now: a date far from the arrival is a broken clock or a replay.
    Upload { arrived_at: Timestamp },
}

/// Why a document gives no measurement facts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Dropped {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a measurement (no test_name or no test_keys)")]
    NotAMeasurement,
    #[error("unknown country (ZZ or missing probe_cc)")]
    UnknownCountry,
    #[error("unknown network (AS0 or missing probe_asn)")]
    UnknownAsn,
    #[error("no readable measurement_start_time")]
    NoTime,
    #[error("dated more than an hour after its arrival")]
    InTheFuture,
    #[error("dated more than a year before its arrival")]
    TooOld,
}

impl Dropped {
    /// A short stable code, for summaries and counters.
    pub fn reason(&self) -> &'static str {
        match self {
            Dropped::NotJson(_) => "not_json",
            Dropped::NotAMeasurement => "not_a_measurement",
            Dropped::UnknownCountry => "unknown_country",
            Dropped::UnknownAsn => "unknown_asn",
            Dropped::NoTime => "no_time",
            Dropped::InTheFuture => "in_the_future",
            Dropped::TooOld => "too_old",
        }
    }
}

#[cfg(test)]
mod tests;
