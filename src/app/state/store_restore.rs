//! Restoring a backup from the Privacy tab. "Restore backup…" asks for a file through the same
//! dialog seam as measurements; the file is read and checked in the background
//! ([`Backup::from_json`]), and the tab shows what it holds ([`PendingRestore`]) until the
//! shopper restores it into the empty store, merges it into this one ([`Store::merge`](crate::store::Store::merge)),
//! or cancels. What was added and what was already there becomes a notice, and the profiles are
//! read again from the store; a file that is no backup, or a refused restore, is said in the tab,
//! and nothing changes.

use crate::app::i18n::{Lang, Msg, Said};
use crate::app::panels::labels;
use crate::app::state::files::Dialogs;
use crate::app::state::notices::Notices;
use crate::app::state::profiles_sync;
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::StoreAction;
use crate::app::state::waker::Waker;
use crate::app::store_words::{describe, io_de};
use crate::store::{
    BACKUP_FORMAT, BACKUP_VERSION, Backup, BackupError, BackupPreview, MAX_BACKUP_BYTES,
    MergeReport, RecordKind,
};
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use std::path::{Path, PathBuf};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PendingRestore>().add_systems(
        Update,
        (
            restore_backups,
            // A restored or merged backup may bring profiles: the app shows them at once.
            profiles_sync::load_profiles.run_if(|pending: Res<PendingRestore>| pending.restored),
        )
            .chain()
            .in_set(crate::app::AppSystems::Actions),
    );
}

/// A backup file, read and checked, waiting for the shopper's choice.
#[derive(Debug)]
pub struct ChosenBackup {
    /// The file.
    pub path: PathBuf,
    /// What it holds, checked as the store keeps it.
    pub backup: Backup,
    /// What it holds, counted.
    pub preview: BackupPreview,
}

/// Why a backup was not restored: a headline and what it concerns (the file, the record), in
/// every language.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreFailure {
    /// The headline.
    pub msg: Msg,
    /// The file, and what is wrong where.
    pub detail: Said,
}

/// The answer of the file dialog, read: `None` when the shopper cancelled.
type Reading = Task<Option<Result<ChosenBackup, RestoreFailure>>>;

#[derive(Default)]
enum Step {
    #[default]
    Idle,
    /// The dialog is open, or the chosen file is being read.
    Reading(Reading),
    /// The file's contents, shown in the tab.
    Preview(Box<ChosenBackup>),
    /// Why the file cannot be restored, or why the restore was refused.
    Failed(RestoreFailure),
}

/// Where the restore of a backup stands: one at a time.
#[derive(Resource, Default)]
pub struct PendingRestore {
    step: Step,
    /// A backup was restored or merged this frame: the profiles are read again.
    restored: bool,
}

impl PendingRestore {
    /// Whether the dialog is open or the chosen file is being read: "Restore backup…" waits.
    pub fn is_reading(&self) -> bool {
        matches!(self.step, Step::Reading(_))
    }

    /// The backup chosen, read and checked, waiting for "Restore", "Merge" or "Cancel".
    pub fn chosen(&self) -> Option<&ChosenBackup> {
        match &self.step {
            Step::Preview(chosen) => Some(chosen),
            _ => None,
        }
    }

    /// Why the last file chosen cannot be restored, or why its restore was refused.
    pub fn failure(&self) -> Option<&RestoreFailure> {
        match &self.step {
            Step::Failed(failure) => Some(failure),
            _ => None,
        }
    }
}

/// A kind of record as the shopper reads it: "Orders", "Bestellungen".
pub fn record_label(kind: RecordKind, lang: Lang) -> &'static str {
    lang.t(match kind {
        RecordKind::Profile => Msg::RestoreProfiles,
        RecordKind::Snapshot => Msg::RestoreSnapshots,
        RecordKind::WishlistItem => Msg::RestoreWishlist,
        RecordKind::Order => Msg::RestoreOrders,
        RecordKind::OrderItem => Msg::RestoreOrderItems,
        RecordKind::Return => Msg::RestoreReturns,
        RecordKind::Contact => Msg::RestoreContacts,
        RecordKind::Consent => Msg::RestoreConsents,
    })
}

/// `"Orders 1, Returns 2"`: the kinds with a count above zero, or "nothing".
fn counted(lang: Lang, count: impl Fn(RecordKind) -> usize) -> String {
    let parts: Vec<String> = RecordKind::ALL
        .into_iter()
        .filter(|k| count(*k) > 0)
        .map(|k| format!("{} {}", record_label(k, lang), count(k)))
        .collect();
    if parts.is_empty() {
        lang.t(Msg::RestoreNothing).to_string()
    } else {
        parts.join(", ")
    }
}

/// The notice after a merge: `"Added: Orders 1 — already here: Profiles 2, Orders 1"`.
fn merged_words(report: &MergeReport) -> Said {
    Said::each(|lang| {
        format!(
            "{}: {} — {}: {}",
            lang.t(Msg::RestoreAdded),
            counted(lang, |k| report.get(k).added),
            lang.t(Msg::RestorePresent),
            counted(lang, |k| report.get(k).present)
        )
    })
}

/// The notice after a restore into the empty store: `"Added: Profiles 2, Orders 3"`.
fn restored_words(preview: &BackupPreview) -> Said {
    Said::each(|lang| {
        format!(
            "{}: {}",
            lang.t(Msg::RestoreAdded),
            counted(lang, |k| preview.count(k))
        )
    })
}

/// `"line 3, column 5"`.
fn position(lang: Lang, line: usize, column: usize) -> String {
    format!(
        "{} {line}, {} {column}",
        lang.t(Msg::RestoreLine),
        lang.t(Msg::RestoreColumn)
    )
}

