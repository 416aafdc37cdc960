//! Garments from retailers: the Anprobe garment metadata carried in a glTF 2.0 file's
//! `ANPROBE_garment` extension, and the garment meshes. Import and validation live in submodules.

mod diagnostic;
mod example;
mod import;
pub mod limits;
mod mesh;
mod progress;
pub mod region;
mod source;
mod validate;

pub use diagnostic::{Diagnostic, ImportErrors, Severity};
pub use example::garment_meta_example;
pub use import::{
    GarmentPart, ImportedGarment, SUPPORTED_REQUIRED_EXTENSIONS, import_file,
    import_file_with_progress, import_slice,
};
pub use progress::{ImportPhase, ImportProgress};
pub use region::{
    CHART_KEYS, ChartKey, Region, Verdict, canonical_chart_keys, chart_key, chart_key_names,
    garment_value,
};
pub use validate::{
    META_POINTER, is_currency, parse_meta, size_dimensions, validate_files, validate_meta,
};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The glTF extension name holding [`GarmentMeta`] (root `extensions`, declared in `extensionsUsed`).
pub const EXTENSION: &str = "ANPROBE_garment";

/// What kind of garment it is (decides which body dimensions its size chart uses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// T-shirts, tops, sweatshirts and hoodies.
    Top,
    /// Shirts and blouses.
    Shirt,
    /// Knitted jumpers and cardigans.
    Knitwear,
    /// Trousers, jeans and shorts.
    Bottom,
    /// Skirts.
    Skirt,
    /// Dresses.
    Dress,
    /// Jackets and coats.
    Outerwear,
}

/// One colour a garment is sold in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Colourway {
    /// The colour's name as the retailer sells it, e.g. `"navy"`.
    pub name: String,
    /// sRGB hex, e.g. `"#1f3a5f"`.
    pub rgb: String,
}

/// How far the fabric stretches before it is tight, in % of its length, per direction.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stretch {
    /// Around the body (weft / course direction).
    pub horizontal_pct: f64,
    /// Along the body (warp / wale direction).
    pub vertical_pct: f64,
}

/// A closed range of a body measurement, cm.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// The smallest body measurement the size is for, cm.
    pub min: f64,
    /// The largest body measurement the size is for, cm.
    pub max: f64,
}

/// One size of the size chart: the body it is made for (ranges of measurement keys, the primary
/// and secondary dimensions of EN 13402-2 / ISO 8559-2) and the finished garment measurements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Size {
    /// The label on the tag: `"M"`, `"38"`, `"32/34"`.
    pub label: String,
    /// Body measurement ranges keyed by measurement key (`"chest_girth"`, `"waist_girth"`, …).
    pub body: BTreeMap<String, Range>,
    /// Finished garment measurements in cm keyed by region (`"chest"`, `"waist"`, `"hip"`,
    /// `"length"`, `"sleeve"`, `"inside_leg"`, …).
    pub garment: BTreeMap<String, f64>,
}

/// The Anprobe garment metadata (the `ANPROBE_garment` extension's JSON object).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GarmentMeta {
    /// Format version of this object (currently 1).
    pub version: u32,
    /// The retailer's stock-keeping unit.
    pub sku: String,
    /// The shop selling it.
    pub retailer: String,
    /// The brand on the label.
    pub brand: String,
    /// The garment's name as the retailer shows it.
    pub name: String,
    /// What kind of garment it is.
    pub category: Category,
    /// 0 = next to skin (underwear), 1 = base (T-shirt, trousers), 2 = mid (shirt over T-shirt,
    /// knitwear), 3 = outer (jacket, coat).
    pub layer: u8,
    /// The price, in `currency` (not negative).
    pub price: f64,
    /// ISO 4217 code.
    pub currency: String,
    /// The colours it is sold in (at least one).
    pub colourways: Vec<Colourway>,
    /// How far its fabric stretches.
    pub stretch: Stretch,
    /// Care instructions, as the retailer words them.
    pub care: String,
    /// How many days after delivery it may be returned.
    pub return_window_days: u32,
    /// The body the mesh was modelled on: the measurements JSON's keys and values (cm, kg).
    pub reference_body: BTreeMap<String, f64>,
    /// The label of the size the mesh is modelled in.
    pub reference_size: String,
    /// The size chart, smallest size first.
    pub sizes: Vec<Size>,
}
