//! `anprobe fit`: a retailer's garment on the shopper's avatar, headless. The sizes the
//! recommendation needs (every size with `--all-sizes`) are graded, draped and mapped; the
//! report says which size to buy and why, and `--out`
//! writes the avatar wearing the selected size as glTF binary. Several `--garment`s are fitted
//! as one outfit (`fit::outfit`): each garment's report, lowest layer first, with how its worn
//! size lies over the layers below.

use super::avatar::{load, resolve};
use crate::export::{GlbMaterial, GlbMesh, write_glb_file};
use crate::fit::outfit::{OutfitGarment, fit_outfit_with, layer_rank};
use crate::fit::report::{OutfitGarmentReport, OutfitReport, WornReport};
use crate::fit::{self, DrapeSettings, FitOptions, PreparedBody, PreparedGarment};
use crate::garment::{self, GarmentMeta, ImportedGarment};
use crate::geometry::TriangleMesh;
use crate::sizing::History;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Arguments of `anprobe fit`.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// The shopper's measurements (JSON, as for `anprobe avatar`)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: PathBuf,
    /// The retailer's garment file (.glb, or .gltf with its buffers and images); repeat it to
    /// fit several garments as one outfit (worn lowest layer first, each over the ones below)
    #[arg(long, short = 'g', value_name = "FILE", required = true)]
    pub garment: Vec<PathBuf>,
    /// The size to drape and export (a label of the size chart); without it, the recommended
    /// size (or the garment's reference size when no size fits). With several garments, give it
    /// once per garment, in the order of the `--garment`s, or not at all
    #[arg(long, short = 's', value_name = "LABEL")]
    pub size: Vec<String>,
    /// Write the avatar wearing the draped garment(s) here (glTF 2.0 binary)
    #[arg(long, short = 'o', value_name = "FILE.glb")]
    pub out: Option<PathBuf>,
    /// Write the fit report (JSON) here; `-` writes it to stdout. Without it, a summary is
    /// printed
    #[arg(long, short = 'r', value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// Ignore the shopper's history (kept and returned garments in the store) in the size
    /// probabilities
    #[arg(long)]
    pub no_history: bool,
    /// The catalog folder whose garments' charts tell how many cm a kept or returned garment
    /// was (as for `anprobe size`)
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
    /// Drape every size of the chart. Without it, only the sizes the recommendation needs are
    /// draped (the recommended size and the sizes next to it, and the `--size` asked for): the
    /// same recommendation, sooner; the report marks the other sizes `"draped": false`
    #[arg(long)]
    pub all_sizes: bool,
}

/// `anprobe fit`: measurements + garment(s) → the sizes needed fitted → report (+ .glb).
pub(super) fn fit(args: &FitArgs, data_dir: Option<&Path>) -> Result<(), String> {
    if !args.size.is_empty() && args.size.len() != args.garment.len() {
        return Err(format!(
            "{} --size for {} --garment: give one size per garment, in the same order, or none",
            args.size.len(),
            args.garment.len()
        ));
    }
    let typed = load(&args.measurements)?;
    let resolved = resolve(&typed, &args.measurements)?;
    let mut garments = Vec::with_capacity(args.garment.len());
    for path in &args.garment {
        let imported = Arc::new(import(path)?);
        let prepared = PreparedGarment::new(Arc::clone(&imported))
            .map_err(|e| format!("{}: the garment cannot be fitted: {e}", path.display()))?;
        garments.push((path, imported, Arc::new(prepared)));
    }
    let history = if args.no_history {
        History::default()
    } else {
        let metas: Vec<&GarmentMeta> = garments.iter().map(|(_, _, p)| p.meta()).collect();
        super::size::history(data_dir, args.catalog.as_deref(), &metas, &resolved.values)?
    };
    let body = PreparedBody::new(resolved).with_history(Arc::new(history));
    if let [(path, imported, prepared)] = &garments[..] {
        let options = FitOptions {
            size: args.size.first().cloned(),
            all_sizes: args.all_sizes,
            ..FitOptions::default()
        };
        let shown = path.display();
        let outcome =
            fit::fit_all(prepared, &body, &options).map_err(|e| format!("{shown}: {e}"))?;
        let selected = outcome.selected().ok_or_else(|| {
            format!(
                "{shown}: size {} was not draped",
                outcome.report.selected_size
            )
        })?;
        let meshes = || {
            let mut meshes = vec![GlbMesh::avatar(&body.avatar)];
            meshes.extend(garment_meshes(imported, selected.meshes(prepared)));
            meshes
        };
        return deliver(args, meshes, &outcome.report.to_json_pretty(), || {
            print_summary(&outcome.report)
        });
    }
    fit_as_outfit(args, &garments, &body)
}

