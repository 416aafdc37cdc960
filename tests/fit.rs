//! Fitting garments: binding and transfer, grading, draping without penetration (single garments
//! and layers), the fit map and the size recommendation, on synthetic garments made around the
//! reference body (the sample catalog is not needed).

use anprobe::fit::{
    self, BodyPart, DrapeSettings, FitOptions, LayerCollider, PreparedBody, PreparedGarment,
    Region, Verdict, bind, grade, measure, synthetic,
};
use anprobe::garment::{Category, GarmentPart, Size, Stretch};
use anprobe::geometry::{TriangleMesh, closest_on_triangle};
use anprobe::measurements::{self, Form, Key, Measurements};
use glam::{Vec3, Vec3A};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

mod waist;

fn body(form: Form, stature: f64, chest: f64, waist: f64, hip: f64) -> PreparedBody {
    let mut m = Measurements::new(form, stature);
    m.set(Key::ChestGirth, chest);
    m.set(Key::WaistGirth, waist);
    m.set(Key::HipGirth, hip);
    PreparedBody::new(measurements::resolve(&m).expect("a valid test body"))
}

fn reference() -> &'static PreparedBody {
    static REFERENCE: OnceLock<PreparedBody> = OnceLock::new();
    REFERENCE.get_or_init(|| body(Form::Female, 168.0, 92.0, 76.0, 100.0))
}

const LABELS: [&str; 5] = ["XS", "S", "M", "L", "XL"];

fn triangles(indices: &[u32]) -> Vec<[u32; 3]> {
    indices
        .chunks_exact(3)
        .map(|c| [c[0], c[1], c[2]])
        .collect()
}

/// A garment's girth as modelled, on the reference body's plane for `region`, cm.
fn modelled_girth(part: &GarmentPart, region: Region) -> f64 {
    let a = &reference().anatomy;
    let plane = fit::prepare::plane_of(a, region, Key::WaistGirth).expect("a girth region");
    measure::girth(
        &part.mesh.positions,
        &triangles(&part.mesh.indices),
        plane,
        |_| true,
    )
    .expect("the garment goes around the body there")
    .perimeter
        * 100.0
}

/// A T-shirt-like top sized M on the reference body; chest ranges 72–80 … 104–112.
fn top_garment(spec: &synthetic::TopSpec, layer: u8) -> PreparedGarment {
    let part = synthetic::top(reference(), spec);
    let chest = modelled_girth(&part, Region::Chest);
    let sizes = synthetic::chart(
        &LABELS,
        &[("chest_girth", 72.0, 8.0)],
        &[
            ("chest", chest, 8.0),
            ("length", 62.0, 2.0),
            ("sleeve", 16.0, 1.0),
        ],
        2,
    );
    let stretch = Stretch {
        horizontal_pct: 5.0,
        vertical_pct: 3.0,
    };
    let meta = synthetic::meta("tee", Category::Top, layer, stretch, sizes, "M");
    PreparedGarment::with_reference(synthetic::garment(meta, part), reference().clone())
        .expect("the synthetic top prepares")
}

fn top() -> &'static PreparedGarment {
    static TOP: OnceLock<PreparedGarment> = OnceLock::new();
    TOP.get_or_init(|| top_garment(&synthetic::TopSpec::default(), 1))
}

/// A flared skirt sized M; waist ranges 61–67 …, hip ranges 80–88 ….
fn skirt() -> &'static PreparedGarment {
    static SKIRT: OnceLock<PreparedGarment> = OnceLock::new();
    SKIRT.get_or_init(|| {
        let part = synthetic::skirt(reference(), &synthetic::SkirtSpec::default());
        let waist = modelled_girth(&part, Region::Waist);
        let hip = modelled_girth(&part, Region::Hip);
        let sizes = synthetic::chart(
            &LABELS,
            &[("waist_girth", 61.0, 6.0), ("hip_girth", 80.0, 8.0)],
            &[
                ("waist", waist, 6.0),
                ("hip", hip, 8.0),
                ("length", 50.0, 1.0),
            ],
            2,
        );
        let stretch = Stretch {
            horizontal_pct: 8.0,
            vertical_pct: 4.0,
        };
        let meta = synthetic::meta("skirt", Category::Skirt, 1, stretch, sizes, "M");
        PreparedGarment::with_reference(synthetic::garment(meta, part), reference().clone())
            .expect("the synthetic skirt prepares")
    })
}

