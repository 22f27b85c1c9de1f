//! The cases service over real stores: a report opens a sealed case, the reporter
//! follows it with the receipt code, responders read and answer. Both backends.

use std::sync::Arc;

use vigie_core::incident::{IncidentType, Platform};
use vigie_core::receipt::ReceiptCode;
use vigie_core::report::{Contact, Country};
use vigie_core::triage::{RiskAnswers, Severity};
use vigie_core::workflow::{Action, Status};
use vigie_core::{DomainError, Store};
use vigie_store::both_backends;

#[path = "support/world.rs"]
mod world;
use world::*;

async fn a_report_opens_a_case_the_reporter_can_follow(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let vigie_core::cases::Submitted { case: id, severity, .. } =
        w.cases.submit(w.org, report(), &code(1)).await.unwrap();
    assert_eq!(severity, Severity::Critical, "an exposed address is critical");
    let case = s.case(id).await.unwrap();
    assert_eq!((case.status, &case.incidents[..]), (Status::New, &[IncidentType::Threats, IncidentType::Doxing][..]));
    assert_eq!(case.first_response_due.0 - case.opened_at.0, 2 * 3600);

    let typed = code(1).display().to_lowercase();
    let followed = w.cases.follow(&ReceiptCode::parse(&typed).unwrap()).await.unwrap();
    assert_eq!((followed.case, followed.status), (id, Status::New));
    assert!(followed.messages.is_empty());
}

async fn reporter_and_responder_talk_through_the_sealed_thread(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let vigie_core::cases::Submitted { case: id, severity: _, .. } =
        w.cases.submit(w.org, report(), &code(2)).await.unwrap();
    let (resp, key) = member(&w, "resp").await;
    let opened = w.cases.open_report(&resp, key.as_ref(), id).await.unwrap();
    assert_eq!(opened.description, WORDS);
    assert_eq!(opened.contact, Contact::Signal(PHONE.into()));

    w.cases.act(&resp, id, Action::Triage).await.unwrap();
    w.cases.act(&resp, id, Action::Start).await.unwrap();
    w.clock.advance(60);
    w.cases
        .responder_writes(&resp, key.as_ref(), id, "Nous sommes là. Pouvez-vous nous envoyer des captures ?")
        .await
        .unwrap();
    w.cases.act(&resp, id, Action::AwaitReporter).await.unwrap();
    w.cases.reporter_writes(&code(2), "Oui, je les ajoute.").await.unwrap();

    let followed = w.cases.follow(&code(2)).await.unwrap();
    assert_eq!(followed.status, Status::InProgress, "the reporter's answer puts the case back in progress");
    assert_eq!(followed.messages.len(), 2);
    assert!(!followed.messages[0].from_reporter && followed.messages[1].from_reporter);
    let thread = w.cases.thread_for(&resp, key.as_ref(), id).await.unwrap();
    assert_eq!(thread, followed.messages);
    assert!(s.case(id).await.unwrap().responded_at.is_some());

    w.cases.act(&resp, id, Action::Resolve).await.unwrap();
    assert!(matches!(w.cases.act(&resp, id, Action::Triage).await, Err(DomainError::Transition { .. })));
    assert_eq!(w.cases.follow(&code(2)).await.unwrap().status, Status::Resolved);
}

async fn unknown_and_wrong_codes_find_nothing(s: Arc<dyn Store>) {
    let w = world(s).await;
    w.cases.submit(w.org, report(), &code(3)).await.unwrap();
    assert!(matches!(w.cases.follow(&code(4)).await, Err(DomainError::NotFound)));
    assert!(matches!(w.cases.reporter_writes(&code(4), "hello").await, Err(DomainError::NotFound)));
    // The same code cannot open two cases.
    assert!(matches!(w.cases.submit(w.org, report(), &code(3)).await, Err(DomainError::Conflict(_))));
}

