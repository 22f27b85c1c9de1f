//! `vigie-campaigns`: campaign detection on generated corpora built from real tweets —
//! quality, side by side with datasketch and the QUT coordination-network-toolkit, and
//! scale (1,000,000 observations, then 10,000 more).
//!
//! `cargo run --release -p vigie-bench --bin vigie-campaigns -- --help`; all of it:
//! `crates/vigie-bench/campaigns.sh`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args as ClapArgs, Parser, Subcommand};
use vigie_core::Timestamp;
use vigie_core::campaign::{Corpus, CorpusSpec, DetectorConfig, bands_for, generate_corpus};
use vigie_core::normalize::{Lang, normalize};
use vigie_core::observation::Observation;

mod datasketch;
mod quality;
mod qut;
mod scale;

use datasketch::datasketch;
use quality::quality;
use qut::qut;
use scale::scale;

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
