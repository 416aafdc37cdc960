//! Benchmarks of the concierge on a large catalog: 10,000 products (the sample offers' 312,
//! repeated with other SKUs) and 1,000 kept orders of them: `recommend` (goal < 50 ms) and
//! `alternatives` for one product (goal < 20 ms); the draws and the history are made before
//! timing. `catalog update` of the 10,000 products, every price changed (goal < 2 s). Run with
//! `cargo bench --no-default-features --bench concierge`.

use anprobe::catalog::{Product, read_path};
use anprobe::concierge::{alternatives, recommend};
use anprobe::measurements::{self, Form, Key, Measurements};
use anprobe::sizing::{Draws, History};
use anprobe::store::{ItemStatus, NewOrderItem, Order, OrderItem, Store};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn products() -> Vec<Product> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the sample catalog")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".catalog.json"))
        .collect();
    files.sort();
    let offers: Vec<Product> = files
        .iter()
        .flat_map(|f| read_path(f).expect("a catalog").products)
        .collect();
    (0..10_000)
        .map(|i| {
            let mut p = offers[i % offers.len()].clone();
            p.sku = format!("{}-{}", p.sku, i / offers.len());
            p
        })
        .collect()
}

fn orders(products: &[Product]) -> Vec<Order> {
    (0..1_000)
        .map(|i| {
            let p = &products[(i * 7) % products.len()];
            Order {
                id: i as i64,
                retailer: p.retailer.clone(),
                order_number: format!("O-{i}"),
                date: "2026-10-01".into(),
                items: vec![OrderItem {
                    id: i as i64,
                    line: NewOrderItem {
                        sku: p.sku.clone(),
                        name: p.name.clone(),
                        size: p.sizes[p.sizes.len() / 2].label.clone(),
                        colour: p.colour.clone(),
                        price: p.price,
                        currency: p.currency.clone(),
                        return_window_days: None,
                    },
                    status: ItemStatus::Kept,
                    return_deadline: None,
                    returned: None,
                }],
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let products = products();
    let orders = orders(&products);
    let mut m = Measurements::new(Form::Female, 166.0);
    m.set(Key::ChestGirth, 92.0);
    m.set(Key::HipGirth, 100.0);
    let resolved = measurements::resolve(&m).expect("a valid body");
    let draws = Draws::of(&resolved);
    let history = History::default();
    let mut group = c.benchmark_group("concierge");
    group.sample_size(10);
    group.bench_function("recommend: 10,000 products, 1,000 orders", |b| {
        b.iter(|| recommend(black_box(&products), &orders, &[], &draws, &history, 10))
    });
    group.bench_function("alternatives: one product over 10,000", |b| {
        b.iter(|| {
            alternatives(
                black_box(&products),
                &products[0].retailer,
                &products[0].sku,
                &draws,
                &history,
                10,
            )
        })
    });
    // `catalog update` of 10,000 products into a store that already holds them at other
    // prices: every product read back, compared and its price history extended.
    let dir = std::env::temp_dir().join(format!("anprobe-bench-catalog-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut store, _) = Store::open(&dir).expect("a store");
    store
        .record_products(&products, "2026-11-01", false)
        .expect("recorded");
    let cheaper: Vec<Product> = products
        .iter()
        .map(|p| Product {
            price: (p.price * 0.9).round(),
            ..p.clone()
        })
        .collect();
    let mut day = 0;
    group.bench_function(
        "catalog update: 10,000 products, every price changed",
        |b| {
            b.iter(|| {
                day += 1;
                let update = if day % 2 == 0 { &products } else { &cheaper };
                let date = format!("2027-{:02}-{:02}", 1 + (day / 28) % 12, 1 + day % 28);
                store
                    .record_products(black_box(update), &date, false)
                    .expect("recorded")
            })
        },
    );
    group.finish();
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
