//! Nothing lost: row checksums ("seals"), the health checks run at open, moving a damaged file
//! aside, and the rotating backups that are restored when the database is damaged.

use super::StoreError;
use super::date;
use super::schema::LATEST_VERSION;
use crate::atomic_write::{StagedFile, TEMP_MARK, sync_folder};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The SQLite file header.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How many backups are kept; older ones are deleted (moved-aside damaged files never are).
pub const BACKUPS_KEPT: usize = 3;

/// The folder, inside the data folder, that holds the rotating backups.
pub const BACKUP_DIR: &str = "backups";

/// 64-bit FNV-1a. Any single changed byte changes the hash (every step is a bijection).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The seal of a row: FNV-1a over its fields joined by U+001F, as 16 hex digits.
pub fn seal(fields: &[&str]) -> String {
    format!("{:016x}", fnv1a64(fields.join("\u{1f}").as_bytes()))
}

/// The seal of a measurement snapshot: `snapshot, id, profile_id, taken, form, unit`, then one
/// `key=value` field per value in the order of the key names (values printed by Rust's `{}`).
pub fn snapshot_seal(
    id: i64,
    profile_id: i64,
    taken: &str,
    form: &str,
    unit: &str,
    values: &[(String, f64)],
) -> String {
    let mut sorted: Vec<&(String, f64)> = values.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let head = [
        "snapshot".to_string(),
        id.to_string(),
        profile_id.to_string(),
        taken.to_string(),
        form.to_string(),
        unit.to_string(),
    ];
    let fields: Vec<String> = head
        .into_iter()
        .chain(sorted.iter().map(|(k, v)| format!("{k}={v}")))
        .collect();
    let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
    seal(&refs)
}

/// The seal of a consent row from schema version 3 on:
/// `consent, counterpart, kind, keys, share_orders (0/1), share_contacts (0/1)`.
pub fn consent_seal(
    counterpart: &str,
    kind: &str,
    keys: &str,
    share_orders: bool,
    share_contacts: bool,
) -> String {
    seal(&[
        "consent",
        counterpart,
        kind,
        keys,
        if share_orders { "1" } else { "0" },
        if share_contacts { "1" } else { "0" },
    ])
}

/// The seal of a consent row in schema versions 1 and 2 (one `share_history` flag):
/// `consent, counterpart, kind, keys, share_history (0/1)`.
pub fn consent_seal_v1(counterpart: &str, kind: &str, keys: &str, share_history: bool) -> String {
    seal(&[
        "consent",
        counterpart,
        kind,
        keys,
        if share_history { "1" } else { "0" },
    ])
}

/// A row whose content no longer matches its seal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecksumFailure {
    /// `snapshots` or `consents`.
    pub table: &'static str,
    /// The row id.
    pub id: i64,
    /// The row in words, e.g. `measurement snapshot #3 (profile 1, 2026-03-01)`.
    pub row: String,
}

impl std::fmt::Display for ChecksumFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (table {}, row {})", self.row, self.table, self.id)
    }
}

impl ChecksumFailure {
    /// The error a read of this row returns.
    pub fn into_error(self) -> StoreError {
        StoreError::Checksum {
            table: self.table,
            id: self.id,
            row: self.row,
        }
    }
}

