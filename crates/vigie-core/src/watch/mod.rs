//! Shutdown and censorship watch: outage detection on plain signal time series.
//!
//! A signal is a series of numbers per region (a connectivity index, a volume of
//! measurements, a success rate…), sampled hourly, 3-hourly or irregularly. An outage is
//! a stretch of time where a region's signal falls well below its own recent normal.
//! Following IODA, the normal is the moving median of the region's values over the
//! previous days ([`baseline`]); a point alerts when it falls below a share of that median
//! ([`detect`]). Several signals of one region can be combined so that agreeing signals
//! weigh more ([`combine`]). Signals arrive as CSV ([`csv`]). The blocking of one target in
//! one network is a change detector over hourly cells ([`blocking`]). What the coordination
//! keeps of a shutdown, with the fields of Access Now's STOP dataset, is a [`disruption`].
//!
//! Everything here is pure and deterministic: the same points, in any order, give the
//! same events. The rules and the measured results on real data are in `docs/watch.md`.

pub mod analysis;
pub mod baseline;
pub mod blocking;
pub mod combine;
pub mod csv;
pub mod detect;
pub mod disruption;
pub mod disruptions;
pub mod measurement;
pub mod ooni;
pub mod probe_envelope;
pub mod probe_results;
pub mod records;
pub mod service;
pub mod throttling;

pub use analysis::{
    AnalysisSettings, BlockingStateName, CountryPicture, DetectedEvent, EventKind, HourSignal, TargetStatus,
    analyse_country,
};
pub use baseline::MovingMedian;
pub use blocking::{BlockingCell, BlockingEvent, BlockingOutcome, BlockingState, CusumSettings, detect_blocking};
pub use combine::{CombinedOutage, combine_signals};
pub use csv::{SignalCsvLayout, SignalReason, SignalRowError, SignalRows, read_signal_csv};
pub use detect::{OutageEvent, WatchSettings, detect_outages};
pub use measurement::{
    BlockingLayer, CellCounts, CellKey, HourlyCells, MeasurementFacts, MeasurementSource, Outcome, hour_of,
};
pub use service::{CountryView, RefreshReport, Watch};
pub use throttling::{SpeedSample, ThrottlingEvent, ThrottlingSettings, detect_throttling};

use crate::time::Timestamp;

/// One measurement of a signal: the value seen in a region at a time (UTC seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct SignalPoint {
    pub time: Timestamp,
    pub region: String,
    pub value: f64,
}

impl SignalPoint {
    pub fn new(time: Timestamp, region: impl Into<String>, value: f64) -> Self {
        Self { time, region: region.into(), value }
    }
}
