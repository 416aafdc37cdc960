//! The hand, grown from the wrist ring: a palm that parts into the thumb 30 % of the way down
//! and into four fingers at the knuckles. A ring parts along chords between its two flat sides
//! (the back of the hand and the palm): each part is a loop of the ring's own vertices, the
//! chords shared by the neighbouring parts, so the mesh stays one closed surface. Proportions
//! from the hand length and breadth (the survey's), shapes from anthropometric averages.

use super::{Frame, direction, unwrap};
use crate::body::mesh::MeshBuilder;
use crate::body::section::{LimbSection, angle_terms, smoothstep};
use glam::{Vec2, Vec3};
use std::f32::consts::TAU;

/// Where the hand lies and how large it is: the wrist ring's centre, the arm's direction `d`
/// and the ring's axes (`e1` across the palm's thickness, `e2` forwards, across its breadth);
/// the hand's length and half its breadth (metres) and the body's scale `k`.
pub(super) struct HandFrame {
    pub wrist: Vec3,
    pub d: Vec3,
    pub e1: Vec3,
    pub e2: Vec3,
    pub length: f32,
    pub half_breadth: f32,
    pub k: f32,
}

/// The angle round the wrist (in its ring's plane, from `e1` towards `e2`; mirrored for the
/// right hand) of the hand's first vertex: about where the wrist ring's first vertex lies on
/// every body (2.20–2.44 on the survey's extremes: it comes from the armscye's front, low corner).
const HAND_START: f32 = 2.3;

/// How far down the hand (fraction of its length) the thumb parts from the palm.
const THUMB_AT: f32 = 0.3;
/// How far the thumb turns forwards from the hand's direction, degrees: it lies along the
/// index finger's side, where a long cuff passes over it as over the palm.
const THUMB_ANGLE: f32 = 15.0;
/// How far down the hand the fingers part (the knuckles).
const KNUCKLES_AT: f32 = 0.55;
/// A relaxed hand's fingers bend towards the palm at each joint, degrees: at the knuckle, the
/// middle joint and the end joint (a hand hanging at rest: about 10–20°, 20–30°, 10–15°; kept
/// at the low end, so a cuff over the hand passes over them as over the palm).
const FINGER_CURL: [f32; 3] = [10.0, 20.0, 10.0];
/// Where along a finger (fraction of its length from the knuckle) each joint bends, and over
/// how much of its length a bend is spread.
const FINGER_JOINTS: [f32; 3] = [0.05, 0.45, 0.75];
const JOINT_SPREAD: f32 = 0.16;

