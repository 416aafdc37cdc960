//! The avatar's shape against the survey's own calipers (ANSUR II, `../shared/data`): on subjects
//! held out of the model fit, the trunk's breadth and depth at the survey's chest, navel and
//! buttock heights, the widest hip breadth between crotch and navel, and the heights of the
//! chest, navel and buttock tapes, the armpit and the acromion. The avatar only receives the
//! shopper's keys (stature, girths, lengths, weight); breadths and depths are the survey's, never
//! its inputs. `cargo test --test main body::shape -- --nocapture` prints the table.

use anprobe::body::{self, TapePlacement};
use anprobe::geometry::{Plane, TriangleMesh};
use anprobe::measurements::ansur::{self, Subject};
use anprobe::measurements::{Key, Measurements, Resolved, ShapeVar, resolve_with};
use anprobe::tape::{self, Breadths};
use glam::Vec3;

/// One compared figure: its name, the goal on the mean absolute error (cm) and, for breadths and
/// depths, the largest bias allowed (cm).
struct Figure {
    name: &'static str,
    mae_goal: f64,
    bias_goal: Option<f64>,
    errors: Vec<f64>,
}

impl Figure {
    fn new(name: &'static str, mae_goal: f64, bias_goal: Option<f64>) -> Self {
        Figure {
            name,
            mae_goal,
            bias_goal,
            errors: Vec::new(),
        }
    }
    fn bias(&self) -> f64 {
        self.errors.iter().sum::<f64>() / self.errors.len().max(1) as f64
    }
    fn mae(&self) -> f64 {
        self.errors.iter().map(|e| e.abs()).sum::<f64>() / self.errors.len().max(1) as f64
    }
    fn holds(&self) -> bool {
        self.mae() <= self.mae_goal && self.bias_goal.is_none_or(|b| self.bias().abs() <= b)
    }
}

/// What the avatar of one subject measures like the survey does, cm.
struct Measured {
    chest: Breadths,
    /// Whether the chest was measured 1 cm below the avatar's armpit, under the survey's level.
    chest_lowered: bool,
    navel: Breadths,
    buttock: Breadths,
    hip_breadth: f32,
    chest_height: f32,
    navel_height: f32,
    buttock_height: f32,
    armpit_height: f32,
    acromion_height: f32,
}

fn plane_origin(avatar: &body::Avatar, key: Key) -> Vec3 {
    match avatar.girth(key) {
        Some(plane) => plane.origin,
        None => panic!("{key:?} is not a girth tape: {:?}", avatar.tape(key)),
    }
}