/// Deepest particle inside the body, mm (0 when none is inside), measured afresh.
pub(crate) fn penetration_mm(positions: &[Vec3], body: &PreparedBody) -> f32 {
    positions
        .iter()
        .filter_map(|&p| body.surface.signed(p, f32::INFINITY))
        .map(|h| -h.distance * 1000.0)
        .fold(0.0, f32::max)
}

#[test]
fn closest_point_agrees_with_brute_force() {
    let mesh = &reference().avatar.mesh;
    let bvh = &reference().surface.bvh;
    let mut seed = 12345u32;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as f32 / u32::MAX as f32
    };
    for _ in 0..60 {
        let p = Vec3::new(random() - 0.5, random() * 1.8, random() * 0.6 - 0.3);
        let hit = bvh.closest(p, f32::INFINITY).expect("a hit");
        let brute = mesh
            .indices
            .chunks_exact(3)
            .map(|t| {
                let c = |k: usize| Vec3A::from(mesh.positions[t[k] as usize]);
                let (q, _, _) = closest_on_triangle(Vec3A::from(p), &[c(0), c(1), c(2)]);
                q.distance_squared(Vec3A::from(p))
            })
            .fold(f32::INFINITY, f32::min);
        assert!(
            (hit.distance_squared - brute).abs() <= 1e-6 * brute.max(1e-6),
            "{p}: BVH {} vs brute force {brute}",
            hit.distance_squared
        );
    }
}

#[test]
fn signed_distance_is_outside_along_the_normals() {
    let b = reference();
    let mesh = &b.avatar.mesh;
    let wrong = mesh
        .positions
        .iter()
        .zip(&mesh.normals)
        .zip(&b.anatomy.vertex_part)
        // The inner thighs touch: a point off one thigh may be inside the other.
        .filter(|(_, part)| !part.is_leg())
        .filter(|((p, n), _)| {
            b.surface
                .signed(**p + **n * 0.003, 1.0)
                .is_none_or(|h| h.distance <= 0.0)
        })
        .count();
    assert!(wrong <= 10, "{wrong} points 3 mm outside read as inside");
}

#[test]
fn body_parts_are_labelled_from_the_topology() {
    let a = &reference().anatomy;
    let count = |p: BodyPart| a.vertex_part.iter().filter(|&&q| q == p).count();
    assert!(count(BodyPart::Torso) > 1000);
    assert_eq!(count(BodyPart::LeftArm), count(BodyPart::RightArm));
    assert!(count(BodyPart::LeftArm) > 500);
    assert!(count(BodyPart::LeftLeg).abs_diff(count(BodyPart::RightLeg)) < 50);
    let mesh = &reference().avatar.mesh;
    for (p, part) in mesh.positions.iter().zip(&a.vertex_part) {
        match part {
            BodyPart::LeftArm => assert!(p.x > 0.0),
            BodyPart::RightArm => assert!(p.x < 0.0),
            BodyPart::LeftLeg | BodyPart::RightLeg => assert!(p.y < a.crotch.y + 0.02),
            BodyPart::Torso => {}
        }
    }
}

#[test]
fn transfer_to_the_reference_body_gives_the_garment_back() {
    let g = top();
    let moved = bind::transfer(&g.binding, &reference().avatar.mesh);
    for (a, b) in moved.iter().zip(&g.cloth.rest) {
        assert!(a.distance(*b) < 1e-4, "{a} vs {b}");
    }
}

