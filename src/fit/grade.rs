//! Transfer to the shopper's avatar and grading to a size.
//!
//! The garment keeps its own measurements whatever the body: its girth in a region is the size
//! chart's value for the chosen size (the reference size's mesh plus the chart's difference), so
//! the ease changes by the garment's change minus the body's change against the reference body.
//! An offset ring around a convex section grows in girth by 2π × the offset (Steiner), so each
//! region's ease change becomes an offset change of Δease / 2π, blended smoothly between regions
//! (chest → waist → hip down the torso, chest → upper arm along the sleeve, hip → thigh down a
//! trouser leg). Lengths are graded the same way: the hem moves down (or up) by the chart's
//! length difference minus the body's change, stretching the garment below the waist (hip,
//! crotch) and the sleeve below the shoulder.

use super::anatomy::{Anatomy, BodyPart};
use super::bind::{self, Anchor};
use super::measure;
use super::prepare::{PreparedBody, PreparedGarment};
use super::{FitError, Region, wraps_both_legs};
use crate::garment::Category;
use glam::Vec3;
use std::collections::BTreeMap;
use std::f64::consts::TAU;

/// The girth regions grading blends, in the order of [`RegionWeights`].
pub const GIRTH_REGIONS: [Region; 5] = [
    Region::Chest,
    Region::Waist,
    Region::Hip,
    Region::UpperArm,
    Region::Thigh,
];

/// A particle's share in each girth region (summing to 1), in [`GIRTH_REGIONS`] order.
pub type RegionWeights = [f32; 5];

/// The garment transferred to a body and graded to one size.
#[derive(Clone, Debug)]
pub struct Graded {
    /// Index of the size in the chart, and its label.
    pub size: usize,
    /// The size's label as the size chart spells it (`"M"`, `"38"`, …).
    pub label: String,
    /// Where each particle sits on the shopper's body.
    pub anchors: Vec<Anchor>,
    /// The graded garment at rest (the cloth's rest lengths come from here); parts of a garment
    /// too small for the body lie inside it.
    pub rest: Vec<Vec3>,
    /// Each particle's girth-region weights.
    pub weights: Vec<RegionWeights>,
    /// How the garment's girth changes against the reference size, per girth region, cm.
    pub garment_change_cm: BTreeMap<Region, f64>,
    /// The garment's length on this body had it kept its place on the body (the designer's
    /// intent: the reference size on the reference body, scaled to this body), cm.
    pub standard_length_cm: BTreeMap<Region, f64>,
    /// The graded garment's length, cm.
    pub graded_length_cm: BTreeMap<Region, f64>,
}

fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Chest / waist / hip weights at height `y` on the torso.
fn torso_weights(y: f32, a: &Anatomy) -> RegionWeights {
    let (yc, yw, yh) = (a.chest.origin.y, a.waist.origin.y, a.hip.origin.y);
    if y >= yc {
        [1.0, 0.0, 0.0, 0.0, 0.0]
    } else if y >= yw {
        let t = smoothstep((yc - y) / (yc - yw).max(1e-3));
        [1.0 - t, t, 0.0, 0.0, 0.0]
    } else if y >= yh {
        let t = smoothstep((yw - y) / (yw - yh).max(1e-3));
        [0.0, 1.0 - t, t, 0.0, 0.0]
    } else {
        [0.0, 0.0, 1.0, 0.0, 0.0]
    }
}

/// How far grading blends the chest into the upper arm, and the hip into the thigh (metres).
const ARM_BLEND: f32 = 0.06;
const LEG_BLEND: f32 = 0.05;

/// A particle's girth-region weights from where it sits on the body.
pub fn weights(a: &Anatomy, category: Category, part: BodyPart, base: Vec3) -> RegionWeights {
    match part {
        BodyPart::LeftArm | BodyPart::RightArm => {
            let u = smoothstep(a.along_arm(part.side(), base) / ARM_BLEND);
            let mut w = torso_weights(base.y, a);
            for x in &mut w {
                *x *= 1.0 - u;
            }
            w[3] = u;
            w
        }
        BodyPart::LeftLeg | BodyPart::RightLeg if !wraps_both_legs(category) => {
            let u = smoothstep((a.crotch.y - base.y) / LEG_BLEND);
            [0.0, 0.0, 1.0 - u, 0.0, u]
        }
        _ => torso_weights(base.y, a),
    }
}

