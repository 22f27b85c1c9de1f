//! `vigie campaigns detect` and `vigie campaigns list`.

use std::io::Write;

use anyhow::bail;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use vigie_core::campaign::{CampaignReport, CoordinationConfig, DetectProgress, DetectorConfig, Shingling};
use vigie_core::services::ServicesConfig;

use crate::cli::{CampaignsDetectArgs, CampaignsListArgs, OutputFormat, ShingleKind};
use crate::config::instance_config;
use crate::instance::Instance;

/// One campaign as `--format json` prints it: a line per campaign.
#[derive(Serialize)]
struct CampaignLine<'a> {
    id: i64,
    score: f64,
    /// The author handles.
    accounts: Vec<&'a str>,
    /// `platform:author` of each account.
    account_ids: Vec<&'a str>,
    /// `[platform, post_id]`, in time order.
    posts: &'a [(String, String)],
    platforms: Vec<&'a str>,
    first_seen: String,
    last_seen: String,
    peak_per_hour: u32,
    burstiness: f64,
    hashtags: Vec<&'a str>,
}

fn line(id: i64, report: &CampaignReport) -> CampaignLine<'_> {
    let mut handles: Vec<&str> = report.accounts.iter().map(|a| a.author.as_str()).collect();
    handles.sort_unstable();
    handles.dedup();
    CampaignLine {
        id,
        score: report.score,
        accounts: handles,
        account_ids: report.accounts.iter().map(|a| a.account.as_str()).collect(),
        posts: &report.posts,
        platforms: report.platforms.iter().map(|p| p.value.as_str()).collect(),
        first_seen: vigie_core::Timestamp(report.first_seen).rfc3339(),
        last_seen: vigie_core::Timestamp(report.last_seen).rfc3339(),
        peak_per_hour: report.peak_per_hour,
        burstiness: report.burstiness,
        hashtags: report.hashtags.iter().take(10).map(|h| h.value.as_str()).collect(),
    }
}

fn config_of(args: &CampaignsDetectArgs) -> anyhow::Result<DetectorConfig> {
    if !(args.threshold > 0.0 && args.threshold <= 1.0) {
        bail!("--threshold must be above 0 and at most 1 (got {})", args.threshold);
    }
    if args.window <= 0 {
        bail!("--window must be a positive number of seconds");
    }
    if args.min_accounts < 2 {
        bail!("--min-accounts must be at least 2");
    }
    if args.min_weight < 1 {
        bail!("--min-weight must be at least 1");
    }
    let coordination = CoordinationConfig {
        window_secs: if args.bot_burst { CoordinationConfig::bot_burst().window_secs } else { args.window },
        min_edge_weight: args.min_weight,
        min_accounts: args.min_accounts,
        ..CoordinationConfig::default()
    };
    Ok(DetectorConfig {
        threshold: args.threshold,
        min_tokens: args.min_tokens,
        shingling: match args.shingles {
            ShingleKind::Chars => Shingling::Chars(5),
            ShingleKind::Words => Shingling::Words(2),
        },
        coordination,
        ..DetectorConfig::default()
    })
}

pub async fn detect(args: CampaignsDetectArgs) -> anyhow::Result<()> {
    let config = config_of(&args)?;
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let service = instance.services_with(ServicesConfig { detector: config, ..instance.services_config() }).campaigns;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} observations ({per_sec}, {eta} left)")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message("comparing");
    let progress_bar = bar.clone();
    let progress = move |p: DetectProgress| match p {
        DetectProgress::Reading { done, total } => {
            progress_bar.set_length(total);
            progress_bar.set_position(done);
        }
        DetectProgress::Linking => progress_bar.set_message("linking"),
        DetectProgress::Saving { .. } => progress_bar.set_message("saving"),
    };
    let outcome = service.detect_as_operator(&progress).await?;
    bar.finish_and_clear();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        OutputFormat::Json => {
            for (id, report) in &outcome.campaigns {
                serde_json::to_writer(&mut out, &line(*id, report))?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Text => {
            writeln!(
                out,
                "{} observations compared ({} texts signed in this run) in {:.1} s: {} campaigns",
                outcome.observations,
                outcome.new_texts,
                outcome.millis as f64 / 1000.0,
                outcome.campaigns.len()
            )?;
            print_table(&mut out, outcome.campaigns.iter().map(|(id, r)| (*id, r)))?;
        }
    }
    Ok(())
}

pub async fn list(args: CampaignsListArgs) -> anyhow::Result<()> {
    let instance = Instance::open(&instance_config(&args.instance)?).await?;
    let rows = instance.services().campaigns.list_as_operator(args.all).await?;
    let mut reports = Vec::with_capacity(rows.len());
    for row in &rows {
        let report: CampaignReport = serde_json::from_str(&row.report)?;
        reports.push((row.id, report));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        OutputFormat::Json => {
            for (id, report) in &reports {
                serde_json::to_writer(&mut out, &line(*id, report))?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Text => {
            if reports.is_empty() {
                writeln!(out, "No campaigns saved yet: run `vigie campaigns detect`.")?;
            }
            print_table(&mut out, reports.iter().map(|(id, r)| (*id, r)))?;
        }
    }
    Ok(())
}

fn print_table<'a>(
    out: &mut impl Write,
    campaigns: impl Iterator<Item = (i64, &'a CampaignReport)>,
) -> std::io::Result<()> {
    let mut header = false;
    for (id, r) in campaigns {
        if !header {
            writeln!(
                out,
                "{:>6} {:>8} {:>8} {:>6} {:>6}  {:<20} {:<20} hashtags",
                "id", "score", "accounts", "posts", "peak/h", "first seen", "last seen"
            )?;
            header = true;
        }
        let tags: Vec<&str> = r.hashtags.iter().take(3).map(|h| h.value.as_str()).collect();
        writeln!(
            out,
            "{:>6} {:>8.2} {:>8} {:>6} {:>6}  {:<20} {:<20} {}",
            id,
            r.score,
            r.accounts.len(),
            r.posts.len(),
            r.peak_per_hour,
            vigie_core::Timestamp(r.first_seen).rfc3339(),
            vigie_core::Timestamp(r.last_seen).rfc3339(),
            tags.join(" ")
        )?;
    }
    Ok(())
}