/// Cases received while receipt codes were wrapped with Argon2id stay reachable with their
/// codes: the reporter follows, reads the responder and answers.
async fn a_receipt_from_before_the_code_wrap_still_follows_and_answers(s: Arc<dyn Store>) {
    use vigie_core::Clock;
    let w = world(s.clone()).await;
    let (resp, key) = member(&w, "resp").await;
    let id = a_case_from_before_the_code_wrap(&*s, w.org, &code(70), w.clock.now()).await;
    w.cases.responder_writes(&resp, key.as_ref(), id, "Nous sommes là.").await.unwrap();
    let followed = w.cases.follow(&code(70)).await.unwrap();
    assert_eq!(followed.case, id);
    assert_eq!(followed.messages[0].text, "Nous sommes là.");
    w.cases.reporter_writes(&code(70), "Merci.").await.unwrap();
    let thread = w.cases.thread_for(&resp, key.as_ref(), id).await.unwrap();
    assert!(thread[1].from_reporter && thread[1].text == "Merci.");
    assert!(matches!(w.cases.follow(&code(71)).await, Err(DomainError::NotFound)));
}

async fn another_organization_sees_nothing_of_a_case(s: Arc<dyn Store>) {
    let w = world(s).await;
    let vigie_core::cases::Submitted { case: id, severity: _, .. } =
        w.cases.submit(w.org, report(), &code(5)).await.unwrap();
    let (other, key) = member(&w, "resp-b").await;
    assert_eq!(other.user.org_id, w.other_org);
    assert!(matches!(w.cases.case_for(&other, id).await, Err(DomainError::NotFound)));
    assert!(matches!(w.cases.open_report(&other, key.as_ref(), id).await, Err(DomainError::NotFound)));
    assert!(matches!(w.cases.act(&other, id, Action::Triage).await, Err(DomainError::NotFound)));
    // Without an unlocked key a member of the right organization cannot open it either.
    let (resp, _) = member(&w, "resp").await;
    assert!(matches!(w.cases.open_report(&resp, None, id).await, Err(DomainError::KeyLocked)));
}

async fn severity_override_moves_the_deadlines(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let vigie_core::cases::Submitted { case: id, severity: _, .. } =
        w.cases.submit(w.org, report(), &code(6)).await.unwrap();
    let (resp, _) = member(&w, "resp").await;
    w.cases.set_severity(&resp, id, Severity::Low, "rumour, no real threat").await.unwrap();
    assert!(w.cases.set_severity(&resp, id, Severity::High, "  ").await.is_err(), "a reason is required");
    let c = s.case(id).await.unwrap();
    assert_eq!((c.severity, c.proposed_severity), (Severity::Low, Severity::Critical));
    assert_eq!(c.first_response_due.0 - c.opened_at.0, 72 * 3600);
}

both_backends!(
    a_report_opens_a_case_the_reporter_can_follow,
    reporter_and_responder_talk_through_the_sealed_thread,
    unknown_and_wrong_codes_find_nothing,
    a_receipt_from_before_the_code_wrap_still_follows_and_answers,
    another_organization_sees_nothing_of_a_case,
    severity_override_moves_the_deadlines,
    the_queue_filters_sorts_and_pages,
    notes_are_sealed_and_history_records_every_change,
    a_case_is_shared_only_with_consent_and_then_readable_by_the_partner,
    duplicates_merge_into_a_case_and_tags_are_kept_tidy,
    the_queue_matches_platform_and_incident_codes_exactly,
);

async fn nothing_of_a_report_is_stored_in_clear(t: vigie_store::testing::TestStore) {
    let w = world(t.store.clone()).await;
    let vigie_core::cases::Submitted { case: id, severity: _, .. } =
        w.cases.submit(w.org, report(), &code(7)).await.unwrap();
    let (resp, key) = member(&w, "resp").await;
    w.cases.responder_writes(&resp, key.as_ref(), id, "Message confidentiel pour la personne").await.unwrap();
    w.cases.reporter_writes(&code(7), "Réponse secrète de la victime").await.unwrap();
    let stored = t.everything_stored().await;
    assert!(stored.windows(5).any(|w| w == b"ligue"), "the scan sees the database");
    let receipt = code(7);
    for needle in [
        WORDS,
        PHONE,
        "Cotonou",
        "page-hostile",
        "depuis lundi",
        "Message confidentiel",
        "Réponse secrète",
        receipt.canonical(),
    ] {
        let n = needle.as_bytes();
        assert!(!stored.windows(n.len()).any(|w| w == n), "{needle:?} found in clear");
    }
    t.cleanup().await;
}

