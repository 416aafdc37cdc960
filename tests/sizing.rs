//! Tests: the size probability. Calibrated on held-out survey bodies (`sizing/calibration.rs`);
//! what a shopper relies on — the probabilities add up, the same input gives the same numbers,
//! fewer typed measurements never make the size surer, the measurement to take next is one that
//! is predicted, none-fits names the nearest size and what is off (`sizing/odds.rs`).

mod calibration;
mod odds;

use anprobe::fit::PreparedGarment;
use anprobe::measurements::{Form, Key, Measurements};
use anprobe::sizing::SizeTable;
use std::sync::{Arc, OnceLock};

/// Every catalog garment's size table, with its file name, made once.
fn tables() -> &'static [(String, Arc<PreparedGarment>, SizeTable)] {
    static TABLES: OnceLock<Vec<(String, Arc<PreparedGarment>, SizeTable)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        crate::catalog::drape::prepared()
            .iter()
            .map(|(name, p)| (name.clone(), p.clone(), SizeTable::new(p)))
            .collect()
    })
}

/// The table of the catalog garment whose file name starts with `start`.
fn table(start: &str) -> &'static SizeTable {
    &tables()
        .iter()
        .find(|(n, ..)| n.starts_with(start))
        .unwrap_or_else(|| panic!("a catalog garment {start}*"))
        .2
}

/// Measurements with these keys typed.
fn typed(form: Form, values: &[(Key, f64)]) -> Measurements {
    let mut m = Measurements::new(form, 0.0);
    for &(k, v) in values {
        m.set(k, v);
    }
    m
}
