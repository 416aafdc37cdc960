//! Fitting the outfit off the UI thread: whenever the body or the outfit (a garment, a size)
//! changes, one job on Bevy's `AsyncComputeTaskPool` fits every worn garment, lowest layer first,
//! each draped over the ones below, which are pressed in under it where it could not go around
//! them (`fit::fit_over_pressing`); the job is polled every frame and its
//! result written into [`TryOn`]. Fits of every size are kept per body, so a size change only
//! re-drapes the garments from that layer up.

use super::{Garment, TryOn};
use crate::app::model::Model;
use crate::body::Avatar;
use crate::fit::{
    DrapeSettings, Draped, FitOptions, FitOutcome, OverLayers, PreparedBody, PreparedGarment,
    SizeFit, fit_all, fit_over_pressing, topology::ClothMesh,
};
use crate::geometry::TriangleMesh;
use crate::measurements::Resolved;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};
use bevy::window::RequestRedraw;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FitProgress>().add_systems(
        Update,
        drive
            .after(crate::app::AppSystems::Model)
            .before(crate::app::AppSystems::Avatar),
    );
}

/// One worn garment fitted on the current body.
#[derive(Debug)]
pub struct WornFit {
    pub prepared: Arc<PreparedGarment>,
    /// Every size draped alone on the body, the recommendation and the report.
    pub outcome: Arc<FitOutcome>,
    /// The size shown (index into the chart).
    pub selected: usize,
    /// The shown size, draped over the lower layers (its fit map gives the table and colours).
    pub shown: SizeFit,
    /// The shown drape as one mesh per garment part.
    pub parts: Vec<TriangleMesh>,
    /// Outward shift of the drawn garment (not of its measurements) when it could not be draped
    /// over the lower layers: hides most of them poking through.
    lifted: f32,
}

impl WornFit {
    /// Drapes the shown size over `under` (the garments of a lower layer, which are pressed in
    /// under it where it cannot go around them) instead of on the body alone; a layered drape
    /// that failed (see [`fit_over_pressing`]) leaves it on the body, drawn a little outward.
    fn drape_over(
        &mut self,
        body: &PreparedBody,
        under: &mut [&mut WornFit],
        settings: &DrapeSettings,
    ) -> Result<(), String> {
        let name = &self.prepared.meta().name;
        let alone = &self.outcome.sizes[self.selected];
        let mut under: Vec<(&ClothMesh, &mut Draped)> = under
            .iter_mut()
            .map(|f| {
                let f = &mut **f;
                (&f.prepared.cloth, &mut f.shown.draped)
            })
            .collect();
        match fit_over_pressing(
            &self.prepared,
            body,
            self.selected,
            &mut under,
            settings,
            alone,
        )
        .map_err(|e| format!("{name}: {e}"))?
        {
            OverLayers::Draped(layered) => self.shown = *layered,
            OverLayers::Failed {
                moved_m,
                final_motion_mm,
            } => {
                self.lifted = FALLBACK_LIFT_M * under.len() as f32;
                warn!(
                    "{name}: the drape over the lower layers failed (a point moved {moved_m:.2} \
                     m, still moving {final_motion_mm:.1} mm a frame at the end); shown on the \
                     body"
                );
            }
        }
        Ok(())
    }

    /// The meshes of the shown drape (lifted when it was not draped over the lower layers).
    fn rebuild_parts(&mut self) {
        self.parts = self.shown.meshes(&self.prepared);
        if self.lifted > 0.0 {
            for part in &mut self.parts {
                for (p, n) in part.positions.iter_mut().zip(&part.normals) {
                    *p += n.normalize_or_zero() * self.lifted;
                }
            }
        }
    }

    pub fn selected_label(&self) -> &str {
        &self.prepared.meta().sizes[self.selected].label
    }

    /// The recommended size's label, if any size fits.
    pub fn recommended(&self) -> Option<&str> {
        self.outcome.recommendation.size.as_deref()
    }

    /// The fit value (−1 loose … +1 tight) of every vertex of part `k`.
    pub fn part_values(&self, k: usize) -> &[f32] {
        let start: usize = self.parts[..k].iter().map(|p| p.positions.len()).sum();
        let end = start + self.parts.get(k).map_or(0, |p| p.positions.len());
        self.shown.map.vertex_values.get(start..end).unwrap_or(&[])
    }
}

/// Where the fitting stands.
#[derive(Resource, Default)]
pub struct FitProgress {
    task: Option<Task<JobOutput>>,
    cancel: Option<Arc<AtomicBool>>,
    /// (body generation, try-on revision) of the running job and of the last one applied.
    running: Option<(u64, u64)>,
    done: Option<(u64, u64)>,
    /// The body generation last seen.
    body: u64,
    /// Every size's fit per garment (SKU) on body `cache_body`.
    cache: HashMap<String, Arc<FitOutcome>>,
    cache_body: u64,
    /// Bumped whenever fits were written into the try-on (the 3D view follows).
    shown: u64,
}

impl FitProgress {
    /// Whether a fit is running.
    pub fn is_busy(&self) -> bool {
        self.task.is_some()
    }

    /// Whether the outfit at `revision` is fitted on the current body.
    pub fn is_current(&self, revision: u64) -> bool {
        self.task.is_none() && self.done == Some((self.body, revision))
    }

    /// Counts results written into the try-on.
    pub fn shown_revision(&self) -> u64 {
        self.shown
    }
}

/// How far a garment that could not be draped over the lower layers is drawn outward, per
/// lower layer, metres.
const FALLBACK_LIFT_M: f32 = 0.006;

