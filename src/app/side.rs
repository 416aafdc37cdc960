//! The right panel: the catalog and try-on (with the fit table) and the shopper's memory
//! (wishlist, orders, timeline, privacy), one tab at a time. Each tab's state and drawing live
//! in its own module; this one only picks the tab and reports the panel's width.

use crate::app::catalog_ui::{CatalogPanel, catalog_tab};
use crate::app::files::{FileAction, PendingDialog};
use crate::app::i18n::{Lang, Msg};
use crate::app::memory_ui::{MemoryPanel, memory_tab};
use bevy::prelude::*;
use bevy_egui::egui;

/// Which tab of the right panel is shown.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SideTab {
    #[default]
    Catalog,
    Wishlist,
    Orders,
    Timeline,
    Privacy,
}

impl SideTab {
    pub const ALL: [SideTab; 5] = [
        SideTab::Catalog,
        SideTab::Wishlist,
        SideTab::Orders,
        SideTab::Timeline,
        SideTab::Privacy,
    ];

    fn msg(self) -> Msg {
        match self {
            SideTab::Catalog => Msg::TabCatalog,
            SideTab::Wishlist => Msg::TabWishlist,
            SideTab::Orders => Msg::TabOrders,
            SideTab::Timeline => Msg::TabTimeline,
            SideTab::Privacy => Msg::TabPrivacy,
        }
    }
}

/// The try-on asks the shopper's memory to put a garment on the wishlist (the Wishlist tab
/// stores it and says so in a notice). `added` may be left empty: today is used.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct AddToWishlist(pub crate::store::NewWishlistItem);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SideTab>()
        .add_message::<AddToWishlist>();
}

/// What the right panel reads and changes.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct SideState<'w, 's> {
    tab: ResMut<'w, SideTab>,
    pending: Res<'w, PendingDialog>,
    catalog: CatalogPanel<'w, 's>,
    memory: MemoryPanel<'w, 's>,
}

/// Draws the right panel into `root` (after the left panel); returns its left edge.
pub(super) fn side_panel(
    root: &mut egui::Ui,
    lang: Lang,
    state: &mut SideState,
    files: &mut MessageWriter<FileAction>,
) -> f32 {
    let panel = egui::Panel::right("side")
        .resizable(true)
        .default_size(420.0)
        .size_range(340.0..=640.0)
        .show(root, |ui| {
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                let mut tab = *state.tab;
                for t in SideTab::ALL {
                    ui.selectable_value(&mut tab, t, lang.t(t.msg()));
                }
                if tab != *state.tab {
                    *state.tab = tab;
                }
            });
            ui.separator();
            match *state.tab {
                SideTab::Catalog => {
                    let idle = !state.pending.is_open();
                    if ui
                        .add_enabled(idle, egui::Button::new(lang.t(Msg::ImportGarmentFile)))
                        .on_hover_text(lang.t(Msg::DropToImport))
                        .clicked()
                    {
                        files.write(FileAction::ImportGarment);
                    }
                    catalog_tab(ui, lang, &mut state.catalog)
                }
                tab => memory_tab(ui, lang, tab, &mut state.memory),
            }
        });
    panel.response.rect.left()
}
