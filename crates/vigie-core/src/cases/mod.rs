//! The cases service: a report opens a case, sealed to the receiving organization; the
//! reporter follows it with their receipt code and writes to the responders through a
//! thread whose key is sealed to the organization and wrapped under the receipt code.

mod campaigns;
mod evidence;
mod files;
mod organize;
mod playbooks;
mod thread;
mod work;

use std::sync::Arc;

use vigie_crypto::symmetric;
use vigie_crypto::wrap::{unwrap_with_code, wrap_with_code};

pub use evidence::{CapturedPage, CustodyEntry, EvidenceView, NewPost, web_address};
pub use files::{AttachedFile, FileMeta, FileView};
pub use playbooks::Checklist;
pub use thread::ThreadMessage;
pub use work::{CaseSummary, MAX_PAGE, Note, RapidEvent};

use crate::accounts::Actor;
use crate::deadline::SlaPolicy;
use crate::evidence::{EvidenceKind, EvidenceSource};
use crate::receipt::ReceiptCode;
use crate::report::{NewReport, SealedReport};
use crate::store::{CaseRecord, NewCase};
use crate::triage::{self, Severity};
use crate::workflow::{self, Action, Status};
use crate::{CaseId, Clock, DomainError, OrgId, Store, StoreError, Timestamp, UserId};
pub(crate) use evidence::{LeafTarget, action_leaf_to};
use evidence::{Provenance, file_leaves_to};

/// The cases service. It keeps the whole [`Store`] rather than one port: a case's
/// work reads and writes cases, the custody log, campaign links and observations, and
/// the organizations and members it names, and intake spans several of them in one
/// transaction ([`crate::store::Transactional`]).
pub struct Cases {
    store: Arc<dyn Store>,
    blobs: Arc<dyn crate::blobs::Blobs>,
    clock: Arc<dyn Clock>,
    /// The key receipt codes are MACed under, and with the code wrap the reporter's
    /// thread key; derived from the server secret, which is kept outside the database,
    /// so a stolen database cannot test codes.
    receipt_key: [u8; 32],
    sla: SlaPolicy,
}

/// A report received: its case, the severity the rules proposed, and the playbooks its
/// answers selected (whose `reporter_steps` the receipt page shows).
#[derive(Debug, Clone)]
pub struct Submitted {
    pub case: CaseId,
    pub severity: Severity,
    pub playbooks: Vec<crate::playbook::Playbook>,
}

/// What the reporter sees at `/follow`.
#[derive(Debug, Clone)]
pub struct Followed {
    pub case: CaseId,
    pub status: Status,
    pub opened_at: Timestamp,
    pub messages: Vec<ThreadMessage>,
}

/// What the reporter's wrap of a thread key is bound to (its associated data).
pub fn receipt_context(case_opened: Timestamp, org: OrgId) -> Vec<u8> {
    format!("vigie/thread-key/v1|org={org}|opened={}", case_opened.0).into_bytes()
}

/// Times in clear that a reporter's action writes (the case's opening, their messages,
/// files and history lines) are rounded down to this many seconds, so that a seized
/// database does not date each report, message and file to the second; the exact time
/// is kept inside what is sealed (the report, the message).
pub const REPORTER_TIME_STEP_SECS: i64 = 600;

/// What is sealed at intake: the report and the exact time it was received.
#[derive(serde::Serialize)]
struct SealedIntake<'a> {
    #[serde(flatten)]
    report: &'a SealedReport,
    received_at: Timestamp,
}

impl Cases {
    pub fn new(
        store: Arc<dyn Store>,
        blobs: Arc<dyn crate::blobs::Blobs>,
        clock: Arc<dyn Clock>,
        receipt_key: [u8; 32],
        sla: SlaPolicy,
    ) -> Self {
        Self { store, blobs, clock, receipt_key, sla }
    }

    /// Now, rounded for what a reporter's action writes in clear.
    pub(super) fn reporter_time(&self) -> Timestamp {
        self.clock.now().rounded_down(REPORTER_TIME_STEP_SECS)
    }

