//! The Catalog tab: SCAFFOLD for the garment work (replaced by the catalog, try-on and fit table).

use crate::app::i18n::Lang;
use bevy::prelude::*;
use bevy_egui::egui;

/// What the Catalog tab reads and changes.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct CatalogPanel<'w, 's> {
    time: Res<'w, Time>,
    _local: Local<'s, ()>,
}

pub(super) fn catalog_tab(ui: &mut egui::Ui, _lang: Lang, panel: &mut CatalogPanel) {
    ui.label(format!("catalog ({})", panel.time.elapsed_secs()));
}
