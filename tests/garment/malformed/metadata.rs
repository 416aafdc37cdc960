//! The malformed cases of extensions and of the metadata.

use super::{Case, case};
use crate::garment::files::{edited, with_meta};
use serde_json::json;

/// The malformed cases of extensions and of the metadata.
pub(super) fn cases() -> Vec<Case> {
    vec![
        // Extensions.
        case(
            "missing extension",
            edited(|j, _| {
                j.as_object_mut().unwrap().remove("extensions");
            }),
            "extensions.ANPROBE_garment: missing: not an Anprobe garment file",
        ),
        case(
            "unsupported required extension",
            edited(|j, _| {
                j["extensionsUsed"] = json!(["ANPROBE_garment", "KHR_draco_mesh_compression"]);
                j["extensionsRequired"] = json!(["KHR_draco_mesh_compression"]);
            }),
            "extensionsRequired[0]: required extension \"KHR_draco_mesh_compression\" is not supported",
        ),
        // Metadata.
        case(
            "missing sku",
            with_meta(|m| {
                m.as_object_mut().unwrap().remove("sku");
            }),
            "extensions.ANPROBE_garment: missing required field \"sku\"",
        ),
        case(
            "empty sku",
            with_meta(|m| m["sku"] = json!("  ")),
            "extensions.ANPROBE_garment.sku: must not be empty",
        ),
        case(
            "empty retailer",
            with_meta(|m| m["retailer"] = json!("")),
            "retailer: must not be empty",
        ),
        case(
            "metadata not an object",
            with_meta(|m| *m = json!("T-shirt")),
            "extensions.ANPROBE_garment: expected an object, found a string",
        ),
        case(
            "price as text",
            with_meta(|m| m["price"] = json!("24.95")),
            "price: expected a number, found a string",
        ),
        case(
            "negative price",
            with_meta(|m| m["price"] = json!(-5.0)),
            "price: -5: must be a finite amount ≥ 0",
        ),
        case(
            "bad currency",
            with_meta(|m| m["currency"] = json!("EURO")),
            "currency: \"EURO\" is not an ISO 4217 currency code",
        ),
        case(
            "lower-case currency",
            with_meta(|m| m["currency"] = json!("eur")),
            "write it \"EUR\"",
        ),
        case(
            "stretch over 100 %",
            with_meta(|m| m["stretch"]["horizontal_pct"] = json!(150)),
            "stretch.horizontal_pct: 150 %: must be 0–100 %",
        ),
        case(
            "negative stretch",
            with_meta(|m| m["stretch"]["vertical_pct"] = json!(-1)),
            "stretch.vertical_pct: -1 %",
        ),
        case(
            "return window",
            with_meta(|m| m["return_window_days"] = json!(1000)),
            "return_window_days: 1000 days: at most 365",
        ),
        case(
            "negative return window",
            with_meta(|m| m["return_window_days"] = json!(-3)),
            "return_window_days: expected a whole number ≥ 0, found a number",
        ),
        case(
            "layer",
            with_meta(|m| m["layer"] = json!(7)),
            "layer: 7 is too large (at most 3)",
        ),
        case(
            "version 2",
            with_meta(|m| m["version"] = json!(2)),
            "version: version 2 is not supported",
        ),
        case(
            "unknown category",
            with_meta(|m| m["category"] = json!("hat")),
            "category: unknown category \"hat\"",
        ),
        case(
            "bad colourway",
            with_meta(|m| m["colourways"][1]["rgb"] = json!("navy")),
            "colourways[1].rgb: \"navy\": write the sRGB colour as \"#rrggbb\"",
        ),
        case(
            "min > max",
            with_meta(|m| m["sizes"][2]["body"]["waist_girth"] = json!({ "min": 90, "max": 84 })),
            "extensions.ANPROBE_garment.sizes[2].body.waist_girth: min 90 > max 84",
        ),
        case(
            "implausible range",
            with_meta(|m| m["sizes"][0]["body"]["chest_girth"] = json!({ "min": 8, "max": 88 })),
            "sizes[0].body.chest_girth: 8–88 cm is outside the plausible 60–200 cm",
        ),
        case(
            "unknown measurement key",
            with_meta(|m| m["sizes"][1]["body"]["chest"] = json!({ "min": 88, "max": 96 })),
            "sizes[1].body.chest: unknown measurement key \"chest\"",
        ),
        case(
            "alias repeats a key",
            with_meta(|m| m["sizes"][1]["body"]["bust_girth"] = json!({ "min": 88, "max": 96 })),
            "sizes[1].body.chest_girth: repeats \"bust_girth\"",
        ),
        case(
            "missing primary dimension",
            with_meta(|m| {
                m["sizes"][3]["body"]
                    .as_object_mut()
                    .unwrap()
                    .remove("chest_girth");
            }),
            "sizes[3].body: missing chest_girth: the primary dimension of tops",
        ),
        case(
            "range without max",
            with_meta(|m| m["sizes"][0]["body"]["waist_girth"] = json!({ "min": 70 })),
            "sizes[0].body.waist_girth: missing required field \"max\"",
        ),
        case(
            "duplicate size label",
            with_meta(|m| m["sizes"][3]["label"] = json!("s")),
            "sizes[3].label: size label \"s\" repeats sizes[1]",
        ),
        case(
            "no sizes",
            with_meta(|m| m["sizes"] = json!([])),
            "sizes: no size",
        ),
        case(
            "reference size not in sizes",
            with_meta(|m| m["reference_size"] = json!("XXL")),
            "reference_size: \"XXL\" is not in sizes (XS, S, M, L, XL)",
        ),
        case(
            "implausible reference body",
            with_meta(|m| m["reference_body"]["stature"] = json!(1780)),
            "reference_body.stature: 1780 cm is outside the plausible",
        ),
        case(
            "reference body without stature",
            with_meta(|m| {
                m["reference_body"]
                    .as_object_mut()
                    .unwrap()
                    .remove("stature");
            }),
            "reference_body: missing \"stature\"",
        ),
        case(
            "reference body broader than its chest allows",
            with_meta(|m| m["reference_body"]["chest_breadth"] = json!(60)),
            "reference_body.chest_breadth: chest breadth 60 cm is outside the plausible",
        ),
        case(
            "reference body of an unknown form",
            with_meta(|m| m["reference_body"]["form"] = json!("robot")),
            "extensions.ANPROBE_garment.reference_body.form: \"robot\" is not a body form: \
             write \"female\" or \"male\" (or 0 for female, 1 for male)",
        ),
        case(
            "reference body form as a number that is no form",
            with_meta(|m| m["reference_body"]["form"] = json!(2)),
            "reference_body.form: 2 is not a body form: write \"female\" or \"male\"",
        ),
        case(
            "negative garment measurement",
            with_meta(|m| m["sizes"][0]["garment"]["chest"] = json!(-94)),
            "sizes[0].garment.chest: -94 cm: must be positive",
        ),
    ]
}
