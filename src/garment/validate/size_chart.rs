//! The size chart's meaning: labels, body ranges (plausible, ordered, not overlapping), the
//! category's primary dimensions, the reference size, and the finished garment measurements
//! (known regions, plausible against the body they ease).

use super::rules::{check_text, parse_keys, unit};
use super::{META_POINTER, category_noun, gives, region_of, size_dimensions};
use crate::garment::diagnostic::Diagnostic;
use crate::garment::limits::{MAX_NAME_CHARS, MAX_SIZES};
use crate::garment::region::{canonical_chart_keys, chart_key, garment_value};
use crate::garment::{Category, GarmentMeta, ReferenceBody, Size};
use crate::measurements::{Key, plausible_range};
use std::collections::BTreeMap;

/// Checks the size chart: labels, body ranges, the category's primary dimensions, order,
/// overlaps, the reference size and the finished measurements.
pub(super) fn check_sizes(meta: &GarmentMeta, d: &mut Vec<Diagnostic>) {
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
            .filter(|k| !gives(meta.category, **k, |g| keys.contains_key(&g)))
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
            for (key, (name, value)) in
                parse_keys(&meta.reference_body.measurements, "", &mut Vec::new())
            {
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
        match chart_key(region) {
            None => d.push(Diagnostic::warning(
                &p,
                format!(
                    "unknown garment region \"{region}\", ignored: one of {}",
                    canonical_chart_keys().collect::<Vec<_>>().join(", ")
                ),
            )),
            Some(known) => {
                // Two spellings of one measurement: the first in table order is read.
                if let Some((used, _)) = garment_value(size, known.canonical())
                    && used != known.key
                {
                    d.push(Diagnostic::warning(
                        &p,
                        format!(
                            "\"{region}\" and \"{used}\" both give the {}: \"{used}\" is read, \
                             \"{region}\" ignored",
                            known.canonical().replace('_', " ")
                        ),
                    ));
                }
            }
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
        if let Some(canonical) = region_of(*key)
            && let Some((region, cm)) = garment_value(size, canonical)
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

/// The checks of a size chart on its own (a retailer's catalog product without a garment file):
/// labels, body ranges, the category's primary dimensions, order, overlaps and the finished
/// measurements, as a garment file's chart is checked. Pointers are relative: `sizes[2].body.
/// chest_girth`. Garment measurements are judged as for a fabric without stretch.
pub fn check_size_chart(category: Category, sizes: &[Size]) -> Vec<Diagnostic> {
    let mut meta = crate::garment::garment_meta_example();
    meta.category = category;
    meta.sizes = sizes.to_vec();
    meta.reference_size = sizes.first().map(|s| s.label.clone()).unwrap_or_default();
    meta.reference_body = ReferenceBody::from(BTreeMap::new());
    meta.stretch.horizontal_pct = 0.0;
    let mut d = Vec::new();
    check_sizes(&meta, &mut d);
    let prefix = format!("{META_POINTER}.");
    d.into_iter()
        .map(|mut diag| {
            if let Some(rest) = diag.pointer.strip_prefix(&prefix) {
                diag.pointer = rest.to_string();
            }
            diag
        })
        .collect()
}
