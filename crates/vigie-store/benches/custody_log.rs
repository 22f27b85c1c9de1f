//! The tamper-evident log at scale: append rate (leaves/s) through `Store::append_leaves`
//! on SQLite and PostgreSQL, one leaf per transaction and in batches of 1 000 and
//! 10 000; then a SQLite log filled to 10 million leaves, where roots, inclusion and
//! consistency proofs are timed through `Custody` (and checked with the verifiers).
//!
//! `cargo bench -p vigie-store --bench custody_log`; `VIGIE_BENCH_LOG_LEAVES=1000000`
//! for a smaller log. PostgreSQL is measured when it answers at `VIGIE_TEST_PG_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`), in a schema of its own,
//! dropped afterwards. Leaves are synthetic evidence items (kind "post", no file) of one
//! case, with a 100-byte sealed record; real sealed records are ~300–500 bytes.

use std::sync::Arc;
use std::time::{Duration, Instant};

use vigie_core::custody::Custody;
use vigie_core::merkle::{Hash, leaf_hash, verify_consistency, verify_inclusion};
use vigie_core::store::{LeafContent, NewCase, NewLeaf, NewOrg};
use vigie_core::{CaseId, FakeClock, OrgId, Store, Timestamp};

const AT: Timestamp = Timestamp(1_760_000_000);
const RECORD_BYTES: usize = 100;
const SAMPLES: usize = 1_000;
const FILL_BATCH: u64 = 10_000;

/// Marsaglia's xorshift64: enough to pick indexes without a dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// In `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// The leaf numbered `n`: its hash is distinct for every `n`.
fn leaf(org: OrgId, case: CaseId, n: u64, record: &[u8]) -> NewLeaf {
    NewLeaf {
        org,
        case: Some(case),
        leaf_hash: leaf_hash(&n.to_be_bytes()),
        sealed_record: record.to_vec(),
        at: AT,
        content: LeafContent::Evidence { kind: vigie_core::evidence::EvidenceKind::Post, file: None, added_by: None },
    }
}

/// An organization and one case, inserted directly: the log only needs their rows.
async fn org_and_case(store: &dyn Store) -> (OrgId, CaseId) {
    let org = NewOrg {
        slug: "bench".into(),
        name: "Bench".into(),
        public_key: "age1bench".into(),
        recovery_wrap: vec![0; 64],
        created_at: AT,
    };
    let (org, _) = store.insert_org(&org, None).await.expect("organization");
    let case = NewCase {
        org_id: org,
        status: vigie_core::workflow::Status::New,
        severity: vigie_core::triage::Severity::Medium,
        incidents: vec![vigie_core::incident::IncidentType::Doxing],
        platforms: vec![vigie_core::incident::Platform::Facebook],
        country: Some("BJ".into()),
        language: "fr".into(),
        ongoing: true,
        consent_to_share: false,
        opened_at: AT,
        first_response_due: Timestamp(AT.0 + 86_400),
        resolution_due: Timestamp(AT.0 + 7 * 86_400),
        receipt_mac: vec![7; 32],
        sealed_report: vec![0xAB; 512],
        thread_key_sealed: vec![0xCD; 200],
        thread_key_reporter: vec![0xEF; 100],
        playbooks: Vec::new(),
        files: Vec::new(),
    };
    let case = store.insert_case(&case).await.expect("case");
    (org, case)
}

/// Appends `total` leaves in batches of `batch`, numbered from the log's current size;
/// only the `append_leaves` calls are timed. Returns leaves/s.
async fn append_rate(store: &dyn Store, org: OrgId, case: CaseId, batch: u64, total: u64) -> f64 {
    let record = vec![0xEE; RECORD_BYTES];
    let mut next = store.log_size().await.expect("log size");
    let mut spent = Duration::ZERO;
    let mut done = 0;
    while done < total {
        let count = batch.min(total - done);
        let leaves: Vec<NewLeaf> = (next..next + count).map(|n| leaf(org, case, n, &record)).collect();
        let start = Instant::now();
        let indexes = store.append_leaves(&leaves).await.expect("appended");
        spent += start.elapsed();
        assert_eq!(indexes.first(), Some(&next), "leaf n is at index n");
        next += count;
        done += count;
    }
    total as f64 / spent.as_secs_f64()
}

async fn append_rates(backend: &str, store: &dyn Store) {
    let (org, case) = org_and_case(store).await;
    println!("  {backend}: append rate (target 50 000 leaves/s)");
    for (label, batch, total) in [
        ("1 leaf per transaction", 1, 2_000),
        ("batches of 1 000", 1_000, 100_000),
        ("batches of 10 000", 10_000, 200_000),
    ] {
        let rate = append_rate(store, org, case, batch, total).await;
        println!("    {label:<24} {rate:>9.0} leaves/s  ({total} leaves)");
    }
}

struct Stats {
    p50: f64,
    p99: f64,
    mean: f64,
    max: f64,
}

