//! Garments the shopper imports (dropped onto the window or picked with "Import garment…",
//! read in the background by `state/garment_import.rs`) join the catalog, with their chart size
//! for the current body. A newer file of the same garment (same SKU) replaces the old one.

use super::catalog::chart_size;
use super::{Catalog, CatalogEntry, CatalogGarment};
use crate::app::state::body::ShopperBody;
use crate::app::state::garment_import::GarmentImported;
use bevy::prelude::*;
use std::sync::Arc;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<GarmentImported>()
        .add_systems(Update, add_imported.in_set(crate::app::AppSystems::Fit));
}

fn add_imported(
    mut imported: MessageReader<GarmentImported>,
    mut catalog: ResMut<Catalog>,
    shopper: Res<ShopperBody>,
) {
    for GarmentImported { path, garment } in imported.read() {
        let imported = Arc::unwrap_or_clone(garment.clone());
        let sku = imported.meta.sku.clone();
        let garment = Arc::new(CatalogGarment::new(path.display().to_string(), imported));
        let entry = CatalogEntry {
            chart_size: shopper
                .resolved
                .as_ref()
                .and_then(|body| chart_size(garment.meta(), body)),
            garment,
        };
        catalog.entries.retain(|e| e.garment.meta().sku != sku);
        catalog.entries.push(entry);
    }
}
