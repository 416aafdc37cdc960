//! The left panel: the language switch, the profile row, Load/Save, the notices and the
//! measurement rows. [`left_panel_ui`] draws it and returns what the shopper asked for; its
//! system applies that and reports the panel's width for the 3D view's inset. At the panel's foot
//! the system draws the measurement history ([`HistorySection`]).

use super::layout::{PanelLayout, Side, side_panel};
use super::measurement_history::HistorySection;
use super::measurements::{MeasurementEdit, measurements_ui};
use super::notices::notices_ui;
use super::profiles::{ProfileAction, ProfileEditor, profiles_ui};
use super::{PanelInsets, PanelSystems, root_ui};
use crate::app::i18n::{Lang, Msg};
use crate::app::scene::tape::TapeHover;
use crate::app::state::body::ShopperBody;
use crate::app::state::files::{FileAction, PendingDialog};
use crate::app::state::notices::{NoticePlace, Notices};
use crate::app::state::profiles::Profiles;
use crate::app::state::profiles::{Hair, HairStyle, SkinTone};
use bevy::prelude::*;
use bevy_egui::egui;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use std::ops::DerefMut;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        left_panel.in_set(PanelSystems::LeftPanel),
    );
}

/// What the left panel shows.
pub struct LeftPanelView<'a> {
    /// The UI's language.
    pub lang: Lang,
    /// Every profile; the active one's measurements are shown.
    pub profiles: &'a Profiles,
    /// The active profile's body: predicted values and issues.
    pub body: &'a ShopperBody,
    /// The messages waiting to be read.
    pub notices: &'a Notices,
    /// Whether a file dialog is open (Load and Save wait for it).
    pub dialog_open: bool,
}

/// What the shopper asked for in the left panel.
#[derive(Clone, Debug, PartialEq)]
pub enum LeftPanelAction {
    /// Show the UI in this language.
    Language(Lang),
    /// Pick, add, rename or delete a profile.
    Profile(ProfileAction),
    /// Load or save the measurements (through the file dialog).
    File(FileAction),
    /// Dismiss the notice at this index.
    DismissNotice(usize),
    /// Change the active profile's measurements.
    Measurement(MeasurementEdit),
    /// Give the active profile's avatar this colour.
    Skin(SkinTone),
    /// Give the active profile's avatar this hair.
    Hair(Hair),
    /// Cut the active profile's avatar's hair this way.
    HairStyle(HairStyle),
}

impl LeftPanelAction {
    /// Applies the action; a file action is returned to be sent, as it waits for a dialog.
    /// Takes each resource as something that derefs to it mutably, so that the app's
    /// resources are marked changed only by the action that changes them.
    pub fn apply(
        self,
        lang: &mut impl DerefMut<Target = Lang>,
        profiles: &mut impl DerefMut<Target = Profiles>,
        notices: &mut impl DerefMut<Target = Notices>,
        editor: &mut ProfileEditor,
    ) -> Option<FileAction> {
        match self {
            LeftPanelAction::Language(chosen) => **lang = chosen,
            LeftPanelAction::Profile(action) => action.apply(profiles, editor),
            LeftPanelAction::File(action) => return Some(action),
            LeftPanelAction::DismissNotice(index) => notices.dismiss(index),
            LeftPanelAction::Measurement(edit) => {
                edit.apply(&mut profiles.active_mut().measurements)
            }
            LeftPanelAction::Skin(tone) => profiles.active_mut().skin = tone,
            LeftPanelAction::Hair(hair) => profiles.active_mut().hair = hair,
            LeftPanelAction::HairStyle(style) => profiles.active_mut().hair_style = style,
        }
        None
    }
}

