//! `media_files`: image files named by a row, hashed into its `media_phash`.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use vigie_core::observation::{RawObservation, Reason};

use crate::phash::{ImageHashError, phash64};

/// The largest image file read; a photo from a phone is a few MiB.
pub const MAX_MEDIA_BYTES: u64 = 50 * 1024 * 1024;
/// The most files one row may name; posts carry a handful of images at most.
pub const MAX_MEDIA_FILES: usize = 100;

/// Where `media_files` are looked up: the import file's folder, or nowhere.
#[derive(Debug, Clone, Default)]
pub(super) struct Media {
    pub(super) dir: Option<PathBuf>,
    /// Images hashed but too flat to be useful, so left out of `media_phash`.
    pub(super) low_quality: u64,
}

impl Media {
    /// Hashes the row's `media_files` and appends the hashes to its `media_phash`. One
    /// unusable file refuses the whole row: a post imported without its image would
    /// silently escape image-based clustering.
    pub(super) fn resolve(&mut self, raw: &mut RawObservation) -> Result<(), Reason> {
        let files: Vec<String> = std::mem::take(&mut raw.media_files)
            .into_iter()
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect();
        if files.len() > MAX_MEDIA_FILES {
            return Err(Reason::Invalid {
                field: "media_files",
                problem: format!("more than {MAX_MEDIA_FILES} entries"),
            });
        }
        for file in files {
            match self.hash(&file) {
                Ok(Some(hash)) => raw.media_phash.push(hash),
                Ok(None) => self.low_quality += 1,
                Err(problem) => return Err(Reason::Media { file, problem }),
            }
        }
        Ok(())
    }

    fn hash(&self, file: &str) -> Result<Option<String>, String> {
        let relative = Path::new(file);
        if !relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
            return Err("must be a path inside the import file's folder (no `..`, not absolute)".into());
        }
        let Some(dir) = &self.dir else {
            return Err("no folder to look in: the observations were not read from a file".into());
        };
        let path = dir.join(relative);
        let f = File::open(&path).map_err(|e| format!("cannot be opened: {e}"))?;
        let mut bytes = Vec::new();
        f.take(MAX_MEDIA_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot be read: {e}"))?;
        if bytes.len() as u64 > MAX_MEDIA_BYTES {
            return Err(format!("larger than {} MiB", MAX_MEDIA_BYTES / (1024 * 1024)));
        }
        match phash64(&bytes) {
            Ok(hash) => Ok(Some(hash.to_string())),
            Err(ImageHashError::LowQuality) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
}