#[test]
fn grading_changes_the_girth_by_the_size_chart() {
    let g = top();
    let chest = |b: &PreparedBody, size: usize| {
        let graded = grade::grade(g, b, size).expect("grades");
        measure::region_girth(
            &graded.rest,
            &g.cloth.triangles,
            &g.binding,
            Region::Chest,
            b.anatomy.chest,
        )
        .expect("a chest loop")
        .perimeter
            * 100.0
    };
    let r = reference();
    let m = chest(r, 2);
    assert!((m - g.reference_girth_cm[&Region::Chest]).abs() < 0.05);
    assert!(
        ((chest(r, 3) - m) - 8.0).abs() < 1.0,
        "L − M = {}",
        chest(r, 3) - m
    );
    assert!(
        ((m - chest(r, 1)) - 8.0).abs() < 1.0,
        "M − S = {}",
        m - chest(r, 1)
    );
    // On another body the garment keeps its own girth: the chart's value.
    let other = body(Form::Male, 182.0, 104.0, 92.0, 104.0);
    let chart_l = g.meta().sizes[3].garment["chest"];
    assert!(
        (chest(&other, 3) - chart_l).abs() < 1.5,
        "{} vs {chart_l}",
        chest(&other, 3)
    );
    // Lengths: the chart's change from the reference size.
    let graded = grade::grade(g, r, 4).expect("grades");
    let length = graded.graded_length_cm[&Region::Length];
    assert!((length - g.reference_length_cm[&Region::Length] - 4.0).abs() < 0.2);
}

#[test]
fn draped_garments_stay_out_of_the_body_on_a_grid_of_bodies() {
    let settings = DrapeSettings::default();
    let bodies = [
        body(Form::Female, 152.0, 80.0, 64.0, 88.0),
        body(Form::Female, 165.0, 118.0, 104.0, 126.0),
        body(Form::Male, 163.0, 86.0, 74.0, 88.0),
        body(Form::Male, 190.0, 120.0, 112.0, 116.0),
    ];
    for (k, b) in bodies.iter().enumerate() {
        for (garment, size) in [(top(), 2), (skirt(), 2)] {
            let f = fit::fit_size(garment, b, size, &[], &settings).expect("fits");
            let measured = penetration_mm(&f.draped.positions, b);
            assert!(
                measured <= 2.0,
                "body {k}, {}: {measured:.2} mm inside the body",
                garment.meta().name
            );
            assert!(f.draped.stats.max_penetration_mm <= 2.0);
            assert!(f.draped.positions.iter().all(|p| p.is_finite()));
        }
    }
}

#[test]
fn an_upper_layer_stays_outside_the_lower_one() {
    let b = body(Form::Female, 170.0, 100.0, 84.0, 106.0);
    let settings = DrapeSettings::default();
    let shirt = top();
    let lower = fit::fit_size(shirt, &b, 3, &[], &settings).expect("fits");
    let collider = LayerCollider::new(&shirt.cloth, &lower.draped);
    let jacket = top_garment(
        &synthetic::TopSpec {
            offset: 0.02,
            sleeve: 0.14,
            hem_below_hip: 0.02,
            subdivisions: 0,
        },
        3,
    );
    let graded = grade::grade(&jacket, &b, 3).expect("grades");
    let hints: Vec<u32> = jacket.binding.bound.iter().map(|b| b.triangle).collect();
    let upper = fit::drape::drape(
        &jacket.cloth,
        &graded.rest,
        &b.surface,
        &hints,
        &[&collider],
        fit::tether::Support::for_category(jacket.meta().category),
        &settings,
    );
    assert!(penetration_mm(&upper.positions, &b) <= 2.0);
    assert!(
        upper.stats.max_layer_penetration_mm <= 2.0,
        "{:?}",
        upper.stats
    );
    // Measured afresh: no part of the jacket lies under the shirt's outermost sheet along the
    // body's normal.
    let mut deepest = 0.0f32;
    for &p in &upper.positions {
        let Some(h) = b.surface.signed(p, f32::INFINITY) else {
            continue;
        };
        let normal = ((p - h.hit.point) * h.distance.signum()).normalize_or(h.normal);
        if let Some(cover) = collider.cover(p, normal, h.distance, 0.03) {
            deepest = deepest.max(cover.depth(p) * 1000.0);
        }
    }
    assert!(
        deepest <= 2.0,
        "the jacket is {deepest:.2} mm inside the shirt"
    );
}

