//! The network over real stores, through the service, both backends: directory
//! entries with their contact sealed, the rota and handovers, paging of a critical case
//! nobody took (on call first, then the coordinators, each once, none after an
//! acknowledgement), alert channels whose addresses are never stored in clear, and
//! deliveries recorded once delivered.

#[path = "support/world.rs"]
mod world;

use std::sync::Arc;

use vigie_core::network::{
    Alert, Availability, ChannelKind, Delivery, EntryLists, Network, NetworkConfig, PageStep, PagingPolicy, Prepared,
    Slot, week_position,
};
use vigie_core::store::{DeliveryState, JobState};
use vigie_core::{DomainError, Role, Store};
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

fn lists(languages: &str, countries: &str, skills: &[&str]) -> EntryLists {
    EntryLists::parse(languages, countries, &skills.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
}

async fn entries_keep_their_lists_and_seal_the_contact(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (resp, key) = world::member(&w, "resp").await;
    let l = lists("fr, ar", "BJ", &["legal", "psychosocial"]);
    net.save_own_entry(&resp, l.clone(), Availability::Limited, "Signal +229 97 00 00 00").await.unwrap();
    let (entry, contact) = net.own_entry(&resp, key.as_ref()).await.unwrap();
    let entry = entry.unwrap();
    assert_eq!((entry.languages, entry.skills, entry.availability), (l.languages, l.skills, Availability::Limited));
    assert_eq!(contact.unwrap().as_deref(), Some("Signal +229 97 00 00 00"));
    let sealed = entry.contact_sealed.unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains("+229"), "the contact is sealed");
    // Without the key, the contact stays closed.
    assert!(matches!(net.own_entry(&resp, None).await.unwrap().1, Err(DomainError::KeyLocked)));

    // Organization entries: coordinators and admins only.
    assert!(matches!(net.save_org_entry(&resp, lists("fr", "", &[])).await, Err(DomainError::Forbidden)));
    let (admin, _) = world::member(&w, "admin").await;
    net.save_org_entry(&admin, lists("fr,en", "BJ,TG", &["digital_forensics"])).await.unwrap();
    let dir = net.directory(&resp).await.unwrap();
    assert_eq!(dir.people.len(), 1);
    let (_, org_entry) = dir.orgs.iter().find(|(o, _)| o.id == w.org).unwrap();
    assert_eq!(org_entry.as_ref().unwrap().countries.len(), 2);
}

async fn paging_pages_on_call_then_coordinators_once_each_until_acknowledged(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (admin, _) = world::member(&w, "admin").await;
    let (resp, _) = world::member(&w, "resp").await;
    // The responder holds the whole of today's weekday.
    let (weekday, _) = week_position(vigie_core::Clock::now(&w.clock));
    assert!(matches!(
        net.add_slot(&resp, Slot::new(weekday, 0, 1440, resp.user.id).unwrap()).await,
        Err(DomainError::Forbidden)
    ));
    net.add_slot(&admin, Slot::new(weekday, 0, 1440, resp.user.id).unwrap()).await.unwrap();
    assert_eq!(net.rota(&admin).await.unwrap().on_call_now, Some(resp.user.id));
    net.add_channel(&resp, ChannelKind::Email, "resp@example.org", "work").await.unwrap();

    let submitted = w.cases.submit(w.org, world::report(), &world::code(1)).await.unwrap();
    assert_eq!(submitted.severity, vigie_core::triage::Severity::Critical);
    assert!(net.run_paging().await.unwrap().is_empty(), "not yet: the first paging deadline has not passed");
    w.clock.advance(11 * 60);
    let pages = net.run_paging().await.unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!((pages[0].user.id, pages[0].step, pages[0].channels), (resp.user.id, PageStep::OnCall, 1));
    assert!(net.run_paging().await.unwrap().is_empty(), "each step pages once");
    let queued = store.jobs(JobState::Pending, 10).await.unwrap();
    assert_eq!(queued.iter().filter(|j| j.kind == vigie_core::network::DELIVER).count(), 1);

    // Nobody answered: the coordinators (here, with none, the admins) at 30 minutes.
    w.clock.advance(20 * 60);
    let pages = net.run_paging().await.unwrap();
    assert_eq!(
        pages.iter().map(|p| (p.user.role, p.step)).collect::<Vec<_>>(),
        [(Role::Admin, PageStep::Coordinators)]
    );

    // The link acknowledges for the person it was sent to only.
    let first = net.pages_of(&admin, submitted.case).await.unwrap()[0].clone();
    assert!(net.acknowledge_by_link(first.id, "wrong").await.is_err());
    let token = net.ack_token(first.id, first.user);
    let (row, n) = net.acknowledge_by_link(first.id, &token).await.unwrap();
    assert_eq!((row.case, n), (submitted.case, 2));
    let pages = net.pages_of(&admin, submitted.case).await.unwrap();
    assert!(pages.iter().all(|p| p.acknowledged_by == Some(resp.user.id)));
    w.clock.advance(3600);
    assert!(net.run_paging().await.unwrap().is_empty(), "an acknowledged case pages nobody");
}

