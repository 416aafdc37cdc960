//! Import of a retailer's garment file: glTF 2.0 (.glb, or .gltf with external or base64-embedded
//! buffers and images) with the `ANPROBE_garment` metadata in the root `extensions`.
//!
//! The file is untrusted. The container (GLB header and chunks) and the JSON (size, nesting) are
//! checked here before the `gltf` crate parses and validates the document; every buffer view and
//! accessor the import reads is bounds-checked here before a byte is read, and the data is read
//! here, not by the `gltf` crate's reader. Every size is bounded ([`super::limits`]). Calls that
//! could still panic (the `gltf` crate, the image decoders, and for safety the whole import) run
//! under [`std::panic::catch_unwind`]; a panic becomes an error diagnostic.
//!
//! Panic messages of those guarded calls are silenced by a panic hook installed once, which
//! stays quiet only on a thread that is inside a guarded call and passes every other panic to
//! the hook that was there before.

use super::diagnostic::{Diagnostic, Diags, ImportErrors};
use super::limits::MAX_FILE_BYTES;
use super::mesh::Reader;
use super::progress::{ImportPhase, ImportProgress};
use super::source::{Budget, mib, parse_json, read_limited, split_container};
use super::validate::{META_POINTER, check_placement, parse_meta};
use super::{EXTENSION, GarmentMeta};
use crate::geometry::TriangleMesh;
use glam::Vec3;
use serde_json::Value;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Once};

/// Required extensions (`extensionsRequired`) the import handles. Any other required extension
/// refuses the file by name. The material ones only change shading Anprobe does not use (it
/// reads the base colour), so ignoring them loses nothing.
pub const SUPPORTED_REQUIRED_EXTENSIONS: [&str; 8] = [
    EXTENSION,
    "KHR_mesh_quantization",
    "KHR_texture_transform",
    "KHR_materials_unlit",
    "KHR_materials_emissive_strength",
    "KHR_materials_specular",
    "KHR_materials_ior",
    "KHR_materials_sheen",
];

/// One mesh primitive placed in the scene: a triangle mesh in metres on the reference body,
/// node transforms applied, with one material.
#[derive(Clone, Debug, PartialEq)]
pub struct GarmentPart {
    /// The node's name, else the mesh's, else `mesh N`; `/P` is added for the P-th primitive of a
    /// mesh with several.
    pub name: String,
    /// Normals unit length, one per position (computed when the file has none); UVs one per
    /// position, or empty when the file has none (`KHR_texture_transform` applied); triangles
    /// counter-clockwise seen from outside, degenerate ones dropped.
    pub mesh: TriangleMesh,
    /// Linear RGBA base colour factor (white without a material).
    pub base_color: [f32; 4],
    /// The decoded base colour texture (sRGB), when the material has one and the part has UVs.
    /// Shared: parts whose materials use the same image hold the same decoded copy.
    pub texture: Option<Arc<image::RgbaImage>>,
    /// Whether the material shows both faces (glTF `doubleSided`).
    pub double_sided: bool,
}

impl GarmentPart {
    /// A part without a material of its own, as the import reads one (white, one-sided, no
    /// texture).
    pub fn new(name: impl Into<String>, mesh: TriangleMesh) -> GarmentPart {
        GarmentPart {
            name: name.into(),
            mesh,
            base_color: [1.0; 4],
            texture: None,
            double_sided: false,
        }
    }
}

/// A garment read from a retailer's file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedGarment {
    /// The garment's metadata (the `ANPROBE_garment` extension).
    pub meta: GarmentMeta,
    /// Its meshes, one per glTF primitive, in metres.
    pub parts: Vec<GarmentPart>,
    /// What was wrong but could be used (no normals, no UVs, unknown fields …).
    pub warnings: Vec<Diagnostic>,
    /// The reference body's own mesh when the file carries it (a node named
    /// `ANPROBE_reference_body`), in metres like the parts; never part of the garment.
    pub reference_body: Option<TriangleMesh>,
}

impl ImportedGarment {
    /// The axis-aligned bounds of all parts, metres.
    pub fn bounds(&self) -> Option<(Vec3, Vec3)> {
        super::validate::bounds(&self.parts)
    }

    /// Vertices over all parts.
    pub fn vertex_count(&self) -> usize {
        self.parts.iter().map(|p| p.mesh.vertex_count()).sum()
    }

    /// Triangles over all parts.
    pub fn triangle_count(&self) -> usize {
        self.parts.iter().map(|p| p.mesh.triangle_count()).sum()
    }
}

/// Reads a garment file (.glb or .gltf); external files are looked up beside it.
pub fn import_file(path: impl AsRef<Path>) -> Result<ImportedGarment, ImportErrors> {
    import_file_with_progress(path, &ImportProgress::default())
}

