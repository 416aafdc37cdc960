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
                    .starts_with("because the High-Rise Straight Ankle Jean is on your wishlist")
                || reasons[0].starts_with("completes the look of the ")
                || reasons[0].starts_with("the Organic Crew Tee you kept in M, now in ")
                || reasons[0]
                    .starts_with("the High-Rise Straight Ankle Jean on your wishlist, in "),
            "{reasons:?}"
        );
    }
    // The looks of what was kept or wished for are completed first: the kept navy tee's navy
    // jumper of the same retailer, the wished black jeans' black shorts.
    let reason = |s: &Value| s["reasons"][0].as_str().unwrap().to_string();
    let mut first_two: Vec<(String, String)> = found[..2]
        .iter()
        .map(|s| (s["sku"].as_str().unwrap().to_string(), reason(s)))
        .collect();
    first_two.sort();
    assert_eq!(
        first_two,
        [
            (
                "KL-SH-612-BK".to_string(),
                "completes the look of the High-Rise Straight Ankle Jean on your wishlist"
                    .to_string()
            ),
            (
                "NB-KN-2040-NV".to_string(),
                "completes the look of the Organic Crew Tee you kept in M".to_string()
            ),
        ]
    );
    // Then the kept tee's own kind: a top or knitwear like the tee.
    let third = all.iter().find(|p| p["sku"] == found[2]["sku"]).unwrap();
    assert!(
        ["top", "knitwear"].contains(&third["category"].as_str().unwrap()),
        "{third}"
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
        // The same garment at another retailer says so, and names the colour.
        if s["name"] == "Blouse Colette" {
            assert!(
                s["reasons"][0]
                    .as_str()
                    .unwrap()
                    .starts_with("the same garment in "),
                "{s}"
            );
        }
    }
    // One colour of a garment per retailer.
    let mut seen: Vec<(String, String)> = list
        .iter()
        .map(|s| (s["retailer"].to_string(), s["name"].to_string()))
        .collect();
    let count = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), count, "{list:?}");
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

/// Reminders on the right days: a return window closing within 3 days (not before, not after,
/// not once the item is kept), a wishlisted shirt cheaper and its size back in stock after a
/// catalog update; a dismissed reminder does not come back.
#[test]
fn reminders_come_on_the_right_days_and_a_dismissed_one_stays_away() {
    let dir = Scratch::new("concierge-reminders");
    let data = dir.path("data");
    let catalog = |price: u32, pieces: u32| {
        format!(
            r#"{{"format": "anprobe.catalog", "version": 1, "retailer": "Maison Verte",
                "currency": "EUR", "products": [{{"sku": "MV-1", "name": "Linen Shirt",
                "category": "shirt", "price": {price}, "stock": {{"M": {pieces}, "L": 4}},
                "sizes": [{{"label": "M", "body": {{"chest_girth": {{"min": 92, "max": 100}}}}}},
                          {{"label": "L", "body": {{"chest_girth": {{"min": 100, "max": 108}}}}}}]}}]}}"#
        )
    };
    let first = dir.file("first.json", &catalog(79, 0));
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"catalog",
        &"add",
        &first,
        &"--date",
        &"2026-11-01",
    ]));
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"wishlist",
        &"add",
        &"--retailer",
        &"Maison Verte",
        &"--sku",
        &"MV-1",
        &"--size",
        &"M",
        &"--name",
        &"Linen Shirt",
        &"--price",
        &"79",
    ]));
    let order = ok(anprobe(&[
        &"--data-dir",
        &data,
        &"order",
        &"add",
        &"--retailer",
        &"Kiko & Lane",
        &"--order-no",
        &"K-17",
        &"--sku",
        &"KL-DN-501-NV",
        &"--size",
        &"30/28",
        &"--price",
        &"98",
        &"--name",
        &"Straight Jean",
        &"--date",
        &"2026-11-01",
        &"--return-window-days",
        &"30",
    ]));
    let item = order.trim().to_string();
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"order",
        &"status",
        &"--id",
        &item,
        &"--status",
        &"delivered",
    ]));
    let due = |today: &str| -> Vec<Value> {
        json(&ok(anprobe(&[
            &"--data-dir",
            &data,
            &"reminders",
            &"--json",
            &"--today",
            &today,
        ])))
        .as_array()
        .unwrap()
        .clone()
    };
    // The window closes on 2026-12-01: reminded from 2026-11-29 on, not on 2026-11-28 or after.
    assert!(due("2026-11-28").is_empty());
    for (today, left) in [
        ("2026-11-29", "2 days left"),
        ("2026-12-01", "today is the last day"),
    ] {
        let r = due(today);
        assert_eq!(r.len(), 1, "{today}: {r:?}");
        assert_eq!(r[0]["kind"], "return_window");
        assert_eq!(r[0]["order_number"], "K-17");
        assert_eq!(r[0]["date"], "2026-12-01");
        assert!(
            r[0]["text"].as_str().unwrap().ends_with(left),
            "{}",
            r[0]["text"]
        );
    }
    assert!(due("2026-12-02").is_empty());
    // Cheaper, and size M back in stock, at an update.
    let second = dir.file("second.json", &catalog(69, 2));
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"catalog",
        &"update",
        &second,
        &"--date",
        &"2026-11-20",
    ]));
    let r = due("2026-11-21");
    let kinds: Vec<&str> = r.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["price_drop", "back_in_stock"], "{r:?}");
    assert_eq!(
        r[0]["text"],
        "the Linen Shirt at Maison Verte is 69.00 EUR since 2026-11-20 (was 79.00)"
    );
    assert_eq!(r[1]["sku"], "MV-1");
    // Dismissed: gone for good, the other stays.
    let key = r[0]["key"].as_str().unwrap().to_string();
    let after = json(&ok(anprobe(&[
        &"--data-dir",
        &data,
        &"reminders",
        &"--json",
        &"--today",
        &"2026-11-21",
        &"--dismiss",
        &key,
    ])));
    assert_eq!(after.as_array().unwrap().len(), 1);
    assert_eq!(after[0]["kind"], "back_in_stock");
    assert_eq!(due("2026-11-22").len(), 1);
    // Kept: no return reminder any more.
    ok(anprobe(&[
        &"--data-dir",
        &data,
        &"order",
        &"status",
        &"--id",
        &item,
        &"--status",
        &"kept",
    ]));
    assert!(
        due("2026-11-30")
            .iter()
            .all(|r| r["kind"] != "return_window")
    );
    let bad = anprobe(&[&"--data-dir", &data, &"reminders", &"--today", &"soon"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("--today"), "{}", bad.stderr);
}
