//! Tests: the sample catalog fitted — every committed garment draped on a grid of bodies (its
//! smallest, middle and largest size, each on a body inside that size's ranges and of a different
//! height) stays out of the body (≤ 2 mm, measured afresh); the recommendation follows each
//! garment's chart; a size too small maps tight at the chest. A coat over a T-shirt keeps its
//! shape: known failing, ignored (docs/fitting.md).

use super::assets;
use crate::fit::{chest_line_values, penetration_mm};
use anprobe::fit::{
    self, DrapeSettings, FitOptions, LayerCollider, PreparedBody, PreparedGarment, Region, Verdict,
};
use anprobe::garment::{self, Size};
use anprobe::measurements::{self, Form, Key, Measurements};
use std::sync::OnceLock;

/// Every committed garment, imported and prepared once.
fn prepared() -> &'static [(String, PreparedGarment)] {
    static PREPARED: OnceLock<Vec<(String, PreparedGarment)>> = OnceLock::new();
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
                let garment = PreparedGarment::new(fit::Garment::from(&imported))
                    .unwrap_or_else(|e| panic!("{name} prepares: {e}"));
                (name, garment)
            })
            .collect()
    })
}

fn by_name(start: &str) -> &'static PreparedGarment {
    &prepared()
        .iter()
        .find(|(n, _)| n.starts_with(start))
        .unwrap_or_else(|| panic!("a catalog garment {start}*"))
        .1
}

/// A female body at `f` (0 … 1) of every body range of a size, of the given height.
fn inside(size: &Size, stature: f64, f: f64) -> PreparedBody {
    let mut m = Measurements::new(Form::Female, stature);
    for (key, range) in &size.body {
        let key = Key::parse(key).expect("chart keys are measurement keys");
        if key != Key::Stature {
            m.set(key, range.min + f * (range.max - range.min));
        }
    }
    PreparedBody::new(measurements::resolve(&m).expect("a body inside the chart"))
}

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
            let body = inside(&sizes[i], stature, 0.5);
            let f = fit::fit_size(g, &body, i, &[], &settings).expect("fits");
            assert!(f.draped.positions.iter().all(|p| p.is_finite()), "{name}");
            let measured = penetration_mm(&f.draped.positions, &body);
            assert!(
                measured <= 2.0,
                "{name} size {} on a {stature} cm body: {measured:.2} mm inside",
                sizes[i].label
            );
            assert!(f.draped.stats.max_penetration_mm <= 2.0, "{name}");
            if !f.draped.stats.settled {
                unsettled.push(format!("{name} {}", sizes[i].label));
            }
        }
    }
    println!("not settled within the frame cap: {unsettled:?}");
}

/// KNOWN FAILING (see docs/fitting.md, "Layers on the sample catalog"): draped over the T-shirt,
/// the coat keeps its shape (no particle more than 5 cm from where the coat alone lies) and stays
/// out of the body, but about 5 % of its particles read up to 48 mm inside the shirt. Run with
/// `--ignored` to see it.
#[test]
#[ignore = "known failing: layered drape over catalog garments distorts the upper garment"]
fn a_coat_over_a_t_shirt_keeps_its_shape() {
    let settings = DrapeSettings::default();
    let (shirt, coat) = (
        by_name("nordlicht-basics-nb-ts"),
        by_name("harrow-finch-hf-ct"),
    );
    assert!(coat.meta().layer > shirt.meta().layer);
    let size = |g: &PreparedGarment| g.meta().sizes.len() / 2;
    let body = inside(&shirt.meta().sizes[size(shirt)], 168.0, 0.5);
    let lower = fit::fit_size(shirt, &body, size(shirt), &[], &settings).expect("fits");
    let collider = LayerCollider::new(&shirt.cloth, &lower.draped);
    let upper = fit::fit_size(coat, &body, size(coat), &[&collider], &settings).expect("fits");
    assert!(penetration_mm(&upper.draped.positions, &body) <= 2.0);
    assert!(upper.draped.stats.max_layer_penetration_mm <= 2.0);
    // Over the shirt, no part of the coat lies farther than 5 cm from where it lies alone.
    let alone = fit::fit_size(coat, &body, size(coat), &[], &settings).expect("fits");
    let thrown = fit::drape::largest_move(&upper.draped.positions, &alone.draped.positions);
    assert!(
        thrown <= 0.05,
        "a coat particle {thrown:.3} m from its place"
    );
}

