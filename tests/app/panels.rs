//! The panels without a window or GPU: egui's own test harness (`egui_kittest`, AccessKit
//! queries) drives the same drawing functions the panels' systems call, clicks and types as a
//! shopper would, and the actions they return are applied as the app applies them.

mod catalog;
mod concierge;
mod german;
mod left_panel;
mod orders;
mod restore;
mod stylist;
mod wishlist;

use crate::app::{headless, scratch};
use anprobe::app::i18n::Lang;
use anprobe::app::panels::catalog::CatalogView;
use anprobe::app::panels::store_tab::store_tab;
use anprobe::app::scene::thumbnails::Thumbnails;
use anprobe::app::{
    Catalog, CatalogDir, FitProgress, FormResults, PendingDialog, ProfileStore, RightPanelTab,
    ShopperStore, StoreAction, TryOn, tryon_plugin,
};
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The catalog tab's view of the app's resources, as the tab's system builds it.
fn catalog_view<'a>(world: &'a World, lang: Lang, thumbnails: &'a Thumbnails) -> CatalogView<'a> {
    CatalogView {
        lang,
        catalog: world.resource::<Catalog>(),
        offers: world.resource::<anprobe::app::state::offers::Offers>(),
        tryon: world.resource::<TryOn>(),
        progress: world.resource::<FitProgress>(),
        thumbnails,
        picture_busy: false,
        dialog_open: world.resource::<PendingDialog>().is_open(),
    }
}

/// A scratch folder `name` and the headless app keeping the shopper's store in it (not yet
/// updated: plugins with start-up systems may still be added).
fn app_keeping_store(name: &str) -> (PathBuf, App) {
    let dir = scratch(name);
    let mut app = headless(ProfileStore::default());
    app.insert_resource(ShopperStore::at(&dir));
    (dir, app)
}

/// [`app_keeping_store`], updated once.
fn app_with_store(name: &str) -> (PathBuf, App) {
    let (dir, mut app) = app_keeping_store(name);
    app.update();
    (dir, app)
}

/// [`app_keeping_store`] with the try-on and the sample catalog, read.
fn app_with_catalog(name: &str) -> (PathBuf, App) {
    let (dir, mut app) = app_keeping_store(name);
    app.insert_resource(CatalogDir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/catalog"),
    ))
    .add_plugins(tryon_plugin);
    run_app_until(&mut app, "the catalog", |w| w.resource::<Catalog>().loaded);
    app.update();
    (dir, app)
}

/// One frame of the store tab `tab`, drawn by `draw` from the app's store as the tab's system
/// draws it; the changes it asks for are sent to the app, which applies them in its next update.
fn store_tab_frame(
    app: &mut App,
    ui: &mut bevy_egui::egui::Ui,
    lang: Lang,
    tab: RightPanelTab,
    draw: impl FnOnce(&mut bevy_egui::egui::Ui, &ShopperStore, &mut FormResults, &mut Vec<StoreAction>),
) {
    let mut out: Vec<StoreAction> = Vec::new();
    app.world_mut()
        .resource_scope(|world, mut results: Mut<FormResults>| {
            let store = world.resource::<ShopperStore>();
            store_tab(ui, lang, store, tab, |ui| {
                draw(ui, store, &mut results, &mut out)
            });
        });
    app.world_mut().write_message_batch(out);
}

/// Runs frames of `app` until `done` holds (background work — the catalog read, a fit — needs
/// frames to be polled). The deadline only keeps a broken test from hanging.
fn run_app_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    let started = Instant::now();
    while !done(app.world()) {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "timed out waiting for {what}"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every label and value on screen, as a screen reader reads them.
fn shown<S>(harness: &Harness<'_, S>) -> Vec<String> {
    harness
        .query_all(By::new())
        .flat_map(|node| {
            let node = node.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect()
}
