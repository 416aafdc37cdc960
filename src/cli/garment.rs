//! `anprobe garment validate FILE...`: checks retailers' garment files (glTF 2.0 with the
//! `ANPROBE_garment` extension) with [`crate::garment::validate_files`].

use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `anprobe garment ...`.
#[derive(Debug, Subcommand)]
pub enum GarmentCommand {
    /// Check garment files: import each one as the fitting room would and report.
    ///
    /// One line per file on stdout: `ok FILE (N warnings)` or `invalid FILE`. Every problem on
    /// stderr: `error: FILE: WHERE: MESSAGE` or `warning: FILE: WHERE: MESSAGE`. Warnings do not
    /// make a file invalid. Exit code 0 when every file is valid, 1 when any is not.
    Validate(ValidateArgs),
}

/// Arguments of `anprobe garment validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The garment files (.glb, or .gltf with its buffers and images)
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

pub(super) fn run(command: GarmentCommand) -> Result<ExitCode, String> {
    match command {
        GarmentCommand::Validate(args) => {
            let code = crate::garment::validate_files(
                &args.files,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            Ok(ExitCode::from(code))
        }
    }
}
