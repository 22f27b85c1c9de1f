//! `vigie-escalations`: the accountability metrics over 100,000 escalated items, on
//! SQLite and PostgreSQL, and a 500-item Arabic package rendered to PDF (issue 12).
//!
//! `cargo run --release -p vigie-bench --bin vigie-escalations -- --help`.

use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use vigie_bench::escalations::{self, SeedOptions};
use vigie_bench::pg::FreshDb;
use vigie_bench::stats::{median, ms};
use vigie_core::escalation::package::{self, ItemEvidence, Notifier, PackageInput};
use vigie_core::escalation::{Channel, EscalationId, ItemDraft, ItemType, NewEscalation, Platform, PolicyCategory};
use vigie_core::evidence::SignedTreeHead;
use vigie_core::store::{EscalationRecord, ItemContext};
use vigie_core::triage::Severity;
use vigie_core::{CaseId, OrgId, Store, Timestamp, UserId};
use vigie_web::i18n::{Lang, Tr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Backends {
    Sqlite,
    Postgres,
    Both,
    /// Only the PDF, no store
    None,
}

/// Fills a fresh store with escalations through the store's methods, times the
/// accountability metrics (median and max of several runs), then times the rendering of
/// a package of `--pdf-items` Arabic items to PDF.
#[derive(Parser, Debug)]
#[command(name = "vigie-escalations")]
struct Args {
    #[arg(long, value_enum, default_value = "both")]
    backend: Backends,
    /// Escalated items in the store, follow-ups included
    #[arg(long, default_value_t = 100_000)]
    items: usize,
    /// Timed runs of each step (after one untimed run)
    #[arg(long, default_value_t = 9)]
    runs: usize,
    /// Escalations written at once while seeding
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Items of the package rendered to PDF (0: no PDF)
    #[arg(long, default_value_t = 500)]
    pdf_items: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Keep the seeded SQLite file and PostgreSQL database, and print where they are
    /// (to look at the query plans)
    #[arg(long)]
    keep: bool,
}

async fn bench(name: &str, store: Arc<dyn Store>, args: &Args, analyze: Option<&sqlx::PgPool>) -> anyhow::Result<()> {
    let opts = SeedOptions { items: args.items, concurrency: args.concurrency, seed: args.seed };
    eprintln!("{name}: seeding escalations holding {} items…", args.items);
    let seeded = escalations::seed(store.clone(), &opts).await?;
    if let Some(pool) = analyze {
        // What autovacuum does after so many inserts, done here so that the figures do
        // not depend on when it happened to run.
        for table in ["escalations", "escalation_items", "escalation_outcomes", "cases"] {
            sqlx::query(&format!("VACUUM (ANALYZE) {table}")).execute(pool).await?;
        }
    }
    let timed = escalations::time_metrics(store.as_ref(), &seeded, args.runs).await?;
    println!(
        "\n{name} ({}): {} escalations ({} follow-ups), {} items, seeded in {:.1?}; {} runs per step",
        vigie_bench::cpu::model(),
        seeded.escalations,
        seeded.follow_ups,
        seeded.items,
        seeded.took,
        args.runs
    );
    println!("{:<32} {:>8} {:>10} {:>8}", "step", "rows", "median ms", "max ms");
    for t in timed {
        println!("{:<32} {:>8} {:>10} {:>8}", t.what, t.rows, ms(t.median), ms(t.max));
    }
    Ok(())
}

/// An escalation of `n` Arabic posts to Facebook (so the DSA notice is in), each with
/// its evidence and an inclusion proof, as the package page would read them.
fn arabic_record(n: usize) -> anyhow::Result<(EscalationRecord, Vec<ItemEvidence>)> {
    let excerpts = [
        "نعرف أين تسكنين، وسنأتي إليك قريبا",
        "هذه الصحفية خائنة ويجب إسكاتها بأي ثمن",
        "انشروا عنوانها ورقم هاتفها في كل المجموعات",
        "حساب مزيف ينتحل صفة المدافعة عن حقوق الإنسان",
    ];
    let translations = [
        "We know where you live, and we will come to you soon",
        "This journalist is a traitor and must be silenced at any cost",
        "Share her address and phone number in every group",
        "A fake account impersonating the human rights defender",
    ];
    let categories = PolicyCategory::ALL;
    let mut items = Vec::with_capacity(n);
    let mut contexts = Vec::with_capacity(n);
    let mut evidence = Vec::with_capacity(n);
    for i in 0..n {
        let severity = Severity::ALL[i % 4];
        let mut d = ItemDraft::new(ItemType::Post, categories[i % categories.len()], severity);
        d.url = format!("https://www.facebook.com/groups/hostile/posts/{}", 1_000_000 + i);
        d.post_id = (1_000_000 + i).to_string();
        d.account = format!("@hostile.page.{}", i % 37);
        d.posted_at = Some(Timestamp(1_760_000_000 + i as i64 * 600));
        d.excerpt = excerpts[i % 4].into();
        d.language = "ar".into();
        d.translation = translations[i % 4].into();
        items.push(d.parse()?);
        contexts.push(ItemContext {
            platform_policy: Some(vigie_core::escalation::ShortText::parse("Bullying and Harassment")?),
            evidence_item: Some(i as i64 + 1),
            observation: None,
        });
        evidence.push(ItemEvidence {
            evidence_item: i as i64 + 1,
            sha256: format!("{:064x}", (i as u128 + 1) * 0x9E37_79B9_7F4A_7C15),
            leaf_index: i as u64 * 3,
            leaf_hash: format!("{:064x}", (i as u128 + 7) * 0x2545_F491_4F6C_DD1D),
            proof: (0..11).map(|k| format!("{:064x}", (i as u128 + k) * 0x1000_0000_01B3)).collect(),
        });
    }
    let new = NewEscalation::new(Platform::Facebook, Channel::TrustedPartner, items, Timestamp(1_764_000_000))?;
    let record = EscalationRecord {
        id: EscalationId(4242),
        org_id: OrgId(1),
        case_id: Some(CaseId(77)),
        campaign_id: None,
        created_by: UserId(2),
        escalation: new.into_draft(),
        contexts,
        narrative_sealed: Vec::new(),
        updated_at: Timestamp(1_764_000_000),
    };
    Ok((record, evidence))
}

/// Builds the package and its document as `/escalations/{id}/package.pdf?lang=ar` does,
/// then times `vigie_pdf::render`.
fn bench_pdf(n: usize, runs: usize) -> anyhow::Result<()> {
    let (record, evidence) = arabic_record(n)?;
    let head = SignedTreeHead {
        size: 3 * n as u64 + 10,
        root: "ab".repeat(32),
        timestamp: 1_764_000_100,
        signature: "c2ln".into(),
    };
    let tr = Tr(Lang::Ar);
    let good_faith = tr.t("escalation-package-good-faith");
    let narrative = "تتعرض المدافعة لحملة منسقة من التهديدات والتشهير منذ ثلاثة أشهر، ".repeat(6);
    let input = PackageInput {
        record: &record,
        evidence: &evidence,
        head: &head,
        instance_key: "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=",
        notifier: Notifier {
            organization: "شبكة الدفاع الرقمي".into(), contact: Some("alerte@reseau.example".into())
        },
        narrative: Some(&narrative),
        language: "ar",
        good_faith: &good_faith,
        generated_at: Timestamp(1_764_000_200),
    };
    let t0 = Instant::now();
    let pkg = package::build(&input);
    let doc = vigie_web::pages::escalations::package_document(tr, &pkg);
    let prepared = t0.elapsed();
    let bytes = vigie_pdf::render(&doc)?;
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let t0 = Instant::now();
        std::hint::black_box(vigie_pdf::render(&doc)?);
        times.push(t0.elapsed());
    }
    let max = times.iter().max().copied().unwrap_or_default();
    println!(
        "\nPDF ({}): package of {n} Arabic items (build + document {} ms), {} KiB; {} runs",
        vigie_bench::cpu::model(),
        ms(prepared),
        bytes.len() / 1024,
        runs.max(1)
    );
    println!("{:<32} {:>8} {:>10} {:>8}", "step", "items", "median ms", "max ms");
    println!("{:<32} {:>8} {:>10} {:>8}", "vigie_pdf::render (ar, rtl)", n, ms(median(times)), ms(max));
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if matches!(args.backend, Backends::Sqlite | Backends::Both) {
        let tmp = tempfile::Builder::new().prefix("vigie-escalations-").tempdir()?;
        let path = tmp.path().join("vigie.db");
        let store = Arc::new(vigie_store::SqliteStore::open(&path).await?);
        bench("SQLite", store, &args, None).await?;
        if args.keep {
            println!("kept: {}", path.display());
            let _ = tmp.keep();
        }
    }
    if matches!(args.backend, Backends::Postgres | Backends::Both) {
        let db = FreshDb::create("escalations").await?;
        let outcome = async {
            let store = vigie_store::PgStore::connect(&db.url).await?;
            let pool = store.pool().clone();
            bench("PostgreSQL", Arc::new(store), &args, Some(&pool)).await?;
            pool.close().await;
            anyhow::Ok(())
        }
        .await;
        if args.keep {
            println!("kept: {}", vigie_store::redact_url(&db.url));
        } else {
            db.drop_now().await?;
        }
        outcome?;
    }
    if args.pdf_items > 0 {
        bench_pdf(args.pdf_items, args.runs)?;
    }
    Ok(())
}
