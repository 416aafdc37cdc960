//! Benchmarks: a full avatar rebuild (what every slider drag costs) and the tape measurements.
//! Run with `cargo bench --bench avatar`.

use anprobe::body;
use anprobe::measurements::{self, Form, Key, Measurements};
use anprobe::tape;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn default_body() -> Measurements {
    let mut m = Measurements::new(Form::Female, 168.0);
    for (key, value) in [
        (Key::ChestGirth, 92.0),
        (Key::WaistGirth, 76.0),
        (Key::HipGirth, 100.0),
        (Key::WeightKg, 64.0),
    ] {
        m.set(key, value);
    }
    m
}

fn avatar(c: &mut Criterion) {
    let typed = default_body();
    let resolved = measurements::resolve(&typed).expect("the default body is valid");
    c.bench_function("avatar_build_default_body", |b| {
        b.iter(|| body::build(black_box(&resolved)))
    });
    c.bench_function("avatar_resolve_and_build_default_body", |b| {
        b.iter(|| body::build(&measurements::resolve(black_box(&typed)).expect("valid")))
    });
    // What a slider drag costs in the app: the shown avatar rebuilt in its own memory.
    let mut shown = body::build(&resolved);
    c.bench_function("avatar_rebuild_in_place_default_body", |b| {
        b.iter(|| body::rebuild(black_box(&mut shown), black_box(&resolved)))
    });
    let built = body::build(&resolved);
    c.bench_function("avatar_measure_all_tapes", |b| {
        b.iter(|| tape::measure(black_box(&built)))
    });
}

criterion_group!(benches, avatar);
criterion_main!(benches);
