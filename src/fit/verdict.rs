//! The verdict rules: how a region fits (tight … loose, short … long) from its ease against the
//! ease the garment is designed with, and from its strain against the fabric's stretch. The
//! verdicts themselves are the garment format's vocabulary ([`crate::garment::Verdict`]).

use super::Verdict;

/// Strain at or above this share of the fabric's stretch reads as snug.
pub const SNUG_STRAIN: f64 = 0.5;
/// A length within this many cm of the standard is the standard length.
pub const LENGTH_TOLERANCE_CM: f64 = 1.5;

/// The verdict on a girth: `ease` (draped garment minus body, cm) against `design_ease` (what the
/// garment is made with for a body it is sized for) with `tolerance` (cm), and `strain_ratio`
/// (strain / fabric stretch).
pub fn girth(ease: f64, design_ease: f64, tolerance: f64, strain_ratio: f64) -> Verdict {
    let d = ease - design_ease;
    let tolerance = tolerance.max(0.5);
    if strain_ratio >= 1.0 {
        Verdict::Tight
    } else if d < -tolerance || strain_ratio >= SNUG_STRAIN {
        Verdict::Snug
    } else if d <= tolerance {
        Verdict::Good
    } else if d <= 3.0 * tolerance {
        Verdict::Relaxed
    } else {
        Verdict::Loose
    }
}

/// The verdict on a length: `difference` = garment minus standard, cm.
pub fn length(difference: f64, strain_ratio: f64) -> Verdict {
    if strain_ratio >= 1.0 {
        Verdict::Tight
    } else if difference > LENGTH_TOLERANCE_CM {
        Verdict::Long
    } else if difference < -LENGTH_TOLERANCE_CM {
        Verdict::Short
    } else {
        Verdict::Standard
    }
}

/// The verdict on the shoulders: the mean gap over the shoulder points (cm) and the strain.
pub fn shoulders(gap_cm: f64, strain_ratio: f64) -> Verdict {
    if strain_ratio >= 1.0 {
        Verdict::Tight
    } else if strain_ratio >= SNUG_STRAIN {
        Verdict::Snug
    } else if gap_cm > 3.0 {
        Verdict::Loose
    } else if gap_cm > 1.5 {
        Verdict::Relaxed
    } else {
        Verdict::Good
    }
}
