//! The sample catalog's offers: one `catalog.json` per retailer (docs/catalog-format.md), so that
//! recommendations have a choice — every garment sold by its own retailer in 20 colours and by
//! a department store (a sixth retailer) in 6 of them at its own prices, each with a style, a
//! material, a product page, stock per size and the looks it belongs to (`outfits`: the
//! retailer's partners in the same colour), all from fixed numbers (the same files every time).
//! Several products share one garment file.

use crate::garment::{Category, GarmentMeta};
use serde_json::{Value, json};

/// The department store that sells every brand.
pub const DEPARTMENT_STORE: &str = "Galerie Lindqvist";
/// The file name of a retailer's offers beside the garment files: `<retailer-slug>.catalog.json`.
pub fn file_name(retailer: &str) -> String {
    format!("{}.catalog.json", super::slug(retailer))
}

/// Colour names and their codes, in the order variants take them.
const COLOURS: [(&str, &str); 20] = [
    ("navy", "NV"),
    ("black", "BK"),
    ("white", "WH"),
    ("sand", "SD"),
    ("olive", "OL"),
    ("burgundy", "BG"),
    ("sky blue", "SB"),
    ("charcoal", "CH"),
    ("rust", "RS"),
    ("forest green", "FG"),
    ("camel", "CM"),
    ("dusty rose", "DR"),
    ("ecru", "EC"),
    ("cobalt", "CB"),
    ("mustard", "MU"),
    ("slate", "SL"),
    ("plum", "PL"),
    ("stone", "ST"),
    ("teal", "TL"),
    ("ivory", "IV"),
];

/// The looks: garments worn together (by their garment SKUs). A product's `outfits` are its
/// partners in the same colour from the same retailer.
const LOOKS: [&[&str]; 4] = [
    &["AR-BL-118", "AR-JU-305"],
    &["BW-SH-110", "BW-JK-310", "BW-TR-320"],
    &["KL-HD-220", "KL-DN-501", "KL-SH-612"],
    &["NB-TS-1001", "NB-KN-2040"],
];

/// The partners of garment `sku` (others of its look) as product SKUs: `prefix` + partner +
/// `-` + the colour code.
fn partners(sku: &str, prefix: &str, code: &str) -> Vec<String> {
    LOOKS
        .iter()
        .filter(|look| look.contains(&sku))
        .flat_map(|look| look.iter().filter(|&&s| s != sku))
        .map(|s| format!("{prefix}{s}-{code}"))
        .collect()
}

/// A small deterministic hash (FNV-1a) for the stock and price spread.
fn spread(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn material(category: Category) -> &'static str {
    match category {
        Category::Top => "cotton jersey",
        Category::Shirt => "cotton poplin",
        Category::Knitwear => "merino wool",
        Category::Bottom => "cotton denim",
        Category::Skirt => "wool blend",
        Category::Dress => "viscose crepe",
        Category::Outerwear => "wool twill",
    }
}

fn tags(category: Category, colour: &str) -> Vec<String> {
    let style = match category {
        Category::Top | Category::Knitwear => ["casual", "layering"],
        Category::Shirt => ["office", "classic"],
        Category::Bottom => ["casual", "everyday"],
        Category::Skirt | Category::Dress => ["feminine", "occasion"],
        Category::Outerwear => ["classic", "winter"],
    };
    let tone = match colour {
        "black" | "white" | "charcoal" | "ecru" | "ivory" | "stone" | "slate" | "sand" => "neutral",
        _ => "colour",
    };
    style
        .iter()
        .map(|s| s.to_string())
        .chain([tone.to_string()])
        .collect()
}

/// One offer of `meta` in colour `c` by `retailer` at `price`; `prefix` starts the retailer's
/// SKUs (the department store's `GL-`).
fn product(
    meta: &GarmentMeta,
    file: &str,
    retailer: &str,
    prefix: &str,
    c: usize,
    price: f64,
) -> Value {
    let (colour, code) = COLOURS[c];
    let sku = format!("{prefix}{}-{code}", meta.sku);
    let stock: serde_json::Map<String, Value> = meta
        .sizes
        .iter()
        .map(|s| {
            let pieces = spread(&format!("{sku}/{}", s.label)) % 6;
            (s.label.clone(), json!(pieces))
        })
        .collect();
    json!({
        "sku": sku,
        "name": meta.name,
        "brand": meta.brand,
        "category": meta.category,
        "colour": colour,
        "material": material(meta.category),
        "tags": tags(meta.category, colour),
        "price": price,
        "currency": meta.currency,
        "stock": stock,
        "url": format!("https://{}.example/{}", super::slug(retailer), super::slug(&format!("{} {colour}", meta.name))),
        "sizes": meta.sizes,
        "garment": file,
        "outfits": partners(&meta.sku, prefix, code),
    })
}

/// The offers: (file name, catalog JSON text) per retailer, the garments' own retailers in the
/// order they first appear, then the department store. `garments` are each garment's metadata
/// and file name.
pub fn offers(garments: &[(&GarmentMeta, String)]) -> Vec<(String, String)> {
    let mut retailers: Vec<&str> = Vec::new();
    for (meta, _) in garments {
        if !retailers.contains(&meta.retailer.as_str()) {
            retailers.push(&meta.retailer);
        }
    }
    let catalog = |retailer: &str, products: Vec<Value>| {
        let value = json!({
            "format": crate::catalog::CATALOG_FORMAT,
            "version": crate::catalog::CATALOG_VERSION,
            "retailer": retailer,
            "products": products,
        });
        let text = serde_json::to_string_pretty(&value)
            .unwrap_or_else(|e| unreachable!("a JSON value serialises: {e}"));
        (file_name(retailer), text + "\n")
    };
    let mut out: Vec<(String, String)> = retailers
        .iter()
        .map(|&retailer| {
            let products = garments
                .iter()
                .filter(|(m, _)| m.retailer == retailer)
                .flat_map(|(meta, file)| {
                    (0..COLOURS.len()).map(move |c| {
                        // Prices step by colour: the classics at the list price, the rest a
                        // little above or below.
                        let step = [0.0, 0.0, 0.0, -0.1, 0.05, 0.1, -0.15][c % 7];
                        let price = (meta.price * (1.0 + step)).round();
                        product(meta, file, retailer, "", c, price)
                    })
                })
                .collect();
            catalog(retailer, products)
        })
        .collect();
    let store: Vec<Value> = garments
        .iter()
        .flat_map(|(meta, file)| {
            (0..6).map(move |c| {
                let price = (meta.price * [0.95, 1.05, 0.9, 1.0, 1.1, 0.85][c]).round();
                product(meta, file, DEPARTMENT_STORE, "GL-", c, price)
            })
        })
        .collect();
    out.push(catalog(DEPARTMENT_STORE, store));
    out
}
