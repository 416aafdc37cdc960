//! The app's profiles, the profile shown and the UI language, kept in the shopper's store. At
//! startup they are read from it; the first time, those of an earlier version's `profiles.json`
//! (or the default profile) are written into it and the file is renamed aside. Afterwards every
//! settled change — a profile added, renamed, deleted or shown, a measurement changed, the
//! language switched — is written, one snapshot per profile and day, so earlier days stay as
//! history. Without a store the profiles of `profiles.json` are shown but nothing is kept.

use crate::app::i18n::{Lang, Msg};
use crate::app::state::notices::Notices;
use crate::app::state::profile_store::{self, LegacyProfiles, ProfileStore};
use crate::app::state::profiles::{
    Hair, HairStyle, Person, Profiles, SkinTone, default_measurements,
};
use crate::app::state::store::ShopperStore;
use crate::app::state::waker::Waker;
use crate::app::store_words::describe;
use crate::measurements;
use crate::store::{Store, StoreError, date};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// Seconds a change must rest before it is written (a slider drag writes once).
const SETTLE_S: f64 = 0.5;

/// A profile as last written to the store.
#[derive(Clone, Debug, PartialEq)]
struct StoredProfile {
    /// Its id in the store.
    id: i64,
    /// The profile as the app shows it: its name, its newest measurements (the default body
    /// where none were kept) and its looks.
    person: Person,
    /// Whether the store keeps measurements for it (`person`'s are not the default's stand-in).
    measured: bool,
}

/// What the store held or was last given, so that only changes are written.
#[derive(Clone, Debug, Default, PartialEq)]
struct Synced {
    /// The profiles in the app's order.
    profiles: Vec<StoredProfile>,
    /// The profile shown.
    shown: Option<i64>,
    lang: Option<Lang>,
}

/// The profiles as last written to the store, in the app's order, with their store ids.
#[derive(Resource, Default, Debug)]
pub struct StoreProfiles {
    /// `None`: profiles are not kept in the store (no store, read-only use, or a failure).
    synced: Option<Synced>,
    /// Since when a change waits to be written.
    pending_since: Option<f64>,
}

impl StoreProfiles {
    /// The store id of the profile at `index` of the app's list, as last written.
    pub fn id_of(&self, index: usize) -> Option<i64> {
        self.synced.as_ref()?.profiles.get(index).map(|p| p.id)
    }
}