/// Builds the hand onto `wrist_ring` (vertices at the `even` angles of `wrist`, radians); `v(s)`
/// is the texture row at `s` metres beyond the wrist.
pub(super) fn hand(
    mesh: &mut MeshBuilder,
    wrist_ring: &[u32],
    wrist: &LimbSection,
    even: &[f32],
    f: &HandFrame,
    v: impl Fn(f32) -> f32,
) {
    let (hl, hb, k) = (f.length, f.half_breadth, f.k);
    let frame = |s: f32, z: f32, e2: Vec3| Frame {
        centre: f.wrist + f.d * s + f.e2 * z,
        e1: f.e1,
        e2,
    };
    // The heel of the hand: from the wrist's ring to a broad ring where the thumb parts. Its
    // vertices turn on to fixed angles on the way (by the few degrees the wrist's first vertex
    // lies off them), so where the hand parts is the same vertices on every body.
    let n = even.len();
    let dir = if even.len() > 1 && even[1] < even[0] {
        -1.0
    } else {
        1.0
    };
    let fixed: Vec<f32> = (0..n)
        .map(|j| dir * (HAND_START + TAU * j as f32 / n as f32))
        .collect();
    let mut previous = wrist_ring.to_vec();
    let thumb_breadth = 1.25 * hb;
    for j in 1..=3 {
        let t = j as f32 / 3.0;
        let w = smoothstep(t);
        let section = LimbSection {
            r1: wrist.r1 + (0.016 * k - wrist.r1) * w,
            r2: wrist.r2 + (thumb_breadth - wrist.r2) * w,
            back: 0.0,
        };
        let turned: Vec<f32> = even
            .iter()
            .zip(&fixed)
            .map(|(a, b)| a + (b - a) * w)
            .collect();
        let s = hl * THUMB_AT * t;
        let points: Vec<Vec3> = angle_terms(&turned)
            .iter()
            .map(|a| frame(s, 0.0, f.e2).place(section.point(a)))
            .collect();
        let ring = mesh.ring(&points, v(s));
        mesh.stitch(&previous, &ring);
        previous = ring;
    }

    // The thumb parts off the front of that ring, the palm goes on. Where each part begins is
    // chosen on the fixed angles alone (a unit-scale hand): the same vertices for every body.
    let s_split = hl * THUMB_AT;
    let split = frame(s_split, 0.0, f.e2);
    let z_thumb = 0.55;
    let unit: Vec<Vec2> = fixed.iter().map(|t| Vec2::new(t.cos(), t.sin())).collect();
    let parts = part(&unit, &[z_thumb]);
    let (palm_loop, thumb_loop) = (pick(&previous, &parts[0]), pick(&previous, &parts[1]));

    // The palm: from the part the thumb left to the knuckles, as broad as the hand there. Its
    // first parameters are those of the palm's part in the unit hand (the same for every body).
    let palm_r1 = |t: f32| 0.016 * k + (0.014 * k - 0.016 * k) * t;
    let unit_half = (1.0 + z_thumb) / 2.0;
    let unit_centre = (z_thumb - 1.0) / 2.0;
    let palm_half = |t: f32| thumb_breadth * unit_half + (hb - thumb_breadth * unit_half) * t;
    let palm_centre = |t: f32| thumb_breadth * unit_centre * (1.0 - t);
    let from = unwrap(
        parts[0]
            .iter()
            .map(|&j| Vec2::new(unit[j].x, (unit[j].y - unit_centre) / unit_half)),
    );
    let palm_dir = direction(&from);
    let mut previous = palm_loop;
    const PALM_RINGS: usize = 4;
    for j in 1..=PALM_RINGS {
        let t = j as f32 / PALM_RINGS as f32;
        let (r1, half) = (palm_r1(t), palm_half(t));
        let to = even_arc(from[0], palm_dir, from.len(), r1, half);
        let mix = (j as f32 / 2.0).min(1.0);
        let s = s_split + (hl * KNUCKLES_AT - s_split) * t;
        let centre = frame(s, palm_centre(t), f.e2);
        let points: Vec<Vec3> = from
            .iter()
            .zip(&to)
            .map(|(a, b)| ellipse(&centre, r1, half, a + (b - a) * mix))
            .collect();
        let ring = mesh.ring(&points, v(s));
        mesh.stitch(&previous, &ring);
        previous = ring;
    }

    // Four fingers at the knuckles, little finger at the back, index at the front, spreading a
    // little; then the thumb, turned forwards and towards the palm.
    let knuckles = frame(hl * KNUCKLES_AT, 0.0, f.e2);
    // On the unit hand too: a palm ring of the typical breadth-to-thickness ratio.
    let unit_knuckles: Vec<Vec2> = even_arc(from[0], palm_dir, from.len(), 0.33, 1.0)
        .iter()
        .map(|t| Vec2::new(t.cos(), t.sin()))
        .collect();
    let fingers: Vec<Vec<u32>> = part(&unit_knuckles, &[-0.5, 0.0, 0.5])
        .iter()
        .map(|l| pick(&previous, l))
        .collect();
    let finger_length = hl * (1.0 - KNUCKLES_AT);
    let specs = [(0.78, -7.0f32), (0.95, -3.0), (1.0, 0.0), (0.92, 3.5)];
    for (loop_, (share, spread)) in fingers.iter().zip(specs) {
        let (sin, cos) = spread.to_radians().sin_cos();
        let dir = f.d * cos + f.e2 * sin;
        let across = f.e2 * cos - f.d * sin;
        let radius = (0.2 * hb).min(0.0095 * k);
        digit(
            mesh,
            loop_,
            &knuckles,
            Digit {
                dir,
                hand: f.d,
                e1: f.e1,
                e2: across,
                length: finger_length * share,
                r1: 0.0085 * k,
                r2: radius,
                curl: FINGER_CURL,
                tip: Tip::Finger,
            },
            |s| v(hl * KNUCKLES_AT + s),
        );
    }
    let thumb_dir = (f.d * THUMB_ANGLE.to_radians().cos() + f.e2 * THUMB_ANGLE.to_radians().sin()
        - f.e1 * 0.2)
        .normalize_or(f.d);
    let e1 = (f.e1 - thumb_dir * f.e1.dot(thumb_dir)).normalize_or(f.e1);
    let e2 = (f.e2 - thumb_dir * f.e2.dot(thumb_dir) - e1 * f.e2.dot(e1)).normalize_or(f.e2);
    digit(
        mesh,
        &thumb_loop,
        &split,
        Digit {
            dir: thumb_dir,
            hand: f.d,
            e1,
            e2,
            length: 0.36 * hl,
            r1: 0.0095 * k,
            r2: 0.0105 * k,
            curl: [0.0; 3],
            tip: Tip::Finger,
        },
        |s| v(s_split + s),
    );
}

