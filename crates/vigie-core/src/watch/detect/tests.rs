use proptest::prelude::*;

use super::*;

const T0: i64 = 1_700_002_800; // an hour boundary
const DAY: i64 = 24 * HOUR;

fn hourly(region: &str, values: &[f64]) -> Vec<SignalPoint> {
    values.iter().enumerate().map(|(i, v)| SignalPoint::new(Timestamp(T0 + i as i64 * HOUR), region, *v)).collect()
}

fn at_hour(h: i64) -> Timestamp {
    Timestamp(T0 + h * HOUR)
}

fn detect(points: &[SignalPoint]) -> Vec<OutageEvent> {
    detect_outages(points, &WatchSettings::default())
}

/// 100 for `before` hours, `low` for `during` hours, then 100 for `after` hours.
fn step(before: usize, low: f64, during: usize, after: usize) -> Vec<f64> {
    [vec![100.0; before], vec![low; during], vec![100.0; after]].concat()
}

#[test]
fn a_halving_for_four_hours_is_two_drop_hours() {
    let events = detect(&hourly("R", &step(48, 50.0, 4, 24)));
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!((e.start, e.end, e.points), (at_hour(48), Some(at_hour(52)), 4));
    assert_eq!((e.min_ratio, e.severity, e.baseline), (0.5, 2.0, 100.0));
    assert!(e.covers(at_hour(51)) && !e.covers(at_hour(52)));
}

#[test]
fn an_outage_at_the_end_of_the_data_is_ongoing() {
    let events = detect(&hourly("R", &step(48, 10.0, 5, 0)));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].end, None);
    assert!((events[0].severity - 4.5).abs() < 1e-9, "the last point covers the hour before it");
}

#[test]
fn nothing_alerts_before_the_warm_up_is_over() {
    // 20 hours at 100, then 10: the first judgeable point is 24 h after the first one.
    let events = detect(&hourly("R", &step(20, 10.0, 30, 0)));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].start, at_hour(24));
    // Fewer than 12 points in a day is not warm either.
    let sparse: Vec<SignalPoint> =
        (0..10).map(|i| SignalPoint::new(Timestamp(T0 + i * 3 * HOUR), "R", 100.0)).collect();
    let mut points = sparse.clone();
    points.push(SignalPoint::new(Timestamp(T0 + 30 * HOUR), "R", 1.0));
    assert!(detect(&points).is_empty());
}

#[test]
fn one_good_point_inside_an_outage_does_not_split_it() {
    let values = [vec![100.0; 48], vec![40.0; 3], vec![100.0], vec![40.0; 3], vec![100.0; 10]].concat();
    let events = detect(&hourly("R", &values));
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].start, events[0].end, events[0].points), (at_hour(48), Some(at_hour(55)), 6));
    let eager = WatchSettings { recovery_points: 1, ..WatchSettings::default() };
    assert_eq!(detect_outages(&hourly("R", &values), &eager).len(), 2);
}

#[test]
fn an_outage_longer_than_the_window_stays_open_until_the_signal_returns() {
    let settings = WatchSettings { window_secs: 2 * DAY, ..WatchSettings::default() };
    let values = step(72, 5.0, 5 * 24, 48);
    let events = detect_outages(&hourly("R", &values), &settings);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!((events[0].start, events[0].end), (at_hour(72), Some(at_hour(72 + 120))));
}

#[test]
fn non_finite_values_are_ignored() {
    let mut values = step(48, 50.0, 4, 24);
    values[10] = f64::NAN;
    values[30] = f64::NEG_INFINITY;
    values[50] = f64::INFINITY;
    let events = detect(&hourly("R", &values));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].points, 3);
}

#[test]
fn a_baseline_of_zero_cannot_alert() {
    assert!(detect(&hourly("R", &[vec![0.0; 48], vec![-5.0; 3]].concat())).is_empty());
}

