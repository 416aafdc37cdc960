//! Schema migrations, each tested from a database file built with the previous versions' SQL; a
//! newer schema is refused untouched.

use super::{StDir, st_open};
use anprobe::garment::{Region, Verdict};
use anprobe::measurements::Key;
use anprobe::store::recovery::{consent_seal_v1, snapshot_seal};
use anprobe::store::schema::MIGRATIONS;
use anprobe::store::{DB_FILE, LATEST_VERSION, Store, StoreError};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Builds a database at schema `version` with the migrations' own SQL.
fn st_db_at_version(dir: &Path, version: u32) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.join(DB_FILE)).unwrap();
    for m in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(m.sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version).unwrap();
    conn
}

/// Runs migrations 2 to `version` with their Rust steps in `tx`, as that version of Anprobe did
/// on a file of version 1.
fn st_migrate_to(tx: &rusqlite::Transaction<'_>, version: u32) {
    for m in MIGRATIONS
        .iter()
        .filter(|m| (2..=version).contains(&m.version))
    {
        tx.execute_batch(m.sql).unwrap();
        if let Some(fixup) = m.fixup {
            fixup(tx).unwrap();
        }
    }
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
    assert_eq!(order.items[0].line.colour, "", "v2 adds the colour");
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
    assert_eq!(
        store.schema_version().unwrap(),
        LATEST_VERSION,
        "through v3"
    );
    assert_eq!(store.order(1).unwrap().items[0].line.colour, "navy");
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
fn migration_v3_to_v4_adds_the_settings_and_keeps_everything_else() {
    let dir = StDir::new("migrate-v3");
    {
        // A v3 file as v3 wrote it: v1's rows, then migrations 2 and 3 with their Rust steps.
        let mut conn = st_db_at_version(&dir.path, 1);
        st_v1_rows(&conn);
        let tx = conn.transaction().unwrap();
        for m in MIGRATIONS.iter().filter(|m| (2..=3).contains(&m.version)) {
            tx.execute_batch(m.sql).unwrap();
            if let Some(fixup) = m.fixup {
                fixup(&tx).unwrap();
            }
        }
        tx.pragma_update(None, "user_version", 3).unwrap();
        tx.commit().unwrap();
    }
    let (mut store, report) = Store::open(&dir.path).unwrap();
    assert_eq!(report.migrated_from, Some(3));
    assert!(
        report.backup.is_some(),
        "a backup is taken before migrating"
    );
    assert!(report.checksum_failures.is_empty(), "{:?}", report.warnings);
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.language().unwrap(), None, "nothing chosen yet");
    assert_eq!(store.shown_profile().unwrap(), None);
    assert_eq!(store.profiles().unwrap()[0].name, "Ana");
    assert!(store.consent("Zalando").unwrap().unwrap().share_orders);
    store.set_language("de").unwrap();
    store.set_shown_profile(1).unwrap();
    assert!(store.check().unwrap().is_ok());
    drop(store);
    let store = st_open(&dir.path);
    assert_eq!(store.language().unwrap().as_deref(), Some("de"));
    assert_eq!(store.shown_profile().unwrap(), Some(1));
}

