//! Building a closed triangle mesh out of rings: vertices, ring-to-ring strips, pole fans, normals.

use crate::geometry::{RingStrip, TriangleMesh, quad_vertex_normals_into};
use glam::{Vec2, Vec3};

/// Accumulates vertices and triangles; every strip and fan keeps one winding so that the closed
/// result is consistently oriented (each edge used once in each direction).
#[derive(Default)]
pub(super) struct MeshBuilder {
    pub positions: Vec<Vec3>,
    pub uvs: Vec<Vec2>,
    pub indices: Vec<u32>,
    /// Where the normals go when the mesh is finished (memory kept from an earlier mesh).
    normals: Vec<Vec3>,
    /// The strips between rings of consecutive vertices (most of the mesh), whose normals are
    /// summed ring by ring.
    strips: Vec<RingStrip>,
    /// `u` round a ring of this many vertices (`k / len`), kept while rings of one length follow
    /// each other (a limb's do): one division per ring length, not per vertex.
    ring_us: Vec<f32>,
}

/// Strips a body holds, about (reserved at once).
const STRIPS: usize = 512;

impl MeshBuilder {
    /// A builder whose buffers hold a mesh of this size without growing.
    pub fn with_capacity(vertices: usize, triangles: usize) -> Self {
        MeshBuilder {
            positions: Vec::with_capacity(vertices),
            uvs: Vec::with_capacity(vertices),
            indices: Vec::with_capacity(3 * triangles),
            normals: Vec::new(),
            strips: Vec::with_capacity(STRIPS),
            ring_us: Vec::new(),
        }
    }

    /// A builder that fills `mesh`'s buffers again (emptied, their memory kept).
    pub fn reusing(mesh: TriangleMesh) -> Self {
        let TriangleMesh {
            mut positions,
            mut normals,
            mut uvs,
            mut indices,
        } = mesh;
        positions.clear();
        normals.clear();
        uvs.clear();
        indices.clear();
        MeshBuilder {
            positions,
            uvs,
            indices,
            normals,
            strips: Vec::with_capacity(STRIPS),
            ring_us: Vec::new(),
        }
    }

    pub fn vertex(&mut self, position: Vec3, uv: Vec2) -> u32 {
        self.positions.push(position);
        self.uvs.push(uv);
        (self.positions.len() - 1) as u32
    }

    /// Adds a closed ring of vertices with `u` running around it and the given `v`.
    pub fn ring(&mut self, points: &[Vec3], v: f32) -> Vec<u32> {
        if self.ring_us.len() != points.len() {
            let n = points.len() as f32;
            self.ring_us.clear();
            self.ring_us.extend((0..points.len()).map(|k| k as f32 / n));
        }
        let first = self.positions.len() as u32;
        self.positions.extend_from_slice(points);
        self.uvs
            .extend(self.ring_us.iter().map(|&u| Vec2::new(u, v)));
        (first..first + points.len() as u32).collect()
    }

    /// One quad between ring `a` (edge a_k → a_k+1) and ring `b` (edge b_k+1 → b_k).
    pub fn quad(&mut self, a0: u32, a1: u32, b1: u32, b0: u32) {
        self.indices
            .extend_from_slice(&quad_indices(a0, a1, b1, b0));
    }

    /// A strip between two closed rings of equal length.
    pub fn stitch(&mut self, a: &[u32], b: &[u32]) {
        debug_assert_eq!(a.len(), b.len());
        if let (Some(&a0), Some(&b0)) = (a.first(), b.first())
            && a.len() == b.len()
            && consecutive(a)
            && consecutive(b)
        {
            self.strip(a0, b0, a.len());
            return;
        }
        for k in 0..a.len() {
            let k1 = (k + 1) % a.len();
            self.quad(a[k], a[k1], b[k1], b[k]);
        }
    }

    /// Stitches two closed rows of vertices as a strip where each runs on one by one with none
    /// missing (`[Some(7), Some(8), …]`); false, nothing added, otherwise.
    pub fn strip_of_rows(&mut self, a: &[Option<u32>], b: &[Option<u32>]) -> bool {
        let run = |row: &[Option<u32>]| {
            let first = row.first().copied().flatten()?;
            (0u32..)
                .zip(row)
                .all(|(k, v)| *v == Some(first.wrapping_add(k)))
                .then_some(first)
        };
        match (run(a), run(b)) {
            (Some(a0), Some(b0)) if a.len() == b.len() => {
                self.strip(a0, b0, a.len());
                true
            }
            _ => false,
        }
    }

    /// A strip between two closed rings of `len` consecutive vertices, from `a` and from `b`
    /// (the quads [`MeshBuilder::stitch`] makes of them).
    pub fn strip(&mut self, a: u32, b: u32, len: usize) {
        self.strips.push(RingStrip {
            first: self.indices.len() / 3,
            a,
            b,
            len: len as u32,
        });
        // Written in place, quad by quad (as `quad` pushes them, without a capacity check each).
        let start = self.indices.len();
        self.indices.resize(start + 6 * len, 0);
        let (quads, _) = self.indices[start..].as_chunks_mut::<6>();
        for (k, quad) in (0u32..).zip(quads.iter_mut()) {
            let k1 = if k as usize + 1 == len { 0 } else { k + 1 };
            *quad = quad_indices(a + k, a + k1, b + k1, b + k);
        }
    }

    /// Closes ring `a` with a fan around `pole`.
    pub fn fan(&mut self, a: &[u32], pole: u32) {
        for k in 0..a.len() {
            self.indices
                .extend_from_slice(&[a[k], a[(k + 1) % a.len()], pole]);
        }
    }

    /// Finishes the mesh with area-weighted vertex normals (its strips' quads counted whole).
    pub fn finish(mut self) -> TriangleMesh {
        quad_vertex_normals_into(
            &self.positions,
            self.indices.as_chunks().0,
            &self.strips,
            Vec3::Y,
            &mut self.normals,
        );
        TriangleMesh {
            positions: self.positions,
            normals: self.normals,
            uvs: self.uvs,
            indices: self.indices,
        }
    }
}

/// A quad's two triangles, split along `a0`–`b1` (the split the normals' strips count on).
fn quad_indices(a0: u32, a1: u32, b1: u32, b0: u32) -> [u32; 6] {
    [a0, a1, b1, a0, b1, b0]
}

/// Whether the indices run on one by one (`[7, 8, 9, …]`).
fn consecutive(ring: &[u32]) -> bool {
    ring.windows(2).all(|w| w[1] == w[0].wrapping_add(1))
}
