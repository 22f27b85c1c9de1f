//! Server-rendered pages (maud). Plain HTML forms, a 303 after success, 422 with the
//! fields' errors otherwise; no script anywhere.

pub mod account;
pub mod accountability;
pub mod admin;
pub mod campaigns;
pub mod cases;
pub mod disruptions;
pub mod errors;
pub mod escalations;
pub mod follow;
pub mod forms;
pub mod home;
pub mod knowledge;
pub mod layout;
pub mod login;
pub mod network;
pub mod org;
pub mod playbooks;
pub mod report;
pub mod setup;
pub mod sharing;
pub mod watch;
