//! Escalations to platforms over real stores, through the service: an escalation comes
//! back with every field, moves through its life (each step in the case's history),
//! records the platform's outcomes, is followed up (the re-escalated flag of the
//! accountability facts), gives per-period metrics to coordinators only, is invisible to
//! other organizations, and never stores its narrative in clear. Both backends.

use std::sync::Arc;

use vigie_core::escalation::{
    Channel, Escalation, EscalationError, EscalationStatus, Escalations, Event, FollowUp, GroupBy, Item, ItemDraft,
    ItemType, Link, LinkKind, NewEscalation, Outcome, OutcomeKind, Package, Platform, PlatformReference,
    PolicyCategory, ReplyPolicy, ShortText, item_facts,
};
use vigie_core::observation::{Observation, RawObservation};
use vigie_core::store::{CampaignSave, DetectionRunRow, EscalationUpdate, ItemContext};
use vigie_core::triage::Severity;
use vigie_core::watch::disruption::CountryCode;
use vigie_core::{CaseId, Clock, DomainError, FakeClock, Store, StoreError, Timestamp};
use vigie_store::both_backends;

#[path = "support/world.rs"]
mod world;
use world::*;

const HOUR: i64 = 3600;
const NARRATIVE: &str = "La défenseure Awa K. reçoit ces menaces depuis son adresse à Porto-Novo.";

fn service(s: &Arc<dyn Store>, clock: &FakeClock) -> Escalations {
    let s = s.clone();
    Escalations::new(s.clone(), s.clone(), s.clone(), s.clone(), s, Arc::new(clock.clone()), ReplyPolicy::default())
}

fn post(url: &str, severity: Severity) -> Item {
    let mut d = ItemDraft::new(ItemType::Post, PolicyCategory::ThreatOfViolence, severity);
    d.url = url.into();
    d.parse().unwrap()
}

/// A post with every detail a post can have.
fn full_post() -> Item {
    let mut d = ItemDraft::new(ItemType::Post, PolicyCategory::Doxing, Severity::Critical);
    d.url = "https://x.com/troll/status/1789".into();
    d.post_id = "1789".into();
    d.account = "@troll".into();
    d.posted_at = Some(Timestamp(1_759_000_000));
    d.excerpt = "نعرف أين تسكنين".into();
    d.language = "ar".into();
    d.translation = "We know where you live".into();
    d.media = vec![format!("sha256:{}", "ab".repeat(32)), "https://pbs.twimg.com/m/1.jpg".into()];
    d.parse().unwrap()
}

fn account(handle: &str) -> Item {
    let mut d = ItemDraft::new(ItemType::Account, PolicyCategory::Impersonation, Severity::High);
    d.account = handle.into();
    d.parse().unwrap()
}

fn package(items: Vec<Item>) -> Package {
    Package {
        platform: Platform::X,
        channel: Channel::TrustedPartner,
        items,
        contexts: Vec::new(),
        narrative: NARRATIVE.into(),
        campaign: None,
    }
}

fn outcome(kind: OutcomeKind, at: i64, words: &str) -> Outcome {
    Outcome::new(kind, Timestamp(at), words).unwrap()
}

async fn a_case(w: &World) -> CaseId {
    w.cases.submit(w.org, report(), &code(1)).await.unwrap().case
}

