//! The ANSUR II model: the committed file re-derived from the survey, and the prediction error on
//! held-out subjects (`cargo test --test main measurements::model -- --nocapture` prints it).

use anprobe::measurements::ansur::{self, Model, Subject};
use anprobe::measurements::{Form, Key, Measurements, ShapeVar, resolve_with};
use std::path::Path;

#[test]
fn committed_model_equals_the_one_fitted_on_the_survey() {
    let Some(dir) = crate::prerequisite::survey_dir(
        "measurements::model::committed_model_equals_the_one_fitted_on_the_survey",
    ) else {
        return;
    };
    let fitted = ansur::fit_from_csv_dir(&dir).expect("survey files read");
    assert_eq!(fitted.female.subjects, 993);
    assert_eq!(fitted.male.subjects, 2041);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(ansur::MODEL_FILE);
    if std::env::var("ANPROBE_WRITE_MODEL").as_deref() == Ok("1") {
        std::fs::write(&path, fitted.to_json()).expect("model file written");
        println!("wrote {}", path.display());
    }
    let text = std::fs::read_to_string(&path).expect("model file read");
    let on_disk = Model::from_json(&text).expect("model file parses");
    let diff = on_disk.max_abs_diff(&fitted);
    assert!(
        diff < 1e-6,
        "{} differs from the survey fit by {diff}; rerun with ANPROBE_WRITE_MODEL=1",
        ansur::MODEL_FILE
    );
    if std::env::var("ANPROBE_WRITE_MODEL").is_err() {
        assert!(
            Model::committed().max_abs_diff(&on_disk) < 1e-6,
            "compiled-in model is stale"
        );
    }
}

#[test]
fn model_file_round_trips_and_underbust_and_natural_waist_are_derived() {
    let model = Model::committed();
    let again = Model::from_json(&model.to_json()).expect("parses");
    assert!(model.max_abs_diff(&again) < 1e-9);
    for (form, a) in [(Form::Female, 0.88), (Form::Male, 0.93)] {
        let m = model.form(form);
        let (u, c) = (
            ansur::key_var(Key::UnderbustGirth),
            ansur::key_var(Key::ChestGirth),
        );
        assert!((m.mean[u] - a * m.mean[c]).abs() < 1e-6);
        assert!((m.cov[u][u] - (a * a * m.cov[c][c] + 2.5 * 2.5)).abs() < 1e-6);
        assert!((m.cov[u][0] - a * m.cov[c][0]).abs() < 1e-6);
        // The natural waist is derived from the navel's girth the same way.
        let (w, o, s) = (
            ansur::key_var(Key::WaistGirth),
            ansur::key_var(Key::OmphalionGirth),
            ansur::natural_waist_share(form),
        );
        let sd = ansur::natural_waist_sd(form);
        assert!((m.mean[w] - s * m.mean[o]).abs() < 1e-6);
        assert!((m.cov[w][w] - (s * s * m.cov[o][o] + sd * sd)).abs() < 1e-6);
        assert!((m.cov[w][0] - s * m.cov[o][0]).abs() < 1e-6);
    }
    assert!(Model::from_json("{}").is_err());
    assert!(Model::from_json("not json").is_err());
}

/// A prediction scenario: the keys typed besides the form.
const SCENARIOS: [(&str, &[Key]); 3] = [
    ("stature only", &[Key::Stature]),
    ("stature + weight", &[Key::Stature, Key::WeightKg]),
    (
        "stature + chest + navel girth + hip + weight",
        &[
            Key::Stature,
            Key::ChestGirth,
            Key::OmphalionGirth,
            Key::HipGirth,
            Key::WeightKg,
        ],
    ),
];

/// Mean absolute error and root-mean-square error per model variable (keys and shape variables),
/// cm (kg), over held-out subjects; typed keys and the underbust (not surveyed) left out.
fn errors(model: &Model, test: &[&Subject], typed: &[Key]) -> Vec<(usize, f64, f64)> {
    let mut sums = [(0.0, 0.0); ansur::N];
    for s in test {
        let mut m = Measurements {
            form: Some(s.form),
            ..Default::default()
        };
        for &k in typed {
            m.set(k, s.values[ansur::key_var(k)]);
        }
        let r =
            resolve_with(model, &m).unwrap_or_else(|e| panic!("held-out subject rejected: {e:?}"));
        let predicted = Key::ALL.map(|k| r.get(k)).into_iter().chain(r.shape.values);
        for ((sum, p), truth) in sums.iter_mut().zip(predicted).zip(s.values) {
            sum.0 += (p - truth).abs();
            sum.1 += (p - truth) * (p - truth);
        }
    }
    let n = test.len() as f64;
    let skip: Vec<usize> = typed
        .iter()
        .chain([&Key::UnderbustGirth, &Key::WaistGirth])
        .map(|&k| ansur::key_var(k))
        .collect();
    (0..ansur::N)
        .filter(|i| !skip.contains(i))
        .map(|i| (i, sums[i].0 / n, (sums[i].1 / n).sqrt()))
        .collect()
}

