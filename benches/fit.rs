//! Benchmarks of the fitting room on a 10k-vertex garment (a synthetic cropped top with cap
//! sleeves, 9,992 vertices): binding it to the reference body, transfer + grading + fit map for
//! one size (goal < 2 ms), and the drape until settled on one core (goal < 300 ms); and a size
//! switch in the app (one catalog garment graded, draped and mapped in a size not draped yet:
//! goal < 500 ms). Run with `cargo bench --bench fit`.

use anprobe::fit::{self, DrapeSettings, PreparedBody, PreparedGarment, Region, grade, synthetic};
use anprobe::garment::{Category, ImportedGarment, Stretch};
use anprobe::measurements::{self, Form, Key, Measurements};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

fn body(form: Form, stature: f64, chest: f64, waist: f64, hip: f64) -> PreparedBody {
    let mut m = Measurements::new(form, stature);
    for (key, value) in [
        (Key::ChestGirth, chest),
        (Key::WaistGirth, waist),
        (Key::HipGirth, hip),
    ] {
        m.set(key, value);
    }
    PreparedBody::new(measurements::resolve(&m).expect("a valid body"))
}

/// The 10k-vertex top, sized M on the reference body (chest ranges 72–80 … 104–112).
fn garment(reference: &PreparedBody) -> Arc<ImportedGarment> {
    let spec = synthetic::TopSpec {
        hem_below_hip: -0.18,
        sleeve: 0.03,
        subdivisions: 1,
        ..Default::default()
    };
    let part = synthetic::top(reference, &spec);
    let chest = fit::measure::girth(
        &part.mesh.positions,
        part.mesh.triangles(),
        reference.anatomy.chest,
        |_| true,
    )
    .expect("the top goes around the chest")
    .perimeter
        * 100.0;
    let sizes = synthetic::chart(
        &["XS", "S", "M", "L", "XL"],
        &[("chest_girth", 72.0, 8.0)],
        &[("chest", chest, 8.0), ("length", 40.0, 1.5)],
        2,
    );
    let stretch = Stretch {
        horizontal_pct: 5.0,
        vertical_pct: 3.0,
    };
    let meta = synthetic::meta("cropped top", Category::Top, 1, stretch, sizes, "M");
    Arc::new(synthetic::garment(meta, part))
}

/// Process CPU time (user + system), seconds, where Linux tells it: on a machine shared with other
/// work, wall times overstate what one core needs.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 2..)?
        .split_whitespace()
        .collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Mean CPU time of `f` over `n` runs, ms (printed next to criterion's wall times).
fn cpu_ms(n: u32, mut f: impl FnMut()) -> Option<f64> {
    let start = cpu_seconds()?;
    for _ in 0..n {
        f();
    }
    Some((cpu_seconds()? - start) * 1000.0 / n as f64)
}

fn fitting(c: &mut Criterion) {
    let reference = body(Form::Female, 168.0, 92.0, 76.0, 100.0);
    let shopper = body(Form::Female, 172.0, 100.0, 84.0, 106.0);
    let g = garment(&reference);
    eprintln!(
        "garment: {} vertices, {} triangles",
        g.parts[0].mesh.vertex_count(),
        g.parts[0].mesh.triangle_count()
    );
    let mut group = c.benchmark_group("fit");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("bind_10k_vertices", |b| {
        b.iter(|| PreparedGarment::with_reference(black_box(g.clone()), reference.clone()))
    });
    let prepared = PreparedGarment::with_reference(g, reference).expect("prepares");
    let settings = DrapeSettings::default();
    let support = fit::tether::Support::for_category(prepared.meta().category);
    let size = 3;
    let graded = grade::grade(&prepared, &shopper, size).expect("grades");
    let hints: Vec<u32> = prepared.binding.bound.iter().map(|b| b.triangle).collect();
    group.bench_function("drape_10k_vertices_to_settled", |b| {
        b.iter(|| {
            fit::drape::drape(
                &prepared.cloth,
                black_box(&graded.rest),
                &shopper.surface,
                &hints,
                &[],
                support,
                &settings,
            )
        })
    });
    let draped = fit::drape::drape(
        &prepared.cloth,
        &graded.rest,
        &shopper.surface,
        &hints,
        &[],
        support,
        &settings,
    );
    eprintln!("drape: {:?}", draped.stats);
    let map = fit::fitmap::fit_map(&prepared, &shopper, &graded, &draped);
    if let Some(chest) = map.region(Region::Chest) {
        eprintln!("{}", anprobe::fit::english::region_sentence(chest));
    }
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("transfer_grade_fitmap_10k_vertices", |b| {
        b.iter(|| {
            let graded = grade::grade(&prepared, black_box(&shopper), size).expect("grades");
            fit::fitmap::fit_map(&prepared, &shopper, &graded, &draped)
        })
    });
    group.finish();
    let cpu = [
        (
            "bind_10k_vertices",
            cpu_ms(10, || {
                black_box(PreparedGarment::with_reference(
                    prepared.garment.clone(),
                    prepared.reference.clone(),
                ))
                .ok();
            }),
        ),
        (
            "drape_10k_vertices_to_settled",
            cpu_ms(20, || {
                black_box(fit::drape::drape(
                    &prepared.cloth,
                    &graded.rest,
                    &shopper.surface,
                    &hints,
                    &[],
                    support,
                    &settings,
                ));
            }),
        ),
        (
            "transfer_grade_fitmap_10k_vertices",
            cpu_ms(1000, || {
                let graded = grade::grade(&prepared, black_box(&shopper), size).expect("grades");
                black_box(fit::fitmap::fit_map(&prepared, &shopper, &graded, &draped));
            }),
        ),
    ];
    for (name, ms) in cpu {
        if let Some(ms) = ms {
            eprintln!("fit/{name}: {ms:.2} ms CPU time per run");
        }
    }
}

/// What a size switch in the app costs when the size asked for was not draped yet (the app's
/// fitting job then drapes that one size: `fit::pipeline::fit_more` → `fit_size`): every catalog
/// garment on the body (175 cm, 98 / 84 / 100), the size above the middle of its chart.
/// Goal: the draped result within 0.5 s on a 2-core machine.
fn size_switch(c: &mut Criterion) {
    let body = body(Form::Female, 175.0, 98.0, 84.0, 100.0);
    let settings = DrapeSettings::default();
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the catalog folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "glb"))
        .collect();
    files.sort();
    let mut group = c.benchmark_group("size_switch");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    let mut slowest = (0.0f64, String::new());
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let imported = anprobe::garment::import_file(&path).expect("a catalog garment imports");
        let garment = PreparedGarment::new(imported).expect("prepares");
        let size = (garment.meta().sizes.len() / 2 + 1).min(garment.meta().sizes.len() - 1);
        let run = || fit::fit_size(&garment, &body, size, &[], &settings).expect("fits");
        let fit = run();
        eprintln!(
            "{name} {}: {} frames, settled {}",
            garment.meta().sizes[size].label,
            fit.draped.stats.frames,
            fit.draped.stats.settled
        );
        group.bench_function(&name, |b| b.iter(|| black_box(run())));
        if let Some(ms) = cpu_ms(3, || {
            black_box(run());
        }) && ms > slowest.0
        {
            slowest = (ms, name.clone());
        }
    }
    group.finish();
    eprintln!(
        "size_switch: slowest {} at {:.0} ms CPU time per switch",
        slowest.1, slowest.0
    );
}

