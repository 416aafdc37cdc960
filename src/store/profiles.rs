//! Profiles (several per household) and their dated measurement snapshots: the latest is used,
//! the history is kept. Snapshots are sealed (checksummed) and verified on every read.

use super::{Clash, Store, StoreError, recovery, validate};
use crate::measurements::{Form, Key, Measurements, ShapeVar, Unit};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// One person of the household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The profile's id in the store.
    pub id: i64,
    /// The profile's name (unique, as shown in the app).
    pub name: String,
    /// When the profile was added (ISO 8601).
    pub created: String,
}

/// A dated set of measurements of one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The snapshot's id in the store.
    pub id: i64,
    /// The profile it belongs to.
    pub profile_id: i64,
    /// When the measurements were taken (ISO 8601).
    pub taken: String,
    /// Values in cm (kg for the weight), kept to 0.01.
    pub measurements: Measurements,
    /// What changed in this snapshot since it was typed (empty for most): e.g. that its waist was
    /// taken at the navel and moved to `omphalion_girth` when the natural waist came.
    pub note: String,
}

pub(crate) fn form_str(form: Option<Form>) -> &'static str {
    match form {
        Some(Form::Female) => "female",
        Some(Form::Male) => "male",
        None => "",
    }
}

pub(crate) fn parse_form(text: &str) -> Option<Form> {
    match text {
        "female" => Some(Form::Female),
        "male" => Some(Form::Male),
        _ => None,
    }
}

pub(crate) fn unit_str(unit: Unit) -> &'static str {
    match unit {
        Unit::Cm => "cm",
        Unit::In => "in",
    }
}

fn parse_unit(text: &str) -> Unit {
    if text == "in" { Unit::In } else { Unit::Cm }
}

pub(crate) fn require_profile(conn: &Connection, profile_id: i64) -> Result<(), StoreError> {
    let found: Option<i64> = conn
        .query_row("SELECT id FROM profiles WHERE id = ?1", [profile_id], |r| {
            r.get(0)
        })
        .optional()?;
    found.map(|_| ()).ok_or(StoreError::NotFound {
        what: "profile",
        id: profile_id,
    })
}

/// Inserts a validated snapshot with the given id (or a new one) and seals it.
pub(crate) fn insert_snapshot(
    conn: &Connection,
    id: Option<i64>,
    profile_id: i64,
    taken: &str,
    m: &Measurements,
) -> Result<i64, StoreError> {
    let form = form_str(m.form);
    let unit = unit_str(m.unit);
    conn.execute(
        "INSERT INTO snapshots (id, profile_id, taken, form, unit, seal) VALUES (?1, ?2, ?3, ?4, ?5, '')",
        params![id, profile_id, taken, form, unit],
    )?;
    let id = conn.last_insert_rowid();
    let mut insert = conn.prepare_cached(
        "INSERT INTO snapshot_values (snapshot_id, key, value) VALUES (?1, ?2, ?3)",
    )?;
    let mut values = Vec::with_capacity(m.values.len() + m.shape.len());
    let named = m.values.iter().map(|(k, v)| (k.as_str(), *v));
    for (name, value) in named.chain(m.shape.iter().map(|(s, v)| (s.as_str(), *v))) {
        insert.execute(params![id, name, value])?;
        values.push((name.to_string(), value));
    }
    let seal = recovery::snapshot_seal(id, profile_id, taken, form, unit, &values);
    conn.execute(
        "UPDATE snapshots SET seal = ?1 WHERE id = ?2",
        params![seal, id],
    )?;
    Ok(id)
}

/// Snapshots matching `filter` (an SQL condition on `snapshots`), newest first, each verified.
pub(crate) fn load_snapshots(
    conn: &Connection,
    filter: &str,
    param: i64,
    order: &str,
    limit: i64,
) -> Result<Vec<Snapshot>, StoreError> {
    let sql = format!(
        "SELECT id, profile_id, taken, form, unit, seal FROM snapshots WHERE {filter} ORDER BY {order} LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows: Vec<recovery::SnapshotRow> = stmt
        .query_map(params![param, limit], recovery::snapshot_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, profile_id, taken, form, unit, seal) in rows {
        let values = recovery::check_snapshot(conn, id, profile_id, &taken, &form, &unit, &seal)?;
        let mut measurements = Measurements {
            form: parse_form(&form),
            unit: parse_unit(&unit),
            ..Measurements::default()
        };
        for (key, value) in values {
            if let Some(var) = ShapeVar::parse_typable(&key) {
                measurements.shape.insert(var, value);
                continue;
            }
            let key = Key::parse(&key).ok_or_else(|| {
                StoreError::Conflict(Clash::UnknownSnapshotKey {
                    snapshot: id,
                    key: key.clone(),
                })
            })?;
            measurements.values.insert(key, value);
        }
        let note: String = conn
            .prepare_cached("SELECT note FROM snapshots WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        out.push(Snapshot {
            id,
            profile_id,
            taken,
            measurements,
            note,
        });
    }
    Ok(out)
}

