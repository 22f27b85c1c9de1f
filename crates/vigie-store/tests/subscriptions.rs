//! Alert subscriptions over real stores, through the service, both backends: modes per
//! topic (pages always immediate, even to the schema), alerts routed by mode and told
//! once each, the daily digest sent once at its hour with the items it consumes, the
//! new-case job queued with the case, and watch alerts routed past a watermark.

#[path = "support/world.rs"]
mod world;

use std::sync::Arc;

use vigie_core::network::{
    Alert, Availability, ChannelKind, Delivery, EntryLists, Mode, NEW_CASE, Network, NetworkConfig, PagingPolicy,
    Routed, Topic,
};
use vigie_core::store::{Claim, ClaimedJob, JobKind};
use vigie_core::watch::records::AlertChange;
use vigie_core::watch::{DetectedEvent, EventKind};
use vigie_core::{CaseId, Clock as _, Store, Timestamp};
use vigie_store::both_backends;
use world::World;

fn network(store: &Arc<dyn Store>, w: &World) -> Network {
    let config = NetworkConfig {
        paging: PagingPolicy::default(),
        channel_key: [4; 32],
        ack_key: [5; 32],
        digest: Default::default(),
    };
    Network::new(store.clone(), Arc::new(w.clock.clone()), config)
}

/// Claims the due jobs of `kind` (an hour ahead of `now`), as a worker would.
async fn claimed(store: &Arc<dyn Store>, kind: JobKind, now: Timestamp) -> Vec<ClaimedJob> {
    let claim = Claim {
        worker: "test",
        kinds: &[kind],
        limit: 100,
        now: now.plus_secs(3600),
        lease_until: now.plus_secs(30 * 86_400),
    };
    store.claim(&claim).await.unwrap()
}

/// The alerts queued for delivery since the last look, in the queue's order.
async fn queued(store: &Arc<dyn Store>, w: &World) -> Vec<Delivery> {
    let jobs = claimed(store, vigie_core::network::DELIVER, w.clock.now()).await;
    jobs.iter().map(|j| serde_json::from_slice::<Delivery>(&j.payload).unwrap()).collect()
}

async fn modes_are_kept_per_person_and_pages_stay_immediate(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (resp, _) = world::member(&w, "resp").await;
    let (admin, _) = world::member(&w, "admin").await;
    assert_eq!(net.preferences(&resp).await.unwrap().mode(Topic::Assigned), Mode::Immediate, "the default");
    let p = net
        .set_preferences(&resp, &[(Topic::Assigned, Mode::Digest), (Topic::Watch, Mode::Off), (Topic::Page, Mode::Off)])
        .await
        .unwrap();
    assert_eq!((p.mode(Topic::Assigned), p.mode(Topic::Watch)), (Mode::Digest, Mode::Off));
    assert_eq!(p.mode(Topic::Page), Mode::Immediate, "the service leaves pages alone");
    let p = net.set_preferences(&resp, &[(Topic::Watch, Mode::Immediate)]).await.unwrap();
    assert_eq!((p.mode(Topic::Assigned), p.mode(Topic::Watch)), (Mode::Digest, Mode::Immediate), "others unchanged");
    assert_eq!(net.preferences(&admin).await.unwrap(), Default::default(), "one person's choice is theirs");
    // Even a write that went around the service cannot silence pages.
    let refused = store.set_topic_modes(resp.user.id, &[(Topic::Page, Mode::Digest)], Timestamp(1)).await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(store.topic_modes(resp.user.id).await.unwrap().len(), 2);
}

