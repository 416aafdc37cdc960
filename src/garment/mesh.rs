//! Reading the meshes of a parsed glTF document: buffers, buffer views and accessors checked
//! before any byte is read, the default scene's node tree walked with its transforms, each
//! primitive turned into a [`GarmentPart`] (triangulated, checked, placed, normals computed
//! where missing), and base colour textures decoded within the limits.

use super::diagnostic::Diags;
use super::import::{GarmentPart, guarded};
use super::limits::{
    MAX_INDICES, MAX_NODE_DEPTH, MAX_PARTS, MAX_TEXTURE_BYTES, MAX_TEXTURE_DIMENSION,
    MAX_TOTAL_TEXTURE_BYTES, MAX_VERTICES,
};
use super::source::{Budget, resolve_uri};
use crate::geometry::{TriangleMesh, vertex_normals};
use glam::{Mat3, Mat4, Vec2, Vec3, Vec4};
use gltf::accessor::{DataType, Dimensions};
use gltf::mesh::Mode;
use gltf::{Document, Semantic};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What reading a primitive's attribute is for: decides the allowed types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Usage {
    Position,
    Normal,
    TexCoord,
    Indices,
}

/// Where an accessor's elements lie, checked against its buffer view and buffer.
#[derive(Clone, Copy, Debug)]
struct Layout {
    buffer: usize,
    start: usize,
    stride: usize,
    count: usize,
    data_type: DataType,
    dims: usize,
    normalized: bool,
}

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

fn type_name(t: DataType) -> &'static str {
    match t {
        DataType::I8 => "BYTE",
        DataType::U8 => "UNSIGNED_BYTE",
        DataType::I16 => "SHORT",
        DataType::U16 => "UNSIGNED_SHORT",
        DataType::U32 => "UNSIGNED_INT",
        DataType::F32 => "FLOAT",
    }
}