/// [`import_file`], telling another thread how far it has come: the bytes of the file read so
/// far, then the checking phase, then done.
pub fn import_file_with_progress(
    path: impl AsRef<Path>,
    progress: &ImportProgress,
) -> Result<ImportedGarment, ImportErrors> {
    let path = path.as_ref();
    let mut budget = Budget::default();
    progress.set_phase(ImportPhase::Reading);
    let result = match read_limited(path, &mut budget, progress) {
        Ok(bytes) => {
            progress.set_phase(ImportPhase::Checking);
            import_slice(&bytes, Some(path.parent().unwrap_or(Path::new(""))))
        }
        Err(message) => Err(ImportErrors {
            diagnostics: vec![Diagnostic::error("", message)],
        }),
    };
    progress.set_phase(ImportPhase::Done);
    result
}

/// [`import_slice`] of a file's bytes already in memory (no external files), telling another
/// thread how far it has come: the checking phase, then done.
pub fn import_slice_with_progress(
    bytes: &[u8],
    progress: &ImportProgress,
) -> Result<ImportedGarment, ImportErrors> {
    progress.set_phase(ImportPhase::Checking);
    let result = import_slice(bytes, None);
    progress.set_phase(ImportPhase::Done);
    result
}

/// Reads a garment from the bytes of a .glb or .gltf file. External buffers and images are
/// looked up in `base_dir` (relative paths only, never outside it); without one, a file that
/// references external files is refused.
///
/// Never panics: whatever the bytes, the result is the garment or the diagnostics.
pub fn import_slice(
    bytes: &[u8],
    base_dir: Option<&Path>,
) -> Result<ImportedGarment, ImportErrors> {
    let mut d = Diags::default();
    let result = guarded(|| import(bytes, base_dir, &mut d));
    let garment = match result {
        Ok(garment) => garment,
        Err(panic) => {
            d.error(
                "",
                format!(
                    "the importer failed on this file (internal error: {panic}); please report it"
                ),
            );
            None
        }
    };
    match garment {
        Some((meta, parts, reference_body)) if !d.has_errors() => Ok(ImportedGarment {
            meta,
            parts,
            warnings: d.into_vec(),
            reference_body,
        }),
        _ => {
            if !d.has_errors() {
                d.error("", "the garment could not be imported");
            }
            Err(ImportErrors {
                diagnostics: d.into_vec(),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Panic guard

thread_local! {
    /// Set while this thread runs a guarded call: its panics are caught and reported, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Runs `f`, turning a panic into its message. The first call installs a panic hook that
/// prints nothing for panics on threads inside a guarded call and defers to the previous hook
/// for every other panic.
pub(super) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into())
    })
}

/// A root array of strings (`extensionsUsed`, `extensionsRequired`).
fn string_list(root: &Value, name: &str, d: &mut Diags) -> Vec<String> {
    match root.get(name) {
        None => Vec::new(),
        Some(Value::Array(list)) if list.iter().all(Value::is_string) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(_) => {
            d.error(name, "expected an array of extension names");
            Vec::new()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The import

fn import(
    bytes: &[u8],
    base_dir: Option<&Path>,
    d: &mut Diags,
) -> Option<(GarmentMeta, Vec<GarmentPart>, Option<TriangleMesh>)> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        d.error(
            "",
            format!(
                "the file is {}: larger than the limit of {} MiB",
                mib(bytes.len() as u64),
                MAX_FILE_BYTES >> 20
            ),
        );
        return None;
    }
    let budget = Budget::new(bytes.len() as u64);
    let (json, bin) = split_container(bytes, d)?;
    let mut root = parse_json(json, d)?;

    // The glTF version, before anything relies on the 2.0 layout.
    let version = root.pointer("/asset/version").and_then(Value::as_str);
    if let Some(v) = version
        && !v.starts_with("2.")
    {
        d.error(
            "asset.version",
            format!("glTF {v} is not supported: export glTF 2.0"),
        );
        return None;
    }
    if let Some(min) = root.pointer("/asset/minVersion").and_then(Value::as_str)
        && min != "2.0"
    {
        d.error(
            "asset.minVersion",
            format!("glTF {min} is not supported: export glTF 2.0"),
        );
        return None;
    }

    let used = string_list(&root, "extensionsUsed", d);
    let required = string_list(&root, "extensionsRequired", d);
    let mut refused = false;
    for (i, name) in required.iter().enumerate() {
        if !SUPPORTED_REQUIRED_EXTENSIONS.contains(&name.as_str()) {
            refused = true;
            d.error(
                format!("extensionsRequired[{i}]"),
                format!(
                    "required extension \"{name}\" is not supported (supported: {}); export \
                     without it",
                    SUPPORTED_REQUIRED_EXTENSIONS.join(", ")
                ),
            );
        } else if !used.contains(name) {
            d.warning(
                format!("extensionsRequired[{i}]"),
                format!("\"{name}\" is required but not listed in extensionsUsed"),
            );
        }
    }

    // The metadata.
    let meta = match root.pointer("/extensions/ANPROBE_garment") {
        None => {
            d.error(
                META_POINTER,
                "missing: not an Anprobe garment file (add the ANPROBE_garment extension to the \
                 root \"extensions\"; see docs/garment-format.md)",
            );
            None
        }
        Some(value) => {
            if !used.iter().any(|u| u == EXTENSION) {
                d.warning(
                    "extensionsUsed",
                    format!("\"{EXTENSION}\" is not declared in extensionsUsed"),
                );
            }
            let (meta, diagnostics) = parse_meta(value);
            d.extend(diagnostics);
            meta
        }
    };
    if refused {
        return None;
    }

    // The gltf crate's validation indexes the POSITION accessor unchecked (a panic): check
    // every primitive's accessor references first.
    if !check_accessor_references(&root, d) {
        return None;
    }

    // The document, parsed and validated by the gltf crate. Required extensions were checked
    // above (the crate refuses any it does not know, ours included).
    if let Some(obj) = root.as_object_mut() {
        obj.remove("extensionsRequired");
    }
    let text = serde_json::to_vec(&root).ok()?;
    let doc = match guarded(|| gltf::Gltf::from_slice(&text)) {
        Ok(Ok(gltf)) => gltf.document,
        Ok(Err(e)) => {
            report_gltf_error(e, d);
            return None;
        }
        Err(panic) => {
            d.error("", format!("the glTF reader failed on this file: {panic}"));
            return None;
        }
    };

    let quantized = used.iter().any(|u| u == "KHR_mesh_quantization");
    let reader = Reader::new(&doc, &root, base_dir, quantized, budget);
    let (parts, body, scene) = reader.read(bin, d);
    if parts.is_empty() && !d.has_errors() {
        d.error(scene.as_str(), "no triangle mesh in the scene");
    }
    d.extend(check_placement(&parts, meta.as_ref(), &scene));
    Some((meta?, parts, one_mesh(body)))
}

/// The parts' meshes as one (none without parts).
fn one_mesh(parts: Vec<GarmentPart>) -> Option<TriangleMesh> {
    let mut all = TriangleMesh::default();
    for part in parts {
        let offset = all.positions.len() as u32;
        all.positions.extend(part.mesh.positions);
        all.normals.extend(part.mesh.normals);
        all.indices
            .extend(part.mesh.indices.iter().map(|i| i + offset));
    }
    (!all.indices.is_empty()).then_some(all)
}

/// Whether every accessor a mesh primitive names exists.
fn check_accessor_references(root: &Value, d: &mut Diags) -> bool {
    let count = root
        .get("accessors")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let mut ok = true;
    let meshes = root.get("meshes").and_then(Value::as_array);
    for (m, mesh) in meshes.into_iter().flatten().enumerate() {
        let primitives = mesh.get("primitives").and_then(Value::as_array);
        for (p, primitive) in primitives.into_iter().flatten().enumerate() {
            let ptr = format!("meshes[{m}].primitives[{p}]");
            let attributes = primitive.get("attributes").and_then(Value::as_object);
            let named = attributes
                .into_iter()
                .flatten()
                .map(|(name, v)| (format!("{ptr}.attributes.{name}"), v))
                .chain(
                    primitive
                        .get("indices")
                        .map(|v| (format!("{ptr}.indices"), v)),
                );
            for (at, v) in named {
                if let Some(i) = v.as_u64()
                    && i >= count as u64
                {
                    d.error(
                        at,
                        format!("accessor {i} does not exist (there are {count})"),
                    );
                    ok = false;
                }
            }
        }
    }
    ok
}

/// The gltf crate's path (`attributes["POSITION"]`) in this module's style (`attributes.POSITION`).
fn pointer_of(path: &str) -> String {
    path.replace("[\"", ".").replace("\"]", "")
}

fn report_gltf_error(e: gltf::Error, d: &mut Diags) {
    use gltf::json::validation::Error as V;
    match e {
        gltf::Error::Validation(list) => {
            for (path, error) in list {
                let message = match error {
                    V::IndexOutOfBounds => "index out of range",
                    V::Invalid => "invalid value",
                    V::Missing => "missing",
                    V::Oversize => "too large",
                    V::Unsupported => "unsupported extension",
                };
                d.error(pointer_of(path.as_str()), message);
            }
        }
        gltf::Error::Deserialize(e) => d.error("", format!("not a valid glTF 2.0 document: {e}")),
        other => d.error("", format!("not a valid glTF 2.0 document: {other}")),
    }
}
