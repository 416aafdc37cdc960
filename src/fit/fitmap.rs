//! The fit map of a draped garment: per region the body value, the garment value (girths with
//! the convex-hull tape in the body's tape plane round the body part the region belongs to), the
//! ease, the strain the body forces against the fabric's stretch, and a verdict; per particle
//! and per vertex a value for a shader, −1 (loose, blue) … 0 (good, green) … +1 (tight, red),
//! read from the same verdicts (see [`verdict`]): the colour, the table and the advice agree.

use super::Region;
use super::Verdict;
use super::anatomy::{Anatomy, BodyPart};
use super::drape::Draped;
use super::grade::{GIRTH_REGIONS, Graded, RegionWeights};
use super::measure;
use super::prepare::{PreparedBody, PreparedGarment};
use super::verdict;
use glam::Vec3;
use serde::{Deserialize, Serialize};

/// How one region fits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionFit {
    /// The region measured (snake_case in JSON: `"chest"`, `"upper_arm"`, `"inside_leg"`, …).
    pub region: Region,
    /// The shopper's measurement (girths, shoulder width), or for lengths the standard length of
    /// this garment on this body, cm.
    pub body_cm: f64,
    /// The garment's measurement, cm: for a girth its own girth at the body's tape plane
    /// unstretched (the tape round the garment as modelled on its reference body, convex hull,
    /// sleeves left out of the trunk, graded to the size by the chart); for the shoulders the
    /// shoulder width plus twice the mean gap at the shoulder points; for a length the garment's
    /// own length graded to the size on this body.
    pub garment_cm: f64,
    /// The size chart's finished measurement for this size, cm (if the chart gives it).
    pub chart_cm: Option<f64>,
    /// `garment_cm − body_cm`.
    pub ease_cm: f64,
    /// Strain, %: for a girth the stretch the body forces on it (how far the unstretched
    /// garment must stretch to go round the body, 0 when it is larger); for the shoulders the
    /// mean stretch of the draped edges across them beyond what the drape leaves on a garment
    /// the body does not stretch ([`verdict::SHOULDER_RESIDUE_PCT`]); for a length the mean
    /// stretch of the draped edges along the body (shown, never a verdict: compression counts
    /// as 0).
    pub strain_pct: f64,
    /// The fabric's stretch in that direction, %.
    pub stretch_pct: f64,
    /// `strain_pct / stretch_pct`: 1 or more is tight (girths and shoulders).
    pub strain_ratio: f64,
    /// How the region fits, read from the ease and the strain ratio (snake_case in JSON).
    pub verdict: Verdict,
    /// For a girth, the ease the garment is cut with for a body of this size (what the verdict
    /// compares `ease_cm` with), cm; absent for the shoulders and lengths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design_ease_cm: Option<f64>,
}

/// What a region's verdict says, with the numbers its sentence needs (each language words it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RegionFinding {
    /// Tight: the fabric is stretched `strain_pct` %, and gives `stretch_pct` %.
    Stretched {
        /// Mean stretch of the region's draped edges, % (0 or more).
        strain_pct: f64,
        /// The fabric's stretch in that direction, %.
        stretch_pct: f64,
    },
    /// Tight for its cut: the body does not stretch the fabric, but the garment has far less ease
    /// than it is cut with (a jacket with +3 cm at the chest where it is cut with +10 cm).
    TightForCut {
        /// Garment minus body measurement, cm.
        ease_cm: f64,
        /// The ease the garment is cut with, cm.
        design_ease_cm: f64,
    },
    /// A length this many whole cm longer than standard.
    LongerBy(f64),
    /// A length this many whole cm shorter than standard.
    ShorterBy(f64),
    /// A length as long as standard.
    StandardLength,
    /// A girth (or the shoulders) with this verdict and this ease, cm.
    Ease {
        /// The region's verdict (never [`Verdict::Tight`]: that is [`RegionFinding::Stretched`]
        /// or [`RegionFinding::TightForCut`]).
        verdict: Verdict,
        /// Garment minus body measurement, cm (negative when the garment is smaller).
        ease_cm: f64,
    },
}

