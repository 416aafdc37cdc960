//! The schema and its migrations, numbered from 1 and recorded in `PRAGMA user_version`.
//!
//! A migration is SQL plus an optional Rust step (for what SQL alone cannot do, such as
//! re-sealing rows whose checksum covers a changed column). All pending migrations run in one
//! transaction at open; a database newer than [`LATEST_VERSION`] is refused, never downgraded.

use super::StoreError;
use super::recovery;
use rusqlite::{Connection, Transaction};

/// A migration's Rust step, run after its SQL in the same transaction.
pub type Fixup = fn(&Transaction<'_>) -> Result<(), StoreError>;

/// One step of the schema.
pub struct Migration {
    /// The `user_version` after this step.
    pub version: u32,
    /// What the migration changes, in words.
    pub description: &'static str,
    /// The SQL it runs, in the migration's transaction.
    pub sql: &'static str,
    /// Runs after `sql`, in the same transaction.
    pub fixup: Option<Fixup>,
}

/// The schema version this code writes.
pub const LATEST_VERSION: u32 = 12;

/// Every migration, in order; `MIGRATIONS[i].version == i + 1`.
pub const MIGRATIONS: [Migration; 12] = [
    Migration {
        version: 1,
        description: "base schema: profiles, measurement snapshots, wishlist, orders, returns, contacts, consents",
        sql: V1,
        fixup: None,
    },
    Migration {
        version: 2,
        description: "order items record their colour (colourway)",
        sql: "ALTER TABLE order_items ADD COLUMN colour TEXT NOT NULL DEFAULT '';",
        fixup: None,
    },
    Migration {
        version: 3,
        description: "consents split their history scope into orders and contacts",
        sql: "
            ALTER TABLE consents ADD COLUMN share_contacts INTEGER NOT NULL DEFAULT 0;
            UPDATE consents SET share_contacts = share_history;
            ALTER TABLE consents RENAME COLUMN share_history TO share_orders;
        ",
        fixup: Some(reseal_consents_v3),
    },
    Migration {
        version: 4,
        description: "settings of this installation: the UI language and the profile shown",
        sql: "
            CREATE TABLE settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT;
        ",
        fixup: None,
    },
    Migration {
        version: 5,
        description: "return feedback in the fit's vocabulary: region sleeves becomes sleeve",
        sql: "UPDATE return_fit SET region = 'sleeve' WHERE region = 'sleeves';",
        fixup: None,
    },
    Migration {
        version: 6,
        description: "the waist typed so far was taken at the navel: it becomes omphalion_girth \
                      (waist_girth is now the natural waist), noted on each snapshot it moved in; \
                      a consent to share the waist covers that same value",
        sql: "ALTER TABLE snapshots ADD COLUMN note TEXT NOT NULL DEFAULT '';",
        fixup: Some(navel_waist_v6),
    },
    Migration {
        version: 7,
        description: "retailers' catalogs: products with their price and stock history; the \
                      concierge's dismissed reminders",
        sql: "
            CREATE TABLE products (
                id         INTEGER PRIMARY KEY,
                retailer   TEXT NOT NULL,
                sku        TEXT NOT NULL,
                product    TEXT NOT NULL,
                price      REAL NOT NULL,
                currency   TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                updated    TEXT NOT NULL,
                UNIQUE (retailer COLLATE NOCASE, sku COLLATE NOCASE)
            ) STRICT;
            CREATE TABLE product_prices (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                seen       TEXT NOT NULL,
                price      REAL NOT NULL,
                currency   TEXT NOT NULL,
                PRIMARY KEY (product_id, seen)
            ) STRICT;
            CREATE TABLE product_stock (
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                seen       TEXT NOT NULL,
                size       TEXT NOT NULL,
                pieces     INTEGER NOT NULL,
                PRIMARY KEY (product_id, seen, size)
            ) STRICT;
            CREATE TABLE dismissed_reminders (
                key       TEXT PRIMARY KEY,
                dismissed TEXT NOT NULL
            ) STRICT;
        ",
        fixup: None,
    },
    Migration {
        version: 8,
        description: "stylist sessions: the keys of stylists paired with the shopper, the next \
                      message id of each side, and what each side sent and was not yet \
                      acknowledged",
        sql: "
            CREATE TABLE stylist_keys (
                key         TEXT PRIMARY KEY,
                counterpart TEXT NOT NULL,
                paired      TEXT NOT NULL
            ) STRICT;
            CREATE TABLE session_ids (
                side    TEXT PRIMARY KEY CHECK (side IN ('shopper', 'stylist')),
                next_id INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE session_outbox (
                side    TEXT NOT NULL CHECK (side IN ('shopper', 'stylist')),
                peer    TEXT NOT NULL,
                id      INTEGER NOT NULL,
                message TEXT NOT NULL,
                garment BLOB,
                PRIMARY KEY (side, peer, id)
            ) STRICT;
        ",
        fixup: None,
    },
    Migration {
        version: 9,
        description: "stylist sessions: the ids of what each stylist sent that the shopper's \
                      record holds (a copy sent again after a restart is not applied twice)",
        sql: "
            CREATE TABLE session_applied (
                peer TEXT NOT NULL,
                id   INTEGER NOT NULL,
                PRIMARY KEY (peer, id)
            ) STRICT;
        ",
        fixup: None,
    },
    Migration {
        version: 10,
        description: "stylist sessions: the proposals the shopper has not decided on yet, with \
                      their garment files, to try on and decide after the session",
        sql: "
            CREATE TABLE open_proposals (
                peer     TEXT NOT NULL,
                id       INTEGER NOT NULL,
                stylist  TEXT NOT NULL,
                received TEXT NOT NULL,
                retailer TEXT NOT NULL,
                sku      TEXT NOT NULL,
                name     TEXT NOT NULL,
                size     TEXT NOT NULL,
                colour   TEXT NOT NULL,
                note     TEXT NOT NULL,
                price    REAL NOT NULL,
                currency TEXT NOT NULL,
                garment  BLOB NOT NULL,
                PRIMARY KEY (peer, id)
            ) STRICT;
        ",
        fixup: None,
    },
    Migration {
        version: 11,
        description: "stylist sessions: decisions the shopper took after a session, until the \
                      stylist's Anprobe has them; on the stylist's side, the decisions already \
                      recorded (one told again is not recorded twice)",
        sql: "
            CREATE TABLE decisions_to_tell (
                peer     TEXT NOT NULL,
                proposal INTEGER NOT NULL,
                stylist  TEXT NOT NULL,
                accepted INTEGER NOT NULL,
                garment  TEXT NOT NULL,
                size     TEXT NOT NULL,
                proposed TEXT NOT NULL,
                decided  TEXT NOT NULL,
                PRIMARY KEY (peer, proposal)
            ) STRICT;
            CREATE TABLE decisions_heard (
                peer     TEXT NOT NULL,
                proposal INTEGER NOT NULL,
                PRIMARY KEY (peer, proposal)
            ) STRICT;
        ",
        fixup: None,
    },
    Migration {
        version: 12,
        description: "stylist sessions, the stylist's side: each client by their endpoint key, \
                      under a name of their own (two clients who give the same name, or none, \
                      are two clients on the timeline)",
        sql: "
            CREATE TABLE session_clients (
                key  TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                said TEXT NOT NULL
            ) STRICT;
        ",
        fixup: None,
    },
];

/// The note a v6 migration (or a version-1 backup) leaves on a snapshot whose waist it moved.
pub const NAVEL_WAIST_NOTE: &str = "The waist typed before December 2026 was taken at the navel: \
     it is kept as omphalion_girth (waist at navel); the natural waist is predicted from it \
     until it is measured.";

/// v6: snapshot values and consent keys named `waist_girth` were the navel's girth; they are
/// renamed `omphalion_girth` and re-sealed. A row whose seal already failed is left as it is, so
/// the damage stays visible.
fn navel_waist_v6(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let rows: Vec<recovery::SnapshotRow> = {
        let mut stmt = tx.prepare(
            "SELECT id, profile_id, taken, form, unit, seal FROM snapshots WHERE id IN \
             (SELECT snapshot_id FROM snapshot_values WHERE key = 'waist_girth')",
        )?;
        stmt.query_map([], recovery::snapshot_row)?
            .collect::<rusqlite::Result<_>>()?
    };
    for (id, profile_id, taken, form, unit, seal) in rows {
        let Ok(mut values) =
            recovery::check_snapshot(tx, id, profile_id, &taken, &form, &unit, &seal)
        else {
            continue;
        };
        if values.iter().any(|(k, _)| k == "omphalion_girth") {
            continue;
        }
        for (key, _) in &mut values {
            if key == "waist_girth" {
                *key = "omphalion_girth".to_string();
            }
        }
        tx.execute(
            "UPDATE snapshot_values SET key = 'omphalion_girth' \
             WHERE snapshot_id = ?1 AND key = 'waist_girth'",
            [id],
        )?;
        let seal = recovery::snapshot_seal(id, profile_id, &taken, &form, &unit, &values);
        tx.execute(
            "UPDATE snapshots SET seal = ?1, note = ?2 WHERE id = ?3",
            rusqlite::params![seal, NAVEL_WAIST_NOTE, id],
        )?;
    }
    for (rowid, counterpart, kind, keys, orders, contacts, old) in consent_rows(tx)? {
        let listed: Vec<&str> = keys.split(',').collect();
        if !listed.contains(&"waist_girth")
            || recovery::consent_seal(&counterpart, &kind, &keys, orders, contacts) != old
        {
            continue;
        }
        let keys = navel_keys(&keys);
        let new = recovery::consent_seal(&counterpart, &kind, &keys, orders, contacts);
        tx.execute(
            "UPDATE consents SET keys = ?1, seal = ?2 WHERE rowid = ?3",
            rusqlite::params![keys, new, rowid],
        )?;
    }
    Ok(())
}

/// A stored key list (`chest_girth,waist_girth`) with the navel's waist under its own name, in
/// the order of the keys (`chest_girth,omphalion_girth`).
pub(crate) fn navel_keys(keys: &str) -> String {
    use crate::measurements::Key;
    let keys: Vec<Key> = keys
        .split(',')
        .filter_map(Key::parse)
        .map(|k| match k {
            Key::WaistGirth => Key::OmphalionGirth,
            other => other,
        })
        .collect();
    super::consent::keys_text(&keys)
}

const V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value ANY NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('generation', 0);

CREATE TABLE profiles (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
) STRICT;

CREATE TABLE snapshots (
    id         INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    taken      TEXT NOT NULL,
    form       TEXT NOT NULL,
    unit       TEXT NOT NULL,
    seal       TEXT NOT NULL
) STRICT;
CREATE INDEX snapshots_by_profile ON snapshots (profile_id, taken, id);

CREATE TABLE snapshot_values (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       REAL NOT NULL,
    PRIMARY KEY (snapshot_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE wishlist (
    id        INTEGER PRIMARY KEY,
    retailer  TEXT NOT NULL,
    sku       TEXT NOT NULL,
    name      TEXT NOT NULL,
    size      TEXT NOT NULL,
    colourway TEXT NOT NULL,
    price     REAL NOT NULL,
    currency  TEXT NOT NULL,
    note      TEXT NOT NULL,
    added     TEXT NOT NULL
) STRICT;

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    retailer     TEXT NOT NULL,
    order_number TEXT NOT NULL,
    date         TEXT NOT NULL,
    UNIQUE (retailer COLLATE NOCASE, order_number)
) STRICT;
CREATE INDEX orders_by_date ON orders (date, id);

CREATE TABLE order_items (
    id                 INTEGER PRIMARY KEY,
    order_id           INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    sku                TEXT NOT NULL,
    name               TEXT NOT NULL,
    size               TEXT NOT NULL,
    price              REAL NOT NULL,
    currency           TEXT NOT NULL,
    return_window_days INTEGER,
    status             TEXT NOT NULL
        CHECK (status IN ('ordered', 'delivered', 'kept', 'returned'))
) STRICT;
CREATE INDEX order_items_by_order ON order_items (order_id);

CREATE TABLE returns (
    item_id INTEGER PRIMARY KEY REFERENCES order_items(id) ON DELETE CASCADE,
    date    TEXT NOT NULL,
    reason  TEXT NOT NULL
) STRICT;

CREATE TABLE return_fit (
    item_id INTEGER NOT NULL REFERENCES returns(item_id) ON DELETE CASCADE,
    region  TEXT NOT NULL,
    verdict TEXT NOT NULL,
    PRIMARY KEY (item_id, region)
) STRICT, WITHOUT ROWID;

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    counterpart TEXT NOT NULL,
    kind        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    date        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    outcome     TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_by_counterpart ON contacts (counterpart COLLATE NOCASE, date);

CREATE TABLE consents (
    counterpart   TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind          TEXT NOT NULL,
    keys          TEXT NOT NULL,
    share_history INTEGER NOT NULL,
    seal          TEXT NOT NULL
) STRICT;
";

/// Every consent row (v3 and later columns), for a migration to re-seal.
fn consent_rows(tx: &Transaction<'_>) -> Result<Vec<recovery::ConsentRow>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT rowid, counterpart, kind, keys, share_orders, share_contacts, seal FROM consents",
    )?;
    let rows = stmt
        .query_map([], recovery::consent_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// v3: consent seals cover both new flags. A row is re-sealed only when its v2 seal still holds;
/// a row that was already altered keeps a seal that fails, so the damage stays visible.
fn reseal_consents_v3(tx: &Transaction<'_>) -> Result<(), StoreError> {
    for (rowid, counterpart, kind, keys, orders, contacts, old) in consent_rows(tx)? {
        if recovery::consent_seal_v1(&counterpart, &kind, &keys, orders) != old {
            continue;
        }
        let new = recovery::consent_seal(&counterpart, &kind, &keys, orders, contacts);
        tx.execute(
            "UPDATE consents SET seal = ?1 WHERE rowid = ?2",
            rusqlite::params![new, rowid],
        )?;
    }
    Ok(())
}

/// The schema version of an open database.
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Applies every migration after `from`, in one transaction.
pub(crate) fn migrate(conn: &mut Connection, from: u32) -> Result<(), StoreError> {
    if from >= LATEST_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for migration in MIGRATIONS.iter().filter(|m| m.version > from) {
        tx.execute_batch(migration.sql)?;
        if let Some(fixup) = migration.fixup {
            fixup(&tx)?;
        }
        tx.pragma_update(None, "user_version", migration.version)?;
    }
    tx.commit()?;
    Ok(())
}