/// The regions whose chart ratio scales girths the chart does not give, in order of preference.
fn primary_regions(category: Category) -> &'static [Region] {
    match category {
        Category::Bottom | Category::Skirt => &[Region::Hip, Region::Waist, Region::Chest],
        _ => &[Region::Chest, Region::Hip, Region::Waist],
    }
}

/// How much the garment's girth in `region` changes from the reference size to size `size`, cm:
/// the chart's difference, or (where the chart does not give the region) the garment's girth
/// there scaled by the chart's ratio in the primary region.
pub fn garment_change_cm(prepared: &PreparedGarment, size: usize, region: Region) -> f64 {
    let meta = prepared.meta();
    let (s, r) = (&meta.sizes[size], &meta.sizes[prepared.reference_size]);
    if let (Some(a), Some(b)) = (region.chart_value(s), region.chart_value(r)) {
        return a - b;
    }
    let ratio = primary_regions(meta.category).iter().find_map(|&p| {
        let (a, b) = (p.chart_value(s)?, p.chart_value(r)?);
        (b > 0.0).then_some(a / b)
    });
    let base = prepared
        .reference_girth_cm
        .get(&region)
        .copied()
        .or_else(|| {
            prepared
                .body_key(region)
                .map(|k| prepared.reference.value(k))
        });
    match (ratio, base) {
        (Some(ratio), Some(base)) => base * (ratio - 1.0),
        _ => 0.0,
    }
}

/// The chart's change of a length region from the reference size, cm (0 where not given).
fn chart_length_change_cm(prepared: &PreparedGarment, size: usize, region: Region) -> f64 {
    let meta = prepared.meta();
    match (
        region.chart_value(&meta.sizes[size]),
        region.chart_value(&meta.sizes[prepared.reference_size]),
    ) {
        (Some(a), Some(b)) => a - b,
        _ => 0.0,
    }
}

