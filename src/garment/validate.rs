//! Validation of the `ANPROBE_garment` metadata (first its JSON shape, then its meaning), the
//! plausibility of the garment's placement around the reference body, and the
//! `anprobe garment validate FILE...` report.

use super::diagnostic::Diagnostic;
use super::import::{GarmentPart, import_file};
use super::limits::{MAX_CARE_CHARS, MAX_COLOURWAYS, MAX_NAME_CHARS, MAX_SIZES};
use super::{Category, GarmentMeta};
use crate::measurements::{Key, plausible_range};
use glam::Vec3;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

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

/// Finished garment measurement regions (keys of `sizes[].garment`), cm. Girths are the full
/// circumference (twice the flat half-width a pattern sheet lists).
pub const GARMENT_REGIONS: [&str; 20] = [
    "chest",
    "underbust",
    "waist",
    "hip",
    "hem",
    "length",
    "back_length",
    "front_length",
    "shoulder",
    "sleeve",
    "upper_arm",
    "cuff",
    "neck",
    "rise",
    "inside_leg",
    "outside_leg",
    "thigh",
    "knee",
    "leg_opening",
    "skirt_length",
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

/// The finished garment region that eases a body girth (`chest_girth` → `chest`).
fn region_of(key: Key) -> Option<&'static str> {
    match key {
        Key::ChestGirth => Some("chest"),
        Key::WaistGirth => Some("waist"),
        Key::HipGirth => Some("hip"),
        Key::UnderbustGirth => Some("underbust"),
        _ => None,
    }
}

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
    check_shape(value, META_POINTER, &mut d);
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

// ---------------------------------------------------------------------------------------------
// Shape

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(v: &Value, expected: &str, ptr: &str, d: &mut Vec<Diagnostic>) {
    d.push(Diagnostic::error(
        ptr,
        format!("expected {expected}, found {}", json_kind(v)),
    ));
}

fn as_object<'v>(
    v: &'v Value,
    ptr: &str,
    d: &mut Vec<Diagnostic>,
) -> Option<&'v Map<String, Value>> {
    let o = v.as_object();
    if o.is_none() {
        wrong_type(v, "an object", ptr, d);
    }
    o
}

fn as_array<'v>(v: &'v Value, ptr: &str, d: &mut Vec<Diagnostic>) -> Option<&'v Vec<Value>> {
    let a = v.as_array();
    if a.is_none() {
        wrong_type(v, "an array", ptr, d);
    }
    a
}

fn check_string(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    if !v.is_string() {
        wrong_type(v, "a string", ptr, d);
    }
}

fn check_number(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    if !v.is_number() {
        wrong_type(v, "a number", ptr, d);
    }
}

fn check_uint(v: &Value, max: u64, ptr: &str, d: &mut Vec<Diagnostic>) {
    match v.as_u64() {
        Some(n) if n <= max => {}
        Some(n) => d.push(Diagnostic::error(
            ptr,
            format!("{n} is too large (at most {max})"),
        )),
        None => wrong_type(v, "a whole number ≥ 0", ptr, d),
    }
}

/// The required fields of `obj` (a missing one is an error); fields not in `known` are warned
/// about. Returns the value of each required field (in order) when all are present.
fn fields<'v, const N: usize>(
    obj: &'v Map<String, Value>,
    known: [&str; N],
    ptr: &str,
    d: &mut Vec<Diagnostic>,
) -> Option<[&'v Value; N]> {
    let mut all = true;
    for name in known {
        if !obj.contains_key(name) {
            d.push(Diagnostic::error(
                ptr,
                format!("missing required field \"{name}\""),
            ));
            all = false;
        }
    }
    for name in obj.keys() {
        if !known.contains(&name.as_str()) {
            d.push(Diagnostic::warning(
                format!("{ptr}.{name}"),
                "unknown field, ignored",
            ));
        }
    }
    all.then(|| known.map(|name| &obj[name]))
}