/// A finger or the thumb: its direction, the axes of its rings, its length, its base radii and
/// how far it bends towards the palm (−`e1`) at its three joints (degrees, [`FINGER_JOINTS`]).
/// Its first rings lean from the hand's plane (across `hand`, the hand's direction) into the
/// digit's own, so a digit that turns away (the thumb) does not cut back into the hand.
pub(super) struct Digit {
    pub dir: Vec3,
    pub hand: Vec3,
    pub e1: Vec3,
    pub e2: Vec3,
    pub length: f32,
    pub r1: f32,
    pub r2: f32,
    pub curl: [f32; 3],
    /// Where along it (fractions of its length) its rings stand, and how it ends: rounded off
    /// within the last ring (a finger, [`FINGER_STATIONS`]) or as a half ellipsoid as long as
    /// the digit is wide (a toe, short and blunt).
    pub tip: Tip,
}

/// How a digit ends (see [`Digit`]).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Tip {
    Finger,
    Toe,
}

/// Where a finger's rings stand along it (fractions of its length).
const FINGER_STATIONS: [f32; 6] = [0.1, 0.25, 0.45, 0.65, 0.82, 0.94];
/// Where a toe's rings stand: closer towards the end, where its tip rounds off.
const TOE_STATIONS: [f32; 6] = [0.1, 0.3, 0.5, 0.7, 0.86, 0.96];

impl Digit {
    /// The digit's direction at `u` (fraction of its length): `dir` turned towards the palm by
    /// the joints' bends up to there, each spread smoothly over [`JOINT_SPREAD`].
    fn direction_at(&self, u: f32) -> Vec3 {
        let bent: f32 = self
            .curl
            .iter()
            .zip(FINGER_JOINTS)
            .map(|(deg, at)| deg.to_radians() * smoothstep((u - at) / JOINT_SPREAD + 0.5))
            .sum();
        if bent == 0.0 {
            return self.dir;
        }
        let (sin, cos) = bent.sin_cos();
        self.dir * cos - self.e1 * sin
    }

    /// The centre line's point at each of `stations` (fractions of the length) and at the tip,
    /// from the digit's base: the bent direction integrated along the length.
    fn centre_line(&self, base: Vec3, stations: &[f32]) -> Vec<Vec3> {
        const STEPS: usize = 8;
        let mut points = Vec::with_capacity(stations.len() + 1);
        let (mut at, mut u) = (base, 0.0f32);
        for &next in stations.iter().chain(&[1.0]) {
            let du = (next - u) / STEPS as f32;
            for i in 0..STEPS {
                at += self.direction_at(u + du * (i as f32 + 0.5)) * (self.length * du);
            }
            u = next;
            points.push(at);
        }
        points
    }
}

