//! Ingest of one large evidence file into the local blob store: seal (age), hash
//! (SHA-256) and store, then open it back; with raw single-core SHA-256 measured in the
//! same run for comparison, and the growth of peak memory.
//!
//! `cargo bench -p vigie-store --bench blob_ingest` (1 GiB); `VIGIE_BENCH_MIB=2048` for
//! another size. The file is made on the fly and written under the temporary folder.

#[path = "../tests/support/generated.rs"]
mod generated;

use std::time::Instant;

use generated::{BLOCK, Generated};
use sha2::{Digest as _, Sha256};
use vigie_core::blobs::{open_blob, seal_and_store};
use vigie_crypto::OrgSecretKey;

const MIB: u64 = 1024 * 1024;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let line = status.lines().find(|l| l.starts_with(field)).expect("field present");
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number of kB")
}

/// The generated file read synchronously (it never waits).
struct Blocking<R>(R);

impl<R: futures::io::AsyncRead + Unpin> std::io::Read for Blocking<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use futures::io::AsyncReadExt;
        futures::executor::block_on(self.0.read(buf))
    }
}

fn mb_per_s(bytes: u64, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

fn main() {
    let mib: u64 = std::env::var("VIGIE_BENCH_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(1024);
    let size = mib * MIB;

    // Raw SHA-256 on one core, over the same amount of data, as the yardstick.
    let block: Vec<u8> = (0..BLOCK).map(|i| (i * 31 % 251) as u8).collect();
    let start = Instant::now();
    let mut hasher = Sha256::new();
    for _ in 0..size / BLOCK as u64 {
        hasher.update(&block);
    }
    std::hint::black_box(hasher.finalize());
    let sha_secs = start.elapsed().as_secs_f64();

    // The generated source alone, read into nothing.
    let start = Instant::now();
    let copied = std::io::copy(&mut Blocking(Generated::unhashed(size)), &mut std::io::sink()).expect("read");
    let source_secs = start.elapsed().as_secs_f64();
    assert_eq!(copied, size);

    // Sealing and hashing alone, into nothing: what the storage adds is the difference.
    let start = Instant::now();
    let sealed_only = vigie_crypto::stream::seal_stream(
        Blocking(Generated::unhashed(size)),
        std::io::sink(),
        &OrgSecretKey::generate().public(),
    )
    .expect("sealed");
    let seal_secs = start.elapsed().as_secs_f64();
    assert_eq!(sealed_only.size, size);

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let data = tempfile::tempdir().expect("temporary folder");
    let blobs = vigie_store::open_blobs(None, data.path()).expect("local blob store");
    let key = OrgSecretKey::generate();

    let before = match std::fs::write("/proc/self/clear_refs", "5") {
        Ok(()) => status_kib("VmRSS"),
        Err(_) => status_kib("VmHWM"),
    };
    let start = Instant::now();
    let stored =
        runtime.block_on(seal_and_store(&*blobs, &key.public(), Generated::unhashed(size))).expect("sealed and stored");
    let ingest_secs = start.elapsed().as_secs_f64();
    assert_eq!(stored.size, size);

    let start = Instant::now();
    let opened = runtime.block_on(open_blob(&*blobs, &key, &stored.name, futures::io::sink())).expect("opened back");
    let open_secs = start.elapsed().as_secs_f64();
    assert_eq!((opened.sha256, opened.size), (stored.sha256, stored.size));
    let grew_mib = status_kib("VmHWM").saturating_sub(before) / 1024;

    println!("blob_ingest: {mib} MiB generated on the fly, local blob folder with fsync, 2 runtime threads");
    println!("  raw SHA-256, one core        {:>8.0} MB/s", mb_per_s(size, sha_secs));
    println!("  generated source alone       {:>8.0} MB/s", mb_per_s(size, source_secs));
    println!("  seal + hash, no storage      {:>8.0} MB/s  ({seal_secs:.2} s)", mb_per_s(size, seal_secs));
    println!("  seal + hash + store (ingest) {:>8.0} MB/s  ({ingest_secs:.2} s)", mb_per_s(size, ingest_secs));
    println!("  open + hash (read back)      {:>8.0} MB/s  ({open_secs:.2} s)", mb_per_s(size, open_secs));
    println!("  peak memory growth           {grew_mib:>8} MiB");
}
