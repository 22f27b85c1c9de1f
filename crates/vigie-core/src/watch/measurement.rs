//! The facts Vigie keeps of one network measurement (from OONI or from its own probes) and
//! their hourly aggregation per (country, ASN, test, target).
//!
//! A measurement is reduced to a few fields and a verdict; the hourly cells are what the
//! detectors read ([`crate::watch::detect_blocking`] per target and network, the outage
//! detector on volumes and success rates).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// The verdict on one measurement, following OONI's fastpath.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Reached without interference.
    Ok,
    /// Signs of interference (the probe said `blocking`, or a blocking score above 0.5).
    Anomaly,
    /// A blockpage fingerprint matched: interference is certain.
    Confirmed,
    /// The measurement itself failed: no verdict can be drawn from it.
    Failure,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Ok, Outcome::Anomaly, Outcome::Confirmed, Outcome::Failure];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Anomaly => "anomaly",
            Outcome::Confirmed => "confirmed",
            Outcome::Failure => "failure",
        }
    }

    /// Stored as a small integer.
    pub fn code(self) -> i16 {
        match self {
            Outcome::Ok => 0,
            Outcome::Anomaly => 1,
            Outcome::Confirmed => 2,
            Outcome::Failure => 3,
        }
    }

    pub fn from_code(code: i16) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// Anomalies and confirmed blocks.
    pub fn is_blocked(self) -> bool {
        matches!(self, Outcome::Anomaly | Outcome::Confirmed)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|o| o.as_str() == s).ok_or_else(|| format!("unknown outcome {s:?}"))
    }
}

/// Where the interference happened, in OONI's `blocking` vocabulary (TLS failures are
/// reported as `http-failure`, as OONI does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BlockingLayer {
    #[serde(rename = "dns")]
    Dns,
    #[serde(rename = "tcp_ip")]
    TcpIp,
    #[serde(rename = "http-failure")]
    HttpFailure,
    #[serde(rename = "http-diff")]
    HttpDiff,
}

impl BlockingLayer {
    pub const ALL: [BlockingLayer; 4] =
        [BlockingLayer::Dns, BlockingLayer::TcpIp, BlockingLayer::HttpFailure, BlockingLayer::HttpDiff];

    pub fn as_str(self) -> &'static str {
        match self {
            BlockingLayer::Dns => "dns",
            BlockingLayer::TcpIp => "tcp_ip",
            BlockingLayer::HttpFailure => "http-failure",
            BlockingLayer::HttpDiff => "http-diff",
        }
    }

    pub fn code(self) -> i16 {
        match self {
            BlockingLayer::Dns => 1,
            BlockingLayer::TcpIp => 2,
            BlockingLayer::HttpFailure => 3,
            BlockingLayer::HttpDiff => 4,
        }
    }

    pub fn from_code(code: i16) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl fmt::Display for BlockingLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BlockingLayer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|l| l.as_str() == s).ok_or_else(|| format!("unknown blocking layer {s:?}"))
    }
}

/// Who measured: OONI's public data, or one of the network's own probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasurementSource {
    Ooni,
    Probe,
}

impl MeasurementSource {
    pub fn as_str(self) -> &'static str {
        match self {
            MeasurementSource::Ooni => "ooni",
            MeasurementSource::Probe => "probe",
        }
    }
}

/// What Vigie keeps of one measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasurementFacts {
    /// A stable identifier: OONI's `measurement_uid` when present, else a digest of the
    /// fields that identify a measurement (report, input, start time, test). Importing a
    /// measurement twice never counts it twice.
    pub uid: String,
    pub source: MeasurementSource,
    /// When it was measured (UTC).
    pub measured_at: Timestamp,
    /// ISO 3166-1 alpha-2, upper case (never `ZZ`: those are dropped).
    pub country: String,
    /// The network (never 0: those are dropped).
    pub asn: u32,
    /// OONI's `test_name` (e.g. `web_connectivity`, `whatsapp`, `vigie_web_connectivity`).
    pub test_name: String,
    /// The domain or input measured (empty for tests without an input).
    pub target: String,
    pub outcome: Outcome,
    pub layer: Option<BlockingLayer>,
    /// Throughput of the HTTP body in bytes per second (Vigie probes only).
    pub throughput_bps: Option<f64>,
    /// Duration of the TLS handshake in milliseconds (Vigie probes only).
    pub tls_handshake_ms: Option<f64>,
}

/// Seconds in an hour.
pub const HOUR: i64 = 3600;

/// The start of the hour containing `t`.
pub fn hour_of(t: Timestamp) -> Timestamp {
    Timestamp(t.0.div_euclid(HOUR) * HOUR)
}

/// The key of an hourly cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CellKey {
    /// The hour's start (UTC seconds).
    pub hour: Timestamp,
    pub country: String,
    pub asn: u32,
    pub test_name: String,
    pub target: String,
}

