//! Threat information Vigie shares with other defenders and CERTs (CiviCERT and the like),
//! and what it reads back from them: MISP events ([`misp`]) and STIX 2.1 bundles ([`stix`]).
//!
//! Both exports start from the same list of [`Indicator`]s ([`campaign_indicators`],
//! [`disruption_indicators`]), and both imports end in one; the formats only differ in how
//! an indicator is spelled. That keeps the two exports saying the same thing, and makes a
//! round trip (export, import, compare the lists) the test of each mapping.
//!
//! Only what is meant to travel is modelled here: a campaign's accounts, hashtags,
//! representative texts, image hashes and links; a disruption's country, period, networks
//! and blocked targets. Mentions (the people a campaign targets), case data, reporters and
//! sealed fields have no field in [`SharedCampaign`] or [`SharedDisruption`], so no export
//! can leak them; and a share can only be built at TLP:CLEAR or TLP:GREEN ([`ShareableTlp`]).
//! The mapping is documented in `docs/sharing.md`.

mod disarm;
mod error;
mod ids;
mod indicators;
pub mod misp;
pub mod peer;
mod service;
pub mod stix;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::campaign::report::CampaignReport;
use crate::time::Timestamp;
use crate::watch::disruption::Disruption;

pub use disarm::technique_name;
pub use error::{Place, SharingError};
pub use ids::Uuid;
pub use indicators::{campaign_indicators, disruption_indicators};
pub use service::{
    BundleFetcher, ImportDetail, ImportError, ImportedItem, Importer, PeerForm, PeerImport, PinnedPeer, PullOutcome,
    Sharing, SharingConfig, pull_url_allowed,
};

/// The Traffic Light Protocol 2.0 levels, least restricted first (so `max` is the strictest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}

impl Tlp {
    pub const ALL: [Tlp; 5] = [Tlp::Clear, Tlp::Green, Tlp::Amber, Tlp::AmberStrict, Tlp::Red];

    /// The tag of MISP's `tlp` taxonomy: `tlp:clear`, `tlp:amber+strict`.
    pub fn misp_tag(self) -> &'static str {
        match self {
            Tlp::Clear => "tlp:clear",
            Tlp::Green => "tlp:green",
            Tlp::Amber => "tlp:amber",
            Tlp::AmberStrict => "tlp:amber+strict",
            Tlp::Red => "tlp:red",
        }
    }

    /// The level as TLP 2.0 writes it: `TLP:CLEAR`.
    pub fn label(self) -> &'static str {
        match self {
            Tlp::Clear => "TLP:CLEAR",
            Tlp::Green => "TLP:GREEN",
            Tlp::Amber => "TLP:AMBER",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Red => "TLP:RED",
        }
    }

    /// Reads `tlp:green`, `TLP:GREEN` or `green` (any case, spaces around ignored). TLP 1.0's
    /// `white` reads as [`Tlp::Clear`], which TLP 2.0 renamed it to; `ex:chr` and the other
    /// tags of MISP's taxonomy are not levels and are refused.
    pub fn parse(raw: &str) -> Result<Self, SharingError> {
        let lower = raw.trim().to_ascii_lowercase();
        let level = lower.strip_prefix("tlp:").unwrap_or(&lower);
        match level {
            "clear" | "white" => Ok(Tlp::Clear),
            "green" => Ok(Tlp::Green),
            "amber" => Ok(Tlp::Amber),
            "amber+strict" => Ok(Tlp::AmberStrict),
            "red" => Ok(Tlp::Red),
            _ => Err(SharingError::UnknownTlp(raw.to_owned())),
        }
    }

    /// Whether Vigie may send it to another organisation: CLEAR (anyone) and GREEN (the
    /// community). AMBER and RED name their recipients, which an export cannot check.
    pub fn is_shareable(self) -> bool {
        matches!(self, Tlp::Clear | Tlp::Green)
    }
}

impl fmt::Display for Tlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A TLP level an export may carry: CLEAR or GREEN, checked once on construction so that
/// no exporter has to refuse anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShareableTlp(Tlp);

impl ShareableTlp {
    pub const CLEAR: ShareableTlp = ShareableTlp(Tlp::Clear);
    pub const GREEN: ShareableTlp = ShareableTlp(Tlp::Green);

    pub fn new(tlp: Tlp) -> Result<Self, SharingError> {
        tlp.is_shareable().then_some(Self(tlp)).ok_or(SharingError::NotShareable(tlp))
    }

    pub fn tlp(self) -> Tlp {
        self.0
    }
}

/// A DISARM technique id: `T` and four digits, optionally `.` and three (`T0049.005`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TechniqueId(String);

