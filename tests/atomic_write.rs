//! Tests: replacing a file whole or not at all — the one helper the store, the command line and
//! the app write through.

use anprobe::atomic_write::{StagedFile, TEMP_MARK, write_atomically};
use std::fs;
use std::path::PathBuf;

/// A fresh folder for one test, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir =
            std::env::temp_dir().join(format!("anprobe-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    /// Every file name in the folder, sorted.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_file_is_created_then_replaced_whole_and_no_temporary_file_stays() {
    let dir = Folder::new("replace");
    let path = dir.0.join("backup.json");
    write_atomically(&path, b"first").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"first");
    write_atomically(&path, b"the second, longer content").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"the second, longer content");
    write_atomically(&path, b"").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"");
    assert_eq!(dir.names(), ["backup.json"]);
}

#[test]
fn a_failed_write_leaves_the_old_file_untouched() {
    let dir = Folder::new("fail");
    // The target is a folder with something in it: the rename over it fails.
    let target = dir.0.join("taken");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside"), b"kept").unwrap();
    assert!(write_atomically(&target, b"new").is_err());
    assert_eq!(fs::read(target.join("inside")).unwrap(), b"kept");
    assert_eq!(dir.names(), ["taken"], "the temporary file is removed");
    // A folder that does not exist: nothing is created.
    assert!(write_atomically(&dir.0.join("no/such/file.json"), b"x").is_err());
    assert_eq!(dir.names(), ["taken"]);
}

#[test]
fn a_staged_file_is_filled_by_anyone_and_dropped_unplaced_changes_nothing() {
    let dir = Folder::new("staged");
    let path = dir.0.join("anprobe.db");
    fs::write(&path, b"old").unwrap();

    let staged = StagedFile::beside(&path).unwrap();
    let temp = staged.temp_path().to_path_buf();
    assert_eq!(temp.parent(), Some(dir.0.as_path()), "beside the target");
    let name = temp.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(".anprobe.db") && name.contains(TEMP_MARK),
        "{name}"
    );
    fs::write(&temp, b"half").unwrap();
    drop(staged);
    assert_eq!(fs::read(&path).unwrap(), b"old");
    assert!(!temp.exists(), "an unplaced temporary file is removed");

    let staged = StagedFile::beside(&path).unwrap();
    assert_ne!(staged.temp_path(), temp.as_path(), "a fresh name each time");
    fs::write(staged.temp_path(), b"new").unwrap();
    staged.put_in_place().unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new");
    assert_eq!(dir.names(), ["anprobe.db"]);
}
