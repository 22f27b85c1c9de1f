//! Sending queued results to the Vigie server. Results leave the queue only once the
//! server has them: a 2xx, or a 409 (the server already holds that `result_id`, e.g. the
//! answer to an earlier upload was lost). The first connection failure ends the round: the
//! server is unreachable (maybe the very shutdown being measured) and the rest waits.

use vigie_core::watch::probe_envelope::SignedResult;

use crate::queue::Queue;
use crate::{ProbeError, endpoint};

pub const RESULTS_PATH: &str = "/api/v1/probe/results";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UploadReport {
    /// Results the server now holds (2xx or 409), removed from the queue.
    pub sent: usize,
    /// Results the server refused (other 4xx, e.g. a probe not enrolled or revoked). They
    /// stay queued: a refusal usually comes from the probe's enrolment, which can be fixed.
    pub refused: usize,
    /// Results still in the queue after this round.
    pub still_pending: usize,
}

/// Uploads every queued result, oldest first, to `{server_url}/api/v1/probe/results`.
pub async fn upload_pending(
    queue: &Queue,
    server_url: &str,
    client: &reqwest::Client,
) -> Result<UploadReport, ProbeError> {
    let url = endpoint(server_url, RESULTS_PATH);
    let mut report = UploadReport::default();
    for result in queue.pending()? {
        match post(client, &url, &result).await {
            Outcome::Held => {
                queue.remove(&result.result_id)?;
                report.sent += 1;
            }
            Outcome::Refused(status) => {
                tracing::warn!(result = %result.result_id, status, "the server refused a probe result");
                report.refused += 1;
            }
            Outcome::Retry(status) => {
                tracing::warn!(
                    result = %result.result_id,
                    status,
                    "the server failed on a probe result; kept for later"
                );
            }
            Outcome::Unreachable(e) => {
                tracing::info!(error = %e, "the server is unreachable; results stay queued");
                break;
            }
        }
    }
    report.still_pending = queue.len()?;
    Ok(report)
}

enum Outcome {
    Held,
    Refused(u16),
    Retry(u16),
    Unreachable(reqwest::Error),
}

async fn post(client: &reqwest::Client, url: &str, result: &SignedResult) -> Outcome {
    match client.post(url).json(result).send().await {
        Err(e) => Outcome::Unreachable(e),
        Ok(response) => {
            let status = response.status();
            if status.is_success() || status == reqwest::StatusCode::CONFLICT {
                Outcome::Held
            } else if status.is_client_error() {
                Outcome::Refused(status.as_u16())
            } else {
                Outcome::Retry(status.as_u16())
            }
        }
    }
}
