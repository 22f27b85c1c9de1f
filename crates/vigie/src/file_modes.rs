//! The start-up check of the data folder's modes. Vigie creates everything in it
//! owner-only (folders 0700, files 0600); a folder made by hand, restored from a backup
//! or left by an older version may be looser, and then the database's metadata (case
//! types, dates, account names) is readable by any account on the machine. `vigie serve`
//! says so, with the paths and the command that fixes them; it changes nothing itself.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Entries looked at, at most: a large blob folder is not walked to its end at each start.
const MAX_ENTRIES: usize = 20_000;
/// Loose paths named in the warning; the others are counted.
const SHOWN: usize = 5;

/// A file or folder that others than its owner may read, write or enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loose {
    pub path: PathBuf,
    pub mode: u32,
}

/// The loose paths under `root` (itself included), depth first, up to [`MAX_ENTRIES`]
/// entries looked at. Symbolic links are not followed. Unreadable entries are skipped:
/// this is a warning, not a gate.
pub fn loose_under(root: &Path) -> Vec<Loose> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    let mut seen = 0;
    while let Some(path) = pending.pop() {
        seen += 1;
        if seen > MAX_ENTRIES {
            break;
        }
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        if meta.file_type().is_symlink() {
            continue;
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            found.push(Loose { path: path.clone(), mode });
        }
        if meta.is_dir()
            && let Ok(entries) = fs::read_dir(&path)
        {
            pending.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Logs one warning for the loose paths under the data folder (and the SQLite file, when
/// it lives elsewhere), naming them and how to fix them.
pub fn warn_if_loose(data: &Path, extra: &[&Path]) {
    let mut loose = loose_under(data);
    for path in extra.iter().filter(|p| !p.starts_with(data)) {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let path = PathBuf::from(name);
            if let Ok(meta) = fs::metadata(&path) {
                let mode = meta.permissions().mode() & 0o777;
                if mode & 0o077 != 0 {
                    loose.push(Loose { path, mode });
                }
            }
        }
    }
    if loose.is_empty() {
        return;
    }
    let shown: Vec<String> =
        loose.iter().take(SHOWN).map(|l| format!("{} (mode {:o})", l.path.display(), l.mode)).collect();
    let more = match loose.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    tracing::warn!(
        count = loose.len(),
        "files of this instance are readable by other accounts on this machine: {}{more}; \
         fix with: chmod -R go= {}",
        shown.join(", "),
        data.display(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_files_and_folders_are_found_and_private_ones_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("data");
        fs::create_dir_all(root.join("blobs/ab")).unwrap();
        fs::write(root.join("vigie.db"), b"").unwrap();
        fs::write(root.join("blobs/ab/abc"), b"").unwrap();
        for (p, m) in [("", 0o700), ("blobs", 0o700), ("blobs/ab", 0o755), ("vigie.db", 0o600), ("blobs/ab/abc", 0o640)]
        {
            fs::set_permissions(root.join(p), fs::Permissions::from_mode(m)).unwrap();
        }
        let found = loose_under(&root);
        assert_eq!(
            found,
            vec![
                Loose { path: root.join("blobs/ab"), mode: 0o755 },
                Loose { path: root.join("blobs/ab/abc"), mode: 0o640 },
            ]
        );
    }
}
