//! Import of every supported layout: .glb, .gltf with an external .bin or a base64 buffer, PNG
//! and JPEG textures, texture transforms, several primitives, node transforms, mirroring,
//! missing normals and UVs, strips and fans, quantized positions.

use super::files::{
    add_meta, add_texture, assert_outward, base64, edited, encoded_image, import_ok, join_glb,
    list, messages, scratch, shirt, shirt_glb, shirt_meshes, split_glb,
};
use anprobe::export::{GlbMesh, write_glb};
use anprobe::garment::{
    REFERENCE_BODY_NODE, Severity, garment_meta_example, import_file, import_slice,
};
use anprobe::geometry::TriangleMesh;
use glam::{Vec2, Vec3};
use serde_json::{Value, json};
use std::sync::Arc;

#[test]
fn glb_imports_with_metadata_parts_and_no_warnings() {
    let g = import_ok(&shirt_glb());
    assert!(g.warnings.is_empty(), "{}", list(&g.warnings));
    assert_eq!(g.meta, garment_meta_example());
    let names: Vec<&str> = g.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["torso", "left sleeve", "right sleeve"]);
    let expected = shirt_meshes();
    for (part, mesh) in g.parts.iter().zip(&expected) {
        assert_eq!(part.mesh.positions, mesh.mesh.positions);
        assert_eq!(part.mesh.indices, mesh.mesh.indices);
        assert_eq!(part.mesh.uvs, mesh.mesh.uvs);
        assert_eq!(part.mesh.normals.len(), part.mesh.positions.len());
        assert!(part.double_sided);
        assert!(part.texture.is_none());
        assert!((part.base_color[2] - 0.11).abs() < 1e-6);
    }
    assert_eq!(g.vertex_count(), 3 * 48);
    assert_eq!(g.triangle_count(), 3 * 72);
    let (min, max) = g.bounds().unwrap();
    assert!((min.y - 0.95).abs() < 0.01 && (max.y - 1.45).abs() < 0.01);
    assert_outward(&g);
}

#[test]
fn gltf_with_external_bin_imports_from_its_folder() {
    let dir = scratch("external");
    let (mut json, bin) = shirt();
    json["buffers"][0]["uri"] = json!("shirt%20data.bin");
    std::fs::write(dir.join("shirt data.bin"), &bin).unwrap();
    let path = dir.join("shirt.gltf");
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();

    let g = import_file(&path).unwrap_or_else(|e| panic!("{}", list(&e.diagnostics)));
    assert_eq!(g.parts.len(), 3);
    assert_eq!(g.parts[0].mesh.positions, shirt_meshes()[0].mesh.positions);

    // Without its folder, the external buffer cannot be found.
    let e = import_slice(&std::fs::read(&path).unwrap(), None).unwrap_err();
    assert!(
        e.has_error("buffers[0]: \"shirt%20data.bin\" is an external file"),
        "{e}"
    );
}

#[test]
fn gltf_with_base64_buffer_imports() {
    let (mut json, bin) = shirt();
    json["buffers"][0]["uri"] = json!(format!(
        "data:application/octet-stream;base64,{}",
        base64(&bin)
    ));
    let g = import_ok(&serde_json::to_vec(&json).unwrap());
    assert_eq!(g.parts.len(), 3);
    assert_eq!(g.parts[2].mesh.positions, shirt_meshes()[2].mesh.positions);
}

