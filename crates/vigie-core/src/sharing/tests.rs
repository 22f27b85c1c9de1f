//! The shared model's rules, and the samples the format tests export.

use super::*;
use crate::campaign::report::{AccountSummary, Count, RepresentativePost, TraceKind, TraceSummary};
use crate::watch::disruption::{Country, Date, EvidenceCell, Origin, Written};

pub(crate) const T0: i64 = 1_767_323_045; // 2026-01-02T03:04:05Z

pub(crate) fn uuid(s: &str) -> Uuid {
    Uuid::parse(s).unwrap()
}

pub(crate) fn producer() -> Producer {
    Producer { name: "Collectif Vigie Tunis".into(), uuid: uuid("5f1c2e1a-7b4d-4c1e-9a7f-2b6d8e9f0a11") }
}

fn account(platform: &str, author: &str, posts: u32, first_seen: i64) -> AccountSummary {
    AccountSummary {
        account: format!("{platform}:{author}"),
        platform: platform.into(),
        author: author.into(),
        posts,
        first_seen,
        links: 2,
    }
}

pub(crate) fn report() -> CampaignReport {
    CampaignReport {
        accounts: vec![
            account("x", "@akhbar_now", 14, T0),
            account("twitter", "@o'brien\\bot", 3, T0 + 60),
            account("facebook", "Collectif Vérité", 9, T0 + 120),
            account("telegram", "qanat_al_haqiqa", 5, T0 + 300),
            account("mastodon", "@troll@example.social", 2, T0 + 400),
        ],
        posts: vec![("x".into(), "1".into()), ("facebook".into(), "2".into())],
        post_ids: vec![1, 2],
        platforms: vec![Count { value: "x".into(), count: 17 }, Count { value: "facebook".into(), count: 9 }],
        first_seen: T0,
        last_seen: T0 + 7_200,
        peak_per_hour: 20,
        peak_hour: T0 - 3_845,
        burstiness: 0.61,
        score: 4.2,
        hashtags: vec![Count { value: "#الحقيقة".into(), count: 20 }, Count { value: "menteuse".into(), count: 8 }],
        representative: vec![
            RepresentativePost {
                post_id: 1,
                platform: "x".into(),
                author: "@akhbar_now".into(),
                at: T0 + 30,
                lang: Some("ar".into()),
                text: "هذه الناشطة كاذبة، شاركوا قبل الحذف #الحقيقة".into(),
                copies: 12,
            },
            RepresentativePost {
                post_id: 2,
                platform: "facebook".into(),
                author: "Collectif Vérité".into(),
                at: T0 + 200,
                lang: Some("fr".into()),
                text: "Elle ment depuis le début : l'« avocate » n'a jamais défendu personne.\nPartagez !".into(),
                copies: 7,
            },
        ],
        traces: vec![
            TraceSummary { kind: TraceKind::Image, label: "d1c4b2a09f8e7766".into(), posts: 6 },
            TraceSummary { kind: TraceKind::Image, label: "ab".repeat(32), posts: 2 },
            TraceSummary {
                kind: TraceKind::Link,
                label: "https://exemple.info/article?id=42&ref='x'".into(),
                posts: 5,
            },
            TraceSummary { kind: TraceKind::Mention, label: "@the_defender".into(), posts: 30 },
            TraceSummary { kind: TraceKind::HashtagSequence, label: "#a #b".into(), posts: 4 },
            TraceSummary { kind: TraceKind::Text, label: "هذه الناشطة كاذبة".into(), posts: 12 },
        ],
        timeline: Vec::new(),
        links: Vec::new(),
    }
}

pub(crate) fn campaign() -> SharedCampaign {
    SharedCampaign {
        uuid: uuid("2b0f6f3e-8d2a-4c55-b1a4-6a3e9c7d5e21"),
        title: "Campagne contre une avocate / حملة ضد محامية".into(),
        report: report(),
        tlp: ShareableTlp::GREEN,
        techniques: vec![
            TechniqueId::parse("T0048").unwrap(),
            TechniqueId::parse("T0049.005").unwrap(),
            TechniqueId::parse("T0199").unwrap(),
        ],
        created: Timestamp(T0 + 86_400),
        modified: Timestamp(T0 + 90_000),
        producer: producer(),
    }
}

