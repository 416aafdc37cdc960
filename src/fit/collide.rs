//! Collisions of the cloth with the body and with garments draped underneath.
//!
//! Each particle keeps a contact plane per collider (closest point and normal, found with the
//! collider's BVH). Planes are refreshed only when a particle has moved far enough for its plane
//! to go stale (conservative: a particle `d` away from every surface cannot reach one before it
//! has moved `d`), and are enforced every substep with a skin margin and Coulomb friction
//! (Macklin et al. 2014, "Unified Particle Physics", §6.1). A lower garment is an open surface
//! whose faces are oriented away from the body; only its faces and inner edges push (a particle
//! next to its hem may pass around it).

use super::spatial::{SignedHit, Surface};
use glam::Vec3;

/// A surface the cloth must stay outside of, with its margin.
#[derive(Clone, Copy, Debug)]
pub struct Collider<'a> {
    pub surface: &'a Surface,
    /// Distance the cloth keeps from the surface, metres.
    pub margin: f32,
    /// Open surfaces (garments) ignore hits on their border.
    pub open: bool,
}

impl Collider<'_> {
    /// The signed distance within `radius`, if any (border hits of open surfaces dropped).
    pub fn query(&self, p: Vec3, radius: f32, hint: Option<u32>) -> Option<SignedHit> {
        let hit = self.surface.bvh.closest_from(p, radius, hint)?;
        self.signed(p, hit)
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
        self.signed(p, hit)
    }

    fn signed(&self, p: Vec3, hit: super::spatial::Hit) -> Option<SignedHit> {
        if self.open
            && self
                .surface
                .normals
                .on_boundary(&self.surface.indices, &hit)
        {
            return None;
        }
        let mut signed = self.surface.sign(p, hit);
        // Away from the surface the exact gradient is the direction to the point.
        let d = p - hit.point;
        if signed.distance.abs() > 1e-5 {
            signed.normal = (d * signed.distance.signum()).normalize_or(signed.normal);
        }
        Some(signed)
    }
}

/// A particle's contact plane against one collider.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plane {
    pub point: Vec3,
    pub normal: Vec3,
}

/// Contact state of every particle against every collider.
#[derive(Clone, Debug)]
pub struct Contacts {
    /// Per particle: where it was when its planes were found.
    at: Vec<Vec3>,
    /// Per particle: distance from the nearest surface then (minus that surface's margin).
    clearance: Vec<f32>,
    /// Per collider, per particle: the plane (if the surface was within reach) and the triangle.
    planes: Vec<Vec<Option<Plane>>>,
    hints: Vec<Vec<Option<u32>>>,
    fresh: bool,
    /// Planes found so far (for statistics).
    pub queries: usize,
}

/// How far from a surface a plane is still looked for, metres.
const REACH: f32 = 0.04;
/// The farthest the exact projection moves a particle out of lower garments, metres.
const LAYER_PUSH_MAX: f32 = 0.03;
/// A plane is refreshed after its particle moved this far, at least.
const REFRESH: f32 = 0.005;

impl Contacts {
    /// Contacts for `particles` against `colliders`; `body_hints` (may be empty) are triangles of
    /// the body near each particle, where the first searches start.
    pub fn new(particles: usize, colliders: usize, body_hints: &[u32]) -> Contacts {
        let mut hints = vec![vec![None; particles]; colliders];
        if let Some(first) = hints.first_mut() {
            for (h, &t) in first.iter_mut().zip(body_hints) {
                *h = Some(t);
            }
        }
        Contacts {
            at: vec![Vec3::splat(f32::INFINITY); particles],
            clearance: vec![0.0; particles],
            planes: vec![vec![None; particles]; colliders],
            hints,
            fresh: true,
            queries: 0,
        }
    }

    /// The body triangle last found nearest to each particle.
    pub fn body_hints(&self) -> Vec<u32> {
        self.hints
            .first()
            .map(|h| h.iter().map(|t| t.unwrap_or(0)).collect())
            .unwrap_or_default()
    }

    /// Finds the planes of the particles that have moved too far since they were last found
    /// (all of them the first time).
    pub fn update(&mut self, x: &[Vec3], colliders: &[Collider]) {
        let first = std::mem::replace(&mut self.fresh, false);
        for (i, &p) in x.iter().enumerate() {
            let moved = self.at[i].distance(p);
            if !first && moved.is_finite() && moved < REFRESH.max(0.5 * self.clearance[i]) {
                continue;
            }
            self.at[i] = p;
            let mut clearance = REACH;
            for (c, collider) in colliders.iter().enumerate() {
                let reach = if first { f32::INFINITY } else { REACH };
                let hit = collider.query(p, reach, self.hints[c][i]);
                self.queries += 1;
                self.planes[c][i] = hit.filter(|h| h.distance < REACH).map(|h| Plane {
                    point: h.hit.point,
                    normal: h.normal,
                });
                if let Some(h) = hit {
                    self.hints[c][i] = Some(h.hit.triangle);
                    clearance = clearance.min(h.distance - collider.margin);
                }
            }
            self.clearance[i] = clearance.max(0.0);
        }
    }