    /// When `actor` acts: exact for a member, rounded for the reporter (no actor).
    pub(super) fn time_for(&self, actor: Option<UserId>) -> Timestamp {
        if actor.is_some() { self.clock.now() } else { self.reporter_time() }
    }

    fn receipt_mac(&self, code: &ReceiptCode) -> Vec<u8> {
        vigie_crypto::token::hmac_sha256(&self.receipt_key, code.canonical().as_bytes()).to_vec()
    }

    /// Opens a case for a report received by `org`. Returns once the case is committed,
    /// so a receipt shown afterwards always points at a durable report.
    pub async fn submit(&self, org: OrgId, report: NewReport, receipt: &ReceiptCode) -> Result<Submitted, DomainError> {
        self.submit_with_files(org, report, receipt, &[]).await
    }

    /// [`Cases::submit`], with files already stored by [`Cases::store_upload`]; the case
    /// and its files are committed together.
    pub async fn submit_with_files(
        &self,
        org: OrgId,
        mut report: NewReport,
        receipt: &ReceiptCode,
        files: &[AttachedFile],
    ) -> Result<Submitted, DomainError> {
        report.validate()?;
        // Stored in the taxonomy's order, once each, so that filters match one spelling.
        report.incidents.sort();
        report.incidents.dedup();
        report.platforms.sort();
        report.platforms.dedup();
        let org_record = self.store.org(org).await?;
        let to = LeafTarget { org, public: org_record.public_key.parse()? };
        // Rounded: the exact time is kept inside the sealed report only.
        let exact = self.clock.now();
        let now = self.reporter_time();
        let severity = triage::propose(&report.incidents, report.sealed.risk);
        let deadlines = self.sla.deadlines(now, severity);
        let sealed = SealedIntake { report: &report.sealed, received_at: exact };
        let sealed_json = serde_json::to_vec(&sealed).map_err(|_| DomainError::Internal("report serialisation"))?;
        let thread_key = symmetric::new_key();
        let library = self.playbook_library().await?;
        let playbooks: Vec<_> =
            crate::playbook::select(&library, &report.incidents, &report.sealed.risk).into_iter().cloned().collect();
        let case = NewCase {
            files: Vec::new(),
            playbooks: playbooks.iter().map(|p| p.code.clone()).collect(),
            org_id: org,
            status: Status::New,
            severity,
            incidents: report.incidents,
            platforms: report.platforms,
            country: report.country.map(|c| c.as_str().to_owned()),
            language: report.language,
            ongoing: report.ongoing,
            consent_to_share: report.consent_to_share,
            opened_at: now,
            first_response_due: deadlines.first_response,
            resolution_due: deadlines.resolution,
            receipt_mac: self.receipt_mac(receipt),
            // Padded, so that the ciphertext's length does not tell the description's.
            sealed_report: vigie_crypto::seal(&to.public, &vigie_crypto::padding::pad(&sealed_json))?,
            thread_key_sealed: vigie_crypto::seal(&to.public, thread_key.as_ref())?,
            thread_key_reporter: wrap_with_code(
                thread_key.as_ref(),
                receipt.canonical(),
                &self.receipt_key,
                &receipt_context(now, org),
            )?,
        };
        // The case, its "opened" leaf, the report's files (written with their leaves)
        // and the job that alerts the people it needs are one transaction: a crash or a
        // failed write between them leaves nothing.
        let from = Provenance {
            source: EvidenceSource::ReportForm,
            added_by: None,
            who: "reporter".to_owned(),
            kind: EvidenceKind::File,
            urls: None,
        };
        let mut tx = self.store.begin().await?;
        let id = match tx.insert_case(&case).await {
            Err(StoreError::Conflict(_)) => return Err(DomainError::Conflict("receipt")),
            other => other?,
        };
        // The leaves' records name the case, so they are sealed once its id is known.
        let mut leaves = vec![action_leaf_to(&to, id, None, None, "opened", severity.code(), now)?];
        leaves.extend(file_leaves_to(&to, id, files, &from, now)?);
        tx.append_leaves(&leaves).await?;
        // Who to tell is worked out later, by a job queued with the case: the reporter
        // waits for nothing but the case's own writes. At the rounded time, like the
        // case's: the queue's timestamps must not give the exact one away.
        tx.enqueue(&crate::network::NewCaseJob::job(id, now)?).await?;
        tx.commit().await?;
        tracing::info!(case = %id, org = %org, severity = severity.code(), "report received, case opened");
        Ok(Submitted { case: id, severity, playbooks })
    }

