//! The custody port: the tamper-evident log (leaves, stored nodes, signed tree heads)
//! and the evidence items its leaves record.

use async_trait::async_trait;

use super::StoreResult;
use super::cases::NewCaseFile;
use crate::Timestamp;
use crate::evidence::EvidenceKind;
use crate::ids::{CaseId, OrgId, UserId};
use crate::merkle::{Hash, NodeId};

/// A leaf to append to the tamper-evident log, with what it records, written together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLeaf {
    pub org: OrgId,
    pub case: Option<CaseId>,
    pub leaf_hash: Hash,
    /// The record's canonical JSON (nonce included), sealed to `org`.
    pub sealed_record: Vec<u8>,
    pub at: Timestamp,
    pub content: LeafContent,
}

/// What a leaf records, stored in the same transaction as the leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafContent {
    /// A case action, also written to the case's history.
    CaseAction { actor: Option<UserId>, kind: String, detail: String },
    /// An evidence item; a file or capture names its stored file, new or already attached.
    Evidence { kind: EvidenceKind, file: Option<LeafFile>, added_by: Option<UserId> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafFile {
    New(NewCaseFile),
    Attached(i64),
}

impl LeafContent {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::CaseAction { .. } => "case_action",
            Self::Evidence { .. } => "evidence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafRecordRow {
    pub leaf_index: u64,
    pub org: OrgId,
    pub case: Option<CaseId>,
    pub kind: String,
    pub sealed_record: Vec<u8>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    pub id: i64,
    pub case: CaseId,
    pub kind: EvidenceKind,
    pub leaf_index: u64,
    pub file_id: Option<i64>,
    pub added_by: Option<UserId>,
    pub created_at: Timestamp,
}

/// A signed tree head as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeHeadRow {
    pub size: u64,
    pub root: Hash,
    pub timestamp: Timestamp,
    pub signature: Vec<u8>,
}
#[async_trait]
pub trait CustodyStore: Send + Sync + 'static {
    // The tamper-evident log.
    /// Appends leaves in order, in one transaction with what they record, completing the
    /// tree's stored nodes; returns their leaf indexes. Concurrent appends (several
    /// processes included) are serialised by the database.
    async fn append_leaves(&self, leaves: &[NewLeaf]) -> StoreResult<Vec<u64>>;
    async fn log_size(&self) -> StoreResult<u64>;
    /// The stored nodes among `ids` (missing ones are left out).
    async fn log_nodes(&self, ids: &[NodeId]) -> StoreResult<Vec<(NodeId, Hash)>>;
    async fn log_leaf(&self, index: u64) -> StoreResult<LeafRecordRow>;
    async fn case_leaves(&self, case: CaseId) -> StoreResult<Vec<LeafRecordRow>>;
    async fn insert_tree_head(&self, head: &TreeHeadRow) -> StoreResult<()>;
    async fn latest_tree_head(&self) -> StoreResult<Option<TreeHeadRow>>;
    async fn case_evidence(&self, case: CaseId) -> StoreResult<Vec<EvidenceRow>>;
    async fn evidence_item(&self, id: i64) -> StoreResult<EvidenceRow>;
}
