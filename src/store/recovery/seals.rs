//! Row checksums ("seals") on the rows that matter most — measurement snapshots and consents:
//! FNV-1a over a row's fields, written with the row and verified on every read and at open.

use crate::store::StoreError;
use rusqlite::Connection;

/// 64-bit FNV-1a. Any single changed byte changes the hash (every step is a bijection).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The seal of a row: FNV-1a over its fields joined by U+001F, as 16 hex digits.
pub fn seal(fields: &[&str]) -> String {
    format!("{:016x}", fnv1a64(fields.join("\u{1f}").as_bytes()))
}

/// The seal of a measurement snapshot: `snapshot, id, profile_id, taken, form, unit`, then one
/// `key=value` field per value in the order of the key names (values printed by Rust's `{}`).
pub fn snapshot_seal(
    id: i64,
    profile_id: i64,
    taken: &str,
    form: &str,
    unit: &str,
    values: &[(String, f64)],
) -> String {
    let mut sorted: Vec<&(String, f64)> = values.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let head = [
        "snapshot".to_string(),
        id.to_string(),
        profile_id.to_string(),
        taken.to_string(),
        form.to_string(),
        unit.to_string(),
    ];
    let fields: Vec<String> = head
        .into_iter()
        .chain(sorted.iter().map(|(k, v)| format!("{k}={v}")))
        .collect();
    let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
    seal(&refs)
}

/// The seal of a consent row from schema version 3 on:
/// `consent, counterpart, kind, keys, share_orders (0/1), share_contacts (0/1)`.
pub fn consent_seal(
    counterpart: &str,
    kind: &str,
    keys: &str,
    share_orders: bool,
    share_contacts: bool,
) -> String {
    seal(&[
        "consent",
        counterpart,
        kind,
        keys,
        if share_orders { "1" } else { "0" },
        if share_contacts { "1" } else { "0" },
    ])
}

/// The seal of a consent row in schema versions 1 and 2 (one `share_history` flag):
/// `consent, counterpart, kind, keys, share_history (0/1)`.
pub fn consent_seal_v1(counterpart: &str, kind: &str, keys: &str, share_history: bool) -> String {
    seal(&[
        "consent",
        counterpart,
        kind,
        keys,
        if share_history { "1" } else { "0" },
    ])
}

/// A row whose content no longer matches its seal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecksumFailure {
    /// `snapshots` or `consents`.
    pub table: &'static str,
    /// The row id.
    pub id: i64,
    /// The row in words, e.g. `measurement snapshot #3 (profile 1, 2026-03-01)`.
    pub row: String,
}

impl std::fmt::Display for ChecksumFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (table {}, row {})", self.row, self.table, self.id)
    }
}

impl ChecksumFailure {
    /// The error a read of this row returns.
    pub fn into_error(self) -> StoreError {
        StoreError::Checksum {
            table: self.table,
            id: self.id,
            row: self.row,
        }
    }
}

/// The values of a snapshot as stored, in key-name order.
fn snapshot_values(conn: &Connection, snapshot_id: i64) -> rusqlite::Result<Vec<(String, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM snapshot_values WHERE snapshot_id = ?1 ORDER BY key",
    )?;
    stmt.query_map([snapshot_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// Checks one snapshot's seal; `Err` names the row.
pub(crate) fn check_snapshot(
    conn: &Connection,
    id: i64,
    profile_id: i64,
    taken: &str,
    form: &str,
    unit: &str,
    stored: &str,
) -> Result<Vec<(String, f64)>, StoreError> {
    let values = snapshot_values(conn, id)?;
    if snapshot_seal(id, profile_id, taken, form, unit, &values) != stored {
        return Err(ChecksumFailure {
            table: "snapshots",
            id,
            row: format!("measurement snapshot #{id} (profile {profile_id}, {taken})"),
        }
        .into_error());
    }
    Ok(values)
}

/// A consent row as selected everywhere: `rowid, counterpart, kind, keys, share_orders,
/// share_contacts, seal` (v1/v2 files select `share_history` for both flags).
pub(crate) type ConsentRow = (i64, String, String, String, bool, bool, String);

/// Reads a [`ConsentRow`] (rusqlite's tuple conversion).
pub(crate) fn consent_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConsentRow> {
    r.try_into()
}

/// A measurement snapshot row as selected everywhere: `id, profile_id, taken, form, unit, seal`.
pub(crate) type SnapshotRow = (i64, i64, String, String, String, String);

/// Reads a [`SnapshotRow`] (rusqlite's tuple conversion).
pub(crate) fn snapshot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotRow> {
    r.try_into()
}

/// Every sealed row whose seal does not match, for a database at schema `version`.
pub fn verify_seals(conn: &Connection, version: u32) -> rusqlite::Result<Vec<ChecksumFailure>> {
    let mut failures = Vec::new();
    if version == 0 {
        return Ok(failures);
    }
    let mut stmt =
        conn.prepare("SELECT id, profile_id, taken, form, unit, seal FROM snapshots ORDER BY id")?;
    let rows: Vec<SnapshotRow> = stmt
        .query_map([], snapshot_row)?
        .collect::<rusqlite::Result<_>>()?;
    for (id, profile_id, taken, form, unit, stored) in rows {
        match check_snapshot(conn, id, profile_id, &taken, &form, &unit, &stored) {
            Ok(_) => {}
            Err(StoreError::Checksum { table, id, row }) => {
                failures.push(ChecksumFailure { table, id, row })
            }
            Err(StoreError::Sqlite(e)) => return Err(e),
            Err(_) => unreachable!("check_snapshot only fails with Checksum or Sqlite"),
        }
    }
    let sql = if version >= 3 {
        "SELECT rowid, counterpart, kind, keys, share_orders, share_contacts, seal FROM consents"
    } else {
        "SELECT rowid, counterpart, kind, keys, share_history, share_history, seal FROM consents"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], consent_row)?;
    for row in rows {
        let (id, counterpart, kind, keys, orders, contacts, stored) = row?;
        let expected = if version >= 3 {
            consent_seal(&counterpart, &kind, &keys, orders, contacts)
        } else {
            consent_seal_v1(&counterpart, &kind, &keys, orders)
        };
        if expected != stored {
            failures.push(ChecksumFailure {
                table: "consents",
                id,
                row: format!("consent for {counterpart:?}"),
            });
        }
    }
    Ok(failures)
}