#[test]
fn the_recommendation_follows_every_catalog_chart() {
    let mut options = FitOptions::default();
    options.drape.max_frames = 8;
    for (name, g) in prepared() {
        let sizes = &g.meta().sizes;
        for i in [1, sizes.len() / 2, sizes.len() - 2] {
            let body = inside(&sizes[i], 168.0, 0.5);
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

#[test]
fn the_fit_map_marks_a_too_small_t_shirt_tight_at_the_chest() {
    let g = by_name("nordlicht-basics-nb-ts");
    let sizes = &g.meta().sizes;
    let body = inside(&sizes[sizes.len() - 1], 168.0, 0.5);
    let f = fit::fit_size(g, &body, 0, &[], &DrapeSettings::default()).expect("fits");
    let chest = f.map.region(Region::Chest).expect("a chest verdict");
    assert_eq!(chest.verdict, Verdict::Tight, "{}", chest.text);
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

#[test]
fn probe_layers() {
    let settings = DrapeSettings::default();
    let outfits: &[&[&str]] = &[
        &["nordlicht-basics-nb-ts", "harrow-finch-hf-ct"],
        &["nordlicht-basics-nb-ts", "kiko-lane-kl-dn", "harrow-finch-hf-ct"],
        &["atelier-ravel-ar-bl", "atelier-ravel-ar-ju", "harrow-finch-hf-ct"],
        &["nordlicht-basics-nb-ts", "kiko-lane-kl-hd"],
        &["kiko-lane-kl-hd", "kiko-lane-kl-sh", "harrow-finch-hf-ct"],
        &["atelier-ravel-ar-dr", "harrow-finch-hf-ct"],
        &["atelier-ravel-ar-bl", "nordlicht-basics-nb-kn"],
    ];
    let only = std::env::var("PROBE_ONLY").unwrap_or_default();
    for (k, outfit) in outfits.iter().enumerate() {
        if !only.is_empty() && only != k.to_string() { continue; }
        let mut gs: Vec<&PreparedGarment> = outfit.iter().map(|n| by_name(n)).collect();
        gs.sort_by_key(|g| g.meta().layer);
        let first = gs[0];
        let body = inside(&first.meta().sizes[first.meta().sizes.len() / 2], 168.0, 0.5);
        let mut colliders: Vec<LayerCollider> = Vec::new();
        eprintln!("== outfit {k}: {:?}", gs.iter().map(|g| (g.meta().name.clone(), g.meta().layer)).collect::<Vec<_>>());
        for g in gs {
            let size = g.meta().sizes.len() / 2;
            let alone = fit::fit_size(g, &body, size, &[], &settings).expect("fits");
            let lower: Vec<&LayerCollider> = colliders.iter().collect();
            let t = std::time::Instant::now();
            let over = fit::fit_over(g, &body, size, &lower, &settings, &alone).expect("fits");
            let ms = t.elapsed().as_millis();
            match over {
                fit::OverLayers::Draped(f) => {
                    let s = f.draped.stats;
                    eprintln!("  {} over {}: settled {} frames {} p995 {:.2} body {:.2} layer {:.2} moved {:.3} ({ms} ms)", g.meta().name, lower.len(), s.settled, s.frames, s.last_motion_p995_mm, s.max_penetration_mm, s.max_layer_penetration_mm, fit::drape::largest_move(&f.draped.positions, &alone.draped.positions));
                    colliders.push(LayerCollider::new(&g.cloth, &f.draped));
                }
                fit::OverLayers::Failed { moved_m, final_motion_mm } => {
                    eprintln!("  {} over {}: FAILED moved {moved_m:.3} final {final_motion_mm:.2} ({ms} ms)", g.meta().name, lower.len());
                    colliders.push(LayerCollider::new(&g.cloth, &alone.draped));
                }
            }
        }
    }
}
