//! `vigie-campaigns datasketch`: MinHash + LSH against Python's datasketch on the same
//! normalised texts.

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use rayon::prelude::*;
use vigie_core::campaign::{DetectorConfig, LshIndex, MinHasher, Signature, bands_for, jaccard, shingles};

use super::{CorpusArgs, generate, normalised, secs};

pub(super) fn datasketch(
    texts: &[String],
    args: &CorpusArgs,
    seed: u64,
    python: &Path,
    sample: usize,
    work: &Path,
) -> anyhow::Result<()> {
    let corpus = generate(texts, seed, args.observations, args.campaigns)?;
    let config = DetectorConfig::default();
    std::fs::create_dir_all(work)?;
    // Every post with a non-empty normalised text, in corpus order.
    let (posts, labels): (Vec<String>, Vec<Option<u32>>) = corpus
        .observations
        .par_iter()
        .map(normalised)
        .zip(corpus.labels.par_iter().copied())
        .filter(|(t, _)| !t.is_empty())
        .unzip();
    let texts_path = work.join("normalised.txt");
    let mut out = BufWriter::new(std::fs::File::create(&texts_path)?);
    for text in &posts {
        writeln!(out, "{text}")?;
    }
    out.flush()?;

    // The sample: the first `sample` planted posts and as many spread background ones.
    let planted: Vec<usize> = (0..posts.len()).filter(|&i| labels[i].is_some()).take(sample).collect();
    let background: Vec<usize> = (0..posts.len()).filter(|&i| labels[i].is_none()).collect();
    let step = (background.len() / sample.max(1)).max(1);
    let mut chosen: Vec<usize> =
        planted.iter().copied().chain(background.iter().step_by(step).take(sample).copied()).collect();
    chosen.sort_unstable();
    let sample_path = work.join("sample.txt");
    std::fs::write(&sample_path, chosen.iter().map(|i| format!("{i}\n")).collect::<String>())?;

    // Vigie: shingles + signatures in parallel, then index all, then query all.
    let hasher = MinHasher::new(config.permutations, config.seed);
    let (bands, rows) = bands_for(config.threshold, config.permutations);
    let vigie_run = || {
        let started = Instant::now();
        let signatures: Vec<Signature> =
            posts.par_iter().map(|t| hasher.signature(&shingles(t, config.shingling))).collect();
        let signed = started.elapsed();
        let mut index = LshIndex::new(bands, rows);
        for (i, s) in signatures.iter().enumerate() {
            index.insert(i as u32, s);
        }
        let indexed = started.elapsed();
        let found: Vec<Vec<u32>> = signatures.par_iter().map(|s| index.candidates(s)).collect();
        let total = started.elapsed();
        (signed, indexed - signed, total - indexed, total, found)
    };
    let threads = rayon::current_num_threads();
    let (v_sign, v_index, v_query, v_total, found) = vigie_run();
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let (_, _, _, v_total_1, _) = one.install(vigie_run);
    // Vigie's own pipeline: the exact key first (identical normalised texts are signed,
    // indexed and queried once), then each post gets the posts of its candidate texts, so
    // the output is the same per-post candidate lists as above.
    let keyed_run = || {
        let started = Instant::now();
        let mut group_of: HashMap<&str, u32> = HashMap::with_capacity(posts.len());
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut post_group: Vec<u32> = Vec::with_capacity(posts.len());
        for (i, text) in posts.iter().enumerate() {
            let g = *group_of.entry(text.as_str()).or_insert_with(|| {
                members.push(Vec::new());
                (members.len() - 1) as u32
            });
            members[g as usize].push(i as u32);
            post_group.push(g);
        }
        let signatures: Vec<Signature> =
            members.par_iter().map(|m| hasher.signature(&shingles(&posts[m[0] as usize], config.shingling))).collect();
        let signed = started.elapsed();
        let mut index = LshIndex::new(bands, rows);
        for (g, s) in signatures.iter().enumerate() {
            index.insert(g as u32, s);
        }
        let indexed = started.elapsed();
        let by_group: Vec<Vec<u32>> = signatures.par_iter().map(|s| index.candidates(s)).collect();
        let found: Vec<Vec<u32>> = post_group
            .par_iter()
            .map(|&g| by_group[g as usize].iter().flat_map(|&h| members[h as usize].iter().copied()).collect())
            .collect();
        let total = started.elapsed();
        (members.len(), signed, indexed - signed, total - indexed, total, found)
    };
    let (unique_texts, k_sign, k_index, k_query, k_total, keyed_found) = keyed_run();
    let (_, _, _, _, k_total_1, _) = one.install(keyed_run);

    let v_candidates: usize = found.iter().map(|f| f.len() - 1).sum();
    let k_candidates: usize = keyed_found.iter().map(|f| f.len() - 1).sum();
    let in_sample: HashSet<usize> = chosen.iter().copied().collect();
    let pairs_of = |found: &[Vec<u32>]| {
        let mut pairs: HashSet<(usize, usize)> = HashSet::new();
        for &i in &chosen {
            for &j in &found[i] {
                let j = j as usize;
                if j > i && in_sample.contains(&j) {
                    pairs.insert((i, j));
                }
            }
        }
        pairs
    };
    let vigie_pairs = pairs_of(&found);
    let keyed_pairs = pairs_of(&keyed_found);

    // Truth on the sample: every pair with an exact Jaccard at or above the threshold.
    let sets: Vec<Vec<u64>> = chosen.par_iter().map(|&i| shingles(&posts[i], config.shingling)).collect();
    let truth: Vec<(usize, usize)> = (0..chosen.len())
        .into_par_iter()
        .flat_map_iter(|a| {
            let sets = &sets;
            let chosen = &chosen;
            (a + 1..chosen.len())
                .filter(move |&b| jaccard(&sets[a], &sets[b]) >= config.threshold)
                .map(move |b| (chosen[a], chosen[b]))
        })
        .collect();

    // datasketch.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasketch_bench.py");
    let pairs_path = work.join("datasketch-pairs.txt");
    eprintln!("running datasketch on {} posts…", posts.len());
    let started = Instant::now();
    let output = Command::new(python)
        .arg(&script)
        .args([&texts_path, &sample_path, &pairs_path])
        .arg(config.threshold.to_string())
        .arg(config.permutations.to_string())
        .output()
        .with_context(|| format!("starting {}", python.display()))?;
    let py_wall = started.elapsed();
    if !output.status.success() {
        bail!("datasketch failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let report: serde_json::Value = serde_json::from_slice(
        output.stdout.split(|&b| b == b'\n').rfind(|l| !l.is_empty()).context("no output from datasketch")?,
    )?;
    let num = |k: &str| report[k].as_f64().unwrap_or(f64::NAN);
    let py_pairs: HashSet<(usize, usize)> = std::fs::read_to_string(&pairs_path)?
        .lines()
        .filter_map(|l| l.split_once(' '))
        .filter_map(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .collect();
    let recall = |found: &HashSet<(usize, usize)>| {
        let hit = truth.iter().filter(|p| found.contains(p)).count();
        if truth.is_empty() { 1.0 } else { hit as f64 / truth.len() as f64 }
    };

    let n = posts.len() as f64;
    println!(
        "posts: {} non-empty normalised texts; MinHash {} permutations over character 5-grams; LSH threshold {}",
        posts.len(),
        config.permutations,
        config.threshold
    );
    println!(
        "bands × rows: Vigie {bands} × {rows}, datasketch {} × {}",
        report["bands"].as_u64().unwrap_or(0),
        report["rows"].as_u64().unwrap_or(0)
    );
    println!();
    println!(
        "{:<26} {:>9} {:>9} {:>9} {:>9} {:>10} {:>12} {:>9}",
        "tool", "sign", "index", "query", "total", "posts/s", "candidates", "recall"
    );
    println!(
        "{:<26} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>10.0} {:>12} {:>9.4}",
        "datasketch 2.0 (1 thread)",
        num("sign_s"),
        num("index_s"),
        num("query_s"),
        num("total_s"),
        n / num("total_s"),
        report["candidates"].as_u64().unwrap_or(0),
        recall(&py_pairs)
    );
    println!(
        "{:<26} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>10.0} {:>12} {:>9.4}",
        format!("Vigie ({threads} threads)"),
        v_sign.as_secs_f64(),
        v_index.as_secs_f64(),
        v_query.as_secs_f64(),
        v_total.as_secs_f64(),
        n / v_total.as_secs_f64(),
        v_candidates,
        recall(&vigie_pairs)
    );
    println!(
        "{:<26} {:>9} {:>9} {:>9} {:>9.3} {:>10.0}",
        "Vigie (1 thread)",
        "",
        "",
        "",
        v_total_1.as_secs_f64(),
        n / v_total_1.as_secs_f64()
    );
    println!(
        "{:<26} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>10.0} {:>12} {:>9.4}",
        format!("Vigie, exact key ({threads} thr.)"),
        k_sign.as_secs_f64(),
        k_index.as_secs_f64(),
        k_query.as_secs_f64(),
        k_total.as_secs_f64(),
        n / k_total.as_secs_f64(),
        k_candidates,
        recall(&keyed_pairs)
    );
    println!(
        "{:<26} {:>9} {:>9} {:>9} {:>9.3} {:>10.0}",
        "Vigie, exact key (1 thr.)",
        "",
        "",
        "",
        k_total_1.as_secs_f64(),
        n / k_total_1.as_secs_f64()
    );
    println!();
    println!(
        "speed-up: {:.1}× ({threads} threads), {:.1}× (1 thread); datasketch process wall {} (with Python start and \
         file reading)",
        num("total_s") / v_total.as_secs_f64(),
        num("total_s") / v_total_1.as_secs_f64(),
        secs(py_wall)
    );
    println!(
        "speed-up of Vigie's pipeline (exact key, then MinHash/LSH on the {unique_texts} distinct texts; same \
         per-post candidate lists): {:.1}× ({threads} threads), {:.1}× (1 thread)",
        num("total_s") / k_total.as_secs_f64(),
        num("total_s") / k_total_1.as_secs_f64()
    );
    println!(
        "recall truth: {} pairs with exact Jaccard ≥ {} among {} sampled posts ({} planted, {} background)",
        truth.len(),
        config.threshold,
        chosen.len(),
        planted.len(),
        chosen.len() - planted.len()
    );
    Ok(())
}
