//! The tamper-evident log's SQL, for both backends: appends that complete the tree's
//! stored nodes in the same transaction as what the leaves record, node lookups for
//! roots and proofs (a handful of rows by primary key, never a scan of the log), signed
//! tree heads and evidence items.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

pub(crate) const LEAF_COLUMNS: &str =
    "SELECT leaf_index, org_id, case_id, kind, sealed_record, created_at FROM log_leaves";

pub(crate) const EVIDENCE_COLUMNS: &str =
    "SELECT id, case_id, kind, leaf_index, file_id, added_by, created_at FROM evidence_items";

/// A case event written with the leaves that record it: case, actor, kind, detail, time.
pub(crate) type EventInsert<'a> = (i64, Option<i64>, &'a str, &'a str, i64);

/// An evidence item written with its leaf: case, kind, leaf index, file, added by, time.
pub(crate) type EvidenceInsert<'a> = (i64, &'a str, i64, Option<i64>, Option<i64>, i64);
