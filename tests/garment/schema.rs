//! Tests: the garment format's JSON Schema (`docs/garment.schema.json`) and Anprobe's validator
//! (`garment::parse_meta`) agree — on every file of the sample catalog (both accept it cleanly)
//! and on broken metadata of every kind: what the schema refuses the validator reports (an error,
//! or a warning for what it ignores, such as an unknown field), and what the validator accepts
//! without a word the schema accepts. Where they differ by design the table says so: the
//! validator also checks meaning the schema cannot express (a range with min > max, a currency
//! code that is not in ISO 4217, a reference size that is not in the chart).

use anprobe::garment::{self, Diagnostic, garment_meta_example};
use serde_json::{Value, json};
use std::path::Path;

/// The schema, compiled once per test.
fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/garment.schema.json");
    let text = std::fs::read_to_string(&path).expect("the schema file");
    let value: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&value).expect("the schema compiles")
}

/// What the validator says of one metadata object.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Verdict {
    /// No diagnostic at all.
    Clean,
    /// Warnings only (usable, but something was ignored or looks wrong).
    Warns,
    /// At least one error.
    Refuses,
}

fn validator(meta: &Value) -> (Verdict, Vec<Diagnostic>) {
    let (_, diagnostics) = garment::parse_meta(meta);
    let verdict = if diagnostics.iter().any(Diagnostic::is_error) {
        Verdict::Refuses
    } else if diagnostics.is_empty() {
        Verdict::Clean
    } else {
        Verdict::Warns
    };
    (verdict, diagnostics)
}

/// The `ANPROBE_garment` object of a .glb file (its JSON chunk's root extension).
fn meta_of_glb(path: &Path) -> Value {
    let bytes = std::fs::read(path).expect("a catalog file");
    let length = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    assert_eq!(
        &bytes[16..20],
        b"JSON",
        "{}: the first chunk is JSON",
        path.display()
    );
    let gltf: Value = serde_json::from_slice(&bytes[20..20 + length]).expect("glTF JSON");
    gltf["extensions"]["ANPROBE_garment"].clone()
}

#[test]
fn schema_and_validator_accept_every_catalog_garment() {
    let schema = schema();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the catalog folder") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "glb") {
            continue;
        }
        let meta = meta_of_glb(&path);
        let errors: Vec<String> = schema.iter_errors(&meta).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let (verdict, diagnostics) = validator(&meta);
        assert_eq!(
            verdict,
            Verdict::Clean,
            "{}: {diagnostics:?}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 9, "the catalog has its garments ({seen})");
}

