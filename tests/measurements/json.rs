//! Tests: the measurements JSON file — round trips, units, the bust alias, errors that name
//! what is wrong, and no panic on any input.

use super::{average_female, body};
use anprobe::measurements::{Form, JsonError, Key, Measurements, Unit};

fn error(text: &str) -> String {
    match Measurements::from_json(text) {
        Ok(m) => panic!("{text} parsed as {m:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn round_trip_in_cm_is_exact() {
    let mut m = average_female();
    m.set(Key::ChestGirth, 94.3);
    m.set(Key::WeightKg, 61.25);
    let text = m.to_json();
    assert!(
        text.starts_with("{\n  \"form\": \"female\",\n  \"unit\": \"cm\",\n  \"stature\": 163,"),
        "{text}"
    );
    assert_eq!(Measurements::from_json(&text).unwrap(), m);
}

#[test]
fn round_trip_in_inches_converts_lengths_only() {
    let mut m = body(
        Form::Male,
        &[
            (Key::Stature, 180.34),
            (Key::ChestGirth, 101.6),
            (Key::WeightKg, 80.0),
        ],
    );
    m.unit = Unit::In;
    let text = m.to_json();
    assert!(text.contains("\"unit\": \"in\""), "{text}");
    assert!(text.contains("\"stature\": 71"), "{text}");
    assert!(text.contains("\"weight_kg\": 80"), "{text}");
    let back = Measurements::from_json(&text).unwrap();
    assert_eq!((back.form, back.unit), (m.form, m.unit));
    for (k, v) in &m.values {
        assert!((back.values[k] - v).abs() < 1e-9, "{k:?}");
    }
    let typed =
        Measurements::from_json(r#"{"unit": "in", "stature": 66, "weight_kg": 60}"#).unwrap();
    assert!((typed.get(Key::Stature).unwrap() - 167.64).abs() < 1e-9);
    assert_eq!(typed.get(Key::WeightKg), Some(60.0));
}

#[test]
fn parses_form_unit_null_and_alias() {
    let m = Measurements::from_json(
        r#"{"form": "male", "unit": "cm", "stature": 176, "bust_girth": 100, "waist_girth": null}"#,
    )
    .unwrap();
    assert_eq!(m.form, Some(Form::Male));
    assert_eq!(m.get(Key::ChestGirth), Some(100.0));
    assert_eq!(m.get(Key::WaistGirth), None);
    let m = Measurements::from_json(r#"{"chest_girth": 90, "form": null, "unit": null}"#).unwrap();
    assert_eq!(
        (m.form, m.unit, m.get(Key::Stature)),
        (None, Unit::Cm, None)
    );
    assert_eq!(
        Measurements::from_json("{}").unwrap(),
        Measurements::default()
    );
}

#[test]
fn errors_name_what_is_wrong() {
    let e = error(r#"{"stature": 168, "chest_grith": 90}"#);
    assert!(
        e.contains("unknown key \"chest_grith\"") && e.contains("did you mean \"chest_girth\""),
        "{e}"
    );
    assert!(error(r#"{"shoe_size": 40}"#).contains("\"shoe_size\""));
    let e = error(r#"{"stature": "168"}"#);
    assert!(
        e.contains("\"stature\" must be a number") && e.contains("\"168\""),
        "{e}"
    );
    assert!(error(r#"{"waist_girth": true}"#).contains("\"waist_girth\" must be a number"));
    assert!(error(r#"{"hip_girth": [100]}"#).contains("\"hip_girth\""));
    let e = error("{\n  \"stature\": 168,\n  \"chest_girth\": 9O\n}");
    assert!(e.contains("line 3") && e.contains("column"), "{e}");
    assert!(error("{\n  \"stature\": 168,\n}").contains("line 3"));
    assert!(error("").contains("line 1"));
    assert!(error("[168]").contains("not a list"));
    assert!(error("168").contains("one JSON object"));
    assert!(
        error(r#"{"form": "woman"}"#)
            .contains("\"form\" must be \"female\" or \"male\", not the string \"woman\"")
    );
    assert!(
        error(r#"{"unit": "mm"}"#)
            .contains("\"unit\" must be \"cm\" or \"in\", not the string \"mm\"")
    );
    assert!(error(r#"{"unit": 1}"#).contains("\"unit\""));
    assert!(error(r#"{"stature": 160, "stature": 170}"#).contains("\"stature\" is given twice"));
    let e = error(r#"{"chest_girth": 90, "bust_girth": 91}"#);
    assert!(e.contains("chest_girth") && e.contains("bust_girth"), "{e}");
    assert!(matches!(
        Measurements::from_json("{\"stature\": 1e999}"),
        Err(JsonError::Syntax { .. })
    ));
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "",
        " ",
        "{",
        "}",
        "{{}}",
        "null",
        "\"x\"",
        "{\"stature\"}",
        "{\"stature\": }",
        "{\"stature\": -0}",
        "{\"stature\": 1e308, \"unit\": \"in\"}",
        "{\"\u{0}\": 1}",
        "{\"stature\": 168} trailing",
        "\u{feff}{}",
        &"[".repeat(10_000),
        &"{\"a\":".repeat(10_000),
        "{\"form\": {\"x\": 1}}",
        "{\"unit\": \"IN\", \"stature\": 60}",
    ];
    for text in odd {
        let _ = Measurements::from_json(text);
    }
    // Odd but well-formed values parse; validation judges them.
    let m = Measurements::from_json("{\"stature\": -5, \"weight_kg\": 0}").unwrap();
    assert_eq!(m.get(Key::Stature), Some(-5.0));
    let m = Measurements::from_json("{\"stature\": 1e308, \"unit\": \"in\"}").unwrap();
    assert!(m.get(Key::Stature).unwrap().is_infinite());
    let mut m = average_female();
    m.set(Key::NeckGirth, f64::NAN);
    assert!(m.to_json().contains("\"neck_girth\": null"));
}

#[test]
fn load_and_save_name_the_path() {
    let dir = std::env::temp_dir().join(format!("anprobe-measurements-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("body.json");
    let m = average_female();
    m.save(&path).unwrap();
    assert_eq!(Measurements::load(&path).unwrap(), m);
    std::fs::write(&path, "{\"stature\": \"tall\"}").unwrap();
    let e = Measurements::load(&path).unwrap_err().to_string();
    assert!(
        e.contains("body.json") && e.contains("\"stature\" must be a number"),
        "{e}"
    );
    let missing = dir.join("missing.json");
    assert!(
        Measurements::load(&missing)
            .unwrap_err()
            .to_string()
            .contains("missing.json")
    );
    let e = m
        .save(dir.join("no/such/dir.json"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("dir.json"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}