#[test]
fn png_texture_in_the_glb_is_decoded() {
    let png = encoded_image(image::ImageFormat::Png, 64, 32);
    let (mut json, mut bin) = shirt();
    add_texture(&mut json, &mut bin, &png, "image/png", None);
    json["buffers"][0]["byteLength"] = json!(bin.len());
    let g = import_ok(&join_glb(&json, &bin));
    let texture = g.parts[0]
        .texture
        .as_ref()
        .expect("the torso has its texture");
    assert_eq!(texture.dimensions(), (64, 32));
    assert_eq!(texture.get_pixel(0, 0).0, [200, 40, 40, 255]);
    assert_eq!(texture.get_pixel(63, 31).0, [40, 40, 200, 255]);
    assert!(
        g.parts[1].texture.is_none(),
        "the sleeves' materials have none"
    );

    // Parts sharing a material share one decoded image.
    let (mut json, mut bin) = shirt();
    add_texture(&mut json, &mut bin, &png, "image/png", None);
    json["buffers"][0]["byteLength"] = json!(bin.len());
    for m in 1..3 {
        json["meshes"][m]["primitives"][0]["material"] = json!(0);
    }
    let g = import_ok(&join_glb(&json, &bin));
    let first = g.parts[0].texture.as_ref().unwrap();
    assert!(
        g.parts
            .iter()
            .all(|p| Arc::ptr_eq(p.texture.as_ref().unwrap(), first))
    );
}

#[test]
fn jpeg_texture_beside_a_gltf_is_decoded() {
    let dir = scratch("jpeg");
    let jpeg = encoded_image(image::ImageFormat::Jpeg, 32, 32);
    std::fs::write(dir.join("navy.jpg"), &jpeg).unwrap();
    let (mut json, mut bin) = shirt();
    add_texture(&mut json, &mut bin, &jpeg, "image/jpeg", Some("navy.jpg"));
    json["buffers"][0]["uri"] = json!("shirt.bin");
    std::fs::write(dir.join("shirt.bin"), &bin).unwrap();
    std::fs::write(dir.join("shirt.gltf"), serde_json::to_vec(&json).unwrap()).unwrap();

    let g =
        import_file(dir.join("shirt.gltf")).unwrap_or_else(|e| panic!("{}", list(&e.diagnostics)));
    let texture = g.parts[0].texture.as_ref().expect("texture");
    assert_eq!(texture.dimensions(), (32, 32));
    let [r, _, b, a] = texture.get_pixel(2, 2).0;
    assert!(
        r > 150 && b < 90 && a == 255,
        "JPEG colour {:?}",
        texture.get_pixel(2, 2)
    );
}

#[test]
fn texture_transform_maps_the_uvs() {
    let png = encoded_image(image::ImageFormat::Png, 8, 8);
    let (mut json, mut bin) = shirt();
    add_texture(&mut json, &mut bin, &png, "image/png", None);
    json["buffers"][0]["byteLength"] = json!(bin.len());
    json["materials"][0]["pbrMetallicRoughness"]["baseColorTexture"]["extensions"] =
        json!({ "KHR_texture_transform": { "offset": [0.5, 0.25], "scale": [2.0, 3.0] } });
    json["extensionsUsed"] = json!(["ANPROBE_garment", "KHR_texture_transform"]);
    json["extensionsRequired"] = json!(["KHR_texture_transform", "ANPROBE_garment"]);
    let g = import_ok(&join_glb(&json, &bin));
    let source = &shirt_meshes()[0].mesh.uvs;
    for (uv, src) in g.parts[0].mesh.uvs.iter().zip(source) {
        assert!((*uv - (*src * Vec2::new(2.0, 3.0) + Vec2::new(0.5, 0.25))).length() < 1e-5);
    }
}

#[test]
fn several_primitives_of_one_mesh_become_named_parts() {
    let bytes = edited(|json, _| {
        // Mesh 0 gets the primitives of all three meshes; only node 0 stays in the scene.
        let all: Vec<Value> = (0..3)
            .map(|m| json["meshes"][m]["primitives"][0].clone())
            .collect();
        json["meshes"][0]["primitives"] = json!(all);
        json["scenes"][0]["nodes"] = json!([0]);
    });
    let g = import_ok(&bytes);
    let names: Vec<&str> = g.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["torso/0", "torso/1", "torso/2"]);
}