/// Nearest-rank percentiles of durations, in µs.
fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let rank = |p: f64| us(times[((p * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1]);
    Stats {
        p50: rank(0.50),
        p99: rank(0.99),
        mean: us(times.iter().sum::<Duration>()) / times.len() as f64,
        max: us(*times.last().expect("samples")),
    }
}

fn print_stats(label: &str, s: &Stats) {
    println!(
        "    {label:<34} p50 {:>7.1} µs  p99 {:>7.1} µs  mean {:>7.1} µs  max {:>8.1} µs",
        s.p50, s.p99, s.mean, s.max
    );
}

fn file_bytes(path: &std::path::Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

async fn proofs_at_scale(leaves: u64) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("vigie.db");
    let store: Arc<dyn Store> = Arc::new(vigie_store::SqliteStore::open(&path).await.expect("SQLite store"));
    let (org, case) = org_and_case(&*store).await;
    println!("  SQLite: filling the log to {leaves} leaves in batches of {FILL_BATCH}");
    let record = vec![0xEE; RECORD_BYTES];
    let start = Instant::now();
    let mut size = 0;
    while size < leaves {
        let count = FILL_BATCH.min(leaves - size);
        let batch: Vec<NewLeaf> = (size..size + count).map(|n| leaf(org, case, n, &record)).collect();
        store.append_leaves(&batch).await.expect("appended");
        let before = size;
        size += count;
        if size / 1_000_000 > before / 1_000_000 || size == leaves {
            let secs = start.elapsed().as_secs_f64();
            println!(
                "    {:>10} leaves  {secs:>7.1} s  {:>7.0} leaves/s overall  db {:>6} MiB",
                size,
                size as f64 / secs,
                file_bytes(&path) / (1024 * 1024)
            );
        }
    }
    let fill_secs = start.elapsed().as_secs_f64();
    assert_eq!(store.log_size().await.expect("log size"), leaves);
    let bytes = file_bytes(&path);
    println!(
        "    filled in {fill_secs:.1} s ({:.0} leaves/s); database {:.2} GiB ({:.0} bytes/leaf, WAL and -shm included)",
        leaves as f64 / fill_secs,
        bytes as f64 / (1u64 << 30) as f64,
        bytes as f64 / leaves as f64
    );

    let custody = Custody::new(store.clone(), Arc::new(FakeClock::at(AT.0)));
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let size = leaves;

    // Roots: of the whole log, then of random sizes (the old roots consistency needs).
    let mut times = Vec::with_capacity(SAMPLES);
    let mut root = Hash::from([0; 32]);
    for _ in 0..SAMPLES {
        let t = Instant::now();
        root = custody.root(size).await.expect("root");
        times.push(t.elapsed());
    }
    let root_full = stats(times);
    let mut times = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let old = rng.between(1, size);
        let t = Instant::now();
        std::hint::black_box(custody.root(old).await.expect("root"));
        times.push(t.elapsed());
    }
    let root_random = stats(times);

    // Inclusion proofs of random leaves in the whole log; every one is verified (untimed).
    let mut times = Vec::with_capacity(SAMPLES);
    let mut lengths = 0;
    for _ in 0..SAMPLES {
        let index = rng.between(0, size - 1);
        let t = Instant::now();
        let proof = custody.inclusion_proof(index, size).await.expect("inclusion proof");
        times.push(t.elapsed());
        verify_inclusion(&leaf_hash(&index.to_be_bytes()), index, size, &proof, &root).expect("a correct proof");
        lengths += proof.len();
    }
    let inclusion = stats(times);
    let inclusion_len = lengths as f64 / SAMPLES as f64;

    // Consistency proofs from random old sizes; one in ten is verified against the old
    // root (fetched untimed).
    let mut times = Vec::with_capacity(SAMPLES);
    let mut lengths = 0;
    let mut verified = 0;
    for i in 0..SAMPLES {
        let old = rng.between(1, size);
        let t = Instant::now();
        let proof = custody.consistency_proof(old, size).await.expect("consistency proof");
        times.push(t.elapsed());
        lengths += proof.len();
        if i % 10 == 0 {
            let old_root = custody.root(old).await.expect("old root");
            verify_consistency(old, size, &old_root, &root, &proof).expect("a correct proof");
            verified += 1;
        }
    }
    let consistency = stats(times);
    let consistency_len = lengths as f64 / SAMPLES as f64;

    println!("  SQLite at {size} leaves, {SAMPLES} calls each through Custody (target: a proof under 1 ms):");
    print_stats(&format!("root({size})"), &root_full);
    print_stats("root(random size)", &root_random);
    print_stats(&format!("inclusion_proof (~{inclusion_len:.1} hashes)"), &inclusion);
    print_stats(&format!("consistency_proof (~{consistency_len:.1} hashes)"), &consistency);
    println!("    all {SAMPLES} inclusion proofs and {verified} consistency proofs verified");
    println!("    (warm page cache: the file was just written; each call includes the log_size check)");
    drop(custody);
    drop(store);
}

fn main() {
    let leaves: u64 =
        std::env::var("VIGIE_BENCH_LOG_LEAVES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000_000).max(2);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    println!(
        "custody_log: synthetic evidence leaves, {RECORD_BYTES}-byte sealed record (real sealed records are \
         ~300–500 bytes), 2 runtime threads"
    );
    runtime.block_on(async {
        {
            let dir = tempfile::tempdir().expect("temporary folder");
            let store = vigie_store::SqliteStore::open(&dir.path().join("vigie.db")).await.expect("SQLite store");
            append_rates("SQLite (WAL, synchronous = FULL, temporary folder)", &store).await;
        }
        match vigie_store::testing::postgres().await {
            Some(pg) => {
                append_rates("PostgreSQL (fresh schema)", &*pg.store).await;
                pg.cleanup().await;
            }
            None => println!("  PostgreSQL: skipped, no server at {}", vigie_store::testing::pg_url()),
        }
        proofs_at_scale(leaves).await;
    });
}
