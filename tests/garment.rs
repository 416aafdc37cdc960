//! Tests: garments from retailers — import of every supported layout (.glb, .gltf with an
//! external .bin, .gltf with a base64 buffer, PNG and JPEG textures, several meshes and
//! primitives, node transforms), a table of malformed files each refused with the right
//! diagnostic and none panicking, the metadata checks, and `anprobe garment validate`.
//!
//! Every file is generated here: the glb writer of `anprobe::export` makes the mesh, and
//! serde_json edits of its JSON chunk make each variant.

use anprobe::export::{GlbMaterial, GlbMesh, write_glb};
use anprobe::garment::{
    self, Diagnostic, GarmentMeta, ImportErrors, ImportedGarment, Severity, garment_meta_example,
    import_file, import_slice, validate_files, validate_meta,
};
use anprobe::geometry::TriangleMesh;
use anprobe::measurements::Key;
use glam::{Vec2, Vec3};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Helpers: meshes, GLB containers, files

/// A tube from `from` to `to`: `rings` rings of `segments` vertices, normals outward, UVs, and
/// triangles counter-clockwise seen from outside.
fn tube(name: &str, from: Vec3, to: Vec3, radius: f32, colour: [f32; 4]) -> GlbMesh {
    let (segments, rings) = (12u32, 4u32);
    let axis = (to - from).normalize();
    let u = axis.any_orthonormal_vector();
    let v = axis.cross(u);
    let mut mesh = TriangleMesh::default();
    for k in 0..rings {
        let t = k as f32 / (rings - 1) as f32;
        let centre = from.lerp(to, t);
        for j in 0..segments {
            let a = j as f32 / segments as f32 * std::f32::consts::TAU;
            let radial = u * a.cos() + v * a.sin();
            mesh.positions.push(centre + radial * radius);
            mesh.normals.push(radial);
            mesh.uvs.push(Vec2::new(j as f32 / segments as f32, t));
        }
    }
    for k in 0..rings - 1 {
        for j in 0..segments {
            let a = k * segments + j;
            let b = k * segments + (j + 1) % segments;
            let c = b + segments;
            let d = a + segments;
            mesh.indices.extend([a, b, c, a, c, d]);
        }
    }
    let material = GlbMaterial {
        name: format!("{name} fabric"),
        base_color: colour,
        roughness: 0.9,
        double_sided: true,
        ..GlbMaterial::default()
    };
    GlbMesh::new(name, mesh, material)
}

/// A T-shirt on the 178 cm reference body: a torso and two sleeves angled down like A-pose arms.
fn shirt_meshes() -> Vec<GlbMesh> {
    let navy = [0.013, 0.04, 0.11, 1.0];
    vec![
        tube(
            "torso",
            Vec3::new(0.0, 0.95, 0.0),
            Vec3::new(0.0, 1.45, 0.0),
            0.17,
            navy,
        ),
        tube(
            "left sleeve",
            Vec3::new(0.18, 1.38, 0.0),
            Vec3::new(0.30, 1.22, 0.0),
            0.07,
            navy,
        ),
        tube(
            "right sleeve",
            Vec3::new(-0.18, 1.38, 0.0),
            Vec3::new(-0.30, 1.22, 0.0),
            0.07,
            navy,
        ),
    ]
}

/// The JSON and binary chunks of a .glb.
fn split_glb(glb: &[u8]) -> (Value, Vec<u8>) {
    let json_len = u32::from_le_bytes(glb[12..16].try_into().unwrap()) as usize;
    let json = serde_json::from_slice(&glb[20..20 + json_len]).unwrap();
    let bin = if glb.len() > 20 + json_len {
        glb[28 + json_len..].to_vec()
    } else {
        Vec::new()
    };
    (json, bin)
}

