//! Tests: cli — the concierge on the sample offers with a scripted history: `recommend` ranks
//! by what was kept and wished for, with sizes that fit and are in stock, reasons from the data,
//! never what the shopper has, returned or wished for (nor the same piece elsewhere), one colour
//! per garment; `alternatives` come from other retailers, same category, sorted by fit then
//! price, and say when the first retailer has no stock in the shopper's size.

use super::{Run, Scratch, anprobe};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn offers() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".catalog.json"))
        .collect();
    files.sort();
    files
}

fn ok(run: Run) -> String {
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// A shopper: the offers in the store, a kept tee, a blouse returned as too tight at the chest,
/// jeans on the wishlist.
fn shopper(name: &str) -> (Scratch, PathBuf, PathBuf) {
    let dir = Scratch::new(name);
    let data = dir.path("data");
    for file in offers() {
        ok(anprobe(&[&"--data-dir", &data, &"catalog", &"add", &file]));
    }
    let order = |retailer: &str, sku: &str, name: &str, size: &str, date: &str| {
        let id = ok(anprobe(&[
            &"--data-dir",
            &data,
            &"order",
            &"add",
            &"--retailer",
            &retailer,
            &"--order-no",
            &format!("O-{sku}"),
            &"--sku",
            &sku,
            &"--size",
            &size,
            &"--price",
            &"50",
            &"--name",
            &name,
            &"--date",
            &date,
        ]));
        id.trim().to_string()
    };
    let tee = order(
        "Nordlicht Basics",
        "NB-TS-1001-NV",
        "Organic Crew Tee",
        "M",
        "2026-09-01",
    );
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"order",
        &"status",
        &"--id",
        &tee,
        &"--status",
        &"kept",
    ]));
    let blouse = order(
        "Atelier Ravel",
        "AR-BL-118-WH",
        "Blouse Colette",
        "38",
        "2026-10-01",
    );
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"order",
        &"return",
        &"--id",
        &blouse,
        &"--fit",
        &"chest=tight",
        &"--date",
        &"2026-10-12",
        &"--reason",
        &"tight",
    ]));
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"wishlist",
        &"add",
        &"--retailer",
        &"Kiko & Lane",
        &"--sku",
        &"KL-DN-501-BK",
        &"--size",
        &"30/28",
        &"--name",
        &"High-Rise Straight Ankle Jean",
    ]));
    let m = dir.file(
        "m.json",
        r#"{"form": "female", "stature": 165, "chest_girth": 93.6, "waist_girth": 76, "hip_girth": 100}"#,
    );
    (dir, data, m)
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Every product in the store by (retailer, SKU).
fn products(data: &Path) -> Vec<Value> {
    json(&ok(anprobe(&[
        &"--data-dir",
        &data,
        &"catalog",
        &"list",
        &"--json",
    ])))
    .as_array()
    .unwrap()
    .clone()
}

#[test]
fn recommend_ranks_by_the_history_and_never_suggests_what_is_had_unfit_or_out_of_stock() {
    let (_dir, data, m) = shopper("concierge-recommend");
    let found = json(&ok(anprobe(&[
        &"--data-dir",
        &data,
        &"recommend",
        &"--json",
        &"-m",
        &m,
        &"--limit",
        &"15",
    ])));
    let found = found.as_array().unwrap();
    // One colour of each garment that fits: at most the 12 garments less the blouse sent back.
    assert!((8..=11).contains(&found.len()), "{}", found.len());
    let all = products(&data);
    let mut garments: Vec<(String, String)> = Vec::new();
    for s in found {
        for field in [
            "retailer",
            "sku",
            "name",
            "size",
            "probability",
            "price",
            "currency",
            "reasons",
        ] {
            assert!(!s[field].is_null(), "{field} in {s}");
        }
        let sku = s["sku"].as_str().unwrap();
        assert!(
            !["NB-TS-1001-NV", "AR-BL-118-WH", "KL-DN-501-BK"].contains(&sku),
            "{s}"
        );
        // The same piece sold elsewhere is what the shopper has, too.
        assert_ne!(sku, "GL-NB-TS-1001-NV");
        let p = all
            .iter()
            .find(|p| p["sku"] == s["sku"] && p["retailer"] == s["retailer"])
            .unwrap();
        let size = s["size"].as_str().unwrap();
        assert!(
            p["stock"][size].as_u64().unwrap() > 0,
            "{sku} in {size} is in stock"
        );
        assert!(s["probability"].as_f64().unwrap() > 0.3, "{s}");
        let garment = (
            p["brand"].as_str().unwrap().to_string(),
            p["name"].as_str().unwrap().to_string(),
        );
        assert!(!garments.contains(&garment), "one colour per garment: {s}");
        garments.push(garment);
        let reasons: Vec<&str> = s["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(
            reasons[0].starts_with("because you kept the Organic Crew Tee in M")
                || reasons[0]
                    .starts_with("because the High-Rise Straight Ankle Jean is on your wishlist"),
            "{reasons:?}"
        );
    }
    // The kept tee's own kind first: the first suggestion is a top or knitwear, like the tee.
    let first = all.iter().find(|p| p["sku"] == found[0]["sku"]).unwrap();
    assert!(
        ["top", "knitwear"].contains(&first["category"].as_str().unwrap()),
        "{first}"
    );
    // A shirt is suggested with the return named: the blouse came back too tight at the chest.
    let text = ok(anprobe(&[
        &"--data-dir",
        &data,
        &"recommend",
        &"-m",
        &m,
        &"--limit",
        &"40",
    ]));
    assert!(
        text.contains("and returned the Blouse Colette as too tight at the chest"),
        "{text}"
    );
}

