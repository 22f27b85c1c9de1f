//! `vigie import` and `vigie campaigns`: observations, OONI measurements and STOP records
//! in, campaign detection over them.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::InstanceArgs;
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import public posts from JSON Lines or CSV (also .gz); see docs/observations.md.
    /// Posts already imported (same platform and post id) are not duplicated; a bad
    /// row is reported with its line number and skipped.
    Observations(ImportObservationsArgs),
    /// Import OONI measurements: single JSON documents, JSONL, .jsonl.gz, or folders of
    /// them (OONI's bulk archives). Each is classified (ok / anomaly / confirmed /
    /// failure, see docs/ooni.md) and added to its hourly cell; measurements already
    /// imported are not counted twice. Detection then runs for the countries touched.
    Ooni(ImportOoniArgs),
    /// Import disruption records from a CSV with the 47 columns of Access Now's STOP
    /// dataset. Every row becomes a record; dirty cells are kept as written and reported
    /// with their row and column; unreadable rows are reported with their line.
    Stop(ImportStopArgs),
    /// Import MISP events (JSON, with or without {"Event": …}) as indicators with their
    /// provenance; an event seen before is updated or left unchanged, never doubled.
    Misp(ImportSharedArgs),
    /// Import STIX 2.1 bundles, as `vigie import misp` does MISP events.
    Stix(ImportSharedArgs),
    /// Import a pinned peer's signed bundle carried as a file (a USB stick during a
    /// shutdown). Refused, with the reason, when the signer is not pinned, a byte was
    /// changed, or the bundle is not newer than the last one taken from that peer.
    Peer(ImportSharedArgs),
}

#[derive(Args, Debug)]
pub struct ImportSharedArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The files to import
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The organization (slug) that owns what is above TLP:GREEN or unmarked; without it
    /// such a document is refused (CLEAR and GREEN are the whole network's)
    #[arg(long, value_name = "SLUG")]
    pub org: Option<String>,
}

#[derive(Args, Debug)]
pub struct ImportOoniArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Files or folders of OONI measurements
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
    /// Do not run detection after the import
    #[arg(long)]
    pub no_detect: bool,
}

#[derive(Args, Debug)]
pub struct ImportStopArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The STOP CSV file
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ImportObservationsArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The files to import (.jsonl, .ndjson, .json, .csv, optionally .gz)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum CampaignsCommand {
    /// Find coordinated campaigns among every imported observation and save them (the
    /// pages and the API show the latest run). Texts signed by earlier runs are not signed again.
    Detect(CampaignsDetectArgs),
    /// List the saved campaigns, highest score first.
    List(CampaignsListArgs),
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// A table for people
    Text,
    /// One JSON object per campaign per line
    Json,
}

#[derive(Args, Debug)]
pub struct CampaignsDetectArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Output: a summary table, or one JSON object per campaign (with `accounts`, the
    /// author handles, and `posts`, [platform, post_id] pairs)
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Two posts co-act when at most this many seconds apart
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    pub window: i64,
    /// Automated bursts: co-actions within 60 seconds (overrides --window)
    #[arg(long)]
    pub bot_burst: bool,
    /// Least Jaccard similarity of near-duplicate texts (0 < t ≤ 1)
    #[arg(long, value_name = "T", default_value_t = 0.5)]
    pub threshold: f64,
    /// Texts with fewer words are not compared
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub min_tokens: usize,
    /// Least number of distinct co-actions linking two accounts
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_weight: u32,
    /// Least number of accounts of a campaign
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_accounts: usize,
    /// Shingles: character 5-grams (suit Arabic clitics) or word 2-grams
    #[arg(long, value_enum, default_value = "chars")]
    pub shingles: ShingleKind,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShingleKind {
    Chars,
    Words,
}

#[derive(Args, Debug)]
pub struct CampaignsListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Include campaigns a later run no longer found
    #[arg(long)]
    pub all: bool,
}
