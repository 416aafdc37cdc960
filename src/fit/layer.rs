//! A garment draped before, as what the next layer must stay outside of.
//!
//! Where a particle stands against a lower garment is read along the body's normal: on the line
//! from the body point nearest to the particle out through the particle, the lower garment's
//! outermost sheet is found ([`crate::fit::crossing`]). Garments are thin shells whose outer and
//! inner sheets meet at welded hems and seams and fold in creases, so the closest point of a
//! lower garment (and the side of it a point lies on) misreads near all of those; the outermost
//! crossing along the body's normal does not: a particle beyond a hem finds nothing on its line,
//! one caught between the sheets (or between the garment and the skin) finds the outer sheet
//! beyond it.
//!
//! The particle must stay on the outer side of that sheet's face, which is turned the way the
//! body lies under the lower garment there. Over most of the body that is the body's own normal;
//! where the lower garment bridges a crease of the body (under the arm), its face turns away from
//! the crease and the particle is pushed out of the crease rather than into its other side.
//!
//! A crossing counts only where the lower garment's own distance from the body agrees with the
//! line's (the crossing lies over the same stretch of body): the line from the side of the torso
//! under the arm passes through the sleeve, which lies over the arm, not over the torso.

use super::drape::{Draped, keep_out_of_body};
use super::spatial::Surface;
use super::topology::ClothMesh;
use crate::geometry::Crossing;
use crate::geometry::TriangleBvh;
use glam::Vec3;

/// A lower garment's draped surface, how far each of its points lies from the body and which way
/// the body lies from it.
#[derive(Clone, Debug, Default)]
pub struct LayerCollider {
    bvh: TriangleBvh,
    indices: Vec<u32>,
    /// Per particle of the lower garment: its signed distance from the body, metres.
    height: Vec<f32>,
    /// Per particle of the lower garment: the body's outward normal nearest to it.
    outward: Vec<Vec3>,
    /// The largest height (how far from the body the garment reaches), metres.
    pub top: f32,
}

/// The outermost sheet of a lower garment over a particle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cover {
    /// Where the line along the body's normal through the particle crosses it.
    pub point: Vec3,
    /// Its face's unit normal, turned away from the body.
    pub normal: Vec3,
    /// The lower garment's particles at the face's corners (`u32::MAX` where unknown).
    pub corners: [u32; 3],
}

impl Cover {
    /// How far `p` lies under the sheet (positive) or over it (negative), across its face.
    pub fn depth(&self, p: Vec3) -> f32 {
        (self.point - p).dot(self.normal)
    }
}

/// How much a crossing's distance from the body may differ from the line's there: a fixed part
/// and a part of the line's height (the farther out, the less the body's nearest point is one
/// spot).
const AGREE_M: f32 = 0.005;
const AGREE_PART: f32 = 0.3;

impl LayerCollider {
    /// The surface of `mesh` as draped.
    pub fn new(mesh: &ClothMesh, draped: &Draped) -> LayerCollider {
        let indices = mesh.flat_indices();
        let height = draped.body_distance.clone();
        LayerCollider {
            bvh: TriangleBvh::new(&draped.positions, &indices),
            indices,
            top: height.iter().copied().fold(0.0, f32::max),
            height,
            outward: draped.body_normal.clone(),
        }
    }

    /// The garment's outermost sheet on the line `p + normal · t` (`normal`: the body's outward
    /// normal at `p`'s nearest body point, `height`: `p`'s signed distance from the body), searched
    /// from the body out to `reach` beyond `p`; `None` where the garment does not cover that body
    /// point.
    pub fn cover(&self, p: Vec3, normal: Vec3, height: f32, reach: f32) -> Option<Cover> {
        let mut outermost: Option<Crossing> = None;
        let from = -height.max(0.0);
        self.bvh.crossings(p, normal, (from, reach), |c: Crossing| {
            let along = height + c.t;
            let agrees = (self.at(&c, &self.height, 0.0) - along).abs()
                <= AGREE_M + AGREE_PART * along.max(0.0);
            if agrees && outermost.is_none_or(|o| c.t > o.t) {
                outermost = Some(c);
            }
        });
        let c = outermost?;
        let corners = [0, 1, 2].map(|k| self.corner(c.triangle, k).unwrap_or(u32::MAX));
        let away = self.at(&c, &self.outward, Vec3::ZERO) + normal * 1e-3;
        let face = if c.normal.dot(away) < 0.0 {
            -c.normal
        } else {
            c.normal
        };
        Some(Cover {
            point: p + normal * c.t,
            normal: face,
            corners,
        })
    }

