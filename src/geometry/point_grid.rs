//! Points hashed into cubes: the points inserted so far near a point. Welding a garment's
//! vertices asks before every insertion, which a hierarchy built once over a finished set
//! ([`super::TriangleBvh`]) cannot answer.

use glam::Vec3;
use std::collections::HashMap;

/// Points hashed into cubes of side `size`: every point within `size` of a query lies in the
/// query's cube or one of its 26 neighbours.
#[derive(Clone, Debug)]
pub struct PointGrid {
    size: f32,
    cells: HashMap<(i64, i64, i64), Vec<u32>>,
}

impl PointGrid {
    /// An empty grid whose queries find every point within `size`.
    pub fn new(size: f32) -> PointGrid {
        PointGrid {
            size,
            cells: HashMap::new(),
        }
    }

    fn cell(&self, p: Vec3) -> (i64, i64, i64) {
        let q = (p / self.size).floor();
        (q.x as i64, q.y as i64, q.z as i64)
    }

    /// Adds point `id` at `p`.
    pub fn insert(&mut self, p: Vec3, id: u32) {
        self.cells.entry(self.cell(p)).or_default().push(id);
    }

    /// The points in the cubes around `p` (a superset of those within `size`), cube by cube.
    pub fn near(&self, p: Vec3) -> impl Iterator<Item = u32> + '_ {
        let (cx, cy, cz) = self.cell(p);
        (-1..=1)
            .flat_map(|dx| (-1..=1).flat_map(move |dy| (-1..=1).map(move |dz| (dx, dy, dz))))
            .filter_map(move |(dx, dy, dz)| self.cells.get(&(cx + dx, cy + dy, cz + dz)))
            .flatten()
            .copied()
    }
}
