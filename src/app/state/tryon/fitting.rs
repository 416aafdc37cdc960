//! Fitting the outfit off the UI thread: whenever the body or the outfit (a garment, a size)
//! changes, one job on Bevy's `AsyncComputeTaskPool` wears the outfit (`fit::outfit::fit_outfit`:
//! every garment alone in every size, then lowest layer first, each draped over the ones below);
//! the job wakes the app when it ends and its result is written into [`TryOn`]. Fits of every size are
//! kept per body, so a size change only re-drapes the outfit, not every size again. While the
//! outfit shown is current, the sizes next to each worn one are draped ahead in the background,
//! one size a job ([`AHEAD`] either side), where [`DrapeAhead`] is present (the interactive
//! app): a switch to one of them shows without a drape.

use super::{Catalog, CatalogGarment, TryOn};
use crate::app::state::body::ShopperBody;
use crate::app::state::store::ShopperStore;
use crate::app::state::waker::Waker;
use crate::body::Avatar;
use crate::fit::outfit::{Layering, OutfitGarment, WornFit, fit_outfit};
use crate::fit::{DrapeSettings, FitOutcome, PreparedBody, drape_one_more, sizes_to_drape};
use crate::garment::GarmentMeta;
use crate::measurements::{Resolved, Values};
use crate::sizing::History;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};
use bevy::window::RequestRedraw;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FitProgress>()
        .init_resource::<Waker>()
        .add_systems(
            Update,
            (drive, drape_ahead.run_if(resource_exists::<DrapeAhead>))
                .chain()
                .in_set(crate::app::AppSystems::Fit),
        );
}

/// How many sizes either side of a worn one are draped ahead while the shopper looks.
pub const AHEAD: usize = 2;

/// Present: sizes are draped ahead while the outfit shown is current (the interactive app; not
/// the screenshot, whose frames and whose timing it would share the cores with).
#[derive(Resource, Default)]
pub struct DrapeAhead;

/// Where the fitting stands.
#[derive(Resource, Default)]
pub struct FitProgress {
    task: Option<Task<JobOutput>>,
    /// The size being draped ahead (garment, size), on a thread of its own (the task pool's one
    /// thread on a 2-core machine stays free for the fit the shopper waits for).
    ahead: Option<(String, usize, std::thread::JoinHandle<AheadOutput>)>,
    /// Sizes whose drape ahead failed on body `cache_body`: not tried again for it (the fit the
    /// shopper asks for says why, if they pick one).
    ahead_failed: Vec<(String, usize)>,
    cancel: Option<Arc<AtomicBool>>,
    /// (body generation, try-on revision) of the running job and of the last one applied.
    running: Option<(u64, u64)>,
    done: Option<(u64, u64)>,
    /// The shopper last seen: bumped when the body or what the history teaches changes.
    body: u64,
    /// The body generation, store revision and catalog size the history was learned at, and
    /// what it taught.
    history_at: Option<(u64, Option<u64>, Option<usize>)>,
    history: Arc<History>,
    /// Every size's fit per garment (SKU) on body `cache_body`.
    cache: HashMap<String, Arc<FitOutcome>>,
    cache_body: u64,
    /// The last job's body, prepared, and its generation (`body` when it is the current one).
    prepared: Option<(u64, Arc<PreparedBody>)>,
    /// Bumped whenever fits were written into the try-on (the 3D view follows).
    shown: u64,
    /// When the change the running job answers was seen (its time to the screen is logged).
    since: Option<Instant>,
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

