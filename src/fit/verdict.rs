//! Verdicts in words: how a region fits (tight … loose, short … long) from its ease against the
//! ease the garment is designed with, and from its strain against the fabric's stretch.

use super::Region;
use serde::{Deserialize, Serialize};

/// How one region fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Stretched to (or past) what the fabric gives: too small here.
    Tight,
    /// Close to the body, less ease than designed.
    Snug,
    /// About the designed ease.
    Good,
    /// More ease than designed.
    Relaxed,
    /// Far more ease than designed: too big here.
    Loose,
    /// Shorter than the standard length for this body.
    Short,
    /// The standard length for this body.
    Standard,
    /// Longer than the standard length for this body.
    Long,
}

impl Verdict {
    /// The word used in sentences.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Tight => "tight",
            Verdict::Snug => "snug",
            Verdict::Good => "good fit",
            Verdict::Relaxed => "relaxed",
            Verdict::Loose => "loose",
            Verdict::Short => "short",
            Verdict::Standard => "standard length",
            Verdict::Long => "long",
        }
    }

    /// Whether the region does not fit (a reason against the size).
    pub fn is_problem(self) -> bool {
        matches!(self, Verdict::Tight | Verdict::Loose)
    }
}

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

/// A signed number of cm, rounded: `+2 cm`, `−3 cm`, `0 cm`.
pub fn signed_cm(value: f64) -> String {
    let r = value.round();
    if r > 0.0 {
        format!("+{r:.0} cm")
    } else if r < 0.0 {
        format!("\u{2212}{:.0} cm", -r)
    } else {
        "0 cm".to_string()
    }
}

/// The sentence for a region: `"chest: snug, +2 cm ease"`, `"length: 3 cm longer than
/// standard"`, `"chest: tight, fabric stretched 12% (gives 5%)"`.
pub fn sentence(
    region: Region,
    verdict: Verdict,
    ease: f64,
    strain_pct: f64,
    stretch_pct: f64,
) -> String {
    let name = region.as_str().replace('_', " ");
    if verdict == Verdict::Tight {
        return format!(
            "{name}: tight, fabric stretched {:.0}% (gives {:.0}%)",
            strain_pct.max(0.0),
            stretch_pct
        );
    }
    if region.is_length() {
        let cm = ease.abs().round();
        return match verdict {
            Verdict::Long => format!("{name}: {cm:.0} cm longer than standard"),
            Verdict::Short => format!("{name}: {cm:.0} cm shorter than standard"),
            _ => format!("{name}: standard length"),
        };
    }
    format!("{name}: {}, {} ease", verdict.word(), signed_cm(ease))
}
