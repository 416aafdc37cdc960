//! The egui panels and the overlays on the 3D view, one system each, drawn in the egui pass in
//! the order of [`PanelSystems`]: the left panel (language, profiles, files, notices,
//! measurements), the right panel (one system per tab: the catalog and the store's tabs —
//! wishlist, orders, timeline, privacy — each run only while its tab is shown), then the
//! overlays between them (view presets, fit-map legend, import progress, a stylist's pinned
//! notes).
//!
//! Each panel's drawing is a plain function over an `egui::Ui` and plain state that returns
//! actions; its system gathers the resources, calls it, and applies the actions (or sends them as
//! messages to the one system that applies them). Headless UI tests drive the same functions.

pub mod catalog;
pub mod catalog_list;
pub mod concierge;
pub mod contact_form;
pub mod fit_legend;
pub mod guide;
pub mod import_progress;
pub mod labels;
pub mod layout;
pub mod left_panel;
pub mod measurement_history;
pub mod measurements;
pub mod notices;
pub mod open_proposals;
pub mod order_form;
pub mod orders;
pub mod path_prompt;
pub mod pins;
pub mod privacy;
pub mod profiles;
pub mod restore_backup;
pub mod return_form;
pub mod right_panel;
pub mod store_tab;
pub mod stylist;
pub mod timeline;
pub mod timeline_search;
pub mod view_presets;
pub mod wishlist;

use crate::app::i18n::Lang;
use crate::app::scene::tape::TapeHover;
use crate::app::state::notices::Notices;
use crate::app::state::profiles::Profiles;
use bevy::input::keyboard::KeyboardInput;
use bevy::input::mouse::{MouseButtonInput, MouseWheel};
use bevy::prelude::*;
use bevy::window::{CursorMoved, RequestRedraw};
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, Color32, LayerId, UiBuilder};
use right_panel::RightPanelTab;

/// The order the panels are drawn in, each frame's egui pass: the panels claim the window's
/// edges (left first, the right one in what is left), then the overlays float over the 3D view
/// between them.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PanelSystems {
    /// The measurements panel on the left.
    LeftPanel,
    /// The right panel: the shown tab's system.
    RightPanel,
    /// Over the 3D view: view presets, the fit-map legend, import progress, pinned notes.
    Overlays,
}

/// Logical pixels the egui panels cover at the window's edges (written by the panels each
/// frame); the 3D view is inset by them.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub struct PanelInsets {
    /// Width of the left panel.
    pub left: f32,
    /// Width of the right panel.
    pub right: f32,
}

impl PanelInsets {
    /// The part of `window` (logical pixels) left to the 3D view between the panels.
    pub fn view_rect(&self, window: egui::Rect) -> egui::Rect {
        let left = (window.left() + self.left).min(window.right());
        let right = (window.right() - self.right).max(left);
        egui::Rect::from_x_y_ranges(left..=right, window.y_range())
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PanelInsets>()
        .init_resource::<layout::PanelLayout>()
        .configure_sets(
            EguiPrimaryContextPass,
            (
                PanelSystems::LeftPanel,
                PanelSystems::RightPanel,
                PanelSystems::Overlays,
            )
                .chain(),
        )
        .add_plugins((
            left_panel::plugin,
            measurement_history::plugin,
            right_panel::plugin,
            catalog::plugin,
            concierge::plugin,
            wishlist::plugin,
            orders::plugin,
            timeline::plugin,
            privacy::plugin,
            stylist::plugin,
        ))
        .add_plugins((
            view_presets::plugin,
            path_prompt::plugin,
            fit_legend::plugin,
            import_progress::plugin,
            guide::plugin,
            pins::plugin,
        ))
        .add_systems(
            Last,
            (
                settle,
                crate::app::state::notices::expire_notices,
                layout::keep_layout,
            ),
        );
}

/// A root `Ui` over `rect` of the window, on the background layer, for a panel to be shown in.
pub(crate) fn root_ui(ctx: &egui::Context, id: &'static str, rect: egui::Rect) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new(id),
        UiBuilder::new()
            .layer_id(LayerId::background())
            .max_rect(rect),
    )
}

/// The app redraws on input only, but what a frame changes (a new language, a rebuilt avatar, a
/// tape to draw, another tab, new glyphs in egui's font atlas) shows fully only in the frame
/// after: ask for that one frame whenever there was input or a change.
fn settle(
    mut input: (
        MessageReader<CursorMoved>,
        MessageReader<MouseButtonInput>,
        MessageReader<MouseWheel>,
        MessageReader<KeyboardInput>,
    ),
    state: (Res<Lang>, Res<Profiles>, Res<TapeHover>, Res<Notices>),
    tab: Res<RightPanelTab>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let (cursor, buttons, wheel, keys) = &mut input;
    let had_input =
        cursor.read().count() + buttons.read().count() + wheel.read().count() + keys.read().count()
            > 0;
    let (lang, profiles, hover, notices) = &state;
    let changed = lang.is_changed()
        || profiles.is_changed()
        || hover.is_changed()
        || notices.is_changed()
        || tab.is_changed();
    if had_input || changed {
        redraw.write(RequestRedraw);
    }
}

/// A store's or a form's message, in red, wrapped.
pub(crate) fn error_text(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).color(Color32::from_rgb(200, 40, 40)));
}

/// One labelled text field of a form's grid (`hint` shown while empty). The field is labelled
/// by the label for screen readers (and UI tests).
pub(crate) fn field_row(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(190.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

/// What a tab read from the store, or why it could not (empty until read).
pub(crate) struct Loaded<T>(pub(crate) Result<T, crate::app::i18n::Said>);

impl<T: Default> Default for Loaded<T> {
    fn default() -> Self {
        Loaded(Ok(T::default()))
    }
}
