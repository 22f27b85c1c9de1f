//! Matrix room messages through the client-server API: `PUT
//! /_matrix/client/v3/rooms/{room}/send/m.room.message/{txnId}` with the bot account's
//! access token. The transaction id is the delivery key, so a retry of a message the
//! homeserver already took returns the first event instead of posting again.

use secrecy::{ExposeSecret, SecretString};
use vigie_core::network::{OutgoingAlert, SendAnswer, SendFailure};

use crate::{SEND_TIMEOUT, SetupError, short};

pub struct MatrixSender {
    homeserver: url::Url,
    token: SecretString,
    client: reqwest::Client,
}

impl MatrixSender {
    /// A sender posting as the bot whose access token is given, on `homeserver`
    /// (`https://matrix.example.org`).
    pub fn new(homeserver: &str, token: SecretString) -> Result<Self, SetupError> {
        let homeserver = url::Url::parse(homeserver).map_err(|e| SetupError::Matrix(e.to_string()))?;
        if !matches!(homeserver.scheme(), "https" | "http") {
            return Err(SetupError::Matrix("expected an https:// URL".into()));
        }
        let client = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .user_agent("Vigie-alerts/1")
            .build()
            .map_err(|e| SetupError::Http(e.to_string()))?;
        Ok(Self { homeserver, token, client })
    }

    /// The URL of one message's `PUT`, its room and transaction id escaped.
    pub fn send_url(&self, room: &str, txn: &str) -> Result<url::Url, SendFailure> {
        let mut url = self.homeserver.clone();
        url.path_segments_mut()
            .map_err(|_| SendFailure { permanent: true, answer: "the homeserver URL cannot take a path".into() })?
            .pop_if_empty()
            .extend(["_matrix", "client", "v3", "rooms", room, "send", "m.room.message", txn]);
        Ok(url)
    }

    pub async fn send(&self, room: &str, alert: &OutgoingAlert, key: &str) -> Result<SendAnswer, SendFailure> {
        let body = serde_json::json!({
            "msgtype": "m.text",
            "body": alert.text,
            "format": "org.matrix.custom.html",
            "formatted_body": alert.html,
        });
        let response = self
            .client
            .put(self.send_url(room, key)?)
            .bearer_auth(self.token.expose_secret())
            .json(&body)
            .send()
            .await
            .map_err(|e| SendFailure {
                permanent: false,
                answer: short(&format!("could not reach the homeserver: {}", crate::without_url(&e))),
            })?;
        let status = response.status();
        let json: serde_json::Value = response.json().await.unwrap_or_default();
        if status.is_success() {
            let event = json.get("event_id").and_then(|v| v.as_str()).unwrap_or("?");
            return Ok(SendAnswer { answer: short(&format!("HTTP {} {event}", status.as_u16())) });
        }
        let code = json.get("errcode").and_then(|v| v.as_str()).unwrap_or("");
        let answer = short(&format!(
            "HTTP {} {code} {}",
            status.as_u16(),
            json.get("error").and_then(|v| v.as_str()).unwrap_or("")
        ));
        // A bot that is not in the room, or a token revoked, needs a person: stop.
        let permanent = matches!(status.as_u16(), 401 | 403 | 404) || code == "M_FORBIDDEN";
        Err(SendFailure { permanent, answer })
    }
}
