//! What travels between the shopper's and the stylist's Anprobe: versioned messages (serde,
//! JSON), each in one length-prefixed frame; a proposal's garment file follows its message as one
//! raw frame. A frame over its limit is refused from its length
//! alone, before anything is read into memory; a frame that is not a message of this version is
//! refused with what is wrong. Either closes that connection, with the reason logged; the app
//! goes on. docs/stylist-session.md.

use crate::measurements::{Form, Key};
use crate::store::LateDecision;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The protocol's version: both sides say it in [`Message::Hello`]. The stylist's side says
/// its own; the shopper's side answers with the lower of the two, and that version holds for the
/// connection. A version outside [`OLDEST_VERSION`]..=[`VERSION`] is refused.
pub const VERSION: u32 = 2;
/// The oldest version still spoken (version 1: everything but the late decisions).
pub const OLDEST_VERSION: u32 = 1;
/// The version that brought [`Message::LateDecision`] and [`Message::Noted`].
pub const LATE_DECISIONS: u32 = 2;
/// The largest frame of any message but a garment, bytes (chat, notes, the avatar's
/// measurements are far smaller).
pub const MAX_FRAME: usize = 64 * 1024;
/// The largest garment file a stylist may propose, bytes (the garment importer's own limits
/// apply on top).
pub const MAX_GARMENT: usize = 32 * 1024 * 1024;
/// The longest chat message or note, characters.
pub const MAX_TEXT: usize = 2_000;

/// Which way the camera looks, as the shopper's view presets name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// From the front.
    Front,
    /// From the side.
    Side,
    /// From the back.
    Back,
}

/// One message. Everything a side must not lose carries an `id` (unique per sender, increasing)
/// and is acknowledged with [`Message::Ack`]; the receiver drops a second copy of an id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Message {
    /// The first message of each side after pairing.
    Hello {
        /// [`VERSION`].
        version: u32,
        /// The sender's name as shown to the other side.
        name: String,
    },
    /// Shopper → stylist: the avatar's measurements the stylist may see (filtered by the
    /// consent, `session::share`); sent again when the consent or the measurements change.
    Body {
        /// The body's form (the stylist needs it to predict the rest).
        form: Form,
        /// Only consented keys, cm or kg; the stylist predicts the rest and marks them so.
        values: BTreeMap<Key, f64>,
    },
    /// Shopper → stylist: the outfit worn (SKUs and sizes), so both see the same.
    Outfit {
        /// (retailer, SKU, size) per garment worn.
        worn: Vec<(String, String, String)>,
    },
    /// Stylist → shopper: a garment to try on, in a size; its file (.glb) follows as the next
    /// frame, raw.
    Proposal {
        /// The proposal's id.
        id: u64,
        /// The garment file's length, bytes (at most [`MAX_GARMENT`]).
        glb_bytes: u64,
        /// The size proposed (a label of the garment's chart).
        size: String,
        /// Why, in the stylist's words (may be empty).
        note: String,
    },
    /// Shopper → stylist: what became of a proposal.
    Decision {
        /// The decision's id.
        id: u64,
        /// The proposal decided on.
        proposal: u64,
        /// Accepted (→ outfit and wishlist) or not.
        accepted: bool,
        /// Why it was refused without the shopper (the garment failed validation), if so.
        refused: Option<String>,
    },
    /// Shopper → stylist (version 2): a decision the shopper took after a session on one of
    /// this stylist's proposals (its fields those of [`LateDecision`]); sent after hello at each
    /// session until the stylist answers [`Message::Noted`].
    LateDecision(LateDecision),
    /// Stylist → shopper (version 2): the late decision on `proposal` is recorded.
    Noted {
        /// The proposal.
        proposal: u64,
    },
    /// Either side: a chat message.
    Chat {
        /// The message's id.
        id: u64,
        /// Its text (at most [`MAX_TEXT`] characters).
        text: String,
    },
    /// Stylist → shopper: a note pinned on the avatar.
    Pin {
        /// The note's id.
        id: u64,
        /// Where, in the avatar's coordinates (metres).
        at: [f32; 3],
        /// Its text (at most [`MAX_TEXT`] characters).
        text: String,
    },
    /// Stylist → shopper: "look at the back".
    Look {
        /// The view asked for.
        view: View,
    },
    /// Either side: the message with this id arrived.
    Ack {
        /// The id acknowledged.
        id: u64,
    },
    /// Either side: the session ends.
    End {
        /// Why (may be empty).
        reason: String,
    },
}

