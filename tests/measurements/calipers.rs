//! The trunk's breadths and depth a shopper (or a retailer's reference body) may type:
//! `chest_breadth`, `chest_depth`, `hip_breadth` — read and written in measurements files, checked
//! against their girths, used as typed by the prediction, kept by the store.

use anprobe::measurements::{self, Form, IssueKind, Key, Measurements, ShapeVar, Unit, resolve};

fn typed() -> Measurements {
    let mut m = Measurements::new(Form::Female, 165.0);
    m.set(Key::ChestGirth, 92.0);
    m.set(Key::HipGirth, 100.0);
    m.shape.insert(ShapeVar::ChestBreadth, 29.5);
    m.shape.insert(ShapeVar::ChestDepth, 24.0);
    m.shape.insert(ShapeVar::HipBreadth, 35.0);
    m
}

#[test]
fn calipers_round_trip_in_files_and_units() {
    let m = typed();
    let text = m.to_json();
    assert!(text.contains("\"chest_breadth\": 29.5"), "{text}");
    assert_eq!(Measurements::from_json(&text).unwrap(), m);
    let inches = Measurements::from_json(
        r#"{"unit": "in", "stature": 65, "chest_breadth": 11.5, "hip_breadth": null}"#,
    )
    .unwrap();
    assert!((inches.shape[&ShapeVar::ChestBreadth] - 29.21).abs() < 1e-9);
    assert!(!inches.shape.contains_key(&ShapeVar::HipBreadth));
    // A near miss is named; the other shape variables cannot be typed.
    let err = Measurements::from_json(r#"{"stature": 160, "chest_bredth": 30}"#).unwrap_err();
    assert!(
        err.to_string().contains("did you mean \"chest_breadth\""),
        "{err}"
    );
    let err = Measurements::from_json(r#"{"stature": 160, "waist_depth": 20}"#).unwrap_err();
    assert!(
        err.to_string().contains("unknown key \"waist_depth\""),
        "{err}"
    );
    let err = Measurements::from_json(r#"{"stature": 160, "chest_depth": "deep"}"#).unwrap_err();
    assert!(
        err.to_string().contains("\"chest_depth\" must be a number"),
        "{err}"
    );
}

#[test]
fn typed_calipers_are_used_as_typed_and_inform_the_rest() {
    let r = resolve(&typed()).expect("a valid body");
    assert_eq!(r.shape.get(ShapeVar::ChestBreadth), 29.5);
    assert_eq!(r.shape.get(ShapeVar::ChestDepth), 24.0);
    assert_eq!(r.shape.get(ShapeVar::HipBreadth), 35.0);
    // The model conditions on them: a broader hip for the same girth predicts a shallower seat.
    let mut broad = typed();
    broad.shape.insert(ShapeVar::HipBreadth, 39.0);
    let broad = resolve(&broad).unwrap();
    assert!(
        broad.shape.get(ShapeVar::ButtockDepth) < r.shape.get(ShapeVar::ButtockDepth),
        "{} vs {}",
        broad.shape.get(ShapeVar::ButtockDepth),
        r.shape.get(ShapeVar::ButtockDepth)
    );
}

#[test]
fn a_caliper_no_trunk_can_have_is_an_error_that_names_it() {
    // Over 42 % of the typed chest girth: no trunk section is that broad for its girth.
    let mut m = typed();
    m.shape.insert(ShapeVar::ChestBreadth, 40.0);
    let issues = measurements::validate(&m);
    let caliper = issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::Caliper(_)))
        .expect("an issue");
    assert!(caliper.is_error());
    assert_eq!(
        caliper.to_string(),
        "chest breadth 40 cm is outside the plausible 18–38.6 cm for this body; please check"
    );
    assert!(resolve(&m).is_err(), "no avatar from it");
    // Without the girth typed only the adult range applies; in inches the message says inches.
    let mut m = Measurements::new(Form::Male, 180.0);
    m.unit = Unit::In;
    m.shape.insert(ShapeVar::HipBreadth, 2.54 * 40.0);
    let text = measurements::validate(&m)[0].to_string();
    assert!(text.starts_with("hip breadth 40 in is outside"), "{text}");
}