/// The values of a snapshot as stored, in key-name order.
pub(crate) fn snapshot_values(
    conn: &Connection,
    snapshot_id: i64,
) -> rusqlite::Result<Vec<(String, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM snapshot_values WHERE snapshot_id = ?1 ORDER BY key",
    )?;
    stmt.query_map([snapshot_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// Checks one snapshot's seal; `Err` names the row.
pub(crate) fn check_snapshot(
    conn: &Connection,
    id: i64,
    profile_id: i64,
    taken: &str,
    form: &str,
    unit: &str,
    stored: &str,
) -> Result<Vec<(String, f64)>, StoreError> {
    let values = snapshot_values(conn, id)?;
    if snapshot_seal(id, profile_id, taken, form, unit, &values) != stored {
        return Err(ChecksumFailure {
            table: "snapshots",
            id,
            row: format!("measurement snapshot #{id} (profile {profile_id}, {taken})"),
        }
        .into_error());
    }
    Ok(values)
}

/// A consent row as selected everywhere: `rowid, counterpart, kind, keys, share_orders,
/// share_contacts, seal` (v1/v2 files select `share_history` for both flags).
pub(crate) type ConsentRow = (i64, String, String, String, bool, bool, String);

/// Reads a [`ConsentRow`] (rusqlite's tuple conversion).
pub(crate) fn consent_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConsentRow> {
    r.try_into()
}

/// A measurement snapshot row as selected everywhere: `id, profile_id, taken, form, unit, seal`.
pub(crate) type SnapshotRow = (i64, i64, String, String, String, String);

/// Reads a [`SnapshotRow`] (rusqlite's tuple conversion).
pub(crate) fn snapshot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotRow> {
    r.try_into()
}

/// Every sealed row whose seal does not match, for a database at schema `version`.
pub fn verify_seals(conn: &Connection, version: u32) -> rusqlite::Result<Vec<ChecksumFailure>> {
    let mut failures = Vec::new();
    if version == 0 {
        return Ok(failures);
    }
    let mut stmt =
        conn.prepare("SELECT id, profile_id, taken, form, unit, seal FROM snapshots ORDER BY id")?;
    let rows: Vec<SnapshotRow> = stmt
        .query_map([], snapshot_row)?
        .collect::<rusqlite::Result<_>>()?;
    for (id, profile_id, taken, form, unit, stored) in rows {
        match check_snapshot(conn, id, profile_id, &taken, &form, &unit, &stored) {
            Ok(_) => {}
            Err(StoreError::Checksum { table, id, row }) => {
                failures.push(ChecksumFailure { table, id, row })
            }
            Err(StoreError::Sqlite(e)) => return Err(e),
            Err(_) => unreachable!("check_snapshot only fails with Checksum or Sqlite"),
        }
    }
    let sql = if version >= 3 {
        "SELECT rowid, counterpart, kind, keys, share_orders, share_contacts, seal FROM consents"
    } else {
        "SELECT rowid, counterpart, kind, keys, share_history, share_history, seal FROM consents"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], consent_row)?;
    for row in rows {
        let (id, counterpart, kind, keys, orders, contacts, stored) = row?;
        let expected = if version >= 3 {
            consent_seal(&counterpart, &kind, &keys, orders, contacts)
        } else {
            consent_seal_v1(&counterpart, &kind, &keys, orders)
        };
        if expected != stored {
            failures.push(ChecksumFailure {
                table: "consents",
                id,
                row: format!("consent for {counterpart:?}"),
            });
        }
    }
    Ok(failures)
}

/// `PRAGMA quick_check` (or `integrity_check` when `full`): `["ok"]` when healthy.
pub fn pragma_check(conn: &Connection, full: bool) -> rusqlite::Result<Vec<String>> {
    let sql = if full {
        "PRAGMA integrity_check"
    } else {
        "PRAGMA quick_check"
    };
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |r| r.get::<_, String>(0))?.collect()
}

/// A store up to this size is checked whole (`PRAGMA quick_check`) at every open.
pub const FULL_CHECK_MAX_BYTES: i64 = 4 << 20;

/// A larger store is checked whole at its first open in this many seconds; the other opens check
/// the tables of the rows that matter most ([`CRITICAL_TABLES`]), so that opening stays fast.
pub const FULL_CHECK_INTERVAL_SECS: i64 = 24 * 3600;

/// The tables (with their indexes) checked at every open whatever the store's size.
pub const CRITICAL_TABLES: [&str; 5] = [
    "meta",
    "profiles",
    "snapshots",
    "snapshot_values",
    "consents",
];

