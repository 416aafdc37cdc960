//! What a session leaves in the shopper's memory: every proposal with what became of it, the
//! chat and the pinned notes, as one contact on that stylist's timeline (channel
//! `stylist_session`), written as the session goes ([`SessionLog::save`]) together with the ids
//! of the stylist's messages it holds (only then are they acknowledged: a crash in between
//! loses nothing, and a copy sent again is not recorded twice); an accepted proposal also as a
//! wishlist entry. A proposal still open is kept with its garment file until the shopper decides
//! (in the session or after it: [`decided_later`]). The app and `anprobe session host` keep the
//! same record.

use super::host::Event;
use crate::garment::ImportedGarment;
use crate::store::{
    Channel, CounterpartKind, DecisionToTell, LateDecision, NewContact, NewWishlistItem,
    OpenChanges, OpenProposal, Store, StoreError,
};
use std::sync::Arc;

/// What became of a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not decided yet.
    Open,
    /// Accepted by the shopper.
    Accepted,
    /// Rejected by the shopper.
    Rejected,
    /// Refused without the shopper: the garment file failed validation (the reason).
    Invalid(String),
}

impl Outcome {
    /// What the shopper's side decided on a proposal: refused as invalid (`refused`, the reason),
    /// else accepted or rejected.
    pub fn of_decision(accepted: bool, refused: Option<String>) -> Outcome {
        match refused {
            Some(why) => Outcome::Invalid(why),
            None if accepted => Outcome::Accepted,
            None => Outcome::Rejected,
        }
    }
}

/// One proposal, as the record keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Its id (the stylist's).
    pub id: u64,
    /// The garment's retailer, SKU and name (empty for a file that failed validation).
    pub retailer: String,
    /// The garment's SKU.
    pub sku: String,
    /// The garment's name.
    pub name: String,
    /// Its price and currency, from the file's metadata.
    pub price: (f64, String),
    /// Its first colourway's name (may be empty).
    pub colour: String,
    /// The size proposed.
    pub size: String,
    /// The stylist's note.
    pub note: String,
    /// What became of it.
    pub outcome: Outcome,
}

impl Proposal {
    /// A proposal of `garment`.
    pub fn of(id: u64, garment: &ImportedGarment, size: &str, note: &str) -> Proposal {
        let meta = &garment.meta;
        Proposal {
            id,
            retailer: meta.retailer.clone(),
            sku: meta.sku.clone(),
            name: meta.name.clone(),
            price: (meta.price, meta.currency.clone()),
            colour: meta
                .colourways
                .first()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            size: size.to_string(),
            note: note.to_string(),
            outcome: Outcome::Open,
        }
    }

    /// "Oxford Shirt (Anprobe Basics, AB-OX-1) in M".
    pub fn text(&self) -> String {
        if self.name.is_empty() {
            return format!("a garment (proposal {}) in {}", self.id, self.size);
        }
        format!(
            "{} ({}, {}) in {}",
            self.name, self.retailer, self.sku, self.size
        )
    }

    /// The proposal as kept open for the shopper to decide on later: from `stylist` (key
    /// `peer`), arrived on `date`.
    pub fn open(&self, stylist: &str, peer: [u8; 32], date: &str) -> OpenProposal {
        OpenProposal {
            peer,
            id: self.id,
            stylist: stylist.to_string(),
            received: date.to_string(),
            retailer: self.retailer.clone(),
            sku: self.sku.clone(),
            name: self.name.clone(),
            size: self.size.clone(),
            colour: self.colour.clone(),
            note: self.note.clone(),
            price: self.price.0,
            currency: self.price.1.clone(),
        }
    }

    /// The wishlist entry an accepted proposal becomes, dated `date`.
    pub fn wish(&self, stylist: &str, date: &str) -> NewWishlistItem {
        NewWishlistItem {
            retailer: self.retailer.clone(),
            sku: self.sku.clone(),
            name: self.name.clone(),
            size: self.size.clone(),
            colourway: self.colour.clone(),
            price: self.price.0,
            currency: self.price.1.clone(),
            note: format!("proposed by {stylist} in a session"),
            added: date.to_string(),
        }
    }
}

/// One session's record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionLog {
    /// The stylist (the consent's name).
    pub stylist: String,
    /// The stylist's endpoint key.
    pub key: [u8; 32],
    /// The proposals, in the order they came.
    pub proposals: Vec<Proposal>,
    /// The chat: (from the stylist, text).
    pub chat: Vec<(bool, String)>,
    /// The notes pinned on the avatar.
    pub notes: Vec<String>,
    /// Ids of the stylist's messages taken in since the last [`SessionLog::save`].
    unwritten: Vec<u64>,
    /// Garment files of proposals taken in since the last save (kept open by it).
    unkept: Vec<(u64, Arc<[u8]>)>,
}

