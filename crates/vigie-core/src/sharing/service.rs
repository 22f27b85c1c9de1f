//! The sharing service: what this instance shares with its peers (objects marked at
//! TLP:CLEAR or GREEN), the peers an admin pinned, and the imports of MISP events, STIX
//! bundles and peer bundles, deduplicated, each with its provenance.
//!
//! Who may do what: coordinators and admins mark objects, import files and see imports;
//! only admins pin and remove peers. A scheduled pull and `vigie import` act as the
//! instance ([`Importer::Instance`]).

use std::sync::Arc;

use sha2::Digest;
use thiserror::Error;
use vigie_crypto::signing::InstanceKey;

use super::peer::{self, Envelope, ObjectKind, Payload, PeerBundleError, SharedObject};
use super::{Imported, Producer, ShareableTlp, SharedCampaign, SharedDisruption, SharingError, TechniqueId, Tlp};
use super::{Uuid, misp, stix};
use crate::store::{ImportOutcome, ImportRow, ImportSource, NewImport, NewPeer, PeerRow, ReceiptRow, ShareMark, Store};
use crate::time::Clock;
use crate::watch::disruption::Review;
use crate::{Actor, DomainError, OrgId, UserId, policy};

/// Vigie's namespace of shared ids: an instance's objects are named within it by its
/// public key, so two instances never mint the same id and one instance always mints
/// the same id for the same object.
const NAMESPACE: &str = "6f0c8e2a-1d4b-4c7e-9a35-5b2e7d9c1f40";

/// The keys of the sharing service.
#[derive(Clone)]
pub struct SharingConfig {
    /// Seals the tokens peers gave us to pull their bundles.
    pub token_key: [u8; 32],
}

/// Why an import was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error(transparent)]
    Document(#[from] SharingError),
    #[error(transparent)]
    Bundle(#[from] PeerBundleError),
    /// An event above GREEN (or unmarked) must belong to an organization, and the
    /// command line did not say which.
    #[error(
        "this document is {0}: only TLP:CLEAR and GREEN are seen by the whole network; say which organization it belongs to (--org SLUG)"
    )]
    NeedsOrganization(String),
}

impl ImportError {
    /// A stable code: the web layer's message key is `import-refused-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Document(_) => "document",
            ImportError::NeedsOrganization(_) => "needs-organization",
            ImportError::Bundle(e) => match e {
                PeerBundleError::TooLarge => "too-large",
                PeerBundleError::NotABundle(_) | PeerBundleError::UnsupportedVersion(_) => "not-a-bundle",
                PeerBundleError::BadBase64(_) | PeerBundleError::BadKey | PeerBundleError::BadSignature => {
                    "bad-signature"
                }
                PeerBundleError::UnknownPeer(_) => "unknown-peer",
                PeerBundleError::BadPayload(_) | PeerBundleError::KeyMismatch { .. } => "bad-payload",
                PeerBundleError::Replay { .. } => "replay",
                PeerBundleError::NotShareable { .. } => "not-shareable",
                PeerBundleError::Object { .. } => "document",
            },
        }
    }
}

/// Fetches a peer's bundle: `GET {url}/api/v1/peers/bundle` with its token (the
/// implementation is `vigie_alerts::PeerPuller`). The error is for the admin's page.
#[async_trait::async_trait]
pub trait BundleFetcher: Send + Sync + 'static {
    async fn fetch(&self, url: &str, token: &str) -> Result<Vec<u8>, String>;
}

/// What one scheduled pull of one peer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullOutcome {
    Imported(PeerImport),
    /// The peer has made nothing since the last bundle taken from it.
    NothingNew,
    Failed(String),
}

/// Who imports.
#[derive(Debug, Clone, Copy)]
pub enum Importer<'a> {
    /// A coordinator or an admin, over the pages or the API.
    Person(&'a Actor),
    /// The instance itself: `vigie import`, a scheduled pull. `org` owns what is above
    /// GREEN.
    Instance { org: Option<OrgId> },
}

/// What one imported document (or one object of a peer bundle) became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedItem {
    pub id: i64,
    pub outcome: ImportOutcome,
    pub title: String,
    pub source_uuid: String,
    pub indicators: usize,
    pub skipped: usize,
}

/// What a peer bundle brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerImport {
    pub peer: i64,
    pub peer_name: String,
    pub sequence: i64,
    pub items: Vec<ImportedItem>,
}

/// A pinned peer, and the token it pulls our bundle with (shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedPeer {
    pub id: i64,
    pub pull_token: String,
}

