//! Loading and saving the active profile's measurements as JSON, and choosing a garment file to
//! import, through a file dialog that never blocks a frame; the dialog sits behind
//! [`FileDialogs`] so tests can answer it.

use crate::app::file_words;
use crate::app::i18n::Msg;
use crate::app::state::garment_import::ImportGarment;
use crate::app::state::notices::Notices;
use crate::app::state::path_prompt::{
    PathPrompts, PathQuestion, PromptKind, system_dialog_reachable,
};
use crate::app::state::profiles::Profiles;
use crate::app::state::waker::Waker;
use crate::measurements::Measurements;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy::window::RequestRedraw;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::{Duration, Instant};

pub(super) fn plugin(app: &mut App) {
    let prompts = PathPrompts::default();
    let dialogs = SystemDialogs {
        prompts: prompts.clone(),
        reachable: system_dialog_reachable(),
    };
    app.insert_resource(prompts)
        .insert_resource(Dialogs(Box::new(dialogs)))
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

impl Dialogs {
    /// The in-app prompt only, as where no system dialog can be reached.
    pub fn in_app(prompts: PathPrompts) -> Self {
        Dialogs(Box::new(SystemDialogs {
            prompts,
            reachable: false,
        }))
    }
}

/// The system's file dialog (xdg portal on Linux), or the in-app prompt where that cannot
/// open: when the portal cannot be reached at all, or when the system dialog gives up at once
/// (sooner than a person could cancel it, which is how a missing portal shows).
struct SystemDialogs {
    prompts: PathPrompts,
    reachable: bool,
}

/// A system dialog answering sooner than this without a path did not open.
const GAVE_UP_AT_ONCE: Duration = Duration::from_millis(400);

impl SystemDialogs {
    fn pick(
        &self,
        dialog: impl Future<Output = Option<rfd::FileHandle>> + Send + 'static,
        question: PathQuestion,
    ) -> PathFuture {
        let prompts = self.prompts.clone();
        if !self.reachable {
            drop(dialog);
            return Box::pin(prompts.ask(question));
        }
        Box::pin(async move {
            let opened = Instant::now();
            match dialog.await {
                Some(file) => Some(file.path().to_path_buf()),
                None if opened.elapsed() < GAVE_UP_AT_ONCE => prompts.ask(question).await,
                None => None,
            }
        })
    }
}

fn question(kind: PromptKind, extensions: &'static [&'static str], name: &str) -> PathQuestion {
    let folder = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    PathQuestion {
        kind,
        extensions,
        suggested: if name.is_empty() {
            folder
        } else {
            folder.join(name)
        },
    }
}

impl FileDialogs for SystemDialogs {
    fn pick_load(&self) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("JSON", &["json"])
            .pick_file();
        self.pick(dialog, question(PromptKind::Open, &["json"], ""))
    }

    fn pick_save(&self, suggested: &str) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("JSON", &["json"])
            .set_file_name(suggested)
            .save_file();
        self.pick(dialog, question(PromptKind::Save, &["json"], suggested))
    }

    fn pick_png(&self, suggested: &str) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("PNG", &["png"])
            .set_file_name(suggested)
            .save_file();
        self.pick(dialog, question(PromptKind::Save, &["png"], suggested))
    }

    fn pick_garment(&self) -> PathFuture {
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter("glTF 2.0", &["glb", "gltf"])
            .pick_file();
        self.pick(dialog, question(PromptKind::Open, &["glb", "gltf"], ""))
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
    waker: Res<Waker>,
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
    // The answer wakes the app: no frames are drawn while the dialog is open.
    pending.0 = Some((
        action,
        AsyncComputeTaskPool::get().spawn(waker.after(future)),
    ));
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
    mut imports: MessageWriter<ImportGarment>,
) {
    let Some((action, task)) = &mut pending.0 else {
        return;
    };
    let Some(answer) = block_on(poll_once(task)) else {
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
            Err(e) => notices.error(Msg::LoadFailed, file_words::json_error(&e)),
        },
        FileAction::Save => match profiles.active().measurements.save(&path) {
            Ok(()) => notices.info(Msg::Saved, path.display().to_string()),
            Err(e) => notices.error(Msg::SaveFailed, file_words::json_error(&e)),
        },
        FileAction::ImportGarment => {
            imports.write(ImportGarment(path));
        }
    }
}
