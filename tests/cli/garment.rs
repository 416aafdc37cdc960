//! Tests: cli — `anprobe garment validate FILE...`: a valid garment file exits 0, a truncated one
//! exits 1 naming the file, no file at all is bad usage (2).
//!
//! The garment file is generated here: the example T-shirt (three tubes, as in `tests/garment.rs`)
//! written by `anprobe::export::write_glb`, with the example metadata as its `ANPROBE_garment`
//! extension.

use super::{Run, Scratch, anprobe};
use anprobe::export::{GlbMaterial, GlbMesh, write_glb};
use anprobe::garment::garment_meta_example;
use glam::{Vec2, Vec3};
use serde_json::{Value, json};
use std::path::Path;

/// A tube from `from` to `to`, normals outward, triangles counter-clockwise from outside.
fn tube(name: &str, from: Vec3, to: Vec3, radius: f32) -> GlbMesh {
    let (segments, rings) = (12u32, 4u32);
    let axis = (to - from).normalize();
    let u = axis.any_orthonormal_vector();
    let v = axis.cross(u);
    let mut mesh = GlbMesh {
        name: name.into(),
        material: GlbMaterial {
            name: format!("{name} fabric"),
            base_color: [0.013, 0.04, 0.11, 1.0],
            roughness: 0.9,
            double_sided: true,
            ..GlbMaterial::default()
        },
        ..GlbMesh::default()
    };
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
            let (c, d) = (b + segments, a + segments);
            mesh.indices.extend([a, b, c, a, c, d]);
        }
    }
    mesh
}

/// The example T-shirt as a valid garment `.glb`.
pub(super) fn shirt_glb() -> Vec<u8> {
    let glb = write_glb(&[
        tube(
            "torso",
            Vec3::new(0.0, 0.95, 0.0),
            Vec3::new(0.0, 1.45, 0.0),
            0.17,
        ),
        tube(
            "left sleeve",
            Vec3::new(0.18, 1.38, 0.0),
            Vec3::new(0.30, 1.22, 0.0),
            0.07,
        ),
        tube(
            "right sleeve",
            Vec3::new(-0.18, 1.38, 0.0),
            Vec3::new(-0.30, 1.22, 0.0),
            0.07,
        ),
    ]);
    // Split the container, add the extension to the JSON chunk, join it again.
    let json_len = u32::from_le_bytes(glb[12..16].try_into().unwrap()) as usize;
    let mut json: Value = serde_json::from_slice(&glb[20..20 + json_len]).unwrap();
    let mut bin = glb[28 + json_len..].to_vec();
    bin.truncate(json["buffers"][0]["byteLength"].as_u64().unwrap() as usize);
    json["extensions"] = json!({ "ANPROBE_garment": garment_meta_example() });
    json["extensionsUsed"] = json!(["ANPROBE_garment"]);
    let mut json = serde_json::to_vec(&json).unwrap();
    while !json.len().is_multiple_of(4) {
        json.push(b' ');
    }
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    let total = 12 + 8 + json.len() + 8 + bin.len();
    let mut out = Vec::new();
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(b"JSON");
    out.extend_from_slice(&json);
    out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
    out.extend_from_slice(b"BIN\0");
    out.extend_from_slice(&bin);
    out
}

fn validate(files: &[&Path]) -> Run {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"garment", &"validate"];
    args.extend(files.iter().map(|f| f as &dyn AsRef<std::ffi::OsStr>));
    anprobe(&args)
}

#[test]
fn garment_validate_passes_a_valid_file() {
    let dir = Scratch::new("garment-valid");
    let good = dir.path("shirt.glb");
    std::fs::write(&good, shirt_glb()).unwrap();
    let run = validate(&[&good]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, format!("ok {} (0 warnings)\n", good.display()));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn garment_validate_refuses_a_truncated_file_naming_it() {
    let dir = Scratch::new("garment-truncated");
    let good = dir.path("shirt.glb");
    let cut = dir.path("cut-short.glb");
    let bytes = shirt_glb();
    std::fs::write(&good, &bytes).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();

    let run = validate(&[&cut]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!("error: {}: ", cut.display())),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, format!("invalid {}\n", cut.display()));

    // Every file is reported; one invalid file makes the exit code 1.
    let missing = dir.path("missing.glb");
    let run = validate(&[&good, &cut, &missing]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "ok {} (0 warnings)\ninvalid {}\ninvalid {}\n",
            good.display(),
            cut.display(),
            missing.display()
        )
    );
    assert!(run.stderr.contains("missing.glb"), "{}", run.stderr);
}

#[test]
fn garment_validate_without_a_file_is_bad_usage() {
    let run = anprobe(&[&"garment", &"validate"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error:"), "{}", run.stderr);
    assert!(run.stderr.contains("<FILE>"), "{}", run.stderr);
    let run = anprobe(&[&"garment"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
