//! Decisions the shopper took on a stylist's proposal after its session, on their way to the
//! stylist: kept on the shopper's side from the decision (written in the decision's own
//! transaction) until the stylist's Anprobe says it has them, at their next session; and on
//! the stylist's side, which decisions it already recorded, so that one told again (its answer
//! lost) is not recorded twice.

use super::stylists::{hex, unhex};
use super::timeline::{NewContact, insert_contact};
use super::{Store, StoreError};
use rusqlite::{Transaction, params};

/// A decision the shopper took after a session on one of a stylist's proposals, as it travels
/// to the stylist (the session protocol's `late_decision`) and as the stylist's side records it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LateDecision {
    /// The proposal's id (the stylist's own).
    pub proposal: u64,
    /// Accepted or rejected.
    pub accepted: bool,
    /// The garment's name, as its file names it (the stylist's own garment).
    pub garment: String,
    /// The size proposed.
    pub size: String,
    /// The day the proposal arrived (ISO 8601).
    pub proposed: String,
    /// The day it was decided (ISO 8601).
    pub decided: String,
}

/// A decision taken after the session, kept on the shopper's side until the stylist who
/// proposed it has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionToTell {
    /// The stylist's endpoint key.
    pub peer: [u8; 32],
    /// The stylist (the consent's name).
    pub stylist: String,
    /// The decision.
    pub decision: LateDecision,
}

/// Stored as SQLite's signed integer, bit for bit.
fn stored_id(id: u64) -> i64 {
    id as i64
}

/// Keeps `tell` within `tx` (a second decision on the same proposal replaces none: a proposal
/// is decided once).
pub(super) fn keep(tx: &Transaction<'_>, tell: &DecisionToTell) -> Result<(), StoreError> {
    let d = &tell.decision;
    tx.execute(
        "INSERT OR IGNORE INTO decisions_to_tell
         (peer, proposal, stylist, accepted, garment, size, proposed, decided)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            hex(&tell.peer),
            stored_id(d.proposal),
            tell.stylist,
            d.accepted,
            d.garment,
            d.size,
            d.proposed,
            d.decided
        ],
    )?;
    Ok(())
}

impl Store {
    /// Every decision not yet told to its stylist, by stylist key then proposal. A row whose key
    /// is not one is skipped.
    pub fn decisions_to_tell(&self) -> Result<Vec<DecisionToTell>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT peer, proposal, stylist, accepted, garment, size, proposed, decided
             FROM decisions_to_tell ORDER BY peer, proposal",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    DecisionToTell {
                        peer: [0; 32],
                        stylist: r.get(2)?,
                        decision: LateDecision {
                            proposal: r.get::<_, i64>(1)? as u64,
                            accepted: r.get(3)?,
                            garment: r.get(4)?,
                            size: r.get(5)?,
                            proposed: r.get(6)?,
                            decided: r.get(7)?,
                        },
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(key, d)| {
                Some(DecisionToTell {
                    peer: unhex(&key)?,
                    ..d
                })
            })
            .collect())
    }

    /// The stylist `peer` has the decision on their proposal `proposal`: no longer kept.
    pub fn decision_told(&mut self, peer: &[u8; 32], proposal: u64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM decisions_to_tell WHERE peer = ?1 AND proposal = ?2",
                params![hex(peer), stored_id(proposal)],
            )?;
            Ok(())
        })
    }

    /// The stylist's side: the shopper `peer` told a decision taken after the session on the
    /// proposal `proposal`; `contact` goes on the timeline with it, in one transaction, unless
    /// that decision was recorded before (false, nothing written).
    pub fn record_heard_decision(
        &mut self,
        peer: &[u8; 32],
        proposal: u64,
        contact: &NewContact,
    ) -> Result<bool, StoreError> {
        let contact = contact.validated()?;
        self.write(|tx| {
            let fresh = tx.execute(
                "INSERT OR IGNORE INTO decisions_heard (peer, proposal) VALUES (?1, ?2)",
                params![hex(peer), stored_id(proposal)],
            )? > 0;
            if fresh {
                insert_contact(tx, None, &contact)?;
            }
            Ok(fresh)
        })
    }
}
