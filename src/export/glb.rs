//! A hand-written glTF 2.0 binary (.glb) writer: one buffer, one node per mesh, one scene.
//!
//! The output passes the Khronos glTF validator without errors or warnings: chunks and buffer
//! views are 4-byte aligned (JSON padded with spaces, BIN with zeros), every vertex attribute has
//! its own tightly packed buffer view with a `target`, POSITION carries exact `min`/`max`, normals
//! are written unit length and indices are `UNSIGNED_INT`.

use crate::geometry::TriangleMesh;
use glam::{Vec2, Vec3};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// glTF component type `FLOAT`.
const FLOAT: u32 = 5126;
/// glTF component type `UNSIGNED_INT`.
const UNSIGNED_INT: u32 = 5125;
/// Buffer view target for vertex attributes.
const ARRAY_BUFFER: u32 = 34962;
/// Buffer view target for indices.
const ELEMENT_ARRAY_BUFFER: u32 = 34963;
/// Primitive modes.
const POINTS: u32 = 0;
const TRIANGLES: u32 = 4;
/// GLB chunk types.
const CHUNK_JSON: u32 = 0x4E4F_534A;
const CHUNK_BIN: u32 = 0x004E_4942;

/// A PBR metallic-roughness material.
#[derive(Clone, Debug, PartialEq)]
pub struct GlbMaterial {
    /// The material's `name` in the glTF JSON (shown by viewers; need not be unique).
    pub name: String,
    /// Linear RGBA, each in 0..=1 (values outside are clamped when written).
    pub base_color: [f32; 4],
    /// 0 (dielectric) ..= 1 (metal).
    pub metallic: f32,
    /// 0 (mirror) ..= 1 (matte).
    pub roughness: f32,
    /// Whether back faces are drawn too (garments seen from inside); closed bodies need not.
    pub double_sided: bool,
}

impl Default for GlbMaterial {
    fn default() -> Self {
        GlbMaterial {
            name: "material".into(),
            base_color: [0.8, 0.8, 0.8, 1.0],
            metallic: 0.0,
            roughness: 0.5,
            double_sided: false,
        }
    }
}

/// One triangle mesh to export (metres, +Y up), named, in its material.
///
/// The mesh's `normals` and `uvs` are optional: leave them empty to omit the attribute. When
/// given they must have one entry per position (a mismatched attribute is left out rather than
/// written invalid). Triangles are counter-clockwise seen from the front; `indices.len()` should
/// be a multiple of 3. Empty `indices` mean every three consecutive positions form a triangle.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GlbMesh {
    /// The name given to both the glTF mesh and its node.
    pub name: String,
    /// The geometry: positions, optional normals and UVs, and triangle indices.
    pub mesh: TriangleMesh,
    /// The material the mesh is drawn in (written as its own glTF material).
    pub material: GlbMaterial,
}

impl GlbMesh {
    /// The number of indexed triangles whose three vertices exist (what [`write_glb`] writes).
    pub fn triangle_count(&self) -> usize {
        self.valid_triangles().count()
    }

    fn valid_triangles(&self) -> impl Iterator<Item = &[u32]> + '_ {
        let n = self.mesh.positions.len();
        self.mesh
            .indices
            .chunks_exact(3)
            .filter(move |t| t.iter().all(|&i| (i as usize) < n))
    }
}

/// Why a .glb file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be created or written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// The I/O error from the operating system.
        #[source]
        source: std::io::Error,
    },
}

