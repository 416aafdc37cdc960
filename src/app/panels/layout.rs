//! How the side panels share the window with the 3D view. Each panel is resizable and can be
//! collapsed to a thin strip (its button, a drag past its narrowest width, or a double click on
//! its edge); its width is kept within limits that depend on the window, so that the 3D view
//! always keeps a usable share of it, however small the window (never below [`MIN_WINDOW`]).

use crate::app::i18n::{Lang, Msg};
use crate::app::state::store::ShopperStore;
use bevy::prelude::*;
use bevy_egui::egui;

/// The smallest window the app allows (logical pixels).
pub const MIN_WINDOW: Vec2 = Vec2::new(800.0, 560.0);
/// The most of the window's width one side panel may take.
const MAX_SHARE: f32 = 0.33;
/// The narrowest an open panel gets (its rows still readable), unless the window is so small
/// that the share above is less.
const MIN_PANEL: f32 = 250.0;
/// The widest a panel gets, however wide the window.
const MAX_PANEL: f32 = 640.0;
/// The width of a collapsed panel's strip.
const COLLAPSED: f32 = 30.0;

/// Which side panels are open: the shopper's choice, kept in the store ([`keep_layout`]).
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelLayout {
    /// The measurements panel on the left.
    pub left_open: bool,
    /// The catalog and store panel on the right.
    pub right_open: bool,
}

impl Default for PanelLayout {
    fn default() -> Self {
        PanelLayout {
            left_open: true,
            right_open: true,
        }
    }
}

/// Reads which panels were open at the last run once the store is open, and keeps every change
/// the shopper makes. `saved`: what the store holds (as read or last written).
pub(crate) fn keep_layout(
    mut layout: ResMut<PanelLayout>,
    mut store: ResMut<ShopperStore>,
    mut saved: Local<Option<PanelLayout>>,
) {
    if store.is_pending() {
        return;
    }
    let Some(kept) = *saved else {
        let stored = store.read(|s| s.panels_open()).ok().flatten();
        if let Some((left_open, right_open)) = stored {
            *layout = PanelLayout {
                left_open,
                right_open,
            };
        }
        *saved = Some(*layout);
        return;
    };
    if *layout != kept {
        // A preference: if it cannot be written (no store, read-only), the panels still open
        // and close, and it is not tried again until the next change.
        if store.unavailable().is_none() && !store.is_read_only() {
            let _ = store.change(|s| s.set_panels_open(layout.left_open, layout.right_open));
        }
        *saved = Some(*layout);
    }
}

/// The widths an open side panel may have in a window `window_width` wide.
pub fn panel_width_range(window_width: f32) -> std::ops::RangeInclusive<f32> {
    // Whole pixels: egui lays panels out on the pixel grid.
    let max = (window_width * MAX_SHARE)
        .floor()
        .clamp(COLLAPSED, MAX_PANEL);
    MIN_PANEL.min(max)..=max
}

/// Which side of the window a panel sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The left edge.
    Left,
    /// The right edge.
    Right,
}

/// Shows a side panel in `root` (open or as its collapsed strip) with `contents` when open;
/// returns what `contents` returned (`None` while collapsed) and the panel's outer rectangle.
pub fn side_panel<R>(
    root: &mut egui::Ui,
    (side, id, default_width): (Side, &'static str, f32),
    open: &mut bool,
    (window_width, lang): (f32, Lang),
    contents: impl FnOnce(&mut egui::Ui) -> R,
) -> (Option<R>, egui::Rect) {
    let range = panel_width_range(window_width);
    let panel = |id: String| match side {
        Side::Left => egui::Panel::left(id),
        Side::Right => egui::Panel::right(id),
    };
    let collapsed = panel(format!("{id}_collapsed"))
        .resizable(true)
        .exact_size(COLLAPSED);
    let expanded = panel(id.to_string())
        .resizable(true)
        .default_size(default_width.clamp(*range.start(), *range.end()))
        .size_range(range);
    let mut toggled = false;
    let shown = egui::Panel::show_switched(root, open, collapsed, expanded, |ui, expanded| {
        // The button points the way the panel will move.
        let glyph = if (side == Side::Left) == expanded {
            "«"
        } else {
            "»"
        };
        let tip = lang.t(if expanded {
            Msg::CollapsePanel
        } else {
            Msg::ExpandPanel
        });
        if !expanded {
            ui.add_space(6.0);
            toggled = ui
                .vertical_centered(|ui| ui.small_button(glyph).on_hover_text(tip).clicked())
                .inner;
            return None;
        }
        // The collapse button in the panel's outer top corner.
        let layout = match side {
            Side::Left => egui::Layout::right_to_left(egui::Align::Min),
            Side::Right => egui::Layout::left_to_right(egui::Align::Min),
        };
        toggled = ui
            .with_layout(layout, |ui| {
                ui.small_button(glyph).on_hover_text(tip).clicked()
            })
            .inner;
        Some(contents(ui))
    });
    if toggled {
        *open = !*open;
    }
    (shown.inner, shown.response.rect)
}
