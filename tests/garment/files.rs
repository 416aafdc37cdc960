//! Helpers of the garment tests: meshes made here (a tube, the example T-shirt), GLB containers
//! taken apart and put together, metadata and textures added, scratch folders, import checks.

use anprobe::export::{GlbMaterial, GlbMesh, write_glb};
use anprobe::garment::{
    Diagnostic, GarmentMeta, ImportedGarment, garment_meta_example, import_slice,
};
use anprobe::geometry::TriangleMesh;
use glam::{Vec2, Vec3};
use serde_json::{Value, json};
use std::path::PathBuf;

/// A tube from `from` to `to`: `rings` rings of `segments` vertices, normals outward, UVs, and
/// triangles counter-clockwise seen from outside.
pub(super) fn tube(name: &str, from: Vec3, to: Vec3, radius: f32, colour: [f32; 4]) -> GlbMesh {
    let (segments, rings) = (12u32, 4u32);
    let axis = (to - from).normalize_or_zero();
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
pub(super) fn shirt_meshes() -> Vec<GlbMesh> {
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
pub(super) fn split_glb(glb: &[u8]) -> (Value, Vec<u8>) {
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
pub(super) fn join_glb_raw(json: &[u8], bin: &[u8]) -> Vec<u8> {
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

pub(super) fn join_glb(json: &Value, bin: &[u8]) -> Vec<u8> {
    join_glb_raw(&serde_json::to_vec(json).unwrap(), bin)
}

/// Adds the metadata as the root `ANPROBE_garment` extension, declared in `extensionsUsed`.
pub(super) fn add_meta(json: &mut Value, meta: &GarmentMeta) {
    json["extensions"] = json!({ "ANPROBE_garment": meta });
    json["extensionsUsed"] = json!(["ANPROBE_garment"]);
}

/// The example T-shirt's glTF JSON and binary buffer.
pub(super) fn shirt() -> (Value, Vec<u8>) {
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
pub(super) fn edited(edit: impl FnOnce(&mut Value, &mut Vec<u8>)) -> Vec<u8> {
    let (mut json, mut bin) = shirt();
    edit(&mut json, &mut bin);
    json["buffers"][0]["byteLength"] = json!(bin.len());
    join_glb(&json, &bin)
}

/// The valid shirt with `edit` applied to its metadata.
pub(super) fn with_meta(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    edited(|json, _| edit(&mut json["extensions"]["ANPROBE_garment"]))
}

/// A fresh scratch folder for one test.
pub(super) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("anprobe-garment-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(super) fn base64(bytes: &[u8]) -> String {
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
pub(super) fn encoded_image(format: image::ImageFormat, width: u32, height: u32) -> Vec<u8> {
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
pub(super) fn add_texture(
    json: &mut Value,
    bin: &mut Vec<u8>,
    image: &[u8],
    mime: &str,
    uri: Option<&str>,
) {
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

pub(super) fn import_ok(bytes: &[u8]) -> ImportedGarment {
    match import_slice(bytes, None) {
        Ok(g) => g,
        Err(e) => panic!("import failed:\n{}", list(&e.diagnostics)),
    }
}

pub(super) fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {:?} {d}\n", d.severity))
        .collect()
}

pub(super) fn messages(g: &ImportedGarment) -> Vec<String> {
    g.warnings.iter().map(ToString::to_string).collect()
}

/// Every triangle's winding agrees with the vertex normals (counter-clockwise from outside).
pub(super) fn assert_outward(g: &ImportedGarment) {
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

/// The byte offset in the buffer of accessor `a`'s first element.
pub(super) fn accessor_start(json: &Value, a: usize) -> usize {
    let accessor = &json["accessors"][a];
    let view = &json["bufferViews"][accessor["bufferView"].as_u64().unwrap() as usize];
    (view["byteOffset"].as_u64().unwrap_or(0) + accessor["byteOffset"].as_u64().unwrap_or(0))
        as usize
}

/// The POSITION accessor of the first primitive.
pub(super) fn position_accessor(json: &Value) -> usize {
    json["meshes"][0]["primitives"][0]["attributes"]["POSITION"]
        .as_u64()
        .unwrap() as usize
}

/// The indices accessor of the first primitive.
pub(super) fn indices_accessor(json: &Value) -> usize {
    json["meshes"][0]["primitives"][0]["indices"]
        .as_u64()
        .unwrap() as usize
}
