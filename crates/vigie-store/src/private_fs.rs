//! Owner-only files and folders. The database and the blobs hold metadata (case types,
//! dates, account names) that another account on the machine must not read, so what
//! Vigie creates on the local disk is 0700 (folders) or 0600 (files), set explicitly
//! rather than left to the process's umask.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Mode of the folders Vigie creates.
pub const DIR_MODE: u32 = 0o700;
/// Mode of the files Vigie creates.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` (0700) when it is missing; missing parents are created as usual (they
/// are not Vigie's). An existing folder is left as it is.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    match fs::DirBuilder::new().mode(DIR_MODE).create(dir) {
        // The umask may have removed more; set the mode itself.
        Ok(()) => fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates an empty `path` (0600) when it is missing, so that what opens it next (SQLite)
/// finds a private file rather than creating one with the umask's mode. An existing file
/// is left as it is.
pub fn ensure_file(path: &Path) -> io::Result<()> {
    match fs::OpenOptions::new().write(true).create_new(true).mode(FILE_MODE).open(path) {
        Ok(_) => fs::set_permissions(path, fs::Permissions::from_mode(FILE_MODE)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sets a file written by a library that does not take a mode (object_store) to 0600.
pub fn restrict_file(path: &Path) -> io::Result<()> {
    fs::set_permissions(path, fs::Permissions::from_mode(FILE_MODE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn created_folders_and_files_are_owner_only() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        ensure_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        let file = dir.join("f");
        ensure_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        // Existing ones are left alone.
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        ensure_file(&file).unwrap();
        assert_eq!(mode(&file), 0o640);
        ensure_dir(&dir).unwrap();
    }
}
