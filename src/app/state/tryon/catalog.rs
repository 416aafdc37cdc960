//! The sample catalog: every garment file in `assets/catalog/`, read once at startup on a
//! background task; the size each would be for the current body (by the size chart, no drape);
//! and the catalog filter (a pure function, tested).

use super::CatalogGarment;
use crate::app::state::body::ShopperBody;
use crate::app::state::waker::Waker;
use crate::fit::recommend;
use crate::garment::{Category, GarmentMeta};
use crate::measurements::Resolved;
use crate::sample_catalog::shipped;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};
use bevy::window::RequestRedraw;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CatalogDir>()
        .init_resource::<Catalog>()
        .init_resource::<Waker>()
        .add_systems(Startup, start_loading)
        .add_systems(
            Update,
            (finish_loading, chart_sizes)
                .chain()
                .in_set(crate::app::AppSystems::Fit),
        );
}

/// The folder the catalog is read from (`assets/catalog` of the working directory, else of the
/// project or beside the executable; the app started from elsewhere uses the data folder's
/// copy of the sample catalog: [`shipped::locate`]).
#[derive(Resource, Clone, Debug)]
pub struct CatalogDir(pub PathBuf);

impl CatalogDir {
    /// The catalog folder for an app whose store lives in `data_dir`: the sample catalog is
    /// written there when no `assets/catalog` folder is found (kept as it was where it cannot be:
    /// the catalog tab then says why it is empty).
    pub fn for_data_dir(data_dir: Option<&Path>) -> CatalogDir {
        let candidates = shipped::candidates();
        match shipped::locate(&candidates, data_dir) {
            Ok(dir) => CatalogDir(dir),
            Err(e) => {
                warn!("the sample catalog could not be written into the data folder: {e}");
                CatalogDir::default()
            }
        }
    }
}

impl Default for CatalogDir {
    fn default() -> Self {
        let candidates = shipped::candidates();
        let found = candidates.iter().find(|d| d.is_dir()).cloned();
        CatalogDir(found.unwrap_or_else(|| PathBuf::from(crate::sample_catalog::DEFAULT_DIR)))
    }
}

/// One garment on offer.
#[derive(Clone, Debug)]
pub struct CatalogEntry {
    /// The garment as read from its file, shared with the outfit when worn.
    pub garment: Arc<CatalogGarment>,
    /// The size the chart gives for the current body (`None`: no size fits, or no body yet).
    pub chart_size: Option<String>,
}

/// The garments on offer.
#[derive(Resource, Default)]
pub struct Catalog {
    /// The folder's garments, sorted by file name, then the imported ones in import order; an
    /// import replaces any entry with the same SKU.
    pub entries: Vec<CatalogEntry>,
    /// Files that could not be read, with why.
    pub problems: Vec<String>,
    /// Whether the folder has been read.
    pub loaded: bool,
    task: Option<Task<CatalogRead>>,
    /// The body generation `chart_size` was computed for.
    sized_for: Option<u64>,
}

impl Catalog {
    /// Takes the folder's garments, once read: they come first, followed by the garments imported
    /// while the folder was being read (kept: an import never disappears), and an import
    /// replaces the folder's garment with the same SKU.
    pub fn take_folder(&mut self, (garments, problems): CatalogRead) {
        let imported = std::mem::take(&mut self.entries);
        let mut entries: Vec<CatalogEntry> = garments
            .into_iter()
            .filter(|g| {
                !imported
                    .iter()
                    .any(|e| e.garment.meta().sku == g.meta().sku)
            })
            .map(|garment| CatalogEntry {
                garment,
                chart_size: None,
            })
            .collect();
        entries.extend(imported);
        self.entries = entries;
        self.problems = problems;
        self.loaded = true;
        self.sized_for = None;
    }

    /// The first entry with this SKU, if any.
    pub fn find(&self, sku: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.garment.meta().sku == sku)
    }
}

/// The garments read from the catalog folder and the problems with the others.
pub type CatalogRead = (Vec<Arc<CatalogGarment>>, Vec<String>);

/// Reads every `.glb`/`.gltf` of a folder (sorted by name): the garments and the problems.
pub fn read_catalog(dir: &Path) -> CatalogRead {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(list) => list
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                    x.eq_ignore_ascii_case("glb") || x.eq_ignore_ascii_case("gltf")
                })
            })
            .collect(),
        Err(e) => return (Vec::new(), vec![format!("{}: {e}", dir.display())]),
    };
    paths.sort();
    let mut garments = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match crate::garment::import_file(&path) {
            Ok(imported) => garments.push(Arc::new(CatalogGarment::new(
                path.display().to_string(),
                imported,
            ))),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    (garments, problems)
}

