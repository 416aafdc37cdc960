//! Making predicted values consistent with each other and with the typed ones (which are never
//! changed): plausible ranges, shares of the stature, girth order, landmark-height order.
use super::ansur::{FormModel, key_var, shape_var};
use super::ranges::{BELOW, BMI_BOUNDS, plausible_range, stature_ratio_bounds};
use super::*;

/// Adjusts the predicted entries of `values` (those whose source is [`Source::Predicted`]) and
/// every shape variable. `values[Stature]` must be typed and valid.
pub(super) fn sanitise(
    fm: &FormModel,
    values: &mut [f64; Key::COUNT],
    sources: &[Source; Key::COUNT],
    shape: &mut Shape,
) {
    let stature = values[Key::Stature.index()];
    let scale = stature / fm.mean[key_var(Key::Stature)];
    let predicted = |k: Key| sources[k.index()] == Source::Predicted;
    for key in Key::ALL.into_iter().filter(|&k| predicted(k)) {
        let v = &mut values[key.index()];
        if !v.is_finite() {
            *v = fm.mean[key_var(key)] * scale;
        }
        let (lo, hi) = plausible_range(key);
        let (soft_lo, soft_hi) = soft_bounds(key, stature);
        *v = clamp_within(*v, (soft_lo, soft_hi), (lo, hi));
    }
    order_girths(values, sources);
    shape_ranges(fm, values, shape, scale);
    order_heights(values, sources, shape);
}

/// The usual bounds of a key given the stature (ratios, body-mass index), or (−∞, ∞).
fn soft_bounds(key: Key, stature: f64) -> (f64, f64) {
    if let Some(b) = stature_ratio_bounds(key) {
        return (b[1] * stature, b[2] * stature);
    }
    if key == Key::WeightKg {
        let m2 = (stature / 100.0).powi(2);
        return (BMI_BOUNDS[1] * m2, BMI_BOUNDS[2] * m2);
    }
    (f64::NEG_INFINITY, f64::INFINITY)
}

/// `v` clamped into `soft ∩ hard`, or into `hard` alone if they do not meet.
fn clamp_within(v: f64, soft: (f64, f64), hard: (f64, f64)) -> f64 {
    let (lo, hi) = (soft.0.max(hard.0), soft.1.min(hard.1));
    if lo <= hi {
        clamp(v, lo, hi)
    } else {
        clamp(v, hard.0, hard.1)
    }
}

/// `v` into `[lo, hi]` (`hi` wins if they cross); unlike `f64::clamp`, never panics.
fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

/// Enforces every [`BELOW`] rule and waist ≤ 2 × hip, moving only predicted values: the smaller
/// side down when it is predicted, else the larger side up. Margins shrink until it settles.
fn order_girths(values: &mut [f64; Key::COUNT], sources: &[Source; Key::COUNT]) {
    let mut rules: Vec<(Key, Key, f64)> = BELOW.iter().map(|r| (r.a, r.b, r.factor)).collect();
    rules.push((Key::WaistGirth, Key::HipGirth, 2.0));
    rules.push((Key::OmphalionGirth, Key::HipGirth, 2.0));
    // The natural waist is the narrowest girth above the hip bone: a predicted one stays at or
    // below the navel's (typed pairs may break it; they are kept as typed).
    rules.push((Key::WaistGirth, Key::OmphalionGirth, 1.0));
    let predicted = |k: Key| sources[k.index()] == Source::Predicted;
    for margin in [0.5, 0.1, 0.01, 1e-6] {
        let mut settled = false;
        for _ in 0..32 {
            settled = true;
            for &(a, b, f) in &rules {
                let (x, y) = (values[a.index()], values[b.index()]);
                if x <= f * y - margin {
                    continue;
                }
                settled = false;
                if predicted(a) {
                    values[a.index()] = f * y - margin;
                } else if predicted(b) {
                    values[b.index()] = (x + margin) / f;
                }
            }
            if settled {
                break;
            }
        }
        if settled {
            return;
        }
    }
}