fn dims_name(d: Dimensions) -> &'static str {
    match d {
        Dimensions::Scalar => "SCALAR",
        Dimensions::Vec2 => "VEC2",
        Dimensions::Vec3 => "VEC3",
        Dimensions::Vec4 => "VEC4",
        Dimensions::Mat2 => "MAT2",
        Dimensions::Mat3 => "MAT3",
        Dimensions::Mat4 => "MAT4",
    }
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
    /// part of the default scene. Returns the parts and the scene's pointer.
    pub fn read(mut self, bin: Option<&'a [u8]>, d: &mut Diags) -> (Vec<GarmentPart>, String) {
        self.load_buffers(bin, d);
        self.check_views(d);
        self.walk_scene(d)
    }

    fn load_buffers(&mut self, bin: Option<&'a [u8]>, d: &mut Diags) {
        for buffer in self.doc.buffers() {
            let i = buffer.index();
            let ptr = format!("buffers[{i}]");
            let data: Option<Cow<'a, [u8]>> = match buffer.source() {
                gltf::buffer::Source::Bin => match bin {
                    Some(bin) if i == 0 => Some(Cow::Borrowed(bin)),
                    _ => {
                        d.error(&ptr, "no uri, and no GLB binary chunk holds it");
                        None
                    }
                },
                gltf::buffer::Source::Uri(uri) => {
                    match resolve_uri(uri, self.base_dir, &mut self.budget) {
                        Ok(bytes) => Some(Cow::Owned(bytes)),
                        Err(message) => {
                            d.error(&ptr, message);
                            None
                        }
                    }
                }
            };
            let data = data.filter(|data| {
                let ok = data.len() >= buffer.length();
                if !ok {
                    d.error(
                        &ptr,
                        format!(
                            "holds {} bytes, but its byteLength says {}",
                            data.len(),
                            buffer.length()
                        ),
                    );
                }
                ok
            });
            self.buffers.push(data);
        }
    }

    fn check_views(&mut self, d: &mut Diags) {
        for view in self.doc.views() {
            let i = view.index();
            let buffer = view.buffer();
            let end = view.offset().checked_add(view.length());
            let ok = match end {
                Some(end) if end <= buffer.length() => true,
                _ => {
                    d.error(
                        format!("bufferViews[{i}]"),
                        format!(
                            "byteOffset {} + byteLength {} runs past the end of buffer {} ({} \
                             bytes)",
                            view.offset(),
                            view.length(),
                            buffer.index(),
                            buffer.length()
                        ),
                    );
                    false
                }
            };
            let stride_ok = match view.stride() {
                Some(s) if !(4..=252).contains(&s) || !s.is_multiple_of(4) => {
                    d.error(
                        format!("bufferViews[{i}].byteStride"),
                        format!("{s}: must be a multiple of 4 in 4–252"),
                    );
                    false
                }
                _ => true,
            };
            self.view_ok.push(ok && stride_ok);
        }
    }

    /// Checks an accessor for `usage` before anything is read: type, count, and that every
    /// element lies inside its buffer view and buffer.
    fn layout(
        &self,
        accessor: &gltf::Accessor,
        usage: Usage,
        ptr: &str,
        d: &mut Diags,
    ) -> Option<Layout> {
        let i = accessor.index();
        let err = |d: &mut Diags, message: String| d.error(ptr, format!("accessor {i}: {message}"));
        if accessor.sparse().is_some() {
            err(d, "sparse accessors are not supported".into());
            return None;
        }
        let Some(view) = accessor.view() else {
            err(d, "no bufferView (all zeros): the data is missing".into());
            return None;
        };
        let (data_type, dims, normalized) = (
            accessor.data_type(),
            accessor.dimensions(),
            accessor.normalized(),
        );
        let (want_dims, what) = match usage {
            Usage::Position => (Dimensions::Vec3, "POSITION"),
            Usage::Normal => (Dimensions::Vec3, "NORMAL"),
            Usage::TexCoord => (Dimensions::Vec2, "TEXCOORD"),
            Usage::Indices => (Dimensions::Scalar, "indices"),
        };
        if dims != want_dims {
            err(
                d,
                format!(
                    "{what} must be {}, not {}",
                    dims_name(want_dims),
                    dims_name(dims)
                ),
            );
            return None;
        }
        use DataType::*;
        let q = self.quantized;
        let allowed = match (usage, data_type) {
            (Usage::Indices, U8 | U16 | U32) => !normalized,
            (Usage::Position, F32) | (Usage::Normal, F32) | (Usage::TexCoord, F32) => !normalized,
            (Usage::Position, I8 | U8 | I16 | U16) => q,
            (Usage::Normal, I8 | I16) => q && normalized,
            (Usage::TexCoord, U8 | U16) => normalized || q,
            (Usage::TexCoord, I8 | I16) => q,
            _ => false,
        };
        if !allowed {
            let norm = if normalized { "normalized " } else { "" };
            let hint = match usage {
                Usage::Indices => "UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT",
                Usage::TexCoord => "FLOAT, or normalized UNSIGNED_BYTE / UNSIGNED_SHORT",
                _ if q => "FLOAT or a KHR_mesh_quantization type",
                _ => "FLOAT",
            };
            err(
                d,
                format!(
                    "{what} cannot be {norm}{}: use {hint}",
                    type_name(data_type)
                ),
            );
            return None;
        }
        let count = accessor.count();
        if count == 0 {
            err(d, "count is 0".into());
            return None;
        }
        let (limit, noun) = if usage == Usage::Indices {
            (MAX_INDICES, "indices")
        } else {
            (MAX_VERTICES, "vertices")
        };
        if count > limit {
            err(
                d,
                format!("count {count} exceeds the limit of {limit} {noun}"),
            );
            return None;
        }
        let v = view.index();
        if !self.view_ok.get(v).copied().unwrap_or(false) {
            return None; // Reported with the view.
        }
        let buffer = view.buffer().index();
        if self.buffers.get(buffer).is_none_or(Option::is_none) {
            return None; // Reported with the buffer.
        }
        let size = data_type.size();
        let element = size * dims.multiplicity();
        let stride = view.stride().unwrap_or(element);
        if stride < element {
            err(
                d,
                format!(
                    "bufferView {v}'s byteStride {stride} is smaller than an element ({element} bytes)"
                ),
            );
            return None;
        }
        let need = (count as u64 - 1)
            .checked_mul(stride as u64)
            .and_then(|n| n.checked_add(element as u64))
            .and_then(|n| n.checked_add(accessor.offset() as u64));
        match need {
            Some(need) if need <= view.length() as u64 => {}
            _ => {
                err(
                    d,
                    format!(
                        "{count} elements from byteOffset {} need more than bufferView {v}'s {} \
                         bytes",
                        accessor.offset(),
                        view.length()
                    ),
                );
                return None;
            }
        }
        let start = view.offset() + accessor.offset();
        if !start.is_multiple_of(size) || !stride.is_multiple_of(size) {
            err(
                d,
                format!("misaligned: its data must start on a multiple of {size} bytes"),
            );
            return None;
        }
        Some(Layout {
            buffer,
            start,
            stride,
            count,
            data_type,
            dims: dims.multiplicity(),
            normalized,
        })
    }

    /// Reads `N`-component elements as floats (normalized integers mapped to 0..1 / -1..1).
    fn read_floats<const N: usize>(&self, l: &Layout) -> Vec<[f32; N]> {
        let data = self.buffers[l.buffer].as_deref().unwrap_or(&[]);
        let size = l.data_type.size();
        (0..l.count)
            .map(|i| {
                let mut out = [0.0; N];
                for (c, slot) in out.iter_mut().enumerate().take(l.dims) {
                    let at = l.start + i * l.stride + c * size;
                    *slot = component(data, at, l.data_type, l.normalized);
                }
                out
            })
            .collect()
    }

    fn read_indices(&self, l: &Layout) -> Vec<u32> {
        let data = self.buffers[l.buffer].as_deref().unwrap_or(&[]);
        (0..l.count)
            .map(|i| {
                let at = l.start + i * l.stride;
                let b = |k: usize| data.get(at + k).copied().unwrap_or(0);
                match l.data_type {
                    DataType::U8 => u32::from(b(0)),
                    DataType::U16 => u32::from(u16::from_le_bytes([b(0), b(1)])),
                    _ => u32::from_le_bytes([b(0), b(1), b(2), b(3)]),
                }
            })
            .collect()
    }

    /// Walks the default scene's node tree; returns the parts and the scene's pointer.
    fn walk_scene(&mut self, d: &mut Diags) -> (Vec<GarmentPart>, String) {
        let mut parts = Vec::new();
        let scene = self
            .doc
            .default_scene()
            .or_else(|| self.doc.scenes().next());
        let (roots, pointer): (Vec<gltf::Node>, String) = match scene {
            Some(scene) => (
                scene.nodes().collect(),
                format!("scenes[{}]", scene.index()),
            ),
            None => {
                let mut child = vec![false; self.doc.nodes().len()];
                for node in self.doc.nodes() {
                    for c in node.children() {
                        child[c.index()] = true;
                    }
                }
                let roots: Vec<gltf::Node> =
                    self.doc.nodes().filter(|n| !child[n.index()]).collect();
                if !roots.is_empty() {
                    d.warning("scenes", "no scene: every root node is imported");
                }
                (roots, "scenes".into())
            }
        };
        let mut visited = vec![false; self.doc.nodes().len()];
        let mut stack: Vec<(gltf::Node, Mat4, usize)> = roots
            .into_iter()
            .rev()
            .map(|n| (n, Mat4::IDENTITY, 1))
            .collect();
        while let Some((node, parent, depth)) = stack.pop() {
            let i = node.index();
            let ptr = format!("nodes[{i}]");
            if std::mem::replace(&mut visited[i], true) {
                d.error(
                    ptr,
                    "reached twice: the node hierarchy must be a tree (a cycle, or a node with two parents)",
                );
                continue;
            }
            if depth > MAX_NODE_DEPTH {
                d.error(ptr, format!("nested deeper than {MAX_NODE_DEPTH} nodes"));
                continue;
            }
            let local = Mat4::from_cols_array_2d(&node.transform().matrix());
            if !local.is_finite() {
                d.error(ptr, "transform is not finite");
                continue;
            }
            if !local.row(3).abs_diff_eq(Vec4::W, 1e-6) {
                d.error(
                    ptr,
                    "matrix is not an affine transform (its last row must be 0, 0, 0, 1)",
                );
                continue;
            }
            let world = parent * local;
            if let Some(mesh) = node.mesh() {
                self.place_mesh(&node, &mesh, world, &mut parts, d);
            }
            for child in node.children().collect::<Vec<_>>().into_iter().rev() {
                stack.push((child, world, depth + 1));
            }
        }
        (parts, pointer)
    }

    fn place_mesh(
        &mut self,
        node: &gltf::Node,
        mesh: &gltf::Mesh,
        world: Mat4,
        parts: &mut Vec<GarmentPart>,
        d: &mut Diags,
    ) {
        let ptr = format!("nodes[{}]", node.index());
        if node.skin().is_some() {
            d.warning(
                &ptr,
                "skinned mesh: imported in its bind pose (skinning ignored)",
            );
        }
        let linear = Mat3::from_mat4(world);
        let det = linear.determinant();
        if !det.is_finite() || det.abs() < 1e-12 {
            d.error(ptr, "the transform flattens the mesh (a scale of 0)");
            return;
        }
        let base = node
            .name()
            .or(mesh.name())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("mesh {}", mesh.index()));
        let several = mesh.primitives().len() > 1;
        for primitive in mesh.primitives() {
            if self.over_limit {
                return;
            }
            if parts.len() >= MAX_PARTS {
                d.error(
                    "meshes",
                    format!("more than {MAX_PARTS} mesh primitives in the scene"),
                );
                self.over_limit = true;
                return;
            }
            let p = primitive.index();
            let ptr = format!("meshes[{}].primitives[{p}]", mesh.index());
            let name = if several {
                format!("{base}/{p}")
            } else {
                base.clone()
            };
            let placement = Placement {
                world,
                normal: linear.inverse().transpose(),
                flip: det < 0.0,
            };
            if let Some(part) = self.part(&primitive, name, &placement, &ptr, d) {
                parts.push(part);
            }
        }
    }

    /// Reads one primitive, checks it and places it in the scene.
    fn part(
        &mut self,
        primitive: &gltf::Primitive,
        name: String,
        placement: &Placement,
        ptr: &str,
        d: &mut Diags,
    ) -> Option<GarmentPart> {
        let mode = primitive.mode();
        let mode_name = match mode {
            Mode::Triangles | Mode::TriangleStrip | Mode::TriangleFan => None,
            Mode::Points => Some("POINTS"),
            Mode::Lines => Some("LINES"),
            Mode::LineLoop => Some("LINE_LOOP"),
            Mode::LineStrip => Some("LINE_STRIP"),
        };
        if let Some(mode_name) = mode_name {
            d.error(
                ptr,
                format!(
                    "mode {mode_name} is not supported: only triangles (TRIANGLES, \
                     TRIANGLE_STRIP, TRIANGLE_FAN)"
                ),
            );
            return None;
        }
        if primitive.morph_targets().len() > 0 {
            d.warning(ptr, "morph targets ignored");
        }

        // POSITION.
        let attr = |s: &str| format!("{ptr}.attributes.{s}");
        let Some(accessor) = primitive.get(&Semantic::Positions) else {
            d.error(ptr, "no POSITION");
            return None;
        };
        let layout = self.layout(&accessor, Usage::Position, &attr("POSITION"), d)?;
        let count = layout.count;
        if self.vertices + count > MAX_VERTICES {
            d.error(
                ptr,
                format!("the garment has more than {MAX_VERTICES} vertices (the limit)"),
            );
            self.over_limit = true;
            return None;
        }
        self.vertices += count;
        let positions: Vec<Vec3> = self
            .read_floats::<3>(&layout)
            .into_iter()
            .map(Vec3::from_array)
            .collect();
        if let Some(k) = positions.iter().position(|p| !p.is_finite()) {
            let p = positions[k];
            d.error(
                attr("POSITION"),
                format!("vertex {k} is not finite ({}, {}, {})", p.x, p.y, p.z),
            );
            return None;
        }

        // NORMAL.
        let normals = match primitive.get(&Semantic::Normals) {
            None => {
                d.warning(ptr, "no NORMAL, computed");
                None
            }
            Some(accessor) => {
                let l = self.layout(&accessor, Usage::Normal, &attr("NORMAL"), d)?;
                if l.count != count {
                    d.error(
                        attr("NORMAL"),
                        format!("{} normals for {count} positions", l.count),
                    );
                    return None;
                }
                let normals: Vec<Vec3> = self
                    .read_floats::<3>(&l)
                    .into_iter()
                    .map(Vec3::from_array)
                    .collect();
                if let Some(k) = normals.iter().position(|n| !n.is_finite()) {
                    d.error(attr("NORMAL"), format!("normal {k} is not finite"));
                    return None;
                }
                Some(normals)
            }
        };

        // Material and its base colour texture.
        let material = primitive.material();
        let pbr = material.pbr_metallic_roughness();
        let mut base_color = pbr.base_color_factor();
        if !base_color.iter().all(|c| c.is_finite()) {
            base_color = [1.0; 4];
        }
        let texture_info = pbr.base_color_texture();
        let transform = material
            .index()
            .and_then(|m| texture_transform(self.root, m));
        let uv_set = transform
            .as_ref()
            .and_then(|t| t.tex_coord)
            .or(texture_info.as_ref().map(|t| t.tex_coord()))
            .unwrap_or(0);

        // UVs.
        let semantic = format!("TEXCOORD_{uv_set}");
        let mut uvs: Vec<Vec2> = match primitive.get(&Semantic::TexCoords(uv_set)) {
            None => {
                if texture_info.is_some() {
                    d.warning(
                        ptr,
                        format!("no {semantic}: the base colour texture cannot be mapped, ignored"),
                    );
                } else {
                    d.warning(ptr, format!("no {semantic} (UVs)"));
                }
                Vec::new()
            }
            Some(accessor) => {
                let l = self.layout(&accessor, Usage::TexCoord, &attr(&semantic), d)?;
                if l.count != count {
                    d.error(
                        attr(&semantic),
                        format!("{} UVs for {count} positions", l.count),
                    );
                    return None;
                }
                let uvs: Vec<Vec2> = self
                    .read_floats::<2>(&l)
                    .into_iter()
                    .map(Vec2::from_array)
                    .collect();
                if let Some(k) = uvs.iter().position(|uv| !uv.is_finite()) {
                    d.error(attr(&semantic), format!("UV {k} is not finite"));
                    return None;
                }
                uvs
            }
        };
        if let Some(t) = &transform {
            for uv in &mut uvs {
                *uv = t.apply(*uv);
            }
        }

        // Indices, as triangles.
        let raw: Vec<u32> = match primitive.indices() {
            Some(accessor) => {
                let l = self.layout(&accessor, Usage::Indices, &format!("{ptr}.indices"), d)?;
                if self.indices + l.count > MAX_INDICES {
                    d.error(
                        ptr,
                        format!("the garment has more than {MAX_INDICES} indices (the limit)"),
                    );
                    self.over_limit = true;
                    return None;
                }
                let indices = self.read_indices(&l);
                let bad = indices.iter().filter(|&&i| i as usize >= count).count();
                if bad > 0 {
                    let (k, v) = indices
                        .iter()
                        .enumerate()
                        .find(|&(_, &i)| i as usize >= count)
                        .map(|(k, &v)| (k, v))
                        .unwrap_or_default();
                    d.error(
                        format!("{ptr}.indices"),
                        format!(
                            "index {v} (at {k}) is out of range: there are {count} vertices{}",
                            if bad > 1 {
                                format!(" ({bad} indices out of range)")
                            } else {
                                String::new()
                            }
                        ),
                    );
                    return None;
                }
                indices
            }
            None => (0..count as u32).collect(),
        };
        let mut triangles = match mode {
            Mode::TriangleStrip => strip_triangles(&raw),
            Mode::TriangleFan => fan_triangles(&raw),
            _ => {
                if !raw.len().is_multiple_of(3) {
                    d.error(
                        ptr,
                        format!(
                            "{} indices are not whole triangles (a multiple of 3)",
                            raw.len()
                        ),
                    );
                    return None;
                }
                raw
            }
        };
        self.indices += triangles.len();
        if self.indices > MAX_INDICES {
            d.error(
                ptr,
                format!("the garment has more than {MAX_INDICES} indices (the limit)"),
            );
            self.over_limit = true;
            return None;
        }

        // Degenerate triangles.
        let before = triangles.len() / 3;
        triangles = triangles
            .chunks_exact(3)
            .filter(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| positions[i as usize]);
                (b - a).cross(c - a).length_squared() > 0.0
            })
            .flatten()
            .copied()
            .collect();
        let dropped = before - triangles.len() / 3;
        if triangles.is_empty() {
            d.error(
                ptr,
                if before == 0 {
                    "empty: no triangle".to_string()
                } else {
                    format!("all {before} triangles are degenerate (zero area)")
                },
            );
            return None;
        }
        if dropped > 0 {
            d.warning(
                ptr,
                format!("{dropped} degenerate triangles (zero area) dropped"),
            );
        }

        // Place it: positions, normals, winding.
        let positions: Vec<Vec3> = positions
            .iter()
            .map(|&p| placement.world.transform_point3(p))
            .collect();
        if placement.flip {
            for t in triangles.chunks_exact_mut(3) {
                t.swap(1, 2);
            }
        }
        let computed = vertex_normals(&positions, triangles.as_chunks().0, Vec3::Y);
        let normals = match normals {
            None => computed,
            Some(normals) => {
                let mut zero = 0;
                let normals = normals
                    .iter()
                    .zip(&computed)
                    .map(|(&n, &c)| {
                        let n = (placement.normal * n).normalize_or_zero();
                        if n == Vec3::ZERO {
                            zero += 1;
                            c
                        } else {
                            n
                        }
                    })
                    .collect();
                if zero > 0 {
                    d.warning(
                        attr("NORMAL"),
                        format!("{zero} zero-length normals, computed"),
                    );
                }
                normals
            }
        };

        let texture = match texture_info {
            Some(info) if !uvs.is_empty() => self.texture(info.texture().index(), d),
            _ => None,
        };
        Some(GarmentPart {
            name,
            mesh: TriangleMesh {
                positions,
                normals,
                uvs,
                indices: triangles,
            },
            base_color,
            texture,
            double_sided: material.double_sided(),
        })
    }

    /// The decoded image of texture `t` (decoded once per image).
    fn texture(&mut self, t: usize, d: &mut Diags) -> Option<Arc<image::RgbaImage>> {
        let json = self.doc.as_json();
        let image = json.textures.get(t)?.source.value();
        if let Some(decoded) = self.textures.get(&image) {
            return decoded.clone();
        }
        let decoded = self.decode(image, d).map(Arc::new);
        self.textures.insert(image, decoded.clone());
        decoded
    }

    fn decode(&mut self, index: usize, d: &mut Diags) -> Option<image::RgbaImage> {
        let ptr = format!("images[{index}]");
        let json = self.doc.as_json().images.get(index)?;
        let bytes: Cow<[u8]> = if let Some(view) = &json.buffer_view {
            let view = self.doc.views().nth(view.value())?;
            if !self.view_ok.get(view.index()).copied().unwrap_or(false) {
                return None;
            }
            let data = self.buffers.get(view.buffer().index())?.as_deref()?;
            Cow::Borrowed(data.get(view.offset()..view.offset() + view.length())?)
        } else if let Some(uri) = &json.uri {
            match resolve_uri(uri, self.base_dir, &mut self.budget) {
                Ok(bytes) => Cow::Owned(bytes),
                Err(message) => {
                    d.error(ptr, message);
                    return None;
                }
            }
        } else {
            d.error(ptr, "neither uri nor bufferView");
            return None;
        };
        let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            image::ImageFormat::Png
        } else if bytes.starts_with(b"\xFF\xD8\xFF") {
            image::ImageFormat::Jpeg
        } else {
            d.error(
                ptr,
                "not a PNG or JPEG image: base colour textures must be PNG or JPEG",
            );
            return None;
        };
        let name = if format == image::ImageFormat::Png {
            "PNG"
        } else {
            "JPEG"
        };
        let reader = || image::ImageReader::with_format(std::io::Cursor::new(&bytes[..]), format);
        let (w, h) = match guarded(|| reader().into_dimensions()) {
            Ok(Ok(dims)) => dims,
            Ok(Err(e)) => {
                d.error(ptr, format!("cannot read the {name}: {e}"));
                return None;
            }
            Err(panic) => {
                d.error(ptr, format!("the {name} decoder failed: {panic}"));
                return None;
            }
        };
        if w > MAX_TEXTURE_DIMENSION || h > MAX_TEXTURE_DIMENSION || w == 0 || h == 0 {
            d.error(
                ptr,
                format!(
                    "{w}×{h} pixels: textures must be 1–{MAX_TEXTURE_DIMENSION} pixels wide and high"
                ),
            );
            return None;
        }
        let rgba = u64::from(w) * u64::from(h) * 4;
        self.budget.texture += rgba;
        if self.budget.texture > MAX_TOTAL_TEXTURE_BYTES {
            d.error(
                ptr,
                format!(
                    "the textures together exceed the limit of {} MiB decoded",
                    MAX_TOTAL_TEXTURE_BYTES >> 20
                ),
            );
            return None;
        }
        let decoded = guarded(|| {
            let mut reader = reader();
            let mut limits = image::Limits::default();
            limits.max_image_width = Some(MAX_TEXTURE_DIMENSION);
            limits.max_image_height = Some(MAX_TEXTURE_DIMENSION);
            // 16-bit RGBA decodes to twice the RGBA8 size.
            limits.max_alloc = Some(2 * MAX_TEXTURE_BYTES);
            reader.limits(limits);
            reader.decode().map(|image| image.into_rgba8())
        });
        match decoded {
            Ok(Ok(image)) => Some(image),
            Ok(Err(e)) => {
                d.error(ptr, format!("cannot decode the {name}: {e}"));
                None
            }
            Err(panic) => {
                d.error(ptr, format!("the {name} decoder failed: {panic}"));
                None
            }
        }
    }
}