/// Encodes the meshes as one glTF 2.0 binary: one node per mesh (in order, named after the mesh),
/// all in one scene (with no meshes at all, the file holds just the asset description).
///
/// The writer never fails and never writes an invalid file: non-finite coordinates are written
/// as 0, normals are renormalised (zero normals become +Y), triangles that reference a missing
/// vertex and a trailing partial triangle are dropped, and a mesh without vertices becomes an
/// empty node.
pub fn write_glb(meshes: &[GlbMesh]) -> Vec<u8> {
    let mut bin: Vec<u8> = Vec::new();
    let mut views: Vec<Value> = Vec::new();
    let mut accessors: Vec<Value> = Vec::new();
    let mut gltf_meshes: Vec<Value> = Vec::new();
    let mut materials: Vec<Value> = Vec::new();
    let mut nodes: Vec<Value> = Vec::new();

    // Appends one tightly packed buffer view and its accessor; returns the accessor index.
    let mut push = |bin: &mut Vec<u8>, bytes: &[u8], target: u32, accessor: Value| -> usize {
        debug_assert!(bin.len().is_multiple_of(4));
        views.push(json!({
            "buffer": 0,
            "byteOffset": bin.len(),
            "byteLength": bytes.len(),
            "target": target,
        }));
        bin.extend_from_slice(bytes);
        let mut accessor = accessor;
        accessor["bufferView"] = json!(views.len() - 1);
        accessors.push(accessor);
        accessors.len() - 1
    };

    for glb in meshes {
        let mesh = &glb.mesh;
        let mut node = Map::new();
        node.insert("name".into(), json!(glb.name));
        let count = mesh.positions.len();
        if count == 0 {
            nodes.push(Value::Object(node));
            continue;
        }

        let positions: Vec<Vec3> = mesh.positions.iter().map(|&p| finite(p)).collect();
        let (min, max) = positions.iter().fold(
            (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY)),
            |(lo, hi), &p| (lo.min(p), hi.max(p)),
        );
        let mut attributes = Map::new();
        let position = push(
            &mut bin,
            &floats(positions.iter().flat_map(|p| p.to_array())),
            ARRAY_BUFFER,
            json!({
                "componentType": FLOAT,
                "count": count,
                "type": "VEC3",
                // f32 → f64 is exact, so min/max equal the stored values bit for bit.
                "min": min.to_array().map(f64::from),
                "max": max.to_array().map(f64::from),
            }),
        );
        attributes.insert("POSITION".into(), json!(position));

        if mesh.normals.len() == count {
            let normals = mesh
                .normals
                .iter()
                .map(|&n| finite(n).normalize_or(Vec3::Y));
            let normal = push(
                &mut bin,
                &floats(normals.flat_map(|n| n.to_array())),
                ARRAY_BUFFER,
                json!({ "componentType": FLOAT, "count": count, "type": "VEC3" }),
            );
            attributes.insert("NORMAL".into(), json!(normal));
        }

        if mesh.uvs.len() == count {
            let uvs = mesh
                .uvs
                .iter()
                .map(|&uv| if uv.is_finite() { uv } else { Vec2::ZERO });
            let uv = push(
                &mut bin,
                &floats(uvs.flat_map(|uv| uv.to_array())),
                ARRAY_BUFFER,
                json!({ "componentType": FLOAT, "count": count, "type": "VEC2" }),
            );
            attributes.insert("TEXCOORD_0".into(), json!(uv));
        }

        let mut primitive = Map::new();
        primitive.insert("attributes".into(), Value::Object(attributes));
        primitive.insert("mode".into(), json!(TRIANGLES));
        let indices: Vec<u32> = glb.valid_triangles().flatten().copied().collect();
        if !indices.is_empty() {
            let bytes: Vec<u8> = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
            let index = push(
                &mut bin,
                &bytes,
                ELEMENT_ARRAY_BUFFER,
                json!({ "componentType": UNSIGNED_INT, "count": indices.len(), "type": "SCALAR" }),
            );
            primitive.insert("indices".into(), json!(index));
        } else if !mesh.indices.is_empty() || !count.is_multiple_of(3) {
            // No triangle survived (or, unindexed, the vertices do not form whole triangles):
            // write the vertices as points rather than as triangles they never formed.
            primitive.insert("mode".into(), json!(POINTS));
        }

        let m = &glb.material;
        let color = m.base_color.map(|c| {
            short(if c.is_finite() {
                c.clamp(0.0, 1.0)
            } else {
                1.0
            })
        });
        let factor = |x: f32, default: f32| {
            short(if x.is_finite() {
                x.clamp(0.0, 1.0)
            } else {
                default
            })
        };
        materials.push(json!({
            "name": m.name,
            "pbrMetallicRoughness": {
                "baseColorFactor": color,
                "metallicFactor": factor(m.metallic, 0.0),
                "roughnessFactor": factor(m.roughness, 1.0),
            },
            "doubleSided": m.double_sided,
        }));
        primitive.insert("material".into(), json!(materials.len() - 1));

        gltf_meshes.push(json!({ "name": glb.name, "primitives": [Value::Object(primitive)] }));
        node.insert("mesh".into(), json!(gltf_meshes.len() - 1));
        nodes.push(Value::Object(node));
    }

    let mut root = Map::new();
    root.insert(
        "asset".into(),
        json!({ "version": "2.0", "generator": concat!("Anprobe ", env!("CARGO_PKG_VERSION")) }),
    );
    // A scene must list at least one node; with no meshes the file is just the asset.
    if !nodes.is_empty() {
        root.insert("scene".into(), json!(0));
        root.insert(
            "scenes".into(),
            json!([{ "nodes": (0..nodes.len()).collect::<Vec<_>>() }]),
        );
    }
    let mut insert = |name: &str, list: Vec<Value>| {
        if !list.is_empty() {
            root.insert(name.into(), Value::Array(list));
        }
    };
    insert("nodes", nodes);
    insert("meshes", gltf_meshes);
    insert("materials", materials);
    insert("accessors", accessors);
    insert("bufferViews", views);
    if !bin.is_empty() {
        root.insert("buffers".into(), json!([{ "byteLength": bin.len() }]));
    }

    let mut json_chunk = serde_json::to_vec(&Value::Object(root)).unwrap_or_default();
    pad(&mut json_chunk, b' ');
    pad(&mut bin, 0);

    let mut total = 12 + 8 + json_chunk.len();
    if !bin.is_empty() {
        total += 8 + bin.len();
    }
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(json_chunk.len() as u32).to_le_bytes());
    out.extend_from_slice(&CHUNK_JSON.to_le_bytes());
    out.extend_from_slice(&json_chunk);
    if !bin.is_empty() {
        out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
        out.extend_from_slice(&CHUNK_BIN.to_le_bytes());
        out.extend_from_slice(&bin);
    }
    out
}

/// [`write_glb`] into a file; the error names the file.
pub fn write_glb_file(path: impl AsRef<Path>, meshes: &[GlbMesh]) -> Result<(), ExportError> {
    let path = path.as_ref();
    std::fs::write(path, write_glb(meshes)).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Little-endian bytes of a float sequence.
fn floats(values: impl Iterator<Item = f32>) -> Vec<u8> {
    values.flat_map(f32::to_le_bytes).collect()
}

/// Non-finite components become 0.
fn finite(v: Vec3) -> Vec3 {
    Vec3::from_array(v.to_array().map(|c| if c.is_finite() { c } else { 0.0 }))
}

/// The shortest decimal that reads back as the same f32 (0.8, not 0.800000011920929).
fn short(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(0.0)
}

/// Pads to a multiple of 4 bytes.
fn pad(bytes: &mut Vec<u8>, with: u8) {
    while !bytes.len().is_multiple_of(4) {
        bytes.push(with);
    }
}