/// The key a shape variable is proportional to, and how far (as a factor of the survey-mean ratio)
/// it may stray.
fn reference(var: ShapeVar) -> (Key, f64, f64) {
    use ShapeVar::*;
    match var {
        AcromialHeight | AxillaHeight | ChestHeight | NavelHeight | NaturalWaistHeight
        | ButtockHeight | KneeHeight | AnkleHeight | CervicaleHeight => (Key::Stature, 0.85, 1.15),
        ChestBreadth | ChestDepth => (Key::ChestGirth, 0.7, 1.4),
        WaistBreadth | WaistDepth => (Key::OmphalionGirth, 0.7, 1.4),
        HipBreadth | ButtockDepth => (Key::HipGirth, 0.7, 1.4),
        HeadBreadth | HeadLength => (Key::HeadGirth, 0.8, 1.25),
        FootLength | FootBreadth | HandLength | HandBreadth | TragionTopOfHead => {
            (Key::Stature, 0.8, 1.25)
        }
    }
}

/// Clamps each shape variable to a band around its survey ratio to its reference key; a breadth
/// or depth stays under half its girth (a convex section's perimeter exceeds twice its width).
fn shape_ranges(fm: &FormModel, values: &[f64; Key::COUNT], shape: &mut Shape, scale: f64) {
    for var in ShapeVar::ALL {
        let (key, lo, hi) = reference(var);
        let (reference_value, mean_ratio) = (
            values[key.index()],
            fm.mean[shape_var(var)] / fm.mean[key_var(key)],
        );
        let v = &mut shape.values[var as usize];
        if !v.is_finite() {
            *v = fm.mean[shape_var(var)] * scale;
        }
        let mut top = hi * mean_ratio * reference_value;
        if key.is_girth() && key != Key::HeadGirth {
            top = top.min(0.48 * reference_value);
        }
        *v = clamp(*v, lo * mean_ratio * reference_value, top);
    }
}

/// Puts the landmark heights in order between the floor and the stature, with the inside leg
/// (crotch height) in the chain; typed values stay, predicted ones move.
fn order_heights(
    values: &mut [f64; Key::COUNT],
    sources: &[Source; Key::COUNT],
    shape: &mut Shape,
) {
    use ShapeVar::*;
    let stature = values[Key::Stature.index()];
    enum Slot {
        Floor,
        Var(ShapeVar),
        Key(Key),
    }
    let chain = [
        Slot::Floor,
        Slot::Var(AnkleHeight),
        Slot::Var(KneeHeight),
        Slot::Key(Key::InsideLeg),
        Slot::Var(ButtockHeight),
        Slot::Var(NavelHeight),
        Slot::Var(NaturalWaistHeight),
        Slot::Var(ChestHeight),
        Slot::Var(AxillaHeight),
        Slot::Var(AcromialHeight),
        Slot::Var(CervicaleHeight),
        Slot::Key(Key::Stature),
    ];
    let mut v: Vec<f64> = Vec::with_capacity(chain.len());
    let mut fixed: Vec<bool> = Vec::with_capacity(chain.len());
    for slot in &chain {
        let (x, f) = match slot {
            Slot::Floor => (0.0, true),
            Slot::Var(s) => (shape.values[*s as usize], false),
            Slot::Key(k) => (
                values[k.index()],
                *k == Key::Stature || sources[k.index()] == Source::Typed,
            ),
        };
        v.push(x);
        fixed.push(f);
    }
    order_chain(&mut v, &fixed, 0.003 * stature);
    for (slot, x) in chain.iter().zip(v) {
        match slot {
            Slot::Floor => {}
            Slot::Var(s) => shape.values[*s as usize] = x,
            Slot::Key(k) => values[k.index()] = x,
        }
    }
    // The head above the tragion fits in what is above the cervicale.
    let above_neck = stature - shape.get(CervicaleHeight);
    let tragion = &mut shape.values[TragionTopOfHead as usize];
    *tragion = tragion.min(0.75 * above_neck);
}

/// Makes `v` strictly increasing with steps of at least `gap` (less where fixed neighbours leave
/// less room), moving only entries that are not `fixed`. The fixed entries must increase.
pub(crate) fn order_chain(v: &mut [f64], fixed: &[bool], gap: f64) {
    let anchors: Vec<usize> = (0..v.len()).filter(|&i| fixed[i]).collect();
    for pair in anchors.windows(2) {
        let (i, j) = (pair[0], pair[1]);
        if j - i < 2 {
            continue;
        }
        let g = gap.min((v[j] - v[i]) / (j - i) as f64);
        for t in i + 1..j {
            v[t] = v[t].max(v[t - 1] + g);
        }
        for t in (i + 1..j).rev() {
            v[t] = v[t].min(v[t + 1] - g);
        }
    }
}
