//! What the metadata says, once its shape is right: texts, layer, price and currency,
//! colourways, stretch, return window and the reference body (the size chart: [`super::size_chart`]).

use super::size_chart::check_sizes;
use super::{META_POINTER, gives, is_currency, size_dimensions};
use crate::garment::GarmentMeta;
use crate::garment::diagnostic::Diagnostic;
use crate::garment::limits::{MAX_CARE_CHARS, MAX_COLOURWAYS, MAX_NAME_CHARS};
use crate::measurements::{Issue, IssueLevel, Key, ShapeVar, Unit, caliper, plausible_range};
use std::collections::BTreeMap;

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

pub(super) fn check_text(
    text: &str,
    required: bool,
    max: usize,
    ptr: &str,
    d: &mut Vec<Diagnostic>,
) {
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
pub(super) fn unit(key: Key) -> &'static str {
    if key.is_length() { "cm" } else { "kg" }
}

fn check_reference_body(meta: &GarmentMeta, d: &mut Vec<Diagnostic>) {
    let ptr = format!("{META_POINTER}.reference_body");
    // The trunk's breadths and depth are shape, not tape measurements: checked against their
    // girths below.
    let (calipers, tapes): (BTreeMap<String, f64>, BTreeMap<String, f64>) = meta
        .reference_body
        .measurements
        .iter()
        .map(|(name, value)| (name.clone(), *value))
        .partition(|(name, _)| ShapeVar::parse_typable(name).is_some());
    let keys = parse_keys(&tapes, &ptr, d);
    for (name, value) in &calipers {
        let Some(var) = ShapeVar::parse_typable(name) else {
            continue;
        };
        let girth = var.girth().and_then(|k| keys.get(&k)).map(|(_, v)| **v);
        if let Some(kind) = caliper(var, *value, girth) {
            let issue = Issue {
                key: None,
                level: IssueLevel::Error,
                unit: Unit::Cm,
                kind,
            };
            d.push(Diagnostic::error(format!("{ptr}.{name}"), issue.sentence()));
        }
    }
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
        if !gives(meta.category, *key, |k| keys.contains_key(&k)) {
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
pub(super) fn parse_keys<'m, T>(
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
