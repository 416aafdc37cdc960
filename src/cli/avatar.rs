//! `anprobe avatar` (measurements → avatar `.glb` + report, headless) and `anprobe screenshot`
//! (the fitting room window photographed to a PNG).

use crate::body;
use crate::export::{GlbMesh, write_glb_file};
use crate::measurements::{self, Measurements};
use crate::report::avatar_report;
use crate::tape;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) const MEASUREMENTS_FILE: &str = "\
Measurements file (JSON, one object; every key but stature optional):
  {\"form\": \"female\", \"unit\": \"cm\", \"stature\": 168, \"chest_girth\": 92, \"weight_kg\": 63}
  form: female | male (default female); unit: cm | in (lengths; weight is always kg).
  Keys: stature, neck_girth, chest_girth (alias bust_girth), underbust_girth, waist_girth
  (the natural waist), omphalion_girth (the waist at the navel), hip_girth, shoulder_width,
  arm_length, upper_arm_girth, wrist_girth, inside_leg, thigh_girth, knee_girth, calf_girth,
  ankle_girth, head_girth, weight_kg; optional trunk shape: chest_breadth, chest_depth,
  hip_breadth.";

/// Arguments of `anprobe avatar`.
#[derive(Debug, Args)]
pub struct AvatarArgs {
    /// The shopper's measurements (JSON)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: PathBuf,
    /// Where to write the avatar (glTF 2.0 binary, metres, +Y up, facing +Z)
    #[arg(long, short = 'o', value_name = "FILE.glb")]
    pub out: PathBuf,
    /// Also write the avatar report (JSON) here; `-` writes it to stdout
    #[arg(long, short = 'r', value_name = "FILE.json")]
    pub report: Option<PathBuf>,
}

/// Arguments of `anprobe screenshot`.
#[derive(Debug, Args)]
pub struct ScreenshotArgs {
    /// Where to write the picture (PNG)
    #[arg(long, short = 'o', value_name = "FILE.png")]
    pub out: PathBuf,
    /// The body to show (JSON); without it, the default body (168 cm, female)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: Option<PathBuf>,
    /// Picture width in pixels (16 to 8192)
    #[arg(long, default_value_t = 1280, value_parser = clap::value_parser!(u32).range(16..=8192))]
    pub width: u32,
    /// Picture height in pixels (16 to 8192)
    #[arg(long, default_value_t = 720, value_parser = clap::value_parser!(u32).range(16..=8192))]
    pub height: u32,
    /// The tab shown in the right panel; the store's tabs show the store in --data-dir (without
    /// it, no store is opened and they say so)
    #[arg(long, value_enum, default_value_t = TabArg::Catalog)]
    pub tab: TabArg,
    /// A garment to wear (glTF with the ANPROBE_garment extension); repeat for an outfit
    #[arg(long, value_name = "FILE.glb")]
    pub garment: Vec<PathBuf>,
    /// The size of the garment given in the same position (the i-th --size goes with the i-th
    /// --garment); without one, the recommended size
    #[arg(long, value_name = "SIZE")]
    pub size: Vec<String>,
    /// Show the garments as a fit map (blue loose, green good, red tight) instead of their fabric
    #[arg(long)]
    pub fit_map: bool,
    /// Which way the camera looks at the avatar (default: the app's start view, three-quarter from the front)
    #[arg(long, value_enum, default_value_t = ViewArg::ThreeQuarter)]
    pub view: ViewArg,
    /// Show the first-start guide over the 3D view (left out otherwise)
    #[arg(long)]
    pub guide: bool,
}

/// The camera's directions, as `screenshot --view` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewArg {
    /// Facing the avatar
    Front,
    /// From the avatar's side
    Side,
    /// From behind
    Back,
    /// Three-quarter from the front: the app's start view (the "reset view" button's)
    ThreeQuarter,
}

/// The right panel's tabs, as `screenshot --tab` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TabArg {
    /// The garments on offer and the outfit
    Catalog,
    /// Advice from the history, alternatives and reminders
    Concierge,
    /// The wishlist in the store
    Wishlist,
    /// Orders and returns in the store
    Orders,
    /// Every contact per retailer or stylist
    Timeline,
    /// What each retailer or stylist may see
    Privacy,
    /// Stylist sessions: invite a stylist, or join as one
    Stylist,
}

/// `anprobe avatar`: measurements → resolved → body → tape → .glb (+ report).
pub(super) fn avatar(args: &AvatarArgs) -> Result<(), String> {
    let typed = load(&args.measurements)?;
    let resolved = resolve(&typed, &args.measurements)?;
    let avatar = body::build(&resolved);
    let readings = tape::measure(&avatar);
    write_glb_file(&args.out, &[GlbMesh::avatar(&avatar)]).map_err(|e| e.to_string())?;
    if let Some(path) = &args.report {
        let text = avatar_report(&resolved, &avatar, &readings).to_json_pretty();
        if path.as_os_str() == "-" {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("cannot write the report to stdout: {e}"))?;
        } else if let Err(e) = std::fs::write(path, text) {
            // All or nothing: a script must not pick up an avatar whose report is missing.
            let _ = std::fs::remove_file(&args.out);
            return Err(format!("cannot write {}: {e}", path.display()));
        }
    }
    Ok(())
}

