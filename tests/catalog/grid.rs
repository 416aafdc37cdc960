//! Tests: every catalog garment on bodies its chart was not made for — near the training
//! survey's extremes (petite, plus, tall and short; both forms) — in the size its chart picks:
//! no point of the cloth's surface (corners, edge midpoints, face centres and points between)
//! more than 2 mm inside the body, every drape settled. On those drapes and on bodies inside the
//! chart, the fit map, the table and the chart say one thing: a region's colour is its verdict,
//! and a girth whose chart range holds the body reads as designed.

use super::drape::prepared;
use anprobe::fit::drape::FACE_POINTS;
use anprobe::fit::recommend::{chart_checks, shortlist};
use anprobe::fit::verdict;
use anprobe::fit::{self, DrapeSettings, PreparedBody, PreparedGarment, Region, SizeFit, Verdict};
use anprobe::measurements::{self, Form, Key, Measurements};
use glam::Vec3;

/// Bodies near the ends of the survey (ANSUR II) the avatar's model is trained on: (form,
/// stature, chest, waist, hip), cm.
pub(super) const EXTREMES: [(Form, f64, f64, f64, f64); 6] = [
    (Form::Female, 148.0, 80.0, 63.0, 84.0),
    (Form::Female, 163.0, 130.0, 120.0, 138.0),
    (Form::Female, 185.0, 96.0, 78.0, 104.0),
    (Form::Male, 158.0, 90.0, 80.0, 90.0),
    (Form::Male, 178.0, 132.0, 126.0, 124.0),
    (Form::Male, 198.0, 104.0, 90.0, 104.0),
];

pub(super) fn body((form, stature, chest, waist, hip): (Form, f64, f64, f64, f64)) -> PreparedBody {
    let mut m = Measurements::new(form, stature);
    m.set(Key::ChestGirth, chest);
    m.set(Key::WaistGirth, waist);
    m.set(Key::HipGirth, hip);
    PreparedBody::new(measurements::resolve(&m).expect("a survey-like body resolves"))
}

/// The body's winding number at `p` (1 inside, 0 outside; the sum of the solid angles its
/// triangles subtend, over 4π): unlike the sign of the closest point's normal, it holds in the
/// armpit's hollow, where arm and trunk meet and a point of air beside the arm's underside reads
/// "inside" by the normal.
fn winding(body: &PreparedBody, p: Vec3) -> f32 {
    let mesh = &body.avatar.mesh;
    let mut total = 0.0f64;
    for t in mesh.indices.chunks_exact(3) {
        let [a, b, c] = [t[0], t[1], t[2]].map(|i| (mesh.positions[i as usize] - p).as_dvec3());
        let (la, lb, lc) = (a.length(), b.length(), c.length());
        let numerator = a.dot(b.cross(c));
        let denominator = la * lb * lc + a.dot(b) * lc + b.dot(c) * la + c.dot(a) * lb;
        total += 2.0 * numerator.atan2(denominator);
    }
    (total / (4.0 * std::f64::consts::PI)) as f32
}

/// Deepest point of the cloth's surface inside the body, mm: every particle, and on every face
/// its centre, its edge midpoints and the points halfway between the centre and each corner
/// (the points the drape lifts out, checked afresh). A point counts as inside where the closest
/// point's normal says so and the body's winding number agrees.
pub(crate) fn surface_penetration_mm(
    x: &[Vec3],
    triangles: &[[u32; 3]],
    body: &PreparedBody,
) -> f32 {
    let (off, on) = surface_penetration_by_hands_mm(x, triangles, body);
    off.max(on)
}

/// [`surface_penetration_mm`] apart from the hands and on them: (elsewhere, on a hand).
pub(crate) fn surface_penetration_by_hands_mm(
    x: &[Vec3],
    triangles: &[[u32; 3]],
    body: &PreparedBody,
) -> (f32, f32) {
    let depth = |p: Vec3| {
        body.surface
            .signed(p, f32::INFINITY)
            .map_or(0.0, |h| -h.distance * 1000.0)
    };
    let mut points: Vec<Vec3> = x.to_vec();
    for t in triangles {
        let [a, b, c] = t.map(|i| x[i as usize]);
        points.extend(FACE_POINTS.iter().map(|w| a * w[0] + b * w[1] + c * w[2]));
    }
    points
        .into_iter()
        .map(|p| (p, depth(p)))
        .filter(|&(p, d)| d > 0.0 && (d <= 2.0 || winding(body, p) > 0.5))
        .fold((0.0f32, 0.0f32), |(off, on), (p, d)| {
            if on_a_hand(body, p) {
                (off, on.max(d))
            } else {
                (off.max(d), on)
            }
        })
}

