//! The malformed cases of the mesh data: accessors, buffer views and buffers.

use super::{Case, case};
use crate::garment::files::{
    accessor_start, edited, indices_accessor, join_glb, position_accessor, shirt,
};
use serde_json::json;

/// The malformed cases of the mesh data: accessors, buffer views and buffers.
pub(super) fn cases() -> Vec<Case> {
    vec![
        // Accessors, buffer views, buffers.
        case(
            "accessor index out of range",
            edited(|j, _| j["meshes"][0]["primitives"][0]["attributes"]["POSITION"] = json!(99)),
            "meshes[0].primitives[0].attributes.POSITION: accessor 99 does not exist (there are 12)",
        ),
        case(
            "accessor longer than its view",
            edited(|j, _| {
                let a = position_accessor(j);
                j["accessors"][a]["count"] = json!(60);
            }),
            "need more than bufferView",
        ),
        case(
            "view past the buffer",
            edited(|j, _| j["bufferViews"][1]["byteLength"] = json!(1_000_000)),
            "bufferViews[1]: byteOffset",
        ),
        case(
            "buffer shorter than byteLength",
            {
                let (mut j, bin) = shirt();
                j["buffers"][0]["byteLength"] = json!(bin.len() + 64);
                join_glb(&j, &bin)
            },
            "buffers[0]: holds",
        ),
        case(
            "wrong component type",
            edited(|j, _| {
                let a = position_accessor(j);
                j["accessors"][a]["componentType"] = json!(5123);
            }),
            "POSITION cannot be UNSIGNED_SHORT",
        ),
        case(
            "wrong accessor type",
            edited(|j, _| {
                let a = position_accessor(j);
                j["accessors"][a]["type"] = json!("VEC2");
            }),
            "POSITION must be VEC3, not VEC2",
        ),
        case(
            "float indices",
            edited(|j, _| {
                let a = indices_accessor(j);
                j["accessors"][a]["componentType"] = json!(5126);
            }),
            "indices cannot be FLOAT",
        ),
        case(
            "sparse accessor",
            edited(|j, _| {
                let a = position_accessor(j);
                j["accessors"][a]["sparse"] = json!({ "count": 1, "indices": { "bufferView": 3, "componentType": 5125 }, "values": { "bufferView": 0 } });
            }),
            "sparse accessors are not supported",
        ),
        case(
            "accessor without bufferView",
            edited(|j, _| {
                let a = position_accessor(j);
                j["accessors"][a]
                    .as_object_mut()
                    .unwrap()
                    .remove("bufferView");
            }),
            "accessors[0].bufferView: missing",
        ),
        case(
            "POSITION without min",
            edited(|j, _| {
                let a = position_accessor(j);
                j["accessors"][a].as_object_mut().unwrap().remove("min");
            }),
            "meshes[0].primitives[0].attributes.POSITION.min: missing",
        ),
        case(
            "wrong JSON type",
            edited(|j, _| j["accessors"][0]["count"] = json!("many")),
            "not a valid glTF 2.0 document: invalid type: string \"many\"",
        ),
        case(
            "huge count",
            edited(|j, _| {
                let a = position_accessor(j);
                j["accessors"][a]["count"] = json!(4_000_000_000u64);
            }),
            "count 4000000000 exceeds the limit of 2000000 vertices",
        ),
        case(
            "out-of-range index",
            edited(|j, bin| {
                let at = accessor_start(j, indices_accessor(j));
                bin[at..at + 4].copy_from_slice(&70_000u32.to_le_bytes());
            }),
            "meshes[0].primitives[0].indices: index 70000 (at 0) is out of range: there are 48 vertices",
        ),
        case(
            "NaN position",
            edited(|j, bin| {
                let at = accessor_start(j, position_accessor(j)) + 12 * 5 + 4;
                bin[at..at + 4].copy_from_slice(&f32::NAN.to_le_bytes());
            }),
            "attributes.POSITION: vertex 5 is not finite",
        ),
        case(
            "infinite position",
            edited(|j, bin| {
                let at = accessor_start(j, position_accessor(j));
                bin[at..at + 4].copy_from_slice(&f32::INFINITY.to_le_bytes());
            }),
            "vertex 0 is not finite",
        ),
        case(
            "partial triangle",
            edited(|j, _| {
                let a = indices_accessor(j);
                j["accessors"][a]["count"] = json!(215);
            }),
            "215 indices are not whole triangles",
        ),
        case(
            "all triangles degenerate",
            edited(|j, bin| {
                let a = indices_accessor(j);
                let at = accessor_start(j, a);
                for k in 0..216 {
                    bin[at + 4 * k..at + 4 * k + 4].copy_from_slice(&0u32.to_le_bytes());
                }
            }),
            "all 72 triangles are degenerate",
        ),
        case(
            "lines",
            edited(|j, _| j["meshes"][0]["primitives"][0]["mode"] = json!(1)),
            "meshes[0].primitives[0]: mode LINES is not supported",
        ),
        case(
            "points",
            edited(|j, _| j["meshes"][1]["primitives"][0]["mode"] = json!(0)),
            "meshes[1].primitives[0]: mode POINTS is not supported",
        ),
        case(
            "node cycle",
            edited(|j, _| j["nodes"][0]["children"] = json!([0])),
            "nodes[0]: reached twice",
        ),
        case(
            "projective matrix",
            edited(|j, _| {
                j["nodes"][0]["matrix"] = json!([1, 0, 0, 0.5, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
            }),
            "nodes[0]: matrix is not an affine transform",
        ),
        case(
            "zero scale",
            edited(|j, _| j["nodes"][0]["scale"] = json!([0.0, 0.0, 0.0])),
            "nodes[0]: the transform flattens the mesh",
        ),
        case(
            "no mesh in the scene",
            edited(|j, _| {
                for n in j["nodes"].as_array_mut().unwrap() {
                    n.as_object_mut().unwrap().remove("mesh");
                }
            }),
            "scenes[0]: no triangle mesh in the scene",
        ),
        case(
            "40 m tall",
            edited(|j, _| {
                for n in j["nodes"].as_array_mut().unwrap() {
                    n["scale"] = json!([80.0, 80.0, 80.0]);
                }
            }),
            "m tall): glTF units are metres — was it exported in centimetres?",
        ),
        case(
            "1 mm small",
            edited(|j, _| {
                for n in j["nodes"].as_array_mut().unwrap() {
                    n["scale"] = json!([0.001, 0.001, 0.001]);
                }
            }),
            "glTF units are metres — was it scaled down?",
        ),
    ]
}
