//! The fit report of `anprobe fit`: every size graded, draped and mapped on the shopper's avatar,
//! the recommended size with its confidence and reasons, and for each size and region the body
//! value, the garment value, the ease, the strain and the verdict.
//!
//! The shape is product (retailers parse it) and versioned by `"version"`: fields are only ever
//! added within a version. Documented in `docs/fitting.md`.

use super::FitError;
use super::drape::{self, DrapeSettings, DrapeStats, Draped};
use super::fitmap::{self, FitMap, RegionFit};
use super::grade::{self, Graded};
use super::layer::{LayerCollider, press_under};
use super::prepare::{PreparedBody, PreparedGarment};
use super::recommend::{self, ChartCheck, Recommendation, SizeEvidence};
use super::tether::Support;
use super::topology::ClothMesh;
use crate::garment::{Category, Stretch};
use crate::geometry::TriangleMesh;
use crate::measurements::Form;
use serde::{Deserialize, Serialize};

/// The value of `"report"`.
pub const REPORT_KIND: &str = "anprobe.fit";
/// The value of `"version"`.
pub const REPORT_VERSION: u32 = 1;

/// How to fit.
#[derive(Clone, Debug, Default)]
pub struct FitOptions {
    /// The size whose drape is kept (`--size`); without it, the recommended one (or the
    /// reference size when no size fits).
    pub size: Option<String>,
    pub drape: DrapeSettings,
    /// Sizes draped at once (0: as many as the machine has cores).
    pub threads: usize,
}

/// One size graded, draped and mapped.
#[derive(Clone, Debug)]
pub struct SizeFit {
    pub graded: Graded,
    pub draped: Draped,
    pub map: FitMap,
}

impl SizeFit {
    /// The draped garment as meshes, one per part of the garment in its order (positions and
    /// normals of the drape, the parts' own UVs and triangles), for export and display.
    pub fn meshes(&self, prepared: &PreparedGarment) -> Vec<TriangleMesh> {
        let cloth = &prepared.cloth;
        let normals = cloth.normals(&self.draped.positions);
        prepared
            .garment
            .parts
            .iter()
            .enumerate()
            .map(|(k, part)| {
                let range = cloth.part_offsets[k]..cloth.part_offsets[k + 1];
                let particles = &cloth.vertex_particle[range];
                TriangleMesh {
                    positions: particles
                        .iter()
                        .map(|&p| self.draped.positions[p as usize])
                        .collect(),
                    normals: particles.iter().map(|&p| normals[p as usize]).collect(),
                    uvs: part.mesh.uvs.clone(),
                    indices: part.mesh.indices.clone(),
                }
            })
            .collect()
    }
}

/// Grades, drapes (over the given lower garments) and maps one size.
pub fn fit_size(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    size: usize,
    lower: &[&LayerCollider],
    settings: &DrapeSettings,
) -> Result<SizeFit, FitError> {
    let graded = grade::grade(prepared, body, size)?;
    let hints: Vec<u32> = prepared.binding.bound.iter().map(|b| b.triangle).collect();
    let draped = drape::drape(
        &prepared.cloth,
        &graded.rest,
        &body.surface,
        &hints,
        lower,
        Support::for_category(prepared.meta().category),
        settings,
    );
    let map = fitmap::fit_map(prepared, body, &graded, &draped);
    Ok(SizeFit {
        graded,
        draped,
        map,
    })
}

/// How far a point of a garment may move when draped over lower garments rather than on the
/// body alone, metres; beyond it the layered drape counts as failed.
pub const MAX_LAYER_SHIFT_M: f32 = 0.12;

/// How fast the 0.5 % fastest points of a layered drape may still move at its end, mm a frame;
/// beyond it the cloth is thrashing between the layers and the layered drape counts as failed.
pub const MAX_LAYER_FINAL_MOTION_MM: f32 = 3.0;

/// A size draped over lower garments.
#[derive(Clone, Debug)]
pub enum OverLayers {
    Draped(Box<SizeFit>),
    /// A point moved `moved_m` (more than [`MAX_LAYER_SHIFT_M`]) from the drape on the body
    /// alone, or the cloth was still moving `final_motion_mm` a frame at the end (more than
    /// [`MAX_LAYER_FINAL_MOTION_MM`]): the layered drape failed.
    Failed {
        moved_m: f32,
        final_motion_mm: f32,
    },
}

/// Grades, drapes over `lower` and maps one size, checked against `alone` (the same size draped
/// on the body alone, see [`fit_size`]).
pub fn fit_over(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    size: usize,
    lower: &[&LayerCollider],
    settings: &DrapeSettings,
    alone: &SizeFit,
) -> Result<OverLayers, FitError> {
    let layered = fit_size(prepared, body, size, lower, settings)?;
    let moved_m = drape::largest_move(&layered.draped.positions, &alone.draped.positions);
    let final_motion_mm = layered.draped.stats.last_motion_p995_mm;
    Ok(
        if moved_m.is_finite()
            && moved_m < MAX_LAYER_SHIFT_M
            && final_motion_mm <= MAX_LAYER_FINAL_MOTION_MM
        {
            OverLayers::Draped(Box::new(layered))
        } else {
            OverLayers::Failed {
                moved_m,
                final_motion_mm,
            }
        },
    )
}

