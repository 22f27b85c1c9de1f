//! The Merkle tree of the tamper-evident log, as RFC 6962 / RFC 9162 and the C2SP
//! tlog specifications define it, so that standard tooling can check Vigie's proofs.
//!
//! Pure math, no I/O: hashing ([`leaf_hash`], [`node_hash`]), the coordinates of stored
//! nodes ([`NodeId`]), plans saying which nodes a root, a proof or an append needs
//! ([`RootPlan`], [`ProofPlan`], [`AppendPlan`]), verification ([`verify_inclusion`],
//! [`verify_consistency`]) and an in-memory tree ([`MemoryTree`]).
//!
//! Storage is reached through plans rather than a trait: a plan lists the
//! `(level, index)` nodes it needs, the store fetches them in whatever way suits it
//! (sync or async, batched), and the plan combines them. The tree math therefore lives
//! only here, and a database keeps the same nodes as [`MemoryTree`].

mod error;
mod hash;
mod memory;
mod node;
mod plan;
mod verify;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod reference;

pub use error::MerkleError;
pub use hash::{Hash, empty_root, leaf_hash, node_hash};
pub use memory::MemoryTree;
pub use node::NodeId;
pub use plan::{AppendPlan, ProofPlan, RootPlan};
pub use verify::{
    root_from_inclusion_proof, verify_consistency, verify_consistency_bytes, verify_inclusion, verify_inclusion_bytes,
};