type JobGarment = (Arc<Garment>, Option<String>, Option<Arc<FitOutcome>>);

struct JobInput {
    key: (u64, u64),
    resolved: Resolved,
    avatar: Avatar,
    /// Each garment, its chosen size and its fits of every size if known for this body.
    garments: Vec<JobGarment>,
    cancel: Arc<AtomicBool>,
}

struct JobOutput {
    key: (u64, u64),
    results: Vec<(String, Result<Arc<WornFit>, String>)>,
}

fn drive(
    model: Res<Model>,
    mut tryon: ResMut<TryOn>,
    mut progress: ResMut<FitProgress>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    progress.body = model.generation;
    let key = (model.generation, tryon.revision());
    if let Some(task) = progress.task.as_mut() {
        redraw.write(RequestRedraw);
        if let Some(output) = check_ready(task) {
            progress.task = None;
            progress.cancel = None;
            progress.running = None;
            if output.key == key {
                apply(&mut tryon, &mut progress, output);
            }
        }
    }
    if progress.done == Some(key) || progress.running == Some(key) {
        return;
    }
    let (Some(resolved), Some(avatar)) = (&model.resolved, &model.avatar) else {
        return;
    };
    // Something changed: the running job (if any) is stale.
    if let Some(cancel) = progress.cancel.take() {
        cancel.store(true, Ordering::Relaxed);
    }
    progress.task = None;
    progress.running = None;
    if progress.cache_body != model.generation {
        progress.cache.clear();
        progress.cache_body = model.generation;
    }
    if tryon.worn().is_empty() {
        progress.done = Some(key);
        progress.shown += 1;
        redraw.write(RequestRedraw);
        return;
    }
    let cancel = Arc::new(AtomicBool::new(false));
    let input = JobInput {
        key,
        resolved: resolved.clone(),
        avatar: avatar.clone(),
        garments: tryon
            .worn()
            .iter()
            .map(|w| {
                let cached = progress.cache.get(w.sku()).cloned();
                (w.garment.clone(), w.size.clone(), cached)
            })
            .collect(),
        cancel: cancel.clone(),
    };
    progress.cancel = Some(cancel);
    progress.running = Some(key);
    progress.task = Some(AsyncComputeTaskPool::get().spawn(async move { run_job(input) }));
    redraw.write(RequestRedraw);
}

fn apply(tryon: &mut TryOn, progress: &mut FitProgress, output: JobOutput) {
    for (sku, result) in output.results {
        let Some(worn) = tryon.worn_mut().iter_mut().find(|w| w.sku() == sku) else {
            continue;
        };
        match result {
            Ok(fit) => {
                progress.cache.insert(sku, fit.outcome.clone());
                worn.fit = Some(fit);
                worn.error = None;
            }
            Err(e) => {
                worn.fit = None;
                worn.error = Some(e);
            }
        }
    }
    progress.done = Some(output.key);
    progress.shown += 1;
}

/// Fits the outfit, lowest layer first. Before a garment is draped over the ones of a lower layer,
/// those give way to where it hangs alone, and after, to where it came to rest: each is pressed
/// in under it where it could not go around them (a flared skirt under a coat).
fn run_job(input: JobInput) -> JobOutput {
    let body = PreparedBody::from_avatar(input.resolved, input.avatar);
    let settings = DrapeSettings::default();
    // The garments fitted so far, with their layer.
    let mut fitted: Vec<(String, u8, Result<WornFit, String>)> = Vec::new();
    for (garment, size, cached) in input.garments {
        if input.cancel.load(Ordering::Relaxed) {
            break;
        }
        let sku = garment.meta().sku.clone();
        let layer = garment.meta().layer;
        let mut fit = fit_alone(&garment, size.as_deref(), cached, &body);
        // Garments of the same layer (a tee and jeans) each lie on the body; higher layers lie
        // over the lower ones.
        let mut below: Vec<&mut WornFit> = fitted
            .iter_mut()
            .filter(|(_, l, _)| *l < layer)
            .filter_map(|(_, _, f)| f.as_mut().ok())
            .collect();
        if let Ok(upper) = &mut fit
            && !below.is_empty()
            && let Err(e) = upper.drape_over(&body, &mut below, &settings)
        {
            fit = Err(e);
        }
        fitted.push((sku, layer, fit));
    }
    JobOutput {
        key: input.key,
        // Meshes once, after every press.
        results: fitted
            .into_iter()
            .map(|(sku, _, fit)| {
                let fit = fit.map(|mut f| {
                    f.rebuild_parts();
                    Arc::new(f)
                });
                (sku, fit)
            })
            .collect(),
    }
}

/// The garment in its chosen size (else the recommended one) as draped on the body alone.
fn fit_alone(
    garment: &Garment,
    size: Option<&str>,
    cached: Option<Arc<FitOutcome>>,
    body: &PreparedBody,
) -> Result<WornFit, String> {
    let prepared = garment.prepared()?;
    let named = |e: crate::fit::FitError| format!("{}: {e}", garment.meta().name);
    let outcome = match cached {
        Some(outcome) => outcome,
        None => Arc::new(fit_all(&prepared, body, &FitOptions::default()).map_err(named)?),
    };
    let selected = match size {
        Some(label) => prepared.size_index(label).map_err(named)?,
        None => outcome.selected,
    };
    let shown = outcome.sizes[selected].clone();
    Ok(WornFit {
        prepared,
        outcome,
        selected,
        shown,
        parts: Vec::new(),
        lifted: 0.0,
    })
}
