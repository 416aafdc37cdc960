//! The desktop app: Bevy plugins that show the avatar and the egui panels.
//!
//! Three folders, named after what the shopper sees: [`scene`] (the 3D view: studio, camera,
//! avatar, tape, the worn garments), [`panels`] (the egui panels and the overlays on the 3D view)
//! and [`state`] (what both follow: the body built from the active profile, the try-on, the
//! store, files and dialogs, notices). Panels never change state while they draw: they return
//! actions, which their system (or one system for the store's and the catalog's messages)
//! applies. `Update` runs the app's systems in the chained [`AppSystems`] sets; the egui pass
//! draws the panels in the chained [`panels::PanelSystems`] sets.

pub mod colour_names;
pub mod concierge_words;
pub mod file_words;
pub mod fit_words;
pub mod i18n;
mod idle;
mod idle_probe;
pub mod panels;
mod render_bench;
pub mod scene;
mod screenshot;
pub mod state;
pub mod store_words;

pub use idle_probe::idle_frames;
pub use panels::PanelInsets;
pub use panels::right_panel::RightPanelTab;
pub use panels::timeline_search::{filter_timeline, matches as timeline_matches};
pub use render_bench::{FrameStats, FrameTimes, render_bench};
pub use scene::avatar::{HairCap, Mannequin, to_bevy_mesh};
pub use scene::camera::ViewPreset;
pub use scene::outfit_picture::SaveOutfitPng;
pub use scene::tape::TapeHover;
pub use screenshot::{ScreenshotGarment, ScreenshotOptions, screenshot, screenshot_with};
pub use state::body::ShopperBody;
pub use state::files::{Dialogs, FileAction, FileDialogs, PathFuture, PendingDialog};
pub use state::garment_import::{GarmentImported, ImportGarment, Imports};
pub use state::notices::{Notice, Notices};
pub use state::profile_store::{PROFILES_FILE, ProfileStore};
pub use state::profiles::{Hair, HairStyle, Person, Profiles, SkinTone};
pub use state::profiles_sync::StoreProfiles;
pub use state::store::ShopperStore;
pub use state::store_actions::{AddToWishlist, FormResults, StoreAction, StoreForm};
pub use state::store_export::PendingExport;
pub use state::tryon::{
    Catalog, CatalogAction, CatalogDir, CatalogEntry, CatalogGarment, DrapeAhead, FitProgress,
    GarmentView, TryOn, tryon_plugin,
};

use crate::store::StoreError;
use bevy::asset::UnapprovedPathMode;
use bevy::prelude::*;
use bevy::winit::{WinitPlugin, WinitSettings};
use bevy_egui::EguiPlugin;
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the app window on the shopper's store in `data_dir` (resolved by the command line:
/// `--data-dir`, `ANPROBE_DATA_DIR` or the OS data folder; `Err` says why there is none); returns
/// when the window is closed.
pub fn run(data_dir: Result<PathBuf, StoreError>) -> ExitCode {
    let window = Window {
        title: "Anprobe".into(),
        resize_constraints: bevy::window::WindowResizeConstraints {
            min_width: panels::layout::MIN_WINDOW.x,
            min_height: panels::layout::MIN_WINDOW.y,
            ..default()
        },
        ..default()
    };
    let catalog = CatalogDir::for_data_dir(data_dir.as_deref().ok());
    let (profile_store, shopper_store) = match data_dir {
        Ok(dir) => (ProfileStore::in_folder(&dir), ShopperStore::at(dir)),
        Err(e) => (ProfileStore::Off, ShopperStore::failed(e.to_string())),
    };
    let exit = App::new()
        .add_plugins(base_plugins(window, false))
        .insert_resource(update_mode())
        .insert_resource(profile_store)
        .insert_resource(shopper_store)
        .insert_resource(catalog)
        .init_resource::<DrapeAhead>()
        .add_plugins(plugin)
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Redraw on input only (and when a system asks or a background job wakes the loop): a fitting
/// room need not heat the laptop. No timed wake-up either (Bevy's desktop default updates every
/// 5 s): what is due later wakes the loop itself ([`state::waker::Waker::wake_in`]).
fn update_mode() -> WinitSettings {
    use bevy::winit::UpdateMode;
    let idle = UpdateMode::reactive_low_power(std::time::Duration::MAX);
    WinitSettings {
        focused_mode: idle,
        unfocused_mode: idle,
    }
}

/// Bevy's plugins set up for Anprobe (one window, no unapproved asset paths) and egui.
/// `any_thread` lets the window open off the main thread (Linux and Windows), as tests need.
fn base_plugins(window: Window, any_thread: bool) -> (impl PluginGroup, EguiPlugin) {
    let defaults = DefaultPlugins
        .set(WindowPlugin {
            primary_window: Some(window),
            ..default()
        })
        .set(AssetPlugin {
            unapproved_path_mode: UnapprovedPathMode::Deny,
            ..default()
        })
        .set(WinitPlugin {
            run_on_any_thread: any_thread,
        });
    (defaults, EguiPlugin::default())
}

/// The frame order of the app's own systems in `Update`, one set after the other.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// What the shopper asked for takes effect: file dialogs finish, garment files are read, the
    /// panels' actions change the outfit and the store.
    Actions,
    /// The shopper's body follows the active profile.
    Body,
    /// The catalog and the outfit follow the body: chart sizes, imported garments join the
    /// catalog, the fitting job starts or delivers.
    Fit,
    /// The 3D scene follows the body and the fits: avatar mesh, tape, worn garments.
    Scene,
    /// The camera follows input and the avatar.
    View,
}

/// Everything on screen: the 3D scene and the panels, over the headless part.
fn plugin(app: &mut App) {
    app.add_plugins((
        headless_plugin,
        tryon_plugin,
        scene::plugin,
        panels::plugin,
        idle::plugin,
    ));
}

/// Everything that needs no window or renderer: language, notices, profiles, the store, files,
/// garment imports, the shopper's body and the avatar's mesh. Headless tests run it with
/// `MinimalPlugins`, `AssetPlugin` and `MeshPlugin` (and `Assets<StandardMaterial>`), and add
/// [`tryon_plugin`] for the catalog and the outfit.
pub fn headless_plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (
            AppSystems::Actions,
            AppSystems::Body,
            AppSystems::Fit,
            AppSystems::Scene,
            AppSystems::View,
        )
            .chain(),
    )
    .add_plugins((state::plugin, scene::avatar::plugin));
}
