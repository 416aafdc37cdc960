//! `anprobe fit`: a retailer's garment on the shopper's avatar, headless. Every size of the
//! chart is graded, draped and mapped; the report says which size to buy and why, and `--out`
//! writes the avatar wearing the selected size as glTF binary.

use super::avatar::{load, resolve};
use crate::export::{GlbMaterial, GlbMesh, write_glb_file};
use crate::fit::{self, FitOptions, PreparedBody, PreparedGarment};
use crate::garment::{self, ImportedGarment};
use crate::geometry::TriangleMesh;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Arguments of `anprobe fit`.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// The shopper's measurements (JSON, as for `anprobe avatar`)
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: PathBuf,
    /// The retailer's garment file (.glb, or .gltf with its buffers and images)
    #[arg(long, short = 'g', value_name = "FILE")]
    pub garment: PathBuf,
    /// The size to drape and export (a label of the size chart); without it, the recommended
    /// size (or the garment's reference size when no size fits)
    #[arg(long, short = 's', value_name = "LABEL")]
    pub size: Option<String>,
    /// Write the avatar wearing the draped garment here (glTF 2.0 binary)
    #[arg(long, short = 'o', value_name = "FILE.glb")]
    pub out: Option<PathBuf>,
    /// Write the fit report (JSON) here; `-` writes it to stdout. Without it, a summary is
    /// printed
    #[arg(long, short = 'r', value_name = "FILE.json")]
    pub report: Option<PathBuf>,
}

/// `anprobe fit`: measurements + garment → every size fitted → report (+ .glb).
pub(super) fn fit(args: &FitArgs) -> Result<(), String> {
    let typed = load(&args.measurements)?;
    let resolved = resolve(&typed, &args.measurements)?;
    let imported = Arc::new(import(&args.garment)?);
    let shown = args.garment.display();
    let prepared = PreparedGarment::new(Arc::clone(&imported))
        .map_err(|e| format!("{shown}: the garment cannot be fitted: {e}"))?;
    let body = PreparedBody::new(resolved);
    let options = FitOptions {
        size: args.size.clone(),
        ..FitOptions::default()
    };
    let outcome = fit::fit_all(&prepared, &body, &options).map_err(|e| format!("{shown}: {e}"))?;

    if let Some(out) = &args.out {
        let mut meshes = vec![GlbMesh::avatar(&body.avatar)];
        meshes.extend(garment_meshes(
            &imported,
            outcome.selected().meshes(&prepared),
        ));
        write_glb_file(out, &meshes).map_err(|e| e.to_string())?;
    }
    match &args.report {
        Some(path) => {
            let text = outcome.report.to_json_pretty();
            if let Err(message) = write_text(path, &text) {
                // All or nothing: a script must not pick up a fitted garment without its report.
                if let Some(out) = &args.out {
                    let _ = std::fs::remove_file(out);
                }
                return Err(message);
            }
        }
        None => print_summary(&outcome.report)?,
    }
    Ok(())
}

/// Imports the garment; warnings go to stderr (`warning: FILE: WHERE: MESSAGE`), errors make
/// the message (one line each, as `garment validate` prints them).
fn import(path: &Path) -> Result<ImportedGarment, String> {
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
    let mut text = String::new();
    let garment = &report.garment;
    text.push_str(&format!(
        "{} {} ({})\n",
        garment.brand, garment.name, garment.sku
    ));
    match &report.recommended_size {
        Some(size) => text.push_str(&format!(
            "recommended size: {size} (confidence {:.0} %)\n",
            report.confidence * 100.0
        )),
        None => text.push_str("recommended size: none fits\n"),
    }
    for reason in &report.reasons {
        text.push_str(&format!("  {reason}\n"));
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
    write_text(Path::new("-"), &text)
}