async fn an_escalation_comes_back_with_every_field(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let esc = service(&s, &w.clock);
    let (resp, key) = member(&w, "resp").await;
    let case = a_case(&w).await;
    let post_leaf = vigie_core::cases::NewPost {
        platform: "x".into(),
        url: "https://x.com/troll/status/1789".into(),
        author: "@troll".into(),
        posted_at: None,
        text: "menace".into(),
    };
    w.cases.add_post(&resp, case, &post_leaf, vigie_core::evidence::EvidenceSource::CasePage).await.unwrap();
    let evidence = s.case_evidence(case).await.unwrap()[0].id;
    let raw = RawObservation {
        platform: Some("X".into()),
        post_id: Some("1789".into()),
        author: Some("@troll".into()),
        created_at: Some("2025-10-01T10:00:00Z".into()),
        text: Some("menace".into()),
        ..Default::default()
    };
    let observation = s.insert_observations(&[Observation::parse(raw).unwrap()], Timestamp(1)).await.unwrap()[0];
    let run = DetectionRunRow { at: Timestamp(2), observations: 1, campaigns: 1, millis: 1, settings: "{}".into() };
    let save = CampaignSave {
        existing: None,
        first_seen: Timestamp(1),
        last_seen: Timestamp(2),
        account_count: 1,
        post_count: 1,
        score: 0.5,
        report: "{}".into(),
        post_ids: observation.into_iter().collect(),
        accounts: vec!["x:@troll".into()],
    };
    let campaign = s.save_campaigns(&run, &[save]).await.unwrap()[0];

    let items = vec![full_post(), account("@fake_defender")];
    let contexts = vec![
        ItemContext {
            platform_policy: Some(ShortText::parse("Violent Speech").unwrap()),
            evidence_item: Some(evidence),
            observation,
        },
        ItemContext::default(),
    ];
    let now = w.clock.now();
    let about_campaign = Package { contexts: contexts.clone(), campaign: Some(campaign), ..package(items.clone()) };
    let refused = esc.create(&resp, case, about_campaign.clone()).await;
    assert!(
        matches!(refused, Err(DomainError::Invalid { field: "campaign", .. })),
        "not linked to the case: {refused:?}"
    );
    s.link_campaign_case(campaign, case, resp.user.id, Timestamp(3)).await.unwrap();
    let id = esc.create(&resp, case, about_campaign).await.unwrap();

    let got = esc.escalation(&resp, id).await.unwrap();
    let expected = NewEscalation::new(Platform::X, Channel::TrustedPartner, items, now).unwrap().into_draft();
    assert_eq!(got.escalation, expected);
    assert_eq!((got.id, got.org_id, got.case_id, got.campaign_id), (id, w.org, Some(case), Some(campaign)));
    assert_eq!((got.created_by, got.updated_at), (resp.user.id, now));
    assert_eq!(got.contexts, contexts);
    assert_eq!(esc.narrative(&resp, key.as_ref(), id).await.unwrap(), NARRATIVE);
    assert!(matches!(esc.narrative(&resp, None, id).await, Err(DomainError::KeyLocked)));

    let one = std::slice::from_ref(&got);
    assert_eq!(esc.for_case(&resp, case).await.unwrap(), one);
    assert_eq!(esc.for_campaign(&resp, campaign).await.unwrap(), one);
    assert_eq!(esc.for_org(&resp, Some(EscalationStatus::Draft), 10).await.unwrap(), one);
    assert!(esc.for_org(&resp, Some(EscalationStatus::Sent), 10).await.unwrap().is_empty());
    let second = esc.create(&resp, case, package(vec![account("@other")])).await.unwrap();
    let newest_first: Vec<_> = esc.for_org(&resp, None, 10).await.unwrap().iter().map(|e| e.id).collect();
    assert_eq!(newest_first, [second, id]);
    let oldest_first: Vec<_> = s.case_escalations(case).await.unwrap().iter().map(|e| e.id).collect();
    assert_eq!(oldest_first, [id, second]);

    // Evidence of another case is refused; a missing observation is not found.
    let other_case = w.cases.submit(w.org, report(), &code(2)).await.unwrap().case;
    let both = vec![full_post(), account("@y")];
    let refused = esc.create(&resp, other_case, Package { contexts: contexts.clone(), ..package(both) });
    let refused = refused.await;
    assert!(matches!(refused, Err(DomainError::Invalid { field: "evidence_item", .. })), "{refused:?}");
    let missing = vec![ItemContext { observation: Some(999_999), ..Default::default() }];
    let refused = esc.create(&resp, case, Package { contexts: missing, ..package(vec![account("@x")]) }).await;
    assert!(matches!(refused, Err(DomainError::NotFound)), "{refused:?}");
}