    /// The sizes of garment `sku` draped on the current body (chart indices): a switch to one of
    /// them shows without a drape.
    pub fn draped_sizes(&self, sku: &str) -> Vec<usize> {
        self.cache
            .get(sku)
            .filter(|_| self.cache_body == self.body)
            .map(|o| {
                (0..o.sizes.len())
                    .filter(|&i| o.size(i).is_some())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether a size is being draped ahead.
    pub fn is_looking_ahead(&self) -> bool {
        self.ahead.is_some()
    }
}

type JobGarment = (Arc<CatalogGarment>, Option<String>, Option<Arc<FitOutcome>>);

struct JobInput {
    key: (u64, u64),
    resolved: Resolved,
    avatar: Avatar,
    history: Arc<History>,
    /// Each garment, its chosen size and its fits of every size if known for this body.
    garments: Vec<JobGarment>,
    cancel: Arc<AtomicBool>,
}

struct JobOutput {
    key: (u64, u64),
    /// The body the job fitted on, prepared (a size draped ahead on the same body reuses it).
    body: Arc<PreparedBody>,
    results: Vec<(String, Result<Arc<WornFit>, String>)>,
    /// How long the job ran (the rest of the wait is frames: on a software renderer, most).
    took: std::time::Duration,
}

/// One more size of one garment, draped on body `body` (`None`: it failed).
struct AheadOutput {
    body: u64,
    outcome: Option<FitOutcome>,
}

fn drive(
    shopper: Res<ShopperBody>,
    store: Option<Res<ShopperStore>>,
    catalog: Option<Res<Catalog>>,
    mut tryon: ResMut<TryOn>,
    mut progress: ResMut<FitProgress>,
    waker: Res<Waker>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    // The shopper: the body and what their kept and returned garments teach (learned again
    // when the body or the store changes; a new lesson refits like a new body).
    let at = (
        shopper.generation,
        store.as_ref().map(|s| s.revision()),
        catalog.as_ref().map(|c| c.entries.len()),
    );
    if progress.history_at != Some(at) {
        let history = match (&shopper.resolved, &store) {
            (Some(resolved), Some(store)) => learn(store, catalog.as_deref(), &resolved.values),
            _ => History::default(),
        };
        let changed_body = progress
            .history_at
            .is_none_or(|(g, ..)| g != shopper.generation);
        if changed_body || history != *progress.history {
            progress.body += 1;
            progress.history = Arc::new(history);
        }
        progress.history_at = Some(at);
    }
    let key = (progress.body, tryon.revision());
    if let Some(task) = progress.task.as_mut()
        && let Some(output) = check_ready(task)
    {
        redraw.write(RequestRedraw);
        progress.task = None;
        progress.cancel = None;
        progress.running = None;
        if output.key == key {
            let (garments, took) = (output.results.len(), output.took);
            apply(&mut tryon, &mut progress, output);
            if let Some(since) = progress.since.take() {
                info!(
                    "outfit of {garments} fitted and shown {} ms after the change (the fit {} ms)",
                    since.elapsed().as_millis(),
                    took.as_millis()
                );
            }
        }
    }
    if progress.done == Some(key) || progress.running == Some(key) {
        return;
    }
    let (Some(resolved), Some(avatar)) = (&shopper.resolved, &shopper.avatar) else {
        return;
    };
    // Something changed: the running job (if any) is stale.
    progress.since.get_or_insert_with(Instant::now);
    if let Some(cancel) = progress.cancel.take() {
        cancel.store(true, Ordering::Relaxed);
    }
    progress.task = None;
    progress.running = None;
    if progress.cache_body != progress.body {
        progress.cache.clear();
        progress.ahead_failed.clear();
        progress.cache_body = progress.body;
    }
    if tryon.worn().is_empty() {
        progress.since = None;
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
        history: progress.history.clone(),
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
    let job = waker.after(async move { run_job(input) });
    progress.task = Some(AsyncComputeTaskPool::get().spawn(job));
    redraw.write(RequestRedraw);
}

/// Drapes ahead (see the module's head): keeps the size a finished job draped, if it is still for
/// this body, and starts the next while the outfit shown is current and nothing else runs.
fn drape_ahead(
    shopper: Res<ShopperBody>,
    tryon: Res<TryOn>,
    mut progress: ResMut<FitProgress>,
    waker: Res<Waker>,
) {
    if progress
        .ahead
        .as_ref()
        .is_some_and(|(.., thread)| thread.is_finished())
        && let Some((sku, size, thread)) = progress.ahead.take()
    {
        let finished = thread.join();
        // Kept only while the cache is this body's (cleared and moved on when the body changed).
        if progress.body == progress.cache_body {
            match finished {
                Ok(AheadOutput { body, .. }) if body != progress.body => {}
                Ok(AheadOutput {
                    outcome: Some(outcome),
                    ..
                }) => {
                    progress.cache.insert(sku, Arc::new(outcome));
                }
                // Failed (or its thread did not end well): not tried again on this body.
                _ => progress.ahead_failed.push((sku, size)),
            }
        }
    }
    let key = (progress.body, tryon.revision());
    if progress.done == Some(key) && progress.task.is_none() {
        look_ahead(&shopper, &tryon, &mut progress, &waker);
    }
}

/// Drapes ahead, when nothing else runs, the first size next to a worn one that is not draped.
fn look_ahead(shopper: &ShopperBody, tryon: &TryOn, progress: &mut FitProgress, waker: &Waker) {
    if progress.ahead.is_some() || progress.cache_body != progress.body {
        return;
    }
    let (Some(resolved), Some(avatar)) = (&shopper.resolved, &shopper.avatar) else {
        return;
    };
    let failed = &progress.ahead_failed;
    let next = tryon.worn().iter().find_map(|w| {
        let fit = w.fit.as_ref()?;
        let outcome = progress.cache.get(w.sku())?;
        let size = sizes_to_drape(outcome, fit.worn.size, AHEAD)
            .find(|&i| !failed.iter().any(|(sku, s)| sku == w.sku() && *s == i))?;
        Some((w.garment.clone(), outcome.clone(), size))
    });
    let Some((garment, outcome, size)) = next else {
        return;
    };
    let (resolved, avatar, history) = (resolved.clone(), avatar.clone(), progress.history.clone());
    let (body, waker) = (progress.body, waker.clone());
    // The body the last fit prepared, when it is this one (preparing it again takes ~17 ms).
    let prepared = progress
        .prepared
        .as_ref()
        .filter(|(generation, _)| *generation == body)
        .map(|(_, prepared)| prepared.clone());
    let sku = garment.meta().sku.clone();
    let job = move || {
        let fitted = prepared.unwrap_or_else(|| {
            Arc::new(PreparedBody::from_avatar(resolved, avatar).with_history(history))
        });
        let outcome = garment.prepared().ok().and_then(|prepared| {
            drape_one_more(
                &prepared,
                &fitted,
                &outcome,
                size,
                &DrapeSettings::default(),
            )
            .ok()
        });
        waker.wake();
        AheadOutput { body, outcome }
    };
    match std::thread::Builder::new()
        .name("anprobe-ahead".into())
        .spawn(job)
    {
        Ok(thread) => progress.ahead = Some((sku, size, thread)),
        Err(e) => {
            warn!("no size is draped ahead: {e}");
            progress.ahead_failed.push((sku, size));
        }
    }
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
    progress.prepared = Some((output.key.0, output.body));
    progress.done = Some(output.key);
    progress.shown += 1;
}

/// Wears the outfit on the job's body; a garment that cannot be prepared or fitted gets its
/// message instead.
fn run_job(input: JobInput) -> JobOutput {
    let started = Instant::now();
    let body = Arc::new(
        PreparedBody::from_avatar(input.resolved, input.avatar).with_history(input.history),
    );
    let mut results: Vec<(String, Result<Arc<WornFit>, String>)> = Vec::new();
    let mut outfit: Vec<OutfitGarment> = Vec::new();
    let mut names: Vec<(String, String)> = Vec::new();
    for (garment, size, fitted) in input.garments {
        let sku = garment.meta().sku.clone();
        match garment.prepared() {
            Ok(prepared) => {
                names.push((sku, garment.meta().name.clone()));
                outfit.push(OutfitGarment {
                    prepared,
                    size,
                    fitted,
                });
            }
            Err(e) => results.push((sku, Err(e))),
        }
    }
    let worn =
        fit_outfit(&body, &outfit, &DrapeSettings::default(), &input.cancel).unwrap_or_default();
    for ((sku, name), fit) in names.into_iter().zip(worn) {
        if let Ok(f) = &fit
            && let Layering::Failed {
                moved_m,
                final_motion_mm,
            } = f.worn.layering
        {
            warn!(
                "{name}: the drape over the lower layers failed (a point moved {moved_m:.2} m, \
                 still moving {final_motion_mm:.1} mm a frame at the end); shown on the body"
            );
        }
        results.push((sku, fit.map(Arc::new).map_err(|e| format!("{name}: {e}"))));
    }
    JobOutput {
        took: started.elapsed(),
        key: input.key,
        body,
        results,
    }
}

/// What the shopper's kept and returned garments teach, for a body with values `body`: the
/// store's orders, matched to the catalog's garments by retailer and SKU (none when the store
/// cannot be read: the chart's answer stands).
fn learn(store: &ShopperStore, catalog: Option<&Catalog>, body: &Values) -> History {
    let Ok(orders) = store.read(|s| s.list_orders(usize::MAX)) else {
        return History::default();
    };
    let metas: Vec<&GarmentMeta> = catalog
        .map(|c| c.entries.iter().map(|e| e.garment.meta()).collect())
        .unwrap_or_default();
    History::from_orders(&orders, body, &metas)
}
