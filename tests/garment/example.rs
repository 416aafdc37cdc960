//! The example metadata: valid, round-tripping, and the same as the documented example and schema.

use super::files::list;
use anprobe::garment::{
    self, Diagnostic, GarmentMeta, garment_meta_example, import_slice, validate_meta,
};
use anprobe::measurements::Key;
use serde_json::{Value, json};

#[test]
fn example_meta_is_valid_and_round_trips() {
    let meta = garment_meta_example();
    assert_eq!(validate_meta(&meta), Vec::<Diagnostic>::new());
    let value = serde_json::to_value(&meta).unwrap();
    let (parsed, diagnostics) = garment::parse_meta(&value);
    assert!(diagnostics.is_empty(), "{}", list(&diagnostics));
    assert_eq!(parsed, Some(meta));
    assert_eq!(
        garment::META_POINTER,
        format!("extensions.{}", garment::EXTENSION)
    );
}

#[test]
fn docs_example_matches_the_example_and_the_schema_lists_every_field() {
    let doc = include_str!("../../docs/garment-format.md");
    // The full example is the first ```json block after the "Full example" heading.
    let after = doc
        .split("## Full example")
        .nth(1)
        .expect("a Full example section");
    let block = after
        .split("```json")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let gltf: Value = serde_json::from_str(block).expect("the example is JSON");
    let ext = &gltf["extensions"]["ANPROBE_garment"];
    let meta: GarmentMeta = serde_json::from_value(ext.clone()).expect("the example is metadata");
    assert_eq!(
        meta,
        garment_meta_example(),
        "docs and garment_meta_example() agree"
    );
    assert_eq!(gltf["extensionsUsed"], json!(["ANPROBE_garment"]));

    let schema: Value =
        serde_json::from_str(include_str!("../../docs/garment.schema.json")).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut fields: Vec<&str> = ext
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    required.sort();
    fields.sort();
    assert_eq!(
        required, fields,
        "the schema requires exactly the struct's fields"
    );
    for field in fields {
        assert!(
            schema["properties"].get(field).is_some(),
            "the schema describes {field}"
        );
    }
    let mut keys: Vec<&str> = Key::ALL.iter().map(|k| k.as_str()).collect();
    keys.insert(3, "bust_girth");
    assert_eq!(schema["$defs"]["measurementKey"]["enum"], json!(keys));
    let regions = &schema["$defs"]["size"]["properties"]["garment"]["propertyNames"]["enum"];
    assert_eq!(
        *regions,
        json!(garment::chart_key_names().collect::<Vec<_>>())
    );

    // The example is a whole garment file that imports without a warning.
    let g =
        import_slice(block.as_bytes(), None).unwrap_or_else(|e| panic!("{}", list(&e.diagnostics)));
    assert!(g.warnings.is_empty(), "{}", list(&g.warnings));
    assert_eq!(g.parts.len(), 1);
}
