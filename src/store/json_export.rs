//! The whole store as one JSON file (`anprobe data export`, the app's "Export backup…"):
//! `export_json` writes everything the shopper recorded, and `import_json` restores it exactly
//! (same ids, same values) into an empty store; `merge.rs` previews a backup file and merges one
//! into a store that already holds records. The rotating database backups are
//! `recovery::backup_files`.

use super::consent::{Consent, upsert_consent};
use super::orders::{ItemStatus, NewOrder, Order, load_orders};
use super::profiles::{Profile, insert_snapshot, load_snapshots};
use super::returns::{ReturnRecord, insert_return};
use super::timeline::{Contact, insert_contact, load_contacts};
use super::wishlist::{WishlistItem, all_by_id, insert_item};
use super::{Clash, Store, StoreError, validate};
use crate::measurements::{Form, Key, Measurements, ShapeVar, Unit};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `format` field of a backup.
pub const BACKUP_FORMAT: &str = "anprobe-backup";

/// The newest backup format version this code writes and reads.
pub const BACKUP_VERSION: u32 = 2;

/// Backups of version 1 named the waist at the navel `waist_girth`; it is `omphalion_girth` since
/// version 2, when `waist_girth` became the natural waist.
pub(super) const NAVEL_WAIST_BEFORE: u32 = 2;

/// Everything in the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Always [`BACKUP_FORMAT`].
    pub format: String,
    /// The backup format version ([`BACKUP_VERSION`]).
    pub version: u32,
    /// Every profile with its measurement history.
    pub profiles: Vec<BackupProfile>,
    /// The wishlist, as stored.
    pub wishlist: Vec<WishlistItem>,
    /// Every order with its items and their returns.
    pub orders: Vec<Order>,
    /// Every recorded contact with a retailer or stylist.
    pub contacts: Vec<Contact>,
    /// What each counterpart may see.
    pub consents: Vec<Consent>,
}

/// A profile with its whole measurement history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackupProfile {
    /// The profile's id in the store it came from.
    pub id: i64,
    /// The profile's name, as shown in the app.
    pub name: String,
    /// When the profile was made (ISO 8601 date).
    pub created: String,
    /// Its measurement snapshots, oldest first.
    pub snapshots: Vec<BackupSnapshot>,
}

/// One measurement snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackupSnapshot {
    /// The snapshot's id in the store it came from.
    pub id: i64,
    /// The day the measurements were taken (ISO 8601 date).
    pub taken: String,
    /// The body form, when one was chosen.
    pub form: Option<Form>,
    /// The unit the shopper typed in (values are stored in cm either way).
    pub unit: Unit,
    /// cm (kg for `weight_kg`).
    pub values: BTreeMap<Key, f64>,
    /// Typed breadths and depths of the trunk (`chest_breadth`, `chest_depth`, `hip_breadth`),
    /// cm; left out when none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shape: BTreeMap<ShapeVar, f64>,
    /// What changed in the snapshot since it was typed (see [`Snapshot::note`](super::Snapshot)).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A snapshot's values and note as this version stores them: in a backup older than
/// [`NAVEL_WAIST_BEFORE`] the waist was the navel's, and moves to `omphalion_girth` with a note.
pub(super) fn navel_waist(version: u32, s: &BackupSnapshot) -> (BTreeMap<Key, f64>, String) {
    let mut values = s.values.clone();
    if version >= NAVEL_WAIST_BEFORE || values.contains_key(&Key::OmphalionGirth) {
        return (values, s.note.clone());
    }
    match values.remove(&Key::WaistGirth) {
        Some(navel) => {
            values.insert(Key::OmphalionGirth, navel);
            (values, super::schema::NAVEL_WAIST_NOTE.to_string())
        }
        None => (values, s.note.clone()),
    }
}

/// Prefixes an error with where in the backup it was found.
fn at(place: String) -> impl Fn(StoreError) -> StoreError {
    use rusqlite::ErrorCode;
    move |e| match e {
        // Failures of the disk are not the backup's fault: keep them as they are.
        StoreError::Sqlite(ref failure)
            if matches!(
                failure.sqlite_error_code(),
                Some(ErrorCode::DiskFull | ErrorCode::ReadOnly | ErrorCode::SystemIoFailure)
            ) =>
        {
            e
        }
        StoreError::Import(message) => StoreError::Import(format!("{place}: {message}")),
        other => StoreError::Import(format!("{place}: {other}")),
    }
}

pub(super) fn row_counts(conn: &Connection) -> Result<Vec<(&'static str, i64)>, StoreError> {
    ["profiles", "wishlist", "orders", "contacts", "consents"]
        .into_iter()
        .map(|table| {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok((table, n))
        })
        .collect()
}

fn import_order(conn: &Connection, order: &Order) -> Result<(), StoreError> {
    let checked = NewOrder {
        retailer: order.retailer.clone(),
        order_number: order.order_number.clone(),
        date: order.date.clone(),
        items: order.items.iter().map(|i| i.line.clone()).collect(),
    }
    .validated()?;
    conn.execute(
        "INSERT INTO orders (id, retailer, order_number, date) VALUES (?1, ?2, ?3, ?4)",
        params![
            order.id,
            checked.retailer,
            checked.order_number,
            checked.date
        ],
    )?;
    for (i, (item, new)) in order.items.iter().zip(&checked.items).enumerate() {
        conn.execute(
            "INSERT INTO order_items (id, order_id, sku, name, size, colour, price, currency, return_window_days, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                item.id,
                order.id,
                new.sku,
                new.name,
                new.size,
                new.colour,
                new.price,
                new.currency,
                new.return_window_days,
                item.status.as_str()
            ],
        )?;
        if let Some(record) = &item.returned {
            if item.status != ItemStatus::Returned {
                return Err(StoreError::Import(format!(
                    "items[{i}] has a return but its status is {}",
                    item.status.as_str()
                )));
            }
            let record = ReturnRecord {
                date: validate::date(&format!("items[{i}].return.date"), &record.date)?,
                reason: validate::optional(&record.reason),
                fit: record.fit.clone(),
            };
            insert_return(conn, item.id, &record)?;
        }
    }
    Ok(())
}