#[tokio::test]
async fn nothing_of_a_report_is_stored_in_clear_on_sqlite() {
    nothing_of_a_report_is_stored_in_clear(vigie_store::testing::sqlite().await).await;
}

#[tokio::test]
async fn nothing_of_a_report_is_stored_in_clear_on_postgres() {
    if let Some(t) = vigie_store::testing::postgres().await {
        nothing_of_a_report_is_stored_in_clear(t).await;
    }
}

async fn the_queue_filters_sorts_and_pages(s: Arc<dyn Store>) {
    use vigie_core::store::{CaseFilter, CaseSort};
    let w = world(s.clone()).await;
    let (resp, _) = member(&w, "resp").await;
    let mut ids = vec![];
    for i in 0..7u8 {
        let mut r = report();
        if i % 2 == 0 {
            r.incidents = vec![IncidentType::Defamation];
            r.sealed.risk = RiskAnswers::default();
            r.platforms = vec![Platform::X];
            r.country = Country::parse("SN").unwrap();
        }
        w.clock.advance(60);
        ids.push(w.cases.submit(w.org, r, &code(100 + i)).await.unwrap().case);
    }
    // Another organization's case never shows.
    w.cases.submit(w.other_org, report(), &code(200)).await.unwrap();

    let all = CaseFilter { limit: 50, ..Default::default() };
    let (page, total) = w.cases.queue(&resp, all.clone()).await.unwrap();
    assert_eq!((page.len(), total), (7, 7));
    assert_eq!(page[0].id, ids[6], "newest first");

    let defamation = CaseFilter { incident: Some("defamation".into()), ..all.clone() };
    let (page, total) = w.cases.queue(&resp, defamation).await.unwrap();
    assert_eq!(total, 4);
    assert!(page.iter().all(|c| c.incidents == [IncidentType::Defamation]));
    let (_, total) =
        w.cases.queue(&resp, CaseFilter { platform: Some("whatsapp".into()), ..all.clone() }).await.unwrap();
    assert_eq!(total, 3);
    let (_, total) = w.cases.queue(&resp, CaseFilter { country: Some("SN".into()), ..all.clone() }).await.unwrap();
    assert_eq!(total, 4);
    let (page, _) = w.cases.queue(&resp, CaseFilter { sort: CaseSort::Severity, ..all.clone() }).await.unwrap();
    assert_eq!(page[0].severity, Severity::Critical);
    assert_eq!(page[6].severity, Severity::Medium);

    let (page, total) = w.cases.queue(&resp, CaseFilter { limit: 3, offset: 3, ..all.clone() }).await.unwrap();
    assert_eq!((page.len(), total), (3, 7));
    assert_eq!(page[0].id, ids[3]);

    // Assignment and the "mine" filter.
    w.cases.assign(&resp, ids[0], Some(resp.user.id)).await.unwrap();
    let mine = CaseFilter { assignee: Some(resp.user.id), ..all.clone() };
    assert_eq!(w.cases.queue(&resp, mine).await.unwrap().1, 1);
    let (_, unassigned) = w.cases.queue(&resp, CaseFilter { unassigned: true, ..all.clone() }).await.unwrap();
    assert_eq!(unassigned, 6);
    let outsider = s.user_by_username("resp-b").await.unwrap().id;
    assert!(w.cases.assign(&resp, ids[1], Some(outsider)).await.is_err(), "only members of the organization");

    // Overdue: critical cases pass their 2-hour first-response deadline first.
    w.clock.advance(3 * 3600);
    let overdue = CaseFilter { overdue_at: Some(w.clock_now()), ..all.clone() };
    let (page, total) = w.cases.queue(&resp, overdue.clone()).await.unwrap();
    assert_eq!(total, 3);
    assert!(page.iter().all(|c| c.overdue && c.severity == Severity::Critical));
    w.cases.act(&resp, page[0].id, Action::Triage).await.unwrap();
    assert_eq!(w.cases.queue(&resp, overdue.clone()).await.unwrap().1, 2, "a response stops the first deadline");
    let closed = CaseFilter { status: Some("new".into()), ..all };
    assert_eq!(w.cases.queue(&resp, closed).await.unwrap().1, 6);
}

