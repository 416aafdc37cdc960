//! What the garment builders know about the avatar, all derived from its public mesh and tape
//! placements: landmarks (levels, shoulder points, the arm's axis, the legs' centres), horizontal
//! slices of the trunk and legs as convex hulls, and the arm's cross-section at any point of its
//! axis.

use super::skin::Skin;
use crate::body::{Avatar, TapePlacement};
use crate::geometry::{Plane, TriangleMesh, convex_hull, cross_sections, nearest_section};
use crate::measurements::Key;
use glam::{DVec2, Vec3, Vec3Swizzles};

/// Vertical spacing of the precomputed slices (m).
pub(super) const SLICE_STEP: f32 = 0.005;

/// Landmarks of the avatar (left side where a side is meant; the body is mirror symmetric).
#[derive(Clone, Debug)]
pub(super) struct Landmarks {
    pub stature: f32,
    pub y_head: f32,
    pub y_neck: f32,
    pub y_chest: f32,
    pub y_waist: f32,
    pub y_hip: f32,
    pub y_crotch: f32,
    /// Highest level at which the arms are apart from the trunk.
    pub y_axilla: f32,
    /// The left shoulder point.
    pub acromion: Vec3,
    /// A point of the left arm's axis and its unit direction (down the arm).
    pub arm_origin: Vec3,
    pub arm_dir: Vec3,
    /// Distance along the arm's axis from the acromion's foot to the wrist tape.
    pub arm_wrist: f32,
    pub y_knee: f32,
}

impl Landmarks {
    /// Where along the left arm's axis (from the acromion's foot on it) a point lies.
    pub fn arm_point(&self, s: f32) -> Vec3 {
        let foot = (self.acromion - self.arm_origin).dot(self.arm_dir);
        self.arm_origin + self.arm_dir * (foot + s)
    }

    /// The unit vectors spanning a plane across the left arm: outward-up and forward.
    pub fn arm_basis(&self) -> (Vec3, Vec3) {
        let e2 = Vec3::Z;
        let e1 = e2.cross(self.arm_dir).normalize_or(Vec3::X);
        // e1 should point away from the body (outward-up) for the left arm.
        let e1 = if e1.x < 0.0 { -e1 } else { e1 };
        (e1, e2)
    }
}

/// One connected piece of a horizontal slice: centroid and convex hull in (x, z).
#[derive(Clone, Debug)]
pub(super) struct Piece {
    pub centroid: Vec3,
    pub hull: Vec<DVec2>,
}

/// The avatar, measured for garments.
pub(super) struct BodyModel {
    pub mesh: TriangleMesh,
    pub lm: Landmarks,
    pub skin: Skin,
    /// Slices at `y = i * SLICE_STEP`.
    slices: Vec<Vec<Piece>>,
}

impl BodyModel {
    pub fn new(avatar: &Avatar) -> Self {
        let mesh = avatar.mesh.clone();
        let placement = |key: Key| avatar.tape(key);
        let vertex = |i: u32| {
            mesh.positions
                .get(i as usize)
                .copied()
                .unwrap_or(Vec3::ZERO)
        };
        let girth = |key: Key| match placement(key) {
            Some(TapePlacement::Girth(plane)) => (plane.origin, plane.normal),
            _ => (Vec3::ZERO, Vec3::Y),
        };
        let stature = mesh.positions.iter().map(|p| p.y).fold(0.0, f32::max);
        let acromion = match placement(Key::ShoulderWidth) {
            Some(TapePlacement::Length { from, to }) => {
                let (a, b) = (vertex(from), vertex(to));
                if a.x >= b.x { a } else { b }
            }
            _ => Vec3::ZERO,
        };
        let crotch = match placement(Key::InsideLeg) {
            Some(TapePlacement::Height { top }) => vertex(top),
            _ => Vec3::ZERO,
        };
        let (upper, arm_dir) = girth(Key::UpperArmGirth);
        let (wrist, _) = girth(Key::WristGirth);
        let arm_dir = arm_dir.normalize_or(Vec3::NEG_Y);
        let arm_dir = if arm_dir.y > 0.0 { -arm_dir } else { arm_dir };
        let mut lm = Landmarks {
            stature,
            y_head: girth(Key::HeadGirth).0.y,
            y_neck: girth(Key::NeckGirth).0.y,
            y_chest: girth(Key::ChestGirth).0.y,
            y_waist: girth(Key::WaistGirth).0.y,
            y_hip: girth(Key::HipGirth).0.y,
            y_crotch: crotch.y,
            y_axilla: 0.0,
            acromion,
            arm_origin: upper,
            arm_dir,
            arm_wrist: 0.0,
            y_knee: girth(Key::KneeGirth).0.y,
        };
        let foot = (acromion - upper).dot(arm_dir);
        lm.arm_wrist = (wrist - upper).dot(arm_dir) - foot;

        let count = (stature / SLICE_STEP).floor() as usize + 1;
        let slices = (0..count)
            .map(|i| slice(&mesh, i as f32 * SLICE_STEP))
            .collect();
        let mut model = BodyModel {
            skin: Skin::new(&mesh),
            mesh,
            lm,
            slices,
        };
        model.lm.y_axilla = model.find_axilla();
        model
    }

