//! Tests: the retailer catalog format — the documented example (`docs/catalog-example.json`) is
//! read whole and accepted by the JSON Schema (`docs/catalog.schema.json`); products broken in
//! every way the schema can see are refused by both, each by the reader with its location.

use anprobe::catalog::read_path;
use serde_json::{Value, json};
use std::path::Path;

fn docs(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name)
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(docs("catalog.schema.json")).expect("the schema");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    jsonschema::validator_for(&value).expect("the schema compiles")
}

fn example() -> Value {
    serde_json::from_str(&std::fs::read_to_string(docs("catalog-example.json")).unwrap()).unwrap()
}

#[test]
fn the_documented_example_is_read_whole_and_fits_the_schema() {
    let example = example();
    let errors: Vec<String> = schema()
        .iter_errors(&example)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let read = read_path(&docs("catalog-example.json")).expect("a catalog");
    assert!(read.refused.is_empty(), "{:?}", read.refused);
    assert_eq!(read.products.len(), 2);
    let shirt = &read.products[0];
    assert_eq!(shirt.retailer, "Maison Verte");
    assert_eq!(shirt.currency, "EUR", "the catalog's currency");
    assert!(shirt.available("M") && !shirt.available("L"));
    assert_eq!(read.products[1].currency, "CHF");
    assert_eq!(
        read.products[1].brand, "Maison Verte",
        "the retailer's own brand"
    );
    assert!(
        read.products[1].available("38"),
        "no stock given: available"
    );
}

/// What is broken, how, and where the reader says it is.
type Case<'a> = (&'a str, &'a dyn Fn(&mut Value), &'a str);

#[test]
fn broken_products_are_refused_by_the_schema_and_the_reader() {
    let schema = schema();
    let dir = std::env::temp_dir().join(format!("anprobe-catalog-format-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: [Case; 8] = [
        (
            "no sku",
            &|p| {
                p.as_object_mut().unwrap().remove("sku");
            },
            "products[0].sku",
        ),
        (
            "empty name",
            &|p| p["name"] = json!(" "),
            "products[0].name",
        ),
        (
            "price zero",
            &|p| p["price"] = json!(0),
            "products[0].price",
        ),
        (
            "price as text",
            &|p| p["price"] = json!("79"),
            "products[0].price",
        ),
        (
            "unknown category",
            &|p| p["category"] = json!("hat"),
            "products[0].category",
        ),
        (
            "negative stock",
            &|p| p["stock"] = json!({"M": -1}),
            "products[0].stock.M",
        ),
        (
            "unknown key",
            &|p| p["colour_rgb"] = json!("#fff"),
            "products[0].colour_rgb",
        ),
        (
            "url not web",
            &|p| p["url"] = json!("ftp://x"),
            "products[0].url",
        ),
    ];
    for (i, (what, change, pointer)) in cases.iter().enumerate() {
        let mut catalog = example();
        change(&mut catalog["products"][0]);
        assert!(!schema.is_valid(&catalog), "{what}: the schema accepts it");
        let file = dir.join(format!("case{i}.json"));
        std::fs::write(&file, catalog.to_string()).unwrap();
        let read = read_path(&file).expect("the file is a catalog");
        assert_eq!(read.products.len(), 1, "{what}: the other product is read");
        assert_eq!(read.refused.len(), 1, "{what}");
        assert!(
            read.refused[0].pointer.ends_with(pointer),
            "{what}: {} does not end with {pointer}",
            read.refused[0]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