/// The armpit: the lowest height above the chest tape at which the trunk's cross-section reaches
/// into an arm (its breadth jumps), found by stepping up 1 cm and halving the last step.
fn armpit_height(mesh: &TriangleMesh, chest: Vec3, acromion_y: f32) -> f32 {
    let breadth = |y: f32| tape::caliper(mesh, y, chest).map_or(f32::NAN, |b| b.breadth);
    let base = breadth(chest.y);
    let joined = |y: f32| breadth(y) > base + 0.04;
    let (mut lo, mut hi) = (chest.y, chest.y);
    while hi < acromion_y {
        hi += 0.01;
        if joined(hi) {
            break;
        }
        lo = hi;
    }
    for _ in 0..6 {
        let mid = 0.5 * (lo + hi);
        if joined(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Measures the avatar of `typed` at the survey subject's own landmark heights (cm in `s`).
fn measure(avatar: &body::Avatar, s: &Subject) -> Measured {
    let mesh = &avatar.mesh;
    let at = |v: ShapeVar| s.values[ansur::shape_var(v)] as f32 / 100.0;
    let chest = plane_origin(avatar, Key::ChestGirth);
    let navel = plane_origin(avatar, Key::OmphalionGirth);
    let buttock = plane_origin(avatar, Key::HipGirth);
    let acromion_y = match avatar.tape(Key::ShoulderWidth) {
        Some(TapePlacement::Length { from, .. }) => mesh.positions[from as usize].y,
        other => panic!("no shoulder tape: {other:?}"),
    };
    let crotch_y = match avatar.tape(Key::InsideLeg) {
        Some(TapePlacement::Height { top }) => mesh.positions[top as usize].y,
        other => panic!("no inside-leg tape: {other:?}"),
    };
    let caliper = |y: f32, centre: Vec3| {
        tape::caliper(mesh, y, centre).unwrap_or_else(|| panic!("no section at {y} m"))
    };
    // The widest breadth between the crotch and the navel (1 cm above the higher crotch).
    let survey_crotch = s.values[ansur::key_var(Key::InsideLeg)] as f32 / 100.0;
    let (low, high) = (
        survey_crotch.max(crotch_y) + 0.01,
        at(ShapeVar::NavelHeight),
    );
    let steps = ((high - low) / 0.005).ceil().max(1.0) as usize;
    let hip_breadth = (0..=steps)
        .map(|i| low + (high - low) * i as f32 / steps as f32)
        .map(|y| caliper(y, buttock).breadth)
        .fold(0.0f32, f32::max);
    // Below the armpit only: where the avatar's armpit lies lower than the survey's chest level,
    // a section there would run through the arms, which the survey's caliper leaves out.
    let armpit = armpit_height(mesh, chest, acromion_y);
    let chest_level = at(ShapeVar::ChestHeight).min(armpit - 0.01);
    Measured {
        chest: caliper(chest_level, chest),
        chest_lowered: chest_level < at(ShapeVar::ChestHeight),
        navel: caliper(at(ShapeVar::NavelHeight), navel),
        buttock: caliper(at(ShapeVar::ButtockHeight), buttock),
        hip_breadth,
        chest_height: chest.y,
        navel_height: navel.y,
        buttock_height: buttock.y,
        armpit_height: armpit,
        acromion_height: acromion_y,
    }
}

/// Types every key a shopper can type but the underbust and the natural waist, which the survey
/// did not take: the shape must come from the girths, never from typed breadths.
pub(super) fn type_surveyed_keys(typed: &mut Measurements, s: &Subject) {
    let surveyed = |k: &&Key| !matches!(k, Key::UnderbustGirth | Key::WaistGirth);
    for &key in Key::ALL.iter().filter(surveyed) {
        typed.set(key, s.values[ansur::key_var(key)]);
    }
}

/// The held-out survey bodies of `test`, each subject with its measurements resolved from the
/// keys a shopper types, by a model refitted on four fifths of each form (every third subject of
/// the other fifth, about 200), and how many subjects the model was fitted on; `None` without the
/// survey files.
fn held_out_bodies(test: &str) -> Option<(usize, Vec<(Subject, Resolved)>)> {
    let dir = crate::prerequisite::survey_dir(test)?;
    let subjects = ansur::read_csv_dir(&dir).expect("survey files read");
    let (train, held) = crate::measurements::model::held_out(&subjects, 3);
    let model = ansur::fit(&train).expect("fit");
    let bodies = held
        .into_iter()
        .map(|s| {
            let mut typed = Measurements::new(s.form, 0.0);
            type_surveyed_keys(&mut typed, s);
            let m = resolve_with(&model, &typed).unwrap_or_else(|e| panic!("refused: {e:?}"));
            (s.clone(), m)
        })
        .collect();
    Some((train.len(), bodies))
}

/// The trunk's girth in the level plane at height `y` round the section nearest `centre`, cm.
fn trunk_girth(mesh: &TriangleMesh, y: f32, centre: Vec3) -> f64 {
    let plane = Plane {
        origin: Vec3::new(centre.x, y, centre.z),
        normal: Vec3::Y,
    };
    tape::girth(mesh, plane).map_or(f64::NAN, |g| g.0 * 100.0)
}

/// The natural waist is what ISO 8559-1 and size charts mean: the narrowest girth of the trunk
/// between the underbust and the hip. On held-out survey bodies (the navel girth typed, the
/// natural waist predicted) the waist tape is that narrowest girth within 2 mm, on every level
/// between the hip tape and the underbust tape 5 mm apart; and the navel's tape (the survey's
/// waist) lies at the survey's navel height within 1.5 cm on average.
#[test]
fn the_natural_waist_is_the_narrowest_girth_and_the_navel_tape_sits_at_the_navel() {
    let test = "body::shape::the_natural_waist_is_the_narrowest_girth_and_the_navel_tape_sits_at_the_navel";
    let Some((_, held)) = held_out_bodies(test) else {
        return;
    };
    let (mut checked, mut skipped, mut navel_error) = (0, 0, 0.0);
    let mut failures = Vec::new();
    for (s, m) in &held {
        let avatar = body::build(m);
        let mesh = &avatar.mesh;
        let navel = plane_origin(&avatar, Key::OmphalionGirth);
        let survey_navel = s.values[ansur::shape_var(ShapeVar::NavelHeight)];
        navel_error += (navel.y as f64 * 100.0 - survey_navel).abs();
        // A waist above the underbust, the navel's or the hip (a belly wider than the chest) is
        // not the narrowest between underbust and hip by its own measurements: counted only.
        let waist = m.get(Key::WaistGirth);
        let others = [Key::UnderbustGirth, Key::OmphalionGirth, Key::HipGirth];
        if others.iter().any(|&k| waist > m.get(k)) {
            skipped += 1;
            continue;
        }
        checked += 1;
        let centre = plane_origin(&avatar, Key::WaistGirth);
        let (low, high) = (
            plane_origin(&avatar, Key::HipGirth).y,
            plane_origin(&avatar, Key::UnderbustGirth).y,
        );
        let steps = ((high - low) / 0.005).ceil() as usize;
        let narrowest = (0..=steps)
            .map(|i| low + (high - low) * i as f32 / steps as f32)
            .map(|y| (trunk_girth(mesh, y, centre), y))
            .fold((f64::INFINITY, 0.0), |a, b| if b.0 < a.0 { b } else { a });
        if narrowest.0 < waist - 0.2 {
            failures.push(format!(
                "{:?} {:.0} cm: waist {waist:.1} cm at {:.1} cm, but {:.1} cm at {:.1} cm",
                s.form,
                m.get(Key::Stature),
                centre.y * 100.0,
                narrowest.0,
                narrowest.1 * 100.0
            ));
        }
    }
    let navel_mae = navel_error / held.len() as f64;
    println!(
        "natural waist narrowest on {checked} bodies ({skipped} with a waist above the underbust, \
         the navel's or the hip left out), {} failures; navel tape height MAE {navel_mae:.2} cm",
        failures.len()
    );
    assert!(checked >= 150, "only {checked} bodies checked");
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(navel_mae <= 1.5, "navel tape height MAE {navel_mae:.2} cm");
}

#[test]
fn trunk_breadths_depths_and_landmark_heights_match_the_survey() {
    let test = "body::shape::trunk_breadths_depths_and_landmark_heights_match_the_survey";
    let Some((trained_on, held)) = held_out_bodies(test) else {
        return;
    };
    let breadth = |name| Figure::new(name, 1.0, Some(0.3));
    let height = |name| Figure::new(name, 1.5, None);
    let mut figures = [
        breadth("chest breadth"),
        breadth("chest depth"),
        breadth("waist breadth (navel)"),
        breadth("waist depth (navel)"),
        breadth("buttock depth"),
        breadth("hip breadth (widest)"),
        height("chest tape height"),
        height("navel (omphalion tape) height"),
        height("buttock (hip tape) height"),
        height("armpit height"),
        height("acromion height"),
    ];
    let mut lowered = 0;
    for (s, m) in &held {
        let avatar = body::build(m);
        let got = measure(&avatar, s);
        lowered += usize::from(got.chest_lowered);
        let truth = |v: ShapeVar| s.values[ansur::shape_var(v)];
        let pairs = [
            (got.chest.breadth, truth(ShapeVar::ChestBreadth)),
            (got.chest.depth, truth(ShapeVar::ChestDepth)),
            (got.navel.breadth, truth(ShapeVar::WaistBreadth)),
            (got.navel.depth, truth(ShapeVar::WaistDepth)),
            (got.buttock.depth, truth(ShapeVar::ButtockDepth)),
            (got.hip_breadth, truth(ShapeVar::HipBreadth)),
            (got.chest_height, truth(ShapeVar::ChestHeight)),
            (got.navel_height, truth(ShapeVar::NavelHeight)),
            (got.buttock_height, truth(ShapeVar::ButtockHeight)),
            (got.armpit_height, truth(ShapeVar::AxillaHeight)),
            (got.acromion_height, truth(ShapeVar::AcromialHeight)),
        ];
        for (figure, (avatar_m, survey_cm)) in figures.iter_mut().zip(pairs) {
            figure.errors.push(avatar_m as f64 * 100.0 - survey_cm);
        }
    }
    println!(
        "\n{} held-out survey bodies (model fitted on {}): avatar − survey, cm",
        held.len(),
        trained_on
    );
    println!("{:<28} {:>7} {:>7}   goal", "figure", "bias", "MAE");
    for f in &figures {
        let goal = match f.bias_goal {
            Some(b) => format!("MAE ≤ {:.1}, |bias| ≤ {b:.1}", f.mae_goal),
            None => format!("MAE ≤ {:.1}", f.mae_goal),
        };
        let mark = if f.holds() { "" } else { "  ← missed" };
        println!(
            "{:<28} {:>+7.2} {:>7.2}   {goal}{mark}",
            f.name,
            f.bias(),
            f.mae()
        );
    }
    println!(
        "chest breadth and depth of {lowered} bodies taken 1 cm below the avatar's armpit, which \
         lies lower than the survey's chest level"
    );
    assert!(held.len() >= 150, "only {} bodies measured", held.len());
    let missed: Vec<&str> = figures
        .iter()
        .filter(|f| !f.holds())
        .map(|f| f.name)
        .collect();
    assert!(missed.is_empty(), "goals missed: {missed:?}");
}

/// Typed breadths and depth (the survey's own chest breadth, chest depth and widest hip breadth
/// of each held-out body, with every key a shopper types) shape the avatar: its chest ring reads
/// them on a caliper at the chest tape, and its widest hip breadth between crotch and navel reads
/// the typed hip breadth.
#[test]
fn typed_breadths_and_depth_shape_the_avatar() {
    let test = "body::shape::typed_breadths_and_depth_shape_the_avatar";
    let Some((_, held)) = held_out_bodies(test) else {
        return;
    };
    let mut errors = [Vec::new(), Vec::new(), Vec::new()];
    let mut refused = 0;
    for (s, _) in &held {
        let mut typed = Measurements::new(s.form, 0.0);
        type_surveyed_keys(&mut typed, s);
        for var in ShapeVar::TYPABLE {
            typed.shape.insert(var, s.values[ansur::shape_var(var)]);
        }
        // A survey body whose breadth is outside 18–42 % of its girth is refused with a message.
        let Ok(m) = anprobe::measurements::resolve(&typed) else {
            refused += 1;
            continue;
        };
        let avatar = body::build(&m);
        let mesh = &avatar.mesh;
        let chest = plane_origin(&avatar, Key::ChestGirth);
        let at_chest = tape::caliper(mesh, chest.y, chest).expect("a chest section");
        let buttock = plane_origin(&avatar, Key::HipGirth);
        let crotch_y = match avatar.tape(Key::InsideLeg) {
            Some(TapePlacement::Height { top }) => mesh.positions[top as usize].y,
            other => panic!("no inside-leg tape: {other:?}"),
        };
        let navel_y = plane_origin(&avatar, Key::OmphalionGirth).y;
        let hip_breadth = (0..=40)
            .map(|i| crotch_y + 0.01 + (navel_y - crotch_y - 0.01) * i as f32 / 40.0)
            .filter_map(|y| tape::caliper(mesh, y, buttock))
            .map(|b| b.breadth)
            .fold(0.0f32, f32::max);
        let got = [at_chest.breadth, at_chest.depth, hip_breadth];
        for ((e, var), g) in errors.iter_mut().zip(ShapeVar::TYPABLE).zip(got) {
            e.push(g as f64 * 100.0 - typed.shape[&var]);
        }
    }
    let mae = |e: &[f64]| e.iter().map(|x| x.abs()).sum::<f64>() / e.len().max(1) as f64;
    let bias = |e: &[f64]| e.iter().sum::<f64>() / e.len().max(1) as f64;
    for (var, e) in ShapeVar::TYPABLE.iter().zip(&errors) {
        println!(
            "{:<14} typed: avatar − typed bias {:+.2} cm, MAE {:.2} cm",
            var.as_str(),
            bias(e),
            mae(e)
        );
    }
    println!("{} bodies, {refused} refused", errors[0].len());
    assert!(errors[0].len() >= 150, "only {} bodies", errors[0].len());
    assert!(
        mae(&errors[0]) <= 0.3,
        "chest breadth MAE {:.2}",
        mae(&errors[0])
    );
    assert!(
        mae(&errors[1]) <= 0.3,
        "chest depth MAE {:.2}",
        mae(&errors[1])
    );
    assert!(
        mae(&errors[2]) <= 0.5,
        "hip breadth MAE {:.2}",
        mae(&errors[2])
    );
}
