//! The sample catalog: garments from fictional retailers, each modelled on a reference avatar
//! (the women's garments on a female body, the men's on a male one) and written as a garment
//! package (a glTF 2.0 binary whose root `extensions.ANPROBE_garment` holds the
//! [`GarmentMeta`]). `anprobe catalog generate` regenerates `assets/catalog/`.
//!
//! The meshes are generated, not modelled: rings of the body's convex cross-sections offset by
//! the garment's ease (its finished measurements in the reference size minus the body's; below
//! the hip of a full skirt, the girth gathered into folds hanging from the hip), sleeves
//! lofted along the A-pose arms, trouser legs out of a crotch seam; then draped (lofts smoothed,
//! every vertex kept a few millimetres off the skin) and given thickness as a closed thin shell.

mod body_map;
mod details;
mod garments;
mod items;
mod menswear;
pub mod offers;
mod pattern;
mod sheet;
pub mod shipped;
mod skin;

use crate::body::{self, Avatar};
use crate::export::{GlbMesh, write_glb};
use crate::garment::{Category, EXTENSION, GarmentMeta, ReferenceBody};
use crate::measurements::{self, Form, Key, Measurements};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where `anprobe catalog generate` writes by default (relative to the repository root).
pub const DEFAULT_DIR: &str = "assets/catalog";

/// One generated garment: its metadata and its meshes (one per part, in metres, +Y up, facing
/// +Z, on the reference avatar).
#[derive(Clone, Debug)]
pub struct GeneratedGarment {
    /// Its metadata, as written into the package.
    pub meta: GarmentMeta,
    /// Its meshes, one per part.
    pub parts: Vec<GlbMesh>,
}

impl GeneratedGarment {
    /// `<retailer-slug>-<sku>.glb`, e.g. `nordlicht-basics-nb-tee-001.glb`.
    pub fn file_name(&self) -> String {
        format!("{}-{}.glb", slug(&self.meta.retailer), slug(&self.meta.sku))
    }

    /// The garment package: the meshes as glTF binary with the metadata extension.
    pub fn glb(&self) -> Vec<u8> {
        // The writer's own output always parses, so inserting the extension cannot fail.
        with_garment_extension(&write_glb(&self.parts), &self.meta)
            .unwrap_or_else(|e| unreachable!("the GLB writer's output is valid: {e}"))
    }

    /// Number of vertices over all parts.
    pub fn vertex_count(&self) -> usize {
        self.parts.iter().map(|m| m.mesh.vertex_count()).sum()
    }
}

