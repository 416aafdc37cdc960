//! What the shopper asks of the catalog tab, applied in one system: garments put on and taken
//! off, a size picked, a garment added to the wishlist (through the store's
//! [`AddToWishlist`]), a garment file to import or the outfit to save as a picture (through
//! their own messages), a measurement to take (its field focused). The tab only draws and returns
//! these.

use super::{Catalog, TryOn};
use crate::app::scene::outfit_picture::SaveOutfitPng;
use crate::app::scene::tape::TapeHover;
use crate::app::state::files::FileAction;
use crate::app::state::store_actions::AddToWishlist;
use crate::measurements::Key;
use crate::store::NewWishlistItem;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    // The tape's resource: "measure your hip" focuses its row (the scene's tape plugin draws it).
    app.init_resource::<TapeHover>()
        .add_message::<CatalogAction>()
        .add_message::<AddToWishlist>()
        .add_message::<FileAction>()
        .add_message::<SaveOutfitPng>()
        .add_systems(
            Update,
            apply_catalog_actions.in_set(crate::app::AppSystems::Actions),
        );
}

/// A change the shopper asked for in the catalog tab.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum CatalogAction {
    /// Wear the catalog's garment with this SKU, in the recommended size.
    PutOn {
        /// The garment's SKU.
        sku: String,
    },
    /// Wear the catalog's garment with this SKU in `size` (the recommended one when `None` or
    /// when its chart has no such size), as the store's `product` (its colour and price); a
    /// garment worn already changes to that size and product.
    TryOn {
        /// The garment's SKU.
        sku: String,
        /// The chart size's label.
        size: Option<String>,
        /// The store's product it is tried on as.
        product: Option<Box<crate::catalog::Product>>,
    },
    /// Take the garment with this SKU off.
    TakeOff {
        /// The garment's SKU.
        sku: String,
    },
    /// Show a worn garment in another size (`None`: the recommended one).
    SetSize {
        /// The garment's SKU.
        sku: String,
        /// The chart size's label.
        size: Option<String>,
    },
    /// Put a worn garment, in the size shown, on the wishlist.
    AddToWishlist(NewWishlistItem),
    /// Choose a retailer's garment file and import it.
    ImportFile,
    /// Save the outfit as a PNG picture.
    SaveOutfitPng,
    /// Take this measurement: its field in the measurements panel takes the focus and its tape
    /// shows on the avatar.
    Measure(Key),
}

fn apply_catalog_actions(
    mut actions: MessageReader<CatalogAction>,
    catalog: Res<Catalog>,
    mut tryon: ResMut<TryOn>,
    mut wishes: MessageWriter<AddToWishlist>,
    mut files: MessageWriter<FileAction>,
    mut pictures: MessageWriter<SaveOutfitPng>,
    mut hover: ResMut<TapeHover>,
) {
    for action in actions.read() {
        match action {
            CatalogAction::PutOn { sku } => {
                if let Some(entry) = catalog.find(sku) {
                    tryon.put_on(entry.garment.clone(), None);
                }
            }
            CatalogAction::TryOn { sku, size, product } => {
                if let Some(entry) = catalog.find(sku) {
                    let labels = entry.garment.size_labels();
                    let size = size.clone().filter(|s| labels.contains(s));
                    if tryon.is_worn(sku) {
                        tryon.set_size(sku, size);
                    } else {
                        tryon.put_on(entry.garment.clone(), size);
                    }
                    tryon.set_product(sku, product.as_deref().cloned());
                }
            }
            CatalogAction::TakeOff { sku } => tryon.take_off(sku),
            CatalogAction::SetSize { sku, size } => tryon.set_size(sku, size.clone()),
            CatalogAction::AddToWishlist(item) => {
                wishes.write(AddToWishlist(item.clone()));
            }
            CatalogAction::ImportFile => {
                files.write(FileAction::ImportGarment);
            }
            CatalogAction::SaveOutfitPng => {
                pictures.write(SaveOutfitPng);
            }
            CatalogAction::Measure(key) => {
                hover.pinned = Some(*key);
                hover.focus = Some(*key);
            }
        }
    }
}
