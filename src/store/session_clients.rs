//! The stylist's side: each client a stylist advised in a session, known by their endpoint key
//! (the ticket pins it), under a name of their own on the stylist's timeline. A name alone would
//! merge two clients who give the same one — every shopper who kept the app's default profile
//! name, or gave none — and show one client's earlier sessions in another's.

use super::stylists::hex;
use super::{Store, StoreError};
use rusqlite::{OptionalExtension, Transaction, params};

/// Whether `name` is kept for a client other than `key`.
fn taken(tx: &Transaction<'_>, name: &str, key: &str) -> Result<bool, StoreError> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM session_clients WHERE name = ?1 COLLATE NOCASE AND key <> ?2",
            params![name, key],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

impl Store {
    /// The name the client with endpoint key `key`, who gives the name `name` in this session,
    /// is kept under. The first time a key is seen: `name` itself unless another client is kept
    /// under it, else `name (2)`, `name (3)` … A client who gives the same name as last time keeps
    /// the name they are kept under; one who gives another name is kept under that one (made
    /// their own the same way), and their records on the timeline move to it: one history per
    /// client.
    pub fn session_client(&mut self, key: &[u8; 32], name: &str) -> Result<String, StoreError> {
        let key = hex(key);
        let name = name.trim().to_string();
        self.write(|tx| {
            let old: Option<(String, String)> = tx
                .query_row(
                    "SELECT name, said FROM session_clients WHERE key = ?1",
                    [&key],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((kept, said)) = &old
                && *said == name
            {
                return Ok(kept.clone());
            }
            let mut kept = name.clone();
            let mut n = 2;
            while taken(tx, &kept, &key)? {
                kept = format!("{name} ({n})");
                n += 1;
            }
            tx.execute(
                "INSERT INTO session_clients (key, name, said) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET name = excluded.name, said = excluded.said",
                params![key, kept, name],
            )?;
            if let Some((old, _)) = old
                && old != kept
            {
                tx.execute(
                    "UPDATE contacts SET counterpart = ?1
                     WHERE kind = 'client' AND counterpart = ?2 COLLATE NOCASE",
                    params![kept, old],
                )?;
            }
            Ok(kept)
        })
    }
}
