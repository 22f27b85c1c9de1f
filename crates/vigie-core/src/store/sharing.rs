//! The sharing port: what this instance marks as shared with peers, the peers an admin
//! pinned, and what it imported (MISP events, STIX bundles, peer bundles), each import
//! with every receipt of it (which source, which peer, who, when).

use async_trait::async_trait;

use super::StoreResult;
use crate::sharing::peer::ObjectKind;
use crate::sharing::{Imported, Indicator, SourceFormat, TechniqueId, Tlp};
use crate::{OrgId, Timestamp, UserId};

/// Where an import came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportSource {
    /// A MISP event, uploaded or read from a file.
    Misp,
    /// A STIX 2.1 bundle, uploaded or read from a file.
    Stix,
    /// A pinned peer's signed bundle, pulled or carried as a file.
    Peer,
}

impl ImportSource {
    pub const ALL: [Self; 3] = [Self::Misp, Self::Stix, Self::Peer];

    pub fn code(self) -> &'static str {
        match self {
            Self::Misp => "misp",
            Self::Stix => "stix",
            Self::Peer => "peer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw)
    }
}

/// What storing an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportOutcome {
    /// Not seen before.
    Added,
    /// Seen before (same source uuid, same scope) with other content: replaced.
    Updated,
    /// Seen before with the same content: only the receipt is recorded.
    Unchanged,
}

impl ImportOutcome {
    pub const ALL: [Self; 3] = [Self::Added, Self::Updated, Self::Unchanged];

    pub fn code(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Updated => "updated",
            Self::Unchanged => "unchanged",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == raw)
    }
}

/// An import to store.
#[derive(Debug, Clone)]
pub struct NewImport<'a> {
    pub imported: &'a Imported,
    /// What a peer said the object is; `None` for MISP and STIX files.
    pub kind: Option<ObjectKind>,
    pub source: ImportSource,
    /// `None`: seen by the whole network (TLP:CLEAR and GREEN only); else the only
    /// organization that sees it.
    pub scope: Option<OrgId>,
    /// The organization of the person who imported it (provenance).
    pub org: Option<OrgId>,
    pub by: Option<UserId>,
    pub peer: Option<(i64, &'a str)>,
    /// Decides [`ImportOutcome::Unchanged`]: the same object read again hashes the same.
    pub content_hash: String,
    pub at: Timestamp,
}

/// An import as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub id: i64,
    pub scope: Option<OrgId>,
    pub source_uuid: String,
    pub format: SourceFormat,
    pub kind: Option<ObjectKind>,
    pub title: String,
    pub tlp: Option<Tlp>,
    pub producer_name: Option<String>,
    pub producer_uuid: Option<String>,
    pub techniques: Vec<TechniqueId>,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
    /// What the reader did not understand, as `what=count` pairs.
    pub skipped: String,
    pub indicator_count: u64,
    pub received_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One receipt of an import: the provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRow {
    pub import: i64,
    pub source: ImportSource,
    pub outcome: ImportOutcome,
    pub peer: Option<i64>,
    pub peer_name: Option<String>,
    pub org: Option<OrgId>,
    pub by: Option<UserId>,
    pub at: Timestamp,
}

/// A peer to pin.
#[derive(Debug, Clone)]
pub struct NewPeer<'a> {
    pub name: &'a str,
    /// Its instance public key, base64.
    pub public_key: &'a str,
    /// Where its bundle is pulled from (its Vigie's address), if it is pulled.
    pub url: Option<&'a str>,
    /// The token it gave us to pull with, sealed.
    pub token_sealed: Option<&'a [u8]>,
    /// The SHA-256 (hex) of the token we gave it to pull our bundle with.
    pub pull_token_hash: &'a str,
    pub by: UserId,
    pub at: Timestamp,
}

/// A pinned peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerRow {
    pub id: i64,
    pub name: String,
    pub public_key: String,
    pub url: Option<String>,
    pub token_sealed: Option<Vec<u8>>,
    pub last_sequence: Option<i64>,
    pub last_pulled_at: Option<Timestamp>,
    pub last_error: Option<String>,
    pub added_by: Option<UserId>,
    pub added_at: Timestamp,
}

/// A campaign or a disruption record marked as shared with peers, at CLEAR or GREEN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareMark {
    pub kind: ObjectKind,
    pub object: i64,
    pub tlp: Tlp,
    pub techniques: Vec<TechniqueId>,
    pub by: UserId,
    pub at: Timestamp,
}

#[async_trait]
pub trait SharingStore: Send + Sync + 'static {
    // What this instance shares.

    /// Marks (or re-marks) an object as shared.
    async fn set_share_mark(&self, mark: &ShareMark) -> StoreResult<()>;
    /// `NotFound` when it was not marked.
    async fn remove_share_mark(&self, kind: ObjectKind, object: i64) -> StoreResult<()>;
    async fn share_marks(&self) -> StoreResult<Vec<ShareMark>>;

    // Peers.

    /// `Conflict("peers_key_unique")` when the key is pinned already.
    async fn add_peer(&self, peer: &NewPeer<'_>) -> StoreResult<i64>;
    async fn peers(&self) -> StoreResult<Vec<PeerRow>>;
    async fn peer(&self, id: i64) -> StoreResult<PeerRow>;
    async fn peer_by_key(&self, public_key: &str) -> StoreResult<Option<PeerRow>>;
    /// The peer that holds the pull token with this SHA-256 (hex).
    async fn peer_by_pull_token(&self, hash: &str) -> StoreResult<Option<PeerRow>>;
    async fn remove_peer(&self, id: i64) -> StoreResult<()>;
    /// Moves the peer's last accepted sequence to `sequence` if it is newer; whether it
    /// moved (false: a replay, or another import of the same bundle won).
    async fn advance_peer_sequence(&self, id: i64, sequence: i64) -> StoreResult<bool>;
    /// Records a pull's end: `error` is `None` when it worked.
    async fn record_peer_pull(&self, id: i64, at: Timestamp, error: Option<&str>) -> StoreResult<()>;

    // Imports.

    /// Stores an import, deduplicated by (scope, source uuid), and its receipt, in one
    /// transaction.
    async fn save_import(&self, import: &NewImport<'_>) -> StoreResult<(i64, ImportOutcome)>;
    /// The latest imports `viewer` may see (the network's and its own), newest first;
    /// every import when `viewer` is `None` (the command line).
    async fn imports(&self, viewer: Option<OrgId>, limit: u32) -> StoreResult<Vec<ImportRow>>;
    async fn import_row(&self, id: i64) -> StoreResult<ImportRow>;
    async fn import_indicators(&self, id: i64) -> StoreResult<Vec<Indicator>>;
    async fn import_receipts(&self, id: i64) -> StoreResult<Vec<ReceiptRow>>;
}
