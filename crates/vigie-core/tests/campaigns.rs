//! Campaign detection on small hand-written sets: what links accounts and what does not.

use vigie_core::campaign::findings::WhyLinked;
use vigie_core::campaign::report::TraceKind;
use vigie_core::campaign::{Detector, DetectorConfig, continued_campaigns};
use vigie_core::observation::{Observation, RawObservation};

const T0: i64 = 1_780_000_000;

fn post(platform: &str, id: &str, author: &str, at: i64, text: &str) -> Observation {
    let tags: Vec<String> = text.split_whitespace().filter(|w| w.starts_with('#')).map(str::to_owned).collect();
    Observation::parse(RawObservation {
        platform: Some(platform.into()),
        post_id: Some(id.into()),
        author: Some(author.into()),
        created_at: Some(vigie_core::Timestamp(at).rfc3339()),
        text: Some(text.into()),
        hashtags: tags,
        ..RawObservation::default()
    })
    .unwrap()
}

fn with_image(mut raw: RawObservation, hash: &str) -> Observation {
    raw.media_phash = vec![hash.into()];
    Observation::parse(raw).unwrap()
}

const SOURCE: &str = "الناشطة سلمى كاذبة وعميلة للخارج ويجب محاسبتها أمام القضاء فوراً";

/// Edited copies of one Arabic message, as a campaign posts them.
fn variants() -> Vec<String> {
    vec![
        format!("{SOURCE} #لا_للعملاء #الحقيقة"),
        "الناشطـــة سلمى كاذبة وعميلة للخارج ويجب محاسبتها امام القضاء فورا 🔥 #لا_للعملاء #الحقيقة".into(),
        "الناشِطة سَلمى كاذبة وعميلة للخارج ويجب مُحاسبتها أمام القضاء #لا_للعملاء #الحقيقة".into(),
        "عاجل الناشطة سلمى كاذبة وعميلة للخارج ويجب محاسبتها أمام القضاء فوراً 👇 #لا_للعملاء #الحقيقة".into(),
        "الناشطة سلمى كاذبة وعميلة للخارج يجب محاسبتها أمام القضاء فوراً x7k2 #لا_للعملاء #الحقيقة".into(),
        "الناشطة سلمى كاذبة وعميلة للخارج ويجب محاسبتها أمام القضاء فوراً ‼️ #لا_للعملاء #الحقيقة".into(),
    ]
}

/// `accounts` accounts each posting two copies; account `i` starts `i * spacing` seconds
/// after the first, its two posts ten minutes apart.
fn campaign(accounts: usize, spacing: i64) -> Vec<Observation> {
    let texts = variants();
    let mut out = Vec::new();
    for i in 0..accounts {
        for k in 0..2 {
            let at = T0 + i as i64 * spacing + k * 600;
            let text = &texts[(i + k as usize) % texts.len()];
            out.push(post(["x", "facebook", "telegram"][i % 3], &format!("c{i}-{k}"), &format!("acct{i}"), at, text));
        }
    }
    out
}

fn unrelated() -> Vec<Observation> {
    [
        "Les inscriptions à l'atelier de printemps ferment vendredi soir à minuit",
        "rain is expected over the northern coast tomorrow with strong winds",
        "اجتماع المجلس البلدي يوم الخميس لمناقشة ميزانية المدارس والطرق",
        "le marché central sera fermé lundi pour des travaux de rénovation",
        "the football team won the regional cup after a long and difficult season",
        "افتتاح معرض الكتاب الدولي في العاصمة بمشاركة مئات الناشرين العرب",
    ]
    .iter()
    .enumerate()
    .flat_map(|(i, text)| (0..2).map(move |k| post("x", &format!("u{i}-{k}"), &format!("other{i}"), T0 + 60 * k, text)))
    .collect()
}

fn detect(posts: &[Observation], config: DetectorConfig) -> (Detector, Vec<vigie_core::campaign::Finding>) {
    let mut detector = Detector::new(config);
    let batch: Vec<(i64, &Observation)> = posts.iter().enumerate().map(|(i, o)| (i as i64, o)).collect();
    detector.add(&batch);
    let findings = detector.findings();
    (detector, findings)
}

#[test]
fn near_copies_within_the_window_make_one_campaign_and_unrelated_posts_stay_out() {
    let mut posts = campaign(6, 300);
    posts.extend(unrelated());
    let (detector, findings) = detect(&posts, DetectorConfig::default());
    assert_eq!(findings.len(), 1, "{findings:?}");
    let names = findings[0].account_names(&detector);
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names.iter().all(|n| n.contains(":acct")), "{names:?}");
    // Every copy is in one text cluster, none of the unrelated posts is.
    for i in 1..12 {
        assert!(detector.same_text_cluster(0, i), "copy {i} not clustered");
    }
    for i in 12..posts.len() {
        assert!(!detector.same_text_cluster(0, i), "unrelated post {i} merged");
    }
    let report = detector.report(&findings[0], |id| posts.get(id as usize));
    assert_eq!(report.posts.len(), 12);
    assert_eq!(report.platforms.len(), 3);
    assert!(report.representative[0].text.contains("سلمى"));
    assert!(report.hashtags.iter().any(|h| h.value == "#لا_للعملاء"));
    assert!(report.peak_per_hour >= 6);
    assert!(report.score > 0.0);
    assert!(report.timeline.iter().map(|h| h.posts).sum::<u32>() == 12);
}

