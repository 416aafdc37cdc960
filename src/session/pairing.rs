//! The one-time code a shopper reads out to the stylist: it admits one joiner, once, within its
//! lifetime (10 minutes by default), and is burned by the first wrong try — so it cannot be
//! guessed online, and (with the PAKE that proves it) not offline either. Time is given by the
//! caller (seconds), so the rules are tested without waiting.

/// How long a code is good for, seconds.
pub const LIFETIME_S: u64 = 10 * 60;

/// Why a joiner was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The code was wrong; it is burned now.
    #[error("the code is wrong; it cannot be used again: ask the shopper for a new one")]
    WrongCode,
    /// The code was used by a joiner already, or burned by a wrong try.
    #[error("the code was used already: ask the shopper for a new one")]
    Used,
    /// The code is older than its lifetime.
    #[error("the code has expired: ask the shopper for a new one")]
    Expired,
    /// A session is in progress: nobody else joins it.
    #[error("a session is in progress: nobody else can join it")]
    Busy,
}

/// One issued code and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairing {
    code: String,
    issued_s: u64,
    lifetime_s: u64,
    spent: bool,
}

impl Pairing {
    /// `code` issued at `now_s`, good for `lifetime_s`.
    pub fn new(code: impl Into<String>, now_s: u64, lifetime_s: u64) -> Pairing {
        Pairing {
            code: code.into(),
            issued_s: now_s,
            lifetime_s,
            spent: false,
        }
    }

    /// A joiner starts proving a code at `now_s`: the code to prove it against (with the PAKE),
    /// spent from now on whatever the outcome — so a wrong proof burns it. Refused when used,
    /// burned or expired.
    pub fn spend(&mut self, now_s: u64) -> Result<String, Refusal> {
        if self.spent {
            return Err(Refusal::Used);
        }
        self.spent = true;
        if now_s.saturating_sub(self.issued_s) >= self.lifetime_s {
            return Err(Refusal::Expired);
        }
        Ok(self.code.clone())
    }

    /// A joiner's try with `code` at `now_s` where the code itself is compared (no PAKE):
    /// admitted once; refused when used, burned, expired, or wrong (which burns it). Compared
    /// in constant time.
    pub fn try_code(&mut self, code: &str, now_s: u64) -> Result<(), Refusal> {
        let issued = self.spend(now_s)?;
        let normal = super::pake::normalise;
        if same(normal(code).as_bytes(), normal(&issued).as_bytes()) {
            Ok(())
        } else {
            Err(Refusal::WrongCode)
        }
    }

    /// Whether the code can still admit someone at `now_s`.
    pub fn is_open(&self, now_s: u64) -> bool {
        !self.spent && now_s.saturating_sub(self.issued_s) < self.lifetime_s
    }
}

/// Equal bytes, compared without an early exit.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}
