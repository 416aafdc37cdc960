//! A backup file before it is restored, and restoring it beside what the store holds.
//!
//! [`Backup::from_json`] reads a backup file's text and checks every record as
//! [`Store::import`] would, naming what is wrong (not JSON, not an Anprobe backup, a newer
//! backup version, an invalid field and where); [`Backup::preview`] counts what it holds.
//! [`Store::merge`] adds a backup's records to a store that may already hold some, in one
//! transaction: a record that is already there — the same by its natural key, see
//! [`RecordKind`] — is not added twice, new ones get new ids. Merging into an empty store gives
//! what [`Store::import`] gives, but for the ids; merging the same backup again adds nothing.

use super::date::{self, Day};
use super::json_export::{
    BACKUP_FORMAT, BACKUP_VERSION, Backup, BackupProfile, BackupSnapshot, NAVEL_WAIST_BEFORE,
    navel_waist, row_counts,
};
use super::orders::{ItemStatus, NewOrder, NewOrderItem, Order, OrderItem};
use super::profiles::{insert_snapshot, load_snapshots};
use super::returns::{ReturnRecord, insert_return, load_return};
use super::timeline::{Contact, insert_contact};
use super::wishlist::{WishlistItem, insert_item};
use super::{Consent, Store, StoreError, validate};
use crate::measurements::{Key, Measurements};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeMap;
use std::fmt;

/// The largest backup file read, in bytes: far beyond any shopper's history, small enough that a
/// wrong file chosen by mistake is not read whole.
pub const MAX_BACKUP_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file's text is not a backup that can be restored. The English
/// ([`Display`](fmt::Display)) is what [`Store::import_json`] says too; the app says each in the
/// shopper's language.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The text is not JSON at all.
    #[error("the file is not JSON: {reason}")]
    NotJson {
        /// The JSON reader's reason, in English, with the line and column.
        reason: String,
        /// The line where reading stopped (1-based; 0 when the text is not UTF-8).
        line: usize,
        /// The column where reading stopped (1-based).
        column: usize,
    },
    /// JSON, but not an Anprobe backup (no `"format": "anprobe-backup"`); the format found, if
    /// the file names one (a fit passport names `anprobe-fit-passport`).
    #[error("not an Anprobe backup ({})", match .0 {
        Some(found) => format!("format {found:?}, expected {BACKUP_FORMAT:?}"),
        None => format!("no \"format\": {BACKUP_FORMAT:?}"),
    })]
    NotBackup(Option<String>),
    /// A backup of a version newer than [`BACKUP_VERSION`].
    #[error(
        "written by a newer Anprobe (backup version {0}; this version reads up to {BACKUP_VERSION})"
    )]
    Newer(u64),
    /// An Anprobe backup whose structure is not the backup format's (a field missing, of the
    /// wrong type, or unknown).
    #[error("not a readable backup: {reason}")]
    Unreadable {
        /// The JSON reader's reason, in English, with the line and column.
        reason: String,
        /// The line where reading stopped (1-based).
        line: usize,
        /// The column where reading stopped (1-based).
        column: usize,
    },
    /// A record the store refuses: `place` names it (`orders[2]`), `error` says why (and names
    /// the field).
    #[error("{place}: {error}")]
    Invalid {
        /// Where in the backup: `profiles[0].snapshots[1]`, `wishlist[3]`, `orders[2]`...
        place: String,
        /// What the store's checks say of it.
        error: Box<StoreError>,
    },
    /// A returned garment whose status is not `returned`.
    #[error("{place}: items[{item}] has a return but its status is {}", status.as_str())]
    ReturnNotReturned {
        /// The order: `orders[2]`.
        place: String,
        /// The garment's index in the order.
        item: usize,
        /// Its status in the backup.
        status: ItemStatus,
    },
}

impl From<BackupError> for StoreError {
    fn from(error: BackupError) -> StoreError {
        StoreError::Import(error.to_string())
    }
}

