//! The left "Measurements" panel (language, profile, files, notices, measurement rows) and the
//! Front/Side/Back buttons over the 3D view; reports the panel's width for the viewport inset.

use crate::app::camera::{PanelInsets, ViewPreset};
use crate::app::files::{FileAction, PendingDialog};
use crate::app::garments::outfit_png::OutfitPicture;
use crate::app::i18n::{Lang, Msg};
use crate::app::measurements_ui::measurements_ui;
use crate::app::model::Model;
use crate::app::notice::Notices;
use crate::app::profiles::Profiles;
use crate::app::profiles_ui::{ProfileEditor, profiles_ui};
use crate::app::side::{SideState, side_panel};
use crate::app::tape::TapeHover;
use bevy::input::keyboard::KeyboardInput;
use bevy::input::mouse::{MouseButtonInput, MouseWheel};
use bevy::prelude::*;
use bevy::window::{CursorMoved, RequestRedraw};
use bevy_egui::egui::{self, Align2, Color32, LayerId, RichText, UiBuilder};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, panel_ui)
        .add_systems(Last, settle);
}

/// The shopper-facing state the panel edits.
#[derive(bevy::ecs::system::SystemParam)]
struct PanelState<'w, 's> {
    lang: ResMut<'w, Lang>,
    profiles: ResMut<'w, Profiles>,
    model: Res<'w, Model>,
    hover: ResMut<'w, TapeHover>,
    notices: ResMut<'w, Notices>,
    pending: Res<'w, PendingDialog>,
    editor: Local<'s, ProfileEditor>,
}

fn panel_ui(
    mut contexts: EguiContexts,
    mut state: PanelState,
    mut files: MessageWriter<FileAction>,
    mut views: MessageWriter<ViewPreset>,
    mut insets: ResMut<PanelInsets>,
    mut side: SideState,
    picture: Res<OutfitPicture>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        UiBuilder::new()
            .layer_id(LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let lang = *state.lang;
    let mut hover = *state.hover;

    let panel = egui::Panel::left("measurements")
        .resizable(true)
        .default_size(430.0)
        .size_range(360.0..=640.0)
        .show(&mut root, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.heading(lang.t(Msg::Measurements));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    language_switch(ui, &mut state.lang);
                });
            });
            ui.separator();
            profiles_ui(ui, lang, &mut state.profiles, &mut state.editor);
            ui.horizontal(|ui| {
                let idle = !state.pending.is_open();
                if ui
                    .add_enabled(idle, egui::Button::new(lang.t(Msg::Load)))
                    .clicked()
                {
                    files.write(FileAction::Load);
                }
                if ui
                    .add_enabled(idle, egui::Button::new(lang.t(Msg::Save)))
                    .clicked()
                {
                    files.write(FileAction::Save);
                }
                if !idle {
                    ui.weak(lang.t(Msg::DialogOpen));
                }
            });
            notices_ui(ui, lang, &mut state.notices);
            ui.separator();
            measurements_ui(ui, lang, &mut state.profiles, &state.model, &mut hover);
        });
    if *state.hover != hover {
        *state.hover = hover;
    }
    let left = panel.response.rect.right();
    if insets.left != left {
        insets.left = left;
    }
    let right_edge = side_panel(&mut root, lang, &mut side, &mut files);
    let right = (ctx.viewport_rect().right() - right_edge).max(0.0);
    if insets.right != right {
        insets.right = right;
    }

    // View presets, centred at the top of the 3D view (not in a saved outfit picture).
    if picture.hides_controls() {
        return Ok(());
    }
    let view_centre = (left + right_edge) * 0.5;
    egui::Area::new("view_presets".into())
        .fixed_pos([view_centre, 10.0])
        .pivot(Align2::CENTER_TOP)
        .show(ctx, |ui| {
            egui::Frame::popup(&ctx.global_style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (preset, msg) in
                        ViewPreset::ALL
                            .into_iter()
                            .zip([Msg::Front, Msg::Side, Msg::Back])
                    {
                        if ui.button(lang.t(msg)).clicked() {
                            views.write(preset);
                        }
                    }
                });
            });
        });
    Ok(())
}

/// The app redraws on input only, but what a frame changes (a new language, a rebuilt avatar, a
/// tape to draw, new glyphs in egui's font atlas) shows fully only in the frame after: ask for
/// that one frame whenever there was input or a change.
fn settle(
    mut input: (
        MessageReader<CursorMoved>,
        MessageReader<MouseButtonInput>,
        MessageReader<MouseWheel>,
        MessageReader<KeyboardInput>,
    ),
    state: (Res<Lang>, Res<Profiles>, Res<TapeHover>, Res<Notices>),
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let (cursor, buttons, wheel, keys) = &mut input;
    let had_input =
        cursor.read().count() + buttons.read().count() + wheel.read().count() + keys.read().count()
            > 0;
    let (lang, profiles, hover, notices) = &state;
    let changed =
        lang.is_changed() || profiles.is_changed() || hover.is_changed() || notices.is_changed();
    if had_input || changed {
        redraw.write(RequestRedraw);
    }
}

fn language_switch(ui: &mut egui::Ui, lang: &mut ResMut<Lang>) {
    let current = **lang;
    let mut chosen = current;
    egui::ComboBox::from_id_salt("language")
        .selected_text(current.name())
        .show_ui(ui, |ui| {
            for l in Lang::ALL {
                ui.selectable_value(&mut chosen, l, l.name());
            }
        })
        .response
        .on_hover_text(current.t(Msg::Language));
    if chosen != current {
        **lang = chosen;
    }
}

fn notices_ui(ui: &mut egui::Ui, lang: Lang, notices: &mut ResMut<Notices>) {
    let mut dismissed = None;
    for (i, notice) in notices.0.iter().enumerate() {
        let color = if notice.error {
            Color32::from_rgb(200, 40, 40)
        } else {
            Color32::from_rgb(30, 120, 60)
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(lang.t(notice.msg)).color(color).strong());
            ui.label(RichText::new(&notice.detail).small());
            if ui
                .small_button("✖")
                .on_hover_text(lang.t(Msg::Dismiss))
                .clicked()
            {
                dismissed = Some(i);
            }
        });
    }
    if let Some(i) = dismissed {
        notices.0.remove(i);
    }
}
