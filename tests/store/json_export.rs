//! The JSON export and its import into an empty store: the round trip is exact.

use super::{StDir, st_body, st_contact, st_open, st_order, st_wish};
use anprobe::measurements::{Key, Measurements, Unit};
use anprobe::store::{Consent, CounterpartKind, ItemStatus, NewWishlistItem, Store, parse_fit};

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

/// A backup written before the natural waist (version 1) named the navel's girth `waist_girth`:
/// it is restored as `omphalion_girth`, with the snapshot's note saying so, and a consent to
/// share the waist shares that same value.
#[test]
fn a_version_1_backup_restores_its_waist_as_the_navels() {
    let dir = StDir::new("import-v1");
    let mut store = st_open(&dir.path);
    let backup = r#"{
      "format": "anprobe-backup", "version": 1,
      "profiles": [{"id": 1, "name": "Ana", "created": "2025-01-01", "snapshots": [
        {"id": 4, "taken": "2025-01-02", "form": "female", "unit": "cm",
         "values": {"stature": 168.0, "waist_girth": 81.0}}]}],
      "wishlist": [], "orders": [], "contacts": [],
      "consents": [{"counterpart": "Zalando", "kind": "retailer",
                    "keys": ["stature", "waist_girth"], "share_orders": false,
                    "share_contacts": false}]
    }"#;
    store.import_json(backup).unwrap();
    let snapshot = store.latest_measurements(1).unwrap().unwrap();
    assert_eq!(snapshot.measurements.get(Key::OmphalionGirth), Some(81.0));
    assert_eq!(snapshot.measurements.get(Key::WaistGirth), None);
    assert!(snapshot.note.contains("navel"), "{}", snapshot.note);
    let consent = store.consent("Zalando").unwrap().unwrap();
    assert_eq!(consent.keys, [Key::Stature, Key::OmphalionGirth]);
    // Written again, it is a version-2 backup that keeps the note.
    let again = store.export().unwrap();
    assert_eq!(again.version, 2);
    assert_eq!(again.profiles[0].snapshots[0].note, snapshot.note);
}
