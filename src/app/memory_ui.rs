//! The memory tabs of the right panel (Wishlist, Orders, Timeline, Privacy): picks the tab's
//! module under [`memory`](super::memory), shows why there is no data when the store could not
//! be opened, and sends the changes the tab asked for.

use crate::app::i18n::{Lang, Msg};
use crate::app::memory::actions::{FormResults, MemoryAction};
use crate::app::memory::error_text;
use crate::app::memory::orders_ui::{OrdersState, orders_tab};
use crate::app::memory::privacy_ui::{PrivacyState, privacy_tab};
use crate::app::memory::store_res::ShopperStore;
use crate::app::memory::timeline_ui::{TimelineState, timeline_tab};
use crate::app::memory::wishlist_ui::{WishlistState, wishlist_tab};
use crate::app::side::SideTab;
use bevy::prelude::*;
use bevy_egui::egui;

/// What the memory tabs read and change.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct MemoryPanel<'w, 's> {
    store: Res<'w, ShopperStore>,
    results: ResMut<'w, FormResults>,
    actions: MessageWriter<'w, MemoryAction>,
    wishlist: Local<'s, WishlistState>,
    orders: Local<'s, OrdersState>,
    timeline: Local<'s, TimelineState>,
    privacy: Local<'s, PrivacyState>,
}

pub(super) fn memory_tab(ui: &mut egui::Ui, lang: Lang, tab: SideTab, panel: &mut MemoryPanel) {
    if let Some(why) = panel.store.unavailable() {
        error_text(ui, lang.t(why.msg));
        if !why.detail.is_empty() {
            ui.label(egui::RichText::new(&why.detail).small());
        }
        return;
    }
    if panel.store.is_read_only() {
        error_text(ui, lang.t(Msg::StoreReadOnly));
    }
    let mut out = Vec::new();
    let store = &*panel.store;
    let results = &mut *panel.results;
    egui::ScrollArea::vertical()
        .id_salt(("memory", tab))
        .auto_shrink([false, false])
        .show(ui, |ui| match tab {
            SideTab::Wishlist => {
                wishlist_tab(ui, lang, store, &mut panel.wishlist, results, &mut out)
            }
            SideTab::Orders => orders_tab(ui, lang, store, &mut panel.orders, results, &mut out),
            SideTab::Timeline => {
                timeline_tab(ui, lang, store, &mut panel.timeline, results, &mut out)
            }
            SideTab::Privacy => privacy_tab(ui, lang, store, &mut panel.privacy, &mut out),
            SideTab::Catalog => {}
        });
    panel.actions.write_batch(out);
}
