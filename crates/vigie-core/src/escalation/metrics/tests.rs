use super::*;
use crate::escalation::codes::Channel;
use crate::escalation::item::{ItemDraft, ItemType};
use crate::escalation::lifecycle::{Event, NewEscalation};
use crate::escalation::outcome::{Outcome, Restriction};
use proptest::prelude::*;

const H: i64 = 3600;

fn ts(year: i64, month: u32, day: u32) -> Timestamp {
    Timestamp::from_date(year, month, day)
}

fn fact(platform: Platform, at: Timestamp, reply_h: Option<i64>, action_h: Option<i64>) -> ItemFact {
    ItemFact {
        platform,
        category: PolicyCategory::Harassment,
        country: CountryCode::parse("TG"),
        severity: Severity::High,
        escalated_at: at,
        first_reply_at: reply_h.map(|h| at.plus_secs(h * H)),
        action_at: action_h.map(|h| at.plus_secs(h * H)),
        outcome: None,
        re_escalated: false,
    }
}

/// Six items to X (three in January, three in April 2026), three to Facebook
/// (February 2026). Delays in hours:
///
/// | # | platform | reply | action | outcome            | re-escalated |
/// |---|----------|-------|--------|--------------------|--------------|
/// | 1 | X        | 2     | 5      | removed            |              |
/// | 2 | X        | 4     |        | no violation found |              |
/// | 3 | X        | 1     | 10     | restricted (reach) |              |
/// | 4 | X        |       |        | no reply           | yes          |
/// | 5 | X        | 8     | 8      | account suspended  |              |
/// | 6 | X        | 3     |        | (pending)          | yes          |
/// | 7 | Facebook | 24    | 24     | labelled           |              |
/// | 8 | Facebook |       |        | (pending)          |              |
/// | 9 | Facebook | 48    |        | no violation found |              |
fn fixture() -> Vec<ItemFact> {
    use OutcomeKind::*;
    let (jan, apr, feb) = (ts(2026, 1, 10), ts(2026, 4, 2), ts(2026, 2, 20));
    let rows = [
        (Platform::X, jan, Some(2), Some(5), Some(Removed), false),
        (Platform::X, jan, Some(4), None, Some(NoViolationFound), false),
        (Platform::X, jan, Some(1), Some(10), Some(Restricted(Restriction::Reach)), false),
        (Platform::X, apr, None, None, Some(NoReply), true),
        (Platform::X, apr, Some(8), Some(8), Some(AccountSuspended), false),
        (Platform::X, apr, Some(3), None, None, true),
        (Platform::Facebook, feb, Some(24), Some(24), Some(Labelled), false),
        (Platform::Facebook, feb, None, None, None, false),
        (Platform::Facebook, feb, Some(48), None, Some(NoViolationFound), false),
    ];
    let facts = rows.into_iter().map(|(platform, at, reply, action, outcome, again)| ItemFact {
        outcome,
        re_escalated: again,
        ..fact(platform, at, reply, action)
    });
    facts.collect()
}

fn hours(t: &Timing) -> (usize, Option<i64>, Option<i64>) {
    (t.count, t.median_secs.map(|s| s / H), t.p90_secs.map(|s| s / H))
}

#[test]
fn per_platform_figures_match_the_hand_computation() {
    let by = GroupBy { platform: true, ..GroupBy::default() };
    let groups = accountability(&fixture(), by);
    let platforms: Vec<_> = groups.iter().map(|g| g.key.platform.clone().unwrap()).collect();
    assert_eq!(platforms, [Platform::Facebook, Platform::X], "ordered by key");
    let (fb, x) = (&groups[0], &groups[1]);

    assert_eq!(x.items, 6);
    // Replies [1, 2, 3, 4, 8]: median rank ⌈2.5⌉ = 3 → 3 h; p90 rank ⌈4.5⌉ = 5 → 8 h.
    assert_eq!(hours(&x.first_reply), (5, Some(3), Some(8)));
    // Actions [5, 8, 10]: median rank 2 → 8 h; p90 rank ⌈2.7⌉ = 3 → 10 h.
    assert_eq!(hours(&x.action), (3, Some(8), Some(10)));
    assert_eq!(x.action_rate, Share { count: 3, of: 4 }, "no reply and pending are not decisions");
    assert_eq!(x.never_answered, Share { count: 1, of: 6 });
    assert_eq!(x.re_escalated, Share { count: 2, of: 6 });

    assert_eq!(fb.items, 3);
    // Replies [24, 48]: median rank 1 → 24 h; p90 rank ⌈1.8⌉ = 2 → 48 h.
    assert_eq!(hours(&fb.first_reply), (2, Some(24), Some(48)));
    assert_eq!(hours(&fb.action), (1, Some(24), Some(24)));
    assert_eq!(fb.action_rate, Share { count: 1, of: 2 });
    assert_eq!(fb.never_answered, Share { count: 1, of: 3 });
    assert_eq!(fb.re_escalated.ratio(), Some(0.0));
}

