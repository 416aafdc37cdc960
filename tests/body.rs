//! Tests: the body model — tape accuracy over a grid of bodies, a closed manifold mesh, one
//! topology for every body.

use anprobe::body::{self, Avatar};
use anprobe::geometry::TriangleMesh;
use anprobe::measurements::{Form, Key, Resolved, Shape, Source};
use anprobe::tape;
use std::collections::HashMap;

mod feet;
mod hair;
mod intersect;
mod normals;
mod pose;
mod shape;

/// ANSUR II means of the proportions the shopper does not type (cm), per form.
fn mean_shape(form: Form, stature: f64) -> Shape {
    let (base, values): (f64, [f64; 22]) = match form {
        Form::Female => (
            162.9,
            [
                133.5, 123.9, 117.1, 98.0, 102.6, 83.4, 44.9, 6.3, 139.6, 27.0, 24.8, 30.1, 21.4,
                35.5, 23.3, 24.7, 9.3, 18.1, 7.8, 14.8, 19.0, 12.7,
            ],
        ),
        Form::Male => (
            175.6,
            [
                144.0, 132.8, 129.1, 105.6, 109.1, 88.8, 48.9, 7.3, 151.7, 29.0, 25.5, 32.8, 23.9,
                34.7, 24.6, 27.1, 10.2, 19.3, 8.8, 15.4, 20.0, 13.1,
            ],
        ),
    };
    Shape {
        values: values.map(|v| v * stature / base),
    }
}

/// A complete body from explicit values (cm), proportions scaled from the survey means.
pub fn resolved(form: Form, values: &[(Key, f64)]) -> Resolved {
    let defaults: HashMap<Key, f64> = match form {
        Form::Female => [
            (Key::Stature, 163.0),
            (Key::NeckGirth, 33.0),
            (Key::ChestGirth, 92.0),
            (Key::UnderbustGirth, 80.0),
            (Key::WaistGirth, 74.0),
            (Key::OmphalionGirth, 80.0),
            (Key::HipGirth, 100.0),
            (Key::ShoulderWidth, 36.0),
            (Key::ArmLength, 55.0),
            (Key::UpperArmGirth, 29.0),
            (Key::WristGirth, 15.0),
            (Key::InsideLeg, 76.0),
            (Key::ThighGirth, 60.0),
            (Key::KneeGirth, 40.0),
            (Key::CalfGirth, 36.0),
            (Key::AnkleGirth, 22.0),
            (Key::HeadGirth, 55.0),
            (Key::WeightKg, 65.0),
        ],
        Form::Male => [
            (Key::Stature, 176.0),
            (Key::NeckGirth, 39.0),
            (Key::ChestGirth, 102.0),
            (Key::UnderbustGirth, 95.0),
            (Key::WaistGirth, 87.0),
            (Key::OmphalionGirth, 90.0),
            (Key::HipGirth, 101.0),
            (Key::ShoulderWidth, 40.0),
            (Key::ArmLength, 59.0),
            (Key::UpperArmGirth, 34.0),
            (Key::WristGirth, 17.0),
            (Key::InsideLeg, 83.0),
            (Key::ThighGirth, 61.0),
            (Key::KneeGirth, 41.0),
            (Key::CalfGirth, 39.0),
            (Key::AnkleGirth, 23.0),
            (Key::HeadGirth, 57.0),
            (Key::WeightKg, 85.0),
        ],
    }
    .into_iter()
    .collect();
    let mut v = Key::ALL.map(|k| defaults[&k]);
    for &(k, x) in values {
        v[k.index()] = x;
    }
    Resolved {
        form,
        form_source: Source::Typed,
        values: v,
        sources: [Source::Typed; Key::COUNT],
        shape: mean_shape(form, v[Key::Stature.index()]),
    }
}

/// Every measured value equals its target within 0.5 cm; returns the largest deviation (cm).
fn assert_accurate(m: &Resolved, avatar: &Avatar, label: &str) -> f64 {
    let mut worst: f64 = 0.0;
    for reading in tape::measure(avatar) {
        let want = m.get(reading.key);
        assert!(
            (reading.cm - want).abs() < 0.5,
            "{label}: {} measured {:.2} cm, wanted {want:.2} cm",
            reading.key.as_str(),
            reading.cm
        );
        worst = worst.max((reading.cm - want).abs());
    }
    worst
}

