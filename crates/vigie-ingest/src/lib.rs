#![doc = include_str!("../README.md")]

mod observations;
mod phash;

pub use observations::{Format, MAX_MEDIA_BYTES, MAX_MEDIA_FILES, ObservationReader, OpenError, Progress};
pub use phash::{ImageHashError, PerceptualHash, hamming, phash64};
