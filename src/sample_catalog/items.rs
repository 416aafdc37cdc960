//! The catalog's entries: five fictional retailers, their garments' metadata and size charts.
//! Body ranges follow EN 13402-3-like intervals (women's letter sizes XS–XXL, French/German
//! numeric 34–46, jeans and shorts by waist in inches, the jeans labelled waist/leg; men's
//! letter sizes S–XXL and EU suit sizes 46–56); finished garment measurements are graded from
//! the reference size by the body's steps.

use crate::garment::{Category, Colourway, GarmentMeta, Range, ReferenceBody, Size, Stretch};

/// Which cut a catalog item is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Tee,
    Sweater,
    Hoodie,
    Blouse,
    Dress,
    Skirt,
    Jeans,
    Shorts,
    Coat,
    Shirt,
    SuitJacket,
    SuitTrousers,
}

/// One catalog entry: its metadata and its cut.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub meta: GarmentMeta,
    pub kind: Kind,
}

/// One row of a size chart: label and the body ranges (cm).
struct BodyRow {
    label: String,
    ranges: Vec<(&'static str, f64, f64)>,
}

impl BodyRow {
    fn mid(&self, key: &str) -> f64 {
        self.ranges
            .iter()
            .find(|r| r.0 == key)
            .map_or(0.0, |r| (r.1 + r.2) / 2.0)
    }
}

/// Letter sizes, women's and unisex tops: bust/chest, waist and hip girths.
fn letter_rows() -> Vec<BodyRow> {
    let rows: [(&str, [f64; 6]); 6] = [
        ("XS", [78.0, 84.0, 62.0, 68.0, 86.0, 92.0]),
        ("S", [84.0, 90.0, 68.0, 74.0, 92.0, 98.0]),
        ("M", [90.0, 96.0, 74.0, 80.0, 98.0, 104.0]),
        ("L", [96.0, 104.0, 80.0, 88.0, 104.0, 112.0]),
        ("XL", [104.0, 112.0, 88.0, 96.0, 112.0, 120.0]),
        ("XXL", [112.0, 120.0, 96.0, 104.0, 120.0, 128.0]),
    ];
    rows.iter()
        .map(|(label, v)| BodyRow {
            label: (*label).into(),
            ranges: vec![
                ("chest_girth", v[0], v[1]),
                ("waist_girth", v[2], v[3]),
                ("hip_girth", v[4], v[5]),
            ],
        })
        .collect()
}

/// French/German numeric sizes 34–46 (4 cm steps, 5–6 cm from 44 up).
fn numeric_rows(keys: &[&'static str]) -> Vec<BodyRow> {
    let rows: [(&str, [f64; 6]); 7] = [
        ("34", [82.0, 86.0, 66.0, 70.0, 90.0, 94.0]),
        ("36", [86.0, 90.0, 70.0, 74.0, 94.0, 98.0]),
        ("38", [90.0, 94.0, 74.0, 78.0, 98.0, 102.0]),
        ("40", [94.0, 98.0, 78.0, 82.0, 102.0, 106.0]),
        ("42", [98.0, 102.0, 82.0, 86.0, 106.0, 110.0]),
        ("44", [102.0, 107.0, 86.0, 91.0, 110.0, 115.0]),
        ("46", [107.0, 113.0, 91.0, 97.0, 115.0, 121.0]),
    ];
    rows.iter()
        .map(|(label, v)| BodyRow {
            label: (*label).into(),
            ranges: [
                ("chest_girth", v[0], v[1]),
                ("waist_girth", v[2], v[3]),
                ("hip_girth", v[4], v[5]),
            ]
            .into_iter()
            .filter(|r| keys.contains(&r.0))
            .collect(),
        })
        .collect()
}

/// Waist sizes W24–W34 (one inch of waist each), optionally labelled `W/L` with the one leg
/// length (inches) they are cut in and the inside legs it suits.
fn waist_rows(leg: Option<(u32, f64, f64)>) -> Vec<BodyRow> {
    let mut rows = Vec::new();
    for w in 24..=34u32 {
        let waist = f64::from(w) * 2.54;
        let lo = ((waist - 1.7) * 2.0).round() / 2.0;
        let waist_range = ("waist_girth", lo, lo + 2.5);
        let hip_lo = lo + 24.0;
        let hip_range = ("hip_girth", hip_lo, hip_lo + 2.5);
        rows.push(match leg {
            None => BodyRow {
                label: format!("{w}"),
                ranges: vec![waist_range, hip_range],
            },
            Some((l, leg_lo, leg_hi)) => BodyRow {
                label: format!("{w}/{l}"),
                ranges: vec![waist_range, hip_range, ("inside_leg", leg_lo, leg_hi)],
            },
        });
    }
    rows
}

/// Men's letter sizes S–XXL (shirts): chest and waist girths, 8 cm steps.
fn men_letter_rows() -> Vec<BodyRow> {
    let rows: [(&str, [f64; 4]); 5] = [
        ("S", [88.0, 96.0, 76.0, 84.0]),
        ("M", [96.0, 104.0, 84.0, 92.0]),
        ("L", [104.0, 112.0, 92.0, 100.0]),
        ("XL", [112.0, 120.0, 100.0, 108.0]),
        ("XXL", [120.0, 128.0, 108.0, 116.0]),
    ];
    rows.iter()
        .map(|(label, v)| BodyRow {
            label: (*label).into(),
            ranges: vec![("chest_girth", v[0], v[1]), ("waist_girth", v[2], v[3])],
        })
        .collect()
}

/// Men's EU suit sizes 46–56 (half the chest girth): chest, waist and hip girths in 4 cm steps,
/// and the inside legs of 76–88 cm the one (ankle) length suits; `keys` picks the ranges
/// listed.
fn suit_rows(keys: &[&'static str]) -> Vec<BodyRow> {
    (0..6)
        .map(|i| {
            let step = 4.0 * f64::from(i);
            BodyRow {
                label: format!("{}", 46 + 2 * i),
                ranges: [
                    ("chest_girth", 90.0 + step, 94.0 + step),
                    ("waist_girth", 78.0 + step, 82.0 + step),
                    ("hip_girth", 90.0 + step, 94.0 + step),
                    ("inside_leg", 76.0, 88.0),
                ]
                .into_iter()
                .filter(|r| keys.contains(&r.0))
                .collect(),
            }
        })
        .collect()
}

/// How a finished measurement changes from size to size.
#[derive(Clone, Copy)]
enum Grade {
    /// With the body's chest, waist or hip (cm of garment per cm of body).
    Chest(f64),
    Waist(f64),
    Hip(f64),
    /// By a fixed step per size.
    Step(f64),
}

/// The size chart: every row's body ranges and its garment measurements graded from the
/// reference row's values.
fn chart(rows: &[BodyRow], reference: &str, garment: &[(&str, f64, Grade)]) -> Vec<Size> {
    let r = rows
        .iter()
        .position(|row| row.label == reference)
        .unwrap_or(0);
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let step = i as f64 - r as f64;
            let values = garment
                .iter()
                .map(|&(key, value, grade)| {
                    let delta = match grade {
                        Grade::Chest(f) => {
                            f * (row.mid("chest_girth") - rows[r].mid("chest_girth"))
                        }
                        Grade::Waist(f) => {
                            f * (row.mid("waist_girth") - rows[r].mid("waist_girth"))
                        }
                        Grade::Hip(f) => f * (row.mid("hip_girth") - rows[r].mid("hip_girth")),
                        Grade::Step(s) => s * step,
                    };
                    (key.to_string(), ((value + delta) * 2.0).round() / 2.0)
                })
                .collect();
            Size {
                label: row.label.clone(),
                body: row
                    .ranges
                    .iter()
                    .map(|&(k, lo, hi)| (k.to_string(), Range { min: lo, max: hi }))
                    .collect(),
                garment: values,
            }
        })
        .collect()
}

fn colours(list: &[(&str, &str)]) -> Vec<Colourway> {
    list.iter()
        .map(|(name, rgb)| Colourway {
            name: (*name).into(),
            rgb: (*rgb).into(),
        })
        .collect()
}

/// The fixed parts of a retailer's listing.
struct Retailer {
    name: &'static str,
    brand: &'static str,
    currency: &'static str,
    return_window_days: u32,
}

const NORDLICHT: Retailer = Retailer {
    name: "Nordlicht Basics",
    brand: "Nordlicht",
    currency: "EUR",
    return_window_days: 30,
};
const RAVEL: Retailer = Retailer {
    name: "Atelier Ravel",
    brand: "Atelier Ravel Paris",
    currency: "EUR",
    return_window_days: 14,
};
const KIKO: Retailer = Retailer {
    name: "Kiko & Lane",
    brand: "Kiko & Lane",
    currency: "USD",
    return_window_days: 60,
};
const HARROW: Retailer = Retailer {
    name: "Harrow & Finch",
    brand: "Harrow & Finch London",
    currency: "GBP",
    return_window_days: 28,
};
const BRACKWATER: Retailer = Retailer {
    name: "Brackwater Tailoring",
    brand: "Brackwater",
    currency: "EUR",
    return_window_days: 30,
};

/// Everything of a listing but the shared reference body.
struct Listing<'a> {
    retailer: &'a Retailer,
    sku: &'a str,
    name: &'a str,
    category: Category,
    layer: u8,
    price: f64,
    colourways: &'a [(&'a str, &'a str)],
    stretch: (f64, f64),
    care: &'a str,
    reference_size: &'a str,
    sizes: Vec<Size>,
}

