//! Loading and saving the active profile's measurements as JSON, and choosing a garment file to
//! import, through a file dialog that never blocks a frame; the dialog sits behind
//! [`FileDialogs`] so tests can answer it.

use crate::app::i18n::Msg;
use crate::app::state::garment_import::ImportGarment;
use crate::app::state::notices::Notices;
use crate::app::state::profiles::Profiles;
use crate::measurements::Measurements;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy::window::RequestRedraw;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Dialogs(Box::new(SystemDialogs)))
        .init_resource::<PendingDialog>()
        .add_message::<FileAction>()
        // Registered by the window plugin too; here so the plugin also runs headless.
        .add_message::<RequestRedraw>()
        .add_systems(
            Update,
            (open_dialog, finish_dialog)
                .chain()
                .in_set(crate::app::AppSystems::Actions),
        );
}

/// What the shopper asked to do with a file.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Choose a JSON file and replace the active profile's measurements with what it holds.
    Load,
    /// Choose where to write the active profile's measurements as JSON (the name offered is
    /// `<profile>-measurements.json`).
    Save,
    /// Choose a retailer's garment file (.glb, .gltf) and import it.
    ImportGarment,
}

/// A path the dialog will answer with, some time later (`None`: cancelled).
pub type PathFuture = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>>;

/// Asks the shopper for a file. The app uses the system dialog; tests answer with fixed paths.
pub trait FileDialogs: Send + Sync + 'static {
    /// A file to read measurements from.
    fn pick_load(&self) -> PathFuture;
    /// A file to write measurements to; `suggested` is the file name offered.
    fn pick_save(&self, suggested: &str) -> PathFuture;
    /// A retailer's garment file to import (.glb / .gltf); without a dialog, none.
    fn pick_garment(&self) -> PathFuture {
        Box::pin(async { None })
    }
    /// A PNG file to write a picture to; without a dialog, none.
    fn pick_png(&self, _suggested: &str) -> PathFuture {
        Box::pin(async { None })
    }
}

/// The dialogs in use.
#[derive(Resource)]
pub struct Dialogs(pub Box<dyn FileDialogs>);

/// The system's file dialog (xdg portal on Linux).
struct SystemDialogs;

impl FileDialogs for SystemDialogs {
    fn pick_load(&self) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("JSON", &["json"])
            .pick_file();
        Box::pin(async move { dialog.await.map(|f| f.path().to_path_buf()) })
    }

    fn pick_save(&self, suggested: &str) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("JSON", &["json"])
            .set_file_name(suggested)
            .save_file();
        Box::pin(async move { dialog.await.map(|f| f.path().to_path_buf()) })
    }

    fn pick_png(&self, suggested: &str) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("PNG", &["png"])
            .set_file_name(suggested)
            .save_file();
        Box::pin(async move { dialog.await.map(|f| f.path().to_path_buf()) })
    }

    fn pick_garment(&self) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("glTF 2.0", &["glb", "gltf"])
            .pick_file();
        Box::pin(async move { dialog.await.map(|f| f.path().to_path_buf()) })
    }
}

/// The dialog currently open, if any: one at a time.
#[derive(Resource, Default)]
pub struct PendingDialog(Option<(FileAction, Task<Option<PathBuf>>)>);

impl PendingDialog {
    /// Whether a dialog is waiting for the shopper; meanwhile further [`FileAction`]s are dropped
    /// and the panels grey out their file buttons.
    pub fn is_open(&self) -> bool {
        self.0.is_some()
    }
}

fn open_dialog(
    mut actions: MessageReader<FileAction>,
    dialogs: Res<Dialogs>,
    profiles: Res<Profiles>,
    mut pending: ResMut<PendingDialog>,
) {
    let Some(&action) = actions.read().last() else {
        return;
    };
    if pending.is_open() {
        return;
    }
    let future = match action {
        FileAction::Load => dialogs.0.pick_load(),
        FileAction::Save => dialogs
            .0
            .pick_save(&suggested_file_name(&profiles.active().name)),
        FileAction::ImportGarment => dialogs.0.pick_garment(),
    };
    pending.0 = Some((action, AsyncComputeTaskPool::get().spawn(future)));
}

/// A name as part of a file name offered in a dialog: its letters and digits lower-cased, every
/// run of other characters one `-` (`"Anna B."` → `"anna-b"`).
pub(crate) fn file_slug(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// `"Anna B."` → `"anna-b-measurements.json"`.
fn suggested_file_name(profile: &str) -> String {
    let slug = file_slug(profile);
    if slug.is_empty() {
        "measurements.json".into()
    } else {
        format!("{slug}-measurements.json")
    }
}

fn finish_dialog(
    mut pending: ResMut<PendingDialog>,
    mut profiles: ResMut<Profiles>,
    mut notices: ResMut<Notices>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut imports: MessageWriter<ImportGarment>,
) {
    let Some((action, task)) = &mut pending.0 else {
        return;
    };
    let Some(answer) = block_on(poll_once(task)) else {
        // Keep frames coming while the dialog is open, so its answer is seen promptly.
        redraw.write(RequestRedraw);
        return;
    };
    let action = *action;
    pending.0 = None;
    let Some(path) = answer else { return };
    match action {
        FileAction::Load => match Measurements::load(&path) {
            Ok(m) => {
                profiles.active_mut().measurements = m;
                notices.info(Msg::Loaded, path.display().to_string());
            }
            Err(e) => notices.error(Msg::LoadFailed, e.to_string()),
        },
        FileAction::Save => match profiles.active().measurements.save(&path) {
            Ok(()) => notices.info(Msg::Saved, path.display().to_string()),
            Err(e) => notices.error(Msg::SaveFailed, e.to_string()),
        },
        FileAction::ImportGarment => {
            imports.write(ImportGarment(path));
        }
    }
}
