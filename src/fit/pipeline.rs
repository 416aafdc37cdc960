//! The fitting pipeline for one garment: every size graded, draped and mapped on the shopper's
//! body (in parallel, on the fitting's own bounded pool of named threads), the recommendation,
//! and a size draped over lower garments (which are pressed in under it where it cannot go
//! around them). The JSON report is built from its outcome in [`super::report`].

use super::FitError;
use super::drape::{self, DrapeSettings, Draped};
use super::fitmap::{self, FitMap, RegionFit};
use super::grade::{self, Graded};
use super::layer::{LayerCollider, press_under};
use super::prepare::{PreparedBody, PreparedGarment};
use super::recommend::{self, ChartCheck, Recommendation, SizeEvidence};
use super::report::FitReport;
use super::tether::Support;
use super::topology::ClothMesh;
use crate::geometry::TriangleMesh;
use crate::sizing::{self, Draws, SizeOdds, SizeTable};
use rayon::prelude::*;
use std::sync::OnceLock;

/// How to fit.
#[derive(Clone, Debug, Default)]
pub struct FitOptions {
    /// The size whose drape is kept (`--size`; always draped); without it, the recommended one
    /// (or the reference size when no size fits).
    pub size: Option<String>,
    /// How each size is draped.
    pub drape: DrapeSettings,
    /// Drape every size of the chart (`--all-sizes`). Without it, only the sizes the
    /// recommendation needs are draped (see [`fit_all`]); the recommendation is the same.
    pub all_sizes: bool,
}