impl Store {
    /// Everything in the store, in id order.
    pub fn export(&self) -> Result<Backup, StoreError> {
        let conn = self.conn();
        let profiles = self
            .profiles()?
            .into_iter()
            .map(|Profile { id, name, created }| {
                let snapshots = load_snapshots(conn, "profile_id = ?1", id, "id", -1)?
                    .into_iter()
                    .map(|s| BackupSnapshot {
                        id: s.id,
                        taken: s.taken,
                        form: s.measurements.form,
                        unit: s.measurements.unit,
                        values: s.measurements.values,
                        shape: s.measurements.shape,
                        note: s.note,
                    })
                    .collect();
                Ok(BackupProfile {
                    id,
                    name,
                    created,
                    snapshots,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Backup {
            format: BACKUP_FORMAT.to_string(),
            version: BACKUP_VERSION,
            profiles,
            wishlist: all_by_id(conn)?,
            orders: load_orders(conn, "1", Vec::new(), "id", -1)?,
            contacts: load_contacts(conn, None)?,
            consents: self.consents()?,
        })
    }

    /// The full backup as pretty JSON (see `docs/store.md`).
    pub fn export_json(&self) -> Result<String, StoreError> {
        serde_json::to_string_pretty(&self.export()?)
            .map_err(|e| StoreError::Import(format!("cannot write the backup: {e}")))
    }

    /// Restores a JSON backup into this store, which must be empty; every record is checked,
    /// and all of it is written in one transaction or nothing is.
    pub fn import_json(&mut self, json: &str) -> Result<(), StoreError> {
        let backup: Backup = serde_json::from_str(json)
            .map_err(|e| StoreError::Import(format!("not a readable backup: {e}")))?;
        self.import(&backup)
    }

    /// Restores a backup into this store, which must be empty (see [`Store::import_json`]).
    pub fn import(&mut self, backup: &Backup) -> Result<(), StoreError> {
        super::merge::check_header(backup)?;
        self.write(|tx| {
            let held: Vec<String> = row_counts(tx)?
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(table, n)| format!("{n} {table}"))
                .collect();
            if !held.is_empty() {
                return Err(StoreError::Conflict(Clash::NotEmpty(held)));
            }
            for (i, p) in backup.profiles.iter().enumerate() {
                let place = format!("profiles[{i}]");
                let name = validate::required("name", &p.name).map_err(at(place.clone()))?;
                let created = validate::date("created", &p.created).map_err(at(place.clone()))?;
                tx.execute(
                    "INSERT INTO profiles (id, name, created) VALUES (?1, ?2, ?3)",
                    params![p.id, name, created],
                )
                .map_err(|e| at(place.clone())(e.into()))?;
                for (j, s) in p.snapshots.iter().enumerate() {
                    let place = format!("{place}.snapshots[{j}]");
                    let (values, note) = navel_waist(backup.version, s);
                    let m = validate::measurements(&Measurements {
                        form: s.form,
                        unit: s.unit,
                        values,
                        shape: s.shape.clone(),
                    })
                    .map_err(at(place.clone()))?;
                    let taken = validate::date("taken", &s.taken).map_err(at(place.clone()))?;
                    let id = insert_snapshot(tx, Some(s.id), p.id, &taken, &m)
                        .map_err(at(place.clone()))?;
                    if !note.is_empty() {
                        tx.execute(
                            "UPDATE snapshots SET note = ?1 WHERE id = ?2",
                            params![note, id],
                        )
                        .map_err(|e| at(place.clone())(e.into()))?;
                    }
                }
            }
            for (i, w) in backup.wishlist.iter().enumerate() {
                let item = w.wish.validated().map_err(at(format!("wishlist[{i}]")))?;
                insert_item(tx, Some(w.id), &item).map_err(at(format!("wishlist[{i}]")))?;
            }
            for (i, order) in backup.orders.iter().enumerate() {
                import_order(tx, order).map_err(at(format!("orders[{i}]")))?;
            }
            for (i, c) in backup.contacts.iter().enumerate() {
                let contact = c.record.validated().map_err(at(format!("contacts[{i}]")))?;
                insert_contact(tx, Some(c.id), &contact).map_err(at(format!("contacts[{i}]")))?;
            }
            for (i, c) in backup.consents.iter().enumerate() {
                let place = format!("consents[{i}]");
                let counterpart =
                    validate::required("counterpart", &c.counterpart).map_err(at(place.clone()))?;
                let mut consent = Consent {
                    counterpart,
                    ..c.clone()
                };
                if backup.version < NAVEL_WAIST_BEFORE {
                    for key in &mut consent.keys {
                        if *key == Key::WaistGirth {
                            *key = Key::OmphalionGirth;
                        }
                    }
                }
                upsert_consent(tx, &consent).map_err(at(place))?;
            }
            Ok(())
        })
    }
}
