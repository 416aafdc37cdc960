//! The shopper's own memory: profiles and their measurement history, wishlist, orders, returns
//! with fit feedback, contacts, consents — in one local SQLite file that loses nothing.
//!
//! [`Store::open`] checks the file (`quick_check`, row checksums), moves a damaged file aside and
//! restores the newest good backup, migrates the schema, and keeps rotating backups. Every change
//! is one transaction (`synchronous=FULL`, WAL), so a crash, a kill or a full disk leaves either
//! the whole change or none of it. See `docs/store.md`.

mod check;
mod consent;
pub mod date;
mod error;
mod json_export;
mod late_decisions;
mod location;
mod merge;
mod open_proposals;
mod orders;
mod products;
mod profiles;
pub mod recovery;
mod refusal;
mod returns;
pub mod schema;
mod session_clients;
mod settings;
mod stylists;
mod timeline;
pub mod validate;
mod wishlist;

pub use check::CheckReport;
pub use consent::{Consent, PASSPORT_FORMAT};
pub use error::{StoreError, one_item_field};
pub use json_export::{BACKUP_FORMAT, BACKUP_VERSION, Backup, BackupProfile, BackupSnapshot};
pub use late_decisions::{DecisionToTell, LateDecision};
pub use location::{DATA_DIR_ENV, data_dir, resolve_data_dir};
pub use merge::{BackupError, BackupPreview, MAX_BACKUP_BYTES, MergeReport, Merged, RecordKind};
pub use open_proposals::{OpenChanges, OpenProposal};
pub use orders::{ItemStatus, NewOrder, NewOrderItem, Order, OrderItem};
pub use products::{CatalogChange, PricePoint, StockPoint, StoredProduct};
pub use profiles::{Profile, Snapshot};
pub use recovery::{BACKUP_DIR, BACKUPS_KEPT, ChecksumFailure};
pub use refusal::{Clash, Problem};
pub use returns::{ReturnRecord, parse_fit};
pub use schema::LATEST_VERSION;
pub use stylists::{AppliedByStylist, OutgoingRow, SessionSide};
pub use timeline::{Channel, Contact, CounterpartKind, NewContact, TimelineEntry, TimelineEvent};
pub use wishlist::{NewWishlistItem, WishlistItem};

use recovery::Header;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "anprobe.db";

/// What [`Store::open`] found and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// The database file.
    pub path: PathBuf,
    /// Where a damaged or foreign file found at [`OpenReport::path`] was moved (never deleted).
    pub recovered_from: Option<PathBuf>,
    /// The backup that was restored in its place, if any.
    pub restored_backup: Option<PathBuf>,
    /// The schema version the file had when it was migrated at this open.
    pub migrated_from: Option<u32>,
    /// Whether the whole file was checked (`PRAGMA quick_check`) at this open; a store larger than
    /// [`recovery::FULL_CHECK_MAX_BYTES`] is checked whole once a day, and otherwise only in the
    /// tables of measurements and consents.
    pub full_check: bool,
    /// The backup written at this open, if any.
    pub backup: Option<PathBuf>,
    /// The folder or the file cannot be written: reads work, every change is refused.
    pub read_only: bool,
    /// Rows that failed their checksum and were kept because no good backup could replace them.
    pub checksum_failures: Vec<ChecksumFailure>,
    /// Everything the shopper should be told, in words.
    pub warnings: Vec<String>,
}

/// The open store. Reads take `&self`; every change takes `&mut self` and is one transaction.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    path: PathBuf,
    read_only: bool,
    /// The change counter of the newest backup (no backup is written while it is current).
    backed_up: i64,
}

/// The result of looking at the file before using it.
enum Inspection {
    /// A healthy store at this schema version (0: new).
    Healthy(Connection, u32),
    /// Healthy pages, but rows whose checksum fails.
    Sealed(Connection, u32, Vec<ChecksumFailure>),
    /// Not usable; the reason, in words.
    Damaged(String),
}

fn configure(conn: &Connection) -> rusqlite::Result<String> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(mode)
}

