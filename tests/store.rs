//! Tests: the shopper's memory store — records, validation, migrations, the JSON backup, the fit
//! passport, and that nothing is lost (corrupt files, flipped bytes, kill -9, full or read-only
//! disks).

use anprobe::garment::{Region, Verdict};
use anprobe::measurements::{Form, Key, Measurements, Unit};
use anprobe::store::recovery::{consent_seal_v1, snapshot_seal};
use anprobe::store::schema::MIGRATIONS;
use anprobe::store::{
    Channel, Consent, CounterpartKind, DB_FILE, ItemStatus, LATEST_VERSION, NewContact, NewOrder,
    NewOrderItem, NewWishlistItem, Store, StoreError, TimelineEvent, parse_fit, resolve_data_dir,
};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A fresh folder under the system temp dir, removed when dropped.
struct StDir {
    path: PathBuf,
}

impl StDir {
    fn new(name: &str) -> StDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "anprobe-store-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("temp dir");
        StDir { path }
    }

    fn db(&self) -> PathBuf {
        self.path.join(DB_FILE)
    }
}

impl Drop for StDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Opens a store that must need no recovery.
fn st_open(dir: &Path) -> Store {
    let (store, report) = Store::open(dir).expect("store opens");
    assert!(report.recovered_from.is_none(), "{:?}", report.warnings);
    assert!(report.checksum_failures.is_empty(), "{:?}", report.warnings);
    store
}

fn st_body(chest: f64) -> Measurements {
    let mut m = Measurements::new(Form::Female, 168.0);
    m.set(Key::ChestGirth, chest);
    m.set(Key::WaistGirth, 76.0);
    m.set(Key::HipGirth, 100.5);
    m.set(Key::WeightKg, 61.25);
    m
}

fn st_wish(sku: &str) -> NewWishlistItem {
    NewWishlistItem {
        retailer: "Zalando".into(),
        sku: sku.into(),
        name: "Linen shirt".into(),
        size: "m".into(),
        colourway: "navy".into(),
        price: 49.95,
        currency: "eur".into(),
        note: "for the summer".into(),
        added: "2026-03-01".into(),
    }
}

fn st_item(sku: &str, window: Option<u32>) -> NewOrderItem {
    NewOrderItem {
        sku: sku.into(),
        name: format!("Garment {sku}"),
        size: "38".into(),
        colour: "black".into(),
        price: 79.9,
        currency: "EUR".into(),
        return_window_days: window,
    }
}

fn st_order(retailer: &str, number: &str, date: &str) -> NewOrder {
    NewOrder {
        retailer: retailer.into(),
        order_number: number.into(),
        date: date.into(),
        items: vec![st_item("A-1", Some(30)), st_item("B-2", None)],
    }
}

fn st_contact(counterpart: &str, date: &str, summary: &str) -> NewContact {
    NewContact {
        counterpart: counterpart.into(),
        kind: CounterpartKind::Retailer,
        channel: Channel::Phone,
        date: date.into(),
        summary: summary.into(),
        outcome: "solved".into(),
    }
}

/// The libtest name of a test in this module, e.g. `store::kill_writer_child` when this file is
/// a module of `tests/main.rs`.
fn st_test_name(function: &str) -> String {
    match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::{function}"),
        None => function.to_string(),
    }
}

/// Flips the lowest bit of every occurrence of `value` (as SQLite stores a REAL: 8 bytes,
/// big-endian) in a file; returns how many were flipped.
fn st_flip_real(file: &Path, value: f64) -> usize {
    let mut bytes = fs::read(file).expect("read db");
    let pattern = value.to_be_bytes();
    let positions: Vec<usize> = bytes
        .windows(8)
        .enumerate()
        .filter(|(_, w)| *w == pattern)
        .map(|(i, _)| i)
        .collect();
    for &pos in &positions {
        bytes[pos + 7] ^= 0x01;
    }
    fs::write(file, &bytes).expect("write db");
    positions.len()
}

