//! The app's profiles kept in the shopper's store, with their measurement history. At startup
//! the store's profiles (each with its newest measurements) replace those read from
//! `profiles.json`; the first time, those are copied into the store instead. Afterwards every
//! settled change — a profile added, renamed or deleted, a measurement changed — is written, one
//! snapshot per profile and day, so earlier days stay as history. `profiles.json` keeps the
//! language and remains the fallback when the store cannot be used.

use crate::app::i18n::Msg;
use crate::app::state::notices::Notices;
use crate::app::state::profile_store::ProfileStore;
use crate::app::state::profiles::{Profile, Profiles, default_measurements};
use crate::app::state::store::ShopperStore;
use crate::app::state::store_actions::describe;
use crate::measurements::{self, Measurements};
use crate::store::{Store, StoreError, date};
use bevy::prelude::*;

/// Seconds a change must rest before it is written (a slider drag writes once).
const SETTLE_S: f64 = 0.5;

/// The profiles as last written to the store, in the app's order, with their store ids.
#[derive(Resource, Default, Debug)]
pub struct StoreProfiles {
    /// `None`: profiles are not kept in the store (no store, no persistence, or a failure).
    synced: Option<Vec<(i64, String, Option<Measurements>)>>,
    /// Since when a change waits to be written.
    pending_since: Option<f64>,
}

impl StoreProfiles {
    /// The store id of the profile at `index` of the app's list, as last written.
    pub fn id_of(&self, index: usize) -> Option<i64> {
        self.synced.as_ref()?.get(index).map(|(id, ..)| *id)
    }
}

/// Reads every profile with its newest measurements.
fn stored(store: &Store) -> Result<Vec<(i64, String, Option<Measurements>)>, StoreError> {
    store
        .profiles()?
        .into_iter()
        .map(|p| {
            let latest = store.latest_measurements(p.id)?.map(|s| s.measurements);
            Ok((p.id, p.name, latest))
        })
        .collect()
}

/// At startup: the store's profiles replace the file's, or the file's are copied in.
pub(super) fn adopt_profiles(
    mut store: ResMut<ShopperStore>,
    persist: Res<ProfileStore>,
    mut profiles: ResMut<Profiles>,
    mut state: ResMut<StoreProfiles>,
    mut notices: ResMut<Notices>,
) {
    // Screenshots and tests that keep no profiles keep them out of the store too.
    if persist.path.is_none() || store.unavailable().is_some() {
        return;
    }
    match store.read(stored) {
        Ok(list) if list.is_empty() => {
            state.synced = Some(Vec::new());
            let mut synced = Vec::new();
            match store.change(|s| write_changes(s, &[], &profiles, &mut synced)) {
                Ok(()) => state.synced = Some(synced),
                Err(e) => fail(&mut state, &mut notices, &e),
            }
        }
        Ok(list) => {
            let active = profiles.active().name.clone();
            let index = list.iter().position(|(_, n, _)| *n == active).unwrap_or(0);
            let shown = list
                .iter()
                .map(|(_, name, m)| Profile {
                    name: name.clone(),
                    measurements: m.clone().unwrap_or_else(default_measurements),
                })
                .collect();
            *profiles = Profiles::new(shown, index);
            state.synced = Some(list);
        }
        Err(why) => {
            notices.error(Msg::ProfilesSaveFailed, why);
        }
    }
}

/// After a change has settled (or at exit): writes it to the store.
pub(super) fn save_profiles_to_store(
    time: Res<Time<Real>>,
    profiles: Res<Profiles>,
    mut store: ResMut<ShopperStore>,
    mut state: ResMut<StoreProfiles>,
    mut notices: ResMut<Notices>,
    mut exit: MessageReader<AppExit>,
) {
    let exiting = exit.read().count() > 0;
    let Some(synced) = state.synced.clone() else {
        return;
    };
    let now = time.elapsed_secs_f64();
    if profiles.is_changed() && state.pending_since.is_none() {
        state.pending_since = Some(now);
    }
    let due = state
        .pending_since
        .is_some_and(|since| exiting || now - since > SETTLE_S);
    if !due {
        return;
    }
    state.pending_since = None;
    let list = profiles.list();
    let same = synced.len() == list.len()
        && synced
            .iter()
            .zip(list)
            .all(|((_, name, m), p)| *name == p.name && m.as_ref() == Some(&p.measurements));
    if same {
        return;
    }
    let mut written = Vec::new();
    match store.change(|s| write_changes(s, &synced, &profiles, &mut written)) {
        Ok(()) => state.synced = Some(written),
        Err(e) => fail(&mut state, &mut notices, &e),
    }
}

/// Stops keeping profiles in the store after a failure (they still go to `profiles.json`).
fn fail(state: &mut StoreProfiles, notices: &mut Notices, error: &StoreError) {
    state.synced = None;
    notices.error(Msg::ProfilesSaveFailed, describe(error));
}

/// Makes the store's profiles match the app's: same names are the same profile; a name that
/// vanished while another appeared is a rename; what is left over was deleted or added. Changed
/// measurements are recorded for today. `written` gets the new state, in the app's order.
fn write_changes(
    store: &mut Store,
    before: &[(i64, String, Option<Measurements>)],
    profiles: &Profiles,
    written: &mut Vec<(i64, String, Option<Measurements>)>,
) -> Result<(), StoreError> {
    let today = date::today_utc();
    let list = profiles.list();
    let mut ids: Vec<Option<i64>> = list
        .iter()
        .map(|p| before.iter().find(|(_, n, _)| *n == p.name).map(|b| b.0))
        .collect();
    let mut gone: Vec<i64> = before
        .iter()
        .map(|b| b.0)
        .filter(|id| !ids.contains(&Some(*id)))
        .collect();
    for (profile, id) in list.iter().zip(&mut ids) {
        if id.is_some() {
            continue;
        }
        *id = Some(if gone.is_empty() {
            store.add_profile(&profile.name, &today)?
        } else {
            let old = gone.remove(0);
            store.rename_profile(old, &profile.name)?;
            old
        });
    }
    for old in gone {
        store.delete_profile(old)?;
    }
    written.clear();
    for (profile, id) in list.iter().zip(ids) {
        let id = id.unwrap_or_default();
        let last = before.iter().find(|b| b.0 == id).and_then(|b| b.2.clone());
        // Values the panel marks as wrong are not history: written once they are fixed.
        let usable = !measurements::validate(&profile.measurements)
            .iter()
            .any(|i| i.is_error());
        if usable && last.as_ref() != Some(&profile.measurements) {
            match store.record_measurements(id, &profile.measurements, &today) {
                Ok(_) | Err(StoreError::Invalid { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        written.push((id, profile.name.clone(), Some(profile.measurements.clone())));
    }
    Ok(())
}
