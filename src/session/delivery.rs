//! Nothing proposed or decided is lost or applied twice across a dropped connection: the sender
//! keeps each message with an id until it is acknowledged and sends what is unacknowledged again
//! after reconnecting ([`Outbox`]); the receiver applies an id once and acknowledges every copy
//! ([`Inbox`]). The outbox is kept in the store so that a restart loses nothing either; the
//! shopper's side keeps the ids it recorded there too, and acknowledges an id only once its
//! record is written (`host::Host::recorded`).

use super::protocol::Message;
use std::collections::{BTreeMap, BTreeSet};

/// What a side sent and has not yet seen acknowledged, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outbox {
    next_id: u64,
    waiting: BTreeMap<u64, Message>,
}

impl Outbox {
    /// An outbox whose next id is `next_id` (ids only grow, also across sessions).
    pub fn starting_at(next_id: u64) -> Outbox {
        Outbox {
            next_id,
            waiting: BTreeMap::new(),
        }
    }

    /// The id [`Outbox::next_id`] will give.
    pub fn peek_next(&self) -> u64 {
        self.next_id
    }

    /// A fresh id for a message about to be sent.
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Keeps `message` (one with an id) until acknowledged; returns it to send.
    pub fn send(&mut self, message: Message) -> Message {
        if let Some(id) = message.id() {
            self.waiting.insert(id, message.clone());
        }
        message
    }

    /// Keeps a message sent before (by an earlier run, read back from the store) as waiting;
    /// ids given from now on come after it.
    pub fn keep(&mut self, message: Message) {
        if let Some(id) = message.id() {
            self.next_id = self.next_id.max(id + 1);
            self.waiting.insert(id, message);
        }
    }

    /// The peer acknowledged `id`; whether it was waiting.
    pub fn acknowledged(&mut self, id: u64) -> bool {
        self.waiting.remove(&id).is_some()
    }

    /// What to send again after reconnecting, oldest first.
    pub fn unacknowledged(&self) -> impl Iterator<Item = &Message> {
        self.waiting.values()
    }
}

/// The ids a side has applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inbox {
    applied: BTreeSet<u64>,
}

impl Inbox {
    /// An inbox that already applied `ids` (by an earlier run, read back from the store).
    pub fn with_applied(ids: impl IntoIterator<Item = u64>) -> Inbox {
        Inbox {
            applied: ids.into_iter().collect(),
        }
    }

    /// Whether `id` was applied.
    pub fn is_applied(&self, id: u64) -> bool {
        self.applied.contains(&id)
    }

    /// The ids applied, in order.
    pub fn ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.applied.iter().copied()
    }

    /// Marks `id` applied; whether it was not before.
    pub fn apply(&mut self, id: u64) -> bool {
        self.applied.insert(id)
    }

    /// A message arrived: `Some(ack)` to send back for a message with an id, and whether to
    /// apply it (`false` for a copy of one applied already). Messages without an id are applied
    /// and not acknowledged.
    pub fn receive(&mut self, message: &Message) -> (Option<Message>, bool) {
        match message.id() {
            Some(id) => (Some(Message::Ack { id }), self.applied.insert(id)),
            None => (None, true),
        }
    }
}