/// What the check at open did.
pub(crate) struct OpenCheck {
    /// Whether the whole file was checked.
    pub full: bool,
    /// Whether the store is larger than [`FULL_CHECK_MAX_BYTES`].
    pub large: bool,
    /// `["ok"]` when healthy.
    pub result: Vec<String>,
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `PRAGMA quick_check` at open: whole when the store is small or a whole check is due,
/// else the [`CRITICAL_TABLES`].
pub(crate) fn open_check(conn: &Connection, version: u32) -> rusqlite::Result<OpenCheck> {
    let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let large = pages * page_size > FULL_CHECK_MAX_BYTES;
    let due = || -> rusqlite::Result<bool> {
        let last: Option<i64> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'last_full_check'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let now = unix_now();
        Ok(last.is_none_or(|t| t > now || now - t >= FULL_CHECK_INTERVAL_SECS))
    };
    if version == 0 || !large || due()? {
        return Ok(OpenCheck {
            full: true,
            large,
            result: pragma_check(conn, false)?,
        });
    }
    let mut problems = Vec::new();
    for table in CRITICAL_TABLES {
        let mut stmt = conn.prepare(&format!("PRAGMA quick_check({table})"))?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if rows != ["ok"] {
            problems.extend(rows);
        }
    }
    if problems.is_empty() {
        problems.push("ok".to_string());
    }
    Ok(OpenCheck {
        full: false,
        large,
        result: problems,
    })
}

/// Notes that a whole check of a large store passed now (no change counter bump: not a change
/// of the shopper's data).
pub(crate) fn record_full_check(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_full_check', ?1)",
        [unix_now()],
    )?;
    Ok(())
}

/// What the first bytes of a file say.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Header {
    Missing,
    Empty,
    Sqlite,
    /// Not an SQLite file: a description of what was found.
    Foreign(String),
}

pub(crate) fn read_header(path: &Path) -> Result<Header, StoreError> {
    let mut file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Header::Missing),
        Err(e) => return Err(StoreError::io("cannot read the data file", path, e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io("cannot read the data file", path, e))?;
    if meta.is_dir() {
        return Err(StoreError::io(
            "cannot open the data file",
            path,
            io::Error::other("it is a folder, not a file"),
        ));
    }
    let mut head = [0u8; 16];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(StoreError::io("cannot read the data file", path, e)),
        }
    }
    Ok(if got == 0 {
        Header::Empty
    } else if got == 16 && &head == SQLITE_MAGIC {
        Header::Sqlite
    } else {
        Header::Foreign(format!(
            "not an SQLite database ({} bytes, starting {:02x?})",
            meta.len(),
            &head[..got.min(8)]
        ))
    })
}

/// Whether `err` says the file is damaged (as opposed to busy, missing or unreadable).
pub(crate) fn is_corruption(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// Moves `from` to `to` without ever replacing an existing `to`.
fn move_no_clobber(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            if to.exists() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "target exists",
                ));
            }
            fs::rename(from, to)
        }
    }
}

/// Moves the database file (with its `-wal` and `-shm` files, if any) aside to
/// `<name>.corrupt-<UTC timestamp>` in the same folder and returns the new path. Never deletes
/// nor overwrites anything.
pub fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "anprobe.db".into());
    let stamp = date::file_stamp();
    for attempt in 0..1000 {
        let suffix = if attempt == 0 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let target = path.with_file_name(format!("{name}.corrupt-{stamp}{suffix}"));
        match move_no_clobber(path, &target) {
            Ok(()) => {
                for side in ["-wal", "-shm"] {
                    let from = PathBuf::from(format!("{}{side}", path.display()));
                    if from.exists() {
                        let to = PathBuf::from(format!("{}{side}", target.display()));
                        move_no_clobber(&from, &to)
                            .map_err(|e| StoreError::io("cannot move aside", &from, e))?;
                    }
                }
                if let Some(dir) = path.parent() {
                    sync_folder(dir);
                }
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(StoreError::io(
                    "cannot move the damaged file aside",
                    path,
                    e,
                ));
            }
        }
    }
    Err(StoreError::io(
        "cannot move the damaged file aside",
        path,
        io::Error::other("too many earlier copies"),
    ))
}

/// One rotating backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// UTC time it was made, `YYYYMMDDTHHMMSSmmmZ`.
    pub stamp: String,
    /// The store's change counter when it was made.
    pub generation: i64,
}

fn parse_backup_name(name: &str) -> Option<(String, i64)> {
    let rest = name.strip_prefix("anprobe-")?.strip_suffix(".db")?;
    let (stamp, generation) = rest.split_once("-g")?;
    Some((stamp.to_string(), generation.parse().ok()?))
}

/// The backups in `data_dir/backups`, newest first.
pub fn list_backups(data_dir: &Path) -> Vec<BackupFile> {
    let dir = data_dir.join(BACKUP_DIR);
    let mut found: Vec<BackupFile> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let (stamp, generation) = parse_backup_name(&name)?;
            Some(BackupFile {
                path: entry.path(),
                stamp,
                generation,
            })
        })
        .collect();
    found.sort_by(|a, b| (&b.stamp, b.generation).cmp(&(&a.stamp, a.generation)));
    found
}

