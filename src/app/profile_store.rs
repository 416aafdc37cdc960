//! Where the profiles live between runs: `profiles.json` in the data folder, written atomically
//! (temporary file + rename) a moment after a change; a damaged file is set aside, not overwritten.

use crate::app::i18n::{Lang, Msg};
use crate::app::notice::Notices;
use crate::app::profiles::{Profile, Profiles};
use crate::measurements::Measurements;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ProfileStore>()
        .add_systems(Startup, load_profiles)
        .add_systems(Last, save_profiles);
}

/// Where profiles are kept, and what is still to be written.
#[derive(Resource, Debug, Default)]
pub struct ProfileStore {
    /// `None`: nothing is read or written (screenshots, tests).
    pub path: Option<PathBuf>,
    /// The text last written or read, to skip writing what is already there.
    written: Option<String>,
    /// Text waiting to be written, and since when (seconds), so a slider drag writes once.
    pending: Option<(String, f64)>,
}

impl ProfileStore {
    /// A store at an explicit file.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        ProfileStore {
            path: Some(path.into()),
            ..default()
        }
    }

    /// `$ANPROBE_DATA_DIR/profiles.json`, else `$HOME/.local/share/anprobe/profiles.json`.
    pub fn from_env() -> Self {
        let dir = std::env::var_os("ANPROBE_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share/anprobe"))
            });
        ProfileStore {
            path: dir.map(|d| d.join("profiles.json")),
            ..default()
        }
    }
}

/// The file's layout. Measurements use the measurements file format.
#[derive(Serialize, Deserialize)]
struct ProfilesFile {
    version: u32,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    active: usize,
    profiles: Vec<ProfileEntry>,
}

#[derive(Serialize, Deserialize)]
struct ProfileEntry {
    name: String,
    measurements: serde_json::Value,
}

/// Serialises the profiles and the language as the file's text.
pub fn to_json(profiles: &Profiles, lang: Lang) -> String {
    let file = ProfilesFile {
        version: 1,
        language: Some(lang.code().to_owned()),
        active: profiles.active_index(),
        profiles: profiles
            .list()
            .iter()
            .map(|p| ProfileEntry {
                name: p.name.clone(),
                measurements: serde_json::from_str(&p.measurements.to_json()).unwrap_or_default(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Parses the file's text.
pub fn from_json(text: &str) -> Result<(Profiles, Option<Lang>), String> {
    let file: ProfilesFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let list = file
        .profiles
        .into_iter()
        .map(|entry| {
            let measurements = Measurements::from_json(&entry.measurements.to_string())
                .map_err(|e| format!("{}: {e}", entry.name))?;
            Ok(Profile {
                name: entry.name,
                measurements,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let lang = file.language.as_deref().and_then(Lang::from_code);
    Ok((Profiles::new(list, file.active), lang))
}

fn load_profiles(
    mut store: ResMut<ProfileStore>,
    mut profiles: ResMut<Profiles>,
    mut lang: ResMut<Lang>,
    mut notices: ResMut<Notices>,
) {
    let Some(path) = store.path.clone() else {
        return;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            // Unreadable (permissions?): do not overwrite what we could not read.
            notices.error(Msg::ProfilesSaveFailed, format!("{}: {e}", path.display()));
            store.path = None;
            return;
        }
    };
    match from_json(&text) {
        Ok((loaded, loaded_lang)) => {
            *profiles = loaded;
            if let Some(l) = loaded_lang {
                *lang = l;
            }
            store.written = Some(text);
        }
        Err(reason) => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            let aside = path.with_extension(format!("json.corrupt-{stamp}"));
            match std::fs::rename(&path, &aside) {
                Ok(()) => notices.error(
                    Msg::ProfilesCorrupt,
                    format!("{} ({reason})", aside.display()),
                ),
                Err(e) => {
                    notices.error(
                        Msg::ProfilesSaveFailed,
                        format!("{}: {reason}; {e}", path.display()),
                    );
                    store.path = None;
                }
            }
        }
    }
}

fn save_profiles(
    time: Res<Time<Real>>,
    profiles: Res<Profiles>,
    lang: Res<Lang>,
    mut store: ResMut<ProfileStore>,
    mut notices: ResMut<Notices>,
    mut exit: MessageReader<AppExit>,
) {
    let Some(path) = store.path.clone() else {
        return;
    };
    let now = time.elapsed_secs_f64();
    if profiles.is_changed() || lang.is_changed() {
        let text = to_json(&profiles, *lang);
        if store.written.as_ref() != Some(&text) {
            let since = store.pending.as_ref().map_or(now, |(_, since)| *since);
            store.pending = Some((text, since));
        }
    }
    let exiting = exit.read().count() > 0;
    let due = store
        .pending
        .as_ref()
        .is_some_and(|(_, since)| exiting || now - since > 0.5);
    if !due {
        return;
    }
    let Some((text, _)) = store.pending.take() else {
        return;
    };
    match crate::atomic_write::write_atomically(&path, text.as_bytes()) {
        Ok(()) => store.written = Some(text),
        Err(e) => notices.error(Msg::ProfilesSaveFailed, format!("{}: {e}", path.display())),
    }
}
