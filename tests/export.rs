//! Tests: export — the .glb re-reads with the `gltf` crate unchanged, measures like the report
//! says, and passes the Khronos validator (`ANPROBE_GLTF_VALIDATOR` names it; without it the check is
//! reported as skipped, and fails under `ANPROBE_REQUIRE_ALL=1`).

use anprobe::body::{self, Avatar, TapePlacement};
use anprobe::export::{ExportError, GlbMaterial, GlbMesh, write_glb, write_glb_file};
use anprobe::geometry::{Plane, TriangleMesh};
use anprobe::measurements::{self, Form, Key, Measurements, Resolved};
use anprobe::report::{AvatarReport, TapeReport, avatar_report};
use anprobe::tape;
use glam::{Vec2, Vec3};
use std::path::PathBuf;
use std::process::Command;

/// A body with a few typed values, the rest predicted.
fn typed() -> Measurements {
    let mut m = Measurements::new(Form::Female, 168.0);
    m.set(Key::ChestGirth, 94.0);
    m.set(Key::WaistGirth, 76.0);
    m.set(Key::HipGirth, 101.0);
    m
}

fn build() -> (Resolved, Avatar, AvatarReport) {
    let resolved = measurements::resolve(&typed()).expect("a plausible body resolves");
    let avatar = body::build(&resolved);
    let readings = tape::measure(&avatar);
    let report = avatar_report(&resolved, &avatar, &readings);
    (resolved, avatar, report)
}

/// A unique scratch path in the temp folder.
fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("anprobe-export-{}-{name}", std::process::id()))
}

/// Re-reads the first mesh of a .glb as a triangle mesh.
fn reread(bytes: &[u8]) -> TriangleMesh {
    let gltf = gltf::Gltf::from_slice(bytes).expect("the gltf crate reads the file");
    let blob = gltf.blob.as_deref();
    let mesh = gltf.meshes().next().expect("one mesh");
    assert_eq!(mesh.primitives().len(), 1);
    let primitive = mesh.primitives().next().unwrap();
    assert_eq!(primitive.mode(), gltf::mesh::Mode::Triangles);
    let reader = primitive.reader(|buffer| match buffer.source() {
        gltf::buffer::Source::Bin => blob,
        gltf::buffer::Source::Uri(_) => None,
    });
    TriangleMesh {
        positions: reader
            .read_positions()
            .expect("positions")
            .map(Vec3::from_array)
            .collect(),
        normals: reader
            .read_normals()
            .expect("normals")
            .map(Vec3::from_array)
            .collect(),
        uvs: reader
            .read_tex_coords(0)
            .expect("uvs")
            .into_f32()
            .map(Vec2::from_array)
            .collect(),
        indices: reader.read_indices().expect("indices").into_u32().collect(),
    }
}

#[test]
fn avatar_glb_rereads_with_the_same_mesh() {
    let (_, avatar, report) = build();
    let bytes = write_glb(&[GlbMesh::avatar(&avatar)]);
    let mesh = reread(&bytes);
    assert_eq!(mesh.positions.len(), avatar.mesh.positions.len());
    assert_eq!(mesh.indices.len(), avatar.mesh.indices.len());
    assert_eq!(report.mesh.vertices, mesh.positions.len());
    assert_eq!(report.mesh.triangles, mesh.indices.len() / 3);
    assert_eq!(
        mesh.positions, avatar.mesh.positions,
        "positions are stored bit for bit"
    );
    assert_eq!(mesh.indices, avatar.mesh.indices);
    assert_eq!(mesh.uvs, avatar.mesh.uvs);
    for (a, b) in mesh.normals.iter().zip(&avatar.mesh.normals) {
        assert!((a.length() - 1.0).abs() < 1e-5, "unit normal {a}");
        assert!(a.distance(*b) < 1e-5, "normal {a} was {b}");
    }

    let gltf = gltf::Gltf::from_slice(&bytes).unwrap();
    assert_eq!(gltf.scenes().count(), 1);
    assert_eq!(gltf.nodes().count(), 1);
    assert_eq!(gltf.nodes().next().unwrap().name(), Some("avatar"));
    let material = gltf.materials().next().expect("a material");
    assert_eq!(material.name(), Some("skin"));
    assert_eq!(
        material.pbr_metallic_roughness().base_color_factor(),
        GlbMaterial::skin().base_color
    );
    assert!(
        gltf.document
            .as_json()
            .asset
            .generator
            .as_deref()
            .unwrap_or("")
            .starts_with("Anprobe")
    );
}

