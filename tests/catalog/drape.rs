//! Tests: the sample catalog fitted — every committed garment draped on a grid of bodies (its
//! smallest, middle and largest size, each on a body of its reference form inside that size's
//! ranges and of a different height) stays out of the body (≤ 2 mm, measured afresh); the
//! recommendation follows each garment's chart; a size too small maps tight at the chest;
//! layered outfits keep their layers apart.

use super::assets;
use super::grid::{colour_disagreements, surface_penetration_mm};
use crate::fit::{chest_line_values, penetration_mm};
use anprobe::fit::outfit::{self, Layer};
use anprobe::fit::{
    self, DrapeSettings, FitOptions, LayerCollider, PreparedBody, PreparedGarment, Region, Verdict,
};
use anprobe::garment::{self, Size};
use anprobe::measurements::{self, Form, Key, Measurements};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

/// Every committed garment, imported and prepared once.
pub(crate) fn prepared() -> &'static [(String, Arc<PreparedGarment>)] {
    static PREPARED: OnceLock<Vec<(String, Arc<PreparedGarment>)>> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let mut files: Vec<_> = std::fs::read_dir(assets())
            .expect("the catalog folder")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "glb"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| {
                let imported = garment::import_file(path).expect("a catalog garment imports");
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let garment = PreparedGarment::new(imported)
                    .unwrap_or_else(|e| panic!("{name} prepares: {e}"));
                (name, Arc::new(garment))
            })
            .collect()
    })
}

pub(super) fn by_name(start: &str) -> &'static Arc<PreparedGarment> {
    &prepared()
        .iter()
        .find(|(n, _)| n.starts_with(start))
        .unwrap_or_else(|| panic!("a catalog garment {start}*"))
        .1
}

/// A female body at `f` (0 … 1) of every body range of a size, of the given height.
fn inside(size: &Size, stature: f64, f: f64) -> PreparedBody {
    inside_as(Form::Female, size, stature, f)
}

/// A body of the garment's reference form (the men's garments' male, the others' female) at `f`
/// of every body range of one of its sizes, of the given height.
fn wearer(g: &PreparedGarment, size: &Size, stature: f64, f: f64) -> PreparedBody {
    let form = g.meta().reference_body.form.unwrap_or(Form::Female);
    inside_as(form, size, stature, f)
}

/// A body of `form` at `f` (0 … 1) of every body range of a size, of the given height.
fn inside_as(form: Form, size: &Size, stature: f64, f: f64) -> PreparedBody {
    let mut m = Measurements::new(form, stature);
    for (key, range) in &size.body {
        let key = Key::parse(key).expect("chart keys are measurement keys");
        if key != Key::Stature {
            m.set(key, range.min + f * (range.max - range.min));
        }
    }
    PreparedBody::new(measurements::resolve(&m).expect("a body inside the chart"))
}

/// Every catalog garment on a grid of bodies stays out of the body (no point of its surface more
/// than 2 mm in), settles, and reads as designed where the chart made the size for the body.
#[test]
fn every_catalog_garment_stays_out_of_the_body_on_a_grid_of_bodies() {
    let settings = DrapeSettings::default();
    let mut unsettled = Vec::new();
    for (name, g) in prepared() {
        let sizes = &g.meta().sizes;
        let grid = [
            (0, 158.0),
            (sizes.len() / 2, 168.0),
            (sizes.len() - 1, 178.0),
        ];
        for (i, stature) in grid {
            let body = wearer(g, &sizes[i], stature, 0.5);
            let f = fit::fit_size(g, &body, i, &[], &settings).expect("fits");
            assert!(f.draped.positions.iter().all(|p| p.is_finite()), "{name}");
            let measured = surface_penetration_mm(&f.draped.positions, &g.cloth.triangles, &body);
            assert!(
                measured <= 2.0,
                "{name} size {} on a {stature} cm body: {measured:.2} mm inside",
                sizes[i].label
            );
            // In the middle of the size's ranges, every girth the chart ranges reads as designed,
            // and its colour says so.
            for r in &f.map.regions {
                let Some(key) = g.body_key(r.region) else {
                    continue;
                };
                if sizes[i].body.contains_key(key.as_str()) {
                    assert_eq!(
                        r.verdict,
                        Verdict::Good,
                        "{name} {}: {}",
                        sizes[i].label,
                        fit::english::region_sentence(r)
                    );
                }
            }
            let colours = colour_disagreements(&f);
            assert!(colours.is_empty(), "{name} {}: {colours:?}", sizes[i].label);
            assert!(f.draped.stats.max_penetration_mm <= 2.0, "{name}");
            if !f.draped.stats.settled {
                unsettled.push(format!("{name} {}", sizes[i].label));
            }
        }
    }
    // Every drape settles within the frame cap. Before the crease planes, the XS sizes of the
    // T-shirt, knit, coat and hoodie and the blouse's 34 jittered in the armpit instead; before
    // the full skirts were modelled hanging in folds, the dress's never settled.
    assert!(
        unsettled.is_empty(),
        "not settled within the frame cap: {unsettled:?}"
    );
}

