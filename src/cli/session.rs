//! Opening the shopper's store for one command: the data folder (`--data-dir`, else
//! `ANPROBE_DATA_DIR`, else the OS data folder), what the open found told on stderr, store
//! errors turned into the command line's messages, and the backup written at close.

use crate::store::{self, OpenReport, Store, StoreError};
use std::path::Path;

/// Opens (or creates) the store. Everything the open did that the shopper should know — a
/// damaged file moved aside, a backup restored, a read-only folder — goes to stderr as
/// `anprobe: warning: ...`, naming the files.
pub(super) fn open(data_dir: Option<&Path>) -> Result<Store, String> {
    let dir = store::data_dir(data_dir).map_err(|e| e.to_string())?;
    let (store, report) = Store::open(&dir).map_err(failure)?;
    warn(&report);
    Ok(store)
}

/// Prints the open report's warnings; where a file was moved to or restored from is always
/// named, even if no warning mentions it.
fn warn(report: &OpenReport) {
    for warning in &report.warnings {
        eprintln!("anprobe: warning: {warning}");
    }
    let mentioned = |path: &Path| {
        report
            .warnings
            .iter()
            .any(|w| w.contains(&path.display().to_string()))
    };
    if let Some(moved) = &report.recovered_from
        && !mentioned(moved)
    {
        eprintln!(
            "anprobe: warning: the data file {} could not be used; it was moved to {} and kept.",
            report.path.display(),
            moved.display()
        );
    }
    if let Some(backup) = &report.restored_backup
        && !mentioned(backup)
    {
        eprintln!(
            "anprobe: warning: restored the backup {}.",
            backup.display()
        );
    }
}

/// The message for a store error. The command line records one garment per order, so the
/// store's `items[0].` prefix is dropped: `invalid items[0].sku` reads `invalid sku`.
pub(super) fn failure(error: StoreError) -> String {
    error.one_item_message()
}

/// Closes the store after a change, writing its backup. The change is already committed, so a
/// failed backup is a warning, not a failure.
pub(super) fn close(store: Store) {
    if let Err(e) = store.close() {
        eprintln!("anprobe: warning: the change was saved, but no backup was written: {e}");
    }
}