/// The fit map's values (−1 loose … +1 tight) of the torso particles within 2 cm of the body's
/// chest line after the drape; never empty.
pub(crate) fn chest_line_values(
    g: &PreparedGarment,
    b: &PreparedBody,
    f: &fit::SizeFit,
) -> Vec<f32> {
    let y = b.anatomy.chest.origin.y;
    let values: Vec<f32> = f
        .draped
        .positions
        .iter()
        .zip(&f.map.particle_values)
        .zip(&g.binding.bound)
        .filter(|((p, _), bound)| bound.part == BodyPart::Torso && (p.y - y).abs() < 0.02)
        .map(|((_, v), _)| *v)
        .collect();
    assert!(!values.is_empty(), "garment particles at the chest line");
    values
}

fn quick() -> FitOptions {
    let mut options = FitOptions::default();
    options.drape.max_frames = 8;
    options
}

fn inside_body(size: &Size, form: Form, f: f64) -> PreparedBody {
    let at = |key: &str, default: f64| {
        size.body
            .get(key)
            .map_or(default, |r| r.min + f * (r.max - r.min))
    };
    let stature = if form == Form::Male { 178.0 } else { 165.0 };
    let chest = at("chest_girth", 0.0);
    let waist = at("waist_girth", 0.0);
    let hip = at("hip_girth", 0.0);
    let mut m = Measurements::new(form, stature);
    if chest > 0.0 {
        m.set(Key::ChestGirth, chest);
    }
    if waist > 0.0 {
        m.set(Key::WaistGirth, waist);
    }
    if hip > 0.0 {
        m.set(Key::HipGirth, hip);
    }
    PreparedBody::new(measurements::resolve(&m).expect("a body inside the chart"))
}

#[test]
fn the_recommendation_follows_the_size_chart() {
    for garment in [top(), skirt()] {
        for (i, size) in garment.meta().sizes.iter().enumerate() {
            for (form, f) in [(Form::Female, 0.5), (Form::Male, 0.3), (Form::Female, 0.75)] {
                let b = inside_body(size, form, f);
                let report = fit::fit_report(garment, &b, &quick()).expect("a report");
                assert_eq!(
                    report.recommended_size.as_deref(),
                    Some(size.label.as_str()),
                    "{} size {i} ({form:?}, {f} of the range): {:?}",
                    garment.meta().name,
                    report.reasons
                );
                assert!(report.sizes[i].inside_chart);
                assert!(report.confidence > 0.4 && report.confidence <= 1.0);
            }
        }
    }
}

#[test]
fn a_size_too_small_is_tight_at_the_chest() {
    let g = top();
    let b = body(Form::Female, 168.0, 106.0, 90.0, 112.0);
    let f = fit::fit_size(g, &b, 0, &[], &DrapeSettings::default()).expect("fits");
    let chest = f.map.region(Region::Chest).expect("a chest verdict");
    let sentence = fit::english::region_sentence(chest);
    assert_eq!(chest.verdict, Verdict::Tight, "{sentence}");
    assert!(sentence.starts_with("chest: tight"), "{sentence}");
    assert!(chest.strain_ratio >= 1.0);
    // The fit map reads tight (> 0) around the chest line.
    let values = chest_line_values(g, &b, &f);
    let tight = values.iter().filter(|&&v| v > 0.0).count();
    assert!(
        tight * 10 >= values.len() * 9,
        "{tight} of {} tight",
        values.len()
    );
    let mean = values.iter().sum::<f32>() / values.len() as f32;
    assert!(mean > 0.5, "mean fit value at the chest {mean}");
    // The size that fits is not tight there.
    let m = fit::fit_size(g, &b, 4, &[], &DrapeSettings::default()).expect("fits");
    assert_ne!(
        m.map.region(Region::Chest).map(|r| r.verdict),
        Some(Verdict::Tight)
    );
}