/// Grows a finger out of `loop_` (vertices of a ring parted at `at`): rings that round off the
/// loop within the first two, narrowing towards the tip, and a fan to the tip.
pub(super) fn digit(
    mesh: &mut MeshBuilder,
    loop_: &[u32],
    at: &Frame,
    g: Digit,
    v: impl Fn(f32) -> f32,
) {
    let (lo, hi) = extent(mesh, loop_, at);
    let base = at.centre + at.e1 * (lo.x + hi.x) / 2.0 + at.e2 * (lo.y + hi.y) / 2.0;
    let start = Frame {
        centre: base,
        e1: g.e1,
        e2: g.e2,
    };
    let from = params(
        mesh,
        loop_,
        &start,
        (hi.x - lo.x) / 2.0,
        (hi.y - lo.y) / 2.0,
    );
    let n = from.len() as f32;
    let dir = direction(&from);
    let to: Vec<f32> = (0..from.len())
        .map(|j| from[0] + dir * TAU * j as f32 / n)
        .collect();
    let mut previous = loop_.to_vec();
    let stations = match g.tip {
        Tip::Finger => FINGER_STATIONS,
        Tip::Toe => TOE_STATIONS,
    };
    let centres = g.centre_line(base, &stations);
    // A toe's tip: a half ellipsoid from where as much of its length is left as it is wide.
    let cap = 1.0 - (g.r1.max(g.r2) / g.length.max(1e-6)).min(0.5);
    for (j, &u) in stations.iter().enumerate() {
        let taper = 1.0 - 0.25 * u;
        let round = match g.tip {
            // The last ring rounds the tip.
            Tip::Finger if j + 1 == stations.len() => 0.7,
            Tip::Finger => 1.0,
            Tip::Toe if u > cap => (1.0 - ((u - cap) / (1.0 - cap)).powi(2)).sqrt(),
            Tip::Toe => 1.0,
        };
        let lean = (u / 0.35).min(1.0);
        let along = g.direction_at(u);
        let normal = (g.hand * (1.0 - lean) + along * lean).normalize_or(along);
        let e1 = (g.e1 - normal * g.e1.dot(normal)).normalize_or(g.e1);
        let e2 = (g.e2 - normal * g.e2.dot(normal) - e1 * g.e2.dot(e1)).normalize_or(g.e2);
        let centre = Frame {
            centre: centres[j],
            e1,
            e2,
        };
        let mix = ((j + 1) as f32 / 2.0).min(1.0);
        let points: Vec<Vec3> = from
            .iter()
            .zip(&to)
            .map(|(a, b)| {
                ellipse(
                    &centre,
                    g.r1 * taper * round,
                    g.r2 * taper * round,
                    a + (b - a) * mix,
                )
            })
            .collect();
        let ring = mesh.ring(&points, v(g.length * u));
        mesh.stitch(&previous, &ring);
        previous = ring;
    }
    let tip = mesh.vertex(centres[stations.len()], Vec2::new(0.5, v(g.length)));
    mesh.fan(&previous, tip);
}

/// The point of an ellipse (semi-axes `r1` along `e1`, `r2` along `e2`) at parameter `t`.
fn ellipse(frame: &Frame, r1: f32, r2: f32, t: f32) -> Vec3 {
    frame.place(Vec2::new(r1 * t.cos(), r2 * t.sin()))
}

/// The smallest and largest local coordinates of a loop's vertices.
fn extent(mesh: &MeshBuilder, loop_: &[u32], frame: &Frame) -> (Vec2, Vec2) {
    loop_.iter().fold(
        (Vec2::splat(f32::INFINITY), Vec2::splat(f32::NEG_INFINITY)),
        |(lo, hi), &i| {
            let q = frame.local(mesh.positions[i as usize]);
            (lo.min(q), hi.max(q))
        },
    )
}

