//! Stylist sessions (issue 19; docs/stylist-session.md). Without a network: the messages and
//! their frames ([`protocol`]), what a stylist may see ([`share`]), the one-time code's rules
//! ([`pairing`]) and its proof without sending it ([`pake`]), how a connection opens
//! ([`opening`]), the ticket ([`ticket`]), delivery without loss or duplicates across reconnects
//! ([`delivery`]), where a pinned note sits on the avatar ([`pin`]), and both sides as state machines over frames ([`host`]: the shopper's,
//! [`guest`]: the stylist's), and what each side keeps of a session ([`record`]: the shopper's,
//! [`client_record`]: the stylist's). On the network (iroh, on the session's own thread): the wire
//! ([`link`]), the shopper's side ([`serve`]) and the stylist's ([`join`]). No Bevy here.

pub mod client_record;
pub mod delivery;
pub mod guest;
pub mod host;
pub mod identity;
pub mod join;
pub mod kept;
pub mod link;
pub mod opening;
pub mod pairing;
pub mod pake;
pub mod pin;
pub mod protocol;
pub mod record;
pub mod serve;
pub mod share;
pub mod ticket;