/// The counts of one hourly cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellCounts {
    pub total: u32,
    pub ok: u32,
    pub anomaly: u32,
    pub confirmed: u32,
    pub failure: u32,
    pub dns: u32,
    pub tcp_ip: u32,
    pub http_failure: u32,
    pub http_diff: u32,
}

impl CellCounts {
    pub fn add(&mut self, outcome: Outcome, layer: Option<BlockingLayer>) {
        self.total += 1;
        match outcome {
            Outcome::Ok => self.ok += 1,
            Outcome::Anomaly => self.anomaly += 1,
            Outcome::Confirmed => self.confirmed += 1,
            Outcome::Failure => self.failure += 1,
        }
        match layer {
            Some(BlockingLayer::Dns) => self.dns += 1,
            Some(BlockingLayer::TcpIp) => self.tcp_ip += 1,
            Some(BlockingLayer::HttpFailure) => self.http_failure += 1,
            Some(BlockingLayer::HttpDiff) => self.http_diff += 1,
            None => {}
        }
    }

    pub fn merge(&mut self, other: &CellCounts) {
        self.total += other.total;
        self.ok += other.ok;
        self.anomaly += other.anomaly;
        self.confirmed += other.confirmed;
        self.failure += other.failure;
        self.dns += other.dns;
        self.tcp_ip += other.tcp_ip;
        self.http_failure += other.http_failure;
        self.http_diff += other.http_diff;
    }

    /// Anomalies and confirmed blocks.
    pub fn blocked(&self) -> u32 {
        self.anomaly + self.confirmed
    }

    /// The share of conclusive measurements that were ok, if any was conclusive.
    pub fn success_rate(&self) -> Option<f64> {
        let conclusive = self.ok + self.blocked();
        (conclusive > 0).then(|| f64::from(self.ok) / f64::from(conclusive))
    }

    /// The most frequent blocking layer of the cell, if any.
    pub fn main_layer(&self) -> Option<BlockingLayer> {
        [
            (self.dns, BlockingLayer::Dns),
            (self.tcp_ip, BlockingLayer::TcpIp),
            (self.http_failure, BlockingLayer::HttpFailure),
            (self.http_diff, BlockingLayer::HttpDiff),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, l)| (*n, std::cmp::Reverse(l.code())))
        .map(|(_, l)| l)
    }
}

/// Hourly cells accumulated from measurement facts, in key order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HourlyCells {
    cells: BTreeMap<CellKey, CellCounts>,
}

impl HourlyCells {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, facts: &MeasurementFacts) {
        let key = CellKey {
            hour: hour_of(facts.measured_at),
            country: facts.country.clone(),
            asn: facts.asn,
            test_name: facts.test_name.clone(),
            target: facts.target.clone(),
        };
        self.cells.entry(key).or_default().add(facts.outcome, facts.layer);
    }

    /// Adds another set of cells (e.g. from another thread) into this one.
    pub fn merge(&mut self, other: HourlyCells) {
        for (key, counts) in other.cells {
            self.cells.entry(key).or_default().merge(&counts);
        }
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&CellKey, &CellCounts)> {
        self.cells.iter()
    }

    pub fn into_vec(self) -> Vec<(CellKey, CellCounts)> {
        self.cells.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(at: i64, outcome: Outcome, layer: Option<BlockingLayer>) -> MeasurementFacts {
        MeasurementFacts {
            uid: format!("u{at}"),
            source: MeasurementSource::Ooni,
            measured_at: Timestamp(at),
            country: "IR".into(),
            asn: 58224,
            test_name: "web_connectivity".into(),
            target: "facebook.com".into(),
            outcome,
            layer,
            throughput_bps: None,
            tls_handshake_ms: None,
        }
    }

    #[test]
    fn cells_count_per_hour_and_merge() {
        let mut a = HourlyCells::new();
        a.add(&facts(3600, Outcome::Ok, None));
        a.add(&facts(7199, Outcome::Confirmed, Some(BlockingLayer::Dns)));
        let mut b = HourlyCells::new();
        b.add(&facts(7200, Outcome::Anomaly, Some(BlockingLayer::TcpIp)));
        b.add(&facts(3700, Outcome::Failure, None));
        a.merge(b);
        let cells = a.into_vec();
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[0].0.hour, Timestamp(3600));
        assert_eq!(cells[0].1, CellCounts { total: 3, ok: 1, confirmed: 1, failure: 1, dns: 1, ..Default::default() });
        assert_eq!(cells[1].1.blocked(), 1);
        assert_eq!(cells[1].1.main_layer(), Some(BlockingLayer::TcpIp));
        assert_eq!(cells[0].1.success_rate(), Some(0.5));
    }

    #[test]
    fn codes_and_names_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_code(o.code()), Some(o));
            assert_eq!(o.as_str().parse::<Outcome>(), Ok(o));
        }
        for l in BlockingLayer::ALL {
            assert_eq!(BlockingLayer::from_code(l.code()), Some(l));
            assert_eq!(l.as_str().parse::<BlockingLayer>(), Ok(l));
        }
        assert_eq!(hour_of(Timestamp(-1)), Timestamp(-3600));
    }
}
