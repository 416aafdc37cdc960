//! `anprobe catalog generate [--out DIR]`: regenerates the sample catalog's garment packages
//! with [`crate::sample_catalog::write_catalog`].

use crate::sample_catalog::{DEFAULT_DIR, write_catalog};
use clap::{Args, Subcommand};
use std::path::PathBuf;
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
}

/// Arguments of `anprobe catalog generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The folder to write into (created if missing)
    #[arg(long, short = 'o', value_name = "DIR", default_value = DEFAULT_DIR)]
    pub out: PathBuf,
}

pub(super) fn run(command: CatalogCommand) -> Result<ExitCode, String> {
    match command {
        CatalogCommand::Generate(args) => {
            let paths = write_catalog(&args.out).map_err(|e| e.to_string())?;
            for path in &paths {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
