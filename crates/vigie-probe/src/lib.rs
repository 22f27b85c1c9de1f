#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod config;
pub mod dns;
pub mod document;
mod error;
pub mod failure;
pub mod http;
pub mod identity;
pub mod measure;
pub mod queue;
pub mod run;
pub mod targets;
pub mod tcp;
pub mod tls;
pub mod upload;

pub use config::{ProbeConfig, Resolver, Timeouts};
pub use error::ProbeError;
pub use identity::{Enrolment, enrol, fetch_targets, load_or_create_key, sign_measurement};
pub use measure::{Blocking, Measurement, Probe, measure};
pub use queue::Queue;
pub use run::{RunLine, measure_and_queue};
pub use targets::{Target, TargetList};
pub use upload::{UploadReport, upload_pending};
pub use vigie_core::watch::probe_envelope::{SignedResult, verify};

/// `server_url` joined with an absolute API path, tolerating a trailing slash.
fn endpoint(server_url: &str, path: &str) -> String {
    format!("{}{path}", server_url.trim_end_matches('/'))
}