impl SessionLog {
    /// The record of a session with `stylist`, whose endpoint key is `key`.
    pub fn with(stylist: &str, key: [u8; 32]) -> SessionLog {
        SessionLog {
            stylist: stylist.to_string(),
            key,
            ..SessionLog::default()
        }
    }

    /// Takes in what the stylist sent — a proposal, a file refused as invalid, a chat line, a
    /// note — to write at the next [`SessionLog::save`]; other events are not part of the record.
    pub fn take(&mut self, event: &Event) {
        let id = match event {
            Event::Proposed {
                id,
                garment,
                size,
                note,
                file,
            } => {
                self.proposals.push(Proposal::of(*id, garment, size, note));
                self.unkept.push((*id, file.clone()));
                *id
            }
            Event::Refused { id, why } => {
                self.invalid(*id, why);
                *id
            }
            Event::Chat { id, text } => {
                self.chat.push((true, text.clone()));
                *id
            }
            Event::Pin { id, text, .. } => {
                self.notes.push(text.clone());
                *id
            }
            Event::Joined { .. }
            | Event::Look(_)
            | Event::Acknowledged { .. }
            | Event::Noted { .. }
            | Event::Ended { .. } => return,
        };
        self.unwritten.push(id);
    }

    /// A proposal's file failed validation.
    fn invalid(&mut self, id: u64, why: &str) {
        self.proposals.push(Proposal {
            id,
            retailer: String::new(),
            sku: String::new(),
            name: String::new(),
            price: (0.0, String::new()),
            colour: String::new(),
            size: String::new(),
            note: String::new(),
            outcome: Outcome::Invalid(why.to_string()),
        });
    }

    /// The shopper decided on proposal `id`: the proposal, if it is in the record.
    pub fn decided(&mut self, id: u64, accepted: bool) -> Option<&Proposal> {
        let p = self.proposals.iter_mut().find(|p| p.id == id)?;
        p.outcome = if accepted {
            Outcome::Accepted
        } else {
            Outcome::Rejected
        };
        Some(p)
    }

    /// Writes the record to the timeline as it stands, dated `date`: a new contact the first
    /// time (its id goes to `contact`), the same contact brought up to date afterwards — so a
    /// session cut off by a crash or a closed window is on the timeline as far as it went —
    /// with the ids of the stylist's messages taken in since the last save, in the same
    /// transaction. Those ids, to acknowledge now (`HostCommand::Recorded`). Nothing before a
    /// stylist joined.
    pub fn save(
        &mut self,
        store: &mut Store,
        contact: &mut Option<i64>,
        date: &str,
    ) -> Result<Vec<u64>, StoreError> {
        if self.is_empty() {
            return Ok(Vec::new());
        }
        let record = self.contact(date);
        let keep: Vec<(OpenProposal, &[u8])> = self
            .unkept
            .iter()
            .filter_map(|(id, file)| {
                let p = self.proposals.iter().find(|p| p.id == *id)?;
                (p.outcome == Outcome::Open)
                    .then(|| (p.open(&self.stylist, self.key, date), &**file))
            })
            .collect();
        let decided: Vec<u64> = self
            .proposals
            .iter()
            .filter(|p| matches!(p.outcome, Outcome::Accepted | Outcome::Rejected))
            .map(|p| p.id)
            .collect();
        let open = OpenChanges {
            keep: &keep,
            decided: &decided,
        };
        *contact =
            Some(store.record_session(*contact, &record, &self.key, &self.unwritten, &open)?);
        self.unkept.clear();
        Ok(std::mem::take(&mut self.unwritten))
    }

    /// Whether anything happened worth a timeline entry (a stylist joined).
    pub fn is_empty(&self) -> bool {
        self.stylist.is_empty()
    }

