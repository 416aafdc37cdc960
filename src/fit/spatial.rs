//! Nearest-surface queries on a triangle mesh: a bounding-volume hierarchy (median split on the
//! longest axis, up to four triangles a leaf), the closest point on a triangle (Ericson, *Real-Time
//! Collision Detection* 5.1.5) and angle-weighted pseudo-normals (Bærentzen & Aanæs 2005) that
//! give a signed distance on a closed mesh.

use glam::{Vec3, Vec3A};
use std::collections::HashMap;

/// Which part of a triangle the closest point lies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// Inside the face.
    Face,
    /// On edge `k` (corner `k` to corner `k + 1 mod 3`).
    Edge(u8),
    /// At corner `k`.
    Vertex(u8),
}

/// The closest point of a mesh to a query point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Triangle index (into the mesh's `indices / 3`).
    pub triangle: u32,
    pub point: Vec3,
    /// Barycentric coordinates of `point` in the triangle (corner weights, summing to 1).
    pub bary: Vec3,
    pub distance_squared: f32,
    pub feature: Feature,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Node {
    pub(super) min: Vec3A,
    pub(super) max: Vec3A,
    /// Leaf: first slot in `order`; inner node: index of the left child (the right one follows).
    pub(super) start: u32,
    /// Triangles in a leaf; 0 for an inner node.
    pub(super) count: u32,
}

impl Node {
    fn distance_squared(&self, p: Vec3A) -> f32 {
        let d = (self.min - p).max(p - self.max).max(Vec3A::ZERO);
        d.length_squared()
    }
}

const LEAF_SIZE: usize = 4;

/// A bounding-volume hierarchy over the triangles of a mesh (a static copy of their corners).
#[derive(Clone, Debug, Default)]
pub struct TriangleBvh {
    pub(super) nodes: Vec<Node>,
    /// Triangle index of each leaf slot.
    pub(super) order: Vec<u32>,
    /// Corners of the triangle in each leaf slot.
    pub(super) corners: Vec<[Vec3A; 3]>,
    /// Leaf slot of each triangle (`u32::MAX` for one left out).
    slots: Vec<u32>,
}

impl TriangleBvh {
    /// Builds the hierarchy; triangles with an out-of-range index are left out.
    pub fn new(positions: &[Vec3], indices: &[u32]) -> Self {
        let corner = |i: u32| positions.get(i as usize).copied().map(Vec3A::from);
        let mut tris: Vec<(u32, [Vec3A; 3], Vec3A)> = indices
            .chunks_exact(3)
            .enumerate()
            .filter_map(|(t, c)| {
                let abc = [corner(c[0])?, corner(c[1])?, corner(c[2])?];
                let centroid = (abc[0] + abc[1] + abc[2]) / 3.0;
                centroid.is_finite().then_some((t as u32, abc, centroid))
            })
            .collect();
        let mut nodes = Vec::with_capacity(2 * tris.len() / LEAF_SIZE + 1);
        if tris.is_empty() {
            return TriangleBvh::default();
        }
        nodes.push(Node {
            min: Vec3A::ZERO,
            max: Vec3A::ZERO,
            start: 0,
            count: 0,
        });
        // (node, start, end) ranges still to split.
        let mut stack = vec![(0usize, 0usize, tris.len())];
        while let Some((node, start, end)) = stack.pop() {
            let slice = &mut tris[start..end];
            let (mut min, mut max) = (Vec3A::splat(f32::INFINITY), Vec3A::splat(f32::NEG_INFINITY));
            let (mut cmin, mut cmax) = (min, max);
            for (_, abc, c) in slice.iter() {
                for p in abc {
                    min = min.min(*p);
                    max = max.max(*p);
                }
                cmin = cmin.min(*c);
                cmax = cmax.max(*c);
            }
            nodes[node].min = min;
            nodes[node].max = max;
            if slice.len() <= LEAF_SIZE {
                nodes[node].start = start as u32;
                nodes[node].count = slice.len() as u32;
                continue;
            }
            let extent = cmax - cmin;
            let axis = if extent.x >= extent.y && extent.x >= extent.z {
                0
            } else if extent.y >= extent.z {
                1
            } else {
                2
            };
            let mid = slice.len() / 2;
            slice.select_nth_unstable_by(mid, |a, b| a.2[axis].total_cmp(&b.2[axis]));
            let left = nodes.len();
            for _ in 0..2 {
                nodes.push(Node {
                    min: Vec3A::ZERO,
                    max: Vec3A::ZERO,
                    start: 0,
                    count: 0,
                });
            }
            nodes[node].start = left as u32;
            stack.push((left, start, start + mid));
            stack.push((left + 1, start + mid, end));
        }
        let mut slots = vec![u32::MAX; indices.len() / 3];
        for (slot, t) in tris.iter().enumerate() {
            slots[t.0 as usize] = slot as u32;
        }
        TriangleBvh {
            nodes,
            order: tris.iter().map(|t| t.0).collect(),
            corners: tris.iter().map(|t| t.1).collect(),
            slots,
        }
    }

    /// Whether the hierarchy holds no triangle.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The closest point of the mesh to `p` no farther than `max_distance`, if any.
    pub fn closest(&self, p: Vec3, max_distance: f32) -> Option<Hit> {
        self.closest_from(p, max_distance, None)
    }

    /// Like [`TriangleBvh::closest`], but first tries triangle `hint` (a recent answer), which
    /// usually shrinks the search to a few nodes.
    pub fn closest_from(&self, p: Vec3, max_distance: f32, hint: Option<u32>) -> Option<Hit> {
        self.closest_where(p, max_distance, hint, |_| true)
    }