#[test]
fn no_size_fits_a_body_far_outside_the_chart() {
    let b = body(Form::Male, 180.0, 134.0, 124.0, 124.0);
    let report = fit::fit_report(top(), &b, &quick()).expect("a report");
    assert_eq!(report.recommended_size, None);
    assert!(
        report.reasons[0].starts_with("no size fits"),
        "{:?}",
        report.reasons
    );
    // Shown (and draped) is the nearest size, the one to try, not the reference size.
    assert_eq!(report.selected_size, "XL", "{:?}", report.reasons);
    let xl = report.sizes.iter().find(|s| s.label == "XL").expect("XL");
    assert!(xl.draped, "the size shown is draped");
}

#[test]
fn the_report_has_the_documented_shape() {
    let b = body(Form::Female, 168.0, 92.0, 76.0, 100.0);
    let report = fit::fit_report(top(), &b, &quick()).expect("a report");
    let json: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).expect("JSON");
    assert_eq!(json["report"], "anprobe.fit");
    assert_eq!(json["version"], 1);
    assert_eq!(json["recommended_size"], "M");
    assert_eq!(json["selected_size"], "M");
    assert!(
        json["confidence"]
            .as_f64()
            .is_some_and(|c| c > 0.0 && c <= 1.0)
    );
    let sizes = json["sizes"].as_array().expect("sizes");
    assert_eq!(sizes.len(), 5);
    let draped: Vec<&str> = sizes
        .iter()
        .filter(|s| s["draped"] == true)
        .map(|s| s["label"].as_str().expect("a label"))
        .collect();
    assert_eq!(draped, ["S", "M", "L"], "M and the sizes next to it");
    for size in sizes {
        for field in [
            "label",
            "score",
            "inside_chart",
            "chart",
            "regions",
            "max_penetration_mm",
            "draped",
        ] {
            assert!(!size[field].is_null(), "sizes[].{field}");
        }
        for field in ["frames", "substeps", "iterations", "settled", "time_ms"] {
            assert!(!size["solver"][field].is_null(), "solver.{field}");
        }
        assert!(!size["chart"].as_array().expect("chart").is_empty());
        let regions = size["regions"].as_array().expect("regions");
        if size["draped"] == false {
            assert!(regions.is_empty(), "no fit map of a size not draped");
            assert_eq!(size["solver"]["iterations"], 0);
            continue;
        }
        assert!(regions.iter().any(|r| r["region"] == "chest"));
        for r in regions {
            for field in [
                "region",
                "body_cm",
                "garment_cm",
                "ease_cm",
                "strain_pct",
                "stretch_pct",
                "verdict",
                "text",
            ] {
                assert!(!r[field].is_null(), "regions[].{field}");
            }
        }
    }
    let m = &sizes[2]["regions"];
    let chest = m
        .as_array()
        .and_then(|r| r.iter().find(|r| r["region"] == "chest"))
        .expect("chest");
    assert!(
        chest["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("chest: "))
    );
}

/// The labels of the sizes a report draped, in chart order.
fn draped_labels(report: &fit::FitReport) -> Vec<&str> {
    report
        .sizes
        .iter()
        .filter(|s| s.draped)
        .map(|s| s.label.as_str())
        .collect()
}