async fn an_escalation_goes_through_its_life_in_the_case_history(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let esc = service(&s, &w.clock);
    let (resp, _) = member(&w, "resp").await;
    let case = a_case(&w).await;
    let items = vec![post("https://x.com/a/status/1", Severity::High), account("@a")];
    let id = esc.create(&resp, case, package(items)).await.unwrap();
    let t0 = w.clock.now().0;

    let refused = esc.apply(&resp, id, Event::Close { at: Timestamp(t0) }).await;
    assert!(matches!(refused, Err(DomainError::Escalation(EscalationError::Transition { .. }))), "{refused:?}");
    let future = esc.apply(&resp, id, Event::Send { at: Timestamp(t0 + HOUR), reference: None }).await;
    assert!(matches!(future, Err(DomainError::Invalid { field: "at", .. })), "{future:?}");

    w.clock.advance(HOUR);
    let sent = Event::Send { at: Timestamp(t0 + HOUR), reference: None };
    assert_eq!(esc.apply(&resp, id, sent).await.unwrap(), EscalationStatus::Sent);
    w.clock.advance(HOUR);
    let reference = PlatformReference::parse("TSR-4471-9920").ok();
    let ack = Event::Acknowledge { at: Timestamp(t0 + 2 * HOUR), reference: reference.clone() };
    assert_eq!(esc.apply(&resp, id, ack).await.unwrap(), EscalationStatus::Acknowledged);
    w.clock.advance(HOUR);
    let outcomes = vec![
        outcome(OutcomeKind::Removed, t0 + 3 * HOUR, "We removed the post for violating our rules."),
        outcome(OutcomeKind::NoViolationFound, t0 + 2 * HOUR + 60, ""),
    ];
    let decide = Event::Decide { outcomes: outcomes.clone() };
    assert_eq!(esc.apply(&resp, id, decide).await.unwrap(), EscalationStatus::Decided);
    w.clock.advance(HOUR);
    assert_eq!(esc.apply(&resp, id, Event::Close { at: w.clock.now() }).await.unwrap(), EscalationStatus::Closed);

    let got = esc.escalation(&resp, id).await.unwrap().escalation;
    assert_eq!(got.status, EscalationStatus::Closed);
    assert_eq!(got.reference, reference);
    assert_eq!(
        (got.sent_at, got.acknowledged_at, got.decided_at, got.closed_at),
        (
            Some(Timestamp(t0 + HOUR)),
            Some(Timestamp(t0 + 2 * HOUR)),
            Some(Timestamp(t0 + 3 * HOUR)),
            Some(Timestamp(t0 + 4 * HOUR))
        )
    );
    assert_eq!(got.outcomes, outcomes, "the outcomes, their dates and the platform's words");

    let history = w.cases.history(&resp, case).await.unwrap();
    let lines: Vec<(&str, &str)> =
        history.iter().filter(|e| e.kind.starts_with("escalation")).map(|e| (&*e.kind, &*e.detail)).collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0].0, "escalation_created");
    assert_eq!(lines[0].1, format!("#{id} x trusted_partner, 2 items"));
    assert_eq!(lines[4], ("escalation_status", &*format!("#{id} decided → closed")));

    // A stale step (someone moved it meanwhile) is a conflict; an unknown one is not found.
    let stale = EscalationUpdate::of(EscalationStatus::Sent, &got, w.clock.now());
    assert!(matches!(s.update_escalation(id, &stale).await, Err(StoreError::Conflict(_))));
    let unknown = vigie_core::escalation::EscalationId(id.0 + 1000);
    assert!(matches!(s.update_escalation(unknown, &stale).await, Err(StoreError::NotFound)));
}

async fn a_follow_up_marks_the_items_it_takes_up_again(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let esc = service(&s, &w.clock);
    let (resp, _) = member(&w, "resp").await;
    let case = a_case(&w).await;
    let a = post("https://x.com/a/status/1", Severity::Critical);
    let b = account("@b");
    let first = esc.create(&resp, case, package(vec![a.clone(), b.clone()])).await.unwrap();
    let t0 = w.clock.now().0;
    esc.apply(&resp, first, Event::Send { at: Timestamp(t0), reference: None }).await.unwrap();

    let follow = |items| FollowUp {
        kind: LinkKind::Reescalation,
        channel: Channel::LegalRequest,
        items,
        contexts: Vec::new(),
        narrative: String::new(),
    };
    let early = esc.follow_up(&resp, first, follow(vec![b.clone()])).await;
    let not_decided = EscalationError::ParentNotDecided { status: EscalationStatus::Sent };
    assert!(matches!(early, Err(DomainError::Escalation(e)) if e == not_decided));

    w.clock.advance(2 * HOUR);
    let outcomes = vec![outcome(OutcomeKind::Removed, t0 + HOUR, ""), outcome(OutcomeKind::NoReply, t0 + 2 * HOUR, "")];
    esc.apply(&resp, first, Event::Decide { outcomes }).await.unwrap();
    let second = esc.follow_up(&resp, first, follow(vec![b.clone()])).await.unwrap();
    let child = esc.escalation(&resp, second).await.unwrap();
    assert_eq!(child.escalation.link, Some(Link { parent: first, kind: LinkKind::Reescalation }));
    assert_eq!((child.case_id, child.escalation.platform.clone()), (Some(case), Platform::X));
    esc.apply(&resp, second, Event::Send { at: w.clock.now(), reference: None }).await.unwrap();
    let history = w.cases.history(&resp, case).await.unwrap();
    assert!(history.iter().any(|e| e.kind == "escalation_reescalation" && e.detail.contains(&format!("#{first}"))));

    let facts = s.escalation_facts(w.org, Timestamp(t0), Timestamp(t0 + 10 * HOUR)).await.unwrap();
    assert_eq!(facts.len(), 3);
    assert_eq!(facts.iter().map(|f| f.re_escalated).collect::<Vec<_>>(), [false, true, false]);
    // The store's facts are those the domain derives from the escalation itself.
    let parent = esc.escalation(&resp, first).await.unwrap().escalation;
    let country = CountryCode::parse("BJ");
    assert_eq!(facts[..2], item_facts(&parent, country.clone(), |i| i == 1)[..]);
    assert_eq!(facts[2..], item_facts(&esc.escalation(&resp, second).await.unwrap().escalation, country, |_| false));
    assert_eq!(facts[0].action_at, Some(Timestamp(t0 + HOUR)));
    assert_eq!((facts[1].first_reply_at, facts[1].outcome), (None, Some(OutcomeKind::NoReply)));
}

