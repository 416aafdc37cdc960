//! The first-start guide, over the 3D view: what to do first (type height and three girths, how
//! to measure — the tape lines show where — then try something on), each step ticked once done,
//! and "Got it", which closes it for good. The "?" beside the view buttons shows it again.

use super::{PanelInsets, PanelSystems};
use crate::app::i18n::{Lang, Msg};
use crate::app::state::guide::{CloseGuide, FirstStartGuide};
use crate::app::state::profiles::Profiles;
use crate::app::state::tryon::TryOn;
use crate::measurements::Key;
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, guide.in_set(PanelSystems::Overlays));
}

/// The measurements the first step asks for: what every size chart reads.
pub const FIRST_KEYS: [Key; 4] = [
    Key::Stature,
    Key::ChestGirth,
    Key::WaistGirth,
    Key::HipGirth,
];

/// What the guide shows as done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GuideProgress {
    /// Height and the three girths are typed.
    pub measured: bool,
    /// A garment is worn.
    pub tried_on: bool,
}

/// Draws the guide's text and steps; whether the shopper pressed "Got it".
pub fn guide_ui(ui: &mut egui::Ui, lang: Lang, progress: GuideProgress) -> bool {
    ui.label(lang.t(Msg::GuideIntro));
    ui.add_space(4.0);
    let steps = [
        (Msg::GuideMeasure, Some(progress.measured)),
        (Msg::GuideTape, None),
        (Msg::GuideTryOn, Some(progress.tried_on)),
    ];
    for (i, (msg, done)) in steps.into_iter().enumerate() {
        ui.horizontal_top(|ui| {
            let mark = match done {
                Some(true) => RichText::new("✔").color(Color32::from_rgb(30, 150, 70)),
                _ => RichText::new(format!("{}.", i + 1)).strong(),
            };
            ui.label(mark);
            ui.add(egui::Label::new(lang.t(msg)).wrap());
        });
    }
    ui.add_space(6.0);
    ui.vertical_centered(|ui| ui.button(lang.t(Msg::GuideDone)).clicked())
        .inner
}

fn guide(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    shown: Res<FirstStartGuide>,
    insets: Res<PanelInsets>,
    profiles: Res<Profiles>,
    tryon: Res<TryOn>,
    mut close: MessageWriter<CloseGuide>,
) -> Result {
    if !shown.is_shown() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let view = insets.view_rect(ctx.viewport_rect());
    let typed = &profiles.active().measurements;
    let progress = GuideProgress {
        measured: FIRST_KEYS.iter().all(|k| typed.get(*k).is_some()),
        tried_on: !tryon.worn().is_empty(),
    };
    let width = (view.width() - 32.0).clamp(160.0, 420.0);
    let closed = egui::Window::new(lang.t(Msg::GuideTitle))
        .id(egui::Id::new("first_start_guide"))
        .collapsible(false)
        .resizable(false)
        .default_width(width)
        .max_width(width)
        .pivot(Align2::CENTER_CENTER)
        .default_pos(view.center())
        .constrain_to(view)
        .show(ctx, |ui| guide_ui(ui, *lang, progress))
        .and_then(|r| r.inner)
        .unwrap_or(false);
    if closed {
        close.write(CloseGuide { reopen: false });
    }
    Ok(())
}
