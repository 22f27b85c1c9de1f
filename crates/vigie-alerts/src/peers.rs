//! Pulls a pinned peer's signed bundle: `GET {url}/api/v1/peers/bundle` with the token
//! the peer gave us, over HTTPS (plain HTTP only to a loopback address, checked when the
//! peer is pinned). The bundle is verified by the sharing service, not here: this only
//! fetches, with a timeout, no redirects and a size cap.

use std::time::Duration;

use async_trait::async_trait;
use vigie_core::sharing::BundleFetcher;
use vigie_core::sharing::peer::MAX_BYTES;

use crate::{SetupError, short};

/// How long one pull may take.
pub const PULL_TIMEOUT: Duration = Duration::from_secs(60);

pub struct PeerPuller {
    client: reqwest::Client,
}

impl PeerPuller {
    pub fn new() -> Result<Self, SetupError> {
        let client = reqwest::Client::builder()
            .timeout(PULL_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Vigie-peers/1")
            .build()
            .map_err(|e| SetupError::Http(e.to_string()))?;
        Ok(Self { client })
    }
}

#[async_trait]
impl BundleFetcher for PeerPuller {
    async fn fetch(&self, url: &str, token: &str) -> Result<Vec<u8>, String> {
        let address = format!("{}/api/v1/peers/bundle", url.trim_end_matches('/'));
        let response = self
            .client
            .get(&address)
            .bearer_auth(token)
            .send()
            .await
            .map_err(|e| short(&format!("cannot reach {url}: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            let hint = match status.as_u16() {
                401 | 403 => ": the peer does not accept our token",
                404 => ": not a Vigie with peer bundles at this address",
                _ => "",
            };
            return Err(format!("{url} answered HTTP {}{hint}", status.as_u16()));
        }
        if response.content_length().is_some_and(|n| n > MAX_BYTES as u64) {
            return Err(format!("{url} sent a bundle larger than {MAX_BYTES} bytes"));
        }
        let mut body = Vec::new();
        let mut response = response;
        while let Some(chunk) =
            response.chunk().await.map_err(|e| short(&format!("reading the bundle from {url}: {e}")))?
        {
            if body.len() + chunk.len() > MAX_BYTES {
                return Err(format!("{url} sent a bundle larger than {MAX_BYTES} bytes"));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}