/// Why the catalog could not be written, or a GLB not extended.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The catalog folder could not be created.
    #[error("cannot create {}: {source}", path.display())]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A garment file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a glTF binary; says what is wrong.
    #[error("not a glTF binary: {0}")]
    NotGlb(&'static str),
    /// The GLB's JSON chunk does not parse.
    #[error("the GLB's JSON chunk does not parse: {0}")]
    Json(#[from] serde_json::Error),
}

/// The reference body the women's garments are modelled on: female, 168 cm, size M / 38
/// (bust 92, waist 76, hip 100 cm).
pub fn reference_measurements() -> Measurements {
    let mut m = Measurements::new(Form::Female, 168.0);
    m.set(Key::ChestGirth, 92.0);
    m.set(Key::WaistGirth, 76.0);
    m.set(Key::HipGirth, 100.0);
    m
}

/// The reference body the men's garments are modelled on: male, 178 cm, size M / 50 (chest
/// 100, waist 88, hip 100 cm).
pub fn male_reference_measurements() -> Measurements {
    let mut m = Measurements::new(Form::Male, 178.0);
    m.set(Key::ChestGirth, 100.0);
    m.set(Key::WaistGirth, 88.0);
    m.set(Key::HipGirth, 100.0);
    m
}

/// The typed measurements as the `reference_body` map of [`GarmentMeta`] (JSON keys, cm).
pub fn reference_body_map(m: &Measurements) -> BTreeMap<String, f64> {
    m.values
        .iter()
        .map(|(k, &v)| (k.as_str().to_string(), v))
        .collect()
}

/// The typed measurements as the `reference_body` of [`GarmentMeta`]: the map and, for a male
/// body, `form: male` (a female body, the format's default, writes no form, as the packages
/// modelled before men's garments were do).
pub fn reference_body(m: &Measurements) -> ReferenceBody {
    ReferenceBody {
        form: (m.form == Some(Form::Male)).then_some(Form::Male),
        pose: None,
        measurements: reference_body_map(m),
    }
}

/// The measurements a garment's `reference_body` describes (female unless its `form` says
/// otherwise); `None` when a key is unknown.
pub fn measurements_from_map(reference: &ReferenceBody) -> Option<Measurements> {
    let mut m = Measurements {
        form: Some(reference.form.unwrap_or(Form::Female)),
        ..Default::default()
    };
    for (key, &value) in &reference.measurements {
        m.set(Key::parse(key)?, value);
    }
    Some(m)
}

/// Builds the avatar for a set of measurements (`None` when they do not resolve).
pub fn avatar_for(m: &Measurements) -> Option<Avatar> {
    measurements::resolve(m).ok().map(|r| body::build(&r))
}

/// Every garment of the sample catalog, in a fixed order, each modelled on the avatar of its
/// metadata's `reference_body` (the women's or the men's reference body).
pub fn catalog() -> Vec<GeneratedGarment> {
    generate(false)
}

/// The catalog's garments with a full skirt (the dress, the flared skirt) as a retailer's file
/// brings them when the skirt was not simulated before export: a wide cone, the hem's finished
/// girth spread round one circle, instead of hanging from the hip in folds (such a skirt has
/// to fall in while it drapes). Test data; not in the catalog.
pub fn full_skirts_as_cones() -> Vec<GeneratedGarment> {
    generate(true)
}

/// The catalog's garments; with `cones`, only those with a full skirt, modelled as cones.
fn generate(cones: bool) -> Vec<GeneratedGarment> {
    let models: Vec<(ReferenceBody, body_map::BodyModel)> =
        [reference_measurements(), male_reference_measurements()]
            .iter()
            .map(|m| {
                let avatar =
                    avatar_for(m).unwrap_or_else(|| unreachable!("the reference bodies resolve"));
                (reference_body(m), body_map::BodyModel::new(&avatar))
            })
            .collect();
    items::items(&models[0].0, &models[1].0)
        .into_iter()
        .filter(|item| !cones || matches!(item.meta.category, Category::Dress | Category::Skirt))
        .map(|item| {
            let model = models
                .iter()
                .find(|(body, _)| *body == item.meta.reference_body)
                .map_or_else(
                    || unreachable!("every item is on a reference body"),
                    |(_, m)| m,
                );
            GeneratedGarment {
                parts: garments::build(model, &item, cones),
                meta: item.meta,
            }
        })
        .collect()
}

/// Writes every garment package into `dir` (created if missing) as `<retailer>-<sku>.glb`;
/// returns the paths in catalog order.
pub fn write_catalog(dir: &Path) -> Result<Vec<PathBuf>, CatalogError> {
    std::fs::create_dir_all(dir).map_err(|source| CatalogError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let garments = catalog();
    let write = |path: PathBuf, bytes: &[u8]| -> Result<PathBuf, CatalogError> {
        std::fs::write(&path, bytes).map_err(|source| CatalogError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    };
    let mut written = garments
        .iter()
        .map(|g| write(dir.join(g.file_name()), &g.glb()))
        .collect::<Result<Vec<_>, _>>()?;
    let metas: Vec<(&GarmentMeta, String)> =
        garments.iter().map(|g| (&g.meta, g.file_name())).collect();
    for (name, text) in offers::offers(&metas) {
        written.push(write(dir.join(name), text.as_bytes())?);
    }
    Ok(written)
}

/// Lower-case ASCII letters and digits, runs of anything else as one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Adds `meta` as the root `extensions.ANPROBE_garment` of a GLB and declares it in
/// `extensionsUsed`: the JSON chunk is rewritten (padded with spaces to 4 bytes) and the lengths
/// in the headers updated; the binary chunk is kept as it is.
pub fn with_garment_extension(glb: &[u8], meta: &GarmentMeta) -> Result<Vec<u8>, CatalogError> {
    let word = |at: usize| -> Result<u32, CatalogError> {
        glb.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or(CatalogError::NotGlb("truncated header"))
    };
    if glb.get(0..4) != Some(b"glTF") || word(4)? != 2 {
        return Err(CatalogError::NotGlb("no glTF 2 magic"));
    }
    let json_len = word(12)? as usize;
    if word(16)? != 0x4E4F_534A {
        return Err(CatalogError::NotGlb("the first chunk is not JSON"));
    }
    let json = glb
        .get(20..20 + json_len)
        .ok_or(CatalogError::NotGlb("truncated JSON chunk"))?;
    let rest = &glb[20 + json_len..];
    let mut root: serde_json::Map<String, Value> = serde_json::from_slice(json)?;
    let mut extensions = match root.remove("extensions") {
        Some(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    extensions.insert(EXTENSION.into(), serde_json::to_value(meta)?);
    root.insert("extensions".into(), Value::Object(extensions));
    let mut used = match root.remove("extensionsUsed") {
        Some(Value::Array(list)) => list,
        _ => Vec::new(),
    };
    if !used.iter().any(|v| v.as_str() == Some(EXTENSION)) {
        used.push(Value::String(EXTENSION.into()));
    }
    root.insert("extensionsUsed".into(), Value::Array(used));
    let mut chunk = serde_json::to_vec(&Value::Object(root))?;
    while !chunk.len().is_multiple_of(4) {
        chunk.push(b' ');
    }
    let total = 12 + 8 + chunk.len() + rest.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(chunk.len() as u32).to_le_bytes());
    out.extend_from_slice(&0x4E4F_534Au32.to_le_bytes());
    out.extend_from_slice(&chunk);
    out.extend_from_slice(rest);
    Ok(out)
}
