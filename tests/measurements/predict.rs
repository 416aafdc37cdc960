//! Tests: resolution — every missing key and shape variable predicted, typed values kept exactly,
//! results consistent (they pass validation themselves, landmark heights in order), no panics.

use super::{average_female, body, normal_bodies};
use crate::rng::Rng;
use anprobe::measurements::{
    Form, Key, Measurements, Resolved, ShapeVar, Source, plausible_range, resolve, validate,
};

/// The resolved set as if every value had been typed.
fn as_typed(r: &Resolved) -> Measurements {
    body(r.form, &Key::ALL.map(|k| (k, r.get(k))))
}

/// Everything a resolved set promises, whatever was typed.
fn assert_consistent(r: &Resolved, what: &str) {
    let errors: Vec<String> = validate(&as_typed(r))
        .into_iter()
        .filter(|i| i.is_error())
        .map(|i| i.to_string())
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{r:#?}");
    use ShapeVar::*;
    let chain = [
        r.shape.get(AnkleHeight),
        r.shape.get(KneeHeight),
        r.get(Key::InsideLeg),
        r.shape.get(ButtockHeight),
        r.shape.get(NavelHeight),
        r.shape.get(NaturalWaistHeight),
        r.shape.get(ChestHeight),
        r.shape.get(AxillaHeight),
        r.shape.get(AcromialHeight),
        r.shape.get(CervicaleHeight),
        r.get(Key::Stature),
    ];
    assert!(
        chain[0] > 0.0 && chain.windows(2).all(|w| w[0] < w[1]),
        "{what}: heights {chain:?}"
    );
    for var in ShapeVar::ALL {
        let v = r.shape.get(var);
        assert!(v.is_finite() && v > 0.0, "{what}: {var:?} = {v}");
    }
    assert!(
        r.get(Key::UnderbustGirth) < r.get(Key::ChestGirth),
        "{what}"
    );
}

#[test]
fn stature_only_predicts_every_key_plausibly() {
    for (form, stature) in [
        (None, 168.0),
        (Some(Form::Female), 150.0),
        (Some(Form::Male), 205.0),
        (Some(Form::Male), 176.0),
    ] {
        let mut m = Measurements::new(Form::Female, stature);
        m.form = form;
        let r = resolve(&m).unwrap();
        assert_eq!(r.form, form.unwrap_or(Form::Female));
        let expected = if form.is_some() {
            Source::Typed
        } else {
            Source::Predicted
        };
        assert_eq!(r.form_source, expected);
        for key in Key::ALL {
            let (lo, hi) = plausible_range(key);
            let v = r.get(key);
            assert!((lo..=hi).contains(&v), "{stature} {key:?} = {v}");
            let source = if key == Key::Stature {
                Source::Typed
            } else {
                Source::Predicted
            };
            assert_eq!(r.source(key), source, "{key:?}");
        }
        assert_eq!(r.get(Key::Stature), stature);
        let warnings: Vec<String> = validate(&as_typed(&r))
            .iter()
            .map(|i| i.to_string())
            .collect();
        assert!(warnings.is_empty(), "{stature}: {warnings:#?}");
        assert_consistent(&r, "stature only");
    }
    // The survey averages come back for an average stature.
    let r = resolve(&Measurements::new(Form::Male, 175.6)).unwrap();
    assert!(
        (r.get(Key::ChestGirth) - 106.1).abs() < 1.0,
        "{}",
        r.get(Key::ChestGirth)
    );
    assert!((r.get(Key::InsideLeg) - 84.6).abs() < 1.0);
}

#[test]
fn typed_values_are_kept_exactly() {
    for (name, full) in normal_bodies() {
        let r = resolve(&full).unwrap();
        for key in Key::ALL {
            assert_eq!(
                r.get(key).to_bits(),
                full.get(key).unwrap().to_bits(),
                "{name} {key:?}"
            );
            assert_eq!(r.source(key), Source::Typed);
        }
        assert_consistent(&r, name);
        let mut some = Measurements::new(full.form.unwrap(), full.get(Key::Stature).unwrap());
        for key in [Key::HipGirth, Key::InsideLeg, Key::WristGirth] {
            some.set(key, full.get(key).unwrap());
        }
        let r = resolve(&some).unwrap();
        for (&key, &v) in &some.values {
            assert_eq!(r.get(key), v);
            assert_eq!(r.source(key), Source::Typed);
        }
        assert_eq!(r.source(Key::ChestGirth), Source::Predicted);
        assert_consistent(&r, name);
    }
}

#[test]
fn errors_stop_resolution_with_every_issue() {
    let mut m = average_female();
    m.set(Key::ChestGirth, 38.0);
    m.set(Key::InsideLeg, 64.0); // a warning
    let issues = resolve(&m).unwrap_err();
    assert!(
        issues
            .iter()
            .any(|i| i.key == Some(Key::ChestGirth) && i.is_error())
    );
    assert!(
        issues
            .iter()
            .any(|i| i.key == Some(Key::InsideLeg) && !i.is_error())
    );
    assert!(resolve(&Measurements::default()).is_err());
}

#[test]
fn typed_values_inform_the_predictions() {
    let base = resolve(&Measurements::new(Form::Female, 165.0)).unwrap();
    let big = resolve(&body(
        Form::Female,
        &[(Key::Stature, 165.0), (Key::UnderbustGirth, 100.0)],
    ))
    .unwrap();
    assert!(
        big.get(Key::ChestGirth) > base.get(Key::ChestGirth) + 10.0,
        "a typed underbust informs the chest"
    );
    let heavy = resolve(&body(
        Form::Female,
        &[(Key::Stature, 165.0), (Key::WeightKg, 100.0)],
    ))
    .unwrap();
    assert!(heavy.get(Key::WaistGirth) > base.get(Key::WaistGirth) + 15.0);
    assert!(heavy.shape.get(ShapeVar::WaistDepth) > base.shape.get(ShapeVar::WaistDepth));
    let long = resolve(&body(
        Form::Female,
        &[(Key::Stature, 165.0), (Key::InsideLeg, 85.0)],
    ))
    .unwrap();
    assert!(long.shape.get(ShapeVar::KneeHeight) > base.shape.get(ShapeVar::KneeHeight));
}

#[test]
fn random_valid_inputs_resolve_consistently() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut tried, mut resolved) = (0, 0);
    while resolved < 3000 && tried < 200_000 {
        tried += 1;
        let form = if rng.next() < 0.5 {
            Form::Female
        } else {
            Form::Male
        };
        let mut m = Measurements::new(form, 0.0);
        let density = rng.next();
        for key in Key::ALL {
            let (lo, hi) = plausible_range(key);
            if key == Key::Stature || rng.next() < density {
                // Anywhere in the plausible range, or near the survey's middle.
                let x = if rng.next() < 0.5 {
                    lo + (hi - lo) * rng.next()
                } else {
                    lo + (hi - lo) * (0.2 + 0.3 * rng.next())
                };
                m.set(key, x);
            }
        }
        if validate(&m).iter().any(|i| i.is_error()) {
            continue;
        }
        resolved += 1;
        let r = resolve(&m).unwrap_or_else(|e| panic!("{m:?}: {e:?}"));
        for (&key, &v) in &m.values {
            assert_eq!(r.get(key), v);
        }
        assert_consistent(&r, &format!("{m:?}"));
    }
    assert!(
        resolved >= 1000,
        "only {resolved} of {tried} random sets were valid"
    );
}

