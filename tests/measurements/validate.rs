//! Tests: validation — each rule fires, names its key and says why; normal bodies (petite,
//! plus-size, tall) pass without a word.

use super::{average_female, body, normal_bodies};
use anprobe::measurements::{Form, Issue, IssueLevel, Key, Measurements, Unit, validate};

/// The average woman with some values changed.
fn changed(values: &[(Key, f64)]) -> Measurements {
    let mut m = average_female();
    for &(k, v) in values {
        m.set(k, v);
    }
    m
}

/// The one issue about `key` at `level`, checked to contain `text` and to print as `key: …`.
fn expect(m: &Measurements, key: Key, level: IssueLevel, text: &str) -> Issue {
    let issues = validate(m);
    let found: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.key == Some(key) && i.level == level)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{key:?} {level:?} expected once, got {issues:#?}"
    );
    let shown = found[0].to_string();
    assert!(shown.starts_with(&format!("{}: ", key.as_str())), "{shown}");
    assert!(shown.contains(text), "{shown:?} should contain {text:?}");
    found[0].clone()
}

#[test]
fn normal_bodies_pass_without_issues() {
    for (name, m) in normal_bodies() {
        assert_eq!(validate(&m), vec![], "{name}");
        let mut only_stature = Measurements::new(m.form.unwrap(), m.get(Key::Stature).unwrap());
        only_stature.form = None;
        assert_eq!(validate(&only_stature), vec![], "{name}, stature only");
    }
}

#[test]
fn single_values_out_of_range() {
    use IssueLevel::Error;
    use Key::*;
    expect(
        &changed(&[(Stature, -5.0)]),
        Stature,
        Error,
        "-5 cm is negative",
    );
    expect(&changed(&[(ChestGirth, 0.0)]), ChestGirth, Error, "zero");
    expect(
        &changed(&[(WaistGirth, f64::NAN)]),
        WaistGirth,
        Error,
        "not a finite number",
    );
    expect(
        &changed(&[(HipGirth, f64::INFINITY)]),
        HipGirth,
        Error,
        "not a finite number",
    );
    let i = expect(&changed(&[(ChestGirth, 38.0)]), ChestGirth, Error, "");
    assert_eq!(
        i.to_string(),
        "chest_girth: 38 cm is below the plausible 60–200 cm; was it typed in inches?"
    );
    expect(
        &changed(&[(Stature, 250.0)]),
        Stature,
        Error,
        "250 cm is above the plausible 100–230 cm",
    );
    expect(
        &changed(&[(Stature, 1.63)]),
        Stature,
        Error,
        "was it typed in metres?",
    );
    expect(
        &changed(&[(WeightKg, 350.0)]),
        WeightKg,
        Error,
        "350 kg is above the plausible 30–300 kg; was it typed in pounds?",
    );
    let mut inches = changed(&[(HipGirth, 102.0 * 2.54)]);
    inches.unit = Unit::In;
    expect(
        &inches,
        HipGirth,
        Error,
        "102 in is above the plausible 27.6–78.7 in; was it typed in cm? The unit is inches",
    );
    expect(&Measurements::default(), Stature, Error, "missing");
}

#[test]
fn every_length_typed_in_inches_gets_the_hint() {
    let cm = average_female();
    let mut typed = cm.clone();
    for (k, v) in cm.values.iter().filter(|(k, _)| k.is_length()) {
        typed.set(*k, v / 2.54);
    }
    let issues = validate(&typed);
    for key in Key::ALL.into_iter().filter(|k| k.is_length()) {
        assert!(
            issues.iter().any(|i| i.key == Some(key)
                && i.is_error()
                && i.sentence().contains("was it typed in inches?")),
            "{key:?}: {issues:#?}"
        );
    }
}