/// Closed, manifold and consistently oriented: each directed edge once, its reverse once.
fn assert_closed_manifold(mesh: &TriangleMesh) {
    let mut directed: HashMap<(u32, u32), u32> = HashMap::new();
    for t in mesh.indices.chunks_exact(3) {
        assert!(
            t[0] != t[1] && t[1] != t[2] && t[0] != t[2],
            "degenerate triangle {t:?}"
        );
        for k in 0..3 {
            *directed.entry((t[k], t[(k + 1) % 3])).or_default() += 1;
        }
    }
    for (&(a, b), &n) in &directed {
        assert_eq!(n, 1, "edge {a}->{b} used {n} times in one direction");
        assert_eq!(
            directed.get(&(b, a)),
            Some(&1),
            "edge {a}-{b} is not shared by exactly two triangles"
        );
    }
    let used: std::collections::HashSet<u32> = mesh.indices.iter().copied().collect();
    assert_eq!(used.len(), mesh.positions.len(), "unused vertices");
    assert!(tape::volume_m3(mesh) > 0.0, "normals point inwards");
    // Euler characteristic of a sphere-like closed surface.
    let (v, e, f) = (
        mesh.positions.len() as i64,
        directed.len() as i64 / 2,
        mesh.indices.len() as i64 / 3,
    );
    assert_eq!(v - e + f, 2, "not a single closed genus-0 surface");
}

#[test]
fn default_bodies_measure_exactly_and_are_closed() {
    for form in [Form::Female, Form::Male] {
        let m = resolved(form, &[]);
        let avatar = body::build(&m);
        // The one topology every avatar has (and the capacity the build reserves for it).
        assert_eq!(avatar.mesh.positions.len(), body::VERTICES);
        assert_eq!(avatar.mesh.indices.len(), 3 * body::TRIANGLES);
        assert_eq!(avatar.mesh.normals.len(), avatar.mesh.positions.len());
        assert_eq!(avatar.mesh.uvs.len(), avatar.mesh.positions.len());
        assert!(avatar.mesh.positions.iter().all(|p| p.is_finite()));
        assert!(
            avatar
                .mesh
                .normals
                .iter()
                .all(|n| n.is_finite() && (n.length() - 1.0).abs() < 1e-3)
        );
        let min_y = avatar
            .mesh
            .positions
            .iter()
            .map(|p| p.y)
            .fold(f32::INFINITY, f32::min);
        assert_eq!(min_y, 0.0, "feet on the floor");
        assert_closed_manifold(&avatar.mesh);
        assert_accurate(&m, &avatar, &format!("{form:?}"));
    }
}

/// A body scaled to `stature` with girths scaled by `size` (0.8 petite … 1.6 plus).
fn graded(form: Form, stature: f64, size: f64) -> Resolved {
    let base = resolved(form, &[]);
    let k = stature / base.get(Key::Stature);
    let values: Vec<(Key, f64)> = Key::ALL
        .iter()
        .map(|&key| {
            let v = base.get(key);
            let scaled = match key {
                Key::Stature => stature,
                Key::InsideLeg | Key::ArmLength | Key::ShoulderWidth => v * k,
                Key::HeadGirth | Key::WristGirth | Key::AnkleGirth | Key::NeckGirth => {
                    v * size.sqrt()
                }
                Key::WeightKg => v * k * size * size,
                _ => v * size,
            };
            (key, scaled)
        })
        .collect();
    resolved(form, &values)
}

#[test]
fn grid_of_bodies_measures_within_half_a_centimetre() {
    for form in [Form::Female, Form::Male] {
        for stature in [140.0, 155.0, 170.0, 185.0, 210.0] {
            for size in [0.8, 1.0, 1.3, 1.6] {
                let m = graded(form, stature, size);
                let avatar = body::build(&m);
                assert!(avatar.mesh.positions.iter().all(|p| p.is_finite()));
                assert_accurate(&m, &avatar, &format!("{form:?} {stature} cm size {size}"));
            }
        }
    }
}

/// An avatar rebuilt in its own memory (a slider drag in the app) is the avatar built afresh.
#[test]
fn an_avatar_rebuilt_in_place_is_the_avatar_built_afresh() {
    let mut shown = body::build(&resolved(Form::Female, &[]));
    for (form, values) in [
        (
            Form::Male,
            vec![(Key::Stature, 186.0), (Key::ChestGirth, 110.0)],
        ),
        (
            Form::Female,
            vec![(Key::Stature, 152.0), (Key::HipGirth, 120.0)],
        ),
    ] {
        let m = resolved(form, &values);
        body::rebuild(&mut shown, &m);
        let fresh = body::build(&m);
        assert!(
            shown.mesh == fresh.mesh,
            "{form:?} {values:?}: another mesh"
        );
        assert_eq!(shown.tapes, fresh.tapes, "{form:?} {values:?}");
        assert_eq!(shown.skeleton, fresh.skeleton, "{form:?} {values:?}");
    }
}

