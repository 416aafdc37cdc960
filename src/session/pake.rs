//! Proving the one-time code without sending it: SPAKE2 (Ed25519 group) between the stylist
//! (side A, who joins) and the shopper (side B, who invited), each side's identity being its
//! endpoint's public key as the transport authenticated it — so a key agreed with anyone else (a
//! machine in the middle, another endpoint holding the ticket) differs. Each side then proves it
//! holds the same key with an HMAC-SHA256 over its role and both identities; the shopper proves
//! first, the stylist answers. A wrong code gives different keys, both proofs fail, and the
//! shopper burns the code (`pairing`). An eavesdropper learns nothing it can test a code
//! against; an active attacker gets one online guess per code.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use spake2::{Ed25519Group, Identity, Password, Spake2};

/// Which side of the pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The stylist, who joins with ticket and code (SPAKE2's side A).
    Stylist,
    /// The shopper, who invited (side B).
    Shopper,
}

/// Why a pairing failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PakeError {
    /// The other side's SPAKE2 message is not one.
    #[error("the pairing message is malformed")]
    Malformed,
    /// The keys differ: the code was wrong (or someone else is on the line).
    #[error("the code does not match")]
    Mismatch,
}

/// One side's pairing in progress: its message to send, then the other's to finish with.
pub struct Pake {
    role: Role,
    state: Spake2<Ed25519Group>,
    stylist: [u8; 32],
    shopper: [u8; 32],
}

/// The key both sides agreed on, and the proofs of it.
pub struct Agreed {
    role: Role,
    key: Vec<u8>,
    stylist: [u8; 32],
    shopper: [u8; 32],
}

/// The code as both sides feed it to SPAKE2: its digits and letters, lower case (so
/// `"482-193"` and `"482 193"` are the same code).
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Pake {
    /// Starts the pairing of `role` with `code`, between the stylist's and the shopper's
    /// endpoint keys; returns it and the message to send to the other side.
    pub fn start(role: Role, code: &str, stylist: [u8; 32], shopper: [u8; 32]) -> (Pake, Vec<u8>) {
        let password = Password::new(normalise(code).as_bytes());
        let (a, b) = (Identity::new(&stylist), Identity::new(&shopper));
        let (state, message) = match role {
            Role::Stylist => Spake2::<Ed25519Group>::start_a(&password, &a, &b),
            Role::Shopper => Spake2::<Ed25519Group>::start_b(&password, &a, &b),
        };
        let pake = Pake {
            role,
            state,
            stylist,
            shopper,
        };
        (pake, message)
    }

    /// Finishes with the other side's message: the agreed key (equal on both sides only when
    /// both used the same code).
    pub fn finish(self, other: &[u8]) -> Result<Agreed, PakeError> {
        let key = self.state.finish(other).map_err(|_| PakeError::Malformed)?;
        Ok(Agreed {
            role: self.role,
            key,
            stylist: self.stylist,
            shopper: self.shopper,
        })
    }
}

impl Agreed {
    fn mac(&self, role: Role) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(match role {
            Role::Stylist => b"anprobe session v1: stylist confirms",
            Role::Shopper => b"anprobe session v1: shopper confirms",
        });
        mac.update(&self.stylist);
        mac.update(&self.shopper);
        mac
    }

    /// This side's proof that it holds the key.
    pub fn proof(&self) -> Vec<u8> {
        self.mac(self.role).finalize().into_bytes().to_vec()
    }

    /// Checks the other side's proof (in constant time).
    pub fn check(&self, proof: &[u8]) -> Result<(), PakeError> {
        let other = match self.role {
            Role::Stylist => Role::Shopper,
            Role::Shopper => Role::Stylist,
        };
        self.mac(other)
            .verify_slice(proof)
            .map_err(|_| PakeError::Mismatch)
    }
}

/// A fresh one-time code from the operating system's randomness: six digits, read out as
/// `"482-193"`.
pub fn new_code() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    let n = u64::from_le_bytes(bytes) % 1_000_000;
    format!("{:03}-{:03}", n / 1000, n % 1000)
}
