//! Reading the meshes of a parsed glTF document: buffers, buffer views and accessors checked
//! before any byte is read ([`accessor`]), the default scene's node tree walked with its
//! transforms ([`scene`]), each primitive turned into a [`GarmentPart`] (triangulated, checked,
//! placed, normals computed where missing: [`primitive`]), and base colour textures decoded
//! within the limits ([`texture`]).

mod accessor;
mod primitive;
mod scene;
mod texture;

pub use scene::REFERENCE_BODY_NODE;

use super::diagnostic::Diags;
use super::import::GarmentPart;
use super::source::Budget;
use gltf::Document;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Reads the meshes of one document, within the limits; its methods live in the submodules.
pub(super) struct Reader<'a> {
    doc: &'a Document,
    root: &'a Value,
    base_dir: Option<&'a Path>,
    quantized: bool,
    buffers: Vec<Option<Cow<'a, [u8]>>>,
    view_ok: Vec<bool>,
    /// Decoded base colour textures by image index (`None`: could not be decoded).
    textures: HashMap<usize, Option<Arc<image::RgbaImage>>>,
    budget: Budget,
    vertices: usize,
    indices: usize,
    over_limit: bool,
}

impl<'a> Reader<'a> {
    /// A reader of `doc` (parsed from `root`); `quantized` allows the `KHR_mesh_quantization`
    /// attribute types; `budget` holds the bytes read so far.
    pub fn new(
        doc: &'a Document,
        root: &'a Value,
        base_dir: Option<&'a Path>,
        quantized: bool,
        budget: Budget,
    ) -> Self {
        Reader {
            doc,
            root,
            base_dir,
            quantized,
            buffers: Vec::new(),
            view_ok: Vec::new(),
            textures: HashMap::new(),
            budget,
            vertices: 0,
            indices: 0,
            over_limit: false,
        }
    }

    /// Loads the buffers (`bin`: the GLB binary chunk), checks the buffer views and reads every
    /// part of the default scene. Returns the garment's parts, the reference body's parts (see
    /// [`scene::REFERENCE_BODY_NODE`]) and the scene's pointer.
    pub fn read(
        mut self,
        bin: Option<&'a [u8]>,
        d: &mut Diags,
    ) -> (Vec<GarmentPart>, Vec<GarmentPart>, String) {
        self.load_buffers(bin, d);
        self.check_views(d);
        self.walk_scene(d)
    }
}
