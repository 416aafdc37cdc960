//! Size certainty: how sure the recommended size is. The shopper's measurements carry doubt (a
//! tape's error where typed, the survey model's spread where predicted); bodies drawn from it
//! each get a size by the chart and the garment's own girths ([`table`]), and the shares are the
//! size probabilities ([`odds`]); the shopper's kept and returned garments move them
//! ([`history`]). Documented in docs/sizing.md.

pub mod history;
pub mod odds;
pub mod table;

pub use history::{Adjustment, History, Item, Offsets};
pub use odds::{Draws, MeasureNext, Nearest, SizeChance, SizeOdds, odds, odds_all, odds_with};
pub use table::{Miss, SizeTable};
