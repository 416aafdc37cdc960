//! Why the store refused a value or a change, as data: the command line prints the English
//! ([`std::fmt::Display`]), the app says it in the shopper's language from the same variant.

use crate::garment::{Region, Verdict};
use std::fmt;
use std::path::PathBuf;

/// What is wrong with one value the caller gave (the field is named beside it, in
/// [`super::StoreError::Invalid`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Blank, or only spaces.
    Empty,
    /// Not a finite number (NaN or infinite).
    NotFinite,
    /// A price below zero.
    Negative(f64),
    /// A price above [`super::validate::MAX_PRICE`].
    TooLarge(f64),
    /// Not an ISO 4217 code the store knows; the text as typed (trimmed).
    UnknownCurrency(String),
    /// Not a size label; the text as typed (trimmed).
    NotSize(String),
    /// Not a date; `reason` says why in English (it quotes what was typed).
    NotDate {
        /// What was typed, trimmed.
        typed: String,
        /// The date parser's reason.
        reason: String,
    },
    /// A return window longer than this many days.
    TooManyDays(u32),
    /// An order without garments.
    NoItems,
    /// Fit feedback that is not `region=verdict`.
    NotRegionVerdict(String),
    /// Fit feedback naming no known region.
    UnknownRegion(String),
    /// Fit feedback naming no feedback verdict.
    UnknownVerdict(String),
    /// Fit feedback rating one region twice.
    GivenTwice(Region),
    /// A return dated before its order.
    ReturnBeforeOrder {
        /// The return's date, as given.
        returned: String,
        /// The order's date, as stored.
        ordered: String,
    },
    /// A list of wishlist items that is empty.
    NoneGiven,
    /// A measurement snapshot without values.
    NoValues,
    /// A measurement value that no body has.
    Implausible(f64),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => write!(f, "must not be empty"),
            Problem::NotFinite => write!(f, "must be a finite number"),
            Problem::Negative(amount) => write!(f, "must not be negative (got {amount})"),
            Problem::TooLarge(amount) => write!(f, "{amount} is implausibly large"),
            Problem::UnknownCurrency(code) => write!(
                f,
                "{code:?} is not a known ISO 4217 currency code (e.g. EUR, USD, GBP, CHF, SEK, JPY)"
            ),
            Problem::NotSize(label) => write!(
                f,
                "{label:?} is not a size label (expected e.g. M, XL, S/M, 38, EU 42, 32/34 or one size)"
            ),
            Problem::NotDate { reason, .. } => write!(f, "{reason}"),
            Problem::TooManyDays(max) => write!(f, "must be at most {max} days"),
            Problem::NoItems => write!(f, "an order needs at least one item"),
            Problem::NotRegionVerdict(part) => write!(f, "{part:?} is not region=verdict"),
            Problem::UnknownRegion(region) => write!(
                f,
                "unknown region {region:?} ({})",
                Region::ALL.map(Region::as_str).join(", ")
            ),
            Problem::UnknownVerdict(verdict) => write!(
                f,
                "unknown verdict {verdict:?} ({})",
                Verdict::FEEDBACK.map(Verdict::as_str).join(", ")
            ),
            Problem::GivenTwice(region) => write!(f, "{} is given twice", region.as_str()),
            Problem::ReturnBeforeOrder { returned, ordered } => write!(
                f,
                "the return date {returned} is before the order date {ordered}"
            ),
            Problem::NoneGiven => write!(f, "no wishlist items given"),
            Problem::NoValues => write!(f, "the snapshot has no values"),
            Problem::Implausible(value) => write!(
                f,
                "{value} is not a plausible measurement (a positive number of cm, or kg for the weight)"
            ),
        }
    }
}

/// Why a change contradicts what is stored (or what state the store is in).
#[derive(Clone, Debug, PartialEq)]
pub enum Clash {
    /// A backup is restored only into an empty store; what this one holds, in words.
    NotEmpty(Vec<String>),
    /// A stored measurement snapshot names a key this version does not know.
    UnknownSnapshotKey {
        /// The snapshot's id.
        snapshot: i64,
        /// The key as stored.
        key: String,
    },
    /// Another profile has this name.
    ProfileExists {
        /// The name asked for.
        name: String,
        /// The profile that has it.
        id: i64,
    },
    /// The file must be upgraded, and its backup before the upgrade failed.
    NoBackupBeforeUpgrade {
        /// The database file.
        path: PathBuf,
        /// Why the backup failed.
        error: String,
    },
    /// The file must be upgraded, but its folder is read-only.
    UpgradeReadOnly {
        /// The database file.
        path: PathBuf,
        /// Its data format.
        found: u32,
        /// The format it must be upgraded to.
        latest: u32,
    },
    /// The order item already has a return.
    AlreadyReturned {
        /// The order item's id.
        item: i64,
        /// The earlier return's date.
        date: String,
    },
    /// The retailer's order number is already recorded.
    DuplicateOrder {
        /// The order number.
        number: String,
        /// The retailer.
        retailer: String,
        /// The order recorded with it.
        existing: i64,
    },
    /// A returned item's status cannot change.
    StaysReturned(i64),
    /// Wishlist items from two retailers cannot make one order.
    MixedRetailers {
        /// One item: its id and retailer.
        first: (i64, String),
        /// An item of another retailer.
        other: (i64, String),
    },
    /// The app has no open store; the reason, when one is known.
    NoStore(Option<String>),
    /// The store's lock was poisoned by a panic.
    Unusable,
}

impl fmt::Display for Clash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clash::NotEmpty(held) => write!(
                f,
                "a backup is restored only into an empty store; this one holds {}",
                held.join(", ")
            ),
            Clash::UnknownSnapshotKey { snapshot, key } => write!(
                f,
                "measurement snapshot #{snapshot} holds an unknown key {key:?}"
            ),
            Clash::ProfileExists { name, id } => {
                write!(f, "a profile named {name:?} already exists (profile #{id})")
            }
            Clash::NoBackupBeforeUpgrade { path, error } => write!(
                f,
                "not upgrading {} without a backup: {error}",
                path.display()
            ),
            Clash::UpgradeReadOnly {
                path,
                found,
                latest,
            } => write!(
                f,
                "{} has data format {found} and must be upgraded to {latest}, but the folder is read-only",
                path.display()
            ),
            Clash::AlreadyReturned { item, date } => {
                write!(f, "order item #{item} was already returned on {date}")
            }
            Clash::DuplicateOrder {
                number,
                retailer,
                existing,
            } => write!(
                f,
                "order {number} from {retailer} is already recorded (order #{existing})"
            ),
            Clash::StaysReturned(item) => write!(
                f,
                "order item #{item} has a recorded return: it stays returned"
            ),
            Clash::MixedRetailers { first, other } => write!(
                f,
                "wishlist items #{} ({}) and #{} ({}) are from different retailers: an order is with one retailer",
                first.0, first.1, other.0, other.1
            ),
            Clash::NoStore(None) => write!(f, "no data folder is open: nothing was saved"),
            Clash::NoStore(Some(why)) => write!(f, "no data store ({why}): nothing was saved"),
            Clash::Unusable => write!(f, "the store is unusable"),
        }
    }
}