/// A v4 file's return feedback spoke of `sleeves`; v5 stores the fit's own word, `sleeve`, and
/// leaves every other region and verdict as it was.
#[test]
fn migration_v4_to_v5_renames_sleeves_feedback_to_the_fits_region() {
    let dir = StDir::new("migrate-v4");
    {
        // A v4 file as v4 wrote it: migrations 1 to 4 with their Rust steps, then a return whose
        // feedback names the sleeves.
        let mut conn = st_db_at_version(&dir.path, 1);
        let tx = conn.transaction().unwrap();
        st_migrate_to(&tx, 4);
        tx.execute_batch(
            "INSERT INTO orders (id, retailer, order_number, date) VALUES (1, 'Zalando', 'Z-1', '2024-02-01');
             INSERT INTO order_items (id, order_id, sku, name, size, price, currency, return_window_days, status, colour)
                 VALUES (1, 1, 'SKU-1', 'Shirt', 'M', 39.95, 'EUR', 30, 'delivered', 'navy');
             INSERT INTO returns (item_id, date, reason) VALUES (1, '2024-02-10', 'sleeves too long');
             INSERT INTO return_fit (item_id, region, verdict) VALUES (1, 'sleeves', 'long');
             INSERT INTO return_fit (item_id, region, verdict) VALUES (1, 'chest', 'tight');
             UPDATE order_items SET status = 'returned' WHERE id = 1;",
        )
        .unwrap();
        tx.pragma_update(None, "user_version", 4).unwrap();
        tx.commit().unwrap();
    }
    let (store, report) = Store::open(&dir.path).unwrap();
    assert_eq!(report.migrated_from, Some(4));
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
fn migration_v5_to_v6_keeps_the_navel_waist_as_omphalion_girth_with_a_note() {
    let dir = StDir::new("migrate-v5");
    {
        // A v5 file as v5 wrote it: one snapshot whose waist (then taken at the navel) is
        // `waist_girth`, one without a waist, one whose seal was already broken, and a consent
        // that shares the waist.
        let mut conn = st_db_at_version(&dir.path, 1);
        let tx = conn.transaction().unwrap();
        st_migrate_to(&tx, 5);
        let waisted = [
            ("stature".to_string(), 168.0),
            ("waist_girth".to_string(), 81.0),
        ];
        let plain = [("stature".to_string(), 168.0)];
        let good = snapshot_seal(1, 1, "2024-01-02", "female", "cm", &waisted);
        let other = snapshot_seal(2, 1, "2024-03-02", "female", "cm", &plain);
        let keys = "stature,chest_girth,waist_girth";
        let consent =
            anprobe::store::recovery::consent_seal("Zalando", "retailer", keys, true, false);
        tx.execute_batch(&format!(
            "INSERT INTO profiles (id, name, created) VALUES (1, 'Ana', '2024-01-01');
             INSERT INTO snapshots (id, profile_id, taken, form, unit, seal) VALUES
                 (1, 1, '2024-01-02', 'female', 'cm', '{good}'),
                 (2, 1, '2024-03-02', 'female', 'cm', '{other}'),
                 (3, 1, '2024-02-02', 'female', 'cm', 'broken');
             INSERT INTO snapshot_values VALUES (1, 'stature', 168.0), (1, 'waist_girth', 81.0),
                 (2, 'stature', 168.0), (3, 'stature', 168.0), (3, 'waist_girth', 80.0);
             INSERT INTO consents (counterpart, kind, keys, share_orders, share_contacts, seal)
                 VALUES ('Zalando', 'retailer', '{keys}', 1, 0, '{consent}');"
        ))
        .unwrap();
        tx.pragma_update(None, "user_version", 5).unwrap();
        tx.commit().unwrap();
    }
    let (store, report) = Store::open(&dir.path).unwrap();
    assert_eq!(report.migrated_from, Some(5));
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let history = store.measurement_history(1);
    // The broken snapshot stays broken (the damage stays visible); read the good ones directly.
    let conn = rusqlite::Connection::open(dir.path.join(DB_FILE)).unwrap();
    let keys_of = |id: i64| -> Vec<String> {
        conn.prepare("SELECT key FROM snapshot_values WHERE snapshot_id = ?1 ORDER BY key")
            .unwrap()
            .query_map([id], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(keys_of(1), ["omphalion_girth", "stature"]);
    assert_eq!(keys_of(2), ["stature"]);
    assert_eq!(
        keys_of(3),
        ["stature", "waist_girth"],
        "a broken row is not touched"
    );
    assert!(history.is_err(), "the broken snapshot is still reported");
    let note_of = |id: i64| -> String {
        conn.query_row("SELECT note FROM snapshots WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert!(note_of(1).contains("navel"), "{}", note_of(1));
    assert_eq!(note_of(2), "");
    let consent = store.consent("Zalando").unwrap().unwrap();
    assert_eq!(
        consent.keys,
        [Key::Stature, Key::ChestGirth, Key::OmphalionGirth],
        "the consent covers the same value under its new name, not the natural waist"
    );
    // Repair the broken row the way a shopper would (delete it), then everything reads.
    conn.execute("DELETE FROM snapshots WHERE id = 3", [])
        .unwrap();
    let latest = store.measurement_history(1).unwrap();
    let first = latest.iter().find(|s| s.id == 1).unwrap();
    assert_eq!(first.measurements.get(Key::OmphalionGirth), Some(81.0));
    assert_eq!(first.measurements.get(Key::WaistGirth), None);
    assert_eq!(first.note, note_of(1));
}