/// By default only the sizes the recommendation needs are draped, and it is the one draping
/// every size gives: inside one size, on the boundary of two (the drape decides between them),
/// outside the chart, with a size asked for far from the recommended one.
#[test]
fn the_default_drapes_the_sizes_that_matter_and_recommends_as_every_size_does() {
    let g = top();
    let all = FitOptions {
        all_sizes: true,
        ..quick()
    };
    // (chest girth, asked size, the sizes the default must drape at least, at most)
    let cases: [(f64, Option<&str>, &[&str], usize); 5] = [
        (92.0, None, &["S", "M", "L"], 3),
        (96.0, None, &["M", "L"], 4),
        (84.0, Some("XL"), &["XS", "S", "M", "XL"], 4),
        (74.0, None, &["XS", "S"], 3),
        (130.0, None, &["L", "XL"], 3),
    ];
    for (chest, asked, needed, most) in cases {
        let b = body(Form::Female, 168.0, chest, chest - 16.0, chest + 8.0);
        let size = asked.map(str::to_string);
        let default = fit::fit_all(
            g,
            &b,
            &FitOptions {
                size: size.clone(),
                ..quick()
            },
        )
        .expect("fits");
        let every = fit::fit_all(
            g,
            &b,
            &FitOptions {
                size,
                ..all.clone()
            },
        )
        .expect("fits");
        let (d, e) = (&default.report, &every.report);
        let case = format!("chest {chest}, asked {asked:?}: {:?}", draped_labels(d));
        assert_eq!(d.recommended_size, e.recommended_size, "{case}");
        assert_eq!(d.confidence, e.confidence, "{case}");
        assert_eq!(d.reasons, e.reasons, "{case}");
        assert_eq!(d.selected_size, e.selected_size, "{case}");
        assert_eq!(default.selected, every.selected, "{case}");
        assert_eq!(draped_labels(e), LABELS, "--all-sizes drapes every size");
        let draped = draped_labels(d);
        for label in needed {
            assert!(draped.contains(label), "{case}: {label} draped");
        }
        assert!(draped.len() <= most, "{case}: at most {most} draped");
        assert_eq!(draped.len(), default.draped_count(), "{case}");
        // The recommended size and the sizes next to it are draped: the reasons compare them.
        if let Some(r) = &d.recommended_size {
            let i = LABELS.iter().position(|l| l == r).expect("a label");
            for label in &LABELS[i.saturating_sub(1)..=(i + 1).min(LABELS.len() - 1)] {
                assert!(draped.contains(label), "{case}: {label} draped");
            }
        }
        for (k, (ds, es)) in d.sizes.iter().zip(&e.sizes).enumerate() {
            assert_eq!(ds.chart, es.chart, "{case}: every size's chart checks");
            assert_eq!(ds.inside_chart, es.inside_chart);
            if ds.draped {
                assert_eq!(ds.regions, es.regions, "{case}: the same drape");
                assert_eq!(ds.score, es.score, "{case}");
                assert!(default.size(k).is_some());
            } else {
                assert!(ds.regions.is_empty(), "{case}: {} has no regions", ds.label);
                assert_eq!(ds.solver.iterations, 0);
                assert_eq!(ds.max_penetration_mm, 0.0);
                assert!(default.size(k).is_none());
            }
        }
        assert!(default.selected().is_some(), "the selected size is draped");
    }
}

/// Where the drape picks another size than the chart favours and that size's neighbour was not
/// draped, the neighbour is draped too (its reasons compare it with both): a chart whose M and L
/// overlap at the chest, a body inside both nearer L's middle (the chart's favourite), and an L
/// cut 30 cm wider than the chart's steps (the drape finds it loose, so M is recommended).
#[test]
fn the_neighbour_of_a_size_the_drape_picks_is_draped_too() {
    let mut imported = (*top().garment).clone();
    for size in &mut imported.meta.sizes {
        let chest = size.body.get_mut("chest_girth").expect("a chest range");
        match size.label.as_str() {
            "M" => chest.max = 98.0,
            "L" => {
                chest.min = 94.0;
                *size.garment.get_mut("chest").expect("a chest value") += 30.0;
            }
            _ => {}
        }
    }
    let g = PreparedGarment::with_reference(imported, reference().clone()).expect("prepares");
    let b = body(Form::Female, 168.0, 97.0, 80.0, 104.0);
    let checks: Vec<_> = g
        .meta()
        .sizes
        .iter()
        .map(|s| fit::recommend::chart_checks(g.meta(), s, &b.resolved))
        .collect();
    let shortlist = fit::recommend::shortlist(g.meta().category, &checks);
    assert_eq!(shortlist.contenders, [2, 3], "M and L hold the body");
    assert_eq!(shortlist.candidate, Some(3), "the chart favours L");
    assert_eq!(shortlist.to_drape(5), [2, 3, 4]);

    let default = fit::fit_all(&g, &b, &quick()).expect("fits");
    let every = fit::fit_all(
        &g,
        &b,
        &FitOptions {
            all_sizes: true,
            ..quick()
        },
    )
    .expect("fits");
    let (d, e) = (&default.report, &every.report);
    assert_eq!(d.recommended_size.as_deref(), Some("M"), "{:?}", d.reasons);
    assert_eq!(draped_labels(d), ["S", "M", "L", "XL"], "S draped after");
    assert_eq!(d.recommended_size, e.recommended_size);
    assert_eq!(d.confidence, e.confidence);
    assert_eq!(d.reasons, e.reasons);
    assert!(
        d.reasons.iter().any(|r| r.starts_with("size S would be")),
        "the reasons compare S: {:?}",
        d.reasons
    );
}

