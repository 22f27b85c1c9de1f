//! What every handler shares.

use std::sync::Arc;

use vigie_core::Accounts;
use vigie_core::services::Services;
use vigie_crypto::signing::InstanceKey;

use crate::metrics::Metrics;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Served behind a reverse proxy that terminates TLS: cookies get `Secure`, pages
    /// get HSTS, and the client address is read from `X-Forwarded-For`.
    pub behind_tls_proxy: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// The organization that receives reports sent to `/report` (slug); the first
    /// organization when unset.
    pub default_report_org: Option<String>,
    /// Caps on the public reporting channel.
    pub intake: vigie_core::intake::IntakePolicy,
    /// Caps on receipt-code lookups (`/follow`, `/follow/files`, `/api/v1/follow`).
    pub follow: vigie_core::intake::IntakePolicy,
    /// Limits on files attached to a form.
    pub uploads: crate::uploads::UploadLimits,
    /// How "capture this link" fetches pages.
    pub capture: vigie_capture::CaptureOptions,
    /// Whether captures may reach loopback and private addresses (tests only).
    pub capture_private_addresses: bool,
    /// The address people reach this server at (`https://vigie.example.org`), for the
    /// links alerts carry.
    pub public_url: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            behind_tls_proxy: false,
            max_body_bytes: 256 * 1024,
            default_report_org: None,
            intake: vigie_core::intake::IntakePolicy::default(),
            follow: vigie_core::intake::IntakePolicy { per_address_per_hour: 120, global_per_hour: u32::MAX },
            uploads: crate::uploads::UploadLimits::default(),
            capture: vigie_capture::CaptureOptions::default(),
            capture_private_addresses: false,
            public_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// A 256-bit secret of the instance, kept in the data folder (never in the database),
/// from which per-purpose keys are derived (CSRF tokens, device cookies, the receipt key).
#[derive(Clone)]
pub struct ServerSecret(pub [u8; 32]);

impl ServerSecret {
    /// A key for one purpose, so that no two features share a MAC key.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        vigie_crypto::token::hmac_sha256(&self.0, purpose.as_bytes())
    }

    /// The key the cases service MACs receipt codes under ([`ServicesConfig::receipt_key`]).
    ///
    /// [`ServicesConfig::receipt_key`]: vigie_core::services::ServicesConfig::receipt_key
    pub fn receipt_key(&self) -> [u8; 32] {
        self.derive("receipt")
    }
}

pub struct App {
    pub accounts: Accounts,
    pub cases: vigie_core::cases::Cases,
    /// Whether the database answers (`/healthz`, the metrics).
    pub health: Arc<dyn vigie_core::store::Health>,
    intake: std::sync::Mutex<vigie_core::intake::IntakeLimiter>,
    follows: std::sync::Mutex<vigie_core::intake::IntakeLimiter>,
    pub config: WebConfig,
    pub(crate) csrf_key: [u8; 32],
    /// Signs the device cookies that keep a responder's browsers out of lockouts.
    pub device_cookies: vigie_core::accounts::DeviceCookies,
    pub metrics: Metrics,
    /// The instance's Ed25519 public key (base64), shown to admins and in the API.
    pub instance_public_key: String,
    /// The instance's signing key: tree heads and exported bundles.
    pub instance_key: Arc<InstanceKey>,
    /// The tamper-evident log.
    pub custody: vigie_core::custody::Custody,
    /// Observations and detected campaigns.
    pub campaigns: vigie_core::campaign::Campaigns,
    /// The network watch: measurements, events, alerts, disruptions, probes.
    pub watch: vigie_core::watch::Watch,
    /// Escalations to platforms and the accountability record.
    pub escalations: vigie_core::escalation::Escalations,
    /// The directory, the rota, paging and alert channels.
    pub network: vigie_core::network::Network,
    /// The durable job queue, for its admin page.
    pub jobs: Arc<dyn vigie_core::store::JobStore>,
    /// What sends alerts out (e-mail, webhooks, Matrix).
    pub alert_sender: Arc<dyn vigie_core::network::AlertSender>,
    /// What is shared with peers, the pinned peers, and imports.
    pub sharing: vigie_core::sharing::Sharing,
    /// What pulls peers' bundles.
    pub bundle_fetcher: Arc<dyn vigie_core::sharing::BundleFetcher>,
    /// Guides, self-diagnosis trees and their search.
    pub knowledge: vigie_core::knowledge::Knowledge,
    /// The search index over guides, playbooks and trees (in memory, rebuilt when a
    /// guide changes).
    pub search_index: Arc<vigie_search::GuideIndex>,
}