async fn metrics_cover_a_period_and_only_coordinators_read_them(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let esc = service(&s, &w.clock);
    let (resp, _) = member(&w, "resp").await;
    let (admin, _) = member(&w, "admin").await;
    let case = a_case(&w).await;
    let start = w.clock.now().0;
    for (i, platform) in [Platform::X, Platform::X, Platform::Facebook].into_iter().enumerate() {
        let p = Package { platform, ..package(vec![account(&format!("@a{i}")), account(&format!("@b{i}"))]) };
        let id = esc.create(&resp, case, p).await.unwrap();
        esc.apply(&resp, id, Event::Send { at: w.clock.now(), reference: None }).await.unwrap();
        w.clock.advance(10 * HOUR);
    }
    let draft = esc.create(&resp, case, package(vec![account("@draft")])).await.unwrap();
    assert!(esc.escalation(&resp, draft).await.unwrap().escalation.sent_at.is_none());

    let by = GroupBy::parse("platform").unwrap();
    let all = esc.metrics(&admin, w.org, Timestamp(start), Timestamp(start + 30 * HOUR), by).await.unwrap();
    let counts: Vec<_> = all.iter().map(|g| (g.key.platform.clone().unwrap(), g.items)).collect();
    assert_eq!(counts, [(Platform::Facebook, 2), (Platform::X, 4)], "drafts have no facts");
    assert_eq!(all[1].never_answered.count, 4);
    let until_second = Timestamp(start + 10 * HOUR);
    let early = esc.metrics(&admin, w.org, Timestamp(start), until_second, GroupBy::default()).await.unwrap();
    assert_eq!(early[0].items, 2, "the end of the period is excluded");
    let facts = s.escalation_facts(w.org, Timestamp(start + 10 * HOUR), Timestamp(start + 30 * HOUR)).await.unwrap();
    assert_eq!(facts.len(), 4);
    assert!(facts.iter().all(|f| f.escalated_at.0 >= start + 10 * HOUR));
    assert!(s.escalation_facts(w.other_org, Timestamp(0), Timestamp(i64::MAX)).await.unwrap().is_empty());

    let refused = esc.metrics(&resp, w.org, Timestamp(start), Timestamp(start + 30 * HOUR), by).await;
    assert!(matches!(refused, Err(DomainError::Forbidden)));
}

async fn other_organizations_cannot_see_or_move_an_escalation(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let esc = service(&s, &w.clock);
    let (resp, _) = member(&w, "resp").await;
    let (other, other_key) = member(&w, "resp-b").await;
    let case = a_case(&w).await;
    let id = esc.create(&resp, case, package(vec![account("@a")])).await.unwrap();

    assert!(matches!(esc.create(&other, case, package(vec![account("@a")])).await, Err(DomainError::NotFound)));
    assert!(matches!(esc.escalation(&other, id).await, Err(DomainError::NotFound)));
    assert!(matches!(esc.narrative(&other, other_key.as_ref(), id).await, Err(DomainError::NotFound)));
    assert!(matches!(esc.for_case(&other, case).await, Err(DomainError::NotFound)));
    let send = Event::Send { at: w.clock.now(), reference: None };
    assert!(matches!(esc.apply(&other, id, send).await, Err(DomainError::NotFound)));
    assert!(esc.for_org(&other, None, 10).await.unwrap().is_empty());
    assert!(esc.overdue(&other).await.unwrap().is_empty());
    assert_eq!(esc.escalation(&resp, id).await.unwrap().escalation.status, EscalationStatus::Draft, "unchanged");
}

