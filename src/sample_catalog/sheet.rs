//! A garment's cloth before it has thickness: one welded triangle surface (outward winding) with
//! per-corner UVs and a part per triangle; draped (smoothed and kept off the body), then made a
//! closed thin shell (outer face, inner face, rims along every hem) and split into one mesh per
//! part for the glTF file.

use super::skin::Skin;
use crate::export::{GlbMaterial, GlbMesh};
use crate::geometry::{TriangleMesh, vertex_normals};
use glam::{Vec2, Vec3};
use std::collections::HashMap;

/// How far a vertex kept to one side stays off the middle plane (m).
pub(super) const SIDE_GAP: f32 = 0.0015;

/// The welded cloth surface.
#[derive(Clone, Debug, Default)]
pub(super) struct Sheet {
    pub pos: Vec<Vec3>,
    /// Whether draping may smooth the vertex (lofts between rings); others keep their shape and
    /// only move off the body.
    pub free: Vec<bool>,
    /// +1 or −1 where the vertex must stay on that side of the middle plane (x = 0) by at least
    /// [`SIDE_GAP`] (a trouser leg next to the other); 0 elsewhere.
    pub side: Vec<f32>,
    pub tris: Vec<[u32; 3]>,
    pub uvs: Vec<[Vec2; 3]>,
    pub part: Vec<usize>,
}

impl Sheet {
    pub fn vertex(&mut self, p: Vec3, free: bool) -> u32 {
        self.pos.push(p);
        self.free.push(free);
        self.side.push(0.0);
        (self.pos.len() - 1) as u32
    }

    pub fn ring(&mut self, points: &[Vec3], free: bool) -> Vec<u32> {
        points.iter().map(|&p| self.vertex(p, free)).collect()
    }

    pub fn tri(&mut self, t: [u32; 3], uv: [Vec2; 3], part: usize) {
        self.tris.push(t);
        self.uvs.push(uv);
        self.part.push(part);
    }

    /// A quad `a0 → a1` (along u) below `b0 → b1`; outward when u runs counter-clockwise seen
    /// from the side the cloth faces and b lies further along v.
    pub fn quad(&mut self, v: [u32; 4], uv: [Vec2; 4], part: usize) {
        let [a0, a1, b1, b0] = v;
        let [t0, t1, s1, s0] = uv;
        self.tri([a0, a1, b1], [t0, t1, s1], part);
        self.tri([a0, b1, b0], [t0, s1, s0], part);
    }

    /// A quad whose texture is the rectangle `u0..u1` × `v0..v1`, corners in the order of
    /// [`Sheet::quad`].
    pub fn quad_rect(
        &mut self,
        v: [u32; 4],
        (u0, u1): (f32, f32),
        (v0, v1): (f32, f32),
        part: usize,
    ) {
        let uv = [
            Vec2::new(u0, v0),
            Vec2::new(u1, v0),
            Vec2::new(u1, v1),
            Vec2::new(u0, v1),
        ];
        self.quad(v, uv, part);
    }

    /// Quads between neighbouring rows and columns of a grid of vertices (`rows[k][i]`, rows
    /// going up): quad (k, i) is textured `i / across..(i + 1) / across` ×
    /// `k / up..(k + 1) / up`.
    pub fn grid(&mut self, rows: &[Vec<u32>], (across, up): (usize, usize), part: usize) {
        for (k, pair) in rows.windows(2).enumerate() {
            let (row, next) = (&pair[0], &pair[1]);
            for i in 0..row.len().min(next.len()).saturating_sub(1) {
                let (u0, u1) = (i as f32 / across as f32, (i + 1) as f32 / across as f32);
                let (v0, v1) = (k as f32 / up as f32, (k + 1) as f32 / up as f32);
                self.quad_rect(
                    [row[i], row[i + 1], next[i + 1], next[i]],
                    (u0, u1),
                    (v0, v1),
                    part,
                );
            }
        }
    }

