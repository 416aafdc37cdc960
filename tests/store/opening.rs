//! Where the store lives and what opening a new one sets up.

use super::{StDir, st_open};
use anprobe::store::{LATEST_VERSION, resolve_data_dir};
use std::ffi::OsStr;
use std::path::Path;

#[test]
fn data_dir_explicit_then_env_then_os() {
    let explicit = Path::new("/some/where");
    assert_eq!(
        resolve_data_dir(Some(explicit), Some(OsStr::new("/from/env"))).unwrap(),
        explicit
    );
    assert_eq!(
        resolve_data_dir(None, Some(OsStr::new("/from/env"))).unwrap(),
        Path::new("/from/env")
    );
    // An empty variable is ignored; the OS folder ends in "anprobe" (data).
    let Ok(os) = resolve_data_dir(None, Some(OsStr::new(""))) else {
        return crate::prerequisite::missing(
            "store::opening::data_dir_explicit_then_env_then_os",
            "a home directory (the OS data folder is found from it)",
        );
    };
    assert!(
        os.components()
            .any(|c| c.as_os_str().to_string_lossy().contains("anprobe")),
        "{os:?}"
    );
}

#[test]
fn open_sets_up_wal_schema_and_reopens() {
    let dir = StDir::new("open");
    let store = st_open(&dir.path);
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(!store.is_read_only());
    let mode: String = rusqlite::Connection::open(dir.db())
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    // Nothing changed: no backup of an empty store.
    let store = st_open(&dir.path);
    assert!(store.backups().is_empty());
    assert!(store.check().unwrap().is_ok());
}
