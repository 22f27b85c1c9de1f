//! `vigie-campaigns`: campaign detection on generated corpora built from real tweets —
//! quality, side by side with datasketch and the QUT coordination-network-toolkit, and
//! scale (1,000,000 observations, then 10,000 more).
//!
//! `cargo run --release -p vigie-bench --bin vigie-campaigns -- --help`; all of it:
//! `crates/vigie-bench/campaigns.sh`.

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Args as ClapArgs, Parser, Subcommand};
use rayon::prelude::*;
use vigie_core::Timestamp;
use vigie_core::campaign::evaluation::evaluate;
use vigie_core::campaign::{
    Corpus, CorpusSpec, Detector, DetectorConfig, LshIndex, MinHasher, Signature, bands_for, generate_corpus, jaccard,
    shingles,
};
use vigie_core::normalize::{Lang, normalize};
use vigie_core::observation::Observation;

#[derive(Parser, Debug)]
#[command(name = "vigie-campaigns")]
struct Cli {
    /// The folder holding ar.csv, fr.csv and en.csv (column `tweet`)
    /// [default: ../shared/data/mlma-dev from the workspace root]
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[arg(long, global = true, default_value_t = 1)]
    seed: u64,
    /// The period generated corpora span: fewer days for the same posts is a denser
    /// stream, where chance co-occurrences of background posts multiply
    #[arg(long, global = true, default_value_t = 30)]
    days: i64,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Campaign recall/precision on generated corpora, the settings, and the threshold calibration
    Quality {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Seeds to run (the global --seed is ignored when given)
        #[arg(long, value_delimiter = ',', default_value = "1,2,3")]
        seeds: Vec<u64>,
    },
    /// MinHash + LSH against Python's datasketch on the same normalised texts
    Datasketch {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// The Python with datasketch installed (see campaigns.sh)
        #[arg(long, default_value = "target/bench-venv/bin/python")]
        python: PathBuf,
        /// Sampled planted posts (and as many background posts) for the exact-Jaccard truth
        #[arg(long, default_value_t = 2_000)]
        sample: usize,
        /// Where the texts and pairs files go
        #[arg(long, default_value = "target/campaigns-bench")]
        work: PathBuf,
    },
    /// The Detector against the QUT coordination-network-toolkit's co_similar_tweet network
    Qut {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// The toolkit's `compute_networks` (see campaigns.sh)
        #[arg(long, default_value = "target/bench-venv/bin/compute_networks")]
        compute_networks: PathBuf,
        /// Its word-set Jaccard threshold
        #[arg(long, default_value_t = 0.5)]
        similarity: f64,
        #[arg(long, default_value = "target/campaigns-bench")]
        work: PathBuf,
    },
    /// 1,000,000 observations end to end, then 10,000 more (incremental)
    Scale {
        #[arg(long, default_value_t = 1_000_000)]
        observations: usize,
        #[arg(long, default_value_t = 1_000)]
        campaigns: usize,
        #[arg(long, default_value_t = 10_000)]
        batch: usize,
        /// Observations added afterwards, from another seed
        #[arg(long, default_value_t = 10_000)]
        more: usize,
    },
}

#[derive(ClapArgs, Debug, Clone)]
struct CorpusArgs {
    #[arg(long, default_value_t = 100_000)]
    observations: usize,
    #[arg(long, default_value_t = 100)]
    campaigns: usize,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    anyhow::ensure!(cli.days > 0, "--days must be positive");
    SPAN_DAYS.set(cli.days).expect("set once");
    let data = cli.data.clone().unwrap_or_else(|| vigie_bench::shared_data("mlma-dev"));
    println!("vigie-campaigns: {}", vigie_bench::cpu::model());
    let texts = tweets(&data)?;
    println!("background texts: {} real tweets from {}", texts.len(), data.display());
    match &cli.command {
        Cmd::Quality { corpus, seeds } => quality(&texts, corpus, seeds),
        Cmd::Datasketch { corpus, python, sample, work } => datasketch(&texts, corpus, cli.seed, python, *sample, work),
        Cmd::Qut { corpus, compute_networks, similarity, work } => {
            qut(&texts, corpus, cli.seed, compute_networks, *similarity, work)
        }
        Cmd::Scale { observations, campaigns, batch, more } => {
            scale(&texts, cli.seed, *observations, *campaigns, *batch, *more)
        }
    }
}