async fn alerts_follow_the_mode_of_their_topic_and_are_told_once(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (resp, _) = world::member(&w, "resp").await;
    net.add_channel(&resp, ChannelKind::Email, "resp@example.org", "").await.unwrap();
    net.set_preferences(&resp, &[(Topic::Assigned, Mode::Digest), (Topic::Watch, Mode::Off)]).await.unwrap();
    let me = resp.user.id;

    let assigned = Alert::Assigned { case: CaseId(41) };
    assert_eq!(net.notify(me, &assigned).await.unwrap(), Routed::Digest);
    assert_eq!(net.notify(me, &assigned).await.unwrap(), Routed::AlreadyTold);
    let watch = Alert::Watch { alert: 9, country: "TG".into() };
    assert_eq!(net.notify(me, &watch).await.unwrap(), Routed::Off);
    assert!(queued(&store, &w).await.is_empty(), "nothing sent at once");
    let items = store.digest_items(me, w.clock.now().plus_secs(1)).await.unwrap();
    assert_eq!(items.iter().map(|i| i.alert.clone()).collect::<Vec<_>>(), vec![assigned]);

    // Immediate: one delivery per channel, and not again.
    let new_case = Alert::NewCase { case: CaseId(42) };
    net.set_preferences(&resp, &[(Topic::NewCaseSkills, Mode::Immediate)]).await.unwrap();
    assert_eq!(net.notify(me, &new_case).await.unwrap(), Routed::Immediate(1));
    assert_eq!(net.notify(me, &new_case).await.unwrap(), Routed::AlreadyTold);
    let sent = queued(&store, &w).await;
    assert_eq!(sent.iter().map(|d| d.alert.clone()).collect::<Vec<_>>(), vec![new_case.clone()]);
    assert_eq!(sent[0].key, format!("new-case-42-ch{}", sent[0].channel));
    // Told already, whatever the mode becomes: a change of mind does not repeat it.
    net.set_preferences(&resp, &[(Topic::NewCaseSkills, Mode::Digest)]).await.unwrap();
    assert_eq!(net.notify(me, &new_case).await.unwrap(), Routed::AlreadyTold);
}

async fn the_digest_goes_once_at_its_hour_and_consumes_its_items(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (resp, _) = world::member(&w, "resp").await;
    let (admin, _) = world::member(&w, "admin").await;
    net.add_channel(&resp, ChannelKind::Email, "resp@example.org", "").await.unwrap();
    net.add_channel(&resp, ChannelKind::Matrix, "!room:example.org", "").await.unwrap();
    net.set_preferences(&resp, &[(Topic::Assigned, Mode::Digest)]).await.unwrap();
    // 08:53 UTC: today's digest (07:00) has gone; these wait for tomorrow's.
    let now = w.clock.now();
    assert_eq!(now.0.rem_euclid(86_400) / 3600, 8);
    for case in [5, 6] {
        net.notify(resp.user.id, &Alert::Assigned { case: CaseId(case) }).await.unwrap();
    }
    net.notify(admin.user.id, &Alert::CampaignLinked { case: CaseId(5), campaign: 2 }).await.unwrap();
    assert_eq!(net.send_digests().await.unwrap(), 0);
    let next = (now.0.div_euclid(86_400) + 1) * 86_400 + 7 * 3600;
    w.clock.advance(next - now.0 - 1);
    assert_eq!(net.send_digests().await.unwrap(), 0, "not before its hour");
    w.clock.advance(1);
    // The admin has items but no channel: theirs are consumed all the same.
    assert_eq!(net.send_digests().await.unwrap(), 2);
    let sent = queued(&store, &w).await;
    assert_eq!(sent.len(), 2, "one digest on each of the responder's channels");
    let day = next.div_euclid(86_400);
    let expected = Alert::Digest {
        day,
        items: vec![Alert::Assigned { case: CaseId(5) }, Alert::Assigned { case: CaseId(6) }],
        more: 0,
    };
    assert!(sent.iter().all(|d| d.alert == expected && d.user == resp.user.id), "{sent:?}");
    assert!(sent.iter().all(|d| d.key == format!("digest-{day}-ch{}", d.channel)));
    assert!(store.digest_items(resp.user.id, Timestamp(i64::MAX)).await.unwrap().is_empty(), "consumed");
    assert!(store.digest_items(admin.user.id, Timestamp(i64::MAX)).await.unwrap().is_empty());
    w.clock.advance(3600);
    assert_eq!(net.send_digests().await.unwrap(), 0, "once a day");
    assert!(queued(&store, &w).await.is_empty());
}

