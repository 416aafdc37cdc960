//! The fit's results in English words: the sentences of the JSON report (`reasons`, a region's
//! `text`) and of `anprobe fit`'s summary. The domain hands out values ([`Reason`],
//! [`RegionFit`]); this module is one reader of them, the app's `i18n` another.

use super::fitmap::{RegionFinding, RegionFit};
use super::recommend::{ChartCheck, RangeSide, Reason};
use super::{Region, Verdict};

/// The verdict as a word in a sentence: `"tight"`, `"good fit"`, `"standard length"`.
pub fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
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

/// The region's name in a sentence: `"chest"`, `"upper arm"`, `"inside leg"`.
pub fn region_name(region: Region) -> String {
    region.as_str().replace('_', " ")
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
pub fn region_sentence(fit: &RegionFit) -> String {
    format!("{}: {}", region_name(fit.region), region_detail(fit))
}

/// The verdict on a region without its name: `"snug, +2 cm ease"`, `"3 cm longer than
/// standard"`.
pub fn region_detail(fit: &RegionFit) -> String {
    match fit.finding() {
        RegionFinding::Stretched {
            strain_pct,
            stretch_pct,
        } => format!("tight, fabric stretched {strain_pct:.0}% (gives {stretch_pct:.0}%)"),
        RegionFinding::TightForCut {
            ease_cm,
            design_ease_cm,
        } => format!(
            "tight, {} ease where the cut has {}",
            signed_cm(ease_cm),
            signed_cm(design_ease_cm)
        ),
        RegionFinding::LongerBy(cm) => format!("{cm:.0} cm longer than standard"),
        RegionFinding::ShorterBy(cm) => format!("{cm:.0} cm shorter than standard"),
        RegionFinding::StandardLength => "standard length".into(),
        RegionFinding::Ease { verdict, ease_cm } => {
            format!("{}, {} ease", verdict_word(verdict), signed_cm(ease_cm))
        }
    }
}

/// A reason as a sentence.
pub fn reason(reason: &Reason) -> String {
    match reason {
        Reason::NoSizes => "the size chart has no sizes".into(),
        Reason::InsideAllRanges { size, checks } => format!(
            "your measurements are inside size {size}'s ranges ({})",
            describe_checks(checks)
        ),
        Reason::InsidePrimaryRanges {
            size,
            inside,
            outside,
        } => format!(
            "your {} {} inside size {size}'s range ({}); {}",
            join(inside, " and ", |c| key_name(&c.key)),
            if inside.len() > 1 { "are" } else { "is" },
            describe_checks(inside),
            outside_text(outside)
        ),
        Reason::NoSizeFits { outside } => format!("no size fits: {}", outside_text(outside)),
        Reason::NearestIsTight { size, regions } => format!(
            "the nearest size, {size}, is tight at the {}",
            region_list(regions, " and ")
        ),
        Reason::NearestSize { size, outside } => format!(
            "no size's range holds your measurements; the nearest is {size} ({})",
            outside_text(outside)
        ),
        Reason::Region(fit) => region_sentence(fit),
        Reason::DrapeFinds { verdict, regions } => format!(
            "the drape finds it {} at the {}",
            verdict_word(*verdict),
            region_list(regions, ", ")
        ),
        Reason::Neighbour {
            size,
            verdict,
            region,
        } => format!(
            "size {size} would be {} at the {}",
            verdict_word(*verdict),
            region_name(*region)
        ),
        Reason::PredictedMeasurements => {
            "some of the measurements that decide the size were predicted, not typed".into()
        }
    }
}

/// Every reason as a sentence, in order.
pub fn reasons(reasons: &[Reason]) -> Vec<String> {
    reasons.iter().map(reason).collect()
}

/// `items`, each in words, joined by `separator`.
pub fn join<T>(items: &[T], separator: &str, words: impl Fn(&T) -> String) -> String {
    items.iter().map(words).collect::<Vec<_>>().join(separator)
}

fn region_list(regions: &[Region], separator: &str) -> String {
    join(regions, separator, |r| region_name(*r))
}

/// A measurement key in a sentence: `"chest_girth"` → `"chest"`, `"inside_leg"` → `"inside leg"`.
fn key_name(key: &str) -> String {
    key.trim_end_matches("_girth").replace('_', " ")
}

fn describe_checks(checks: &[ChartCheck]) -> String {
    join(checks, ", ", |c| {
        format!(
            "{} {} cm in {}",
            key_name(&c.key),
            c.body_text(),
            c.range_text()
        )
    })
}

fn outside_text(outside: &[ChartCheck]) -> String {
    if outside.is_empty() {
        return "inside every range".into();
    }
    join(outside, "; ", |c| {
        let (side, by) = c.outside_by();
        let side = match side {
            RangeSide::Above => "above",
            RangeSide::Below => "below",
        };
        format!(
            "your {} ({} cm) is {by:.decimals$} cm {side} the range {}",
            key_name(&c.key),
            c.body_text(),
            c.range_text(),
            decimals = ChartCheck::outside_decimals(by)
        )
    })
}
