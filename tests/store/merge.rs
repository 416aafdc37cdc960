//! Merging a backup into a store that may hold some of it already (`Store::merge`): a preview
//! counts what a file holds, a merge adds each record once (by its natural key), all or nothing,
//! and a file that is no backup is named and changes nothing.

use super::{StDir, st_open};
use anprobe::garment::{Region, Verdict};
use anprobe::measurements::{Form, Key, Measurements};
use anprobe::store::*;
use anprobe::store::{Channel, CounterpartKind, NewContact, NewWishlistItem};
use std::collections::BTreeMap;

fn empty(name: &str) -> (StDir, Store) {
    let dir = StDir::new(name);
    let store = st_open(&dir.path);
    (dir, store)
}

fn body(chest: f64) -> Measurements {
    let mut m = Measurements::new(Form::Female, 168.0);
    m.set(Key::ChestGirth, chest);
    m.set(Key::WaistGirth, 71.5);
    m
}

fn wish(sku: &str, size: &str) -> NewWishlistItem {
    NewWishlistItem {
        retailer: "COS".into(),
        sku: sku.into(),
        name: "Linen shirt".into(),
        size: size.into(),
        colourway: "white".into(),
        price: 59.0,
        currency: "EUR".into(),
        note: String::new(),
        added: "2026-01-02".into(),
    }
}

fn line(sku: &str, size: &str) -> NewOrderItem {
    NewOrderItem {
        sku: sku.into(),
        name: format!("Garment {sku}"),
        size: size.into(),
        colour: "navy".into(),
        price: 49.95,
        currency: "EUR".into(),
        return_window_days: Some(30),
    }
}

fn order(retailer: &str, number: &str, date: &str, items: &[(&str, &str)]) -> NewOrder {
    NewOrder {
        retailer: retailer.into(),
        order_number: number.into(),
        date: date.into(),
        items: items.iter().map(|(sku, size)| line(sku, size)).collect(),
    }
}

/// Two profiles with three snapshots, two wishes, two orders with three garments (one kept,
/// one returned), a contact and two consents.
fn filled(name: &str) -> (StDir, Store) {
    let (dir, mut store) = empty(name);
    let ana = store.add_profile("Ana", "2025-12-24").unwrap();
    let ben = store.add_profile("Ben", "2025-12-25T08:00:00Z").unwrap();
    store
        .add_measurements(ana, &body(92.3), "2026-01-01")
        .unwrap();
    store
        .add_measurements(ana, &body(93.1), "2026-02-01")
        .unwrap();
    store
        .add_measurements(ben, &body(101.0), "2026-01-03")
        .unwrap();
    store.add_wishlist(&wish("W-1", "M")).unwrap();
    store.add_wishlist(&wish("W-1", "L")).unwrap();
    let z1 = store
        .add_order(&order(
            "Zalando",
            "Z-1",
            "2026-01-05",
            &[("A", "M"), ("B", "38")],
        ))
        .unwrap();
    let items = store.order(z1).unwrap().items;
    store
        .set_item_status(items[0].id, ItemStatus::Kept)
        .unwrap();
    store
        .return_item(
            items[1].id,
            "2026-01-12",
            "too tight",
            &[(Region::Chest, Verdict::Tight)],
        )
        .unwrap();
    store
        .add_order(&order("COS", "C-1", "2026-01-07", &[("C", "L")]))
        .unwrap();
    store
        .add_contact(&NewContact {
            counterpart: "Zalando".into(),
            kind: CounterpartKind::Retailer,
            channel: Channel::Phone,
            date: "2026-01-06".into(),
            summary: "return label".into(),
            outcome: "sent by mail".into(),
        })
        .unwrap();
    for (counterpart, kind) in [
        ("Zalando", CounterpartKind::Retailer),
        ("Mia", CounterpartKind::Stylist),
    ] {
        store
            .set_consent(&Consent {
                counterpart: counterpart.into(),
                kind,
                keys: vec![Key::ChestGirth],
                share_orders: true,
                share_contacts: false,
            })
            .unwrap();
    }
    (dir, store)
}

/// The backup with every id 0: two stores hold the same when these are equal.
fn without_ids(mut backup: Backup) -> Backup {
    for p in &mut backup.profiles {
        p.id = 0;
        p.snapshots.iter_mut().for_each(|s| s.id = 0);
    }
    backup.wishlist.iter_mut().for_each(|w| w.id = 0);
    for o in &mut backup.orders {
        o.id = 0;
        o.items.iter_mut().for_each(|i| i.id = 0);
    }
    backup.contacts.iter_mut().for_each(|c| c.id = 0);
    backup
}

fn counts(preview: &BackupPreview) -> Vec<(RecordKind, usize)> {
    RecordKind::ALL.map(|k| (k, preview.count(k))).to_vec()
}