/// The loop's vertices as ellipse parameters around `frame`'s centre (semi-axes `r1`, `r2`),
/// unwrapped so that they run on without jumps.
fn params(mesh: &MeshBuilder, loop_: &[u32], frame: &Frame, r1: f32, r2: f32) -> Vec<f32> {
    unwrap(loop_.iter().map(|&i| {
        let q = frame.local(mesh.positions[i as usize]);
        Vec2::new(q.x / r1.max(1e-6), q.y / r2.max(1e-6))
    }))
}

/// The vertices of `ring` at the given positions.
pub(super) fn pick(ring: &[u32], positions: &[usize]) -> Vec<u32> {
    positions.iter().map(|&j| ring[j]).collect()
}

/// `count` parameters of an ellipse (semi-axes `r1`, `r2`) spaced evenly along its perimeter,
/// the first at `start`, running in `dir`.
fn even_arc(start: f32, dir: f32, count: usize, r1: f32, r2: f32) -> Vec<f32> {
    const STEPS: usize = 64;
    let point = |t: f32| Vec2::new(r1 * t.cos(), r2 * t.sin());
    let t = |i: usize| start + dir * TAU * i as f32 / STEPS as f32;
    let mut arc = Vec::with_capacity(STEPS + 1);
    arc.push(0.0f32);
    // Each step's end is the next one's start: every point is computed once.
    let mut from = point(t(0));
    for i in 1..=STEPS {
        let to = point(t(i));
        arc.push(arc[i - 1] + from.distance(to));
        from = to;
    }
    let total = arc[STEPS];
    (0..count)
        .map(|j| {
            let want = total * j as f32 / count as f32;
            let i = arc.partition_point(|&a| a < want).clamp(1, STEPS);
            let f = (want - arc[i - 1]) / (arc[i] - arc[i - 1]).max(1e-9);
            start + dir * TAU * (i as f32 - 1.0 + f) / STEPS as f32
        })
        .collect()
}

/// Parts a ring along chords across its thickness at the given coordinates across its
/// breadth (increasing): `q` are its points in its own plane (thickness, breadth), in ring
/// order; each chord joins the point of either flat side nearest that coordinate. Returns the
/// loops as positions in the ring, in order of breadth, each in the ring's own order (so it is
/// stitched as the ring would be); a chord is an edge of the two loops beside it, once each way.
pub(super) fn part(q: &[Vec2], at: &[f32]) -> Vec<Vec<usize>> {
    let n = q.len();
    let nearest = |z: f32, upper: bool| {
        (0..n)
            .filter(|&i| (q[i].x > 0.0) == upper)
            .min_by(|&a, &b| (q[a].y - z).abs().total_cmp(&(q[b].y - z).abs()))
            .unwrap_or(0)
    };
    let mut cuts: Vec<(usize, usize)> = at
        .iter()
        .map(|&z| (nearest(z, true), nearest(z, false)))
        .collect();
    // Walking forwards from the first chord's upper end must meet the next chord's upper end
    // before its own lower end (the breadth rising along the upper side); else the sides swap.
    let ahead = |from: usize, to: usize| (to + n - from) % n;
    let rising = match cuts.as_slice() {
        [(a0, b0), (a1, _), ..] => ahead(*a0, *a1) < ahead(*a0, *b0),
        [(a0, _)] => q[(a0 + 1) % n].y >= q[*a0].y,
        [] => return vec![(0..n).collect()],
    };
    if !rising {
        cuts.iter_mut().for_each(|c| *c = (c.1, c.0));
    }
    let walk = |from: usize, to: usize| -> Vec<usize> {
        (0..=ahead(from, to)).map(|i| (from + i) % n).collect()
    };
    let mut loops = Vec::with_capacity(cuts.len() + 1);
    loops.push(walk(cuts[0].1, cuts[0].0));
    for pair in cuts.windows(2) {
        let mut l = walk(pair[0].0, pair[1].0);
        l.extend(walk(pair[1].1, pair[0].1));
        loops.push(l);
    }
    let last = cuts[cuts.len() - 1];
    loops.push(walk(last.0, last.1));
    loops
}
