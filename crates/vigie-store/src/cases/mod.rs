//! Cases, their messages, notes, events, playbook steps, shares, links, tags and files.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

use vigie_core::store::CaseSort;

pub(crate) const CASE_COLUMNS: &str = "SELECT id, org_id, status, severity, proposed_severity, incidents, platforms, \
    country, language, ongoing, consent_to_share, opened_at, first_response_due, resolution_due, responded_at, \
    assignee_id, updated_at, sealed_report, thread_key_sealed, thread_key_reporter FROM cases";

/// A case's platforms and incident types, one row each (`cases.platforms` and
/// `cases.incidents` keep the comma-joined copy the queue displays).
pub(crate) const INSERT_PLATFORM: &str =
    "INSERT INTO case_platforms (case_id, value) VALUES ($1, $2) ON CONFLICT (case_id, value) DO NOTHING";
pub(crate) const INSERT_INCIDENT: &str =
    "INSERT INTO case_incidents (case_id, value) VALUES ($1, $2) ON CONFLICT (case_id, value) DO NOTHING";

/// The codes of a comma-joined list, as migration 0012 split the lists stored before it:
/// spaces trimmed (as SQL's `trim` does), empty ones skipped.
pub(crate) fn labels(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(|v| v.trim_matches(' ')).filter(|v| !v.is_empty())
}

/// The queue's filters: every one is "any" when its parameter is NULL, so one
/// statement serves all combinations and the planner still uses the indexes.
pub(crate) const QUEUE_WHERE: &str = "WHERE org_id = $1
    AND ($2 IS NULL OR status = $2)
    AND ($3 = FALSE OR status NOT IN ('resolved', 'closed'))
    AND ($4 IS NULL OR severity = $4)
    AND ($5 IS NULL OR EXISTS (SELECT 1 FROM case_incidents ci WHERE ci.case_id = cases.id AND ci.value = $5))
    AND ($6 IS NULL OR EXISTS (SELECT 1 FROM case_platforms cp WHERE cp.case_id = cases.id AND cp.value = $6))
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
            "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, \
             opened_at ASC, id ASC"
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

#[cfg(test)]
mod tests {
    use super::labels;

    #[test]
    fn labels_are_trimmed_and_empty_ones_skipped() {
        assert_eq!(labels("x, x-corp,,facebook ,").collect::<Vec<_>>(), ["x", "x-corp", "facebook"]);
        assert_eq!(labels("").count(), 0);
    }
}
