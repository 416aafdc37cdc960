//! The fit's values in the shopper's language: a region's verdict with its numbers and the
//! reasons of a size recommendation. English reads as the command line and the JSON report do
//! (`fit::english`); German is written here from the same values.

use crate::app::i18n::{Lang, key_label};
use crate::app::panels::labels;
use crate::fit::english;
use crate::fit::fitmap::RegionFit;
use crate::fit::recommend::{ChartCheck, Reason};
use crate::garment::{Region, Verdict};
use crate::measurements::Key;

/// The verdict on a region without the region's name (the fit table's last column):
/// `"snug, +2 cm ease"`, `"3 cm longer than standard"`; German `"knapp, +2 cm Zugabe"`.
pub fn region_detail(fit: &RegionFit, lang: Lang) -> String {
    let sentence = region_sentence(fit, lang);
    match sentence.split_once(": ") {
        Some((_, detail)) => detail.to_string(),
        None => sentence,
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
    let name = labels::region(fit.region, Lang::De);
    if fit.verdict == Verdict::Tight {
        return format!(
            "{name}: {}, Stoff um {:.0} % gedehnt (gibt {:.0} % nach)",
            labels::verdict(Verdict::Tight, Lang::De),
            fit.strain_pct.max(0.0),
            fit.stretch_pct
        );
    }
    if fit.region.is_length() {
        let cm = fit.ease_cm.abs().round();
        return match fit.verdict {
            Verdict::Long => format!("{name}: {cm:.0} cm länger als Standard"),
            Verdict::Short => format!("{name}: {cm:.0} cm kürzer als Standard"),
            _ => format!("{name}: {}", labels::verdict(Verdict::Standard, Lang::De)),
        };
    }
    format!(
        "{name}: {}, {} Zugabe",
        labels::verdict(fit.verdict, Lang::De),
        english::signed_cm(fit.ease_cm)
    )
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
            inside
                .iter()
                .map(|c| key_de(&c.key))
                .collect::<Vec<_>>()
                .join(" und "),
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
    regions
        .iter()
        .map(|r| labels::region(*r, Lang::De))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A size chart's measurement key in German (`chest_girth` → `Brustumfang`); an unknown key as
/// written.
fn key_de(key: &str) -> String {
    Key::parse(key).map_or_else(|| key.to_string(), |k| key_label(k, Lang::De).to_string())
}

fn checks_de(checks: &[ChartCheck]) -> String {
    checks
        .iter()
        .map(|c| {
            format!(
                "{} {} cm in {:.0}\u{2013}{:.0}",
                key_de(&c.key),
                c.body_cm.map_or("?".to_string(), |v| format!("{v:.0}")),
                c.min,
                c.max
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn outside_de(outside: &[ChartCheck]) -> String {
    if outside.is_empty() {
        return "in jedem Bereich".into();
    }
    outside
        .iter()
        .map(|c| {
            let v = c.body_cm.unwrap_or(f64::NAN);
            let (dir, by) = if v > c.max {
                ("über", v - c.max)
            } else {
                ("unter", c.min - v)
            };
            format!(
                "{} ({v:.0} cm) liegt {by:.0} cm {dir} dem Bereich {:.0}\u{2013}{:.0}",
                key_de(&c.key),
                c.min,
                c.max
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
