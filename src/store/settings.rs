//! Settings of this installation (schema version 4): the language the app is shown in and the
//! profile it shows. They are preferences, not records: the JSON export leaves them out.

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
}

impl Setting {
    fn key(self) -> &'static str {
        match self {
            Setting::Language => "language",
            Setting::ShownProfile => "shown_profile",
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

impl Store {
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
