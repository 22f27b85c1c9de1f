//! `vigie-queue`: the case queue with 100,000 cases, on SQLite and PostgreSQL.
//!
//! `cargo run --release -p vigie-bench --bin vigie-queue -- --help`.

use std::sync::Arc;

use clap::{Parser, ValueEnum};
use vigie_bench::pg::FreshDb;
use vigie_bench::queue::{self, SeedOptions};
use vigie_bench::stats::ms;
use vigie_core::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Backends {
    Sqlite,
    Postgres,
    Both,
}

/// Fills a fresh store with cases through the Store methods, then times the queue's
/// views (median of several runs).
#[derive(Parser, Debug)]
#[command(name = "vigie-queue")]
struct Args {
    #[arg(long, value_enum, default_value = "both")]
    backend: Backends,
    /// Cases in the store
    #[arg(long, default_value_t = 100_000)]
    cases: usize,
    /// Timed runs of each view (after one untimed run)
    #[arg(long, default_value_t = 9)]
    runs: usize,
    /// Cases written at once while seeding
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Distinct sealed payloads reused while seeding (one Argon2id wrap each)
    #[arg(long, default_value_t = 32)]
    templates: usize,
    /// Keep the filled SQLite file here instead of a temporary folder (to inspect it)
    #[arg(long, value_name = "DIR")]
    keep_sqlite_in: Option<std::path::PathBuf>,
    /// Leave the filled PostgreSQL database in place (its URL is printed) instead of dropping it
    #[arg(long)]
    keep_pg: bool,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

async fn bench(name: &str, store: Arc<dyn Store>, args: &Args, analyze: Option<&sqlx::PgPool>) -> anyhow::Result<()> {
    let opts =
        SeedOptions { cases: args.cases, templates: args.templates, concurrency: args.concurrency, seed: args.seed };
    eprintln!("{name}: seeding {} cases…", args.cases);
    let seeded = queue::seed(store.clone(), &opts).await?;
    if let Some(pool) = analyze {
        // What autovacuum does after so many inserts (statistics, visibility map);
        // done here so that the figures do not depend on when it happened to run.
        sqlx::query("VACUUM (ANALYZE) cases").execute(pool).await?;
    }
    let timed = queue::time_views(store.as_ref(), &seeded, args.runs).await?;
    println!(
        "\n{name} ({}): {} cases seeded in {:.1?}; {} runs per view, page of {}",
        vigie_bench::cpu::model(),
        args.cases,
        seeded.took,
        args.runs,
        queue::PAGE
    );
    println!("{:<28} {:>9} {:>6} {:>10} {:>8}", "view", "matching", "rows", "median ms", "max ms");
    for t in timed {
        println!("{:<28} {:>9} {:>6} {:>10} {:>8}", t.view, t.total, t.rows, ms(t.median), ms(t.max));
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if matches!(args.backend, Backends::Sqlite | Backends::Both) {
        let tmp = tempfile::Builder::new().prefix("vigie-queue-").tempdir()?;
        let dir = args.keep_sqlite_in.clone().unwrap_or_else(|| tmp.path().to_owned());
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("vigie.db");
        anyhow::ensure!(!path.exists(), "{} exists already", path.display());
        let store = Arc::new(vigie_store::SqliteStore::open(&path).await?);
        bench("SQLite", store, &args, None).await?;
    }
    if matches!(args.backend, Backends::Postgres | Backends::Both) {
        let db = FreshDb::create("queue").await?;
        let outcome = async {
            let store = vigie_store::PgStore::connect(&db.url).await?;
            let pool = store.pool().clone();
            bench("PostgreSQL", Arc::new(store), &args, Some(&pool)).await?;
            pool.close().await;
            anyhow::Ok(())
        }
        .await;
        if args.keep_pg {
            println!("PostgreSQL database kept: {}", vigie_store::redact_url(&db.url));
        } else {
            db.drop_now().await?;
        }
        outcome?;
    }
    Ok(())
}
