//! Tests: the shopper's memory store — records, validation, migrations, the JSON export, the fit
//! passport, and that nothing is lost (corrupt files, flipped bytes, kill -9, full or read-only
//! disks). Shared helpers live here; each submodule tests one concern.

mod dates;
mod hostile_disks;
mod json_export;
mod kill_nine;
mod merge;
mod migrations;
mod opening;
mod profiles;
mod recovery;
mod shopping;
mod validation;

use anprobe::measurements::{Form, Key, Measurements};
use anprobe::store::{
    Channel, CounterpartKind, DB_FILE, NewContact, NewOrder, NewOrderItem, NewWishlistItem, Store,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