async fn notes_are_sealed_and_history_records_every_change(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let vigie_core::cases::Submitted { case: id, severity: _, .. } =
        w.cases.submit(w.org, report(), &code(30)).await.unwrap();
    let (resp, key) = member(&w, "resp").await;
    w.cases.add_note(&resp, id, "Appeler la personne demain matin").await.unwrap();
    w.cases.open_report(&resp, key.as_ref(), id).await.unwrap();
    w.cases.act(&resp, id, Action::Triage).await.unwrap();
    w.cases.set_severity(&resp, id, Severity::High, "adresse ancienne").await.unwrap();
    w.cases.assign(&resp, id, Some(resp.user.id)).await.unwrap();
    let notes = w.cases.notes(&resp, key.as_ref(), id).await.unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0].text, "Appeler la personne demain matin");
    assert!(notes[1].text.contains("adresse ancienne"));
    assert!(matches!(w.cases.notes(&resp, None, id).await, Err(DomainError::KeyLocked)));
    let kinds: Vec<String> = w.cases.history(&resp, id).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["opened", "note_added", "report_viewed", "status", "severity", "assigned", "notes_viewed"]);
    let history = w.cases.history(&resp, id).await.unwrap();
    assert!(history.iter().all(|e| !e.detail.contains("adresse")), "reasons stay sealed");
}

impl World {
    fn clock_now(&self) -> vigie_core::Timestamp {
        use vigie_core::Clock;
        self.clock.now()
    }
}

async fn a_case_is_shared_only_with_consent_and_then_readable_by_the_partner(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let mut consenting = report();
    consenting.consent_to_share = true;
    let consented = w.cases.submit(w.org, consenting, &code(40)).await.unwrap().case;
    let refused = w.cases.submit(w.org, report(), &code(41)).await.unwrap().case;
    let (resp, key) = member(&w, "resp").await;
    let (admin, admin_key) = member(&w, "admin").await;
    let (partner, partner_key) = member(&w, "resp-b").await;

    assert!(
        matches!(w.cases.share(&resp, key.as_ref(), consented, w.other_org).await, Err(DomainError::Forbidden)),
        "responders do not share"
    );
    assert!(
        matches!(
            w.cases.share(&admin, admin_key.as_ref(), refused, w.other_org).await,
            Err(DomainError::Invalid { .. })
        ),
        "no consent, no sharing"
    );
    assert!(matches!(w.cases.case_for(&partner, consented).await, Err(DomainError::NotFound)));

    w.cases.share(&admin, admin_key.as_ref(), consented, w.other_org).await.unwrap();
    let opened = w.cases.open_report(&partner, partner_key.as_ref(), consented).await.unwrap();
    assert_eq!(opened.description, WORDS);
    w.cases.responder_writes(&partner, partner_key.as_ref(), consented, "Partner here").await.unwrap();
    assert_eq!(w.cases.follow(&code(40)).await.unwrap().messages[0].text, "Partner here");
    use vigie_core::store::CaseFilter;
    let shared = CaseFilter { limit: 50, shared_with_us: true, ..Default::default() };
    let (queue, _) = w.cases.queue(&partner, shared).await.unwrap();
    assert_eq!(
        queue.iter().map(|c| c.id).collect::<Vec<_>>(),
        [consented],
        "shared cases show in the partner's shared view"
    );
    let (own, _) = w.cases.queue(&partner, CaseFilter { limit: 50, ..Default::default() }).await.unwrap();
    assert!(own.is_empty(), "and not among the partner's own cases");
    // The partner reads, but the owner keeps the workflow and the notes.
    assert!(matches!(w.cases.act(&partner, consented, Action::Triage).await, Err(DomainError::Forbidden)));
    assert!(matches!(w.cases.notes(&partner, partner_key.as_ref(), consented).await, Err(DomainError::Forbidden)));
    assert!(matches!(w.cases.case_for(&partner, refused).await, Err(DomainError::NotFound)));
    assert_eq!(w.cases.shared_with(&admin, consented).await.unwrap(), [w.other_org]);
}