async fn channels_are_encrypted_and_a_delivered_alert_is_not_sent_again(store: Arc<dyn Store>) {
    let w = world::world(store.clone()).await;
    let net = network(&store, &w);
    let (resp, _) = world::member(&w, "resp").await;
    let (id, _) = net.add_channel(&resp, ChannelKind::Email, "awa.secret@example.org", "").await.unwrap();
    let row = store.channel(id).await.unwrap();
    assert!(!String::from_utf8_lossy(&row.target_sealed).contains("awa.secret"));
    assert_eq!(net.channels(&resp).await.unwrap()[0].1.shown(), "awa.secret@example.org");
    let (resp_b, _) = world::member(&w, "resp-b").await;
    assert!(net.delete_channel(&resp_b, id).await.is_err(), "not someone else's channel");

    let alert = Alert::Test { nonce: 1 };
    let d = Delivery { key: alert.delivery_key(id), channel: id, kind: ChannelKind::Email, user: resp.user.id, alert };
    assert!(matches!(net.prepare(&d).await.unwrap(), Prepared::Send { .. }));
    net.record_attempt(&d, DeliveryState::Failing, "421 try later").await.unwrap();
    net.record_attempt(&d, DeliveryState::Delivered, "250 OK").await.unwrap();
    // A late failure report does not undo a delivery.
    net.record_attempt(&d, DeliveryState::Failing, "timed out").await.unwrap();
    let got = store.delivery(&d.key).await.unwrap().unwrap();
    assert_eq!((got.state, got.attempts, got.kind), (DeliveryState::Delivered, 3, ChannelKind::Email));
    assert!(matches!(net.prepare(&d).await.unwrap(), Prepared::AlreadyDelivered));
    // A removed channel is not delivered to.
    net.delete_channel(&resp, id).await.unwrap();
    let d2 = Delivery {
        key: "assigned-9-ch1".into(),
        channel: id,
        kind: ChannelKind::Email,
        user: resp.user.id,
        alert: Alert::Test { nonce: 2 },
    };
    assert!(matches!(net.prepare(&d2).await.unwrap(), Prepared::Gone));
    // The record of a delivery keeps the kind its channel had when it was queued.
    let (hook, _) = net.add_channel(&resp, ChannelKind::Webhook, "https://hooks.example.org/x", "").await.unwrap();
    net.delete_channel(&resp, hook).await.unwrap();
    let alert = Alert::Test { nonce: 3 };
    let d3 = Delivery {
        key: alert.delivery_key(hook),
        channel: hook,
        kind: ChannelKind::Webhook,
        user: resp.user.id,
        alert,
    };
    assert!(matches!(net.prepare(&d3).await.unwrap(), Prepared::Gone));
    net.record_attempt(&d3, DeliveryState::Failed, "the channel or its owner is gone").await.unwrap();
    let got = store.delivery(&d3.key).await.unwrap().unwrap();
    assert_eq!((got.kind, got.state, got.attempts), (ChannelKind::Webhook, DeliveryState::Failed, 1));
}

both_backends!(
    entries_keep_their_lists_and_seal_the_contact,
    paging_pages_on_call_then_coordinators_once_each_until_acknowledged,
    channels_are_encrypted_and_a_delivered_alert_is_not_sent_again,
);
