//! Nothing lost: damaged files moved aside, flipped bytes caught by the seals, the newest good
//! backup restored, backups rotated, the whole-file check once a day.

use super::{StDir, st_body, st_flip_real, st_integrity, st_item, st_open, st_order, st_wish};
use anprobe::measurements::Key;
use anprobe::store::{NewOrder, NewOrderItem, Store};
use std::fs;

#[test]
fn corrupt_file_is_moved_aside_and_a_fresh_store_created() {
    let dir = StDir::new("corrupt");
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let garbage: Vec<u8> = (0..8192)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    fs::write(dir.db(), &garbage).unwrap();
    let (mut store, report) = Store::open(&dir.path).unwrap();
    let moved = report.recovered_from.clone().expect("moved aside");
    assert_eq!(
        fs::read(&moved).unwrap(),
        garbage,
        "the old file is kept byte for byte"
    );
    assert!(
        moved
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("anprobe.db.corrupt-")
    );
    assert!(report.restored_backup.is_none());
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("not an SQLite database")),
        "{:?}",
        report.warnings
    );
    store.add_profile("Ana", "2026-01-01").unwrap();
    assert!(store.check().unwrap().is_ok());
    drop(store);

    // With a backup, garbage is replaced by the newest good backup; both old files are kept.
    fs::write(dir.db(), &garbage[..100]).unwrap();
    let (store, report) = Store::open(&dir.path).unwrap();
    assert!(report.restored_backup.is_some(), "{:?}", report.warnings);
    assert_eq!(store.profiles().unwrap().len(), 1);
    assert!(moved.exists() && report.recovered_from.unwrap().exists());
    drop(store);

    // An SQLite file that is not an Anprobe store is moved aside too.
    let foreign = StDir::new("foreign");
    rusqlite::Connection::open(foreign.db())
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let (_store, report) = Store::open(&foreign.path).unwrap();
    assert!(report.recovered_from.is_some());
}

#[test]
fn flipped_byte_is_caught_by_checksum_and_newest_good_backup_restored() {
    let dir = StDir::new("flip");
    let (ana, first) = {
        let mut store = st_open(&dir.path);
        let ana = store.add_profile("Ana", "2026-01-01").unwrap();
        let first = store
            .add_measurements(ana, &st_body(93.37), "2026-01-02")
            .unwrap();
        (ana, first)
    }; // closed: backup A holds the snapshot
    {
        let mut store = st_open(&dir.path);
        store
            .add_measurements(ana, &st_body(94.5), "2026-01-03")
            .unwrap();
    } // closed: backup B
    let backups = st_open(&dir.path).backups();
    assert_eq!(backups.len(), 2);
    let (newest, older) = (backups[0].clone(), backups[1].clone());

    // SQLite's own check does not see a flipped bit inside a value...
    assert!(st_flip_real(&dir.db(), 93.37) >= 1);
    assert_eq!(st_integrity(&dir.db()), "ok");
    let damaged = fs::read(dir.db()).unwrap();
    // ...and the newest backup is damaged the same way, so the older one must be used.
    assert!(st_flip_real(&newest, 93.37) >= 1);

    let (store, report) = Store::open(&dir.path).unwrap();
    let all = report.warnings.join("\n");
    assert!(
        all.contains(&format!("measurement snapshot #{first}")),
        "{all}"
    );
    assert_eq!(report.restored_backup.as_ref(), Some(&older), "{all}");
    assert!(all.contains("not usable either"), "{all}");
    let moved = report.recovered_from.expect("damaged file moved aside");
    assert_eq!(fs::read(&moved).unwrap(), damaged);
    let latest = store.latest_measurements(ana).unwrap().unwrap();
    assert_eq!(latest.measurements.get(Key::ChestGirth), Some(93.37));
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn flipped_byte_without_backup_is_reported_by_row() {
    let dir = StDir::new("flip-nobackup");
    let (ana, snapshot) = {
        let mut store = st_open(&dir.path);
        let ana = store.add_profile("Ana", "2026-01-01").unwrap();
        (
            ana,
            store
                .add_measurements(ana, &st_body(95.17), "2026-01-02")
                .unwrap(),
        )
    };
    fs::remove_dir_all(dir.path.join(anprobe::store::BACKUP_DIR)).unwrap();
    assert!(st_flip_real(&dir.db(), 95.17) >= 1);
    let (store, report) = Store::open(&dir.path).unwrap();
    assert!(
        report.recovered_from.is_none(),
        "kept: nothing better to restore"
    );
    assert_eq!(report.checksum_failures.len(), 1);
    assert_eq!(report.checksum_failures[0].table, "snapshots");
    assert_eq!(report.checksum_failures[0].id, snapshot);
    let err = store.latest_measurements(ana).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("measurement snapshot #{snapshot}")),
        "{err}"
    );
    let check = store.check().unwrap();
    assert!(!check.is_ok() && check.integrity == ["ok"]);
    assert!(check.to_string().contains("checksum FAILED"));
}

