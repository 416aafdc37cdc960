//! A triangle mesh in metres: the avatar, a garment part, a mesh to export.

use glam::{Vec2, Vec3};

/// A triangle mesh in metres (+Y up, facing +Z, feet on y = 0 for anything worn).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TriangleMesh {
    /// Vertex positions, metres.
    pub positions: Vec<Vec3>,
    /// Unit length, one per position (may be empty where a mesh has none).
    pub normals: Vec<Vec3>,
    /// One per position, or empty.
    pub uvs: Vec<Vec2>,
    /// Triangles, three vertex indices each, counter-clockwise seen from outside.
    pub indices: Vec<u32>,
}

impl TriangleMesh {
    /// The triangles as corner triples (a trailing partial triangle left out).
    pub fn triangles(&self) -> &[[u32; 3]] {
        self.indices.as_chunks().0
    }

    /// Number of vertices.
    pub fn vertex_count(&self) -> usize {
        self.positions.len()
    }

    /// Number of triangles.
    pub fn triangle_count(&self) -> usize {
        self.indices.len() / 3
    }
}

/// Area-weighted vertex normals: each triangle's normal (by its winding, weighted by its area)
/// added to its corners, then made unit length, `fallback` where they sum to nothing.
/// Triangles with a corner out of range are left out.
pub fn vertex_normals(positions: &[Vec3], triangles: &[[u32; 3]], fallback: Vec3) -> Vec<Vec3> {
    let mut normals = vec![Vec3::ZERO; positions.len()];
    for t in triangles {
        let [Some(a), Some(b), Some(c)] = t.map(|i| positions.get(i as usize).copied()) else {
            continue;
        };
        let n = (b - a).cross(c - a);
        for &i in t {
            normals[i as usize] += n;
        }
    }
    normals.iter().map(|n| n.normalize_or(fallback)).collect()
}
