//! `anprobe screenshot`: opens the real window, waits until the avatar (and every garment asked
//! for, fitted) is on screen and every render pipeline is compiled, saves a PNG and exits.
//! `anprobe render-bench` starts the same way and then times frames (`render_bench`).

use crate::app::idle::PipelinesWaiting;
use crate::app::panels::right_panel::RightPanelTab;
use crate::app::scene::avatar::Mannequin;
use crate::app::scene::camera::ViewPreset;
use crate::app::scene::thumbnails::Thumbnails;
use crate::app::scene::worn_garments::GarmentPiece;
use crate::app::state::body::ShopperBody;
use crate::app::state::guide::FirstStartGuide;
use crate::app::state::profile_store::ProfileStore;
use crate::app::state::profiles::{Person, Profiles, default_measurements};
use crate::app::state::store::ShopperStore;
use crate::app::state::tryon::{
    Catalog, CatalogDir, CatalogGarment, FitProgress, GarmentView, TryOn,
};
use crate::measurements::Measurements;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::WindowResolution;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What to photograph and where to put the picture.
#[derive(Clone, Debug)]
pub struct ScreenshotOptions {
    /// The PNG file to write.
    pub out: PathBuf,
    /// The body to show; `None` shows the data folder's shown profile, else the default body
    /// (168 cm, female, everything predicted).
    pub measurements: Option<Measurements>,
    /// Window size in physical pixels (the picture's size).
    pub width: u32,
    /// Window height in physical pixels (the picture's height).
    pub height: u32,
    /// The right panel's tab.
    pub tab: RightPanelTab,
    /// The shopper's store shown in the store's tabs, whose profiles (the shown one's body unless
    /// [`ScreenshotOptions::measurements`] is given) and language are shown too, never written;
    /// `None` opens none.
    pub data_dir: Option<PathBuf>,
    /// Garments to wear, lowest layer first by their metadata.
    pub garments: Vec<ScreenshotGarment>,
    /// Show the garments as a fit map instead of their fabric.
    pub fit_map: bool,
    /// Which way the camera looks at the avatar.
    pub view: ViewPreset,
    /// Show the first-start guide (left out otherwise, whatever the data folder says).
    pub guide: bool,
}

/// A garment worn in the screenshot.
#[derive(Clone, Debug)]
pub struct ScreenshotGarment {
    /// Where it was read from (named in messages).
    pub source: String,
    /// The garment as read from that file: metadata, mesh parts and import warnings.
    pub imported: crate::garment::ImportedGarment,
    /// The size; `None`: the recommended one.
    pub size: Option<String>,
}

/// Frames the avatar must have been on screen before the picture is taken. Nothing accumulates
/// over frames (no TAA), so this only has to outlast mesh upload and egui's first layouts.
const FRAMES_AFTER_AVATAR: u32 = 30;
/// Consecutive frames (with the avatar) in which no render pipeline is still compiling: until
/// then the software renderer shows black or half a scene.
const FRAMES_PIPELINES_READY: u32 = 10;
/// Give up after this long (a loaded machine with the software renderer can take minutes).
const TIMEOUT_S: f32 = 600.0;

/// Opens the app window at the given size, photographs it once it is fully drawn, and closes it.
///
/// Errors (no display, no GPU, measurements that do not resolve, a file that cannot be written)
/// come back as a message; no profile or setting is written to the store.
pub fn screenshot(opts: ScreenshotOptions) -> Result<(), String> {
    screenshot_with(opts, |_| {})
}

/// [`screenshot`], with a hook that changes the app before it runs (tests use it, e.g. to pin a
/// tape with [`TapeHover`](super::TapeHover)).
#[doc(hidden)]
pub fn screenshot_with(
    opts: ScreenshotOptions,
    configure: impl FnOnce(&mut App),
) -> Result<(), String> {
    preflight(&opts)?;
    let goal = Goal::Picture(opts.out.clone());
    run_scene(&opts, goal, configure).map(|_| ())
}

/// What the scene is opened for, once everything is drawn.
#[derive(Clone, Debug)]
pub(crate) enum Goal {
    /// Save the window as a PNG here.
    Picture(PathBuf),
    /// Time frames while the camera orbits (see `render_bench`).
    FrameTimes(super::render_bench::BenchSetup),
}