/// Transfers the garment to `body` and grades it to the size with index `size`.
pub fn grade(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    size: usize,
) -> Result<Graded, FitError> {
    let meta = prepared.meta();
    let label = meta.sizes.get(size).ok_or(FitError::NoSizes)?.label.clone();
    let category = meta.category;
    let a = &body.anatomy;
    let anchors = bind::anchors(&prepared.binding, &body.avatar.mesh);
    let bound = &prepared.binding.bound;

    // Girths: an offset change per region.
    let mut garment_change = BTreeMap::new();
    let mut delta_m = [0.0f32; 5];
    for (k, &region) in GIRTH_REGIONS.iter().enumerate() {
        let change = garment_change_cm(prepared, size, region);
        let body_change = prepared
            .body_key(region)
            .map_or(0.0, |key| body.value(key) - prepared.reference.value(key));
        delta_m[k] = ((change - body_change) / TAU / 100.0) as f32;
        if prepared.girth_plane(a, region).is_some() && prepared.regions.contains(&region) {
            garment_change.insert(region, change);
        }
    }
    let weights: Vec<RegionWeights> = anchors
        .iter()
        .zip(bound)
        .map(|(anchor, b)| weights(a, category, b.part, anchor.base))
        .collect();
    let standard: Vec<Vec3> = anchors
        .iter()
        .zip(bound)
        .map(|(anchor, b)| anchor.at(b.offset))
        .collect();
    // Girth changes act across the body part only (horizontally on the torso and legs, across
    // the arm on a sleeve): the shoulder seam and the hem keep their height.
    let mut rest: Vec<Vec3> = anchors
        .iter()
        .zip(bound)
        .zip(&weights)
        .map(|((anchor, b), w)| {
            let dh: f32 = w.iter().zip(&delta_m).map(|(w, d)| w * d).sum();
            let axis = if b.part.is_arm() {
                a.arm_axis(b.part.side())
            } else {
                Vec3::Y
            };
            let across = anchor.normal - axis * anchor.normal.dot(axis);
            anchor.at(b.offset) + across * dh
        })
        .collect();

    // Lengths: the standard (ungraded transfer) against the garment's own length.
    let legs_separate = !wraps_both_legs(category);
    let std_lengths = measure::lengths(&standard, &prepared.binding, a, legs_separate);
    let mut standard_length_cm = BTreeMap::new();
    let cm = |m: Option<f32>| m.map(|m| m as f64 * 100.0);
    for (region, value) in [
        (Region::Length, cm(std_lengths.main)),
        (Region::Sleeve, cm(std_lengths.sleeve)),
        (Region::InsideLeg, cm(std_lengths.inside_leg)),
    ] {
        if let (true, Some(v)) = (prepared.regions.contains(&region), value) {
            standard_length_cm.insert(region, v);
        }
    }
    // The hem moves so that the graded length is the garment's own: the modelled length plus the
    // chart's change (measured after the girth grading, which may have moved the hem a little).
    let girth_graded = measure::lengths(&rest, &prepared.binding, a, legs_separate);
    let now_cm = |region: Region| {
        cm(match region {
            Region::Length => girth_graded.main,
            Region::Sleeve => girth_graded.sleeve,
            _ => girth_graded.inside_leg,
        })
    };
    let change_m = |region: Region| -> f32 {
        match (
            now_cm(region),
            prepared.reference_length_cm.get(&region),
            standard_length_cm.contains_key(&region),
        ) {
            (Some(now), Some(reference), true) => {
                ((reference + chart_length_change_cm(prepared, size, region) - now) / 100.0) as f32
            }
            _ => 0.0,
        }
    };
    // Main length (the hem), or for trousers the leg length below the crotch.
    let (top, bottom) = (girth_graded.main_top, girth_graded.main_bottom);
    let (hem_change, anchor_y) = match category {
        Category::Bottom => {
            let change = if standard_length_cm.contains_key(&Region::InsideLeg)
                && Region::InsideLeg.chart_value(&meta.sizes[size]).is_some()
            {
                change_m(Region::InsideLeg)
            } else {
                change_m(Region::Length)
            };
            let y = if bottom < a.crotch.y - 0.05 {
                a.crotch.y
            } else {
                0.5 * (top + bottom)
            };
            (change, y)
        }
        Category::Skirt | Category::Dress => {
            let y = if bottom < a.hip.origin.y - 0.02 {
                a.hip.origin.y
            } else {
                0.5 * (top + bottom)
            };
            (change_m(Region::Length), y)
        }
        _ => {
            let y = if bottom < a.waist.origin.y - 0.02 {
                a.waist.origin.y
            } else {
                0.5 * (top + bottom)
            };
            (change_m(Region::Length), y)
        }
    };
    let sleeve_change = change_m(Region::Sleeve);
    let mut sleeve_end = [0.0f32; 2];
    for (p, b) in rest.iter().zip(bound) {
        if b.part.is_arm() {
            let side = b.part.side();
            sleeve_end[side] = sleeve_end[side].max(a.along_arm(side, *p));
        }
    }
    let span = (anchor_y - bottom).max(1e-3);
    for (p, b) in rest.iter_mut().zip(bound) {
        if b.part.is_arm() {
            let side = b.part.side();
            let s = a.along_arm(side, *p);
            if s > 0.0 && sleeve_end[side] > 0.0 {
                *p += a.arm_axis(side) * sleeve_change * (s / sleeve_end[side]).clamp(0.0, 1.0);
            }
        } else if p.y < anchor_y && hem_change != 0.0 {
            let t = ((anchor_y - p.y) / span).clamp(0.0, 1.0);
            p.y -= hem_change * t;
        }
    }
    let graded_lengths = measure::lengths(&rest, &prepared.binding, a, legs_separate);
    let mut graded_length_cm = BTreeMap::new();
    for (region, value) in [
        (Region::Length, cm(graded_lengths.main)),
        (Region::Sleeve, cm(graded_lengths.sleeve)),
        (Region::InsideLeg, cm(graded_lengths.inside_leg)),
    ] {
        if let (true, Some(v)) = (standard_length_cm.contains_key(&region), value) {
            graded_length_cm.insert(region, v);
        }
    }
    Ok(Graded {
        size,
        label,
        anchors,
        rest,
        weights,
        garment_change_cm: garment_change,
        standard_length_cm,
        graded_length_cm,
    })
}
