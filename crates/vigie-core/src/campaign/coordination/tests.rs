use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::observation::RawObservation;

const HOUR: i64 = 3600;

fn post(id: u32, account: u32, at: i64, traces: &[Trace]) -> Post {
    Post { id, account, at: Timestamp(at), traces: traces.to_vec() }
}

#[test]
fn the_same_text_and_link_within_the_window_link_two_accounts() {
    let traces = [Trace::Text(7), Trace::Link(42)];
    let posts = [post(1, 10, 0, &traces), post(2, 11, 30 * 60, &traces)];
    let edges = link_accounts(&posts, &CoordinationConfig::default());
    assert_eq!(edges, vec![Edge { a: 10, b: 11, weight: 2, traces: traces.to_vec() }]);
}

#[test]
fn the_same_text_hours_apart_does_not_link() {
    let traces = [Trace::Text(7), Trace::Link(42)];
    let posts = [post(1, 10, 0, &traces), post(2, 11, 3 * HOUR, &traces)];
    assert!(link_accounts(&posts, &CoordinationConfig::default()).is_empty());
    // Exactly at the window still counts; one second past does not.
    let posts = [post(1, 10, 0, &traces), post(2, 11, HOUR, &traces)];
    assert_eq!(link_accounts(&posts, &CoordinationConfig::default()).len(), 1);
    let posts = [post(1, 10, 0, &traces), post(2, 11, HOUR + 1, &traces)];
    assert!(link_accounts(&posts, &CoordinationConfig::default()).is_empty());
}

#[test]
fn weight_counts_distinct_traces_and_one_shared_hashtag_sequence_is_dropped() {
    let config = CoordinationConfig::default();
    let tags = [Trace::HashtagSequence(5)];
    let posts = [post(1, 1, 0, &tags), post(2, 2, 10, &tags)];
    assert!(link_accounts(&posts, &config).is_empty());
    let weak = CoordinationConfig { min_edge_weight: 1, ..config };
    assert_eq!(link_accounts(&posts, &weak)[0].weight, 1);

    // The same text posted many times by both accounts is still one co-action; a link makes two.
    let text = [Trace::Text(3)];
    let posts = [
        post(1, 1, 0, &text),
        post(2, 2, 5, &text),
        post(3, 1, 10, &text),
        post(4, 2, 15, &text),
        post(5, 2, 20, &[Trace::Link(9)]),
        post(6, 1, 25, &[Trace::Link(9)]),
    ];
    let edges = link_accounts(&posts, &config);
    assert_eq!(edges, vec![Edge { a: 1, b: 2, weight: 2, traces: vec![Trace::Text(3), Trace::Link(9)] }]);
}

#[test]
fn an_account_is_never_linked_to_itself() {
    let traces = [Trace::Text(1), Trace::Image(2)];
    let posts = [post(1, 4, 0, &traces), post(2, 4, 1, &traces)];
    assert!(link_accounts(&posts, &CoordinationConfig { min_edge_weight: 1, ..Default::default() }).is_empty());
}

/// Accounts `first..first + n` each posting the same text and link a minute apart.
fn planted(first: u32, n: u32, text: u32, start: i64) -> Vec<Post> {
    (0..n)
        .map(|i| {
            post(first + i, first + i, start + i64::from(i) * 60, &[Trace::Text(text), Trace::Link(u64::from(text))])
        })
        .collect()
}

#[test]
fn six_coordinated_accounts_form_a_campaign_four_do_not() {
    let config = CoordinationConfig::default();
    let mut posts = planted(100, 6, 1, 0);
    posts.extend(planted(200, 4, 2, 0));
    // Noise: the same hashtag sequence from many accounts, one trace only.
    posts.extend((300..320).map(|a| post(a, a, i64::from(a), &[Trace::HashtagSequence(77)])));
    let edges = link_accounts(&posts, &config);
    assert!(edges.iter().any(|e| e.a == 200 && e.b == 201), "the four are linked");
    assert_eq!(campaigns(&edges, &config), vec![(100..106).collect::<Vec<u32>>()]);
    let small = CoordinationConfig { min_accounts: 4, ..config };
    assert_eq!(campaigns(&edges, &small), vec![(100..106).collect::<Vec<u32>>(), (200..204).collect()]);
}

#[test]
fn the_bot_burst_preset_keeps_only_posts_within_a_minute() {
    let config = CoordinationConfig::bot_burst();
    assert_eq!(config.window_secs, 60);
    assert_eq!((config.min_edge_weight, config.min_accounts), (2, 5));
    let traces = [Trace::Text(1), Trace::Mention(2)];
    let posts = [post(1, 1, 0, &traces), post(2, 2, 45, &traces), post(3, 3, 45 + 120, &traces)];
    let edges = link_accounts(&posts, &config);
    assert_eq!(edges.iter().map(|e| (e.a, e.b)).collect::<Vec<_>>(), vec![(1, 2)]);
    assert_eq!(link_accounts(&posts, &CoordinationConfig::default()).len(), 3);
}

