//! Vigie's MISP events and STIX bundles, checked by the reference tools of each format:
//! PyMISP with MISP's own types and object templates, and OASIS' stix2-validator
//! (`tests/checkers/check_sharing.py`). The tools also write an event and a bundle of their
//! own, which Vigie's importers must read.
//!
//! Without Python or its modules (`bash .ci/sharing-checkers.sh` installs them) the test
//! says why on stderr and passes, except under `CI=true`, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use vigie_core::Timestamp;
use vigie_core::campaign::report::{
    AccountSummary, CampaignReport, Count, RepresentativePost, TraceKind, TraceSummary,
};
use vigie_core::sharing::{
    HashAlgorithm, IndicatorKind, Producer, ShareableTlp, SharedCampaign, SharedDisruption, TechniqueId, Tlp, Uuid,
    misp, stix,
};
use vigie_core::watch::disruption::{Country, CountryCode, Date, Disruption, EvidenceCell, Origin, Written};

const T0: i64 = 1_767_323_045; // 2026-01-02T03:04:05Z

fn uuid(s: &str) -> Uuid {
    Uuid::parse(s).unwrap()
}

fn producer() -> Producer {
    Producer { name: "Réseau de défense numérique".into(), uuid: uuid("0b7c1d2e-3f40-4152-8637-48596a7b8c9d") }
}

fn account(platform: &str, author: &str, posts: u32, at: i64) -> AccountSummary {
    AccountSummary {
        account: format!("{platform}:{author}"),
        platform: platform.into(),
        author: author.into(),
        posts,
        first_seen: at,
        links: 3,
    }
}

fn campaign() -> SharedCampaign {
    let report = CampaignReport {
        accounts: vec![
            account("x", "@akhbar_now", 31, T0),
            account("x", "@watani_'24", 12, T0 + 40),
            account("facebook", "Les Vrais Patriotes", 9, T0 + 300),
            account("telegram", "qanat_al_haqiqa", 7, T0 + 500),
            account("tiktok", "@verite.cachee", 4, T0 + 900),
        ],
        posts: (0..63).map(|i| ("x".to_owned(), format!("17900000000000{i:05}"))).collect(),
        post_ids: (0..63).collect(),
        platforms: vec![
            Count { value: "x".into(), count: 43 },
            Count { value: "facebook".into(), count: 9 },
            Count { value: "telegram".into(), count: 7 },
            Count { value: "tiktok".into(), count: 4 },
        ],
        first_seen: T0,
        last_seen: T0 + 3 * 3_600,
        peak_per_hour: 38,
        peak_hour: T0 - 3_845,
        burstiness: 0.72,
        score: 5.8,
        hashtags: vec![
            Count { value: "#خائنة_الوطن".into(), count: 40 },
            Count { value: "#LaVéritéSurElle".into(), count: 12 },
        ],
        representative: vec![
            RepresentativePost {
                post_id: 1,
                platform: "x".into(),
                author: "@akhbar_now".into(),
                at: T0 + 12,
                lang: Some("ar".into()),
                text: "هذه \"المحامية\" تعمل لصالح جهات أجنبية، انشروا قبل الحذف! #خائنة_الوطن".into(),
                copies: 27,
            },
            RepresentativePost {
                post_id: 2,
                platform: "facebook".into(),
                author: "Les Vrais Patriotes".into(),
                at: T0 + 320,
                lang: Some("fr".into()),
                text: "Elle prétend « défendre » les droits humains… mais qui la paie ? \\ Partagez avant \
                       qu'on l'efface !"
                    .into(),
                copies: 8,
            },
        ],
        traces: vec![
            TraceSummary { kind: TraceKind::Image, label: "d1c4b2a09f8e7766".into(), posts: 14 },
            TraceSummary {
                kind: TraceKind::Link,
                label: "https://akhbar-now.example/مقال?id=9&x='y'".into(),
                posts: 9,
            },
            TraceSummary { kind: TraceKind::Mention, label: "@the_lawyer".into(), posts: 40 },
        ],
        timeline: Vec::new(),
        links: Vec::new(),
    };
    SharedCampaign {
        uuid: uuid("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"),
        title: "Campagne de harcèlement contre une avocate / حملة تحرش ضد محامية".into(),
        report,
        tlp: ShareableTlp::GREEN,
        techniques: vec![TechniqueId::parse("T0048").unwrap(), TechniqueId::parse("T0049.003").unwrap()],
        created: Timestamp(T0 + 86_400),
        modified: Timestamp(T0 + 90_000),
        producer: producer(),
    }
}

