//! `vigie-ooni`: OONI ingest throughput. Builds a JSONL file of N measurements from the
//! real ones in the shared data (countries, networks, times, inputs and uids varied),
//! then times, in one run, (a) Vigie's ingest — read, parse, classify, aggregate into
//! hourly cells, on every core — and (b) a plain Python `json.loads` loop over the same
//! file, and prints both rates and their ratio.
//!
//! `cargo run --release -p vigie-bench --no-default-features --bin vigie-ooni -- --help`

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use serde_json::Value;
use vigie_core::Timestamp;
use vigie_core::watch::Outcome;
use vigie_core::watch::ooni::{Fingerprints, Origin, classify};

#[derive(Parser, Debug)]
#[command(name = "vigie-ooni")]
struct Cli {
    /// The shared `ooni` data folder (real-measurements/, wc-lab-scenarios/, fixtures)
    /// [default: ../shared/data/ooni from the workspace root]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Measurements to generate
    #[arg(long, default_value_t = 1_000_000)]
    count: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Skip the Python baseline
    #[arg(long)]
    no_python: bool,
}

const COUNTRIES: &[&str] = &[
    "IR", "RU", "CN", "TR", "IN", "ID", "MM", "BY", "VE", "EG", "SA", "PK", "ET", "SD", "CU", "UA", "KZ", "TH", "BR",
    "IT", "US", "DE", "NG", "UG",
];

/// Real measurements usable as templates: objects with `test_keys`, under 100 KB (one
/// outlier of 570 KB would otherwise dominate the file).
fn templates(data: &Path) -> anyhow::Result<Vec<Value>> {
    let mut out = Vec::new();
    for dir in ["real-measurements", "wc-lab-scenarios"] {
        let mut paths: Vec<PathBuf> =
            std::fs::read_dir(data.join(dir))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
            let bytes = std::fs::read(path)?;
            if bytes.len() > 100_000 {
                continue;
            }
            if let Ok(v @ Value::Object(_)) = serde_json::from_slice::<Value>(&bytes)
                && v.get("test_keys").is_some()
            {
                out.push(v);
            }
        }
    }
    let fixtures = std::fs::read_to_string(data.join("web_connectivity_real_fixtures.jsonl"))?;
    out.extend(fixtures.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()));
    if out.is_empty() {
        bail!("no OONI measurements under {}", data.display());
    }
    Ok(out)
}