/// One size graded, draped and mapped.
#[derive(Clone, Debug)]
pub struct SizeFit {
    /// The garment transferred to the shopper's body and graded to this size.
    pub graded: Graded,
    /// The graded garment draped on the body (and over any lower garments).
    pub draped: Draped,
    /// The fit map of the drape: regions, verdicts and per-vertex values.
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

/// The size shown of a garment: the one asked for, else the recommended one, else (none fits)
/// the nearest one, else (no recommendation at all) the reference size.
pub fn shown_size(
    prepared: &PreparedGarment,
    wanted: Option<usize>,
    recommendation: &Recommendation,
) -> usize {
    wanted
        .or_else(|| {
            recommendation
                .shown_size()
                .and_then(|l| prepared.size_index(l).ok())
        })
        .unwrap_or(prepared.reference_size)
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
    /// The layered drape succeeded: the size's fit over the lower garments.
    Draped(Box<SizeFit>),
    /// A point moved `moved_m` (more than [`MAX_LAYER_SHIFT_M`]) from the drape on the body
    /// alone, or the cloth was still moving `final_motion_mm` a frame at the end (more than
    /// [`MAX_LAYER_FINAL_MOTION_MM`]): the layered drape failed.
    Failed {
        /// The farthest any point moved from the drape on the body alone, metres.
        moved_m: f32,
        /// How far the cloth still moved in the last frame, mm (the largest move but for the
        /// 0.5 % of points that moved most).
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

/// The report and the drapes of the sizes draped.
#[derive(Clone, Debug)]
pub struct FitOutcome {
    /// The fit report of every size (serialised as the JSON report; sizes not draped are marked
    /// so).
    pub report: FitReport,
    /// The recommended size, or why none fits.
    pub recommendation: Recommendation,
    /// How sure each size is (the size probability, no drape: [`crate::sizing`]).
    pub odds: SizeOdds,
    /// One per size, in chart order: the size's fit where it was draped, `None` where it was
    /// not (see [`fit_all`]).
    pub sizes: Vec<Option<SizeFit>>,
    /// Index of the selected size (always draped).
    pub selected: usize,
}

impl FitOutcome {
    /// The selected size's fit (`None` only for an outcome not made by [`fit_all`] or
    /// [`fit_more`], which always drape the selected size).
    pub fn selected(&self) -> Option<&SizeFit> {
        self.size(self.selected)
    }

    /// Size `i`'s fit, if it was draped.
    pub fn size(&self, i: usize) -> Option<&SizeFit> {
        self.sizes.get(i).and_then(Option::as_ref)
    }

    /// How many sizes were draped.
    pub fn draped_count(&self) -> usize {
        self.sizes.iter().filter(|s| s.is_some()).count()
    }
}

/// The fitting's worker threads: one per core, named `anprobe-fit-N`, built once. `None` when the
/// system refuses threads (the sizes are then fitted one after another on the caller's thread).
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("anprobe-fit-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// [`fit_size`] for one size of the chart, with a panic inside it reported as that size's error.
fn fit_size_guarded(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    size: usize,
    settings: &DrapeSettings,
) -> Result<SizeFit, FitError> {
    let run = std::panic::AssertUnwindSafe(|| fit_size(prepared, body, size, &[], settings));
    std::panic::catch_unwind(run).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        Err(FitError::Panicked {
            size: prepared.meta().sizes[size].label.clone(),
            message,
        })
    })
}

/// Drapes the sizes `which` (in parallel on the fitting's pool) that `sizes` lacks and puts
/// their fits there; the first error in chart order fails them all.
fn drape_missing(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    which: &[usize],
    settings: &DrapeSettings,
    sizes: &mut [Option<SizeFit>],
) -> Result<(), FitError> {
    let mut missing: Vec<usize> = which
        .iter()
        .copied()
        .filter(|&i| sizes.get(i).is_some_and(Option::is_none))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    let fit_one = |&i: &usize| (i, fit_size_guarded(prepared, body, i, settings));
    let results: Vec<(usize, Result<SizeFit, FitError>)> = match pool() {
        Some(pool) => pool.install(|| missing.par_iter().map(fit_one).collect()),
        None => missing.iter().map(fit_one).collect(),
    };
    for (i, result) in results {
        sizes[i] = Some(result?);
    }
    Ok(())
}

/// Fits a garment on a body and recommends a size.
///
/// With [`FitOptions::all_sizes`] every size of the chart is draped (in parallel). Otherwise only
/// the sizes the recommendation needs: first those the size chart alone shortlists
/// ([`recommend::shortlist`]: the sizes whose drapes the recommendation weighs, usually one or
/// two, and the sizes next to the chart's favourite), in parallel; then, when the drape picks a
/// size whose neighbour in the chart was not draped (its reasons compare it with both
/// neighbours), that neighbour, and the recommendation is made again. The asked size
/// ([`FitOptions::size`]) and the selected size are always draped. The recommendation (size,
/// reasons) is the one draping every size gives; the report marks the sizes not
/// draped (no regions, a score from the chart alone).
pub fn fit_all(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    options: &FitOptions,
) -> Result<FitOutcome, FitError> {
    fit_more(prepared, body, options, Vec::new())
}

/// [`fit_all`] with some sizes already draped: `known` holds, per size in chart order, a fit
/// made earlier on this body with these drape settings (`None`, or a shorter list, where there
/// is none); only the sizes still needed are draped. The app and outfits use it when another
/// size is worn than the ones fitted.
pub fn fit_more(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    options: &FitOptions,
    known: Vec<Option<SizeFit>>,
) -> Result<FitOutcome, FitError> {
    let meta = prepared.meta();
    let wanted = options
        .size
        .as_deref()
        .map(|label| prepared.size_index(label))
        .transpose()?;
    let count = meta.sizes.len();
    let mut sizes = known;
    sizes.resize_with(count, || None);
    // The chart reads the body as the shopper's history moves it for this garment's brand (the
    // learned offsets' means; none without history): the recommendation and the probability
    // agree on what the returns taught.
    let offsets = body.history.offsets(meta);
    let mut read = body.resolved.clone();
    read.values = offsets.apply(&read.values, std::iter::repeat(0.0));
    let checks: Vec<Vec<ChartCheck>> = meta
        .sizes
        .iter()
        .map(|s| recommend::chart_checks(meta, s, &read))
        .collect();
    let odds = sizing::odds_with(
        &SizeTable::new(prepared),
        &Draws::of(&body.resolved),
        &offsets,
    );
    let mut needed: Vec<usize> = if options.all_sizes {
        (0..count).collect()
    } else {
        recommend::shortlist(meta.category, &checks).to_drape(count)
    };
    needed.extend(wanted);
    // Each round but the last drapes at least one more size of the chart.
    loop {
        drape_missing(prepared, body, &needed, &options.drape, &mut sizes)?;
        let scores: Vec<f64> = checks
            .iter()
            .zip(&sizes)
            .map(|(c, f)| recommend::score(meta.category, c, regions_of(f)))
            .collect();
        let evidence: Vec<SizeEvidence> = meta
            .sizes
            .iter()
            .enumerate()
            .map(|(i, s)| SizeEvidence {
                label: &s.label,
                checks: &checks[i],
                regions: regions_of(&sizes[i]),
                score: scores[i],
            })
            .collect();
        let recommendation = recommend::recommend(meta, &read, &evidence);
        let recommended = recommendation
            .size
            .as_deref()
            .and_then(|l| prepared.size_index(l).ok());
        let selected = shown_size(prepared, wanted, &recommendation);
        // The recommended size's neighbours (its reasons compare them) and the selected size.
        needed = recommended
            .into_iter()
            .flat_map(|r| recommend::neighbours(r, count))
            .chain([selected])
            .filter(|&i| sizes.get(i).is_some_and(Option::is_none))
            .collect();
        if needed.is_empty() {
            let report = FitReport::new(
                prepared,
                body,
                &recommendation,
                &odds,
                &sizes,
                (&checks, &scores),
                selected,
            );
            return Ok(FitOutcome {
                report,
                recommendation,
                odds,
                sizes,
                selected,
            });
        }
    }
}

/// The sizes a shopper is likely to try next that are not draped yet: those within `reach` of
/// `worn` in the chart, the nearest first (the smaller on a tie).
pub fn sizes_to_drape(
    outcome: &FitOutcome,
    worn: usize,
    reach: usize,
) -> impl Iterator<Item = usize> + '_ {
    (1..=reach)
        .flat_map(move |d| [worn.checked_sub(d), worn.checked_add(d)])
        .flatten()
        .filter(|&i| outcome.sizes.get(i).is_some_and(Option::is_none))
}

/// `outcome` with size `i` draped as well (nothing else is): the same recommendation (the one
/// draping every size gives) and the same selected size, one size more to switch to without a
/// drape. The app drapes ahead this way while the shopper looks at the result, on a thread of its
/// own.
pub fn drape_one_more(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    outcome: &FitOutcome,
    i: usize,
    drape: &DrapeSettings,
) -> Result<FitOutcome, FitError> {
    let mut sizes = outcome.sizes.clone();
    // On the caller's thread, not the fitting pool: a fit the shopper waits for may need the pool
    // meanwhile.
    if let Some(slot @ None) = sizes.get_mut(i) {
        *slot = Some(fit_size_guarded(prepared, body, i, drape)?);
    }
    let selected = prepared.meta().sizes.get(outcome.selected);
    let options = FitOptions {
        size: selected.map(|s| s.label.clone()),
        drape: *drape,
        all_sizes: false,
    };
    fit_more(prepared, body, &options, sizes)
}

/// The regions of a size's fit map; none for a size not draped.
fn regions_of(fit: &Option<SizeFit>) -> &[RegionFit] {
    fit.as_ref().map_or(&[], |f| &f.map.regions)
}

/// The fit report of a garment on a body (the sizes draped as [`fit_all`] drapes them).
pub fn fit_report(
    prepared: &PreparedGarment,
    body: &PreparedBody,
    options: &FitOptions,
) -> Result<FitReport, FitError> {
    fit_all(prepared, body, options).map(|o| o.report)
}
