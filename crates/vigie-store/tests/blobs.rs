//! The blob store on the local disk, through the application's own entry points
//! (`seal_and_store`, `open_blob`): round trips, keys, missing blobs, what a seized disk
//! shows, failed uploads, and memory for large files. S3 is checked for its settings
//! only: there is no S3 server here, and opening one contacts nothing.

#[path = "support/generated.rs"]
mod generated;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use generated::{BLOCK, Generated};
use sha2::{Digest as _, Sha256};
use vigie_core::blobs::{open_blob, seal_and_store};
use vigie_core::{BlobError, BlobName, Blobs};
use vigie_crypto::{CryptoError, OrgSecretKey};
use vigie_store::open_blobs;

const MIB: u64 = 1024 * 1024;

/// Tests that move many megabytes take turns, so that one's peak memory is its own.
static HEAVY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn local() -> (tempfile::TempDir, Arc<dyn Blobs>) {
    let data = tempfile::tempdir().unwrap();
    let blobs = open_blobs(None, data.path()).unwrap();
    (data, blobs)
}

/// Every file under `dir`, with its contents.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            found.push((path, bytes));
        }
    }
    found
}

/// The total size of the files under `dir`, without reading them.
fn bytes_under(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() { bytes_under(&entry.path()) } else { meta.len() }
        })
        .sum()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn sample(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i * 7 % 256) as u8).collect()
}

#[tokio::test]
async fn sealed_files_of_several_sizes_round_trip_through_the_local_folder() {
    let (_data, blobs) = local();
    let key = OrgSecretKey::generate();
    for size in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 5] {
        let data = sample(size);
        let stored = seal_and_store(&*blobs, &key.public(), &data[..]).await.unwrap();
        assert_eq!(stored.size, size as u64);
        assert_eq!(stored.sha256, <[u8; 32]>::from(Sha256::digest(&data)));
        assert!(blobs.exists(&stored.name).await.unwrap());
        let mut back = Vec::new();
        let opened = open_blob(&*blobs, &key, &stored.name, &mut back).await.unwrap();
        assert_eq!((opened.sha256, opened.size), (stored.sha256, stored.size));
        assert_eq!(back, data, "size {size}");
    }
}

#[tokio::test]
async fn a_file_larger_than_one_part_goes_up_in_parts_and_opens_back() {
    let _turn = HEAVY.lock().await;
    let (_data, blobs) = local();
    let key = OrgSecretKey::generate();
    let mut source = Generated::new(12 * MIB + 3);
    let stored = seal_and_store(&*blobs, &key.public(), &mut source).await.unwrap();
    assert_eq!((stored.size, stored.sha256), (12 * MIB + 3, source.sha256()));
    let opened = open_blob(&*blobs, &key, &stored.name, futures::io::sink()).await.unwrap();
    assert_eq!((opened.sha256, opened.size), (stored.sha256, stored.size));
}

#[tokio::test]
async fn stored_files_and_their_folders_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let _turn = HEAVY.lock().await;
    let (data, blobs) = local();
    let key = OrgSecretKey::generate();
    // One part, and several (a multipart upload renames its staging file at the end).
    seal_and_store(&*blobs, &key.public(), &b"a photo"[..]).await.unwrap();
    seal_and_store(&*blobs, &key.public(), &mut Generated::new(5 * MIB + 1)).await.unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let root = data.path().join("blobs");
    assert_eq!(mode(&root), 0o700);
    let files = files_under(&root);
    assert_eq!(files.len(), 2);
    for (file, _) in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
        assert_eq!(mode(file.parent().unwrap()), 0o700, "{}", file.display());
    }
}

#[tokio::test]
async fn a_deleted_blob_is_gone_and_deleting_twice_is_fine() {
    let (data, blobs) = local();
    let key = OrgSecretKey::generate();
    let stored = seal_and_store(&*blobs, &key.public(), &b"voice message"[..]).await.unwrap();
    blobs.delete(&stored.name).await.unwrap();
    assert!(!blobs.exists(&stored.name).await.unwrap());
    blobs.delete(&stored.name).await.unwrap();
    assert!(matches!(open_blob(&*blobs, &key, &stored.name, Vec::new()).await, Err(BlobError::NotFound)));
    assert!(files_under(&data.path().join("blobs")).is_empty());
}

#[tokio::test]
async fn a_wrong_organization_key_opens_nothing() {
    let (_data, blobs) = local();
    let (ours, theirs) = (OrgSecretKey::generate(), OrgSecretKey::generate());
    let stored = seal_and_store(&*blobs, &ours.public(), &sample(2 * BLOCK)[..]).await.unwrap();
    let mut back = Vec::new();
    let r = open_blob(&*blobs, &theirs, &stored.name, &mut back).await;
    assert!(matches!(r, Err(BlobError::Crypto(CryptoError::Open))), "{r:?}");
    assert!(back.is_empty());
}

#[tokio::test]
async fn a_missing_blob_is_a_typed_not_found() {
    let (_data, blobs) = local();
    let name = BlobName::from_random([0x42; 16]);
    assert!(!blobs.exists(&name).await.unwrap());
    assert!(matches!(blobs.get(&name).await, Err(BlobError::NotFound)));
    let r = open_blob(&*blobs, &OrgSecretKey::generate(), &name, Vec::new()).await;
    assert!(matches!(r, Err(BlobError::NotFound)), "{r:?}");
}

