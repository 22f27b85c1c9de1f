#![doc = include_str!("../README.md")]

mod observations;
mod ooni;
mod phash;

pub use observations::{Format, MAX_MEDIA_BYTES, MAX_MEDIA_FILES, ObservationReader, OpenError, Progress};
pub use ooni::{
    IngestSummary, MAX_DOCUMENT_BYTES, MAX_KEPT_ERRORS, OoniItem, OoniReader, OoniRowError, OoniRowReason, ingest,
    is_measurement_file,
};
pub use phash::{ImageHashError, PerceptualHash, hamming, phash64};
