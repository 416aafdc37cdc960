//! How far a point is from the avatar's surface and on which side: a uniform grid of the body's
//! triangles for closest-point queries, and a forward ray's crossing parity for inside/outside.
//! Garment vertices that come closer than the clearance are pushed out along the shortest way.

use crate::body::BodyMesh;
use glam::{DVec2, Vec3};

/// Cell size of the 3-D grid (m).
const CELL: f32 = 0.02;
/// Cell size of the 2-D (x, y) grid used by the forward ray (m).
const COLUMN: f32 = 0.01;

/// The avatar's triangles, bucketed for proximity queries.
pub(super) struct Proximity {
    tris: Vec<[Vec3; 3]>,
    origin: Vec3,
    dims: [usize; 3],
    start: Vec<u32>,
    items: Vec<u32>,
    origin2: DVec2,
    dims2: [usize; 2],
    start2: Vec<u32>,
    items2: Vec<u32>,
}

impl Proximity {
    pub fn new(mesh: &BodyMesh) -> Self {
        let tris: Vec<[Vec3; 3]> = mesh
            .indices
            .chunks_exact(3)
            .filter(|t| t.iter().all(|&i| (i as usize) < mesh.positions.len()))
            .map(|t| [t[0], t[1], t[2]].map(|i| mesh.positions[i as usize]))
            .filter(|t| (t[1] - t[0]).cross(t[2] - t[0]).length_squared() > 0.0)
            .collect();
        let (lo, hi) = tris.iter().flatten().fold(
            (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY)),
            |(lo, hi), &p| (lo.min(p), hi.max(p)),
        );
        let origin = lo - Vec3::splat(CELL);
        let span = hi + Vec3::splat(CELL) - origin;
        let dims = [0, 1, 2].map(|a| (span[a] / CELL).ceil().max(1.0) as usize);
        let cell_of = |p: Vec3| {
            [0, 1, 2]
                .map(|a| (((p[a] - origin[a]) / CELL).floor().max(0.0) as usize).min(dims[a] - 1))
        };
        let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); dims[0] * dims[1] * dims[2]];
        for (i, t) in tris.iter().enumerate() {
            let a = cell_of(t[0].min(t[1]).min(t[2]));
            let b = cell_of(t[0].max(t[1]).max(t[2]));
            for x in a[0]..=b[0] {
                for y in a[1]..=b[1] {
                    for z in a[2]..=b[2] {
                        buckets[(x * dims[1] + y) * dims[2] + z].push(i as u32);
                    }
                }
            }
        }
        let (start, items) = flatten(buckets);

        let origin2 = DVec2::new(f64::from(origin.x), f64::from(origin.y));
        let col = f64::from(COLUMN);
        let dims2 = [
            (f64::from(span.x) / col).ceil().max(1.0) as usize,
            (f64::from(span.y) / col).ceil().max(1.0) as usize,
        ];
        let column_of = |x: f64, y: f64| {
            [
                (((x - origin2.x) / col).floor().max(0.0) as usize).min(dims2[0] - 1),
                (((y - origin2.y) / col).floor().max(0.0) as usize).min(dims2[1] - 1),
            ]
        };
        let mut columns: Vec<Vec<u32>> = vec![Vec::new(); dims2[0] * dims2[1]];
        for (i, t) in tris.iter().enumerate() {
            let (x0, x1) = (
                t[0].x.min(t[1].x).min(t[2].x),
                t[0].x.max(t[1].x).max(t[2].x),
            );
            let (y0, y1) = (
                t[0].y.min(t[1].y).min(t[2].y),
                t[0].y.max(t[1].y).max(t[2].y),
            );
            let a = column_of(f64::from(x0), f64::from(y0));
            let b = column_of(f64::from(x1), f64::from(y1));
            for x in a[0]..=b[0] {
                for y in a[1]..=b[1] {
                    columns[x * dims2[1] + y].push(i as u32);
                }
            }
        }
        let (start2, items2) = flatten(columns);
        Proximity {
            tris,
            origin,
            dims,
            start,
            items,
            origin2,
            dims2,
            start2,
            items2,
        }
    }

    /// The closest surface point within `radius` of `p`, if any.
    pub fn closest(&self, p: Vec3, radius: f32) -> Option<Vec3> {
        let lo = ((p - Vec3::splat(radius) - self.origin) / CELL).floor();
        let hi = ((p + Vec3::splat(radius) - self.origin) / CELL).floor();
        let range = |a: usize| {
            let max = self.dims[a] as f32 - 1.0;
            (
                lo[a].clamp(0.0, max) as usize,
                hi[a].clamp(0.0, max) as usize,
            )
        };
        if (0..3).any(|a| hi[a] < 0.0 || lo[a] > self.dims[a] as f32 - 1.0) {
            return None;
        }
        let ((x0, x1), (y0, y1), (z0, z1)) = (range(0), range(1), range(2));
        let mut best: Option<(f32, Vec3)> = None;
        let limit = radius * radius;
        for x in x0..=x1 {
            for y in y0..=y1 {
                for z in z0..=z1 {
                    let cell = (x * self.dims[1] + y) * self.dims[2] + z;
                    let (s, e) = (self.start[cell] as usize, self.start[cell + 1] as usize);
                    for &t in &self.items[s..e] {
                        let q = closest_on_triangle(p, &self.tris[t as usize]);
                        let d = q.distance_squared(p);
                        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                            best = Some((d, q));
                        }
                    }
                }
            }
        }
        best.map(|(_, q)| q)
    }

    /// Whether `p` is inside the body: a ray straight forward (+z) crosses the surface an odd
    /// number of times.
    pub fn inside(&self, p: Vec3) -> bool {
        let q = DVec2::new(f64::from(p.x), f64::from(p.y));
        let c = (q - self.origin2) / f64::from(COLUMN);
        if c.x < 0.0 || c.y < 0.0 {
            return false;
        }
        let (cx, cz) = (c.x.floor() as usize, c.y.floor() as usize);
        if cx >= self.dims2[0] || cz >= self.dims2[1] {
            return false;
        }
        let cell = cx * self.dims2[1] + cz;
        let (s, e) = (self.start2[cell] as usize, self.start2[cell + 1] as usize);
        let mut crossings = 0;
        for &t in &self.items2[s..e] {
            let t = &self.tris[t as usize];
            if let Some(z) = forward_hit(t, q)
                && z > f64::from(p.z)
            {
                crossings += 1;
            }
        }
        crossings % 2 == 1
    }

    /// Moves `p` to at least `clearance` outside the surface (unchanged when it already is).
    pub fn push_out(&self, p: Vec3, clearance: f32) -> Vec3 {
        let mut p = p;
        for _ in 0..4 {
            if self.inside(p) {
                let Some(q) = self.closest(p, 0.6) else {
                    return p;
                };
                p = q + (q - p).normalize_or(Vec3::Y) * clearance;
            } else {
                match self.closest(p, clearance) {
                    Some(q) => {
                        let d = p - q;
                        if d.length() >= clearance * 0.999 {
                            return p;
                        }
                        p = q + d.normalize_or(Vec3::Y) * clearance;
                    }
                    None => return p,
                }
            }
        }
        p
    }
}

