//! The shopper's side of a session, as a state machine over frames (whatever carries them): the
//! stylist must say hello first; every frame is checked (`protocol`); a proposal's garment is
//! read with the same importer and limits as a local import and, when it fails, refused on the
//! shopper's side with the importer's reason; what the stylist sends is applied once per id and
//! acknowledged once the caller has written it to the shopper's record ([`Host::recorded`]), so
//! a crash in between loses nothing; the body sent is filtered by the consent, again whenever it
//! or the measurements change.

use super::delivery::{Inbox, Outbox};
use super::protocol::{FrameError, Message, VERSION, View, check_length, decode};
use super::share::body_for;
use crate::garment::{ImportedGarment, import_slice};
use crate::measurements::Measurements;
use crate::store::{Consent, DecisionToTell};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What happened in the session, for the app (and the timeline).
#[derive(Debug)]
pub enum Event {
    /// The stylist said hello.
    Joined {
        /// The stylist's name.
        name: String,
    },
    /// A garment proposed, read and valid: the shopper tries it on and decides.
    Proposed {
        /// The proposal's id.
        id: u64,
        /// The garment.
        garment: Box<ImportedGarment>,
        /// The size proposed.
        size: String,
        /// The stylist's note.
        note: String,
        /// The garment's file, as sent (kept while the proposal is open).
        file: Arc<[u8]>,
    },
    /// A garment proposed whose file failed validation: refused without the shopper.
    Refused {
        /// The proposal's id.
        id: u64,
        /// The importer's reason.
        why: String,
    },
    /// A chat message.
    Chat {
        /// Its id (the stylist's).
        id: u64,
        /// Its text.
        text: String,
    },
    /// A note pinned on the avatar.
    Pin {
        /// Its id (the stylist's).
        id: u64,
        /// Where.
        at: [f32; 3],
        /// Its text.
        text: String,
    },
    /// "Look at the back".
    Look(View),
    /// The stylist received what the shopper sent with this id.
    Acknowledged {
        /// The id.
        id: u64,
    },
    /// The stylist's Anprobe recorded the decision taken after an earlier session on their
    /// proposal `proposal` (it is no longer kept to tell).
    Noted {
        /// The proposal.
        proposal: u64,
    },
    /// The stylist ended the session.
    Ended {
        /// Why (may be empty).
        reason: String,
    },
}

/// Where the session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Paired, waiting for the stylist's hello.
    Waiting,
    /// In session.
    Live,
    /// A proposal came; its garment is the next frame.
    Garment { id: u64, bytes: u64 },
    /// Over: nothing more is read.
    Ended,
}

/// The shopper's side of one session with one stylist.
pub struct Host {
    name: String,
    measurements: Measurements,
    consent: Option<Consent>,
    state: State,
    pending: Option<(String, String)>,
    inbox: Inbox,
    /// Applied, not yet recorded by the caller: acknowledged once it is.
    unrecorded: BTreeSet<u64>,
    outbox: Outbox,
    /// Decisions taken after earlier sessions, by proposal, until the stylist notes them.
    to_tell: BTreeMap<u64, Message>,
    /// The protocol version of this connection (the lower of the stylist's and this side's).
    version: u32,
    events: Vec<Event>,
}

impl Host {
    /// A session of the shopper `name` whose body is `measurements`, the stylist holding
    /// `consent` (`None`: the form alone is shared); ids of what the shopper sends start at
    /// `next_id`.
    pub fn new(
        name: &str,
        measurements: Measurements,
        consent: Option<Consent>,
        next_id: u64,
    ) -> Host {
        Host {
            name: name.to_string(),
            measurements,
            consent,
            state: State::Waiting,
            pending: None,
            inbox: Inbox::default(),
            unrecorded: BTreeSet::new(),
            outbox: Outbox::starting_at(next_id),
            to_tell: BTreeMap::new(),
            version: VERSION,
            events: Vec::new(),
        }
    }

    /// Decisions the shopper took after earlier sessions on this stylist's proposals (from the
    /// store): told after the stylist's hello, at every connection until noted.
    pub fn with_decisions(mut self, decisions: &[DecisionToTell]) -> Host {
        for d in decisions {
            let message = Message::LateDecision(d.decision.clone());
            self.to_tell.insert(d.decision.proposal, message);
        }
        self
    }