#[test]
fn reread_mesh_measures_like_the_report() {
    let (resolved, avatar, report) = build();
    let mesh = reread(&write_glb(&[GlbMesh::avatar(&avatar)]));
    assert_eq!(report.measurements.len(), Key::COUNT);
    for (&(key, placement), entry) in avatar.tapes.iter().zip(report.measurements.iter()) {
        assert_eq!(entry.key, key, "report in Key::ALL order");
        let reading = tape::measure_one(&mesh, key, placement);
        let measured = entry.measured.unwrap_or_else(|| panic!("{key:?} measured"));
        assert!(
            (reading.cm - measured).abs() <= 0.01,
            "{key:?}: re-measured {} cm, report {measured} cm",
            reading.cm
        );
        assert!(
            (entry.value - resolved.get(key)).abs() <= 0.005,
            "{key:?} value"
        );
        match (placement, &entry.tape) {
            (
                TapePlacement::Girth(Plane { origin, normal }),
                Some(TapeReport::Girth {
                    origin: o,
                    normal: n,
                }),
            ) => {
                assert!(Vec3::from_array(o.map(|c| c as f32)).distance(origin) < 1e-4);
                assert!(Vec3::from_array(n.map(|c| c as f32)).distance(normal) < 1e-4);
            }
            (
                TapePlacement::Length { .. } | TapePlacement::Height { .. },
                Some(TapeReport::Length { from, to }),
            ) => {
                let length = Vec3::from_array(from.map(|c| c as f32))
                    .distance(Vec3::from_array(to.map(|c| c as f32)));
                assert!(
                    (f64::from(length) * 100.0 - measured).abs() < 0.01,
                    "{key:?}: tape ends {length} m apart"
                );
            }
            (placement, tape) => panic!("{key:?}: placement {placement:?} reported as {tape:?}"),
        }
    }
    let weight = report.get(Key::WeightKg).expect("weight");
    assert_eq!(weight.unit, "kg");
    assert_eq!(weight.method.as_deref(), Some("volume"));
    let kg = tape::volume_m3(&mesh) * 1000.0;
    assert!(
        (weight.measured.expect("weight measured") - kg).abs() <= 0.05 + 1e-9,
        "{kg} kg"
    );
}

#[test]
fn report_has_the_product_shape() {
    let (resolved, _, report) = build();
    let json = report.to_value();
    assert_eq!(json["report"], "anprobe.avatar");
    assert_eq!(json["version"], 1);
    assert_eq!(json["form"], "female");
    assert_eq!(json["form_source"], "typed");
    assert!(json["mesh"]["vertices"].as_u64().unwrap() > 1000);
    assert!(json["mesh"]["triangles"].as_u64().unwrap() > 1000);
    let list = json["measurements"].as_array().unwrap();
    let keys: Vec<&str> = list.iter().map(|m| m["key"].as_str().unwrap()).collect();
    assert_eq!(keys, Key::ALL.map(Key::as_str));
    for (m, key) in list.iter().zip(Key::ALL) {
        let source = if typed().get(key).is_some() {
            "typed"
        } else {
            "predicted"
        };
        assert_eq!(m["source"], source, "{key:?}");
        assert_eq!(m["unit"], if key == Key::WeightKg { "kg" } else { "cm" });
        assert!(m["value"].is_f64(), "{key:?}");
        let difference = m["measured"].as_f64().unwrap() - m["value"].as_f64().unwrap();
        let rounding = if key == Key::WeightKg { 0.06 } else { 0.011 };
        assert!(
            (m["difference"].as_f64().unwrap() - difference).abs() < rounding,
            "{key:?}"
        );
        let kind = m["tape"]["kind"].as_str();
        match key {
            Key::WeightKg => assert!(m.get("tape").is_none() && m["method"] == "volume"),
            k if k.is_girth() => {
                assert_eq!(kind, Some("girth"), "{key:?}");
                assert_eq!(m["tape"]["origin"].as_array().unwrap().len(), 3);
                assert_eq!(m["tape"]["normal"].as_array().unwrap().len(), 3);
            }
            _ => {
                assert_eq!(kind, Some("length"), "{key:?}");
                assert_eq!(m["tape"]["from"].as_array().unwrap().len(), 3);
                assert_eq!(m["tape"]["to"].as_array().unwrap().len(), 3);
            }
        }
        if key.is_length() {
            assert!(
                m["difference"].as_f64().unwrap().abs() < 0.5,
                "{key:?} measures as built: {m}"
            );
        }
    }
    assert_eq!(report.get(Key::Stature).unwrap().value, 168.0);
    assert_eq!(report.get(Key::HipGirth).unwrap().value, 101.0);
    // Round trip through the text form.
    let back: AvatarReport = serde_json::from_str(&report.to_json_pretty()).unwrap();
    assert_eq!(back, report);
    assert_eq!(resolved.form, Form::Female);
}

