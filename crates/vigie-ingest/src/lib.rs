#![doc = include_str!("../README.md")]

mod observations;
mod phash;
mod stop;

pub use observations::{Format, MAX_MEDIA_BYTES, MAX_MEDIA_FILES, ObservationReader, OpenError, Progress};
pub use phash::{ImageHashError, PerceptualHash, hamming, phash64};
pub use stop::{RowIssue, RowProblem, StopCsvError, StopImport, UnreadableRow, read_stop_csv, write_stop_csv};
