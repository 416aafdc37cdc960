//! Benchmarks of the size probability (`anprobe size`'s core: bodies drawn from the shopper's
//! measurements and their doubt, each given a size by the chart and the garment's own girths):
//! one garment with every size, 1,000 draws (goal < 20 ms); a catalog of 300 garments (the 12
//! sample garments, 25 times each), the same draws, in parallel (goal < 3 s). The garments are
//! imported and their size tables made before timing. Run with `cargo bench --bench size`.

use anprobe::fit::PreparedGarment;
use anprobe::garment;
use anprobe::measurements::{self, Form, Key, Measurements};
use anprobe::sample_catalog;
use anprobe::sizing::{Draws, SizeTable, odds, odds_all};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn tables() -> Vec<SizeTable> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample_catalog::DEFAULT_DIR);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the sample catalog")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "glb"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let imported = garment::import_file(p).expect("a catalog garment imports");
            SizeTable::new(&PreparedGarment::new(imported).expect("it prepares"))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tables = tables();
    let mut m = Measurements::new(Form::Female, 166.0);
    m.set(Key::ChestGirth, 92.0);
    m.set(Key::HipGirth, 100.0);
    let resolved = measurements::resolve(&m).expect("a valid body");
    let blouse = tables
        .iter()
        .max_by_key(|t| t.sizes.len())
        .expect("a garment");
    c.bench_function("size: one garment, every size, 1000 draws", |b| {
        b.iter(|| odds(black_box(blouse), &Draws::of(black_box(&resolved))))
    });
    let catalog: Vec<&SizeTable> = tables.iter().cycle().take(300).collect();
    let mut group = c.benchmark_group("size");
    group.sample_size(10);
    group.bench_function("catalog of 300 garments, 1000 draws", |b| {
        b.iter(|| odds_all(black_box(&catalog), &Draws::of(black_box(&resolved))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
