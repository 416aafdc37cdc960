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
    let mut normals = Vec::new();
    vertex_normals_into(positions, triangles, fallback, &mut normals);
    normals
}

/// [`vertex_normals`] written into `normals` (its memory reused).
pub fn vertex_normals_into(
    positions: &[Vec3],
    triangles: &[[u32; 3]],
    fallback: Vec3,
    normals: &mut Vec<Vec3>,
) {
    normals.clear();
    normals.resize(positions.len(), Vec3::ZERO);
    let sums = &mut normals[..positions.len()];
    for &[a, b, c] in triangles {
        let (a, b, c) = (a as usize, b as usize, c as usize);
        let (Some(&pa), Some(&pb), Some(&pc)) =
            (positions.get(a), positions.get(b), positions.get(c))
        else {
            continue;
        };
        let n = (pb - pa).cross(pc - pa);
        // In range: `sums` is as long as `positions`.
        sums[a] += n;
        sums[b] += n;
        sums[c] += n;
    }
    for n in sums.iter_mut() {
        *n = n.normalize_or(fallback);
    }
}