fn st_integrity(file: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open raw");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

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
    if let Ok(os) = resolve_data_dir(None, Some(OsStr::new(""))) {
        assert!(
            os.components()
                .any(|c| c.as_os_str().to_string_lossy().contains("anprobe")),
            "{os:?}"
        );
    }
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

#[test]
fn profiles_keep_dated_history_and_use_the_latest() {
    let dir = StDir::new("profiles");
    let mut store = st_open(&dir.path);
    let ana = store.add_profile("Ana", "2026-01-01").unwrap();
    let ben = store.add_profile("Ben", "2026-01-01").unwrap();
    assert!(matches!(
        store.add_profile(" Ana ", "2026-01-02"),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.latest_measurements(ana).unwrap(), None);
    let newer = store
        .add_measurements(ana, &st_body(93.0), "2026-02-01")
        .unwrap();
    // Entered later but taken earlier: history, not the latest.
    let older = store
        .add_measurements(ana, &st_body(91.0), "2025-11-01T10:00:00+01:00")
        .unwrap();
    let mut inches = Measurements::new(Form::Male, 180.0);
    inches.unit = Unit::In;
    inches.set(Key::ChestGirth, 40.0 * 2.54 + 1e-9);
    store.add_measurements(ben, &inches, "2026-01-05").unwrap();

    let latest = store.latest_measurements(ana).unwrap().unwrap();
    assert_eq!(latest.id, newer);
    assert_eq!(latest.measurements.get(Key::ChestGirth), Some(93.0));
    assert_eq!(latest.measurements.form, Some(Form::Female));
    let history = store.measurement_history(ana).unwrap();
    assert_eq!(
        history.iter().map(|s| s.id).collect::<Vec<_>>(),
        [newer, older]
    );
    let ben_latest = store.latest_measurements(ben).unwrap().unwrap();
    assert_eq!(ben_latest.measurements.unit, Unit::In);
    assert_eq!(ben_latest.measurements.get(Key::ChestGirth), Some(101.6));
    assert_eq!(store.profiles().unwrap().len(), 2);

    assert!(matches!(
        store.add_measurements(99, &st_body(90.0), "2026-01-01"),
        Err(StoreError::NotFound {
            what: "profile",
            ..
        })
    ));
    let mut bad = st_body(90.0);
    bad.set(Key::WaistGirth, -3.0);
    let err = store.add_measurements(ana, &bad, "2026-01-01").unwrap_err();
    assert!(err.to_string().contains("waist_girth"), "{err}");
}

#[test]
fn profiles_rename_delete_and_record_one_snapshot_per_day() {
    let dir = StDir::new("profiles-day");
    let mut store = st_open(&dir.path);
    let ana = store.add_profile("Ana", "2026-01-01").unwrap();
    let ben = store.add_profile("Ben", "2026-01-01").unwrap();
    // The first recording adds, an equal one writes nothing, a change the same day replaces.
    assert!(
        store
            .record_measurements(ana, &st_body(90.0), "2026-03-01")
            .unwrap()
    );
    assert!(
        !store
            .record_measurements(ana, &st_body(90.0), "2026-03-02")
            .unwrap()
    );
    assert!(
        store
            .record_measurements(ana, &st_body(91.0), "2026-03-01")
            .unwrap()
    );
    let history = store.measurement_history(ana).unwrap();
    assert_eq!(history.len(), 1, "one snapshot per day");
    assert_eq!(history[0].measurements.get(Key::ChestGirth), Some(91.0));
    // A later day keeps the earlier one as history.
    assert!(
        store
            .record_measurements(ana, &st_body(92.5), "2026-04-10")
            .unwrap()
    );
    let history = store.measurement_history(ana).unwrap();
    let chests: Vec<_> = history
        .iter()
        .map(|s| (s.taken.as_str(), s.measurements.get(Key::ChestGirth)))
        .collect();
    assert_eq!(
        chests,
        [("2026-04-10", Some(92.5)), ("2026-03-01", Some(91.0))]
    );

    store.rename_profile(ana, "Ana B.").unwrap();
    assert!(matches!(
        store.rename_profile(ana, "Ben"),
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.rename_profile(ana, "  "),
        Err(StoreError::Invalid { .. })
    ));
    store
        .record_measurements(ben, &st_body(99.0), "2026-03-01")
        .unwrap();
    store.delete_profile(ben).unwrap();
    let names: Vec<String> = store
        .profiles()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Ana B."]);
    assert!(matches!(
        store.latest_measurements(ben),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.delete_profile(ben),
        Err(StoreError::NotFound { .. })
    ));
    // What is left passes the store's own check (seals, foreign keys).
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn wishlist_add_list_remove_and_move_to_order() {
    let dir = StDir::new("wishlist");
    let mut store = st_open(&dir.path);
    let a = store.add_wishlist(&st_wish("SKU-A")).unwrap();
    let b = store
        .add_wishlist(&NewWishlistItem {
            added: "2026-03-05".into(),
            size: "32/34".into(),
            ..st_wish("SKU-B")
        })
        .unwrap();
    let c = store.add_wishlist(&st_wish("SKU-C")).unwrap();
    let other = store
        .add_wishlist(&NewWishlistItem {
            retailer: "COS".into(),
            ..st_wish("SKU-D")
        })
        .unwrap();
    let list = store.list_wishlist().unwrap();
    assert_eq!(list[0].id, b, "newest first");
    let item = store.wishlist_item(a).unwrap();
    assert_eq!(
        (item.size.as_str(), item.currency.as_str(), item.price),
        ("M", "EUR", 49.95)
    );

    store.remove_wishlist(c).unwrap();
    assert!(matches!(
        store.remove_wishlist(c),
        Err(StoreError::NotFound { .. })
    ));

    let err = store
        .move_wishlist_to_order(&[a, other], "Z-100", "2026-03-10")
        .unwrap_err();
    assert!(err.to_string().contains("different retailers"), "{err}");
    assert_eq!(store.list_wishlist().unwrap().len(), 3, "nothing moved");

    let order_id = store
        .move_wishlist_to_order(&[a, b], "Z-100", "2026-03-10")
        .unwrap();
    let order = store.order(order_id).unwrap();
    assert_eq!(order.retailer, "Zalando");
    assert_eq!(order.items.len(), 2);
    assert_eq!(order.items[0].colour, "navy");
    assert_eq!(order.items[1].size, "32/34");
    assert!(order.items.iter().all(|i| i.status == ItemStatus::Ordered));
    let left: Vec<i64> = store
        .list_wishlist()
        .unwrap()
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(left, [other]);
}

#[test]
fn orders_newest_first_with_status_and_return_deadline() {
    let dir = StDir::new("orders");
    let mut store = st_open(&dir.path);
    let first = store
        .add_order(&st_order("Zalando", "Z-1", "2024-02-20"))
        .unwrap();
    let second = store
        .add_order(&st_order("Zalando", "Z-2", "2024-12-20T18:30:00+01:00"))
        .unwrap();
    let third = store
        .add_order(&st_order("COS", "C-9", "2024-06-01"))
        .unwrap();
    assert!(matches!(
        store.add_order(&st_order("zalando", "Z-1", "2024-03-01")),
        Err(StoreError::Conflict(_))
    ));
    let err = store
        .add_order(&st_order("Zalando", "Z-1", "2024-03-01"))
        .unwrap_err();
    assert!(err.to_string().contains("already recorded"), "{err}");

    let newest: Vec<i64> = store
        .list_orders(10)
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(&newest[..3], [second, third, first]);
    assert_eq!(store.list_orders(1).unwrap().len(), 1);

    let order = store.order(first).unwrap();
    // 2024 is a leap year: 20 Feb + 30 days = 21 Mar.
    assert_eq!(
        order.items[0].return_deadline.as_deref(),
        Some("2024-03-21")
    );
    assert_eq!(order.items[1].return_deadline, None);
    let late = store.order(second).unwrap();
    assert_eq!(late.items[0].return_deadline.as_deref(), Some("2025-01-19"));

    let item = order.items[0].id;
    store.set_item_status(item, ItemStatus::Delivered).unwrap();
    store.set_item_status(item, ItemStatus::Kept).unwrap();
    assert_eq!(
        store.order(first).unwrap().items[0].status,
        ItemStatus::Kept
    );
    assert!(matches!(
        store.set_item_status(9999, ItemStatus::Kept),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(ItemStatus::parse("Delivered"), Some(ItemStatus::Delivered));

    let err = store
        .add_order(&NewOrder {
            items: vec![],
            ..st_order("COS", "C-10", "2024-06-01")
        })
        .unwrap_err();
    assert!(err.to_string().contains("items"), "{err}");
    let ids = store
        .add_orders(&[
            st_order("COS", "C-11", "2024-07-01"),
            st_order("COS", "C-12", "2024-07-02"),
        ])
        .unwrap();
    assert_eq!(ids.len(), 2);
    // A bad order in a batch: none of the batch is recorded.
    let before = store.list_orders(100).unwrap().len();
    let mut bad = st_order("COS", "C-14", "2024-07-02");
    bad.items[1].currency = "XXX".into();
    let err = store
        .add_orders(&[st_order("COS", "C-13", "2024-07-01"), bad])
        .unwrap_err();
    assert!(
        err.to_string().contains("orders[1].items[1].currency"),
        "{err}"
    );
    assert_eq!(store.list_orders(100).unwrap().len(), before);
}

#[test]
fn returns_record_reason_and_fit_per_region() {
    let dir = StDir::new("returns");
    let mut store = st_open(&dir.path);
    let id = store
        .add_order(&st_order("Zalando", "Z-7", "2026-01-10"))
        .unwrap();
    let item = store.order(id).unwrap().items[0].id;
    let fit = parse_fit("chest=tight, sleeves=long, upper-arm=good").unwrap();
    assert_eq!(fit[2], (Region::UpperArm, Verdict::Good));
    assert!(
        parse_fit("elbow=tight")
            .unwrap_err()
            .to_string()
            .contains("elbow")
    );
    assert!(
        parse_fit("chest=huge")
            .unwrap_err()
            .to_string()
            .contains("huge")
    );

    let err = store
        .return_item(item, "2026-01-01", "too small", &fit)
        .unwrap_err();
    assert!(err.to_string().contains("before the order date"), "{err}");
    let err = store
        .return_item(
            item,
            "2026-01-20",
            "x",
            &[
                (Region::Chest, Verdict::Tight),
                (Region::Chest, Verdict::Good),
            ],
        )
        .unwrap_err();
    assert!(err.to_string().contains("chest is given twice"), "{err}");

    store
        .return_item(item, "2026-01-20", "too small", &fit)
        .unwrap();
    let returned = &store.order(id).unwrap().items[0];
    assert_eq!(returned.status, ItemStatus::Returned);
    let record = returned.returned.as_ref().unwrap();
    assert_eq!(record.reason, "too small");
    assert_eq!(record.fit.get(&Region::Chest), Some(&Verdict::Tight));
    assert_eq!(record.fit.get(&Region::Sleeve), Some(&Verdict::Long));
    assert!(matches!(
        store.return_item(item, "2026-01-21", "again", &[]),
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.set_item_status(item, ItemStatus::Kept),
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.return_item(12345, "2026-01-21", "?", &[]),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn timeline_merges_contacts_orders_returns_newest_first_and_searches() {
    let dir = StDir::new("timeline");
    let mut store = st_open(&dir.path);
    let order = store
        .add_order(&st_order("Zalando", "Z-42", "2026-02-01"))
        .unwrap();
    let item = store.order(order).unwrap().items[1].id;
    store
        .return_item(
            item,
            "2026-02-10",
            "sleeves too long",
            &parse_fit("sleeves=long").unwrap(),
        )
        .unwrap();
    store
        .add_contact(&st_contact(
            "Zalando",
            "2026-02-05",
            "asked about the return label",
        ))
        .unwrap();
    store
        .add_contact(&st_contact(
            "zalando",
            "2026-01-15",
            "size advice for linen shirt",
        ))
        .unwrap();
    store
        .add_contact(&NewContact {
            kind: CounterpartKind::Stylist,
            channel: Channel::StylistSession,
            ..st_contact("Mia Stylist", "2026-02-07", "capsule wardrobe")
        })
        .unwrap();
    store
        .add_order(&st_order("COS", "C-1", "2026-02-03"))
        .unwrap();

    let timeline = store.timeline("ZALANDO", None).unwrap();
    let kinds: Vec<(&str, &str)> = timeline
        .iter()
        .map(|e| {
            let kind = match &e.event {
                TimelineEvent::Contact(_) => "contact",
                TimelineEvent::Order(_) => "order",
                TimelineEvent::Return { .. } => "return",
            };
            (e.date.as_str(), kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("2026-02-10", "return"),
            ("2026-02-05", "contact"),
            ("2026-02-01", "order"),
            ("2026-01-15", "contact"),
        ]
    );
    let found = store.timeline("Zalando", Some("SLEEVES")).unwrap();
    assert_eq!(found.len(), 1);
    assert!(matches!(found[0].event, TimelineEvent::Return { .. }));
    assert!(found[0].text().contains("sleeve=long"));
    // The order and its return both name the order number.
    assert_eq!(store.timeline("Zalando", Some("Z-42")).unwrap().len(), 2);
    assert!(
        store
            .timeline("Zalando", Some("capsule"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.timeline("Mia Stylist", None).unwrap().len(), 1);
    assert_eq!(
        store.counterparts().unwrap(),
        ["COS", "Mia Stylist", "Zalando"]
    );
    assert_eq!(
        store.contacts(Some("zalando")).unwrap()[0].date,
        "2026-02-05"
    );
    assert_eq!(
        Channel::parse("stylist-session"),
        Some(Channel::StylistSession)
    );
}

#[test]
fn fit_passport_holds_only_what_the_consent_allows() {
    let dir = StDir::new("passport");
    let mut store = st_open(&dir.path);
    let ana = store.add_profile("Ana", "2026-01-01").unwrap();
    store
        .add_measurements(ana, &st_body(93.5), "2026-01-02")
        .unwrap();
    store
        .add_order(&st_order("Zalando", "Z-SECRET-ORDER", "2026-01-05"))
        .unwrap();
    store
        .add_order(&st_order("COS", "COS-OTHER-SHOP", "2026-01-06"))
        .unwrap();
    store
        .add_contact(&st_contact("Zalando", "2026-01-07", "private phone call"))
        .unwrap();

    assert!(matches!(
        store.fit_passport(ana, "Zalando"),
        Err(StoreError::NoConsent(_))
    ));
    store
        .set_consent(&Consent {
            counterpart: "Zalando".into(),
            kind: CounterpartKind::Retailer,
            keys: vec![Key::WaistGirth, Key::ChestGirth],
            share_orders: false,
            share_contacts: false,
        })
        .unwrap();
    let json = store.fit_passport(ana, "zalando").unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "anprobe-fit-passport");
    let measurements = value["measurements"].as_object().unwrap();
    assert_eq!(
        measurements.keys().collect::<Vec<_>>(),
        ["chest_girth", "waist_girth"]
    );
    assert_eq!(measurements["chest_girth"], 93.5);
    assert!(value.get("orders").is_none() && value.get("contacts").is_none());
    for absent in [
        "hip_girth",
        "weight_kg",
        "stature",
        "Z-SECRET-ORDER",
        "private phone call",
        "COS-OTHER-SHOP",
        "Ana",
    ] {
        assert!(!json.contains(absent), "{absent} leaked into {json}");
    }

    // Widening the consent: its own orders and contacts, never another retailer's.
    store
        .set_consent(&Consent {
            counterpart: "Zalando".into(),
            kind: CounterpartKind::Retailer,
            keys: vec![Key::HipGirth],
            share_orders: true,
            share_contacts: true,
        })
        .unwrap();
    let json = store.fit_passport(ana, "Zalando").unwrap();
    assert!(json.contains("Z-SECRET-ORDER") && json.contains("private phone call"));
    assert!(!json.contains("COS-OTHER-SHOP") && !json.contains("chest_girth"));
    assert_eq!(store.consents().unwrap().len(), 1);
    assert_eq!(
        store.consent("ZALANDO").unwrap().unwrap().keys,
        [Key::HipGirth]
    );
    assert!(store.revoke_consent("zalando").unwrap());
    assert!(store.consents().unwrap().is_empty());
}

#[test]
fn validation_messages_name_the_field() {
    let dir = StDir::new("validate");
    let mut store = st_open(&dir.path);
    let cases: Vec<(NewWishlistItem, &str)> = vec![
        (
            NewWishlistItem {
                sku: "  ".into(),
                ..st_wish("x")
            },
            "invalid sku: must not be empty",
        ),
        (
            NewWishlistItem {
                retailer: "".into(),
                ..st_wish("x")
            },
            "invalid retailer: must not be empty",
        ),
        (
            NewWishlistItem {
                price: -1.0,
                ..st_wish("x")
            },
            "invalid price: must not be negative",
        ),
        (
            NewWishlistItem {
                price: f64::NAN,
                ..st_wish("x")
            },
            "invalid price: must be a finite number",
        ),
        (
            NewWishlistItem {
                price: f64::INFINITY,
                ..st_wish("x")
            },
            "invalid price: must be a finite number",
        ),
        (
            NewWishlistItem {
                currency: "EURO".into(),
                ..st_wish("x")
            },
            "invalid currency: \"EURO\" is not a known ISO 4217",
        ),
        (
            NewWishlistItem {
                size: "banana".into(),
                ..st_wish("x")
            },
            "invalid size: \"banana\" is not a size label",
        ),
        (
            NewWishlistItem {
                size: "1000".into(),
                ..st_wish("x")
            },
            "invalid size",
        ),
        (
            NewWishlistItem {
                size: "99/99".into(),
                ..st_wish("x")
            },
            "invalid size",
        ),
        (
            NewWishlistItem {
                added: "2026-02-30".into(),
                ..st_wish("x")
            },
            "invalid added: \"2026-02-30\" is not a calendar date",
        ),
        (
            NewWishlistItem {
                added: "yesterday".into(),
                ..st_wish("x")
            },
            "invalid added",
        ),
        (
            NewWishlistItem {
                added: "2026-02-03T25:00:00Z".into(),
                ..st_wish("x")
            },
            "invalid added",
        ),
    ];
    for (item, expected) in cases {
        let err = store.add_wishlist(&item).unwrap_err();
        assert!(
            err.to_string().starts_with(expected),
            "{err} should start with {expected}"
        );
    }
    assert!(store.list_wishlist().unwrap().is_empty());

    for (size, normal) in [
        ("xxs", "XXS"),
        ("5xl", "5XL"),
        ("S/M", "S/M"),
        ("34", "34"),
        ("60", "60"),
        ("38.5", "38.5"),
        ("eu 42", "EU 42"),
        ("32/34", "32/34"),
        ("W32 L34", "32/34"),
        ("32x30", "32/30"),
        ("one size", "ONE SIZE"),
        ("One-Size", "ONE SIZE"),
    ] {
        let id = store
            .add_wishlist(&NewWishlistItem {
                size: size.into(),
                ..st_wish("ok")
            })
            .unwrap_or_else(|e| panic!("{size}: {e}"));
        assert_eq!(store.wishlist_item(id).unwrap().size, normal);
    }
    for code in [
        "EUR", "usd", "GBP", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK", "JPY", "CAD", "AUD",
    ] {
        store
            .add_wishlist(&NewWishlistItem {
                currency: code.into(),
                ..st_wish("ok")
            })
            .unwrap_or_else(|e| panic!("{code}: {e}"));
    }
    let yen = store
        .add_wishlist(&NewWishlistItem {
            currency: "JPY".into(),
            price: 4990.4,
            ..st_wish("ok")
        })
        .unwrap();
    assert_eq!(
        store.wishlist_item(yen).unwrap().price,
        4990.0,
        "yen have no minor unit"
    );
    let err = store
        .add_order(&NewOrder {
            items: vec![
                st_item("A", None),
                NewOrderItem {
                    sku: "".into(),
                    ..st_item("B", None)
                },
            ],
            ..st_order("Zalando", "Z-1", "2026-01-01")
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("invalid items[1].sku"), "{err}");
    let err = store
        .add_order(&st_order("Zalando", "", "2026-01-01"))
        .unwrap_err();
    assert!(err.to_string().starts_with("invalid order_number"), "{err}");
}

/// Fills a store with one of everything.
fn st_fill(store: &mut Store) {
    let ana = store.add_profile("Ana", "2025-12-24").unwrap();
    let ben = store.add_profile("Ben", "2025-12-25T08:00:00Z").unwrap();
    store
        .add_measurements(ana, &st_body(92.3), "2026-01-01")
        .unwrap();
    store
        .add_measurements(ana, &st_body(93.1), "2026-02-01")
        .unwrap();
    let mut odd = Measurements {
        form: None,
        unit: Unit::In,
        ..Measurements::default()
    };
    odd.set(Key::Stature, 71.3 * 2.54);
    odd.set(Key::InsideLeg, 0.1 + 0.2 + 80.0);
    store.add_measurements(ben, &odd, "2026-01-03").unwrap();
    store.add_wishlist(&st_wish("W-1")).unwrap();
    let removed = store.add_wishlist(&st_wish("W-2")).unwrap();
    store
        .add_wishlist(&NewWishlistItem {
            price: 1.0 / 3.0,
            currency: "CHF".into(),
            ..st_wish("W-3")
        })
        .unwrap();
    store.remove_wishlist(removed).unwrap();
    let order = store
        .add_order(&st_order("Zalando", "Z-1", "2026-01-05"))
        .unwrap();
    let items = store.order(order).unwrap().items;
    store
        .set_item_status(items[0].id, ItemStatus::Kept)
        .unwrap();
    store
        .return_item(
            items[1].id,
            "2026-01-12",
            "too tight",
            &parse_fit("chest=tight,length=good").unwrap(),
        )
        .unwrap();
    store
        .add_order(&st_order("COS", "C-1", "2026-01-07"))
        .unwrap();
    store
        .add_contact(&st_contact("Zalando", "2026-01-06", "phone: return label"))
        .unwrap();
    store
        .set_consent(&Consent {
            counterpart: "Zalando".into(),
            kind: CounterpartKind::Retailer,
            keys: vec![Key::ChestGirth],
            share_orders: true,
            share_contacts: false,
        })
        .unwrap();
    store
        .set_consent(&Consent {
            counterpart: "Mia".into(),
            kind: CounterpartKind::Stylist,
            keys: Key::ALL.to_vec(),
            share_orders: false,
            share_contacts: true,
        })
        .unwrap();
}

#[test]
fn export_import_round_trip_is_exact() {
    let dir = StDir::new("export");
    let mut store = st_open(&dir.path);
    st_fill(&mut store);
    let json = store.export_json().unwrap();
    assert!(json.contains("\"format\": \"anprobe-backup\""));

    let fresh = StDir::new("import");
    let mut copy = st_open(&fresh.path);
    copy.import_json(&json).unwrap();
    assert_eq!(copy.export_json().unwrap(), json);
    assert_eq!(copy.export().unwrap(), store.export().unwrap());
    assert!(copy.check().unwrap().is_ok());
    // The copy works like the original: ids continue after the restored ones.
    let next = copy.add_wishlist(&st_wish("W-9")).unwrap();
    assert!(
        next > store
            .list_wishlist()
            .unwrap()
            .iter()
            .map(|w| w.id)
            .max()
            .unwrap()
    );

    // Only into an empty store, all or nothing.
    let err = copy.import_json(&json).unwrap_err();
    assert!(err.to_string().contains("empty store"), "{err}");
    let other = StDir::new("import-bad");
    let mut target = st_open(&other.path);
    let broken = json.replacen("\"currency\": \"EUR\"", "\"currency\": \"EURO\"", 1);
    let err = target.import_json(&broken).unwrap_err();
    assert!(err.to_string().contains("currency"), "{err}");
    assert!(
        target.export().unwrap().profiles.is_empty(),
        "nothing half-imported"
    );
    assert!(target.import_json("{\"format\": \"zip\"}").is_err());
}

/// Builds a database at schema `version` with the migrations' own SQL.
fn st_db_at_version(dir: &Path, version: u32) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.join(DB_FILE)).unwrap();
    for m in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(m.sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version).unwrap();
    conn
}

fn st_v1_rows(conn: &rusqlite::Connection) {
    let values = [
        ("chest_girth".to_string(), 92.5),
        ("stature".to_string(), 168.0),
    ];
    let seal = snapshot_seal(1, 1, "2024-01-02", "female", "cm", &values);
    conn.execute_batch(&format!(
        "INSERT INTO profiles (id, name, created) VALUES (1, 'Ana', '2024-01-01');
         INSERT INTO snapshots (id, profile_id, taken, form, unit, seal) VALUES (1, 1, '2024-01-02', 'female', 'cm', '{seal}');
         INSERT INTO snapshot_values VALUES (1, 'stature', 168.0), (1, 'chest_girth', 92.5);
         INSERT INTO orders (id, retailer, order_number, date) VALUES (1, 'Zalando', 'Z-1', '2024-02-01');
         INSERT INTO order_items (id, order_id, sku, name, size, price, currency, return_window_days, status)
             VALUES (1, 1, 'SKU-1', 'Shirt', 'M', 39.95, 'EUR', 30, 'delivered');
         INSERT INTO consents (counterpart, kind, keys, share_history, seal)
             VALUES ('Zalando', 'retailer', 'chest_girth', 1, '{}');
         UPDATE meta SET value = 6 WHERE key = 'generation';",
        consent_seal_v1("Zalando", "retailer", "chest_girth", true)
    ))
    .unwrap();
}

#[test]
fn migration_v1_to_latest_keeps_data() {
    let dir = StDir::new("migrate-v1");
    st_v1_rows(&st_db_at_version(&dir.path, 1));
    let (store, report) = Store::open(&dir.path).unwrap();
    assert_eq!(report.migrated_from, Some(1));
    assert!(
        report.backup.is_some(),
        "a backup is taken before migrating"
    );
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let order = store.order(1).unwrap();
    assert_eq!(order.items[0].colour, "", "v2 adds the colour");
    assert_eq!(
        order.items[0].return_deadline.as_deref(),
        Some("2024-03-02")
    );
    let consent = store.consent("Zalando").unwrap().unwrap();
    assert!(
        consent.share_orders && consent.share_contacts,
        "v3 splits the history scope"
    );
    assert_eq!(
        store
            .latest_measurements(1)
            .unwrap()
            .unwrap()
            .measurements
            .get(Key::ChestGirth),
        Some(92.5)
    );
    assert!(store.check().unwrap().is_ok());
}

/// A v3 file's return feedback spoke of `sleeves`; v4 stores the fit's own word, `sleeve`, and
/// leaves every other region and verdict as it was.
#[test]
fn migration_v3_to_v4_renames_sleeves_feedback_to_the_fits_region() {
    let dir = StDir::new("migrate-v3");
    {
        let conn = st_db_at_version(&dir.path, 3);
        conn.execute_batch(
            "INSERT INTO orders (id, retailer, order_number, date) VALUES (1, 'Zalando', 'Z-1', '2024-02-01');
             INSERT INTO order_items (id, order_id, sku, name, size, price, currency, return_window_days, status, colour)
                 VALUES (1, 1, 'SKU-1', 'Shirt', 'M', 39.95, 'EUR', 30, 'delivered', 'navy');
             INSERT INTO returns (item_id, date, reason) VALUES (1, '2024-02-10', 'sleeves too long');
             INSERT INTO return_fit (item_id, region, verdict) VALUES (1, 'sleeves', 'long');
             INSERT INTO return_fit (item_id, region, verdict) VALUES (1, 'chest', 'tight');
             UPDATE order_items SET status = 'returned' WHERE id = 1;",
        )
        .unwrap();
    }
    let (store, report) = Store::open(&dir.path).unwrap();
    assert_eq!(report.migrated_from, Some(3));
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let returned = store.order(1).unwrap().items[0].returned.clone().unwrap();
    assert_eq!(
        returned.fit,
        BTreeMap::from([
            (Region::Chest, Verdict::Tight),
            (Region::Sleeve, Verdict::Long)
        ])
    );
    let conn = rusqlite::Connection::open(dir.path.join(DB_FILE)).unwrap();
    let stored: Vec<String> = conn
        .prepare("SELECT region FROM return_fit ORDER BY region")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored, ["chest", "sleeve"]);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn migration_v2_to_v3_splits_consents_and_keeps_damage_visible() {
    let dir = StDir::new("migrate-v2");
    {
        let conn = st_db_at_version(&dir.path, 2);
        st_v1_rows(&conn);
        conn.execute_batch(&format!(
            "UPDATE order_items SET colour = 'navy';
             INSERT INTO consents (counterpart, kind, keys, share_history, seal)
                 VALUES ('Mia', 'stylist', 'stature,chest_girth', 0, '{}');
             INSERT INTO consents (counterpart, kind, keys, share_history, seal)
                 VALUES ('Tampered', 'retailer', 'hip_girth', 1, 'not-the-seal');",
            consent_seal_v1("Mia", "stylist", "stature,chest_girth", false)
        ))
        .unwrap();
    }
    let (store, report) = Store::open(&dir.path).unwrap();
    assert_eq!(report.migrated_from, Some(2));
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.order(1).unwrap().items[0].colour, "navy");
    let mia = store.consent("mia").unwrap().unwrap();
    assert!(!mia.share_orders && !mia.share_contacts);
    assert_eq!(mia.keys, [Key::Stature, Key::ChestGirth]);
    // The altered row was not re-sealed by the migration: still reported.
    assert_eq!(report.checksum_failures.len(), 1);
    assert!(matches!(
        store.consent("Tampered"),
        Err(StoreError::Checksum {
            table: "consents",
            ..
        })
    ));
    let check = store.check().unwrap();
    assert!(!check.is_ok());
    assert!(check.checksum_failures[0].row.contains("Tampered"));
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let dir = StDir::new("too-new");
    {
        let mut store = st_open(&dir.path);
        store.add_profile("Ana", "2026-01-01").unwrap();
    }
    rusqlite::Connection::open(dir.db())
        .unwrap()
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    let before = fs::read(dir.db()).unwrap();
    let err = Store::open(&dir.path).err().expect("refused");
    assert!(
        matches!(err, StoreError::TooNew { found, .. } if found == LATEST_VERSION + 1),
        "{err}"
    );
    assert!(
        err.to_string().contains("newer version of Anprobe"),
        "{err}"
    );
    assert_eq!(fs::read(dir.db()).unwrap(), before);
}

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
        eprintln!("read-only folder test skipped: this machine cannot make a folder read-only");
        return;
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

/// The env var that turns [`kill_writer_child`] into the writer process.
const ST_KILL_WRITER_ENV: &str = "ANPROBE_KILL_WRITER_DIR";

/// The writer of the kill -9 test: adds records forever (10 s at most), printing each id only
/// after its transaction committed. Returns at once when run as an ordinary test.
#[test]
fn kill_writer_child() {
    let Some(dir) = std::env::var_os(ST_KILL_WRITER_ENV) else {
        return;
    };
    let (mut store, _) = Store::open(&dir).expect("writer opens the store");
    let mut out = std::io::stdout().lock();
    let profile = match store.profiles().unwrap().first() {
        Some(p) => p.id,
        None => store.add_profile("Writer", "2026-01-01").unwrap(),
    };
    writeln!(out, "ANPROBE-READY {profile}").unwrap();
    out.flush().unwrap();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(10) {
        n += 1;
        let line = match n % 3 {
            0 => format!(
                "w {}",
                store.add_wishlist(&st_wish(&format!("K-{n}"))).unwrap()
            ),
            1 => {
                let order = st_order(
                    "Zalando",
                    &format!("K-{}-{n}", std::process::id()),
                    "2026-01-01",
                );
                format!("o {}", store.add_order(&order).unwrap())
            }
            _ => {
                let body = st_body(80.0 + (n % 40) as f64);
                format!(
                    "m {}",
                    store
                        .add_measurements(profile, &body, "2026-01-02")
                        .unwrap()
                )
            }
        };
        writeln!(out, "ANPROBE-ID {line}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn kill_nine_during_writes_loses_no_committed_record() {
    let dir = StDir::new("kill9");
    let exe = std::env::current_exe().expect("test binary");
    let name = st_test_name("kill_writer_child");
    let mut printed: Vec<(String, i64)> = Vec::new();
    let mut profile = None;
    let started = Instant::now();
    for iteration in 0..200u64 {
        let mut child = Command::new(&exe)
            .args(["--exact", &name, "--nocapture", "--test-threads=1"])
            .env(ST_KILL_WRITER_ENV, &dir.path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match stdout.read_line(&mut line) {
                    // Only whole lines count: a kill can cut the last one.
                    Ok(n) if n > 0 && line.ends_with('\n') => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        });
        let mut seed = iteration.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % 30_000);
        let mut lines = Vec::new();
        if iteration % 2 == 1 {
            // Half the kills land while writing, counted from the writer's first record...
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                match rx.recv_timeout(Duration::from_millis(50)) {
                    Ok(line) if line.contains("ANPROBE-READY") => {
                        lines.push(line);
                        break;
                    }
                    Ok(line) => lines.push(line),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    Err(_) => break,
                }
            }
        }
        // ...the other half anywhere from start-up on.
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        reader.join().unwrap();
        lines.extend(rx.try_iter());

        let mut fresh = Vec::new();
        for line in &lines {
            // libtest may print "test NAME ... " in front of the first line.
            let Some(start) = line.find("ANPROBE-") else {
                continue;
            };
            let mut words = line[start..].split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some("ANPROBE-ID"), Some(kind), Some(id)) => {
                    fresh.push((kind.to_string(), id.parse::<i64>().unwrap()))
                }
                (Some("ANPROBE-READY"), Some(id), None) => {
                    profile = Some(id.parse::<i64>().unwrap())
                }
                _ => {}
            }
        }
        let (store, report) = Store::open(&dir.path).expect("reopens after kill -9");
        assert!(
            report.recovered_from.is_none() && report.checksum_failures.is_empty(),
            "iteration {iteration}: {:?}",
            report.warnings
        );
        for (kind, id) in &fresh {
            let present = match kind.as_str() {
                "w" => store.wishlist_item(*id).is_ok(),
                "o" => store.order(*id).is_ok_and(|o| o.items.len() == 2),
                _ => store
                    .measurement_history(profile.unwrap())
                    .unwrap()
                    .iter()
                    .any(|s| s.id == *id),
            };
            assert!(present, "iteration {iteration}: committed {kind} {id} lost");
        }
        printed.extend(fresh);
        let check = store.check().unwrap();
        assert_eq!(check.integrity, ["ok"], "iteration {iteration}");
        assert!(check.checksum_failures.is_empty(), "iteration {iteration}");
    }
    // Every id printed over all the kills is still there.
    let store = st_open(&dir.path);
    let wishlist: BTreeSet<i64> = store
        .list_wishlist()
        .unwrap()
        .iter()
        .map(|w| w.id)
        .collect();
    let orders: BTreeSet<i64> = store
        .list_orders(usize::MAX)
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    let snapshots: BTreeSet<i64> = match profile {
        Some(p) => store
            .measurement_history(p)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect(),
        None => BTreeSet::new(),
    };
    for (kind, id) in &printed {
        let set = match kind.as_str() {
            "w" => &wishlist,
            "o" => &orders,
            _ => &snapshots,
        };
        assert!(set.contains(id), "committed {kind} {id} lost");
    }
    assert!(
        printed.len() >= 100,
        "only {} records were written",
        printed.len()
    );
    eprintln!(
        "kill -9: 200 kills, {} committed records checked, {:.1} s",
        printed.len(),
        started.elapsed().as_secs_f64()
    );
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