    /// The case behind a receipt code. An unknown code and a wrong one are the same
    /// `NotFound`, after the same work.
    async fn case_by_receipt(
        &self,
        code: &ReceiptCode,
    ) -> Result<(CaseRecord, zeroize::Zeroizing<[u8; 32]>), DomainError> {
        let found = self.store.case_by_receipt(&self.receipt_mac(code)).await;
        let case = match found {
            Ok(c) => c,
            Err(StoreError::NotFound) => {
                // Spend the derivation a real code costs, so timing does not tell them
                // apart. (Cases received before the code wrap still spend an Argon2id.)
                let _ = wrap_with_code(b"timing", code.canonical(), &self.receipt_key, b"vigie/dummy");
                return Err(DomainError::NotFound);
            }
            Err(e) => return Err(e.into()),
        };
        let key = unwrap_with_code(
            &case.thread_key_reporter,
            code.canonical(),
            &self.receipt_key,
            &receipt_context(case.opened_at, case.org_id),
        )?;
        let key: [u8; 32] = key.as_slice().try_into().map_err(|_| DomainError::Internal("thread key length"))?;
        Ok((case, zeroize::Zeroizing::new(key)))
    }

    /// What the reporter sees with their code.
    pub async fn follow(&self, code: &ReceiptCode) -> Result<Followed, DomainError> {
        let (case, key) = self.case_by_receipt(code).await?;
        let messages = self.thread(&case, &key).await?;
        Ok(Followed { case: case.id, status: case.status, opened_at: case.opened_at, messages })
    }

    /// The reporter writes to the responders.
    pub async fn reporter_writes(&self, code: &ReceiptCode, text: &str) -> Result<(), DomainError> {
        let (case, key) = self.case_by_receipt(code).await?;
        self.append(&case, &key, true, None, text).await?;
        self.record(case.id, None, "reporter_message", "").await?;
        if let Ok(next) = workflow::next(case.status, Action::ReporterReplied) {
            self.store.set_case_status(case.id, next, None, self.reporter_time()).await?;
        }
        Ok(())
    }