    /// A decision the shopper just took on one of this stylist's earlier proposals: the message
    /// to send now, if the stylist is in session and speaks it (else it goes at the next hello).
    pub fn tell(&mut self, decision: &DecisionToTell) -> Option<Message> {
        let message = Message::LateDecision(decision.decision.clone());
        self.to_tell
            .insert(decision.decision.proposal, message.clone());
        (self.is_live() && self.version >= message.since()).then_some(message)
    }

    /// The decisions not yet noted by the stylist, by proposal.
    pub fn untold(&self) -> impl Iterator<Item = u64> + '_ {
        self.to_tell.keys().copied()
    }

    /// Whether the session is over.
    pub fn is_ended(&self) -> bool {
        self.state == State::Ended
    }

    /// What an earlier run sent this stylist and was not acknowledged (from the store): sent
    /// again after the stylist's hello.
    pub fn with_pending(mut self, pending: Vec<Message>) -> Host {
        for message in pending {
            self.outbox.keep(message);
        }
        self
    }

    /// What an earlier run recorded of this stylist's messages (ids, from the store): a copy
    /// sent again is acknowledged and not applied.
    pub fn with_applied(mut self, ids: impl IntoIterator<Item = u64>) -> Host {
        self.inbox = Inbox::with_applied(ids);
        self
    }

    /// The ids of what the stylist sent that were applied (before this run too).
    pub fn applied(&self) -> impl Iterator<Item = u64> + '_ {
        self.inbox.ids()
    }

    /// The caller wrote what the stylist sent with `id` to the shopper's record: the
    /// acknowledgement to send (`None` when it was not waiting for one).
    pub fn recorded(&mut self, id: u64) -> Option<Message> {
        self.unrecorded.remove(&id).then_some(Message::Ack { id })
    }

    /// The acknowledgement for a message `id` as it arrives: a fresh one waits until it is
    /// recorded; a copy of one recorded is acknowledged again (its first acknowledgement may
    /// have been lost).
    fn arrived(&mut self, id: u64, fresh: bool) -> Option<Message> {
        if fresh {
            self.unrecorded.insert(id);
            None
        } else {
            (!self.unrecorded.contains(&id)).then_some(Message::Ack { id })
        }
    }

    /// The id the next message the shopper sends will carry.
    pub fn next_id(&self) -> u64 {
        self.outbox.peek_next()
    }

    /// Whether the stylist said hello on this connection.
    pub fn is_live(&self) -> bool {
        matches!(self.state, State::Live | State::Garment { .. })
    }

    /// The stylist connected again after a dropped connection: hello is awaited again (a
    /// garment cut off halfway is dropped: the stylist sends its proposal again); what either
    /// side applied stays applied.
    pub fn reconnected(&mut self) {
        if self.state != State::Ended {
            self.state = State::Waiting;
            self.pending = None;
        }
    }

    /// What happened since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// What was sent and not yet acknowledged (to send again after reconnecting).
    pub fn unacknowledged(&self) -> Vec<Message> {
        self.outbox.unacknowledged().cloned().collect()
    }

    /// The length a frame declares, checked before its body is read.
    pub fn check_length(&self, len: usize) -> Result<(), FrameError> {
        match self.state {
            State::Garment { bytes, .. } => check_length(len, Some(bytes)),
            _ => check_length(len, None),
        }
    }

    /// One frame's body from the stylist: what to send back. An `Err` closes the connection
    /// (its reason logged); the session's state stays as it was for a reconnect.
    pub fn receive(&mut self, body: &[u8]) -> Result<Vec<Message>, FrameError> {
        self.check_length(body.len())?;
        match self.state {
            State::Ended => Err(FrameError::Invalid("the session has ended".into())),
            State::Garment { id, .. } => Ok(self.garment(id, body)),
            State::Waiting => match decode(body)? {
                Message::Hello { name, version } => {
                    self.state = State::Live;
                    self.version = version.min(VERSION);
                    self.events.push(Event::Joined { name });
                    // Hello (in the version both speak); the decisions taken after earlier
                    // sessions, if the stylist's Anprobe speaks of them; the body (so a stylist
                    // who has the body has heard them); then what the stylist has not
                    // acknowledged (after a reconnect), oldest first.
                    let mut out = vec![Message::Hello {
                        version: self.version,
                        name: self.name.clone(),
                    }];
                    let version = self.version;
                    out.extend(
                        self.to_tell
                            .values()
                            .filter(|m| version >= m.since())
                            .cloned(),
                    );
                    out.push(body_for(&self.measurements, self.consent.as_ref()));
                    out.extend(self.outbox.unacknowledged().cloned());
                    Ok(out)
                }
                other => Err(FrameError::Invalid(format!(
                    "expected hello first, not {}",
                    other.kind()
                ))),
            },
            State::Live => self.message(decode(body)?),
        }
    }

    fn message(&mut self, message: Message) -> Result<Vec<Message>, FrameError> {
        let mut out: Vec<Message> = Vec::new();
        if let Message::Proposal {
            id,
            glb_bytes,
            size,
            note,
        } = message
        {
            // Its garment is the next frame, also for a copy (it is read and dropped). It is
            // applied once the garment is read: one cut off by a dropped connection comes again.
            self.state = State::Garment {
                id,
                bytes: glb_bytes,
            };
            self.pending = (!self.inbox.is_applied(id)).then_some((size, note));
            return Ok(out);
        }
        match message {
            Message::Chat { id, text } => {
                if self.take(id, &mut out) {
                    self.events.push(Event::Chat { id, text });
                }
            }
            Message::Pin { id, at, text } => {
                if self.take(id, &mut out) {
                    self.events.push(Event::Pin { id, at, text });
                }
            }
            Message::Look { view } => self.events.push(Event::Look(view)),
            Message::Noted { proposal } => {
                if self.to_tell.remove(&proposal).is_some() {
                    self.events.push(Event::Noted { proposal });
                }
            }
            Message::Ack { id } => {
                if self.outbox.acknowledged(id) {
                    self.events.push(Event::Acknowledged { id });
                }
            }
            Message::End { reason } => {
                self.state = State::Ended;
                self.events.push(Event::Ended { reason });
            }
            other => {
                return Err(FrameError::Invalid(format!(
                    "a stylist does not send {}",
                    other.kind()
                )));
            }
        }
        Ok(out)
    }

    /// A chat line, note or proposal's garment `id` arrived: whether to apply it (not a copy);
    /// its acknowledgement, if one goes now, into `out`.
    fn take(&mut self, id: u64, out: &mut Vec<Message>) -> bool {
        let fresh = self.inbox.apply(id);
        out.extend(self.arrived(id, fresh));
        fresh
    }

    /// The garment of proposal `id`: read as a local import is; refused with the importer's
    /// reason when invalid; acknowledged once recorded (a copy of one recorded at once).
    fn garment(&mut self, id: u64, bytes: &[u8]) -> Vec<Message> {
        self.state = State::Live;
        let Some((size, note)) = self.pending.take() else {
            // A copy of a proposal already applied.
            return self.arrived(id, false).into_iter().collect();
        };
        // Applied now; acknowledged once recorded.
        let mut out = Vec::new();
        self.take(id, &mut out);
        match import_slice(bytes, None) {
            Ok(garment) => self.events.push(Event::Proposed {
                id,
                garment: Box::new(garment),
                size,
                note,
                file: Arc::from(bytes),
            }),
            Err(errors) => {
                let why = errors.to_string();
                self.events.push(Event::Refused {
                    id,
                    why: why.clone(),
                });
                let decision = self.outbox.next_id();
                out.push(self.outbox.send(Message::Decision {
                    id: decision,
                    proposal: id,
                    accepted: false,
                    refused: Some(why.chars().take(super::protocol::MAX_TEXT).collect()),
                }));
            }
        }
        out
    }

    /// The shopper's decision on proposal `proposal`, to send.
    pub fn decide(&mut self, proposal: u64, accepted: bool) -> Message {
        let id = self.outbox.next_id();
        self.outbox.send(Message::Decision {
            id,
            proposal,
            accepted,
            refused: None,
        })
    }

    /// The shopper's chat message, to send.
    pub fn say(&mut self, text: &str) -> Message {
        let id = self.outbox.next_id();
        self.outbox.send(Message::Chat {
            id,
            text: text.to_string(),
        })
    }

    /// The consent changed (given, narrowed or revoked): the body the stylist may see, to send
    /// at once.
    pub fn consent_changed(&mut self, consent: Option<Consent>) -> Message {
        self.consent = consent;
        body_for(&self.measurements, self.consent.as_ref())
    }

    /// The shopper's measurements changed: the body the stylist may see, to send at once
    /// (filtered by the consent as always).
    pub fn measurements_changed(&mut self, measurements: Measurements) -> Message {
        self.measurements = measurements;
        body_for(&self.measurements, self.consent.as_ref())
    }

    /// The shopper ends the session.
    pub fn end(&mut self, reason: &str) -> Message {
        self.state = State::Ended;
        Message::End {
            reason: reason.to_string(),
        }
    }
}
