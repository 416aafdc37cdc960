//! `anprobe size`: the size advice of a garment for a shopper without a drape — every size's
//! probability, the runner-up, the measurement to take next, and when none fits the nearest
//! size and what is off. For scripts and retailers; the JSON is documented in docs/cli.md.

use super::avatar::{load, resolve};
use super::fit::import;
use crate::fit::PreparedGarment;
use crate::sizing::{self, Draws, MeasureNext, Nearest, SizeChance, SizeTable};
use clap::Args;
use serde::Serialize;
use std::path::PathBuf;

/// The value of `"report"` in `anprobe size --json`.
pub const SIZE_REPORT_KIND: &str = "anprobe.size";
/// The value of `"version"`.
pub const SIZE_REPORT_VERSION: u32 = 1;

/// Arguments of `anprobe size`.
#[derive(Debug, Args)]
pub struct SizeArgs {
    /// The shopper's measurements (JSON, as for `anprobe avatar`)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: PathBuf,
    /// The retailer's garment file (.glb, or .gltf with its buffers and images)
    #[arg(long, short = 'g', value_name = "FILE")]
    pub garment: PathBuf,
    /// Print JSON instead of sentences
    #[arg(long)]
    pub json: bool,
}

/// The garment the advice is for.
#[derive(Debug, Serialize)]
struct GarmentRef {
    sku: String,
    name: String,
    brand: String,
}

/// `measure_next` with its reason as a sentence.
#[derive(Debug, Serialize)]
struct MeasureNextReport {
    #[serde(flatten)]
    next: MeasureNext,
    why: String,
}

/// `nearest` with its sentence.
#[derive(Debug, Serialize)]
struct NearestReport {
    #[serde(flatten)]
    nearest: Nearest,
    text: String,
}

/// `anprobe size --json`.
#[derive(Debug, Serialize)]
struct SizeReport {
    report: &'static str,
    version: u32,
    garment: GarmentRef,
    recommended_size: Option<String>,
    probability: f64,
    sizes: Vec<SizeChance>,
    no_size: f64,
    runner_up: Option<SizeChance>,
    measure_next: Option<MeasureNextReport>,
    nearest: Option<NearestReport>,
    text: Vec<String>,
}

/// `anprobe size`: measurements + garment → size probabilities, printed.
pub(super) fn size(args: &SizeArgs) -> Result<(), String> {
    let typed = load(&args.measurements)?;
    let resolved = resolve(&typed, &args.measurements)?;
    let imported = import(&args.garment)?;
    let prepared = PreparedGarment::new(imported).map_err(|e| {
        format!(
            "{}: the garment cannot be sized: {e}",
            args.garment.display()
        )
    })?;
    let odds = sizing::odds(&SizeTable::new(&prepared), &Draws::of(&resolved));
    let text = odds.sentences();
    if !args.json {
        println!("{}", text.join("\n"));
        return Ok(());
    }
    let meta = prepared.meta();
    let report = SizeReport {
        report: SIZE_REPORT_KIND,
        version: SIZE_REPORT_VERSION,
        garment: GarmentRef {
            sku: meta.sku.clone(),
            name: meta.name.clone(),
            brand: meta.brand.clone(),
        },
        recommended_size: odds.recommended.clone(),
        probability: odds.probability,
        sizes: odds.sizes.clone(),
        no_size: odds.no_size,
        runner_up: odds.runner_up.clone(),
        measure_next: odds.measure_next.clone().map(|next| MeasureNextReport {
            why: next.why(),
            next,
        }),
        nearest: odds.nearest.clone().map(|nearest| NearestReport {
            text: nearest.sentence(),
            nearest,
        }),
        text,
    };
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}
