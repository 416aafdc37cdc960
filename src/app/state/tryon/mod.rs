//! The try-on: the catalog, what the shopper wears and in which size, and fitting the outfit
//! off the UI thread.
//!
//! State lives in resources: [`Catalog`] (the garments on offer, read once at startup),
//! [`TryOn`] (the outfit, each garment's size and fit) and [`GarmentView`] (fabric or fit map).
//! The catalog tab's [`CatalogAction`]s and the screenshot change them; [`fitting`] and the
//! scene's worn garments follow them.

pub mod actions;
pub mod catalog;
pub mod fitting;
pub mod imported;

pub use crate::fit::outfit::WornFit;
pub use actions::CatalogAction;
pub use catalog::{Catalog, CatalogDir, CatalogEntry, CatalogFilter, PriceLimit, filter_catalog};
pub use fitting::{DrapeAhead, FitProgress};

use crate::fit::outfit::layer_rank;
use crate::garment::GarmentMeta;
use crate::garment::ImportedGarment;
use bevy::prelude::*;
use std::sync::{Arc, OnceLock};

/// A garment that can be worn: as read from its file, and once prepared for fitting (welded,
/// bound to its reference body; computed on first try-on, off the UI thread).
#[derive(Debug)]
pub struct CatalogGarment {
    /// Where it was read from (shown in messages).
    pub source: String,
    /// Shared with its prepared fit (the meshes are not copied).
    pub imported: Arc<ImportedGarment>,
    prepared: OnceLock<Result<Arc<crate::fit::PreparedGarment>, String>>,
}

impl CatalogGarment {
    /// A garment read from `source` (its path, named in messages); prepared on first try-on.
    pub fn new(source: impl Into<String>, imported: ImportedGarment) -> CatalogGarment {
        CatalogGarment {
            source: source.into(),
            imported: Arc::new(imported),
            prepared: OnceLock::new(),
        }
    }

    /// Its metadata: SKU, name, brand, retailer, category, layer, price, size chart.
    pub fn meta(&self) -> &GarmentMeta {
        &self.imported.meta
    }

    /// Prepares the garment for fitting once (slow: call it off the UI thread).
    pub fn prepared(&self) -> Result<Arc<crate::fit::PreparedGarment>, String> {
        self.prepared
            .get_or_init(|| {
                crate::fit::PreparedGarment::new(Arc::clone(&self.imported))
                    .map(Arc::new)
                    .map_err(|e| format!("{}: {e}", self.source))
            })
            .clone()
    }

    /// The chart sizes' labels, in chart order.
    pub fn size_labels(&self) -> Vec<String> {
        self.meta().sizes.iter().map(|s| s.label.clone()).collect()
    }
}

/// How the worn garments are drawn.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GarmentView {
    /// Their own colours and textures.
    #[default]
    Fabric,
    /// Blue (loose) – green (good) – red (tight), per vertex.
    FitMap,
}

/// One garment the shopper wears.
#[derive(Clone, Debug)]
pub struct Worn {
    /// The garment, shared with its catalog entry.
    pub garment: Arc<CatalogGarment>,
    /// The size the shopper picked; `None`: the recommended one.
    pub size: Option<String>,
    /// The last fit of this garment on the current body (every size, the shown one draped over
    /// the lower layers), or `None` while it is being fitted for the first time.
    pub fit: Option<Arc<WornFit>>,
    /// Why it could not be fitted.
    pub error: Option<String>,
    /// The store's product it was tried on as (a colour of the garment at a retailer's price),
    /// if one: "Add to wishlist" stores that product.
    pub product: Option<crate::catalog::Product>,
}

impl Worn {
    /// The garment's SKU, which names it in the outfit (one of each SKU is worn).
    pub fn sku(&self) -> &str {
        &self.garment.meta().sku
    }
}

/// The outfit: which garments are worn (lowest layer first), in which size, and how each fits.
#[derive(Resource, Default, Debug)]
pub struct TryOn {
    worn: Vec<Worn>,
    /// Bumped whenever the outfit or a size changes (the fitting starts again).
    revision: u64,
}

impl TryOn {
    /// The worn garments, lowest layer first.
    pub fn worn(&self) -> &[Worn] {
        &self.worn
    }

    /// Counts changes of the outfit and its sizes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The worn garment with this SKU, if it is worn.
    pub fn get(&self, sku: &str) -> Option<&Worn> {
        self.worn.iter().find(|w| w.sku() == sku)
    }

    /// Whether the garment with this SKU is worn.
    pub fn is_worn(&self, sku: &str) -> bool {
        self.get(sku).is_some()
    }

    /// Puts a garment on (in the given size, or the recommended one); one of each SKU.
    pub fn put_on(&mut self, garment: Arc<CatalogGarment>, size: Option<String>) {
        if self.is_worn(&garment.meta().sku) {
            return;
        }
        self.worn.push(Worn {
            garment,
            size,
            fit: None,
            error: None,
            product: None,
        });
        // Stable: garments of the same layer stay in the order they were put on.
        self.worn.sort_by_key(|w| layer_rank(w.garment.meta()));
        self.revision += 1;
    }

    /// Takes off the garment with this SKU (nothing happens when it is not worn).
    pub fn take_off(&mut self, sku: &str) {
        let before = self.worn.len();
        self.worn.retain(|w| w.sku() != sku);
        if self.worn.len() != before {
            self.revision += 1;
        }
    }

    /// Records the store's product a worn garment is tried on as (`None`: the garment itself).
    pub fn set_product(&mut self, sku: &str, product: Option<crate::catalog::Product>) {
        if let Some(w) = self.worn.iter_mut().find(|w| w.sku() == sku)
            && w.product != product
        {
            w.product = product;
            self.revision += 1;
        }
    }

    /// Picks a size (`None`: the recommended one).
    pub fn set_size(&mut self, sku: &str, size: Option<String>) {
        if let Some(w) = self.worn.iter_mut().find(|w| w.sku() == sku)
            && w.size != size
        {
            w.size = size;
            self.revision += 1;
        }
    }

    /// Whether every worn garment has a fit (or an error) for the outfit as it is now.
    pub fn all_fitted(&self, progress: &FitProgress) -> bool {
        progress.is_current(self.revision)
            && self
                .worn
                .iter()
                .all(|w| w.fit.is_some() || w.error.is_some())
    }

    fn worn_mut(&mut self) -> &mut [Worn] {
        &mut self.worn
    }
}

/// The try-on without anything drawn: the catalog, the catalog tab's actions, the outfit and its
/// fitting. Headless tests add it after [`headless_plugin`](crate::app::headless_plugin).
pub fn tryon_plugin(app: &mut App) {
    app.init_resource::<TryOn>()
        .init_resource::<GarmentView>()
        .add_plugins((
            catalog::plugin,
            actions::plugin,
            fitting::plugin,
            imported::plugin,
        ));
}
