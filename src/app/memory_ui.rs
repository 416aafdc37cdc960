//! The memory tabs: SCAFFOLD for the store work (replaced by Wishlist, Orders, Timeline, Privacy).

use crate::app::i18n::Lang;
use crate::app::side::SideTab;
use bevy::prelude::*;
use bevy_egui::egui;

/// What the memory tabs read and change.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct MemoryPanel<'w, 's> {
    time: Res<'w, Time>,
    _local: Local<'s, ()>,
}

pub(super) fn memory_tab(ui: &mut egui::Ui, _lang: Lang, tab: SideTab, panel: &mut MemoryPanel) {
    ui.label(format!("{tab:?} ({})", panel.time.elapsed_secs()));
}