impl Store {
    /// Adds a profile; names are unique.
    pub fn add_profile(&mut self, name: &str, created: &str) -> Result<i64, StoreError> {
        let name = validate::required("name", name)?;
        let created = validate::date("created", created)?;
        self.write(|tx| {
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM profiles WHERE name = ?1", [&name], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(id) = existing {
                return Err(StoreError::Conflict(Clash::ProfileExists {
                    name: name.clone(),
                    id,
                }));
            }
            tx.execute(
                "INSERT INTO profiles (name, created) VALUES (?1, ?2)",
                params![name, created],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Every profile, in the order they were added.
    pub fn profiles(&self) -> Result<Vec<Profile>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, created FROM profiles ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Profile {
                id: r.get(0)?,
                name: r.get(1)?,
                created: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a dated measurement snapshot to a profile (values kept to 0.01); returns its id.
    pub fn add_measurements(
        &mut self,
        profile_id: i64,
        measurements: &Measurements,
        taken: &str,
    ) -> Result<i64, StoreError> {
        let m = validate::measurements(measurements)?;
        let taken = validate::date("taken", taken)?;
        self.write(|tx| {
            require_profile(tx, profile_id)?;
            insert_snapshot(tx, None, profile_id, &taken, &m)
        })
    }

    /// The newest snapshot of a profile (by date taken), verified against its checksum.
    pub fn latest_measurements(&self, profile_id: i64) -> Result<Option<Snapshot>, StoreError> {
        require_profile(self.conn(), profile_id)?;
        Ok(load_snapshots(
            self.conn(),
            "profile_id = ?1",
            profile_id,
            "taken DESC, id DESC",
            1,
        )?
        .pop())
    }

    /// Every snapshot of a profile, newest first.
    pub fn measurement_history(&self, profile_id: i64) -> Result<Vec<Snapshot>, StoreError> {
        require_profile(self.conn(), profile_id)?;
        load_snapshots(
            self.conn(),
            "profile_id = ?1",
            profile_id,
            "taken DESC, id DESC",
            -1,
        )
    }

    /// Renames a profile; names stay unique.
    pub fn rename_profile(&mut self, profile_id: i64, name: &str) -> Result<(), StoreError> {
        let name = validate::required("name", name)?;
        self.write(|tx| {
            require_profile(tx, profile_id)?;
            let other: Option<i64> = tx
                .query_row(
                    "SELECT id FROM profiles WHERE name = ?1 AND id != ?2",
                    params![name, profile_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = other {
                return Err(StoreError::Conflict(Clash::ProfileExists {
                    name: name.clone(),
                    id,
                }));
            }
            tx.execute(
                "UPDATE profiles SET name = ?1 WHERE id = ?2",
                params![name, profile_id],
            )?;
            Ok(())
        })
    }

    /// Deletes a profile with its whole measurement history.
    pub fn delete_profile(&mut self, profile_id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            require_profile(tx, profile_id)?;
            tx.execute("DELETE FROM profiles WHERE id = ?1", [profile_id])?;
            super::settings::delete_looks(tx, profile_id)?;
            Ok(())
        })
    }

    /// Records the profile's measurements as of `taken`, keeping one snapshot per day: a change
    /// on the day of the newest snapshot replaces it, a change on a later day adds one (the
    /// history), and measurements equal to the newest snapshot's record nothing. Returns
    /// whether anything was written.
    pub fn record_measurements(
        &mut self,
        profile_id: i64,
        measurements: &Measurements,
        taken: &str,
    ) -> Result<bool, StoreError> {
        let m = validate::measurements(measurements)?;
        let taken = validate::date("taken", taken)?;
        let latest = self.latest_measurements(profile_id)?;
        if latest.as_ref().is_some_and(|s| s.measurements == m) {
            return Ok(false);
        }
        let replaced = latest.filter(|s| s.taken == taken).map(|s| s.id);
        self.write(|tx| {
            require_profile(tx, profile_id)?;
            if let Some(id) = replaced {
                tx.execute("DELETE FROM snapshots WHERE id = ?1", [id])?;
            }
            insert_snapshot(tx, None, profile_id, &taken, &m)
        })?;
        Ok(true)
    }
}
