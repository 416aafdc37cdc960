//! The stylist's side of a session, as a state machine over frames (whatever carries them): it
//! says hello first (again after each reconnect, then sends again what the shopper has not
//! acknowledged, garments included); it reads the shopper's hello, the body the consent
//! allows, the outfit, decisions (also those taken after an earlier session: answered `noted`)
//! and chat; it acknowledges each id and applies it once.

use super::delivery::{Inbox, Outbox};
use super::protocol::{FrameError, Message, VERSION, View, decode, encode, frame_raw};
use crate::measurements::{Form, Key};
use crate::store::LateDecision;
use std::collections::{BTreeMap, BTreeSet};

/// What the shopper's side did, for the stylist's app.
#[derive(Debug, Clone, PartialEq)]
pub enum GuestEvent {
    /// The shopper answered hello: the session is live.
    Welcomed {
        /// The shopper's name.
        name: String,
    },
    /// The measurements the shopper's consent lets the stylist see (sent again on change).
    Body {
        /// The body's form.
        form: Form,
        /// Only the consented keys.
        values: BTreeMap<Key, f64>,
    },
    /// What the shopper wears.
    Outfit {
        /// (retailer, SKU, size) per garment.
        worn: Vec<(String, String, String)>,
    },
    /// What became of a proposal.
    Decision {
        /// The proposal.
        proposal: u64,
        /// Accepted by the shopper.
        accepted: bool,
        /// Refused without the shopper: why the garment failed validation.
        refused: Option<String>,
    },
    /// A decision the shopper took after an earlier session on one of this stylist's
    /// proposals (answered `noted` at once; a copy within a run is not reported again).
    DecidedLater(LateDecision),
    /// The shopper's chat message.
    Chat {
        /// Its text.
        text: String,
    },
    /// The shopper received the message with this id.
    Acknowledged {
        /// The id.
        id: u64,
    },
    /// The shopper ended the session.
    Ended {
        /// Why (may be empty).
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Live,
    Ended,
}

/// The stylist's side of one session.
pub struct Guest {
    name: String,
    state: State,
    inbox: Inbox,
    outbox: Outbox,
    garments: BTreeMap<u64, Vec<u8>>,
    /// The proposals whose late decision was reported in this run.
    noted: BTreeSet<u64>,
    events: Vec<GuestEvent>,
}

impl Guest {
    /// The stylist `name`'s side; ids of what the stylist sends start at `next_id`.
    pub fn new(name: &str, next_id: u64) -> Guest {
        Guest {
            name: name.to_string(),
            state: State::Waiting,
            inbox: Inbox::default(),
            outbox: Outbox::starting_at(next_id),
            garments: BTreeMap::new(),
            noted: BTreeSet::new(),
            events: Vec::new(),
        }
    }

    /// What an earlier run sent and was not acknowledged (from the store): sent again on
    /// connecting, a proposal with its garment.
    pub fn with_pending(mut self, pending: super::kept::Pending) -> Guest {
        for (message, garment) in pending {
            if let (Some(id), Some(garment)) = (message.id(), garment) {
                self.garments.insert(id, garment);
            }
            self.outbox.keep(message);
        }
        self
    }

    /// Whether the session is over.
    pub fn is_ended(&self) -> bool {
        self.state == State::Ended
    }

    /// Whether the shopper answered hello on this connection.
    pub fn is_live(&self) -> bool {
        self.state == State::Live
    }

    /// What happened since the last call.
    pub fn take_events(&mut self) -> Vec<GuestEvent> {
        std::mem::take(&mut self.events)
    }

    /// Whether everything sent was acknowledged.
    pub fn all_acknowledged(&self) -> bool {
        self.outbox.unacknowledged().next().is_none()
    }

    /// The frames that open a connection (the first or a reconnect): hello, then what was sent
    /// and not acknowledged, oldest first, each proposal with its garment.
    pub fn connected(&mut self) -> Vec<Vec<u8>> {
        if self.state != State::Ended {
            self.state = State::Waiting;
        }
        let mut frames = vec![encode(&Message::Hello {
            version: VERSION,
            name: self.name.clone(),
        })];
        for message in self.outbox.unacknowledged() {
            frames.push(encode(message));
            if let Some(bytes) = message.id().and_then(|id| self.garments.get(&id)) {
                frames.push(frame_raw(bytes));
            }
        }
        frames
    }

