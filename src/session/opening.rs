//! How a connection opens, before any session message: the stylist pairs with the one-time code
//! (SPAKE2, `pake`) or, once paired, resumes; the shopper admits or refuses with the reason.
//! Frames as in `protocol` (length, then JSON), at most [`MAX_OPENING`] bytes each.
//!
//! ```text
//! stylist                                  shopper
//!   pair {pake}          ──────────────▶   (no open code, busy → refused)
//!                        ◀──────────────   challenge {pake, proof}
//!   (wrong code: proof fails, says so)
//!   confirm {proof}      ──────────────▶   (proof fails → refused; the code is burned)
//!                        ◀──────────────   welcome
//!   resume               ──────────────▶   (key not paired, busy → refused)
//!                        ◀──────────────   welcome
//! ```

use super::pairing::Refusal;
use super::protocol::FrameError;
use serde::{Deserialize, Serialize};

/// The largest opening frame, bytes (a SPAKE2 message is 33 bytes, a proof 32).
pub const MAX_OPENING: usize = 1_024;

/// One frame of the opening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Opening {
    /// Stylist → shopper: pair with the code; SPAKE2's first message.
    Pair {
        /// The stylist's SPAKE2 message.
        pake: Vec<u8>,
    },
    /// Stylist → shopper: a stylist paired before comes back (no code).
    Resume,
    /// Shopper → stylist: SPAKE2's answer and the shopper's proof of the key.
    Challenge {
        /// The shopper's SPAKE2 message.
        pake: Vec<u8>,
        /// HMAC of the key (`pake::Agreed::proof`).
        proof: Vec<u8>,
    },
    /// Stylist → shopper: the stylist's proof of the key.
    Confirm {
        /// HMAC of the key.
        proof: Vec<u8>,
    },
    /// Shopper → stylist: admitted; session messages follow.
    Welcome,
    /// Shopper → stylist: refused; the connection closes.
    Refused {
        /// Why, in words for the stylist.
        reason: String,
        /// Why, for programs.
        refusal: Why,
    },
}

/// Why a joiner was refused, as it travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// The code was wrong (now burned).
    WrongCode,
    /// The code was used or burned already.
    Used,
    /// The code expired.
    Expired,
    /// A session is in progress.
    Busy,
    /// The stylist's key is not paired and no code was offered.
    Unknown,
    /// The opening broke the protocol.
    Protocol,
}

impl From<Refusal> for Why {
    fn from(refusal: Refusal) -> Why {
        match refusal {
            Refusal::WrongCode => Why::WrongCode,
            Refusal::Used => Why::Used,
            Refusal::Expired => Why::Expired,
            Refusal::Busy => Why::Busy,
        }
    }
}

impl Opening {
    /// A refusal for `why`, with its words.
    pub fn refused(why: Why) -> Opening {
        let reason = match why {
            Why::WrongCode => Refusal::WrongCode.to_string(),
            Why::Used => Refusal::Used.to_string(),
            Why::Expired => Refusal::Expired.to_string(),
            Why::Busy => Refusal::Busy.to_string(),
            Why::Unknown => "this stylist is not paired with the shopper: ask for a ticket and \
                             a one-time code"
                .to_string(),
            Why::Protocol => "the connection did not open as the protocol says".to_string(),
        };
        Opening::Refused {
            reason,
            refusal: why,
        }
    }

    /// The frame (length and JSON).
    pub fn encode(&self) -> Vec<u8> {
        super::protocol::frame_raw(&serde_json::to_vec(self).expect("an opening is JSON"))
    }

    /// Reads an opening frame's body.
    pub fn decode(body: &[u8]) -> Result<Opening, FrameError> {
        if body.len() > MAX_OPENING {
            return Err(FrameError::TooLarge {
                len: body.len(),
                max: MAX_OPENING,
            });
        }
        serde_json::from_slice(body).map_err(|e| {
            FrameError::Malformed(format!("line {} column {}: {e}", e.line(), e.column()))
        })
    }
}
