//! Network watch over real stores, both backends: measurements are stored once and
//! counted once in their hourly cells (also when a batch repeats itself or a file is
//! imported again), events keep their identity across updates, alerts join their events,
//! disruption records keep every version and refuse a stale edit, probe tokens work once
//! and result ids are refused when replayed.

use std::sync::Arc;

use vigie_core::watch::records::{AlertChange, DisruptionSave, EnrolRefusal, Review};
use vigie_core::watch::{
    BlockingLayer, CellCounts, DetectedEvent, EventKind, MeasurementFacts, MeasurementSource, Outcome,
};
use vigie_core::{Store, StoreError, Timestamp, UserId};
use vigie_store::both_backends;

#[path = "support/world.rs"]
mod world;

const T0: i64 = 1_760_000_000 / 3600 * 3600;

fn facts(uid: &str, at: i64, asn: u32, outcome: Outcome, layer: Option<BlockingLayer>) -> MeasurementFacts {
    MeasurementFacts {
        uid: uid.into(),
        source: MeasurementSource::Ooni,
        measured_at: Timestamp(at),
        country: "IR".into(),
        asn,
        test_name: "web_connectivity".into(),
        target: "facebook.com".into(),
        outcome,
        layer,
        throughput_bps: None,
        tls_handshake_ms: None,
    }
}

async fn admin(store: &Arc<dyn Store>) -> UserId {
    let _w = world::world(store.clone()).await;
    let id = UserId(1);
    store.user(id).await.expect("the setup admin is user 1");
    id
}

async fn measurements_are_counted_once(store: Arc<dyn Store>) {
    let batch = vec![
        facts("a", T0 + 10, 58224, Outcome::Confirmed, Some(BlockingLayer::Dns)),
        facts("b", T0 + 20, 58224, Outcome::Ok, None),
        facts("a", T0 + 10, 58224, Outcome::Confirmed, Some(BlockingLayer::Dns)),
        facts("c", T0 + 3600, 58224, Outcome::Failure, None),
        MeasurementFacts {
            source: MeasurementSource::Probe,
            throughput_bps: Some(1.5e6),
            tls_handshake_ms: Some(120.0),
            ..facts("d", T0 + 30, 197207, Outcome::Anomaly, Some(BlockingLayer::TcpIp))
        },
    ];
    assert_eq!(store.insert_measurements(&batch, Timestamp(T0)).await.unwrap(), 4);
    assert_eq!(store.insert_measurements(&batch, Timestamp(T0)).await.unwrap(), 0, "a re-import stores nothing");
    assert_eq!(store.measurement_count().await.unwrap(), 4);
    let cells = store.watch_cells("IR", Timestamp(0)).await.unwrap();
    assert_eq!(cells.len(), 3, "{cells:?}");
    let first = &cells.iter().find(|(k, _)| k.hour.0 == T0 && k.asn == 58224).unwrap().1;
    assert_eq!(*first, CellCounts { total: 2, ok: 1, confirmed: 1, dns: 1, ..Default::default() });
    // More measurements of the same cell add up.
    store.insert_measurements(&[facts("e", T0 + 40, 58224, Outcome::Ok, None)], Timestamp(T0)).await.unwrap();
    let cells = store.watch_cells("IR", Timestamp(T0 + 3600)).await.unwrap();
    assert_eq!(cells.len(), 1, "since filters by hour");
    let all = store.watch_cells("IR", Timestamp(0)).await.unwrap();
    assert_eq!(all.iter().find(|(k, _)| k.hour.0 == T0 && k.asn == 58224).unwrap().1.total, 3);
    assert!(store.watch_cells("SY", Timestamp(0)).await.unwrap().is_empty());
    let countries = store.watch_countries(Timestamp(0)).await.unwrap();
    assert_eq!(countries.len(), 1);
    assert_eq!((countries[0].country.as_str(), countries[0].measurements), ("IR", 5));
    // Before a time: how many, over which hours (T0 + 3600 holds one measurement).
    let older = store.watch_spans_before(Timestamp(T0 + 3600)).await.unwrap();
    assert_eq!(older.len(), 1, "{older:?}");
    assert_eq!(
        (older[0].country.as_str(), older[0].measurements, older[0].first_hour.0, older[0].last_hour.0),
        ("IR", 4, T0, T0)
    );
    let all = store.watch_spans_before(Timestamp(i64::MAX)).await.unwrap();
    assert_eq!((all[0].measurements, all[0].first_hour.0, all[0].last_hour.0), (5, T0, T0 + 3600));
    assert!(store.watch_spans_before(Timestamp(T0)).await.unwrap().is_empty(), "strictly before");
    let speed = store.watch_speed("IR", Timestamp(0)).await.unwrap();
    assert_eq!(speed.len(), 1);
    assert_eq!((speed[0].asn, speed[0].throughput_bps, speed[0].tls_handshake_ms), (197207, Some(1.5e6), Some(120.0)));
}