/// Opens the window with the scene of `opts` and runs until `goal` is reached (or failed).
pub(crate) fn run_scene(
    opts: &ScreenshotOptions,
    goal: Goal,
    configure: impl FnOnce(&mut App),
) -> Result<Option<FrameTimes>, String> {
    let outcome: Outcome = Arc::default();
    let job = Job {
        goal,
        outcome: outcome.clone(),
        ..default_job()
    };
    let mut tryon = TryOn::default();
    for g in &opts.garments {
        tryon.put_on(
            std::sync::Arc::new(CatalogGarment::new(g.source.clone(), g.imported.clone())),
            g.size.clone(),
        );
    }
    let view = if opts.fit_map {
        GarmentView::FitMap
    } else {
        GarmentView::Fabric
    };
    let measurements = opts
        .measurements
        .clone()
        .unwrap_or_else(default_measurements);
    let window = Window {
        title: "Anprobe".into(),
        resolution: WindowResolution::new(opts.width, opts.height).with_scale_factor_override(1.0),
        resizable: false,
        ..default()
    };
    let run = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut app = App::new();
        app.add_plugins(super::base_plugins(window, true))
            .insert_resource(match &opts.data_dir {
                // The folder's profiles and language, as the app shows them; never written.
                Some(_) => ProfileStore::ReadOnly {
                    body: opts.measurements.clone(),
                },
                None => ProfileStore::Off,
            })
            .insert_resource(Profiles::new(
                vec![Person {
                    name: "Screenshot".into(),
                    measurements,
                    skin: Default::default(),
                    hair: Default::default(),
                    hair_style: Default::default(),
                }],
                0,
            ))
            .insert_resource(
                opts.data_dir
                    .clone()
                    .map_or_else(ShopperStore::none, ShopperStore::at),
            )
            .add_plugins(super::plugin)
            .insert_resource(opts.tab)
            .insert_resource(tryon)
            // The catalog as the app finds it: where no `assets/catalog` is in reach, the data
            // folder's copy of the sample catalog (written there once, as the app does).
            .insert_resource(CatalogDir::for_data_dir(opts.data_dir.as_deref()))
            .insert_resource(view)
            .insert_resource(if opts.guide {
                FirstStartGuide::Shown
            } else {
                FirstStartGuide::Closed
            })
            .insert_resource(job)
            .add_systems(Update, watch);
        // The start view is three-quarter from the front; any other is asked for (`Front` too:
        // it was taken for the start view, so `--view front` showed the three-quarter view).
        if opts.view != ViewPreset::Reset {
            // Asked every frame: the camera turns there once (the turn is measured from where it
            // looks), and the picture waits until everything is drawn.
            let view = opts.view;
            app.add_systems(Update, move |mut turn: MessageWriter<ViewPreset>| {
                turn.write(view);
            });
        }
        configure(&mut app);
        app.run()
    }));
    let exit = match run {
        Ok(exit) => exit,
        Err(panic) => {
            return Err(format!(
                "the app stopped: {}",
                panic_message(panic.as_ref())
            ));
        }
    };
    let result = outcome
        .lock()
        .map_err(|_| "screenshot state poisoned".to_string())?
        .take();
    result.unwrap_or_else(|| Err(format!("the app closed before it was done ({exit:?})")))
}

/// Checks what can be checked before a window opens: its size, the picture's folder, and the
/// display.
fn preflight(opts: &ScreenshotOptions) -> Result<(), String> {
    preflight_window(opts, || {
        let dir = opts
            .out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if dir.is_dir() {
            Ok(())
        } else {
            Err(format!("folder {} does not exist", dir.display()))
        }
    })
}

/// The window's size, what the caller checks (`more`, e.g. the picture's folder), and a display
/// to open the window on, in that order.
pub(crate) fn preflight_window(
    opts: &ScreenshotOptions,
    more: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    if opts.width == 0 || opts.height == 0 {
        return Err(format!(
            "window size {}x{} is empty",
            opts.width, opts.height
        ));
    }
    more()?;
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        return Err("no display: set DISPLAY or WAYLAND_DISPLAY (e.g. run under xvfb-run)".into());
    }
    Ok(())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

use super::render_bench::FrameTimes;

/// Where the run's result is left for the caller: `None` for a picture, the times for a bench.
pub(crate) type Outcome = Arc<Mutex<Option<Result<Option<FrameTimes>, String>>>>;

/// Progress of the one screenshot (or bench).
#[derive(Resource)]
struct Job {
    goal: Goal,
    outcome: Outcome,
    frames_with_avatar: u32,
    frames_ready: u32,
    frames_without_avatar: u32,
    requested: bool,
}