fn check_shape(value: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    let Some(obj) = as_object(value, ptr, d) else {
        return;
    };
    let known = [
        "version",
        "sku",
        "retailer",
        "brand",
        "name",
        "category",
        "layer",
        "price",
        "currency",
        "colourways",
        "stretch",
        "care",
        "return_window_days",
        "reference_body",
        "reference_size",
        "sizes",
    ];
    // Check the fields that are there even when some are missing.
    fields(obj, known, ptr, d);
    let at = |name: &str| format!("{ptr}.{name}");
    for (name, v) in obj {
        let p = at(name);
        match name.as_str() {
            "version" => check_uint(v, u64::from(u32::MAX), &p, d),
            "layer" => check_uint(v, 3, &p, d),
            "return_window_days" => check_uint(v, u64::from(u32::MAX), &p, d),
            "sku" | "retailer" | "brand" | "name" | "currency" | "care" | "reference_size" => {
                check_string(v, &p, d)
            }
            "price" => check_number(v, &p, d),
            "category" => match v.as_str() {
                Some(c) if CATEGORIES.contains(&c) => {}
                Some(c) => d.push(Diagnostic::error(
                    p,
                    format!("unknown category \"{c}\": one of {}", CATEGORIES.join(", ")),
                )),
                None => wrong_type(v, "a string", &p, d),
            },
            "colourways" => {
                if let Some(list) = as_array(v, &p, d) {
                    if list.len() > MAX_COLOURWAYS {
                        d.push(Diagnostic::error(
                            p,
                            format!("{} colourways: at most {MAX_COLOURWAYS}", list.len()),
                        ));
                        continue;
                    }
                    for (i, c) in list.iter().enumerate() {
                        let p = format!("{p}[{i}]");
                        if let Some(o) = as_object(c, &p, d)
                            && let Some([name, rgb]) = fields(o, ["name", "rgb"], &p, d)
                        {
                            check_string(name, &format!("{p}.name"), d);
                            check_string(rgb, &format!("{p}.rgb"), d);
                        }
                    }
                }
            }
            "stretch" => {
                if let Some(o) = as_object(v, &p, d)
                    && let Some([h, vert]) = fields(o, ["horizontal_pct", "vertical_pct"], &p, d)
                {
                    check_number(h, &format!("{p}.horizontal_pct"), d);
                    check_number(vert, &format!("{p}.vertical_pct"), d);
                }
            }
            "reference_body" => {
                if let Some(o) = as_object(v, &p, d) {
                    for (k, x) in o {
                        check_number(x, &format!("{p}.{k}"), d);
                    }
                }
            }
            "sizes" => {
                if let Some(list) = as_array(v, &p, d) {
                    if list.len() > MAX_SIZES {
                        d.push(Diagnostic::error(
                            p,
                            format!("{} sizes: at most {MAX_SIZES}", list.len()),
                        ));
                        continue;
                    }
                    for (i, s) in list.iter().enumerate() {
                        check_size_shape(s, &format!("{p}[{i}]"), d);
                    }
                }
            }
            _ => {}
        }
    }
}

