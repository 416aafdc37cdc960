//! Stylist sessions (issue 19), the parts that do not need a network: the messages and their
//! frames ([`protocol`]), what a stylist may see ([`share`]), the one-time pairing code's rules
//! ([`pairing`]), delivery without loss or duplicates across reconnects ([`delivery`]) and the
//! shopper's side of a session as a state machine over frames ([`host`]). The
//! peer-to-peer transport (iroh) and the PAKE (spake2) that will carry them are not built yet.
//! No Bevy here.

pub mod delivery;
pub mod host;
pub mod pairing;
pub mod protocol;
pub mod share;
