//! What the network watch keeps in the store: events, alerts, disruption records and
//! their versions, enrolled probes. The facts and cells themselves are in
//! [`super::measurement`].

use serde::Serialize;

use super::analysis::DetectedEvent;
pub use super::disruption::Review;
use crate::ids::UserId;
use crate::time::Timestamp;

/// A detected event as stored; its identity is (kind, scope, start). Its fields are the
/// detected event's (reached through `Deref`: `row.kind`, `row.start`…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchEventRow {
    pub id: i64,
    #[serde(flatten)]
    pub event: DetectedEvent,
    /// When Vigie first found it.
    pub first_seen: Timestamp,
    pub updated_at: Timestamp,
}

impl std::ops::Deref for WatchEventRow {
    type Target = DetectedEvent;
    fn deref(&self) -> &DetectedEvent {
        &self.event
    }
}

/// What happened to an event, as an alert tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertChange {
    Opened,
    Closed,
}

impl AlertChange {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertChange::Opened => "opened",
            AlertChange::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "opened" => Some(AlertChange::Opened),
            "closed" => Some(AlertChange::Closed),
            _ => None,
        }
    }
}

/// One alert, with the event it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertRow {
    pub id: i64,
    pub change: AlertChange,
    pub at: Timestamp,
    pub event: WatchEventRow,
}

/// A disruption record at its latest version. `record` is the record as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisruptionRow {
    pub id: i64,
    pub version: i64,
    pub country: String,
    pub start: Option<Timestamp>,
    pub review: Review,
    pub event_id: Option<i64>,
    pub record: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A disruption to save (new or as a new version).
#[derive(Debug, Clone, PartialEq)]
pub struct DisruptionSave {
    pub country: String,
    pub start: Option<Timestamp>,
    pub review: Review,
    pub record: String,
    /// `None` when the system made the change (a detector, an import run by an operator).
    pub by: Option<UserId>,
    pub at: Timestamp,
    pub note: String,
}

/// One version of a disruption record, kept forever.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisruptionVersionRow {
    pub version: i64,
    pub review: Review,
    pub record: String,
    pub changed_by: Option<UserId>,
    pub changed_at: Timestamp,
    pub note: String,
}

/// An enrolled probe.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProbeRow {
    pub id: i64,
    pub name: String,
    pub public_key: String,
    pub enrolled_at: Timestamp,
    pub last_seen: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// A probe measurement's speed figures, with its network.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedRow {
    pub asn: u32,
    pub measured_at: Timestamp,
    pub target: String,
    pub throughput_bps: Option<f64>,
    pub tls_handshake_ms: Option<f64>,
}

/// A country the watch has measurements of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchCountryRow {
    pub country: String,
    pub measurements: i64,
    pub last_hour: Timestamp,
}

/// A country's measurements before some time, and the hours they span: what the pages
/// point to when the recent period holds nothing (an archive imported, say).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchSpanRow {
    pub country: String,
    pub measurements: i64,
    pub first_hour: Timestamp,
    pub last_hour: Timestamp,
}

/// Why a probe enrolment was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolRefusal {
    /// No such token, or already used.
    UnknownToken,
    Expired,
    /// This public key is already enrolled.
    KeyTaken,
}