/// Buckets as one offset table and one item list.
fn flatten(buckets: Vec<Vec<u32>>) -> (Vec<u32>, Vec<u32>) {
    let mut start = Vec::with_capacity(buckets.len() + 1);
    let mut items = Vec::new();
    for b in buckets {
        start.push(items.len() as u32);
        items.extend(b);
    }
    start.push(items.len() as u32);
    (start, items)
}

/// Where the line along z through `q` (x, y) meets the triangle: its z, if it does. Points on an
/// edge count for exactly one of the two triangles sharing it (a top-left rule).
fn forward_hit(t: &[Vec3; 3], q: DVec2) -> Option<f64> {
    let v = t.map(|p| DVec2::new(f64::from(p.x), f64::from(p.y)));
    let area = (v[1] - v[0]).perp_dot(v[2] - v[0]);
    if area == 0.0 {
        return None;
    }
    let sign = area.signum();
    let mut w = [0.0; 3];
    for k in 0..3 {
        let (a, b) = (v[(k + 1) % 3], v[(k + 2) % 3]);
        let e = (b - a).perp_dot(q - a) * sign;
        let d = (b - a) * sign;
        let top_left = d.y < 0.0 || (d.y == 0.0 && d.x > 0.0);
        if e < 0.0 || (e == 0.0 && !top_left) {
            return None;
        }
        w[k] = e;
    }
    let sum = w[0] + w[1] + w[2];
    if sum <= 0.0 {
        return None;
    }
    Some((0..3).map(|k| w[k] * f64::from(t[k].z)).sum::<f64>() / sum)
}

/// The closest point of a triangle to `p` (Ericson, Real-Time Collision Detection, 5.1.5).
pub(super) fn closest_on_triangle(p: Vec3, t: &[Vec3; 3]) -> Vec3 {
    let (a, b, c) = (t[0], t[1], t[2]);
    let (ab, ac, ap) = (b - a, c - a, p - a);
    let (d1, d2) = (ab.dot(ap), ac.dot(ap));
    if d1 <= 0.0 && d2 <= 0.0 {
        return a;
    }
    let bp = p - b;
    let (d3, d4) = (ab.dot(bp), ac.dot(bp));
    if d3 >= 0.0 && d4 <= d3 {
        return b;
    }
    let vc = d1 * d4 - d3 * d2;
    if vc <= 0.0 && d1 >= 0.0 && d3 <= 0.0 {
        return a + ab * (d1 / (d1 - d3));
    }
    let cp = p - c;
    let (d5, d6) = (ab.dot(cp), ac.dot(cp));
    if d6 >= 0.0 && d5 <= d6 {
        return c;
    }
    let vb = d5 * d2 - d1 * d6;
    if vb <= 0.0 && d2 >= 0.0 && d6 <= 0.0 {
        return a + ac * (d2 / (d2 - d6));
    }
    let va = d3 * d6 - d5 * d4;
    if va <= 0.0 && (d4 - d3) >= 0.0 && (d5 - d6) >= 0.0 {
        return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    }
    let denom = 1.0 / (va + vb + vc);
    a + ab * (vb * denom) + ac * (vc * denom)
}