impl RegionFit {
    /// What the verdict says, with its numbers.
    pub fn finding(&self) -> RegionFinding {
        if self.verdict == Verdict::Tight {
            if let (true, Some(design)) = (self.strain_ratio < 1.0, self.design_ease_cm) {
                return RegionFinding::TightForCut {
                    ease_cm: self.ease_cm,
                    design_ease_cm: design,
                };
            }
            return RegionFinding::Stretched {
                strain_pct: self.strain_pct.max(0.0),
                stretch_pct: self.stretch_pct,
            };
        }
        if self.region.is_length() {
            let cm = self.ease_cm.abs().round();
            return match self.verdict {
                Verdict::Long => RegionFinding::LongerBy(cm),
                Verdict::Short => RegionFinding::ShorterBy(cm),
                _ => RegionFinding::StandardLength,
            };
        }
        RegionFinding::Ease {
            verdict: self.verdict,
            ease_cm: self.ease_cm,
        }
    }
}

/// The fit map of one draped size.
#[derive(Clone, Debug, PartialEq)]
pub struct FitMap {
    /// The fit of each region the garment covers and that could be measured on the drape, in
    /// [`Region::ALL`] order.
    pub regions: Vec<RegionFit>,
    /// −1 … +1 per particle.
    pub particle_values: Vec<f32>,
    /// −1 … +1 per vertex of the garment's parts, concatenated in part order.
    pub vertex_values: Vec<f32>,
    /// The region (by largest weight) of each particle, for reading the map by region.
    pub particle_region: Vec<Region>,
}

impl FitMap {
    /// The region's fit, if measured.
    pub fn region(&self, region: Region) -> Option<&RegionFit> {
        self.regions.iter().find(|r| r.region == region)
    }

    /// Linear RGBA colours for the vertex values: blue (loose) – green (good) – red (tight).
    pub fn vertex_colours(&self) -> Vec<[f32; 4]> {
        self.vertex_values.iter().map(|&v| colour(v)).collect()
    }
}

