//! The command line: `anprobe` opens the app; subcommands build avatars and screenshots
//! headless, check retailers' garment files, and read and change the shopper's store (backup,
//! wishlist, orders and returns).
//!
//! Exit codes: 0 success, 1 an input file that cannot be read or is invalid, an output that
//! cannot be written, a failed screenshot, a value or a change the store refuses, or a store
//! with problems (stderr names the file, the field or the record), 2 bad usage. Documented for
//! retailers in `docs/cli.md`.
//!
//! One file per command group: `avatar` (`avatar`, `screenshot`), `fit`, `garment`, `data`,
//! `wishlist`, `order`; `session` opens the store and `output` prints tables and JSON.

mod avatar;
mod catalog;
mod concierge;
mod data;
mod fit;
mod garment;
mod open_proposals;
mod order;
mod output;
mod render_bench;
mod session;
mod size;
mod stylist_session;
mod wishlist;

pub use avatar::{AvatarArgs, ScreenshotArgs, TabArg};
pub use catalog::{CatalogCommand, GenerateArgs};
pub use concierge::{AlternativesArgs, RecommendArgs, RemindersArgs, ShopperArgs};
pub use data::{DataCommand, ExportArgs, ImportArgs};
pub use fit::FitArgs;
pub use garment::{GarmentCommand, ValidateArgs};
pub use order::{
    OrderAddArgs, OrderCommand, OrderListArgs, OrderReturnArgs, OrderStatusArgs, StatusArg,
};
pub use render_bench::RenderBenchArgs;
pub use size::SizeArgs;
pub use stylist_session::{HostArgs, JoinArgs, SessionCommand};
pub use wishlist::{WishlistAddArgs, WishlistCommand, WishlistListArgs, WishlistRemoveArgs};

use avatar::MEASUREMENTS_FILE;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Anprobe, the virtual fitting room.
///
/// Without a command, opens the fitting room window. The commands below work without a window
/// (except `screenshot` and `render-bench`) and are meant for scripts and retailer pipelines.
#[derive(Debug, Parser)]
#[command(name = "anprobe", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// The folder of the shopper's store (default: $ANPROBE_DATA_DIR, else the OS data folder,
    /// e.g. ~/.local/share/anprobe)
    #[arg(long, global = true, value_name = "DIR", value_parser = non_empty_path)]
    pub data_dir: Option<PathBuf>,
    /// The command to run; none opens the app
    #[command(subcommand)]
    pub command: Option<Command>,
}

pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  an input file is missing, unreadable or invalid, an output file cannot be written, or
     the screenshot cannot be taken (stderr names the file and lists every problem); a value
     or change the store refuses (stderr names the field or the record); `garment validate`
     found an invalid file; `data check` found problems
  2  bad usage (unknown flag, missing argument)";

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Retailers' catalogs in the store (add, update, list) and the sample catalog's garment
    /// packages (generate).
    #[command(subcommand, after_help = EXIT_CODES)]
    Catalog(CatalogCommand),
    /// Build the avatar for a measurements file and export it as glTF binary (.glb).
    ///
    /// Missing measurements are predicted from the given ones (only `stature` is required).
    /// The avatar is measured with a virtual tape; `--report` writes what was asked for, what was
    /// predicted and what the tape reads on the mesh.
    #[command(after_help = format!("{MEASUREMENTS_FILE}\n\n{EXIT_CODES}"))]
    Avatar(AvatarArgs),
    /// Open the fitting room window, photograph the avatar and save a PNG.
    ///
    /// Needs a display (on a headless machine run it under `xvfb-run`) and a GPU or software
    /// renderer. The window closes by itself once the picture is saved.
    #[command(after_help = format!("{MEASUREMENTS_FILE}\n\n{EXIT_CODES}"))]
    Screenshot(ScreenshotArgs),
    /// Open the fitting room window and time its frames while the camera orbits the avatar.
    ///
    /// Waits until the avatar, the garments and the panels are drawn, then turns the camera once
    /// around the avatar over --frames frames and prints JSON: the adapter and its graphics API,
    /// the window size, and the frame time (median, 95th percentile, largest, mean, ms). Needs a
    /// display like `screenshot`; the store in --data-dir is read, never written.
    #[command(name = "render-bench", after_help = format!("{MEASUREMENTS_FILE}\n\n{EXIT_CODES}"))]
    RenderBench(RenderBenchArgs),
    /// Fit a retailer's garment onto the avatar of a measurements file, headless.
    ///
    /// The sizes the recommendation needs (the recommended size, the sizes next to it and any
    /// `--size`; every size of the chart with `--all-sizes`) are graded to the body, draped and
    /// measured; the report gives the recommended size with its probability and reasons, every
    /// size's chart ranges, and per size draped and region the body value, the garment value,
    /// ease, strain, verdict, penetration and solver figures. `--out` writes the avatar wearing
    /// the selected size as glTF binary.
    #[command(after_help = format!("{MEASUREMENTS_FILE}\n\n{EXIT_CODES}"))]
    Fit(FitArgs),
    /// The size advice of a garment for a measurements file, without a drape.
    ///
    /// Bodies are drawn from the measurements and their doubt (a tape's error where typed, the
    /// survey's spread where predicted); each gets a size by the size chart and the garment's
    /// own girths. Prints the likeliest size with its probability, the runner-up, the
    /// measurement that would settle the doubt and, when none fits, the nearest size and what
    /// is off; `--json` prints every size's probability (docs/cli.md).
    #[command(after_help = format!("{MEASUREMENTS_FILE}\n\n{EXIT_CODES}"))]
    Size(SizeArgs),
    /// Products for you from the store's catalogs, ranked by your own history.
    ///
    /// Likeness to what you kept or wish for, away from what you returned; each with the size
    /// to order and its probability, and why. Never what fits in no size, what you have or
    /// returned, or what is out of stock in your size (docs/concierge.md).
    #[command(after_help = EXIT_CODES)]
    Recommend(RecommendArgs),
    /// Other retailers' products like one in the store, sorted by fit then price.
    #[command(after_help = EXIT_CODES)]
    Alternatives(AlternativesArgs),
    /// What not to forget: return windows closing within 3 days, wishlisted products cheaper or
    /// back in stock in the wished size at the latest catalog update.
    ///
    /// `--dismiss KEY` (the key from `--json`) hides a reminder for good (kept in the store).
    #[command(after_help = EXIT_CODES)]
    Reminders(RemindersArgs),
    /// Check retailers' garment files (glTF 2.0 with the ANPROBE_garment extension).
    #[command(subcommand, after_help = EXIT_CODES)]
    Garment(GarmentCommand),
    /// Back up, restore and check the shopper's store.
    #[command(subcommand, after_help = EXIT_CODES)]
    Data(DataCommand),
    /// The wishlist: garments the shopper is considering.
    #[command(subcommand, after_help = EXIT_CODES)]
    Wishlist(WishlistCommand),
    /// Orders, returns with fit feedback, and each garment's status.
    #[command(subcommand, after_help = EXIT_CODES)]
    Order(OrderCommand),
    /// A stylist session without a window: host one as the shopper, or join one as the
    /// stylist (docs/stylist-session.md).
    #[command(subcommand)]
    Session(SessionCommand),
}

/// `--data-dir`: an empty folder name is bad usage, not the current folder.
fn non_empty_path(text: &str) -> Result<PathBuf, String> {
    if text.trim().is_empty() {
        return Err("the folder name must not be empty".into());
    }
    Ok(PathBuf::from(text))
}

/// Parses the process arguments and runs; clap itself exits with 2 on bad usage (0 for
/// `--help` and `--version`).
pub fn main() -> ExitCode {
    run(Cli::parse())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let data_dir = cli.data_dir.as_deref();
    let result = match cli.command {
        None => return open_app(data_dir),
        Some(Command::Avatar(args)) => avatar::avatar(&args).map(|()| ExitCode::SUCCESS),
        Some(Command::Screenshot(args)) => {
            avatar::screenshot(args, data_dir).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::RenderBench(args)) => {
            render_bench::render_bench(args, data_dir).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Fit(args)) => fit::fit(&args, data_dir).map(|()| ExitCode::SUCCESS),
        Some(Command::Size(args)) => size::size(&args, data_dir).map(|()| ExitCode::SUCCESS),
        Some(Command::Recommend(args)) => {
            concierge::recommend(&args, data_dir).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Alternatives(args)) => {
            concierge::alternatives(&args, data_dir).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Reminders(args)) => {
            concierge::reminders(&args, data_dir).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Garment(command)) => garment::run(command),
        Some(Command::Catalog(command)) => catalog::run(command, data_dir),
        Some(Command::Data(command)) => data::run(command, data_dir),
        Some(Command::Wishlist(command)) => wishlist::run(command, data_dir),
        Some(Command::Order(command)) => order::run(command, data_dir),
        Some(Command::Session(command)) => return stylist_session::run(command, data_dir),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("anprobe: {message}");
            ExitCode::from(1)
        }
    }
}

/// Opens the app on the data folder resolved like every command's (`--data-dir`, else
/// `ANPROBE_DATA_DIR`, else the OS data folder).
#[cfg(feature = "app")]
fn open_app(data_dir: Option<&Path>) -> ExitCode {
    crate::app::run(crate::store::data_dir(data_dir))
}

/// Built without the `app` feature (headless builds for servers and benchmarks): no window.
#[cfg(not(feature = "app"))]
fn open_app(_data_dir: Option<&Path>) -> ExitCode {
    eprintln!(
        "anprobe: this build has no app (built without the `app` feature); see `anprobe --help`"
    );
    ExitCode::from(2)
}
