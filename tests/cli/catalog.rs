//! Tests: cli — retailers' catalogs in the store: `anprobe catalog add` (a folder of garment
//! files, a catalog.json), `update` (price and stock history), `list` (table and JSON); every bad
//! product refused on stderr with where and why while the rest is recorded; a file that is not a
//! catalog exits 1 naming it and records nothing.

use super::{Run, Scratch, anprobe};
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog")
}

fn run(data: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"--data-dir", &data, &"catalog"];
    all.extend_from_slice(args);
    anprobe(&all)
}

fn listed(data: &Path) -> serde_json::Value {
    let list = run(data, &[&"list", &"--json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    serde_json::from_str(&list.stdout).unwrap()
}

const CATALOG: &str = r#"{
  "format": "anprobe.catalog",
  "version": 1,
  "retailer": "Maison Verte",
  "currency": "EUR",
  "products": [
    {"sku": "MV-1", "name": "Linen Shirt", "brand": "Verte", "category": "shirt", "colour": "sand",
     "material": "linen", "tags": ["Summer", "relaxed"], "price": 79, "stock": {"M": 3, "L": 0},
     "url": "https://maison-verte.example/mv-1", "outfits": ["MV-9"],
     "sizes": [{"label": "M", "body": {"chest_girth": {"min": 92, "max": 100}}},
               {"label": "L", "body": {"chest_girth": {"min": 100, "max": 108}}}]},
    {"sku": "MV-2", "name": "Bad price", "category": "shirt", "price": -5,
     "sizes": [{"label": "M", "body": {"chest_girth": {"min": 92, "max": 100}}}]},
    {"sku": "MV-3", "name": "Bad chart", "category": "shirt", "price": 10,
     "sizes": [{"label": "M", "body": {"chest_girth": {"min": 100, "max": 92}}}]},
    {"sku": "MV-4", "name": "Bad stock", "category": "shirt", "price": 10, "stock": {"XL": 1},
     "sizes": [{"label": "M", "body": {"chest_girth": {"min": 92, "max": 100}}}]},
    {"sku": "MV-5", "name": "No category", "price": 10,
     "sizes": [{"label": "M", "body": {"chest_girth": {"min": 92, "max": 100}}}]},
    {"sku": "MV-1", "name": "Twice", "category": "shirt", "price": 10,
     "sizes": [{"label": "M", "body": {"chest_girth": {"min": 92, "max": 100}}}]},
    {"sku": "MV-6", "name": "Wool Skirt", "category": "skirt", "price": 120, "currency": "CHF",
     "sizes": [{"label": "38", "body": {"waist_girth": {"min": 70, "max": 74},
                                       "hip_girth": {"min": 96, "max": 100}}}]}
  ]
}"#;

#[test]
fn a_folder_of_garment_files_is_a_catalog_and_add_keeps_what_is_known() {
    let dir = Scratch::new("catalog-folder");
    let data = dir.path("data");
    let add = run(&data, &[&"add", &sample()]);
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert!(
        add.stdout
            .contains("12 added, 0 updated, 0 unchanged, 0 refused"),
        "{}",
        add.stdout
    );
    let products = listed(&data);
    assert_eq!(products.as_array().unwrap().len(), 12);
    let blouse = products
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["sku"] == "AR-BL-118")
        .expect("the blouse");
    assert_eq!(blouse["retailer"], "Atelier Ravel");
    assert_eq!(blouse["category"], "shirt");
    assert_eq!(blouse["stock"], serde_json::Value::Null);
    assert_eq!(blouse["sizes"].as_array().unwrap().len(), 7);
    assert!(
        blouse["garment"]
            .as_str()
            .unwrap()
            .ends_with("atelier-ravel-ar-bl-118.glb")
    );
    // Added again: nothing changes, each product named as known, exit 1.
    let again = run(&data, &[&"add", &sample()]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already in the store"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("AR-BL-118"), "{}", again.stderr);
    // The table.
    let table = run(&data, &[&"list", &"--retailer", &"atelier ravel"]);
    assert_eq!(table.code, 0);
    assert_eq!(table.stdout.lines().count(), 4, "{}", table.stdout);
    assert!(table.stdout.starts_with("RETAILER"));
}

#[test]
fn bad_products_are_refused_where_they_are_and_the_rest_is_recorded() {
    let dir = Scratch::new("catalog-json");
    let data = dir.path("data");
    let file = dir.file("catalog.json", CATALOG);
    let add = run(&data, &[&"add", &file, &"--date", &"2026-12-01"]);
    assert_eq!(add.code, 1, "{}", add.stderr);
    for expected in [
        "catalog.json: products[1].price: must be a positive number, not -5",
        "catalog.json: products[2].sizes[0].body.chest_girth: min 100 > max 92",
        "catalog.json: products[3].stock.XL: is not a size of the chart",
        "catalog.json: products[4].category: required",
        "catalog.json: products[5].sku: \"MV-1\" is listed twice",
    ] {
        assert!(add.stderr.contains(expected), "{expected}\n{}", add.stderr);
    }
    assert!(add.stdout.contains("2 added"), "{}", add.stdout);
    let products = listed(&data);
    let skus: Vec<&str> = products
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["sku"].as_str().unwrap())
        .collect();
    assert_eq!(skus, ["MV-1", "MV-6"]);
    let shirt = &products[0];
    assert_eq!(shirt["brand"], "Verte");
    assert_eq!(shirt["tags"], serde_json::json!(["summer", "relaxed"]));
    assert_eq!(shirt["stock"], serde_json::json!({"M": 3, "L": 0}));
    assert_eq!(products[1]["currency"], "CHF");
    assert_eq!(products[1]["brand"], "Maison Verte");
    let table = run(&data, &[&"list"]);
    let row = table.stdout.lines().find(|l| l.contains("MV-1")).unwrap();
    assert!(row.trim_end().ends_with("  M"), "only M is in stock: {row}");

    // A lower price at an update: reported, and kept in the history.
    let cheaper = dir.file(
        "cheaper.json",
        &CATALOG.replace("\"price\": 79", "\"price\": 69"),
    );
    let update = run(&data, &[&"update", &cheaper, &"--date", &"2026-12-10"]);
    assert_eq!(update.code, 1, "the bad products are still refused");
    assert!(
        update
            .stdout
            .contains("price of MV-1: 79.00 EUR -> 69.00 EUR"),
        "{}",
        update.stdout
    );
    assert!(
        update.stdout.contains("0 added, 1 updated, 1 unchanged"),
        "{}",
        update.stdout
    );
    let products = listed(&data);
    assert_eq!(products[0]["price"], 69.0);
    assert_eq!(
        products[0]["prices"],
        serde_json::json!([
            {"date": "2026-12-01", "price": 79.0, "currency": "EUR"},
            {"date": "2026-12-10", "price": 69.0, "currency": "EUR"}
        ])
    );
    assert_eq!(products[0]["first_seen"], "2026-12-01");
    assert_eq!(products[0]["updated"], "2026-12-10");
}