/// Whether `p` lies beyond a wrist landmark, down its arm and within a hand's reach of it: on the
/// hand.
fn on_a_hand(body: &PreparedBody, p: Vec3) -> bool {
    let stylion = &body.anatomy.stylion;
    let k = usize::from(p.distance(stylion[1]) < p.distance(stylion[0]));
    let arms = &body.avatar.skeleton.arms;
    let arm = if (arms[0].root.x > 0.0) == (stylion[k].x > 0.0) {
        &arms[0]
    } else {
        &arms[1]
    };
    // Beyond the wrist along the arm, and no farther from it than a hand reaches.
    let beyond = (p - stylion[k]).dot(arm.axis);
    beyond > 0.0 && p.distance(stylion[k]) < 0.25
}

/// How far a sleeve cuff hanging over the hand (a sleeve far longer than the arm) may come into
/// the hand, mm: the thumb is narrower than the cloth's faces, which can cut its side (known and
/// documented in docs/fitting.md). Everywhere else the limit is 2 mm.
pub(crate) const CUFF_OVER_THUMB_MM: f32 = 5.0;

/// Whether a drape's sleeves reach well over the hands (read "long" by more than 5 cm).
pub(crate) fn sleeves_over_the_hands(f: &SizeFit) -> bool {
    f.map
        .region(Region::Sleeve)
        .is_some_and(|r| r.ease_cm > 5.0)
}

/// The size the chart alone picks for a body.
pub(super) fn chart_size(g: &PreparedGarment, body: &PreparedBody) -> usize {
    let meta = g.meta();
    let checks: Vec<_> = meta
        .sizes
        .iter()
        .map(|s| chart_checks(meta, s, &body.resolved))
        .collect();
    shortlist(meta.category, &checks)
        .candidate
        .expect("a chart with sizes")
}

/// The fit map's colours say the table's verdicts: for each girth region, the mean value of
/// the particles that belong to it mostly lies on its verdict's side of good (tight and snug
/// red, relaxed and loose blue, good near green). Returns the disagreements.
pub(crate) fn colour_disagreements(f: &SizeFit) -> Vec<String> {
    let mut out = Vec::new();
    for r in &f.map.regions {
        if r.region.is_length() || r.region == Region::Shoulders {
            continue;
        }
        let values: Vec<f32> = f
            .map
            .particle_values
            .iter()
            .zip(&f.map.particle_region)
            .filter(|(_, region)| **region == r.region)
            .map(|(v, _)| *v)
            .collect();
        if values.is_empty() {
            continue;
        }
        let mean = values.iter().sum::<f32>() / values.len() as f32;
        let want = verdict::value(r.verdict);
        if (mean - want).abs() > 0.3 {
            out.push(format!(
                "{:?} reads {:?} but its colour is {mean:.2}",
                r.region, r.verdict
            ));
        }
    }
    out
}

/// A girth region whose chart range holds the body reads snug, good or relaxed — never tight or
/// loose (the chart made that size for that body). Returns the disagreements.
pub(crate) fn chart_disagreements(
    g: &PreparedGarment,
    f: &SizeFit,
    body: &PreparedBody,
) -> Vec<String> {
    let size = &g.meta().sizes[f.graded.size];
    f.map
        .regions
        .iter()
        .filter_map(|r| {
            let key = g.body_key(r.region)?;
            let range = size.body.get(key.as_str())?;
            let v = body.value(key);
            let inside = v >= range.min && v <= range.max;
            (inside && matches!(r.verdict, Verdict::Tight | Verdict::Loose)).then(|| {
                format!(
                    "{:?} {v} cm in {}–{} reads {:?}",
                    r.region, range.min, range.max, r.verdict
                )
            })
        })
        .collect()
}

