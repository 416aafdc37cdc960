//! A realistic example of the garment metadata: a unisex organic-cotton crew-neck T-shirt in five
//! sizes. Used by the format documentation (`docs/garment-format.md`) and the tests.

use super::{Category, Colourway, GarmentMeta, Range, Size, Stretch};
use std::collections::BTreeMap;

/// The example T-shirt's metadata; it validates without errors or warnings.
///
/// The mesh is modelled in size M on a 178 cm reference body (chest 100 cm, waist 88 cm). Body
/// ranges follow a usual unisex chart (chest in 8 cm steps, waist alongside); the finished chest
/// girth carries about 10 cm of ease over the middle of each range.
pub fn garment_meta_example() -> GarmentMeta {
    // (label, chest range, waist range, finished chest, waist, length, sleeve, shoulder)
    type Row = (&'static str, [f64; 2], [f64; 2], [f64; 5]);
    let chart: [Row; 5] = [
        (
            "XS",
            [80.0, 88.0],
            [68.0, 76.0],
            [94.0, 90.0, 68.0, 19.0, 42.0],
        ),
        (
            "S",
            [88.0, 96.0],
            [76.0, 84.0],
            [102.0, 98.0, 70.0, 20.0, 44.0],
        ),
        (
            "M",
            [96.0, 104.0],
            [84.0, 92.0],
            [110.0, 106.0, 72.0, 21.0, 46.0],
        ),
        (
            "L",
            [104.0, 112.0],
            [92.0, 100.0],
            [118.0, 114.0, 74.0, 22.0, 48.0],
        ),
        (
            "XL",
            [112.0, 120.0],
            [100.0, 108.0],
            [126.0, 122.0, 76.0, 23.0, 50.0],
        ),
    ];
    let sizes = chart
        .iter()
        .map(|&(label, chest, waist, garment)| {
            let range = |[min, max]: [f64; 2]| Range { min, max };
            let body = BTreeMap::from([
                ("chest_girth".to_string(), range(chest)),
                ("waist_girth".to_string(), range(waist)),
            ]);
            let regions = ["chest", "waist", "length", "sleeve", "shoulder"];
            let garment = regions
                .iter()
                .zip(garment)
                .map(|(region, cm)| (region.to_string(), cm))
                .collect();
            Size {
                label: label.into(),
                body,
                garment,
            }
        })
        .collect();
    GarmentMeta {
        version: 1,
        sku: "NF-TS-0421".into(),
        retailer: "Nordfaden".into(),
        brand: "Nordfaden Basics".into(),
        name: "Organic cotton crew-neck T-shirt".into(),
        category: Category::Top,
        layer: 1,
        price: 24.95,
        currency: "EUR".into(),
        colourways: vec![
            Colourway {
                name: "Navy".into(),
                rgb: "#1f3a5f".into(),
            },
            Colourway {
                name: "Off-white".into(),
                rgb: "#f4f1ea".into(),
            },
            Colourway {
                name: "Heather grey".into(),
                rgb: "#9a9a9c".into(),
            },
        ],
        stretch: Stretch {
            horizontal_pct: 8.0,
            vertical_pct: 4.0,
        },
        care: "Machine wash at 40 °C inside out; do not tumble dry; iron on low heat.".into(),
        return_window_days: 30,
        reference_body: BTreeMap::from([
            ("stature".to_string(), 178.0),
            ("chest_girth".to_string(), 100.0),
            ("waist_girth".to_string(), 88.0),
            ("hip_girth".to_string(), 100.0),
        ])
        .into(),
        reference_size: "M".into(),
        sizes,
    }
}