    /// The timeline contact of the session, dated `date`.
    pub fn contact(&self, date: &str) -> NewContact {
        let summary = summary(
            self.proposals.iter().map(|p| &p.outcome),
            self.chat.len(),
            self.notes.len(),
        );
        let mut lines = Vec::new();
        for p in &self.proposals {
            let note = quoted_note(&p.note);
            lines.push(match &p.outcome {
                Outcome::Accepted => format!("Accepted: {}{note}", p.text()),
                Outcome::Rejected => format!("Rejected: {}{note}", p.text()),
                Outcome::Open => format!("Not decided: {}{note}", p.text()),
                Outcome::Invalid(why) => format!("Refused, the file is invalid: {why}"),
            });
        }
        for text in &self.notes {
            lines.push(format!("Note on the avatar: {text}"));
        }
        for (from_stylist, text) in &self.chat {
            let who = if *from_stylist { &self.stylist } else { "You" };
            lines.push(format!("{who}: {text}"));
        }
        NewContact {
            counterpart: self.stylist.clone(),
            kind: CounterpartKind::Stylist,
            channel: Channel::StylistSession,
            date: date.to_string(),
            summary,
            outcome: lines.join("\n"),
        }
    }
}

/// A session's one-line summary, the same on either side's timeline: "Stylist session:
/// 3 proposals (1 accepted, 1 rejected), 2 chat messages, 1 note".
pub(super) fn summary<'a>(
    outcomes: impl Iterator<Item = &'a Outcome> + Clone,
    chat: usize,
    notes: usize,
) -> String {
    let count = |o: fn(&Outcome) -> bool| outcomes.clone().filter(|&x| o(x)).count();
    let decided: Vec<String> = [
        (count(|o| *o == Outcome::Accepted), "accepted"),
        (count(|o| *o == Outcome::Rejected), "rejected"),
        (
            count(|o| matches!(o, Outcome::Invalid(_))),
            "refused as invalid",
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let mut summary = format!("Stylist session: {}", plural(outcomes.count(), "proposal"));
    if !decided.is_empty() {
        summary.push_str(&format!(" ({})", decided.join(", ")));
    }
    summary.push_str(&format!(
        ", {}, {}",
        plural(chat, "chat message"),
        plural(notes, "note")
    ));
    summary
}

/// "1 note", "2 notes".
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A stylist's note as a record's line ends with it: ` — "roomier"`, nothing for none.
pub(super) fn quoted_note(note: &str) -> String {
    if note.is_empty() {
        String::new()
    } else {
        format!(" — \"{note}\"")
    }
}

/// A proposal kept open, as the record keeps one (its outcome still open).
pub fn kept_proposal(p: &OpenProposal) -> Proposal {
    Proposal {
        id: p.id,
        retailer: p.retailer.clone(),
        sku: p.sku.clone(),
        name: p.name.clone(),
        price: (p.price, p.currency.clone()),
        colour: p.colour.clone(),
        size: p.size.clone(),
        note: p.note.clone(),
        outcome: Outcome::Open,
    }
}

/// A decision on a proposal kept open, taken after its session: what the shopper's store
/// writes in one transaction ([`LaterDecision::write`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LaterDecision {
    /// The contact on the stylist's timeline ("Decided after the session of …: accepted").
    pub contact: NewContact,
    /// An accepted garment's wishlist entry.
    pub wish: Option<NewWishlistItem>,
    /// The decision as the stylist is told it at their next session.
    pub tell: DecisionToTell,
}

impl LaterDecision {
    /// Writes the decision ([`Store::decide_open_proposal`]): false, with nothing written, when
    /// the proposal was not open any more.
    pub fn write(&self, store: &mut Store) -> Result<bool, StoreError> {
        store.decide_open_proposal(&self.tell, &self.contact, self.wish.as_ref())
    }
}

/// The shopper decided on a proposal kept open after its session ended, on `date`: the contact
/// that goes on the stylist's timeline ("Decided after the session: accepted …"), accepted the
/// wishlist entry, and the decision to tell the stylist.
pub fn decided_later(p: &OpenProposal, accepted: bool, date: &str) -> LaterDecision {
    let proposal = kept_proposal(p);
    let verb = if accepted { "accepted" } else { "rejected" };
    let note = quoted_note(&p.note);
    let contact = NewContact {
        counterpart: p.stylist.clone(),
        kind: CounterpartKind::Stylist,
        channel: Channel::StylistSession,
        date: date.to_string(),
        summary: format!("Decided after the session of {}: {verb}", p.received),
        outcome: format!(
            "{}: {}{note}",
            if accepted { "Accepted" } else { "Rejected" },
            proposal.text()
        ),
    };
    let wish = accepted.then(|| proposal.wish(&p.stylist, date));
    let tell = DecisionToTell {
        peer: p.peer,
        stylist: p.stylist.clone(),
        decision: LateDecision {
            proposal: p.id,
            accepted,
            garment: p.name.clone(),
            size: p.size.clone(),
            proposed: p.received.clone(),
            decided: date.to_string(),
        },
    };
    LaterDecision {
        contact,
        wish,
        tell,
    }
}
