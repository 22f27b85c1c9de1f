//! The knowledge search: how long the shipped library (and bigger ones) takes to index,
//! how big the index is in memory, and how long a query takes in each language, both
//! straight on the index and through `Knowledge::search` as `/guides/search` calls it
//! (which first asks the database whether the library changed).
//!
//! `cargo build --release -p vigie-bench --bin vigie-guides && ./target/release/vigie-guides`

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use vigie_bench::stats::{ms, summarize};
use vigie_core::knowledge::{Knowledge, Language, SearchDoc, SearchIndex};
use vigie_core::time::FakeClock;
use vigie_search::GuideIndex;

#[derive(Parser)]
#[command(about = "Index size, build time and query latency of the guide search")]
struct Args {
    /// Times each query is run per library size.
    #[arg(long, default_value_t = 300)]
    runs: usize,
    /// Library sizes, as copies of the shipped library.
    #[arg(long, value_delimiter = ',', default_value = "1,10,50")]
    scales: Vec<usize>,
}

const QUERIES: [(Language, &str); 12] = [
    (Language::Fr, "hameçonnages"),
    (Language::Fr, "coupure d'internet"),
    (Language::Fr, "compte piraté double authentification"),
    (Language::Fr, "logiciels espions"),
    (Language::Ar, "التصيّد"),
    (Language::Ar, "قطع الإنترنت"),
    (Language::Ar, "حساب مخترق"),
    (Language::Ar, "برامج التجسس"),
    (Language::En, "phishing"),
    (Language::En, "shutdowns"),
    (Language::En, "hacked account two-factor"),
    (Language::En, "spyware warning signs"),
];

fn copies(docs: &[SearchDoc], n: usize) -> Vec<SearchDoc> {
    (0..n)
        .flat_map(|i| {
            docs.iter().map(move |d| SearchDoc {
                key: if i == 0 { d.key.clone() } else { format!("{}-{i}", d.key) },
                ..d.clone()
            })
        })
        .collect()
}

fn row(what: &str, samples: Vec<Duration>) {
    let s = summarize(samples).expect("samples");
    println!("{what:<44} {:>6} {:>8} {:>8} {:>8} {:>8}", s.count, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max));
}

fn header() {
    println!("{:<44} {:>6} {:>8} {:>8} {:>8} {:>8}", "", "runs", "p50 ms", "p90 ms", "p99 ms", "max ms");
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let tmp = tempfile::Builder::new().prefix("vigie-guides-").tempdir()?;
    let store = Arc::new(vigie_store::SqliteStore::open(&tmp.path().join("vigie.db")).await?);
    let knowledge = Knowledge::new(store.clone(), store, Arc::new(FakeClock::at(0)));
    let shipped = knowledge.search_documents().await?;
    println!("shipped library: {} documents (guides, playbooks and trees, each language counted)", shipped.len());

    for &scale in &args.scales {
        let docs = copies(&shipped, scale);
        let index = GuideIndex::new();
        let started = Instant::now();
        index.rebuild(format!("bench-{scale}"), &docs)?;
        let built = started.elapsed();
        let (n, bytes) = index.stats().unwrap_or_default();
        println!();
        println!(
            "× {scale}: {n} documents, built in {} ms, index {:.1} KiB in memory",
            ms(built),
            bytes as f64 / 1024.0
        );
        header();
        for lang in Language::ALL {
            let mut samples = Vec::new();
            for _ in 0..args.runs {
                for (l, q) in QUERIES.iter().filter(|(l, _)| *l == lang) {
                    let started = Instant::now();
                    let hits = index.search(q, *l, 20)?;
                    samples.push(started.elapsed());
                    assert!(!hits.is_empty(), "{q:?} finds nothing");
                }
            }
            row(&format!("GuideIndex::search ({})", lang.code()), samples);
        }
    }

    // What the page pays: the generation check on the database, then the search.
    let index = GuideIndex::new();
    let started = Instant::now();
    knowledge.refresh_index(&index).await?;
    println!();
    println!("first Knowledge::search builds the index from the store: {} ms", ms(started.elapsed()));
    header();
    let mut samples = Vec::new();
    for _ in 0..args.runs {
        for (lang, q) in QUERIES {
            let started = Instant::now();
            knowledge.search(&index, q, lang, 20).await?;
            samples.push(started.elapsed());
        }
    }
    row("Knowledge::search (all languages, SQLite)", samples);
    Ok(())
}
