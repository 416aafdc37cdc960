//! A triangle mesh in metres: the avatar, a garment part, a mesh to export.

use glam::{Vec2, Vec3, Vec3A};

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
    let sums = zeroed(normals, positions.len());
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
    unit_or(sums, fallback);
}

/// A strip of quads between two closed rings of `len` consecutive vertices each, from `a` and
/// from `b`: quad `k` is `[a + k, a + k + 1, b + k + 1, b + k]` (`k + 1` wrapping to 0), written
/// as the triangles `[a + k, a + k + 1, b + k + 1]`, `[a + k, b + k + 1, b + k]`, the strip's
/// first at triangle `first`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RingStrip {
    /// The strip's first triangle.
    pub first: usize,
    /// Ring `a`'s first vertex.
    pub a: u32,
    /// Ring `b`'s first vertex.
    pub b: u32,
    /// Vertices in each ring (and quads in the strip).
    pub len: u32,
}

/// [`vertex_normals_into`] for a mesh made mostly of quads, each written as two consecutive
/// triangles `[a, b, c]`, `[a, c, d]` (split along `a`–`c`): a quad adds its vector area
/// `(c − a) × (d − b)` (the two triangles' together) to `a` and `c` and half of it to `b` and
/// `d`, where per triangle `b` and `d` would each get their own triangle's. The same normals
/// where a quad is flat and its two halves equal, within a few degrees on a smooth surface's
/// gently bent quads, for half the work. Other triangles count as in [`vertex_normals_into`].
///
/// `strips` (ordered by `first`, may be empty) name where the triangles are [`RingStrip`]s:
/// there the quads are summed ring by ring, each vertex once a strip, with no index read (the
/// triangles there are taken to be the strip's). A strip out of range, overlapping another or
/// not in order counts as plain triangles.
pub fn quad_vertex_normals_into(
    positions: &[Vec3],
    triangles: &[[u32; 3]],
    strips: &[RingStrip],
    fallback: Vec3,
    normals: &mut Vec<Vec3>,
) {
    let sums = zeroed(normals, positions.len());
    let in_range = |i: u32| (i as usize) < positions.len();
    let mut strips = strips.iter().peekable();
    let mut k = 0;
    while k < triangles.len() {
        while strips.next_if(|s| s.first < k).is_some() {}
        if let Some(strip) = strips.next_if(|s| s.first == k)
            && k + 2 * strip.len as usize <= triangles.len()
            && add_strip(positions, sums, strip)
        {
            k += 2 * strip.len as usize;
            continue;
        }
        let [a, b, c] = triangles[k];
        let quad = triangles
            .get(k + 1)
            .filter(|&&[a2, c2, _]| a2 == a && c2 == c)
            .map(|t| t[2]);
        if !(in_range(a) && in_range(b) && in_range(c)) {
            k += 1;
            continue;
        }
        let (a, b, c) = (a as usize, b as usize, c as usize);
        match quad.filter(|&d| in_range(d)) {
            Some(d) => {
                let d = d as usize;
                let n = (positions[c] - positions[a]).cross(positions[d] - positions[b]);
                let half = 0.5 * n;
                sums[a] += n;
                sums[c] += n;
                sums[b] += half;
                sums[d] += half;
                k += 2;
            }
            None => {
                let n = (positions[b] - positions[a]).cross(positions[c] - positions[a]);
                sums[a] += n;
                sums[b] += n;
                sums[c] += n;
                k += 1;
            }
        }
    }
    unit_or(sums, fallback);
}

/// A [`RingStrip`]'s quads summed into its rings' vertices as [`quad_vertex_normals_into`]
/// counts them: ring `a`'s vertex `k` gets quad `k`'s vector area and half of quad `k − 1`'s,
/// ring `b`'s vertex `k` quad `k − 1`'s and half of quad `k`'s. False (nothing added) where the
/// strip's rings are out of range, overlap or are shorter than 3.
fn add_strip(positions: &[Vec3], sums: &mut [Vec3], strip: &RingStrip) -> bool {
    let (a, b, n) = (strip.a as usize, strip.b as usize, strip.len as usize);
    let (Some(pa), Some(pb)) = (positions.get(a..a + n), positions.get(b..b + n)) else {
        return false;
    };
    let Ok([sa, sb]) = sums.get_disjoint_mut([a..a + n, b..b + n]) else {
        return false;
    };
    if n < 3 {
        return false;
    }
    // Quad k: corners a + k, a + k1, b + k1, b + k; vector area (c − a) × (d − b). Worked in
    // SIMD lanes (`Vec3A`), each corner read once as the quads walk round.
    let (a0, b0) = (Vec3A::from(pa[0]), Vec3A::from(pb[0]));
    let (mut a_k, mut b_k) = (a0, b0);
    let mut before = (b0 - Vec3A::from(pa[n - 1])).cross(Vec3A::from(pb[n - 1]) - a0);
    for k in 0..n {
        let (a_k1, b_k1) = if k + 1 == n {
            (a0, b0)
        } else {
            (Vec3A::from(pa[k + 1]), Vec3A::from(pb[k + 1]))
        };
        let here = (b_k1 - a_k).cross(b_k - a_k1);
        sa[k] += Vec3::from(here + 0.5 * before);
        sb[k] += Vec3::from(before + 0.5 * here);
        before = here;
        (a_k, b_k) = (a_k1, b_k1);
    }
    true
}

/// `normals` emptied and refilled with `len` zero sums (its memory reused).
fn zeroed(normals: &mut Vec<Vec3>, len: usize) -> &mut [Vec3] {
    normals.clear();
    normals.resize(len, Vec3::ZERO);
    normals
}

/// Each sum made unit length, `fallback` where it is nothing.
fn unit_or(sums: &mut [Vec3], fallback: Vec3) {
    for n in sums.iter_mut() {
        *n = n.normalize_or(fallback);
    }
}