    /// Proposes `garment` (a .glb file's bytes) in `size`: its id and the frames to send.
    pub fn propose(&mut self, garment: Vec<u8>, size: &str, note: &str) -> (u64, Vec<Vec<u8>>) {
        let id = self.outbox.next_id();
        let message = self.outbox.send(Message::Proposal {
            id,
            glb_bytes: garment.len() as u64,
            size: size.to_string(),
            note: note.to_string(),
        });
        let frames = vec![encode(&message), frame_raw(&garment)];
        self.garments.insert(id, garment);
        (id, frames)
    }

    /// A chat message: its id and its frame.
    pub fn say(&mut self, text: &str) -> (u64, Vec<u8>) {
        let id = self.outbox.next_id();
        let text = text.to_string();
        (id, encode(&self.outbox.send(Message::Chat { id, text })))
    }

    /// A note pinned on the avatar at `at` (metres): its id and its frame.
    pub fn pin(&mut self, at: [f32; 3], text: &str) -> (u64, Vec<u8>) {
        let id = self.outbox.next_id();
        let text = text.to_string();
        (id, encode(&self.outbox.send(Message::Pin { id, at, text })))
    }

    /// "Look at the back": its frame.
    pub fn look(&self, view: View) -> Vec<u8> {
        encode(&Message::Look { view })
    }

    /// The stylist ends the session: its frame.
    pub fn end(&mut self, reason: &str) -> Vec<u8> {
        self.state = State::Ended;
        encode(&Message::End {
            reason: reason.to_string(),
        })
    }

    /// One frame's body from the shopper: the frames to send back. An `Err` closes the
    /// connection (its reason logged); what was sent stays for the reconnect.
    pub fn receive(&mut self, body: &[u8]) -> Result<Vec<Vec<u8>>, FrameError> {
        let message = decode(body)?;
        match (self.state, message) {
            (State::Ended, _) => Err(FrameError::Invalid("the session has ended".into())),
            (State::Waiting, Message::Hello { name, .. }) => {
                self.state = State::Live;
                self.events.push(GuestEvent::Welcomed { name });
                Ok(Vec::new())
            }
            (State::Waiting, other) => Err(FrameError::Invalid(format!(
                "expected hello first, not {}",
                other.kind()
            ))),
            (State::Live, message) => self.message(message),
        }
    }

    fn message(&mut self, message: Message) -> Result<Vec<Vec<u8>>, FrameError> {
        let (ack, fresh) = self.inbox.receive(&message);
        match message {
            Message::Body { form, values } => self.events.push(GuestEvent::Body { form, values }),
            Message::Outfit { worn } => self.events.push(GuestEvent::Outfit { worn }),
            Message::Decision {
                proposal,
                accepted,
                refused,
                ..
            } if fresh => self.events.push(GuestEvent::Decision {
                proposal,
                accepted,
                refused,
            }),
            Message::Chat { text, .. } if fresh => self.events.push(GuestEvent::Chat { text }),
            Message::LateDecision(decision) => {
                let proposal = decision.proposal;
                if self.noted.insert(proposal) {
                    self.events.push(GuestEvent::DecidedLater(decision));
                }
                return Ok(vec![encode(&Message::Noted { proposal })]);
            }
            Message::Decision { .. } | Message::Chat { .. } => {}
            Message::Ack { id } => {
                if self.outbox.acknowledged(id) {
                    self.garments.remove(&id);
                    self.events.push(GuestEvent::Acknowledged { id });
                }
            }
            Message::End { reason } => {
                self.state = State::Ended;
                self.events.push(GuestEvent::Ended { reason });
            }
            other => {
                return Err(FrameError::Invalid(format!(
                    "a shopper does not send {}",
                    other.kind()
                )));
            }
        }
        Ok(ack.iter().map(encode).collect())
    }
}
