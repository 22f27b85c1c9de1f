//! The chain of custody: the tamper-evident log over every evidence item and case
//! action, its signed tree heads and its proofs. The tree math is [`crate::merkle`]'s;
//! this service fetches the nodes each plan names from its [`CustodyStore`] port, so a
//! root or a proof reads O(log n) rows whatever the log's size.

use std::collections::HashMap;
use std::sync::Arc;

use vigie_crypto::OrgPublicKey;
use vigie_crypto::signing::InstanceKey;

use crate::evidence::{LeafRecord, SignedTreeHead, TreeHead};
use crate::merkle::{Hash, MerkleError, NodeId, ProofPlan, RootPlan, empty_root};
use crate::store::{CustodyStore, LeafContent, NewLeaf, TreeHeadRow};
use crate::{CaseId, Clock, DomainError, OrgId, Timestamp};

/// The log service.
#[derive(Clone)]
pub struct Custody {
    store: Arc<dyn CustodyStore>,
    clock: Arc<dyn Clock>,
}

/// A leaf ready to append: its record hashed and sealed.
pub fn seal_leaf(
    org: OrgId,
    public: &OrgPublicKey,
    record: &LeafRecord,
    at: Timestamp,
    content: LeafContent,
) -> Result<NewLeaf, DomainError> {
    let canonical = record.canonical().map_err(|_| DomainError::Internal("log record serialisation"))?;
    Ok(NewLeaf {
        org,
        case: Some(CaseId(record.case())),
        leaf_hash: crate::merkle::leaf_hash(&canonical),
        sealed_record: vigie_crypto::seal(public, &canonical)?,
        at,
        content,
    })
}

impl From<MerkleError> for DomainError {
    fn from(e: MerkleError) -> Self {
        match e {
            MerkleError::MissingNode(_) => DomainError::Internal("the log is missing a node"),
            _ => DomainError::invalid("proof", crate::Problem::OutOfRange),
        }
    }
}

fn signed(row: &TreeHeadRow) -> Result<SignedTreeHead, DomainError> {
    let signature: [u8; 64] =
        row.signature.as_slice().try_into().map_err(|_| DomainError::Internal("stored tree head signature"))?;
    Ok(SignedTreeHead::new(&TreeHead { size: row.size, root: row.root, timestamp: row.timestamp }, &signature))
}

impl Custody {
    pub fn new(store: Arc<dyn CustodyStore>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock }
    }

    pub async fn append(&self, leaves: &[NewLeaf]) -> Result<Vec<u64>, DomainError> {
        Ok(self.store.append_leaves(leaves).await?)
    }

    pub async fn size(&self) -> Result<u64, DomainError> {
        Ok(self.store.log_size().await?)
    }

    async fn fetch(&self, ids: impl Iterator<Item = NodeId>) -> Result<HashMap<NodeId, Hash>, DomainError> {
        let ids: Vec<NodeId> = ids.collect();
        Ok(self.store.log_nodes(&ids).await?.into_iter().collect())
    }

    /// The root of the tree of the first `size` leaves (any size up to the current one).
    pub async fn root(&self, size: u64) -> Result<Hash, DomainError> {
        if size == 0 {
            return Ok(empty_root());
        }
        let plan = RootPlan::new(size);
        let nodes = self.fetch(plan.nodes()).await?;
        self.assembled(plan.assemble(|id| nodes.get(&id).copied()), size).await
    }

    /// A plan's result. Nodes are stored only once complete, so every plan for a size
    /// up to the log's finds all its nodes, and one for a larger size cannot: the log's
    /// size is read only when a node is missing, which spares every proof a query.
    async fn assembled<T>(&self, result: Result<T, MerkleError>, size: u64) -> Result<T, DomainError> {
        match result {
            Ok(value) => Ok(value),
            Err(MerkleError::MissingNode(_)) if size > self.size().await? => {
                Err(DomainError::invalid("tree_size", crate::Problem::OutOfRange))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The audit path of leaf `index` in the tree of `size` leaves.
    pub async fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, DomainError> {
        let plan = ProofPlan::inclusion(index, size)
            .map_err(|_| DomainError::invalid("leaf_index", crate::Problem::OutOfRange))?;
        let nodes = self.fetch(plan.nodes()).await?;
        self.assembled(plan.assemble(|id| nodes.get(&id).copied()), size).await
    }

    /// The proof that the tree of `old` leaves is a prefix of the tree of `new` leaves.
    pub async fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, DomainError> {
        let plan =
            ProofPlan::consistency(old, new).map_err(|_| DomainError::invalid("first", crate::Problem::OutOfRange))?;
        let nodes = self.fetch(plan.nodes()).await?;
        self.assembled(plan.assemble(|id| nodes.get(&id).copied()), new).await
    }

    /// The latest signed tree head, if one was ever signed.
    pub async fn latest_head(&self) -> Result<Option<SignedTreeHead>, DomainError> {
        self.store.latest_tree_head().await?.as_ref().map(signed).transpose()
    }

    /// Signs a head for the log as it is now, unless the latest head already covers it;
    /// returns the head that covers the current log.
    pub async fn sign_head(&self, key: &InstanceKey) -> Result<SignedTreeHead, DomainError> {
        let size = self.size().await?;
        if let Some(latest) = self.store.latest_tree_head().await?
            && latest.size == size
        {
            return signed(&latest);
        }
        let root = self.root(size).await?;
        let head = TreeHead { size, root, timestamp: self.clock.now() };
        let signature = key.sign(&head.message());
        self.store
            .insert_tree_head(&TreeHeadRow { size, root, timestamp: head.timestamp, signature: signature.to_vec() })
            .await?;
        tracing::info!(size, root = %root, "signed a tree head");
        Ok(SignedTreeHead::new(&head, &signature))
    }
}