/// A garment fitted before is fitted on with its drapes kept: a size worn that was not draped
/// is draped then, and nothing else again.
#[test]
fn a_size_worn_that_was_not_draped_is_draped_then() {
    let g = Arc::new(top().clone());
    let b = body(Form::Female, 168.0, 92.0, 76.0, 100.0);
    let options = quick();
    let first = Arc::new(fit::fit_all(&g, &b, &options).expect("fits"));
    assert!(first.size(4).is_none(), "XL is not draped for a body in M");
    let worn = fit::outfit::fit_outfit(
        &b,
        &[fit::outfit::OutfitGarment {
            prepared: g.clone(),
            size: Some("XL".into()),
            fitted: Some(first.clone()),
        }],
        &options.drape,
        &AtomicBool::new(false),
    )
    .expect("not cancelled");
    let [Ok(worn)] = &worn[..] else {
        panic!("one garment worn")
    };
    assert_eq!(worn.selected_label(), "XL");
    assert_eq!(worn.recommended(), Some("M"));
    let again = &worn.outcome;
    assert!(again.size(4).is_some(), "XL draped now");
    assert_eq!(again.report.reasons, first.report.reasons);
    for i in 1..=3 {
        let time = |o: &fit::FitOutcome| o.size(i).map(|f| f.draped.stats.time_ms);
        assert_eq!(time(again), time(&first), "size {i} kept, not draped again");
    }
    assert!(again.size(0).is_none(), "XS still not draped");
    assert!(!worn.worn.shown.map.regions.is_empty());
}

/// A square sheet of `n` × `n` quads, `size` metres wide, in the plane z = `z`.
fn sheet(name: &str, n: u32, size: f32, z: f32) -> GarmentPart {
    let mut mesh = TriangleMesh::default();
    for i in 0..=n {
        for j in 0..=n {
            let (u, v) = (i as f32 / n as f32, j as f32 / n as f32);
            mesh.positions.push(Vec3::new(u * size, 1.0 + v * size, z));
        }
    }
    for i in 0..n {
        for j in 0..n {
            let a = i * (n + 1) + j;
            let (b, c, d) = (a + n + 1, a + 1, a + n + 2);
            mesh.indices.extend([a, b, c, c, b, d]);
        }
    }
    GarmentPart::new(name, mesh)
}

/// A pocket lying 5 mm on a panel (1 cm between points) but not welded to it is stitched on at every point (so it hangs
/// with the panel instead of falling off); a piece 3 cm away is not.
#[test]
fn pieces_lying_on_the_cloth_are_stitched_on() {
    let panel = sheet("panel", 30, 0.3, 0.0);
    let pocket = sheet("pocket", 4, 0.1, 0.005);
    let mesh = fit::topology::ClothMesh::new(&[panel.clone(), pocket]).expect("welds");
    assert_eq!(mesh.stitches.len(), 25, "every pocket point is sewn on");
    for &[i, j] in &mesh.stitches {
        assert!(mesh.rest[i as usize].distance(mesh.rest[j as usize]) <= fit::topology::SEWN_ON);
    }
    let apart =
        fit::topology::ClothMesh::new(&[panel, sheet("apart", 4, 0.1, 0.03)]).expect("welds");
    assert!(apart.stitches.is_empty());
}

