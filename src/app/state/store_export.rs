//! Files the shopper takes away, written through the same file dialog seam as measurements: the
//! fit passport of the shown profile for one counterpart (only what their consent allows, from
//! the Privacy tab) and the full backup of the store (everything, as `anprobe data export`
//! writes it). The text is made when asked, the file is written whole or not at all.

use crate::app::i18n::{Msg, Said};
use crate::app::state::files::{Dialogs, file_slug};
use crate::app::state::notices::Notices;
use crate::app::state::profiles::Profiles;
use crate::app::state::profiles_sync::StoreProfiles;
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::StoreAction;
use crate::app::state::waker::Waker;
use crate::atomic_write::write_atomically;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use std::path::PathBuf;

/// What is being exported: the notices it gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Passport,
    Backup,
}

impl Kind {
    fn saved(self) -> Msg {
        match self {
            Kind::Passport => Msg::PassportSaved,
            Kind::Backup => Msg::BackupSaved,
        }
    }

    fn failed(self) -> Msg {
        match self {
            Kind::Passport => Msg::PassportFailed,
            Kind::Backup => Msg::BackupFailed,
        }
    }
}

/// The export waiting for the shopper to pick its file: one at a time.
#[derive(Resource, Default)]
pub struct PendingExport(Option<(Kind, String, Task<Option<PathBuf>>)>);

impl PendingExport {
    /// Whether an export's save dialog is waiting for the shopper; meanwhile further export
    /// requests are dropped.
    pub fn is_open(&self) -> bool {
        self.0.is_some()
    }
}

/// `"Hanna Weber"` → `"fit-passport-hanna-weber.json"`.
fn passport_file_name(counterpart: &str) -> String {
    format!("fit-passport-{}.json", file_slug(counterpart))
}

/// An export's text and the file name offered, or why there is none.
type Export = Result<(String, String), Said>;

/// The text of an export, or why there is none.
fn text_of(
    action: &StoreAction,
    store: &ShopperStore,
    profiles: &Profiles,
    ids: &StoreProfiles,
) -> Option<(Kind, Export)> {
    match action {
        StoreAction::ExportPassport { counterpart } => {
            let text = match ids.id_of(profiles.active_index()) {
                None => Err(Said::each(|lang| lang.t(Msg::ProfileNotStored).to_string())),
                Some(id) => store
                    .read(|s| s.fit_passport(id, counterpart))
                    .map(|text| (text, passport_file_name(counterpart)))
                    .map_err(|why| why.after(&format!("{counterpart}: "))),
            };
            Some((Kind::Passport, text))
        }
        StoreAction::ExportBackup => {
            let name = format!("anprobe-backup-{}.json", crate::store::date::today_local());
            let text = store.read(|s| s.export_json()).map(|text| (text, name));
            Some((Kind::Backup, text))
        }
        _ => None,
    }
}

pub(super) fn export_files(
    mut actions: MessageReader<StoreAction>,
    (store, profiles, ids): (Res<ShopperStore>, Res<Profiles>, Res<StoreProfiles>),
    dialogs: Res<Dialogs>,
    mut pending: ResMut<PendingExport>,
    mut notices: ResMut<Notices>,
    waker: Res<Waker>,
) {
    for action in actions.read() {
        let Some((kind, text)) = text_of(action, &store, &profiles, &ids) else {
            continue;
        };
        if pending.is_open() {
            continue;
        }
        match text {
            Ok((text, file_name)) => {
                let future = dialogs.0.pick_save(&file_name);
                // The answer wakes the app: no frames while the dialog is open.
                let task = AsyncComputeTaskPool::get().spawn(waker.after(future));
                pending.0 = Some((kind, text, task));
            }
            Err(why) => notices.error(kind.failed(), why),
        }
    }
    let Some((kind, text, task)) = &mut pending.0 else {
        return;
    };
    let Some(answer) = block_on(poll_once(task)) else {
        return;
    };
    let (kind, text) = (*kind, std::mem::take(text));
    pending.0 = None;
    let Some(path) = answer else { return };
    match write_atomically(&path, text.as_bytes()) {
        Ok(()) => notices.info(kind.saved(), path.display().to_string()),
        Err(e) => notices.error(kind.failed(), format!("{}: {e}", path.display())),
    }
}