/// One import with what it holds and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportDetail {
    pub row: ImportRow,
    pub indicators: Vec<super::Indicator>,
    pub receipts: Vec<ReceiptRow>,
}

/// A peer to pin, as an admin typed it.
#[derive(Debug, Clone, Default)]
pub struct PeerForm {
    pub name: String,
    pub public_key: String,
    /// Its Vigie's address (`https://…`), to pull from; empty: carried by file only.
    pub url: String,
    /// The pull token it gave us; empty when not pulled.
    pub token: String,
}

pub struct Sharing {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    config: SharingConfig,
}

impl Sharing {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: SharingConfig) -> Self {
        Self { store, clock, config }
    }

    // Shared objects.

    /// The shared id of one of this instance's objects (`campaign:12`, `org:slug`).
    pub fn instance_id(instance_public_key: &str, name: &str) -> Uuid {
        let ns = Uuid::parse(NAMESPACE).expect("the namespace is a UUID");
        ns.derive(4, &format!("{instance_public_key}|{name}"))
    }

    async fn producer_of(&self, user: UserId, instance_public_key: &str) -> Result<Producer, DomainError> {
        let org = self.store.org(self.store.user(user).await?.org_id).await?;
        Ok(Producer { uuid: Self::instance_id(instance_public_key, &format!("org:{}", org.slug)), name: org.name })
    }

    /// A campaign as it is shared, produced by `by`'s organization.
    pub async fn shared_campaign(
        &self,
        id: i64,
        tlp: ShareableTlp,
        techniques: Vec<TechniqueId>,
        by: UserId,
        instance_public_key: &str,
    ) -> Result<SharedCampaign, DomainError> {
        let row = self.store.campaign(id).await?;
        let report = serde_json::from_str(&row.report).map_err(|_| DomainError::Internal("stored campaign report"))?;
        Ok(SharedCampaign {
            uuid: Self::instance_id(instance_public_key, &format!("campaign:{id}")),
            title: format!("Coordinated campaign {id}: {} accounts, {} posts", row.account_count, row.post_count),
            report,
            tlp,
            techniques,
            created: row.detected_at,
            modified: row.detected_at,
            producer: self.producer_of(by, instance_public_key).await?,
        })
    }

    /// A confirmed disruption record as it is shared; `Conflict` when nobody confirmed
    /// it (a detector's guess is not shared as a fact).
    pub async fn shared_disruption(
        &self,
        id: i64,
        tlp: ShareableTlp,
        by: UserId,
        instance_public_key: &str,
    ) -> Result<SharedDisruption, DomainError> {
        let view = crate::watch::disruptions::decode(self.store.disruption(id).await?)?;
        if view.row.review != Review::Confirmed {
            return Err(DomainError::Conflict("disruption not confirmed"));
        }
        Ok(SharedDisruption {
            uuid: Self::instance_id(instance_public_key, &format!("disruption:{id}")),
            title: format!("Internet disruption in {}", view.row.country),
            disruption: view.record,
            tlp,
            created: view.row.created_at,
            modified: view.row.updated_at,
            producer: self.producer_of(by, instance_public_key).await?,
        })
    }

    /// Marks a campaign or a confirmed disruption record as shared with peers.
    pub async fn mark(
        &self,
        actor: &Actor,
        kind: ObjectKind,
        object: i64,
        tlp: ShareableTlp,
        techniques: Vec<TechniqueId>,
    ) -> Result<(), DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        // The object must exist (and a disruption be confirmed) now; the bundle reads it
        // again each time, so a record unconfirmed later drops out of it.
        match kind {
            ObjectKind::Campaign => {
                self.store.campaign(object).await?;
            }
            ObjectKind::Disruption => {
                let view = crate::watch::disruptions::decode(self.store.disruption(object).await?)?;
                if view.row.review != Review::Confirmed {
                    return Err(DomainError::Conflict("disruption not confirmed"));
                }
            }
        }
        let mark = ShareMark { kind, object, tlp: tlp.tlp(), techniques, by: actor.user.id, at: self.clock.now() };
        Ok(self.store.set_share_mark(&mark).await?)
    }

    pub async fn unmark(&self, actor: &Actor, kind: ObjectKind, object: i64) -> Result<(), DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.remove_share_mark(kind, object).await?)
    }

    pub async fn marks(&self, actor: &Actor) -> Result<Vec<ShareMark>, DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.share_marks().await?)
    }

    /// This instance's signed bundle: every marked object that can still be shared
    /// (a removed campaign, a record no longer confirmed are left out).
    /// The issuer is named after the instance's organizations, the first one set up
    /// first.
    pub async fn own_bundle(&self, key: &InstanceKey) -> Result<Vec<u8>, DomainError> {
        let public = key.public_base64();
        let mut orgs = self.store.orgs().await?;
        orgs.sort_by_key(|o| o.id.0);
        let issuer = orgs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(", ");
        let mut objects = Vec::new();
        for m in self.store.share_marks().await? {
            let tlp = ShareableTlp::new(m.tlp).map_err(|_| DomainError::Internal("stored share mark above GREEN"))?;
            let stix = match m.kind {
                ObjectKind::Campaign => match self.shared_campaign(m.object, tlp, m.techniques, m.by, &public).await {
                    Ok(c) => stix::campaign_bundle(&c),
                    Err(DomainError::NotFound) => continue,
                    Err(e) => return Err(e),
                },
                ObjectKind::Disruption => match self.shared_disruption(m.object, tlp, m.by, &public).await {
                    Ok(d) => stix::disruption_bundle(&d),
                    Err(DomainError::NotFound | DomainError::Conflict(_)) => continue,
                    Err(e) => return Err(e),
                },
            };
            objects.push(SharedObject { kind: m.kind, stix });
        }
        let now = self.clock.now();
        let payload =
            Payload { issuer: issuer.to_owned(), key: public, sequence: now.0, created: now.rfc3339(), objects };
        Ok(peer::seal(&payload, |m| key.sign(m)))
    }

    // Peers.

    /// Pins a peer (admins): its key, and where and how to pull from it.
    pub async fn pin_peer(&self, actor: &Actor, form: &PeerForm) -> Result<PinnedPeer, DomainError> {
        if actor.role() != crate::Role::Admin {
            return Err(DomainError::Forbidden);
        }
        use crate::error::Problem;
        let name = form.name.trim();
        if name.is_empty() {
            return Err(DomainError::invalid("name", Problem::Empty));
        }
        if name.chars().count() > 200 {
            return Err(DomainError::invalid("name", Problem::TooLong));
        }
        let key = form.public_key.trim();
        if !vigie_crypto::signing::is_public_key(key) {
            return Err(DomainError::invalid("public_key", Problem::KeyFormat));
        }
        let url = form.url.trim().trim_end_matches('/');
        let url = (!url.is_empty()).then_some(url);
        if let Some(u) = url
            && !pull_url_allowed(u)
        {
            return Err(DomainError::invalid("url", Problem::UrlFormat));
        }
        let token = form.token.trim();
        if url.is_some() == token.is_empty() {
            return Err(DomainError::invalid(if url.is_some() { "token" } else { "url" }, Problem::Empty));
        }
        let pull_token = vigie_crypto::token::new_token();
        let sealed = (!token.is_empty())
            .then(|| vigie_crypto::symmetric::encrypt(&self.config.token_key, token.as_bytes(), &token_aad(key)))
            .transpose()?;
        let id = self
            .store
            .add_peer(&NewPeer {
                name,
                public_key: key,
                url,
                token_sealed: sealed.as_deref(),
                pull_token_hash: &pull_token_hash(&pull_token),
                by: actor.user.id,
                at: self.clock.now(),
            })
            .await?;
        Ok(PinnedPeer { id, pull_token })
    }

    pub async fn peers(&self, actor: &Actor) -> Result<Vec<PeerRow>, DomainError> {
        if actor.role() != crate::Role::Admin {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.peers().await?)
    }

    pub async fn remove_peer(&self, actor: &Actor, id: i64) -> Result<(), DomainError> {
        if actor.role() != crate::Role::Admin {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.remove_peer(id).await?)
    }

    /// The peer a pull token belongs to (the token is looked up by its hash).
    pub async fn peer_for_pull_token(&self, token: &str) -> Result<Option<PeerRow>, DomainError> {
        Ok(self.store.peer_by_pull_token(&pull_token_hash(token.trim())).await?)
    }

    /// The token a peer gave us, opened.
    pub fn peer_token(&self, peer: &PeerRow) -> Result<Option<String>, DomainError> {
        let Some(sealed) = &peer.token_sealed else { return Ok(None) };
        let plain = vigie_crypto::symmetric::decrypt(&self.config.token_key, sealed, &token_aad(&peer.public_key))?;
        String::from_utf8(plain.to_vec()).map(Some).map_err(|_| DomainError::Internal("sealed peer token"))
    }

    pub async fn record_pull(&self, peer: i64, error: Option<&str>) -> Result<(), DomainError> {
        let error: Option<String> = error.map(|e| e.chars().filter(|c| !c.is_control()).take(500).collect());
        Ok(self.store.record_peer_pull(peer, self.clock.now(), error.as_deref()).await?)
    }

    /// Pulls every peer that has an address, one after the other; what each gave.
    pub async fn pull_peers(&self, fetcher: &dyn BundleFetcher) -> Result<Vec<(i64, PullOutcome)>, DomainError> {
        let mut outcomes = Vec::new();
        for peer in self.store.peers().await? {
            let Some(url) = &peer.url else { continue };
            let outcome = match self.peer_token(&peer)? {
                None => PullOutcome::Failed("no token to pull with".into()),
                Some(token) => match fetcher.fetch(url, &token).await {
                    Err(e) => PullOutcome::Failed(e),
                    Ok(bytes) => match self.import_peer(Importer::Instance { org: None }, &bytes).await {
                        Ok(got) if got.peer == peer.id => PullOutcome::Imported(got),
                        Ok(_) => PullOutcome::Failed("the bundle is signed by another pinned peer".into()),
                        Err(DomainError::Import(ImportError::Bundle(PeerBundleError::Replay { .. }))) => {
                            PullOutcome::NothingNew
                        }
                        Err(DomainError::Import(e)) => PullOutcome::Failed(e.to_string()),
                        Err(e) => return Err(e),
                    },
                },
            };
            let error = match &outcome {
                PullOutcome::Failed(e) => Some(e.as_str()),
                _ => None,
            };
            self.record_pull(peer.id, error).await?;
            outcomes.push((peer.id, outcome));
        }
        Ok(outcomes)
    }

    // Imports.

    fn importer_org(&self, who: Importer<'_>) -> Result<Option<OrgId>, DomainError> {
        match who {
            Importer::Person(actor) if policy::can_view_network(actor.role()) => Ok(Some(actor.user.org_id)),
            Importer::Person(_) => Err(DomainError::Forbidden),
            Importer::Instance { org } => Ok(org),
        }
    }

    /// Imports one MISP event (its JSON, with or without the `{"Event": …}` wrapper).
    pub async fn import_misp(&self, who: Importer<'_>, bytes: &[u8]) -> Result<ImportedItem, DomainError> {
        let org = self.importer_org(who)?;
        let imported = misp::read_event(bytes).map_err(ImportError::from)?;
        self.save(who, org, &imported, None, ImportSource::Misp, None).await
    }

    /// Imports one STIX 2.1 bundle.
    pub async fn import_stix(&self, who: Importer<'_>, bytes: &[u8]) -> Result<ImportedItem, DomainError> {
        let org = self.importer_org(who)?;
        let imported = stix::read_bundle(bytes).map_err(ImportError::from)?;
        self.save(who, org, &imported, None, ImportSource::Stix, None).await
    }

    /// Imports a peer's signed bundle: the signer must be pinned, the signature must
    /// hold, and the bundle must be newer than the last one taken from that peer.
    pub async fn import_peer(&self, who: Importer<'_>, bytes: &[u8]) -> Result<PeerImport, DomainError> {
        let org = self.importer_org(who)?;
        let envelope = Envelope::parse(bytes).map_err(ImportError::from)?;
        let Some(peer) = self.store.peer_by_key(&envelope.key).await? else {
            return Err(ImportError::from(PeerBundleError::UnknownPeer(peer::fingerprint(&envelope.key))).into());
        };
        let opened = envelope.open(&peer.public_key).map_err(ImportError::from)?;
        if let Some(last) = peer.last_sequence
            && opened.sequence <= last
        {
            return Err(ImportError::from(PeerBundleError::Replay { sequence: opened.sequence, last }).into());
        }
        let mut items = Vec::with_capacity(opened.objects.len());
        for (kind, imported) in &opened.objects {
            let from = Some((peer.id, peer.name.as_str()));
            items.push(self.save(who, org, imported, Some(*kind), ImportSource::Peer, from).await?);
        }
        // Two imports of one bundle at once: both stored the same objects (deduplicated);
        // the one that does not move the sequence says so.
        if !self.store.advance_peer_sequence(peer.id, opened.sequence).await? {
            let last = self.store.peer(peer.id).await?.last_sequence.unwrap_or(opened.sequence);
            return Err(ImportError::from(PeerBundleError::Replay { sequence: opened.sequence, last }).into());
        }
        Ok(PeerImport { peer: peer.id, peer_name: peer.name, sequence: opened.sequence, items })
    }

    async fn save(
        &self,
        who: Importer<'_>,
        org: Option<OrgId>,
        imported: &Imported,
        kind: Option<ObjectKind>,
        source: ImportSource,
        peer: Option<(i64, &str)>,
    ) -> Result<ImportedItem, DomainError> {
        let shareable = imported.tlp.is_some_and(Tlp::is_shareable);
        let scope = if shareable {
            None
        } else {
            let label = imported.tlp.map_or("unmarked", Tlp::label);
            Some(org.ok_or_else(|| ImportError::NeedsOrganization(label.to_owned()))?)
        };
        let json = serde_json::to_vec(&(imported, kind)).map_err(|_| DomainError::Internal("import serialisation"))?;
        let content_hash = hex(&sha2::Sha256::digest(&json));
        let by = match who {
            Importer::Person(actor) => Some(actor.user.id),
            Importer::Instance { .. } => None,
        };
        let new = NewImport { imported, kind, source, scope, org, by, peer, content_hash, at: self.clock.now() };
        let (id, outcome) = self.store.save_import(&new).await?;
        Ok(ImportedItem {
            id,
            outcome,
            title: imported.title.clone(),
            source_uuid: imported.uuid.clone(),
            indicators: imported.indicators.len(),
            skipped: imported.skipped_total(),
        })
    }

    /// The latest imports a coordinator or an admin may see: the network's and their
    /// organization's.
    pub async fn imports(&self, actor: &Actor, limit: u32) -> Result<Vec<ImportRow>, DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        Ok(self.store.imports(Some(actor.user.org_id), limit.clamp(1, 500)).await?)
    }

    /// Every import, for the command line.
    pub async fn all_imports(&self, limit: u32) -> Result<Vec<ImportRow>, DomainError> {
        Ok(self.store.imports(None, limit.clamp(1, 10_000)).await?)
    }

    pub async fn import_detail(&self, actor: &Actor, id: i64) -> Result<ImportDetail, DomainError> {
        if !policy::can_view_network(actor.role()) {
            return Err(DomainError::Forbidden);
        }
        let row = self.store.import_row(id).await?;
        if row.scope.is_some_and(|o| o != actor.user.org_id) {
            return Err(DomainError::NotFound);
        }
        let indicators = self.store.import_indicators(id).await?;
        let receipts = self.store.import_receipts(id).await?;
        Ok(ImportDetail { row, indicators, receipts })
    }
}

