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
    import_file_with_progress, import_slice, import_slice_with_progress,
};
pub use mesh::REFERENCE_BODY_NODE;
pub use progress::{ImportPhase, ImportProgress};
pub use region::{
    CHART_KEYS, ChartKey, Region, Verdict, canonical_chart_keys, chart_key, chart_key_names,
    garment_value,
};
pub use validate::{
    META_POINTER, check_size_chart, is_currency, parse_meta, size_dimensions, validate_files,
    validate_meta,
};

use crate::body::pose::Pose;
use crate::measurements::Form;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
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
    /// The body the mesh was modelled on: its form and the measurements JSON's keys and values
    /// (cm, kg).
    pub reference_body: ReferenceBody,
    /// The label of the size the mesh is modelled in.
    pub reference_size: String,
    /// The size chart, smallest size first.
    pub sizes: Vec<Size>,
}

/// The body a garment was modelled on (the metadata's `reference_body`): its form and its
/// measurements, written as in the measurements JSON (`{"form": "male", "stature": 178, …}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReferenceBody {
    /// `"female"` or `"male"` (read also as 0 and 1, see [`reference_form`]); `None` when not
    /// given: the reference body is female.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deserialize_form"
    )]
    pub form: Option<Form>,
    /// How the reference body stands where it does not stand as Anprobe's avatar does (arm,
    /// elbow, leg, knee and head angles); `None`: as Anprobe's avatar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pose: Option<Pose>,
    /// Measurement keys of the measurements JSON (`"stature"`, `"chest_girth"`, …) and their
    /// values, cm (kg for the weight).
    #[serde(flatten)]
    pub measurements: BTreeMap<String, f64>,
}

impl From<BTreeMap<String, f64>> for ReferenceBody {
    /// A reference body of these measurements whose form is not given (female).
    fn from(measurements: BTreeMap<String, f64>) -> ReferenceBody {
        ReferenceBody {
            form: None,
            pose: None,
            measurements,
        }
    }
}

/// The values of `reference_body.form` as messages name them.
pub const REFERENCE_FORMS: &str = "\"female\" or \"male\" (or 0 for female, 1 for male)";

/// The body form a `reference_body.form` value declares: `"female"` or `"male"`, as in the
/// measurements JSON, or the numbers 0 (female) and 1 (male); `None` for any other value.
pub fn reference_form(value: &Value) -> Option<Form> {
    match value {
        Value::String(s) if s == "female" => Some(Form::Female),
        Value::String(s) if s == "male" => Some(Form::Male),
        Value::Number(n) if n.as_f64() == Some(0.0) => Some(Form::Female),
        Value::Number(n) if n.as_f64() == Some(1.0) => Some(Form::Male),
        _ => None,
    }
}

/// Reads `reference_body.form` with [`reference_form`].
fn deserialize_form<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Form>, D::Error> {
    let value = Value::deserialize(d)?;
    reference_form(&value).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "reference_body.form: {value} is not a body form: {REFERENCE_FORMS}"
        ))
    })
}
