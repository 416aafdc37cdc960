//! `anprobe data export | import | check`: the whole store as a JSON backup, restoring one into
//! an empty store, and the store's health report.

use super::{output, session};
use crate::atomic_write::write_atomically;
use crate::store::StoreError;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `anprobe data ...`.
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Write everything in the store (profiles, measurements, wishlist, orders, returns,
    /// contacts, consents) to a JSON backup file.
    ///
    /// The file is written whole or not at all (a temporary file renamed into place) and
    /// replaces FILE if it exists. Keep a copy away from the data folder: the automatic backups
    /// live beside the store.
    Export(ExportArgs),
    /// Restore a JSON backup (from `anprobe data export`) into an empty store.
    ///
    /// Every record is checked and all of them are restored in one transaction, or none. A store
    /// that already holds anything is refused untouched: restore into a new folder with
    /// `--data-dir DIR`.
    Import(ImportArgs),
    /// Check the store: SQLite's integrity check, every row checksum, rows per table and backups.
    ///
    /// Prints the report on stdout, ending `OK` or `PROBLEMS FOUND`; exit code 1 when problems
    /// were found.
    Check,
}

/// Arguments of `anprobe data export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write the backup (JSON); `-` writes it to stdout
    #[arg(long, short = 'o', value_name = "FILE.json")]
    pub out: PathBuf,
}

/// Arguments of `anprobe data import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The backup to restore (JSON, as written by `anprobe data export`); `-` reads stdin
    #[arg(value_name = "FILE.json")]
    pub file: PathBuf,
}

pub(super) fn run(command: DataCommand, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    match command {
        DataCommand::Export(args) => export(&args, data_dir),
        DataCommand::Import(args) => import(&args, data_dir),
        DataCommand::Check => check(data_dir),
    }
}

fn export(args: &ExportArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let store = session::open(data_dir)?;
    let mut json = store.export_json().map_err(session::failure)?;
    json.push('\n');
    if args.out.as_os_str() == "-" {
        output::print(&json)?;
    } else {
        write_atomically(&args.out, json.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn import(args: &ImportArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let stdin = args.file.as_os_str() == "-";
    let shown = if stdin {
        "stdin".into()
    } else {
        args.file.display().to_string()
    };
    let json = if stdin {
        std::io::read_to_string(std::io::stdin()).map_err(|e| format!("stdin: cannot read: {e}"))?
    } else {
        std::fs::read_to_string(&args.file).map_err(|e| format!("{shown}: cannot read: {e}"))?
    };
    let mut store = session::open(data_dir)?;
    match store.import_json(&json) {
        Ok(()) => {}
        Err(StoreError::Conflict(why)) => {
            return Err(format!(
                "{shown}: nothing was imported: {why} ({}); restore into a new folder with --data-dir DIR",
                store.dir().display()
            ));
        }
        Err(e) => {
            return Err(format!(
                "{shown}: nothing was imported: {}",
                session::failure(e)
            ));
        }
    }
    session::close(store);
    Ok(ExitCode::SUCCESS)
}

fn check(data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let store = session::open(data_dir)?;
    let report = store.check().map_err(session::failure)?;
    output::print(&format!("{report}\n"))?;
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