#[tokio::test]
async fn no_evidence_plaintext_and_no_plaintext_sha256_appears_in_the_blob_store() {
    let (data, blobs) = local();
    let key = OrgSecretKey::generate();
    let marker = b"Passport scan of Aminata Diallo, Cotonou, threatened on 2025-03-02";
    let plaintext = marker.repeat(4000); // 260 KB: several age chunks
    let stored = seal_and_store(&*blobs, &key.public(), &plaintext[..]).await.unwrap();

    let hash = Sha256::digest(&plaintext);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    let files = files_under(&data.path().join("blobs"));
    assert_eq!(files.len(), 1, "one sealed file, no leftovers: {:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let (path, bytes) = &files[0];
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(path.ends_with(format!("{}/{}", &stored.name.as_str()[..2], stored.name)));
    for needle in [&marker[..20], &marker[30..], &hash[..], hex.as_bytes(), hex.to_uppercase().as_bytes()] {
        assert!(!contains(bytes, needle), "found {:?} in the sealed file", String::from_utf8_lossy(needle));
    }
    let shown = path.display().to_string();
    assert!(!shown.contains(&hex) && !shown.contains(&hex[..16]), "the name does not come from the hash");
    assert!(!hex.contains(&stored.name.as_str()[..8]));
}

#[tokio::test]
async fn a_failed_upload_leaves_nothing_behind() {
    let _turn = HEAVY.lock().await;
    let (data, blobs) = local();
    let key = OrgSecretKey::generate();
    // Before the first part is full (one request), and after parts went up (multipart).
    for (size, at) in [(MIB, MIB / 2), (20 * MIB, 13 * MIB + 1)] {
        let r = seal_and_store(&*blobs, &key.public(), Generated::failing_at(size, at)).await;
        assert!(matches!(r, Err(BlobError::Source(_))), "{r:?}");
    }
    let left: Vec<_> = files_under(&data.path().join("blobs")).into_iter().map(|f| f.0).collect();
    assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn s3_settings_open_without_contacting_the_network_and_others_are_refused() {
    let data = tempfile::tempdir().unwrap();
    let s3 = open_blobs(Some("s3://evidence/vigie/prod"), data.path()).unwrap();
    assert_eq!(s3.describe(), "S3 bucket evidence, prefix vigie/prod");
    for bad in ["ftp://host/x", "s3://", "s3://UPPER/x", "s3://evidence/x?endpoint=h"] {
        let r = open_blobs(Some(bad), data.path());
        assert!(matches!(r, Err(BlobError::Config(_))), "{bad}");
    }
    let own = data.path().join("elsewhere");
    let blobs = open_blobs(Some(own.to_str().unwrap()), data.path()).unwrap();
    assert!(own.is_dir() && blobs.describe().contains("elsewhere"));
}

/// Kibibytes of a `/proc/self/status` field (`VmRSS`, `VmHWM`).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Seals and stores `size` generated bytes, opens them back, and checks that the
/// process's peak resident memory grew by less than `limit_mib` meanwhile.
async fn ingest_in_bounded_memory(size: u64, limit_mib: u64) {
    let _turn = HEAVY.lock().await;
    let (data, blobs) = local();
    let key = OrgSecretKey::generate();
    // Writing 5 to clear_refs resets the peak to the current size, so earlier tests'
    // peaks cannot hide this one's; where refused, compare with the earlier peak.
    let before = match std::fs::write("/proc/self/clear_refs", "5") {
        Ok(()) => status_kib("VmRSS"),
        Err(_) => status_kib("VmHWM"),
    };
    let start = Instant::now();
    let mut source = Generated::new(size);
    let stored = seal_and_store(&*blobs, &key.public(), &mut source).await.unwrap();
    let ingest = start.elapsed();
    assert_eq!((stored.size, stored.sha256), (size, source.sha256()));

    let start = Instant::now();
    let opened = open_blob(&*blobs, &key, &stored.name, futures::io::sink()).await.unwrap();
    let open = start.elapsed();
    assert_eq!((opened.sha256, opened.size), (stored.sha256, size));

    let grew_mib = status_kib("VmHWM").saturating_sub(before) / 1024;
    let on_disk = bytes_under(&data.path().join("blobs"));
    eprintln!(
        "{} MiB: sealed and stored in {ingest:.1?} ({:.0} MB/s), opened in {open:.1?}; peak memory grew {grew_mib} MiB; {on_disk} bytes on disk",
        size / MIB,
        size as f64 / 1e6 / ingest.as_secs_f64(),
    );
    assert!(grew_mib < limit_mib, "peak memory grew {grew_mib} MiB for a {} MiB file", size / MIB);
    assert!(on_disk > size && on_disk < size + size / 1000 + 1024, "{on_disk} bytes sealed for {size}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_1_gib_file_is_added_with_memory_bounded_by_a_few_mib() {
    ingest_in_bounded_memory(1024 * MIB, 64).await;
}