fn open_connection(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Whether files can be created in `dir` (root can, on a writable file system); `Err` says why
/// not (read-only, permission denied, disk full...).
fn dir_writable(dir: &Path) -> std::io::Result<()> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let probe = dir.join(format!(".anprobe-probe-{}-{nanos}", std::process::id()));
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    let _ = fs::remove_file(&probe);
    Ok(())
}

fn file_writable(path: &Path) -> std::io::Result<()> {
    if path.exists() {
        fs::OpenOptions::new().write(true).open(path)?;
    }
    Ok(())
}

/// Percent-encodes a path for an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Looks at the file: header, schema version, `quick_check`, row checksums. Sets
/// `report.full_check`, and `record_check` when a whole check of a large store passed.
fn inspect(
    path: &Path,
    report: &mut OpenReport,
    record_check: &mut bool,
) -> Result<Inspection, StoreError> {
    let damaged = |e: rusqlite::Error| -> Result<Inspection, StoreError> {
        if recovery::is_corruption(&e) {
            Ok(Inspection::Damaged(e.to_string()))
        } else {
            Err(e.into())
        }
    };
    match recovery::read_header(path)? {
        Header::Foreign(what) => return Ok(Inspection::Damaged(what)),
        Header::Missing | Header::Empty | Header::Sqlite => {}
    }
    let conn = match open_connection(path) {
        Ok(conn) => conn,
        Err(e) => return damaged(e),
    };
    let version = match schema::version(&conn) {
        Ok(v) => v,
        Err(e) => return damaged(e),
    };
    refuse_newer(path, version)?;
    if let Err(e) = configure(&conn) {
        return damaged(e);
    }
    let check = match recovery::open_check(&conn, version) {
        Ok(check) => check,
        Err(e) => return damaged(e),
    };
    report.full_check = check.full;
    *record_check = check.full && check.large;
    if check.result != ["ok"] {
        let shown: Vec<&str> = check.result.iter().take(3).map(String::as_str).collect();
        return Ok(Inspection::Damaged(format!(
            "quick_check found damage: {}",
            shown.join("; ")
        )));
    }
    if version == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Ok(Inspection::Damaged(
                "an SQLite database that is not an Anprobe store".into(),
            ));
        }
        return Ok(Inspection::Healthy(conn, 0));
    }
    match recovery::verify_seals(&conn, version) {
        Ok(failures) if failures.is_empty() => Ok(Inspection::Healthy(conn, version)),
        Ok(failures) => Ok(Inspection::Sealed(conn, version, failures)),
        Err(e) => damaged(e),
    }
}

/// The newest backup that passes [`recovery::verify_file`]; damaged ones are reported.
fn newest_good_backup(dir: &Path, report: &mut OpenReport) -> Option<PathBuf> {
    for backup in recovery::list_backups(dir) {
        match recovery::verify_file(&backup.path) {
            Ok(()) => return Some(backup.path),
            Err(why) => report.warnings.push(format!(
                "The backup {} is not usable either ({why}); skipped it.",
                backup.path.display()
            )),
        }
    }
    None
}

/// Moves the file aside, restores `backup` (or starts empty) and opens the result.
fn recover(
    path: &Path,
    reason: &str,
    backup: Option<PathBuf>,
    report: &mut OpenReport,
) -> Result<(Connection, u32), StoreError> {
    let moved = recovery::move_aside(path)?;
    report.warnings.push(format!(
        "The data file {} could not be used ({reason}). It was moved to {} and kept.",
        path.display(),
        moved.display()
    ));
    report.recovered_from = Some(moved);
    if let Some(backup) = backup {
        recovery::restore_backup(&backup, path)?;
        report.warnings.push(format!(
            "Restored the newest good backup, {}: changes made after it are only in the moved file.",
            backup.display()
        ));
        report.restored_backup = Some(backup);
        let conn = open_connection(path)?;
        configure(&conn)?;
        let version = schema::version(&conn)?;
        return Ok((conn, version));
    }
    report
        .warnings
        .push("No good backup was found: starting with an empty store.".into());
    let conn = open_connection(path)?;
    configure(&conn)?;
    Ok((conn, 0))
}