impl Message {
    /// The id a receiver acknowledges, for the messages that carry one.
    pub fn id(&self) -> Option<u64> {
        match self {
            Message::Proposal { id, .. }
            | Message::Decision { id, .. }
            | Message::Chat { id, .. }
            | Message::Pin { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// The protocol version that brought this kind: not sent on a connection of an older one.
    pub fn since(&self) -> u32 {
        match self {
            Message::LateDecision(_) | Message::Noted { .. } => LATE_DECISIONS,
            _ => OLDEST_VERSION,
        }
    }

    /// The message's kind as it travels (`"chat"`).
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Hello { .. } => "hello",
            Message::Body { .. } => "body",
            Message::Outfit { .. } => "outfit",
            Message::Proposal { .. } => "proposal",
            Message::Decision { .. } => "decision",
            Message::LateDecision(_) => "late_decision",
            Message::Noted { .. } => "noted",
            Message::Chat { .. } => "chat",
            Message::Pin { .. } => "pin",
            Message::Look { .. } => "look",
            Message::Ack { .. } => "ack",
            Message::End { .. } => "end",
        }
    }
}

/// Why a frame was refused; the connection it came on is closed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FrameError {
    /// Longer than any message may be.
    #[error("a frame of {len} bytes is over the limit of {max} bytes")]
    TooLarge {
        /// The length the frame declared.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Not a message of this protocol (not JSON, an unknown kind or field, a wrong type).
    #[error("not a message: {0}")]
    Malformed(String),
    /// A message of a protocol version this Anprobe does not speak.
    #[error(
        "protocol version {0}: this Anprobe speaks versions {OLDEST_VERSION} to {VERSION} \
         (update the older Anprobe)"
    )]
    Version(u32),
    /// A message that breaks a limit its kind has (a text too long, a garment too large).
    #[error("{0}")]
    Invalid(String),
}

/// A message as one frame: its length (4 bytes, big-endian) and its JSON.
pub fn encode(message: &Message) -> Vec<u8> {
    frame_raw(&serde_json::to_vec(message).expect("a message is always JSON"))
}

/// Any bytes (a garment file, a pairing message) as one frame: their length (4 bytes,
/// big-endian) and the bytes.
pub fn frame_raw(bytes: &[u8]) -> Vec<u8> {
    let mut frame = Vec::with_capacity(4 + bytes.len());
    frame.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    frame.extend_from_slice(bytes);
    frame
}

/// Whether a frame may declare `len` bytes (read before the frame's body, so that a peer cannot
/// make the receiver allocate more than it allows): a message at most [`MAX_FRAME`]; the
/// garment frame after a proposal exactly the length the proposal declared.
pub fn check_length(len: usize, garment: Option<u64>) -> Result<(), FrameError> {
    match garment {
        None if len > MAX_FRAME => Err(FrameError::TooLarge {
            len,
            max: MAX_FRAME,
        }),
        Some(declared) if len as u64 != declared => Err(FrameError::Invalid(format!(
            "garment: {len} bytes, the proposal said {declared}"
        ))),
        _ => Ok(()),
    }
}

/// Reads one message frame's body (what follows the 4-byte length), checking its fields' limits.
pub fn decode(body: &[u8]) -> Result<Message, FrameError> {
    check_length(body.len(), None)?;
    let message: Message = serde_json::from_slice(body).map_err(|e| {
        FrameError::Malformed(format!("line {} column {}: {e}", e.line(), e.column()))
    })?;
    check(&message)?;
    Ok(message)
}

/// The limits a message's fields have.
fn check(message: &Message) -> Result<(), FrameError> {
    let text = |what: &str, text: &str| {
        let chars = text.chars().count();
        if chars > MAX_TEXT {
            return Err(FrameError::Invalid(format!(
                "{what}: {chars} characters, at most {MAX_TEXT}"
            )));
        }
        Ok(())
    };
    match message {
        Message::Hello { version, name } => {
            if !(OLDEST_VERSION..=VERSION).contains(version) {
                return Err(FrameError::Version(*version));
            }
            text("name", name)
        }
        Message::Chat { text: t, .. } => text("chat", t),
        Message::Pin { text: t, at, .. } => {
            if at.iter().any(|v| !v.is_finite() || v.abs() > 10.0) {
                return Err(FrameError::Invalid(format!(
                    "pin: {at:?} is not a point on the avatar"
                )));
            }
            text("pin", t)
        }
        Message::Proposal {
            glb_bytes,
            note,
            size,
            ..
        } => {
            text("note", note)?;
            text("size", size)?;
            if *glb_bytes > MAX_GARMENT as u64 {
                return Err(FrameError::Invalid(format!(
                    "garment: {glb_bytes} bytes, at most {MAX_GARMENT}"
                )));
            }
            Ok(())
        }
        Message::End { reason } => text("reason", reason),
        Message::Body { values, .. } => {
            match values.iter().find(|(_, v)| !v.is_finite() || **v <= 0.0) {
                Some((key, v)) => Err(FrameError::Invalid(format!(
                    "body: {} = {v} is no measurement",
                    key.as_str()
                ))),
                None => Ok(()),
            }
        }
        Message::Decision {
            refused: Some(r), ..
        } => text("refused", r),
        Message::LateDecision(d) => {
            text("garment", &d.garment)?;
            text("size", &d.size)?;
            for (what, day) in [("proposed", &d.proposed), ("decided", &d.decided)] {
                crate::store::date::parse(day)
                    .map_err(|e| FrameError::Invalid(format!("{what}: {e}")))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
