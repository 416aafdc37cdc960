//! The Privacy tab's "Restore backup…" over the headless app and a real store: the file chosen in
//! the dialog is previewed (counts per kind, in English and in German), "Merge into this store"
//! adds only what is not there yet and says so in a notice, "Restore" is offered only while the
//! store is empty and then restores the backup exactly, and a file that is no backup is named in
//! the tab without changing anything.

use super::{app_with_store, run_app_until, shown};
use crate::app::Answer;
use anprobe::app::i18n::{Lang, Msg};
use anprobe::app::panels::privacy::{PrivacyState, privacy_tab_with_restore};
use anprobe::app::panels::store_tab::store_tab;
use anprobe::app::state::store_restore::PendingRestore;
use anprobe::app::{Dialogs, FormResults, Notices, RightPanelTab, ShopperStore, StoreAction};
use anprobe::measurements::{Form, Key, Measurements};
use anprobe::store::{Consent, CounterpartKind, NewOrder, NewOrderItem, Store};
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// The headless app with a store, the Privacy tab's own state and the UI's language.
struct PrivacyTab {
    app: App,
    state: PrivacyState,
    lang: Lang,
}

impl PrivacyTab {
    /// One frame of the tab as its system draws it, with the backup being restored; the changes
    /// asked for are sent to the app.
    fn frame(&mut self, ui: &mut bevy_egui::egui::Ui) {
        let (lang, state) = (self.lang, &mut self.state);
        let mut out: Vec<StoreAction> = Vec::new();
        let world = self.app.world_mut();
        world.resource_scope(|world, _results: Mut<FormResults>| {
            let store = world.resource::<ShopperStore>();
            let restore = world.resource::<PendingRestore>();
            store_tab(ui, lang, store, RightPanelTab::Privacy, |ui| {
                privacy_tab_with_restore(ui, lang, store, state, restore, &mut out)
            });
        });
        world.write_message_batch(out);
    }

    /// Runs the app until the file chosen has been read (a preview or a failure).
    fn until_read(&mut self) {
        run_app_until(&mut self.app, "the backup file read", |w| {
            !w.resource::<PendingRestore>().is_reading()
        });
    }
}

fn order(number: &str, sku: &str) -> NewOrder {
    NewOrder {
        retailer: "Zalando".into(),
        order_number: number.into(),
        date: "2026-11-08".into(),
        items: vec![NewOrderItem {
            sku: sku.into(),
            name: "Wool coat".into(),
            size: "L".into(),
            colour: "camel".into(),
            price: 189.0,
            currency: "EUR".into(),
            return_window_days: Some(30),
        }],
    }
}

/// A backup file in `dir` holding a profile with one snapshot, orders Z-1 and Z-2 and a
/// consent; returns its path and its text.
fn backup_file(dir: &Path) -> (PathBuf, String) {
    let source = dir.join("source");
    let (mut store, _) = Store::open(&source).unwrap();
    let ana = store.add_profile("Ana", "2026-10-01").unwrap();
    let mut body = Measurements::new(Form::Female, 168.0);
    body.set(Key::HipGirth, 99.0);
    store.add_measurements(ana, &body, "2026-10-02").unwrap();
    store.add_order(&order("Z-1", "ZA-1")).unwrap();
    store.add_order(&order("Z-2", "ZA-2")).unwrap();
    store
        .set_consent(&Consent {
            counterpart: "Zalando".into(),
            kind: CounterpartKind::Retailer,
            keys: vec![],
            share_orders: true,
            share_contacts: false,
        })
        .unwrap();
    let json = store.export_json().unwrap();
    let path = dir.join("anprobe-backup.json");
    std::fs::write(&path, &json).unwrap();
    (path, json)
}

/// The headless app with a store in a scratch folder, whose dialogs answer `answer`.
fn tab_choosing(name: &str, answer: impl Fn(&Path) -> PathBuf) -> (PathBuf, PrivacyTab) {
    let (dir, mut app) = app_with_store(name);
    app.insert_resource(Dialogs(Box::new(Answer(Some(answer(&dir))))));
    let tab = PrivacyTab {
        app,
        state: PrivacyState::default(),
        lang: Lang::En,
    };
    (dir, tab)
}

fn harness(tab: PrivacyTab) -> Harness<'static, PrivacyTab> {
    Harness::builder()
        .with_size([460.0, 1800.0])
        .build_ui_state(|ui, tab: &mut PrivacyTab| tab.frame(ui), tab)
}

/// "Restore backup…" clicked, and the app run until the file is read.
fn choose(harness: &mut Harness<'_, PrivacyTab>) {
    harness.get_by_label(Lang::En.t(Msg::RestoreBackup)).click();
    harness.run();
    harness.state_mut().app.update();
    harness.state_mut().until_read();
    harness.run();
}