#[test]
fn a_huge_trace_group_is_capped_but_stays_connected() {
    let config = CoordinationConfig { max_partners: 3, min_accounts: 2, ..Default::default() };
    let posts: Vec<Post> = (0..50).map(|a| post(a, a, i64::from(a), &[Trace::Text(1), Trace::Link(1)])).collect();
    let edges = link_accounts(&posts, &config);
    assert!(edges.len() <= 50 * 3, "{} edges", edges.len());
    assert_eq!(campaigns(&edges, &config), vec![(0..50).collect::<Vec<u32>>()]);
}

#[test]
fn traces_of_an_observation() {
    let raw = |links: &[&str]| RawObservation {
        platform: Some("x".into()),
        post_id: Some("1".into()),
        author: Some("a".into()),
        created_at: Some("2026-11-23T16:40:00Z".into()),
        hashtags: vec!["#Vote".into(), "#dz".into()],
        mentions: vec!["@Someone".into()],
        links: links.iter().map(|l| l.to_string()).collect(),
        media_phash: vec!["00FF00FF00FF00FF".into()],
        ..RawObservation::default()
    };
    let one = Observation::parse(raw(&["https://www.Example.com/a/#top"])).unwrap();
    let two = Observation::parse(raw(&["http://example.com/a"])).unwrap();
    let t1 = traces_of(&one, Some(4));
    assert_eq!(t1, traces_of(&two, Some(4)), "link variants and tag case meet");
    assert_eq!(t1.len(), 5);
    assert!(t1.contains(&Trace::Text(4)));
    assert_eq!(traces_of(&one, None).len(), 4);
    let other =
        Observation::parse(RawObservation { hashtags: vec!["#dz".into(), "#vote".into()], ..raw(&[]) }).unwrap();
    let sequence = |t: &[Trace]| t.iter().find(|t| matches!(t, Trace::HashtagSequence(_))).copied();
    assert_ne!(sequence(&t1), sequence(&traces_of(&other, None)), "order matters in a sequence");
}

/// Every pair of distinct accounts and the traces they share within the window, pair by pair.
fn brute_force(posts: &[Post], config: &CoordinationConfig) -> BTreeMap<(u32, u32), BTreeSet<Trace>> {
    let mut shared: BTreeMap<(u32, u32), BTreeSet<Trace>> = BTreeMap::new();
    for p in posts {
        for q in posts {
            if p.account < q.account && (p.at.0 - q.at.0).abs() <= config.window_secs {
                for t in p.traces.iter().filter(|t| q.traces.contains(t)) {
                    shared.entry((p.account, q.account)).or_default().insert(*t);
                }
            }
        }
    }
    shared.retain(|_, traces| traces.len() as u32 >= config.min_edge_weight);
    shared
}

fn arb_trace() -> impl Strategy<Value = Trace> {
    prop_oneof![
        (0u32..3).prop_map(Trace::Text),
        (0u64..3).prop_map(Trace::Image),
        (0u64..2).prop_map(Trace::HashtagSequence),
        (0u64..3).prop_map(Trace::Link),
        (0u64..2).prop_map(Trace::Mention),
    ]
}

proptest! {
    #[test]
    fn coordination_edges_match_brute_force(
        raw in prop::collection::vec((0u32..6, 0i64..300, prop::collection::vec(arb_trace(), 0..4)), 0..25),
        window in 0i64..120,
        min_weight in 1u32..4,
    ) {
        let posts: Vec<Post> = raw.into_iter().enumerate()
            .map(|(i, (account, at, traces))| post(i as u32, account, at, &traces))
            .collect();
        let config = CoordinationConfig { window_secs: window, min_edge_weight: min_weight, ..Default::default() };
        let edges = link_accounts(&posts, &config);
        for e in &edges {
            prop_assert!(e.a < e.b);
            prop_assert_eq!(e.weight as usize, e.traces.len());
            prop_assert!(e.weight >= min_weight);
            for t in &e.traces {
                let shared = posts.iter().filter(|p| p.account == e.a && p.traces.contains(t)).any(|p| {
                    posts.iter().any(|q| q.account == e.b && q.traces.contains(t) && (p.at.0 - q.at.0).abs() <= window)
                });
                prop_assert!(shared, "{:?} not shared by {} and {} within {}", t, e.a, e.b, window);
            }
        }
        let got: BTreeMap<(u32, u32), BTreeSet<Trace>> =
            edges.iter().map(|e| ((e.a, e.b), e.traces.iter().copied().collect())).collect();
        prop_assert_eq!(got, brute_force(&posts, &config));
    }
}
