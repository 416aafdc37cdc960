//! Nothing lost: row checksums ([`seals`]), the health checks run at open ([`health`]), and the
//! rotating backups restored when the database is damaged, with damaged files moved aside
//! ([`backup_files`]).

mod backup_files;
mod health;
mod seals;

pub use backup_files::{
    BACKUP_DIR, BACKUPS_KEPT, BackupFile, list_backups, make_backup, move_aside, restore_backup,
};
pub(crate) use backup_files::{generation, remove_stale_temp_files};
pub use health::{
    CRITICAL_TABLES, FULL_CHECK_INTERVAL_SECS, FULL_CHECK_MAX_BYTES, pragma_check, verify_file,
};
pub(crate) use health::{Header, is_corruption, open_check, read_header, record_full_check};
pub use seals::{
    ChecksumFailure, consent_seal, consent_seal_v1, fnv1a64, seal, snapshot_seal, verify_seals,
};
pub(crate) use seals::{ConsentRow, SnapshotRow, check_snapshot, consent_row, snapshot_row};
