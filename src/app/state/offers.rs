//! The store's products as the catalog tab lists them: each with its metadata for the filters,
//! the catalog garment it is tried on with (its 3D model, matched by file name) and the size its
//! chart gives the current body. Read again when the store's products or the catalog change
//! (not at every change of the store), sized again when the body changes (the chart alone, no
//! drape: milliseconds for the sample's 312). The concierge reads its products from here.

use crate::app::i18n::Said;
use crate::app::state::body::ShopperBody;
use crate::app::state::store::ShopperStore;
use crate::app::state::tryon::Catalog;
use crate::app::state::tryon::catalog::chart_size;
use crate::catalog::Product;
use crate::concierge::product_key;
use crate::garment::GarmentMeta;
use crate::store::StoredProduct;
use bevy::prelude::*;
use std::collections::HashMap;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Offers>().add_systems(
        Update,
        (read_offers, size_offers)
            .chain()
            .in_set(crate::app::AppSystems::Fit),
    );
}

/// One product of the store.
#[derive(Clone, Debug)]
pub struct Offer {
    /// The product as its catalog last gave it, with its price and stock history.
    pub stored: StoredProduct,
    /// The same as garment metadata (what the catalog filter reads).
    pub meta: GarmentMeta,
    /// The SKU of the catalog garment that is its 3D model, if it has one.
    pub garment: Option<String>,
    /// The size its chart gives the current body (`None`: none fits, or no body yet).
    pub chart_size: Option<String>,
}

impl Offer {
    /// The product as its catalog last gave it.
    pub fn product(&self) -> &Product {
        &self.stored.product
    }
}

/// The store's products.
#[derive(Resource, Default)]
pub struct Offers {
    /// (the store's products revision, catalog loaded) they were read for.
    read_for: Option<(u64, bool)>,
    /// (read count, body generation) they were sized for.
    sized_for: Option<(u64, u64)>,
    /// Counts the reads, so that what follows the products knows when they changed.
    pub reads: u64,
    /// The products, in the store's order (retailer, then SKU).
    pub entries: Vec<Offer>,
    /// Why the store could not be read, if it could not.
    pub error: Option<Said>,
}

impl Offers {
    /// The catalog garments (their SKUs) that some product uses as its 3D model.
    pub fn garments_used(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter_map(|o| o.garment.as_deref())
    }
}

/// Per product (lower-case retailer and SKU), the SKU of the catalog garment whose file is the
/// product's garment file (matched by file name: the store keeps the path the catalog was read
/// from, the app reads its own copy).
pub fn garments_of(products: &[Product], catalog: &Catalog) -> HashMap<(String, String), String> {
    let by_file: HashMap<String, String> = catalog
        .entries
        .iter()
        .filter_map(|e| {
            let name = std::path::Path::new(&e.garment.source).file_name()?;
            Some((
                name.to_string_lossy().to_lowercase(),
                e.garment.meta().sku.clone(),
            ))
        })
        .collect();
    products
        .iter()
        .filter_map(|p| {
            let file = p.garment.as_ref()?.file_name()?;
            let sku = by_file.get(&file.to_string_lossy().to_lowercase())?;
            Some((product_key(&p.retailer, &p.sku), sku.clone()))
        })
        .collect()
}

fn read_offers(
    store: Res<ShopperStore>,
    catalog: Option<Res<Catalog>>,
    mut offers: ResMut<Offers>,
) {
    if store.is_pending() {
        return;
    }
    let empty = Catalog::default();
    let catalog = catalog.as_deref().unwrap_or(&empty);
    let key = (store.products_revision(), catalog.loaded);
    if offers.read_for == Some(key) {
        return;
    }
    offers.read_for = Some(key);
    offers.reads += 1;
    match store.read(|s| s.products(None)) {
        Ok(stored) => {
            let products: Vec<Product> = stored.iter().map(|s| s.product.clone()).collect();
            let garments = garments_of(&products, catalog);
            offers.entries = stored
                .into_iter()
                .map(|stored| Offer {
                    meta: stored.product.meta(),
                    garment: garments
                        .get(&product_key(&stored.product.retailer, &stored.product.sku))
                        .cloned(),
                    chart_size: None,
                    stored,
                })
                .collect();
            offers.error = None;
        }
        Err(why) => {
            offers.entries.clear();
            offers.error = Some(why);
        }
    }
}

pub(crate) fn size_offers(body: Res<ShopperBody>, mut offers: ResMut<Offers>) {
    let Some(resolved) = &body.resolved else {
        return;
    };
    let key = (offers.reads, body.generation);
    if offers.sized_for == Some(key) {
        return;
    }
    let offers = &mut *offers;
    offers.sized_for = Some(key);
    // Products sharing a chart (colours of one garment) share one answer.
    let mut known: HashMap<String, Option<String>> = HashMap::new();
    for offer in &mut offers.entries {
        let product = &offer.stored.product;
        let chart = serde_json::to_string(&product.sizes).unwrap_or_default();
        let chart = format!("{}|{:?}|{chart}", product.brand, product.category);
        offer.chart_size = known
            .entry(chart)
            .or_insert_with(|| chart_size(&offer.meta, resolved))
            .clone();
    }
}
