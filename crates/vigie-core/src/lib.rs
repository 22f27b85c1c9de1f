//! Vigie's domain: types that validate on construction, pure rules, the ports through
//! which the application reaches storage and time, and the application services that
//! use them. No I/O happens here: storage and clocks come in through [`Store`],
//! [`Blobs`] and [`Clock`].
#![forbid(unsafe_code)]

pub mod account;
pub mod accounts;
pub mod blobs;
pub mod campaign;
pub mod cases;
mod csv_rows;
pub mod custody;
pub mod deadline;
pub mod error;
pub mod escalation;
pub mod evidence;
pub mod ids;
pub mod incident;
pub mod intake;
pub mod jobs;
pub mod kdf_gate;
pub mod keyring;
pub mod knowledge;
pub mod media;
pub mod merkle;
pub mod network;
pub mod normalize;
pub mod observation;
pub mod playbook;
pub mod policy;
pub mod receipt;
pub mod report;
pub mod services;
pub mod sharing;
pub mod store;
pub mod throttle;
pub mod time;
pub mod triage;
pub mod warc;
pub mod watch;
pub mod workflow;

pub use account::{DisplayName, OrgName, OrgSlug, Password, Role, Username};
pub use accounts::{Accounts, AccountsConfig, Actor};
pub use blobs::{BlobError, BlobName, BlobResult, Blobs, ByteStream, StoredBlob};
pub use error::{DomainError, Problem};
pub use ids::{CaseId, OrgId, TokenId, UserId};
pub use keyring::Keyring;
pub use store::{Store, StoreError, StoreResult};
pub use time::{Clock, FakeClock, Timestamp};
