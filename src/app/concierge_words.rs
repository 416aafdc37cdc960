//! The concierge's sentences in the shopper's language: English as the command line says them
//! (`concierge::Why::english` and its kin), German written here from the same values.

use crate::app::fit_words;
use crate::app::i18n::Lang;
use crate::app::panels::labels;
use crate::concierge::{About, Lacking, Reminder, Returned, Why};
use crate::garment::Verdict;

/// A suggestion's reason as a sentence.
pub fn why(why: &Why, lang: Lang) -> String {
    if lang == Lang::En {
        return why.english();
    }
    match why {
        Why::CompletesLook { name, kept_in } => match kept_in {
            Some(size) => format!("ergänzt den Look: {name}, in {size} behalten"),
            None => format!("ergänzt den Look: {name} auf Ihrer Wunschliste"),
        },
        Why::OtherColour {
            name,
            colour,
            kept_in,
        } => match kept_in {
            Some(size) => format!("{name}, das Sie in {size} behalten haben, jetzt in {colour}"),
            None => format!("{name} von Ihrer Wunschliste, in {colour}"),
        },
        Why::LikeYours {
            name,
            kept_in,
            returned,
        } => {
            let did = match kept_in {
                Some(size) => format!("weil Sie {name} in {size} behalten haben"),
                None => format!("weil {name} auf Ihrer Wunschliste steht"),
            };
            match returned {
                Some(r) => format!(
                    "{did}, {} aber zurückgeschickt haben ({})",
                    r.name,
                    returned_de(r)
                ),
                None => did,
            }
        }
        Why::Size { size, probability } => {
            format!("Größe {size}, zu {} wahrscheinlich", percent(*probability))
        }
        Why::Lesson(a) => fit_words::adjustment(a, lang),
        Why::Alike {
            name,
            original,
            likeness,
            size,
            probability,
        } => format!(
            "{name} ähnelt {original} ({} ähnlich), Größe {size} zu {} wahrscheinlich",
            percent(*likeness),
            percent(*probability)
        ),
        Why::SameElsewhere {
            retailer,
            colour,
            same_colour,
            size,
            probability,
        } => {
            let which = if *same_colour {
                format!("dasselbe Kleidungsstück in derselben Farbe ({colour})")
            } else {
                format!("dasselbe Kleidungsstück in {colour}")
            };
            format!(
                "{which} bei {retailer}, Größe {size} zu {} wahrscheinlich",
                percent(*probability)
            )
        }
        Why::HasYourSize { retailer } => format!("{retailer} hat es in Ihrer Größe"),
    }
}

/// `"87 %"`.
fn percent(p: f64) -> String {
    format!("{:.0} %", p * 100.0)
}

/// What the shopper said about a return, in German: `"zu eng (Brust), zu lang (Ärmel)"`.
fn returned_de(r: &Returned) -> String {
    if r.fit.is_empty() {
        return "passte nicht".into();
    }
    let parts: Vec<String> = r
        .fit
        .iter()
        .map(|(region, verdict)| {
            let region = labels::region(*region, Lang::De);
            match verdict {
                Verdict::Tight => format!("zu eng ({region})"),
                Verdict::Loose => format!("zu weit ({region})"),
                Verdict::Short => format!("zu kurz ({region})"),
                Verdict::Long => format!("zu lang ({region})"),
                v => format!("{region}: {}", labels::verdict(*v, Lang::De)),
            }
        })
        .collect();
    parts.join(", ")
}

/// Why the first retailer's product is not enough, as a sentence.
pub fn lacking(lacking: &Lacking, lang: Lang) -> String {
    match (lang, lacking) {
        (Lang::En, l) => l.english(),
        (Lang::De, Lacking::NoSize { name, retailer }) => {
            format!("Keine Größe von {name} passt Ihnen bei {retailer}")
        }
        (
            Lang::De,
            Lacking::OutOfStock {
                name,
                retailer,
                size,
            },
        ) => format!("{retailer} hat {name} in Größe {size} nicht vorrätig"),
    }
}

/// A reminder as a sentence.
pub fn reminder(r: &Reminder, lang: Lang) -> String {
    if lang == Lang::En {
        return r.text.clone();
    }
    let (retailer, date) = (&r.retailer, &r.date);
    match &r.about {
        About::ReturnBy {
            name,
            order_number,
            days_left,
        } => {
            let when = match days_left {
                0 => "heute ist der letzte Tag".to_string(),
                1 => "noch 1 Tag".to_string(),
                n => format!("noch {n} Tage"),
            };
            format!(
                "{name} (Bestellung {order_number} bei {retailer}) bis {date} zurückschicken: {when}"
            )
        }
        About::PriceDrop {
            name,
            price,
            was,
            currency,
        } => format!(
            "{name} bei {retailer} kostet seit {date} {} (vorher {})",
            labels::money(*price, currency, lang),
            labels::money(*was, currency, lang)
        ),
        About::BackInStock { name, size } => {
            format!("{name} bei {retailer} ist seit {date} wieder in Größe {size} vorrätig")
        }
        About::Unknown => r.text.clone(),
    }
}

/// What recording a catalog did: `"assets/catalog: 312 added, 0 updated, 0 refused"`.
pub fn catalog_counts(
    path: &str,
    (added, updated, refused): (usize, usize, usize),
    lang: Lang,
) -> String {
    match lang {
        Lang::En => format!("{path}: {added} added, {updated} updated, {refused} refused"),
        Lang::De => {
            format!("{path}: {added} hinzugefügt, {updated} aktualisiert, {refused} abgelehnt")
        }
    }
}
