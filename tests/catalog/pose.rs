//! Tests: garments modelled on a reference body that stands as retailers' avatars do — elbows
//! bent forward, upper arms higher and swung forward, feet wider apart, knees a little bent. Declared in `reference_body.pose`, such a
//! garment is bound to its reference body posed so and carried with the limbs into Anprobe's
//! pose: it measures and reads as the same garment modelled in Anprobe's pose, stays out of the
//! body and settles, on its own body and on the survey's extremes. Undeclared, its sleeves are
//! read as if the arm inside them were straight — unless the file carries the reference body's
//! mesh, whose pose is then read.
//!
//! The posed garments come from a rig of the test's own (each sleeve and leg turned rigidly about
//! the joints of the reference avatar, with a short linear ramp of the angle across each joint),
//! not from Anprobe's skinning.

use super::drape::by_name;
use super::grid::{EXTREMES, body, chart_size, surface_penetration_mm};
use anprobe::body::pose::{Pose, arm_angle_deg, arm_forward_deg, leg_angle_deg, leg_forward_deg};
use anprobe::body::{HeadBones, LimbBones, Skeleton};
use anprobe::fit::PreparedBody;
use anprobe::fit::{self, DrapeSettings, PreparedGarment, Region, Verdict};
use anprobe::garment::ImportedGarment;
use anprobe::measurements::{self, Form, Key, Measurements};
use glam::{Quat, Vec3};

/// A retailer's avatar as issue 14 measured them: upper arms 47° below the horizontal, elbows
/// bent 44° forward, each leg 6° out from the vertical; the upper arms swung 12° forward, as
/// design tools' A-poses hold them clear of the trunk; and standing at ease on knees bent 10°,
/// the thighs 5° forward.
const RETAILER: Pose = Pose {
    arm_angle_deg: Some(47.0),
    arm_forward_deg: Some(12.0),
    elbow_bend_deg: Some(44.0),
    leg_angle_deg: Some(6.0),
    leg_forward_deg: Some(5.0),
    knee_bend_deg: Some(10.0),
    head_turn_deg: None,
};

/// Distance along a limb's axis from its root joint.
fn along(bones: &LimbBones, p: Vec3) -> f32 {
    (p - bones.root).dot(bones.axis)
}

/// Where a point of a garment modelled on the reference body in Anprobe's pose lies when the body
/// stands in [`RETAILER`]: sleeve points (near an arm's axis) turn about the elbow, then about
/// the shoulder; trouser-leg points (below the crotch) turn back about the knee, then out and
/// forward about the hip.
fn rig(skeleton: &Skeleton, crotch_y: f32, mut p: Vec3) -> Vec3 {
    let ramp = |t: f32| t.clamp(0.0, 1.0);
    for (arm, side) in skeleton.arms.iter().zip([1.0f32, -1.0]) {
        let s = along(arm, p);
        let radial = (p - arm.root - arm.axis * s).length();
        if p.x * side <= 0.0 || s <= 0.0 || radial > 0.11 {
            continue;
        }
        let elbow = along(arm, arm.middle);
        let bend = 44f32.to_radians() * ramp((s - elbow + 0.02) / 0.04);
        let bend_axis = arm.axis.cross(Vec3::Z).normalize_or_zero();
        p = arm.middle + Quat::from_axis_angle(bend_axis, bend) * (p - arm.middle);
        let full_raise = (arm_angle_deg(arm) as f32 - 47.0).to_radians();
        let raise = full_raise * ramp(s / 0.08);
        p = arm.root + Quat::from_rotation_z(side * raise) * (p - arm.root);
        let raised = Quat::from_rotation_z(side * full_raise) * arm.axis;
        let across = raised.cross(Vec3::Z).normalize_or_zero();
        let swing = (12.0 - arm_forward_deg(arm) as f32).to_radians() * ramp(s / 0.08);
        p = arm.root + Quat::from_axis_angle(across, swing) * (p - arm.root);
    }
    for (leg, side) in skeleton.legs.iter().zip([1.0f32, -1.0]) {
        if p.x * side <= 0.0 || p.y >= crotch_y + 0.02 {
            continue;
        }
        let below = ramp((crotch_y + 0.02 - p.y) / 0.1);
        let s = along(leg, p);
        let knee = along(leg, leg.middle);
        let bend = -10f32.to_radians() * ramp((s - knee + 0.02) / 0.04);
        let bend_axis = leg.axis.cross(Vec3::Z).normalize_or_zero();
        p = leg.middle + Quat::from_axis_angle(bend_axis, bend) * (p - leg.middle);
        let full_out = (6.0 - leg_angle_deg(leg) as f32).to_radians();
        p = leg.root + Quat::from_rotation_z(side * full_out * below) * (p - leg.root);
        let out = Quat::from_rotation_z(side * full_out) * leg.axis;
        let across = out.cross(Vec3::Z).normalize_or_zero();
        let swing = (5.0 - leg_forward_deg(leg) as f32).to_radians() * below;
        p = leg.root + Quat::from_axis_angle(across, swing) * (p - leg.root);
    }
    p
}

