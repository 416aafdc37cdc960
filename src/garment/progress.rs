//! How far an import has come, readable from another thread while it runs (the app shows it
//! as a progress bar so a big file never looks like a frozen window).

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// What the import is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportPhase {
    /// Reading the file and its external buffers and images (bytes counted).
    Reading,
    /// Parsing and checking the document, reading the meshes, decoding textures.
    Checking,
    /// Finished (successfully or not).
    Done,
}

/// Shared progress of one import: bytes read of the bytes known so far, and the phase.
#[derive(Debug, Default)]
pub struct ImportProgress {
    read: AtomicU64,
    total: AtomicU64,
    phase: AtomicU8,
}

impl ImportProgress {
    /// The phase, bytes read and bytes to read (of the files known so far).
    pub fn get(&self) -> (ImportPhase, u64, u64) {
        let phase = match self.phase.load(Ordering::Relaxed) {
            0 => ImportPhase::Reading,
            1 => ImportPhase::Checking,
            _ => ImportPhase::Done,
        };
        (
            phase,
            self.read.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Bytes read as a fraction of the bytes to read, 0 … 1 (1 once reading is over).
    pub fn fraction(&self) -> f32 {
        match self.get() {
            (ImportPhase::Reading, read, total) if total > 0 => {
                (read as f64 / total as f64).min(1.0) as f32
            }
            (ImportPhase::Reading, _, _) => 0.0,
            _ => 1.0,
        }
    }

    pub(super) fn expect(&self, bytes: u64) {
        self.total.fetch_add(bytes, Ordering::Relaxed);
    }

    pub(super) fn advance(&self, bytes: u64) {
        self.read.fetch_add(bytes, Ordering::Relaxed);
    }

    pub(super) fn set_phase(&self, phase: ImportPhase) {
        let code = match phase {
            ImportPhase::Reading => 0,
            ImportPhase::Checking => 1,
            ImportPhase::Done => 2,
        };
        self.phase.store(code, Ordering::Relaxed);
    }
}
