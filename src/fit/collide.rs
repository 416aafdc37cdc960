//! Collisions of the cloth with the body and with garments draped underneath.
//!
//! Each particle keeps a contact plane per obstacle. Against the body: its closest point and
//! normal, found with the body's BVH, and in a crease of the body (where that closest side turned
//! sharply since the last refresh) the side it left as well. Against a lower garment: where that
//! garment's outermost sheet lies along the body's normal through the particle
//! ([`LayerCollider::cover`]), its face turned away from the body. Planes are refreshed only
//! when a particle has moved far enough for its plane to go stale (conservative: a particle `d`
//! away from every surface cannot reach one before it has moved `d`), and are enforced every
//! substep with a margin and Coulomb friction (Macklin et al. 2014, "Unified Particle Physics",
//! §6.1).

use super::layer::LayerCollider;
use super::spatial::{SignedHit, Surface};
use crate::geometry::{Hit, Plane};
use glam::{Vec3, Vec3A};

/// A closed surface the cloth must stay outside of (the body), with its margin.
#[derive(Clone, Copy, Debug)]
pub struct Collider<'a> {
    /// The surface with its BVH and pseudo-normals (the shopper's body).
    pub surface: &'a Surface,
    /// Distance the cloth keeps from the surface, metres.
    pub margin: f32,
}

impl Collider<'_> {
    /// The signed distance within `radius`, if any.
    pub fn query(&self, p: Vec3, radius: f32, hint: Option<u32>) -> Option<SignedHit> {
        let hit = self.surface.bvh.closest_from(p, radius, hint)?;
        Some(self.signed(p, hit))
    }

    /// The nearest hit within `radius` on a triangle of another group than `group` (the other
    /// side of a crease), if the surface has groups.
    pub fn query_other(&self, p: Vec3, radius: f32, group: u8) -> Option<SignedHit> {
        if self.surface.groups.is_empty() {
            return None;
        }
        let hit = self
            .surface
            .bvh
            .closest_where(p, radius, None, |t| self.surface.group(t) != group)?;
        Some(self.signed(p, hit))
    }

    fn signed(&self, p: Vec3, hit: Hit) -> SignedHit {
        let mut signed = self.surface.sign(p, hit);
        // Away from the surface the exact gradient is the direction to the point.
        let d = p - hit.point;
        if signed.distance.abs() > 1e-5 {
            signed.normal = (d * signed.distance.signum()).normalize_or(signed.normal);
        }
        signed
    }
}

/// What the cloth collides with: the body, and the garments draped underneath it.
#[derive(Clone, Copy, Debug)]
pub struct Obstacles<'a> {
    /// The body and the margin the cloth keeps from it.
    pub body: Collider<'a>,
    /// The garments draped underneath, innermost first; empty for the first layer.
    pub layers: &'a [&'a LayerCollider],
    /// Distance the cloth keeps from a lower garment, metres.
    pub layer_margin: f32,
}

impl Obstacles<'_> {
    /// How far from the body a particle's body contact is looked for so that the lower garments
    /// under it are found too, metres.
    fn body_reach(&self) -> f32 {
        let top = self.layers.iter().map(|l| l.top).fold(0.0, f32::max);
        REACH + top.min(MAX_LAYER_TOP)
    }
}

/// Pushes `x` out to `margin` from a particle's contact plane against one obstacle, at most
/// `step` (∞: all the way), with friction against the motion since `prev`. The part of the push
/// that takes back a penetration already there at `prev` (the substep's start) moves `prev` too,
/// so it adds no velocity: a particle found deep under a lower garment is moved out, not thrown
/// out.
fn push(
    plane: &Plane,
    x: &mut Vec3A,
    prev: &mut Vec3A,
    margin: f32,
    step: f32,
    friction: (f32, f32),
) {
    let (origin, normal) = (Vec3A::from(plane.origin), Vec3A::from(plane.normal));
    let depth = margin - (*x - origin).dot(normal);
    if depth <= 0.0 {
        return;
    }
    let depth = depth.min(step);
    *x += normal * depth;
    if step.is_finite() {
        let already = margin - (*prev - origin).dot(normal);
        *prev += normal * already.clamp(0.0, depth);
    }
    let moved = *x - *prev;
    let tangential = moved - normal * moved.dot(normal);
    let slide = tangential.length();
    if slide < friction.0 * depth {
        *x -= tangential;
    } else if slide > 0.0 {
        *x -= tangential * (friction.1 * depth / slide).min(1.0);
    }
}