    /// Pushes particles out to their margins with friction against the motion since `prev`.
    pub fn project(
        &self,
        x: &mut [Vec3],
        prev: &[Vec3],
        colliders: &[Collider],
        static_friction: f32,
        kinetic_friction: f32,
    ) {
        for (c, collider) in colliders.iter().enumerate() {
            for (i, plane) in self.planes[c].iter().enumerate() {
                let Some(plane) = plane else { continue };
                // A lower garment pushes only away from the body (its normal within 60° of the
                // body's): where its plane would push sideways or inwards (a face misread near a
                // seam, or the particle under it), the body and the cloth decide.
                if c > 0
                    && self.planes[0][i].is_some_and(|body| body.normal.dot(plane.normal) < 0.5)
                {
                    continue;
                }
                let depth = collider.margin - (x[i] - plane.point).dot(plane.normal);
                if depth <= 0.0 {
                    continue;
                }
                x[i] += plane.normal * depth;
                let moved = x[i] - prev[i];
                let tangential = moved - plane.normal * moved.dot(plane.normal);
                let slide = tangential.length();
                if slide < static_friction * depth {
                    x[i] -= tangential;
                } else if slide > 0.0 {
                    x[i] -= tangential * (kinetic_friction * depth / slide).min(1.0);
                }
            }
        }
    }
}

/// Moves every particle that lies closer than its margin to a collider out to that margin,
/// exactly (global closest points, no reach limit), repeating for the particles that moved while
/// one push moves a particle into another surface. A particle caught in a crease of the body (the
/// armpit, between the thighs: pushed out of one side into the other) is moved to the nearest
/// point outside both sides at once. Returns how many particles were moved and, per particle, its
/// final closest point on the body (the first collider).
///
/// `body_hints` (may be empty) are triangles of the body near each particle (its binding, or its
/// last contact): searches start there.
pub fn project_exactly(
    x: &mut [Vec3],
    colliders: &[Collider],
    body_hints: &[u32],
) -> (usize, Vec<Option<SignedHit>>) {
    const ROUNDS: usize = 10;
    let mut moved = vec![false; x.len()];
    let mut body: Vec<Option<SignedHit>> = vec![None; x.len()];
    let mut hints: Vec<Vec<Option<u32>>> = vec![vec![None; x.len()]; colliders.len()];
    if let Some(first) = hints.first_mut() {
        for (h, &t) in first.iter_mut().zip(body_hints) {
            *h = Some(t);
        }
    }
    let start = x.to_vec();
    let mut active: Vec<usize> = (0..x.len()).collect();
    for round in 0..ROUNDS {
        let mut next = Vec::new();
        for &i in &active {
            let mut pushed = false;
            // Lower layers first, the body last: the body has the final word.
            for (c, collider) in colliders.iter().enumerate().rev() {
                let reach = if c == 0 { f32::INFINITY } else { REACH };
                let Some(h) = collider.query(x[i], reach, hints[c][i]) else {
                    continue;
                };
                hints[c][i] = Some(h.hit.triangle);
                if c == 0 {
                    body[i] = Some(h);
                }
                // A particle within a tenth of the margin counts as in place.
                if h.distance >= collider.margin * 0.9 {
                    continue;
                }
                // A particle pushed back in again and again sits in a fold of the surface: push it
                // farther each round.
                let margin = collider.margin * (1.0 + 0.5 * round.saturating_sub(2) as f32);
                let mut target = h.hit.point + h.normal * margin;
                if c == 0 && round >= 2 {
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
                if c > 0 && round >= 2 {
                    // Between two sheets of a lower garment (in a crease it folds): away from the
                    // body is out of every sheet.
                    if let Some(b) = body[i] {
                        let along = b.normal.dot(h.normal).max(0.3);
                        target = x[i] + b.normal * ((margin - h.distance) / along);
                    }
                }
                if c > 0 {
                    // A lower garment never throws a particle far: where its surface cannot be
                    // left within LAYER_PUSH_MAX, the particle stays (the layer penetration
                    // reports it) rather than flying off.
                    let moved = target - start[i];
                    if moved.length() > LAYER_PUSH_MAX {
                        target = start[i] + moved.normalize_or_zero() * LAYER_PUSH_MAX;
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
        if let Some(h) = colliders
            .first()
            .and_then(|c| c.query(x[i], f32::INFINITY, hints[0][i]))
        {
            body[i] = Some(h);
        }
    }
    (moved.iter().filter(|&&m| m).count(), body)
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