    /// A strip between two closed rings of equal length; u = k / n around (1 at the wrap).
    pub fn stitch(&mut self, a: &[u32], b: &[u32], va: f32, vb: f32, part: usize) {
        let n = a.len();
        debug_assert_eq!(n, b.len());
        for k in 0..n {
            let k1 = (k + 1) % n;
            let (u0, u1) = (k as f32 / n as f32, (k + 1) as f32 / n as f32);
            self.quad(
                [a[k], a[k1], b[k1], b[k]],
                [
                    Vec2::new(u0, va),
                    Vec2::new(u1, va),
                    Vec2::new(u1, vb),
                    Vec2::new(u0, vb),
                ],
                part,
            );
        }
    }

    /// Closes a ring with a fan around `pole`.
    pub fn fan(&mut self, a: &[u32], pole: u32, va: f32, vp: f32, part: usize) {
        let n = a.len();
        for k in 0..n {
            let (u0, u1) = (k as f32 / n as f32, (k + 1) as f32 / n as f32);
            self.tri(
                [a[k], a[(k + 1) % n], pole],
                [
                    Vec2::new(u0, va),
                    Vec2::new(u1, va),
                    Vec2::new((u0 + u1) / 2.0, vp),
                ],
                part,
            );
        }
    }

    /// Reverses the winding of the triangles from `first` on.
    pub fn flip_from(&mut self, first: usize) {
        for (t, uv) in self.tris[first..].iter_mut().zip(&mut self.uvs[first..]) {
            t.swap(1, 2);
            uv.swap(1, 2);
        }
    }

    /// Whether the triangles from `first` on face away from the axis through `origin` along
    /// `axis` (area-weighted); used to orient tubes built from rings of either direction.
    pub fn faces_out_from(&self, first: usize, origin: Vec3, axis: Vec3) -> bool {
        let mut sum = 0.0;
        for t in &self.tris[first..] {
            let [a, b, c] = t.map(|i| self.pos[i as usize]);
            let n = (b - a).cross(c - a);
            let m = (a + b + c) / 3.0 - origin;
            let radial = m - axis * m.dot(axis);
            sum += n.dot(radial);
        }
        sum >= 0.0
    }

    /// Area-weighted vertex normals.
    pub fn normals(&self) -> Vec<Vec3> {
        vertex_normals(&self.pos, &self.tris, Vec3::Y)
    }

