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
    /// Whether webhooks may reach loopback and private addresses (tests, a receiver on
    /// the same network); refused by default, so that a member cannot make the server
    /// probe its own machine or network.
    allow_internal: bool,
}

impl WebhookSender {
    pub fn new(allow_internal: bool) -> Result<Self, SetupError> {
        let client = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Vigie-webhooks/1")
            .build()
            .map_err(|e| SetupError::Http(e.to_string()))?;
        Ok(Self { client, allow_internal })
    }

    /// Refuses a URL whose host is, or resolves to, an internal address.
    async fn check_address(&self, url: &str) -> Result<(), SendFailure> {
        if self.allow_internal {
            return Ok(());
        }
        let refused = |answer: String| SendFailure { permanent: true, answer };
        let parsed = url::Url::parse(url).map_err(|e| refused(format!("not a URL: {e}")))?;
        let host = parsed.host_str().ok_or_else(|| refused("the URL has no host".into()))?;
        let port = parsed.port_or_known_default().unwrap_or(443);
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let addresses: Vec<std::net::IpAddr> = match host.parse() {
            Ok(ip) => vec![ip],
            Err(_) => tokio::net::lookup_host((host, port))
                .await
                .map_err(|e| SendFailure { permanent: false, answer: short(&format!("cannot resolve {host}: {e}")) })?
                .map(|a| a.ip())
                .collect(),
        };
        match addresses.iter().find(|ip| vigie_core::network::is_internal(ip)) {
            Some(ip) => Err(refused(format!("{host} is an internal address ({ip}); webhooks reach public addresses"))),
            None => Ok(()),
        }
    }

    pub async fn send(
        &self,
        url: &str,
        secret: &str,
        alert: &OutgoingAlert,
        key: &str,
    ) -> Result<SendAnswer, SendFailure> {
        self.check_address(url).await?;
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
            .map_err(|e| SendFailure { permanent: false, answer: short(&crate::without_url(&e)) })?;
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
