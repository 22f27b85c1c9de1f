//! Alerts that leave the server: what an alert says (a kind and a link, never a sealed
//! field nor a reporter's words), where it goes (a person's channels: an e-mail
//! address, a webhook, a Matrix room), and the port that sends it.
//!
//! A channel's address is encrypted under a key derived from the server secret, which
//! is kept in the data folder, not the database: the server must read it to deliver
//! without anyone logged in, and a stolen database alone does not give the addresses
//! away (`docs/threat-model.md`).

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::paging::PageStep;
use crate::error::{DomainError, Problem};
use crate::{CaseId, UserId};

/// Where a channel delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Email,
    Webhook,
    Matrix,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 3] = [ChannelKind::Email, ChannelKind::Webhook, ChannelKind::Matrix];

    pub fn code(self) -> &'static str {
        match self {
            ChannelKind::Email => "email",
            ChannelKind::Webhook => "webhook",
            ChannelKind::Matrix => "matrix",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == raw.trim())
    }
}

/// A channel's address, as the sender needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChannelTarget {
    Email {
        address: String,
    },
    /// Signed as Standard Webhooks says, with `secret` (`whsec_…`).
    Webhook {
        url: String,
        secret: String,
    },
    /// A room of the instance's Matrix homeserver, posted to by its bot account.
    Matrix {
        room: String,
    },
}

impl ChannelTarget {
    pub fn kind(&self) -> ChannelKind {
        match self {
            ChannelTarget::Email { .. } => ChannelKind::Email,
            ChannelTarget::Webhook { .. } => ChannelKind::Webhook,
            ChannelTarget::Matrix { .. } => ChannelKind::Matrix,
        }
    }

    /// A target from a form: the address for e-mail, the URL for a webhook (its secret
    /// is made here), the room id (`!abc:server`) for Matrix.
    pub fn from_form(kind: ChannelKind, address: &str) -> Result<Self, DomainError> {
        let address = address.trim();
        if address.is_empty() {
            return Err(DomainError::invalid("address", Problem::Empty));
        }
        if address.len() > 500 || address.chars().any(char::is_control) {
            return Err(DomainError::invalid("address", Problem::TooLong));
        }
        match kind {
            ChannelKind::Email => {
                let (local, domain) = address.split_once('@').unwrap_or_default();
                let ok = !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !address.contains(char::is_whitespace)
                    && !address.contains(['<', '>', ',', ';']);
                ok.then(|| Self::Email { address: address.to_owned() })
                    .ok_or(DomainError::invalid("address", Problem::ChannelAddress))
            }
            ChannelKind::Webhook => {
                let ok = (address.starts_with("https://") || address.starts_with("http://"))
                    && !address.contains(char::is_whitespace);
                ok.then(|| Self::Webhook { url: address.to_owned(), secret: webhook::new_secret() })
                    .ok_or(DomainError::invalid("address", Problem::ChannelAddress))
            }
            ChannelKind::Matrix => {
                // Room ids are `!opaque:server`, or `!opaque` from room version 12 on.
                let ok = address.len() > 1 && address.starts_with('!') && !address.contains(['/', ' ', '?', '#']);
                ok.then(|| Self::Matrix { room: address.to_owned() })
                    .ok_or(DomainError::invalid("address", Problem::ChannelAddress))
            }
        }
    }

    /// What the channel list shows: the address, and never the webhook's secret.
    pub fn shown(&self) -> &str {
        match self {
            ChannelTarget::Email { address } => address,
            ChannelTarget::Webhook { url, .. } => url,
            ChannelTarget::Matrix { room } => room,
        }
    }

    fn aad(owner: UserId) -> Vec<u8> {
        format!("vigie/alert-channel/v1|user={owner}").into_bytes()
    }

    /// Encrypted under the channels' key, bound to its owner.
    pub fn seal(&self, key: &[u8; 32], owner: UserId) -> Result<Vec<u8>, DomainError> {
        let json = serde_json::to_vec(self).map_err(|_| DomainError::Internal("channel serialisation"))?;
        Ok(vigie_crypto::symmetric::encrypt(key, &vigie_crypto::padding::pad(&json), &Self::aad(owner))?)
    }

    pub fn open(key: &[u8; 32], sealed: &[u8], owner: UserId) -> Result<Self, DomainError> {
        let json = vigie_crypto::symmetric::decrypt(key, sealed, &Self::aad(owner))?;
        let json = vigie_crypto::padding::unpad(&json);
        serde_json::from_slice(json).map_err(|_| DomainError::Internal("channel record"))
    }
}

