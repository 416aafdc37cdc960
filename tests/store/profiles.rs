//! Profiles with their dated measurement history.

use super::{StDir, st_body, st_open};
use anprobe::measurements::{Form, Key, Measurements, Unit};
use anprobe::store::StoreError;

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
fn the_language_and_the_shown_profile_are_kept() {
    let dir = StDir::new("settings");
    let mut store = st_open(&dir.path);
    assert_eq!(store.language().unwrap(), None);
    assert_eq!(store.shown_profile().unwrap(), None);
    let ana = store.add_profile("Ana", "2026-01-01").unwrap();
    let ben = store.add_profile("Ben", "2026-01-01").unwrap();
    store.set_language("de").unwrap();
    store.set_shown_profile(ben).unwrap();
    store.set_language(" en ").unwrap();
    drop(store);

    let mut store = st_open(&dir.path);
    assert_eq!(
        store.language().unwrap().as_deref(),
        Some("en"),
        "trimmed, replaced"
    );
    assert_eq!(store.shown_profile().unwrap(), Some(ben));
    let err = store.set_language("  ").unwrap_err();
    assert_eq!(err.to_string(), "invalid language: must not be empty");
    let err = store.set_shown_profile(ben + 100).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "profile",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(store.shown_profile().unwrap(), Some(ben), "unchanged");
    // A deleted profile is shown no more.
    store.delete_profile(ben).unwrap();
    assert_eq!(store.shown_profile().unwrap(), None);
    store.set_shown_profile(ana).unwrap();
    assert_eq!(store.shown_profile().unwrap(), Some(ana));
    // Settings are preferences, not records: the JSON export leaves them out.
    assert!(!store.export_json().unwrap().contains("\"language\""));
}

#[test]
fn a_profiles_skin_tone_is_kept_and_goes_with_the_profile() {
    let dir = StDir::new("skin-tone");
    let mut store = st_open(&dir.path);
    let ana = store.add_profile("Ana", "2026-01-01").unwrap();
    let ben = store.add_profile("Ben", "2026-01-01").unwrap();
    assert_eq!(store.skin_tone(ana).unwrap(), None);
    store.set_skin_tone(ana, "brown").unwrap();
    store.set_skin_tone(ben, "grey").unwrap();
    store.set_skin_tone(ben, "light").unwrap();
    drop(store);
    let mut store = st_open(&dir.path);
    assert_eq!(store.skin_tone(ana).unwrap().as_deref(), Some("brown"));
    assert_eq!(store.skin_tone(ben).unwrap().as_deref(), Some("light"));
    let err = store.set_skin_tone(ben + 100, "deep").unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert!(store.set_skin_tone(ana, " ").is_err());
    // The hair is kept beside it, per profile.
    assert_eq!(store.hair(ana).unwrap(), None);
    store.set_hair(ana, "dark_brown").unwrap();
    store.set_hair(ben, "grey").unwrap();
    assert!(store.set_hair(ana, "").is_err());
    assert_eq!(store.hair(ana).unwrap().as_deref(), Some("dark_brown"));
    // And its style.
    assert_eq!(store.hair_style(ana).unwrap(), None);
    store.set_hair_style(ana, "bob").unwrap();
    store.set_hair_style(ben, "short").unwrap();
    assert!(store.set_hair_style(ana, "").is_err());
    assert_eq!(store.hair_style(ana).unwrap().as_deref(), Some("bob"));
    // Deleting a profile deletes its tone and hair; a new profile never inherits them.
    store.delete_profile(ben).unwrap();
    assert_eq!(store.skin_tone(ben).unwrap(), None);
    assert_eq!(store.hair(ben).unwrap(), None);
    assert_eq!(store.hair_style(ben).unwrap(), None);
    assert_eq!(store.hair_style(ana).unwrap().as_deref(), Some("bob"));
    assert_eq!(store.skin_tone(ana).unwrap().as_deref(), Some("brown"));
    assert_eq!(store.hair(ana).unwrap().as_deref(), Some("dark_brown"));
}

/// Typed breadths and depth are kept with their snapshot (sealed like the rest) and travel in
/// the JSON backup.
#[test]
fn typed_breadths_are_kept_and_backed_up() {
    use anprobe::measurements::ShapeVar;
    let dir = StDir::new("calipers");
    let mut store = st_open(&dir.path);
    let ana = store.add_profile("Ana", "2026-01-01").unwrap();
    let mut m = Measurements::new(Form::Female, 165.0);
    m.set(Key::ChestGirth, 92.0);
    m.shape.insert(ShapeVar::ChestBreadth, 29.456);
    store.add_measurements(ana, &m, "2026-01-02").unwrap();
    drop(store);
    let store = st_open(&dir.path);
    let latest = store.latest_measurements(ana).unwrap().unwrap();
    assert_eq!(latest.measurements.shape[&ShapeVar::ChestBreadth], 29.46);
    assert!(store.check().unwrap().is_ok(), "the seal covers it");
    let json = store.export_json().unwrap();
    assert!(json.contains("\"chest_breadth\": 29.46"), "{json}");
    let other = StDir::new("calipers-copy");
    let mut copy = st_open(&other.path);
    copy.import_json(&json).unwrap();
    assert_eq!(copy.export_json().unwrap(), json);
}