    /// A case of the actor's organization; another organization's case does not exist
    /// for them.
    pub async fn case_for(&self, actor: &Actor, id: CaseId) -> Result<CaseRecord, DomainError> {
        match self.store.case(id).await {
            Ok(c) if c.org_id == actor.user.org_id => Ok(c),
            Ok(c) if self.store.share(id, actor.user.org_id).await?.is_some() => Ok(c),
            Ok(_) | Err(StoreError::NotFound) => Err(DomainError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// A case the actor's organization owns: only the owner changes its workflow,
    /// severity, assignment, notes and checklist; organizations it is shared with read it
    /// and may write to the reporter.
    pub async fn owned_case(&self, actor: &Actor, id: CaseId) -> Result<CaseRecord, DomainError> {
        let case = self.case_for(actor, id).await?;
        if case.org_id == actor.user.org_id { Ok(case) } else { Err(DomainError::Forbidden) }
    }

    /// The report and thread key as sealed for the actor's organization.
    async fn sealed_for(&self, actor: &Actor, case: &CaseRecord) -> Result<(Vec<u8>, Vec<u8>), DomainError> {
        if case.org_id == actor.user.org_id {
            return Ok((case.sealed_report.clone(), case.thread_key_sealed.clone()));
        }
        self.store.share(case.id, actor.user.org_id).await?.ok_or(DomainError::NotFound)
    }

    /// The report's sealed part, opened with the session's organization key.
    pub async fn open_report(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
    ) -> Result<SealedReport, DomainError> {
        let case = self.case_for(actor, id).await?;
        let key = key.ok_or(DomainError::KeyLocked)?;
        let (sealed_report, _) = self.sealed_for(actor, &case).await?;
        let json = vigie_crypto::open(key, &sealed_report)?;
        self.record(id, Some(actor.user.id), "report_viewed", "").await?;
        serde_json::from_slice(&json).map_err(|_| DomainError::Internal("sealed report does not parse"))
    }

    /// The thread as a responder of the organization reads it.
    pub async fn thread_for(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
    ) -> Result<Vec<ThreadMessage>, DomainError> {
        let case = self.case_for(actor, id).await?;
        let thread_key = self.thread_key(actor, &case, key).await?;
        let thread = self.thread(&case, &thread_key).await?;
        self.record(id, Some(actor.user.id), "thread_viewed", "").await?;
        Ok(thread)
    }

    /// A responder writes to the reporter; the first message counts as the first response.
    pub async fn responder_writes(
        &self,
        actor: &Actor,
        key: Option<&vigie_crypto::OrgSecretKey>,
        id: CaseId,
        text: &str,
    ) -> Result<(), DomainError> {
        let case = self.case_for(actor, id).await?;
        let thread_key = self.thread_key(actor, &case, key).await?;
        self.append(&case, &thread_key, false, Some(actor.user.id), text).await?;
        self.record(id, Some(actor.user.id), "message_sent", "").await?;
        let now = self.clock.now();
        self.store.set_case_status(id, case.status, Some(now), now).await?;
        Ok(())
    }

    /// Moves a case along the workflow.
    pub async fn act(&self, actor: &Actor, id: CaseId, action: Action) -> Result<Status, DomainError> {
        let status = self.owned_case(actor, id).await?.status;
        let next = workflow::next(status, action)?;
        let now = self.clock.now();
        let responded = (action != Action::CloseAsSpam && action != Action::CloseAsDuplicate).then_some(now);
        self.store.set_case_status(id, next, responded, now).await?;
        self.record(id, Some(actor.user.id), "status", &format!("{} → {}", status.code(), next.code())).await?;
        tracing::info!(case = %id, by = %actor.user.id, from = status.code(), to = next.code(), "case status changed");
        Ok(next)
    }

    /// Overrides the severity, with a reason; deadlines follow from the opening time.
    pub async fn set_severity(
        &self,
        actor: &Actor,
        id: CaseId,
        severity: Severity,
        reason: &str,
    ) -> Result<(), DomainError> {
        let case = self.owned_case(actor, id).await?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DomainError::invalid("reason", crate::Problem::Empty));
        }
        if reason.chars().count() > 500 {
            return Err(DomainError::invalid("reason", crate::Problem::TooLong));
        }
        let d = self.sla.deadlines(case.opened_at, severity);
        let now = self.clock.now();
        self.store.set_case_severity(id, severity, d.first_response, d.resolution, now).await?;
        // The reason may name people: it is kept as a sealed note, the history only says what changed.
        let change = format!("{} → {}", case.severity.code(), severity.code());
        let org = self.store.org(case.org_id).await?;
        let note = format!("[{change}] {reason}");
        let note =
            vigie_crypto::seal(&org.public_key.parse()?, &vigie_crypto::padding::pad(note.trim_end().as_bytes()))?;
        self.store.insert_note(id, actor.user.id, &note, now).await?;
        self.record(id, Some(actor.user.id), "severity", &change).await
    }

    async fn thread_key(
        &self,
        actor: &Actor,
        case: &CaseRecord,
        key: Option<&vigie_crypto::OrgSecretKey>,
    ) -> Result<zeroize::Zeroizing<[u8; 32]>, DomainError> {
        let key = key.ok_or(DomainError::KeyLocked)?;
        let (_, thread_key_sealed) = self.sealed_for(actor, case).await?;
        let opened = vigie_crypto::open(key, &thread_key_sealed)?;
        let k: [u8; 32] = opened.as_slice().try_into().map_err(|_| DomainError::Internal("thread key length"))?;
        Ok(zeroize::Zeroizing::new(k))
    }
}