fn check_size_shape(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    let Some(o) = as_object(v, ptr, d) else {
        return;
    };
    let Some([label, body, garment]) = fields(o, ["label", "body", "garment"], ptr, d) else {
        return;
    };
    check_string(label, &format!("{ptr}.label"), d);
    let p = format!("{ptr}.body");
    if let Some(body) = as_object(body, &p, d) {
        for (k, r) in body {
            let p = format!("{p}.{k}");
            if let Some(r) = as_object(r, &p, d)
                && let Some([min, max]) = fields(r, ["min", "max"], &p, d)
            {
                check_number(min, &format!("{p}.min"), d);
                check_number(max, &format!("{p}.max"), d);
            }
        }
    }
    let p = format!("{ptr}.garment");
    if let Some(garment) = as_object(garment, &p, d) {
        for (k, x) in garment {
            check_number(x, &format!("{p}.{k}"), d);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Meaning

/// Checks what the metadata says (the JSON shape is already right when it deserialized): texts,
/// price and currency, stretch, return window, the reference body, and the size chart (labels,
/// ranges, primary dimensions of the category, order, overlaps, finished measurements).
///
/// Every diagnostic is located under [`META_POINTER`].
pub fn validate_meta(meta: &GarmentMeta) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    let at = |name: &str| format!("{META_POINTER}.{name}");

    if meta.version != 1 {
        d.push(Diagnostic::error(
            at("version"),
            format!(
                "version {} is not supported (this Anprobe reads version 1)",
                meta.version
            ),
        ));
    }
    for (name, text, required) in [
        ("sku", &meta.sku, true),
        ("retailer", &meta.retailer, true),
        ("name", &meta.name, true),
        ("brand", &meta.brand, false),
    ] {
        check_text(text, required, MAX_NAME_CHARS, &at(name), &mut d);
    }
    check_text(&meta.care, false, MAX_CARE_CHARS, &at("care"), &mut d);
    if meta.layer > 3 {
        d.push(Diagnostic::error(
            at("layer"),
            format!(
                "{}: must be 0 (next to skin), 1 (base), 2 (mid) or 3 (outer)",
                meta.layer
            ),
        ));
    }
    if !meta.price.is_finite() || meta.price < 0.0 {
        d.push(Diagnostic::error(
            at("price"),
            format!("{}: must be a finite amount ≥ 0", meta.price),
        ));
    }
    if !is_currency(&meta.currency) {
        let upper = meta.currency.trim().to_ascii_uppercase();
        let hint = if is_currency(&upper) {
            format!("write it \"{upper}\"")
        } else {
            "use an ISO 4217 code such as \"EUR\", \"GBP\" or \"USD\"".into()
        };
        d.push(Diagnostic::error(
            at("currency"),
            format!(
                "\"{}\" is not an ISO 4217 currency code: {hint}",
                meta.currency
            ),
        ));
    }
    check_colourways(meta, &mut d);
    for (name, pct) in [
        ("horizontal_pct", meta.stretch.horizontal_pct),
        ("vertical_pct", meta.stretch.vertical_pct),
    ] {
        if !(0.0..=100.0).contains(&pct) {
            d.push(Diagnostic::error(
                format!("{}.{name}", at("stretch")),
                format!("{pct} %: must be 0–100 %"),
            ));
        }
    }
    if meta.return_window_days > 365 {
        d.push(Diagnostic::error(
            at("return_window_days"),
            format!("{} days: at most 365", meta.return_window_days),
        ));
    }
    check_reference_body(meta, &mut d);
    check_sizes(meta, &mut d);
    d
}

fn check_text(text: &str, required: bool, max: usize, ptr: &str, d: &mut Vec<Diagnostic>) {
    if text.trim().is_empty() {
        if required {
            d.push(Diagnostic::error(ptr, "must not be empty"));
        } else {
            d.push(Diagnostic::warning(ptr, "empty"));
        }
    } else if text.chars().count() > max {
        d.push(Diagnostic::error(
            ptr,
            format!("{} characters: at most {max}", text.chars().count()),
        ));
    }
}

fn check_colourways(meta: &GarmentMeta, d: &mut Vec<Diagnostic>) {
    let ptr = format!("{META_POINTER}.colourways");
    if meta.colourways.is_empty() {
        d.push(Diagnostic::warning(&ptr, "no colourway listed"));
    }
    if meta.colourways.len() > MAX_COLOURWAYS {
        d.push(Diagnostic::error(
            &ptr,
            format!(
                "{} colourways: at most {MAX_COLOURWAYS}",
                meta.colourways.len()
            ),
        ));
        return;
    }
    for (i, c) in meta.colourways.iter().enumerate() {
        let p = format!("{ptr}[{i}]");
        check_text(&c.name, true, MAX_NAME_CHARS, &format!("{p}.name"), d);
        let hex = c.rgb.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|ch| ch.is_ascii_hexdigit()) {
            d.push(Diagnostic::error(
                format!("{p}.rgb"),
                format!("\"{}\": write the sRGB colour as \"#rrggbb\"", c.rgb),
            ));
        }
        let name = c.name.trim().to_lowercase();
        if let Some(j) = meta.colourways[..i]
            .iter()
            .position(|o| o.name.trim().to_lowercase() == name)
        {
            d.push(Diagnostic::warning(
                format!("{p}.name"),
                format!("\"{}\" repeats colourways[{j}]", c.name),
            ));
        }
    }
}

/// A measurement value's unit for messages.
fn unit(key: Key) -> &'static str {
    if key.is_length() { "cm" } else { "kg" }
}

fn check_reference_body(meta: &GarmentMeta, d: &mut Vec<Diagnostic>) {
    let ptr = format!("{META_POINTER}.reference_body");
    let keys = parse_keys(&meta.reference_body, &ptr, d);
    for (key, (name, value)) in &keys {
        let (lo, hi) = plausible_range(*key);
        if !(lo..=hi).contains(value) {
            d.push(Diagnostic::error(
                format!("{ptr}.{name}"),
                format!(
                    "{value} {u} is outside the plausible {lo}–{hi} {u}",
                    u = unit(*key)
                ),
            ));
        }
    }
    if !keys.contains_key(&Key::Stature) {
        d.push(Diagnostic::error(
            &ptr,
            "missing \"stature\": the reference body's height places the garment",
        ));
    }
    let (primary, _) = size_dimensions(meta.category);
    for key in primary {
        if !keys.contains_key(key) {
            d.push(Diagnostic::warning(
                &ptr,
                format!(
                    "no \"{}\": give the reference body's primary dimensions",
                    key.as_str()
                ),
            ));
        }
    }
}

