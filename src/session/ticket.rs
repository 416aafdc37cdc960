//! The ticket a shopper hands to a stylist: how to reach the shopper's machine — its endpoint's
//! public key (which the connection then proves, so the ticket pins whom the stylist talks to),
//! its direct addresses and its relay — as one copyable line, `anprobe1…` (base32 of JSON). It
//! holds no secret: the one-time code travels separately, and without it a ticket is useless.

use data_encoding::BASE32_NOPAD;
use iroh::EndpointAddr;

/// The prefix every ticket of this format starts with.
const PREFIX: &str = "anprobe1";
/// The longest ticket read (a few addresses and a relay are far less).
const MAX_LEN: usize = 4_096;

/// Why a line is no ticket.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    /// Not a ticket of this format.
    #[error("not an Anprobe session ticket (it starts with '{PREFIX}')")]
    NotATicket,
    /// A ticket cut short or changed on the way.
    #[error("the ticket is damaged ({0}): copy it again in full")]
    Damaged(String),
}

/// Where to reach a shopper's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// The shopper's endpoint: its key and addresses.
    pub addr: EndpointAddr,
}

impl Ticket {
    /// The ticket as one line.
    pub fn to_line(&self) -> String {
        let json = serde_json::to_vec(&self.addr).expect("an address is always JSON");
        format!(
            "{PREFIX}{}",
            BASE32_NOPAD.encode(&json).to_ascii_lowercase()
        )
    }

    /// Reads a ticket (surrounding space ignored).
    pub fn parse(line: &str) -> Result<Ticket, TicketError> {
        let line = line.trim();
        let body = line
            .strip_prefix(PREFIX)
            .filter(|_| line.len() <= MAX_LEN)
            .ok_or(TicketError::NotATicket)?;
        let bytes = BASE32_NOPAD
            .decode(body.to_ascii_uppercase().as_bytes())
            .map_err(|e| TicketError::Damaged(e.to_string()))?;
        let addr = serde_json::from_slice(&bytes)
            .map_err(|e| TicketError::Damaged(format!("column {}", e.column())))?;
        Ok(Ticket { addr })
    }
}