async fn duplicates_merge_into_a_case_and_tags_are_kept_tidy(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let first = w.cases.submit(w.org, report(), &code(50)).await.unwrap().case;
    let dup = w.cases.submit(w.org, report(), &code(51)).await.unwrap().case;
    let elsewhere = w.cases.submit(w.other_org, report(), &code(52)).await.unwrap().case;
    let (resp, _) = member(&w, "resp").await;
    w.cases.merge_into(&resp, dup, first).await.unwrap();
    assert_eq!(w.cases.follow(&code(51)).await.unwrap().status, Status::Closed);
    assert_eq!(w.cases.linked(&resp, first).await.unwrap(), [dup]);
    assert_eq!(w.cases.linked(&resp, dup).await.unwrap(), [first]);
    assert!(w.cases.link(&resp, first, elsewhere).await.is_err(), "no link to another organization's case");
    assert!(w.cases.link(&resp, first, first).await.is_err());
    let tags = w.cases.set_tags(&resp, first, " Élection, campagne ,élection,, ").await.unwrap();
    assert_eq!(tags, ["campagne", "élection"]);
    assert_eq!(w.cases.tags(&resp, first).await.unwrap(), tags);
    assert!(w.cases.set_tags(&resp, first, &"x".repeat(41)).await.is_err());
}

/// A wrong code costs the same derivation as a right one: the answer's timing does not
/// tell "no such case" from "case found". Medians of several runs, with a wide margin
/// (the derivation is an HMAC now; with Argon2id and no dummy the ratio was about 50).
#[tokio::test]
async fn unknown_codes_take_the_same_time_class_as_known_ones() {
    let t = vigie_store::testing::sqlite().await;
    let w = world(t.store.clone()).await;
    w.cases.submit(w.org, report(), &code(60)).await.unwrap();
    let timings = |known: bool| {
        let w = &w;
        async move {
            let mut v = vec![];
            for i in 0..9u8 {
                let c = if known { code(60) } else { code(200 + i) };
                let start = std::time::Instant::now();
                let _ = w.cases.follow(&c).await;
                v.push(start.elapsed());
            }
            v.sort();
            v[4]
        }
    };
    let known = timings(true).await;
    let unknown = timings(false).await;
    let ratio = known.as_secs_f64() / unknown.as_secs_f64();
    assert!((0.33..3.0).contains(&ratio), "known {known:?} vs unknown {unknown:?}");
    t.cleanup().await;
}

/// The ids of the organization's cases the queue shows for a platform and an incident
/// type (its count agreeing with its page).
async fn queue_ids(s: &dyn Store, org: vigie_core::OrgId, platform: &str, incident: &str) -> Vec<vigie_core::CaseId> {
    use vigie_core::store::CaseFilter;
    let some = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    let filter = CaseFilter { platform: some(platform), incident: some(incident), limit: 50, ..Default::default() };
    let (page, total) = s.list_cases(org, &filter).await.unwrap();
    assert_eq!(page.len() as i64, total, "{filter:?}");
    let mut ids: Vec<_> = page.into_iter().map(|c| c.id).collect();
    ids.sort();
    ids
}