    /// Each vertex's neighbours along triangle edges (sorted, unique).
    fn neighbours(&self) -> Vec<Vec<u32>> {
        let mut adj: Vec<Vec<u32>> = vec![Vec::new(); self.pos.len()];
        for t in &self.tris {
            for k in 0..3 {
                let (a, b) = (t[k], t[(k + 1) % 3]);
                adj[a as usize].push(b);
                adj[b as usize].push(a);
            }
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        adj
    }

    /// Drapes the cloth: every vertex is put at least `clearance` off the body; then, `iterations`
    /// times, free vertices are smoothed towards their neighbours' mean and kept off the body
    /// (the others do not move again).
    pub fn drape(&mut self, skin: &Skin, clearance: f32, iterations: usize) {
        let adj = self.neighbours();
        for p in &mut self.pos {
            *p = skin.push_out(*p, clearance);
        }
        for _ in 0..iterations {
            let previous = self.pos.clone();
            for (i, list) in adj.iter().enumerate() {
                if !self.free[i] || list.is_empty() {
                    continue;
                }
                let mean =
                    list.iter().map(|&j| previous[j as usize]).sum::<Vec3>() / list.len() as f32;
                let mut p = previous[i].lerp(mean, 0.5);
                let side = self.side[i];
                if side != 0.0 {
                    p.x = side * (p.x * side).max(SIDE_GAP);
                }
                self.pos[i] = skin.push_out(p, clearance);
            }
        }
    }

    /// The closed thin shell of the cloth, `thickness` thick outwards, as one mesh per part
    /// (`parts[i]` names part `i` and gives its material); parts without triangles are skipped.
    pub fn shell(&self, thickness: f32, parts: &[(&str, GlbMaterial)]) -> Vec<GlbMesh> {
        let normals = self.normals();
        let outer: Vec<Vec3> = self
            .pos
            .iter()
            .zip(&normals)
            .map(|(&p, &n)| p + n * thickness)
            .collect();
        // Directed edges used by the cloth; an edge whose reverse is unused lies on a hem.
        let mut edges: HashMap<(u32, u32), usize> = HashMap::new();
        for t in &self.tris {
            for k in 0..3 {
                *edges.entry((t[k], t[(k + 1) % 3])).or_default() += 1;
            }
        }
        let is_hem = |a: u32, b: u32| !edges.contains_key(&(b, a));
        // The rim's outward direction at each hem vertex: away from the cloth, in its plane.
        let mut rim_normal = vec![Vec3::ZERO; self.pos.len()];
        for t in &self.tris {
            for k in 0..3 {
                let (a, b) = (t[k], t[(k + 1) % 3]);
                if is_hem(a, b) {
                    let n = normals[a as usize] + normals[b as usize];
                    let m = (self.pos[b as usize] - self.pos[a as usize]).cross(n);
                    rim_normal[a as usize] += m;
                    rim_normal[b as usize] += m;
                }
            }
        }
        let rim_normal: Vec<Vec3> = rim_normal.iter().map(|m| m.normalize_or(Vec3::Y)).collect();

        let mut meshes = Vec::new();
        for (part, (name, material)) in parts.iter().enumerate() {
            let mut mesh = TriangleMesh::default();
            let mut index: HashMap<(u32, u8, u32, u32), u32> = HashMap::new();
            let mut add = |mesh: &mut TriangleMesh, v: u32, layer: u8, uv: Vec2| -> u32 {
                *index
                    .entry((v, layer, uv.x.to_bits(), uv.y.to_bits()))
                    .or_insert_with(|| {
                        let i = v as usize;
                        let (p, n) = match layer {
                            0 => (outer[i], normals[i]),
                            1 => (self.pos[i], -normals[i]),
                            2 => (outer[i], rim_normal[i]),
                            _ => (self.pos[i], rim_normal[i]),
                        };
                        mesh.positions.push(p);
                        mesh.normals.push(n);
                        mesh.uvs.push(uv);
                        (mesh.positions.len() - 1) as u32
                    })
            };
            for ((t, uv), &p) in self.tris.iter().zip(&self.uvs).zip(&self.part) {
                if p != part {
                    continue;
                }
                let o = [0, 1, 2].map(|k| add(&mut mesh, t[k], 0, uv[k]));
                mesh.indices.extend_from_slice(&o);
                let i = [0, 1, 2].map(|k| add(&mut mesh, t[k], 1, uv[k]));
                mesh.indices.extend_from_slice(&[i[0], i[2], i[1]]);
                for k in 0..3 {
                    let (a, b) = (t[k], t[(k + 1) % 3]);
                    if !is_hem(a, b) {
                        continue;
                    }
                    let (ua, ub) = (uv[k], uv[(k + 1) % 3]);
                    let (rim_a, rim_b) = (ua + Vec2::new(0.0, 0.002), ub + Vec2::new(0.0, 0.002));
                    let ia = add(&mut mesh, a, 3, ua);
                    let ib = add(&mut mesh, b, 3, ub);
                    let oa = add(&mut mesh, a, 2, rim_a);
                    let ob = add(&mut mesh, b, 2, rim_b);
                    mesh.indices.extend_from_slice(&[ia, ib, ob, ia, ob, oa]);
                }
            }
            if !mesh.indices.is_empty() {
                meshes.push(GlbMesh::new(*name, mesh, material.clone()));
            }
        }
        meshes
    }
}
