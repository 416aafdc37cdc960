//! Cross-section shapes: the torso's rounded-box ring with bust, seat and nose bumps, the limbs'
//! ellipses; and scaling a ring so that its tape girth (convex-hull perimeter) is exact.

use super::torso::COLUMNS;
use crate::geometry::{convex_hull_into, hull_perimeter, ring_hull_into};
use glam::{DVec2, Vec2};
use std::cell::RefCell;
use std::f32::consts::{PI, TAU};
use std::sync::LazyLock;

/// Parameters of one torso/neck/head ring (metres). Interpolated between key levels.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct TorsoSection {
    /// Half width (x) at the sides.
    pub a: f32,
    /// Half depth (z) without bumps.
    pub b: f32,
    /// Centre z.
    pub zc: f32,
    /// Bust (or chest muscle) bumps in front, relative to `b`.
    pub bust: f32,
    /// Buttock bumps at the back, relative to `b`.
    pub seat: f32,
    /// Nose bump at the front centre, relative to `b`.
    pub nose: f32,
    /// Shoulder-blade bumps at the back, relative to `b`.
    pub blades: f32,
    /// How much the ring fills its bounding box: 0 the base rounded box, up to 1 towards a
    /// rectangle with rounded corners, down to −1 towards an ellipse (see [`ColumnTerms`]).
    pub fill: f32,
}

impl TorsoSection {
    pub const FIELDS: usize = 8;

    pub fn to_array(self) -> [f32; Self::FIELDS] {
        [
            self.a,
            self.b,
            self.zc,
            self.bust,
            self.seat,
            self.nose,
            self.blades,
            self.fill,
        ]
    }

    pub fn from_array(v: [f32; Self::FIELDS]) -> Self {
        TorsoSection {
            a: v[0],
            b: v[1],
            zc: v[2],
            bust: v[3],
            seat: v[4],
            nose: v[5],
            blades: v[6],
            fill: v[7],
        }
    }

    /// The ring point (x, z) for one column of the torso.
    pub fn point(&self, t: &ColumnTerms) -> Vec2 {
        let base = Vec2::new(t.sx, t.cz);
        let q = if self.fill >= 0.0 {
            base.lerp(Vec2::new(t.box_sx, t.box_cz), self.fill.min(1.0))
        } else {
            base.lerp(Vec2::new(t.round_sx, t.round_cz), (-self.fill).min(1.0))
        };
        let (sx, cz) = (q.x, q.y);
        let z = cz + self.bust * t.bust - self.seat * t.seat - self.blades * t.blades
            + self.nose * t.nose;
        Vec2::new(self.a * sx, self.zc + self.b * z)
    }

    /// The ring's depth (front to back, bumps included), metres.
    pub fn depth(&self, columns: &[ColumnTerms]) -> f32 {
        let (back, front) = self.back_and_front(columns);
        (front - back).max(0.0)
    }

    /// The z of the ring's back (least) and front (greatest), bumps included, metres.
    pub fn back_and_front(&self, columns: &[ColumnTerms]) -> (f32, f32) {
        columns.iter().fold((f32::MAX, f32::MIN), |(lo, hi), t| {
            let z = self.point(t).y;
            (lo.min(z), hi.max(z))
        })
    }

    /// The ring with breadth `breadth` (side to side), depth `depth` (front to back, bumps
    /// included) and tape girth `girth` (metres), all three where the shape allows: its fill is
    /// chosen so that a ring of that breadth and depth has that girth (the girth grows with the
    /// fill), then it is scaled to the girth exactly. Where no fill reaches the girth, the
    /// nearest fill is kept and breadth and depth give way to the girth together.
    pub fn fitted(self, breadth: f32, depth: f32, girth: f32, columns: &[ColumnTerms]) -> Self {
        let with_fill = |fill: f32| {
            let unit = TorsoSection {
                a: 1.0,
                b: 1.0,
                zc: 0.0,
                fill,
                ..self
            };
            let ring = TorsoSection {
                a: 0.5 * breadth,
                b: depth / unit.depth(columns).max(1e-6),
                fill,
                ..self
            };
            let points = columns.iter().map(|t| ring.point(t));
            (ring, ring_girth(points, Vec2::new(0.0, ring.zc)))
        };
        // The girth rises with the fill: bisect for the fill that gives `girth`.
        let (mut lo, mut hi) = (-1.0f32, 1.0f32);
        let (low, low_girth) = with_fill(lo);
        let (high, high_girth) = with_fill(hi);
        let ring = if !(breadth > 0.0 && depth > 0.0 && girth.is_finite()) {
            self
        } else if girth <= low_girth {
            low
        } else if girth >= high_girth {
            high
        } else {
            let (mut g_lo, mut g_hi) = (low_girth, high_girth);
            let mut best = low;
            for _ in 0..8 {
                // Regula falsi, kept inside the bracket.
                let t = ((girth - g_lo) / (g_hi - g_lo)).clamp(0.05, 0.95);
                let mid = lo + (hi - lo) * t;
                let (ring, g) = with_fill(mid);
                best = ring;
                if (g - girth).abs() < 1e-5 {
                    break;
                }
                if g < girth {
                    (lo, g_lo) = (mid, g);
                } else {
                    (hi, g_hi) = (mid, g);
                }
            }
            best
        };
        ring.with_girth(girth, columns)
    }