/// The values of `key` at the edges of what validation accepts for `stature`.
fn extremes(key: Key, stature: f64) -> Vec<f64> {
    let (lo, hi) = plausible_range(key);
    let mut v = vec![lo, hi];
    let share = |a: f64, b: f64| [a * stature, b * stature].map(|x| x.clamp(lo, hi));
    match key {
        Key::InsideLeg => v.extend(share(0.35, 0.60)),
        Key::ArmLength => v.extend(share(0.25, 0.45)),
        Key::HeadGirth => v.extend(share(0.20, 0.60)),
        Key::WeightKg => {
            v.extend([12.0, 70.0].map(|bmi| (bmi * (stature / 100.0).powi(2)).clamp(lo, hi)))
        }
        _ => {}
    }
    v
}

#[test]
fn pairs_of_extreme_values_resolve_consistently() {
    let mut resolved = 0;
    for form in [Form::Female, Form::Male] {
        for stature in [100.0, 140.0, 185.0, 230.0] {
            for a in Key::ALL.into_iter().filter(|&k| k != Key::Stature) {
                for b in Key::ALL.into_iter().filter(|&k| k > a) {
                    for x in extremes(a, stature) {
                        for y in extremes(b, stature) {
                            let mut m = Measurements::new(form, stature);
                            m.set(a, x);
                            m.set(b, y);
                            if validate(&m).iter().any(|i| i.is_error()) {
                                continue;
                            }
                            resolved += 1;
                            let r = resolve(&m).unwrap_or_else(|e| panic!("{m:?}: {e:?}"));
                            assert_consistent(&r, &format!("{m:?}"));
                        }
                    }
                }
            }
        }
    }
    assert!(resolved > 2000, "{resolved}");
}