/// Where a peer is pulled from: `https://`, or `http://` to a loopback address (a peer on
/// the same machine, the tests). Never with credentials in the address.
pub fn pull_url_allowed(url: &str) -> bool {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => return false,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || url.chars().any(char::is_whitespace) {
        return false;
    }
    match scheme.as_str() {
        "https" => true,
        "http" => {
            let host = authority
                .rsplit_once(':')
                .map_or(authority, |(h, p)| if p.bytes().all(|b| b.is_ascii_digit()) { h } else { authority });
            let host = host.trim_start_matches('[').trim_end_matches(']');
            host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        _ => false,
    }
}

fn token_aad(public_key: &str) -> Vec<u8> {
    format!("vigie/peer-token/v1|key={public_key}").into_bytes()
}

fn pull_token_hash(token: &str) -> String {
    hex(&vigie_crypto::token::token_hash(token))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl From<ImportError> for DomainError {
    fn from(e: ImportError) -> Self {
        DomainError::Import(e)
    }
}

#[cfg(test)]
mod tests {
    use super::pull_url_allowed;

    #[test]
    fn peers_are_pulled_over_https_or_from_loopback() {
        assert!(pull_url_allowed("https://vigie.example.org"));
        assert!(pull_url_allowed("http://127.0.0.1:8080"));
        assert!(pull_url_allowed("http://[::1]:8080/"));
        assert!(pull_url_allowed("http://localhost:3000"));
        assert!(!pull_url_allowed("http://vigie.example.org"));
        assert!(!pull_url_allowed("http://10.0.0.1"));
        assert!(!pull_url_allowed("https://user:pw@vigie.example.org"));
        assert!(!pull_url_allowed("ftp://127.0.0.1"));
        assert!(!pull_url_allowed("127.0.0.1"));
        assert!(!pull_url_allowed("https://"));
    }
}
