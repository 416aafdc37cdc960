//! `anprobe render-bench`: opens the real window with the avatar, the garments and the panels,
//! waits until everything is drawn (as a screenshot does), then orbits the camera once around the
//! avatar over N frames and reports the frame times and the adapter they were drawn on.

use super::scene::camera::Orbit;
use super::screenshot::{Goal, Outcome, ScreenshotOptions, preflight_window, report, run_scene};
use bevy::prelude::*;
use bevy::render::renderer::RenderAdapterInfo;
use bevy::window::RequestRedraw;
use serde::Serialize;
use std::time::Duration;

/// Frames drawn after the orbit starts and before timing begins (the first views from new
/// angles may still upload shadows and buffers).
const WARM_UP_FRAMES: u32 = 10;

/// What `anprobe render-bench` prints (JSON, `report` = `anprobe.render_bench`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameTimes {
    /// Always `anprobe.render_bench`.
    pub report: &'static str,
    /// The report's format version.
    pub version: u32,
    /// The graphics adapter, as the driver names it (e.g. `llvmpipe (LLVM 19.1.7, 256 bits)`).
    pub adapter: String,
    /// The graphics API used (`Vulkan`, `Gl`, …).
    pub backend: String,
    /// The adapter's kind (`DiscreteGpu`, `Cpu`, …).
    pub device_type: String,
    /// The window's size in physical pixels.
    pub width: u32,
    /// The window's height in physical pixels.
    pub height: u32,
    /// Garments worn.
    pub garments: usize,
    /// Frames timed (after the warm-up).
    pub frames: u32,
    /// The time from one frame to the next, ms: median, 95th percentile, largest, mean.
    pub frame_ms: FrameStats,
}

/// Order statistics of the frame times, ms.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FrameStats {
    /// Median.
    pub p50: f64,
    /// 95th percentile (nearest rank).
    pub p95: f64,
    /// The slowest frame.
    pub max: f64,
    /// Mean.
    pub mean: f64,
}

impl FrameStats {
    /// Statistics of `samples` (ms); all zero when there are none.
    pub fn of(samples: &[f64]) -> FrameStats {
        if samples.is_empty() {
            return FrameStats {
                p50: 0.0,
                p95: 0.0,
                max: 0.0,
                mean: 0.0,
            };
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
            sorted[i - 1]
        };
        FrameStats {
            p50: rank(0.5),
            p95: rank(0.95),
            max: sorted[sorted.len() - 1],
            mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
        }
    }
}

/// Opens the window with the scene of `opts` (its `out` is not used), times `frames` frames of
/// one orbit around the avatar once everything is drawn, and closes it.
pub fn render_bench(opts: ScreenshotOptions, frames: u32) -> Result<FrameTimes, String> {
    preflight_window(&opts, || {
        if frames == 0 {
            return Err("no frames to time: --frames must be at least 1".into());
        }
        Ok(())
    })?;
    let setup = BenchSetup {
        frames,
        width: opts.width,
        height: opts.height,
        garments: opts.garments.len(),
    };
    run_scene(&opts, Goal::FrameTimes(setup), |app| {
        app.add_systems(Last, orbit_and_time);
    })?
    .ok_or_else(|| "the bench ended without frame times".to_string())
}

/// What a bench times, as its report names it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BenchSetup {
    frames: u32,
    width: u32,
    height: u32,
    garments: usize,
}

/// The bench under way: frames still to skip, times so far.
#[derive(Resource)]
pub(crate) struct BenchRun {
    setup: BenchSetup,
    warm_up: u32,
    samples: Vec<f64>,
    outcome: Outcome,
}

impl BenchRun {
    pub(crate) fn new(setup: BenchSetup, outcome: Outcome) -> BenchRun {
        BenchRun {
            setup,
            warm_up: WARM_UP_FRAMES,
            samples: Vec::with_capacity(setup.frames as usize),
            outcome,
        }
    }
}

/// Each frame of the bench: records the time since the last frame, turns the camera by one step
/// of the orbit and asks for the next frame (the app draws only on demand); at the end, reports.
fn orbit_and_time(
    run: Option<ResMut<BenchRun>>,
    time: Res<Time<Real>>,
    adapter: Option<Res<RenderAdapterInfo>>,
    mut orbit: Single<&mut Orbit>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(mut run) = run else {
        return;
    };
    let frames = run.setup.frames;
    if run.samples.len() as u32 >= frames {
        return;
    }
    if run.warm_up > 0 {
        run.warm_up -= 1;
    } else {
        run.samples.push(ms(time.delta()));
    }
    orbit.turn_now(std::f32::consts::TAU / (frames + WARM_UP_FRAMES) as f32);
    redraw.write(RequestRedraw);
    if run.samples.len() as u32 == frames {
        let (adapter, backend, device_type) = adapter.map_or_else(
            || ("unknown".to_string(), String::new(), String::new()),
            |a| {
                (
                    a.0.name.clone(),
                    format!("{:?}", a.0.backend),
                    format!("{:?}", a.0.device_type),
                )
            },
        );
        let times = FrameTimes {
            report: "anprobe.render_bench",
            version: 1,
            adapter,
            backend,
            device_type,
            width: run.setup.width,
            height: run.setup.height,
            garments: run.setup.garments,
            frames,
            frame_ms: FrameStats::of(&run.samples),
        };
        report(&run.outcome, Ok(Some(times)), &mut exit);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
