//! The avatar's surface for signed distances: its triangle hierarchy ([`TriangleBvh`]) with
//! angle-weighted pseudo-normals (Bærentzen & Aanæs 2005) or its smooth vertex normals telling
//! outside from inside, and the body part of each triangle.

use crate::geometry::{Feature, Hit, TriangleBvh};
use glam::Vec3;
use std::collections::HashMap;

/// Face, edge and vertex pseudo-normals of a closed mesh.
#[derive(Clone, Debug, Default)]
pub struct PseudoNormals {
    /// Per triangle: its unit face normal, by its winding (zero for a degenerate triangle).
    pub face: Vec<Vec3>,
    /// Per triangle, per edge `k` (corner `k` → `k + 1`): the mean of the two faces' normals.
    pub edge: Vec<[Vec3; 3]>,
    /// Angle-weighted mean of the incident faces' normals.
    pub vertex: Vec<Vec3>,
}

impl PseudoNormals {
    /// Computes them (faces by their winding).
    pub fn new(positions: &[Vec3], indices: &[u32]) -> Self {
        let at = |i: u32| positions.get(i as usize).copied().unwrap_or(Vec3::ZERO);
        let tris = indices.len() / 3;
        let mut face = Vec::with_capacity(tris);
        let mut vertex = vec![Vec3::ZERO; positions.len()];
        for c in indices.chunks_exact(3) {
            let p = [at(c[0]), at(c[1]), at(c[2])];
            let n = (p[1] - p[0]).cross(p[2] - p[0]).normalize_or_zero();
            face.push(n);
            for k in 0..3 {
                let e1 = (p[(k + 1) % 3] - p[k]).normalize_or_zero();
                let e2 = (p[(k + 2) % 3] - p[k]).normalize_or_zero();
                let angle = e1.dot(e2).clamp(-1.0, 1.0).acos();
                if let Some(v) = vertex.get_mut(c[k] as usize) {
                    *v += n * angle;
                }
            }
        }
        let mut edge = vec![[Vec3::ZERO; 3]; tris];
        let mut first: HashMap<(u32, u32), u32> = HashMap::with_capacity(tris * 2);
        for (t, c) in indices.chunks_exact(3).enumerate() {
            for k in 0..3 {
                let key = (c[k].min(c[(k + 1) % 3]), c[k].max(c[(k + 1) % 3]));
                match first.get(&key) {
                    Some(&other) => {
                        let sum = face[t] + face[other as usize];
                        edge[t][k] = sum.normalize_or(face[t]);
                        let oc = &indices[other as usize * 3..other as usize * 3 + 3];
                        for ok in 0..3 {
                            let okey = (oc[ok].min(oc[(ok + 1) % 3]), oc[ok].max(oc[(ok + 1) % 3]));
                            if okey == key {
                                edge[other as usize][ok] = edge[t][k];
                            }
                        }
                    }
                    None => {
                        first.insert(key, t as u32);
                        edge[t][k] = face[t];
                    }
                }
            }
        }
        for v in &mut vertex {
            *v = v.normalize_or_zero();
        }
        PseudoNormals { face, edge, vertex }
    }

    /// The pseudo-normal of the feature a hit lies on (`indices` as given to [`PseudoNormals::new`]).
    pub fn at(&self, indices: &[u32], hit: &Hit) -> Vec3 {
        let t = hit.triangle as usize;
        match hit.feature {
            Feature::Face => self.face.get(t).copied().unwrap_or(Vec3::ZERO),
            Feature::Edge(k) => self.edge.get(t).map_or(Vec3::ZERO, |e| e[k as usize % 3]),
            Feature::Vertex(k) => indices
                .get(t * 3 + k as usize % 3)
                .and_then(|&i| self.vertex.get(i as usize))
                .copied()
                .unwrap_or(Vec3::ZERO),
        }
    }
}

