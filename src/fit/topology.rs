//! The garment as one piece of cloth: the parts' vertices welded where they coincide (seams and
//! UV splits), the triangles over the welded particles, the edges (stretch constraints), the
//! pairs across edge-adjacent triangles (bending constraints) and the particles' masses.

use super::FitError;
use crate::garment::GarmentPart;
use crate::geometry::{PointGrid, find, union, vertex_normals};
use glam::Vec3;
use std::collections::HashMap;

/// Vertices closer than this are one particle (metres).
pub const WELD_DISTANCE: f32 = 1e-4;

/// The welded cloth mesh of a garment.
#[derive(Clone, Debug, Default)]
pub struct ClothMesh {
    /// Particle positions in the garment's own (reference) space.
    pub rest: Vec<Vec3>,
    /// For each vertex of each part, concatenated in part order: its particle.
    pub vertex_particle: Vec<u32>,
    /// First vertex of each part in `vertex_particle` (and one past the last).
    pub part_offsets: Vec<usize>,
    /// Triangles over particles (degenerate ones left out).
    pub triangles: Vec<[u32; 3]>,
    /// Unique edges.
    pub edges: Vec<[u32; 2]>,
    /// Opposite corners of each pair of triangles sharing an edge.
    pub bends: Vec<[u32; 2]>,
    /// Surface area around each particle (a third of its triangles' areas), m².
    pub area: Vec<f32>,
    /// Whether a particle lies on an open border (hem, cuff, neckline).
    pub border: Vec<bool>,
    /// Pieces not welded to the rest of the cloth but lying on it (a placket, a pocket, a
    /// drawstring's end): each of their particles within [`SEWN_ON`] of another piece, and the
    /// nearest particle there. Solved like edges, so the piece stays where it is sewn on.
    pub stitches: Vec<[u32; 2]>,
}

/// A particle of one piece this close to another piece is sewn onto it (metres).
pub const SEWN_ON: f32 = 0.01;

impl ClothMesh {
    /// Welds the parts into one cloth.
    pub fn new(parts: &[GarmentPart]) -> Result<ClothMesh, FitError> {
        let mut rest: Vec<Vec3> = Vec::new();
        let mut vertex_particle = Vec::new();
        let mut part_offsets = vec![0];
        let mut grid = PointGrid::new(WELD_DISTANCE);
        for (part_index, part) in parts.iter().enumerate() {
            for (i, &p) in part.mesh.positions.iter().enumerate() {
                if !p.is_finite() {
                    return Err(FitError::BadVertex {
                        part: part_index,
                        vertex: i,
                    });
                }
                let found = grid.near(p).find(|&j| {
                    rest[j as usize].distance_squared(p) <= WELD_DISTANCE * WELD_DISTANCE
                });
                let id = found.unwrap_or_else(|| {
                    rest.push(p);
                    let id = (rest.len() - 1) as u32;
                    grid.insert(p, id);
                    id
                });
                vertex_particle.push(id);
            }
            part_offsets.push(vertex_particle.len());
        }
        let mut triangles = Vec::new();
        for (part_index, part) in parts.iter().enumerate() {
            let base = part_offsets[part_index];
            for (t, tri) in part.mesh.indices.chunks_exact(3).enumerate() {
                let mut p = [0u32; 3];
                for k in 0..3 {
                    let v = tri[k] as usize;
                    if v >= part.mesh.positions.len() {
                        return Err(FitError::BadIndex {
                            part: part_index,
                            triangle: t,
                        });
                    }
                    p[k] = vertex_particle[base + v];
                }
                if p[0] != p[1] && p[1] != p[2] && p[0] != p[2] {
                    triangles.push(p);
                }
            }
        }
        if triangles.is_empty() {
            return Err(FitError::NoTriangles);
        }
        let mut edge_faces: HashMap<(u32, u32), Vec<(usize, u32)>> =
            HashMap::with_capacity(triangles.len() * 2);
        let mut area = vec![0.0f32; rest.len()];
        for (t, tri) in triangles.iter().enumerate() {
            let (a, b, c) = (
                rest[tri[0] as usize],
                rest[tri[1] as usize],
                rest[tri[2] as usize],
            );
            let third = (b - a).cross(c - a).length() / 6.0;
            for k in 0..3 {
                area[tri[k] as usize] += third;
                let (i, j) = (tri[k], tri[(k + 1) % 3]);
                edge_faces
                    .entry((i.min(j), i.max(j)))
                    .or_default()
                    .push((t, tri[(k + 2) % 3]));
            }
        }
        let mut keys: Vec<(u32, u32)> = edge_faces.keys().copied().collect();
        keys.sort_unstable();
        let mut edges = Vec::with_capacity(keys.len());
        let mut bends = Vec::new();
        let mut border = vec![false; rest.len()];
        for key in keys {
            edges.push([key.0, key.1]);
            let faces = &edge_faces[&key];
            if faces.len() == 1 {
                border[key.0 as usize] = true;
                border[key.1 as usize] = true;
            } else if faces.len() == 2 && faces[0].1 != faces[1].1 {
                bends.push([faces[0].1, faces[1].1]);
            }
        }
        let stitches = stitches(&rest, &edges);
        Ok(ClothMesh {
            rest,
            vertex_particle,
            part_offsets,
            triangles,
            edges,
            bends,
            area,
            border,
            stitches,
        })
    }

    /// Number of particles.
    pub fn len(&self) -> usize {
        self.rest.len()
    }

    /// Whether the cloth has no particle.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// Triangle corner indices as a flat list (for a mesh or a collider).
    pub fn flat_indices(&self) -> Vec<u32> {
        self.triangles.iter().flatten().copied().collect()
    }

    /// Area-weighted unit normals at the particles for the given positions (one per particle).
    pub fn normals(&self, positions: &[Vec3]) -> Vec<Vec3> {
        vertex_normals(positions, &self.triangles, Vec3::ZERO)
    }
}

/// The stitches that hold every piece but the largest onto the others: each particle within
/// [`SEWN_ON`] of a particle of another piece is joined to the nearest one.
fn stitches(rest: &[Vec3], edges: &[[u32; 2]]) -> Vec<[u32; 2]> {
    let mut piece: Vec<usize> = (0..rest.len()).collect();
    for &[i, j] in edges {
        union(&mut piece, i as usize, j as usize);
    }
    let mut size = vec![0usize; rest.len()];
    for i in 0..rest.len() {
        let root = find(&mut piece, i);
        piece[i] = root;
        size[root] += 1;
    }
    let Some(largest) = (0..rest.len()).max_by_key(|&r| size[r]) else {
        return Vec::new();
    };
    if size[largest] == rest.len() {
        return Vec::new();
    }
    let mut grid = PointGrid::new(SEWN_ON);
    for (i, &p) in rest.iter().enumerate() {
        grid.insert(p, i as u32);
    }
    let mut stitches = Vec::new();
    for (i, &p) in rest.iter().enumerate() {
        if piece[i] == largest {
            continue;
        }
        let nearest = grid
            .near(p)
            .filter(|&j| piece[j as usize] != piece[i])
            .map(|j| (rest[j as usize].distance_squared(p), j))
            .filter(|&(d, _)| d <= SEWN_ON * SEWN_ON)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, j)) = nearest {
            stitches.push([i as u32, j]);
        }
    }
    stitches
}