/// The catalog garment as its retailer would have modelled it on the same body standing in
/// [`RETAILER`]; `declared`: with that pose in its metadata.
fn modelled_in_retailer_pose(g: &PreparedGarment, declared: bool) -> PreparedGarment {
    let mut garment = rigged(g);
    garment.meta.reference_body.pose = declared.then_some(RETAILER);
    PreparedGarment::with_reference(garment, g.reference.clone()).expect("prepares")
}

/// The catalog garment's file as modelled in [`RETAILER`] (its parts rigged), metadata as is.
fn rigged(g: &PreparedGarment) -> ImportedGarment {
    let reference = &g.reference;
    let crotch_y = reference.anatomy.crotch.y;
    let mut garment: ImportedGarment = (*g.garment).clone();
    for part in &mut garment.parts {
        for p in &mut part.mesh.positions {
            *p = rig(&reference.avatar.skeleton, crotch_y, *p);
        }
    }
    garment
}

/// Undeclared, but with the retailer's own avatar in the file standing as the garment was
/// modelled (a body of other proportions than the garment's reference body, rigged about its own
/// joints): the pose is read from that mesh (read 43° / 47° / 7° and 12° forward for
/// 47° / 44° / 6° and 12°: held to 4° of the arm angle and of its swing forward, 3° of the elbow
/// bend and 1.5° of the legs' angle it stands in), and
/// the garment measures as the declared one does (girths within 1 cm, lengths within 1.5 cm of
/// the garment modelled in Anprobe's pose).
#[test]
fn the_reference_bodys_mesh_in_the_file_tells_the_pose() {
    for name in GARMENTS {
        let ours = by_name(name);
        let reference = &ours.reference;
        let mut garment = rigged(ours);
        // The retailer's avatar is not ours: 5 cm taller, broader, heavier, its limbs turned
        // about its own joints.
        let mut typed = Measurements::new(Form::Male, 183.0);
        for (key, value) in [
            (Key::ChestGirth, 106.0),
            (Key::WaistGirth, 94.0),
            (Key::HipGirth, 106.0),
        ] {
            typed.set(key, value);
        }
        let theirs = PreparedBody::new(measurements::resolve(&typed).expect("a valid body"));
        let mut body = theirs.avatar.mesh.clone();
        for p in &mut body.positions {
            *p = rig(&theirs.avatar.skeleton, theirs.anatomy.crotch.y, *p);
        }
        garment.meta.reference_body.pose = None;
        garment.reference_body = Some(body);
        let posed = PreparedGarment::with_reference(garment, reference.clone()).expect("prepares");
        let pose = posed
            .modelled_pose
            .expect("a pose read from the body's mesh");
        let off = |got: Option<f64>, want: Option<f64>| (got.unwrap() - want.unwrap()).abs();
        eprintln!("{name}: read {pose:?}");
        assert!(
            off(pose.arm_angle_deg, RETAILER.arm_angle_deg) <= 4.0,
            "{name}: {pose:?}"
        );
        assert!(
            off(pose.elbow_bend_deg, RETAILER.elbow_bend_deg) <= 3.0,
            "{name}: {pose:?}"
        );
        assert!(
            off(pose.arm_forward_deg, RETAILER.arm_forward_deg) <= 4.0,
            "{name}: {pose:?}"
        );
        assert!(
            off(pose.leg_angle_deg, RETAILER.leg_angle_deg) <= 1.5,
            "{name}: {pose:?}"
        );
        assert!(
            off(pose.leg_forward_deg, RETAILER.leg_forward_deg) <= 3.0,
            "{name}: {pose:?}"
        );
        assert!(
            off(pose.knee_bend_deg, RETAILER.knee_bend_deg) <= 3.0,
            "{name}: {pose:?}"
        );
        for (region, off) in modelled_differences(ours, &posed) {
            let tolerance = if region.is_length() { 1.5 } else { 1.0 };
            assert!(
                off <= tolerance,
                "{name} {region:?}: {off:.2} cm from the garment modelled in Anprobe's pose"
            );
        }
    }
}

