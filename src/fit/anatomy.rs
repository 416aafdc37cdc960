//! What the fitting needs to know about an avatar beyond its mesh: which body part each vertex
//! and triangle belongs to, the tape planes of the fitting regions and the landmarks that grading
//! measures from. Everything is read from the avatar's mesh and tape placements.

use crate::body::{Avatar, TapePlacement};
use crate::geometry::{Plane, find, union};
use crate::measurements::Key;
use glam::Vec3;

/// A body part (the avatar's tubes: torso, two arms, two legs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyPart {
    /// The trunk with the head and neck (everything that is not a limb).
    Torso,
    /// The avatar's own left arm (+X side).
    LeftArm,
    /// The avatar's own right arm (−X side).
    RightArm,
    /// The avatar's own left leg (+X side).
    LeftLeg,
    /// The avatar's own right leg (−X side).
    RightLeg,
}

impl BodyPart {
    /// Whether this is either arm.
    pub fn is_arm(self) -> bool {
        matches!(self, BodyPart::LeftArm | BodyPart::RightArm)
    }

    /// Whether this is either leg.
    pub fn is_leg(self) -> bool {
        matches!(self, BodyPart::LeftLeg | BodyPart::RightLeg)
    }

    /// 0 for the left (+X) limb, 1 for the right one (the torso counts as left).
    pub fn side(self) -> usize {
        usize::from(matches!(self, BodyPart::RightArm | BodyPart::RightLeg))
    }
}

/// Body parts, tape planes and landmarks of one avatar.
#[derive(Clone, Debug)]
pub struct Anatomy {
    /// Body part of each mesh vertex.
    pub vertex_part: Vec<BodyPart>,
    /// Body part of each triangle (the part of most of its corners).
    pub triangle_part: Vec<BodyPart>,
    /// The neck-girth tape plane (without a neck tape: level, at 84 % of the avatar's height).
    pub neck: Plane,
    /// The chest-girth tape plane (without a chest tape: level, at 72 % of the height).
    pub chest: Plane,
    /// The natural waist's tape plane (without a waist tape: level, at 62 % of the height).
    pub waist: Plane,
    /// The navel's tape plane, where `omphalion_girth` is taken (without that tape: level, at
    /// 60 % of the height).
    pub navel: Plane,
    /// The hip-girth tape plane (without a hip tape: level, at 52 % of the height).
    pub hip: Plane,
    /// Per side (left, right): the upper-arm tape plane, normal pointing down the arm.
    pub upper_arm: [Plane; 2],
    /// Per side: the thigh tape plane, normal pointing down the leg.
    pub thigh: [Plane; 2],
    /// Per side: the acromion (shoulder point).
    pub acromion: [Vec3; 2],
    /// Per side: the wrist landmark.
    pub stylion: [Vec3; 2],
    /// The crotch point (top of the inside leg).
    pub crotch: Vec3,
    /// Top of the head.
    pub crown: Vec3,
}

impl Anatomy {
    /// Reads the avatar. Landmarks the avatar lacks fall back to proportions of its height.
    pub fn new(avatar: &Avatar) -> Anatomy {
        let mesh = &avatar.mesh;
        let vertex = |i: u32| mesh.positions.get(i as usize).copied();
        let girth = |key: Key| {
            avatar.girth(key).map(|plane| Plane {
                origin: plane.origin,
                normal: plane.normal.normalize_or(Vec3::Y),
            })
        };
        let length = |key: Key| match avatar.tape(key)? {
            TapePlacement::Length { from, to } => Some((from, to)),
            _ => None,
        };
        let height = |key: Key| match avatar.tape(key)? {
            TapePlacement::Height { top } => Some(top),
            _ => None,
        };
        let top = mesh
            .positions
            .iter()
            .map(|p| p.y)
            .fold(0.0f32, f32::max)
            .max(0.5);
        let level = |f: f32| Plane {
            origin: Vec3::new(0.0, top * f, 0.0),
            normal: Vec3::Y,
        };
        let neck = girth(Key::NeckGirth).unwrap_or(level(0.84));
        let chest = girth(Key::ChestGirth).unwrap_or(level(0.72));
        let waist = girth(Key::WaistGirth).unwrap_or(level(0.62));
        let navel = girth(Key::OmphalionGirth).unwrap_or(level(0.6));
        let hip = girth(Key::HipGirth).unwrap_or(level(0.52));
        let crown_index = height(Key::Stature);
        let crown = crown_index
            .and_then(vertex)
            .unwrap_or(Vec3::new(0.0, top, 0.0));
        let crotch_index = height(Key::InsideLeg);
        let crotch = crotch_index
            .and_then(vertex)
            .unwrap_or(Vec3::new(0.0, top * 0.45, 0.0));
        let (acromion_l, acromion_r) = length(Key::ShoulderWidth)
            .and_then(|(a, b)| Some((vertex(a)?, vertex(b)?)))
            .unwrap_or((
                Vec3::new(0.11 * top, 0.82 * top, 0.0),
                Vec3::new(-0.11 * top, 0.82 * top, 0.0),
            ));
        let stylion_index = length(Key::ArmLength).map(|(_, to)| to);
        let stylion_l = stylion_index
            .and_then(vertex)
            .unwrap_or(acromion_l + Vec3::new(0.6, -0.8, 0.0) * 0.33 * top);
        let arm_dir = (stylion_l - acromion_l).normalize_or(Vec3::NEG_Y);
        let mut upper_arm = girth(Key::UpperArmGirth).unwrap_or(Plane {
            origin: acromion_l + arm_dir * 0.1 * top,
            normal: arm_dir,
        });
        if upper_arm.normal.dot(arm_dir) < 0.0 {
            upper_arm.normal = -upper_arm.normal;
        }
        let mut thigh = girth(Key::ThighGirth).unwrap_or(Plane {
            origin: Vec3::new(0.05 * top, crotch.y - 0.03 * top, 0.0),
            normal: Vec3::NEG_Y,
        });
        if thigh.normal.y > 0.0 {
            thigh.normal = -thigh.normal;
        }
        let (vertex_part, triangle_part) = parts(avatar, crown_index, crotch_index, stylion_index);
        Anatomy {
            vertex_part,
            triangle_part,
            neck,
            chest,
            waist,
            navel,
            hip,
            upper_arm: [upper_arm, upper_arm.mirrored()],
            thigh: [thigh, thigh.mirrored()],
            acromion: [acromion_l, acromion_r],
            stylion: [stylion_l, stylion_l * Vec3::new(-1.0, 1.0, 1.0)],
            crotch,
            crown,
        }
    }

