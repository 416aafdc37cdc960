//! `anprobe data check`: schema version, SQLite's integrity check, row checksums, row counts and
//! backups, in one report.

use super::recovery::{self, ChecksumFailure};
use super::schema::{self, LATEST_VERSION};
use super::{Store, StoreError};
use std::fmt;
use std::path::PathBuf;

/// The tables counted by [`Store::check`].
const TABLES: [&str; 10] = [
    "profiles",
    "snapshots",
    "snapshot_values",
    "wishlist",
    "orders",
    "order_items",
    "returns",
    "return_fit",
    "contacts",
    "consents",
];

/// The health of the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    /// The database file checked.
    pub path: PathBuf,
    /// The schema version the file is at.
    pub schema_version: u32,
    /// The newest schema version this Anprobe writes ([`LATEST_VERSION`](super::LATEST_VERSION)).
    pub latest_version: u32,
    /// What `PRAGMA integrity_check` said: `["ok"]` when healthy.
    pub integrity: Vec<String>,
    /// Rows whose content no longer matches their checksum.
    pub checksum_failures: Vec<ChecksumFailure>,
    /// Rows per table.
    pub counts: Vec<(String, i64)>,
    /// The rotating backups, newest first.
    pub backups: Vec<PathBuf>,
    /// Whether changes are refused (a read-only folder or file); reads still work.
    pub read_only: bool,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"] && self.checksum_failures.is_empty()
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "data file: {}", self.path.display())?;
        writeln!(
            f,
            "schema version: {} (this Anprobe writes {})",
            self.schema_version, self.latest_version
        )?;
        writeln!(f, "integrity check: {}", self.integrity.join("; "))?;
        if self.checksum_failures.is_empty() {
            writeln!(f, "checksums: ok")?;
        } else {
            for failure in &self.checksum_failures {
                writeln!(f, "checksum FAILED: {failure}")?;
            }
        }
        for (table, n) in &self.counts {
            writeln!(f, "{table}: {n}")?;
        }
        writeln!(f, "backups: {}", self.backups.len())?;
        for backup in &self.backups {
            writeln!(f, "  {}", backup.display())?;
        }
        if self.read_only {
            writeln!(f, "read-only: changes cannot be saved")?;
        }
        write!(f, "{}", if self.is_ok() { "OK" } else { "PROBLEMS FOUND" })
    }
}

impl Store {
    /// Checks the whole store: `PRAGMA integrity_check`, every row checksum, row counts.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let conn = self.conn();
        let schema_version = schema::version(conn)?;
        let counts = TABLES
            .iter()
            .map(|table| {
                let n: i64 =
                    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
                Ok((table.to_string(), n))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(CheckReport {
            path: self.path().to_path_buf(),
            schema_version,
            latest_version: LATEST_VERSION,
            integrity: recovery::pragma_check(conn, true)?,
            checksum_failures: recovery::verify_seals(conn, schema_version)?,
            counts,
            backups: self.backups(),
            read_only: self.is_read_only(),
        })
    }
}