fn tweets(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut texts = Vec::new();
    for file in ["ar.csv", "fr.csv", "en.csv"] {
        let path = dir.join(file);
        let mut reader = csv::Reader::from_path(&path).with_context(|| format!("reading {}", path.display()))?;
        let column = reader.headers()?.iter().position(|h| h == "tweet").context("no `tweet` column")?;
        for record in reader.records() {
            texts.push(record?[column].to_owned());
        }
    }
    Ok(texts)
}

/// `--days`, set once at start.
static SPAN_DAYS: std::sync::OnceLock<i64> = std::sync::OnceLock::new();

fn span_days() -> i64 {
    SPAN_DAYS.get().copied().unwrap_or(30)
}

fn spec(seed: u64, observations: usize, campaigns: usize) -> CorpusSpec {
    CorpusSpec {
        seed,
        observations,
        campaigns,
        accounts_per_campaign: (8, 60),
        posts_per_account: (1, 5),
        platforms: vec!["x".into(), "facebook".into(), "telegram".into(), "tiktok".into()],
        start: Timestamp(1_717_200_000),
        span_secs: span_days() * 86_400,
    }
}

fn generate(texts: &[String], seed: u64, observations: usize, campaigns: usize) -> anyhow::Result<Corpus> {
    let started = Instant::now();
    let corpus = generate_corpus(&spec(seed, observations, campaigns), texts)?;
    let planted = corpus.labels.iter().filter(|l| l.is_some()).count();
    println!(
        "corpus seed {seed}: {} observations ({planted} planted in {campaigns} campaigns of 8–60 accounts, 1–5 posts \
         each; 4 platforms; {} days), generated in {} (not counted below)",
        corpus.observations.len(),
        span_days(),
        secs(started.elapsed()),
    );
    Ok(corpus)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn normalised(observation: &Observation) -> String {
    normalize(observation.text(), Lang::detect(observation.lang(), observation.text())).text
}

fn settings(config: &DetectorConfig) -> String {
    let (bands, rows) = bands_for(config.threshold, config.permutations);
    let c = &config.coordination;
    format!(
        "threshold {} (exact Jaccard of {:?} shingles), min_tokens {}, permutations {}, LSH {bands} bands × {rows} \
         rows, window {} s, min_edge_weight {}, min_accounts {}, max_partners {}",
        config.threshold,
        config.shingling,
        config.min_tokens,
        config.permutations,
        c.window_secs,
        c.min_edge_weight,
        c.min_accounts,
        c.max_partners
    )
}

fn batch_of(observations: &[Observation], first_id: i64) -> Vec<(i64, &Observation)> {
    observations.iter().enumerate().map(|(i, o)| (first_id + i as i64, o)).collect()
}

// ---------------------------------------------------------------------------------------
// quality

fn quality(texts: &[String], args: &CorpusArgs, seeds: &[u64]) -> anyhow::Result<()> {
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

// ---------------------------------------------------------------------------------------
// datasketch

fn datasketch(
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

// ---------------------------------------------------------------------------------------
// QUT coordination-network-toolkit

fn qut(
    texts: &[String],
    args: &CorpusArgs,
    seed: u64,
    compute_networks: &Path,
    similarity: f64,
    work: &Path,
) -> anyhow::Result<()> {
    let corpus = generate(texts, seed, args.observations, args.campaigns)?;
    let config = DetectorConfig::default();
    let min_accounts = config.coordination.min_accounts;
    std::fs::create_dir_all(work)?;

    // Vigie end to end.
    let started = Instant::now();
    let mut detector = Detector::new(config.clone());
    detector.add(&batch_of(&corpus.observations, 0));
    let findings = detector.findings();
    let vigie_wall = started.elapsed();
    let q = evaluate(&corpus, &detector, &findings);

    // QUT: message_id,user_id,username,repost_id,reply_id,message,timestamp,urls
    let csv_path = work.join("qut-input.csv");
    let mut writer = csv::Writer::from_path(&csv_path)?;
    writer.write_record([
        "message_id",
        "user_id",
        "username",
        "repost_id",
        "reply_id",
        "message",
        "timestamp",
        "urls",
    ])?;
    for (i, o) in corpus.observations.iter().enumerate() {
        let user = format!("{}:{}", o.platform(), o.author());
        writer.write_record([
            i.to_string(),
            user.clone(),
            user,
            String::new(),
            String::new(),
            o.text().to_owned(),
            o.created_at().0.to_string(),
            o.links().join(" "),
        ])?;
    }
    writer.flush()?;
    let db = work.join("qut.db");
    let edges_path = work.join("qut-edges.csv");
    let _ = std::fs::remove_file(&db);
    let _ = std::fs::remove_file(&edges_path);
    let run = |args: &[&str]| -> anyhow::Result<Duration> {
        let started = Instant::now();
        let out = Command::new(compute_networks)
            .arg(&db)
            .args(args)
            .output()
            .with_context(|| format!("starting {}", compute_networks.display()))?;
        if !out.status.success() {
            bail!("compute_networks {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(started.elapsed())
    };
    let threshold = similarity.to_string();
    let min_doc = config.min_tokens.to_string();
    eprintln!("QUT: preprocess…");
    let pre = run(&["preprocess", "--format", "csv", csv_path.to_str().context("path")?])?;
    eprintln!("QUT: compute co_similar_tweet…");
    let compute = run(&[
        "compute",
        "co_similar_tweet",
        "--time_window",
        "3600",
        "--similarity_threshold",
        &threshold,
        "--min_document_size_similarity",
        &min_doc,
        "--min_edge_weight",
        "1",
        "--n_cpus",
        &rayon::current_num_threads().to_string(),
    ])?;
    // Its CSV export (`--output_file`, `export_network`) fails in 1.5.2 (`output_gephi_csv()
    // got an unexpected keyword argument 'n_messages'`), so the edges are read from its table.
    let python = compute_networks.with_file_name("python");
    let dump = "import csv, sqlite3, sys\n\
                w = csv.writer(open(sys.argv[2], 'w', newline=''))\n\
                w.writerow(['source', 'target'])\n\
                w.writerows(sqlite3.connect(sys.argv[1]).execute(\n\
                'select user_1, user_2 from co_similar_tweet_network where user_1 != user_2'))\n";
    let out = Command::new(&python).arg("-c").arg(dump).arg(&db).arg(&edges_path).output()?;
    if !out.status.success() {
        bail!("reading the QUT network failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    // Components of its graph with at least `min_accounts` accounts are its campaigns.
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut edges = Vec::new();
    let mut reader = csv::Reader::from_path(&edges_path)?;
    for record in reader.records() {
        let record = record?;
        let mut id = |s: &str| {
            let n = names.len();
            *names.entry(s.to_owned()).or_insert(n)
        };
        let (a, b) = (id(&record[0]), id(&record[1]));
        if a != b {
            edges.push((a, b));
        }
    }
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b) in &edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: HashMap<usize, Vec<&str>> = HashMap::new();
    for (name, &i) in &names {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(name);
    }
    let reported: Vec<Vec<&str>> = groups.into_values().filter(|g| g.len() >= min_accounts).collect();
    let (recall, precision, split) = score_groups(&corpus, &reported);

    println!(
        "Vigie settings: {}\nQUT settings: co_similar_tweet, time_window 3600 s, word-set Jaccard ≥ {similarity}, \
         min_document_size_similarity {min_doc}, min_edge_weight 1, campaigns = connected components of ≥ \
         {min_accounts} accounts",
        settings(&config)
    );
    println!();
    println!(
        "{:<36} {:>10} {:>8} {:>9} {:>10} {:>10}",
        "tool", "wall", "recall", "precision", "campaigns", "max split"
    );
    println!(
        "{:<36} {:>10} {:>8.3} {:>9.3} {:>10} {:>10}",
        "Vigie Detector (add + findings)",
        secs(vigie_wall),
        q.campaign_recall(),
        q.campaign_precision(),
        q.reported,
        q.max_split
    );
    println!(
        "{:<36} {:>10} {:>8.3} {:>9.3} {:>10} {:>10}",
        "QUT toolkit (preprocess + compute)",
        secs(pre + compute),
        recall,
        precision,
        reported.len(),
        split
    );
    println!(
        "QUT phases: preprocess {}, compute co_similar_tweet {}; its graph: {} accounts, {} edges",
        secs(pre),
        secs(compute),
        names.len(),
        edges.len()
    );
    Ok(())
}

/// `evaluate`'s campaign rules for groups of `platform:author` names: a group is true when
/// more than half of its accounts are one planted campaign's; a planted campaign is found
/// when some true group is mostly its own.
fn score_groups(corpus: &Corpus, groups: &[Vec<&str>]) -> (f64, f64, usize) {
    let mut planted_of: HashMap<&str, u32> = HashMap::new();
    for (id, accounts) in corpus.campaign_accounts.iter().enumerate() {
        for account in accounts {
            planted_of.insert(account, id as u32);
        }
    }
    let mut split = vec![0usize; corpus.campaign_accounts.len()];
    let mut true_groups = 0;
    for group in groups {
        let mut votes: HashMap<u32, usize> = HashMap::new();
        for name in group {
            let author = name.split_once(':').map_or(*name, |(_, a)| a);
            if let Some(&label) = planted_of.get(author) {
                *votes.entry(label).or_default() += 1;
            }
        }
        if let Some((&label, &n)) = votes.iter().max_by_key(|(label, n)| (**n, std::cmp::Reverse(**label)))
            && n * 2 > group.len()
        {
            true_groups += 1;
            split[label as usize] += 1;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    (
        ratio(split.iter().filter(|&&n| n > 0).count(), split.len()),
        ratio(true_groups, groups.len()),
        split.iter().copied().max().unwrap_or(0),
    )
}

// ---------------------------------------------------------------------------------------
// scale

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l["VmHWM:".len()..].trim().to_owned()))
        .unwrap_or_else(|| "unknown".into())
}

fn scale(
    texts: &[String],
    seed: u64,
    observations: usize,
    campaigns: usize,
    batch: usize,
    more: usize,
) -> anyhow::Result<()> {
    let corpus = generate(texts, seed, observations, campaigns)?;
    println!("peak RSS after generating the corpus: {}", peak_rss());
    let config = DetectorConfig::default();
    println!("settings: {}", settings(&config));
    let mut detector = Detector::new(config.clone());

    let started = Instant::now();
    let (mut new_texts, mut matches) = (0, 0);
    for (n, chunk) in corpus.observations.chunks(batch.max(1)).enumerate() {
        let summary = detector.add(&batch_of(chunk, (n * batch) as i64));
        new_texts += summary.new_texts;
        matches += summary.matches;
    }
    let add = started.elapsed();
    let t = Instant::now();
    let findings = detector.findings();
    let find = t.elapsed();
    let t = Instant::now();
    let reports: Vec<_> =
        findings.iter().map(|f| detector.report(f, |id| corpus.observations.get(id as usize))).collect();
    let report = t.elapsed();
    let total = started.elapsed();
    let q = evaluate(&corpus, &detector, &findings);

    println!();
    println!("{} observations, batches of {batch}:", corpus.observations.len());
    println!(
        "  add (normalise + shingle + sign + LSH index + exact Jaccard + text clusters): {} \
         ({new_texts} distinct texts signed, {matches} confirmed pairs, {} distinct comparable texts)",
        secs(add),
        detector.text_count()
    );
    println!("  findings (co-action links + campaigns): {} ({} campaigns)", secs(find), findings.len());
    println!("  reports for all findings: {} ({} reports)", secs(report), reports.len());
    println!("  total: {}", secs(total));
    println!("  peak RSS (VmHWM, corpus included): {}", peak_rss());
    println!(
        "  quality: recall {:.3}, precision {:.3}, max split {}, pair P {:.3}, pair R {:.3}",
        q.campaign_recall(),
        q.campaign_precision(),
        q.max_split,
        q.pair_precision,
        q.pair_recall
    );
    drop(reports);

    // Incremental: more observations from another seed, with new ids.
    let extra = generate(texts, seed.wrapping_add(1_000), more, (campaigns * more / observations.max(1)).max(1))?;
    let t = Instant::now();
    let summary = detector.add(&batch_of(&extra.observations, corpus.observations.len() as i64));
    let added = t.elapsed();
    let findings = detector.findings();
    let both = t.elapsed();
    println!();
    println!("incremental: {} more observations onto {}:", extra.observations.len(), corpus.observations.len());
    println!("  add: {} ({} new texts, {} confirmed pairs)", secs(added), summary.new_texts, summary.matches);
    println!("  add + findings: {} ({} campaigns)", secs(both), findings.len());
    println!("  peak RSS (VmHWM): {}", peak_rss());
    Ok(())
}