    /// The slice index nearest to `y`.
    pub fn index(&self, y: f32) -> usize {
        ((y / SLICE_STEP).round().max(0.0) as usize).min(self.slices.len() - 1)
    }

    pub fn pieces(&self, i: usize) -> &[Piece] {
        &self.slices[i.min(self.slices.len() - 1)]
    }

    /// Pieces that belong to the arms and hands: far out to the side.
    fn is_arm(&self, piece: &Piece) -> bool {
        piece.centroid.x.abs() > self.lm.acromion.x * 1.05
    }

    /// The highest slice below the shoulders in which the arms are separate pieces.
    fn find_axilla(&self) -> f32 {
        let (lo, hi) = (self.index(self.lm.y_chest), self.index(self.lm.acromion.y));
        let mut best = self.lm.y_chest;
        for i in lo..=hi {
            let arms = self.slices[i].iter().filter(|p| self.is_arm(p)).count();
            if arms >= 2 {
                best = i as f32 * SLICE_STEP;
            }
        }
        best
    }

    /// The trunk's convex hull (x, z) in slice `i`: torso, neck and head, or both legs together
    /// below the crotch; never the arms (cut off at the shoulder points where they join).
    pub fn trunk_hull(&self, i: usize) -> Vec<DVec2> {
        let clip = f64::from(self.lm.acromion.x);
        let points: Vec<DVec2> = self
            .pieces(i)
            .iter()
            .filter(|p| !self.is_arm(p))
            .flat_map(|p| p.hull.iter().copied())
            .filter(|q| q.x.abs() <= clip)
            .collect();
        convex_hull(&points)
    }

    /// The left (`side` = 1) or right (−1) leg's hull in slice `i`, below the crotch.
    pub fn leg_hull(&self, i: usize, side: f32) -> Vec<DVec2> {
        self.pieces(i)
            .iter()
            .filter(|p| !self.is_arm(p) && p.centroid.x * side > 0.0)
            .max_by(|a, b| a.hull.len().cmp(&b.hull.len()))
            .map(|p| p.hull.clone())
            .unwrap_or_default()
    }

    /// The left arm's cross-section hull in the plane across its axis at `s` (from the
    /// acromion), in the plane's basis ([`Landmarks::arm_basis`]) about the axis point.
    pub fn arm_hull(&self, s: f32) -> Vec<DVec2> {
        let centre = self.lm.arm_point(s);
        let (e1, e2) = self.lm.arm_basis();
        let across = Plane {
            origin: centre,
            normal: self.lm.arm_dir,
        };
        let Some(nearest) = nearest_section(&self.mesh, across) else {
            return Vec::new();
        };
        let flat: Vec<DVec2> = nearest
            .points
            .iter()
            .map(|p| {
                let d = *p - centre;
                DVec2::new(f64::from(d.dot(e1)), f64::from(d.dot(e2)))
            })
            .collect();
        convex_hull(&flat)
    }
}

/// The horizontal slice of `mesh` at height `y` as pieces with hulls, in a stable order.
fn slice(mesh: &TriangleMesh, y: f32) -> Vec<Piece> {
    let level = Plane {
        origin: Vec3::new(0.0, y, 0.0),
        normal: Vec3::Y,
    };
    let mut pieces: Vec<Piece> = cross_sections(mesh, level)
        .into_iter()
        .filter(|s| s.points.len() >= 3)
        .map(|s| {
            let flat: Vec<DVec2> = s.points.iter().map(|p| p.xz().as_dvec2()).collect();
            Piece {
                centroid: s.centroid(),
                hull: convex_hull(&flat),
            }
        })
        .collect();
    pieces.sort_by(|a, b| {
        a.centroid
            .x
            .total_cmp(&b.centroid.x)
            .then(a.centroid.z.total_cmp(&b.centroid.z))
    });
    pieces
}