    /// The lower garment's particle at corner `k` of `triangle`.
    fn corner(&self, triangle: u32, k: usize) -> Option<u32> {
        self.indices.get(triangle as usize * 3 + k).copied()
    }

    /// A per-particle value of the lower garment at a crossing (interpolated).
    fn at<T>(&self, c: &Crossing, values: &[T], missing: T) -> T
    where
        T: Copy + std::ops::Mul<f32, Output = T> + std::iter::Sum<T>,
    {
        (0..3)
            .map(|k| {
                let v = self
                    .corner(c.triangle, k)
                    .and_then(|i| values.get(i as usize))
                    .copied()
                    .unwrap_or(missing);
                v * c.bary[k]
            })
            .sum()
    }
}

/// Where an upper garment could not go around a lower one (a coat narrower than the flared skirt
/// under it; a coat's stand-up collar inside the raised hood of the hoodie under it; a point of it
/// dipping into a crease that the lower garment bridges), the lower garment gives way: it moves
/// in under the upper garment, never closer to the body than `skin`, so that it lies `margin`
/// under it.
///
/// Where they overlap is read both ways, as each garment's points stand on their own stretches of
/// body (a hood's wall takes the back of the head as its body, the collar inside it the neck):
/// each point of `lower` that `upper` covers but that lies beyond it moves in along its body's
/// normal; then each point of `upper_draped` that `lower` covers takes the corners of the lower
/// face over it in along the upper point's body normal (where that leads the corner towards its
/// own body, and no farther than [`PRESS_MOST`] in all), and the points around them part of the
/// way ([`spread`]); as how near that brings a point to its body is only estimated, after a
/// reading that moved any, the points moved since the last such check are put back out of the
/// `body` where they went in ([`keep_out_of_body`]). `lower` keeps its
/// body distances up to date.
pub fn press_under(
    (lower_cloth, lower): (&ClothMesh, &mut Draped),
    (upper, upper_draped): (&LayerCollider, &Draped),
    body: &Surface,
    margin: f32,
    skin: f32,
) {
    let mut pressing = Pressing {
        left: vec![PRESS_MOST; lower.positions.len()],
        lower,
        skin,
    };
    // Where the points stood when they were last put out of the body.
    let mut checked = pressing.lower.positions.clone();
    pressing.by_lower_reading(upper, margin);
    for _ in 0..UPPER_READINGS {
        let farthest = pressing.by_upper_reading(lower_cloth, upper_draped, margin);
        if farthest > 0.0 {
            let moved: Vec<usize> = (0..checked.len())
                .filter(|&i| pressing.lower.positions[i] != checked[i])
                .collect();
            keep_out_of_body(pressing.lower, body, skin, &moved);
            checked.copy_from_slice(&pressing.lower.positions);
        }
        if farthest < UPPER_READ_SETTLED {
            break;
        }
    }
}

/// How far beyond a point the other garment's sheet is looked for, and the farthest a point of
/// the lower garment moves in one press along the upper garment's normals, metres.
const PRESS_REACH: f32 = 0.05;
const PRESS_MOST: f32 = 0.06;

/// How often, at most, the upper garment's points are read again: moving the corners of the
/// faces over them can leave a neighbouring face across a point's line, which the next reading
/// finds. Reading stops once no point moved farther than [`UPPER_READ_SETTLED`], metres.
const UPPER_READINGS: usize = 8;
const UPPER_READ_SETTLED: f32 = 0.001;

/// A lower garment being pressed in, with how far each of its points may still move.
struct Pressing<'a> {
    lower: &'a mut Draped,
    left: Vec<f32>,
    skin: f32,
}