#[test]
fn node_transforms_are_applied_down_the_tree() {
    let bytes = edited(|json, _| {
        // A parent moves everything up 10 cm; the torso's own node scales it 1.1× about y = 0.
        json["nodes"].as_array_mut().unwrap().push(json!({
            "name": "garment", "translation": [0.0, 0.1, 0.0], "children": [0, 1, 2]
        }));
        json["nodes"][0]["scale"] = json!([1.1, 1.0, 1.1]);
        json["scenes"][0]["nodes"] = json!([3]);
    });
    let g = import_ok(&bytes);
    let source = shirt_meshes();
    for (p, s) in g.parts[0]
        .mesh
        .positions
        .iter()
        .zip(&source[0].mesh.positions)
    {
        let want = Vec3::new(s.x * 1.1, s.y + 0.1, s.z * 1.1);
        assert!((*p - want).length() < 1e-5, "{p} != {want}");
    }
    for (p, s) in g.parts[1]
        .mesh
        .positions
        .iter()
        .zip(&source[1].mesh.positions)
    {
        assert!((*p - (*s + Vec3::Y * 0.1)).length() < 1e-5);
    }
    assert_outward(&g);
}

/// A retailer's export with its avatar in it: the node named `ANPROBE_reference_body` (and what
/// hangs below it) is not a part of the garment but kept as the reference body's mesh (where its
/// pose is read when the metadata declares none); the import says so in a warning naming it.
#[test]
fn the_reference_bodys_own_node_is_left_out() {
    let bytes = edited(|json, _| {
        json["nodes"].as_array_mut().unwrap().push(json!({
            "name": REFERENCE_BODY_NODE, "children": [2]
        }));
        json["scenes"][0]["nodes"] = json!([0, 1, 3]);
    });
    let g = import_ok(&bytes);
    let names: Vec<&str> = g.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["torso", "left sleeve"]);
    let body = g.reference_body.as_ref().expect("the body's mesh kept");
    let right_sleeve = &shirt_meshes()[2].mesh;
    assert_eq!(body.positions.len(), right_sleeve.positions.len());
    assert_eq!(body.indices.len(), right_sleeve.indices.len());
    assert!(
        g.warnings
            .iter()
            .any(|w| w.pointer == "nodes[3]" && w.message.contains("reference body")),
        "{}",
        list(&g.warnings)
    );
}

#[test]
fn mirroring_transform_keeps_triangles_facing_out() {
    let bytes = edited(|json, _| {
        json["nodes"][1]["scale"] = json!([-1.0, 1.0, 1.0]);
        json["nodes"][1]["translation"] = json!([0.0, 0.0, 0.0]);
    });
    let g = import_ok(&bytes);
    let left = &g.parts[1];
    let right = &shirt_meshes()[2];
    // The mirrored left sleeve lies where the right one is.
    for (p, s) in left
        .mesh
        .positions
        .iter()
        .zip(&shirt_meshes()[1].mesh.positions)
    {
        assert!((*p - Vec3::new(-s.x, s.y, s.z)).length() < 1e-6);
    }
    assert!(
        left.mesh.positions.iter().all(|p| p.x < 0.0)
            && right.mesh.positions.iter().all(|p| p.x < 0.0)
    );
    assert_eq!(left.mesh.indices[..3], [0, 13, 1], "winding flipped");
    assert_outward(&g);
}

#[test]
fn missing_normals_are_computed_and_missing_uvs_warned() {
    let bytes = edited(|json, _| {
        let attributes = &mut json["meshes"][0]["primitives"][0]["attributes"];
        attributes.as_object_mut().unwrap().remove("NORMAL");
        attributes.as_object_mut().unwrap().remove("TEXCOORD_0");
    });
    let g = import_ok(&bytes);
    let warnings = messages(&g);
    assert!(
        warnings.contains(&"meshes[0].primitives[0]: no NORMAL, computed".to_string()),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&"meshes[0].primitives[0]: no TEXCOORD_0 (UVs)".to_string()),
        "{warnings:?}"
    );
    assert!(g.warnings.iter().all(|w| w.severity == Severity::Warning));
    let torso = &g.parts[0];
    assert!(torso.mesh.uvs.is_empty());
    for (n, p) in torso.mesh.normals.iter().zip(&torso.mesh.positions) {
        let radial = Vec3::new(p.x, 0.0, p.z).normalize_or_zero();
        assert!(n.dot(radial) > 0.9, "computed normal {n} points outward");
    }
}