/// Draws the panel's contents; returns what the shopper asked for. `editor` (the profile row's
/// state) and `hover` (which tape to show) belong to the panel and change as it draws.
pub fn left_panel_ui(
    ui: &mut egui::Ui,
    view: &LeftPanelView,
    editor: &mut ProfileEditor,
    hover: &mut TapeHover,
) -> Vec<LeftPanelAction> {
    let lang = view.lang;
    let mut out = Vec::new();
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.heading(lang.t(Msg::Measurements));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(chosen) = language_switch(ui, lang) {
                out.push(LeftPanelAction::Language(chosen));
            }
        });
    });
    ui.separator();
    if let Some(action) = profiles_ui(ui, lang, view.profiles, editor) {
        out.push(LeftPanelAction::Profile(action));
    }
    ui.horizontal(|ui| {
        let idle = !view.dialog_open;
        if ui
            .add_enabled(idle, egui::Button::new(lang.t(Msg::Load)))
            .clicked()
        {
            out.push(LeftPanelAction::File(FileAction::Load));
        }
        if ui
            .add_enabled(idle, egui::Button::new(lang.t(Msg::Save)))
            .clicked()
        {
            out.push(LeftPanelAction::File(FileAction::Save));
        }
        if !idle {
            ui.weak(lang.t(Msg::DialogOpen));
        }
    });
    if let Some(index) = notices_ui(ui, lang, view.notices, NoticePlace::Left) {
        out.push(LeftPanelAction::DismissNotice(index));
    }
    ui.separator();
    let person = view.profiles.active();
    ui.horizontal_wrapped(|ui| {
        if let Some(tone) = skin_picker(ui, lang, person.skin) {
            out.push(LeftPanelAction::Skin(tone));
        }
        if let Some(hair) = hair_picker(ui, lang, person.hair) {
            out.push(LeftPanelAction::Hair(hair));
        }
    });
    // The style on a line of its own (the panel is too narrow for three pickers), with hair only.
    if person.hair != Hair::None {
        ui.horizontal(|ui| {
            if let Some(style) = hair_style_picker(ui, lang, person.hair, person.hair_style) {
                out.push(LeftPanelAction::HairStyle(style));
            }
        });
    }
    let typed = &view.profiles.active().measurements;
    let edits = measurements_ui(ui, lang, typed, view.body, hover);
    out.extend(edits.into_iter().map(LeftPanelAction::Measurement));
    out
}

/// The avatar's colour: a swatch and the tone's name per entry; the tone picked, if another one.
fn skin_picker(ui: &mut egui::Ui, lang: Lang, current: SkinTone) -> Option<SkinTone> {
    let entries = SkinTone::ALL.map(|tone| (tone, Some(tone.srgb()), skin_label(tone, lang)));
    swatch_picker(ui, lang.t(Msg::Skin), "skin tone", current, &entries)
}

/// The avatar's hair: a swatch (none for no hair) and its name per entry; the hair picked, if
/// another one.
fn hair_picker(ui: &mut egui::Ui, lang: Lang, current: Hair) -> Option<Hair> {
    let entries = Hair::ALL.map(|hair| (hair, hair.srgb(), hair_label(hair, lang)));
    swatch_picker(ui, lang.t(Msg::Hair), "hair", current, &entries)
}

/// How the hair is cut: each style's name, beside a swatch of the hair's colour; the style
/// picked, if another one.
fn hair_style_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    hair: Hair,
    current: HairStyle,
) -> Option<HairStyle> {
    let entries = HairStyle::ALL.map(|style| (style, hair.srgb(), hair_style_label(style, lang)));
    swatch_picker(ui, lang.t(Msg::HairStyle), "hair style", current, &entries)
}

/// A labelled drop-down of named colours, each with its swatch; the entry picked, if another one.
fn swatch_picker<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    id: &str,
    current: T,
    entries: &[(T, Option<[f32; 3]>, &str)],
) -> Option<T> {
    let mut chosen = current;
    let shown = entries.iter().find(|e| e.0 == current).map_or("", |e| e.2);
    ui.label(label);
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for &(value, colour, name) in entries {
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    if let Some(rgb) = colour {
                        let [r, g, b] = rgb.map(|c| (c * 255.0).round() as u8);
                        ui.painter()
                            .rect_filled(rect, 3.0, egui::Color32::from_rgb(r, g, b));
                    }
                    ui.selectable_value(&mut chosen, value, name);
                });
            }
        });
    (chosen != current).then_some(chosen)
}