    /// The tape girth of the ring (the convex hull's perimeter), metres.
    pub fn girth(&self, columns: &[ColumnTerms]) -> f32 {
        ring_girth(
            columns.iter().map(|t| self.point(t)),
            Vec2::new(0.0, self.zc),
        )
    }

    /// Whether the ring's tape girth is under `girth` metres. Decided on every third column
    /// first where that settles it: the hull of some of the ring's points lies inside the hull
    /// of all, so its perimeter is never longer — at or over `girth` there, the whole ring is too.
    pub fn girth_under(&self, girth: f32, columns: &[ColumnTerms]) -> bool {
        let centre = Vec2::new(0.0, self.zc);
        let some = ring_girth(columns.iter().step_by(3).map(|t| self.point(t)), centre);
        some < girth && self.girth(columns) < girth
    }

    /// Scales the ring about its centre so that its tape girth is `girth` metres.
    pub fn with_girth(mut self, girth: f32, columns: &[ColumnTerms]) -> Self {
        let perimeter = self.girth(columns);
        if perimeter > 0.0 && perimeter.is_finite() {
            let s = girth / perimeter;
            self.a *= s;
            self.b *= s;
        }
        self
    }
}

/// What a torso column contributes to every ring, whatever its size: the rounded-box base shape
/// and the bumps' weights at that angle. Computed once per column.
#[derive(Clone, Copy, Debug)]
pub(super) struct ColumnTerms {
    /// The base rounded box (a superellipse-like ring, exponent 0.8).
    pub sx: f32,
    pub cz: f32,
    /// The same column on a ring that nearly fills its box (exponent 0.1) …
    pub box_sx: f32,
    pub box_cz: f32,
    /// … and on an ellipse.
    pub round_sx: f32,
    pub round_cz: f32,
    pub bust: f32,
    pub seat: f32,
    pub blades: f32,
    pub nose: f32,
}

/// The terms of the torso's [`COLUMNS`] columns, computed once for every body.
pub(super) fn torso_columns() -> &'static [ColumnTerms] {
    static TERMS: LazyLock<Vec<ColumnTerms>> = LazyLock::new(|| column_terms(COLUMNS));
    &TERMS
}

/// The terms of `n` columns at angles 2πc/n (0 = front, π/2 = the body's left side, +X).
fn column_terms(n: usize) -> Vec<ColumnTerms> {
    (0..n)
        .map(|c| {
            let theta = TAU * c as f32 / n as f32;
            let (s, co) = theta.sin_cos();
            ColumnTerms {
                sx: signed_pow(s, 0.8),
                cz: signed_pow(co, 0.8),
                box_sx: signed_pow(s, 0.1),
                box_cz: signed_pow(co, 0.1),
                round_sx: s,
                round_cz: co,
                bust: bump(theta, 0.42, 0.36) + bump(theta, -0.42, 0.36),
                seat: bump(theta, PI - 0.55, 0.5) + bump(theta, PI + 0.55, 0.5),
                blades: bump(theta, PI - 0.7, 0.35) + bump(theta, PI + 0.7, 0.35),
                nose: bump(theta, 0.0, 0.2),
            }
        })
        .collect()
}

/// An elliptical limb ring: semi-axes along the frame's two in-plane directions.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct LimbSection {
    pub r1: f32,
    pub r2: f32,
    /// A bulge on the −e2 side (the calf), relative to the radius.
    pub back: f32,
}

impl LimbSection {
    /// The ring point (along e1, along e2) at one precomputed angle.
    pub fn point(&self, t: &AngleTerms) -> Vec2 {
        let bulge = 1.0 + self.back * t.back;
        Vec2::new(self.r1 * t.cos * bulge, self.r2 * t.sin * bulge)
    }

    /// Scales the ring so that its tape girth over the given angles is `girth` metres.
    pub fn with_girth(mut self, girth: f32, angles: &[AngleTerms]) -> Self {
        let perimeter = ring_girth(angles.iter().map(|t| self.point(t)), Vec2::ZERO);
        if perimeter > 0.0 && perimeter.is_finite() {
            let s = girth / perimeter;
            self.r1 *= s;
            self.r2 *= s;
        }
        self
    }
}

/// What one angle around a limb contributes to every ring: computed once per limb.
#[derive(Clone, Copy, Debug)]
pub(super) struct AngleTerms {
    pub cos: f32,
    pub sin: f32,
    /// Weight of the bulge on the −e2 side (the calf).
    pub back: f32,
}

pub(super) fn angle_terms(angles: &[f32]) -> Vec<AngleTerms> {
    angles
        .iter()
        .map(|&a| {
            let (sin, cos) = a.sin_cos();
            AngleTerms {
                cos,
                sin,
                back: bump(a, -PI / 2.0, 0.8),
            }
        })
        .collect()
}