/// The kinds of record a backup holds; what makes two records "the same" when merging.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A profile; the same profile has the same name.
    Profile,
    /// A measurement snapshot; the same one belongs to the same profile, was taken on the same
    /// date and has the same form and values (to 0.01).
    Snapshot,
    /// A wishlist item; the same garment is from the same retailer (any case), with the same
    /// article number, size and colourway.
    WishlistItem,
    /// An order; the same order has the same retailer (any case) and order number.
    Order,
    /// A garment of an order; within the same order, the same garment has the same article
    /// number and size (each stored garment stands for one of the backup's).
    OrderItem,
    /// A return; the same return is one of the same garment of the same order.
    Return,
    /// A contact; the same contact is with the same counterpart (any case), on the same date,
    /// with the same summary and outcome.
    Contact,
    /// A consent; a counterpart (any case) has one. A counterpart that already has a consent
    /// keeps it: a merge never changes what someone may see.
    Consent,
}

impl RecordKind {
    /// Every kind, in the order a backup lists them.
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Profile,
        RecordKind::Snapshot,
        RecordKind::WishlistItem,
        RecordKind::Order,
        RecordKind::OrderItem,
        RecordKind::Return,
        RecordKind::Contact,
        RecordKind::Consent,
    ];

    /// The kind in English, plural: `"measurement snapshots"`.
    pub fn plural(self) -> &'static str {
        match self {
            RecordKind::Profile => "profiles",
            RecordKind::Snapshot => "measurement snapshots",
            RecordKind::WishlistItem => "wishlist items",
            RecordKind::Order => "orders",
            RecordKind::OrderItem => "ordered garments",
            RecordKind::Return => "returns",
            RecordKind::Contact => "contacts",
            RecordKind::Consent => "consents",
        }
    }
}

/// What a backup file holds, counted: shown before it is restored or merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackupPreview {
    /// The backup format version of the file.
    pub version: u32,
    counts: [usize; 8],
    /// The earliest and the latest day a record names (a profile made, measurements taken, a
    /// wish added, an order, a return, a contact); `None` when the backup holds none.
    pub days: Option<(Day, Day)>,
}

impl BackupPreview {
    /// How many records of `kind` the backup holds.
    pub fn count(&self, kind: RecordKind) -> usize {
        self.counts[kind as usize]
    }

    /// Whether the backup holds no record at all.
    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(|&n| n == 0)
    }
}

/// Of one kind of record: how many a merge added, and how many were already there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Added to the store (with new ids).
    pub added: usize,
    /// Already in the store (the same by the kind's natural key), so not added again.
    pub present: usize,
}

/// What [`Store::merge`] did, per kind of record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    merged: [Merged; 8],
}

impl MergeReport {
    /// Added and already-present records of `kind`.
    pub fn get(&self, kind: RecordKind) -> Merged {
        self.merged[kind as usize]
    }

    /// Records added, of every kind.
    pub fn added(&self) -> usize {
        self.merged.iter().map(|m| m.added).sum()
    }

    /// Records already there, of every kind.
    pub fn present(&self) -> usize {
        self.merged.iter().map(|m| m.present).sum()
    }

    fn add(&mut self, kind: RecordKind) {
        self.merged[kind as usize].added += 1;
    }

    fn found(&mut self, kind: RecordKind) {
        self.merged[kind as usize].present += 1;
    }
}

/// `added 1 order, 2 ordered garments; already present 2 profiles, 3 measurement snapshots`.
impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |count: fn(Merged) -> usize| {
            let parts: Vec<String> = RecordKind::ALL
                .iter()
                .filter(|k| count(self.get(**k)) > 0)
                .map(|k| format!("{} {}", count(self.get(*k)), k.plural()))
                .collect();
            if parts.is_empty() {
                "nothing".to_string()
            } else {
                parts.join(", ")
            }
        };
        write!(
            f,
            "added {}; already present {}",
            list(|m| m.added),
            list(|m| m.present)
        )
    }
}