/// [`fit_over`] the garments of a lower layer (`under`: each one's cloth and drape), which give way
/// where it cannot go around them: before the drape they are pressed in under it as it hangs
/// alone (so the drape starts with little to push against), after it under where it came to
/// rest (or, when the layered drape failed, under `alone`). See [`press_under`]. Where they
/// could go no farther in, the layered drape then gives way the rest
/// ([`drape::keep_over_layers`]).
pub fn fit_over_pressing(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    size: usize,
    under: &mut [(&ClothMesh, &mut Draped)],
    settings: &DrapeSettings,
    alone: &SizeFit,
) -> Result<OverLayers, FitError> {
    press_all(under, (&prepared.cloth, &alone.draped), body, settings);
    let colliders = colliders_of(under);
    let lower: Vec<&LayerCollider> = colliders.iter().collect();
    let mut over = fit_over(prepared, body, size, &lower, settings, alone)?;
    let shown = match &over {
        OverLayers::Draped(layered) => &layered.draped,
        OverLayers::Failed { .. } => &alone.draped,
    };
    press_all(under, (&prepared.cloth, shown), body, settings);
    if let OverLayers::Draped(layered) = &mut over {
        // Where a lower garment could not be pressed in far enough (it reached the body), the
        // upper one gives way the rest.
        let colliders = colliders_of(under);
        let lower: Vec<&LayerCollider> = colliders.iter().collect();
        drape::keep_over_layers(&mut layered.draped, &body.surface, &lower, settings);
    }
    Ok(over)
}

/// Each garment of `under` as a layer to drape over.
fn colliders_of(under: &[(&ClothMesh, &mut Draped)]) -> Vec<LayerCollider> {
    under
        .iter()
        .map(|(cloth, draped)| LayerCollider::new(cloth, draped))
        .collect()
}

/// Presses each garment of `under` in under `upper` (its cloth and drape).
fn press_all(
    under: &mut [(&ClothMesh, &mut Draped)],
    (upper_cloth, upper): (&ClothMesh, &Draped),
    body: &PreparedBody,
    s: &DrapeSettings,
) {
    let collider = LayerCollider::new(upper_cloth, upper);
    for (cloth, draped) in under.iter_mut() {
        press_under(
            (cloth, draped),
            (&collider, upper),
            &body.surface,
            s.layer_margin,
            s.skin_margin,
        );
    }
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// Always [`REPORT_KIND`].
    pub report: String,
    /// Always [`REPORT_VERSION`].
    pub version: u32,
    pub garment: GarmentSummary,
    pub body: BodySummary,
    /// The recommended size's label; `null` when no size fits.
    pub recommended_size: Option<String>,
    /// 0 … 1.
    pub confidence: f64,
    pub reasons: Vec<String>,
    /// The size whose drape was kept (exported with `--out`).
    pub selected_size: String,
    /// Every size of the chart, in chart order.
    pub sizes: Vec<SizeReport>,
}

/// What was fitted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GarmentSummary {
    pub sku: String,
    pub name: String,
    pub brand: String,
    pub category: Category,
    pub layer: u8,
    pub reference_size: String,
    pub stretch: Stretch,
    pub particles: usize,
    pub triangles: usize,
}

/// Whom it was fitted on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodySummary {
    pub form: Form,
    pub stature_cm: f64,
}

/// One size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SizeReport {
    pub label: String,
    /// 0 … 1 (chart distance and draped verdicts).
    pub score: f64,
    /// Whether the body is inside every range of this size.
    pub inside_chart: bool,
    pub chart: Vec<ChartCheck>,
    pub regions: Vec<RegionReport>,
    /// Deepest garment vertex inside the body after draping, mm.
    pub max_penetration_mm: f64,
    pub solver: SolverReport,
}

/// One region of one size (values rounded to 0.1 cm / 0.1 %).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionReport {
    pub region: super::Region,
    pub body_cm: f64,
    pub garment_cm: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart_cm: Option<f64>,
    pub ease_cm: f64,
    pub strain_pct: f64,
    pub stretch_pct: f64,
    pub verdict: super::verdict::Verdict,
    pub text: String,
}

/// What the solver did for one size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolverReport {
    pub frames: u32,
    pub substeps: u32,
    pub iterations: u32,
    pub settled: bool,
    pub time_ms: f64,
}

fn round1(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    }
}