    /// Unit direction down the arm on a side (shoulder to wrist).
    pub fn arm_axis(&self, side: usize) -> Vec3 {
        self.upper_arm[side.min(1)].normal
    }

    /// How far `p` lies down the arm on a side, from the acromion, in metres.
    pub fn along_arm(&self, side: usize, p: Vec3) -> f32 {
        (p - self.acromion[side.min(1)]).dot(self.arm_axis(side))
    }

    /// The part of a triangle.
    pub fn part_of_triangle(&self, triangle: u32) -> BodyPart {
        self.triangle_part
            .get(triangle as usize)
            .copied()
            .unwrap_or(BodyPart::Torso)
    }
}

/// Labels vertices and triangles. The body is built torso first (ending with the crown), then the
/// limbs: the vertices after the crown fall into three connected groups, the left arm (holding
/// the wrist landmark), the right arm, and the crotch seam with both legs (holding the crotch
/// point), split into left and right by the sign of x. Without those landmarks, or if the groups
/// are not found, the labels come from geometry (arms beyond the shoulders, legs below the crotch).
fn parts(
    avatar: &Avatar,
    crown: Option<u32>,
    crotch: Option<u32>,
    stylion: Option<u32>,
) -> (Vec<BodyPart>, Vec<BodyPart>) {
    let mesh = &avatar.mesh;
    let n = mesh.positions.len();
    let mut labels = vec![BodyPart::Torso; n];
    let by_topology = (|| {
        let (crown, crotch, stylion) = (crown? as usize, crotch? as usize, stylion? as usize);
        if crown + 1 >= n || crotch <= crown || stylion <= crown || crotch >= n || stylion >= n {
            return None;
        }
        let mut parent: Vec<usize> = (0..n).collect();
        for t in mesh.indices.chunks_exact(3) {
            for k in 0..3 {
                let (a, b) = (t[k] as usize, t[(k + 1) % 3] as usize);
                if a > crown && b > crown && a < n && b < n {
                    union(&mut parent, a, b);
                }
            }
        }
        let left_arm = find(&mut parent, stylion);
        let legs = find(&mut parent, crotch);
        if left_arm == legs {
            return None;
        }
        let mut out = vec![BodyPart::Torso; n];
        for (i, label) in out.iter_mut().enumerate().skip(crown + 1) {
            let root = find(&mut parent, i);
            let x = mesh.positions[i].x;
            *label = if root == left_arm {
                BodyPart::LeftArm
            } else if root == legs {
                if x >= 0.0 {
                    BodyPart::LeftLeg
                } else {
                    BodyPart::RightLeg
                }
            } else {
                BodyPart::RightArm
            };
        }
        let count = |p: BodyPart| out.iter().filter(|&&l| l == p).count();
        let (l, r) = (count(BodyPart::LeftArm), count(BodyPart::RightArm));
        (l > 0 && l == r).then_some(out)
    })();
    match by_topology {
        Some(out) => labels = out,
        None => {
            let anatomy_free = |p: Vec3, crotch_y: f32, shoulder_x: f32| {
                if p.x.abs() > shoulder_x && p.y > crotch_y * 0.6 {
                    if p.x > 0.0 {
                        BodyPart::LeftArm
                    } else {
                        BodyPart::RightArm
                    }
                } else if p.y < crotch_y {
                    if p.x >= 0.0 {
                        BodyPart::LeftLeg
                    } else {
                        BodyPart::RightLeg
                    }
                } else {
                    BodyPart::Torso
                }
            };
            let top = mesh.positions.iter().map(|p| p.y).fold(0.0f32, f32::max);
            let crotch_y = crotch
                .and_then(|i| mesh.positions.get(i as usize))
                .map_or(top * 0.45, |p| p.y);
            for (label, p) in labels.iter_mut().zip(&mesh.positions) {
                *label = anatomy_free(*p, crotch_y, 0.11 * top);
            }
        }
    }
    let triangles = mesh
        .indices
        .chunks_exact(3)
        .map(|t| {
            let l = |k: usize| {
                labels
                    .get(t[k] as usize)
                    .copied()
                    .unwrap_or(BodyPart::Torso)
            };
            let (a, b, c) = (l(0), l(1), l(2));
            if a == b || a == c {
                a
            } else if b == c {
                b
            } else {
                a
            }
        })
        .collect();
    (labels, triangles)
}