#[test]
fn everything_in_one_group_and_by_quarter() {
    let all = accountability(&fixture(), GroupBy::default());
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].key, GroupKey { platform: None, category: None, country: None, severity: None, period: None });
    // Replies [1, 2, 3, 4, 8, 24, 48]: median rank 4 → 4 h; p90 rank ⌈6.3⌉ = 7 → 48 h.
    assert_eq!(hours(&all[0].first_reply), (7, Some(4), Some(48)));
    assert_eq!(all[0].action_rate, Share { count: 4, of: 6 });

    let by_quarter = accountability(&fixture(), GroupBy::parse("quarter").unwrap());
    let summary: Vec<_> = by_quarter.iter().map(|g| (g.key.period.unwrap().to_string(), g.items)).collect();
    assert_eq!(summary, [("2026-Q1".to_owned(), 6), ("2026-Q2".to_owned(), 3)]);
    let by_month = accountability(&fixture(), GroupBy::parse("platform,month").unwrap());
    let summary: Vec<_> =
        by_month.iter().map(|g| (g.key.platform.clone().unwrap(), g.key.period.unwrap().to_string())).collect();
    assert_eq!(
        summary,
        [
            (Platform::Facebook, "2026-02".to_owned()),
            (Platform::X, "2026-01".to_owned()),
            (Platform::X, "2026-04".to_owned()),
        ]
    );
    assert_eq!(by_month[1].key.period.unwrap().start(), ts(2026, 1, 1));
}

#[test]
fn small_cells_are_suppressed_for_publication() {
    let groups = accountability(&fixture(), GroupBy { platform: true, ..GroupBy::default() });
    let (fb, x) = (&groups[0], &groups[1]);
    assert_eq!(suppress(x.items), Cell::Shown(6));
    assert_eq!(suppress(fb.items).to_string(), "< 5");
    assert_eq!(suppress(0).to_string(), "< 5");
    assert_eq!(suppress(5).to_string(), "5");
    assert_eq!(x.first_reply.published(), Some((3 * H, 8 * H)), "five replies are enough");
    assert_eq!(x.action.published(), None, "three actions are not");
    assert_eq!(x.action_rate.published(), None, "a rate over four decisions is not");
    assert_eq!(x.never_answered.published(), Some(1.0 / 6.0));
}

#[test]
fn countries_group_known_and_unknown_apart() {
    let mut facts = fixture();
    facts[0].country = None;
    facts[1].country = CountryCode::parse("BJ");
    let groups = accountability(&facts, GroupBy::parse("country").unwrap());
    let keys: Vec<_> = groups.iter().map(|g| (g.key.country.clone().unwrap(), g.items)).collect();
    assert_eq!(keys, [(None, 1), (CountryCode::parse("BJ"), 1), (CountryCode::parse("TG"), 7)]);
}

#[test]
fn group_by_codes_round_trip() {
    for raw in ["", "platform", "platform,category,country,severity,year", "severity,month"] {
        assert_eq!(GroupBy::parse(raw).unwrap().code(), raw);
    }
    assert_eq!(GroupBy::parse("month,year").unwrap().period, Some(PeriodUnit::Year), "the last period counts");
    assert_eq!(GroupBy::parse("planet"), Err(EscalationError::UnknownCode { field: "dimension" }));
}

#[test]
fn an_escalation_gives_one_fact_per_item() {
    let drafts: Vec<_> = (1..=3)
        .map(|i| {
            let mut d = ItemDraft::new(ItemType::Post, PolicyCategory::Doxing, Severity::Critical);
            d.url = format!("https://t.me/c/{i}");
            d
        })
        .collect();
    let mut e =
        NewEscalation::from_drafts(Platform::Telegram, Channel::Email, &drafts, Timestamp(0)).unwrap().into_draft();
    assert!(item_facts(&e, None, |_| false).is_empty(), "a draft has no facts");
    e.apply(Event::Send { at: Timestamp(100), reference: None }).unwrap();
    e.apply(Event::Acknowledge { at: Timestamp(400), reference: None }).unwrap();
    let o = |kind, at| Outcome::new(kind, Timestamp(at), "").unwrap();
    let outcomes =
        vec![o(OutcomeKind::Removed, 300), o(OutcomeKind::NoViolationFound, 500), o(OutcomeKind::NoReply, 900)];
    e.apply(Event::Decide { outcomes }).unwrap();
    let facts = item_facts(&e, CountryCode::parse("NE"), |i| i == 2);
    assert_eq!(facts.len(), 3);
    assert_eq!((facts[0].first_reply_at, facts[0].action_at), (Some(Timestamp(300)), Some(Timestamp(300))));
    assert_eq!((facts[1].first_reply_at, facts[1].action_at), (Some(Timestamp(400)), None));
    assert_eq!(facts[2].outcome, Some(OutcomeKind::NoReply));
    assert!(facts[2].re_escalated && !facts[0].re_escalated);
    assert_eq!(facts[0].escalated_at, Timestamp(100));
    assert_eq!(facts[0].country.as_ref().map(CountryCode::as_str), Some("NE"));
}

