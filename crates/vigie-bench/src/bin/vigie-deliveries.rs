//! `vigie-deliveries`: alert deliveries through the real `vigie serve` to a webhook
//! receiver that is down half the time, across a `kill -9` and restart, on SQLite and
//! PostgreSQL. Prints deliveries/second, queue latency and repeats dropped.
//!
//! `cargo build --release -p vigie -p vigie-bench && ./target/release/vigie-deliveries`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use vigie_bench::deliveries::{BurstOptions, run};
use vigie_bench::pg::FreshDb;
use vigie_bench::server::default_binary;
use vigie_bench::stats::ms;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Backends {
    Sqlite,
    Postgres,
    Both,
}

#[derive(Parser, Debug)]
#[command(name = "vigie-deliveries")]
struct Args {
    #[arg(long, value_enum, default_value = "both")]
    backend: Backends,
    /// Deliveries queued
    #[arg(long, default_value_t = 10_000)]
    deliveries: usize,
    /// Deliveries queued per second
    #[arg(long, default_value_t = 200)]
    per_sec: usize,
    /// The receiver is up this many seconds, then down as long
    #[arg(long, default_value_t = 5)]
    flap_secs: u64,
    /// Kill the server (SIGKILL) once this share of the deliveries arrived (0 for never)
    #[arg(long, default_value_t = 0.4)]
    kill_at: f64,
    /// Give up after this many seconds
    #[arg(long, default_value_t = 1800)]
    timeout_secs: u64,
    /// The server's --delivery-retry [default: the server's, base=30s,cap=30m,attempts=50]
    #[arg(long)]
    retry: Option<String>,
    /// The server binary [default: `vigie` beside this program, else target/release/vigie]
    #[arg(long)]
    binary: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let backends: &[&str] = match args.backend {
        Backends::Sqlite => &["sqlite"],
        Backends::Postgres => &["postgres"],
        Backends::Both => &["sqlite", "postgres"],
    };
    for &backend in backends {
        let db = if backend == "postgres" { Some(FreshDb::create("deliveries").await?) } else { None };
        let opts = BurstOptions {
            binary: args.binary.clone().unwrap_or_else(default_binary),
            database: db.as_ref().map(|d| d.url.clone()),
            deliveries: args.deliveries,
            per_sec: args.per_sec,
            flap: Duration::from_secs(args.flap_secs),
            kill_at: (args.kill_at > 0.0).then_some((args.deliveries as f64 * args.kill_at) as usize),
            timeout: Duration::from_secs(args.timeout_secs),
            retry: args.retry.clone(),
        };
        let r = run(&opts).await?;
        let rate = r.received as f64 / r.elapsed.as_secs_f64();
        println!(
            "{backend}: {}/{} delivered ({} not yet at the end), {} repeats dropped, {} bad signatures, killed: {}, \
             {:.1} s, {rate:.0} deliveries/s",
            r.received,
            r.deliveries,
            r.deliveries - r.received,
            r.repeats,
            r.bad_signatures,
            r.killed,
            r.elapsed.as_secs_f64()
        );
        if let Some(l) = r.latency {
            println!(
                "{backend}: queue latency (queued → received) p50 {} · p90 {} · p99 {} · max {}",
                ms(l.p50),
                ms(l.p90),
                ms(l.p99),
                ms(l.max)
            );
        }
        if let Some(db) = db {
            db.drop_now().await?;
        }
    }
    Ok(())
}