/// Contact state of every particle against the body and every lower garment.
#[derive(Clone, Debug)]
pub struct Contacts {
    /// Per particle: where it was when its planes were found.
    at: Vec<Vec3>,
    /// Per particle: distance from the nearest surface then (minus that surface's margin).
    clearance: Vec<f32>,
    /// Per particle: the body plane (if the body was within reach) and the body triangle.
    body: Vec<Option<Plane>>,
    /// Per particle in a crease of the body (the armpit, between the thighs): the plane of the
    /// crease's other side, so that a push out of one side cannot push it into the other.
    crease: Vec<Option<Plane>>,
    hints: Vec<Option<u32>>,
    /// Per lower garment, per particle: the plane of its outermost sheet, if it covers the body
    /// under the particle.
    layers: Vec<Vec<Option<Plane>>>,
    fresh: bool,
    /// Planes found so far (for statistics).
    pub queries: usize,
}

/// How far from a surface a plane is still looked for, metres.
pub(crate) const REACH: f32 = 0.04;
/// A particle whose closest side of the body turns by more than this (cosine) between refreshes,
/// while within `CREASE_REACH` of the side it left, is held by both.
const CREASE_TURN: f32 = 0.5;
const CREASE_REACH: f32 = 0.02;
/// The farthest from the body a lower garment is looked for, metres.
const MAX_LAYER_TOP: f32 = 0.1;
/// The farthest the exact projection moves a particle out of lower garments, metres.
pub(crate) const LAYER_PUSH_MAX: f32 = 0.03;
/// The farthest a lower garment pushes a particle in one substep, metres: a particle deep under
/// it (where the garment above is too narrow for the one below) comes out over a few frames.
const LAYER_STEP: f32 = 0.001;
/// A plane is refreshed after its particle moved this far, at least.
const REFRESH: f32 = 0.005;

impl Contacts {
    /// Contacts for `particles` against the body and `layers` lower garments; `body_hints` (may be
    /// empty) are triangles of the body near each particle, where the first searches start.
    pub fn new(particles: usize, layers: usize, body_hints: &[u32]) -> Contacts {
        Contacts {
            at: vec![Vec3::splat(f32::INFINITY); particles],
            clearance: vec![0.0; particles],
            body: vec![None; particles],
            crease: vec![None; particles],
            hints: seeded(particles, body_hints),
            layers: vec![vec![None; particles]; layers],
            fresh: true,
            queries: 0,
        }
    }

    /// Per particle: how far it stood from the nearest surface when its planes were last found,
    /// less that surface's margin, up to the 4 cm a plane is looked for within.
    pub fn clearance(&self) -> &[f32] {
        &self.clearance
    }

    /// The body triangle last found nearest to each particle.
    pub fn body_hints(&self) -> Vec<u32> {
        self.hints.iter().map(|t| t.unwrap_or(0)).collect()
    }

    /// Finds the planes of the particles that have moved too far since they were last found
    /// (all of them the first time).
    pub fn update(&mut self, x: &[Vec3A], obstacles: &Obstacles) {
        let first = std::mem::replace(&mut self.fresh, false);
        let reach = if first {
            f32::INFINITY
        } else {
            obstacles.body_reach()
        };
        for (i, &p) in x.iter().enumerate() {
            let p = Vec3::from(p);
            let moved = self.at[i].distance(p);
            if !first && moved.is_finite() && moved < REFRESH.max(0.5 * self.clearance[i]) {
                continue;
            }
            let hit = obstacles.body.query(p, reach, self.hints[i]);
            self.queries += 1;
            self.refresh(i, p, hit, obstacles);
        }
    }

    /// The first [`Contacts::update`] from each particle's closest point on the body where it
    /// is already known (`hits`, found at `x`, as [`project_exactly`] returns them): the body
    /// is not searched again. Particles without one are searched.
    pub fn seed(&mut self, x: &[Vec3A], hits: &[Option<SignedHit>], obstacles: &Obstacles) {
        if hits.len() != x.len() || x.len() != self.at.len() {
            self.update(x, obstacles);
            return;
        }
        self.fresh = false;
        for (i, (&p, &hit)) in x.iter().zip(hits).enumerate() {
            let p = Vec3::from(p);
            let hit = hit.or_else(|| {
                self.queries += 1;
                obstacles.body.query(p, f32::INFINITY, self.hints[i])
            });
            self.refresh(i, p, hit, obstacles);
        }
    }