/// A batch larger than one statement chunk, with repeats across chunks.
async fn large_imports_chunk(store: Arc<dyn Store>) {
    let batch: Vec<_> =
        (0..5000).map(|i| facts(&format!("m{}", i % 4500), T0 + i * 60, 1, Outcome::Ok, None)).collect();
    assert_eq!(store.insert_measurements(&batch, Timestamp(T0)).await.unwrap(), 4500);
    let total: u32 = store.watch_cells("IR", Timestamp(0)).await.unwrap().iter().map(|(_, c)| c.total).sum();
    assert_eq!(total, 4500);
}

fn event(end: Option<i64>) -> DetectedEvent {
    DetectedEvent {
        kind: EventKind::Blocking,
        scope: "IR AS58224 web_connectivity facebook.com".into(),
        country: "IR".into(),
        asn: Some(58224),
        test_name: Some("web_connectivity".into()),
        target: Some("facebook.com".into()),
        start: Timestamp(T0),
        detected: Timestamp(T0 + 7200),
        end: end.map(Timestamp),
        severity: 12.0,
        layer: Some(BlockingLayer::Dns),
        signals: vec![],
    }
}

async fn events_and_alerts(store: Arc<dyn Store>) {
    let user = admin(&store).await;
    let (id, before) = store.upsert_watch_event(&event(None), Timestamp(T0 + 7200)).await.unwrap();
    assert!(before.is_none());
    store.insert_alert(id, AlertChange::Opened, Timestamp(T0 + 7200)).await.unwrap();
    let (again, before) = store.upsert_watch_event(&event(Some(T0 + 36_000)), Timestamp(T0 + 40_000)).await.unwrap();
    assert_eq!(again, id, "same kind, scope and start: the same event");
    let before = before.unwrap();
    assert_eq!(before.end, None);
    assert_eq!(before.first_seen, Timestamp(T0 + 7200));
    store.insert_alert(id, AlertChange::Closed, Timestamp(T0 + 40_000)).await.unwrap();
    let stored = store.watch_event(id).await.unwrap();
    assert_eq!(stored.end, Some(Timestamp(T0 + 36_000)));
    assert_eq!(stored.layer, Some(BlockingLayer::Dns));
    assert_eq!(store.watch_events(Some("IR"), Timestamp(0)).await.unwrap().len(), 1);
    assert!(store.watch_events(Some("SY"), Timestamp(0)).await.unwrap().is_empty());
    assert_eq!(store.watch_events(None, Timestamp(0)).await.unwrap().len(), 1);

    let alerts = store.alerts(None, 10).await.unwrap();
    assert_eq!(alerts.iter().map(|a| a.change).collect::<Vec<_>>(), [AlertChange::Closed, AlertChange::Opened]);
    assert_eq!(alerts[0].event.id, id);
    assert!(store.alerts(Some(&["SY".to_string()]), 10).await.unwrap().is_empty());
    assert_eq!(store.alerts(Some(&["*".to_string()]), 10).await.unwrap().len(), 2);
    assert_eq!(store.alerts(Some(&["IR".to_string()]), 1).await.unwrap().len(), 1);

    store.set_alert_subscriptions(user, &["IR".into(), "SY".into(), "IR".into()]).await.unwrap();
    assert_eq!(store.alert_subscriptions(user).await.unwrap(), ["IR", "SY"]);
    store.set_alert_subscriptions(user, &[]).await.unwrap();
    assert!(store.alert_subscriptions(user).await.unwrap().is_empty());
    assert!(matches!(store.watch_event(id + 100).await, Err(StoreError::NotFound)));
}

