//! Counting the frames the real app draws while nothing happens: the window tests' check that
//! idle means no frames (see [`idle`](super::idle)).

use crate::app::idle::PipelinesWaiting;
use crate::app::scene::avatar::Mannequin;
use crate::app::scene::thumbnails::Thumbnails;
use crate::app::state::notices::Notices;
use crate::app::state::profile_store::ProfileStore;
use crate::app::state::store::ShopperStore;
use crate::app::state::tryon::Catalog;
use crate::app::state::waker::Waker;
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many of the last gaps between frames the quiet spell is measured against.
const GAPS_KEPT: usize = 3;
/// Frames that must have been drawn before the app can have settled.
const FIRST_FRAMES: u64 = 10;
/// Give up settling after this long (the software renderer on a loaded machine is slow).
const TIMEOUT_S: f32 = 600.0;
/// The longest wait for a quiet spell before counting anyway (an app that never stops drawing
/// then fails the count).
const MAX_GRACE_S: f32 = 60.0;

/// Opens the app's window (the default body, no store, the catalog of the working directory)
/// and waits until it has settled: the catalog read and its thumbnails drawn, the avatar shown,
/// no render pipeline compiling. Then, once no frame has come for `grace`, counts the frames
/// drawn during `measure` while nothing happens, and closes the window. Returns when each counted frame came, in
/// seconds after the count began (none: idle).
#[doc(hidden)]
pub fn idle_frames(grace: Duration, measure: Duration) -> Result<Vec<f32>, String> {
    let outcome: Outcome = Arc::default();
    let window = Window {
        title: "Anprobe (idle check)".into(),
        ..default()
    };
    let mut app = App::new();
    app.add_plugins(super::base_plugins(window, true))
        .insert_resource(super::update_mode())
        .insert_resource(ProfileStore::Off)
        .insert_resource(ShopperStore::none())
        .add_plugins(super::plugin)
        .insert_resource(Probe {
            outcome: outcome.clone(),
            stage: Arc::default(),
            frames: 0,
            started: Arc::default(),
            last_frame: Arc::new(Mutex::new(Instant::now())),
            gaps: Arc::default(),
            counted: Vec::new(),
            grace,
            measure,
        })
        .add_systems(Last, probe);
    let exit = app.run();
    let result = lock(&outcome).take();
    result.unwrap_or_else(|| Err(format!("the app closed before the count ended ({exit:?})")))
}

type Outcome = Arc<Mutex<Option<Result<Vec<f32>, String>>>>;

/// Stages the timer thread moves through: settling, grace, measuring, done (the thread wakes
/// the app for the last, which ends the count).
const SETTLING: u8 = 0;
const GRACE: u8 = 1;
const MEASURING: u8 = 2;
const DONE: u8 = 3;

#[derive(Resource)]
struct Probe {
    outcome: Outcome,
    /// Set by the timer thread, which wakes the app at each change.
    stage: Arc<AtomicU8>,
    frames: u64,
    /// When measuring began (set by the timer thread), and when each frame since came (s).
    started: Arc<Mutex<Option<Instant>>>,
    /// When the last frame was drawn (the timer waits for a quiet spell).
    last_frame: Arc<Mutex<Instant>>,
    /// The gaps between the last few frames: a slow renderer's frames already asked for come
    /// that far apart, so the quiet spell must be longer than they are.
    gaps: Arc<Mutex<Vec<Duration>>>,
    counted: Vec<f32>,
    grace: Duration,
    measure: Duration,
}

#[derive(bevy::ecs::system::SystemParam)]
struct Settled<'w, 's> {
    avatar: Query<'w, 's, (), With<Mannequin>>,
    catalog: Res<'w, Catalog>,
    thumbnails: Res<'w, Thumbnails>,
    waiting: Res<'w, PipelinesWaiting>,
    notices: Res<'w, Notices>,
}

impl Settled<'_, '_> {
    fn holds(&self) -> bool {
        // A confirmation still to fade is a change on screen to come, not idleness.
        !self.avatar.is_empty()
            && self.thumbnails.all_drawn(&self.catalog)
            && self.waiting.0 == 0
            && self.notices.0.iter().all(|n| !n.fades)
    }
}

fn probe(
    mut probe: ResMut<Probe>,
    settled: Settled,
    waker: Res<Waker>,
    time: Res<Time<Real>>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut exit: MessageWriter<AppExit>,
) {
    probe.frames += 1;
    {
        let mut last = lock(&probe.last_frame);
        let mut gaps = lock(&probe.gaps);
        gaps.push(last.elapsed());
        let keep = gaps.len().saturating_sub(GAPS_KEPT);
        gaps.drain(..keep);
        *last = Instant::now();
    }
    let mut finish = |probe: &Probe, result: Result<Vec<f32>, String>| {
        *lock(&probe.outcome) = Some(result);
        exit.write(AppExit::Success);
    };
    match probe.stage.load(Ordering::SeqCst) {
        SETTLING => {
            if time.elapsed_secs() > TIMEOUT_S {
                finish(&probe, Err(format!("not settled after {TIMEOUT_S} s")));
            } else if probe.frames >= FIRST_FRAMES && settled.holds() {
                probe.stage.store(GRACE, Ordering::SeqCst);
                let timer = Timer {
                    stage: probe.stage.clone(),
                    started: probe.started.clone(),
                    last_frame: probe.last_frame.clone(),
                    gaps: probe.gaps.clone(),
                    waker: waker.clone(),
                };
                let (grace, measure) = (probe.grace, probe.measure);
                std::thread::spawn(move || timer.run(grace, measure));
            } else {
                // The probe's own frames while the app settles (it may have nothing to draw).
                redraw.write(RequestRedraw);
            }
        }
        MEASURING => {
            let at = lock(&probe.started).map_or(0.0, |b| b.elapsed().as_secs_f32());
            probe.counted.push(at);
        }
        DONE => finish(&probe, Ok(probe.counted.clone())),
        _ => {}
    }
}

/// The thread that moves the probe from grace to measuring to done.
struct Timer {
    stage: Arc<AtomicU8>,
    started: Arc<Mutex<Option<Instant>>>,
    last_frame: Arc<Mutex<Instant>>,
    gaps: Arc<Mutex<Vec<Duration>>>,
    waker: Waker,
}

impl Timer {
    /// Waits until no frame has come for `grace`, and for twice the longest of the last gaps
    /// between frames (the last frames the settling asked for: on a slow software renderer one
    /// frame takes seconds), at most `MAX_GRACE_S`; then counts
    /// for `measure` and wakes the app to end. No wake starts the count: a wake is two frames
    /// in Bevy's reactive loop (the update, then the one for the window's redraw request).
    fn run(self, grace: Duration, measure: Duration) {
        let since_settled = Instant::now();
        loop {
            let quiet = lock(&self.last_frame).elapsed();
            let slowest = lock(&self.gaps).iter().max().copied().unwrap_or_default();
            let needed = grace.max(2 * slowest);
            if quiet >= needed || since_settled.elapsed().as_secs_f32() > MAX_GRACE_S {
                break;
            }
            std::thread::sleep(needed - quiet);
        }
        *lock(&self.started) = Some(Instant::now());
        self.stage.store(MEASURING, Ordering::SeqCst);
        std::thread::sleep(measure);
        self.stage.store(DONE, Ordering::SeqCst);
        self.waker.wake();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