impl App {
    /// The web layer over the services of [`Services::build`] (whose receipt key is
    /// [`ServerSecret::receipt_key`] of the same `secret`).
    pub fn new(
        services: Services,
        config: WebConfig,
        secret: &ServerSecret,
        instance_key: Arc<InstanceKey>,
    ) -> Arc<Self> {
        // Webhooks need no setting; e-mail and Matrix say they are not configured.
        let senders = vigie_alerts::Senders::new(None, None, false).expect("an HTTP client with the built-in roots");
        Self::with_alerts(services, config, secret, instance_key, Arc::new(senders))
    }

    /// [`App::new`], sending alerts through `alert_sender`.
    pub fn with_alerts(
        services: Services,
        config: WebConfig,
        secret: &ServerSecret,
        instance_key: Arc<InstanceKey>,
        alert_sender: Arc<dyn vigie_core::network::AlertSender>,
    ) -> Arc<Self> {
        let Services {
            accounts,
            cases,
            custody,
            campaigns,
            watch,
            escalations,
            network,
            sharing,
            jobs,
            health,
            knowledge,
        } = services;
        let bundle_fetcher =
            Arc::new(vigie_alerts::peers::PeerPuller::new().expect("an HTTP client with the built-in roots"));
        let intake = std::sync::Mutex::new(vigie_core::intake::IntakeLimiter::new(config.intake));
        let follows = std::sync::Mutex::new(vigie_core::intake::IntakeLimiter::new(config.follow));
        Arc::new(Self {
            accounts,
            cases,
            health,
            intake,
            follows,
            config,
            csrf_key: secret.derive("csrf"),
            device_cookies: vigie_core::accounts::DeviceCookies::new(secret.derive("device-cookie")),
            metrics: Metrics::default(),
            instance_public_key: instance_key.public_base64(),
            instance_key,
            custody,
            campaigns,
            watch,
            escalations,
            network,
            jobs,
            alert_sender,
            sharing,
            bundle_fetcher,
            knowledge,
            search_index: Arc::new(vigie_search::GuideIndex::new()),
        })
    }

    /// Runs the watch's detectors over every country with recent data.
    pub async fn refresh_watch(&self) -> Result<vigie_core::watch::RefreshReport, vigie_core::DomainError> {
        self.watch.refresh_all().await
    }

    /// Counts one report from `client` against the intake caps (memory only).
    pub fn admit_report(&self, client: &str) -> Result<(), vigie_core::intake::Refusal> {
        let now = self.accounts.now();
        self.intake.lock().unwrap_or_else(|e| e.into_inner()).admit(client, now)
    }

    /// Counts one receipt-code lookup from `client` (memory only); refused past the
    /// per-address cap with the seconds to wait.
    pub fn admit_follow(&self, client: &str) -> Result<(), crate::error::WebError> {
        let now = self.accounts.now();
        let admitted = self.follows.lock().unwrap_or_else(|e| e.into_inner()).admit(client, now);
        admitted.map_err(|r| match r {
            vigie_core::intake::Refusal::Address { retry_after_secs }
            | vigie_core::intake::Refusal::Global { retry_after_secs } => {
                tracing::info!("receipt-code lookup refused: over the per-address cap");
                crate::error::WebError::Throttled { retry_after_secs }
            }
        })
    }
}

pub type AppState = Arc<App>;