/// Splits the survey per form: every fifth subject (index 4, 9, 14, … within its form) is held
/// out, and of those every `nth` is kept (index 9, 24, … for 3); the rest is for fitting.
pub fn held_out(subjects: &[Subject], nth: usize) -> (Vec<Subject>, Vec<&Subject>) {
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for form in [Form::Female, Form::Male] {
        for (i, s) in subjects.iter().filter(|s| s.form == form).enumerate() {
            if i % 5 != 4 {
                train.push(s.clone());
            } else if (i / 5) % nth == 1 % nth {
                held.push(s);
            }
        }
    }
    (train, held)
}

/// Fits on four fifths of each form's subjects and predicts every fifth (index 4, 9, 14, …).
#[test]
fn prediction_error_on_held_out_subjects() {
    let Some(dir) = crate::prerequisite::survey_dir(
        "measurements::model::prediction_error_on_held_out_subjects",
    ) else {
        return;
    };
    let subjects = ansur::read_csv_dir(&dir).expect("survey files read");
    let (train, test) = held_out(&subjects, 1);
    let model = ansur::fit(&train).expect("fit");
    for form in [Form::Female, Form::Male] {
        let held: Vec<&Subject> = test.iter().copied().filter(|s| s.form == form).collect();
        println!(
            "\n{form:?}: {} held out, fitted on {}; MAE / RMSE",
            held.len(),
            model.form(form).subjects
        );
        let table: Vec<Vec<(usize, f64, f64)>> = SCENARIOS
            .iter()
            .map(|(_, keys)| errors(&model, &held, keys))
            .collect();
        println!("| variable | {} |", SCENARIOS.map(|s| s.0).join(" | "));
        println!("|---|---|---|---|");
        let derived = [Key::UnderbustGirth, Key::WaistGirth].map(ansur::key_var);
        for i in (0..ansur::N).filter(|i| !derived.contains(i)) {
            let cells: Vec<String> = table
                .iter()
                .map(|col| match col.iter().find(|e| e.0 == i) {
                    Some((_, mae, rmse)) => format!("{mae:.1} / {rmse:.1}"),
                    None => "typed".into(),
                })
                .collect();
            println!("| {} | {} |", ansur::var_name(i), cells.join(" | "));
        }
        let mae = |scenario: usize, key: Key| {
            table[scenario]
                .iter()
                .find(|e| e.0 == ansur::key_var(key))
                .map_or(f64::NAN, |e| e.1)
        };
        // Generous bounds (about 1.5 × what the model achieves): a broken model fails them.
        assert!(mae(2, Key::InsideLeg) < 3.0, "{form:?} inside leg");
        assert!(
            mae(0, Key::InsideLeg) < 3.0,
            "{form:?} inside leg from stature"
        );
        assert!(
            mae(0, Key::ArmLength) < 2.5,
            "{form:?} arm length from stature"
        );
        assert!(mae(0, Key::WeightKg) < 15.0, "{form:?} weight from stature");
        assert!(
            mae(1, Key::OmphalionGirth) < 6.0,
            "{form:?} navel girth from stature and weight"
        );
        assert!(
            mae(1, Key::ChestGirth) < 5.0,
            "{form:?} chest from stature and weight"
        );
        assert!(
            mae(2, Key::ThighGirth) < 2.5,
            "{form:?} thigh from five keys"
        );
        assert!(mae(2, Key::NeckGirth) < 2.0, "{form:?} neck from five keys");
        for k in [
            Key::NeckGirth,
            Key::ThighGirth,
            Key::UpperArmGirth,
            Key::CalfGirth,
        ] {
            assert!(
                mae(2, k) < mae(0, k),
                "{form:?} {k:?}: more keys must predict better"
            );
        }
        let shape = |scenario: usize, var: ShapeVar| {
            table[scenario]
                .iter()
                .find(|e| e.0 == ansur::shape_var(var))
                .map_or(f64::NAN, |e| e.1)
        };
        assert!(
            shape(0, ShapeVar::NavelHeight) < 3.0,
            "{form:?} navel height"
        );
        assert!(shape(2, ShapeVar::WaistDepth) < 2.0, "{form:?} waist depth");
    }
}