#[test]
fn a_hundred_thousand_items_are_grouped_in_one_pass() {
    let platforms = Platform::listed();
    let facts: Vec<ItemFact> = (0..100_000i64)
        .map(|i| {
            let at = Timestamp(1_767_225_600 + (i * 7_919) % (365 * 86_400));
            let reply = (i % 7 != 0).then_some((i * 31) % 500);
            ItemFact {
                severity: Severity::ALL[(i % 4) as usize],
                outcome: Some(OutcomeKind::ALL[(i % 7) as usize]),
                ..fact(platforms[(i % 8) as usize].clone(), at, reply, reply.map(|r| r + 1))
            }
        })
        .collect();
    let groups = accountability(&facts, GroupBy::parse("platform,severity,month").unwrap());
    assert_eq!(groups.iter().map(|g| g.items).sum::<usize>(), 100_000);
    assert!(groups.len() <= 8 * 4 * 13);
}

fn any_fact() -> impl Strategy<Value = ItemFact> {
    let platform = proptest::sample::select(Platform::listed().to_vec());
    let category = proptest::sample::select(PolicyCategory::ALL.to_vec());
    let severity = proptest::sample::select(Severity::ALL.to_vec());
    let outcome = proptest::option::of(proptest::sample::select(OutcomeKind::ALL.to_vec()));
    let country = proptest::option::of(proptest::sample::select(vec!["BJ", "IQ", "TG"]));
    let times = (0i64..100_000_000, proptest::option::of(-100i64..10_000_000), proptest::option::of(0i64..10_000_000));
    (platform, category, severity, outcome, country, times, any::<bool>()).prop_map(
        |(platform, category, severity, outcome, country, (at, reply, action), re_escalated)| ItemFact {
            platform,
            category,
            country: country.and_then(CountryCode::parse),
            severity,
            escalated_at: Timestamp(1_700_000_000 + at),
            first_reply_at: reply.map(|r| Timestamp(1_700_000_000 + at + r)),
            action_at: action.map(|a| Timestamp(1_700_000_000 + at + a)),
            outcome,
            re_escalated,
        },
    )
}

fn any_group_by() -> impl Strategy<Value = GroupBy> {
    let period =
        proptest::option::of(proptest::sample::select(vec![PeriodUnit::Month, PeriodUnit::Quarter, PeriodUnit::Year]));
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), period).prop_map(
        |(platform, category, country, severity, period)| GroupBy { platform, category, country, severity, period },
    )
}

/// The nearest-rank percentile computed from a full sort, as the definition reads.
fn sorted_percentile(mut v: Vec<i64>, p: usize) -> Option<i64> {
    v.sort_unstable();
    let n = v.len();
    v.iter().enumerate().find(|(i, _)| (i + 1) * 100 >= p * n).map(|(_, x)| *x)
}

proptest! {
    /// Every group agrees with a naive computation over the facts with its key, and the
    /// groups partition the facts.
    #[test]
    fn groups_agree_with_a_naive_computation(
        facts in proptest::collection::vec(any_fact(), 0..120),
        by in any_group_by(),
    ) {
        let groups = accountability(&facts, by);
        prop_assert_eq!(groups.iter().map(|g| g.items).sum::<usize>(), facts.len());
        for w in groups.windows(2) {
            prop_assert!(w[0].key < w[1].key);
        }
        for g in &groups {
            let members: Vec<&ItemFact> = facts.iter().filter(|f| by.key(f) == g.key).collect();
            prop_assert_eq!(members.len(), g.items);
            let delay = |f: &ItemFact, t: Timestamp| (t.0 - f.escalated_at.0).max(0);
            let replies: Vec<i64> = members.iter().filter_map(|f| f.first_reply_at.map(|t| delay(f, t))).collect();
            prop_assert_eq!(g.first_reply.count, replies.len());
            prop_assert_eq!(g.first_reply.median_secs, sorted_percentile(replies.clone(), 50));
            prop_assert_eq!(g.first_reply.p90_secs, sorted_percentile(replies, 90));
            let actions: Vec<i64> = members.iter().filter_map(|f| f.action_at.map(|t| delay(f, t))).collect();
            prop_assert_eq!(g.action.median_secs, sorted_percentile(actions.clone(), 50));
            prop_assert_eq!(g.action.p90_secs, sorted_percentile(actions, 90));
            let decided = members.iter().filter(|f| f.outcome.is_some_and(|o| o != OutcomeKind::NoReply)).count();
            prop_assert_eq!(g.action_rate.of, decided);
            prop_assert!(g.action_rate.count <= g.action_rate.of);
            prop_assert_eq!(g.never_answered.count, members.iter().filter(|f| f.first_reply_at.is_none()).count());
            if let (Some(m), Some(p)) = (g.first_reply.median_secs, g.first_reply.p90_secs) {
                prop_assert!(m <= p);
            }
        }
    }
}

#[test]
fn the_histogram_counts_actions_by_delay() {
    // Actions after 5, 10, 8 and 24 hours; bounds 6 h and 12 h (inclusive).
    let counts = action_delay_histogram(&fixture(), &[6 * H, 12 * H]);
    assert_eq!(counts, [1, 2, 1]);
    assert_eq!(action_delay_histogram(&[], &[H]), [0, 0]);
}
