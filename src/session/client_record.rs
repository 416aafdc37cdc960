//! What a session leaves in the stylist's own memory: every garment they proposed with what the
//! shopper decided, the chat and the notes they pinned, as one contact on the stylist's timeline
//! under the client (kind `client`, channel `stylist_session`), written as the session goes. So
//! after a restart, or at the next session with the same client, the stylist still sees what was
//! proposed, accepted and said. A decision the shopper took after the session reaches the
//! stylist at their next session and goes on this timeline too ([`record_heard`]). The
//! shopper's own record of the same session is [`super::record`]; neither side sends the other
//! its record.

use super::record::{Outcome, summary};
use crate::store::{Channel, CounterpartKind, LateDecision, NewContact, Store, StoreError};

/// A garment the stylist proposed, as the stylist's side follows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// Its id, once given.
    pub id: Option<u64>,
    /// The garment's name.
    pub name: String,
    /// The size proposed.
    pub size: String,
    /// The stylist's note with it (may be empty).
    pub note: String,
    /// Whether the shopper's side received it.
    pub arrived: bool,
    /// What became of it.
    pub outcome: Outcome,
}

/// One line of the chat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatLine {
    /// Written on this side.
    pub mine: bool,
    /// The text.
    pub text: String,
}

/// Where the stylist's record of one session is kept: the contact written the first time, the
/// same one brought up to date after (a session cut off is kept as far as it went). The app and
/// `anprobe session join` keep their record through it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordKeeper {
    contact: Option<i64>,
}

impl RecordKeeper {
    /// The contact's id, once written.
    pub fn contact(&self) -> Option<i64> {
        self.contact
    }

    /// Writes `record` (the shopper's key `peer`) as this session's contact.
    pub fn keep(
        &mut self,
        store: &mut Store,
        record: &NewContact,
        peer: &[u8; 32],
    ) -> Result<(), StoreError> {
        self.contact = Some(store.record_session(
            self.contact,
            record,
            peer,
            &[],
            &crate::store::OpenChanges::default(),
        )?);
        Ok(())
    }
}

/// The name a client without one (the shopper's side said no name) is recorded under.
pub const UNNAMED_CLIENT: &str = "Client";

/// The name the client `shopper` is recorded under: theirs, trimmed, or [`UNNAMED_CLIENT`].
pub fn client_name(shopper: &str) -> &str {
    match shopper.trim() {
        "" => UNNAMED_CLIENT,
        name => name,
    }
}

/// The contact on the stylist's timeline for a session with `shopper`, dated `date`: what was
/// proposed and what became of it, the notes pinned, the chat. `None` while nothing happened
/// worth keeping (no proposal, no chat line, no note).
pub fn client_contact(
    shopper: &str,
    sent: &[Sent],
    notes: &[&str],
    chat: &[ChatLine],
    date: &str,
) -> Option<NewContact> {
    if sent.is_empty() && notes.is_empty() && chat.is_empty() {
        return None;
    }
    let shopper = client_name(shopper);
    let summary = summary(sent.iter().map(|s| &s.outcome), chat.len(), notes.len());
    let mut lines = Vec::new();
    for s in sent {
        let what = format!("{} in {}", s.name, s.size);
        let note = super::record::quoted_note(&s.note);
        lines.push(match &s.outcome {
            Outcome::Accepted => format!("Accepted: {what}{note}"),
            Outcome::Rejected => format!("Rejected: {what}{note}"),
            Outcome::Open if s.arrived => format!("Not decided: {what}{note}"),
            Outcome::Open => format!("Not delivered yet: {what}{note}"),
            Outcome::Invalid(why) => format!("Refused, the file is invalid: {what} ({why})"),
        });
    }
    for text in notes {
        lines.push(format!("Note on the avatar: {text}"));
    }
    for line in chat {
        let who = if line.mine { "You" } else { shopper };
        lines.push(format!("{who}: {}", line.text));
    }
    Some(NewContact {
        counterpart: shopper.to_string(),
        kind: CounterpartKind::Client,
        channel: Channel::StylistSession,
        date: date.to_string(),
        summary,
        outcome: lines.join("\n"),
    })
}

/// The contact a decision the shopper took after an earlier session (`d`) makes on the
/// stylist's timeline under the client `shopper`, dated the day it was decided: "Decided after
/// the session of 2026-12-05: accepted", "Accepted: Knit Jumper in M".
pub fn heard_contact(shopper: &str, d: &LateDecision) -> NewContact {
    let (verb, line) = if d.accepted {
        ("accepted", "Accepted")
    } else {
        ("rejected", "Rejected")
    };
    let garment = match d.garment.trim() {
        "" => format!("a garment (proposal {})", d.proposal),
        name => name.to_string(),
    };
    NewContact {
        counterpart: client_name(shopper).to_string(),
        kind: CounterpartKind::Client,
        channel: Channel::StylistSession,
        date: d.decided.clone(),
        summary: format!("Decided after the session of {}: {verb}", d.proposed),
        outcome: format!("{line}: {garment} in {}", d.size),
    }
}

/// Writes a decision the shopper `shopper` (key `peer`) told after the session on the stylist's
/// timeline, once: false, with nothing written, when it was recorded before (told again because
/// its answer was lost).
pub fn record_heard(
    store: &mut Store,
    shopper: &str,
    peer: &[u8; 32],
    decision: &LateDecision,
) -> Result<bool, StoreError> {
    store.record_heard_decision(peer, decision.proposal, &heard_contact(shopper, decision))
}