impl Store {
    /// Opens (or creates) the store in `dir`: checks it, recovers it if damaged, migrates it,
    /// and writes a backup when it changed since the newest one. See [`OpenReport`].
    pub fn open(dir: impl AsRef<Path>) -> Result<(Store, OpenReport), StoreError> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir)
            .map_err(|e| StoreError::io("cannot create the data folder", dir, e))?;
        let path = dir.join(DB_FILE);
        let mut report = OpenReport {
            path: path.clone(),
            ..OpenReport::default()
        };
        if let Err(why) = dir_writable(dir).and_then(|()| file_writable(&path)) {
            return Store::open_read_only(dir, &path, &why, report);
        }
        recovery::remove_stale_temp_files(dir);
        // A missing (or empty) file next to good backups: the file was deleted, or a recovery
        // was cut short. Restore rather than start empty; an empty file is moved aside first.
        let header = recovery::read_header(&path)?;
        if matches!(header, Header::Missing | Header::Empty)
            && let Some(backup) = newest_good_backup(dir, &mut report)
        {
            if header == Header::Empty {
                report.recovered_from = Some(recovery::move_aside(&path)?);
            }
            recovery::restore_backup(&backup, &path)?;
            report.warnings.push(format!(
                "The data file {} was missing or empty: restored the newest good backup, {}.",
                path.display(),
                backup.display()
            ));
            report.restored_backup = Some(backup);
        }
        let mut record_check = false;
        let (mut conn, version) = match inspect(&path, &mut report, &mut record_check)? {
            Inspection::Healthy(conn, version) => (conn, version),
            Inspection::Damaged(reason) => {
                let backup = newest_good_backup(dir, &mut report);
                recover(&path, &reason, backup, &mut report)?
            }
            Inspection::Sealed(conn, version, failures) => {
                let rows: Vec<String> = failures.iter().map(ToString::to_string).collect();
                let reason = format!("failed checksum: {}", rows.join(", "));
                match newest_good_backup(dir, &mut report) {
                    Some(backup) => {
                        drop(conn);
                        recover(&path, &reason, Some(backup), &mut report)?
                    }
                    None => {
                        for failure in &failures {
                            report.warnings.push(format!(
                                "{failure} failed its checksum and no good backup can replace it; reading it gives an error."
                            ));
                        }
                        report.checksum_failures = failures;
                        (conn, version)
                    }
                }
            }
        };
        if version > 0 && version < LATEST_VERSION {
            match recovery::make_backup(&conn, dir) {
                Ok(backup) => report.backup = Some(backup),
                Err(e) => {
                    return Err(StoreError::Conflict(Clash::NoBackupBeforeUpgrade {
                        path: path.to_path_buf(),
                        error: e.to_string(),
                    }));
                }
            }
            schema::migrate(&mut conn, version)?;
            report.migrated_from = Some(version);
        } else {
            schema::migrate(&mut conn, version)?;
        }
        if record_check && report.recovered_from.is_none() {
            // Only a note for the next opens: failing to write it changes nothing.
            let _ = recovery::record_full_check(&conn);
        }
        let mut store = Store {
            conn,
            dir: dir.to_path_buf(),
            path,
            read_only: false,
            backed_up: recovery::list_backups(dir)
                .first()
                .map_or(0, |b| b.generation),
        };
        match store.backup_if_changed() {
            Ok(Some(backup)) => report.backup = Some(backup),
            Ok(None) => {}
            Err(e) => report
                .warnings
                .push(format!("Could not write a backup: {e}")),
        }
        Ok((store, report))
    }

    /// Opens the store in the folder from [`data_dir`] (`ANPROBE_DATA_DIR` or the OS data folder).
    pub fn open_default() -> Result<(Store, OpenReport), StoreError> {
        Store::open(data_dir(None)?)
    }

    fn open_read_only(
        dir: &Path,
        path: &Path,
        why: &std::io::Error,
        mut report: OpenReport,
    ) -> Result<(Store, OpenReport), StoreError> {
        match recovery::read_header(path)? {
            Header::Sqlite => {}
            Header::Missing | Header::Empty => {
                return Err(StoreError::ReadOnly {
                    path: dir.to_path_buf(),
                });
            }
            Header::Foreign(what) => {
                return Err(StoreError::io(
                    "cannot use the data file",
                    path,
                    std::io::Error::other(format!(
                        "{what}; the folder is read-only, so it cannot be moved aside"
                    )),
                ));
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri = uri_path(path);
        let readable = |conn: Connection| -> rusqlite::Result<(Connection, u32)> {
            let version = schema::version(&conn)?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok((conn, version))
        };
        let (conn, version) =
            match Connection::open_with_flags(format!("file:{uri}?mode=ro"), flags)
                .and_then(readable)
            {
                Ok(opened) => opened,
                // A WAL database in a read-only folder without its -shm file: nobody can be
                // writing to it, so it may be read as immutable.
                Err(_) => Connection::open_with_flags(format!("file:{uri}?immutable=1"), flags)
                    .and_then(readable)?,
            };
        refuse_newer(path, version)?;
        if version < LATEST_VERSION {
            return Err(StoreError::Conflict(Clash::UpgradeReadOnly {
                path: path.to_path_buf(),
                found: version,
                latest: LATEST_VERSION,
            }));
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        let check = recovery::pragma_check(&conn, false)?;
        if check != ["ok"] {
            report.warnings.push(format!(
                "quick_check found damage ({}); the folder is read-only, so nothing could be repaired.",
                check.join("; ")
            ));
        }
        report.checksum_failures = recovery::verify_seals(&conn, version)?;
        for failure in &report.checksum_failures {
            report
                .warnings
                .push(format!("{failure} failed its checksum."));
        }
        report.read_only = true;
        report.warnings.push(format!(
            "The data folder {} is read-only ({why}): your data can be read, but changes cannot be saved.",
            dir.display()
        ));
        let store = Store {
            conn,
            dir: dir.to_path_buf(),
            path: path.to_path_buf(),
            read_only: true,
            backed_up: 0,
        };
        Ok((store, report))
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether changes are refused (read-only folder or file).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(schema::version(&self.conn)?)
    }

    /// The rotating backups, newest first.
    pub fn backups(&self) -> Vec<PathBuf> {
        recovery::list_backups(&self.dir)
            .into_iter()
            .map(|b| b.path)
            .collect()
    }

    /// Writes a backup now (rotating out the oldest).
    pub fn backup_now(&mut self) -> Result<PathBuf, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.dir.clone(),
            });
        }
        let backup = recovery::make_backup(&self.conn, &self.dir)?;
        self.backed_up = recovery::generation(&self.conn)?;
        Ok(backup)
    }

    /// Writes a backup if anything changed since the newest one.
    fn backup_if_changed(&mut self) -> Result<Option<PathBuf>, StoreError> {
        if self.read_only {
            return Ok(None);
        }
        let generation = recovery::generation(&self.conn)?;
        if generation == 0 || generation == self.backed_up {
            return Ok(None);
        }
        self.backup_now().map(Some)
    }

    /// Closes the store, writing a backup if anything changed; returns that backup.
    /// (Dropping the store does the same, ignoring errors.)
    pub fn close(mut self) -> Result<Option<PathBuf>, StoreError> {
        self.backup_if_changed()
    }

    /// Caps the file at `pages` pages so that a test can make the "disk" full.
    #[doc(hidden)]
    pub fn limit_pages_for_test(&self, pages: u32) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "max_page_count", pages)
            .map_err(Into::into)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `change` in one immediate transaction and bumps the change counter; nothing is
    /// written unless all of it is. Disk-full and read-only failures become their own errors.
    pub(crate) fn write<T>(
        &mut self,
        change: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.dir.clone(),
            });
        }
        let path = &self.path;
        let run = |conn: &mut Connection| -> Result<T, StoreError> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = change(&tx)?;
            tx.execute(
                "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
                [],
            )?;
            tx.commit()?;
            Ok(out)
        };
        run(&mut self.conn).map_err(|e| StoreError::from_write(e, path))
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.backup_if_changed();
    }
}

/// A file written by a newer Anprobe (schema `version` above [`LATEST_VERSION`]) is refused and
/// left as it is.
fn refuse_newer(path: &Path, version: u32) -> Result<(), StoreError> {
    if version > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}