#[test]
fn triangle_strips_and_fans_are_triangulated() {
    // A unindexed quad in front of the chest: 4 vertices as a strip, then as a fan.
    let quad = GlbMesh {
        name: "patch".into(),
        mesh: TriangleMesh {
            positions: vec![
                Vec3::new(-0.1, 1.1, 0.18),
                Vec3::new(0.1, 1.1, 0.18),
                Vec3::new(-0.1, 1.3, 0.18),
                Vec3::new(0.1, 1.3, 0.18),
            ],
            normals: vec![Vec3::Z; 4],
            uvs: vec![Vec2::ZERO; 4],
            indices: Vec::new(),
        },
        ..GlbMesh::default()
    };
    for (mode, expected) in [(5, vec![0, 1, 2, 1, 3, 2]), (6, vec![1, 2, 0, 2, 3, 0])] {
        let (mut json, bin) = split_glb(&write_glb(std::slice::from_ref(&quad)));
        add_meta(&mut json, &garment_meta_example());
        json["meshes"][0]["primitives"][0]["mode"] = json!(mode);
        let result = import_slice(&join_glb(&json, &bin), None);
        // A 20 cm patch is a legal file; the placement check only warns.
        let g = result.unwrap_or_else(|e| panic!("{}", list(&e.diagnostics)));
        if mode == 5 {
            assert_eq!(g.parts[0].mesh.indices, expected);
            assert_outward(&g);
        } else {
            // The fan's second triangle (2, 3, 0) has the other winding on this layout: only
            // the order is checked.
            assert_eq!(g.parts[0].mesh.indices, expected);
        }
    }
}

#[test]
fn quantized_positions_are_read_with_the_extension() {
    // One triangle with UNSIGNED_SHORT positions, scaled to metres by its node.
    let positions: [[u16; 3]; 3] = [[0, 95, 0], [30, 95, 0], [0, 145, 0]];
    let mut bin: Vec<u8> = Vec::new();
    for p in positions {
        for c in p {
            bin.extend_from_slice(&c.to_le_bytes());
        }
        bin.extend_from_slice(&[0, 0]); // 8-byte stride: each element 4-byte aligned
    }
    let mut json = json!({
        "asset": { "version": "2.0" },
        "scene": 0,
        "scenes": [{ "nodes": [0] }],
        "nodes": [{ "mesh": 0, "scale": [0.01, 0.01, 0.01] }],
        "meshes": [{ "primitives": [{ "attributes": { "POSITION": 0 } }] }],
        "accessors": [{ "bufferView": 0, "componentType": 5123, "count": 3, "type": "VEC3",
                        "min": [0, 95, 0], "max": [30, 145, 0] }],
        "bufferViews": [{ "buffer": 0, "byteLength": 24, "byteStride": 8 }],
        "buffers": [{ "byteLength": 24 }],
        "extensionsUsed": ["KHR_mesh_quantization"],
        "extensionsRequired": ["KHR_mesh_quantization"],
    });
    let refused = import_slice(
        &join_glb(
            &{
                let mut j = json.clone();
                j["extensionsUsed"] = json!([]);
                j["extensionsRequired"] = json!([]);
                add_meta(&mut j, &garment_meta_example());
                j
            },
            &bin,
        ),
        None,
    )
    .unwrap_err();
    assert!(
        refused.has_error("POSITION cannot be UNSIGNED_SHORT"),
        "{refused}"
    );

    add_meta(&mut json, &garment_meta_example());
    json["extensionsUsed"] = json!(["KHR_mesh_quantization", "ANPROBE_garment"]);
    let g = import_slice(&join_glb(&json, &bin), None)
        .unwrap_or_else(|e| panic!("{}", list(&e.diagnostics)));
    let p = &g.parts[0].mesh.positions;
    assert!((p[1] - Vec3::new(0.30, 0.95, 0.0)).length() < 1e-6);
    assert!((p[2] - Vec3::new(0.0, 1.45, 0.0)).length() < 1e-6);
}
