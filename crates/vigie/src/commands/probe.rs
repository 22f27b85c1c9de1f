//! `vigie probe enrol|run|upload|targets`: the network's own probe on a member's machine.
//!
//! The probe's folder holds its Ed25519 key (`probe.key`, mode 0600), its enrolment
//! (`probe.json`: the server and the id it gave), the last target list fetched
//! (`targets.txt`, used when the server cannot be reached) and the queue of signed
//! results (`queue/`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use vigie_probe::{Probe, ProbeConfig, Queue, Resolver, TargetList, Timeouts};

use crate::cli::{ProbeCommand, ProbeDirArgs, ProbeEnrolArgs, ProbeRunArgs};

#[derive(Serialize, Deserialize)]
struct Enrolled {
    server: String,
    probe_id: String,
    name: String,
}

fn dir_of(args: &ProbeDirArgs) -> PathBuf {
    args.dir.clone().unwrap_or_else(|| PathBuf::from("vigie-probe"))
}

fn client() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .build()
        .context("cannot build the HTTP client")
}

fn enrolment(dir: &Path) -> anyhow::Result<Enrolled> {
    let path = dir.join("probe.json");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{} not found: enrol this probe first (vigie probe enrol)", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a probe enrolment", path.display()))
}

pub async fn run(cmd: ProbeCommand) -> anyhow::Result<()> {
    match cmd {
        ProbeCommand::Enrol(args) => enrol(args).await,
        ProbeCommand::Run(args) => measure(args).await,
        ProbeCommand::Upload(args) => upload(&dir_of(&args)).await,
        ProbeCommand::Targets(args) => {
            let dir = dir_of(&args);
            let list = fetch_targets(&dir).await?;
            for t in list.iter() {
                println!("{}", t.input());
            }
            Ok(())
        }
    }
}

async fn enrol(args: ProbeEnrolArgs) -> anyhow::Result<()> {
    let dir = dir_of(&args.dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    if dir.join("probe.json").exists() {
        bail!("{} already holds an enrolled probe; use another --dir to enrol another", dir.display());
    }
    let key = vigie_probe::load_or_create_key(&dir.join("probe.key"))?;
    let probe_id = vigie_probe::enrol(&client()?, &args.server, args.token.trim(), &args.name, &key)
        .await
        .context("enrolment refused or server unreachable")?;
    let enrolled = Enrolled { server: args.server.trim_end_matches('/').to_owned(), probe_id, name: args.name };
    std::fs::write(dir.join("probe.json"), serde_json::to_string_pretty(&enrolled)?)?;
    println!("enrolled as probe {} on {}", enrolled.probe_id, enrolled.server);
    Ok(())
}

/// The server's list, saved for the next time the server cannot be reached; the saved
/// one when it cannot.
async fn fetch_targets(dir: &Path) -> anyhow::Result<TargetList> {
    let enrolled = enrolment(dir)?;
    let key = vigie_probe::load_or_create_key(&dir.join("probe.key"))?;
    let saved = dir.join("targets.txt");
    match vigie_probe::fetch_targets(&client()?, &enrolled.server, &enrolled.probe_id, &key).await {
        Ok(list) => {
            let text: Vec<&str> = list.iter().map(|t| t.input()).collect();
            std::fs::write(&saved, text.join("\n") + "\n")?;
            Ok(list)
        }
        Err(e) if saved.exists() => {
            eprintln!("cannot fetch the targets ({e}); using the list saved on the last run");
            read_targets(&saved)
        }
        Err(e) => Err(e).context("cannot fetch the targets and none were saved before (use --targets FILE)"),
    }
}

fn read_targets(path: &Path) -> anyhow::Result<TargetList> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    TargetList::parse(&text).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("{}: {}", path.display(), lines.join("; "))
    })
}

async fn measure(args: ProbeRunArgs) -> anyhow::Result<()> {
    let dir = dir_of(&args.dir);
    let enrolled = enrolment(&dir)?;
    let country = args.country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()) || country == "ZZ" {
        bail!("--country must be a two-letter country code such as TG (the server drops ZZ)");
    }
    let asn = args.asn.trim().trim_start_matches("AS").trim_start_matches("as");
    let asn: u32 = asn.parse().ok().filter(|a| *a > 0).context("--asn must be a network number such as AS37303")?;
    let targets = match &args.targets {
        Some(path) => read_targets(path)?,
        None => fetch_targets(&dir).await?,
    };
    let step = Duration::from_secs(args.timeout.max(1));
    let mut extra_roots_pem = Vec::new();
    for path in &args.extra_root {
        extra_roots_pem.push(std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?);
    }
    let config = ProbeConfig {
        timeouts: Timeouts { dns: step, connect: step, tls: step, http_total: step * 3 },
        resolver: args.resolver.map_or(Resolver::System, Resolver::Udp),
        second_resolver: args.second_resolver,
        extra_roots_pem,
        probe_cc: Some(country),
        probe_asn: Some(format!("AS{asn}")),
        ..ProbeConfig::default()
    };
    let probe = Probe::new(config)?;
    let key = vigie_probe::load_or_create_key(&dir.join("probe.key"))?;
    let queue = Queue::open(dir.join("queue"))?;
    eprintln!("measuring {}…", super::count(targets.len(), "target", "targets"));
    let lines = vigie_probe::measure_and_queue(&probe, &targets, &key, &enrolled.probe_id, &queue).await?;
    for line in &lines {
        println!(
            "{}\t{:?}\taccessible: {}",
            line.input,
            line.blocking,
            line.accessible.map_or("?".into(), |a| a.to_string())
        );
    }
    if args.no_upload {
        println!("{} queued in {}", super::count(queue.len()?, "result", "results"), dir.join("queue").display());
        return Ok(());
    }
    upload(&dir).await
}

async fn upload(dir: &Path) -> anyhow::Result<()> {
    let enrolled = enrolment(dir)?;
    let queue = Queue::open(dir.join("queue"))?;
    let report = vigie_probe::upload_pending(&queue, &enrolled.server, &client()?).await?;
    println!(
        "{} uploaded, {} refused by the server, {} still queued",
        super::count(report.sent, "result", "results"),
        report.refused,
        report.still_pending
    );
    if report.still_pending > 0 {
        println!("queued results are kept and sent by the next run or `vigie probe upload`");
    }
    Ok(())
}