#[test]
fn a_file_that_is_not_a_catalog_is_named_and_nothing_is_recorded() {
    let dir = Scratch::new("catalog-bad");
    let data = dir.path("data");
    for (name, text, expected) in [
        (
            "a.json",
            "{\"format\": \"anprobe.catalog\",",
            "not JSON: line 1",
        ),
        (
            "b.json",
            r#"{"format": "other", "version": 1}"#,
            "format: \"other\" is not \"anprobe.catalog\"",
        ),
        (
            "c.json",
            r#"{"format": "anprobe.catalog", "version": 2}"#,
            "version: 2 is not 1",
        ),
        (
            "d.json",
            r#"{"format": "anprobe.catalog", "version": 1, "products": []}"#,
            "retailer: a non-empty name is required",
        ),
        (
            "e.json",
            r#"{"format": "anprobe.catalog", "version": 1, "retailer": "R", "products": [], "x": 1}"#,
            "x: unknown key",
        ),
    ] {
        let file = dir.file(name, text);
        let add = run(&data, &[&"add", &file]);
        assert_eq!(add.code, 1, "{name}");
        assert!(add.stderr.contains(name), "{name}: {}", add.stderr);
        assert!(
            add.stderr.contains(expected),
            "{name}: {expected}\n{}",
            add.stderr
        );
    }
    let empty = dir.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let add = run(&data, &[&"add", &empty]);
    assert_eq!(add.code, 1);
    assert!(
        add.stderr.contains("no catalog.json and no garment file"),
        "{}",
        add.stderr
    );
    assert_eq!(listed(&data), serde_json::json!([]));
}