#[test]
fn a_backup_is_previewed_then_merged_without_duplicates() {
    let (dir, mut tab) = tab_choosing("restore-merge", |dir| dir.join("anprobe-backup.json"));
    let (_, _json) = backup_file(&dir);
    // This store already holds order Z-1: it is not empty, and Z-1 is not added twice.
    tab.app
        .world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| s.add_order(&order("Z-1", "ZA-1")))
        .unwrap();
    let mut harness = harness(tab);
    let en = |msg| Lang::En.t(msg);
    choose(&mut harness);

    // The preview: what the file holds, per kind, and the days it spans.
    harness.get_by_label("anprobe-backup.json");
    for line in [
        "Profiles: 1",
        "Measurement snapshots: 1",
        "Orders: 2",
        "Ordered garments: 2",
        "Returns: 0",
        "Consents: 1",
        "Recorded between 2026-10-01 and 2026-11-08",
    ] {
        harness.get_by_label(line);
    }
    assert!(
        harness.query_by_label(en(Msg::RestoreInto)).is_none(),
        "restoring as it is needs an empty store"
    );
    harness.get_by_label(en(Msg::RestoreOnlyIntoEmpty));

    // In German, the preview says nothing in English (the file's name is the shopper's).
    harness.state_mut().lang = Lang::De;
    harness.run();
    harness.get_by_label("Bestellungen: 2");
    let english = super::german::english_in(&shown(&harness), &["anprobe-backup.json".into()]);
    assert!(
        english.is_empty(),
        "English in the German preview: {english:?}"
    );
    harness.state_mut().lang = Lang::En;
    harness.run();

    harness.get_by_label(en(Msg::RestoreMerge)).click();
    harness.run();
    harness.state_mut().app.update();
    harness.run();

    let app = &harness.state().app;
    let notices = &app.world().resource::<Notices>().0;
    let merged = notices
        .iter()
        .find(|n| n.msg == Msg::RestoreMerged)
        .unwrap_or_else(|| panic!("{notices:?}"));
    assert!(!merged.error);
    assert_eq!(
        merged.detail.en(),
        format!(
            "{} — Added: Profiles 1, Measurement snapshots 1, Orders 1, Ordered garments 1, \
             Consents 1 — already here: Orders 1, Ordered garments 1",
            dir.join("anprobe-backup.json").display()
        )
    );
    assert!(
        harness.query_by_label(en(Msg::RestoreMerge)).is_none(),
        "the preview closed"
    );
    let orders: Vec<String> = app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.list_orders(10))
        .unwrap()
        .into_iter()
        .map(|o| o.order_number)
        .collect();
    assert_eq!(orders, ["Z-2", "Z-1"], "Z-1 once");
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn into_an_empty_store_a_backup_is_restored_exactly() {
    let (dir, tab) = tab_choosing("restore-empty", |dir| dir.join("anprobe-backup.json"));
    let (_, json) = backup_file(&dir);
    let mut harness = harness(tab);
    choose(&mut harness);
    harness.get_by_label(Lang::En.t(Msg::RestoreInto)).click();
    harness.run();
    harness.state_mut().app.update();
    harness.run();

    let app = &harness.state().app;
    let notices = &app.world().resource::<Notices>().0;
    assert!(
        notices
            .iter()
            .any(|n| n.msg == Msg::RestoreDone && !n.error),
        "{notices:?}"
    );
    let restored = app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.export_json())
        .unwrap();
    assert_eq!(restored, json, "the same records, with the same ids");
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_that_is_no_backup_is_named_in_the_tab_and_changes_nothing() {
    let (dir, tab) = tab_choosing("restore-bad", |dir| dir.join("passport.json"));
    std::fs::write(
        dir.join("passport.json"),
        r#"{"format": "anprobe-fit-passport", "version": 2}"#,
    )
    .unwrap();
    let mut harness = harness(tab);
    let before = harness
        .state()
        .app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.export_json())
        .unwrap();
    choose(&mut harness);
    harness.get_by_label(Lang::En.t(Msg::RestoreNotBackup));
    harness.get_by_label_contains("format \"anprobe-fit-passport\"");
    assert!(
        harness
            .query_by_label(Lang::En.t(Msg::RestoreMerge))
            .is_none()
    );

    // Not JSON at all: the line where reading stopped is named.
    std::fs::write(dir.join("passport.json"), "{\n  \"format\": ").unwrap();
    choose(&mut harness);
    harness.get_by_label(Lang::En.t(Msg::RestoreNotJson));
    harness.get_by_label_contains("line 2");

    harness.get_by_label("✖").click();
    harness.run();
    harness.state_mut().app.update();
    harness.run();
    assert!(
        harness
            .query_by_label(Lang::En.t(Msg::RestoreNotJson))
            .is_none()
    );
    let after = harness
        .state()
        .app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.export_json())
        .unwrap();
    assert_eq!(after, before, "nothing changed");
    drop(harness);
    let _ = std::fs::remove_dir_all(dir);
}
