//! The desktop app: Bevy plugins that show the avatar and the egui panels.
//!
//! One plugin per thing: the studio ([`stage`]), the orbit camera, the avatar and its tape, the
//! measurements panel, profiles, files and notices. They share state through resources
//! ([`Profiles`], [`Model`], [`TapeHover`]) and messages ([`FileAction`], [`ViewPreset`]).

mod avatar;
mod camera;
mod catalog_ui;
mod files;
mod fit_words;
mod garment_import;
pub mod garments;
pub mod i18n;
mod measurements_ui;
mod memory;
mod memory_ui;
mod model;
mod notice;
mod panel;
mod profile_store;
mod profiles;
mod profiles_ui;
mod screenshot;
mod side;
mod stage;
mod tape;
mod ui_camera;

pub use avatar::{Mannequin, to_bevy_mesh};
pub use camera::ViewPreset;
pub use files::{Dialogs, FileAction, FileDialogs, PathFuture, PendingDialog};
pub use garment_import::{GarmentImported, ImportGarment, Imports};
pub use garments::{GarmentView, TryOn, tryon_plugin};
pub use memory::actions::{Form, FormResults, MemoryAction};
pub use memory::export::PendingExport;
pub use memory::profiles_sync::StoreProfiles;
pub use memory::search::{filter_timeline, matches as timeline_matches};
pub use memory::store_res::ShopperStore;
pub use model::Model;
pub use notice::{Notice, Notices};
pub use profile_store::{PROFILES_FILE, ProfileStore};
pub use profiles::{Person, Profiles};
pub use screenshot::{ScreenshotGarment, ScreenshotOptions, screenshot, screenshot_with};
pub use side::{AddToWishlist, SideTab};
pub use tape::TapeHover;

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
        ..default()
    };
    let (profile_store, shopper_store) = match data_dir {
        Ok(dir) => (ProfileStore::in_folder(&dir), ShopperStore::at(dir)),
        Err(e) => (ProfileStore::Off, ShopperStore::failed(e.to_string())),
    };
    let exit = App::new()
        .add_plugins(base_plugins(window, false))
        // Redraw on input only: a fitting room need not heat the laptop.
        .insert_resource(WinitSettings::desktop_app())
        .insert_resource(profile_store)
        .insert_resource(shopper_store)
        .add_plugins(plugin)
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
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

/// The frame order of the app's own systems in `Update`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum AppSystems {
    /// File dialogs finish and change the profile.
    Files,
    /// The model follows the active profile.
    Model,
    /// The avatar mesh and its tape follow the model.
    Avatar,
    /// The camera follows input and the avatar.
    View,
}

/// Everything on screen: studio, camera, avatar, tape, panels.
fn plugin(app: &mut App) {
    app.add_plugins((model_plugin, stage::plugin, camera::plugin, tape::plugin))
        .add_plugins((ui_camera::plugin, panel::plugin, side::plugin))
        .add_plugins((garment_import::ui_plugin, garments::plugin));
}

/// Everything that needs no window or renderer: language, notices, profiles, files, the model
/// and the avatar's mesh. Headless tests run it with `MinimalPlugins`, `AssetPlugin` and
/// `MeshPlugin` (and `Assets<StandardMaterial>`).
pub fn model_plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (
            AppSystems::Files,
            AppSystems::Model,
            AppSystems::Avatar,
            AppSystems::View,
        )
            .chain(),
    )
    .init_resource::<i18n::Lang>()
    .add_plugins((
        notice::plugin,
        profiles::plugin,
        profile_store::plugin,
        files::plugin,
        garment_import::plugin,
        memory::plugin,
        model::plugin,
        avatar::plugin,
    ));
}
