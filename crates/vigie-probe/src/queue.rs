//! Signed results waiting for upload, one JSON file each in a directory. A shutdown is
//! exactly when uploads fail, so results must outlive the process: each is written to a
//! temporary file, flushed to disk, then renamed into place (a crash leaves either the
//! whole result or nothing), and the directory itself is synced after the rename.
//!
//! File names are `<enqueue time, nanoseconds, 20 digits>-<result_id>.json`, so listing
//! them in name order gives the oldest first.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use vigie_core::watch::probe_envelope::SignedResult;

use crate::ProbeError;

const SUFFIX: &str = ".json";
const TEMP_PREFIX: &str = ".tmp-";

/// The on-disk queue of one probe.
#[derive(Debug, Clone)]
pub struct Queue {
    dir: PathBuf,
}

impl Queue {
    /// Opens (creating if needed) the queue in `dir`; leftovers of an interrupted write
    /// are removed.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, ProbeError> {
        let dir = dir.into();
        fs::create_dir_all(&dir).map_err(|e| ProbeError::queue(&dir, e))?;
        for entry in fs::read_dir(&dir).map_err(|e| ProbeError::queue(&dir, e))? {
            let entry = entry.map_err(|e| ProbeError::queue(&dir, e))?;
            if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(Self { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stores `result` durably; a result already queued (same `result_id`) is left as is.
    pub fn enqueue(&self, result: &SignedResult) -> Result<(), ProbeError> {
        if !is_safe_id(&result.result_id) {
            return Err(ProbeError::Queue { path: self.dir.clone(), reason: "result id is not hex".into() });
        }
        if self.path_of(&result.result_id)?.is_some() {
            return Ok(());
        }
        // Strictly after the newest queued file, so that order holds even if the clock
        // steps back or two results land in the same nanosecond.
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let newest =
            self.files()?.last().and_then(|p| p.file_name()?.to_str()?.split('-').next()?.parse::<u128>().ok());
        let nanos = newest.map_or(now, |n| now.max(n + 1));
        let name = format!("{nanos:020}-{}{SUFFIX}", result.result_id);
        let temp = self.dir.join(format!("{TEMP_PREFIX}{name}"));
        let bytes = serde_json::to_vec(result).map_err(|e| ProbeError::Queue {
            path: temp.clone(),
            reason: format!("cannot serialise the result: {e}"),
        })?;
        let write = || -> std::io::Result<()> {
            let mut file = fs::File::create(&temp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            fs::rename(&temp, self.dir.join(&name))?;
            sync_dir(&self.dir)
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&temp);
            ProbeError::queue(&self.dir, e)
        })
    }

    /// Every queued result, oldest first. Unreadable files are skipped with a warning
    /// (and left in place for a person to look at) rather than blocking the queue.
    pub fn pending(&self) -> Result<Vec<SignedResult>, ProbeError> {
        let mut out = Vec::new();
        for path in self.files()? {
            match fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice::<SignedResult>(&b).map_err(|e| e.to_string()))
            {
                Ok(result) => out.push(result),
                Err(reason) => tracing::warn!(path = %path.display(), %reason, "skipping an unreadable queued result"),
            }
        }
        Ok(out)
    }

    pub fn len(&self) -> Result<usize, ProbeError> {
        Ok(self.files()?.len())
    }

    pub fn is_empty(&self) -> Result<bool, ProbeError> {
        Ok(self.len()? == 0)
    }

    /// Forgets a result once the server has confirmed it; `false` if it was not queued.
    pub fn remove(&self, result_id: &str) -> Result<bool, ProbeError> {
        let Some(path) = self.path_of(result_id)? else { return Ok(false) };
        fs::remove_file(&path).map_err(|e| ProbeError::queue(&path, e))?;
        sync_dir(&self.dir).map_err(|e| ProbeError::queue(&self.dir, e))?;
        Ok(true)
    }

    fn files(&self) -> Result<Vec<PathBuf>, ProbeError> {
        let mut names: Vec<String> = Vec::new();
        for entry in fs::read_dir(&self.dir).map_err(|e| ProbeError::queue(&self.dir, e))? {
            let name = entry.map_err(|e| ProbeError::queue(&self.dir, e))?.file_name().to_string_lossy().into_owned();
            if name.ends_with(SUFFIX) && !name.starts_with(TEMP_PREFIX) {
                names.push(name);
            }
        }
        names.sort();
        Ok(names.into_iter().map(|n| self.dir.join(n)).collect())
    }

    fn path_of(&self, result_id: &str) -> Result<Option<PathBuf>, ProbeError> {
        if !is_safe_id(result_id) {
            return Ok(None);
        }
        let tail = format!("-{result_id}{SUFFIX}");
        Ok(self.files()?.into_iter().find(|p| p.to_string_lossy().ends_with(&tail)))
    }
}

fn is_safe_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    // Directories can be opened and synced on Unix; elsewhere the rename is all we get.
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::time::Timestamp;
    use vigie_crypto::signing::InstanceKey;

    fn result(key: &InstanceKey, n: u8) -> SignedResult {
        let id = format!("{n:032x}");
        SignedResult::sign(key, "p", &id, Timestamp(i64::from(n)), format!("{{\"n\":{n}}}")).unwrap()
    }

    #[test]
    fn results_come_back_oldest_first_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let key = InstanceKey::generate();
        let q = Queue::open(dir.path()).unwrap();
        for n in [3, 1, 2] {
            q.enqueue(&result(&key, n)).unwrap();
        }
        q.enqueue(&result(&key, 1)).unwrap();
        fs::write(dir.path().join(".tmp-partial.json"), b"{").unwrap();
        let again = Queue::open(dir.path()).unwrap();
        let ids: Vec<String> = again.pending().unwrap().into_iter().map(|r| r.measurement).collect();
        assert_eq!(ids, [r#"{"n":3}"#, r#"{"n":1}"#, r#"{"n":2}"#]);
        assert!(!dir.path().join(".tmp-partial.json").exists());
        assert!(again.remove(&format!("{:032x}", 1)).unwrap());
        assert!(!again.remove(&format!("{:032x}", 1)).unwrap());
        assert_eq!(again.len().unwrap(), 2);
    }

    #[test]
    fn a_corrupt_file_is_skipped_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let q = Queue::open(dir.path()).unwrap();
        q.enqueue(&result(&InstanceKey::generate(), 9)).unwrap();
        fs::write(dir.path().join("00000000000000000000-ab.json"), b"not json").unwrap();
        assert_eq!(q.pending().unwrap().len(), 1);
    }
}