/// Refuses a backup that is not one, or of a newer version.
pub(super) fn check_header(backup: &Backup) -> Result<(), BackupError> {
    if backup.format != BACKUP_FORMAT {
        return Err(BackupError::NotBackup(Some(backup.format.clone())));
    }
    if backup.version > BACKUP_VERSION {
        return Err(BackupError::Newer(u64::from(backup.version)));
    }
    Ok(())
}

/// A store error found at `place` of the backup.
fn at(place: impl Into<String>) -> impl Fn(StoreError) -> BackupError {
    let place = place.into();
    move |error| BackupError::Invalid {
        place: place.clone(),
        error: Box::new(error),
    }
}

/// The day `text` names, if it is a date.
fn day(text: &str) -> Option<Day> {
    date::parse(text).ok()
}

impl Backup {
    /// Reads a backup file's text: JSON, `"format": "anprobe-backup"`, a version this Anprobe
    /// reads, the backup format's fields, and every record as [`Store::import`] checks it. The
    /// backup returned is checked (see [`Backup::checked`]).
    pub fn from_json(json: &str) -> Result<Backup, BackupError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| BackupError::NotJson {
                reason: e.to_string(),
                line: e.line(),
                column: e.column(),
            })?;
        let format = value.get("format");
        if format.and_then(serde_json::Value::as_str) != Some(BACKUP_FORMAT) {
            return Err(BackupError::NotBackup(format.map(|f| match f.as_str() {
                Some(text) => text.to_string(),
                None => f.to_string(),
            })));
        }
        if let Some(version) = value.get("version").and_then(serde_json::Value::as_u64)
            && version > u64::from(BACKUP_VERSION)
        {
            return Err(BackupError::Newer(version));
        }
        // Read from the text again (not the value) so that a refusal names its line.
        let backup: Backup = serde_json::from_str(json).map_err(|e| BackupError::Unreadable {
            reason: e.to_string(),
            line: e.line(),
            column: e.column(),
        })?;
        backup.checked()
    }

    /// The backup with every record checked and normalized as the store keeps it (texts trimmed,
    /// sizes and currencies normalized, prices and measurements rounded) and brought to this
    /// version ([`BACKUP_VERSION`]: an older backup's navel waist is `omphalion_girth`, with
    /// its note). Ids are kept. A refusal names the record and the field.
    pub fn checked(&self) -> Result<Backup, BackupError> {
        check_header(self)?;
        let old = self.version < NAVEL_WAIST_BEFORE;
        let mut profiles = Vec::with_capacity(self.profiles.len());
        for (i, p) in self.profiles.iter().enumerate() {
            let place = format!("profiles[{i}]");
            let mut snapshots = Vec::with_capacity(p.snapshots.len());
            for (j, s) in p.snapshots.iter().enumerate() {
                let at = at(format!("{place}.snapshots[{j}]"));
                let (values, note) = navel_waist(self.version, s);
                let m = validate::measurements(&Measurements {
                    form: s.form,
                    unit: s.unit,
                    values,
                    shape: s.shape.clone(),
                })
                .map_err(&at)?;
                snapshots.push(BackupSnapshot {
                    id: s.id,
                    taken: validate::date("taken", &s.taken).map_err(&at)?,
                    form: m.form,
                    unit: m.unit,
                    values: m.values,
                    shape: m.shape,
                    note,
                });
            }
            let at = at(place);
            profiles.push(BackupProfile {
                id: p.id,
                name: validate::required("name", &p.name).map_err(&at)?,
                created: validate::date("created", &p.created).map_err(&at)?,
                snapshots,
            });
        }
        let wishlist = self
            .wishlist
            .iter()
            .enumerate()
            .map(|(i, w)| {
                Ok(WishlistItem {
                    id: w.id,
                    wish: w.wish.validated().map_err(at(format!("wishlist[{i}]")))?,
                })
            })
            .collect::<Result<Vec<_>, BackupError>>()?;
        let orders = self
            .orders
            .iter()
            .enumerate()
            .map(|(i, order)| checked_order(&format!("orders[{i}]"), order))
            .collect::<Result<Vec<_>, BackupError>>()?;
        let contacts = self
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Ok(Contact {
                    id: c.id,
                    record: c.record.validated().map_err(at(format!("contacts[{i}]")))?,
                })
            })
            .collect::<Result<Vec<_>, BackupError>>()?;
        let consents = self
            .consents
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let counterpart = validate::required("counterpart", &c.counterpart)
                    .map_err(at(format!("consents[{i}]")))?;
                let keys = c
                    .keys
                    .iter()
                    .map(|&key| match key {
                        Key::WaistGirth if old => Key::OmphalionGirth,
                        other => other,
                    })
                    .collect();
                Ok(Consent {
                    counterpart,
                    keys,
                    ..c.clone()
                })
            })
            .collect::<Result<Vec<_>, BackupError>>()?;
        Ok(Backup {
            format: BACKUP_FORMAT.to_string(),
            version: BACKUP_VERSION,
            profiles,
            wishlist,
            orders,
            contacts,
            consents,
        })
    }

    /// What the backup holds, counted, and the days its records span.
    pub fn preview(&self) -> BackupPreview {
        let mut counts = [0; 8];
        let mut count = |kind: RecordKind, n: usize| counts[kind as usize] += n;
        let mut days: Vec<Option<Day>> = Vec::new();
        count(RecordKind::Profile, self.profiles.len());
        for p in &self.profiles {
            count(RecordKind::Snapshot, p.snapshots.len());
            days.push(day(&p.created));
            days.extend(p.snapshots.iter().map(|s| day(&s.taken)));
        }
        count(RecordKind::WishlistItem, self.wishlist.len());
        days.extend(self.wishlist.iter().map(|w| day(&w.wish.added)));
        count(RecordKind::Order, self.orders.len());
        for order in &self.orders {
            count(RecordKind::OrderItem, order.items.len());
            days.push(day(&order.date));
            for record in order.items.iter().filter_map(|i| i.returned.as_ref()) {
                count(RecordKind::Return, 1);
                days.push(day(&record.date));
            }
        }
        count(RecordKind::Contact, self.contacts.len());
        days.extend(self.contacts.iter().map(|c| day(&c.record.date)));
        count(RecordKind::Consent, self.consents.len());
        let days: Vec<Day> = days.into_iter().flatten().collect();
        let span = days.iter().min().zip(days.iter().max());
        BackupPreview {
            version: self.version,
            counts,
            days: span.map(|(first, last)| (*first, *last)),
        }
    }
}

