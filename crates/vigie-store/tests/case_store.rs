//! The cases port itself on both backends, for what the service tests of `cases.rs` do
//! not reach: a case's playbooks and files as inserted, the first response set once,
//! playbook overrides and ticked steps, the audit feed of every event, shares replaced
//! and links in both directions.

use std::sync::Arc;

use vigie_core::incident::{IncidentType, Platform};
use vigie_core::store::{MemberKey, NewCase, NewCaseFile, NewOrg, NewUser};
use vigie_core::triage::Severity;
use vigie_core::workflow::Status;
use vigie_core::{CaseId, OrgId, Role, Store, StoreError, Timestamp, UserId};
use vigie_store::both_backends;

const T0: i64 = 1_760_000_000;

async fn org(s: &Arc<dyn Store>, slug: &str) -> (OrgId, UserId) {
    let org = NewOrg {
        slug: slug.into(),
        name: slug.into(),
        public_key: format!("age1{slug}"),
        recovery_wrap: vec![1],
        created_at: Timestamp(T0),
    };
    let admin = NewUser {
        org_id: OrgId(0),
        username: format!("admin-{slug}"),
        display_name: "Admin".into(),
        role: Role::Admin,
        password_hash: "$argon2id$x".into(),
        key: MemberKey::Wrapped(vec![7]),
        created_at: Timestamp(T0),
    };
    let (org, admin) = s.insert_org(&org, Some(&admin)).await.unwrap();
    (org, admin.unwrap())
}

fn file(name: &str, by: Option<UserId>) -> NewCaseFile {
    NewCaseFile {
        blob_name: name.into(),
        sealed_meta: name.as_bytes().to_vec(),
        from_reporter: by.is_none(),
        added_by: by,
    }
}

fn case(org: OrgId, n: u8) -> NewCase {
    NewCase {
        org_id: org,
        status: Status::New,
        severity: Severity::High,
        // Not in the taxonomy's order: the store keeps the order it is given.
        incidents: vec![IncidentType::Doxing, IncidentType::Threats],
        platforms: vec![Platform::Facebook],
        country: Some("BJ".into()),
        language: "fr".into(),
        ongoing: true,
        consent_to_share: false,
        opened_at: Timestamp(T0),
        first_response_due: Timestamp(T0 + 3600),
        resolution_due: Timestamp(T0 + 86_400),
        receipt_mac: vec![n; 32],
        sealed_report: vec![n, 1],
        thread_key_sealed: vec![n, 2],
        thread_key_reporter: vec![n, 3],
        playbooks: vec!["threats".into(), "doxing".into()],
        files: vec![file(&format!("blob-{n}"), None)],
    }
}

async fn a_case_keeps_its_playbooks_and_files_as_inserted(s: Arc<dyn Store>) {
    let (o, admin) = org(&s, "ligue").await;
    let id = s.insert_case(&case(o, 1)).await.unwrap();
    let c = s.case(id).await.unwrap();
    assert_eq!((c.org_id, c.status, c.proposed_severity), (o, Status::New, Severity::High));
    assert_eq!(
        (&c.incidents[..], &c.platforms[..], c.country.as_deref()),
        (&[IncidentType::Doxing, IncidentType::Threats][..], &[Platform::Facebook][..], Some("BJ"))
    );
    assert_eq!((c.updated_at, c.responded_at, c.assignee_id), (Timestamp(T0), None, None));
    assert_eq!(s.case_by_receipt(&[1; 32]).await.unwrap().id, id);
    assert!(matches!(s.case_by_receipt(&[9; 32]).await, Err(StoreError::NotFound)));
    assert!(matches!(s.case(CaseId(id.0 + 100)).await, Err(StoreError::NotFound)));
    assert_eq!(s.case_playbooks(id).await.unwrap(), ["doxing", "threats"]);

    let later = s.insert_case_files(id, &[file("b", Some(admin)), file("c", Some(admin))], Timestamp(T0 + 5)).await;
    let later = later.unwrap();
    let files = s.case_files(id).await.unwrap();
    assert_eq!(files.iter().map(|f| f.blob_name.as_str()).collect::<Vec<_>>(), ["blob-1", "b", "c"]);
    assert_eq!(files[1..].iter().map(|f| f.id).collect::<Vec<_>>(), later);
    assert!(files[0].from_reporter && files[0].added_by.is_none() && files[0].created_at == Timestamp(T0));
    assert_eq!(
        (files[2].added_by, files[2].created_at, &files[2].sealed_meta[..]),
        (Some(admin), Timestamp(T0 + 5), &b"c"[..])
    );
    let again = s.insert_case_files(id, &[file("b", None)], Timestamp(T0 + 6)).await;
    assert!(matches!(again, Err(StoreError::Conflict("case file"))), "{again:?}");
    assert_eq!(s.case_files(id).await.unwrap().len(), 3, "a refused batch adds nothing");
}

