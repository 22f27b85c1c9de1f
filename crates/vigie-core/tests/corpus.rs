//! The corpus generator on real tweets: the MLMA development set in `shared/data/mlma-dev`
//! as background and seed texts, 10 000 observations.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use vigie_core::Timestamp;
use vigie_core::campaign::{CorpusSpec, generate_corpus};

/// The data folder: `VIGIE_SHARED_DATA` (set by `.ci/run`) when given, else found by
/// walking up from this crate (it sits beside the checkout). `None` when absent.
fn mlma_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("VIGIE_SHARED_DATA") {
        return Some(Path::new(&dir).join("mlma-dev"));
    }
    let start = Path::new(env!("CARGO_MANIFEST_DIR"));
    start.ancestors().map(|dir| dir.join("shared/data/mlma-dev")).find(|dir| dir.is_dir())
}

fn tweets(dir: &Path, file: &str) -> Vec<String> {
    let path = dir.join(file);
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let column = reader.headers().unwrap().iter().position(|h| h == "tweet").expect("a tweet column");
    reader.records().map(|record| record.unwrap()[column].to_owned()).collect()
}

/// Folds away the edits that keep a word: diacritics, tatweel, ى/ي.
fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| !('\u{064B}'..='\u{0652}').contains(c) && *c != '\u{0640}')
        .map(|c| if c == 'ى' { 'ي' } else { c })
        .collect()
}

#[test]
fn corpus_from_real_mlma_tweets() {
    let Some(dir) = mlma_dir().filter(|d| d.is_dir()) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but shared/data/mlma-dev was not found; set VIGIE_SHARED_DATA");
        }
        eprintln!("skipped: shared/data/mlma-dev not found (set VIGIE_SHARED_DATA)");
        return;
    };
    let texts: Vec<String> = ["ar.csv", "fr.csv", "en.csv"].iter().flat_map(|f| tweets(&dir, f)).collect();
    assert!(texts.len() > 7_000, "{} tweets", texts.len());
    let spec = CorpusSpec {
        seed: 2024,
        observations: 10_000,
        campaigns: 20,
        accounts_per_campaign: (10, 40),
        posts_per_account: (1, 5),
        platforms: vec!["x".into(), "facebook".into(), "telegram".into(), "tiktok".into()],
        start: Timestamp(1_717_200_000),
        span_secs: 30 * 86_400,
    };
    let corpus = generate_corpus(&spec, &texts).unwrap();
    assert_eq!(corpus.observations.len(), 10_000);
    assert_eq!(corpus.labels.len(), 10_000);
    assert_eq!(corpus.campaign_accounts.len(), 20);
    assert_eq!(corpus, generate_corpus(&spec, &texts).unwrap(), "deterministic");

    let real: HashSet<&str> = texts.iter().map(String::as_str).collect();
    let mut planted = 0;
    for (obs, label) in corpus.observations.iter().zip(&corpus.labels) {
        match label {
            None => {
                assert!(real.contains(obs.text()) || texts.iter().any(|t| t.trim() == obs.text()), "{:?}", obs.text())
            }
            Some(id) => {
                planted += 1;
                let source = &corpus.campaign_sources[*id as usize];
                assert!(real.contains(source.as_str()) || texts.iter().any(|t| t == source), "source is real");
                assert_ne!(obs.text(), source);
                let copy: HashSet<String> = obs.text().split_whitespace().map(fold).collect();
                let words: Vec<String> = source.split_whitespace().map(fold).collect();
                let shared = words.iter().filter(|w| copy.contains(*w)).count();
                assert!(shared * 10 >= words.len() * 7, "{source:?} → {:?}", obs.text());
            }
        }
    }
    assert!(planted > 200, "{planted} planted posts");
    let platforms: HashSet<&str> = corpus.observations.iter().map(|o| o.platform()).collect();
    assert_eq!(platforms.len(), 4);
    let arabic_planted =
        corpus.campaign_sources.iter().filter(|s| s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))).count();
    eprintln!("{planted} planted posts in 20 campaigns ({arabic_planted} Arabic sources)");
}