/// A surface to measure signed distances to: its hierarchy and pseudo-normals.
#[derive(Clone, Debug, Default)]
pub struct Surface {
    /// Bounding-volume hierarchy over the triangles, for closest-point queries.
    pub bvh: TriangleBvh,
    /// Pseudo-normals of the mesh, telling outside from inside where there are no smooth normals.
    pub normals: PseudoNormals,
    /// The mesh's triangle indices, three per triangle.
    pub indices: Vec<u32>,
    /// Smooth vertex normals; when given, the side of a point is read from the normal
    /// interpolated at its closest point rather than from the pseudo-normal. A parametric body
    /// may fold a few triangles where limbs join; its smooth normals still tell outside from
    /// inside there, where the pseudo-normals of the folded faces do not.
    pub smooth: Vec<Vec3>,
    /// A group per triangle (the body part), or empty: where two groups meet in a crease (the
    /// armpit, between the thighs) a point is kept out of both.
    pub groups: Vec<u8>,
}

/// A closest point with its sign: positive outside (on the normals' side).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SignedHit {
    /// The closest point on the surface: its triangle, barycentric coordinates and feature.
    pub hit: Hit,
    /// Distance to the closest point, metres: positive outside, negative inside.
    pub distance: f32,
    /// The pseudo-normal at the closest point (unit, or zero on a degenerate spot).
    pub normal: Vec3,
}

impl Surface {
    /// A closed surface over a mesh.
    pub fn new(positions: &[Vec3], indices: &[u32]) -> Self {
        Surface {
            bvh: TriangleBvh::new(positions, indices),
            normals: PseudoNormals::new(positions, indices),
            indices: indices.to_vec(),
            smooth: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// A closed surface whose sides are told by its smooth vertex normals.
    pub fn with_smooth_normals(positions: &[Vec3], indices: &[u32], normals: &[Vec3]) -> Self {
        let mut surface = Surface::new(positions, indices);
        if normals.len() == positions.len() {
            surface.smooth = normals.to_vec();
        }
        surface
    }

    /// The smooth normal interpolated at a hit (zero without smooth normals).
    fn smooth_at(&self, hit: &Hit) -> Vec3 {
        let t = hit.triangle as usize * 3;
        let n = |k: usize| {
            self.indices
                .get(t + k)
                .and_then(|&i| self.smooth.get(i as usize))
                .copied()
                .unwrap_or(Vec3::ZERO)
        };
        (n(0) * hit.bary.x + n(1) * hit.bary.y + n(2) * hit.bary.z).normalize_or_zero()
    }

    /// The group of a triangle (0 without groups).
    pub fn group(&self, triangle: u32) -> u8 {
        self.groups.get(triangle as usize).copied().unwrap_or(0)
    }

    /// The signed distance from `p` to the surface within `max_distance`, if any part is that near.
    pub fn signed(&self, p: Vec3, max_distance: f32) -> Option<SignedHit> {
        let hit = self.bvh.closest(p, max_distance)?;
        Some(self.sign(p, hit))
    }

    /// Like [`Surface::signed`], the search starting at triangle `hint` (a neighbour's answer).
    pub fn signed_from(&self, p: Vec3, max_distance: f32, hint: Option<u32>) -> Option<SignedHit> {
        let hit = self.bvh.closest_from(p, max_distance, hint)?;
        Some(self.sign(p, hit))
    }

    /// Signs a hit found for `p`.
    pub fn sign(&self, p: Vec3, hit: Hit) -> SignedHit {
        let smooth = self.smooth_at(&hit);
        let normal = if smooth == Vec3::ZERO {
            self.normals.at(&self.indices, &hit)
        } else {
            smooth
        };
        let d = hit.distance_squared.max(0.0).sqrt();
        let side = (p - hit.point).dot(normal);
        let distance = if side < 0.0 { -d } else { d };
        // On the surface itself, or with a degenerate normal, fall back to the face normal.
        let normal = if normal == Vec3::ZERO {
            self.normals
                .face
                .get(hit.triangle as usize)
                .copied()
                .unwrap_or(Vec3::Y)
        } else {
            normal
        };
        SignedHit {
            hit,
            distance,
            normal,
        }
    }
}
