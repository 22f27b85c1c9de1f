//! Normalisation on real tweets: the MLMA development set in `shared/data/mlma-dev`
//! (Arabic, French and English tweets about hate speech; mentions became `@user`,
//! links `@url`). The Arabic part holds real near-duplicates, spelled with and without
//! tanween, with ى or ي, stretched or not: normalisation must merge them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use vigie_core::normalize::{Lang, Normalized, normalize};

/// The data folder: `VIGIE_SHARED_DATA` (set by `.ci/run`) when given, else found by
/// walking up from this crate (it sits beside the checkout).
fn mlma_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("VIGIE_SHARED_DATA") {
        return Path::new(&dir).join("mlma-dev");
    }
    let start = Path::new(env!("CARGO_MANIFEST_DIR"));
    start
        .ancestors()
        .map(|dir| dir.join("shared/data/mlma-dev"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| panic!("no shared/data/mlma-dev above {}", start.display()))
}

fn tweets(file: &str) -> Vec<String> {
    let path = mlma_dir().join(file);
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let column = reader.headers().unwrap().iter().position(|h| h == "tweet").expect("a tweet column");
    reader.records().map(|record| record.unwrap()[column].to_owned()).collect()
}

/// The characters the issue says normalisation removes.
fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// Whole words of the raw tweet that start with `sign` and then a letter or digit.
fn marked_words(raw: &str, sign: char) -> usize {
    raw.split_whitespace()
        .filter(|w| w.strip_prefix(sign).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric))
        .count()
}

fn check_tweet(raw: &str, lang: Lang, n: &Normalized) {
    let again = normalize(&n.text, lang);
    assert_eq!(again.text, n.text, "not idempotent: {raw:?}");
    for s in n.tokens.iter().chain(&n.hashtags).chain(&n.mentions).chain([&n.text]) {
        assert!(!s.chars().any(|c| is_forbidden(c) || c.is_uppercase()), "{s:?} from {raw:?}");
    }
    assert!(!n.text.contains(['#', '@']), "{raw:?} → {:?}", n.text);
    assert!(n.mentions.len() >= marked_words(raw, '@'), "{raw:?} → {:?}", n.mentions);
    assert!(n.hashtags.len() >= marked_words(raw, '#'), "{raw:?} → {:?}", n.hashtags);
    let placeholders = raw.split_whitespace().filter(|w| *w == "@user").count();
    assert!(n.mentions.iter().filter(|m| *m == "user").count() >= placeholders, "{raw:?} → {:?}", n.mentions);
}

/// The letters of the raw tweet outside its handles and hashtags, to tell spelling
/// variants from copies that differ only in layout.
fn letters(raw: &str) -> String {
    let words = raw.split_whitespace().filter(|w| !w.contains('@') && !w.starts_with('#'));
    words.flat_map(str::chars).filter(|c| c.is_alphabetic()).collect()
}

/// Pairs of tweets with different raw text and the same normalised body.
fn merged_pairs<'a>(raw: &'a [String], normalized: &[Normalized]) -> Vec<(&'a str, &'a str)> {
    let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
    for (raw, n) in raw.iter().zip(normalized).filter(|(_, n)| !n.text.is_empty()) {
        groups.entry(n.text.as_str()).or_default().push(raw);
    }
    let mut pairs = Vec::new();
    for group in groups.values() {
        for (i, a) in group.iter().enumerate() {
            pairs.extend(group[i + 1..].iter().filter(|b| *b != a).map(|b| (*a, *b)));
        }
    }
    pairs.sort_unstable();
    pairs
}

#[test]
fn real_tweets_normalise_stably_and_arabic_near_duplicates_merge() {
    let mut arabic_pairs = Vec::new();
    for (file, lang) in [("ar.csv", Lang::Arabic), ("fr.csv", Lang::French), ("en.csv", Lang::English)] {
        let raw = tweets(file);
        assert!(raw.len() > 1000, "{file}: only {} tweets", raw.len());
        let started = Instant::now();
        let normalized: Vec<Normalized> = raw.iter().map(|t| normalize(t, lang)).collect();
        let elapsed = started.elapsed();
        for (raw, n) in raw.iter().zip(&normalized) {
            check_tweet(raw, lang, n);
        }
        let guessed = raw.iter().filter(|t| Lang::guess(t) == lang).count();
        let pairs = merged_pairs(&raw, &normalized);
        let (spelling, layout): (Vec<_>, Vec<_>) = pairs.iter().partition(|(a, b)| letters(a) != letters(b));
        println!(
            "{file}: {} tweets normalised in {elapsed:?}; guessed {lang:?} for {guessed}; {} merged pairs: \
             {} differ in their letters, {} only in handles, punctuation, spaces or emoji",
            raw.len(),
            pairs.len(),
            spelling.len(),
            layout.len()
        );
        for (a, b) in spelling.iter().take(12) {
            println!("  {a}\n  {b}\n  → {}\n", normalize(a, lang).text);
        }
        if lang == Lang::Arabic {
            assert!(guessed * 100 >= raw.len() * 98, "only {guessed} Arabic tweets guessed Arabic");
            arabic_pairs = spelling.into_iter().map(|(a, b)| (a.to_owned(), b.to_owned())).collect();
        }
    }
    assert!(!arabic_pairs.is_empty(), "no Arabic near-duplicates spelled differently were merged");
    let with_marks = |s: &str| s.chars().any(|c| ('\u{064B}'..='\u{0652}').contains(&c));
    assert!(
        arabic_pairs.iter().any(|(a, b)| with_marks(a) != with_marks(b)),
        "no merged pair differs by diacritics or tanween"
    );
    assert!(arabic_pairs.iter().any(|(a, b)| a.contains('ى') != b.contains('ى')), "no merged pair differs by ى/ي");
}