/// Parses measurement keys (`bust_girth` is an alias of `chest_girth`); unknown and repeated keys
/// are errors. Returns key → (the name as written, value).
fn parse_keys<'m, T>(
    map: &'m BTreeMap<String, T>,
    ptr: &str,
    d: &mut Vec<Diagnostic>,
) -> BTreeMap<Key, (&'m str, &'m T)> {
    let mut keys = BTreeMap::new();
    for (name, value) in map {
        match Key::parse(name) {
            None => d.push(Diagnostic::error(
                format!("{ptr}.{name}"),
                format!(
                    "unknown measurement key \"{name}\": one of {}",
                    Key::ALL.map(Key::as_str).join(", ")
                ),
            )),
            Some(key) => {
                if let Some((first, _)) = keys.get(&key) {
                    d.push(Diagnostic::error(
                        format!("{ptr}.{name}"),
                        format!("repeats \"{first}\" (the same measurement)"),
                    ));
                } else {
                    keys.insert(key, (name.as_str(), value));
                }
            }
        }
    }
    keys
}

fn check_sizes(meta: &GarmentMeta, d: &mut Vec<Diagnostic>) {
    let ptr = format!("{META_POINTER}.sizes");
    if meta.sizes.is_empty() {
        d.push(Diagnostic::error(&ptr, "no size: list at least one"));
        return;
    }
    if meta.sizes.len() > MAX_SIZES {
        d.push(Diagnostic::error(
            &ptr,
            format!("{} sizes: at most {MAX_SIZES}", meta.sizes.len()),
        ));
        return;
    }
    let (primary, _) = size_dimensions(meta.category);
    // Parsed body ranges per size, for the order and overlap checks.
    let mut charts: Vec<BTreeMap<Key, (f64, f64)>> = Vec::new();
    for (i, size) in meta.sizes.iter().enumerate() {
        let p = format!("{ptr}[{i}]");
        check_text(&size.label, true, MAX_NAME_CHARS, &format!("{p}.label"), d);
        let label = size.label.trim();
        if let Some(j) = meta.sizes[..i]
            .iter()
            .position(|o| !label.is_empty() && o.label.trim().eq_ignore_ascii_case(label))
        {
            d.push(Diagnostic::error(
                format!("{p}.label"),
                format!("size label \"{}\" repeats sizes[{j}]", size.label),
            ));
        }

        let bp = format!("{p}.body");
        if size.body.is_empty() {
            d.push(Diagnostic::error(&bp, "no body measurement range"));
        }
        let keys = parse_keys(&size.body, &bp, d);
        let mut chart = BTreeMap::new();
        for (key, (name, range)) in &keys {
            let rp = format!("{bp}.{name}");
            let (lo, hi) = plausible_range(*key);
            let u = unit(*key);
            if range.min > range.max {
                d.push(Diagnostic::error(
                    rp,
                    format!("min {} > max {}", range.min, range.max),
                ));
            } else if range.min < lo || range.max > hi {
                d.push(Diagnostic::error(
                    rp,
                    format!(
                        "{}–{} {u} is outside the plausible {lo}–{hi} {u}",
                        range.min, range.max
                    ),
                ));
            } else {
                if key.is_girth() && range.max - range.min > 40.0 {
                    d.push(Diagnostic::warning(
                        rp,
                        format!(
                            "{}–{} {u} spans {} {u}: too wide to advise a size",
                            range.min,
                            range.max,
                            range.max - range.min
                        ),
                    ));
                }
                chart.insert(*key, (range.min, range.max));
            }
        }
        let missing: Vec<&str> = primary
            .iter()
            .filter(|k| !keys.contains_key(k))
            .map(|k| k.as_str())
            .collect();
        if !missing.is_empty() {
            d.push(Diagnostic::error(
                &bp,
                format!(
                    "missing {}: the primary dimension{} of {} (EN 13402-2)",
                    missing.join(" and "),
                    if primary.len() == 1 { "" } else { "s" },
                    category_noun(meta.category),
                ),
            ));
        }

        check_garment(meta, i, &chart, d);
        charts.push(chart);
    }

    // The reference size.
    let labels: Vec<&str> = meta.sizes.iter().map(|s| s.label.as_str()).collect();
    match labels
        .iter()
        .position(|l| l.trim() == meta.reference_size.trim())
    {
        None => d.push(Diagnostic::error(
            format!("{META_POINTER}.reference_size"),
            format!(
                "\"{}\" is not in sizes ({})",
                meta.reference_size,
                labels.join(", ")
            ),
        )),
        Some(i) => {
            // The reference body should wear its reference size.
            for (key, (name, value)) in parse_keys(&meta.reference_body, "", &mut Vec::new()) {
                if let Some(&(min, max)) = charts[i].get(&key)
                    && !(min..=max).contains(value)
                {
                    d.push(Diagnostic::warning(
                        format!("{META_POINTER}.reference_body.{name}"),
                        format!(
                            "{value} {u} is outside reference size \"{}\" ({min}–{max} {u})",
                            meta.reference_size,
                            u = unit(key)
                        ),
                    ));
                }
            }
        }
    }

    // Order and overlap of the primary dimensions, size after size.
    for key in primary {
        for i in 1..charts.len() {
            let (Some(&(pmin, pmax)), Some(&(min, max))) =
                (charts[i - 1].get(key), charts[i].get(key))
            else {
                continue;
            };
            let p = format!("{ptr}[{i}].body.{}", key.as_str());
            let prev = &meta.sizes[i - 1].label;
            if min < pmin || (min == pmin && max < pmax) {
                d.push(Diagnostic::warning(
                    p,
                    format!(
                        "sizes are not in ascending order: {min}–{max} comes after \"{prev}\" \
                         ({pmin}–{pmax})"
                    ),
                ));
            } else if min < pmax {
                d.push(Diagnostic::warning(
                    p,
                    format!("{min}–{max} overlaps \"{prev}\" ({pmin}–{pmax})"),
                ));
            }
        }
    }
}

