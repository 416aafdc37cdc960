//! Proposals a stylist made that the shopper has not decided on yet, each with its garment file
//! (as the stylist sent it and the importer accepted it): kept when the session records it,
//! dropped when the shopper decides — in the session, or later, when the decision goes on the
//! stylist's timeline (and an accepted garment on the wishlist) in the same transaction, and is
//! kept to be told to the stylist (`late_decisions`).

use super::late_decisions::DecisionToTell;
use super::stylists::{hex, unhex};
use super::timeline::{NewContact, insert_contact};
use super::wishlist::{NewWishlistItem, insert_item};
use super::{Store, StoreError};
use rusqlite::{OptionalExtension, Transaction, params};

/// A proposal still open, as kept (its garment file apart: [`Store::open_proposal_garment`]).
#[derive(Clone, Debug, PartialEq)]
pub struct OpenProposal {
    /// The stylist's endpoint key.
    pub peer: [u8; 32],
    /// The proposal's id (the stylist's).
    pub id: u64,
    /// The stylist (the consent's name).
    pub stylist: String,
    /// The day it arrived (ISO 8601).
    pub received: String,
    /// The garment's retailer.
    pub retailer: String,
    /// The garment's SKU.
    pub sku: String,
    /// The garment's name.
    pub name: String,
    /// The size proposed.
    pub size: String,
    /// The garment's first colourway (may be empty).
    pub colour: String,
    /// The stylist's note (may be empty).
    pub note: String,
    /// Its price.
    pub price: f64,
    /// The price's currency.
    pub currency: String,
}

/// What a session's record changes among the open proposals, written with it.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenChanges<'a> {
    /// Proposals that arrived, with their garment files: kept until decided.
    pub keep: &'a [(OpenProposal, &'a [u8])],
    /// Ids of the record's stylist's proposals decided in the session: no longer open.
    pub decided: &'a [u64],
}

const COLUMNS: &str =
    "peer, id, stylist, received, retailer, sku, name, size, colour, note, price, currency";

/// Stored as SQLite's signed integer, bit for bit.
fn stored_id(id: u64) -> i64 {
    id as i64
}

/// Writes `changes` for the stylist `peer` within `tx`.
pub(super) fn apply(
    tx: &Transaction<'_>,
    peer: &[u8; 32],
    changes: &OpenChanges,
) -> Result<(), StoreError> {
    for (p, garment) in changes.keep {
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO open_proposals ({COLUMNS}, garment) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ),
            params![
                hex(&p.peer),
                stored_id(p.id),
                p.stylist,
                p.received,
                p.retailer,
                p.sku,
                p.name,
                p.size,
                p.colour,
                p.note,
                p.price,
                p.currency,
                garment
            ],
        )?;
    }
    for &id in changes.decided {
        tx.execute(
            "DELETE FROM open_proposals WHERE peer = ?1 AND id = ?2",
            params![hex(peer), stored_id(id)],
        )?;
    }
    Ok(())
}

impl Store {
    /// Every proposal still open, oldest first (by day, then stylist and id). A row whose key is
    /// not one is skipped.
    pub fn open_proposals(&self) -> Result<Vec<OpenProposal>, StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM open_proposals ORDER BY received, stylist, id"
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    OpenProposal {
                        peer: [0; 32],
                        id: r.get::<_, i64>(1)? as u64,
                        stylist: r.get(2)?,
                        received: r.get(3)?,
                        retailer: r.get(4)?,
                        sku: r.get(5)?,
                        name: r.get(6)?,
                        size: r.get(7)?,
                        colour: r.get(8)?,
                        note: r.get(9)?,
                        price: r.get(10)?,
                        currency: r.get(11)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(key, p)| {
                Some(OpenProposal {
                    peer: unhex(&key)?,
                    ..p
                })
            })
            .collect())
    }

    /// The garment file of an open proposal (`None`: not open, or decided meanwhile).
    pub fn open_proposal_garment(
        &self,
        peer: &[u8; 32],
        id: u64,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT garment FROM open_proposals WHERE peer = ?1 AND id = ?2",
                params![hex(peer), stored_id(id)],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The shopper decided on an open proposal after its session (`tell`: the decision, with
    /// the proposal's stylist key and id): in one transaction it is no longer open, `contact`
    /// goes on the timeline, `wish` (an accepted garment) on the wishlist, and `tell` is kept
    /// until the stylist's Anprobe has it. False, with nothing written, when it was not open
    /// (decided meanwhile, e.g. in another window).
    pub fn decide_open_proposal(
        &mut self,
        tell: &DecisionToTell,
        contact: &NewContact,
        wish: Option<&NewWishlistItem>,
    ) -> Result<bool, StoreError> {
        let contact = contact.validated()?;
        let wish = wish.map(NewWishlistItem::validated).transpose()?;
        self.write(|tx| {
            let gone = tx.execute(
                "DELETE FROM open_proposals WHERE peer = ?1 AND id = ?2",
                params![hex(&tell.peer), stored_id(tell.decision.proposal)],
            )?;
            if gone == 0 {
                return Ok(false);
            }
            insert_contact(tx, None, &contact)?;
            if let Some(wish) = &wish {
                insert_item(tx, None, wish)?;
            }
            super::late_decisions::keep(tx, tell)?;
            Ok(true)
        })
    }
}
