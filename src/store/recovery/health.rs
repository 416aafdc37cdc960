//! The health checks run at open and by `data check`: the file's header, SQLite's
//! `quick_check` (whole, or the critical tables of a large store between daily whole checks), and
//! whether a file is a healthy store this version can read.

use super::seals::verify_seals;
use crate::store::StoreError;
use crate::store::schema::LATEST_VERSION;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The SQLite file header.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

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
