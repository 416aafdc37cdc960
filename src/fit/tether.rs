//! What holds a garment up, and long-range tethers from there.
//!
//! A worn garment hangs from a support: a top from the shoulders it rests on, trousers and
//! skirts from a waistband closed at the waist (button, drawstring, elastic). The particles of
//! that support are *anchors*: they are held where the garment was graded to sit.
//!
//! One Gauss–Seidel pass per substep carries a pull only a few particles along the cloth, so a
//! garment hanging from its support stretches on and on under its own weight (measured on the
//! sample T-shirt: p99 edge strain 11 % after a second and still growing), and a ring of cloth on
//! the hip's flare is pushed wider every substep. Long-range attachments (Kim, Chentanez, Müller
//! 2012, "Long Range Attachments — A Method to Simulate Inextensible Clothing in Computer
//! Games") bound that: every particle keeps within its rest distance *along the cloth* of its
//! nearest anchor (a one-sided constraint: closer is free, so the cloth folds and drapes).

use super::spatial::SignedHit;
use super::topology::ClothMesh;
use crate::garment::Category;
use glam::{Vec3, Vec3A};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Where a garment of a category is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Resting on upward-facing body surfaces in the upper half of the garment (shoulders; the
    /// bust of a strapless dress).
    Shoulders,
    /// A waistband: the top few centimetres of the garment.
    Waistband,
}

/// How deep the waistband is, metres.
const WAISTBAND: f32 = 0.02;
/// A particle farther than this from the body does not rest on it, metres.
const RESTING: f32 = 0.03;
/// The body's surface holds a particle where its normal points at least this much up.
const UPWARD: f32 = 0.5;

impl Support {
    /// Where garments of a category are held: bottoms and skirts by a waistband, everything else
    /// (tops, shirts, knitwear, dresses, outerwear) on the shoulders.
    pub fn for_category(category: Category) -> Support {
        match category {
            Category::Bottom | Category::Skirt => Support::Waistband,
            Category::Top
            | Category::Shirt
            | Category::Knitwear
            | Category::Dress
            | Category::Outerwear => Support::Shoulders,
        }
    }

    /// The anchors among particles at `x`, given each one's closest point on the body (`None`:
    /// none known).
    pub fn anchors(self, x: &[Vec3], body: &[Option<SignedHit>]) -> Vec<bool> {
        let (low, high) = x
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p.y), hi.max(p.y))
            });
        match self {
            Support::Waistband => x.iter().map(|p| p.y >= high - WAISTBAND).collect(),
            Support::Shoulders => {
                let middle = 0.5 * (low + high);
                x.iter()
                    .zip(body)
                    .map(|(p, b)| {
                        p.y > middle
                            && b.is_some_and(|h| h.distance < RESTING && h.normal.y > UPWARD)
                    })
                    .collect()
            }
        }
    }
}

/// Every particle's nearest anchor along the cloth and its rest distance there.
#[derive(Clone, Debug, Default)]
pub struct Tethers {
    /// Per particle: its anchor (itself for an anchor), or `u32::MAX` where none is reachable.
    anchor: Vec<u32>,
    /// Per particle: the rest distance along the cloth to its anchor, metres.
    length: Vec<f32>,
    /// The anchor particles and where they are held.
    held: Vec<(u32, Vec3)>,
}

#[derive(PartialEq)]
struct Reached(f32, u32);

impl Eq for Reached {}
impl PartialOrd for Reached {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Reached {
    fn cmp(&self, other: &Self) -> Ordering {
        // Nearest first out of the max-heap.
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl Tethers {
    /// Tethers over `mesh` whose rest shape is `rest`, from the anchors (starting at `start`).
    /// Distances along the cloth run over its edges and across its edge-adjacent triangles (the
    /// bending pairs), which keeps a path's zig-zag small.
    pub fn new(mesh: &ClothMesh, rest: &[Vec3], start: &[Vec3], anchors: &[bool]) -> Tethers {
        let n = mesh.len();
        let mut adjacent: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
        for &[i, j] in mesh.edges.iter().chain(&mesh.bends).chain(&mesh.stitches) {
            let (Some(&a), Some(&b)) = (rest.get(i as usize), rest.get(j as usize)) else {
                continue;
            };
            let d = a.distance(b);
            adjacent[i as usize].push((j, d));
            adjacent[j as usize].push((i, d));
        }
        let mut anchor = vec![u32::MAX; n];
        let mut length = vec![f32::INFINITY; n];
        let mut held = Vec::new();
        let mut queue = BinaryHeap::new();
        for (i, _) in anchors.iter().enumerate().take(n).filter(|(_, a)| **a) {
            anchor[i] = i as u32;
            length[i] = 0.0;
            if let Some(&p) = start.get(i) {
                held.push((i as u32, p));
            }
            queue.push(Reached(0.0, i as u32));
        }
        spread(&adjacent, &mut anchor, &mut length, &mut queue);
        Tethers {
            anchor,
            length,
            held,
        }
    }

    /// Holds the anchors where they started and keeps every other particle within
    /// `1 + slack` times its rest distance along the cloth of its anchor (the anchor is not moved).
    pub fn project(&self, x: &mut [Vec3A], slack: f32) {
        for &(i, at) in &self.held {
            if let Some(p) = x.get_mut(i as usize) {
                *p = at.into();
            }
        }
        for (i, (&a, &length)) in self.anchor.iter().zip(&self.length).enumerate() {
            if a == u32::MAX || a as usize == i || i >= x.len() {
                continue;
            }
            let Some(&at) = x.get(a as usize) else {
                continue;
            };
            let d = x[i] - at;
            let max = length * (1.0 + slack);
            let len2 = d.length_squared();
            if len2 > max * max {
                x[i] = at + d * (max / len2.sqrt());
            }
        }
    }
}

/// Dijkstra from the queued particles: every particle reached gets the nearest anchor along the
/// cloth and its distance.
fn spread(
    adjacent: &[Vec<(u32, f32)>],
    anchor: &mut [u32],
    length: &mut [f32],
    queue: &mut BinaryHeap<Reached>,
) {
    while let Some(Reached(d, i)) = queue.pop() {
        if d > length[i as usize] {
            continue;
        }
        for &(j, step) in &adjacent[i as usize] {
            let next = d + step;
            if next < length[j as usize] {
                length[j as usize] = next;
                anchor[j as usize] = anchor[i as usize];
                queue.push(Reached(next, j));
            }
        }
    }
}
