//! The outbox in the store, for both sides: what was sent and not acknowledged is kept
//! (`Store::keep_outgoing`) and read back at the next start, so that a message survives a
//! restart as it survives a dropped connection. The command line and the app use these.

use super::protocol::Message;
use crate::store::{SessionSide, Store, StoreError};

/// What a side sent and was not acknowledged, oldest first, a proposal with its garment file.
pub type Pending = Vec<(Message, Option<Vec<u8>>)>;

/// What the shopper's side sent each stylist (by key) and was not acknowledged.
pub type PendingByStylist = Vec<([u8; 32], Vec<Message>)>;

pub use crate::store::AppliedByStylist;

/// Keeps `message` (one with an id) sent to `peer` until acknowledged.
pub fn keep(
    store: &mut Store,
    side: SessionSide,
    peer: &[u8; 32],
    message: &Message,
    garment: Option<&[u8]>,
) -> Result<(), StoreError> {
    let Some(id) = message.id() else {
        return Ok(());
    };
    let json = serde_json::to_string(message).expect("a message is always JSON");
    store.keep_outgoing(side, peer, id, &json, garment)
}

/// What the shopper's side sent each stylist and was not acknowledged, by stylist key. A row
/// that is no message (a damaged store) is left out.
pub fn for_shopper(store: &Store) -> Result<PendingByStylist, StoreError> {
    let mut all = Vec::new();
    for peer in store.outgoing_peers(SessionSide::Shopper)? {
        let messages = store
            .outgoing(SessionSide::Shopper, &peer)?
            .into_iter()
            .filter_map(|(_, json, _)| serde_json::from_str(&json).ok())
            .collect();
        all.push((peer, messages));
    }
    Ok(all)
}

/// What the stylist's side sent the shopper `peer` and was not acknowledged, each proposal with
/// its garment.
pub fn for_stylist(store: &Store, peer: &[u8; 32]) -> Result<Pending, StoreError> {
    Ok(store
        .outgoing(SessionSide::Stylist, peer)?
        .into_iter()
        .filter_map(|(_, json, garment)| Some((serde_json::from_str(&json).ok()?, garment)))
        .collect())
}