/// An order of the backup, checked as [`Store::import`] checks it.
fn checked_order(place: &str, order: &Order) -> Result<Order, BackupError> {
    let at = at(place);
    let new = NewOrder {
        retailer: order.retailer.clone(),
        order_number: order.order_number.clone(),
        date: order.date.clone(),
        items: order.items.iter().map(|i| i.line.clone()).collect(),
    }
    .validated()
    .map_err(&at)?;
    let mut items = Vec::with_capacity(order.items.len());
    for (i, (item, line)) in order.items.iter().zip(new.items).enumerate() {
        let returned = match &item.returned {
            None => None,
            Some(_) if item.status != ItemStatus::Returned => {
                return Err(BackupError::ReturnNotReturned {
                    place: place.to_string(),
                    item: i,
                    status: item.status,
                });
            }
            Some(record) => Some(ReturnRecord {
                date: validate::date(&format!("items[{i}].return.date"), &record.date)
                    .map_err(&at)?,
                reason: validate::optional(&record.reason),
                fit: record.fit.clone(),
            }),
        };
        items.push(OrderItem {
            id: item.id,
            line,
            status: item.status,
            return_deadline: item.return_deadline.clone(),
            returned,
        });
    }
    Ok(Order {
        id: order.id,
        retailer: new.retailer,
        order_number: new.order_number,
        date: new.date,
        items,
    })
}