    /// Particle `i`'s planes anew at `p`, its closest point on the body being `hit`.
    fn refresh(&mut self, i: usize, p: Vec3, hit: Option<SignedHit>, obstacles: &Obstacles) {
        self.at[i] = p;
        let mut clearance = REACH;
        let before = self.body[i];
        self.body[i] = hit.filter(|h| h.distance < REACH).map(|h| Plane {
            origin: h.hit.point,
            normal: h.normal,
        });
        // The closest side of the body turned sharply: the particle sits in a crease (the
        // armpit, between the thighs) and the cloth pulls it into it. Both sides hold it, or
        // each refresh would throw it from one side to the other.
        self.crease[i] = match (before, self.body[i]) {
            (Some(old), Some(new))
                if old.normal.dot(new.normal) < CREASE_TURN && old.distance(p) < CREASE_REACH =>
            {
                Some(old)
            }
            _ => None,
        };
        if let Some(h) = hit {
            self.hints[i] = Some(h.hit.triangle);
            clearance = clearance.min(h.distance - obstacles.body.margin);
        }
        if let Some(side) = self.crease[i] {
            clearance = clearance.min(side.distance(p) - obstacles.body.margin);
        }
        for (planes, layer) in self.layers.iter_mut().zip(obstacles.layers) {
            let cover = hit.and_then(|h| {
                self.queries += 1;
                layer.cover(p, h.normal, h.distance, REACH)
            });
            planes[i] = cover.map(|c| Plane {
                origin: c.point,
                normal: c.normal,
            });
            if let Some(c) = cover {
                clearance = clearance.min(-c.depth(p) - obstacles.layer_margin);
            }
        }
        self.clearance[i] = clearance.max(0.0);
    }

    /// Pushes particles out to their margins with friction against the motion since `prev` (the
    /// substep's start; moved along where a lower garment takes back an old penetration).
    pub fn project(
        &self,
        x: &mut [Vec3A],
        prev: &mut [Vec3A],
        obstacles: &Obstacles,
        static_friction: f32,
        kinetic_friction: f32,
    ) {
        let friction = (static_friction, kinetic_friction);
        for planes in &self.layers {
            for (i, plane) in planes.iter().enumerate() {
                if let Some(plane) = plane {
                    push(
                        plane,
                        &mut x[i],
                        &mut prev[i],
                        obstacles.layer_margin,
                        LAYER_STEP,
                        friction,
                    );
                }
            }
        }
        for (i, (body, crease)) in self.body.iter().zip(&self.crease).enumerate() {
            for plane in [body, crease].into_iter().flatten() {
                push(
                    plane,
                    &mut x[i],
                    &mut prev[i],
                    obstacles.body.margin,
                    f32::INFINITY,
                    friction,
                );
            }
        }
    }
}

/// Moves every particle that lies closer than its margin to an obstacle out to that margin,
/// exactly (global closest points on the body, no reach limit), repeating for the particles that
/// moved while one push moves a particle into another surface. Out of a lower garment a particle
/// moves along the body's normal to beyond its outermost sheet (no farther than
/// `LAYER_PUSH_MAX` from where it started: where that is not enough, it stays and the layer
/// penetration reports it); then the body has its say. A particle caught in a crease of the body
/// (the armpit, between the thighs: pushed out of one side into the other) is moved to the
/// nearest point outside both sides at once. Returns how many particles were moved and, per
/// particle, its final closest point on the body.
///
/// `body_hints` (may be empty) are triangles of the body near each particle (its binding, or its
/// last contact): searches start there.
pub fn project_exactly(
    x: &mut [Vec3],
    obstacles: &Obstacles,
    body_hints: &[u32],
) -> (usize, Vec<Option<SignedHit>>) {
    let mut body: Vec<Option<SignedHit>> = vec![None; x.len()];
    let moved = project_again(x, obstacles, body_hints, (0..x.len()).collect(), &mut body);
    (moved.len(), body)
}