fn ooni_time(t: Timestamp) -> String {
    let (y, m, d, h, mi, s) = t.civil();
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// One varied measurement: a template with another uid, country, network, time and host.
fn vary(template: &Value, i: usize, hosts: &[String], rng: &mut StdRng) -> Value {
    let mut v = template.clone();
    let Value::Object(map) = &mut v else { return v };
    map.insert("measurement_uid".into(), Value::from(format!("20260101bench{i:010}")));
    map.insert("probe_cc".into(), Value::from(COUNTRIES[rng.gen_range(0..COUNTRIES.len())]));
    map.insert("probe_asn".into(), Value::from(format!("AS{}", rng.gen_range(1..400) * 97)));
    let at = Timestamp(1_767_225_600 + rng.gen_range(0..30 * 86_400));
    map.insert("measurement_start_time".into(), Value::from(ooni_time(at)));
    if let Some(Value::String(input)) = map.get("input")
        && input.contains("://")
        && !hosts.is_empty()
    {
        let scheme = input.split("://").next().unwrap_or("http");
        let host = &hosts[rng.gen_range(0..hosts.len())];
        map.insert("input".into(), Value::from(format!("{scheme}://{host}/")));
    }
    v
}

fn generate(path: &Path, templates: &[Value], count: usize, seed: u64) -> anyhow::Result<u64> {
    let mut hosts: Vec<String> = templates
        .iter()
        .filter_map(|t| t.get("input")?.as_str().map(vigie_core::watch::ooni::target_of))
        .filter(|h| !h.is_empty())
        .collect();
    hosts.sort();
    hosts.dedup();
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    const CHUNK: usize = 20_000;
    for start in (0..count).step_by(CHUNK) {
        let end = (start + CHUNK).min(count);
        let lines: Vec<Vec<u8>> = (start..end)
            .into_par_iter()
            .map(|i| {
                let mut rng = StdRng::seed_from_u64(seed ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                let t = &templates[rng.gen_range(0..templates.len())];
                let mut line = serde_json::to_vec(&vary(t, i, &hosts, &mut rng)).expect("a JSON value serialises");
                line.push(b'\n');
                line
            })
            .collect();
        for line in lines {
            out.write_all(&line)?;
        }
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

const PYTHON: &str = concat!(
    "import json, sys\n",
    "n = 0\n",
    "with open(sys.argv[1], 'rb') as f:\n",
    "    for line in f:\n",
    "        if line.strip():\n",
    "            json.loads(line)\n",
    "            n += 1\n",
    "print(n)\n",
);

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let data = cli.data.clone().unwrap_or_else(|| vigie_bench::shared_data("ooni"));
    println!("vigie-ooni: {}, data {}", vigie_bench::cpu::model(), data.display());
    let templates = templates(&data)?;
    // Sanity: every template classifies or is dropped without a panic.
    let fps = Fingerprints::embedded();
    let usable = templates
        .iter()
        .filter(|t| classify(&serde_json::to_vec(t).unwrap_or_default(), fps, Origin::Archive).is_ok())
        .count();
    println!("{} templates ({usable} classify as they are), {} threads", templates.len(), rayon::current_num_threads());

    let dir = tempfile::tempdir()?;
    let file = dir.path().join("measurements.jsonl");
    let started = Instant::now();
    let bytes = generate(&file, &templates, cli.count, cli.seed)?;
    println!(
        "generated {} measurements, {:.1} MB, in {:.1} s",
        cli.count,
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    // Where the time goes: parsing alone and classifying, on one core, in memory.
    let sample: Vec<Vec<u8>> = std::io::BufRead::lines(std::io::BufReader::new(std::fs::File::open(&file)?))
        .take(20_000)
        .map(|l| l.map(String::into_bytes))
        .collect::<Result<_, _>>()?;
    let started = Instant::now();
    let parsed = sample.iter().filter(|l| vigie_core::watch::ooni::parse(l).is_ok_and(|d| d.is_some())).count();
    let parse_rate = parsed as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let classified = sample.iter().filter(|l| classify(l, fps, Origin::Archive).is_ok()).count();
    let classify_rate = classified as f64 / started.elapsed().as_secs_f64();
    println!("one core, in memory: parse {parse_rate:.0}/s, parse + classify {classify_rate:.0}/s");

    let started = Instant::now();
    let summary = vigie_ingest::ingest(&file, Origin::Archive, |_, _| {}).context("ingest")?;
    let vigie_secs = started.elapsed().as_secs_f64();
    let vigie_rate = summary.read as f64 / vigie_secs;
    println!(
        "vigie ingest: {} read, {} classified ({} ok, {} anomaly, {} confirmed, {} failure), \
         {} dropped, {} hourly cells",
        summary.read,
        summary.classified,
        summary.count(Outcome::Ok),
        summary.count(Outcome::Anomaly),
        summary.count(Outcome::Confirmed),
        summary.count(Outcome::Failure),
        summary.dropped(),
        summary.cells.len()
    );
    println!(
        "vigie ingest: {vigie_secs:.2} s, {vigie_rate:.0} measurements/s, {:.0} MB/s",
        bytes as f64 / 1e6 / vigie_secs
    );
    if summary.read != cli.count as u64 {
        bail!("read {} of {} measurements", summary.read, cli.count);
    }

    if !cli.no_python {
        let started = Instant::now();
        let out = Command::new("python3").arg("-c").arg(PYTHON).arg(&file).output().context("python3")?;
        let py_secs = started.elapsed().as_secs_f64();
        if !out.status.success() {
            bail!("python3 failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let n: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().context("python's count")?;
        let py_rate = n / py_secs;
        println!("python json.loads: {py_secs:.2} s, {py_rate:.0} measurements/s (parse only, one core)");
        println!("ratio: vigie is {:.1}x python json.loads", vigie_rate / py_rate);
    }
    Ok(())
}