/// A .glb of raw JSON text and a binary chunk (both padded to 4 bytes).
fn join_glb_raw(json: &[u8], bin: &[u8]) -> Vec<u8> {
    let mut json = json.to_vec();
    while !json.len().is_multiple_of(4) {
        json.push(b' ');
    }
    let mut bin = bin.to_vec();
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    let total = 12 + 8 + json.len() + if bin.is_empty() { 0 } else { 8 + bin.len() };
    let mut out = Vec::new();
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(b"JSON");
    out.extend_from_slice(&json);
    if !bin.is_empty() {
        out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
        out.extend_from_slice(b"BIN\0");
        out.extend_from_slice(&bin);
    }
    out
}

fn join_glb(json: &Value, bin: &[u8]) -> Vec<u8> {
    join_glb_raw(&serde_json::to_vec(json).unwrap(), bin)
}

/// Adds the metadata as the root `ANPROBE_garment` extension, declared in `extensionsUsed`.
fn add_meta(json: &mut Value, meta: &GarmentMeta) {
    json["extensions"] = json!({ "ANPROBE_garment": meta });
    json["extensionsUsed"] = json!(["ANPROBE_garment"]);
}

/// The example T-shirt's glTF JSON and binary buffer.
fn shirt() -> (Value, Vec<u8>) {
    let (mut json, mut bin) = split_glb(&write_glb(&shirt_meshes()));
    add_meta(&mut json, &garment_meta_example());
    // The buffer's byteLength must cover the padded chunk as the writer wrote it.
    bin.truncate(json["buffers"][0]["byteLength"].as_u64().unwrap() as usize);
    (json, bin)
}

/// The example T-shirt as a valid garment `.glb` (also used by the CLI tests).
pub(crate) fn shirt_glb() -> Vec<u8> {
    let (json, bin) = shirt();
    join_glb(&json, &bin)
}

/// The valid shirt with `edit` applied to its JSON and buffer.
fn edited(edit: impl FnOnce(&mut Value, &mut Vec<u8>)) -> Vec<u8> {
    let (mut json, mut bin) = shirt();
    edit(&mut json, &mut bin);
    json["buffers"][0]["byteLength"] = json!(bin.len());
    join_glb(&json, &bin)
}