/// A size switch as the app's fitting job runs it (`app/state/tryon/fitting.rs`): the outfit
/// was fitted (the recommended size and its neighbours draped) and the shopper picks a size two
/// above the recommended one; the job prepares the body and fits the outfit again with the
/// earlier outcome (`fit_outfit`, which drapes only the size asked for), one garment worn.
/// `prepare_body` is the part of it that depends on the body alone.
fn size_switch_job(c: &mut Criterion) {
    let shopper = body(Form::Female, 175.0, 98.0, 84.0, 100.0);
    let (resolved, avatar) = (shopper.resolved.clone(), shopper.avatar.clone());
    let settings = DrapeSettings::default();
    let never = std::sync::atomic::AtomicBool::new(false);
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let mut group = c.benchmark_group("size_switch_job");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(6));
    group.bench_function("prepare_body", |b| {
        b.iter(|| PreparedBody::from_avatar(resolved.clone(), black_box(avatar.clone())))
    });
    for name in ["atelier-ravel-ar-bl-118", "nordlicht-basics-nb-ts-1001"] {
        let imported = anprobe::garment::import_file(folder.join(format!("{name}.glb")))
            .expect("a catalog garment imports");
        let prepared = Arc::new(PreparedGarment::new(imported).expect("prepares"));
        let first = fit::outfit::fit_outfit(
            &shopper,
            &[fit::outfit::OutfitGarment {
                prepared: prepared.clone(),
                size: None,
                fitted: None,
            }],
            &settings,
            &never,
        )
        .expect("not cancelled")
        .remove(0)
        .expect("fits");
        let labels: Vec<String> = prepared
            .meta()
            .sizes
            .iter()
            .map(|s| s.label.clone())
            .collect();
        let recommended = first.outcome.recommendation.size.clone().expect("a size");
        let at = labels.iter().position(|l| *l == recommended).unwrap();
        let picked = labels[(at + 2).min(labels.len() - 1)].clone();
        let outcome = first.outcome;
        let switch = || {
            let body = PreparedBody::from_avatar(resolved.clone(), avatar.clone());
            fit::outfit::fit_outfit(
                &body,
                &[fit::outfit::OutfitGarment {
                    prepared: prepared.clone(),
                    size: Some(picked.clone()),
                    fitted: Some(outcome.clone()),
                }],
                &settings,
                &never,
            )
        };
        eprintln!("{name}: recommended {recommended}, switched to {picked}");
        group.bench_function(name, |b| b.iter(|| black_box(switch())));
        if let Some(ms) = cpu_ms(3, || {
            black_box(switch());
        }) {
            eprintln!("size_switch_job/{name}: {ms:.0} ms CPU time per switch");
        }
    }
    group.finish();
}

criterion_group!(benches, fitting, size_switch, size_switch_job);
criterion_main!(benches);