#[test]
fn settings_that_cannot_work_are_refused() {
    assert!(WatchSettings::default().validate().is_ok());
    for bad in [
        WatchSettings { ratio: 0.0, ..WatchSettings::default() },
        WatchSettings { ratio: f64::NAN, ..WatchSettings::default() },
        WatchSettings { warmup_secs: 8 * DAY, ..WatchSettings::default() },
        WatchSettings { recovery_points: 0, ..WatchSettings::default() },
    ] {
        assert!(bad.validate().is_err());
    }
}

fn noise(len: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(-0.1f64..=0.1, len)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_flat_series_with_ten_percent_noise_never_alerts(level in 0.01f64..1e6, noise in noise(14 * 24)) {
        let values: Vec<f64> = noise.iter().map(|n| level * (1.0 + n)).collect();
        prop_assert!(detect(&hourly("R", &values)).is_empty());
    }

    #[test]
    fn a_step_down_is_seen_within_two_hours_and_closes_when_the_level_returns(
        level in 0.01f64..1e6,
        noise in noise(14 * 24),
        at in 72usize..240,
        during in 1usize..72,
        factor in 0.0f64..=0.5,
    ) {
        let values: Vec<f64> = noise
            .iter()
            .enumerate()
            .map(|(i, n)| level * (1.0 + n) * if (at..at + during).contains(&i) { factor } else { 1.0 })
            .collect();
        let events = detect(&hourly("R", &values));
        prop_assert_eq!(events.len(), 1, "{:?}", events);
        let e = &events[0];
        let onset_delay = e.start.0 - at_hour(at as i64).0;
        prop_assert!((0..=2 * HOUR).contains(&onset_delay));
        prop_assert_eq!(e.end, Some(at_hour((at + during) as i64)));
        prop_assert!(e.min_ratio <= 0.5 * 1.1 / 0.9);
        prop_assert!(e.severity > 0.0);
    }

    #[test]
    fn irregular_sampling_alerts_at_the_first_point_after_the_step(
        gaps in proptest::collection::vec((1i64..=3, 0i64..600), 150),
        noise in noise(150),
        step_after in (4 * DAY)..(6 * DAY),
        during in (6 * HOUR)..(2 * DAY),
    ) {
        let mut t = T0;
        let mut points = Vec::new();
        for ((gap, jitter), n) in gaps.iter().zip(&noise) {
            t += gap * HOUR + jitter;
            let low = (T0 + step_after..T0 + step_after + during).contains(&t);
            points.push(SignalPoint::new(Timestamp(t), "R", 50.0 * (1.0 + n) * if low { 0.3 } else { 1.0 }));
        }
        let first_at_or_after = |s: i64| points.iter().map(|p| p.time).find(|p| p.0 >= T0 + s);
        let events = detect(&points);
        prop_assert_eq!(events.len(), 1, "{:?}", events);
        prop_assert_eq!(Some(events[0].start), first_at_or_after(step_after));
        prop_assert_eq!(events[0].end, first_at_or_after(step_after + during));
    }

    #[test]
    fn interleaved_shuffled_regions_are_detected_each_on_its_own(
        shuffled in Just(
            ["Zulia", "Lara", "Mérida"].iter().enumerate().flat_map(|(k, r)| {
                hourly(r, &step(72 + 10 * k, 20.0 + k as f64, 5 + k, 48))
            }).collect::<Vec<_>>()
        ).prop_shuffle(),
    ) {
        let events = detect(&shuffled);
        let regions: Vec<&str> = events.iter().map(|e| e.region.as_str()).collect();
        prop_assert_eq!(regions, ["Lara", "Mérida", "Zulia"]);
        for (k, region) in ["Zulia", "Lara", "Mérida"].iter().enumerate() {
            let alone = detect(&hourly(region, &step(72 + 10 * k, 20.0 + k as f64, 5 + k, 48)));
            let mine: Vec<OutageEvent> = events.iter().filter(|e| e.region == *region).cloned().collect();
            prop_assert_eq!(&mine, &alone);
            prop_assert_eq!(mine[0].start, at_hour(72 + 10 * k as i64));
        }
    }
}
