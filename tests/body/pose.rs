//! Tests: the avatar posed as a retailer's reference body stands — the limbs point where the
//! pose says, the mesh keeps its topology and stays closed and manifold, and the pose Anprobe's
//! avatar already has changes nothing.

use super::{assert_closed_manifold, intersect::self_intersections, resolved};
use anprobe::body::pose::{self, Pose};
use anprobe::body::{self, Avatar, LimbBones};
use anprobe::measurements::{Form, Key};
use glam::{Quat, Vec3};
use std::ops::Range;

/// The centre of a limb's vertices whose distance along the limb's unposed axis lies in `span`
/// (metres from the root joint), on `mesh`.
fn centre(avatar: &Avatar, bones: &LimbBones, positions: &[Vec3], span: Range<f32>) -> Vec3 {
    let picked: Vec<Vec3> = bones
        .vertices
        .clone()
        .filter(|&v| {
            let s = (avatar.mesh.positions[v as usize] - bones.root).dot(bones.axis);
            span.contains(&s)
        })
        .map(|v| positions[v as usize])
        .collect();
    assert!(!picked.is_empty(), "no vertices in {span:?}");
    picked.iter().sum::<Vec3>() / picked.len() as f32
}

fn bodies() -> Vec<(String, Avatar)> {
    [
        (Form::Female, 158.0, 84.0, 68.0, 92.0),
        (Form::Male, 178.0, 100.0, 88.0, 100.0),
        (Form::Male, 192.0, 128.0, 120.0, 124.0),
    ]
    .into_iter()
    .map(|(form, stature, chest, waist, hip)| {
        let m = resolved(
            form,
            &[
                (Key::Stature, stature),
                (Key::ChestGirth, chest),
                (Key::WaistGirth, waist),
                (Key::HipGirth, hip),
            ],
        );
        (
            format!("{form:?} {stature}/{chest}/{waist}/{hip}"),
            body::build(&m),
        )
    })
    .collect()
}