/// `anprobe screenshot`.
pub(super) fn screenshot(args: ScreenshotArgs, data_dir: Option<&Path>) -> Result<(), String> {
    if args.size.len() > args.garment.len() {
        return Err(format!(
            "{} --size given for {} --garment: each --size goes with the --garment in the same position",
            args.size.len(),
            args.garment.len()
        ));
    }
    let (measurements, garments) =
        window_inputs(args.measurements.as_deref(), &args.garment, &args.size)?;
    take_screenshot(args, measurements, garments, data_dir)
}

/// What a window command shows, read and checked before the window opens: the body (checked
/// like `anprobe avatar` does; `None` without a file) and every garment with the size in the
/// same position. The message names each bad file and lists every problem.
pub(super) fn window_inputs(
    measurements: Option<&Path>,
    garments: &[PathBuf],
    sizes: &[String],
) -> Result<(Option<Measurements>, Vec<WornGarment>), String> {
    let measurements = match measurements {
        Some(path) => {
            let typed = load(path)?;
            resolve(&typed, path)?;
            Some(typed)
        }
        None => None,
    };
    let mut problems = Vec::new();
    let mut worn = Vec::new();
    for (i, path) in garments.iter().enumerate() {
        let size = sizes.get(i).cloned();
        match read_garment(path, size.as_deref()) {
            Ok(imported) => worn.push((path.display().to_string(), imported, size)),
            Err(message) => problems.push(message),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    Ok((measurements, worn))
}

/// A garment read from `path`, with `size` checked against its chart. The message names the
/// file and lists every problem.
fn read_garment(
    path: &Path,
    size: Option<&str>,
) -> Result<crate::garment::ImportedGarment, String> {
    let imported = crate::garment::import_file(path).map_err(|errors| {
        let mut message = format!("{}: the garment cannot be used:", path.display());
        for d in &errors.diagnostics {
            message.push_str(&format!("\n  {d}"));
        }
        message
    })?;
    if let Some(size) = size
        && !imported.meta.sizes.iter().any(|s| s.label == size)
    {
        let known: Vec<&str> = imported
            .meta
            .sizes
            .iter()
            .map(|s| s.label.as_str())
            .collect();
        return Err(format!(
            "{}: size \"{size}\" is not in the size chart (sizes: {})",
            path.display(),
            known.join(", ")
        ));
    }
    Ok(imported)
}

/// A garment to wear: where it came from, what was read, the size asked for.
pub(super) type WornGarment = (String, crate::garment::ImportedGarment, Option<String>);

#[cfg(feature = "app")]
fn take_screenshot(
    args: ScreenshotArgs,
    measurements: Option<Measurements>,
    garments: Vec<WornGarment>,
    data_dir: Option<&Path>,
) -> Result<(), String> {
    use crate::app::RightPanelTab;
    let out = args.out.clone();
    crate::app::screenshot(crate::app::ScreenshotOptions {
        out: args.out,
        measurements,
        width: args.width,
        height: args.height,
        tab: match args.tab {
            TabArg::Catalog => RightPanelTab::Catalog,
            TabArg::Concierge => RightPanelTab::Concierge,
            TabArg::Wishlist => RightPanelTab::Wishlist,
            TabArg::Orders => RightPanelTab::Orders,
            TabArg::Timeline => RightPanelTab::Timeline,
            TabArg::Privacy => RightPanelTab::Privacy,
            TabArg::Stylist => RightPanelTab::Stylist,
        },
        data_dir: data_dir.map(Path::to_path_buf),
        garments: garments
            .into_iter()
            .map(|(source, imported, size)| crate::app::ScreenshotGarment {
                source,
                imported,
                size,
            })
            .collect(),
        fit_map: args.fit_map,
        view: match args.view {
            ViewArg::Front => crate::app::ViewPreset::Front,
            ViewArg::Side => crate::app::ViewPreset::Side,
            ViewArg::Back => crate::app::ViewPreset::Back,
            ViewArg::ThreeQuarter => crate::app::ViewPreset::Reset,
        },
        guide: args.guide,
    })
    .map_err(|e| format!("cannot take the screenshot {}: {e}", out.display()))
}

/// Built without the `app` feature (headless builds for servers and benchmarks): no window.
#[cfg(not(feature = "app"))]
fn take_screenshot(
    _args: ScreenshotArgs,
    _measurements: Option<Measurements>,
    _garments: Vec<WornGarment>,
    _data_dir: Option<&Path>,
) -> Result<(), String> {
    Err("this build has no app (built without the `app` feature)".into())
}

/// Reads a measurements file; the message names the path.
pub(super) fn load(path: &Path) -> Result<Measurements, String> {
    Measurements::load(path).map_err(|e| e.to_string())
}

/// Validates and completes the measurements. Errors list every issue (`key: message`); warnings
/// go to stderr and do not stop.
pub(super) fn resolve(typed: &Measurements, path: &Path) -> Result<measurements::Resolved, String> {
    match measurements::resolve(typed) {
        Ok(resolved) => {
            for issue in measurements::validate(typed) {
                eprintln!("anprobe: warning: {}: {issue}", path.display());
            }
            Ok(resolved)
        }
        Err(issues) => {
            let mut message = format!("{}: the measurements cannot be used:", path.display());
            for issue in &issues {
                let label = if issue.is_error() { "" } else { " (warning)" };
                message.push_str(&format!("\n  {issue}{label}"));
            }
            Err(message)
        }
    }
}
