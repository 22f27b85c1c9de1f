//! Webhooks signed as the Standard Webhooks specification says: a JSON `POST` with
//! `webhook-id` (the delivery key, the same at every retry), `webhook-timestamp` (Unix
//! seconds) and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of
//! `id.timestamp.body`). A 2xx answer is a delivery; 410 Gone stops for good (the
//! receiver asks to be forgotten); anything else is tried again.

use std::time::{SystemTime, UNIX_EPOCH};

use vigie_core::network::{OutgoingAlert, SendAnswer, SendFailure, webhook};

use crate::{SEND_TIMEOUT, SetupError, short};

pub struct WebhookSender {
    client: reqwest::Client,
}

impl WebhookSender {
    pub fn new() -> Result<Self, SetupError> {
        let client = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Vigie-webhooks/1")
            .build()
            .map_err(|e| SetupError::Http(e.to_string()))?;
        Ok(Self { client })
    }

    pub async fn send(
        &self,
        url: &str,
        secret: &str,
        alert: &OutgoingAlert,
        key: &str,
    ) -> Result<SendAnswer, SendFailure> {
        let body =
            serde_json::to_vec(&alert.json).map_err(|e| SendFailure { permanent: true, answer: e.to_string() })?;
        let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        let signature = webhook::signature(secret, key, timestamp, &body)
            .ok_or_else(|| SendFailure { permanent: true, answer: "the webhook's secret is unreadable".into() })?;
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", key)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|e| SendFailure { permanent: false, answer: short(&without_url(&e)) })?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        let answer = short(&format!(
            "HTTP {}{}",
            status.as_u16(),
            if text.is_empty() { String::new() } else { format!(": {text}") }
        ));
        if status.is_success() {
            Ok(SendAnswer { answer })
        } else {
            Err(SendFailure { permanent: status == reqwest::StatusCode::GONE, answer })
        }
    }
}

/// A transport error without its URL (which may hold a token in its path).
fn without_url(e: &reqwest::Error) -> String {
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