#[test]
fn a_preview_counts_what_the_backup_holds_and_the_days_it_spans() {
    let (_dir, store) = filled("preview");
    let backup = Backup::from_json(&store.export_json().unwrap()).unwrap();
    let preview = backup.preview();
    use RecordKind::*;
    assert_eq!(
        counts(&preview),
        [
            (Profile, 2),
            (Snapshot, 3),
            (WishlistItem, 2),
            (Order, 2),
            (OrderItem, 3),
            (Return, 1),
            (Contact, 1),
            (Consent, 2)
        ]
    );
    assert_eq!(preview.version, BACKUP_VERSION);
    let (first, last) = preview.days.unwrap();
    assert_eq!(
        (first.to_string(), last.to_string()),
        ("2025-12-24".into(), "2026-02-01".into())
    );
    assert!(!preview.is_empty());

    let (_other, nothing) = empty("preview-empty");
    let preview = Backup::from_json(&nothing.export_json().unwrap())
        .unwrap()
        .preview();
    assert!(preview.is_empty());
    assert_eq!(preview.days, None);
}

#[test]
fn merging_into_an_empty_store_gives_what_import_gives() {
    let (_dir, store) = filled("merge-empty");
    let json = store.export_json().unwrap();
    let backup = Backup::from_json(&json).unwrap();

    let (_a, mut imported) = empty("merge-empty-import");
    imported.import_json(&json).unwrap();
    let (_b, mut merged) = empty("merge-empty-merge");
    assert!(merged.is_empty().unwrap());
    let report = merged.merge(&backup).unwrap();

    assert_eq!(
        without_ids(merged.export().unwrap()),
        without_ids(imported.export().unwrap())
    );
    assert!(merged.check().unwrap().is_ok());
    assert!(!merged.is_empty().unwrap());
    let preview = backup.preview();
    for kind in RecordKind::ALL {
        let added = preview.count(kind);
        assert_eq!(report.get(kind), Merged { added, present: 0 }, "{kind:?}");
    }
    assert_eq!(report.present(), 0);
}

#[test]
fn merging_the_same_backup_twice_adds_nothing_the_second_time() {
    let (_dir, store) = filled("merge-twice");
    let backup = store.export().unwrap();
    let (_b, mut merged) = empty("merge-twice-into");
    let first = merged.merge(&backup).unwrap();
    let after_first = merged.export().unwrap();

    let second = merged.merge(&backup).unwrap();
    assert_eq!(second.added(), 0, "{second}");
    assert_eq!(second.present(), first.added());
    assert_eq!(merged.export().unwrap(), after_first, "nothing changed");
    assert_eq!(
        second.to_string(),
        "added nothing; already present 2 profiles, 3 measurement snapshots, 2 wishlist \
         items, 2 orders, 3 ordered garments, 1 returns, 1 contacts, 2 consents"
    );

    // The store the backup came from already holds all of it.
    let mut original = store;
    let again = original.merge(&backup).unwrap();
    assert_eq!(again.added(), 0, "{again}");
    assert_eq!(without_ids(original.export().unwrap()), without_ids(backup));
}

#[test]
fn a_backup_with_one_new_and_one_known_order_adds_only_the_new_one() {
    let (_dir, mut store) = filled("merge-orders");
    let before = store.export().unwrap();
    let (_other, mut elsewhere) = empty("merge-orders-elsewhere");
    // The known order, as another store recorded it (other ids, the retailer in capitals),
    // and a new one.
    elsewhere
        .add_order(&order(
            "ZALANDO",
            "Z-1",
            "2026-01-05",
            &[("A", "M"), ("B", "38")],
        ))
        .unwrap();
    elsewhere
        .add_order(&order("Zalando", "Z-2", "2026-02-10", &[("D", "S")]))
        .unwrap();
    let backup = Backup::from_json(&elsewhere.export_json().unwrap()).unwrap();

    let report = store.merge(&backup).unwrap();
    assert_eq!(
        report.get(RecordKind::Order),
        Merged {
            added: 1,
            present: 1
        }
    );
    assert_eq!(
        report.get(RecordKind::OrderItem),
        Merged {
            added: 1,
            present: 2
        }
    );
    assert_eq!(report.added(), 2, "{report}");
    let orders = store.export().unwrap().orders;
    assert_eq!(orders.len(), 3);
    assert_eq!(
        orders[..2],
        before.orders[..],
        "the known orders are untouched"
    );
    let new = &orders[2];
    assert_eq!(
        (new.retailer.as_str(), new.order_number.as_str()),
        ("Zalando", "Z-2")
    );
    assert_eq!(new.items.len(), 1);
    assert_eq!(new.items[0].line.sku, "D");
    assert!(new.id > before.orders[1].id, "a new id");
}