async fn unanswered_escalations_are_overdue_until_acknowledged(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let esc = service(&s, &w.clock);
    let (resp, _) = member(&w, "resp").await;
    let case = a_case(&w).await;
    let critical = esc.create(&resp, case, package(vec![post("https://x.com/a/status/9", Severity::Critical)])).await;
    let critical = critical.unwrap();
    let high = esc.create(&resp, case, package(vec![account("@h")])).await.unwrap();
    for id in [critical, high] {
        esc.apply(&resp, id, Event::Send { at: w.clock.now(), reference: None }).await.unwrap();
    }
    w.clock.advance(48 * HOUR);
    assert!(esc.overdue(&resp).await.unwrap().is_empty(), "due at the instant is not late");
    w.clock.advance(HOUR);
    let late = esc.overdue(&resp).await.unwrap();
    assert_eq!(late.iter().map(|(e, o)| (e.id, o.late_by_secs)).collect::<Vec<_>>(), [(critical, HOUR)]);
    w.clock.advance(6 * 24 * HOUR);
    let late: Vec<_> = esc.overdue_as_system(w.org).await.unwrap().into_iter().map(|(e, _)| e.id).collect();
    assert_eq!(late, [critical, high], "most overdue first");
    esc.apply(&resp, critical, Event::Acknowledge { at: w.clock.now(), reference: None }).await.unwrap();
    assert_eq!(esc.overdue(&resp).await.unwrap().len(), 1);
}

async fn the_store_refuses_what_does_not_exist(s: Arc<dyn Store>) {
    let w = world(s.clone()).await;
    let (resp, _) = member(&w, "resp").await;
    let new = NewEscalation::new(Platform::X, Channel::Email, vec![account("@a")], Timestamp(1)).unwrap();
    let record = vigie_core::store::NewEscalationRecord {
        org_id: w.org,
        case_id: Some(CaseId(999_999)),
        campaign_id: None,
        created_by: resp.user.id,
        escalation: new,
        contexts: Vec::new(),
        narrative_sealed: vec![1, 2, 3],
    };
    assert!(matches!(s.insert_escalation(&record).await, Err(StoreError::NotFound)));
    let orphan = vigie_core::escalation::EscalationId(999_999);
    assert!(matches!(s.escalation(orphan).await, Err(StoreError::NotFound)));
    let without_case = vigie_core::store::NewEscalationRecord { case_id: None, ..record };
    let id = s.insert_escalation(&without_case).await.unwrap();
    let got = s.escalation(id).await.unwrap();
    assert_eq!((got.case_id, got.narrative_sealed.as_slice(), got.contexts.len()), (None, &[1u8, 2, 3][..], 1));
    let draft: Escalation = got.escalation;
    assert_eq!(draft.status, EscalationStatus::Draft);
}

both_backends!(
    an_escalation_comes_back_with_every_field,
    an_escalation_goes_through_its_life_in_the_case_history,
    a_follow_up_marks_the_items_it_takes_up_again,
    metrics_cover_a_period_and_only_coordinators_read_them,
    other_organizations_cannot_see_or_move_an_escalation,
    unanswered_escalations_are_overdue_until_acknowledged,
    the_store_refuses_what_does_not_exist,
);

async fn the_narrative_is_never_stored_in_clear(t: vigie_store::testing::TestStore) {
    let s = t.store.clone();
    let w = world(s.clone()).await;
    let esc = service(&s, &w.clock);
    let (resp, key) = member(&w, "resp").await;
    let case = a_case(&w).await;
    let id = esc.create(&resp, case, package(vec![account("@visible_handle")])).await.unwrap();
    assert_eq!(esc.narrative(&resp, key.as_ref(), id).await.unwrap(), NARRATIVE);
    let stored = t.everything_stored().await;
    assert!(stored.windows(15).any(|w| w == b"@visible_handle"), "the scan sees the escalation's items");
    for needle in [NARRATIVE, "Awa K.", "Porto-Novo"] {
        let n = needle.as_bytes();
        assert!(!stored.windows(n.len()).any(|w| w == n), "{needle:?} found in clear");
    }
    t.cleanup().await;
}

#[tokio::test]
async fn the_narrative_is_never_stored_in_clear_on_sqlite() {
    the_narrative_is_never_stored_in_clear(vigie_store::testing::sqlite().await).await;
}

#[tokio::test]
async fn the_narrative_is_never_stored_in_clear_on_postgres() {
    if let Some(t) = vigie_store::testing::postgres().await {
        the_narrative_is_never_stored_in_clear(t).await;
    }
}