#[test]
fn alternatives_come_from_other_retailers_by_fit_then_price_and_say_what_is_missing() {
    let (dir, data, m) = shopper("concierge-alternatives");
    let found = json(&ok(anprobe(&[
        &"--data-dir",
        &data,
        &"alternatives",
        &"--retailer",
        &"Atelier Ravel",
        &"--sku",
        &"AR-BL-118-NV",
        &"--json",
        &"-m",
        &m,
        &"--limit",
        &"8",
    ])));
    let list = found["products"].as_array().unwrap();
    assert!(!list.is_empty(), "{found}");
    let all = products(&data);
    let mut last: Option<(i64, f64)> = None;
    for s in list {
        assert_ne!(s["retailer"], "Atelier Ravel", "{s}");
        let p = all
            .iter()
            .find(|p| p["sku"] == s["sku"] && p["retailer"] == s["retailer"])
            .unwrap();
        assert_eq!(p["category"], "shirt");
        let key = (
            (s["probability"].as_f64().unwrap() * 10.0).floor() as i64,
            s["price"].as_f64().unwrap(),
        );
        if let Some((band, price)) = last {
            assert!(
                key.0 < band || (key.0 == band && key.1 >= price),
                "sorted by fit, then price: {list:?}"
            );
        }
        last = Some(key);
    }
    // A retailer out of stock in the shopper's size: said, and who has it shown.
    let catalog = dir.file(
        "catalog.json",
        r#"{"format": "anprobe.catalog", "version": 1, "retailer": "Maison Verte", "currency": "EUR",
            "products": [{"sku": "MV-1", "name": "Linen Shirt", "category": "shirt", "colour": "white",
              "material": "cotton poplin", "tags": ["office", "classic", "neutral"], "price": 80,
              "stock": {"34": 2, "36": 2, "38": 0, "40": 0, "42": 1, "44": 1, "46": 1},
              "sizes": [
                {"label": "34", "body": {"chest_girth": {"min": 82, "max": 86}}},
                {"label": "36", "body": {"chest_girth": {"min": 86, "max": 90}}},
                {"label": "38", "body": {"chest_girth": {"min": 90, "max": 94}}},
                {"label": "40", "body": {"chest_girth": {"min": 94, "max": 98}}},
                {"label": "42", "body": {"chest_girth": {"min": 98, "max": 102}}},
                {"label": "44", "body": {"chest_girth": {"min": 102, "max": 107}}},
                {"label": "46", "body": {"chest_girth": {"min": 107, "max": 113}}}]}]}"#,
    );
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"catalog",
        &"add",
        &catalog,
    ]));
    let found = json(&ok(anprobe(&[
        &"--data-dir",
        &data,
        &"alternatives",
        &"--retailer",
        &"maison verte",
        &"--sku",
        &"MV-1",
        &"--json",
        &"-m",
        &m,
    ])));
    let lacking = found["lacking"].as_str().expect("what is missing");
    assert!(
        lacking.starts_with("Maison Verte has no Linen Shirt in size "),
        "{lacking}"
    );
    assert!(!found["products"].as_array().unwrap().is_empty());
    assert!(
        found["products"][0]["reasons"]
            .to_string()
            .contains("has it in your size")
    );
    // Never recommended: out of stock in the shopper's size.
    let recommended = ok(anprobe(&[
        &"--data-dir",
        &data,
        &"recommend",
        &"--json",
        &"-m",
        &m,
        &"--limit",
        &"400",
    ]));
    assert!(
        !recommended.contains("\"MV-1\""),
        "out of stock in the size: not suggested"
    );
    let unknown = anprobe(&[
        &"--data-dir",
        &data,
        &"alternatives",
        &"--retailer",
        &"Nobody",
        &"--sku",
        &"X",
        &"-m",
        &m,
    ]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("no product X of Nobody"),
        "{}",
        unknown.stderr
    );
}
