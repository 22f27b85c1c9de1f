//! One probe run as `vigie probe run` does it: measure each target in turn, sign each
//! measurement and queue it before the next, so that a run cut short (the machine shut
//! down, the network cut) keeps everything measured so far.

use vigie_crypto::signing::InstanceKey;

use crate::ProbeError;
use crate::identity::sign_measurement;
use crate::measure::{Blocking, Probe};
use crate::queue::Queue;
use crate::targets::TargetList;

/// What one target gave, for the run's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct RunLine {
    pub input: String,
    pub blocking: Blocking,
    pub accessible: Option<bool>,
    pub result_id: String,
}

/// Measures every target, queuing one signed result per target as `probe_id`.
pub async fn measure_and_queue(
    probe: &Probe,
    targets: &TargetList,
    key: &InstanceKey,
    probe_id: &str,
    queue: &Queue,
) -> Result<Vec<RunLine>, ProbeError> {
    let mut lines = Vec::with_capacity(targets.len());
    for target in targets.iter() {
        let measurement = probe.measure(target).await;
        let signed = sign_measurement(key, probe_id, &measurement)?;
        queue.enqueue(&signed)?;
        tracing::info!(target = %target, blocking = ?measurement.blocking, "target measured");
        lines.push(RunLine {
            input: target.input().to_owned(),
            blocking: measurement.blocking,
            accessible: measurement.accessible,
            result_id: signed.result_id,
        });
    }
    Ok(lines)
}