/// Where a mesh goes: the node's world matrix, its normal matrix, and whether it mirrors.
struct Placement {
    world: Mat4,
    normal: Mat3,
    flip: bool,
}

/// glTF triangle strip: triangle i is (v_i, v_i+1, v_i+2), every odd one reversed.
fn strip_triangles(v: &[u32]) -> Vec<u32> {
    (0..v.len().saturating_sub(2))
        .flat_map(|i| {
            if i % 2 == 0 {
                [v[i], v[i + 1], v[i + 2]]
            } else {
                [v[i], v[i + 2], v[i + 1]]
            }
        })
        .collect()
}

/// glTF triangle fan: triangle i is (v_i+1, v_i+2, v_0).
fn fan_triangles(v: &[u32]) -> Vec<u32> {
    (0..v.len().saturating_sub(2))
        .flat_map(|i| [v[i + 1], v[i + 2], v[0]])
        .collect()
}

/// One component at byte `at`, little-endian.
fn component(data: &[u8], at: usize, t: DataType, normalized: bool) -> f32 {
    let b = |k: usize| data.get(at + k).copied().unwrap_or(0);
    match t {
        DataType::F32 => f32::from_le_bytes([b(0), b(1), b(2), b(3)]),
        DataType::I8 => {
            let v = f32::from(b(0) as i8);
            if normalized { (v / 127.0).max(-1.0) } else { v }
        }
        DataType::U8 => {
            let v = f32::from(b(0));
            if normalized { v / 255.0 } else { v }
        }
        DataType::I16 => {
            let v = f32::from(i16::from_le_bytes([b(0), b(1)]));
            if normalized {
                (v / 32767.0).max(-1.0)
            } else {
                v
            }
        }
        DataType::U16 => {
            let v = f32::from(u16::from_le_bytes([b(0), b(1)]));
            if normalized { v / 65535.0 } else { v }
        }
        DataType::U32 => u32::from_le_bytes([b(0), b(1), b(2), b(3)]) as f32,
    }
}