/// The name of a hair choice in the picker.
pub fn hair_label(hair: Hair, lang: Lang) -> &'static str {
    lang.t(match hair {
        Hair::None => Msg::HairNone,
        Hair::Black => Msg::HairBlack,
        Hair::DarkBrown => Msg::HairDarkBrown,
        Hair::Brown => Msg::HairBrown,
        Hair::Blonde => Msg::HairBlonde,
        Hair::Red => Msg::HairRed,
        Hair::Grey => Msg::HairGrey,
    })
}

/// The name of a hair style in the picker.
pub fn hair_style_label(style: HairStyle, lang: Lang) -> &'static str {
    lang.t(match style {
        HairStyle::Short => Msg::HairShort,
        HairStyle::Bob => Msg::HairBob,
    })
}

/// The name of a skin tone in the picker.
pub fn skin_label(tone: SkinTone, lang: Lang) -> &'static str {
    lang.t(match tone {
        SkinTone::Mannequin => Msg::SkinMannequin,
        SkinTone::Grey => Msg::SkinGrey,
        SkinTone::Light => Msg::SkinLight,
        SkinTone::Medium => Msg::SkinMedium,
        SkinTone::Tan => Msg::SkinTan,
        SkinTone::Brown => Msg::SkinBrown,
        SkinTone::Deep => Msg::SkinDeep,
    })
}

/// The language switch: the language picked, if another one.
fn language_switch(ui: &mut egui::Ui, current: Lang) -> Option<Lang> {
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
    (chosen != current).then_some(chosen)
}

/// What the left panel reads and changes.
#[derive(bevy::ecs::system::SystemParam)]
struct LeftPanelState<'w, 's> {
    lang: ResMut<'w, Lang>,
    profiles: ResMut<'w, Profiles>,
    body: Res<'w, ShopperBody>,
    hover: ResMut<'w, TapeHover>,
    notices: ResMut<'w, Notices>,
    pending: Res<'w, PendingDialog>,
    editor: Local<'s, ProfileEditor>,
    layout: ResMut<'w, PanelLayout>,
}

fn left_panel(
    mut contexts: EguiContexts,
    mut state: LeftPanelState,
    mut files: MessageWriter<FileAction>,
    mut insets: ResMut<PanelInsets>,
    mut history: HistorySection,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = root_ui(ctx, "left_panel", ctx.viewport_rect());
    let view = LeftPanelView {
        lang: *state.lang,
        profiles: &state.profiles,
        body: &state.body,
        notices: &state.notices,
        dialog_open: state.pending.is_open(),
    };
    let mut hover = *state.hover;
    let window_width = ctx.viewport_rect().width();
    let mut open = state.layout.left_open;
    let (actions, rect) = side_panel(
        &mut root,
        (Side::Left, "measurements", 430.0),
        &mut open,
        (window_width, view.lang),
        |ui| {
            // At the panel's foot, so the measurement rows keep what is left above it.
            history.show(ui, view.lang, &view.profiles.active().measurements);
            left_panel_ui(ui, &view, &mut state.editor, &mut hover)
        },
    );
    if state.layout.left_open != open {
        state.layout.left_open = open;
    }
    if *state.hover != hover {
        *state.hover = hover;
    }
    for action in actions.unwrap_or_default() {
        let file = action.apply(
            &mut state.lang,
            &mut state.profiles,
            &mut state.notices,
            &mut state.editor,
        );
        if let Some(file) = file {
            files.write(file);
        }
    }
    let left = rect.right();
    if insets.left != left {
        insets.left = left;
    }
    Ok(())
}
