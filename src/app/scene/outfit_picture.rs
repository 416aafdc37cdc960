//! "Save outfit as PNG…": the shopper picks a file (the dialog seam of `files.rs`), the window is
//! captured once, cropped to the 3D view (the avatar in the outfit, without the panels and
//! without the view's buttons, which are not drawn while the picture is taken) and written; a
//! notice says where, or why not.

use crate::app::i18n::Msg;
use crate::app::panels::PanelInsets;
use crate::app::state::files::Dialogs;
use crate::app::state::notices::Notices;
use crate::app::state::waker::Waker;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};
use bevy::window::{PrimaryWindow, RequestRedraw};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<OutfitPicture>()
        .add_message::<SaveOutfitPng>()
        .add_systems(Update, (ask_for_file, take_picture, report).chain());
}

/// The shopper asked to save the outfit as a picture.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveOutfitPng;

/// The picture being saved.
#[derive(Resource, Default)]
pub struct OutfitPicture {
    dialog: Option<Task<Option<PathBuf>>>,
    /// What the capture observer wrote: the file, or why not.
    written: Arc<Mutex<Option<Result<PathBuf, String>>>>,
    capturing: bool,
}

impl OutfitPicture {
    /// Whether a dialog is open or a picture is being taken.
    pub fn is_busy(&self) -> bool {
        self.dialog.is_some() || self.capturing
    }

    /// Whether the 3D view's controls (view presets, fabric ↔ fit map switch) are left out of
    /// the frames drawn now: the picture is being taken, and shows the outfit (and a fit map's
    /// legend), not buttons.
    pub fn hides_controls(&self) -> bool {
        self.capturing
    }
}

fn ask_for_file(
    mut asks: MessageReader<SaveOutfitPng>,
    dialogs: Res<Dialogs>,
    waker: Res<Waker>,
    mut picture: ResMut<OutfitPicture>,
) {
    if asks.read().count() == 0 || picture.is_busy() {
        return;
    }
    // The answer wakes the app: no frames are drawn while the dialog is open.
    let future = waker.after(dialogs.0.pick_png("outfit.png"));
    picture.dialog = Some(AsyncComputeTaskPool::get().spawn(future));
}

fn take_picture(
    mut commands: Commands,
    mut picture: ResMut<OutfitPicture>,
    insets: Res<PanelInsets>,
    window: Option<Single<&Window, With<PrimaryWindow>>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(task) = picture.dialog.as_mut() else {
        return;
    };
    let Some(answer) = check_ready(task) else {
        return;
    };
    picture.dialog = None;
    redraw.write(RequestRedraw);
    let (Some(path), Some(window)) = (answer, window) else {
        return;
    };
    let scale = window.scale_factor();
    let (left, right) = (insets.left * scale, insets.right * scale);
    let written = picture.written.clone();
    picture.capturing = true;
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>| {
            let result = save_view(&captured.image, left, right, &path).map(|()| path.clone());
            if let Ok(mut slot) = written.lock() {
                *slot = Some(result);
            }
        },
    );
}

/// Writes the window's picture between the panels (`left`, `right`: physical pixels).
fn save_view(image: &Image, left: f32, right: f32, path: &Path) -> Result<(), String> {
    let picture = image
        .clone()
        .try_into_dynamic()
        .map_err(|e| format!("unreadable frame: {e}"))?
        .to_rgb8();
    let (w, h) = picture.dimensions();
    let x = (left.max(0.0).round() as u32).min(w);
    let width = w.saturating_sub(x + right.max(0.0).round() as u32);
    let view = if width > 0 {
        image::imageops::crop_imm(&picture, x, 0, width, h).to_image()
    } else {
        picture
    };
    view.save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn report(
    mut picture: ResMut<OutfitPicture>,
    mut notices: ResMut<Notices>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if !picture.capturing {
        return;
    }
    let done = picture.written.lock().ok().and_then(|mut slot| slot.take());
    match done {
        Some(Ok(path)) => notices.info(Msg::OutfitSaved, path.display().to_string()),
        Some(Err(e)) => notices.error(Msg::OutfitSaveFailed, e),
        None => {
            // Frames until the picture is taken and written (a moment).
            redraw.write(RequestRedraw);
            return;
        }
    }
    picture.capturing = false;
}