/// Each region the garment is measured in as modelled, and how far the posed one reads from it.
fn modelled_differences(a: &PreparedGarment, b: &PreparedGarment) -> Vec<(Region, f64)> {
    let girths = a
        .reference_girth_cm
        .iter()
        .map(|(r, v)| (*r, *v, b.reference_girth_cm.get(r)));
    let lengths = a
        .reference_length_cm
        .iter()
        .map(|(r, v)| (*r, *v, b.reference_length_cm.get(r)));
    girths
        .chain(lengths)
        .map(|(r, v, w)| (r, w.map_or(f64::INFINITY, |w| (w - v).abs())))
        .collect()
}

const GARMENTS: [&str; 2] = ["brackwater-tailoring-bw-sh", "brackwater-tailoring-bw-tr"];

/// Declared, the posed shirt and trousers measure as the garments modelled in Anprobe's pose
/// (girths within 1 cm, lengths within 1.5 cm), and in their own size on their own body read as
/// designed (every girth good, every length standard), settled and outside the body.
#[test]
fn a_garment_modelled_in_a_declared_pose_reads_as_modelled_in_ours() {
    for name in GARMENTS {
        let ours = by_name(name);
        let posed = modelled_in_retailer_pose(ours, true);
        for (region, off) in modelled_differences(ours, &posed) {
            let tolerance = if region.is_length() { 1.5 } else { 1.0 };
            assert!(
                off <= tolerance,
                "{name} {region:?}: {off:.2} cm from the garment modelled in Anprobe's pose"
            );
        }
        let body = &posed.reference;
        let own = fit::fit_size(
            &posed,
            body,
            posed.reference_size,
            &[],
            &DrapeSettings::default(),
        )
        .expect("fits");
        assert!(own.draped.stats.settled, "{name} did not settle");
        for r in &own.map.regions {
            assert!(
                matches!(r.verdict, Verdict::Good | Verdict::Standard),
                "{name} in its own size on its own body: {}",
                fit::english::region_sentence(r)
            );
        }
        let deep = surface_penetration_mm(&own.draped.positions, &posed.cloth.triangles, body);
        assert!(deep <= 2.0, "{name}: {deep:.1} mm inside its own body");
    }
}

/// How far each cloth point of `posed`, carried into Anprobe's pose, lies from where it lies in
/// `ours` (the garment modelled in Anprobe's pose), cm, in ascending order.
fn carried_off_cm(ours: &PreparedGarment, posed: &PreparedGarment) -> Vec<f32> {
    let mut off: Vec<f32> = posed
        .cloth
        .rest
        .iter()
        .zip(&ours.cloth.rest)
        .map(|(a, b)| a.distance(*b) * 100.0)
        .collect();
    off.sort_by(f32::total_cmp);
    off
}

/// The share `q` of `sorted` lies at or below this.
fn quantile(sorted: &[f32], q: f64) -> f32 {
    sorted[((sorted.len() - 1) as f64 * q) as usize]
}

/// Declared, the posed garments are carried back into Anprobe's pose point by point: 95 % of the
/// cloth within 5 mm of where the garment modelled in Anprobe's pose has it (measured: 3.8 mm
/// the shirt, 3.8 mm the trousers). Declared without the knees' bend and the thighs' swing, the
/// trousers' legs stay bent: 95 % within 3.1 cm, not 5 mm.
#[test]
fn a_declared_pose_carries_the_cloth_back_to_where_it_was_modelled() {
    for name in GARMENTS {
        let ours = by_name(name);
        let off = carried_off_cm(ours, &modelled_in_retailer_pose(ours, true));
        let p95 = quantile(&off, 0.95);
        assert!(
            p95 <= 0.5,
            "{name}: 95 % of the cloth within {p95:.2} cm of where it was modelled (largest {:.1})",
            quantile(&off, 1.0)
        );
    }
    let trousers = by_name(GARMENTS[1]);
    let mut garment = rigged(trousers);
    garment.meta.reference_body.pose = Some(Pose {
        leg_forward_deg: None,
        knee_bend_deg: None,
        ..RETAILER
    });
    let straight_knees =
        PreparedGarment::with_reference(garment, trousers.reference.clone()).expect("prepares");
    let p95 = quantile(&carried_off_cm(trousers, &straight_knees), 0.95);
    assert!(
        p95 > 2.0,
        "the knees' bend left out, 95 % of the trousers within {p95:.2} cm of as modelled"
    );
}

/// Undeclared, the same file is bound as if the arms inside its sleeves were straight: the bent
/// sleeve is carried onto the straight arm as it lies, so the shirt's sleeve reads several
/// centimetres off what it was modelled (and what the declared pose reads).
#[test]
fn an_undeclared_pose_misreads_the_sleeves() {
    let ours = by_name(GARMENTS[0]);
    let undeclared = modelled_in_retailer_pose(ours, false);
    let off = modelled_differences(ours, &undeclared)
        .into_iter()
        .find(|(r, _)| *r == Region::Sleeve)
        .map(|(_, off)| off)
        .expect("a sleeve");
    assert!(off > 3.0, "the sleeve reads only {off:.2} cm off");
}

