//! `vigie-campaigns quality`: campaign recall and precision on generated corpora, and the
//! calibration of the similarity threshold.

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;
use vigie_core::campaign::evaluation::evaluate;
use vigie_core::campaign::{Corpus, Detector, DetectorConfig, generate_corpus, jaccard, shingles};
use vigie_core::normalize::{Lang, normalize};

use super::{CorpusArgs, batch_of, normalised, secs, settings, spec};

pub(super) fn quality(texts: &[String], args: &CorpusArgs, seeds: &[u64]) -> anyhow::Result<()> {
    let config = DetectorConfig::default();
    println!("settings: {}", settings(&config));
    println!();
    println!(
        "{:>5} {:>8} {:>8} {:>9} {:>7} {:>10} {:>9} {:>9} {:>10} {:>10}",
        "seed", "planted", "reported", "recall", "prec.", "max split", "pair P", "pair R", "add", "findings"
    );
    let mut first = None;
    for &seed in seeds {
        let corpus = generate_corpus(&spec(seed, args.observations, args.campaigns), texts)?;
        let mut detector = Detector::new(config.clone());
        let started = Instant::now();
        detector.add(&batch_of(&corpus.observations, 0));
        let added = started.elapsed();
        let findings = detector.findings();
        let found = started.elapsed() - added;
        let q = evaluate(&corpus, &detector, &findings);
        println!(
            "{seed:>5} {:>8} {:>8} {:>9.3} {:>7.3} {:>10} {:>9.3} {:>9.3} {:>10} {:>10}",
            q.planted,
            q.reported,
            q.campaign_recall(),
            q.campaign_precision(),
            q.max_split,
            q.pair_precision,
            q.pair_recall,
            secs(added),
            secs(found)
        );
        first.get_or_insert(corpus);
    }
    println!("({} observations, {} planted campaigns each)", args.observations, args.campaigns);
    if let Some(corpus) = first {
        calibration(&corpus, &config, seeds[0]);
    }
    Ok(())
}

/// Exact Jaccard of planted copies against their source (and against another copy of the
/// same campaign) versus random unrelated background pairs.
fn calibration(corpus: &Corpus, config: &DetectorConfig, seed: u64) {
    let set = |text: &str| shingles(text, config.shingling);
    let norm_sources: Vec<Vec<u64>> =
        corpus.campaign_sources.iter().map(|s| set(&normalize(s, Lang::detect(None, s)).text)).collect();
    let sets: Vec<Vec<u64>> = corpus.observations.par_iter().map(|o| set(&normalised(o))).collect();

    let mut copy_source = Vec::new();
    let mut copy_copy = Vec::new();
    let mut last_of: HashMap<u32, usize> = HashMap::new();
    for (i, label) in corpus.labels.iter().enumerate() {
        let Some(label) = *label else { continue };
        copy_source.push(jaccard(&sets[i], &norm_sources[label as usize]));
        if let Some(&j) = last_of.get(&label) {
            copy_copy.push(jaccard(&sets[i], &sets[j]));
        }
        last_of.insert(label, i);
    }
    let background: Vec<usize> = (0..corpus.labels.len()).filter(|&i| corpus.labels[i].is_none()).collect();
    let mut rng = seed ^ 0xCA11_B8A7;
    let mut next = |n: usize| {
        rng = rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((u128::from(z ^ (z >> 31)) * n as u128) >> 64) as usize
    };
    let mut unrelated = Vec::new();
    while unrelated.len() < 100_000 && !background.is_empty() {
        let (a, b) = (background[next(background.len())], background[next(background.len())]);
        // Unrelated: two different tweets (the background reposts each real tweet several times).
        if corpus.observations[a].text() != corpus.observations[b].text() {
            unrelated.push(jaccard(&sets[a], &sets[b]));
        }
    }
    let pct = |v: &mut Vec<f64>, p: f64| -> f64 {
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    };
    println!();
    println!("calibration (seed {seed}): exact Jaccard of normalised {:?} shingle sets", config.shingling);
    println!("{:<44} {:>8} {:>6} {:>6} {:>6}", "pairs", "n", "p5", "p50", "p95");
    for (name, v) in [
        ("planted copy vs its campaign's source", &mut copy_source),
        ("planted copy vs previous copy, same campaign", &mut copy_copy),
        ("random unrelated background pair", &mut unrelated),
    ] {
        println!("{name:<44} {:>8} {:>6.3} {:>6.3} {:>6.3}", v.len(), pct(v, 0.05), pct(v, 0.5), pct(v, 0.95));
    }
    let above = |v: &[f64], t: f64| v.iter().filter(|&&x| x >= t).count();
    println!();
    println!(
        "positives = copy–source pairs ({}), negatives = unrelated pairs ({}); a pair is called similar at J ≥ t",
        copy_source.len(),
        unrelated.len()
    );
    println!("{:>4} {:>8} {:>9} {:>11} {:>14}", "t", "recall", "precision", "FP rate", "copy–copy rec.");
    for t in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let tp = above(&copy_source, t);
        let fp = above(&unrelated, t);
        println!(
            "{t:>4.1} {:>8.3} {:>9.4} {:>11.2e} {:>14.3}",
            tp as f64 / copy_source.len() as f64,
            tp as f64 / (tp + fp).max(1) as f64,
            fp as f64 / unrelated.len() as f64,
            above(&copy_copy, t) as f64 / copy_copy.len() as f64
        );
    }
}