#[test]
fn glb_layout_is_aligned_and_declared() {
    let (_, avatar, _) = build();
    let bytes = write_glb(&[GlbMesh::avatar(&avatar)]);
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    assert_eq!(&bytes[..4], b"glTF");
    assert_eq!(word(4), 2);
    assert_eq!(word(8), bytes.len());
    let json_len = word(12);
    assert_eq!(json_len % 4, 0);
    assert_eq!(word(16), 0x4E4F_534A);
    let json: serde_json::Value = serde_json::from_slice(&bytes[20..20 + json_len]).unwrap();
    let bin_at = 20 + json_len;
    let bin_len = word(bin_at);
    assert_eq!(bin_len % 4, 0);
    assert_eq!(word(bin_at + 4), 0x004E_4942);
    assert_eq!(bin_at + 8 + bin_len, bytes.len());
    assert_eq!(json["asset"]["version"], "2.0");
    for view in json["bufferViews"].as_array().unwrap() {
        assert_eq!(view["byteOffset"].as_u64().unwrap() % 4, 0);
        assert!(view["target"].is_u64());
    }
    let position = &json["accessors"][json["meshes"][0]["primitives"][0]["attributes"]["POSITION"]
        .as_u64()
        .unwrap() as usize];
    let min = avatar
        .mesh
        .positions
        .iter()
        .fold(Vec3::INFINITY, |a, &p| a.min(p));
    let max = avatar
        .mesh
        .positions
        .iter()
        .fold(Vec3::NEG_INFINITY, |a, &p| a.max(p));
    // serde_json's default float parser may be 1 ulp off in f64; the values are exact f32s.
    let read = |v: &serde_json::Value| -> Vec<f32> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_f64().unwrap() as f32)
            .collect()
    };
    assert_eq!(read(&position["min"]), min.to_array());
    assert_eq!(read(&position["max"]), max.to_array());
    let indices = &json["accessors"][json["meshes"][0]["primitives"][0]["indices"]
        .as_u64()
        .unwrap() as usize];
    assert_eq!(indices["componentType"], 5125);
}

/// A mesh that would be invalid glTF if written as given.
fn broken() -> GlbMesh {
    GlbMesh {
        name: "broken".into(),
        mesh: TriangleMesh {
            positions: vec![Vec3::ZERO, Vec3::X, Vec3::new(0.0, f32::NAN, 0.0), Vec3::Z],
            normals: vec![Vec3::Y * 3.0, Vec3::ZERO, Vec3::X, Vec3::Z],
            uvs: vec![Vec2::ZERO; 3], // mismatched: left out
            indices: vec![0, 1, 2, 0, 1, 9, 0, 2],
        },
        material: GlbMaterial {
            base_color: [2.0, 0.5, -1.0, 1.0],
            ..GlbMaterial::default()
        },
    }
}

