//! What the store's tabs of the right panel (Wishlist, Orders, Timeline, Privacy) share: why
//! there is no data when the store could not be opened, a warning when it is read-only, the
//! scroll area, and their systems' common part, which sends the changes the tab asked for as
//! [`StoreAction`]s.

use super::error_text;
use super::right_panel::{RightPanel, RightPanelTab};
use crate::app::i18n::{Lang, Msg};
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::{FormResults, StoreAction};
use bevy::prelude::*;
use bevy_egui::egui;

/// Draws a store tab around `contents` (the tab itself), or why the store cannot be shown.
pub fn store_tab(
    ui: &mut egui::Ui,
    lang: Lang,
    store: &ShopperStore,
    tab: RightPanelTab,
    contents: impl FnOnce(&mut egui::Ui),
) {
    if let Some(why) = store.unavailable() {
        error_text(ui, lang.t(why.msg));
        if !why.detail.is_empty() {
            ui.label(egui::RichText::new(&why.detail).small());
        }
        return;
    }
    if store.is_read_only() {
        error_text(ui, lang.t(Msg::StoreReadOnly));
    }
    egui::ScrollArea::vertical()
        .id_salt(("memory", tab))
        .auto_shrink([false, false])
        .show(ui, contents);
}

/// What every store tab's system reads and changes.
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct StoreTabs<'w, 's> {
    panel: RightPanel<'w, 's>,
    store: Res<'w, ShopperStore>,
    results: ResMut<'w, FormResults>,
    actions: MessageWriter<'w, StoreAction>,
}

impl StoreTabs<'_, '_> {
    /// Draws the right panel with the store tab `tab`, drawn by `draw` (which collects the
    /// changes the shopper asked for), and sends those changes. A form taking its result does
    /// not count as a change of [`FormResults`] (that would ask for a redraw every frame).
    pub(crate) fn show(
        &mut self,
        tab: RightPanelTab,
        draw: impl FnOnce(&mut egui::Ui, Lang, &ShopperStore, &mut FormResults, &mut Vec<StoreAction>),
    ) -> Result {
        let StoreTabs {
            panel,
            store,
            results,
            actions,
        } = self;
        let store: &ShopperStore = store;
        let results = results.bypass_change_detection();
        let mut out = Vec::new();
        panel.show(|ui, lang| {
            store_tab(ui, lang, store, tab, |ui| {
                draw(ui, lang, store, results, &mut out);
            });
        })?;
        actions.write_batch(out);
        Ok(())
    }
}
