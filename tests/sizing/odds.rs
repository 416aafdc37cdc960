//! What a shopper relies on in the size probability.

use super::{table, tables, typed};
use anprobe::measurements::{Form, Key, Measurements, resolve};
use anprobe::sizing::{Draws, SizeOdds, SizeTable, odds};

fn odds_for(t: &SizeTable, m: &Measurements) -> SizeOdds {
    odds(
        t,
        &Draws::of(&resolve(m).expect("the measurements resolve")),
    )
}

/// Every primary range of size `i` at `f` (0 … 1) of its width, typed, with a stature.
fn at_size(t: &SizeTable, i: usize, f: f64, form: Form, stature: f64) -> Measurements {
    let mut values = vec![(Key::Stature, stature)];
    for r in &t.sizes[i].ranges {
        if let Some(k) = r.key {
            values.push((k, r.min + f * (r.max - r.min)));
        }
    }
    typed(form, &values)
}

#[test]
fn the_probabilities_add_up_and_the_same_input_gives_the_same_numbers() {
    for (name, _, t) in tables() {
        let m = typed(
            Form::Female,
            &[
                (Key::Stature, 166.0),
                (Key::ChestGirth, 92.0),
                (Key::HipGirth, 100.0),
            ],
        );
        let a = odds_for(t, &m);
        let b = odds_for(t, &m);
        assert_eq!(a, b, "{name}: the same input, other numbers");
        let total: f64 = a.sizes.iter().map(|s| s.probability).sum::<f64>() + a.no_size;
        assert!(
            (total - 1.0).abs() < 1e-9,
            "{name}: the shares add up to {total}"
        );
        // The likeliest size is shown unless no size fits more often than not.
        let best = a.sizes.iter().map(|s| s.probability).fold(0.0, f64::max);
        match &a.recommended {
            Some(label) => {
                assert!(a.no_size <= 0.5, "{name}");
                assert_eq!(a.of(label), best, "{name}: the likeliest size is shown");
                assert_eq!(a.probability, best, "{name}");
            }
            None => {
                assert!(a.no_size > 0.5, "{name}: {a:?}");
                assert_eq!(a.no_size, a.probability, "{name}");
            }
        }
        if let Some(r) = &a.runner_up {
            assert!(
                r.probability <= a.probability && r.probability > 0.0,
                "{name}"
            );
            assert_ne!(Some(&r.label), a.recommended.as_ref(), "{name}");
        }
    }
}

#[test]
fn a_body_in_the_middle_of_a_size_is_sure_of_it_and_one_on_the_line_between_two_is_not() {
    let t = table("atelier-ravel-ar-bl");
    for i in 1..t.sizes.len() - 1 {
        let label = &t.sizes[i].label;
        let middle = odds_for(t, &at_size(t, i, 0.5, Form::Female, 166.0));
        assert_eq!(middle.recommended.as_ref(), Some(label));
        assert!(
            middle.probability > 0.8,
            "size {label} in the middle of every range: {:.2}",
            middle.probability
        );
        // On the line between this size and the next: both likely, neither sure.
        let edge = odds_for(t, &at_size(t, i, 1.0, Form::Female, 166.0));
        let (here, next) = (edge.of(label), edge.of(&t.sizes[i + 1].label));
        assert!(
            here > 0.15 && next > 0.15 && here + next > 0.8,
            "size {label} at the top of its ranges: {here:.2} here, {next:.2} the next"
        );
        assert!(edge.probability < middle.probability);
        let r = edge.runner_up.as_ref().expect("a runner-up on the line");
        assert!([label, &t.sizes[i + 1].label].contains(&&r.label));
    }
}

#[test]
fn the_measurement_to_take_is_the_predicted_one_that_decides() {
    // A skirt sized by waist and hip, the hip not typed: the hip decides.
    let t = table("atelier-ravel-ar-ju");
    let hip = t.sizes[2].ranges.iter().find(|r| r.name == "hip_girth");
    let waist = t.sizes[2].ranges.iter().find(|r| r.name == "waist_girth");
    let (Some(hip), Some(waist)) = (hip, waist) else {
        panic!("the skirt's chart gives waist and hip");
    };
    let m = typed(
        Form::Female,
        &[
            (Key::Stature, 166.0),
            (Key::WaistGirth, 0.5 * (waist.min + waist.max)),
        ],
    );
    let o = odds_for(t, &m);
    let next = o.measure_next.as_ref().expect("a measurement to take");
    assert_eq!(next.key, Key::HipGirth, "{o:?}");
    assert!(
        next.sentence()
            .starts_with("measure your hip girth: it decides")
    );
    // Typed, it is never asked for again, and the size is surer.
    let mut m2 = m.clone();
    m2.set(Key::HipGirth, 0.5 * (hip.min + hip.max));
    let o2 = odds_for(t, &m2);
    assert_ne!(o2.measure_next.as_ref().map(|n| n.key), Some(Key::HipGirth));
    assert!(o2.probability > o.probability, "{o2:?} vs {o:?}");
    // Over every garment and a few typed sets: never a typed key.
    let sets: [&[(Key, f64)]; 3] = [
        &[(Key::Stature, 170.0)],
        &[(Key::Stature, 170.0), (Key::ChestGirth, 96.0)],
        &[
            (Key::Stature, 158.0),
            (Key::HipGirth, 104.0),
            (Key::WaistGirth, 80.0),
        ],
    ];
    for (name, _, t) in tables() {
        for set in sets {
            let m = typed(Form::Female, set);
            if let Some(next) = odds_for(t, &m).measure_next {
                assert!(m.get(next.key).is_none(), "{name}: asks for {:?}", next.key);
            }
        }
    }
}

#[test]
fn when_no_size_fits_the_nearest_is_named_with_what_is_off() {
    let t = table("atelier-ravel-ar-bl");
    let last = t.sizes.last().expect("sizes");
    let chest = last
        .ranges
        .iter()
        .find(|r| r.name == "chest_girth")
        .expect("a chest range");
    let m = typed(
        Form::Female,
        &[(Key::Stature, 170.0), (Key::ChestGirth, chest.max + 14.0)],
    );
    let o = odds_for(t, &m);
    assert_eq!(o.recommended, None);
    assert!(o.no_size > 0.9, "{o:?}");
    let nearest = o.nearest.as_ref().expect("the nearest size");
    assert_eq!(nearest.label, last.label);
    let miss = &nearest.misses[0];
    assert_eq!(miss.key, "chest_girth");
    assert!((miss.cm - 14.0).abs() < 0.01, "{miss:?}");
    let sentence = nearest.sentence();
    assert!(
        sentence.starts_with(&format!(
            "none fits: the nearest, {}, is 14 cm tight at the chest girth",
            last.label
        )),
        "{sentence}"
    );
    assert!(o.sentences()[0].starts_with("none fits"));
}
