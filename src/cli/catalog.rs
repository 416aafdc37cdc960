//! `anprobe catalog generate [--out DIR]`: regenerates the sample catalog's garment packages
//! with [`crate::sample_catalog::write_catalog`]. `anprobe catalog add|update PATH` records a
//! retailer's catalog (a `catalog.json` or a folder of garment files) in the store, every bad
//! product refused with where and why; `anprobe catalog list` prints the store's products.

use super::output::{print, print_json, table};
use super::session;
use crate::catalog;
use crate::sample_catalog::{DEFAULT_DIR, write_catalog};
use crate::store::date::today_local;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `anprobe catalog ...`.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Regenerate the sample catalog: every garment modelled on the reference avatar, written as
    /// a garment package `<retailer>-<sku>.glb` (glTF 2.0 with the ANPROBE_garment extension).
    ///
    /// Prints the files written, one per line. Files of the same names are overwritten; other
    /// files in the folder are left alone.
    Generate(GenerateArgs),
    /// Record a retailer's catalog in the store: a catalog.json (docs/catalog-format.md), a
    /// folder holding one, or a folder of garment files (each file one product).
    ///
    /// Products already in the store are left as they are (`catalog update` changes them). A
    /// bad product is refused on stderr with where and why (`catalog.json: products[3].price:
    /// ...`); the others are recorded, and the exit code is 1.
    Add(RecordArgs),
    /// Record a retailer's catalog again: new products added, known ones updated, price and
    /// stock changes kept in their history (dated `--date`, default today).
    Update(RecordArgs),
    /// The products in the store (`--json`: every field, with the price history).
    List(ListArgs),
}

/// Arguments of `anprobe catalog add` and `update`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// A catalog.json, a folder holding one, or a folder of garment files (.glb, .gltf)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The date the catalog is seen on (YYYY-MM-DD; default today, the local date)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// Arguments of `anprobe catalog list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this retailer's products (any case)
    #[arg(long, value_name = "NAME")]
    pub retailer: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `anprobe catalog generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The folder to write into (created if missing)
    #[arg(long, short = 'o', value_name = "DIR", default_value = DEFAULT_DIR)]
    pub out: PathBuf,
}

pub(super) fn run(command: CatalogCommand, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    match command {
        CatalogCommand::Add(args) => record(&args, data_dir, true),
        CatalogCommand::Update(args) => record(&args, data_dir, false),
        CatalogCommand::List(args) => list(&args, data_dir),
        CatalogCommand::Generate(args) => {
            let paths = write_catalog(&args.out).map_err(|e| e.to_string())?;
            for path in &paths {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `catalog add` (`only_new`) and `catalog update`.
fn record(args: &RecordArgs, data_dir: Option<&Path>, only_new: bool) -> Result<ExitCode, String> {
    let read = catalog::read_path(&args.path).map_err(|e| e.to_string())?;
    let mut store = session::open(data_dir)?;
    let date = args.date.clone().unwrap_or_else(today_local);
    let change = store
        .record_products(&read.products, &date, only_new)
        .map_err(session::failure)?;
    session::close(store);
    for refusal in &read.refused {
        eprintln!("anprobe: refused: {refusal}");
    }
    if !change.known.is_empty() {
        eprintln!(
            "anprobe: already in the store, left as they are (`catalog update` changes them): {}",
            change.known.join(", ")
        );
    }
    for (sku, old, new, currency) in &change.prices {
        println!(
            "price of {sku}: {} -> {}",
            super::output::price(*old, currency),
            super::output::price(*new, currency)
        );
    }
    println!(
        "{} added, {} updated, {} unchanged, {} refused",
        change.added.len(),
        change.updated.len(),
        change.unchanged.len(),
        read.refused.len() + change.known.len()
    );
    Ok(if read.refused.is_empty() && change.known.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `catalog list`.
fn list(args: &ListArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let store = session::open(data_dir)?;
    let products = store
        .products(args.retailer.as_deref())
        .map_err(session::failure)?;
    if args.json {
        print_json(&products)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = products
        .iter()
        .map(|s| {
            let p = &s.product;
            let sizes: Vec<&str> = p
                .sizes
                .iter()
                .map(|z| z.label.as_str())
                .filter(|l| p.available(l))
                .collect();
            vec![
                p.retailer.clone(),
                p.sku.clone(),
                p.name.clone(),
                serde_json::to_value(p.category)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                super::output::price(p.price, &p.currency),
                sizes.join(" "),
            ]
        })
        .collect();
    print(&table(
        &["RETAILER", "SKU", "NAME", "CATEGORY", "PRICE", "AVAILABLE"],
        &rows,
    ))?;
    Ok(ExitCode::SUCCESS)
}