/// A stored channel's identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ChannelId(pub i64);

impl std::fmt::Display for ChannelId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What an alert is about. The words are the recipient's language's, chosen when it
/// is sent; what is stored and queued is only this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Alert {
    /// A critical case needs someone: the page to acknowledge.
    Page { page: i64, case: CaseId, step: PageStepCode },
    /// A case was given to the recipient.
    Assigned { case: CaseId },
    /// A test the recipient asked for, to see that the channel works.
    Test { nonce: i64 },
    /// A new case of the recipient's organization needs one of their skills.
    NewCase { case: CaseId },
    /// A detected campaign was linked to a case given to the recipient.
    CampaignLinked { case: CaseId, campaign: i64 },
    /// A platform is past its reply period for an escalation the recipient drafted.
    EscalationWaiting { escalation: i64, case: Option<CaseId> },
    /// The network watch saw a disruption begin or end in a country the recipient
    /// follows (`country`: its ISO 3166-1 code).
    Watch { alert: i64, country: String },
    /// The day's alerts of topics the recipient reads once a day (`day`: days since
    /// 1970-01-01), at most [`super::DIGEST_MAX_ITEMS`] of them and how many more.
    Digest { day: i64, items: Vec<Alert>, more: u32 },
}

/// A page step as it travels in a queued alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageStepCode {
    OnCall,
    Coordinators,
}

impl From<PageStep> for PageStepCode {
    fn from(s: PageStep) -> Self {
        match s {
            PageStep::OnCall => Self::OnCall,
            PageStep::Coordinators => Self::Coordinators,
        }
    }
}

impl Alert {
    pub fn code(&self) -> &'static str {
        match self {
            Alert::Page { .. } => "page",
            Alert::Assigned { .. } => "assigned",
            Alert::Test { .. } => "test",
            Alert::NewCase { .. } => "new_case",
            Alert::CampaignLinked { .. } => "campaign_linked",
            Alert::EscalationWaiting { .. } => "escalation_waiting",
            Alert::Watch { .. } => "watch",
            Alert::Digest { .. } => "digest",
        }
    }

    /// The case it is about, if any.
    pub fn case(&self) -> Option<CaseId> {
        match self {
            Alert::Page { case, .. }
            | Alert::Assigned { case }
            | Alert::NewCase { case }
            | Alert::CampaignLinked { case, .. } => Some(*case),
            Alert::EscalationWaiting { case, .. } => *case,
            Alert::Test { .. } | Alert::Watch { .. } | Alert::Digest { .. } => None,
        }
    }

    /// What this alert is, whoever receives it and on whichever channel: a person is
    /// told of one key once (see `Network::notify`).
    pub fn key(&self) -> String {
        match self {
            Alert::Page { page, .. } => format!("page-{page}"),
            Alert::Assigned { case } => format!("assigned-{case}"),
            Alert::Test { nonce } => format!("test-{nonce}"),
            Alert::NewCase { case } => format!("new-case-{case}"),
            Alert::CampaignLinked { case, campaign } => format!("campaign-{campaign}-case-{case}"),
            Alert::EscalationWaiting { escalation, .. } => format!("escalation-waiting-{escalation}"),
            Alert::Watch { alert, .. } => format!("watch-{alert}"),
            Alert::Digest { day, .. } => format!("digest-{day}"),
        }
    }

    /// The delivery key of this alert on one channel: the same alert queued twice on
    /// one channel is one delivery, and the receivers see the key (the webhook's
    /// `webhook-id`, Matrix's transaction id, the e-mail's `Message-ID`) to drop a
    /// repeat.
    /// A digest's key is its day's: one digest per channel and day, however often the
    /// digest job runs or is retried.
    pub fn delivery_key(&self, channel: ChannelId) -> String {
        format!("{}-ch{channel}", self.key())
    }
}

/// One alert to one channel, as queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub key: String,
    pub channel: ChannelId,
    /// The channel's kind when queued: the record of the delivery keeps it even after
    /// the channel is removed.
    pub kind: ChannelKind,
    pub user: UserId,
    pub alert: Alert,
}

/// An alert in words, ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutgoingAlert {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The link the alert is about (the case, the acknowledgement).
    pub link: String,
    /// Where the recipient stops this channel's alerts (`List-Unsubscribe`).
    pub unsubscribe: String,
    /// The body a webhook receives (JSON).
    pub json: serde_json::Value,
}

/// What a receiver answered to a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendAnswer {
    /// Short, as the receiver said it (`250 …`, `HTTP 200`, an event id).
    pub answer: String,
}

