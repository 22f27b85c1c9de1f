//! Campaign detection on generated corpora built from real tweets (shared/data/mlma-dev):
//! planted campaigns are found, background posts are not reported.

use std::path::{Path, PathBuf};

use vigie_core::Timestamp;
use vigie_core::campaign::evaluation::evaluate;
use vigie_core::campaign::{CorpusSpec, Detector, DetectorConfig, generate_corpus};

fn mlma_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("VIGIE_SHARED_DATA") {
        return Some(Path::new(&dir).join("mlma-dev"));
    }
    let start = Path::new(env!("CARGO_MANIFEST_DIR"));
    start.ancestors().map(|dir| dir.join("shared/data/mlma-dev")).find(|dir| dir.is_dir())
}

fn tweets() -> Option<Vec<String>> {
    let Some(dir) = mlma_dir().filter(|d| d.is_dir()) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but shared/data/mlma-dev was not found; set VIGIE_SHARED_DATA");
        }
        eprintln!("skipped: shared/data/mlma-dev not found (set VIGIE_SHARED_DATA)");
        return None;
    };
    let mut texts = Vec::new();
    for file in ["ar.csv", "fr.csv", "en.csv"] {
        let mut reader = csv::Reader::from_path(dir.join(file)).unwrap();
        let column = reader.headers().unwrap().iter().position(|h| h == "tweet").unwrap();
        texts.extend(reader.records().map(|r| r.unwrap()[column].to_owned()));
    }
    Some(texts)
}

fn spec(seed: u64, observations: usize, campaigns: usize) -> CorpusSpec {
    CorpusSpec {
        seed,
        observations,
        campaigns,
        accounts_per_campaign: (8, 40),
        posts_per_account: (1, 5),
        platforms: vec!["x".into(), "facebook".into(), "telegram".into(), "tiktok".into()],
        start: Timestamp(1_717_200_000),
        span_secs: 30 * 86_400,
    }
}

#[test]
fn planted_campaigns_are_found_and_background_is_not_reported() {
    let Some(texts) = tweets() else { return };
    for seed in [1, 2, 3] {
        let corpus = generate_corpus(&spec(seed, 10_000, 20), &texts).unwrap();
        let mut detector = Detector::new(DetectorConfig::default());
        let batch: Vec<(i64, &_)> = corpus.observations.iter().enumerate().map(|(i, o)| (i as i64, o)).collect();
        detector.add(&batch);
        let findings = detector.findings();
        let q = evaluate(&corpus, &detector, &findings);
        eprintln!("seed {seed}: {q:?} recall {:.3} precision {:.3}", q.campaign_recall(), q.campaign_precision());
        assert!(q.campaign_recall() >= 0.95, "{q:?}");
        assert!(q.campaign_precision() >= 0.95, "{q:?}");
        assert!(q.max_split <= 2, "{q:?}");
    }
}