#[test]
fn every_catalog_garment_on_the_surveys_extreme_bodies_stays_out_settles_and_reads_one_way() {
    let settings = DrapeSettings::default();
    let bodies: Vec<PreparedBody> = EXTREMES.into_iter().map(body).collect();
    let (mut inside, mut unsettled, mut disagree) = (Vec::new(), Vec::new(), Vec::new());
    let mut deepest = 0.0f32;
    for (name, g) in prepared() {
        for (b, spec) in bodies.iter().zip(EXTREMES) {
            let size = chart_size(g, b);
            let label = &g.meta().sizes[size].label;
            let f = fit::fit_size(g, b, size, &[], &settings).expect("fits");
            let (depth, hands) =
                surface_penetration_by_hands_mm(&f.draped.positions, &g.cloth.triangles, b);
            deepest = deepest.max(depth);
            let who = format!("{name} {label} on {spec:?}");
            if depth > 2.0 {
                inside.push(format!("{who}: {depth:.1} mm"));
            }
            let hand_limit = if sleeves_over_the_hands(&f) {
                CUFF_OVER_THUMB_MM
            } else {
                2.0
            };
            if hands > hand_limit {
                inside.push(format!("{who}: {hands:.1} mm into a hand"));
            }
            if hands > 2.0 {
                eprintln!("{who}: a cuff over the hand, {hands:.1} mm into it");
            }
            // Trousers far longer than the legs (the suit trousers' fixed 75 cm inside leg on
            // the 158 cm man: 11 cm) pool round the feet and settle too since gravity eases
            // back after the fall (2026-12-06; before, they swung on to the cap).
            if !f.draped.stats.settled {
                unsettled.push(who.clone());
            }
            for d in colour_disagreements(&f)
                .into_iter()
                .chain(chart_disagreements(g, &f, b))
            {
                disagree.push(format!("{who}: {d}"));
            }
        }
    }
    eprintln!("deepest surface point inside a body: {deepest:.2} mm");
    assert!(
        inside.is_empty(),
        "more than 2 mm inside the body: {inside:#?}"
    );
    assert!(
        unsettled.is_empty(),
        "not settled within the cap: {unsettled:#?}"
    );
    assert!(
        disagree.is_empty(),
        "map, table and chart disagree: {disagree:#?}"
    );
}

/// Every catalog garment in its own size on its own reference body (the body it was modelled
/// on, male or female) reads as designed: every girth and the shoulders good, every length
/// standard, settled. Sizes separate as the garment's measurements do: down the chart each
/// girth grows and its verdict never moves towards tight.
#[test]
fn each_garment_reads_as_designed_on_its_own_body_and_its_sizes_separate() {
    let settings = DrapeSettings::default();
    let quick = DrapeSettings {
        max_frames: 8,
        ..DrapeSettings::default()
    };
    let rank = |v: Verdict| -verdict::value(v);
    for (name, g) in prepared() {
        let body = &g.reference;
        let own = fit::fit_size(g, body, g.reference_size, &[], &settings).expect("fits");
        assert!(
            own.draped.stats.settled,
            "{name} did not settle on its own body"
        );
        for r in &own.map.regions {
            assert!(
                matches!(r.verdict, Verdict::Good | Verdict::Standard),
                "{name} in its own size on its own body: {}",
                fit::english::region_sentence(r)
            );
        }
        let sizes: Vec<SizeFit> = (0..g.meta().sizes.len())
            .map(|i| fit::fit_size(g, body, i, &[], &quick).expect("fits"))
            .collect();
        for pair in sizes.windows(2) {
            for r in pair[0].map.regions.iter().filter(|r| !r.region.is_length()) {
                if r.region == Region::Shoulders {
                    continue;
                }
                let Some(next) = pair[1].map.region(r.region) else {
                    continue;
                };
                assert!(
                    next.garment_cm >= r.garment_cm && rank(next.verdict) >= rank(r.verdict),
                    "{name} {:?}: {} reads {:.1} cm {:?}, {} reads {:.1} cm {:?}",
                    r.region,
                    pair[0].graded.label,
                    r.garment_cm,
                    r.verdict,
                    pair[1].graded.label,
                    next.garment_cm,
                    next.verdict
                );
            }
        }
        // The smallest size is the tightest at the primary girth, the largest the loosest.
        let first = &sizes[0].map.regions;
        let last = &sizes[sizes.len() - 1].map.regions;
        let primary = first
            .iter()
            .find(|r| !r.region.is_length())
            .expect("a girth");
        let other = last
            .iter()
            .find(|r| r.region == primary.region)
            .expect("same region");
        assert!(
            rank(primary.verdict) < 0.0 && rank(other.verdict) > 0.0,
            "{name}: {:?} reads {:?} in the smallest size, {:?} in the largest",
            primary.region,
            primary.verdict,
            other.verdict
        );
    }
}