impl TechniqueId {
    pub fn parse(raw: &str) -> Result<Self, SharingError> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let ok = match raw.strip_prefix('T').map(|rest| rest.split_once('.').unwrap_or((rest, ""))) {
            Some((main, "")) => digits(main, 4) && !raw.ends_with('.'),
            Some((main, sub)) => digits(main, 4) && digits(sub, 3),
            None => false,
        };
        ok.then(|| Self(raw.to_owned())).ok_or_else(|| SharingError::InvalidTechnique(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TechniqueId {
    type Error = SharingError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<TechniqueId> for String {
    fn from(id: TechniqueId) -> Self {
        id.0
    }
}

/// The organisation that produces an export: MISP's `Orgc`, STIX's `identity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Producer {
    pub name: String,
    pub uuid: Uuid,
}

/// A detected campaign as it is shared. `uuid` is the campaign's id in this Vigie instance,
/// kept stable so that a later export updates the same MISP event and STIX objects.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedCampaign {
    pub uuid: Uuid,
    pub title: String,
    pub report: CampaignReport,
    pub tlp: ShareableTlp,
    /// DISARM techniques a coordinator recognised in it.
    pub techniques: Vec<TechniqueId>,
    pub created: Timestamp,
    pub modified: Timestamp,
    pub producer: Producer,
}

/// A disruption record as it is shared (see [`disruption_indicators`] for what of it).
#[derive(Debug, Clone, PartialEq)]
pub struct SharedDisruption {
    pub uuid: Uuid,
    pub title: String,
    pub disruption: Disruption,
    pub tlp: ShareableTlp,
    pub created: Timestamp,
    pub modified: Timestamp,
    pub producer: Producer,
}

/// What an indicator is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A social media account, `platform:author` (`x:@akhbar`); X and Twitter are `x`.
    Account,
    Url,
    Domain,
    /// `#tag`.
    Hashtag,
    /// A text posted with near-copies (the representative of a cluster of near-duplicate
    /// texts). Matching is by similarity, so the text itself is the fingerprint.
    TextFingerprint,
    /// An image's hash, lower-case hex.
    MediaHash(HashAlgorithm),
    /// `AS` and the number: `AS12345`.
    Asn,
    /// An ISO 3166-1 alpha-2 code, or the country's name as written when it has none.
    Country,
    /// An ISO 8601 interval, `start/end`, of dates (a disruption) or RFC 3339 times (a
    /// campaign); `..` for an open end.
    Period,
}

/// Which hash a [`IndicatorKind::MediaHash`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HashAlgorithm {
    /// The file's bytes: finds exact copies only.
    Sha256,
    /// A 64-bit perceptual hash (pHash, dHash): 16 hex digits.
    Perceptual,
    /// Meta's 256-bit PDQ perceptual hash: 64 hex digits.
    Pdq,
}

/// One piece of shareable information, as exported and as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub kind: IndicatorKind,
    pub value: String,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
    /// Context for a person ("12 posts"), never needed to use the indicator.
    pub comment: String,
}

/// The format an import was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Misp,
    Stix21,
}

/// Who produced an imported event or bundle, as far as it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedProducer {
    pub name: String,
    /// A MISP organisation's uuid, or the uuid part of a STIX identity's id.
    pub uuid: Option<String>,
}

/// What an imported MISP event or STIX bundle says, in Vigie's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub source_format: SourceFormat,
    /// The MISP event's uuid, or the uuid part of the bundle's id.
    pub uuid: String,
    /// The event's `info`, or the name of the bundle's campaign (incident, report).
    pub title: String,
    /// The strictest TLP level found (event tags, STIX markings); `None` when unmarked.
    pub tlp: Option<Tlp>,
    pub producer: Option<ImportedProducer>,
    pub indicators: Vec<Indicator>,
    /// DISARM techniques named by galaxy tags or attack patterns.
    pub techniques: Vec<TechniqueId>,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
    /// What was not understood, by kind (`attribute type ip-src`, `pattern`), and how often.
    pub skipped: BTreeMap<String, usize>,
}

impl Imported {
    /// How many attributes, objects or patterns were skipped in all.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    fn new(source_format: SourceFormat, uuid: String) -> Self {
        Self {
            source_format,
            uuid,
            title: String::new(),
            tlp: None,
            producer: None,
            indicators: Vec::new(),
            techniques: Vec::new(),
            first_seen: None,
            last_seen: None,
            skipped: BTreeMap::new(),
        }
    }

    fn skip(&mut self, what: impl Into<String>) {
        *self.skipped.entry(what.into()).or_default() += 1;
    }

    fn add_tlp(&mut self, tlp: Tlp) {
        self.tlp = Some(self.tlp.map_or(tlp, |t| t.max(tlp)));
    }

    fn add_technique(&mut self, id: TechniqueId) {
        if !self.techniques.contains(&id) {
            self.techniques.push(id);
        }
    }

    /// Adds an indicator unless the same kind and value is there already; widens the
    /// import's first/last seen.
    fn push(&mut self, indicator: Indicator) {
        // A blank value (a country of tabs) indicates nothing: counted, not kept.
        if indicator.value.trim().is_empty() {
            self.skip("empty value");
            return;
        }
        for t in indicator.first_seen.iter().chain(&indicator.last_seen) {
            self.first_seen = Some(self.first_seen.map_or(*t, |f| f.min(*t)));
            self.last_seen = Some(self.last_seen.map_or(*t, |l| l.max(*t)));
        }
        if !self.indicators.iter().any(|i| i.kind == indicator.kind && i.value == indicator.value) {
            self.indicators.push(indicator);
        }
    }
}

#[cfg(test)]
mod tests;