/// Convex hull of several point sets.
pub(super) fn hull_of(sets: &[&[DVec2]]) -> Vec<DVec2> {
    let points: Vec<DVec2> = sets.iter().flat_map(|s| s.iter().copied()).collect();
    convex_hull(&points)
}

/// The offset of a convex polygon (counter-clockwise) by `e` ≥ 0, as a polyline with rounded
/// corners: the curve a tape laid `e` outside the polygon would follow.
pub(super) fn offset_hull(hull: &[DVec2], e: f64) -> Vec<DVec2> {
    let n = hull.len();
    if n < 3 || e <= 0.0 {
        return hull.to_vec();
    }
    let normal = |i: usize| {
        let d = hull[(i + 1) % n] - hull[i];
        DVec2::new(d.y, -d.x).normalize_or_zero()
    };
    let mut out = Vec::with_capacity(n * 3);
    for (i, &corner) in hull.iter().enumerate() {
        let (n0, n1) = (normal((i + n - 1) % n), normal(i));
        let (a0, mut a1) = (n0.y.atan2(n0.x), n1.y.atan2(n1.x));
        if a1 < a0 {
            a1 += std::f64::consts::TAU;
        }
        let steps = ((a1 - a0) / 0.15).ceil().max(1.0) as usize;
        for k in 0..=steps {
            let a = a0 + (a1 - a0) * k as f64 / steps as f64;
            out.push(corner + DVec2::new(a.cos(), a.sin()) * e);
        }
    }
    out
}

/// The radius of a star-shaped closed polyline seen from `centre` in each direction `θ` of
/// `angles`, direction θ being `(sin θ, cos θ)` in the polyline's (a, b) plane.
pub(super) fn radial(poly: &[DVec2], centre: DVec2, angles: &[f64]) -> Vec<f32> {
    use std::f64::consts::{PI, TAU};
    const BUCKETS: usize = 256;
    let pts: Vec<DVec2> = poly.iter().map(|&q| q - centre).collect();
    let m = pts.len();
    let bucket = |a: f64| ((a + PI).rem_euclid(TAU) / TAU * BUCKETS as f64) as usize % BUCKETS;
    // Each segment is listed in every angular bucket it spans.
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); BUCKETS];
    for i in 0..m {
        let (a, b) = (pts[i], pts[(i + 1) % m]);
        let (aa, ab) = (a.x.atan2(a.y), b.x.atan2(b.y));
        let d = (ab - aa + PI).rem_euclid(TAU) - PI;
        let (lo, hi) = if d >= 0.0 { (aa, aa + d) } else { (aa + d, aa) };
        let (first, count) = (bucket(lo), ((hi - lo) / TAU * BUCKETS as f64) as usize + 2);
        for k in 0..count.min(BUCKETS) {
            buckets[(first + k) % BUCKETS].push(i);
        }
    }
    let hit = |dir: DVec2, i: usize| -> Option<f64> {
        let (a, b) = (pts[i], pts[(i + 1) % m]);
        // The ray t·dir meets segment a + u(b − a) for u in [0, 1].
        let denom = dir.perp_dot(b - a);
        if denom.abs() < 1e-15 {
            return None;
        }
        let t = a.perp_dot(b - a) / denom;
        let u = a.perp_dot(dir) / denom;
        (t > 0.0 && (-1e-9..=1.0 + 1e-9).contains(&u)).then_some(t)
    };
    angles
        .iter()
        .map(|&theta| {
            let dir = DVec2::new(theta.sin(), theta.cos());
            let best = buckets[bucket(theta)]
                .iter()
                .filter_map(|&i| hit(dir, i))
                .fold(None, |best: Option<f64>, t| {
                    Some(best.map_or(t, |b| b.max(t)))
                });
            best.unwrap_or_else(|| (0..m).filter_map(|i| hit(dir, i)).fold(0.0, f64::max)) as f32
        })
        .collect()
}

/// Bounding-box centre of a polygon.
pub(super) fn box_centre(poly: &[DVec2]) -> DVec2 {
    let (lo, hi) = poly.iter().fold(
        (DVec2::splat(f64::INFINITY), DVec2::splat(f64::NEG_INFINITY)),
        |(lo, hi), &q| (lo.min(q), hi.max(q)),
    );
    (lo + hi) / 2.0
}