async fn disruptions_keep_every_version(store: Arc<dyn Store>) {
    let user = admin(&store).await;
    let (event_id, _) = store.upsert_watch_event(&event(None), Timestamp(T0)).await.unwrap();
    let save = |record: &str, review: Review, by: Option<UserId>, note: &str| DisruptionSave {
        country: "IR".into(),
        start: Some(Timestamp(T0)),
        review,
        record: record.into(),
        by,
        at: Timestamp(T0 + 100),
        note: note.into(),
    };
    let id =
        store.create_disruption(&save("{\"v\":1}", Review::Proposed, None, "detected"), Some(event_id)).await.unwrap();
    let v2 =
        store.update_disruption(id, 1, &save("{\"v\":2}", Review::Confirmed, Some(user), "confirmed")).await.unwrap();
    assert_eq!(v2, 2);
    let stale = store.update_disruption(id, 1, &save("{\"v\":3}", Review::Rejected, Some(user), "late")).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    assert!(matches!(
        store.update_disruption(id + 50, 1, &save("{}", Review::Proposed, None, "")).await,
        Err(StoreError::NotFound)
    ));
    let row = store.disruption(id).await.unwrap();
    assert_eq!(
        (row.version, row.review, row.record.as_str(), row.event_id),
        (2, Review::Confirmed, "{\"v\":2}", Some(event_id))
    );
    let versions = store.disruption_versions(id).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].record, "{\"v\":1}");
    assert_eq!(versions[0].changed_by, None);
    assert_eq!(versions[1].changed_by, Some(user));
    assert_eq!(versions[1].note, "confirmed");
    let manual = store
        .create_disruption(
            &DisruptionSave { start: None, ..save("{}", Review::Confirmed, Some(user), "by hand") },
            None,
        )
        .await
        .unwrap();
    let all = store.disruptions(None).await.unwrap();
    assert_eq!(all.iter().map(|d| d.id).collect::<Vec<_>>(), [id, manual], "dated first, undated last");
    assert_eq!(store.disruptions(Some(Review::Proposed)).await.unwrap().len(), 0);
    assert_eq!(store.disruptions(Some(Review::Confirmed)).await.unwrap().len(), 2);
}

async fn probes_enrol_once_and_replays_are_refused(store: Arc<dyn Store>) {
    let user = admin(&store).await;
    store.create_probe_token("hash-1", user, Timestamp(T0), Timestamp(T0 + 3600)).await.unwrap();
    store.create_probe_token("hash-2", user, Timestamp(T0), Timestamp(T0 + 10)).await.unwrap();
    assert_eq!(store.enrol_probe("nope", "x", "key-0", Timestamp(T0)).await.unwrap(), Err(EnrolRefusal::UnknownToken));
    assert_eq!(
        store.enrol_probe("hash-2", "x", "key-0", Timestamp(T0 + 20)).await.unwrap(),
        Err(EnrolRefusal::Expired)
    );
    let probe = store.enrol_probe("hash-1", "Lomé office", "key-1", Timestamp(T0 + 5)).await.unwrap().unwrap();
    assert_eq!(
        store.enrol_probe("hash-1", "again", "key-2", Timestamp(T0 + 6)).await.unwrap(),
        Err(EnrolRefusal::UnknownToken)
    );
    store.create_probe_token("hash-3", user, Timestamp(T0), Timestamp(T0 + 3600)).await.unwrap();
    assert_eq!(
        store.enrol_probe("hash-3", "dup", "key-1", Timestamp(T0 + 6)).await.unwrap(),
        Err(EnrolRefusal::KeyTaken)
    );
    let row = store.probe(probe).await.unwrap();
    assert_eq!((row.name.as_str(), row.public_key.as_str(), row.last_seen), ("Lomé office", "key-1", None));
    assert!(store.record_probe_result(probe, "r1", Timestamp(T0 + 50)).await.unwrap());
    assert!(!store.record_probe_result(probe, "r1", Timestamp(T0 + 60)).await.unwrap(), "a replay");
    assert_eq!(store.probe(probe).await.unwrap().last_seen, Some(Timestamp(T0 + 60)));
    store.revoke_probe(probe, Timestamp(T0 + 70)).await.unwrap();
    assert_eq!(store.probes().await.unwrap()[0].revoked_at, Some(Timestamp(T0 + 70)));
    assert!(store.probe_targets().await.unwrap().is_empty());
    store.set_probe_targets(&["whatsapp.com".into(), "https://www.rfi.fr/fr/".into()]).await.unwrap();
    store.set_probe_targets(&["https://www.rfi.fr/fr/".into(), "telegram.org".into()]).await.unwrap();
    assert_eq!(store.probe_targets().await.unwrap(), ["https://www.rfi.fr/fr/", "telegram.org"]);
}