/// The documented example and one broken copy of it per kind of mistake, with what each side
/// must say: `schema_accepts` and the validator's verdict.
#[test]
fn schema_and_validator_agree_on_broken_metadata() {
    let schema = schema();
    let example = serde_json::to_value(garment_meta_example()).unwrap();
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit, bool, Verdict); 32] = [
        ("the example as documented", |_| {}, true, Verdict::Clean),
        (
            "a required field missing",
            |m| drop(m.as_object_mut().unwrap().remove("sku")),
            false,
            Verdict::Refuses,
        ),
        (
            "an unknown field (ignored by the validator)",
            |m| m["colour"] = json!("navy"),
            false,
            Verdict::Warns,
        ),
        (
            "a number as a string",
            |m| m["price"] = json!("49.90"),
            false,
            Verdict::Refuses,
        ),
        (
            "a negative price",
            |m| m["price"] = json!(-1),
            false,
            Verdict::Refuses,
        ),
        (
            "a currency in lower case",
            |m| m["currency"] = json!("eur"),
            false,
            Verdict::Refuses,
        ),
        (
            "a currency that is no ISO 4217 code (meaning only)",
            |m| m["currency"] = json!("ABC"),
            true,
            Verdict::Refuses,
        ),
        (
            "a layer past outerwear",
            |m| m["layer"] = json!(5),
            false,
            Verdict::Refuses,
        ),
        (
            "an unknown category",
            |m| m["category"] = json!("hat"),
            false,
            Verdict::Refuses,
        ),
        (
            "no sizes",
            |m| m["sizes"] = json!([]),
            false,
            Verdict::Refuses,
        ),
        (
            "an unknown measurement key in a range",
            |m| {
                m["sizes"][0]["body"]["belly_girth"] = json!({"min": 80, "max": 90});
            },
            false,
            Verdict::Refuses,
        ),
        (
            "a range with a zero minimum",
            |m| {
                m["sizes"][0]["body"]["chest_girth"]["min"] = json!(0);
            },
            false,
            Verdict::Refuses,
        ),
        (
            "a range with min above max (meaning only)",
            |m| {
                m["sizes"][0]["body"]["chest_girth"] = json!({"min": 100, "max": 90});
            },
            true,
            Verdict::Refuses,
        ),
        (
            "an unknown finished-garment key (ignored by the validator)",
            |m| {
                m["sizes"][0]["garment"]["belly"] = json!(90);
            },
            false,
            Verdict::Warns,
        ),
        (
            "a spec-sheet alias the fit reads (bust for chest)",
            |m| {
                for size in m["sizes"].as_array_mut().unwrap() {
                    let chest = size["garment"]
                        .as_object_mut()
                        .unwrap()
                        .remove("chest")
                        .unwrap();
                    size["garment"]["bust"] = chest;
                }
            },
            true,
            Verdict::Clean,
        ),
        (
            "the inseam and bicep aliases",
            |m| {
                for size in m["sizes"].as_array_mut().unwrap() {
                    size["garment"]["inseam"] = json!(80);
                    size["garment"]["bicep"] = json!(34);
                }
            },
            true,
            Verdict::Clean,
        ),
        (
            "two spellings of one measurement (the validator reads one)",
            |m| {
                m["sizes"][0]["garment"]["bust"] = json!(100);
            },
            true,
            Verdict::Warns,
        ),
        (
            "a reference size not in the chart (meaning only)",
            |m| m["reference_size"] = json!("XXL"),
            true,
            Verdict::Refuses,
        ),
        (
            "a male reference body",
            |m| m["reference_body"]["form"] = json!("male"),
            true,
            Verdict::Clean,
        ),
        (
            "a female reference body, said so",
            |m| m["reference_body"]["form"] = json!("female"),
            true,
            Verdict::Clean,
        ),
        (
            "the reference body's form as the number the fit reads (1: male)",
            |m| m["reference_body"]["form"] = json!(1),
            true,
            Verdict::Clean,
        ),
        (
            "a reference body of no known form",
            |m| m["reference_body"]["form"] = json!("robot"),
            false,
            Verdict::Refuses,
        ),
        (
            "a reference body form number other than 0 or 1",
            |m| m["reference_body"]["form"] = json!(0.5),
            false,
            Verdict::Refuses,
        ),
        (
            "a reference body in a retailer's pose",
            |m| {
                m["reference_body"]["pose"] = json!({
                    "arm_angle_deg": 47, "arm_forward_deg": 12, "elbow_bend_deg": 44,
                    "leg_angle_deg": 6, "leg_forward_deg": 5, "knee_bend_deg": 10,
                    "head_turn_deg": -20
                })
            },
            true,
            Verdict::Clean,
        ),
        (
            "a pose angle of no known joint",
            |m| m["reference_body"]["pose"] = json!({"wrist_twist_deg": 10}),
            false,
            Verdict::Refuses,
        ),
        (
            "an elbow bent past a right angle",
            |m| m["reference_body"]["pose"] = json!({"elbow_bend_deg": 120}),
            false,
            Verdict::Refuses,
        ),
        (
            "a knee bent past what a standing body holds",
            |m| m["reference_body"]["pose"] = json!({"knee_bend_deg": 40}),
            false,
            Verdict::Refuses,
        ),
        (
            "a pose that is no object",
            |m| m["reference_body"]["pose"] = json!("A-pose"),
            false,
            Verdict::Refuses,
        ),
        (
            "a stretch over 100 %",
            |m| m["stretch"]["horizontal_pct"] = json!(150),
            false,
            Verdict::Refuses,
        ),
        (
            "a colour that is no hex code",
            |m| m["colourways"][0]["rgb"] = json!("navy"),
            false,
            Verdict::Refuses,
        ),
        (
            "a format version from the future",
            |m| m["version"] = json!(2),
            false,
            Verdict::Refuses,
        ),
        (
            "the metadata is not an object",
            |m| *m = json!([1, 2]),
            false,
            Verdict::Refuses,
        ),
    ];
    let mut disagreements = Vec::new();
    for (what, edit, schema_accepts, expected) in cases {
        let mut meta = example.clone();
        edit(&mut meta);
        let schema_errors: Vec<String> = schema.iter_errors(&meta).map(|e| e.to_string()).collect();
        let (verdict, diagnostics) = validator(&meta);
        if schema_errors.is_empty() != schema_accepts || verdict != expected {
            disagreements.push(format!(
                "{what}: schema {schema_errors:?} (expected {}), validator {verdict:?} {diagnostics:?} (expected {expected:?})",
                if schema_accepts { "valid" } else { "invalid" }
            ));
        }
        // The contract between the two: what the schema refuses, the validator reports.
        if !schema_errors.is_empty() {
            assert_ne!(
                verdict,
                Verdict::Clean,
                "{what}: the validator says nothing"
            );
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}