/// Whether two measurement maps hold the same keys with the same values (to 0.01).
fn same_values<K: Ord>(a: &BTreeMap<K, f64>, b: &BTreeMap<K, f64>) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, va), (kb, vb))| ka == kb && (va - vb).abs() < 0.005)
}

/// Whether a stored snapshot is the backup's: the same date taken, form and values.
fn same_snapshot(stored: &(String, Measurements), taken: &str, m: &Measurements) -> bool {
    stored.0 == taken
        && stored.1.form == m.form
        && same_values(&stored.1.values, &m.values)
        && same_values(&stored.1.shape, &m.shape)
}

/// Inserts a garment of order `order_id` with its status; returns its new id.
fn insert_order_item(
    conn: &Connection,
    order_id: i64,
    line: &NewOrderItem,
    status: ItemStatus,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO order_items (order_id, sku, name, size, colour, price, currency, return_window_days, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        order_id,
        line.sku,
        line.name,
        line.size,
        line.colour,
        line.price,
        line.currency,
        line.return_window_days,
        status.as_str()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Adds a garment of the backup (and its return) to order `order_id`.
fn add_item(
    conn: &Connection,
    order_id: i64,
    item: &OrderItem,
    report: &mut MergeReport,
) -> Result<(), StoreError> {
    let id = insert_order_item(conn, order_id, &item.line, item.status)?;
    report.add(RecordKind::OrderItem);
    if let Some(record) = &item.returned {
        insert_return(conn, id, record)?;
        report.add(RecordKind::Return);
    }
    Ok(())
}

fn merge_profile(
    conn: &Connection,
    p: &BackupProfile,
    report: &mut MergeReport,
) -> Result<(), StoreError> {
    let existing: Option<i64> = conn
        .query_row("SELECT id FROM profiles WHERE name = ?1", [&p.name], |r| {
            r.get(0)
        })
        .optional()?;
    let (profile_id, mut stored) = match existing {
        Some(id) => {
            report.found(RecordKind::Profile);
            let stored: Vec<(String, Measurements)> =
                load_snapshots(conn, "profile_id = ?1", id, "id", -1)?
                    .into_iter()
                    .map(|s| (s.taken, s.measurements))
                    .collect();
            (id, stored)
        }
        None => {
            conn.execute(
                "INSERT INTO profiles (name, created) VALUES (?1, ?2)",
                params![p.name, p.created],
            )?;
            report.add(RecordKind::Profile);
            (conn.last_insert_rowid(), Vec::new())
        }
    };
    for s in &p.snapshots {
        let m = Measurements {
            form: s.form,
            unit: s.unit,
            values: s.values.clone(),
            shape: s.shape.clone(),
        };
        if stored
            .iter()
            .any(|known| same_snapshot(known, &s.taken, &m))
        {
            report.found(RecordKind::Snapshot);
            continue;
        }
        let id = insert_snapshot(conn, None, profile_id, &s.taken, &m)?;
        if !s.note.is_empty() {
            conn.execute(
                "UPDATE snapshots SET note = ?1 WHERE id = ?2",
                params![s.note, id],
            )?;
        }
        report.add(RecordKind::Snapshot);
        stored.push((s.taken.clone(), m));
    }
    Ok(())
}

fn merge_order(
    conn: &Connection,
    order: &Order,
    report: &mut MergeReport,
) -> Result<(), StoreError> {
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM orders WHERE retailer = ?1 COLLATE NOCASE AND order_number = ?2",
            params![order.retailer, order.order_number],
            |r| r.get(0),
        )
        .optional()?;
    let Some(order_id) = existing else {
        conn.execute(
            "INSERT INTO orders (retailer, order_number, date) VALUES (?1, ?2, ?3)",
            params![order.retailer, order.order_number, order.date],
        )?;
        report.add(RecordKind::Order);
        let order_id = conn.last_insert_rowid();
        for item in &order.items {
            add_item(conn, order_id, item, report)?;
        }
        return Ok(());
    };
    report.found(RecordKind::Order);
    // The stored garments not yet matched to one of the backup's: (id, sku, size).
    let mut unmatched: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT id, sku, size FROM order_items WHERE order_id = ?1 ORDER BY id")?
        .query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for item in &order.items {
        let matched = unmatched
            .iter()
            .position(|(_, sku, size)| *sku == item.line.sku && *size == item.line.size);
        let Some(index) = matched else {
            add_item(conn, order_id, item, report)?;
            continue;
        };
        let (stored_id, ..) = unmatched.remove(index);
        report.found(RecordKind::OrderItem);
        let Some(record) = &item.returned else {
            continue;
        };
        if load_return(conn, stored_id)?.is_some() {
            report.found(RecordKind::Return);
        } else {
            // The backup knows of a return this store has not recorded: the garment went back.
            insert_return(conn, stored_id, record)?;
            conn.execute(
                "UPDATE order_items SET status = 'returned' WHERE id = ?1",
                [stored_id],
            )?;
            report.add(RecordKind::Return);
        }
    }
    Ok(())
}

impl Store {
    /// Whether the store holds no record a backup restores (profiles, wishlist, orders,
    /// contacts, consents): what [`Store::import`] requires.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(row_counts(self.conn())?.iter().all(|(_, n)| *n == 0))
    }

    /// Adds the backup's records to this store, which may already hold some, in one transaction
    /// (all or nothing): every record is checked first ([`Backup::checked`]); a record already
    /// here — the same by its natural key ([`RecordKind`]) — is not added again, new ones get new
    /// ids (a new profile's snapshots, a new order's garments and returns with it). Returns what
    /// was added and what was already there, per kind.
    pub fn merge(&mut self, backup: &Backup) -> Result<MergeReport, StoreError> {
        let backup = backup.checked()?;
        self.write(|tx| {
            let mut report = MergeReport::default();
            for p in &backup.profiles {
                merge_profile(tx, p, &mut report)?;
            }
            for w in &backup.wishlist {
                let known: Option<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM wishlist WHERE retailer = ?1 COLLATE NOCASE AND sku = ?2 \
                         AND size = ?3 AND colourway = ?4 LIMIT 1",
                    )?
                    .query_row(
                        params![w.wish.retailer, w.wish.sku, w.wish.size, w.wish.colourway],
                        |r| r.get(0),
                    )
                    .optional()?;
                if known.is_some() {
                    report.found(RecordKind::WishlistItem);
                } else {
                    insert_item(tx, None, &w.wish)?;
                    report.add(RecordKind::WishlistItem);
                }
            }
            for order in &backup.orders {
                merge_order(tx, order, &mut report)?;
            }
            for c in &backup.contacts {
                let known: Option<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM contacts WHERE counterpart = ?1 COLLATE NOCASE \
                         AND date = ?2 AND summary = ?3 AND outcome = ?4 LIMIT 1",
                    )?
                    .query_row(
                        params![
                            c.record.counterpart,
                            c.record.date,
                            c.record.summary,
                            c.record.outcome
                        ],
                        |r| r.get(0),
                    )
                    .optional()?;
                if known.is_some() {
                    report.found(RecordKind::Contact);
                } else {
                    insert_contact(tx, None, &c.record)?;
                    report.add(RecordKind::Contact);
                }
            }
            for c in &backup.consents {
                // The column compares without case (COLLATE NOCASE).
                let held: i64 = tx.query_row(
                    "SELECT count(*) FROM consents WHERE counterpart = ?1",
                    [&c.counterpart],
                    |r| r.get(0),
                )?;
                if held > 0 {
                    report.found(RecordKind::Consent);
                } else {
                    super::consent::upsert_consent(tx, c)?;
                    report.add(RecordKind::Consent);
                }
            }
            Ok(report)
        })
    }
}