/// An outfit worn as the app wears it (`fit::outfit::wear`: lowest layer first, each garment
/// draped over those of a lower layer, which are pressed in under it), each garment in its
/// middle size. Checks every layered drape succeeded and every garment stays out of the body
/// once pressed. Returns each garment with its drape, in put-on order.
fn wear(outfit: &[&str], body: &PreparedBody) -> Vec<(&'static PreparedGarment, fit::Draped)> {
    let settings = DrapeSettings::default();
    let mut layers: Vec<Result<Layer, fit::FitError>> = outfit
        .iter()
        .map(|name| {
            let g = by_name(name);
            let size = g.meta().sizes.len() / 2;
            let alone = fit::fit_size(g, body, size, &[], &settings).expect("fits");
            Ok(Layer::new(g.clone(), size, alone))
        })
        .collect();
    assert!(outfit::wear(
        body,
        &mut layers,
        &settings,
        &AtomicBool::new(false)
    ));
    let mut worn: Vec<(&'static PreparedGarment, fit::Draped)> = layers
        .into_iter()
        .zip(outfit)
        .map(|(layer, name)| {
            let layer = layer.expect("worn");
            assert!(
                !matches!(layer.layering, outfit::Layering::Failed { .. }),
                "{name} over {outfit:?}: {:?}",
                layer.layering
            );
            (&**by_name(name), layer.shown.draped)
        })
        .collect();
    worn.sort_by_key(|(g, _)| outfit::layer_rank(g.meta()));
    for (g, draped) in &worn {
        let mm = penetration_mm(&draped.positions, body);
        assert!(
            mm <= 2.0,
            "{} {mm:.1} mm in the body once pressed",
            g.meta().name
        );
    }
    worn
}

/// The outfit worn without pressing: each garment draped over those of a lower layer as they
/// hang, none pressed in under it (what the presses of [`wear`] are measured against).
fn wear_unpressed(
    outfit: &[&str],
    body: &PreparedBody,
) -> Vec<(&'static PreparedGarment, fit::Draped)> {
    let settings = DrapeSettings::default();
    let mut worn: Vec<(&'static PreparedGarment, fit::Draped)> = Vec::new();
    let mut garments: Vec<&'static PreparedGarment> =
        outfit.iter().map(|name| &**by_name(name)).collect();
    garments.sort_by_key(|g| outfit::layer_rank(g.meta()));
    for g in garments {
        let size = g.meta().sizes.len() / 2;
        let alone = fit::fit_size(g, body, size, &[], &settings).expect("fits");
        let colliders: Vec<LayerCollider> = worn
            .iter()
            .filter(|(lower, _)| lower.meta().layer < g.meta().layer)
            .map(|(lower, d)| LayerCollider::new(&lower.cloth, d))
            .collect();
        let lower: Vec<&LayerCollider> = colliders.iter().collect();
        let draped = match fit::fit_over(g, body, size, &lower, &settings, &alone).expect("fits") {
            fit::OverLayers::Draped(f) => f.draped,
            fit::OverLayers::Failed {
                moved_m,
                final_motion_mm,
            } => panic!(
                "{} over {outfit:?}: moved {moved_m:.3} m, still moving {final_motion_mm:.1} mm",
                g.meta().name
            ),
        };
        worn.push((g, draped));
    }
    worn
}

/// How many particles of the outermost garment lie more than 2 mm under a garment of a lower
/// layer (its outermost sheet along the body's normal, measured afresh), and the deepest, mm.
fn under_lower_layers(worn: &[(&PreparedGarment, fit::Draped)]) -> (usize, f32) {
    let (top, upper) = worn.last().expect("an outfit");
    let mut count = 0;
    let mut deepest = 0.0f32;
    for (g, d) in worn
        .iter()
        .filter(|(g, _)| g.meta().layer < top.meta().layer)
    {
        let lower = LayerCollider::new(&g.cloth, d);
        for (i, &p) in upper.positions.iter().enumerate() {
            let (n, h) = (upper.body_normal[i], upper.body_distance[i]);
            let depth = lower
                .cover(p, n, h, 0.05)
                .map_or(0.0, |c| c.depth(p) * 1000.0);
            if depth > 2.0 {
                count += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    (count, deepest)
}

/// Layers keep apart: a coat over a T-shirt, and over a T-shirt and jeans, lies outside them
/// (the solver's own reading and one taken afresh after the lower garments were pressed in under
/// it), out of the body, and keeps its shape (no point more than 5 cm from where the coat alone
/// lies, checked by `fit_over`'s 12 cm and here).
#[test]
fn a_coat_over_a_t_shirt_and_jeans_stays_outside_them() {
    let settings = DrapeSettings::default();
    let (shirt, coat) = (
        by_name("nordlicht-basics-nb-ts"),
        by_name("harrow-finch-hf-ct"),
    );
    let body = inside(
        &shirt.meta().sizes[shirt.meta().sizes.len() / 2],
        168.0,
        0.5,
    );
    let size = coat.meta().sizes.len() / 2;
    let lower =
        fit::fit_size(shirt, &body, shirt.meta().sizes.len() / 2, &[], &settings).expect("fits");
    let collider = LayerCollider::new(&shirt.cloth, &lower.draped);
    let upper = fit::fit_size(coat, &body, size, &[&collider], &settings).expect("fits");
    assert!(upper.draped.stats.max_layer_penetration_mm <= 2.0);
    let alone = fit::fit_size(coat, &body, size, &[], &settings).expect("fits");
    let thrown = fit::drape::largest_move(&upper.draped.positions, &alone.draped.positions);
    assert!(
        thrown <= 0.05,
        "a coat particle {thrown:.3} m from its place"
    );
    for outfit in [
        &["nordlicht-basics-nb-ts", "harrow-finch-hf-ct"][..],
        &[
            "nordlicht-basics-nb-ts",
            "kiko-lane-kl-dn",
            "harrow-finch-hf-ct",
        ],
    ] {
        let worn = wear(outfit, &body);
        let (count, deepest) = under_lower_layers(&worn);
        assert!(
            count <= 5 && deepest <= 5.0,
            "{outfit:?}: {count} coat particles under a lower layer, deepest {deepest:.1} mm"
        );
    }
}

/// A coat over a hoodie with its hood up, on bodies inside the T-shirt's and the shorts' middle
/// sizes: the coat's stand-up collar closes round the hood's base rather than lying inside it,
/// because the hood is pressed in under the collar and the collar gives way where the hood can
/// go no farther in (measured: no coat point more than 2 mm under the hoodie on either body;
/// before the collar gave way 0 and 4, the deepest 17 mm; without the presses 92 and 226
/// points, 46 and 49 mm), and pressing leaves every layer out of the body (checked by `wear`).
#[test]
fn a_coat_over_a_hoodie_closes_its_collar_round_the_hood() {
    let outfit = ["kiko-lane-kl-sh", "kiko-lane-kl-hd", "harrow-finch-hf-ct"];
    for chart in ["nordlicht-basics-nb-ts", "kiko-lane-kl-sh"] {
        let sizes = &by_name(chart).meta().sizes;
        let body = inside(&sizes[sizes.len() / 2], 168.0, 0.5);
        let (count, deepest) = under_lower_layers(&wear(&outfit, &body));
        assert!(
            count <= 5 && deepest <= 5.0,
            "body of {chart}: {count} coat particles under the hoodie, deepest {deepest:.1} mm"
        );
        if chart == "kiko-lane-kl-sh" {
            let (unpressed, _) = under_lower_layers(&wear_unpressed(&outfit, &body));
            assert!(
                count * 10 < unpressed,
                "pressing leaves {count} coat particles under the hoodie ({unpressed} without)"
            );
        }
    }
}

/// A coat over full skirts (the flared skirt under a blouse, the dress) lies outside them: they
/// hang in folds narrower than the coat's skirt (measured: no coat point > 2 mm under either;
/// when they were modelled as wide cones, 46 mm deep before the skirt was pressed in under the
/// coat, 16 mm after).
#[test]
fn a_coat_over_full_skirts_stays_outside_them() {
    for (chart, outfit) in [
        (
            "atelier-ravel-ar-ju",
            &[
                "atelier-ravel-ar-ju",
                "atelier-ravel-ar-bl",
                "harrow-finch-hf-ct",
            ][..],
        ),
        (
            "atelier-ravel-ar-dr",
            &["atelier-ravel-ar-dr", "harrow-finch-hf-ct"][..],
        ),
    ] {
        let sizes = &by_name(chart).meta().sizes;
        let body = inside(&sizes[sizes.len() / 2], 168.0, 0.5);
        let (count, deepest) = under_lower_layers(&wear(outfit, &body));
        assert!(
            count <= 5 && deepest <= 5.0,
            "{outfit:?}: {count} coat particles under a lower layer, deepest {deepest:.1} mm"
        );
    }
}

#[test]
fn the_recommendation_follows_every_catalog_chart() {
    let mut options = FitOptions::default();
    options.drape.max_frames = 8;
    for (name, g) in prepared() {
        let sizes = &g.meta().sizes;
        for i in [1, sizes.len() / 2, sizes.len() - 2] {
            let body = wearer(g, &sizes[i], 168.0, 0.5);
            let report = fit::fit_report(g, &body, &options).expect("a report");
            assert_eq!(
                report.recommended_size.as_deref(),
                Some(sizes[i].label.as_str()),
                "{name}: {:?}",
                report.reasons
            );
            assert!(report.sizes[i].inside_chart, "{name} {}", sizes[i].label);
        }
    }
}

/// On every catalog garment and a few bodies (inside a small size, on the boundary of two
/// middle sizes, beyond the largest, a man the chart was not made for), `anprobe fit`'s
/// default — the sizes the recommendation needs — recommends what draping every size does,
/// with the same confidence and reasons; it drapes the recommended size and the sizes next to
/// it, at most three sizes where one size's ranges hold the body, and marks the others not
/// draped (chart checks kept, no regions). A short drape (8 frames) is enough: the choice of
/// sizes does not depend on how long each hangs.
#[test]
fn the_default_drapes_the_sizes_that_matter_and_recommends_as_every_size_does() {
    let mut options = FitOptions::default();
    options.drape.max_frames = 8;
    let all = FitOptions {
        all_sizes: true,
        ..options.clone()
    };
    let mut total = (0, 0);
    for (name, g) in prepared() {
        let sizes = &g.meta().sizes;
        let n = sizes.len();
        let man = {
            let mut m = Measurements::new(Form::Male, 182.0);
            m.set(Key::ChestGirth, 104.0);
            PreparedBody::new(measurements::resolve(&m).expect("a male body"))
        };
        let bodies = [
            ("inside the second size", wearer(g, &sizes[1], 158.0, 0.5)),
            ("on a boundary", wearer(g, &sizes[n / 2], 168.0, 1.0)),
            ("beyond the largest", wearer(g, &sizes[n - 1], 178.0, 1.6)),
            ("a man", man),
        ];
        for (what, body) in &bodies {
            let default = fit::fit_all(g, body, &options).expect("fits");
            let every = fit::fit_all(g, body, &all).expect("fits");
            let (d, e) = (&default.report, &every.report);
            let draped: Vec<usize> = (0..n).filter(|&i| d.sizes[i].draped).collect();
            let case = format!(
                "{name}, {what}: recommended {:?}, draped {draped:?}",
                d.recommended_size
            );
            assert_eq!(d.recommended_size, e.recommended_size, "{case}");
            assert_eq!(d.confidence, e.confidence, "{case}");
            assert_eq!(d.reasons, e.reasons, "{case}");
            assert_eq!(d.selected_size, e.selected_size, "{case}");
            assert!(e.sizes.iter().all(|s| s.draped), "{case}: --all-sizes");
            let recommended = d
                .recommended_size
                .as_ref()
                .and_then(|l| sizes.iter().position(|s| &s.label == l));
            if let Some(r) = recommended {
                for s in &d.sizes[r.saturating_sub(1)..=(r + 1).min(n - 1)] {
                    assert!(s.draped, "{case}: {} draped", s.label);
                }
            }
            let holding = d.sizes.iter().filter(|s| s.inside_chart).count();
            if holding == 1 {
                assert!(draped.len() <= 3, "{case}: at most 3 sizes draped");
            }
            assert!(draped.len() <= 5, "{case}");
            for (ds, es) in d.sizes.iter().zip(&e.sizes) {
                assert_eq!(ds.chart, es.chart, "{case}");
                assert!(!ds.chart.is_empty(), "{case}");
                if ds.draped {
                    assert_eq!(ds.regions, es.regions, "{case}: the same drape");
                } else {
                    assert!(ds.regions.is_empty(), "{case}");
                    assert_eq!(ds.solver.iterations, 0, "{case}");
                }
            }
            total.0 += draped.len();
            total.1 += n;
        }
    }
    // Far fewer drapes than sizes (measured: see docs/fitting.md).
    assert!(
        total.0 * 2 < total.1,
        "{} of {} sizes draped",
        total.0,
        total.1
    );
}

#[test]
fn the_fit_map_marks_a_too_small_t_shirt_tight_at_the_chest() {
    let g = by_name("nordlicht-basics-nb-ts");
    let sizes = &g.meta().sizes;
    let body = inside(&sizes[sizes.len() - 1], 168.0, 0.5);
    let f = fit::fit_size(g, &body, 0, &[], &DrapeSettings::default()).expect("fits");
    let chest = f.map.region(Region::Chest).expect("a chest verdict");
    assert_eq!(
        chest.verdict,
        Verdict::Tight,
        "{}",
        fit::english::region_sentence(chest)
    );
    let values = chest_line_values(g, &body, &f);
    let mean = values.iter().sum::<f32>() / values.len() as f32;
    assert!(mean > 0.5, "mean fit value at the chest line {mean}");
    // The size made for the body is not tight there.
    let right =
        fit::fit_size(g, &body, sizes.len() - 1, &[], &DrapeSettings::default()).expect("fits");
    assert_ne!(
        right.map.region(Region::Chest).map(|r| r.verdict),
        Some(Verdict::Tight)
    );
}

/// Draped garments come to rest where they hang: trousers and skirts from the waistband, tops from
/// the shoulders. Draped on for another second, they do not slide down (99 % of the points drop
/// less than 5 mm) nor stretch on (before the supports and tethers, the jeans slid 4 cm down the
/// legs in that time and the T-shirt's p99 edge strain grew from 6 % to 11 %). Hems may still
/// swing a little sideways (about 1 cm over that second).
#[test]
fn draped_garments_stay_where_they_came_to_rest() {
    for start in [
        "kiko-lane-kl-dn",
        "atelier-ravel-ar-ju",
        "nordlicht-basics-nb-ts",
    ] {
        let g = by_name(start);
        let i = g.meta().sizes.len() / 2;
        let body = inside(&g.meta().sizes[i], 168.0, 0.5);
        let run = |frames: u32| {
            let settings = DrapeSettings {
                min_frames: frames,
                max_frames: frames,
                ..DrapeSettings::default()
            };
            fit::fit_size(g, &body, i, &[], &settings).expect("fits")
        };
        let (rested, later) = (run(60), run(120));
        // How far each point dropped in that second.
        let mut drop: Vec<f32> = rested
            .draped
            .positions
            .iter()
            .zip(&later.draped.positions)
            .map(|(a, b)| a.y - b.y)
            .collect();
        let mean = drop.iter().sum::<f32>() / drop.len() as f32;
        drop.sort_by(f32::total_cmp);
        let p99 = drop[drop.len() * 99 / 100];
        assert!(
            mean < 0.001 && p99 < 0.005,
            "{start}: slid down {:.1} mm on average ({:.1} mm at the 99th percentile) in a second \
             after coming to rest",
            mean * 1000.0,
            p99 * 1000.0
        );
        let strain = |f: &fit::SizeFit| {
            let mut s: Vec<f32> = g
                .cloth
                .edges
                .iter()
                .map(|&[a, b]| {
                    let (a, b) = (a as usize, b as usize);
                    let rest = f.graded.rest[a].distance(f.graded.rest[b]);
                    f.draped.positions[a].distance(f.draped.positions[b]) / rest.max(1e-9) - 1.0
                })
                .collect();
            s.sort_by(f32::total_cmp);
            s[s.len() * 99 / 100]
        };
        assert!(
            strain(&later) < strain(&rested) + 0.01,
            "{start}: the cloth stretches on under its own weight ({:.1} % → {:.1} %)",
            strain(&rested) * 100.0,
            strain(&later) * 100.0
        );
    }
}

/// The drape stops at its settle reading, not at rest: a size far too large, loose all round,
/// keeps creeping in towards the body after that (the dress's and the hoodie's largest size on
/// their reference bodies settle at frames 60 and 125 with their farthest points 7.5 and 6 cm
/// from where they are after 10 simulated seconds, measured 2026-12-07 on 80bc13e). What the
/// shopper reads does not wait for it: every region's ease, strain and verdict, and the colours
/// of the fit map, are those of the drape run on for 10 simulated seconds.
#[test]
fn the_fit_map_does_not_wait_for_a_loose_garment_to_come_all_the_way_to_rest() {
    for start in ["atelier-ravel-ar-dr", "kiko-lane-kl-hd"] {
        let g = by_name(start);
        let largest = g.meta().sizes.len() - 1;
        let run = |settings: &DrapeSettings| {
            fit::fit_size(g, &g.reference, largest, &[], settings).expect("fits")
        };
        let settled = run(&DrapeSettings::default());
        let at_rest = run(&DrapeSettings {
            min_frames: 600,
            max_frames: 600,
            ..DrapeSettings::default()
        });
        assert!(settled.draped.stats.settled, "{start}: settles");
        let moved = fit::drape::largest_move(&settled.draped.positions, &at_rest.draped.positions);
        eprintln!(
            "{start} {}: settled at frame {}, farthest point {:.0} mm from where it is at frame 600",
            settled.graded.label,
            settled.draped.stats.frames,
            moved * 1000.0
        );
        for (a, b) in settled.map.regions.iter().zip(&at_rest.map.regions) {
            assert!(
                a.region == b.region
                    && (a.ease_cm - b.ease_cm).abs() <= 0.3
                    && (a.strain_pct - b.strain_pct).abs() <= 0.5
                    && a.verdict == b.verdict,
                "{start}: {:?} reads ease {:.1} cm, strain {:.1} %, {:?} when settled; \
                 {:.1} cm, {:.1} %, {:?} at rest",
                a.region,
                a.ease_cm,
                a.strain_pct,
                a.verdict,
                b.ease_cm,
                b.strain_pct,
                b.verdict
            );
        }
        let values = (&settled.map.particle_values, &at_rest.map.particle_values);
        let differ = values
            .0
            .iter()
            .zip(values.1)
            .filter(|(a, b)| (*a - *b).abs() > 0.05);
        assert!(
            differ.count() * 100 < values.0.len(),
            "{start}: more than 1 % of the fit map's colours change after the drape settled"
        );
    }
}

/// The fit map's thigh is the girth round one trouser leg: the thigh's tape plane, tilted along
/// the leg, passes above the crotch on the other side, where the seat joined both legs into one
/// loop (measured before: 102–106 cm on a 63 cm thigh for 8 of the jeans' 11 sizes, read
/// "snug"; now 64–70 cm worn, growing with the size).
#[test]
fn the_thigh_is_read_round_one_trouser_leg() {
    let mut options = FitOptions::default();
    options.drape.max_frames = 8;
    let body = PreparedBody::new(
        measurements::resolve(&Measurements::new(Form::Female, 168.0)).expect("a default body"),
    );
    let thigh = body.value(Key::ThighGirth);
    for start in ["kiko-lane-kl-dn", "kiko-lane-kl-sh"] {
        let g = by_name(start);
        for i in 0..g.meta().sizes.len() {
            let f = fit::fit_size(g, &body, i, &[], &options.drape).expect("fits");
            let worn = fit::measure::region_girth(
                &f.draped.positions,
                &g.cloth.triangles,
                &g.binding,
                Region::Thigh,
                body.anatomy.thigh[0],
            )
            .expect("a loop round the thigh")
            .perimeter
                * 100.0;
            assert!(
                worn > thigh && worn < thigh + 15.0,
                "{start} size {}: worn thigh {worn:.1} cm on a {thigh:.1} cm thigh",
                g.meta().sizes[i].label,
            );
            // The garment's own thigh (the reading the verdict takes) is one leg's too.
            let read = f
                .map
                .regions
                .iter()
                .find(|r| r.region == Region::Thigh)
                .expect("trousers have a thigh reading");
            assert!(
                read.garment_cm > thigh - 10.0 && read.garment_cm < thigh + 15.0,
                "{start} size {}: thigh {:.1} cm on a {thigh:.1} cm thigh",
                g.meta().sizes[i].label,
                read.garment_cm
            );
        }
    }
}