/// `KHR_texture_transform` on a material's base colour texture.
#[derive(Clone, Copy, Debug)]
struct TextureTransform {
    offset: Vec2,
    rotation: f32,
    scale: Vec2,
    tex_coord: Option<u32>,
}

impl TextureTransform {
    /// uv' = T · R · S · uv (the extension's definition).
    fn apply(&self, uv: Vec2) -> Vec2 {
        let (s, c) = self.rotation.sin_cos();
        let v = uv * self.scale;
        Vec2::new(c * v.x + s * v.y, -s * v.x + c * v.y) + self.offset
    }
}

/// Reads the transform from the raw JSON (independent of the gltf crate's features).
fn texture_transform(root: &Value, material: usize) -> Option<TextureTransform> {
    let t = root.pointer(&format!(
        "/materials/{material}/pbrMetallicRoughness/baseColorTexture/extensions/KHR_texture_transform"
    ))?;
    let pair = |name: &str, default: f32| -> Vec2 {
        t.get(name)
            .and_then(Value::as_array)
            .filter(|a| a.len() == 2)
            .and_then(|a| Some(Vec2::new(a[0].as_f64()? as f32, a[1].as_f64()? as f32)))
            .filter(|v| v.is_finite())
            .unwrap_or(Vec2::splat(default))
    };
    Some(TextureTransform {
        offset: pair("offset", 0.0),
        rotation: t
            .get("rotation")
            .and_then(Value::as_f64)
            .map(|r| r as f32)
            .filter(|r| r.is_finite())
            .unwrap_or(0.0),
        scale: pair("scale", 1.0),
        tex_coord: t
            .get("texCoord")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok()),
    })
}
