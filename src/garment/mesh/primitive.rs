//! One mesh primitive turned into a [`GarmentPart`]: its attributes read and checked, its
//! indices made triangles (lists, strips, fans), degenerate triangles dropped, then placed in the
//! scene (node transform, winding of a mirroring transform, normals computed where missing).

use super::Reader;
use super::accessor::Usage;
use super::scene::Placement;
use super::texture::texture_transform;
use crate::garment::diagnostic::Diags;
use crate::garment::import::GarmentPart;
use crate::garment::limits::{MAX_INDICES, MAX_VERTICES};
use crate::geometry::{TriangleMesh, vertex_normals};
use glam::{Vec2, Vec3};
use gltf::Semantic;
use gltf::mesh::Mode;

impl Reader<'_> {
    /// Reads one primitive, checks it and places it in the scene.
    pub(super) fn part(
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
        let positions = self.positions(primitive, ptr, d)?;
        let normals = self.normals(primitive, positions.len(), ptr, d)?;

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
        let textured = texture_info.is_some();
        let mut uvs = self.uvs(primitive, uv_set, textured, positions.len(), ptr, d)?;
        if let Some(t) = &transform {
            for uv in &mut uvs {
                *uv = t.apply(*uv);
            }
        }

        let triangles = self.triangles(primitive, mode, positions.len(), ptr, d)?;
        let triangles = without_degenerate(triangles, &positions, ptr, d)?;
        let mesh = place(positions, normals, uvs, triangles, placement, ptr, d);
        let texture = match texture_info {
            Some(info) if !mesh.uvs.is_empty() => self.texture(info.texture().index(), d),
            _ => None,
        };
        Some(GarmentPart {
            name,
            mesh,
            base_color,
            texture,
            double_sided: material.double_sided(),
        })
    }

    /// POSITION, counted against the vertex limit; every one finite.
    fn positions(
        &mut self,
        primitive: &gltf::Primitive,
        ptr: &str,
        d: &mut Diags,
    ) -> Option<Vec<Vec3>> {
        let at = format!("{ptr}.attributes.POSITION");
        let Some(accessor) = primitive.get(&Semantic::Positions) else {
            d.error(ptr, "no POSITION");
            return None;
        };
        let layout = self.layout(&accessor, Usage::Position, &at, d)?;
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
                at,
                format!("vertex {k} is not finite ({}, {}, {})", p.x, p.y, p.z),
            );
            return None;
        }
        Some(positions)
    }

    /// NORMAL, one per position and finite: `Some(None)` when the primitive has none.
    fn normals(
        &mut self,
        primitive: &gltf::Primitive,
        count: usize,
        ptr: &str,
        d: &mut Diags,
    ) -> Option<Option<Vec<Vec3>>> {
        let at = format!("{ptr}.attributes.NORMAL");
        let Some(accessor) = primitive.get(&Semantic::Normals) else {
            d.warning(ptr, "no NORMAL, computed");
            return Some(None);
        };
        let l = self.layout(&accessor, Usage::Normal, &at, d)?;
        if l.count != count {
            d.error(at, format!("{} normals for {count} positions", l.count));
            return None;
        }
        let normals: Vec<Vec3> = self
            .read_floats::<3>(&l)
            .into_iter()
            .map(Vec3::from_array)
            .collect();
        if let Some(k) = normals.iter().position(|n| !n.is_finite()) {
            d.error(at, format!("normal {k} is not finite"));
            return None;
        }
        Some(Some(normals))
    }

    /// TEXCOORD_`uv_set`, one per position and finite (empty when the primitive has none;
    /// `textured`: a base colour texture would need them).
    fn uvs(
        &mut self,
        primitive: &gltf::Primitive,
        uv_set: u32,
        textured: bool,
        count: usize,
        ptr: &str,
        d: &mut Diags,
    ) -> Option<Vec<Vec2>> {
        let semantic = format!("TEXCOORD_{uv_set}");
        let at = format!("{ptr}.attributes.{semantic}");
        let Some(accessor) = primitive.get(&Semantic::TexCoords(uv_set)) else {
            if textured {
                d.warning(
                    ptr,
                    format!("no {semantic}: the base colour texture cannot be mapped, ignored"),
                );
            } else {
                d.warning(ptr, format!("no {semantic} (UVs)"));
            }
            return Some(Vec::new());
        };
        let l = self.layout(&accessor, Usage::TexCoord, &at, d)?;
        if l.count != count {
            d.error(at, format!("{} UVs for {count} positions", l.count));
            return None;
        }
        let uvs: Vec<Vec2> = self
            .read_floats::<2>(&l)
            .into_iter()
            .map(Vec2::from_array)
            .collect();
        if let Some(k) = uvs.iter().position(|uv| !uv.is_finite()) {
            d.error(at, format!("UV {k} is not finite"));
            return None;
        }
        Some(uvs)
    }

    /// Refuses the primitive at `ptr`: the garment's indices passed the limit.
    fn too_many_indices<T>(&mut self, ptr: &str, d: &mut Diags) -> Option<T> {
        d.error(
            ptr,
            format!("the garment has more than {MAX_INDICES} indices (the limit)"),
        );
        self.over_limit = true;
        None
    }

    /// The indices (or every vertex in order) as triangles of `count` vertices, counted against
    /// the index limit.
    fn triangles(
        &mut self,
        primitive: &gltf::Primitive,
        mode: Mode,
        count: usize,
        ptr: &str,
        d: &mut Diags,
    ) -> Option<Vec<u32>> {
        let raw: Vec<u32> = match primitive.indices() {
            Some(accessor) => {
                let l = self.layout(&accessor, Usage::Indices, &format!("{ptr}.indices"), d)?;
                if self.indices + l.count > MAX_INDICES {
                    return self.too_many_indices(ptr, d);
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
        let triangles = match mode {
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
            return self.too_many_indices(ptr, d);
        }
        Some(triangles)
    }
}

/// The triangles with an area (a warning names how many were dropped; none left is an error).
fn without_degenerate(
    triangles: Vec<u32>,
    positions: &[Vec3],
    ptr: &str,
    d: &mut Diags,
) -> Option<Vec<u32>> {
    let before = triangles.len() / 3;
    let triangles: Vec<u32> = triangles
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
    Some(triangles)
}

/// Places the mesh in the scene: positions and normals transformed, the winding turned where
/// the transform mirrors, normals computed where the file has none (or zero-length ones).
fn place(
    positions: Vec<Vec3>,
    normals: Option<Vec<Vec3>>,
    uvs: Vec<Vec2>,
    mut triangles: Vec<u32>,
    placement: &Placement,
    ptr: &str,
    d: &mut Diags,
) -> TriangleMesh {
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
                    format!("{ptr}.attributes.NORMAL"),
                    format!("{zero} zero-length normals, computed"),
                );
            }
            normals
        }
    };
    TriangleMesh {
        positions,
        normals,
        uvs,
        indices: triangles,
    }
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
