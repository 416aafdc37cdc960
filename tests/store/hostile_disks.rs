//! Read-only folders and full disks: clear errors, nothing half-written, reads still work.

use super::{StDir, st_item, st_open, st_order, st_wish};
use anprobe::store::{NewWishlistItem, Store, StoreError};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Makes a folder read-only for this process (root ignores permission bits, so it also sets the
/// immutable attribute when it can); undone on drop. `None` if the folder stays writable.
struct StReadOnly {
    dir: PathBuf,
    immutable: bool,
}

impl StReadOnly {
    fn writable(dir: &Path) -> bool {
        let probe = dir.join("probe");
        let ok = fs::write(&probe, b"x").is_ok();
        let _ = fs::remove_file(probe);
        ok
    }

    fn make(dir: &Path) -> Option<StReadOnly> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).ok()?;
        }
        let mut guard = StReadOnly {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if StReadOnly::writable(dir) {
            guard.immutable = Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
        }
        (!StReadOnly::writable(dir)).then_some(guard)
    }
}

impl Drop for StReadOnly {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).status();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn read_only_folder_gives_clear_errors_and_reads_still_work() {
    // A data folder that cannot be created.
    let base = StDir::new("ro-create");
    let file = base.path.join("a-file");
    fs::write(&file, b"not a folder").unwrap();
    let err = Store::open(file.join("data")).err().expect("refused");
    assert!(
        err.to_string().starts_with("cannot create the data folder"),
        "{err}"
    );

    let dir = StDir::new("ro");
    {
        let mut store = st_open(&dir.path);
        store.add_wishlist(&st_wish("SKU-RO")).unwrap();
    }
    let data = dir.path.join("data");
    fs::create_dir(&data).unwrap();
    for entry in fs::read_dir(&dir.path).unwrap().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("anprobe.db")
        {
            fs::copy(entry.path(), data.join(entry.file_name())).unwrap();
        }
    }
    let Some(guard) = StReadOnly::make(&data) else {
        return crate::prerequisite::missing(
            "store::hostile_disks::read_only_folder_gives_clear_errors_and_reads_still_work",
            "a folder it can make read-only (permission bits as a user, `chattr +i` as root)",
        );
    };
    let (mut store, report) = Store::open(&data).expect("a read-only store still opens");
    assert!(report.read_only && store.is_read_only());
    assert!(
        report.warnings.iter().any(|w| w.contains("read-only")),
        "{:?}",
        report.warnings
    );
    assert_eq!(store.list_wishlist().unwrap().len(), 1);
    let err = store.add_wishlist(&st_wish("SKU-2")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert!(
        err.to_string().contains("read-only. Nothing was written"),
        "{err}"
    );
    assert_eq!(store.list_wishlist().unwrap().len(), 1, "reads still work");
    assert!(store.check().unwrap().is_ok());
    drop(store);
    drop(guard);
}

#[test]
fn full_disk_write_fails_whole_and_the_store_stays_usable() {
    let dir = StDir::new("full");
    let mut store = st_open(&dir.path);
    store.add_profile("Ana", "2026-01-01").unwrap();
    store.limit_pages_for_test(1).unwrap(); // capped at its current size
    let big_note = "x".repeat(3000);
    let mut saved = 0;
    let err = loop {
        match store.add_wishlist(&NewWishlistItem {
            note: big_note.clone(),
            ..st_wish("BIG")
        }) {
            Ok(_) => saved += 1,
            Err(e) => break e,
        }
        assert!(saved < 1000, "the cap never bit");
    };
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("the disk is full. Nothing was written"),
        "{err}"
    );
    // An order of several items: all or nothing.
    let before = store.list_orders(100).unwrap().len();
    let mut order = st_order("Zalando", "Z-FULL", "2026-01-01");
    order.items = (0..50)
        .map(|i| st_item(&format!("SKU-{i}-{big_note}"), None))
        .collect();
    assert!(matches!(
        store.add_order(&order),
        Err(StoreError::DiskFull { .. })
    ));
    assert_eq!(store.list_orders(100).unwrap().len(), before);
    assert_eq!(
        store.list_wishlist().unwrap().len(),
        saved,
        "reads still work"
    );
    store.limit_pages_for_test(1_000_000).unwrap();
    store.add_wishlist(&st_wish("AFTER")).unwrap();
    assert!(store.check().unwrap().is_ok());
}