fn disruption() -> SharedDisruption {
    let mut d = Disruption::new(Origin::Detected { event: "mobile-ir-2026-01".into() });
    d.country = Country::from_name("Iran (Islamic Republic of)");
    d.start = Written::from_value(Date::new(2026, 1, 8).unwrap());
    d.end = Written::from_value(Date::new(2026, 1, 10).unwrap());
    d.area_name = "Téhéran / تهران".into();
    d.sources.links = "https://explorer.ooni.org/chart/mat?probe_cc=IR".into();
    d.evidence.notes = vec!["ne pas partager : contact de la source".into()];
    let start = Timestamp::from_date(2026, 1, 8).0;
    let cell = |asn, test: &str, target: &str, hours: i64| EvidenceCell {
        country: CountryCode::parse("IR").unwrap(),
        asn,
        test_name: test.into(),
        target: target.into(),
        from_hour: Timestamp(start),
        to_hour: Timestamp(start + 3_600 * hours),
    };
    d.evidence.cells = vec![
        cell(44244, "web_connectivity", "https://www.instagram.com/", 20),
        cell(197207, "telegram", "web.telegram.org", 30),
    ];
    SharedDisruption {
        uuid: uuid("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"),
        title: "Coupure de l'internet mobile en Iran / قطع الإنترنت".into(),
        disruption: d,
        tlp: ShareableTlp::CLEAR,
        created: Timestamp(start + 86_400 * 3),
        modified: Timestamp(start + 86_400 * 3),
        producer: producer(),
    }
}

/// Skips (outside CI) or fails (under `CI=true`) with a reason.
fn unavailable(reason: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("the sharing checkers cannot run under CI: {reason}");
    }
    eprintln!("skipping the sharing checkers: {reason} (run `bash .ci/sharing-checkers.sh`)");
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-sharing-checkers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    dir
}

fn write(dir: &Path, name: &str, value: &serde_json::Value) {
    std::fs::write(dir.join(name), serde_json::to_vec_pretty(value).unwrap()).unwrap();
}

#[test]
fn exports_pass_pymisp_and_the_stix_validator_and_their_files_import() {
    let dir = scratch();
    let input = dir.join("in");
    let (c, d) = (campaign(), disruption());
    write(&input, "campaign.misp.json", &misp::campaign_event(&c));
    write(&input, "disruption.misp.json", &misp::disruption_event(&d));
    write(&input, "campaign.stix.json", &stix::campaign_bundle(&c));
    write(&input, "disruption.stix.json", &stix::disruption_bundle(&d));

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/checkers/check_sharing.py");
    let output = match Command::new("python3").arg(&script).arg(&input).arg(dir.join("out")).output() {
        Ok(output) => output,
        Err(e) => return unavailable(&format!("python3 does not run: {e}")),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(3) {
        return unavailable(stderr.trim());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(output.status.success(), "the checkers refused Vigie's exports:\n{stderr}\n{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    for name in ["campaign.stix.json", "disruption.stix.json"] {
        assert_eq!(report["stix"][name]["valid"], true, "{name}");
    }

    let event = misp::read_event(&std::fs::read(dir.join("out/pymisp_event.json")).unwrap()).unwrap();
    assert_eq!(event.tlp, Some(Tlp::Green));
    assert_eq!(event.title, "Événement PyMISP / حدث");
    assert_eq!(event.techniques, vec![TechniqueId::parse("T0048").unwrap()]);
    let mut found: Vec<(IndicatorKind, &str)> = event.indicators.iter().map(|i| (i.kind, i.value.as_str())).collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            (IndicatorKind::Account, "telegram:qanat_al_haqiqa"),
            (IndicatorKind::Account, "x:@akhbar_now"),
            (IndicatorKind::Url, "https://exemple.info/a?b='c'"),
            (IndicatorKind::Domain, "bad.example"),
            (IndicatorKind::Hashtag, "#الحقيقة"),
            (IndicatorKind::TextFingerprint, "Elle ment depuis le début."),
            (IndicatorKind::Asn, "AS64500"),
        ]
    );
    let account = event.indicators.iter().find(|i| i.value == "x:@akhbar_now").unwrap();
    assert_eq!(account.first_seen, Some(Timestamp(T0)));
    assert_eq!(event.skipped.get("attribute type ip-src"), Some(&1), "{:?}", event.skipped);

    let bundle = stix::read_bundle(&std::fs::read(dir.join("out/stix2_bundle.json")).unwrap()).unwrap();
    assert_eq!((bundle.title.as_str(), bundle.tlp), ("Campagne stix2", Some(Tlp::Green)));
    assert_eq!(bundle.producer.as_ref().map(|p| p.name.as_str()), Some("CERT X"));
    let mut found: Vec<(IndicatorKind, &str)> = bundle.indicators.iter().map(|i| (i.kind, i.value.as_str())).collect();
    found.sort();
    let sha = "ab".repeat(32);
    assert_eq!(
        found,
        vec![
            (IndicatorKind::Account, "x:@akhbar_now"),
            (IndicatorKind::Url, "https://exemple.info/l'article"),
            (IndicatorKind::Domain, "bad.example"),
            (IndicatorKind::MediaHash(HashAlgorithm::Sha256), sha.as_str()),
            (IndicatorKind::Period, "2026-01-02T03:04:05Z/.."),
        ]
    );
    assert_eq!(bundle.skipped.get("pattern"), Some(&1), "the ipv4-addr half: {:?}", bundle.skipped);
    let _ = std::fs::remove_dir_all(&dir);
}
