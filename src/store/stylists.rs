//! Stylists paired for sessions: each stylist's endpoint key with the name their consent is
//! under (a stylist comes back without a new code; an unknown key is refused), the next
//! message id of each side (ids only grow, also across sessions, so a receiver never mistakes a
//! new message for an old one), and the outbox: what a side sent to a peer and the peer has not
//! acknowledged yet (a proposal with its garment file), sent again after a restart; and the ids
//! of what each stylist sent that the shopper's record holds, written with the record.

use super::open_proposals::OpenChanges;
use super::timeline::{NewContact, insert_contact};
use super::{Store, StoreError, date};
use rusqlite::{OptionalExtension, params};

/// The ids of what each stylist (by endpoint key) sent that the shopper's record holds.
pub type AppliedByStylist = Vec<([u8; 32], Vec<u64>)>;

/// A kept message: its id, its JSON and a proposal's garment file.
pub type OutgoingRow = (u64, String, Option<Vec<u8>>);

/// Which side of a session an id counter is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionSide {
    /// What this machine sends as the shopper.
    Shopper,
    /// What this machine sends as a stylist.
    Stylist,
}

impl SessionSide {
    fn as_str(self) -> &'static str {
        match self {
            SessionSide::Shopper => "shopper",
            SessionSide::Stylist => "stylist",
        }
    }
}

/// A key as stored: 64 hex digits.
pub(super) fn hex(key: &[u8; 32]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut key = [0u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

impl Store {
    /// Keeps a stylist's endpoint key under `counterpart` (the consent's name); paired again,
    /// the name is replaced.
    pub fn pair_stylist(&mut self, key: &[u8; 32], counterpart: &str) -> Result<(), StoreError> {
        let counterpart = super::validate::required("stylist", counterpart)?;
        let today = date::today_local();
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO stylist_keys (key, counterpart, paired) VALUES (?1, ?2, ?3)",
                params![hex(key), counterpart, today],
            )?;
            Ok(())
        })
    }

    /// Every paired stylist: (key, name), by name. A row whose key is not one is skipped.
    pub fn paired_stylists(&self) -> Result<Vec<([u8; 32], String)>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT key, counterpart FROM stylist_keys ORDER BY counterpart COLLATE NOCASE",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(key, name)| Some((unhex(&key)?, name)))
            .collect())
    }

    /// Forgets a stylist's keys (and which of their messages were recorded): they need a new
    /// code to come back. Whether any was kept.
    pub fn unpair_stylist(&mut self, counterpart: &str) -> Result<bool, StoreError> {
        let counterpart = counterpart.to_string();
        self.write(|tx| {
            tx.execute(
                "DELETE FROM session_applied WHERE peer IN
                 (SELECT key FROM stylist_keys WHERE counterpart = ?1 COLLATE NOCASE)",
                [&counterpart],
            )?;
            Ok(tx.execute(
                "DELETE FROM stylist_keys WHERE counterpart = ?1 COLLATE NOCASE",
                [counterpart],
            )? > 0)
        })
    }

    /// The id the next message this side sends will carry (1 at first).
    pub fn session_next_id(&self, side: SessionSide) -> Result<u64, StoreError> {
        let id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT next_id FROM session_ids WHERE side = ?1",
                [side.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(id.map_or(1, |id| id.max(1) as u64))
    }

    /// Keeps the next id of a side (never lower than it was).
    pub fn set_session_next_id(&mut self, side: SessionSide, next: u64) -> Result<(), StoreError> {
        let next = next.min(i64::MAX as u64) as i64;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO session_ids (side, next_id) VALUES (?1, ?2)
                 ON CONFLICT (side) DO UPDATE SET next_id = max(next_id, excluded.next_id)",
                params![side.as_str(), next],
            )?;
            Ok(())
        })
    }

    /// Keeps a message sent to `peer` until it is acknowledged (`message`: its JSON; a
    /// proposal's `garment` file with it).
    pub fn keep_outgoing(
        &mut self,
        side: SessionSide,
        peer: &[u8; 32],
        id: u64,
        message: &str,
        garment: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        let (peer, id) = (hex(peer), id.min(i64::MAX as u64) as i64);
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO session_outbox (side, peer, id, message, garment)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![side.as_str(), peer, id, message, garment],
            )?;
            Ok(())
        })
    }

    /// `peer` acknowledged message `id`: it is no longer kept.
    pub fn drop_outgoing(
        &mut self,
        side: SessionSide,
        peer: &[u8; 32],
        id: u64,
    ) -> Result<(), StoreError> {
        let (peer, id) = (hex(peer), id.min(i64::MAX as u64) as i64);
        self.write(|tx| {
            tx.execute(
                "DELETE FROM session_outbox WHERE side = ?1 AND peer = ?2 AND id = ?3",
                params![side.as_str(), peer, id],
            )?;
            Ok(())
        })
    }

    /// What this side sent to `peer` and is not acknowledged: (id, JSON, garment), oldest first.
    pub fn outgoing(
        &self,
        side: SessionSide,
        peer: &[u8; 32],
    ) -> Result<Vec<OutgoingRow>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, message, garment FROM session_outbox WHERE side = ?1 AND peer = ?2
             ORDER BY id",
        )?;
        let rows = stmt
            .query_map(params![side.as_str(), hex(peer)], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every peer this side has messages waiting for, by key.
    pub fn outgoing_peers(&self, side: SessionSide) -> Result<Vec<[u8; 32]>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT peer FROM session_outbox WHERE side = ?1 ORDER BY peer")?;
        let rows = stmt
            .query_map([side.as_str()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.iter().filter_map(|k| unhex(k)).collect())
    }

    /// Writes a stylist session's record as it stands — a new contact, or contact `contact`
    /// again (a new one if it is gone) — and, in the same transaction, the ids of what the
    /// stylist `peer` sent that it now holds and what changed among the open proposals (those
    /// that arrived, with their files; those decided): all of it is kept or none. The contact's
    /// id.
    pub fn record_session(
        &mut self,
        contact: Option<i64>,
        record: &NewContact,
        peer: &[u8; 32],
        ids: &[u64],
        open: &OpenChanges,
    ) -> Result<i64, StoreError> {
        let record = record.validated()?;
        let key = peer;
        let peer = hex(peer);
        self.write(|tx| {
            super::open_proposals::apply(tx, key, open)?;
            let existing = match contact {
                Some(id) => tx.execute("DELETE FROM contacts WHERE id = ?1", [id])? > 0,
                None => false,
            };
            let id = insert_contact(tx, contact.filter(|_| existing), &record)?;
            for &applied in ids {
                // Stored as SQLite's signed integer, bit for bit.
                tx.execute(
                    "INSERT OR IGNORE INTO session_applied (peer, id) VALUES (?1, ?2)",
                    params![peer, applied as i64],
                )?;
            }
            Ok(id)
        })
    }

    /// The ids of what each stylist (by key) sent that the shopper's record holds. A row whose
    /// key is not one is skipped.
    pub fn session_applied(&self) -> Result<AppliedByStylist, StoreError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT peer, id FROM session_applied ORDER BY peer, id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut all: AppliedByStylist = Vec::new();
        for (peer, id) in rows {
            let Some(key) = unhex(&peer) else { continue };
            match all.last_mut() {
                Some((last, ids)) if *last == key => ids.push(id as u64),
                _ => all.push((key, vec![id as u64])),
            }
        }
        Ok(all)
    }
}
