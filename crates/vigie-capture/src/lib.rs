#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod capture;
mod connect;
mod error;
mod http;
mod options;
mod title;

pub use capture::{Capture, Hop, SOFTWARE, capture, parse_url};
pub use error::CaptureError;
pub use options::{CaptureOptions, DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT};
pub use title::title;
