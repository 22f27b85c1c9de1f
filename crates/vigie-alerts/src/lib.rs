//! Sends Vigie's alerts where people are: e-mail over SMTP ([`email`]), webhooks
//! signed as Standard Webhooks says ([`webhook`]), and messages in Matrix rooms
//! ([`matrix`]); and pulls peers' bundles ([`peers`]). [`Senders`] is the [`AlertSender`] the server's delivery jobs use.
//!
//! Each sender hands the receiver the delivery key, so that a delivery retried after a
//! crash is recognised: the webhook's `webhook-id`, Matrix's transaction id (the
//! homeserver answers a repeated one with the first event), the e-mail's `Message-ID`.
//! Failures say whether trying again can help ([`SendFailure::permanent`]).

#![forbid(unsafe_code)]

pub mod email;
pub mod matrix;
pub mod peers;
pub mod webhook;

use std::time::Duration;

use async_trait::async_trait;
use vigie_core::network::{AlertSender, ChannelTarget, OutgoingAlert, SendAnswer, SendFailure};

/// How long one delivery may take before it counts as failed (and is retried).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(20);

/// Why the senders could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("the SMTP URL is not usable: {0}")]
    Smtp(String),
    #[error("the sender address {0:?} is not an e-mail address")]
    From(String),
    #[error("the Matrix homeserver URL is not usable: {0}")]
    Matrix(String),
    #[error("the HTTP client could not start: {0}")]
    Http(String),
}

/// Every sender the instance has configured.
pub struct Senders {
    email: Option<email::EmailSender>,
    matrix: Option<matrix::MatrixSender>,
    webhooks: webhook::WebhookSender,
}

impl Senders {
    /// `internal_webhooks`: whether webhooks may reach loopback and private addresses.
    pub fn new(
        email: Option<email::EmailSender>,
        matrix: Option<matrix::MatrixSender>,
        internal_webhooks: bool,
    ) -> Result<Self, SetupError> {
        Ok(Self { email, matrix, webhooks: webhook::WebhookSender::new(internal_webhooks)? })
    }
}

fn not_configured(what: &str) -> SendFailure {
    SendFailure { permanent: false, answer: format!("{what} is not configured on this server") }
}

#[async_trait]
impl AlertSender for Senders {
    async fn send(&self, target: &ChannelTarget, alert: &OutgoingAlert, key: &str) -> Result<SendAnswer, SendFailure> {
        match target {
            ChannelTarget::Email { address } => {
                self.email
                    .as_ref()
                    .ok_or_else(|| not_configured("e-mail (--smtp-url)"))?
                    .send(address, alert, key)
                    .await
            }
            ChannelTarget::Webhook { url, secret } => self.webhooks.send(url, secret, alert, key).await,
            ChannelTarget::Matrix { room } => {
                self.matrix
                    .as_ref()
                    .ok_or_else(|| not_configured("Matrix (--matrix-homeserver)"))?
                    .send(room, alert, key)
                    .await
            }
        }
    }
}

/// Cuts a receiver's answer to what the admin page shows.
pub(crate) fn short(answer: &str) -> String {
    let one_line: String = answer.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let trimmed = one_line.trim();
    match trimmed.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &trimmed[..i]),
        None => trimmed.to_owned(),
    }
}

/// A transport error without its URL (a webhook's path or a Matrix request may carry a
/// secret): what failed, and the underlying cause.
pub(crate) fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let source = std::error::Error::source(e).map(|s| format!(": {s}")).unwrap_or_default();
    format!("{kind}{source}")
}
