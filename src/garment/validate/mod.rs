//! Validation of the `ANPROBE_garment` metadata: first its JSON shape ([`shape`]), then its
//! meaning ([`rules`], the size chart in [`size_chart`]); the plausibility of the garment's
//! placement around the reference body ([`placement`]); and the `anprobe garment validate
//! FILE...` report ([`command`]). The vocabularies the checks share (categories, garment
//! regions, currencies, the size chart's body dimensions) are here.

mod command;
mod placement;
mod rules;
mod shape;
mod size_chart;

pub use command::validate_files;
pub(crate) use placement::{bounds, check_placement};
pub use rules::validate_meta;
pub use size_chart::check_size_chart;

use super::diagnostic::Diagnostic;
use super::{Category, GarmentMeta};
use crate::measurements::Key;
use serde_json::Value;

/// The JSON-pointer-like location of the metadata object in a glTF document.
pub const META_POINTER: &str = "extensions.ANPROBE_garment";

/// Category values as written in the JSON.
const CATEGORIES: [&str; 7] = [
    "top",
    "shirt",
    "knitwear",
    "bottom",
    "skirt",
    "dress",
    "outerwear",
];

/// ISO 4217 codes of currencies in use (funds, precious metals and test codes left out).
const CURRENCIES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN \
ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD \
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU \
MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB \
RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD \
TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL";

/// Whether `code` is an ISO 4217 code of a currency in use (upper case, e.g. `"EUR"`).
pub fn is_currency(code: &str) -> bool {
    code.len() == 3 && CURRENCIES.split(' ').any(|c| c == code)
}

/// The body dimensions a size chart of this category must give for every size (the primary
/// dimensions of EN 13402-2 / ISO 8559-2) and those it may add (secondary).
pub fn size_dimensions(category: Category) -> (&'static [Key], &'static [Key]) {
    match category {
        Category::Top | Category::Shirt | Category::Knitwear | Category::Outerwear => {
            (&[Key::ChestGirth], &[Key::WaistGirth])
        }
        Category::Bottom => (&[Key::WaistGirth, Key::HipGirth], &[Key::InsideLeg]),
        Category::Skirt => (&[Key::WaistGirth, Key::HipGirth], &[]),
        Category::Dress => (&[Key::ChestGirth, Key::WaistGirth, Key::HipGirth], &[]),
    }
}

/// Whether a chart (or reference body) whose keys satisfy `given` gives the primary dimension
/// `key`: a bottom's waist may be given at the navel instead (`omphalion_girth`, low-rise).
pub fn gives(category: Category, key: Key, given: impl Fn(Key) -> bool) -> bool {
    given(key)
        || (key == Key::WaistGirth && category == Category::Bottom && given(Key::OmphalionGirth))
}

/// The finished garment region that eases a body girth (`chest_girth` → `chest`; the navel's
/// girth is a low-rise garment's waist).
fn region_of(key: Key) -> Option<&'static str> {
    match key {
        Key::ChestGirth => Some("chest"),
        Key::WaistGirth | Key::OmphalionGirth => Some("waist"),
        Key::HipGirth => Some("hip"),
        Key::UnderbustGirth => Some("underbust"),
        _ => None,
    }
}

/// The category's plural noun for messages ("tops", "dresses").
fn category_noun(category: Category) -> &'static str {
    match category {
        Category::Top => "tops",
        Category::Shirt => "shirts",
        Category::Knitwear => "knitwear",
        Category::Outerwear => "outerwear",
        Category::Bottom => "bottoms",
        Category::Skirt => "skirts",
        Category::Dress => "dresses",
    }
}

/// Checks the extension's JSON object: first its shape (required fields, types, unknown fields),
/// then, when it has the right shape, its meaning ([`validate_meta`]).
///
/// Returns the metadata when the shape is right (even if its values have errors: the
/// diagnostics say so) and every diagnostic, located under [`META_POINTER`].
pub fn parse_meta(value: &Value) -> (Option<GarmentMeta>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    shape::check_shape(value, META_POINTER, &mut d);
    if d.iter().any(Diagnostic::is_error) {
        return (None, d);
    }
    match serde_json::from_value::<GarmentMeta>(value.clone()) {
        Ok(meta) => {
            d.extend(validate_meta(&meta));
            (Some(meta), d)
        }
        Err(e) => {
            d.push(Diagnostic::error(META_POINTER, e.to_string()));
            (None, d)
        }
    }
}
