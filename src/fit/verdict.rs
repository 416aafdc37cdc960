//! The verdict rules: how a region fits (tight … loose, short … long) from its ease against the
//! ease the garment is designed with, and from its strain against the fabric's stretch. The
//! verdicts themselves are the garment format's vocabulary ([`crate::garment::Verdict`]).

use super::Verdict;

/// Strain at or above this share of the fabric's stretch reads as snug.
pub const SNUG_STRAIN: f64 = 0.5;
/// Added to a girth's tolerance: the tape's own error on the body (about ±1 cm for a girth taken
/// by a person; see docs/fitting.md) and the grading's on the garment, so that a body inside a
/// size's chart range reads as that size's designed ease, not as snug or relaxed.
pub const MEASURE_ALLOWANCE_CM: f64 = 1.0;
/// A length within this many cm of the standard is the standard length.
pub const LENGTH_TOLERANCE_CM: f64 = 1.5;

/// The verdict on a girth: `ease` (garment minus body, cm) against `design_ease` (what the
/// garment is made with for a body it is sized for) with `tolerance` (cm), and `strain_ratio`
/// (the strain the body causes / the fabric's stretch).
pub fn girth(ease: f64, design_ease: f64, tolerance: f64, strain_ratio: f64) -> Verdict {
    let d = ease - design_ease;
    let tolerance = tolerance.max(0.5) + MEASURE_ALLOWANCE_CM;
    if strain_ratio >= 1.0 || d < -3.0 * tolerance {
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

/// The verdict on a length: `difference` = garment minus standard, cm. A length is short,
/// standard or long, never tight: what stretches along the body is the drape hanging, not the
/// garment being too small.
pub fn length(difference: f64) -> Verdict {
    if difference > LENGTH_TOLERANCE_CM {
        Verdict::Long
    } else if difference < -LENGTH_TOLERANCE_CM {
        Verdict::Short
    } else {
        Verdict::Standard
    }
}

/// Stretch across the shoulders that the drape leaves on a garment the body does not stretch,
/// %: the largest reading on the catalog's garments in their own size on their own reference
/// body was 2.3 % (the woven Oxford shirt; knits 0–1 %). Only what lies beyond counts as
/// strain the body causes.
pub const SHOULDER_RESIDUE_PCT: f64 = 2.5;

/// The verdict on the shoulders: the mean gap over the shoulder points (cm) and the strain
/// ratio (strain beyond [`SHOULDER_RESIDUE_PCT`] over the fabric's stretch).
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

/// Where a verdict sits on the fit map's scale: +1 tight (red) … 0 good (green) … −1 loose
/// (blue); lengths are 0 (the map shows girths and the shoulders).
pub fn value(v: Verdict) -> f32 {
    match v {
        Verdict::Tight => 1.0,
        Verdict::Snug => 0.5,
        Verdict::Good => 0.0,
        Verdict::Relaxed => -0.5,
        Verdict::Loose => -1.0,
        Verdict::Short | Verdict::Standard | Verdict::Long => 0.0,
    }
}