fn default_job() -> Job {
    Job {
        goal: Goal::Picture(PathBuf::new()),
        outcome: Arc::default(),
        frames_with_avatar: 0,
        frames_ready: 0,
        frames_without_avatar: 0,
        requested: false,
    }
}

fn finish(job: &Job, result: Result<(), String>, exit: &mut MessageWriter<AppExit>) {
    report(&job.outcome, result.map(|()| None), exit);
}

/// Keeps the run's outcome for the caller and ends the app (with an error on failure).
pub(crate) fn report(
    outcome: &Mutex<Option<Result<Option<FrameTimes>, String>>>,
    result: Result<Option<FrameTimes>, String>,
    exit: &mut MessageWriter<AppExit>,
) {
    let failed = result.is_err();
    if let Ok(mut slot) = outcome.lock() {
        *slot = Some(result);
    }
    exit.write(if failed {
        AppExit::error()
    } else {
        AppExit::Success
    });
}

/// What the picture waits for besides the avatar: the garments fitted and drawn, the
/// catalog's thumbnails.
#[derive(bevy::ecs::system::SystemParam)]
struct Outfit<'w, 's> {
    avatar: Query<'w, 's, (), With<Mannequin>>,
    pieces: Query<'w, 's, (), With<GarmentPiece>>,
    tryon: Res<'w, TryOn>,
    progress: Res<'w, FitProgress>,
    catalog: Res<'w, Catalog>,
    thumbnails: Res<'w, Thumbnails>,
}

fn watch(
    mut commands: Commands,
    mut job: ResMut<Job>,
    outfit: Outfit,
    body: Res<ShopperBody>,
    waiting: Res<PipelinesWaiting>,
    time: Res<Time<Real>>,
    mut exit: MessageWriter<AppExit>,
) {
    let Outfit {
        avatar,
        pieces,
        tryon,
        progress,
        catalog,
        thumbnails,
    } = outfit;
    if time.elapsed_secs() > TIMEOUT_S {
        let why = format!(
            "timed out after {TIMEOUT_S} s (avatar on screen for {} frames, {} pipelines compiling)",
            job.frames_with_avatar, waiting.0
        );
        finish(&job, Err(why), &mut exit);
        return;
    }
    if job.requested {
        return;
    }
    if avatar.is_empty() {
        job.frames_without_avatar += 1;
        let errors: Vec<String> = body
            .issues
            .iter()
            .filter(|i| i.is_error())
            .map(|i| i.sentence())
            .collect();
        if body.avatar.is_none() && !errors.is_empty() && job.frames_without_avatar > 5 {
            finish(
                &job,
                Err(format!("no avatar: {}", errors.join("; "))),
                &mut exit,
            );
        }
        return;
    }
    // The garments: every one fitted (or failed, which is an error) and on screen.
    // The catalog's thumbnails too, so the list is drawn as the shopper sees it.
    if !thumbnails.all_drawn(&catalog) {
        job.frames_with_avatar = 0;
        return;
    }
    if !tryon.worn().is_empty() {
        if !tryon.all_fitted(&progress) {
            job.frames_with_avatar = 0;
            return;
        }
        let failed: Vec<String> = tryon
            .worn()
            .iter()
            .filter_map(|w| w.error.clone())
            .collect();
        if !failed.is_empty() {
            finish(&job, Err(failed.join("; ")), &mut exit);
            return;
        }
        if pieces.is_empty() {
            job.frames_with_avatar = 0;
            return;
        }
    }
    job.frames_with_avatar += 1;
    // Counted only once the avatar exists: its own pipelines are queued when it is first seen.
    job.frames_ready = if waiting.0 == 0 {
        job.frames_ready + 1
    } else {
        0
    };
    if job.frames_with_avatar < FRAMES_AFTER_AVATAR || job.frames_ready < FRAMES_PIPELINES_READY {
        return;
    }
    job.requested = true;
    let outcome = job.outcome.clone();
    match job.goal.clone() {
        Goal::Picture(out) => {
            commands.spawn(Screenshot::primary_window()).observe(
                move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                    let saved = save_png(&captured.image, &out).map(|()| None);
                    report(&outcome, saved, &mut exit);
                },
            );
        }
        Goal::FrameTimes(setup) => {
            commands.insert_resource(super::render_bench::BenchRun::new(setup, outcome));
        }
    }
}

fn save_png(image: &Image, path: &Path) -> Result<(), String> {
    let picture = image
        .clone()
        .try_into_dynamic()
        .map_err(|e| format!("unreadable frame: {e}"))?;
    picture
        .to_rgb8()
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
