//! "Export fit passport…" in the Privacy tab: the store writes the shown profile's passport for
//! one counterpart (only what their consent allows), the shopper picks a file through the same
//! dialog seam as measurements, and the file is written whole or not at all.

use crate::app::files::Dialogs;
use crate::app::i18n::Msg;
use crate::app::memory::actions::MemoryAction;
use crate::app::memory::profiles_sync::StoreProfiles;
use crate::app::memory::store_res::ShopperStore;
use crate::app::notice::Notices;
use crate::app::profile_store::write_atomically;
use crate::app::profiles::Profiles;
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy::window::RequestRedraw;
use std::path::PathBuf;

/// The passport waiting for the shopper to pick its file.
#[derive(Resource, Default)]
pub struct PendingPassport(Option<(String, Task<Option<PathBuf>>)>);

impl PendingPassport {
    pub fn is_open(&self) -> bool {
        self.0.is_some()
    }
}

/// `"Hanna Weber"` → `"fit-passport-hanna-weber.json"`.
fn suggested_file_name(counterpart: &str) -> String {
    let slug: Vec<String> = counterpart
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("fit-passport-{}.json", slug.join("-"))
}

pub(super) fn export_passport(
    mut actions: MessageReader<MemoryAction>,
    (store, profiles, ids): (Res<ShopperStore>, Res<Profiles>, Res<StoreProfiles>),
    dialogs: Res<Dialogs>,
    mut pending: ResMut<PendingPassport>,
    mut notices: ResMut<Notices>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    for action in actions.read() {
        let MemoryAction::ExportPassport { counterpart } = action else {
            continue;
        };
        if pending.is_open() {
            continue;
        }
        let Some(id) = ids.id_of(profiles.active_index()) else {
            notices.error(
                Msg::PassportFailed,
                "the shown profile is not kept in the data store (no data folder, or it could not be written)",
            );
            continue;
        };
        match store.read(|s| s.fit_passport(id, counterpart)) {
            Ok(text) => {
                let future = dialogs.0.pick_save(&suggested_file_name(counterpart));
                pending.0 = Some((text, AsyncComputeTaskPool::get().spawn(future)));
            }
            Err(why) => notices.error(Msg::PassportFailed, format!("{counterpart}: {why}")),
        }
    }
    let Some((text, task)) = &mut pending.0 else {
        return;
    };
    let Some(answer) = block_on(poll_once(task)) else {
        redraw.write(RequestRedraw);
        return;
    };
    let text = std::mem::take(text);
    pending.0 = None;
    let Some(path) = answer else { return };
    match write_atomically(&path, &text) {
        Ok(()) => notices.info(Msg::PassportSaved, path.display().to_string()),
        Err(e) => notices.error(Msg::PassportFailed, format!("{}: {e}", path.display())),
    }
}