#[test]
fn the_same_text_hours_apart_beyond_the_window_links_nobody() {
    // Each account posts three hours after the previous one: same text, no coordination
    // inside one hour.
    let posts = campaign(6, 3 * 3_600);
    let (_, findings) = detect(&posts, DetectorConfig::default());
    assert!(findings.is_empty(), "{findings:?}");
    // With a window of a day, the same posts are a campaign.
    let mut wide = DetectorConfig::default();
    wide.coordination.window_secs = 86_400;
    let (_, findings) = detect(&posts, wide);
    assert_eq!(findings.len(), 1);
}

#[test]
fn the_bot_burst_preset_only_links_posts_seconds_apart() {
    let config = DetectorConfig {
        coordination: vigie_core::campaign::CoordinationConfig::bot_burst(),
        ..DetectorConfig::default()
    };
    let (_, slow) = detect(&campaign(6, 300), config.clone());
    assert!(slow.is_empty(), "five minutes apart is not a burst");
    let mut fast = Vec::new();
    for (i, text) in variants().iter().cycle().take(12).enumerate() {
        fast.push(post("x", &format!("b{i}"), &format!("bot{}", i % 6), T0 + (i as i64) * 5, text));
    }
    let (_, burst) = detect(&fast, config);
    assert_eq!(burst.len(), 1);
}

#[test]
fn fewer_accounts_than_the_minimum_are_not_a_campaign() {
    let (_, findings) = detect(&campaign(4, 300), DetectorConfig::default());
    assert!(findings.is_empty());
}

#[test]
fn one_post_each_is_one_co_action_per_pair_and_is_not_enough() {
    let posts: Vec<Observation> = variants()
        .iter()
        .enumerate()
        .map(|(i, text)| post("x", &format!("s{i}"), &format!("single{i}"), T0 + i as i64 * 60, text))
        .collect();
    let (_, findings) = detect(&posts, DetectorConfig::default());
    assert!(findings.is_empty(), "a single shared post per pair is chance: {findings:?}");
}

#[test]
fn the_same_image_links_accounts_whose_texts_differ() {
    let base = 0x9a3c_5e71_0f2d_b468u64;
    let mut posts = Vec::new();
    for i in 0..6u64 {
        for k in 0..2u64 {
            // Each copy differs from the original by a couple of bits (re-encoded).
            let hash = format!("{:016x}", base ^ (1 << (i * 3 + k)) ^ (1 << 40));
            let raw = RawObservation {
                platform: Some("telegram".into()),
                post_id: Some(format!("img{i}-{k}")),
                author: Some(format!("channel{i}")),
                created_at: Some(vigie_core::Timestamp(T0 + (i * 120 + k * 900) as i64).rfc3339()),
                text: Some(format!("vidéo {i}{k}")),
                ..RawObservation::default()
            };
            posts.push(with_image(raw, &hash));
        }
    }
    let (detector, findings) = detect(&posts, DetectorConfig::default());
    assert_eq!(findings.len(), 1, "{findings:?}");
    let report = detector.report(&findings[0], |id| posts.get(id as usize));
    assert!(report.traces.iter().any(|t| t.kind == TraceKind::Image));
    assert!(report.links[0].examples.iter().all(|e| e.kind == TraceKind::Image));
}

#[test]
fn adding_in_batches_or_from_saved_signatures_finds_the_same_campaigns() {
    let mut posts = campaign(7, 240);
    posts.extend(unrelated());
    let all: Vec<(i64, &Observation)> = posts.iter().enumerate().map(|(i, o)| (i as i64, o)).collect();
    let (_, once) = detect(&posts, DetectorConfig::default());

    let mut incremental = Detector::new(DetectorConfig::default());
    let (first, second) = all.split_at(9);
    let summary = incremental.add(first);
    assert!(summary.new_texts > 0);
    incremental.add(second);
    assert_eq!(incremental.findings(), once);

    // A later run restores the signatures and signs nothing again.
    let mut earlier = Detector::new(DetectorConfig::default());
    earlier.add(&all);
    let saved = earlier.take_unsaved();
    assert!(!saved.is_empty());
    assert!(earlier.take_unsaved().is_empty(), "saved once");
    let mut later = Detector::new(DetectorConfig::default());
    later.restore(saved);
    let summary = later.add(&all);
    assert_eq!(summary.new_texts, 0);
    assert_eq!(later.findings(), once);
}

#[test]
fn why_linked_names_the_co_actions_or_the_path() {
    let posts = campaign(6, 300);
    let (detector, findings) = detect(&posts, DetectorConfig::default());
    let report = detector.report(&findings[0], |id| posts.get(id as usize));
    let a = report.account_index("x:acct0").unwrap();
    let b = report.account_index("acct1").expect("a unique author handle names its account");
    match report.why_linked(a, b) {
        WhyLinked::Direct(link) => {
            assert!(link.weight >= 2);
            assert!(link.examples.iter().any(|e| e.kind == TraceKind::Text));
            assert!(link.examples.iter().all(|e| e.gap_secs <= 3_600));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(report.account_index("nobody"), None);
    let far = report.account_index("acct5").unwrap();
    assert!(!matches!(report.why_linked(a, far), WhyLinked::NotLinked));
}

#[test]
fn a_new_run_continues_the_campaign_that_shares_most_accounts() {
    let names = |r: std::ops::Range<usize>| r.map(|i| format!("x:a{i}")).collect::<Vec<_>>();
    let saved = vec![(10, names(0..10)), (11, names(20..30))];
    let found = vec![names(2..14), names(40..50), names(21..24)];
    assert_eq!(continued_campaigns(&saved, &found), vec![Some(10), None, Some(11)]);
}
