//! `vigie-load`: the public reporting channel under load, on SQLite and PostgreSQL.
//!
//! Build the server first (`cargo build --release -p vigie`), then
//! `cargo run --release -p vigie-bench --bin vigie-load -- --help`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use vigie_bench::cpu::cpu_time;
use vigie_bench::load::{self, LoadOptions, LoadResult, Stop};
use vigie_bench::pg::FreshDb;
use vigie_bench::server::{ServeOptions, Server, default_binary};
use vigie_bench::stats::ms;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Backends {
    Sqlite,
    Postgres,
    Both,
}

/// Submits reports over HTTP to a fresh `vigie serve` and prints reports/second and
/// latency percentiles.
#[derive(Parser, Debug)]
#[command(name = "vigie-load")]
struct Args {
    /// The server binary [default: `vigie` beside this program, else target/release/vigie]
    #[arg(long, value_name = "PATH")]
    vigie: Option<PathBuf>,
    /// Which databases to run on; PostgreSQL gets a fresh database on the server that
    /// VIGIE_TEST_PG_URL names (default postgres://postgres@127.0.0.1:5432/postgres)
    #[arg(long, value_enum, default_value = "both")]
    backend: Backends,
    /// Concurrent clients, each with its own cookies and connection
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// Seconds measured, after the warm-up
    #[arg(long, default_value_t = 30)]
    duration: u64,
    /// Seconds of load before measuring, not counted
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    /// Send this many reports in all instead of running for a duration (no warm-up)
    #[arg(long, value_name = "N")]
    requests: Option<u64>,
    /// Log filter passed to the server (`info` logs a line per report)
    #[arg(long, default_value = "warn")]
    server_log: String,
    /// Instead of the HTTP load: time each step of a submission in-process, then
    /// `Cases::submit` itself on each backend, one task and one task per core
    #[arg(long)]
    breakdown: bool,
    /// Seed of the generated reports
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

struct Row {
    backend: &'static str,
    result: LoadResult,
    server_cpu: Option<Duration>,
}

async fn run_on(
    args: &Args,
    binary: &std::path::Path,
    database: Option<&str>,
) -> anyhow::Result<(LoadResult, Option<Duration>)> {
    let server = Server::start(&ServeOptions { binary, database, log: &args.server_log })?;
    server.set_up().await?;
    let stop = match args.requests {
        Some(n) => Stop::Count(n),
        None => {
            Stop::Duration { warmup: Duration::from_secs(args.warmup), measured: Duration::from_secs(args.duration) }
        }
    };
    let opts = LoadOptions { clients: args.clients, stop, bodies_per_client: 16, seed: args.seed };
    let cpu_before = cpu_time(server.pid());
    let result = load::run(&server.base, &opts).await?;
    let cpu_after = cpu_time(server.pid());
    // Over the whole run, warm-up included, divided by every report sent.
    let per_report = match (cpu_before, cpu_after) {
        (Some(a), Some(b)) if result.sent_total > 0 => Some((b.saturating_sub(a)).div_f64(result.sent_total as f64)),
        _ => None,
    };
    Ok((result, per_report))
}

/// Prints where a report's time goes, measured in-process.
async fn breakdown(args: &Args, cores: usize) -> anyhow::Result<()> {
    println!("\nCPU steps of one submission (median of 30, one core, {}):", vigie_bench::cpu::model());
    for (step, d) in vigie_bench::cost::cpu_steps(30)? {
        println!("  {step:<62} {:>9.1} µs", d.as_secs_f64() * 1e6);
    }
    println!("\nCases::submit in-process, no HTTP (reports/s, median ms per call):");
    let per_task = 60;
    let mut stores: Vec<(&str, Arc<dyn vigie_core::Store>, Option<FreshDb>)> = Vec::new();
    let dir = tempfile::tempdir()?;
    if matches!(args.backend, Backends::Sqlite | Backends::Both) {
        stores.push(("SQLite", Arc::new(vigie_store::SqliteStore::open(&dir.path().join("vigie.db")).await?), None));
    }
    if matches!(args.backend, Backends::Postgres | Backends::Both) {
        let db = FreshDb::create("cost").await?;
        stores.push(("PostgreSQL", Arc::new(vigie_store::PgStore::connect(&db.url).await?), Some(db)));
    }
    for (name, store, db) in stores {
        for tasks in [1, cores, 4 * cores] {
            let (rate, med) = vigie_bench::cost::submit_rate(store.clone(), tasks, per_task).await?;
            println!("  {name:<11} {tasks:>2} task(s): {rate:>7.1} reports/s, median {:>7} ms", ms(med));
        }
        drop(store);
        if let Some(db) = db {
            db.drop_now().await?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.breakdown {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        return breakdown(&args, cores).await;
    }
    let binary = args.vigie.clone().unwrap_or_else(default_binary);
    anyhow::ensure!(binary.exists(), "no server binary at {} (cargo build --release -p vigie)", binary.display());
    println!("vigie-load: {} clients, server {}, {}", args.clients, binary.display(), vigie_bench::cpu::model());
    let mut rows = Vec::new();
    if matches!(args.backend, Backends::Sqlite | Backends::Both) {
        eprintln!("SQLite: running…");
        let (result, server_cpu) = run_on(&args, &binary, None).await?;
        rows.push(Row { backend: "SQLite", result, server_cpu });
    }
    if matches!(args.backend, Backends::Postgres | Backends::Both) {
        eprintln!("PostgreSQL: running…");
        let db = FreshDb::create("load").await?;
        let outcome = run_on(&args, &binary, Some(&db.url)).await;
        db.drop_now().await?;
        let (result, server_cpu) = outcome?;
        rows.push(Row { backend: "PostgreSQL", result, server_cpu });
    }
    println!();
    println!(
        "{:<11} {:>8} {:>7} {:>10} {:>8} {:>8} {:>8} {:>8} {:>9} {:>11} {:>11}",
        "backend",
        "reports",
        "errors",
        "reports/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "CPU ms/r",
        "form p50 ms",
        "form p99 ms"
    );
    for row in &rows {
        let r = &row.result;
        let l = r.latency;
        let cell = |f: fn(&vigie_bench::stats::Summary) -> Duration| l.as_ref().map(|s| ms(f(s))).unwrap_or("-".into());
        println!(
            "{:<11} {:>8} {:>7} {:>10.1} {:>8} {:>8} {:>8} {:>8} {:>9} {:>11} {:>11}",
            row.backend,
            r.ok,
            r.error_count(),
            r.per_second(),
            cell(|s| s.p50),
            cell(|s| s.p90),
            cell(|s| s.p99),
            cell(|s| s.max),
            row.server_cpu.map(ms).unwrap_or("-".into()),
            r.probe.map(|p| ms(p.p50)).unwrap_or("-".into()),
            r.probe.map(|p| ms(p.p99)).unwrap_or("-".into()),
        );
        for (cause, n) in &r.errors {
            println!("    {n} × {cause}");
        }
    }
    println!("\nLatencies are those of the report posts (send to last byte of the receipt page).");
    println!("CPU ms/r: CPU time of the vigie process per report (user + system), from /proc.");
    println!("form p50/p99: GET /report fetched every 50 ms meanwhile, as another visitor would.");
    Ok(())
}