/// The filters compare whole codes: a code is not found inside a longer one
/// (`harassment` in `legal_harassment`), platforms and incident types are apart (both
/// have `other`), and `LIKE`'s wildcards (`_`, `%`), commas and spaces in a filter match
/// nothing. (Spaces around a code in a stored list: see migration 0012's tests.)
async fn the_queue_matches_platform_and_incident_codes_exactly(s: Arc<dyn Store>) {
    use vigie_core::Clock;
    use {IncidentType as I, Platform as P};
    let w = world(s.clone()).await;
    let mut ids = vec![];
    for (n, platforms, incidents) in [
        (80, vec![P::X], vec![I::Doxing, I::Other]),
        (81, vec![P::Facebook, P::Telegram], vec![I::Threats, I::LegalHarassment]),
        (82, vec![P::Telegram, P::Other], vec![I::Harassment]),
    ] {
        let mut case = an_old_style_case(&*s, w.org, &code(n), w.clock.now()).await;
        (case.platforms, case.incidents) = (platforms, incidents);
        ids.push(s.insert_case(&case).await.unwrap());
    }
    let found = |platform, incident| queue_ids(&*s, w.org, platform, incident);
    assert_eq!(found("x", "").await, [ids[0]]);
    assert_eq!(found("telegram", "").await, [ids[1], ids[2]]);
    assert_eq!(found("", "harassment").await, [ids[2]]);
    assert_eq!(found("", "legal_harassment").await, [ids[1]]);
    assert_eq!(found("other", "").await, [ids[2]], "platforms and incident types are apart");
    assert_eq!(found("", "other").await, [ids[0]]);
    assert_eq!(found("telegram", "harassment").await, [ids[2]]);
    for nothing in ["tel_gram", "%", "facebook,telegram", "gram", " x"] {
        assert!(found(nothing, "").await.is_empty(), "{nothing:?}");
    }
    for nothing in ["legal_harassmen_", "%harassment", "threats,legal_harassment", "harass", " harassment"] {
        assert!(found("", nothing).await.is_empty(), "{nothing:?}");
    }
    assert!(queue_ids(&*s, w.other_org, "x", "").await.is_empty());
    assert_eq!(s.case(ids[1]).await.unwrap().platforms, [P::Facebook, P::Telegram], "the lists are kept as given");
}

/// Checks that intake writes a case's lists twice: the comma-joined copy the queue
/// displays in `cases`, and one row per code in `case_incidents` and `case_platforms`.
macro_rules! check_lists_written {
    ($t:expr, $pool:expr) => {{
        let (t, pool) = ($t, $pool);
        let w = world(t.store.clone()).await;
        let id = w.cases.submit(w.org, report(), &code(90)).await.unwrap().case.0;
        let display: (String, String) = sqlx::query_as("SELECT incidents, platforms FROM cases WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(display, ("threats,doxing".to_owned(), "facebook,whatsapp".to_owned()));
        for (table, expected) in
            [("case_incidents", ["doxing", "threats"]), ("case_platforms", ["facebook", "whatsapp"])]
        {
            let sql = format!("SELECT value FROM {table} WHERE case_id = $1 ORDER BY value");
            let values: Vec<String> = sqlx::query_scalar(&sql).bind(id).fetch_all(&pool).await.unwrap();
            assert_eq!(values, expected, "{table}");
        }
        t.cleanup().await;
    }};
}

#[tokio::test]
async fn a_case_s_lists_are_written_as_a_display_copy_and_one_row_each_on_sqlite() {
    let t = vigie_store::testing::sqlite().await;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(t.sqlite_path.as_ref().unwrap());
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    check_lists_written!(t, pool);
}

#[tokio::test]
async fn a_case_s_lists_are_written_as_a_display_copy_and_one_row_each_on_postgres() {
    let Some(t) = vigie_store::testing::postgres().await else { return };
    let pool = t.pg.as_ref().unwrap().0.clone();
    check_lists_written!(t, pool);
}

/// Lists as cases held them before migration 0012 (its backfill splits them), and the
/// rows it must make: (case, value) by the case's position here.
const OLD_LISTS: [(&str, &str); 3] = [("x,facebook", "doxing"), (" tiktok , telegram,", "threats, doxing"), ("", ",,")];
const OLD_PLATFORMS: [(usize, &str); 4] = [(0, "facebook"), (0, "x"), (1, "telegram"), (1, "tiktok")];
const OLD_INCIDENTS: [(usize, &str); 3] = [(0, "doxing"), (1, "doxing"), (1, "threats")];

/// A copy of a backend's migrations before 0012.
fn migrations_before_0012(backend: &str) -> tempfile::TempDir {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < "0012" {
            std::fs::copy(&path, dir.path().join(name)).unwrap();
        }
    }
    dir
}

