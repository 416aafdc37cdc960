//! Where the store lives: `--data-dir DIR`, else `ANPROBE_DATA_DIR`, else the OS data folder.

use super::StoreError;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the OS data folder.
pub const DATA_DIR_ENV: &str = "ANPROBE_DATA_DIR";

/// The data folder: `explicit` (the CLI's `--data-dir`) if given, else `$ANPROBE_DATA_DIR` if set
/// and not empty, else the OS data folder (`~/.local/share/anprobe` on Linux,
/// `~/Library/Application Support/anprobe` on macOS, `%APPDATA%\anprobe\data` on Windows).
pub fn data_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    resolve_data_dir(explicit, std::env::var_os(DATA_DIR_ENV).as_deref())
}

/// [`data_dir`] with the environment variable's value passed in (testable without touching
/// the process environment).
pub fn resolve_data_dir(
    explicit: Option<&Path>,
    env: Option<&OsStr>,
) -> Result<PathBuf, StoreError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = env.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "anprobe")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}
