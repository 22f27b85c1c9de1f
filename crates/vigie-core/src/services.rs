//! Every application service, built once from the ports. `vigie serve` and every
//! command build them here, so that a command acts on the data exactly as the server
//! does. Building does no I/O: it only hands each service the port it uses.

use std::sync::Arc;

use crate::accounts::{Accounts, AccountsConfig};
use crate::blobs::Blobs;
use crate::campaign::{Campaigns, DetectorConfig};
use crate::cases::Cases;
use crate::custody::Custody;
use crate::deadline::SlaPolicy;
use crate::escalation::{Escalations, ReplyPolicy};
use crate::knowledge::Knowledge;
use crate::network::{Network, NetworkConfig, PagingPolicy};
use crate::sharing::{Sharing, SharingConfig};
use crate::store::{Health, Store};
use crate::time::Clock;
use crate::watch::{AnalysisSettings, Watch};

/// The settings of the services.
#[derive(Clone)]
pub struct ServicesConfig {
    pub accounts: AccountsConfig,
    /// The key receipt codes are MACed under (see [`Cases`]); derived from the server
    /// secret, which is kept outside the database.
    pub receipt_key: [u8; 32],
    /// Deadlines per severity.
    pub sla: SlaPolicy,
    /// Settings of campaign detection.
    pub detector: DetectorConfig,
    /// Settings of the network watch's detectors.
    pub analysis: AnalysisSettings,
    /// How long each platform has to answer an escalation before it is overdue.
    pub reply_policy: ReplyPolicy,
    /// Paging, and the keys of alert channels and acknowledgement links.
    pub network: NetworkConfig,
    /// The key of the tokens peers gave us.
    pub sharing: SharingConfig,
}

impl ServicesConfig {
    /// The default settings, with the instance's receipt key.
    pub fn new(receipt_key: [u8; 32]) -> Self {
        Self {
            accounts: AccountsConfig::default(),
            receipt_key,
            sla: SlaPolicy::default(),
            detector: DetectorConfig::default(),
            analysis: AnalysisSettings::default(),
            reply_policy: ReplyPolicy::default(),
            // Derived from the receipt key (itself derived from the server secret, kept
            // outside the database), one purpose each.
            network: NetworkConfig {
                paging: PagingPolicy::default(),
                channel_key: vigie_crypto::token::hmac_sha256(&receipt_key, b"vigie/alert-channels/v1"),
                ack_key: vigie_crypto::token::hmac_sha256(&receipt_key, b"vigie/page-ack/v1"),
                digest: crate::network::DigestSchedule::default(),
            },
            sharing: SharingConfig {
                token_key: vigie_crypto::token::hmac_sha256(&receipt_key, b"vigie/peer-tokens/v1"),
            },
        }
    }
}

/// The application services, and the one port the server reads directly: whether the
/// database answers.
pub struct Services {
    pub accounts: Accounts,
    pub cases: Cases,
    pub custody: Custody,
    pub campaigns: Campaigns,
    pub watch: Watch,
    /// Escalations to platforms and the accountability record.
    pub escalations: Escalations,
    /// The directory, the rota, paging and alerts.
    pub network: Network,
    /// What is shared with peers, pinned peers, imports of MISP, STIX and peer bundles.
    pub sharing: Sharing,
    /// Guides, self-diagnosis and the search over them.
    pub knowledge: Knowledge,
    /// The durable job queue (its admin page and commands).
    pub jobs: Arc<dyn crate::store::JobStore>,
    pub health: Arc<dyn Health>,
}

impl Services {
    pub fn build(store: Arc<dyn Store>, blobs: Arc<dyn Blobs>, clock: Arc<dyn Clock>, config: ServicesConfig) -> Self {
        Self {
            accounts: Accounts::new(store.clone(), clock.clone(), config.accounts),
            cases: Cases::new(store.clone(), blobs, clock.clone(), config.receipt_key, config.sla),
            custody: Custody::new(store.clone(), clock.clone()),
            campaigns: Campaigns::new(store.clone(), store.clone(), clock.clone(), config.detector),
            watch: Watch::new(store.clone(), clock.clone(), config.analysis),
            escalations: Escalations::new(
                store.clone(),
                store.clone(),
                store.clone(),
                store.clone(),
                store.clone(),
                clock.clone(),
                config.reply_policy,
            ),
            network: Network::new(store.clone(), clock.clone(), config.network),
            sharing: Sharing::new(store.clone(), clock.clone(), config.sharing),
            knowledge: Knowledge::new(store.clone(), store.clone(), clock),
            jobs: store.clone(),
            health: store,
        }
    }
}
