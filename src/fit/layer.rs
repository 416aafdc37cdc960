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

use super::crossing::Crossing;
use super::drape::Draped;
use super::spatial::TriangleBvh;
use super::topology::ClothMesh;
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
        let away = self.at(&c, &self.outward, Vec3::ZERO) + normal * 1e-3;
        let face = if c.normal.dot(away) < 0.0 {
            -c.normal
        } else {
            c.normal
        };
        Some(Cover {
            point: p + normal * c.t,
            normal: face,
        })
    }

    /// A per-particle value of the lower garment at a crossing (interpolated).
    fn at<T>(&self, c: &Crossing, values: &[T], missing: T) -> T
    where
        T: Copy + std::ops::Mul<f32, Output = T> + std::iter::Sum<T>,
    {
        let t = c.triangle as usize * 3;
        (0..3)
            .map(|k| {
                let v = self
                    .indices
                    .get(t + k)
                    .and_then(|&i| values.get(i as usize))
                    .copied()
                    .unwrap_or(missing);
                v * c.bary[k]
            })
            .sum()
    }
}

/// Where an upper garment could not go around a lower one (a coat narrower than the flared skirt
/// under it; a point of it dipping into a crease that the lower garment bridges), the lower
/// garment gives way: each of its points that the upper garment covers but that lies beyond the
/// upper garment's outermost sheet, or less than `margin` under it, moves in under it along the
/// body's normal, never closer to the body than `skin`. `lower` keeps its body distances up to
/// date.
pub fn press_under(lower: &mut Draped, upper: &LayerCollider, margin: f32, skin: f32) {
    for (i, p) in lower.positions.iter_mut().enumerate() {
        let (height, normal) = (lower.body_distance[i], lower.body_normal[i]);
        let Some(cover) = upper.cover(*p, normal, height, PRESS_REACH) else {
            continue;
        };
        let short = margin - cover.depth(*p);
        if short <= 0.0 {
            continue;
        }
        // Along the body's normal, as far as it takes to get `margin` under the sheet's face.
        let along = cover.normal.dot(normal).max(0.3);
        let inward = (short / along).min((height - skin).max(0.0));
        if inward <= 0.0 {
            continue;
        }
        *p -= normal * inward;
        lower.body_distance[i] -= inward;
        lower.gap[i] = lower.gap[i].min(lower.body_distance[i]);
    }
}

/// How far beyond a lower garment's point its upper garment is looked for, metres.
const PRESS_REACH: f32 = 0.04;