impl Pressing<'_> {
    /// Moves point `i` in along `direction` by up to `by`; how far it moved. A move `across` (along
    /// another point's body normal, where how near it brings the point to its own body is only
    /// estimated) is made only where it leads towards the point's body, and within what is left
    /// of [`PRESS_MOST`].
    fn move_in(&mut self, i: usize, direction: Vec3, by: f32, across: bool) -> f32 {
        let lower = &mut *self.lower;
        let along = direction.dot(lower.body_normal[i]);
        if along <= 0.0 {
            return 0.0;
        }
        let along = along.max(0.3);
        let by = by.min((lower.body_distance[i] - self.skin).max(0.0) / along);
        let by = if across { by.min(self.left[i]) } else { by };
        if by <= 0.0 {
            return 0.0;
        }
        if across {
            self.left[i] -= by;
        }
        lower.positions[i] -= direction * by;
        lower.body_distance[i] -= by * along;
        lower.gap[i] = lower.gap[i].min(lower.body_distance[i]);
        by
    }

    fn by_lower_reading(&mut self, upper: &LayerCollider, margin: f32) {
        for i in 0..self.lower.positions.len() {
            let lower = &*self.lower;
            let (p, normal) = (lower.positions[i], lower.body_normal[i]);
            let Some(cover) = upper.cover(p, normal, lower.body_distance[i], PRESS_REACH) else {
                continue;
            };
            let short = margin - cover.depth(p);
            if short > 0.0 {
                self.move_in(i, normal, along_normal(short, normal, cover.normal), false);
            }
        }
    }

    /// Moves the corners of the lower faces over the points of `upper` in under them; how far
    /// the farthest moved.
    fn by_upper_reading(&mut self, lower_cloth: &ClothMesh, upper: &Draped, margin: f32) -> f32 {
        let collider = LayerCollider::new(lower_cloth, self.lower);
        // Per lower point: the farthest any upper point asks it to move in, and along which
        // normal.
        let mut asked = vec![(0.0f32, Vec3::ZERO); self.lower.positions.len()];
        for (i, &p) in upper.positions.iter().enumerate() {
            let normal = upper.body_normal[i];
            let Some(cover) = collider.cover(p, normal, upper.body_distance[i], PRESS_REACH) else {
                continue;
            };
            let short = cover.depth(p) + margin;
            if short <= 0.0 {
                continue;
            }
            let by = along_normal(short, normal, cover.normal);
            for c in cover.corners {
                if let Some(a) = asked.get_mut(c as usize)
                    && by > a.0
                {
                    *a = (by, normal);
                }
            }
        }
        spread(&mut asked, &lower_cloth.edges);
        let mut farthest = 0.0f32;
        for (i, (by, normal)) in asked.into_iter().enumerate() {
            if by > 0.0 {
                farthest = farthest.max(self.move_in(i, normal, by, true));
            }
        }
        farthest
    }
}

/// How far along `normal` a face (unit normal `face`) must move to come `short` nearer the body.
fn along_normal(short: f32, normal: Vec3, face: Vec3) -> f32 {
    short / face.dot(normal).max(0.3)
}

/// Spreads each move to the points around it, a share [`SPREAD_SHARE`] smaller at each of
/// [`SPREAD_RINGS`] rings of edges, so that a pressed patch of cloth slopes down into its
/// surroundings instead of dropping in a step (where the upper garment's points read only some
/// faces of a lower sheet, the cloth between them stays out and folds into slits).
fn spread(asked: &mut [(f32, Vec3)], edges: &[[u32; 2]]) {
    for _ in 0..SPREAD_RINGS {
        let before = asked.to_vec();
        for &[a, b] in edges {
            let (a, b) = (a as usize, b as usize);
            for (to, from) in [(a, b), (b, a)] {
                let (by, normal) = before[from];
                if by * SPREAD_SHARE > asked[to].0 {
                    asked[to] = (by * SPREAD_SHARE, normal);
                }
            }
        }
    }
}

const SPREAD_RINGS: usize = 3;
const SPREAD_SHARE: f32 = 0.6;