/// Stores an organization and the cases of [`OLD_LISTS`] with plain SQL, on a schema
/// before 0012; gives the organization's id and the cases' ids.
macro_rules! store_old_cases {
    ($pool:expr) => {{
        let org: i64 = sqlx::query_scalar(
            "INSERT INTO orgs (slug, name, public_key, recovery_wrap, created_at) \
             VALUES ('ligue', 'Ligue', 'age1ligue', $1, 0) RETURNING id",
        )
        .bind(vec![0u8])
        .fetch_one($pool)
        .await
        .unwrap();
        let mut ids = Vec::new();
        for (i, (platforms, incidents)) in OLD_LISTS.into_iter().enumerate() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO cases (org_id, status, severity, proposed_severity, incidents, platforms, language, \
                 ongoing, consent_to_share, opened_at, first_response_due, resolution_due, updated_at, receipt_mac, \
                 sealed_report, thread_key_sealed, thread_key_reporter) \
                 VALUES ($1, 'new', 'high', 'high', $2, $3, 'fr', TRUE, FALSE, $4, $4, $4, $4, $5, $6, $6, $6) \
                 RETURNING id",
            )
            .bind(org)
            .bind(incidents)
            .bind(platforms)
            .bind(i as i64)
            .bind(vec![i as u8])
            .bind(vec![0u8])
            .fetch_one($pool)
            .await
            .unwrap();
            ids.push(id);
        }
        (org, ids)
    }};
}

/// Checks, once the store is open (0012 applied), the rows the backfill made and the
/// queue's filters over them.
macro_rules! check_backfill {
    ($store:expr, $org:expr, $ids:expr) => {{
        let store = $store;
        for (table, expected) in [("case_platforms", &OLD_PLATFORMS[..]), ("case_incidents", &OLD_INCIDENTS[..])] {
            let rows: Vec<(i64, String)> =
                sqlx::query_as(&format!("SELECT case_id, value FROM {table} ORDER BY case_id, value"))
                    .fetch_all(store.pool())
                    .await
                    .unwrap();
            let expected: Vec<(i64, String)> = expected.iter().map(|&(i, v)| ($ids[i], v.to_owned())).collect();
            assert_eq!(rows, expected, "{table}");
        }
        let (org, ids) = (vigie_core::OrgId($org), $ids.iter().map(|&i| vigie_core::CaseId(i)).collect::<Vec<_>>());
        assert_eq!(queue_ids(&store, org, "x", "").await, [ids[0]]);
        assert_eq!(queue_ids(&store, org, "telegram", "doxing").await, [ids[1]]);
        assert!(queue_ids(&store, org, "", "threats, doxing").await.is_empty());
        // Read back, the lists as stored become their codes, trimmed, empty ones skipped.
        let s: &dyn Store = &store;
        let old = s.case(ids[1]).await.unwrap();
        assert_eq!(old.platforms, [Platform::TikTok, Platform::Telegram]);
        assert_eq!(old.incidents, [IncidentType::Threats, IncidentType::Doxing]);
        let empty = s.case(ids[2]).await.unwrap();
        assert!(empty.platforms.is_empty() && empty.incidents.is_empty());
    }};
}

#[tokio::test]
async fn migration_0012_splits_the_lists_stored_before_it_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vigie.db");
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    let before = migrations_before_0012("sqlite");
    sqlx::migrate::Migrator::new(before.path()).await.unwrap().run(&pool).await.unwrap();
    let (org, ids) = store_old_cases!(&pool);
    pool.close().await;
    check_backfill!(vigie_store::SqliteStore::open(&path).await.unwrap(), org, ids);
}

#[tokio::test]
async fn migration_0012_splits_the_lists_stored_before_it_on_postgres() {
    let url = vigie_store::testing::pg_url();
    let admin = match sqlx::PgPool::connect(&url).await {
        Ok(pool) => pool,
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => return eprintln!("SKIPPED: no PostgreSQL: {e}"),
        Err(e) => panic!("PostgreSQL must be reachable under CI=true at {url}: {e}"),
    };
    let schema = format!("vigie_test_0012_{}", std::process::id());
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let pool = sqlx::PgPool::connect_with(options.options([("search_path", schema.as_str())])).await.unwrap();
    let before = migrations_before_0012("postgres");
    sqlx::migrate::Migrator::new(before.path()).await.unwrap().run(&pool).await.unwrap();
    let (org, ids) = store_old_cases!(&pool);
    pool.close().await;
    check_backfill!(vigie_store::PgStore::connect_in_schema(&url, Some(&schema)).await.unwrap(), org, ids);
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
}