/// Several garments worn as one outfit.
fn fit_as_outfit(
    args: &FitArgs,
    garments: &[(&PathBuf, Arc<ImportedGarment>, Arc<PreparedGarment>)],
    body: &PreparedBody,
) -> Result<(), String> {
    let outfit: Vec<OutfitGarment> = garments
        .iter()
        .enumerate()
        .map(|(i, (_, _, prepared))| OutfitGarment {
            prepared: prepared.clone(),
            size: args.size.get(i).cloned(),
            fitted: None,
        })
        .collect();
    let worn = fit_outfit_with(
        body,
        &outfit,
        &DrapeSettings::default(),
        args.all_sizes,
        &AtomicBool::new(false),
    )
    .unwrap_or_default();
    let mut fits = Vec::with_capacity(worn.len());
    for ((path, ..), fit) in garments.iter().zip(worn) {
        fits.push(fit.map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let mut order: Vec<usize> = (0..fits.len()).collect();
    order.sort_by_key(|&i| layer_rank(fits[i].worn.prepared.meta()));
    let report = OutfitReport {
        report: fit::report::OUTFIT_REPORT_KIND.into(),
        version: fit::report::REPORT_VERSION,
        body: fits[0].outcome.report.body.clone(),
        garments: order
            .iter()
            .map(|&i| {
                let layer = fits[i].worn.prepared.meta().layer;
                let over = fits
                    .iter()
                    .filter(|f| f.worn.prepared.meta().layer < layer)
                    .map(|f| f.worn.prepared.meta().sku.clone())
                    .collect();
                OutfitGarmentReport {
                    fit: fits[i].outcome.report.clone(),
                    worn: WornReport::new(&fits[i], over),
                }
            })
            .collect(),
    };
    let meshes = || {
        let mut meshes = vec![GlbMesh::avatar(&body.avatar)];
        for &i in &order {
            meshes.extend(garment_meshes(&garments[i].1, fits[i].worn.parts.clone()));
        }
        meshes
    };
    deliver(args, meshes, &report.to_json_pretty(), || {
        let mut text = String::new();
        for garment in &report.garments {
            text.push_str(&summary(&garment.fit));
            text.push_str(&format!(
                "  worn in size {}: {}{}\n",
                garment.worn.size,
                garment.worn.layering.replace('_', " "),
                if garment.worn.over.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", garment.worn.over.join(", "))
                }
            ));
        }
        write_text(Path::new("-"), &text)
    })
}

/// Writes `--out` (the meshes) and `--report` (the JSON), or prints the summary without
/// `--report`.
fn deliver(
    args: &FitArgs,
    meshes: impl FnOnce() -> Vec<GlbMesh>,
    report: &str,
    summary: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    if let Some(out) = &args.out {
        write_glb_file(out, &meshes()).map_err(|e| e.to_string())?;
    }
    match &args.report {
        Some(path) => {
            if let Err(message) = write_text(path, report) {
                // All or nothing: a script must not pick up a fitted garment without its report.
                if let Some(out) = &args.out {
                    let _ = std::fs::remove_file(out);
                }
                return Err(message);
            }
            Ok(())
        }
        None => summary(),
    }
}

/// Imports the garment; warnings go to stderr (`warning: FILE: WHERE: MESSAGE`), errors make
/// the message (one line each, as `garment validate` prints them).
pub(super) fn import(path: &Path) -> Result<ImportedGarment, String> {
    let shown = path.display();
    match garment::import_file(path) {
        Ok(imported) => {
            for warning in &imported.warnings {
                eprintln!("anprobe: warning: {shown}: {warning}");
            }
            Ok(imported)
        }
        Err(errors) => {
            let mut message = format!("{shown}: the garment cannot be read:");
            for diag in &errors.diagnostics {
                let label = if diag.is_error() { "error" } else { "warning" };
                message.push_str(&format!("\n  {label}: {diag}"));
            }
            Err(message)
        }
    }
}

/// The draped parts with their materials' base colours (textures are not exported).
fn garment_meshes(imported: &ImportedGarment, draped: Vec<TriangleMesh>) -> Vec<GlbMesh> {
    draped
        .into_iter()
        .zip(&imported.parts)
        .map(|(mesh, source)| GlbMesh {
            material: GlbMaterial {
                name: format!("{} {}", imported.meta.sku, source.name),
                base_color: source.base_color,
                metallic: 0.0,
                roughness: 0.8,
                double_sided: source.double_sided,
            },
            name: source.name.clone(),
            mesh,
        })
        .collect()
}

/// Writes a file, or stdout for `-`.
fn write_text(path: &Path, text: &str) -> Result<(), String> {
    if path.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write the report to stdout: {e}"))
    } else {
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

/// The human summary: the recommendation, its reasons, and the selected size's regions.
fn print_summary(report: &fit::FitReport) -> Result<(), String> {
    write_text(Path::new("-"), &summary(report))
}

/// [`print_summary`]'s text.
fn summary(report: &fit::FitReport) -> String {
    let mut text = String::new();
    let garment = &report.garment;
    text.push_str(&format!(
        "{} {} ({})\n",
        garment.brand, garment.name, garment.sku
    ));
    match &report.recommended_size {
        Some(size) => text.push_str(&format!(
            "recommended size: {size} ({:.0} % likely)\n",
            report.probability * 100.0
        )),
        None => text.push_str("recommended size: none fits\n"),
    }
    if let Some(r) = &report.runner_up {
        text.push_str(&format!(
            "runner-up: {} ({:.0} % likely)\n",
            r.label,
            r.probability * 100.0
        ));
    }
    if let Some(m) = &report.measure_next {
        text.push_str(&format!("{}\n", m.sentence()));
    }
    for a in &report.history {
        text.push_str(&format!("{}\n", a.text));
    }
    for reason in &report.reasons {
        text.push_str(&format!("  {reason}\n"));
    }
    let draped: Vec<&str> = report
        .sizes
        .iter()
        .filter(|s| s.draped)
        .map(|s| s.label.as_str())
        .collect();
    if draped.len() < report.sizes.len() {
        text.push_str(&format!(
            "draped sizes: {} of {} (--all-sizes drapes every size)\n",
            draped.join(", "),
            report.sizes.len()
        ));
    }
    if let Some(size) = report
        .sizes
        .iter()
        .find(|s| s.label == report.selected_size)
    {
        text.push_str(&format!(
            "size {} (max penetration {:.1} mm):\n",
            size.label, size.max_penetration_mm
        ));
        for region in &size.regions {
            text.push_str(&format!("  {}\n", region.text));
        }
    }
    text
}
