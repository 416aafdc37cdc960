//! A bounding-volume hierarchy over a mesh's triangles (median split on the longest axis, up to
//! four triangles a leaf) and its closest-point query (its other queries: segment crossings in
//! `crossing.rs`, inside or not in `inside.rs`).

use super::closest::{Feature, closest_on_triangle};
use glam::{Vec3, Vec3A};

/// The closest point of a mesh to a query point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Triangle index (into the mesh's `indices / 3`).
    pub triangle: u32,
    /// The closest point itself.
    pub point: Vec3,
    /// Barycentric coordinates of `point` in the triangle (corner weights, summing to 1).
    pub bary: Vec3,
    /// Squared distance from the query point.
    pub distance_squared: f32,
    /// The face, edge or corner it lies on.
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
    /// Visits every leaf slot range whose node (and every ancestor) `enters` accepts, depth
    /// first: the one walk the segment and the inside queries share.
    pub(super) fn for_each_leaf(
        &self,
        mut enters: impl FnMut(&Node) -> bool,
        mut leaf: impl FnMut(std::ops::Range<usize>),
    ) {
        if self.nodes.is_empty() {
            return;
        }
        let mut stack = [0u32; 64];
        let mut top = 1usize;
        while top > 0 {
            top -= 1;
            let node = &self.nodes[stack[top] as usize];
            if !enters(node) {
                continue;
            }
            if node.count == 0 {
                for child in [node.start, node.start + 1] {
                    if top < stack.len() {
                        stack[top] = child;
                        top += 1;
                    }
                }
                continue;
            }
            let start = node.start as usize;
            leaf(start..start + node.count as usize);
        }
    }

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