/// Why a file is no backup that can be restored, for the tab.
pub fn backup_failure(path: &Path, error: &BackupError) -> RestoreFailure {
    let file = path.display().to_string();
    let (msg, detail) = match error {
        BackupError::NotJson { line, column, .. } => (
            Msg::RestoreNotJson,
            Said::each(|lang| format!("{file} ({})", position(lang, *line, *column))),
        ),
        BackupError::NotBackup(found) => (
            Msg::RestoreNotBackup,
            Said::each(|lang| match found {
                Some(format) => format!(
                    "{file} ({} \"{format}\"; {} \"{BACKUP_FORMAT}\")",
                    lang.t(Msg::RestoreFormat),
                    lang.t(Msg::RestoreExpected)
                ),
                None => file.clone(),
            }),
        ),
        BackupError::Newer(version) => (
            Msg::RestoreNewer,
            Said::each(|lang| {
                format!(
                    "{file} ({} {version}; {} {})",
                    lang.t(Msg::RestoreVersion),
                    lang.t(Msg::RestoreReadsUpTo),
                    BACKUP_VERSION
                )
            }),
        ),
        BackupError::Unreadable {
            reason,
            line,
            column,
        } => (
            Msg::RestoreUnreadable,
            Said::each(|lang| match lang {
                // The JSON reader's reason names the field, in English only.
                Lang::En => format!("{file}: {reason}"),
                Lang::De => format!("{file} ({})", position(lang, *line, *column)),
            }),
        ),
        BackupError::Invalid { place, error } => (
            Msg::RestoreBadRecord,
            describe(error).after(&format!("{file}: {place}: ")),
        ),
        BackupError::ReturnNotReturned {
            place,
            item,
            status,
        } => (
            Msg::RestoreBadRecord,
            Said::each(|lang| {
                format!(
                    "{file}: {place}.items[{item}] {} {}",
                    lang.t(Msg::RestoreReturnButStatus),
                    labels::status(*status, lang)
                )
            }),
        ),
    };
    RestoreFailure { msg, detail }
}

/// Reads and checks the backup file at `path` (run in the background).
fn read_backup(path: PathBuf) -> Result<ChosenBackup, RestoreFailure> {
    let unreadable = |e: std::io::Error| RestoreFailure {
        msg: Msg::RestoreReadFailed,
        detail: Said::each(|lang| match lang {
            Lang::En => format!("{}: {e}", path.display()),
            Lang::De => format!("{}: {}", path.display(), io_de(&e)),
        }),
    };
    let size = std::fs::metadata(&path).map_err(unreadable)?.len();
    if size > MAX_BACKUP_BYTES {
        return Err(RestoreFailure {
            msg: Msg::RestoreTooLarge,
            detail: format!("{} ({} MiB)", path.display(), size / (1024 * 1024)).into(),
        });
    }
    let bytes = std::fs::read(&path).map_err(unreadable)?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(RestoreFailure {
            msg: Msg::RestoreNotJson,
            detail: path.display().to_string().into(),
        });
    };
    let backup = Backup::from_json(&text).map_err(|e| backup_failure(&path, &e))?;
    Ok(ChosenBackup {
        preview: backup.preview(),
        backup,
        path,
    })
}

/// Opens the dialog for "Restore backup…", shows what the chosen file holds, and restores or
/// merges it when the shopper says so.
pub(super) fn restore_backups(
    mut actions: MessageReader<StoreAction>,
    (dialogs, waker): (Res<Dialogs>, Res<Waker>),
    mut pending: ResMut<PendingRestore>,
    mut store: ResMut<ShopperStore>,
    mut notices: ResMut<Notices>,
) {
    if pending.restored {
        pending.restored = false;
    }
    for action in actions.read() {
        match action {
            StoreAction::ChooseBackup if !pending.is_reading() => {
                let answer = dialogs.0.pick_load();
                let read = async move { Some(read_backup(answer.await?)) };
                // The answer wakes the app: no frames while the dialog is open.
                let task = AsyncComputeTaskPool::get().spawn(waker.after(read));
                pending.step = Step::Reading(task);
            }
            StoreAction::CancelRestore if !pending.is_reading() => pending.step = Step::Idle,
            StoreAction::RestoreBackup | StoreAction::MergeBackup => {
                let Step::Preview(chosen) = std::mem::take(&mut pending.step) else {
                    continue;
                };
                let file = chosen.path.display().to_string();
                let done = if *action == StoreAction::RestoreBackup {
                    store
                        .change(|s| s.import(&chosen.backup))
                        .map(|()| (Msg::RestoreDone, restored_words(&chosen.preview)))
                        .map_err(|e| (Msg::RestoreFailed, e))
                } else {
                    store
                        .change(|s| s.merge(&chosen.backup))
                        .map(|report| (Msg::RestoreMerged, merged_words(&report)))
                        .map_err(|e| (Msg::RestoreMergeFailed, e))
                };
                match done {
                    Ok((msg, words)) => {
                        notices.note(msg, words.after(&format!("{file} — ")));
                        pending.restored = true;
                    }
                    Err((msg, e)) => {
                        pending.step = Step::Failed(RestoreFailure {
                            msg,
                            detail: describe(&e).after(&format!("{file}: ")),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    let Step::Reading(task) = &mut pending.step else {
        return;
    };
    let Some(answer) = block_on(poll_once(task)) else {
        return;
    };
    pending.step = match answer {
        None => Step::Idle,
        Some(Ok(chosen)) => Step::Preview(Box::new(chosen)),
        Some(Err(failure)) => Step::Failed(failure),
    };
}