#[test]
fn every_body_has_the_same_topology() {
    let reference = body::build(&resolved(Form::Female, &[]));
    assert_closed_manifold(&reference.mesh);
    for m in [
        graded(Form::Male, 210.0, 1.6),
        graded(Form::Female, 140.0, 0.8),
        graded(Form::Male, 150.0, 1.3),
    ] {
        let other = body::build(&m);
        assert_eq!(other.mesh.positions.len(), reference.mesh.positions.len());
        assert_eq!(other.mesh.indices, reference.mesh.indices);
        assert_eq!(
            other.tapes.iter().map(|t| t.0).collect::<Vec<_>>(),
            reference.tapes.iter().map(|t| t.0).collect::<Vec<_>>()
        );
    }
}

#[test]
fn contradictory_values_still_build_a_closed_finite_body() {
    // Validation refuses these before the builder; the builder must still never panic or NaN.
    let m = resolved(
        Form::Female,
        &[
            (Key::Stature, 100.0),
            (Key::ChestGirth, 200.0),
            (Key::WaistGirth, 30.0),
            (Key::InsideLeg, 90.0),
            (Key::ThighGirth, 120.0),
            (Key::WristGirth, f64::NAN),
        ],
    );
    let avatar = body::build(&m);
    assert!(avatar.mesh.positions.iter().all(|p| p.is_finite()));
    assert!(avatar.mesh.normals.iter().all(|n| n.is_finite()));
    assert_eq!(
        avatar.mesh.indices,
        body::build(&resolved(Form::Female, &[])).mesh.indices
    );
}

/// Real bodies from the ANSUR II survey (`../shared/data`, present for developers and CI; the
/// product never needs it): every 7th subject of both files, every key typed, resolved the way the
/// app does it, built and measured.
#[test]
fn survey_bodies_measure_within_half_a_centimetre() {
    use anprobe::measurements::{Measurements, resolve};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !dir.exists() {
        return crate::prerequisite::missing(
            "body::survey_bodies_measure_within_half_a_centimetre",
            &format!("the ANSUR II survey files in {}", dir.display()),
        );
    }
    let columns: [(Key, &[&str]); 16] = [
        (Key::Stature, &["stature"]),
        (Key::NeckGirth, &["neckcircumference"]),
        (Key::ChestGirth, &["chestcircumference"]),
        (Key::WaistGirth, &["waistcircumference"]),
        (Key::HipGirth, &["buttockcircumference"]),
        (Key::ShoulderWidth, &["biacromialbreadth"]),
        (
            Key::ArmLength,
            &["acromionradialelength", "radialestylionlength"],
        ),
        (Key::UpperArmGirth, &["bicepscircumferenceflexed"]),
        (Key::WristGirth, &["wristcircumference"]),
        (Key::InsideLeg, &["crotchheight"]),
        (Key::ThighGirth, &["thighcircumference"]),
        (Key::KneeGirth, &["lowerthighcircumference"]),
        (Key::CalfGirth, &["calfcircumference"]),
        (Key::AnkleGirth, &["anklecircumference"]),
        (Key::HeadGirth, &["headcircumference"]),
        (Key::WeightKg, &["weightkg"]),
    ];
    let (mut bodies, mut worst) = (0, 0.0f64);
    for (file, form) in [
        ("ansur2_female_train.csv", Form::Female),
        ("ansur2_male_train.csv", Form::Male),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).expect("survey file readable");
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .expect("column present")
        };
        for line in lines.step_by(7) {
            let cells: Vec<&str> = line.split(',').collect();
            let mut typed = Measurements::new(form, 0.0);
            for (key, names) in &columns {
                // Lengths are in mm and `weightkg` in tenths of a kilogram: both divide by 10.
                let raw: f64 = names
                    .iter()
                    .map(|n| cells[col(n)].parse::<f64>().expect("number"))
                    .sum();
                typed.set(*key, raw / 10.0);
            }
            let m = resolve(&typed)
                .unwrap_or_else(|e| panic!("survey subject {} refused: {e:?}", cells[0]));
            let avatar = body::build(&m);
            worst = worst.max(assert_accurate(
                &m,
                &avatar,
                &format!("subject {}", cells[0]),
            ));
            bodies += 1;
        }
    }
    assert!(bodies > 400, "only {bodies} survey bodies checked");
    eprintln!("{bodies} survey bodies: largest tape deviation {worst:.4} cm");
}