/// Upper arms 47° below the horizontal and swung 15° forward, elbows bent 44° forward, legs 6°
/// out, thighs swung 6° forward and knees bent 12° back: the posed upper arm, forearm, thigh and
/// lower leg (directions between centres of their rings) turn by those angles less the avatar's
/// own, within 1° (the forearm from the upper arm and the lower leg from the thigh: 2°), the
/// head turned 25° to the right within 0.5°; the topology is the avatar's; the mesh is closed,
/// manifold and does not pass through itself.
#[test]
fn a_posed_avatar_stands_as_its_pose_says() {
    let retailer = Pose {
        arm_angle_deg: Some(47.0),
        arm_forward_deg: Some(15.0),
        elbow_bend_deg: Some(44.0),
        leg_angle_deg: Some(6.0),
        leg_forward_deg: Some(6.0),
        knee_bend_deg: Some(12.0),
        head_turn_deg: Some(-25.0),
    };
    for (who, avatar) in bodies() {
        let posed = pose::posed_mesh(&avatar, &retailer);
        assert_eq!(posed.indices, avatar.mesh.indices, "{who}: topology");
        assert_closed_manifold(&posed);
        let crossings = self_intersections(&posed);
        assert!(
            crossings.crossing.is_empty() && crossings.folded.is_empty(),
            "{who}: {} crossing, {} folded, at {}",
            crossings.crossing.len(),
            crossings.folded.len(),
            crossings.places(&posed)
        );
        // Directions between ring centres, on the posed and on the unposed mesh: the posed one
        // is turned by the pose's angle less the avatar's own.
        let own = &avatar.mesh.positions;
        for arm in &avatar.skeleton.arms {
            let elbow = (arm.middle - arm.root).dot(arm.axis);
            let at = |x: &[Vec3], a: f32, b: f32| centre(&avatar, arm, x, a * elbow..b * elbow);
            let upper = |x: &[Vec3]| (at(x, 0.6, 0.7) - at(x, 0.4, 0.5)).normalize_or_zero();
            let fore = |x: &[Vec3]| (at(x, 1.45, 1.55) - at(x, 1.2, 1.3)).normalize_or_zero();
            // Seen from the front, and seen from the side.
            let below = |u: Vec3| (-u.y).atan2(u.x.abs()).to_degrees();
            let raised = below(upper(&posed.positions)) - below(upper(own));
            let want = 47.0 - pose::arm_angle_deg(arm) as f32;
            assert!(
                (raised - want).abs() < 1.0,
                "{who}: upper arm turned {raised:.1}°, not {want:.1}°"
            );
            let forward = |u: Vec3| u.z.asin().to_degrees();
            let swung = forward(upper(&posed.positions)) - forward(upper(own));
            let want = 15.0 - pose::arm_forward_deg(arm) as f32;
            assert!(
                (swung - want).abs() < 1.0,
                "{who}: upper arm swung {swung:.1}° forward, not {want:.1}°"
            );
            // The forearm turns by the elbow's bend once the shoulder's turn (the upper arm's,
            // undone) is taken out.
            let shoulder = Quat::from_rotation_arc(upper(&posed.positions), upper(own));
            let bent = fore(own)
                .angle_between(shoulder * fore(&posed.positions))
                .to_degrees();
            assert!(
                (bent - 44.0).abs() < 2.0,
                "{who}: forearm bent {bent:.1}° from the upper arm"
            );
            assert!(
                fore(&posed.positions).z > 0.5,
                "{who}: the forearm points forward"
            );
        }
        // The head turned 25° to the body's right about the vertical through the neck: the nose
        // tip (the head's foremost point near the middle) points there.
        let head = &avatar.skeleton.head;
        let nose = head
            .vertices
            .clone()
            .filter(|&v| own[v as usize].x.abs() < 0.01 && own[v as usize].y > head.to_y)
            .max_by(|&a, &b| own[a as usize].z.total_cmp(&own[b as usize].z))
            .expect("a nose");
        let facing = |p: Vec3| (p.x - head.pivot.x).atan2(p.z - head.pivot.z).to_degrees();
        let turned = facing(posed.positions[nose as usize]) - facing(own[nose as usize]);
        assert!(
            (turned + 25.0).abs() < 0.5,
            "{who}: the head turned {turned:.1}°, not −25°"
        );
        for leg in &avatar.skeleton.legs {
            let knee = (leg.middle - leg.root).dot(leg.axis);
            let at = |x: &[Vec3], a: f32, b: f32| centre(&avatar, leg, x, a * knee..b * knee);
            let out = |x: &[Vec3]| {
                let d = (at(x, 1.6, 1.7) - at(x, 0.5, 0.6)).normalize_or_zero();
                d.x.abs().atan2(-d.y).to_degrees()
            };
            let wider = out(&posed.positions) - out(own);
            let want = 6.0 - pose::leg_angle_deg(leg) as f32;
            assert!(
                (wider - want).abs() < 1.0,
                "{who}: leg turned {wider:.1}° out, not {want:.1}°"
            );
            // Seen from the side: the thigh swung forward, the lower leg bent back from it.
            let thigh = |x: &[Vec3]| (at(x, 0.75, 0.85) - at(x, 0.35, 0.45)).normalize_or_zero();
            let shin = |x: &[Vec3]| (at(x, 1.45, 1.55) - at(x, 1.2, 1.3)).normalize_or_zero();
            let forward = |u: Vec3| u.z.asin().to_degrees();
            let swung = forward(thigh(&posed.positions)) - forward(thigh(own));
            let want = 6.0 - pose::leg_forward_deg(leg) as f32;
            assert!(
                (swung - want).abs() < 1.0,
                "{who}: thigh swung {swung:.1}° forward, not {want:.1}°"
            );
            let hip = Quat::from_rotation_arc(thigh(&posed.positions), thigh(own));
            let bent = shin(own)
                .angle_between(hip * shin(&posed.positions))
                .to_degrees();
            assert!(
                (bent - 12.0).abs() < 2.0,
                "{who}: lower leg bent {bent:.1}° from the thigh"
            );
            assert!(
                shin(&posed.positions).z < shin(own).z,
                "{who}: the lower leg bends back"
            );
        }
    }
}

/// No angle declared is Anprobe's own pose: the mesh comes back unchanged; and the avatar's own
/// angles, declared, change it by under a millimetre.
#[test]
fn the_avatars_own_pose_changes_nothing() {
    for (who, avatar) in bodies() {
        assert_eq!(
            pose::posed_mesh(&avatar, &Pose::default()),
            avatar.mesh,
            "{who}"
        );
        let own = Pose {
            arm_angle_deg: Some(pose::arm_angle_deg(&avatar.skeleton.arms[0])),
            arm_forward_deg: Some(pose::arm_forward_deg(&avatar.skeleton.arms[0])),
            elbow_bend_deg: Some(0.0),
            leg_angle_deg: Some(pose::leg_angle_deg(&avatar.skeleton.legs[0])),
            leg_forward_deg: Some(pose::leg_forward_deg(&avatar.skeleton.legs[0])),
            knee_bend_deg: Some(0.0),
            head_turn_deg: Some(0.0),
        };
        let moved = pose::posed_mesh(&avatar, &own)
            .positions
            .iter()
            .zip(&avatar.mesh.positions)
            .map(|(a, b)| a.distance(*b))
            .fold(0.0f32, f32::max);
        assert!(moved < 1e-3, "{who}: moved {:.2} mm", moved * 1000.0);
    }
}
