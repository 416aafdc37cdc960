//! The Front / Side / Back and Reset view buttons, centred at the top of the 3D view between the panels (left
//! out of a saved outfit picture).

use super::{PanelInsets, PanelSystems};
use crate::app::i18n::{Lang, Msg};
use crate::app::scene::camera::ViewPreset;
use crate::app::scene::outfit_picture::OutfitPicture;
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        view_presets.in_set(PanelSystems::Overlays),
    );
}

/// Draws the buttons; returns the preset the shopper asked for, if any.
pub fn view_preset_buttons(ui: &mut egui::Ui, lang: Lang) -> Option<ViewPreset> {
    let mut asked = None;
    ui.horizontal(|ui| {
        for (preset, msg) in ViewPreset::ALL
            .into_iter()
            .zip([Msg::Front, Msg::Side, Msg::Back])
        {
            if ui.button(lang.t(msg)).clicked() {
                asked = Some(preset);
            }
        }
        ui.separator();
        if ui.button(lang.t(Msg::ResetView)).clicked() {
            asked = Some(ViewPreset::Reset);
        }
    });
    asked
}

fn view_presets(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    insets: Res<PanelInsets>,
    picture: Res<OutfitPicture>,
    mut views: MessageWriter<ViewPreset>,
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
                .show(ui, |ui| view_preset_buttons(ui, *lang))
                .inner
        })
        .inner;
    if let Some(preset) = asked {
        views.write(preset);
    }
    Ok(())
}