/// The valid shirt with `edit` applied to its metadata.
fn with_meta(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    edited(|json, _| edit(&mut json["extensions"]["ANPROBE_garment"]))
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("anprobe-garment-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A small image with a known colour in the top-left pixel, encoded as PNG or JPEG.
fn encoded_image(format: image::ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        if x < width / 2 && y < height / 2 {
            image::Rgb([200, 40, 40])
        } else {
            image::Rgb([40, 40, 200])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

/// Adds an image as the base colour texture of material 0: in the buffer (`in_buffer`) or as
/// the given `uri`.
fn add_texture(json: &mut Value, bin: &mut Vec<u8>, image: &[u8], mime: &str, uri: Option<&str>) {
    match uri {
        None => {
            while !bin.len().is_multiple_of(4) {
                bin.push(0);
            }
            let views = json["bufferViews"].as_array_mut().unwrap();
            views.push(json!({ "buffer": 0, "byteOffset": bin.len(), "byteLength": image.len() }));
            let view = views.len() - 1;
            bin.extend_from_slice(image);
            json["images"] = json!([{ "bufferView": view, "mimeType": mime }]);
        }
        Some(uri) => json["images"] = json!([{ "uri": uri }]),
    }
    json["textures"] = json!([{ "source": 0 }]);
    json["materials"][0]["pbrMetallicRoughness"]["baseColorTexture"] = json!({ "index": 0 });
}

fn import_ok(bytes: &[u8]) -> ImportedGarment {
    match import_slice(bytes, None) {
        Ok(g) => g,
        Err(e) => panic!("import failed:\n{}", list(&e.diagnostics)),
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {:?} {d}\n", d.severity))
        .collect()
}

fn messages(g: &ImportedGarment) -> Vec<String> {
    g.warnings.iter().map(ToString::to_string).collect()
}

/// Every triangle's winding agrees with the vertex normals (counter-clockwise from outside).
fn assert_outward(g: &ImportedGarment) {
    for part in &g.parts {
        for t in part.mesh.indices.chunks_exact(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| part.mesh.positions[i as usize]);
            let face = (b - a).cross(c - a);
            let n = part.mesh.normals[t[0] as usize]
                + part.mesh.normals[t[1] as usize]
                + part.mesh.normals[t[2] as usize];
            assert!(
                face.dot(n) > 0.0,
                "{}: a triangle faces against its normals",
                part.name
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The example metadata

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
    let doc = include_str!("../docs/garment-format.md");
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

    let schema: Value = serde_json::from_str(include_str!("../docs/garment.schema.json")).unwrap();
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
    assert_eq!(*regions, json!(garment::GARMENT_REGIONS));

    // The example is a whole garment file that imports without a warning.
    let g =
        import_slice(block.as_bytes(), None).unwrap_or_else(|e| panic!("{}", list(&e.diagnostics)));
    assert!(g.warnings.is_empty(), "{}", list(&g.warnings));
    assert_eq!(g.parts.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Import of every layout

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
        let radial = Vec3::new(p.x, 0.0, p.z).normalize();
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

// ---------------------------------------------------------------------------------------------
// Malformed files

/// The file bytes of a malformed case, and the folder its external files live in.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    base_dir: Option<PathBuf>,
    /// Text one error (`pointer: message`) must contain.
    expect: &'static str,
}

fn case(name: &'static str, bytes: Vec<u8>, expect: &'static str) -> Case {
    Case {
        name,
        bytes,
        base_dir: None,
        expect,
    }
}

/// The byte offset in the buffer of accessor `a`'s first element.
fn accessor_start(json: &Value, a: usize) -> usize {
    let accessor = &json["accessors"][a];
    let view = &json["bufferViews"][accessor["bufferView"].as_u64().unwrap() as usize];
    (view["byteOffset"].as_u64().unwrap_or(0) + accessor["byteOffset"].as_u64().unwrap_or(0))
        as usize
}

fn position_accessor(json: &Value) -> usize {
    json["meshes"][0]["primitives"][0]["attributes"]["POSITION"]
        .as_u64()
        .unwrap() as usize
}

fn indices_accessor(json: &Value) -> usize {
    json["meshes"][0]["primitives"][0]["indices"]
        .as_u64()
        .unwrap() as usize
}

fn malformed_cases() -> Vec<Case> {
    let glb = shirt_glb();
    let dir = scratch("malformed");
    let mut cases = vec![
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
            "negative garment measurement",
            with_meta(|m| m["sizes"][0]["garment"]["chest"] = json!(-94)),
            "sizes[0].garment.chest: -94 cm: must be positive",
        ),
        // External files and embedded data.
        case(
            "bad base64",
            {
                let (mut j, _) = shirt();
                j["buffers"][0]["uri"] = json!("data:application/octet-stream;base64,AAAA@@@@");
                serde_json::to_vec(&j).unwrap()
            },
            "buffers[0]: data: URI is not valid base64 (at character 4)",
        ),
        case(
            "web address",
            {
                let (mut j, _) = shirt();
                j["buffers"][0]["uri"] = json!("https://example.com/shirt.bin");
                serde_json::to_vec(&j).unwrap()
            },
            "only relative file paths and base64 data: URIs are supported",
        ),
        case(
            "path outside the folder",
            {
                let (mut j, _) = shirt();
                j["buffers"][0]["uri"] = json!("../shirt.bin");
                serde_json::to_vec(&j).unwrap()
            },
            "\"../shirt.bin\": only relative paths inside the garment's folder are read",
        ),
        // Textures.
        case(
            "corrupt PNG",
            {
                let (mut j, mut bin) = shirt();
                add_texture(
                    &mut j,
                    &mut bin,
                    b"\x89PNG\r\n\x1a\n-- not a png --",
                    "image/png",
                    None,
                );
                j["buffers"][0]["byteLength"] = json!(bin.len());
                join_glb(&j, &bin)
            },
            "images[0]: cannot read the PNG",
        ),
        case(
            "WebP texture",
            {
                let (mut j, mut bin) = shirt();
                add_texture(
                    &mut j,
                    &mut bin,
                    b"RIFF\0\0\0\0WEBPVP8 ",
                    "image/webp",
                    None,
                );
                j["buffers"][0]["byteLength"] = json!(bin.len());
                join_glb(&j, &bin)
            },
            "images[0]: not a PNG or JPEG image",
        ),
        case(
            "texture too wide",
            {
                let png = encoded_image(image::ImageFormat::Png, 8193, 2);
                let (mut j, mut bin) = shirt();
                add_texture(&mut j, &mut bin, &png, "image/png", None);
                j["buffers"][0]["byteLength"] = json!(bin.len());
                join_glb(&j, &bin)
            },
            "images[0]: 8193×2 pixels: textures must be 1–8192 pixels wide and high",
        ),
    ];
    let (mut j, _) = shirt();
    j["buffers"][0]["uri"] = json!("missing.bin");
    cases.push(Case {
        name: "external buffer missing",
        bytes: serde_json::to_vec(&j).unwrap(),
        base_dir: Some(dir.clone()),
        expect: "buffers[0]: cannot read",
    });
    cases
}

#[test]
fn malformed_files_are_refused_with_the_right_diagnostic_and_never_panic() {
    let mut failures = Vec::new();
    for case in malformed_cases() {
        let result =
            std::panic::catch_unwind(|| import_slice(&case.bytes, case.base_dir.as_deref()));
        let errors: ImportErrors = match result {
            Err(_) => {
                failures.push(format!("{}: panicked", case.name));
                continue;
            }
            Ok(Ok(_)) => {
                failures.push(format!("{}: accepted", case.name));
                continue;
            }
            Ok(Err(e)) => e,
        };
        if !errors.has_error(case.expect) {
            failures.push(format!(
                "{}: no error contains {:?}; got:\n{}",
                case.name,
                case.expect,
                list(&errors.diagnostics)
            ));
        }
        if errors
            .diagnostics
            .iter()
            .any(|d| d.message.contains("failed"))
        {
            failures.push(format!(
                "{}: a guarded call panicked:\n{}",
                case.name,
                list(&errors.diagnostics)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mutated_and_truncated_files_never_panic() {
    let (mut json, mut bin) = shirt();
    add_texture(
        &mut json,
        &mut bin,
        &encoded_image(image::ImageFormat::Png, 16, 16),
        "image/png",
        None,
    );
    json["buffers"][0]["byteLength"] = json!(bin.len());
    let glb = join_glb(&json, &bin);
    let text = serde_json::to_vec(&{
        let mut j = json.clone();
        j["buffers"][0]["uri"] = json!(format!(
            "data:application/octet-stream;base64,{}",
            base64(&bin)
        ));
        j
    })
    .unwrap();

    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut internal = Vec::new();
    for original in [&glb, &text] {
        for round in 0..400 {
            let mut bytes = original.clone();
            match round % 4 {
                0 => bytes.truncate(next() as usize % bytes.len()),
                1 => {
                    for _ in 0..1 + next() % 4 {
                        let at = next() as usize % bytes.len();
                        bytes[at] = next() as u8;
                    }
                }
                2 => {
                    // Digits in the JSON become other digits: counts, offsets and indices change.
                    let digits: Vec<usize> = (0..bytes.len().min(20_000))
                        .filter(|&i| bytes[i].is_ascii_digit())
                        .collect();
                    let at = digits[next() as usize % digits.len()];
                    bytes[at] = b'0' + (next() % 10) as u8;
                }
                _ => {
                    let at = next() as usize % bytes.len();
                    bytes.insert(at, b"{[\",:}]9"[next() as usize % 8]);
                }
            }
            match std::panic::catch_unwind(|| import_slice(&bytes, None)) {
                Err(_) => panic!("round {round}: import_slice panicked"),
                Ok(Err(e)) if e.has_error("internal error") => {
                    internal.push(format!("round {round}: {e}"))
                }
                Ok(_) => {}
            }
        }
    }
    assert!(internal.is_empty(), "{}", internal.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Metadata warnings

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

// ---------------------------------------------------------------------------------------------
// `anprobe garment validate`

#[test]
fn validate_files_reports_per_file_and_returns_the_exit_code() {
    let dir = scratch("validate");
    let good = dir.join("good.glb");
    let warned = dir.join("warned.glb");
    let bad = dir.join("bad.glb");
    std::fs::write(&good, shirt_glb()).unwrap();
    std::fs::write(
        &warned,
        edited(|json, _| {
            json["meshes"][0]["primitives"][0]["attributes"]
                .as_object_mut()
                .unwrap()
                .remove("NORMAL");
        }),
    )
    .unwrap();
    std::fs::write(&bad, with_meta(|m| m["price"] = json!(-2))).unwrap();
    let missing = dir.join("missing.glb");

    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        validate_files(&[good.clone(), warned.clone()], &mut out, &mut err),
        0
    );
    let out_text = String::from_utf8(out).unwrap();
    let err_text = String::from_utf8(err).unwrap();
    assert_eq!(
        out_text,
        format!(
            "ok {} (0 warnings)\nok {} (1 warning)\n",
            good.display(),
            warned.display()
        )
    );
    assert_eq!(
        err_text,
        format!(
            "warning: {}: meshes[0].primitives[0]: no NORMAL, computed\n",
            warned.display()
        )
    );

    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        validate_files(
            &[good.clone(), bad.clone(), missing.clone()],
            &mut out,
            &mut err
        ),
        1
    );
    let out_text = String::from_utf8(out).unwrap();
    let err_text = String::from_utf8(err).unwrap();
    assert_eq!(
        out_text,
        format!(
            "ok {} (0 warnings)\ninvalid {}\ninvalid {}\n",
            good.display(),
            bad.display(),
            missing.display()
        )
    );
    assert!(err_text.contains(&format!(
        "error: {}: extensions.ANPROBE_garment.price: -2: must be a finite amount ≥ 0\n",
        bad.display()
    )));
    assert!(err_text.contains(&format!(
        "error: {}: cannot read {}",
        missing.display(),
        missing.display()
    )));
}

#[test]
fn import_file_names_an_unreadable_path() {
    let e = import_file(Path::new("/nonexistent/anprobe/shirt.glb")).unwrap_err();
    assert_eq!(e.diagnostics.len(), 1);
    assert!(
        e.diagnostics[0]
            .message
            .starts_with("cannot read /nonexistent/anprobe/shirt.glb")
    );
}

#[test]
fn import_progress_counts_the_file_and_ends_done() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/catalog/nordlicht-basics-nb-ts-1001.glb");
    let size = std::fs::metadata(&path).unwrap().len();
    let progress = garment::ImportProgress::default();
    assert_eq!(progress.fraction(), 0.0);
    let garment = garment::import_file_with_progress(&path, &progress).expect("imports");
    assert!(garment.vertex_count() > 0);
    assert_eq!(progress.get(), (garment::ImportPhase::Done, size, size));
    assert_eq!(progress.fraction(), 1.0);

    // A missing file ends done too, with the error naming it.
    let progress = garment::ImportProgress::default();
    let missing = path.with_file_name("missing.glb");
    let error = garment::import_file_with_progress(&missing, &progress).unwrap_err();
    assert!(error.to_string().contains("missing.glb"), "{error}");
    assert_eq!(progress.get().0, garment::ImportPhase::Done);
}