/// The convex-hull perimeter of a ring of points (what a tape around it reads).
pub(super) fn ring_girth(points: impl Iterator<Item = Vec2>, centre: Vec2) -> f32 {
    // A build measures a few hundred rings: their points and hulls reuse this thread's memory
    // (so `points` must not measure a ring itself while it is read).
    thread_local! {
        static SCRATCH: RefCell<(Vec<DVec2>, Vec<DVec2>)> = const { RefCell::new((Vec::new(), Vec::new())) };
    }
    SCRATCH.with_borrow_mut(|(flat, hull)| {
        flat.clear();
        flat.extend(points.map(|p| (p - centre).as_dvec2()));
        if !ring_hull_into(flat, hull) {
            convex_hull_into(flat, hull);
        }
        hull_perimeter(hull) as f32
    })
}

fn signed_pow(v: f32, e: f32) -> f32 {
    v.signum() * v.abs().powf(e)
}

/// 0 below 0, 1 above 1, a smooth cubic between.
pub(super) fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// `(1 − r²)²` for `r² = x² + y²` inside the unit disc, 0 outside: a smooth bump that is exactly
/// 0 beyond its edge.
pub(super) fn disc_bump(x: f32, y: f32) -> f32 {
    let r2 = x * x + y * y;
    if r2 >= 1.0 {
        0.0
    } else {
        (1.0 - r2) * (1.0 - r2)
    }
}

/// A Gaussian bump of width `w` centred at angle `at`, wrapped around the circle.
fn bump(theta: f32, at: f32, w: f32) -> f32 {
    let d = wrap_turn(theta - at + PI) - PI;
    (-(d / w) * (d / w)).exp()
}

/// `x.rem_euclid(TAU)`, the same to the bit, without a division where `x` lies within a turn of
/// `[0, TAU)` (as every angle the body's rings use does): there subtracting or adding one turn
/// is exact.
pub(super) fn wrap_turn(x: f32) -> f32 {
    if (0.0..TAU).contains(&x) {
        x
    } else if (TAU..2.0 * TAU).contains(&x) {
        x - TAU
    } else if x > -TAU && x < 0.0 {
        x + TAU
    } else {
        x.rem_euclid(TAU)
    }
}

/// [`pchip`] of several value rows over the same knots at one `x` (the knot interval and the
/// cubic's weights found once), each the same to the bit as its own call.
pub(super) fn pchip_rows<const N: usize>(xs: &[f32], rows: [&[f32]; N], x: f32) -> [f32; N] {
    let n = xs.len();
    if n < 2 || x <= xs[0] || x >= xs[n - 1] || rows.iter().any(|ys| ys.len() != n) {
        return rows.map(|ys| pchip(xs, ys, x));
    }
    pchip_inside(xs, rows, x)
}

/// [`pchip_rows`] for `x` strictly inside the knots (at least two), every row at least as long as
/// `xs`.
fn pchip_inside<const N: usize>(xs: &[f32], rows: [&[f32]; N], x: f32) -> [f32; N] {
    let n = xs.len();
    let i = xs.windows(2).position(|w| x < w[1]).unwrap_or(n - 2);
    let h = xs[i + 1] - xs[i];
    let t = (x - xs[i]) / h.max(1e-9);
    let (t2, t3) = (t * t, t * t * t);
    let weights = [
        2.0 * t3 - 3.0 * t2 + 1.0,
        t3 - 2.0 * t2 + t,
        -2.0 * t3 + 3.0 * t2,
        t3 - t2,
    ];
    rows.map(|ys| {
        let (m0, m1) = (slope(xs, ys, i) * h, slope(xs, ys, i + 1) * h);
        weights[0] * ys[i] + weights[1] * m0 + weights[2] * ys[i + 1] + weights[3] * m1
    })
}

/// The Fritsch–Carlson tangent at knot `k` (the harmonic mean of the neighbouring secants, 0
/// at a turn, the secant at either end).
fn slope(xs: &[f32], ys: &[f32], k: usize) -> f32 {
    let n = xs.len();
    let secant = |k: usize| (ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k]).max(1e-9);
    if k == 0 {
        secant(0)
    } else if k == n - 1 {
        secant(n - 2)
    } else {
        let (d0, d1) = (secant(k - 1), secant(k));
        if d0 * d1 <= 0.0 {
            0.0
        } else {
            2.0 / (1.0 / d0 + 1.0 / d1)
        }
    }
}

/// Monotone cubic interpolation (Fritsch–Carlson) through knots with increasing `xs`.
pub(super) fn pchip(xs: &[f32], ys: &[f32], x: f32) -> f32 {
    let n = xs.len();
    if n == 0 {
        return 0.0;
    }
    if n == 1 || x <= xs[0] {
        return ys[0];
    }
    if x >= xs[n - 1] {
        return ys[n - 1];
    }
    let [y] = pchip_inside(xs, [ys], x);
    y
}
