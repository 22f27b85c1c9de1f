//! Which files of a folder are OONI measurements.

use std::fs;
use std::path::{Path, PathBuf};

use crate::observations::OpenError;

/// Whether a name announces measurements: `.json`, `.jsonl`, and `.gz` (OONI's bulk
/// files are `.jsonl.gz`; a bare `.gz` is read too, its content decides).
pub fn is_measurement_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    [".json", ".jsonl", ".gz"].iter().any(|ext| name.ends_with(ext))
}

/// The files under `root` (itself if it is a file), recursively, sorted by path: those to
/// read, and those skipped for their name.
pub(super) fn list(root: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), OpenError> {
    let meta = fs::metadata(root).map_err(|source| OpenError::Open { path: root.to_owned(), source })?;
    if !meta.is_dir() {
        return Ok((vec![root.to_owned()], Vec::new()));
    }
    let mut all = Vec::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(&dir).map_err(|source| OpenError::Read { path: dir.clone(), source })?;
        for entry in entries {
            let entry = entry.map_err(|source| OpenError::Read { path: dir.clone(), source })?;
            let path = entry.path();
            // Follows symbolic links, as a user pointing at a folder would expect.
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => dirs.push(path),
                Ok(_) => all.push(path),
                Err(_) => all.push(path),
            }
        }
    }
    all.sort();
    Ok(all.into_iter().partition(|p| is_measurement_file(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_what_a_folder_reader_reads() {
        for yes in ["a.json", "b.JSONL", "c.jsonl.gz", "d.json.gz", "2024-01-01.gz"] {
            assert!(is_measurement_file(Path::new(yes)), "{yes}");
        }
        for no in ["a.yaml", "report1.json.pretty", "LICENSE.md", "x.jsonl.bak"] {
            assert!(!is_measurement_file(Path::new(no)), "{no}");
        }
    }
}