both_backends!(
    measurements_are_counted_once,
    large_imports_chunk,
    events_and_alerts,
    disruptions_keep_every_version,
    probes_enrol_once_and_replays_are_refused
);

mod service {
    //! The watch service over both stores: an outage opens one event and one proposed
    //! record; when measurements come back the event closes (one more alert) and the
    //! record still waiting for review gets its end; a confirmed record is left alone.

    use std::sync::Arc;

    use vigie_core::watch::disruption::{Review, Status};
    use vigie_core::watch::records::AlertChange;
    use vigie_core::watch::{AnalysisSettings, EventKind, MeasurementFacts, Outcome, Watch};
    use vigie_core::{FakeClock, Store, Timestamp};

    use vigie_store::both_backends;

    const HOUR: i64 = 3600;

    fn hour_of_measurements(h: i64, n: usize) -> Vec<MeasurementFacts> {
        (0..n)
            .map(|i| MeasurementFacts {
                measured_at: Timestamp(h * HOUR + i as i64),
                ..super::facts(&format!("h{h}-{i}"), 0, 24691, Outcome::Ok, None)
            })
            .collect()
    }

    async fn outages_open_close_and_update_their_proposal(store: Arc<dyn Store>) {
        let _world = super::world::world(store.clone()).await;
        let base = 1_800_000_000 / HOUR;
        let clock = FakeClock::at((base + 71) * HOUR);
        let watch = Watch::new(store.clone(), Arc::new(clock.clone()), AnalysisSettings::default());
        // Three days at 20 measurements an hour, then nothing from hour 64.
        for h in 0..64 {
            watch.store_measurements(&hour_of_measurements(base + h, 20)).await.unwrap();
        }
        let first = watch.refresh(&["IR".into()]).await.unwrap();
        assert_eq!((first.events_opened, first.events_closed), (2, 0), "the country and its one network: {first:?}");
        assert_eq!(first.disruptions_proposed, 2);
        let records = store.disruptions(Some(Review::Proposed)).await.unwrap();
        assert_eq!(records.len(), 2);
        // A coordinator confirms the network's record; the country's waits.
        let network = records.iter().find(|r| r.record.contains("AS24691")).expect("the network's record");
        let mut confirmed: vigie_core::watch::disruption::Disruption = serde_json::from_str(&network.record).unwrap();
        confirmed.review = Review::Confirmed;
        let save = vigie_core::watch::records::DisruptionSave {
            country: "IR".into(),
            start: network.start,
            review: Review::Confirmed,
            record: serde_json::to_string(&confirmed).unwrap(),
            by: None,
            at: Timestamp((base + 71) * HOUR),
            note: "confirmed".into(),
        };
        store.update_disruption(network.id, network.version, &save).await.unwrap();

        // Measurements come back from hour 72 on.
        for h in 72..76 {
            watch.store_measurements(&hour_of_measurements(base + h, 20)).await.unwrap();
        }
        clock.advance(5 * HOUR);
        let second = watch.refresh(&["IR".into()]).await.unwrap();
        assert_eq!((second.events_opened, second.events_closed, second.disruptions_proposed), (0, 2, 0), "{second:?}");
        let alerts = store.alerts(None, 10).await.unwrap();
        assert_eq!(alerts.iter().filter(|a| a.change == AlertChange::Closed).count(), 2);
        assert!(alerts.iter().all(|a| a.event.kind == EventKind::Outage));
        assert_eq!(alerts.iter().filter(|a| a.change == AlertChange::Opened).count(), 2);

        let country = store.disruption(records.iter().find(|r| r.id != network.id).unwrap().id).await.unwrap();
        assert_eq!((country.version, country.review), (2, Review::Proposed));
        let record: vigie_core::watch::disruption::Disruption = serde_json::from_str(&country.record).unwrap();
        assert_eq!(record.status, Some(Status::Ended));
        assert!(record.end.value().is_some(), "the end date came from the event");
        let kept = store.disruption(network.id).await.unwrap();
        assert_eq!(kept.version, 2, "a reviewed record is not changed by the detector");
        // Nothing new on a third run.
        let third = watch.refresh(&["IR".into()]).await.unwrap();
        assert_eq!((third.events_opened, third.events_closed), (0, 0));
    }

