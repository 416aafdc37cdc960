//! `anprobe size`: the size advice of a garment for a shopper without a drape — every size's
//! probability, the runner-up, the measurement to take next, when none fits the nearest size
//! and what is off, and what the shopper's kept and returned garments changed. For scripts and
//! retailers; the JSON is documented in docs/cli.md.

use super::avatar::{load, resolve};
use super::fit::import;
use crate::fit::PreparedGarment;
use crate::garment::GarmentMeta;
use crate::measurements::Values;
use crate::sample_catalog::shipped;
use crate::sizing::{
    self, Adjustment, Draws, History, MeasureNext, Nearest, Offsets, SizeChance, SizeTable,
};
use crate::store;
use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};

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
    /// Ignore the shopper's history (kept and returned garments in the store): the chart's
    /// answer alone
    #[arg(long)]
    pub no_history: bool,
    /// The catalog folder whose garments' charts tell how many cm a kept or returned garment
    /// was (matched by retailer and SKU); the `--garment` itself always counts. Default:
    /// `assets/catalog` where found, else the data folder's copy of the sample catalog
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
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
    history: Vec<Adjustment>,
    text: Vec<String>,
}

/// `anprobe size`: measurements + garment → size probabilities, printed.
pub(super) fn size(args: &SizeArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let typed = load(&args.measurements)?;
    let resolved = resolve(&typed, &args.measurements)?;
    let imported = import(&args.garment)?;
    let prepared = PreparedGarment::new(imported).map_err(|e| {
        format!(
            "{}: the garment cannot be sized: {e}",
            args.garment.display()
        )
    })?;
    let offsets = if args.no_history {
        Offsets::default()
    } else {
        history(
            data_dir,
            args.catalog.as_deref(),
            &[prepared.meta()],
            &resolved.values,
        )?
        .offsets(prepared.meta())
    };
    let odds = sizing::odds_with(&SizeTable::new(&prepared), &Draws::of(&resolved), &offsets);
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
        history: odds.history.clone(),
        text,
    };
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

/// What the shopper's history says for a body: the kept and returned items in the store (none
/// when the data folder has no store yet: none is created), their charts from the catalog
/// folder and the garments being sized.
pub(super) fn history(
    data_dir: Option<&Path>,
    catalog: Option<&Path>,
    garments: &[&GarmentMeta],
    body: &Values,
) -> Result<History, String> {
    let dir = store::data_dir(data_dir).map_err(|e| e.to_string())?;
    if !dir.join(store::DB_FILE).is_file() {
        return Ok(History::default());
    }
    let catalog = match catalog {
        Some(c) => c.to_path_buf(),
        None => shipped::locate(&shipped::candidates(), Some(&dir)).map_err(|e| {
            format!(
                "{}: the sample catalog cannot be written there: {e}",
                dir.join(shipped::DATA_SUBDIR).display()
            )
        })?,
    };
    let store = super::session::open(data_dir)?;
    let orders = store
        .list_orders(usize::MAX)
        .map_err(super::session::failure)?;
    drop(store);
    // The catalog's garments (a folder the catalog reader reads; one it cannot is left out).
    let read = crate::catalog::read_path(&catalog).unwrap_or_default();
    for refused in &read.refused {
        eprintln!("anprobe: warning: {refused}: not read for the history");
    }
    let metas: Vec<GarmentMeta> = read.products.iter().map(|p| p.meta()).collect();
    let mut catalog: Vec<&GarmentMeta> = metas.iter().collect();
    catalog.extend_from_slice(garments);
    Ok(History::from_orders(&orders, body, &catalog))
}
