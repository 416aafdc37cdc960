//! Where the garment lies: an error when its size is implausible for metres (modelled in
//! centimetres or millimetres), warnings when it is not around the A-pose reference body.

use super::category_noun;
use crate::garment::diagnostic::Diagnostic;
use crate::garment::import::GarmentPart;
use crate::garment::{Category, GarmentMeta};
use crate::measurements::Key;
use glam::Vec3;

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
                .measurements
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
