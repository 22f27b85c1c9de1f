//! Cases, their messages, notes, events, playbook steps, shares, links, tags and files.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

use vigie_core::store::CaseSort;

pub(crate) const CASE_COLUMNS: &str = "SELECT id, org_id, status, severity, proposed_severity, incidents, platforms, country, \
    language, ongoing, consent_to_share, opened_at, first_response_due, resolution_due, responded_at, assignee_id, \
    updated_at, sealed_report, thread_key_sealed, thread_key_reporter FROM cases";

/// The queue's filters: every one is "any" when its parameter is NULL, so one
/// statement serves all combinations and the planner still uses the indexes.
pub(crate) const QUEUE_WHERE: &str = "WHERE org_id = $1
    AND ($2 IS NULL OR status = $2)
    AND ($3 = FALSE OR status NOT IN ('resolved', 'closed'))
    AND ($4 IS NULL OR severity = $4)
    AND ($5 IS NULL OR (',' || incidents || ',') LIKE ('%,' || $5 || ',%'))
    AND ($6 IS NULL OR (',' || platforms || ',') LIKE ('%,' || $6 || ',%'))
    AND ($7 IS NULL OR country = $7)
    AND ($8 IS NULL OR language = $8)
    AND ($9 IS NULL OR assignee_id = $9)
    AND ($10 = FALSE OR assignee_id IS NULL)
    AND ($11 IS NULL OR (status NOT IN ('resolved', 'closed')
         AND ((responded_at IS NULL AND first_response_due < $11) OR resolution_due < $11)))";

pub(crate) fn queue_order(sort: CaseSort) -> &'static str {
    match sort {
        CaseSort::Newest => "ORDER BY opened_at DESC, id DESC",
        CaseSort::Oldest => "ORDER BY opened_at ASC, id ASC",
        CaseSort::Severity => {
            "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, opened_at ASC, id ASC"
        }
        CaseSort::Due => "ORDER BY resolution_due ASC, id ASC",
    }
}

macro_rules! bind_queue {
    ($q:expr, $org:expr, $f:expr) => {
        $q.bind($org.0)
            .bind($f.status.as_deref())
            .bind($f.open_only)
            .bind($f.severity.as_deref())
            .bind($f.incident.as_deref())
            .bind($f.platform.as_deref())
            .bind($f.country.as_deref())
            .bind($f.language.as_deref())
            .bind($f.assignee.map(|u| u.0))
            .bind($f.unassigned)
            .bind($f.overdue_at.map(|t| t.0))
    };
}

pub(crate) use bind_queue;
