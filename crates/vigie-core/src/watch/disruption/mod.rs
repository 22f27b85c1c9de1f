//! Disruption records: a shutdown or a blocking as the coordination keeps it, with the
//! fields of Access Now's #KeepItOn STOP dataset and Vigie's own (review, origin,
//! evidence).
//!
//! A detected event becomes a `Proposed` record that a coordinator confirms, edits or
//! rejects; a hand-entered one is `Confirmed`. Every STOP column has a field
//! ([`stop::STOP_COLUMNS`], mapped in [`stop`]), so an imported STOP row is exported
//! unchanged. Dirty values are kept as written and reported by
//! [`Disruption::validate`], never dropped. The record and the mapping are in
//! `docs/disruptions.md`.

pub mod country;
pub mod stop;
mod validate;
pub mod vocabulary;
pub mod written;

use serde::{Deserialize, Serialize};

pub use country::{Country, CountryCode, code_of};
pub use stop::{STOP_COLUMNS, STOP_WIDTH, StopFields, column_index};
pub use validate::{FieldProblem, Problem};
pub use vocabulary::{
    Answer, Cause, DateKind, GeoScope, InfoSource, Justification, Multi, Network, OrderedBy, Region, ShutdownExtent,
    ShutdownType, Status, Users, Vocabulary,
};
pub use written::{Date, Days, Meaning, Written, Year};

use crate::time::Timestamp;

/// A disruption record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Disruption {
    /// `start_date_type`.
    pub start_date_kind: Option<DateKind>,
    /// `start_date`.
    pub start: Written<Date>,
    /// `end_date`: empty while ongoing or unknown.
    pub end: Written<Date>,
    /// `duration`, in days.
    pub duration: Written<Days>,
    /// `shutdown_status`.
    pub status: Option<Status>,
    /// `country`.
    pub country: Country,
    /// `region`.
    pub region: Option<Region>,
    /// `geo_scope`.
    pub geo_scope: Option<GeoScope>,
    /// `area_name`.
    pub area_name: String,
    /// `shutdown_type`.
    pub shutdown_type: Multi<ShutdownType>,
    /// `shutdown_extent`.
    pub shutdown_extent: Multi<ShutdownExtent>,
    /// `affected_network`.
    pub affected_network: Multi<Network>,
    pub services: AffectedServices,
    /// `ordered_by`.
    pub ordered_by: Option<OrderedBy>,
    /// `decision_maker`.
    pub decision_maker: String,
    /// `actual_cause`.
    pub actual_cause: Option<Cause>,
    /// `actual_cause_details`.
    pub actual_cause_details: String,
    pub government: Government,
    pub telcos: Telcos,
    pub sources: Sources,
    pub context: Context,
    /// `count_year`: the year STOP counts the disruption in.
    pub count_year: Written<Year>,
    pub review: Review,
    pub origin: Origin,
    pub evidence: Evidence,
}

/// Which services were cut (`*_affected`): Yes / No / Unknown, or nothing said.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AffectedServices {
    pub facebook: Option<Answer>,
    /// `twitter_affected` (now X).
    pub twitter: Option<Answer>,
    pub whatsapp: Option<Answer>,
    pub instagram: Option<Answer>,
    pub telegram: Option<Answer>,
    /// `other_affected`: free text naming the other services ("Grindr, Blued").
    pub other: String,
    pub sms: Option<Answer>,
    pub phone_calls: Option<Answer>,
}

/// What the authorities said and on what legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Government {
    /// `gov_justification`.
    pub justification: Option<Justification>,
    /// `gov_just_details`.
    pub justification_details: String,
    /// `gov_ack`: did the government acknowledge it.
    pub acknowledged: Option<Answer>,
    /// `gov_ack_source`.
    pub ack_source: String,
    /// `gov_ack_quote`.
    pub ack_quote: String,
    /// `legal_just`: was a legal justification given.
    pub legal_justification: Option<Answer>,
    /// `legal_method`.
    pub legal_method: String,
}

/// The operators' part.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Telcos {
    /// `telcos_involved`: free text, often "Country: Operator, …".
    pub involved: String,
    /// `telco_ack`.
    pub acknowledged: Option<Answer>,
    /// `telco_ack_source`.
    pub ack_source: String,
    /// `telco_ack_quote`.
    pub ack_quote: String,
}

/// Where the information came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sources {
    /// `info_source`.
    pub kind: Option<InfoSource>,
    /// `info_source_link`: one or several links, as written (`; `, `, ` or new lines).
    pub links: String,
    /// `an_link`: Access Now's own write-up.
    pub access_now_link: String,
}

impl Sources {
    /// The `http(s)://` links in `links`, in order.
    pub fn link_list(&self) -> Vec<&str> {
        self.links
            .split(|c: char| c.is_whitespace() || c == ';' || c == ',')
            .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
            .collect()
    }
}

/// The circumstances: elections, violence, who was targeted, the cost.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Context {
    /// `election`: during an election.
    pub election: Option<Answer>,
    /// `violence`: violence around it.
    pub violence: Option<Answer>,
    /// `hr_abuse_reported`.
    pub hr_abuse_reported: Option<Answer>,
    /// `users_targeted`.
    pub users_targeted: Multi<Users>,
    /// `users_target_detail`.
    pub users_target_detail: String,
    /// `users_notified`.
    pub users_notified: Option<Answer>,
    /// `econ_impact`: free text ("52437355 / year", "$86,000/day").
    pub econ_impact: String,
    /// `event`: what happened, in words.
    pub event: String,
}

/// Where a record stands with the coordination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// Detected by Vigie, waiting for a coordinator.
    #[default]
    Proposed,
    Confirmed,
    Rejected,
}

impl Review {
    pub const ALL: [Review; 3] = [Review::Proposed, Review::Confirmed, Review::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Review::Proposed => "proposed",
            Review::Confirmed => "confirmed",
            Review::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// How the record came to be.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Origin {
    /// From one of Vigie's detectors; `event` identifies the detected event.
    Detected { event: String },
    /// Entered by hand.
    #[default]
    Manual,
    /// A row of an imported STOP file (its row as a spreadsheet shows it: header = 1).
    ImportedStop { row: u64 },
}

impl Origin {
    /// Detected events wait for review; what a person entered or imported is confirmed.
    pub fn initial_review(&self) -> Review {
        match self {
            Origin::Detected { .. } => Review::Proposed,
            Origin::Manual | Origin::ImportedStop { .. } => Review::Confirmed,
        }
    }
}

/// Vigie's evidence: the measurement cells behind the record, and notes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Evidence {
    pub cells: Vec<EvidenceCell>,
    pub notes: Vec<String>,
}

/// A run of hourly measurement cells of one test and target in one network
/// ([`crate::watch::CellKey`] over a range of hours).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EvidenceCell {
    pub country: CountryCode,
    pub asn: u32,
    pub test_name: String,
    pub target: String,
    /// The first hour's start (UTC seconds).
    pub from_hour: Timestamp,
    /// The last hour's start, inclusive.
    pub to_hour: Timestamp,
}

impl Disruption {
    /// An empty record of this origin, reviewed as the origin implies.
    pub fn new(origin: Origin) -> Self {
        Self { review: origin.initial_review(), origin, ..Self::default() }
    }
}