pub(crate) fn disruption() -> SharedDisruption {
    let mut d = Disruption::new(Origin::Detected { event: "ev-1".into() });
    d.country = Country::from_name("Iran (Islamic Republic of)");
    d.start = Written::from_value(Date::new(2026, 1, 8).unwrap());
    d.end = Written::from_value(Date::new(2026, 1, 10).unwrap());
    d.area_name = "Tehran".into();
    d.sources.links = "https://explorer.ooni.org/x; https://example.org/report".into();
    d.evidence.notes = vec!["internal: call the source back".into()];
    let cell = |asn, test: &str, target: &str, from: i64, to: i64| EvidenceCell {
        country: crate::watch::disruption::CountryCode::parse("IR").unwrap(),
        asn,
        test_name: test.into(),
        target: target.into(),
        from_hour: Timestamp(from),
        to_hour: Timestamp(to),
    };
    let start = Timestamp::from_date(2026, 1, 8).0;
    d.evidence.cells = vec![
        cell(44244, "web_connectivity", "https://www.instagram.com/", start, start + 3_600 * 20),
        cell(44244, "whatsapp", "", start + 3_600, start + 3_600 * 30),
        cell(197207, "web_connectivity", "Telegram.ORG", start, start + 3_600 * 5),
    ];
    SharedDisruption {
        uuid: uuid("7d3c1a2b-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        title: "Coupure d'internet mobile, Iran, janvier 2026".into(),
        disruption: d,
        tlp: ShareableTlp::CLEAR,
        created: Timestamp(start + 86_400 * 3),
        modified: Timestamp(start + 86_400 * 3),
        producer: producer(),
    }
}

#[test]
fn tlp_levels_parse_in_misp_and_stix_spellings() {
    for tlp in Tlp::ALL {
        assert_eq!(Tlp::parse(tlp.misp_tag()), Ok(tlp));
        assert_eq!(Tlp::parse(tlp.label()), Ok(tlp));
        assert_eq!(Tlp::parse(&format!(" {} ", tlp.misp_tag().trim_start_matches("tlp:"))), Ok(tlp));
    }
    assert_eq!(Tlp::parse("tlp:white"), Ok(Tlp::Clear));
    assert_eq!(Tlp::parse("TLP:AMBER+STRICT"), Ok(Tlp::AmberStrict));
    for bad in ["", "tlp:", "tlp:ex:chr", "amber strict", "tlp:blue", "rouge"] {
        assert_eq!(Tlp::parse(bad), Err(SharingError::UnknownTlp(bad.into())));
    }
    assert!(Tlp::Red > Tlp::AmberStrict && Tlp::AmberStrict > Tlp::Amber && Tlp::Green > Tlp::Clear);
}

#[test]
fn only_clear_and_green_can_be_shared() {
    let shareable: Vec<Tlp> = Tlp::ALL.into_iter().filter(|t| t.is_shareable()).collect();
    assert_eq!(shareable, vec![Tlp::Clear, Tlp::Green]);
    assert_eq!(ShareableTlp::new(Tlp::Green), Ok(ShareableTlp::GREEN));
    for tlp in [Tlp::Amber, Tlp::AmberStrict, Tlp::Red] {
        let err = ShareableTlp::new(tlp).unwrap_err();
        assert_eq!(err, SharingError::NotShareable(tlp));
        assert!(err.to_string().contains(tlp.label()), "{err}");
    }
}

#[test]
fn technique_ids_are_checked() {
    for good in ["T0049", "T0049.005", "T0001"] {
        assert_eq!(TechniqueId::parse(good).unwrap().as_str(), good);
    }
    for bad in ["", "T49", "t0049", "T0049.", "T0049.5", "T00490", "TA0049", "T0049.0055", "T٠٠٤٩"] {
        assert_eq!(TechniqueId::parse(bad), Err(SharingError::InvalidTechnique(bad.into())), "{bad:?}");
    }
}

#[test]
fn a_campaign_shares_accounts_tags_texts_images_and_links_but_not_mentions() {
    let indicators = campaign_indicators(&campaign());
    let has = |kind, value: &str| indicators.iter().any(|i| i.kind == kind && i.value == value);
    assert!(has(IndicatorKind::Account, "x:@akhbar_now"));
    assert!(has(IndicatorKind::Account, "x:@o'brien\\bot"), "Twitter is X");
    assert!(has(IndicatorKind::Account, "mastodon:@troll@example.social"));
    assert!(has(IndicatorKind::Hashtag, "#الحقيقة") && has(IndicatorKind::Hashtag, "#menteuse"));
    assert!(has(IndicatorKind::MediaHash(HashAlgorithm::Perceptual), "d1c4b2a09f8e7766"));
    assert!(has(IndicatorKind::MediaHash(HashAlgorithm::Pdq), &"ab".repeat(32)));
    assert!(has(IndicatorKind::Period, "2026-01-02T03:04:05Z/2026-01-02T05:04:05Z"));
    assert_eq!(indicators.iter().filter(|i| i.kind == IndicatorKind::TextFingerprint).count(), 2);
    assert!(!indicators.iter().any(|i| i.value.contains("the_defender")), "a mention was shared");
    assert!(!indicators.iter().any(|i| i.value == "#a #b"));
    assert!(!indicators.iter().any(|i| i.kind == IndicatorKind::Domain), "a link's domain was shared");
}

#[test]
fn a_disruption_shares_its_country_period_networks_and_targets_but_not_its_notes() {
    let indicators = disruption_indicators(&disruption());
    let values: Vec<(IndicatorKind, &str)> = indicators.iter().map(|i| (i.kind, i.value.as_str())).collect();
    assert_eq!(
        values,
        vec![
            (IndicatorKind::Country, "IR"),
            (IndicatorKind::Period, "2026-01-08/2026-01-10"),
            (IndicatorKind::Asn, "AS44244"),
            (IndicatorKind::Asn, "AS197207"),
            (IndicatorKind::Url, "https://www.instagram.com/"),
            (IndicatorKind::Domain, "telegram.org"),
        ]
    );
    let asn = &indicators[2];
    let start = Timestamp::from_date(2026, 1, 8);
    assert_eq!((asn.first_seen, asn.last_seen), (Some(start), Some(start.plus_secs(3_600 * 31 - 1))));
    assert_eq!(asn.comment, "measured by web_connectivity, whatsapp");
    assert_eq!(indicators[1].last_seen, Some(Timestamp::from_date(2026, 1, 11).plus_secs(-1)));
    assert!(!indicators.iter().any(|i| i.comment.contains("internal")));
}

#[test]
fn an_ongoing_disruption_has_an_open_period() {
    let mut shared = disruption();
    shared.disruption.end = Written::empty();
    let period = disruption_indicators(&shared).into_iter().find(|i| i.kind == IndicatorKind::Period).unwrap();
    assert_eq!((period.value.as_str(), period.last_seen), ("2026-01-08/..", None));
}

/// JSON made of the words both formats use, nested: what the import fuzz tests feed.
pub(crate) fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    use serde_json::Value;
    const WORDS: &[&str] = &[
        "Event",
        "Attribute",
        "Object",
        "Tag",
        "Galaxy",
        "GalaxyCluster",
        "Orgc",
        "response",
        "uuid",
        "info",
        "type",
        "value",
        "comment",
        "first_seen",
        "last_seen",
        "object_relation",
        "name",
        "deleted",
        "meta",
        "external_id",
        "bundle",
        "objects",
        "id",
        "pattern",
        "pattern_type",
        "indicator",
        "campaign",
        "observed-data",
        "object_refs",
        "sighting",
        "location",
        "country",
        "marking-definition",
        "object_marking_refs",
        "extensions",
        "tlp_2_0",
        "attack-pattern",
        "external_references",
        "source_name",
        "valid_from",
        "first_observed",
        "number",
        "twitter-account",
        "user-account",
        "account-type",
        "microblog",
        "post",
        "asn",
        "AS",
        "url",
        "text",
        "hashtag",
        "tlp:green",
        "tlp:red",
        "bundle--2b0f6f3e-8d2a-4c55-b1a4-6a3e9c7d5e21",
        "2b0f6f3e-8d2a-4c55-b1a4-6a3e9c7d5e21",
        "2026-01-02T03:04:05.000Z",
        "[url:value = 'https://a.b/']",
        "[autonomous-system:number = 1]",
        "DISARM",
        "T0049",
        "perceptual hash (PDQ): x",
        "country (ISO 3166-1 alpha-2)",
        "period (ISO 8601 interval)",
    ];
    let word = prop::sample::select(WORDS).prop_map(str::to_owned);
    let string = prop_oneof![word.clone(), "\\PC{0,12}"];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        string.clone().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((word.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Replaces the value at a random place of `doc` by `with`: a valid export made invalid in
/// one spot, which reaches deeper than random JSON does.
pub(crate) fn mutate(doc: &mut serde_json::Value, mut pick: usize, with: serde_json::Value) {
    use serde_json::Value;
    fn places(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(places).sum(),
            Value::Object(m) => m.values().map(places).sum(),
            _ => 0,
        }
    }
    pick %= places(doc);
    let mut node = doc;
    loop {
        if pick == 0 {
            *node = with;
            return;
        }
        pick -= 1;
        let children: Vec<&mut Value> = match node {
            Value::Array(a) => a.iter_mut().collect(),
            Value::Object(m) => m.values_mut().collect(),
            _ => return,
        };
        let mut next = None;
        for child in children {
            let n = places(child);
            if pick < n {
                next = Some(child);
                break;
            }
            pick -= n;
        }
        match next {
            Some(child) => node = child,
            None => return,
        }
    }
}
