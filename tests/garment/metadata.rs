//! Metadata problems that are warnings, not errors, and every problem reported at once.

use super::files::{
    accessor_start, edited, import_ok, list, messages, position_accessor, with_meta,
};
use anprobe::fit::PreparedGarment;
use anprobe::garment::import_slice;
use anprobe::measurements::Form;
use serde_json::json;

#[test]
fn size_chart_order_overlap_and_unknown_fields_are_warnings() {
    let bytes = with_meta(|m| {
        m["sizes"][1]["body"]["chest_girth"] = json!({ "min": 86, "max": 98 });
        let (a, b) = (m["sizes"][3].clone(), m["sizes"][4].clone());
        m["sizes"][3] = b;
        m["sizes"][4] = a;
        m["fit"] = json!("regular");
        m["sizes"][0]["garment"]["collar"] = json!(40);
    });
    let g = import_ok(&bytes);
    let warnings = messages(&g);
    let has = |text: &str| warnings.iter().any(|w| w.contains(text));
    assert!(
        has("sizes[1].body.chest_girth: 86–98 overlaps \"XS\" (80–88)"),
        "{warnings:#?}"
    );
    assert!(
        has("sizes[4].body.chest_girth: sizes are not in ascending order"),
        "{warnings:#?}"
    );
    assert!(
        has("extensions.ANPROBE_garment.fit: unknown field, ignored"),
        "{warnings:#?}"
    );
    assert!(
        has("sizes[0].garment.collar: unknown garment region \"collar\""),
        "{warnings:#?}"
    );
    assert!(
        has("sizes[4].garment.chest: 118 cm is smaller than in the size before"),
        "{warnings:#?}"
    );
}

#[test]
fn garment_away_from_the_body_is_a_warning() {
    let bytes = edited(|json, _| {
        for n in json["nodes"].as_array_mut().unwrap() {
            n["translation"] = json!([1.0, -0.9, 0.0]);
        }
    });
    let g = import_ok(&bytes);
    let warnings = messages(&g);
    assert!(
        warnings.iter().any(
            |w| w.starts_with("scenes[0]: not around the A-pose reference body")
                && w.contains("off the body's axis")
                && w.contains("not where tops sit")
        ),
        "{warnings:#?}"
    );
}