async fn the_first_response_is_kept_and_missing_cases_are_not_found(s: Arc<dyn Store>) {
    let (o, admin) = org(&s, "ligue").await;
    let id = s.insert_case(&case(o, 1)).await.unwrap();
    s.set_case_status(id, Status::Triaged, Some(Timestamp(T0 + 10)), Timestamp(T0 + 10)).await.unwrap();
    s.set_case_status(id, Status::InProgress, Some(Timestamp(T0 + 20)), Timestamp(T0 + 20)).await.unwrap();
    let c = s.case(id).await.unwrap();
    assert_eq!(
        (c.status, c.responded_at, c.updated_at),
        (Status::InProgress, Some(Timestamp(T0 + 10)), Timestamp(T0 + 20))
    );

    let (due, by) = (Timestamp(T0 + 100), Timestamp(T0 + 200));
    s.set_case_severity(id, Severity::Low, due, by, Timestamp(T0 + 30)).await.unwrap();
    let c = s.case(id).await.unwrap();
    assert_eq!((c.severity, c.proposed_severity), (Severity::Low, Severity::High));
    assert_eq!((c.first_response_due, c.resolution_due), (Timestamp(T0 + 100), Timestamp(T0 + 200)));

    s.set_case_assignee(id, Some(admin), Timestamp(T0 + 40)).await.unwrap();
    assert_eq!(s.case(id).await.unwrap().assignee_id, Some(admin));
    s.set_case_assignee(id, None, Timestamp(T0 + 50)).await.unwrap();
    assert_eq!(s.case(id).await.unwrap().assignee_id, None);

    let missing = CaseId(id.0 + 100);
    let at = Timestamp(T0);
    assert!(matches!(s.set_case_status(missing, Status::Closed, None, at).await, Err(StoreError::NotFound)));
    assert!(matches!(s.set_case_severity(missing, Severity::Low, at, at, at).await, Err(StoreError::NotFound)));
    assert!(matches!(s.set_case_assignee(missing, None, at).await, Err(StoreError::NotFound)));
}

