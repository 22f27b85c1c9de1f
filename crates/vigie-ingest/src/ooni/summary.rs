//! Reading a whole path into counts and hourly cells.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vigie_core::watch::ooni::Origin;
use vigie_core::watch::{HourlyCells, Outcome};

use super::{OoniItem, OoniReader, OoniRowError, OoniRowReason, classify_raw};
use crate::observations::OpenError;

/// Documents read per batch (classified in parallel while the next batch is read).
const BATCH: usize = 4096;

/// How many row errors a summary keeps (all are counted).
pub const MAX_KEPT_ERRORS: usize = 100;

/// What an ingest found.
#[derive(Debug, Clone, Default)]
pub struct IngestSummary {
    /// Documents read (classified or not).
    pub read: u64,
    pub classified: u64,
    pub by_outcome: BTreeMap<Outcome, u64>,
    /// Documents without facts, by [`OoniRowReason::code`] (`not_json`, `unknown_asn`,
    /// `read_error`…).
    pub dropped_by_reason: BTreeMap<&'static str, u64>,
    /// The first [`MAX_KEPT_ERRORS`] row errors, with their file and line.
    pub errors: Vec<OoniRowError>,
    /// Files of the folder left out for their name.
    pub skipped_files: Vec<PathBuf>,
    pub cells: HourlyCells,
}

impl IngestSummary {
    pub fn dropped(&self) -> u64 {
        self.dropped_by_reason.values().sum()
    }

    pub fn count(&self, outcome: Outcome) -> u64 {
        self.by_outcome.get(&outcome).copied().unwrap_or(0)
    }

    fn add(&mut self, item: OoniItem) {
        self.read += 1;
        match item {
            Ok(facts) => {
                self.classified += 1;
                *self.by_outcome.entry(facts.outcome).or_default() += 1;
                self.cells.add(&facts);
            }
            Err(e) => {
                *self.dropped_by_reason.entry(e.reason.code()).or_default() += 1;
                if self.errors.len() < MAX_KEPT_ERRORS {
                    self.errors.push(e);
                }
            }
        }
    }

    /// Whether any read failed (as opposed to documents dropped by the rules).
    pub fn had_read_errors(&self) -> bool {
        self.errors.iter().any(|e| matches!(e.reason, OoniRowReason::Read(_)))
    }
}

/// Reads, classifies and aggregates everything under `path`. Reading the next batch
/// overlaps with classifying and counting the current one. `on_progress(bytes read,
/// total bytes)` is called after each batch.
pub fn ingest(path: &Path, origin: Origin, mut on_progress: impl FnMut(u64, u64)) -> Result<IngestSummary, OpenError> {
    let mut reader = OoniReader::open(path, origin)?;
    let mut summary = IngestSummary { skipped_files: reader.skipped_files().to_vec(), ..Default::default() };
    let (fps, origin) = (reader.fingerprints(), reader.origin());
    let mut batch = reader.read_raw(BATCH);
    while !batch.is_empty() {
        let (summary, next_reader) = (&mut summary, &mut reader);
        let ((), next) = rayon::join(
            move || {
                for item in classify_raw(batch, fps, origin) {
                    summary.add(item);
                }
            },
            move || next_reader.read_raw(BATCH),
        );
        batch = next;
        let (read, total) = reader.bytes();
        on_progress(read, total.unwrap_or(read));
    }
    Ok(summary)
}