#[test]
fn known_records_gain_what_only_the_backup_has() {
    let (_dir, mut store) = filled("merge-gain");
    let mut backup = store.export().unwrap();
    // Ana measured again; a third garment in order Z-1, and the kept garment returned after
    // all; a consent for Zalando that shares more (the store's own stands).
    let remeasured = BackupSnapshot {
        id: 99,
        taken: "2026-03-01".into(),
        ..backup.profiles[0].snapshots[0].clone()
    };
    backup.profiles[0].snapshots.push(remeasured);
    let z1 = &mut backup.orders[0];
    let mut third = z1.items[0].clone();
    third.line.sku = "E".into();
    third.status = ItemStatus::Ordered;
    z1.items.push(third);
    z1.items[0].status = ItemStatus::Returned;
    z1.items[0].returned = Some(ReturnRecord {
        date: "2026-01-20".into(),
        reason: "changed my mind".into(),
        fit: BTreeMap::new(),
    });
    backup.consents[1].share_contacts = true;

    let report = store.merge(&backup).unwrap();
    use RecordKind::*;
    assert_eq!(
        report.get(Snapshot),
        Merged {
            added: 1,
            present: 3
        }
    );
    assert_eq!(
        report.get(OrderItem),
        Merged {
            added: 1,
            present: 3
        }
    );
    assert_eq!(
        report.get(Return),
        Merged {
            added: 1,
            present: 1
        }
    );
    assert_eq!(
        report.get(Consent),
        Merged {
            added: 0,
            present: 2
        }
    );
    assert_eq!(report.added(), 3, "{report}");

    let ana = store.profiles().unwrap()[0].id;
    assert_eq!(store.measurement_history(ana).unwrap().len(), 3);
    let z1 = &store.export().unwrap().orders[0];
    assert_eq!(z1.items.len(), 3);
    assert_eq!(z1.items[0].status, ItemStatus::Returned);
    assert_eq!(
        z1.items[0].returned.as_ref().map(|r| r.reason.as_str()),
        Some("changed my mind")
    );
    assert!(!store.consent("zalando").unwrap().unwrap().share_contacts);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_bad_file_is_named_and_changes_nothing() {
    let (_dir, mut store) = filled("merge-bad");
    let json = store.export_json().unwrap();
    let before = store.export().unwrap();

    let err = Backup::from_json("{ \"format\": ").unwrap_err();
    assert!(matches!(err, BackupError::NotJson { line: 1, .. }), "{err}");
    assert!(err.to_string().starts_with("the file is not JSON"), "{err}");

    let passport = r#"{"format": "anprobe-fit-passport", "version": 2}"#;
    let err = Backup::from_json(passport).unwrap_err();
    assert!(
        matches!(&err, BackupError::NotBackup(Some(f)) if f == "anprobe-fit-passport"),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "not an Anprobe backup (format \"anprobe-fit-passport\", expected \"anprobe-backup\")"
    );
    let err = Backup::from_json("[1, 2]").unwrap_err();
    assert!(matches!(err, BackupError::NotBackup(None)), "{err}");

    let newer = json.replacen("\"version\": 2", "\"version\": 3", 1);
    let err = Backup::from_json(&newer).unwrap_err();
    assert!(matches!(err, BackupError::Newer(3)), "{err}");
    assert!(err.to_string().contains("newer Anprobe"), "{err}");

    let unknown = json.replacen("\"wishlist\"", "\"wishes\": [],\n  \"wishlist\"", 1);
    let err = Backup::from_json(&unknown).unwrap_err();
    assert!(
        matches!(err, BackupError::Unreadable { line: 3.., .. }),
        "{err}"
    );
    assert!(err.to_string().contains("unknown field `wishes`"), "{err}");

    let broken = json.replacen("\"currency\": \"EUR\"", "\"currency\": \"EURO\"", 1);
    let err = Backup::from_json(&broken).unwrap_err();
    assert!(
        matches!(&err, BackupError::Invalid { place, .. } if place == "wishlist[0]"),
        "{err}"
    );
    assert!(err.to_string().contains("invalid currency"), "{err}");

    // Merged as it is, unchecked: refused before anything is written.
    let unchecked: Backup = serde_json::from_str(&broken).unwrap();
    let err = store.merge(&unchecked).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("backup: wishlist[0]: invalid currency"),
        "{err}"
    );
    assert_eq!(store.export().unwrap(), before, "nothing changed");
}

#[test]
fn a_merge_cut_short_by_a_full_disk_writes_nothing() {
    let (_dir, mut store) = filled("merge-full");
    let before = store.export().unwrap();
    let (_other, mut big) = empty("merge-full-big");
    for i in 0..300 {
        big.add_wishlist(&NewWishlistItem {
            note: "x".repeat(3000),
            ..wish(&format!("BIG-{i}"), "M")
        })
        .unwrap();
    }
    let mut backup = big.export().unwrap();
    // The profiles are known (nothing written); the 300 large wishes fill the capped file
    // part-way, so the failure comes after writes of the same transaction.
    backup.profiles = before.profiles.clone();
    store.limit_pages_for_test(1).unwrap();
    let err = store.merge(&backup).unwrap_err();
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err}");
    store.limit_pages_for_test(1_000_000).unwrap();
    assert_eq!(store.export().unwrap(), before, "nothing half-merged");
    assert!(store.check().unwrap().is_ok());
}