/// Declared, the posed garments in the size their chart picks on the survey's extreme bodies of
/// their form stay out of the body (≤ 2 mm) and settle (trousers far longer than the legs too).
#[test]
fn a_garment_modelled_in_a_declared_pose_stays_out_of_extreme_bodies() {
    let mut problems = Vec::new();
    for name in GARMENTS {
        let posed = modelled_in_retailer_pose(by_name(name), true);
        for extreme in EXTREMES.iter().filter(|e| e.0 == Form::Male) {
            let wearer = body(*extreme);
            let size = chart_size(&posed, &wearer);
            let f =
                fit::fit_size(&posed, &wearer, size, &[], &DrapeSettings::default()).expect("fits");
            let deep = surface_penetration_mm(&f.draped.positions, &posed.cloth.triangles, &wearer);
            if deep > 2.0 || !f.draped.stats.settled {
                problems.push(format!(
                    "{name} {} on {extreme:?}: {deep:.1} mm inside, settled {}",
                    f.graded.label, f.draped.stats.settled
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Turns `p` as the head turned `turn` degrees turns it on `head`'s body: about the vertical
/// through the neck, by a share that ramps linearly from the neck tape to the chin.
fn head_rig(head: &HeadBones, turn: f32, p: Vec3) -> Vec3 {
    let share = ((p.y - head.from_y) / (head.to_y - head.from_y)).clamp(0.0, 1.0);
    head.pivot + Quat::from_rotation_y((turn * share).to_radians()) * (p - head.pivot)
}

/// The hoodie (its hood up) as its retailer would have modelled it on the same body with the
/// head turned `turn` degrees, the pose declared with `declared`, the reference body's mesh
/// (turned so) in the file with `with_body`.
fn hoodie_on_a_turned_head(
    turn: f32,
    declared: Option<f64>,
    with_body: bool,
) -> (&'static PreparedGarment, PreparedGarment) {
    let ours = by_name("kiko-lane-kl-hd");
    let avatar = &ours.reference.avatar;
    let head = &avatar.skeleton.head;
    let mut garment: ImportedGarment = (*ours.garment).clone();
    for part in &mut garment.parts {
        for p in &mut part.mesh.positions {
            *p = head_rig(head, turn, *p);
        }
    }
    garment.meta.reference_body.pose = declared.map(|turn| Pose {
        head_turn_deg: Some(turn),
        ..Pose::default()
    });
    if with_body {
        let mut body = avatar.mesh.clone();
        for p in &mut body.positions {
            *p = head_rig(head, turn, *p);
        }
        garment.reference_body = Some(body);
    }
    let posed = PreparedGarment::with_reference(garment, ours.reference.clone()).expect("prepares");
    (ours, posed)
}

/// A hood modelled up on a head turned 30° to the body's left: declared, or read from the
/// reference body's mesh in the file (read within 3°), the hoodie is carried back point by
/// point (95 % of the cloth within 5 mm of the hoodie modelled in Anprobe's pose; measured:
/// 0.3 mm declared, 1.0 mm read; the 1.7 % farther than 1 cm, up to 7.3 cm, lies on the
/// shoulders round the neck's base — 11–14 cm from its axis, between the neck tape's and the
/// chin's height — which the test's rig turned with the neck and the body does not); undeclared,
/// the hood stays turned (95 % within 5.8 cm).
#[test]
fn a_hood_modelled_on_a_turned_head_is_turned_back() {
    for (declared, with_body) in [(Some(30.0), false), (None, true)] {
        let (ours, posed) = hoodie_on_a_turned_head(30.0, declared, with_body);
        if with_body {
            let read = posed
                .modelled_pose
                .and_then(|p| p.head_turn_deg)
                .expect("a head turn read from the body's mesh");
            eprintln!("read a head turned {read}°");
            assert!((read - 30.0).abs() <= 3.0, "read a head turned {read}°");
        }
        let off = carried_off_cm(ours, &posed);
        let p95 = quantile(&off, 0.95);
        eprintln!(
            "declared {declared:?}, body in the file {with_body}: p95 {p95:.2} p99 {:.2} max {:.2} cm",
            quantile(&off, 0.99),
            quantile(&off, 1.0)
        );
        assert!(p95 <= 0.5, "95 % of the hoodie within {p95:.2} cm");
    }
    let (ours, undeclared) = hoodie_on_a_turned_head(30.0, None, false);
    let p95 = quantile(&carried_off_cm(ours, &undeclared), 0.95);
    assert!(
        p95 > 2.0,
        "undeclared, 95 % of the hoodie within {p95:.2} cm"
    );
}