/// The largest size of every catalog garment on its own reference body, far too large there,
/// comes to rest before the cap. The coat's XXL settles at frame 100, the T-shirt's at 115 and
/// the hoodie's at 125 (2026-12-07, with the armpit reshaped; the cap is 150; with the bust
/// rounded the same day the coat's and the T-shirt's at 120, the hoodie's at 100; with the fall
/// pulling hardest on cloth off the body that evening, the coat's at 90, the T-shirt's at 80,
/// the hoodie's at 85, the latest the sweater's at 95): their loose back,
/// up to 11 cm off the body, creeps in at about 0.3 mm a frame for the last frames, and the frame
/// at which it crosses the threshold moves by 10–20 with any small change of the body (under the
/// 90-frame cap of 2026-12-06 the coat's and the hoodie's stopped there unsettled, 0.31–0.35 mm a
/// frame; under the 120-frame cap the hoodie's did on 2026-12-07).
#[test]
fn the_largest_size_comes_to_rest_on_the_reference_body() {
    let settings = DrapeSettings::default();
    let mut at_cap = Vec::new();
    for (name, g) in prepared() {
        let largest = g.meta().sizes.len() - 1;
        let f = fit::fit_size(g, &g.reference, largest, &[], &settings).expect("fits");
        let stats = f.draped.stats;
        let who = format!("{name} {}", f.graded.label);
        eprintln!(
            "{who}: {} frames, {:.3} mm a frame",
            stats.frames, stats.last_drift_p995_mm
        );
        if !stats.settled {
            at_cap.push(format!("{who}: {:.2} mm a frame", stats.last_drift_p995_mm));
        }
    }
    assert!(at_cap.is_empty(), "at the cap: {at_cap:?}");
}

/// The suit jacket's armholes lie below the chest line, so there the trunk and the sleeves are
/// cut in one plane: its chest is read round the trunk alone (as modelled and as worn, the
/// chart's chest within a few cm), where a tape through the worn sleeves reads some 60 cm more.
#[test]
fn a_jacket_with_low_armholes_is_read_round_its_trunk_not_its_sleeves() {
    let (name, g) = prepared()
        .iter()
        .find(|(n, _)| n.starts_with("brackwater-tailoring-bw-jk"))
        .expect("the suit jacket");
    let size = &g.meta().sizes[g.reference_size];
    let chart = Region::Chest
        .chart_value(size)
        .expect("a chest in the chart");
    let trunk = g.reference_girth_cm[&Region::Chest];
    assert!(
        (trunk - chart).abs() < 5.0,
        "{name}: chest {trunk:.1} cm, chart {chart} cm"
    );
    // Worn, the sleeves hang against the trunk and the plane cuts them as one loop with it.
    let worn = fit::fit_size(
        g,
        &g.reference,
        g.reference_size,
        &[],
        &DrapeSettings::default(),
    )
    .expect("fits");
    let x = &worn.draped.positions;
    let plane = g.reference.anatomy.chest;
    let tape = |loop_: Option<fit::measure::GarmentGirth>| loop_.expect("a loop").perimeter * 100.0;
    let through_sleeves = tape(fit::measure::girth(x, &g.cloth.triangles, plane, |_| true));
    let round_trunk = tape(fit::measure::region_girth(
        x,
        &g.cloth.triangles,
        &g.binding,
        Region::Chest,
        plane,
    ));
    assert!(
        (round_trunk - chart).abs() < 8.0,
        "{name}: worn, round the trunk {round_trunk:.1} cm, chart {chart} cm"
    );
    assert!(
        through_sleeves > chart + 30.0,
        "{name}: through the sleeves {through_sleeves:.1} cm — are the armholes still below the chest line?"
    );
}