/// Reads every profile with its newest measurements, the profile shown and the language; and
/// the names of the profiles whose newest snapshot carries a note (its waist was moved to the
/// navel's girth).
fn read_stored(store: &Store) -> Result<(Synced, Vec<String>), StoreError> {
    let mut noted = Vec::new();
    let profiles = store
        .profiles()?
        .into_iter()
        .map(|p| {
            let latest = store.latest_measurements(p.id)?;
            if latest.as_ref().is_some_and(|s| !s.note.is_empty()) {
                noted.push(p.name.clone());
            }
            let skin = store
                .skin_tone(p.id)?
                .as_deref()
                .and_then(SkinTone::from_code)
                .unwrap_or_default();
            let hair = store
                .hair(p.id)?
                .as_deref()
                .and_then(Hair::from_code)
                .unwrap_or_default();
            let style = store
                .hair_style(p.id)?
                .as_deref()
                .and_then(HairStyle::from_code)
                .unwrap_or_default();
            Ok(StoredProfile {
                id: p.id,
                measured: latest.is_some(),
                person: Person {
                    name: p.name,
                    measurements: latest.map_or_else(default_measurements, |s| s.measurements),
                    skin,
                    hair,
                    hair_style: style,
                },
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let lang = store.language()?.as_deref().and_then(Lang::from_code);
    let synced = Synced {
        shown: store.shown_profile()?,
        profiles,
        lang,
    };
    Ok((synced, noted))
}

/// The store's profiles as the app shows them, the shown one selected.
fn shown(stored: &Synced) -> Profiles {
    let list = stored
        .profiles
        .iter()
        .map(|stored| stored.person.clone())
        .collect();
    let index = stored
        .profiles
        .iter()
        .position(|p| Some(p.id) == stored.shown)
        .unwrap_or(0);
    Profiles::new(list, index)
}

/// At startup, after the store opened: the store's profiles and language are shown; the first
/// time, `profiles.json`'s (or the app's default) are written into the store instead.
pub(super) fn load_profiles(
    mut store: ResMut<ShopperStore>,
    keep: Res<ProfileStore>,
    mut profiles: ResMut<Profiles>,
    mut lang: ResMut<Lang>,
    mut state: ResMut<StoreProfiles>,
    mut notices: ResMut<Notices>,
) {
    let legacy_file = match &*keep {
        ProfileStore::Off => return,
        ProfileStore::ReadOnly { body } => {
            if let Ok((stored, _)) = store.read(read_stored) {
                if !stored.profiles.is_empty() {
                    *profiles = shown(&stored);
                }
                if let Some(l) = stored.lang {
                    *lang = l;
                }
            }
            if let Some(body) = body {
                profiles.active_mut().measurements = body.clone();
            }
            return;
        }
        ProfileStore::Kept { legacy } => legacy.clone(),
    };
    let legacy = profile_store::read_legacy(&legacy_file, &mut notices);
    let legacy_navel_waists = legacy
        .as_ref()
        .map(|l| l.navel_waists.clone())
        .unwrap_or_default();
    if store.unavailable().is_some() {
        // Shown, not adopted: the file stays for the next start with a store.
        if let Some(legacy) = legacy {
            *profiles = legacy.profiles;
            *lang = legacy.lang.unwrap_or(*lang);
        }
        return;
    }
    let (before, noted) = match store.read(read_stored) {
        Ok(read) => read,
        Err(why) => return notices.error(Msg::ProfilesSaveFailed, why),
    };
    let adopted = legacy.is_some();
    let (wanted, wanted_lang) = wanted(&before, legacy, &profiles, *lang);
    let mut written = before.clone();
    match store.change(|s| write_changes(s, &before, &wanted, wanted_lang, &mut written)) {
        Ok(()) => {
            *profiles = wanted;
            *lang = wanted_lang.unwrap_or(*lang);
            state.synced = Some(written);
        }
        Err(e) => {
            *profiles = shown(&before);
            *lang = before.lang.unwrap_or(*lang);
            return fail(&mut state, &mut notices, &e);
        }
    }
    // A waist that was taken at the navel, moved to `omphalion_girth` (by the store's migration
    // or from the earlier file): said until the shopper records new measurements.
    let mut moved = noted;
    if adopted {
        moved.extend(legacy_navel_waists);
    }
    for name in moved {
        notices.note(Msg::WaistWasAtNavel, name);
    }
    if adopted {
        match profile_store::set_aside(&legacy_file, "adopted") {
            Ok(aside) => notices.note(Msg::ProfilesAdopted, aside.display().to_string()),
            Err(e) => notices.error(
                Msg::ProfilesSaveFailed,
                format!("{}: {e}", legacy_file.display()),
            ),
        }
    }
}

/// What the app shows after the first start: the store's profiles, or when it has none the
/// file's (else the app's default); the store's language and shown profile, else the file's.
fn wanted(
    before: &Synced,
    legacy: Option<LegacyProfiles>,
    current: &Profiles,
    current_lang: Lang,
) -> (Profiles, Option<Lang>) {
    let lang = before.lang.or(legacy.as_ref().and_then(|l| l.lang));
    if before.profiles.is_empty() {
        let profiles = legacy.map_or_else(|| current.clone(), |l| l.profiles);
        return (profiles, lang.or(Some(current_lang)));
    }
    let mut profiles = shown(before);
    if before.shown.is_none()
        && let Some(legacy) = legacy
    {
        let name = &legacy.profiles.active().name;
        if let Some(index) = profiles.list().iter().position(|p| p.name == *name) {
            profiles.select(index);
        }
    }
    (profiles, lang)
}

/// What the store keeps of the app's state: the profiles (the one shown among them) and the
/// language.
#[derive(SystemParam)]
pub(super) struct Kept<'w> {
    profiles: Res<'w, Profiles>,
    lang: Res<'w, Lang>,
}

/// After a change has settled (or at exit): writes it to the store.
pub(super) fn save_profiles_to_store(
    time: Res<Time<Real>>,
    kept: Kept,
    mut store: ResMut<ShopperStore>,
    mut state: ResMut<StoreProfiles>,
    mut notices: ResMut<Notices>,
    waker: Res<Waker>,
    mut exit: MessageReader<AppExit>,
) {
    let exiting = exit.read().count() > 0;
    let Some(synced) = state.synced.clone() else {
        return;
    };
    let Kept { profiles, lang } = kept;
    let now = time.elapsed_secs_f64();
    if (profiles.is_changed() || lang.is_changed()) && state.pending_since.is_none() {
        state.pending_since = Some(now);
        // No frames come while the shopper sits still: wake when the change is due.
        waker.wake_in(std::time::Duration::from_secs_f64(SETTLE_S + 0.05));
    }
    let due = state
        .pending_since
        .is_some_and(|since| exiting || now - since > SETTLE_S);
    if !due {
        return;
    }
    state.pending_since = None;
    let mut written = synced.clone();
    match store.change(|s| write_changes(s, &synced, &profiles, Some(*lang), &mut written)) {
        Ok(()) => state.synced = Some(written),
        Err(e) => fail(&mut state, &mut notices, &e),
    }
}

/// Stops keeping profiles in the store after a failure.
fn fail(state: &mut StoreProfiles, notices: &mut Notices, error: &StoreError) {
    state.synced = None;
    notices.error(Msg::ProfilesSaveFailed, describe(error));
}

/// Makes the store match the app: profiles (see [`write_profiles`]), the profile shown and the
/// language, each only where it changed. `written` gets the new state.
fn write_changes(
    store: &mut Store,
    before: &Synced,
    profiles: &Profiles,
    lang: Option<Lang>,
    written: &mut Synced,
) -> Result<(), StoreError> {
    let list = profiles.list();
    let same = before.profiles.len() == list.len()
        && before
            .profiles
            .iter()
            .zip(list)
            .all(|(b, p)| b.measured && b.person == *p);
    if !same {
        write_profiles(store, &before.profiles, profiles, &mut written.profiles)?;
    }
    let shown = written.profiles.get(profiles.active_index()).map(|p| p.id);
    if let Some(id) = shown
        && shown != before.shown
    {
        store.set_shown_profile(id)?;
        written.shown = shown;
    }
    if let Some(lang) = lang
        && Some(lang) != before.lang
    {
        store.set_language(lang.code())?;
        written.lang = Some(lang);
    }
    Ok(())
}

/// Makes the store's profiles match the app's: same names are the same profile; a name that
/// vanished while another appeared is a rename; what is left over was deleted or added. Changed
/// measurements are recorded for today. `written` gets the new state, in the app's order.
fn write_profiles(
    store: &mut Store,
    before: &[StoredProfile],
    profiles: &Profiles,
    written: &mut Vec<StoredProfile>,
) -> Result<(), StoreError> {
    let today = date::today_local();
    let list = profiles.list();
    let mut ids: Vec<Option<i64>> = list
        .iter()
        .map(|p| {
            before
                .iter()
                .find(|b| b.person.name == p.name)
                .map(|b| b.id)
        })
        .collect();
    let mut gone: Vec<i64> = before
        .iter()
        .map(|b| b.id)
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
        let earlier = before.iter().find(|b| b.id == id);
        let last = earlier.and_then(|b| b.measured.then_some(&b.person.measurements));
        if earlier.map_or(SkinTone::default(), |b| b.person.skin) != profile.skin {
            store.set_skin_tone(id, profile.skin.code())?;
        }
        if earlier.map_or(Hair::default(), |b| b.person.hair) != profile.hair {
            store.set_hair(id, profile.hair.code())?;
        }
        if earlier.map_or(HairStyle::default(), |b| b.person.hair_style) != profile.hair_style {
            store.set_hair_style(id, profile.hair_style.code())?;
        }
        // Values the panel marks as wrong are not history: written once they are fixed.
        let usable = !measurements::validate(&profile.measurements)
            .iter()
            .any(|i| i.is_error());
        if usable && last != Some(&profile.measurements) {
            match store.record_measurements(id, &profile.measurements, &today) {
                Ok(_) | Err(StoreError::Invalid { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        written.push(StoredProfile {
            id,
            person: profile.clone(),
            measured: true,
        });
    }
    Ok(())
}
