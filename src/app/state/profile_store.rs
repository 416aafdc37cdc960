//! Whether the app keeps its profiles and its language in the shopper's store ([`ProfileStore`]),
//! and `profiles.json`, where earlier versions kept them: read once, at the first start with a
//! store, adopted into it and renamed aside — never written again, never deleted. A damaged file
//! is set aside too, with a notice. The reading and writing of the store is [`profiles_sync`](super::profiles_sync).

use crate::app::i18n::{Lang, Msg};
use crate::app::state::notices::Notices;
use crate::app::state::profiles::{Person, Profiles};
use crate::measurements::{Key, Measurements};
use crate::store::date;
use bevy::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ProfileStore>();
}

/// The file earlier versions kept the profiles and the language in, in the data folder.
pub const PROFILES_FILE: &str = "profiles.json";

/// How the app uses the shopper's store for its profiles and its language.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub enum ProfileStore {
    /// Neither read nor written (tests, screenshots without a data folder).
    #[default]
    Off,
    /// Read at startup, never written: a screenshot of a data folder. `body`, when given,
    /// replaces the shown profile's measurements in the picture.
    ReadOnly {
        /// Measurements shown instead of the stored shown profile's; `None` keeps the stored ones.
        body: Option<Measurements>,
    },
    /// Read at startup, and every settled change written back; `legacy` is the `profiles.json`
    /// of an earlier version, adopted once.
    Kept {
        /// Where an earlier version's `profiles.json` would be (in the data folder); it need not
        /// exist.
        legacy: PathBuf,
    },
}

impl ProfileStore {
    /// Kept in the store, adopting the profiles file at `legacy` once.
    pub fn at(legacy: impl Into<PathBuf>) -> Self {
        ProfileStore::Kept {
            legacy: legacy.into(),
        }
    }

    /// Kept in the store in `data_dir`, adopting that folder's `profiles.json` once.
    pub fn in_folder(data_dir: &Path) -> Self {
        ProfileStore::at(data_dir.join(PROFILES_FILE))
    }

    /// The profiles file to adopt, if profiles are kept.
    pub fn legacy_file(&self) -> Option<&Path> {
        match self {
            ProfileStore::Kept { legacy } => Some(legacy),
            _ => None,
        }
    }
}

/// The file's layout (version 1). Measurements use the measurements file format.
#[derive(Deserialize)]
struct ProfilesFile {
    #[serde(rename = "version")]
    _version: u32,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    active: usize,
    profiles: Vec<ProfileEntry>,
}

#[derive(Deserialize)]
struct ProfileEntry {
    name: String,
    measurements: serde_json::Value,
}

/// What an earlier version's `profiles.json` held.
#[derive(Clone, Debug, PartialEq)]
pub struct LegacyProfiles {
    /// The profiles, and the one that was shown.
    pub profiles: Profiles,
    /// The UI language, if the file named one.
    pub lang: Option<Lang>,
    /// The profiles whose waist was taken at the navel (every `waist_girth` of this file: it
    /// predates the natural waist) and is now their `omphalion_girth`.
    pub navel_waists: Vec<String>,
}

/// Parses the file's text. Its `waist_girth` was taken at the navel (the file predates the natural
/// waist): it becomes `omphalion_girth`.
pub fn from_json(text: &str) -> Result<LegacyProfiles, String> {
    let file: ProfilesFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut navel_waists = Vec::new();
    let list = file
        .profiles
        .into_iter()
        .map(|entry| {
            let mut measurements = Measurements::from_json(&entry.measurements.to_string())
                .map_err(|e| format!("{}: {e}", entry.name))?;
            if let Some(navel) = measurements.values.remove(&Key::WaistGirth) {
                measurements
                    .values
                    .entry(Key::OmphalionGirth)
                    .or_insert(navel);
                navel_waists.push(entry.name.clone());
            }
            Ok(Person {
                name: entry.name,
                measurements,
                skin: Default::default(),
                hair: Default::default(),
                hair_style: Default::default(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(LegacyProfiles {
        profiles: Profiles::new(list, file.active),
        lang: file.language.as_deref().and_then(Lang::from_code),
        navel_waists,
    })
}

/// Reads the profiles file at `path`: `None` when there is none, or when it cannot be used —
/// a damaged file is renamed aside (`profiles.json.corrupt-<stamp>`) and a notice says where.
pub(super) fn read_legacy(path: &Path, notices: &mut Notices) -> Option<LegacyProfiles> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            notices.error(Msg::ProfilesSaveFailed, format!("{}: {e}", path.display()));
            return None;
        }
    };
    match from_json(&text) {
        Ok(legacy) => Some(legacy),
        Err(reason) => {
            match set_aside(path, "corrupt") {
                Ok(aside) => notices.error(
                    Msg::ProfilesCorrupt,
                    format!("{} ({reason})", aside.display()),
                ),
                Err(e) => notices.error(
                    Msg::ProfilesSaveFailed,
                    format!("{}: {reason}; {e}", path.display()),
                ),
            }
            None
        }
    }
}

/// Renames the profiles file to `<name>.<why>-<UTC stamp>` beside it (never over another file)
/// and returns the new path.
pub(super) fn set_aside(path: &Path, why: &str) -> std::io::Result<PathBuf> {
    let name = path.file_name().map_or_else(
        || PROFILES_FILE.into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let stamp = date::file_stamp();
    let aside = (0..100)
        .map(|n| match n {
            0 => path.with_file_name(format!("{name}.{why}-{stamp}")),
            n => path.with_file_name(format!("{name}.{why}-{stamp}-{n}")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| std::io::Error::other("too many earlier copies"))?;
    std::fs::rename(path, &aside)?;
    Ok(aside)
}