#[test]
fn backups_rotate_keeping_the_newest_three() {
    let dir = StDir::new("rotate");
    for i in 0..5 {
        let mut store = st_open(&dir.path);
        store.add_wishlist(&st_wish(&format!("SKU-{i}"))).unwrap();
        let backup = store.close().unwrap();
        assert!(backup.is_some());
    }
    let store = st_open(&dir.path);
    let backups = store.backups();
    assert_eq!(backups.len(), anprobe::store::BACKUPS_KEPT);
    let newest = anprobe::store::recovery::list_backups(&dir.path)[0].generation;
    assert_eq!(newest, 5, "the newest backup holds every change");
    let report = store.check().unwrap();
    assert!(report.is_ok());
    assert!(report.counts.contains(&("wishlist".to_string(), 5)));
}

#[test]
fn missing_file_next_to_backups_is_restored() {
    let dir = StDir::new("missing");
    {
        let mut store = st_open(&dir.path);
        store.add_profile("Ana", "2026-01-01").unwrap();
    }
    fs::remove_file(dir.db()).unwrap();
    let (store, report) = Store::open(&dir.path).unwrap();
    assert!(report.restored_backup.is_some(), "{:?}", report.warnings);
    assert!(
        report.warnings[0].contains("missing or empty"),
        "{:?}",
        report.warnings
    );
    assert_eq!(store.profiles().unwrap()[0].name, "Ana");
}

#[test]
fn large_store_is_checked_whole_once_a_day_and_critical_tables_always() {
    let dir = StDir::new("large");
    {
        let mut store = st_open(&dir.path);
        let long = "n".repeat(12_000);
        let orders: Vec<NewOrder> = (0..200)
            .map(|i| NewOrder {
                items: vec![
                    NewOrderItem {
                        name: long.clone(),
                        ..st_item("L", None)
                    };
                    2
                ],
                ..st_order("Zalando", &format!("L-{i}"), "2026-01-01")
            })
            .collect();
        store.add_orders(&orders).unwrap();
    }
    assert!(
        fs::metadata(dir.db()).unwrap().len()
            > anprobe::store::recovery::FULL_CHECK_MAX_BYTES as u64
    );
    let (_, first) = Store::open(&dir.path).unwrap();
    assert!(first.full_check, "a whole check is due");
    let (store, second) = Store::open(&dir.path).unwrap();
    assert!(!second.full_check, "checked whole less than a day ago");
    assert_eq!(store.list_orders(5).unwrap().len(), 5);

    let small = StDir::new("small");
    let (_, report) = Store::open(&small.path).unwrap();
    assert!(report.full_check);
    let (_, report) = Store::open(&small.path).unwrap();
    assert!(
        report.full_check,
        "a small store is checked whole at every open"
    );
}