#[test]
fn writer_repairs_what_would_be_invalid() {
    let mut broken = broken();
    assert_eq!(broken.triangle_count(), 1);
    let empty = GlbMesh {
        name: "nothing".into(),
        ..GlbMesh::default()
    };
    broken.material.double_sided = true;
    let bytes = write_glb(&[broken, empty]);
    let gltf = gltf::Gltf::from_slice(&bytes).expect("valid");
    assert_eq!(gltf.nodes().count(), 2);
    let primitive = gltf.meshes().next().unwrap().primitives().next().unwrap();
    let blob = gltf.blob.as_deref();
    let reader = primitive.reader(|_| blob);
    assert_eq!(
        reader
            .read_indices()
            .unwrap()
            .into_u32()
            .collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
    assert!(reader.read_tex_coords(0).is_none());
    assert!(
        reader
            .read_positions()
            .unwrap()
            .all(|p| p.iter().all(|c| c.is_finite()))
    );
    for n in reader.read_normals().unwrap() {
        assert!((Vec3::from_array(n).length() - 1.0).abs() < 1e-6);
    }
    let material = gltf.materials().next().unwrap();
    assert_eq!(
        material.pbr_metallic_roughness().base_color_factor(),
        [1.0, 0.5, 0.0, 1.0]
    );
    assert!(material.double_sided());

    // Nothing at all is still a valid file.
    gltf::Gltf::from_slice(&write_glb(&[])).expect("an empty scene");
}

#[test]
fn write_errors_name_the_file() {
    let dir = std::env::temp_dir();
    let err = write_glb_file(&dir, &[]).unwrap_err();
    assert!(
        matches!(&err, ExportError::Write { path, .. } if path == &dir),
        "{err:?}"
    );
    assert!(
        err.to_string().contains(&dir.display().to_string()),
        "{err}"
    );
    let path = scratch("written.glb");
    write_glb_file(&path, &[GlbMesh::default()]).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"glTF"));
    let _ = std::fs::remove_file(path);
}

/// The Khronos glTF validator's `issues` for a file, when `ANPROBE_GLTF_VALIDATOR` names its
/// node module folder; otherwise `None` (the caller skips), reported as a missing prerequisite
/// (a failure under `ANPROBE_REQUIRE_ALL=1`).
#[track_caller]
pub(crate) fn khronos_issues(path: &std::path::Path) -> Option<serde_json::Value> {
    let Some(module) = std::env::var_os("ANPROBE_GLTF_VALIDATOR") else {
        crate::prerequisite::missing(
            &format!("the Khronos check of {}", path.display()),
            "the Khronos glTF validator (ANPROBE_GLTF_VALIDATOR naming its node module folder)",
        );
        return None;
    };
    let script = "const v=require(process.argv[1]);\
        v.validateBytes(new Uint8Array(require('fs').readFileSync(process.argv[2])))\
        .then(r=>console.log(JSON.stringify(r.issues)))\
        .catch(e=>{console.error(e);process.exit(3)})";
    let output = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&module)
        .arg(path)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "validator failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let issues: serde_json::Value = serde_json::from_slice(&output.stdout).expect("validator JSON");
    println!("validator: {issues}");
    Some(issues)
}

/// The Khronos glTF validator finds no errors or warnings (when it is installed).
#[test]
fn khronos_validator_reports_no_errors_or_warnings() {
    let (_, avatar, _) = build();
    let garment = GlbMesh {
        name: "garment".into(),
        mesh: TriangleMesh {
            positions: vec![Vec3::ZERO, Vec3::X, Vec3::Y],
            normals: vec![Vec3::Z; 3],
            uvs: vec![Vec2::ZERO, Vec2::X, Vec2::Y],
            indices: vec![0, 1, 2],
        },
        material: GlbMaterial {
            name: "cloth".into(),
            double_sided: true,
            ..GlbMaterial::default()
        },
    };
    let path = scratch("validate.glb");
    write_glb_file(&path, &[GlbMesh::avatar(&avatar), garment, broken()]).unwrap();
    let issues = khronos_issues(&path);
    let _ = std::fs::remove_file(&path);
    let Some(issues) = issues else { return };
    assert_eq!(issues["numErrors"], 0, "{issues:#}");
    assert_eq!(issues["numWarnings"], 0, "{issues:#}");
}