async fn a_new_case_queues_its_job_with_it_and_tells_the_skills_it_needs(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (resp, _) = world::member(&w, "resp").await;
    let (admin, _) = world::member(&w, "admin").await;
    let (other, _) = world::member(&w, "resp-b").await;
    let lists = |skills: &[&str]| {
        EntryLists::parse("fr", "", &skills.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    };
    // Doxing and threats need legal work (among others); training is not among them.
    net.save_own_entry(&resp, lists(&["legal"]), Availability::Available, "").await.unwrap();
    net.save_own_entry(&admin, lists(&["training"]), Availability::Available, "").await.unwrap();
    net.save_own_entry(&other, lists(&["legal"]), Availability::Available, "").await.unwrap();
    let submitted = w.cases.submit(w.org, world::report(), &world::code(3)).await.unwrap();
    let jobs = claimed(&store, NEW_CASE, w.clock.now()).await;
    assert_eq!(jobs.len(), 1, "queued with the case");
    let job: vigie_core::network::NewCaseJob = serde_json::from_slice(&jobs[0].payload).unwrap();
    assert_eq!(job.case, submitted.case);

    assert_eq!(net.notify_new_case(submitted.case).await.unwrap(), 1, "only the responder of its organization");
    let items = store.digest_items(resp.user.id, Timestamp(i64::MAX)).await.unwrap();
    assert_eq!(items.len(), 1, "new cases come in the digest by default");
    assert_eq!(items[0].alert, Alert::NewCase { case: submitted.case });
    assert!(store.digest_items(admin.user.id, Timestamp(i64::MAX)).await.unwrap().is_empty());
    assert!(store.digest_items(other.user.id, Timestamp(i64::MAX)).await.unwrap().is_empty());
    // The job run again tells nobody twice.
    net.notify_new_case(submitted.case).await.unwrap();
    assert_eq!(store.digest_items(resp.user.id, Timestamp(i64::MAX)).await.unwrap().len(), 1);
}

fn event(country: &str, start: i64) -> DetectedEvent {
    DetectedEvent {
        kind: EventKind::Outage,
        scope: format!("{country} national"),
        country: country.into(),
        asn: None,
        test_name: None,
        target: None,
        start: Timestamp(start),
        detected: Timestamp(start + 3600),
        end: None,
        severity: 9.0,
        layer: None,
        signals: vec![],
    }
}

async fn watch_alerts_reach_the_subscribers_of_their_country_past_a_watermark(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (resp, _) = world::member(&w, "resp").await;
    let (admin, _) = world::member(&w, "admin").await;
    let (other, _) = world::member(&w, "resp-b").await;
    store.set_alert_subscriptions(resp.user.id, &["TG".into()]).await.unwrap();
    store.set_alert_subscriptions(admin.user.id, &["*".into()]).await.unwrap();
    store.set_alert_subscriptions(other.user.id, &["BJ".into()]).await.unwrap();
    // An alert from before routing existed is old news.
    let (old, _) = store.upsert_watch_event(&event("TG", 1_000), Timestamp(5_000)).await.unwrap();
    store.insert_alert(old, AlertChange::Opened, Timestamp(5_000)).await.unwrap();
    assert_eq!(net.route_watch_alerts().await.unwrap(), 0);

    let (tg, _) = store.upsert_watch_event(&event("TG", 10_000), Timestamp(15_000)).await.unwrap();
    let alert = store.insert_alert(tg, AlertChange::Opened, Timestamp(15_000)).await.unwrap();
    assert_eq!(net.route_watch_alerts().await.unwrap(), 2, "the TG follower and the one who follows all");
    assert_eq!(net.route_watch_alerts().await.unwrap(), 0, "past the watermark");
    let expected = Alert::Watch { alert, country: "TG".into() };
    for (user, n) in [(resp.user.id, 1), (admin.user.id, 1), (other.user.id, 0)] {
        let items = store.digest_items(user, Timestamp(i64::MAX)).await.unwrap();
        assert_eq!(items.len(), n, "{user}");
        assert!(items.iter().all(|i| i.alert == expected));
    }
}

both_backends!(
    modes_are_kept_per_person_and_pages_stay_immediate,
    alerts_follow_the_mode_of_their_topic_and_are_told_once,
    the_digest_goes_once_at_its_hour_and_consumes_its_items,
    a_new_case_queues_its_job_with_it_and_tells_the_skills_it_needs,
    watch_alerts_reach_the_subscribers_of_their_country_past_a_watermark,
);
