//! What the server does with what probes send: enrolled, unrevoked probes only, a valid
//! signature, no replay; then the measurement is classified like any OONI measurement
//! (as an upload: dated within an hour ahead and a year back) and stored.

use super::measurement::{BlockingLayer, Outcome};
use super::ooni::{Dropped, Fingerprints, Origin, classify};
use super::probe_envelope::{self, SignedResult};
use super::service::Watch;
use crate::{DomainError, StoreError, Timestamp};

/// Why a probe's request was refused.
#[derive(Debug, thiserror::Error)]
pub enum ProbeRefusal {
    #[error("unknown probe")]
    UnknownProbe,
    #[error("this probe was revoked")]
    Revoked,
    #[error("the signature does not verify: {0}")]
    BadSignature(#[from] probe_envelope::EnvelopeError),
    #[error("this result was already received")]
    Replay,
    #[error("the measurement cannot be used: {0}")]
    Unusable(Dropped),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl From<StoreError> for ProbeRefusal {
    fn from(e: StoreError) -> Self {
        ProbeRefusal::Domain(e.into())
    }
}

/// What the server concluded from one result.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedResult {
    pub probe: i64,
    pub country: String,
    pub asn: u32,
    pub target: String,
    pub outcome: Outcome,
    pub layer: Option<BlockingLayer>,
}

impl Watch {
    async fn enrolled_probe(&self, probe_id: &str) -> Result<(i64, String), ProbeRefusal> {
        let id: i64 = probe_id.trim().parse().map_err(|_| ProbeRefusal::UnknownProbe)?;
        let probe = match self.store().probe(id).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => return Err(ProbeRefusal::UnknownProbe),
            Err(e) => return Err(e.into()),
        };
        if probe.revoked_at.is_some() {
            return Err(ProbeRefusal::Revoked);
        }
        Ok((id, probe.public_key))
    }

    /// Verifies, classifies and stores one probe result. A replay (same result id) is
    /// refused; the measurement itself is stored once whatever happens (its uid is its
    /// identity). Detection is left to the server's periodic run: after a shutdown,
    /// probes upload their queues all at once, and a 30-day analysis of the country per
    /// result would be the same work hundreds of times.
    pub async fn receive_probe_result(&self, result: &SignedResult) -> Result<ReceivedResult, ProbeRefusal> {
        let (probe, key) = self.enrolled_probe(&result.probe_id).await?;
        probe_envelope::verify(result, &key)?;
        let now = self.now();
        let facts =
            classify(result.measurement.as_bytes(), Fingerprints::embedded(), Origin::Upload { arrived_at: now })
                .map_err(ProbeRefusal::Unusable)?;
        self.store_measurements(std::slice::from_ref(&facts)).await?;
        if !self.store().record_probe_result(probe, &result.result_id, now).await? {
            return Err(ProbeRefusal::Replay);
        }
        Ok(ReceivedResult {
            probe,
            country: facts.country,
            asn: facts.asn,
            target: facts.target,
            outcome: facts.outcome,
            layer: facts.layer,
        })
    }

    /// The target list for a probe that signed its request with its key.
    pub async fn targets_for_probe(
        &self,
        probe_id: &str,
        time: Timestamp,
        signature: &str,
    ) -> Result<Vec<String>, ProbeRefusal> {
        let (_, key) = self.enrolled_probe(probe_id).await?;
        probe_envelope::verify_targets_request(probe_id.trim(), time, signature, &key, self.now())?;
        Ok(self.store().probe_targets().await?)
    }
}
