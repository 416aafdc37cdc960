//! Benchmarks: opening the store and listing the newest 100 of 100,000 orders (goal < 50 ms; also
//! the once-a-day open that checks the whole file), and adding one wishlist item (one durable
//! commit). Run with `cargo bench --bench store`.

use anprobe::store::{NewOrder, NewOrderItem, NewWishlistItem, Store};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const ORDERS: usize = 100_000;

fn item(sku: String, price: f64) -> NewOrderItem {
    NewOrderItem {
        sku,
        name: "Merino crew neck".into(),
        size: "M".into(),
        colour: "navy".into(),
        price,
        currency: "EUR".into(),
        return_window_days: Some(30),
    }
}

/// 100,000 orders of two items each over 27 years, written in one transaction.
fn build(dir: &Path) {
    let started = Instant::now();
    let (mut store, _) = Store::open(dir).expect("open");
    let orders: Vec<NewOrder> = (0..ORDERS)
        .map(|i| {
            let day = anprobe::store::date::Day::from_days(10_957 + (i / 10) as i64);
            NewOrder {
                retailer: ["Zalando", "COS", "Uniqlo", "Arket"][i % 4].into(),
                order_number: format!("B-{i:06}"),
                date: day.to_string(),
                items: vec![
                    item(format!("SKU-{i}-1"), 29.95),
                    item(format!("SKU-{i}-2"), 59.0),
                ],
            }
        })
        .collect();
    store.add_orders(&orders).expect("add 100k orders");
    store.close().expect("close");
    eprintln!(
        "built {ORDERS} orders in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn store(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("anprobe-bench-store-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    build(&dir);

    c.bench_function("store_open_and_list_latest_100_of_100k_orders", |b| {
        b.iter(|| {
            let (store, _) = Store::open(&dir).expect("open");
            let orders = store.list_orders(100).expect("list");
            assert_eq!(orders.len(), 100);
            black_box(orders)
        })
    });

    // The first open of a day checks the whole 25 MB file (`PRAGMA quick_check`).
    let mut group = c.benchmark_group("store_daily");
    group.sample_size(10);
    group.bench_function("store_open_with_whole_file_check_100k_orders", |b| {
        b.iter_batched(
            || {
                rusqlite::Connection::open(dir.join(anprobe::store::DB_FILE))
                    .and_then(|c| c.execute("DELETE FROM meta WHERE key = 'last_full_check'", []))
                    .expect("forget the last check")
            },
            |_| {
                let (store, report) = Store::open(&dir).expect("open");
                assert!(report.full_check);
                black_box(store.list_orders(100).expect("list"))
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();

    let (mut store, _) = Store::open(&dir).expect("open");
    c.bench_function("store_list_latest_100_of_100k_orders", |b| {
        b.iter(|| black_box(store.list_orders(100).expect("list")))
    });
    let wish = NewWishlistItem {
        retailer: "Zalando".into(),
        sku: "SKU-W".into(),
        name: "Linen shirt".into(),
        size: "M".into(),
        colourway: "navy".into(),
        price: 49.95,
        currency: "EUR".into(),
        note: String::new(),
        added: "2026-03-01".into(),
    };
    c.bench_function("store_add_one_wishlist_item", |b| {
        b.iter(|| black_box(store.add_wishlist(&wish).expect("add")))
    });
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, store);
criterion_main!(benches);