#[test]
fn undeclared_extension_is_a_warning() {
    let bytes = edited(|json, _| json["extensionsUsed"] = json!([]));
    let g = import_ok(&bytes);
    assert_eq!(
        messages(&g),
        ["extensionsUsed: \"ANPROBE_garment\" is not declared in extensionsUsed"]
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let bytes = edited(|json, bin| {
        let meta = &mut json["extensions"]["ANPROBE_garment"];
        meta["price"] = json!(-1);
        meta["currency"] = json!("XYZ");
        let at = accessor_start(json, position_accessor(json));
        bin[at..at + 4].copy_from_slice(&f32::NAN.to_le_bytes());
    });
    let e = import_slice(&bytes, None).unwrap_err();
    assert!(e.has_error("price: -1"), "{e}");
    assert!(e.has_error("currency: \"XYZ\""), "{e}");
    assert!(e.has_error("vertex 0 is not finite"), "{e}");
    assert_eq!(e.errors().count(), 3, "{}", list(&e.diagnostics));
    assert!(e.to_string().contains("(and 2 more errors)"));
}

/// A reference body may state its chest breadth and depth and its hip breadth: the file imports
/// without a word and the reference avatar is shaped to them.
#[test]
fn a_reference_body_may_state_its_breadths() {
    use anprobe::measurements::ShapeVar;
    let g = import_ok(&with_meta(|m| {
        m["reference_body"]["chest_breadth"] = json!(31.5);
        m["reference_body"]["chest_depth"] = json!(25.0);
    }));
    assert!(g.warnings.is_empty(), "{}", list(&g.warnings));
    let prepared = PreparedGarment::new(g).expect("prepares");
    let shape = &prepared.reference.resolved.shape;
    assert_eq!(shape.get(ShapeVar::ChestBreadth), 31.5);
    assert_eq!(shape.get(ShapeVar::ChestDepth), 25.0);
}

/// A reference body that stands otherwise declares its pose: it imports without a word, is read
/// and written back as given; an unknown angle or one out of its range is refused with the
/// angle's path, and nothing is imported.
#[test]
fn a_reference_pose_is_declared_and_checked() {
    let posed = import_ok(&with_meta(|m| {
        m["reference_body"]["pose"] = json!({"arm_forward_deg": 12, "elbow_bend_deg": 44, "leg_angle_deg": 6.5,
                           "knee_bend_deg": 8})
    }));
    assert!(posed.warnings.is_empty(), "{}", list(&posed.warnings));
    let pose = posed.meta.reference_body.pose.expect("the pose is read");
    assert_eq!(
        (
            pose.arm_angle_deg,
            pose.arm_forward_deg,
            pose.elbow_bend_deg,
            pose.leg_angle_deg,
            pose.leg_forward_deg,
            pose.knee_bend_deg
        ),
        (None, Some(12.0), Some(44.0), Some(6.5), None, Some(8.0))
    );
    assert!(!posed.meta.reference_body.measurements.contains_key("pose"));
    let written = serde_json::to_value(&posed.meta).unwrap();
    assert_eq!(
        written["reference_body"]["pose"],
        json!({"arm_forward_deg": 12.0, "elbow_bend_deg": 44.0, "leg_angle_deg": 6.5,
               "knee_bend_deg": 8.0})
    );
    for (pose, path, says) in [
        (
            json!({"elbow_bend_deg": 120}),
            "pose.elbow_bend_deg",
            "120° is outside the 0–90°",
        ),
        (
            json!({"wrist_twist_deg": 10}),
            "pose.wrist_twist_deg",
            "unknown pose angle",
        ),
        (
            json!({"knee_bend_deg": 40}),
            "pose.knee_bend_deg",
            "40° is outside the 0–30°",
        ),
        (
            json!({"arm_forward_deg": -20}),
            "pose.arm_forward_deg",
            "-20° is outside the -10–30°",
        ),
        (
            json!({"arm_angle_deg": "47"}),
            "pose.arm_angle_deg",
            "expected a number of degrees",
        ),
    ] {
        let e = import_slice(
            &with_meta(|m| m["reference_body"]["pose"] = pose.clone()),
            None,
        )
        .unwrap_err();
        assert!(
            e.errors()
                .any(|d| d.pointer.ends_with(path) && d.message.contains(says)),
            "{pose}: {}",
            list(&e.diagnostics)
        );
    }
}

/// A garment modelled on a male avatar says so (`"form": "male"` in its reference body): it
/// imports without a word, and the fit binds it to a male reference avatar of the same
/// measurements; without `form` the reference avatar is female.
#[test]
fn a_male_reference_body_is_declared_and_fitted_on() {
    let male = import_ok(&with_meta(|m| m["reference_body"]["form"] = json!("male")));
    assert!(male.warnings.is_empty(), "{}", list(&male.warnings));
    assert_eq!(male.meta.reference_body.form, Some(Form::Male));
    let written = serde_json::to_value(&male.meta).unwrap();
    assert_eq!(written["reference_body"]["form"], "male");
    assert_eq!(written["reference_body"]["stature"], 178.0);

    let plain = import_ok(&with_meta(|_| {}));
    assert_eq!(plain.meta.reference_body.form, None);
    assert!(
        serde_json::to_value(&plain.meta).unwrap()["reference_body"]
            .get("form")
            .is_none(),
        "no form is written where none was given"
    );

    let male = PreparedGarment::new(male).expect("the shirt prepares on a male body");
    let plain = PreparedGarment::new(plain).expect("the shirt prepares on a female body");
    assert_eq!(male.reference.resolved.form, Form::Male);
    assert_eq!(plain.reference.resolved.form, Form::Female);
    // Same measurements, another body: the male avatar is not the female one.
    assert_eq!(
        male.reference.avatar.mesh.positions.len(),
        plain.reference.avatar.mesh.positions.len()
    );
    assert_ne!(
        male.reference.avatar.mesh.positions,
        plain.reference.avatar.mesh.positions
    );
}
