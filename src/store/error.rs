//! The store's one error type: every message names the file, the field or the row concerned.

use super::refusal::{Clash, Problem};
use std::path::{Path, PathBuf};

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A value the caller gave was refused; `field` names it (e.g. `items[1].currency`).
    #[error("invalid {field}: {problem}")]
    Invalid {
        /// The field refused, as the caller named it.
        field: String,
        /// What is wrong with it.
        problem: Problem,
    },

    /// No row with this id.
    #[error("{what} #{id} not found")]
    NotFound {
        /// What was looked for (`order item`, `wishlist item`...).
        what: &'static str,
        /// The id asked for.
        id: i64,
    },

    /// The change contradicts what is stored (a duplicate order number, a second return...).
    #[error("{0}")]
    Conflict(Clash),

    /// The file was written by a newer Anprobe; it is never downgraded.
    #[error(
        "{}: written by a newer version of Anprobe (data format {found}; this version reads up to {supported}). The file was left untouched: update Anprobe to open it.",
        path.display()
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The schema version the file is at.
        found: u32,
        /// The newest schema version this Anprobe reads.
        supported: u32,
    },

    /// The folder or the file cannot be written: nothing was saved, reads still work.
    #[error(
        "cannot save to {}: the folder or the file is read-only. Nothing was written; your data can still be read.",
        path.display()
    )]
    ReadOnly {
        /// The file or folder that cannot be written.
        path: PathBuf,
    },

    /// The disk is full: nothing was saved, reads still work.
    #[error(
        "cannot save to {}: the disk is full. Nothing was written; free some space and try again.",
        path.display()
    )]
    DiskFull {
        /// The file that could not be written.
        path: PathBuf,
    },

    /// A row's stored checksum does not match its content: it was altered on disk.
    #[error(
        "{row} failed its checksum: it was altered on disk since it was written (table {table}, row {id}). Run `anprobe data check`; reopening restores the newest good backup."
    )]
    Checksum {
        /// The table of the altered row.
        table: &'static str,
        /// The row's id.
        id: i64,
        /// The row in words (e.g. `order Z-42`), for the message.
        row: String,
    },

    /// A fit passport was asked for a counterpart that has no consent.
    #[error("no consent recorded for {0:?}: nothing may be shared with them")]
    NoConsent(String),

    /// Neither `--data-dir`, nor `ANPROBE_DATA_DIR`, nor the OS gave a data folder.
    #[error(
        "cannot find a data folder (no home directory): pass --data-dir DIR or set ANPROBE_DATA_DIR"
    )]
    NoDataDir,

    /// A file operation failed; `action` says which (e.g. "cannot create the data folder").
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done, as the start of the message.
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        #[source]
        /// The operating system's error.
        source: std::io::Error,
    },

    /// A JSON backup could not be read or restored.
    #[error("backup: {0}")]
    Import(String),

    /// Any other SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// `field` as a caller that records one garment per order names it (the command line, the
/// app's forms): the store's `items[0].` prefix is dropped (`items[0].sku` reads `sku`).
pub fn one_item_field(field: &str) -> &str {
    field.strip_prefix("items[0].").unwrap_or(field)
}

impl StoreError {
    /// The message for a caller that records one garment per order: as [`Display`](std::fmt::Display)
    /// with the field named by [`one_item_field`] (`invalid items[0].sku` reads `invalid sku`).
    pub fn one_item_message(&self) -> String {
        match self {
            StoreError::Invalid { field, problem } => {
                format!("invalid {}: {problem}", one_item_field(field))
            }
            other => other.to_string(),
        }
    }

    /// An [`StoreError::Invalid`] for `field`.
    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        StoreError::Invalid {
            field: field.into(),
            problem,
        }
    }

    /// An [`StoreError::Io`].
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// Turns an SQLite failure while writing into the read-only / disk-full errors the shopper
    /// can act on; other errors are kept.
    pub(crate) fn from_write(error: StoreError, path: &Path) -> Self {
        use rusqlite::ErrorCode;
        let StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, message)) = error else {
            return error;
        };
        match failure.code {
            ErrorCode::DiskFull => StoreError::DiskFull {
                path: path.to_path_buf(),
            },
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                StoreError::ReadOnly {
                    path: path.to_path_buf(),
                }
            }
            _ => StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, message)),
        }
    }
}
