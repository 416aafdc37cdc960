//! `anprobe render-bench`: frame times of the real window, as JSON on stdout.

use super::avatar::{WornGarment, window_inputs};
use crate::measurements::Measurements;
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `anprobe render-bench`.
#[derive(Debug, Args)]
pub struct RenderBenchArgs {
    /// Frames to time while the camera orbits once around the avatar (after 10 warm-up frames)
    #[arg(long, default_value_t = 240, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub frames: u32,
    /// A garment to wear (glTF with the ANPROBE_garment extension); repeat for an outfit
    #[arg(long, value_name = "FILE.glb")]
    pub garment: Vec<PathBuf>,
    /// The body to show (JSON); without it, the default body (168 cm, female)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: Option<PathBuf>,
    /// Window width in pixels (16 to 8192)
    #[arg(long, default_value_t = 1920, value_parser = clap::value_parser!(u32).range(16..=8192))]
    pub width: u32,
    /// Window height in pixels (16 to 8192)
    #[arg(long, default_value_t = 1080, value_parser = clap::value_parser!(u32).range(16..=8192))]
    pub height: u32,
}

/// Reads and checks the inputs before a window opens, then runs the bench and prints its JSON.
pub(super) fn render_bench(args: RenderBenchArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let (measurements, garments) = window_inputs(args.measurements.as_deref(), &args.garment, &[])?;
    let json = run(&args, measurements, garments, data_dir)?;
    println!("{json}");
    Ok(())
}

#[cfg(feature = "app")]
fn run(
    args: &RenderBenchArgs,
    measurements: Option<Measurements>,
    garments: Vec<WornGarment>,
    data_dir: Option<&Path>,
) -> Result<String, String> {
    use crate::app::{RightPanelTab, ScreenshotGarment, ScreenshotOptions, ViewPreset};
    let times = crate::app::render_bench(
        ScreenshotOptions {
            out: PathBuf::new(),
            measurements,
            width: args.width,
            height: args.height,
            tab: RightPanelTab::Catalog,
            data_dir: data_dir.map(Path::to_path_buf),
            garments: garments
                .into_iter()
                .map(|(source, imported, size)| ScreenshotGarment {
                    source,
                    imported,
                    size,
                })
                .collect(),
            fit_map: false,
            view: ViewPreset::Reset,
            guide: false,
        },
        args.frames,
    )
    .map_err(|e| format!("cannot run the render bench: {e}"))?;
    serde_json::to_string_pretty(&times).map_err(|e| e.to_string())
}

/// Built without the `app` feature: no window.
#[cfg(not(feature = "app"))]
fn run(
    _args: &RenderBenchArgs,
    _measurements: Option<Measurements>,
    _garments: Vec<WornGarment>,
    _data_dir: Option<&Path>,
) -> Result<String, String> {
    Err("this build has no app (built without the `app` feature)".into())
}