/// The drape's problems are reported each under its own verdict: a size tight at the chest and
/// the hip and loose at the waist reads "tight at the chest, hip" and "loose at the waist", never
/// the first region's verdict for all of them.
/// A girth read tight because it has far less ease than the garment is cut with — the body does
/// not stretch the fabric — says so with both numbers, never "fabric stretched 0 %" (a suit
/// jacket with +3 cm at the chest, cut with +10 cm, read "tight, fabric stretched 0% (gives 1%)").
#[test]
fn tight_for_its_cut_says_the_ease_and_the_cut() {
    use anprobe::fit::{RegionFit, english};
    let chest = RegionFit {
        region: Region::Chest,
        body_cm: 123.4,
        garment_cm: 126.2,
        chart_cm: None,
        ease_cm: 2.8,
        strain_pct: 0.0,
        stretch_pct: 1.0,
        strain_ratio: 0.0,
        verdict: Verdict::Tight,
        design_ease_cm: Some(10.2),
    };
    assert_eq!(
        english::region_sentence(&chest),
        "chest: tight, +3 cm ease where the cut has +10 cm"
    );
    // Stretched by the body: the strain says why.
    let stretched = RegionFit {
        ease_cm: -2.0,
        strain_pct: 6.0,
        strain_ratio: 1.2,
        stretch_pct: 5.0,
        ..chest
    };
    assert_eq!(
        english::region_sentence(&stretched),
        "chest: tight, fabric stretched 6% (gives 5%)"
    );
}

#[test]
fn each_drape_problem_is_named_with_its_own_verdict() {
    use anprobe::fit::RegionFit;
    use anprobe::fit::recommend::{Reason, SizeEvidence, chart_checks, recommend};
    let meta = top().meta();
    let body = &reference().resolved;
    let size = &meta.sizes[2];
    let checks = chart_checks(meta, size, body);
    let region = |region: Region, verdict: Verdict| RegionFit {
        region,
        body_cm: 90.0,
        garment_cm: 90.0,
        chart_cm: None,
        ease_cm: 0.0,
        strain_pct: 0.0,
        stretch_pct: 5.0,
        strain_ratio: 0.0,
        verdict,
        design_ease_cm: None,
    };
    let regions = [
        region(Region::Chest, Verdict::Tight),
        region(Region::Waist, Verdict::Loose),
        region(Region::Hip, Verdict::Tight),
        region(Region::Length, Verdict::Good),
    ];
    let evidence = [SizeEvidence {
        label: &size.label,
        checks: &checks,
        regions: &regions,
        score: 0.5,
    }];
    let finds: Vec<(Verdict, Vec<Region>)> = recommend(meta, body, &evidence)
        .reasons
        .into_iter()
        .filter_map(|r| match r {
            Reason::DrapeFinds { verdict, regions } => Some((verdict, regions)),
            _ => None,
        })
        .collect();
    assert_eq!(
        finds,
        vec![
            (Verdict::Tight, vec![Region::Chest, Region::Hip]),
            (Verdict::Loose, vec![Region::Waist]),
        ]
    );
}

/// A body a tenth of a centimetre outside a range reads so, not "0 cm below"; from a
/// centimetre on, whole centimetres.
#[test]
fn a_body_just_outside_a_range_reads_in_tenths() {
    use anprobe::fit::english;
    use anprobe::fit::recommend::{ChartCheck, Reason};
    let check = |body: f64| ChartCheck {
        key: "hip_girth".into(),
        body_cm: Some(body),
        min: 102.0,
        max: 106.0,
        inside: false,
        primary: false,
        outside_widths: (102.0 - body) / 4.0,
    };
    let reason = |body: f64| {
        english::reason(&Reason::NearestSize {
            size: "40".into(),
            outside: vec![check(body)],
        })
    };
    let near = reason(101.9);
    assert!(near.contains("is 0.1 cm below the range 102–106"), "{near}");
    let far = reason(100.0);
    assert!(far.contains("is 2 cm below the range 102–106"), "{far}");
}
