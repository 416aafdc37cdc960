//! The malformed cases of the container: the GLB header and chunks, and the JSON.

use super::{Case, case};
use crate::garment::files::{edited, join_glb_raw, shirt_glb};
use serde_json::json;

/// The malformed cases of the container: the GLB header and chunks, and the JSON.
pub(super) fn cases() -> Vec<Case> {
    let glb = shirt_glb();
    vec![
        // The container.
        case("empty file", Vec::new(), "the file is empty"),
        case(
            "truncated file",
            glb[..glb.len() / 2].to_vec(),
            "glb: truncated: the GLB header says",
        ),
        case(
            "truncated header",
            glb[..9].to_vec(),
            "truncated: the GLB header is 12 bytes",
        ),
        case(
            "wrong magic",
            [b"PK\x03\x04".as_slice(), &glb[4..]].concat(),
            "not a glTF file: it starts with bytes 50 4b 03 04",
        ),
        case(
            "GLB version 1",
            [&glb[..4], &1u32.to_le_bytes(), &glb[8..]].concat(),
            "GLB version 1",
        ),
        case(
            "length field too small",
            [&glb[..8], &100u32.to_le_bytes(), &glb[12..]].concat(),
            "the GLB header says 100 bytes",
        ),
        case(
            "bad JSON",
            join_glb_raw(br#"{"asset": {"version": "2.0"}, "#, &[]),
            "bad JSON: ",
        ),
        case(
            "JSON too deep",
            format!(
                "{{\"asset\":{{\"version\":\"2.0\"}},\"extras\":{}{}}}",
                "[".repeat(100),
                "]".repeat(100)
            )
            .into_bytes(),
            "nested deeper than 64 levels",
        ),
        case(
            "no asset",
            edited(|j, _| {
                j.as_object_mut().unwrap().remove("asset");
            }),
            "not a valid glTF 2.0 document: missing field `asset`",
        ),
        case(
            "glTF 1.0",
            edited(|j, _| j["asset"]["version"] = json!("1.0")),
            "asset.version: glTF 1.0 is not supported",
        ),
    ]
}
