#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod error;
mod name;
mod reader;
mod writer;

pub use error::BundleError;
pub use name::{MAX_FILE_NAME, sanitise_file_name};
pub use reader::{read_bundle, read_bundle_from, verify_bundle};
pub use writer::BundleWriter;
