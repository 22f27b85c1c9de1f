//! Reading a bundle in one pass. Every entry is hashed as it streams by; only the small
//! entries the checks read are kept in memory, so a bundle holding hours of video is
//! verified in constant memory.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};
use vigie_core::evidence::{BundleParts, BundleReport, EntryDigest, MAX_SMALL_ENTRY, check_bundle, is_small_entry};

use crate::BundleError;

/// Reads the bundle at `path` into the parts [`check_bundle`] needs.
pub fn read_bundle(path: impl AsRef<Path>) -> Result<BundleParts, BundleError> {
    let file = File::open(path).map_err(BundleError::Open)?;
    read_bundle_from(BufReader::new(file))
}

/// [`read_bundle`] from any reader. Refuses archives a careless extraction could turn
/// against its user (links, devices, absolute paths, `..`) and small entries too large
/// to be what Vigie wrote. Entries appended after the archive's end marker are read too:
/// hidden from some tools, they would otherwise escape the manifest check.
pub fn read_bundle_from(reader: impl Read) -> Result<BundleParts, BundleError> {
    let mut archive = tar::Archive::new(reader);
    archive.set_ignore_zeros(true);
    let mut parts = BundleParts::default();
    let mut buffer = vec![0u8; 64 * 1024];
    for entry in archive.entries().map_err(BundleError::Archive)? {
        let mut entry = entry.map_err(BundleError::Archive)?;
        let kind = entry.header().entry_type();
        if !kind.is_file() {
            let path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            return Err(BundleError::NotRegular { path, kind: format!("{kind:?}").to_lowercase() });
        }
        let path = entry_path(&entry.path_bytes())?;
        let small = is_small_entry(&path);
        let size = entry.size();
        if small && size > MAX_SMALL_ENTRY {
            return Err(BundleError::TooLarge { path, size, limit: MAX_SMALL_ENTRY });
        }
        let mut kept = Vec::new();
        let mut hasher = Sha256::new();
        let mut count = 0u64;
        loop {
            let n = entry.read(&mut buffer).map_err(BundleError::Archive)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
            count += n as u64;
            if small {
                kept.extend_from_slice(&buffer[..n]);
            }
        }
        if small {
            parts.contents.insert(path.clone(), kept);
        }
        parts.entries.push(EntryDigest { path, sha256: hasher.finalize().into(), size: count });
    }
    Ok(parts)
}

/// Reads and checks the bundle at `path`; see [`check_bundle`] for `pinned_key`.
pub fn verify_bundle(path: impl AsRef<Path>, pinned_key: Option<&str>) -> Result<BundleReport, BundleError> {
    Ok(check_bundle(&read_bundle(path)?, pinned_key))
}

/// A relative path of plain components, in UTF-8.
fn entry_path(raw: &[u8]) -> Result<String, BundleError> {
    let unsafe_path = || BundleError::UnsafePath { path: String::from_utf8_lossy(raw).into_owned() };
    let path = std::str::from_utf8(raw).map_err(|_| unsafe_path())?;
    let plain =
        |c: &str| !c.is_empty() && c != "." && c != ".." && !c.contains(|ch: char| ch == '\\' || ch.is_control());
    if path.split('/').all(plain) { Ok(path.to_owned()) } else { Err(unsafe_path()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_accepted() {
        assert_eq!(entry_path(b"files/3/a b.png").unwrap(), "files/3/a b.png");
        for bad in [&b"/etc/passwd"[..], b"../x", b"files/../x", b"files//x", b"./x", b"a\\b", b"a\nb", b"\xff", b""] {
            assert!(matches!(entry_path(bad), Err(BundleError::UnsafePath { .. })), "{bad:?}");
        }
    }
}