/// Why a delivery failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{answer}")]
pub struct SendFailure {
    /// A refusal that retrying cannot change (an address that does not exist, a
    /// webhook answering 410): no more attempts.
    pub permanent: bool,
    pub answer: String,
}

/// Sends alerts: SMTP, HTTP and Matrix in `vigie-alerts`; a recording fake in tests.
#[async_trait]
pub trait AlertSender: Send + Sync + 'static {
    async fn send(&self, target: &ChannelTarget, alert: &OutgoingAlert, key: &str) -> Result<SendAnswer, SendFailure>;
}

/// Standard Webhooks (<https://www.standardwebhooks.com>): HMAC-SHA256 over
/// `id.timestamp.body` with the secret's bytes, sent as `v1,<base64>`.
pub mod webhook {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;

    /// The prefix of a secret as the specification writes it.
    pub const SECRET_PREFIX: &str = "whsec_";

    /// A new secret: 24 random bytes.
    pub fn new_secret() -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(vigie_crypto::token::random_bytes::<24>()))
    }

    /// The key bytes of a `whsec_…` secret.
    pub fn secret_bytes(secret: &str) -> Option<Vec<u8>> {
        STANDARD.decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret)).ok()
    }

    /// The `webhook-signature` header's value.
    pub fn signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
        let key = secret_bytes(secret)?;
        let mut signed = format!("{id}.{timestamp}.").into_bytes();
        signed.extend_from_slice(body);
        Some(format!("v1,{}", STANDARD.encode(vigie_crypto::token::hmac_sha256(&key, &signed))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_checked_and_sealed_to_their_owner() {
        let key = [3u8; 32];
        let t = ChannelTarget::from_form(ChannelKind::Email, " awa@example.org ").unwrap();
        assert_eq!(t.shown(), "awa@example.org");
        let sealed = t.seal(&key, UserId(4)).unwrap();
        assert!(!String::from_utf8_lossy(&sealed).contains("awa"));
        assert_eq!(ChannelTarget::open(&key, &sealed, UserId(4)).unwrap(), t);
        assert!(ChannelTarget::open(&key, &sealed, UserId(5)).is_err());
        for (kind, bad) in [
            (ChannelKind::Email, "awa"),
            (ChannelKind::Email, "a@b.c>, x@y.z"),
            (ChannelKind::Webhook, "ftp://x"),
            (ChannelKind::Matrix, "#room:server"),
            (ChannelKind::Matrix, ""),
        ] {
            assert!(ChannelTarget::from_form(kind, bad).is_err(), "{bad}");
        }
        let ChannelTarget::Webhook { secret, .. } =
            ChannelTarget::from_form(ChannelKind::Webhook, "https://hooks.example.org/x").unwrap()
        else {
            panic!("a webhook")
        };
        assert_eq!(webhook::secret_bytes(&secret).unwrap().len(), 24);
    }

    #[test]
    fn the_webhook_signature_is_the_specifications() {
        // The example of the Standard Webhooks specification's reference libraries.
        let sig = webhook::signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(sig.as_deref(), Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    #[test]
    fn one_alert_on_one_channel_has_one_key() {
        let a = Alert::Page { page: 7, case: CaseId(3), step: PageStepCode::OnCall };
        assert_eq!(a.delivery_key(ChannelId(2)), "page-7-ch2");
        assert_ne!(a.delivery_key(ChannelId(2)), a.delivery_key(ChannelId(3)));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Alert>(&json).unwrap(), a);
        assert_eq!(Alert::Assigned { case: CaseId(3) }.delivery_key(ChannelId(2)), "assigned-3-ch2");
        let digest = Alert::Digest { day: 20_000, items: vec![Alert::NewCase { case: CaseId(3) }], more: 0 };
        let other_items = Alert::Digest { day: 20_000, items: vec![], more: 4 };
        assert_eq!(digest.delivery_key(ChannelId(2)), other_items.delivery_key(ChannelId(2)), "one per day");
        let json = serde_json::to_string(&digest).unwrap();
        assert_eq!(serde_json::from_str::<Alert>(&json).unwrap(), digest);
        let keys: std::collections::BTreeSet<String> = [
            Alert::NewCase { case: CaseId(3) },
            Alert::CampaignLinked { case: CaseId(3), campaign: 3 },
            Alert::EscalationWaiting { escalation: 3, case: Some(CaseId(3)) },
            Alert::Watch { alert: 3, country: "TG".into() },
            digest,
        ]
        .iter()
        .map(Alert::key)
        .collect();
        assert_eq!(keys.len(), 5, "no two kinds share a key: {keys:?}");
    }
}
