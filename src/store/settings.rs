//! Settings of this installation (schema version 4): the language the app is shown in, the
//! profile it shows, whether the first-start guide was read, which side panels are open and each
//! profile's skin tone, hair colour and hair style.
//! They are preferences, not records: the JSON export leaves them out.

use super::profiles::require_profile;
use super::{Store, StoreError, validate};
use rusqlite::{Connection, OptionalExtension, params};

/// One setting's row in the `settings` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setting {
    /// The app's language, as its code (`en`, `de`).
    Language,
    /// The id of the profile the app shows.
    ShownProfile,
    /// `done` once the shopper closed the first-start guide.
    FirstStartGuide,
    /// Which side panels are open: `left,right` as `open` / `closed`.
    Panels,
}

impl Setting {
    fn key(self) -> &'static str {
        match self {
            Setting::Language => "language",
            Setting::ShownProfile => "shown_profile",
            Setting::FirstStartGuide => "first_start_guide",
            Setting::Panels => "panels",
        }
    }
}

/// Sets one setting, replacing its value.
fn put(conn: &Connection, setting: Setting, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
        params![setting.key(), value],
    )?;
    Ok(())
}

/// What a profile's avatar looks like, one setting each per profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look {
    /// The skin tone (`skin_tone.7`).
    SkinTone,
    /// The hair's colour (`hair.7`).
    Hair,
    /// The hair's style (`hair_style.7`).
    HairStyle,
}

impl Look {
    const ALL: [Look; 3] = [Look::SkinTone, Look::Hair, Look::HairStyle];

    /// The settings key of this look for a profile.
    fn key(self, profile_id: i64) -> String {
        match self {
            Look::SkinTone => format!("skin_tone.{profile_id}"),
            Look::Hair => format!("hair.{profile_id}"),
            Look::HairStyle => format!("hair_style.{profile_id}"),
        }
    }

    /// The value's name in error messages.
    fn name(self) -> &'static str {
        match self {
            Look::SkinTone => "skin tone",
            Look::Hair => "hair",
            Look::HairStyle => "hair style",
        }
    }
}

/// Deletes a profile's looks (with the profile).
pub(crate) fn delete_looks(conn: &Connection, profile_id: i64) -> Result<(), StoreError> {
    for look in Look::ALL {
        conn.execute(
            "DELETE FROM settings WHERE key = ?1",
            [look.key(profile_id)],
        )?;
    }
    Ok(())
}

impl Store {
    /// A profile's skin tone in the app (the app's name for it, e.g. `medium`), if one was
    /// chosen.
    pub fn skin_tone(&self, profile_id: i64) -> Result<Option<String>, StoreError> {
        self.look(Look::SkinTone, profile_id)
    }

    /// Keeps a profile's skin tone (the app's name for it); the profile must exist. Deleting the
    /// profile deletes it.
    pub fn set_skin_tone(&mut self, profile_id: i64, tone: &str) -> Result<(), StoreError> {
        self.set_look(Look::SkinTone, profile_id, tone)
    }

    /// A profile's hair in the app (the app's name for it, e.g. `dark_brown`), if chosen.
    pub fn hair(&self, profile_id: i64) -> Result<Option<String>, StoreError> {
        self.look(Look::Hair, profile_id)
    }

    /// Keeps a profile's hair (the app's name for it); the profile must exist. Deleting the
    /// profile deletes it.
    pub fn set_hair(&mut self, profile_id: i64, hair: &str) -> Result<(), StoreError> {
        self.set_look(Look::Hair, profile_id, hair)
    }

    /// A profile's hair style in the app (the app's name for it, e.g. `bob`), if chosen.
    pub fn hair_style(&self, profile_id: i64) -> Result<Option<String>, StoreError> {
        self.look(Look::HairStyle, profile_id)
    }

    /// Keeps a profile's hair style (the app's name for it); the profile must exist. Deleting
    /// the profile deletes it.
    pub fn set_hair_style(&mut self, profile_id: i64, style: &str) -> Result<(), StoreError> {
        self.set_look(Look::HairStyle, profile_id, style)
    }

    fn look(&self, look: Look, profile_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [look.key(profile_id)],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn set_look(&mut self, look: Look, profile_id: i64, value: &str) -> Result<(), StoreError> {
        let value = validate::required(look.name(), value)?;
        self.write(|tx| {
            require_profile(tx, profile_id)?;
            tx.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                params![look.key(profile_id), value],
            )?;
            Ok(())
        })
    }

    fn setting(&self, setting: Setting) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [setting.key()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The app's language as its code (`en`, `de`), if one was chosen.
    pub fn language(&self) -> Result<Option<String>, StoreError> {
        self.setting(Setting::Language)
    }

    /// Keeps the app's language (its code, e.g. `de`).
    pub fn set_language(&mut self, code: &str) -> Result<(), StoreError> {
        let code = validate::required("language", code)?;
        self.write(|tx| put(tx, Setting::Language, &code))
    }

    /// Whether the shopper closed the first-start guide (it is shown until then).
    pub fn first_start_guide_done(&self) -> Result<bool, StoreError> {
        Ok(self.setting(Setting::FirstStartGuide)?.as_deref() == Some("done"))
    }

    /// Keeps that the first-start guide was closed: it is not shown again.
    pub fn set_first_start_guide_done(&mut self) -> Result<(), StoreError> {
        self.write(|tx| put(tx, Setting::FirstStartGuide, "done"))
    }

    /// Which side panels (left, right) the shopper left open, if kept.
    pub fn panels_open(&self) -> Result<Option<(bool, bool)>, StoreError> {
        let Some(text) = self.setting(Setting::Panels)? else {
            return Ok(None);
        };
        let open = |side: &str| match side.trim() {
            "open" => Some(true),
            "closed" => Some(false),
            _ => None,
        };
        Ok(text
            .split_once(',')
            .and_then(|(left, right)| Some((open(left)?, open(right)?))))
    }

    /// Keeps which side panels are open.
    pub fn set_panels_open(&mut self, left: bool, right: bool) -> Result<(), StoreError> {
        let word = |open: bool| if open { "open" } else { "closed" };
        let value = format!("{},{}", word(left), word(right));
        self.write(|tx| put(tx, Setting::Panels, &value))
    }

    /// The profile the app shows, if one was chosen and it still exists.
    pub fn shown_profile(&self) -> Result<Option<i64>, StoreError> {
        let Some(text) = self.setting(Setting::ShownProfile)? else {
            return Ok(None);
        };
        let Ok(id) = text.parse::<i64>() else {
            return Ok(None);
        };
        match require_profile(self.conn(), id) {
            Ok(()) => Ok(Some(id)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Keeps which profile the app shows; the profile must exist.
    pub fn set_shown_profile(&mut self, profile_id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            require_profile(tx, profile_id)?;
            put(tx, Setting::ShownProfile, &profile_id.to_string())
        })
    }
}