fn start_loading(dir: Res<CatalogDir>, waker: Res<Waker>, mut catalog: ResMut<Catalog>) {
    let dir = dir.0.clone();
    let read = waker.after(async move { read_catalog(&dir) });
    catalog.task = Some(AsyncComputeTaskPool::get().spawn(read));
}

/// Takes the catalog once read (the read wakes the app when it ends).
fn finish_loading(mut catalog: ResMut<Catalog>, mut redraw: MessageWriter<RequestRedraw>) {
    let Some(task) = catalog.task.as_mut() else {
        return;
    };
    if let Some(read) = check_ready(task) {
        catalog.task = None;
        catalog.take_folder(read);
        redraw.write(RequestRedraw);
    }
}

/// The size the chart recommends for a body (no drape: quick enough for the whole catalog).
pub fn chart_size(meta: &GarmentMeta, body: &Resolved) -> Option<String> {
    let checks: Vec<Vec<recommend::ChartCheck>> = meta
        .sizes
        .iter()
        .map(|s| recommend::chart_checks(meta, s, body))
        .collect();
    let evidence: Vec<recommend::SizeEvidence> = meta
        .sizes
        .iter()
        .zip(&checks)
        .map(|(s, c)| recommend::SizeEvidence {
            label: &s.label,
            checks: c,
            regions: &[],
            score: recommend::score(meta.category, c, &[]),
        })
        .collect();
    recommend::recommend(meta, body, &evidence).size
}

fn chart_sizes(shopper: Res<ShopperBody>, mut catalog: ResMut<Catalog>) {
    let Some(body) = &shopper.resolved else {
        return;
    };
    if !catalog.loaded || catalog.sized_for == Some(shopper.generation) {
        return;
    }
    let catalog = &mut *catalog;
    for entry in &mut catalog.entries {
        entry.chart_size = chart_size(entry.garment.meta(), body);
    }
    catalog.sized_for = Some(shopper.generation);
}

/// What the shopper narrows the catalog to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogFilter {
    /// Only this retailer's garments.
    pub retailer: Option<String>,
    /// Only garments of this category; `None`: every category.
    pub category: Option<Category>,
    /// At most this price, in this currency: garments priced in another currency do not pass
    /// (Anprobe works offline and converts no prices).
    pub max_price: Option<PriceLimit>,
    /// Only garments with a size recommended for the current body.
    pub fits_me: bool,
    /// Words that must all appear (any case) in the name, brand, retailer, SKU, category or
    /// colour.
    pub search: String,
}

/// A price limit in one currency.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceLimit {
    /// The highest price that passes, in the currency's major units (`49.90`); inclusive.
    pub amount: f64,
    /// ISO 4217 code, as in the garments' metadata (`EUR`).
    pub currency: String,
}

impl PriceLimit {
    /// Whether a garment's price is within the limit (same currency, at most the amount).
    pub fn admits(&self, meta: &GarmentMeta) -> bool {
        meta.currency == self.currency && meta.price <= self.amount
    }
}

/// The indices of the garments that pass the filter, in catalog order. Each item is a garment's
/// metadata and whether a size is recommended for the current body.
pub fn filter_catalog(items: &[(&GarmentMeta, bool)], filter: &CatalogFilter) -> Vec<usize> {
    let words: Vec<String> = filter
        .search
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    items
        .iter()
        .enumerate()
        .filter(|(_, (meta, fits))| {
            filter.retailer.as_ref().is_none_or(|r| &meta.retailer == r)
                && filter.category.is_none_or(|c| meta.category == c)
                && filter.max_price.as_ref().is_none_or(|l| l.admits(meta))
                && (!filter.fits_me || *fits)
                && {
                    let colours: Vec<&str> =
                        meta.colourways.iter().map(|c| c.name.as_str()).collect();
                    let hay = format!(
                        "{} {} {} {} {} {}",
                        meta.name,
                        meta.brand,
                        meta.retailer,
                        meta.sku,
                        category_name(meta.category),
                        colours.join(" ")
                    )
                    .to_lowercase();
                    words.iter().all(|w| hay.contains(w.as_str()))
                }
        })
        .map(|(i, _)| i)
        .collect()
}

/// The category's JSON name (`"outerwear"`), also searched.
pub fn category_name(category: Category) -> &'static str {
    match category {
        Category::Top => "top",
        Category::Shirt => "shirt",
        Category::Knitwear => "knitwear",
        Category::Bottom => "bottom",
        Category::Skirt => "skirt",
        Category::Dress => "dress",
        Category::Outerwear => "outerwear",
    }
}