    fn blocked_hour(h: i64) -> Vec<MeasurementFacts> {
        (0..5)
            .map(|i| MeasurementFacts {
                measured_at: Timestamp(h * HOUR + i),
                ..super::facts(
                    &format!("b{h}-{i}"),
                    0,
                    58224,
                    Outcome::Anomaly,
                    Some(vigie_core::watch::BlockingLayer::Dns),
                )
            })
            .collect()
    }

    /// A target blocked for longer than the detector's window: one event, one alert,
    /// however the window slides.
    async fn a_target_blocked_for_months_alerts_once(store: Arc<dyn Store>) {
        let base = 1_800_000_000 / HOUR;
        let clock = FakeClock::at((base + 40 * 24) * HOUR);
        let watch = Watch::new(store.clone(), Arc::new(clock.clone()), AnalysisSettings::default());
        let all: Vec<_> = (0..40 * 24).flat_map(|h| blocked_hour(base + h)).collect();
        watch.store_measurements(&all).await.unwrap();
        let first = watch.refresh(&["IR".into()]).await.unwrap();
        assert_eq!(first.events_opened, 1, "{first:?}");
        for h in 40 * 24..40 * 24 + 30 {
            watch.store_measurements(&blocked_hour(base + h)).await.unwrap();
            clock.advance(HOUR);
            let again = watch.refresh(&["IR".into()]).await.unwrap();
            assert_eq!((again.events_opened, again.events_closed), (0, 0), "hour {h}: {again:?}");
        }
        let events = store.watch_events(None, Timestamp(0)).await.unwrap();
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].kind, EventKind::Blocking);
        assert_eq!(events[0].end, None);
        assert_eq!(store.alerts(None, 10).await.unwrap().len(), 1);
    }

    /// An outage 200 days back, imported from an archive: the regular runs (30 days) do
    /// not see it; a run over the period does, stores it without alerting, proposes its
    /// records, and finds nothing new when run again. An event still under way at the
    /// end of the period is left out.
    async fn a_past_period_is_analysed_on_demand(store: Arc<dyn Store>) {
        let _world = super::world::world(store.clone()).await;
        let base = 1_800_000_000 / HOUR;
        let clock = FakeClock::at((base + 200 * 24) * HOUR);
        let watch = Watch::new(store.clone(), Arc::new(clock.clone()), AnalysisSettings::default());
        for h in (0..96).chain(104..130) {
            watch.store_measurements(&hour_of_measurements(base + h, 20)).await.unwrap();
        }
        assert_eq!(watch.refresh(&["IR".into()]).await.unwrap().events_opened, 0, "too old for the regular runs");
        let (from, to) = (Timestamp(base * HOUR), Timestamp((base + 130) * HOUR));
        let (report, open_at_end) = watch.refresh_between(&["IR".into()], from, to).await.unwrap();
        assert_eq!((report.events_opened, report.disruptions_proposed, open_at_end), (2, 2, 0), "{report:?}");
        let events = store.watch_events(None, Timestamp(0)).await.unwrap();
        assert!(events.iter().all(|e| e.start == Timestamp((base + 96) * HOUR) && e.end.is_some()), "{events:?}");
        assert!(store.alerts(None, 10).await.unwrap().is_empty(), "the past is documented, not alerted");
        let (again, _) = watch.refresh_between(&["IR".into()], from, to).await.unwrap();
        assert_eq!((again.events_opened, again.disruptions_proposed), (0, 0));
        // A period ending inside the outage: the event is under way at its end, left out.
        let (cut_short, open_at_end) =
            watch.refresh_between(&["IR".into()], from, Timestamp((base + 100) * HOUR)).await.unwrap();
        assert_eq!((cut_short.events_opened, open_at_end), (0, 2));
    }

    both_backends!(
        outages_open_close_and_update_their_proposal,
        a_target_blocked_for_months_alerts_once,
        a_past_period_is_analysed_on_demand
    );
}