/// Removes half-written files left by a process that was killed while writing one: backups
/// (`backups/.anprobe-….db.tmp-…`, see [`StagedFile`]; `anprobe-….db.tmp` from earlier versions)
/// and restored files (`.anprobe.db.tmp-…`).
pub(crate) fn remove_stale_temp_files(data_dir: &Path) {
    let backups = fs::read_dir(data_dir.join(BACKUP_DIR))
        .into_iter()
        .flatten();
    for entry in backups.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let staged = name.starts_with(".anprobe-") && name.contains(&format!(".db{TEMP_MARK}"));
        let earlier = name.starts_with("anprobe-") && name.ends_with(".db.tmp");
        if staged || earlier {
            let _ = fs::remove_file(entry.path());
        }
    }
    let restoring = format!(".{}{TEMP_MARK}", super::DB_FILE);
    for entry in fs::read_dir(data_dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&restoring) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The store's change counter.
pub(crate) fn generation(conn: &Connection) -> rusqlite::Result<i64> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
            r.get::<_, i64>(0)
        })
        .optional()?
        .unwrap_or(0))
}

/// Writes a consistent copy of the open database to `data_dir/backups` (SQLite's `VACUUM INTO`
/// a temporary file put in place by [`StagedFile`]), then deletes all but the newest
/// [`BACKUPS_KEPT`] backups.
pub fn make_backup(conn: &Connection, data_dir: &Path) -> Result<PathBuf, StoreError> {
    let dir = data_dir.join(BACKUP_DIR);
    fs::create_dir_all(&dir)
        .map_err(|e| StoreError::io("cannot create the backup folder", &dir, e))?;
    let generation = generation(conn)?;
    let name = format!("anprobe-{}-g{generation}.db", date::file_stamp());
    let target = dir.join(&name);
    if target.exists() {
        return Ok(target);
    }
    let staged = StagedFile::beside(&target)
        .map_err(|e| StoreError::io("cannot write a backup to", &target, e))?;
    let temp = staged.temp_path().to_str().ok_or_else(|| {
        StoreError::io(
            "cannot write a backup to",
            staged.temp_path(),
            io::Error::other("the path is not UTF-8"),
        )
    })?;
    conn.execute("VACUUM INTO ?1", params![temp])?;
    staged
        .put_in_place()
        .map_err(|e| StoreError::io("cannot put the backup in place", &target, e))?;
    for old in list_backups(data_dir).into_iter().skip(BACKUPS_KEPT) {
        let _ = fs::remove_file(old.path);
    }
    Ok(target)
}

/// Whether a file is a healthy store this version can read: `Err` says why not.
pub fn verify_file(path: &Path) -> Result<(), String> {
    match read_header(path).map_err(|e| e.to_string())? {
        Header::Sqlite => {}
        Header::Missing => return Err("missing".into()),
        Header::Empty => return Err("empty".into()),
        Header::Foreign(what) => return Err(what),
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if version == 0 || version > LATEST_VERSION {
        return Err(format!("unexpected data format version {version}"));
    }
    let check = pragma_check(&conn, false).map_err(|e| e.to_string())?;
    if check != ["ok"] {
        return Err(format!("quick_check: {}", check.join("; ")));
    }
    let failures = verify_seals(&conn, version).map_err(|e| e.to_string())?;
    if let Some(first) = failures.first() {
        return Err(format!("{first} failed its checksum"));
    }
    Ok(())
}

/// Copies `backup` to `db_path` (a temporary file put in place by [`StagedFile`]); the backup
/// itself stays.
pub fn restore_backup(backup: &Path, db_path: &Path) -> Result<(), StoreError> {
    let staged = StagedFile::beside(db_path)
        .map_err(|e| StoreError::io("cannot restore the backup to", db_path, e))?;
    fs::copy(backup, staged.temp_path())
        .map_err(|e| StoreError::io("cannot copy the backup", backup, e))?;
    staged
        .put_in_place()
        .map_err(|e| StoreError::io("cannot put the restored file in place", db_path, e))
}
