//! Cases, their messages, notes, events, playbook steps, shares, links, tags and files.
//!
//! Dialect-free parts here; `backend.rs` is compiled once per backend (see `sqlite.rs`).

use vigie_core::incident::{IncidentType, Platform};
use vigie_core::store::{CaseRecord, CaseSort};
use vigie_core::triage::Severity;
use vigie_core::workflow::Status;
use vigie_core::{CaseId, DomainError, OrgId, StoreError, Timestamp, UserId};

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

/// The comma-joined copy of a list of codes, as `cases.incidents` and `cases.platforms` hold it.
pub(crate) fn joined<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// The codes of a stored comma-joined list, each parsed; an unknown one is the database's fault.
fn parse_labels<T>(
    list: &str,
    what: &str,
    parse: impl Fn(&str) -> Result<T, DomainError>,
) -> Result<Vec<T>, StoreError> {
    labels(list)
        .map(|code| parse(code).map_err(|_| StoreError::Backend(format!("unknown {what} {code:?} in database"))))
        .collect()
}

fn severity(raw: &str) -> Result<Severity, StoreError> {
    Severity::parse(raw).ok_or_else(|| StoreError::Backend(format!("unknown severity {raw:?} in database")))
}

/// A row of `cases` as [`CASE_COLUMNS`] selects it: codes in clear, parsed into the
/// domain's types when it becomes a [`CaseRecord`].
#[derive(sqlx::FromRow)]
pub(crate) struct CaseRow {
    id: i64,
    org_id: i64,
    status: String,
    severity: String,
    proposed_severity: String,
    incidents: String,
    platforms: String,
    country: Option<String>,
    language: String,
    ongoing: bool,
    consent_to_share: bool,
    opened_at: i64,
    first_response_due: i64,
    resolution_due: i64,
    responded_at: Option<i64>,
    assignee_id: Option<i64>,
    updated_at: i64,
    sealed_report: Vec<u8>,
    thread_key_sealed: Vec<u8>,
    thread_key_reporter: Vec<u8>,
}

impl TryFrom<CaseRow> for CaseRecord {
    type Error = StoreError;
    fn try_from(r: CaseRow) -> Result<Self, StoreError> {
        Ok(CaseRecord {
            id: CaseId(r.id),
            org_id: OrgId(r.org_id),
            status: Status::parse(&r.status)
                .ok_or_else(|| StoreError::Backend(format!("unknown status {:?} in database", r.status)))?,
            severity: severity(&r.severity)?,
            proposed_severity: severity(&r.proposed_severity)?,
            incidents: parse_labels(&r.incidents, "incident type", IncidentType::parse)?,
            platforms: parse_labels(&r.platforms, "platform", Platform::parse)?,
            country: r.country,
            language: r.language,
            ongoing: r.ongoing,
            consent_to_share: r.consent_to_share,
            opened_at: Timestamp(r.opened_at),
            first_response_due: Timestamp(r.first_response_due),
            resolution_due: Timestamp(r.resolution_due),
            responded_at: r.responded_at.map(Timestamp),
            assignee_id: r.assignee_id.map(UserId),
            updated_at: Timestamp(r.updated_at),
            sealed_report: r.sealed_report,
            thread_key_sealed: r.thread_key_sealed,
            thread_key_reporter: r.thread_key_reporter,
        })
    }
}

/// The queue's filters: every one is "any" when its parameter is NULL, so one
/// statement serves all combinations and the planner still uses the indexes. The code
/// filters are uncorrelated `IN` subqueries, which both databases evaluate once (a
/// hashed subplan, an ephemeral index) even under the `OR`; a correlated `EXISTS` there
/// was probed once per case (`vigie-queue`, 100 000 cases, PostgreSQL: 112.6 ms against 29.2).
pub(crate) const QUEUE_WHERE: &str = "WHERE org_id = $1
    AND ($2 IS NULL OR status = $2)
    AND ($3 = FALSE OR status NOT IN ('resolved', 'closed'))
    AND ($4 IS NULL OR severity = $4)
    AND ($5 IS NULL OR id IN (SELECT case_id FROM case_incidents WHERE value = $5))
    AND ($6 IS NULL OR id IN (SELECT case_id FROM case_platforms WHERE value = $6))
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
    use super::*;

    #[test]
    fn labels_are_trimmed_and_empty_ones_skipped() {
        assert_eq!(labels("x, x-corp,,facebook ,").collect::<Vec<_>>(), ["x", "x-corp", "facebook"]);
        assert_eq!(labels("").count(), 0);
    }

    fn row() -> CaseRow {
        CaseRow {
            id: 7,
            org_id: 1,
            status: "in_progress".into(),
            severity: "low".into(),
            proposed_severity: "critical".into(),
            incidents: "threats, doxing".into(),
            platforms: " x ,facebook,".into(),
            country: Some("BJ".into()),
            language: "fr".into(),
            ongoing: true,
            consent_to_share: false,
            opened_at: 10,
            first_response_due: 20,
            resolution_due: 30,
            responded_at: None,
            assignee_id: Some(3),
            updated_at: 11,
            sealed_report: vec![1],
            thread_key_sealed: vec![2],
            thread_key_reporter: vec![3],
        }
    }

    #[test]
    fn a_stored_case_becomes_domain_types_and_its_lists_keep_their_order() {
        let c = CaseRecord::try_from(row()).unwrap();
        assert_eq!(
            (c.status, c.severity, c.proposed_severity),
            (Status::InProgress, Severity::Low, Severity::Critical)
        );
        assert_eq!(c.incidents, [IncidentType::Threats, IncidentType::Doxing]);
        assert_eq!(c.platforms, [Platform::X, Platform::Facebook]);
        assert_eq!(joined(&c.platforms), "x,facebook");
    }

    #[test]
    fn an_unknown_code_in_the_database_is_a_backend_error_that_names_it() {
        let cases = [
            (CaseRow { status: "archived".into(), ..row() }, "unknown status \"archived\" in database"),
            (CaseRow { severity: "urgent".into(), ..row() }, "unknown severity \"urgent\" in database"),
            (CaseRow { proposed_severity: "".into(), ..row() }, "unknown severity \"\" in database"),
            (CaseRow { incidents: "threats,spam".into(), ..row() }, "unknown incident type \"spam\" in database"),
            (CaseRow { platforms: "x, x-corp".into(), ..row() }, "unknown platform \"x-corp\" in database"),
        ];
        for (r, message) in cases {
            match CaseRecord::try_from(r) {
                Err(StoreError::Backend(m)) => assert_eq!(m, message),
                other => panic!("{message}: {other:?}"),
            }
        }
    }
}
