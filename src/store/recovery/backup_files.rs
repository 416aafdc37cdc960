//! The files that keep data safe: the rotating backups in `backups/` (written through a staged
//! file, restored the same way), and damaged files moved aside — never deleted.

use crate::atomic_write::{StagedFile, TEMP_MARK, sync_folder};
use crate::store::{DB_FILE, StoreError, date};
use rusqlite::{Connection, OptionalExtension, params};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How many backups are kept; older ones are deleted (moved-aside damaged files never are).
pub const BACKUPS_KEPT: usize = 3;

/// The folder, inside the data folder, that holds the rotating backups.
pub const BACKUP_DIR: &str = "backups";

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
    /// The backup file.
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
    let restoring = format!(".{}{TEMP_MARK}", DB_FILE);
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