async fn playbooks_are_overridden_and_steps_ticked_once(s: Arc<dyn Store>) {
    let (o, admin) = org(&s, "ligue").await;
    let id = s.insert_case(&case(o, 1)).await.unwrap();
    assert!(s.playbook_overrides().await.unwrap().is_empty());
    s.put_playbook("threats", r#"{"v":1}"#, admin, Timestamp(T0)).await.unwrap();
    s.put_playbook("doxing", r#"{"d":1}"#, admin, Timestamp(T0)).await.unwrap();
    s.put_playbook("threats", r#"{"v":2}"#, admin, Timestamp(T0 + 1)).await.unwrap();
    assert_eq!(s.playbook_overrides().await.unwrap(), [r#"{"d":1}"#, r#"{"v":2}"#], "one per code, by code");

    s.set_step(id, "threats", 2, Some((admin, Timestamp(T0 + 10)))).await.unwrap();
    s.set_step(id, "threats", 2, Some((admin, Timestamp(T0 + 20)))).await.unwrap();
    s.set_step(id, "doxing", 1, Some((admin, Timestamp(T0 + 30)))).await.unwrap();
    s.set_step(id, "threats", 1, Some((admin, Timestamp(T0 + 40)))).await.unwrap();
    s.set_step(id, "threats", 1, None).await.unwrap();
    s.set_step(id, "threats", 9, None).await.unwrap();
    let steps = s.case_steps(id).await.unwrap();
    let steps: Vec<_> = steps.iter().map(|st| (st.code.as_str(), st.step, st.done_by, st.done_at.0 - T0)).collect();
    assert_eq!(
        steps,
        [("doxing", 1, admin, 30), ("threats", 2, admin, 10)],
        "a step ticked twice keeps its first tick"
    );
}

async fn the_audit_feed_pages_every_event_of_every_case(s: Arc<dyn Store>) {
    let (o, admin) = org(&s, "ligue").await;
    let (a, b) = (s.insert_case(&case(o, 1)).await.unwrap(), s.insert_case(&case(o, 2)).await.unwrap());
    for (i, (c, kind)) in [(a, "opened"), (b, "opened"), (a, "triaged"), (b, "note")].into_iter().enumerate() {
        let actor = (i > 1).then_some(admin);
        s.insert_event(c, actor, kind, &format!("detail {i}"), Timestamp(T0 + i as i64)).await.unwrap();
    }
    let first = s.all_events(0, 3).await.unwrap();
    assert_eq!(
        first.iter().map(|e| (e.case_id, e.kind.as_str())).collect::<Vec<_>>(),
        [(a, "opened"), (b, "opened"), (a, "triaged")]
    );
    let rest = s.all_events(first[2].id, 10).await.unwrap();
    assert_eq!(
        rest.iter().map(|e| (e.case_id, e.actor_id, e.detail.as_str())).collect::<Vec<_>>(),
        [(b, Some(admin), "detail 3")]
    );
    assert!(s.all_events(rest[0].id, 10).await.unwrap().is_empty());
    let of_a = s.events(a).await.unwrap();
    assert_eq!(
        of_a.iter().map(|e| (e.kind.as_str(), e.created_at.0 - T0)).collect::<Vec<_>>(),
        [("opened", 0), ("triaged", 2)]
    );
}

async fn shares_are_replaced_and_links_go_both_ways(s: Arc<dyn Store>) {
    let (o, admin) = org(&s, "ligue").await;
    let (partner, _) = org(&s, "partner").await;
    let (a, b) = (s.insert_case(&case(o, 1)).await.unwrap(), s.insert_case(&case(o, 2)).await.unwrap());
    assert_eq!(s.share(a, partner).await.unwrap(), None);
    s.insert_share(a, partner, b"report v1", b"key v1", admin, Timestamp(T0)).await.unwrap();
    s.insert_share(a, partner, b"report v2", b"key v2", admin, Timestamp(T0 + 1)).await.unwrap();
    assert_eq!(s.share(a, partner).await.unwrap(), Some((b"report v2".to_vec(), b"key v2".to_vec())));
    assert_eq!(s.shared_with(a).await.unwrap(), [partner]);
    assert!(s.shared_with(b).await.unwrap().is_empty());

    s.link_cases(a, b).await.unwrap();
    s.link_cases(b, a).await.unwrap();
    assert_eq!((s.linked_cases(a).await.unwrap(), s.linked_cases(b).await.unwrap()), (vec![b], vec![a]));
    let c = s.insert_case(&case(o, 3)).await.unwrap();
    s.link_cases(c, a).await.unwrap();
    assert_eq!(s.linked_cases(a).await.unwrap(), [b, c]);

    s.set_tags(a, &["b".into(), "a".into(), "a".into()]).await.unwrap();
    s.set_tags(a, &["c".into(), "a".into()]).await.unwrap();
    assert_eq!(s.tags(a).await.unwrap(), ["a", "c"], "tags are replaced, not added");
}

both_backends!(
    a_case_keeps_its_playbooks_and_files_as_inserted,
    the_first_response_is_kept_and_missing_cases_are_not_found,
    playbooks_are_overridden_and_steps_ticked_once,
    the_audit_feed_pages_every_event_of_every_case,
    shares_are_replaced_and_links_go_both_ways,
);
