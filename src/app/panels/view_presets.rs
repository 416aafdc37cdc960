//! The Front / Side / Back and Reset view buttons and the guide's "?", centred at the top of the 3D view between the panels (left
//! out of a saved outfit picture).

use super::{PanelInsets, PanelSystems};
use crate::app::i18n::{Lang, Msg};
use crate::app::scene::camera::ViewPreset;
use crate::app::scene::outfit_picture::OutfitPicture;
use crate::app::state::guide::{CloseGuide, FirstStartGuide};
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        view_presets.in_set(PanelSystems::Overlays),
    );
}

/// What the bar asks for: a view, or the first-start guide again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarAsk {
    /// Turn or re-frame the camera.
    View(ViewPreset),
    /// Show the first-start guide again.
    Guide,
}

/// Below this view width the bar is compact: "Reset view" becomes "↺" (its name on hover).
const COMPACT_BELOW: f32 = 380.0;

/// Draws the buttons (the "?" only while the guide is closed; "Reset view" as "↺" when
/// `compact`); returns what the shopper asked for, if anything.
pub fn view_preset_buttons(
    ui: &mut egui::Ui,
    lang: Lang,
    guide_button: bool,
    compact: bool,
) -> Option<BarAsk> {
    let mut asked = None;
    ui.horizontal_wrapped(|ui| {
        for (preset, msg) in ViewPreset::ALL
            .into_iter()
            .zip([Msg::Front, Msg::Side, Msg::Back])
        {
            if ui.button(lang.t(msg)).clicked() {
                asked = Some(BarAsk::View(preset));
            }
        }
        ui.separator();
        let reset = if compact {
            ui.button("↺").on_hover_text(lang.t(Msg::ResetView))
        } else {
            ui.button(lang.t(Msg::ResetView))
        };
        if reset.clicked() {
            asked = Some(BarAsk::View(ViewPreset::Reset));
        }
        if guide_button
            && ui
                .button("?")
                .on_hover_text(lang.t(Msg::GuideAgain))
                .clicked()
        {
            asked = Some(BarAsk::Guide);
        }
    });
    asked
}

fn view_presets(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    insets: Res<PanelInsets>,
    picture: Res<OutfitPicture>,
    guide: Res<FirstStartGuide>,
    mut views: MessageWriter<ViewPreset>,
    mut guide_again: MessageWriter<CloseGuide>,
) -> Result {
    if picture.hides_controls() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let view = insets.view_rect(ctx.viewport_rect());
    let asked = egui::Area::new("view_presets".into())
        .fixed_pos([view.center().x, 10.0])
        .pivot(Align2::CENTER_TOP)
        .constrain_to(view)
        .show(ctx, |ui| {
            egui::Frame::popup(&ctx.global_style())
                .show(ui, |ui| {
                    // A view narrower than the bar wraps it: it never reaches over a panel.
                    ui.set_max_width((view.width() - 24.0).max(60.0));
                    let compact = view.width() < COMPACT_BELOW;
                    view_preset_buttons(ui, *lang, !guide.is_shown(), compact)
                })
                .inner
        })
        .inner;
    match asked {
        Some(BarAsk::View(preset)) => {
            views.write(preset);
        }
        Some(BarAsk::Guide) => {
            guide_again.write(CloseGuide { reopen: true });
        }
        None => {}
    }
    Ok(())
}
