#![doc = include_str!("../README.md")]

mod observations;
mod ooni;
mod phash;
mod stop;

pub use observations::{Format, MAX_MEDIA_BYTES, MAX_MEDIA_FILES, ObservationReader, OpenError, Progress};
pub use ooni::{
    IngestSummary, MAX_DOCUMENT_BYTES, MAX_KEPT_ERRORS, OoniItem, OoniReader, OoniRowError, OoniRowReason, ingest,
    is_measurement_file,
};
pub use phash::{ImageHashError, PerceptualHash, hamming, phash64};
pub use stop::{RowIssue, RowProblem, StopCsvError, StopImport, UnreadableRow, read_stop_csv, write_stop_csv};