fn item(kind: Kind, l: Listing, reference_body: &ReferenceBody) -> Item {
    Item {
        kind,
        meta: GarmentMeta {
            version: 1,
            sku: l.sku.into(),
            retailer: l.retailer.name.into(),
            brand: l.retailer.brand.into(),
            name: l.name.into(),
            category: l.category,
            layer: l.layer,
            price: l.price,
            currency: l.retailer.currency.into(),
            colourways: colours(l.colourways),
            stretch: Stretch {
                horizontal_pct: l.stretch.0,
                vertical_pct: l.stretch.1,
            },
            care: l.care.into(),
            return_window_days: l.retailer.return_window_days,
            reference_body: reference_body.clone(),
            reference_size: l.reference_size.into(),
            sizes: l.sizes,
        },
    }
}

/// The catalog: the women's items modelled on the body `women` describes, the men's on `men`.
pub(super) fn items(women: &ReferenceBody, men: &ReferenceBody) -> Vec<Item> {
    use Grade::{Chest, Hip, Step, Waist};
    let letters = letter_rows();
    // Ankle-length jeans come in one leg length (28 in), worn by inside legs of 74–88 cm.
    let jeans_rows = waist_rows(Some((28, 74.0, 88.0)));
    let shorts_rows = waist_rows(None);
    let b = women;
    let mut items = vec![
        item(
            Kind::Tee,
            Listing {
                retailer: &NORDLICHT,
                sku: "NB-TS-1001",
                name: "Organic Crew Tee",
                category: Category::Top,
                layer: 1,
                price: 19.95,
                colourways: &[
                    ("Midnight Navy", "#1f2f4a"),
                    ("Heather Grey", "#a3a5a8"),
                    ("Chalk", "#eeeae0"),
                ],
                stretch: (20.0, 10.0),
                care: "Machine wash at 40 °C inside out with similar colours. Do not tumble dry. \
                       Iron on low heat. 100% organic cotton jersey.",
                reference_size: "M",
                sizes: chart(
                    &letters,
                    "M",
                    &[
                        ("chest", 100.0, Chest(1.0)),
                        ("waist", 96.0, Waist(1.0)),
                        ("hem", 104.0, Hip(1.0)),
                        ("length", 64.0, Step(1.5)),
                        ("sleeve", 19.0, Step(0.5)),
                        ("upper_arm", 35.0, Chest(0.3)),
                        ("cuff", 33.0, Chest(0.25)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Sweater,
            Listing {
                retailer: &NORDLICHT,
                sku: "NB-KN-2040",
                name: "Merino Crew-Neck Sweater",
                category: Category::Knitwear,
                layer: 2,
                price: 79.0,
                colourways: &[
                    ("Forest", "#2f4a3a"),
                    ("Oatmeal", "#d6cab2"),
                    ("Bordeaux", "#6b2233"),
                ],
                stretch: (25.0, 15.0),
                care: "Wool cycle at 30 °C or hand wash. Dry flat in shape. Do not tumble dry. \
                       100% extra-fine merino wool.",
                reference_size: "M",
                sizes: chart(
                    &letters,
                    "M",
                    &[
                        ("chest", 102.0, Chest(1.0)),
                        ("waist", 98.0, Waist(1.0)),
                        ("hem", 101.0, Hip(1.0)),
                        ("length", 62.0, Step(1.5)),
                        ("sleeve", 58.0, Step(0.5)),
                        ("upper_arm", 36.0, Chest(0.3)),
                        ("cuff", 20.0, Chest(0.1)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Blouse,
            Listing {
                retailer: &RAVEL,
                sku: "AR-BL-118",
                name: "Blouse Colette",
                category: Category::Shirt,
                layer: 2,
                price: 95.0,
                colourways: &[
                    ("Bleu ciel", "#a9c4de"),
                    ("Blanc cassé", "#f3efe6"),
                    ("Terracotta", "#b5583a"),
                ],
                stretch: (3.0, 2.0),
                care: "Delicate cycle at 30 °C or hand wash. Line dry. Iron on the reverse at low \
                       heat. 100% viscose crêpe.",
                reference_size: "38",
                sizes: chart(
                    &numeric_rows(&["chest_girth", "waist_girth", "hip_girth"]),
                    "38",
                    &[
                        ("chest", 100.0, Chest(1.0)),
                        ("waist", 92.0, Waist(1.0)),
                        ("hem", 104.0, Hip(1.0)),
                        ("length", 66.0, Step(1.0)),
                        ("sleeve", 58.0, Step(0.5)),
                        ("upper_arm", 33.0, Chest(0.3)),
                        ("cuff", 21.0, Chest(0.1)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Dress,
            Listing {
                retailer: &RAVEL,
                sku: "AR-DR-221",
                name: "Robe Lise",
                category: Category::Dress,
                layer: 1,
                price: 129.0,
                colourways: &[
                    ("Bleu nuit", "#1d2a4d"),
                    ("Coquelicot", "#c0392b"),
                    ("Sauge", "#8fa68e"),
                ],
                stretch: (5.0, 3.0),
                care: "Delicate cycle at 30 °C inside out. Hang to dry. Iron at low heat. 70% \
                       viscose, 30% linen; lining 100% cupro.",
                reference_size: "38",
                sizes: chart(
                    &numeric_rows(&["chest_girth", "waist_girth", "hip_girth"]),
                    "38",
                    &[
                        ("chest", 96.0, Chest(1.0)),
                        ("waist", 80.0, Waist(1.0)),
                        ("hip", 112.0, Hip(1.0)),
                        ("hem", 210.0, Hip(1.5)),
                        ("length", 97.0, Step(1.0)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Skirt,
            Listing {
                retailer: &RAVEL,
                sku: "AR-JU-305",
                name: "Jupe Margot A-line midi",
                category: Category::Skirt,
                layer: 1,
                price: 89.0,
                colourways: &[
                    ("Camel", "#b08556"),
                    ("Noir", "#1c1c1e"),
                    ("Vert bouteille", "#24483a"),
                ],
                stretch: (2.0, 1.0),
                care: "Dry clean. Steam to refresh. 80% wool, 20% polyamide; lining 100% cupro.",
                reference_size: "38",
                sizes: chart(
                    &numeric_rows(&["waist_girth", "hip_girth"]),
                    "38",
                    &[
                        ("waist", 79.0, Waist(1.0)),
                        ("hip", 106.0, Hip(1.0)),
                        ("hem", 160.0, Hip(1.5)),
                        ("length", 62.0, Step(0.5)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Jeans,
            Listing {
                retailer: &KIKO,
                sku: "KL-DN-501",
                name: "High-Rise Straight Ankle Jean",
                category: Category::Bottom,
                layer: 1,
                price: 98.0,
                colourways: &[
                    ("Indigo Rinse", "#27395a"),
                    ("Mid Vintage", "#5d7da3"),
                    ("Washed Black", "#2b2b2e"),
                ],
                stretch: (12.0, 3.0),
                care: "Wash at 30 °C inside out, separately for the first washes. Do not bleach. \
                       Line dry. 92% cotton, 6% recycled polyester, 2% elastane.",
                reference_size: "30/28",
                sizes: chart(
                    &jeans_rows,
                    "30/28",
                    &[
                        ("waist", 79.0, Waist(1.0)),
                        ("hip", 104.0, Hip(1.0)),
                        ("thigh", 64.0, Hip(0.35)),
                        ("knee", 44.0, Hip(0.2)),
                        ("leg_opening", 38.0, Hip(0.15)),
                        ("rise", 29.0, Waist(0.25)),
                        ("inside_leg", 69.0, Step(0.0)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Shorts,
            Listing {
                retailer: &KIKO,
                sku: "KL-SH-612",
                name: "Weekend Chino Short",
                category: Category::Bottom,
                layer: 1,
                price: 58.0,
                colourways: &[
                    ("Khaki", "#b9a57f"),
                    ("Navy", "#23304a"),
                    ("Stone", "#d9d2c3"),
                ],
                stretch: (8.0, 2.0),
                care: "Machine wash cold with like colours. Tumble dry low. Warm iron. 98% cotton \
                       twill, 2% elastane.",
                reference_size: "30",
                sizes: chart(
                    &shorts_rows,
                    "30",
                    &[
                        ("waist", 83.0, Waist(1.0)),
                        ("hip", 106.0, Hip(1.0)),
                        ("thigh", 64.0, Hip(0.4)),
                        ("leg_opening", 62.0, Hip(0.35)),
                        ("rise", 25.0, Step(0.3)),
                        ("inside_leg", 13.0, Step(0.0)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Hoodie,
            Listing {
                retailer: &KIKO,
                sku: "KL-HD-220",
                name: "Cloud Fleece Hoodie",
                category: Category::Top,
                layer: 2,
                price: 68.0,
                colourways: &[
                    ("Heather Oat", "#cbbfa8"),
                    ("Dusty Rose", "#c99a9a"),
                    ("Deep Teal", "#1f5157"),
                ],
                stretch: (15.0, 8.0),
                care: "Machine wash cold inside out. Tumble dry low. Do not iron the print. 80% \
                       cotton, 20% recycled polyester fleece.",
                reference_size: "M",
                sizes: chart(
                    &letters,
                    "M",
                    &[
                        ("chest", 108.0, Chest(1.0)),
                        ("waist", 104.0, Waist(1.0)),
                        ("hem", 103.0, Hip(1.0)),
                        ("length", 64.0, Step(1.5)),
                        ("sleeve", 59.0, Step(0.5)),
                        ("upper_arm", 38.0, Chest(0.3)),
                        ("cuff", 20.0, Chest(0.1)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::Coat,
            Listing {
                retailer: &HARROW,
                sku: "HF-CT-701",
                name: "Wool-Cashmere Car Coat",
                category: Category::Outerwear,
                layer: 3,
                price: 249.0,
                colourways: &[
                    ("Camel", "#a8804f"),
                    ("Charcoal", "#3a3b3f"),
                    ("Navy", "#222c44"),
                ],
                stretch: (1.0, 1.0),
                care: "Dry clean only. Brush after wearing and hang on a shaped hanger. 70% wool, \
                       20% polyamide, 10% cashmere; lining 100% viscose.",
                reference_size: "M",
                sizes: chart(
                    &letters,
                    "M",
                    &[
                        ("chest", 108.0, Chest(1.0)),
                        ("waist", 102.0, Waist(1.0)),
                        ("hip", 112.0, Hip(1.0)),
                        ("hem", 124.0, Hip(1.0)),
                        ("length", 92.0, Step(1.5)),
                        ("sleeve", 60.0, Step(0.5)),
                        ("upper_arm", 40.0, Chest(0.3)),
                        ("cuff", 30.0, Chest(0.15)),
                    ],
                ),
            },
            b,
        ),
    ];
    items.extend(menswear(men));
    items
}

/// Brackwater Tailoring's woven set, modelled on the men's reference body `b`: an Oxford shirt
/// in letter sizes, a suit jacket and suit trousers in EU sizes 46–56.
fn menswear(b: &ReferenceBody) -> Vec<Item> {
    use Grade::{Chest, Hip, Step, Waist};
    let suits = suit_rows(&["chest_girth", "waist_girth"]);
    vec![
        item(
            Kind::Shirt,
            Listing {
                retailer: &BRACKWATER,
                sku: "BW-SH-110",
                name: "Oxford Shirt",
                category: Category::Shirt,
                layer: 2,
                price: 69.0,
                colourways: &[
                    ("Oxford Blue", "#9db4d0"),
                    ("White", "#f4f4f0"),
                    ("Pink Stripe", "#e3b9c0"),
                ],
                stretch: (2.0, 1.0),
                care: "Machine wash at 40 °C. Do not tumble dry. Iron damp on medium heat. 100% \
                       cotton Oxford weave.",
                reference_size: "M",
                sizes: chart(
                    &men_letter_rows(),
                    "M",
                    &[
                        ("chest", 112.0, Chest(1.0)),
                        ("waist", 106.0, Waist(1.0)),
                        ("hem", 110.0, Waist(1.0)),
                        ("length", 76.0, Step(1.5)),
                        ("sleeve", 64.0, Step(1.0)),
                        ("upper_arm", 40.0, Chest(0.3)),
                        ("cuff", 24.0, Step(0.5)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::SuitJacket,
            Listing {
                retailer: &BRACKWATER,
                sku: "BW-JK-310",
                name: "Two-Button Suit Jacket",
                category: Category::Outerwear,
                layer: 3,
                price: 289.0,
                colourways: &[
                    ("Navy", "#1f2a40"),
                    ("Charcoal", "#3b3d42"),
                    ("Mid Grey", "#767a80"),
                ],
                stretch: (2.0, 1.0),
                care: "Dry clean only. Hang on a shaped hanger and brush after wearing. 100% wool \
                       twill; lining 100% cupro.",
                reference_size: "50",
                sizes: chart(
                    &suits,
                    "50",
                    &[
                        ("chest", 111.0, Chest(1.0)),
                        ("waist", 100.0, Waist(1.0)),
                        ("hip", 108.0, Waist(1.0)),
                        ("hem", 110.0, Waist(1.0)),
                        ("length", 76.0, Step(1.0)),
                        ("sleeve", 62.0, Step(0.5)),
                        ("upper_arm", 42.0, Chest(0.3)),
                        ("cuff", 29.0, Chest(0.1)),
                    ],
                ),
            },
            b,
        ),
        item(
            Kind::SuitTrousers,
            Listing {
                retailer: &BRACKWATER,
                sku: "BW-TR-320",
                name: "Flat-Front Suit Trousers, Ankle Length",
                category: Category::Bottom,
                layer: 1,
                price: 139.0,
                colourways: &[
                    ("Navy", "#1f2a40"),
                    ("Charcoal", "#3b3d42"),
                    ("Mid Grey", "#767a80"),
                ],
                stretch: (2.0, 1.0),
                care: "Dry clean only. Hang by the hems. 100% wool twill; waistband lining 100% \
                       cotton.",
                reference_size: "50",
                sizes: chart(
                    &suit_rows(&["waist_girth", "hip_girth", "inside_leg"]),
                    "50",
                    &[
                        ("waist", 90.0, Waist(1.0)),
                        ("hip", 106.0, Hip(1.0)),
                        ("thigh", 66.0, Hip(0.35)),
                        ("knee", 46.0, Hip(0.2)),
                        ("leg_opening", 41.0, Hip(0.15)),
                        ("rise", 27.0, Waist(0.25)),
                        ("inside_leg", 75.0, Step(0.0)),
                    ],
                ),
            },
            b,
        ),
    ]
}
