//! Replacing a file whole or not at all: the new content goes to a temporary file beside the
//! target, is synced, renamed over the target, and the folder is synced where the platform allows
//! it. A crash or a full disk leaves either the old file or the new one, never half of either.
//!
//! [`write_atomically`] writes bytes; [`StagedFile`] lets someone else fill the temporary file
//! (SQLite's `VACUUM INTO`, a copy) before it is put in place.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What every temporary file's name contains (after the target's name), so that leftovers of a
/// killed process can be recognised: `.NAME.tmp-PID-N`.
pub const TEMP_MARK: &str = ".tmp-";

/// Replaces `path` with `bytes`: the file is either the whole new content or untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let staged = StagedFile::beside(path)?;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(staged.temp_path())
        .and_then(|mut file| file.write_all(bytes))?;
    staged.put_in_place()
}

/// A temporary file beside a target, put in place by [`StagedFile::put_in_place`]; dropped
/// before that, it is removed and the target stays untouched.
#[derive(Debug)]
pub struct StagedFile {
    target: PathBuf,
    temp: PathBuf,
    placed: bool,
}

impl StagedFile {
    /// Names a fresh temporary file in `target`'s folder (nothing is created yet).
    pub fn beside(target: &Path) -> io::Result<StagedFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other("not a file name"))?;
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(
            "{TEMP_MARK}{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let temp = target.with_file_name(temp_name);
        // A leftover of an earlier process with the same id would otherwise be filled again.
        let _ = fs::remove_file(&temp);
        Ok(StagedFile {
            target: target.to_path_buf(),
            temp,
            placed: false,
        })
    }

    /// The temporary file to fill.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Syncs the temporary file, renames it over the target and syncs the folder.
    pub fn put_in_place(mut self) -> io::Result<()> {
        fs::File::open(&self.temp)?.sync_all()?;
        fs::rename(&self.temp, &self.target)?;
        self.placed = true;
        if let Some(dir) = self.target.parent() {
            sync_folder(dir);
        }
        Ok(())
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if !self.placed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Makes a rename in `dir` durable. Unix can sync a folder; elsewhere (Windows) a folder cannot
/// be opened as a file, and the rename is as durable as the file system makes it.
pub fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
