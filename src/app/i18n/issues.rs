//! The measurement panel's validation messages in the UI's language: the domain's
//! [`Issue`] values put into words — English as the command line says them, German here — and
//! the German names of the measurements, as a tailor says them.

use super::Lang;
use crate::measurements::{
    Bmi, BodyRule, Issue, IssueKind, Key, ShareOfStature, Unit, UnitSlip, in_unit, one_decimal,
    percent,
};

/// An issue's sentence in `lang` (without the key: the panel shows it under the key's row).
pub fn issue_text(issue: &Issue, lang: Lang) -> String {
    match lang {
        Lang::En => issue.sentence(),
        Lang::De => german(issue),
    }
}

/// A measurement's German name, as a tailor says it ("Hüftumfang").
pub fn key_noun_de(key: Key) -> &'static str {
    match key {
        Key::Stature => "Körperhöhe",
        Key::NeckGirth => "Halsumfang",
        Key::ChestGirth => "Brustumfang",
        Key::UnderbustGirth => "Unterbrustumfang",
        Key::WaistGirth => "Taillenumfang",
        Key::OmphalionGirth => "Taille am Nabel",
        Key::HipGirth => "Hüftumfang",
        Key::ShoulderWidth => "Schulterbreite",
        Key::ArmLength => "Armlänge",
        Key::UpperArmGirth => "Oberarmumfang",
        Key::WristGirth => "Handgelenkumfang",
        Key::InsideLeg => "Schrittlänge",
        Key::ThighGirth => "Oberschenkelumfang",
        Key::KneeGirth => "Knieumfang",
        Key::CalfGirth => "Wadenumfang",
        Key::AnkleGirth => "Knöchelumfang",
        Key::HeadGirth => "Kopfumfang",
        Key::WeightKg => "Gewicht",
    }
}

/// [`one_decimal`] with a decimal comma.
fn num_de(v: f64) -> String {
    one_decimal(v).replace('.', ",")
}

/// `v` (cm or kg) in the shopper's unit with its German name, e.g. "37,5 cm" or "15 Zoll".
fn show_de(v: f64, key: Key, unit: Unit) -> String {
    let name = match (key.is_length(), unit) {
        (false, _) => "kg",
        (true, Unit::Cm) => "cm",
        (true, Unit::In) => "Zoll",
    };
    format!("{} {name}", num_de(in_unit(v, key, unit)))
}

/// The German clause of a [`BodyRule`].
fn rule_de(rule: BodyRule) -> &'static str {
    match rule {
        BodyRule::UnderbustBelowChest => {
            "der Unterbrustumfang liegt unter der Brust und ist kleiner"
        }
        BodyRule::ShouldersBelowHalfChest => {
            "die Schultern sind schmaler als der halbe Brustumfang"
        }
        BodyRule::NeckBelowHalfChest => "der Hals ist dünner als der halbe Brustumfang",
        BodyRule::WristBelowUpperArm => "das Handgelenk ist dünner als der Oberarm",
        BodyRule::AnkleBelowCalf => "der Knöchel ist dünner als die Wade",
        BodyRule::KneeBelowThigh => "das Knie ist dünner als der Oberschenkel",
        BodyRule::CalfBelowThigh => "die Wade ist dünner als der Oberschenkel",
        BodyRule::ThighBelowHip => "ein Oberschenkel ist dünner als die Hüfte um beide",
        BodyRule::AnkleBelowThigh => "der Knöchel ist dünner als der Oberschenkel",
        BodyRule::CalfBelowHip => "die Wade ist dünner als die Hüfte",
        BodyRule::KneeBelowHip => "das Knie ist dünner als die Hüfte",
    }
}

fn slip_de(slip: Option<UnitSlip>) -> &'static str {
    match slip {
        None => "",
        Some(UnitSlip::Inches) => "; wurde es in Zoll eingegeben?",
        Some(UnitSlip::Centimetres) => "; wurde es in cm eingegeben? Die Einheit ist Zoll",
        Some(UnitSlip::Metres) => "; wurde es in Metern eingegeben?",
        Some(UnitSlip::Millimetres) => "; wurde es in mm eingegeben?",
        Some(UnitSlip::Pounds) => "; wurde es in Pfund eingegeben?",
    }
}

