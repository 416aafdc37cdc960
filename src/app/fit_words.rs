//! The fit's values in the shopper's language: a region's verdict with its numbers and the
//! reasons of a size recommendation. English reads as the command line and the JSON report do
//! (`fit::english`); German is written here from the same values.

use crate::app::i18n::{Lang, key_label};
use crate::app::panels::labels;
use crate::fit::english;
use crate::fit::fitmap::{RegionFinding, RegionFit};
use crate::fit::recommend::{ChartCheck, RangeSide, Reason};
use crate::garment::{Region, Verdict};
use crate::measurements::Key;

/// The verdict on a region without the region's name (the fit table's last column):
/// `"snug, +2 cm ease"`, `"3 cm longer than standard"`; German `"knapp, +2 cm Zugabe"`.
pub fn region_detail(fit: &RegionFit, lang: Lang) -> String {
    match lang {
        Lang::En => english::region_detail(fit),
        Lang::De => detail_de(fit),
    }
}

/// The verdict on a region as a sentence: `"chest: snug, +2 cm ease"`; German
/// `"Brust: knapp, +2 cm Zugabe"`.
pub fn region_sentence(fit: &RegionFit, lang: Lang) -> String {
    match lang {
        Lang::En => english::region_sentence(fit),
        Lang::De => region_de(fit),
    }
}

/// A reason of the recommendation as a sentence.
pub fn reason(reason: &Reason, lang: Lang) -> String {
    match lang {
        Lang::En => english::reason(reason),
        Lang::De => reason_de(reason),
    }
}

fn region_de(fit: &RegionFit) -> String {
    format!(
        "{}: {}",
        labels::region(fit.region, Lang::De),
        detail_de(fit)
    )
}

fn detail_de(fit: &RegionFit) -> String {
    let verdict = |v| labels::verdict(v, Lang::De);
    match fit.finding() {
        RegionFinding::Stretched {
            strain_pct,
            stretch_pct,
        } => format!(
            "{}, Stoff um {strain_pct:.0} % gedehnt (gibt {stretch_pct:.0} % nach)",
            verdict(Verdict::Tight)
        ),
        RegionFinding::TightForCut {
            ease_cm,
            design_ease_cm,
        } => format!(
            "{}, {} Zugabe, geschnitten für {}",
            verdict(Verdict::Tight),
            english::signed_cm(ease_cm),
            english::signed_cm(design_ease_cm)
        ),
        RegionFinding::LongerBy(cm) => format!("{cm:.0} cm länger als Standard"),
        RegionFinding::ShorterBy(cm) => format!("{cm:.0} cm kürzer als Standard"),
        RegionFinding::StandardLength => verdict(Verdict::Standard).to_string(),
        RegionFinding::Ease {
            verdict: v,
            ease_cm,
        } => {
            format!("{}, {} Zugabe", verdict(v), english::signed_cm(ease_cm))
        }
    }
}

fn reason_de(reason: &Reason) -> String {
    match reason {
        Reason::NoSizes => "Die Größentabelle enthält keine Größen".into(),
        Reason::InsideAllRanges { size, checks } => format!(
            "Ihre Maße liegen in den Bereichen von Größe {size} ({})",
            checks_de(checks)
        ),
        Reason::InsidePrimaryRanges {
            size,
            inside,
            outside,
        } => format!(
            "{} {} im Bereich von Größe {size} ({}); {}",
            english::join(inside, " und ", |c| key_de(&c.key)),
            if inside.len() > 1 { "liegen" } else { "liegt" },
            checks_de(inside),
            outside_de(outside)
        ),
        Reason::NoSizeFits { outside } => format!("Keine Größe passt: {}", outside_de(outside)),
        Reason::NearestIsTight { size, regions } => format!(
            "Die nächste Größe, {size}, ist zu eng: {}",
            regions_de(regions)
        ),
        Reason::NearestSize { size, outside } => format!(
            "Kein Größenbereich enthält Ihre Maße; am nächsten ist {size} ({})",
            outside_de(outside)
        ),
        Reason::Region(fit) => region_de(fit),
        Reason::DrapeFinds { verdict, regions } => format!(
            "Die Simulation findet sie {}: {}",
            labels::verdict(*verdict, Lang::De),
            regions_de(regions)
        ),
        Reason::Neighbour {
            size,
            verdict,
            region,
        } => format!(
            "Größe {size} wäre {} ({})",
            labels::verdict(*verdict, Lang::De),
            labels::region(*region, Lang::De)
        ),
        Reason::PredictedMeasurements => {
            "Einige der Maße, die die Größe entscheiden, sind geschätzt, nicht eingegeben".into()
        }
    }
}

fn regions_de(regions: &[Region]) -> String {
    english::join(regions, ", ", |r| labels::region(*r, Lang::De).to_string())
}

/// A size chart's measurement key in German (`chest_girth` → `Brustumfang`); an unknown key as
/// written.
fn key_de(key: &str) -> String {
    Key::parse(key).map_or_else(|| key.to_string(), |k| key_label(k, Lang::De).to_string())
}

fn checks_de(checks: &[ChartCheck]) -> String {
    english::join(checks, ", ", |c| {
        format!(
            "{} {} cm in {}",
            key_de(&c.key),
            c.body_text(),
            c.range_text()
        )
    })
}

fn outside_de(outside: &[ChartCheck]) -> String {
    if outside.is_empty() {
        return "in jedem Bereich".into();
    }
    english::join(outside, "; ", |c| {
        let (side, by) = c.outside_by();
        let side = match side {
            RangeSide::Above => "über",
            RangeSide::Below => "unter",
        };
        format!(
            "{} ({} cm) liegt {} cm {side} dem Bereich {}",
            key_de(&c.key),
            c.body_text(),
            labels::number(by, ChartCheck::outside_decimals(by), Lang::De),
            c.range_text()
        )
    })
}

/// What the shopper's history changed in the size probabilities, as a sentence (English as the
/// command line words it; German from the same values).
pub fn adjustment(a: &crate::sizing::Adjustment, lang: Lang) -> String {
    if lang == Lang::En {
        return a.text.clone();
    }
    let region = labels::region(a.region, Lang::De);
    let way = if a.shift_cm > 0.0 {
        "größer"
    } else {
        "kleiner"
    };
    let whom = match &a.brand {
        Some(brand) => format!("bei {brand}"),
        None => "bei allen Marken (Ihre eigene Vorliebe)".to_string(),
    };
    let causes: Vec<String> = a
        .from
        .iter()
        .map(|s| match s.verdict {
            Some(Verdict::Good) => format!(
                "{} in {} zurückgeschickt, {region} aber gut",
                s.name, s.size
            ),
            Some(v) => {
                let how = match v {
                    Verdict::Tight => "eng",
                    Verdict::Loose => "weit",
                    Verdict::Short => "kurz",
                    _ => "lang",
                };
                format!(
                    "{} in {} am {} als zu {how} ({region}) zurückgeschickt",
                    s.name, s.size, s.date
                )
            }
            None => format!("{} in {} behalten", s.name, s.size),
        })
        .collect();
    format!(
        "Eine Größe {way} ({region}) {whom}: Sie haben {}",
        causes.join("; ")
    )
}