/// [`project_exactly`] for the particles `active` alone (those that moved since `body`, each
/// particle's closest point on the body, was found): their closest points are written into
/// `body`; returns the particles it moved.
pub fn project_again(
    x: &mut [Vec3],
    obstacles: &Obstacles,
    body_hints: &[u32],
    mut active: Vec<usize>,
    body: &mut [Option<SignedHit>],
) -> Vec<usize> {
    const ROUNDS: usize = 10;
    let collider = &obstacles.body;
    active.retain(|&i| i < x.len() && i < body.len());
    let mut moved = vec![false; x.len()];
    let mut hints = seeded(x.len(), body_hints);
    let start = x.to_vec();
    for round in 0..ROUNDS {
        let mut next = Vec::new();
        for &i in &active {
            let Some(mut h) = collider.query(x[i], f32::INFINITY, hints[i]) else {
                continue;
            };
            let mut pushed = false;
            for layer in obstacles.layers {
                let Some(cover) = layer.cover(x[i], h.normal, h.distance, REACH) else {
                    continue;
                };
                let need = cover.depth(x[i]) + obstacles.layer_margin;
                // Within a tenth of the margin counts as in place.
                if need <= 0.1 * obstacles.layer_margin {
                    continue;
                }
                let mut target = x[i] + cover.normal * need;
                let from_start = target - start[i];
                if from_start.length() > LAYER_PUSH_MAX {
                    target = start[i] + from_start.normalize_or_zero() * LAYER_PUSH_MAX;
                }
                if target != x[i] {
                    x[i] = target;
                    pushed = true;
                }
            }
            if pushed {
                match collider.query(x[i], f32::INFINITY, Some(h.hit.triangle)) {
                    Some(again) => h = again,
                    None => continue,
                }
            }
            hints[i] = Some(h.hit.triangle);
            body[i] = Some(h);
            // A particle within a tenth of the margin counts as in place.
            if h.distance < collider.margin * 0.9 {
                // A particle pushed back in again and again sits in a fold of the surface: push
                // it farther each round.
                let margin = collider.margin * (1.0 + 0.5 * round.saturating_sub(2) as f32);
                let mut target = h.hit.point + h.normal * margin;
                if round >= 2 {
                    // Still being pushed back and forth: satisfy both sides of the crease.
                    let group = collider.surface.group(h.hit.triangle);
                    if let Some(o) = collider.query_other(target, 2.0 * collider.margin, group) {
                        target = outside_both(
                            x[i],
                            (h.hit.point, h.normal),
                            (o.hit.point, o.normal),
                            margin,
                        );
                    }
                }
                x[i] = target;
                pushed = true;
            }
            if pushed {
                moved[i] = true;
                next.push(i);
            }
        }
        if next.is_empty() {
            break;
        }
        active = next;
    }
    // The particles still moving were last pushed by the body: their closest point is fresh.
    for &i in &active {
        if let Some(h) = collider.query(x[i], f32::INFINITY, hints[i]) {
            body[i] = Some(h);
        }
    }
    (0..x.len()).filter(|&i| moved[i]).collect()
}

/// Per particle, the body triangle a search starts from: `body_hints` where given (may be empty
/// or short), else none.
fn seeded(particles: usize, body_hints: &[u32]) -> Vec<Option<u32>> {
    (0..particles).map(|i| body_hints.get(i).copied()).collect()
}

/// The nearest point to `p` at least `margin` outside both planes (point, unit normal).
fn outside_both(p: Vec3, a: (Vec3, Vec3), b: (Vec3, Vec3), margin: f32) -> Vec3 {
    let need = |q: Vec3, plane: (Vec3, Vec3)| margin - (q - plane.0).dot(plane.1);
    let first = p + a.1 * need(p, a).max(0.0);
    if need(first, b) <= 0.0 {
        return first;
    }
    let second = p + b.1 * need(p, b).max(0.0);
    if need(second, a) <= 0.0 {
        return second;
    }
    // Both active: p + α·nₐ + β·n_b on both planes.
    let c = a.1.dot(b.1);
    let det = 1.0 - c * c;
    let (ra, rb) = (need(p, a), need(p, b));
    if det.abs() < 1e-4 {
        return p + (a.1 + b.1).normalize_or(a.1) * ra.max(rb);
    }
    let alpha = (ra - c * rb) / det;
    let beta = (rb - c * ra) / det;
    p + a.1 * alpha + b.1 * beta
}