/// The German sentence of an issue.
fn german(issue: &Issue) -> String {
    let unit = issue.unit;
    let key = issue.key.unwrap_or(Key::Stature);
    let say = |v: f64, k: Key| show_de(v, k, unit);
    let bmi_of = |b: &Bmi| {
        format!(
            "{} bei {} Körperhöhe ergibt einen Body-Mass-Index von {}",
            say(b.weight, Key::WeightKg),
            say(b.stature, Key::Stature),
            num_de(b.bmi)
        )
    };
    let share_of = |s: &ShareOfStature| {
        format!(
            "{} sind {} % der Körperhöhe ({})",
            say(s.value, key),
            percent(s.share),
            say(s.stature, Key::Stature)
        )
    };
    match issue.kind {
        IssueKind::Missing => "fehlt; ohne Körperhöhe lässt sich kein Körper bauen".into(),
        IssueKind::NotFinite => "ist keine endliche Zahl".into(),
        IssueKind::NotPositive { value } => {
            let sign = if value < 0.0 {
                "ist negativ"
            } else {
                "ist null"
            };
            format!(
                "{} {sign}; der Wert muss größer als 0 sein",
                say(value, key)
            )
        }
        IssueKind::OutOfRange(r) => {
            let side = if r.value < r.low {
                "liegt unter"
            } else {
                "liegt über"
            };
            format!(
                "{} {side} dem plausiblen Bereich {}–{}{}",
                say(r.value, key),
                num_de(in_unit(r.low, key, unit)),
                say(r.high, key),
                slip_de(r.slip)
            )
        }
        IssueKind::NotBelow(b) => {
            let cmp = if b.equal_ok {
                "mehr als"
            } else {
                "nicht kleiner als"
            };
            let half = if b.factor == 0.5 {
                "die Hälfte von "
            } else {
                ""
            };
            format!(
                "{} ist {cmp} {half}{} ({}); {}",
                say(b.value, key),
                say(b.other_value, b.other),
                key_noun_de(b.other),
                rule_de(b.rule)
            )
        }
        IssueKind::WaistOverTwiceHip(w) => format!(
            "{} ist mehr als der doppelte Hüftumfang ({}); das hat kein Körper",
            say(w.waist, Key::WaistGirth),
            say(w.hip, Key::HipGirth)
        ),
        IssueKind::WaistLargeForHip(w) => format!(
            "{} ist ungewöhnlich groß für den Hüftumfang ({}); bitte beide prüfen",
            say(w.waist, Key::WaistGirth),
            say(w.hip, Key::HipGirth)
        ),
        IssueKind::UnusualShareOfStature(s) => format!(
            "{}; üblich sind {}–{} %. Bitte prüfen",
            share_of(&s),
            percent(s.low),
            percent(s.high)
        ),
        IssueKind::ImpossibleShareOfStature(s) => format!(
            "{}; bei Erwachsenen liegt der Wert immer bei {}–{} %{}",
            share_of(&s),
            percent(s.low),
            percent(s.high),
            slip_de(s.inches.then_some(UnitSlip::Inches))
        ),
        IssueKind::UnusualBmi(b) => {
            format!("{}, das ist sehr ungewöhnlich. Bitte prüfen", bmi_of(&b))
        }
        IssueKind::ImpossibleBmi(b) => format!(
            "{}, außerhalb des Möglichen ({}–{})",
            bmi_of(&b),
            num_de(b.low),
            num_de(b.high)
        ),
        IssueKind::Caliper(c) => format!(
            "{} {} liegt außerhalb der für diesen Körper plausiblen {}–{}; bitte prüfen",
            super::caliper_label(c.var, Lang::De),
            say(c.value, Key::ChestGirth),
            num_de(in_unit(c.low, Key::ChestGirth, unit)),
            say(c.high, Key::ChestGirth)
        ),
        IssueKind::WeightForGirths { weight, expected } => {
            let side = if weight < expected { "niedrig" } else { "hoch" };
            format!(
                "{} kg ist ungewöhnlich {side} für die eingegebenen Umfänge und die Körperhöhe (erwartet etwa {} kg); bitte Gewicht oder Umfänge prüfen",
                num_de(weight),
                num_de(expected)
            )
        }
    }
}