/// Finished garment measurements of size `i`: positive, plausible, known regions, growing with
/// the size, and not smaller than the body even when stretched.
fn check_garment(
    meta: &GarmentMeta,
    i: usize,
    chart: &BTreeMap<Key, (f64, f64)>,
    d: &mut Vec<Diagnostic>,
) {
    let size = &meta.sizes[i];
    let gp = format!("{META_POINTER}.sizes[{i}].garment");
    if size.garment.is_empty() {
        d.push(Diagnostic::warning(
            &gp,
            "no finished garment measurements: the fit map can only estimate the ease",
        ));
    }
    for (region, &cm) in &size.garment {
        let p = format!("{gp}.{region}");
        if !(cm > 0.0 && cm.is_finite()) {
            d.push(Diagnostic::error(p, format!("{cm} cm: must be positive")));
            continue;
        }
        if cm > 400.0 {
            d.push(Diagnostic::error(
                p,
                format!("{cm} cm is implausible (at most 400 cm)"),
            ));
            continue;
        }
        if !GARMENT_REGIONS.contains(&region.as_str()) {
            d.push(Diagnostic::warning(
                &p,
                format!(
                    "unknown garment region \"{region}\", ignored: one of {}",
                    GARMENT_REGIONS.join(", ")
                ),
            ));
        }
        if i > 0
            && let Some(&prev) = meta.sizes[i - 1].garment.get(region)
            && prev.is_finite()
            && cm < prev
        {
            d.push(Diagnostic::warning(
                &p,
                format!(
                    "{cm} cm is smaller than in the size before, \"{}\" ({prev} cm)",
                    meta.sizes[i - 1].label
                ),
            ));
        }
    }
    // Negative ease beyond what the fabric gives.
    let stretch = 1.0 + meta.stretch.horizontal_pct.clamp(0.0, 100.0) / 100.0;
    for (key, &(min, _)) in chart {
        if let Some(region) = region_of(*key)
            && let Some(&cm) = size.garment.get(region)
            && cm > 0.0
            && cm * stretch < min
        {
            d.push(Diagnostic::warning(
                format!("{gp}.{region}"),
                format!(
                    "{cm} cm is too small for the smallest body of the size ({} {min} cm) even \
                     stretched by {} %",
                    key.as_str(),
                    meta.stretch.horizontal_pct
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Placement

/// Checks where the garment lies: an error when its size is implausible for a garment in metres
/// (modelled in centimetres or millimetres), warnings when it is not around the A-pose reference
/// body (feet on y = 0, centred on x = z = 0, height from `reference_body.stature`).
pub(crate) fn check_placement(
    parts: &[GarmentPart],
    meta: Option<&GarmentMeta>,
    pointer: &str,
) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    let Some((min, max)) = bounds(parts) else {
        return d;
    };
    let size = max - min;
    let largest = size.max_element();
    let dims = if largest < 0.05 {
        let mm = size * 1000.0;
        format!("{:.2} × {:.2} × {:.2} mm", mm.x, mm.y, mm.z)
    } else {
        format!("{:.2} × {:.2} × {:.2} m", size.x, size.y, size.z)
    };
    if largest > 3.0 {
        d.push(Diagnostic::error(
            pointer,
            format!(
                "the garment is {dims} (width × height × depth; {:.1} m tall): glTF units are \
                 metres — was it exported in centimetres?",
                size.y
            ),
        ));
        return d;
    }
    if largest < 0.05 {
        d.push(Diagnostic::error(
            pointer,
            format!("the garment is only {dims}: glTF units are metres — was it scaled down?"),
        ));
        return d;
    }
    let stature_cm = meta
        .and_then(|m| {
            m.reference_body
                .iter()
                .find(|(k, _)| Key::parse(k) == Some(Key::Stature))
                .map(|(_, &v)| v)
        })
        .filter(|v| (100.0..=230.0).contains(v))
        .unwrap_or(170.0);
    let h = (stature_cm / 100.0) as f32;
    let centre = (min + max) / 2.0;
    let mut far = Vec::new();
    if min.y < -0.05 {
        far.push(format!("it reaches {:.2} m below the floor", -min.y));
    }
    if max.y > h + 0.3 {
        far.push(format!(
            "its top at y = {:.2} m is above the {h:.2} m body's head",
            max.y
        ));
    }
    if centre.x.abs() > 0.15 || centre.z.abs() > 0.2 {
        far.push(format!(
            "its centre at x = {:.2} m, z = {:.2} m is off the body's axis",
            centre.x, centre.z
        ));
    }
    if let Some(m) = meta {
        // Where the middle of each kind of garment sits, as a fraction of the stature.
        let (lo, hi) = match m.category {
            Category::Top | Category::Shirt | Category::Knitwear | Category::Outerwear => {
                (0.5, 0.9)
            }
            Category::Bottom | Category::Skirt => (0.15, 0.7),
            Category::Dress => (0.3, 0.85),
        };
        if !(lo * h..=hi * h).contains(&centre.y) {
            far.push(format!(
                "its centre at y = {:.2} m is not where {} sit on a {h:.2} m body ({:.2}–{:.2} m)",
                centre.y,
                category_noun(m.category),
                lo * h,
                hi * h
            ));
        }
    }
    if !far.is_empty() {
        d.push(Diagnostic::warning(
            pointer,
            format!(
                "not around the A-pose reference body (feet on y = 0, facing +Z): {}",
                far.join("; ")
            ),
        ));
    }
    d
}

/// The axis-aligned bounds of every part's positions.
pub(crate) fn bounds(parts: &[GarmentPart]) -> Option<(Vec3, Vec3)> {
    let mut all = parts.iter().flat_map(|p| p.mesh.positions.iter().copied());
    let first = all.next()?;
    Some(all.fold((first, first), |(lo, hi), p| (lo.min(p), hi.max(p))))
}

// ---------------------------------------------------------------------------------------------
// The command

/// `anprobe garment validate FILE...`: imports each file and reports.
///
/// Per file one line on `out`: `ok PATH (N warnings)` or `invalid PATH`; every diagnostic on
/// `err` as `error: PATH: POINTER: MESSAGE` or `warning: PATH: POINTER: MESSAGE` (no pointer
/// segment for problems of the file as a whole). Returns the exit code: 0 when every file is
/// valid, 1 when any is not. Write errors on `out`/`err` are ignored (a closed pipe must not
/// turn a valid file invalid).
pub fn validate_files(paths: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    let mut code = 0;
    for path in paths {
        let shown = path.display();
        let (valid, diagnostics) = match import_file(path) {
            Ok(garment) => (true, garment.warnings),
            Err(e) => (false, e.diagnostics),
        };
        for diag in &diagnostics {
            let label = if diag.is_error() { "error" } else { "warning" };
            let _ = writeln!(err, "{label}: {shown}: {diag}");
        }
        if valid {
            let n = diagnostics.len();
            let plural = if n == 1 { "" } else { "s" };
            let _ = writeln!(out, "ok {shown} ({n} warning{plural})");
        } else {
            code = 1;
            let _ = writeln!(out, "invalid {shown}");
        }
    }
    let _ = out.flush();
    let _ = err.flush();
    code
}