#[test]
fn contradictions_no_body_has() {
    use IssueLevel::Error;
    use Key::*;
    expect(
        &changed(&[(WaistGirth, 150.0), (HipGirth, 72.0)]),
        WaistGirth,
        Error,
        "more than twice the hip girth (72 cm)",
    );
    expect(
        &changed(&[(UnderbustGirth, 100.0)]),
        UnderbustGirth,
        Error,
        "100 cm is more than the chest girth (95 cm)",
    );
    expect(
        &changed(&[(ShoulderWidth, 50.0)]),
        ShoulderWidth,
        Error,
        "more than half the chest girth",
    );
    expect(
        &changed(&[(NeckGirth, 47.5)]),
        NeckGirth,
        Error,
        "not smaller than half the chest girth",
    );
    expect(
        &changed(&[(WristGirth, 16.5), (UpperArmGirth, 16.0)]),
        WristGirth,
        Error,
        "upper arm girth (16 cm)",
    );
    expect(
        &changed(&[(AnkleGirth, 37.4)]),
        AnkleGirth,
        Error,
        "calf girth",
    );
    expect(
        &changed(&[(KneeGirth, 62.0)]),
        KneeGirth,
        Error,
        "thigh girth",
    );
    expect(
        &changed(&[(CalfGirth, 62.0), (AnkleGirth, 30.0)]),
        CalfGirth,
        Error,
        "thigh girth",
    );
    expect(
        &changed(&[(ThighGirth, 105.0)]),
        ThighGirth,
        Error,
        "hip girth",
    );
    expect(
        &changed(&[(InsideLeg, 50.0)]),
        InsideLeg,
        Error,
        "31 % of the stature (163 cm)",
    );
    expect(
        &changed(&[(InsideLeg, 100.0)]),
        InsideLeg,
        Error,
        "outside 35–60 %",
    );
    expect(
        &changed(&[(ArmLength, 38.0)]),
        ArmLength,
        Error,
        "outside 25–45 %",
    );
    expect(
        &changed(&[(WeightKg, 30.0)]),
        WeightKg,
        Error,
        "body-mass index of 11.3, outside the possible 12–70",
    );
    let head = |stature, girth| body(Form::Female, &[(Stature, stature), (HeadGirth, girth)]);
    expect(&head(230.0, 45.0), HeadGirth, Error, "outside 20–60 %");
    expect(&head(100.0, 65.0), HeadGirth, Error, "outside 20–60 %");
}

#[test]
fn unusual_but_possible_values_are_warnings() {
    use IssueLevel::Warning;
    use Key::*;
    let m = changed(&[(InsideLeg, 64.0)]);
    expect(&m, InsideLeg, Warning, "usually 40–57 %");
    assert!(validate(&m).iter().all(|i| !i.is_error()));
    expect(
        &changed(&[(ArmLength, 70.0)]),
        ArmLength,
        Warning,
        "usually 27–41 %",
    );
    expect(
        &changed(&[(WeightKg, 38.0)]),
        WeightKg,
        Warning,
        "body-mass index of 14.3",
    );
    expect(
        &body(Form::Female, &[(Stature, 200.0), (HeadGirth, 50.0)]),
        HeadGirth,
        Warning,
        "25 %",
    );
    expect(
        &changed(&[(WaistGirth, 160.0), (HipGirth, 100.0), (ThighGirth, 60.0)]),
        WaistGirth,
        Warning,
        "unusually large",
    );
    expect(
        &changed(&[(WeightKg, 110.0)]),
        WeightKg,
        Warning,
        "unusually high for the typed girths",
    );
    expect(
        &changed(&[(WeightKg, 41.0)]),
        WeightKg,
        Warning,
        "unusually low for the typed girths",
    );
}

#[test]
fn combinations_skip_values_already_wrong() {
    // A chest typed in inches is reported once, not again as "smaller than the underbust".
    let issues = validate(&changed(&[(Key::ChestGirth, 37.0)]));
    assert_eq!(issues.len(), 1, "{issues:#?}");
}

/// The German wording is the app's (`app::i18n`): the domain's issues carry no language.
#[cfg(feature = "app")]
#[test]
fn every_issue_is_also_said_in_german() {
    use Key::*;
    use anprobe::app::i18n::{Lang, issue_text};
    let bad = [
        changed(&[(ChestGirth, 37.5)]),
        changed(&[(UnderbustGirth, 99.0), (ChestGirth, 92.0)]),
        changed(&[(ShoulderWidth, 50.0), (ChestGirth, 92.0)]),
        changed(&[(WaistGirth, 160.0), (HipGirth, 100.0), (ThighGirth, 60.0)]),
        changed(&[(InsideLeg, 120.0)]),
        changed(&[(WeightKg, 110.0)]),
        changed(&[(WeightKg, 300.0)]),
        changed(&[(NeckGirth, -3.0)]),
        Measurements::new(Form::Female, 0.0),
    ];
    let mut seen = 0;
    for m in &bad {
        for issue in validate(m) {
            seen += 1;
            let (message, message_de) =
                (issue_text(&issue, Lang::En), issue_text(&issue, Lang::De));
            assert_eq!(
                message,
                issue.sentence(),
                "the app's English is the domain's"
            );
            assert!(!message_de.trim().is_empty(), "{issue:?}");
            assert_ne!(message_de, message, "untranslated: {issue:?}");
        }
    }
    assert!(seen >= bad.len(), "every body has an issue");
    let chest = expect(&bad[0], ChestGirth, IssueLevel::Error, "typed in inches");
    assert_eq!(
        issue_text(&chest, Lang::De),
        "37,5 cm liegt unter dem plausiblen Bereich 60–200 cm; wurde es in Zoll eingegeben?"
    );
    let shoulders = expect(&bad[2], ShoulderWidth, IssueLevel::Error, "half the chest");
    let shoulders_de = issue_text(&shoulders, Lang::De);
    assert!(
        shoulders_de.starts_with("50 cm ist mehr als die Hälfte von 92 cm (Brustumfang); "),
        "{shoulders_de}"
    );
}