impl RegionReport {
    fn new(r: &RegionFit) -> RegionReport {
        RegionReport {
            region: r.region,
            body_cm: round1(r.body_cm),
            garment_cm: round1(r.garment_cm),
            chart_cm: r.chart_cm,
            ease_cm: round1(r.ease_cm),
            strain_pct: round1(r.strain_pct),
            stretch_pct: r.stretch_pct,
            verdict: r.verdict,
            text: r.text.clone(),
        }
    }
}

impl SolverReport {
    fn new(s: &DrapeStats) -> SolverReport {
        SolverReport {
            frames: s.frames,
            substeps: s.substeps,
            iterations: s.iterations,
            settled: s.settled,
            time_ms: round1(s.time_ms),
        }
    }
}

impl FitReport {
    /// The report as pretty JSON with a final newline.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The report and every size's drape.
#[derive(Clone, Debug)]
pub struct FitOutcome {
    pub report: FitReport,
    pub recommendation: Recommendation,
    /// One per size, in chart order.
    pub sizes: Vec<SizeFit>,
    /// Index of the selected size.
    pub selected: usize,
}

impl FitOutcome {
    /// The selected size's fit.
    pub fn selected(&self) -> &SizeFit {
        &self.sizes[self.selected]
    }
}

/// Fits every size (in parallel) and recommends one.
pub fn fit_all(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    options: &FitOptions,
) -> Result<FitOutcome, FitError> {
    let meta = prepared.meta();
    let wanted = options
        .size
        .as_deref()
        .map(|label| prepared.size_index(label))
        .transpose()?;
    let count = meta.sizes.len();
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, count.max(1));
    let mut results: Vec<Option<Result<SizeFit, FitError>>> = (0..count).map(|_| None).collect();
    std::thread::scope(|scope| {
        let chunks: Vec<_> = results
            .chunks_mut(count.div_ceil(threads))
            .enumerate()
            .map(|(c, chunk)| {
                let start = c * count.div_ceil(threads);
                scope.spawn(move || {
                    for (k, slot) in chunk.iter_mut().enumerate() {
                        *slot = Some(fit_size(prepared, body, start + k, &[], &options.drape));
                    }
                })
            })
            .collect();
        for handle in chunks {
            let _ = handle.join();
        }
    });
    let mut sizes = Vec::with_capacity(count);
    for r in results {
        sizes.push(r.unwrap_or(Err(FitError::NoSizes))?);
    }
    let checks: Vec<Vec<ChartCheck>> = meta
        .sizes
        .iter()
        .map(|s| recommend::chart_checks(meta, s, &body.resolved))
        .collect();
    let scores: Vec<f64> = checks
        .iter()
        .zip(&sizes)
        .map(|(c, f)| recommend::score(meta.category, c, &f.map.regions))
        .collect();
    let evidence: Vec<SizeEvidence> = meta
        .sizes
        .iter()
        .enumerate()
        .map(|(i, s)| SizeEvidence {
            label: &s.label,
            checks: &checks[i],
            regions: &sizes[i].map.regions,
            score: scores[i],
        })
        .collect();
    let recommendation = recommend::recommend(meta, &body.resolved, &evidence);
    let selected = wanted
        .or_else(|| {
            recommendation
                .size
                .as_deref()
                .and_then(|l| prepared.size_index(l).ok())
        })
        .unwrap_or(prepared.reference_size);
    let report = FitReport {
        report: REPORT_KIND.into(),
        version: REPORT_VERSION,
        garment: GarmentSummary {
            sku: meta.sku.clone(),
            name: meta.name.clone(),
            brand: meta.brand.clone(),
            category: meta.category,
            layer: meta.layer,
            reference_size: meta.reference_size.clone(),
            stretch: meta.stretch,
            particles: prepared.cloth.len(),
            triangles: prepared.cloth.triangles.len(),
        },
        body: BodySummary {
            form: body.resolved.form,
            stature_cm: body.value(crate::measurements::Key::Stature),
        },
        recommended_size: recommendation.size.clone(),
        confidence: (recommendation.confidence * 100.0).round() / 100.0,
        reasons: recommendation.reasons.clone(),
        selected_size: meta.sizes[selected].label.clone(),
        sizes: meta
            .sizes
            .iter()
            .enumerate()
            .map(|(i, s)| SizeReport {
                label: s.label.clone(),
                score: (scores[i] * 1000.0).round() / 1000.0,
                inside_chart: !checks[i].is_empty() && checks[i].iter().all(|c| c.inside),
                chart: checks[i].clone(),
                regions: sizes[i].map.regions.iter().map(RegionReport::new).collect(),
                max_penetration_mm: round1(sizes[i].draped.stats.max_penetration_mm as f64),
                solver: SolverReport::new(&sizes[i].draped.stats),
            })
            .collect(),
    };
    Ok(FitOutcome {
        report,
        recommendation,
        sizes,
        selected,
    })
}

/// The fit report of a garment on a body (every size draped; see [`fit_all`] for the drapes).
pub fn fit_report(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    options: &FitOptions,
) -> Result<FitReport, FitError> {
    fit_all(prepared, body, options).map(|o| o.report)
}