    /// The closest point among the triangles that `keep` accepts (by triangle index).
    pub fn closest_where(
        &self,
        p: Vec3,
        max_distance: f32,
        hint: Option<u32>,
        keep: impl Fn(u32) -> bool,
    ) -> Option<Hit> {
        if self.nodes.is_empty() || !p.is_finite() {
            return None;
        }
        let q = Vec3A::from(p);
        let mut best_d2 = if max_distance.is_finite() {
            max_distance * max_distance
        } else {
            f32::INFINITY
        };
        let mut best: Option<(usize, Vec3A, Vec3A, Feature)> = None;
        if let Some(slot) = hint.filter(|&t| keep(t)).and_then(|t| self.slot_of(t)) {
            let (point, bary, feature) = closest_on_triangle(q, &self.corners[slot]);
            let d2 = (point - q).length_squared();
            if d2 <= best_d2 {
                best_d2 = d2;
                best = Some((slot, point, bary, feature));
            }
        }
        let mut stack = [0u32; 64];
        let mut top = 0usize;
        if self.nodes[0].distance_squared(q) <= best_d2 {
            stack[0] = 0;
            top = 1;
        }
        while top > 0 {
            top -= 1;
            let node = &self.nodes[stack[top] as usize];
            if node.distance_squared(q) > best_d2 {
                continue;
            }
            if node.count > 0 {
                let start = node.start as usize;
                for slot in start..start + node.count as usize {
                    if !keep(self.order[slot]) {
                        continue;
                    }
                    let (point, bary, feature) = closest_on_triangle(q, &self.corners[slot]);
                    let d2 = (point - q).length_squared();
                    if d2 < best_d2 || best.is_none() && d2 <= best_d2 {
                        best_d2 = d2;
                        best = Some((slot, point, bary, feature));
                    }
                }
                continue;
            }
            let (l, r) = (node.start, node.start + 1);
            let dl = self.nodes[l as usize].distance_squared(q);
            let dr = self.nodes[r as usize].distance_squared(q);
            let (near, dn, far, df) = if dl <= dr {
                (l, dl, r, dr)
            } else {
                (r, dr, l, dl)
            };
            if df <= best_d2 && top < stack.len() {
                stack[top] = far;
                top += 1;
            }
            if dn <= best_d2 && top < stack.len() {
                stack[top] = near;
                top += 1;
            }
        }
        best.map(|(slot, point, bary, feature)| Hit {
            triangle: self.order[slot],
            point: point.into(),
            bary: bary.into(),
            distance_squared: best_d2,
            feature,
        })
    }

    fn slot_of(&self, triangle: u32) -> Option<usize> {
        self.slots
            .get(triangle as usize)
            .filter(|&&s| s != u32::MAX)
            .map(|&s| s as usize)
    }
}

/// The closest point to `p` on triangle `t`: the point, its barycentric coordinates and the
/// feature it lies on.
pub fn closest_on_triangle(p: Vec3A, t: &[Vec3A; 3]) -> (Vec3A, Vec3A, Feature) {
    let [a, b, c] = *t;
    let ab = b - a;
    let ac = c - a;
    let ap = p - a;
    let d1 = ab.dot(ap);
    let d2 = ac.dot(ap);
    if d1 <= 0.0 && d2 <= 0.0 {
        return (a, Vec3A::X, Feature::Vertex(0));
    }
    let bp = p - b;
    let d3 = ab.dot(bp);
    let d4 = ac.dot(bp);
    if d3 >= 0.0 && d4 <= d3 {
        return (b, Vec3A::Y, Feature::Vertex(1));
    }
    let vc = d1 * d4 - d3 * d2;
    if vc <= 0.0 && d1 >= 0.0 && d3 <= 0.0 {
        let v = d1 / (d1 - d3);
        return (a + ab * v, Vec3A::new(1.0 - v, v, 0.0), Feature::Edge(0));
    }
    let cp = p - c;
    let d5 = ab.dot(cp);
    let d6 = ac.dot(cp);
    if d6 >= 0.0 && d5 <= d6 {
        return (c, Vec3A::Z, Feature::Vertex(2));
    }
    let vb = d5 * d2 - d1 * d6;
    if vb <= 0.0 && d2 >= 0.0 && d6 <= 0.0 {
        let w = d2 / (d2 - d6);
        return (a + ac * w, Vec3A::new(1.0 - w, 0.0, w), Feature::Edge(2));
    }
    let va = d3 * d6 - d5 * d4;
    if va <= 0.0 && (d4 - d3) >= 0.0 && (d5 - d6) >= 0.0 {
        let w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
        return (
            b + (c - b) * w,
            Vec3A::new(0.0, 1.0 - w, w),
            Feature::Edge(1),
        );
    }
    let sum = va + vb + vc;
    if sum.abs() <= f32::MIN_POSITIVE || !sum.is_finite() {
        // A degenerate (zero-area) triangle: the nearest corner.
        let da = ap.length_squared();
        let db = bp.length_squared();
        let dc = cp.length_squared();
        return if da <= db && da <= dc {
            (a, Vec3A::X, Feature::Vertex(0))
        } else if db <= dc {
            (b, Vec3A::Y, Feature::Vertex(1))
        } else {
            (c, Vec3A::Z, Feature::Vertex(2))
        };
    }
    let denom = 1.0 / sum;
    let v = vb * denom;
    let w = vc * denom;
    (
        a + ab * v + ac * w,
        Vec3A::new(1.0 - v - w, v, w),
        Feature::Face,
    )
}

/// Face, edge and vertex pseudo-normals of a closed mesh.
#[derive(Clone, Debug, Default)]
pub struct PseudoNormals {
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
    pub bvh: TriangleBvh,
    pub normals: PseudoNormals,
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
    pub hit: Hit,
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