/// The colour of a fit value: −1 blue, 0 green, +1 red.
pub fn colour(value: f32) -> [f32; 4] {
    let v = if value.is_finite() {
        value.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    if v >= 0.0 {
        [v, 1.0 - v, 0.0, 1.0]
    } else {
        [0.0, 1.0 + v, -v, 1.0]
    }
}

/// An edge counts as across the body when its direction is within 60° of the tape plane.
const ACROSS: f32 = 0.5;

/// The body axis a particle's edges are judged against.
fn axis(a: &Anatomy, part: BodyPart) -> Vec3 {
    if part.is_arm() {
        a.arm_axis(part.side())
    } else {
        Vec3::Y
    }
}

/// The design ease of a girth region for a size (cm) and the tolerance around it: the garment
/// as modelled on its reference body (its tape there minus the body's), changed from the
/// reference size to this one as the size chart's ease changes (the garment value minus the
/// middle of the size's body range, where the chart gives both); the tolerance is half the
/// size's body range (else 4 cm, 2 cm round a limb). Measured at the body's own tape plane, so a
/// chart whose waist is taken at another height does not shift the verdict.
pub fn design_ease(prepared: &PreparedGarment, size: usize, region: Region) -> Option<(f64, f64)> {
    let key = prepared.body_key(region)?;
    let sizes = &prepared.meta().sizes;
    let s = &sizes[size];
    let chart_ease = |s: &crate::garment::Size| {
        let range = s.body.get(key.as_str())?;
        Some(region.chart_value(s)? - 0.5 * (range.min + range.max))
    };
    let modelled = prepared.reference_girth_cm.get(&region)? - prepared.reference.value(key);
    let graded = match (chart_ease(s), chart_ease(&sizes[prepared.reference_size])) {
        (Some(here), Some(reference)) => here - reference,
        _ => 0.0,
    };
    let tolerance = match s.body.get(key.as_str()) {
        Some(range) => 0.5 * (range.max - range.min),
        None if region.is_limb() => 2.0,
        None => 4.0,
    };
    Some((modelled + graded, tolerance))
}

/// How far the unstretched garment (girth `rest_cm`) must stretch to go round the body
/// (`body_cm`), %: the strain the body causes, 0 where the garment is larger.
pub fn body_strain_pct(body_cm: f64, rest_cm: f64) -> f64 {
    if rest_cm > 0.0 {
        (100.0 * (body_cm / rest_cm - 1.0)).max(0.0)
    } else {
        0.0
    }
}

/// A particle's value: its girth regions' verdict values weighted by its grading weights
/// (regions not measured left out; 0 where none is).
fn blend(weights: &RegionWeights, values: &[Option<f32>]) -> f32 {
    let (mut sum, mut total) = (0.0f32, 0.0f32);
    for (w, v) in weights.iter().zip(values) {
        if let Some(v) = v {
            sum += w * v;
            total += w;
        }
    }
    if total > 1e-6 { sum / total } else { 0.0 }
}

/// Maps the fit of a draped size.
pub fn fit_map(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    graded: &Graded,
    draped: &Draped,
) -> FitMap {
    let cloth = &prepared.cloth;
    let a = &body.anatomy;
    let meta = prepared.meta();
    let stretch_h = meta.stretch.horizontal_pct.max(0.1);
    let stretch_v = meta.stretch.vertical_pct.max(0.1);
    let x = &draped.positions;
    let rest = &graded.rest;
    let bound = &prepared.binding.bound;
    let n = cloth.len();
    let binding = &prepared.binding;

    // The mean positive strain of the edges of the shoulders (across), and of the sleeves,
    // trouser legs and the main part (along).
    let near_shoulder: Vec<bool> = (0..n)
        .map(|i| {
            bound[i].part == BodyPart::Torso && a.acromion.iter().any(|q| q.distance(x[i]) < 0.05)
        })
        .collect();
    // Shoulders, sleeve, inside leg, main length: (sum of positive strain, count).
    let mut by_kind = [(0.0f64, 0usize); 4];
    for &[i, j] in &cloth.edges {
        let (i, j) = (i as usize, j as usize);
        let r = rest[j] - rest[i];
        let len0 = r.length();
        let strain = if len0 > 1e-7 {
            (x[i].distance(x[j]) - len0) / len0
        } else {
            0.0
        };
        let across = r.normalize_or_zero().dot(axis(a, bound[i].part)).abs() < ACROSS;
        let (pi, pj) = (bound[i].part, bound[j].part);
        let kind = if across {
            (near_shoulder[i] && near_shoulder[j]).then_some(0)
        } else if pi.is_arm() && pj.is_arm() {
            Some(1)
        } else if pi.is_leg() && pj.is_leg() {
            Some(2)
        } else if !pi.is_arm() && !pj.is_arm() {
            Some(3)
        } else {
            None
        };
        if let Some(k) = kind {
            by_kind[k].0 += strain.max(0.0) as f64;
            by_kind[k].1 += 1;
        }
        // Trouser legs are part of the main length too.
        if !across && kind == Some(2) {
            by_kind[3].0 += strain.max(0.0) as f64;
            by_kind[3].1 += 1;
        }
    }
    let mean_pct = |k: usize| {
        let (sum, count) = by_kind[k];
        if count == 0 {
            0.0
        } else {
            100.0 * sum / count as f64
        }
    };

    let mut regions = Vec::new();
    let size = &meta.sizes[graded.size];
    for &region in &prepared.regions {
        let chart_cm = region.chart_value(size);
        // Each region reads (body cm, garment cm, strain %, stretch %, verdict).
        let (body_cm, garment_cm, strain, stretch, verdict, design_ease_cm) = match region {
            Region::Chest | Region::Waist | Region::Hip | Region::UpperArm | Region::Thigh => {
                let (Some(plane), Some(key)) =
                    (prepared.girth_plane(a, region), prepared.body_key(region))
                else {
                    continue;
                };
                // The tape round the garment as worn, and the garment's own girth there
                // unstretched: as modelled on its reference body, graded to the size.
                let Some(worn_cm) =
                    measure::region_girth(x, &cloth.triangles, binding, region, plane)
                        .map(|g| g.perimeter * 100.0)
                else {
                    continue;
                };
                let own_cm = prepared.reference_girth_cm.get(&region).map(|r| {
                    r + graded
                        .garment_change_cm
                        .get(&region)
                        .copied()
                        .unwrap_or(0.0)
                });
                let body_cm = body.value(key);
                // The garment's own girth decides: a drape whose loop hangs tilted or folded
                // reads a different tape without the garment being any other size.
                let garment_cm = own_cm.unwrap_or(worn_cm);
                let strain = own_cm.map_or(0.0, |r| body_strain_pct(body_cm, r));
                let (design, tolerance) =
                    design_ease(prepared, graded.size, region).unwrap_or((6.0, 4.0));
                let v = verdict::girth(garment_cm - body_cm, design, tolerance, strain / stretch_h);
                (body_cm, garment_cm, strain, stretch_h, v, Some(design))
            }
            Region::Shoulders => {
                let (mut gap, mut count) = (0.0f64, 0usize);
                for (g, _) in draped
                    .gap
                    .iter()
                    .zip(&near_shoulder)
                    .filter(|(_, near)| **near)
                {
                    gap += g.max(0.0) as f64;
                    count += 1;
                }
                if count == 0 {
                    continue;
                }
                let gap_cm = 100.0 * gap / count as f64;
                let strain = (mean_pct(0) - verdict::SHOULDER_RESIDUE_PCT).max(0.0);
                let ratio = strain / stretch_h;
                let body_cm = body.value(crate::measurements::Key::ShoulderWidth);
                let ease = 2.0 * gap_cm;
                let v = verdict::shoulders(gap_cm, ratio);
                (body_cm, body_cm + ease, strain, stretch_h, v, None)
            }
            Region::Length | Region::Sleeve | Region::InsideLeg => {
                let Some(&standard) = graded.standard_length_cm.get(&region) else {
                    continue;
                };
                // The garment's own length graded to the size on this body, against the
                // standard: how the drape hangs (a hem dropping a centimetre as it settles, a
                // sleeve pushed up the arm) shows in the picture, not in the verdict.
                let Some(&garment_cm) = graded.graded_length_cm.get(&region) else {
                    continue;
                };
                let strain = match region {
                    Region::Sleeve => mean_pct(1),
                    Region::InsideLeg => mean_pct(2),
                    _ => mean_pct(3),
                };
                let ease = garment_cm - standard;
                let v = verdict::length(ease);
                (standard, garment_cm, strain, stretch_v, v, None)
            }
        };
        regions.push(RegionFit {
            region,
            body_cm,
            garment_cm,
            chart_cm,
            ease_cm: garment_cm - body_cm,
            strain_pct: strain,
            stretch_pct: stretch,
            strain_ratio: strain / stretch,
            verdict,
            design_ease_cm,
        });
    }
    let shoulders = regions
        .iter()
        .find(|r| r.region == Region::Shoulders)
        .map(|r| verdict::value(r.verdict));
    let by_region: Vec<Option<f32>> = GIRTH_REGIONS
        .iter()
        .map(|&g| {
            regions
                .iter()
                .find(|r| r.region == g)
                .map(|r| verdict::value(r.verdict))
        })
        .collect();
    // Each particle shows its regions' verdicts, blended by its grading weights (the shoulder
    // points show the shoulders' verdict): the colour says what the table says.
    let particle_values: Vec<f32> = (0..n)
        .map(|i| match (near_shoulder[i], shoulders) {
            (true, Some(v)) => v,
            _ => blend(&graded.weights[i], &by_region),
        })
        .collect();
    let vertex_values = cloth
        .vertex_particle
        .iter()
        .map(|&p| particle_values[p as usize])
        .collect();
    let particle_region = graded
        .weights
        .iter()
        .map(|w| {
            let k = (0..w.len())
                .max_by(|&p, &q| w[p].total_cmp(&w[q]))
                .unwrap_or(0);
            GIRTH_REGIONS[k]
        })
        .collect();
    FitMap {
        regions,
        particle_values,
        vertex_values,
        particle_region,
    }
}
