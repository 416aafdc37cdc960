//! Learning from what came back: the shopper's kept and returned garments (with fit feedback
//! per region) as evidence about how each brand cuts each region and what ease the shopper
//! likes. Per region, one normal over the brands' offsets and the shopper's own, updated item by
//! item (a Kalman update: each item a noisy reading of brand + shopper offset), so one return
//! moves an offset part of the way and three consistent ones most of it, and contradicting ones
//! cancel. An offset is in cm of the body: +2 at the chest means "this brand's chest fits as if
//! your chest were 2 cm larger" — size up. A brand's offset applies only to that brand's
//! garments; the shopper's own applies to every garment and says so. docs/sizing.md.

use crate::fit::english::region_name;
use crate::garment::{GarmentMeta, Region, Verdict};
use crate::measurements::{Key, Values};
use crate::store::{ItemStatus, Order};
use serde::{Deserialize, Serialize};

/// Prior spread of a brand's offset at a region, cm (brands' charts disagree by about half a
/// size step: 4 cm steps, ± 2 cm).
pub const BRAND_SD: f64 = 2.0;
/// Prior spread of the shopper's own ease preference at a region, cm.
pub const SHOPPER_SD: f64 = 1.0;
/// What a return says without the garment's chart (only the direction is known), cm …
pub const DIRECTION_CM: f64 = 2.0;
/// … and how unsure that is, cm.
pub const DIRECTION_SD: f64 = 3.0;
/// Offsets smaller than this are not shown as adjustments, cm.
pub const SHOWN_CM: f64 = 0.1;

/// The body keys a region's offset moves (the waist moves both waists).
pub fn region_keys(region: Region) -> &'static [Key] {
    match region {
        Region::Chest => &[Key::ChestGirth, Key::UnderbustGirth],
        Region::Waist => &[Key::WaistGirth, Key::OmphalionGirth],
        Region::Hip => &[Key::HipGirth],
        Region::Shoulders => &[Key::ShoulderWidth],
        Region::UpperArm => &[Key::UpperArmGirth],
        Region::Thigh => &[Key::ThighGirth],
        Region::Sleeve => &[Key::ArmLength],
        Region::InsideLeg => &[Key::InsideLeg],
        Region::Length => &[],
    }
}

/// One kept or returned item, as evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The retailer it was ordered from.
    pub retailer: String,
    /// Its brand: the catalog garment's where it was matched by retailer and SKU, else the
    /// retailer.
    pub brand: String,
    /// Its SKU.
    pub sku: String,
    /// Its name as ordered.
    pub name: String,
    /// The size kept or returned.
    pub size: String,
    /// The order's number.
    pub order_number: String,
    /// The return's date, or the order's for a kept item (ISO 8601).
    pub date: String,
    /// Returned (with this feedback per region) or kept (`None`).
    pub returned: Option<Vec<(Region, Verdict)>>,
}

/// One reading of one region from one item.
#[derive(Clone, Debug, PartialEq)]
struct Reading {
    item: usize,
    region: Region,
    verdict: Verdict,
    /// The offset (brand + shopper) it suggests, cm, and how unsure that is.
    value: f64,
    sd: f64,
}

/// The learned offsets of one region: a normal over each brand's offset and the shopper's.
#[derive(Clone, Debug, PartialEq)]
struct RegionModel {
    region: Region,
    brands: Vec<String>,
    /// Means: the brands' in `brands` order, then the shopper's.
    mean: Vec<f64>,
    cov: Vec<Vec<f64>>,
    readings: Vec<Reading>,
}

impl RegionModel {
    fn new(region: Region) -> RegionModel {
        RegionModel {
            region,
            brands: Vec::new(),
            mean: vec![0.0],
            cov: vec![vec![SHOPPER_SD * SHOPPER_SD]],
            readings: Vec::new(),
        }
    }

    fn shopper(&self) -> usize {
        self.brands.len()
    }

    /// The index of a brand, added with the prior when new.
    fn brand(&mut self, brand: &str) -> usize {
        if let Some(i) = self
            .brands
            .iter()
            .position(|b| b.eq_ignore_ascii_case(brand))
        {
            return i;
        }
        let i = self.brands.len();
        self.brands.push(brand.to_string());
        self.mean.insert(i, 0.0);
        for row in &mut self.cov {
            row.insert(i, 0.0);
        }
        let mut row = vec![0.0; self.mean.len()];
        row[i] = BRAND_SD * BRAND_SD;
        self.cov.insert(i, row);
        i
    }

    /// The Kalman update with a reading of brand `b` + the shopper.
    fn update(&mut self, b: usize, reading: Reading) {
        let s = self.shopper();
        // P Hᵀ for H = e_b + e_s.
        let ph: Vec<f64> = self.cov.iter().map(|row| row[b] + row[s]).collect();
        let var = ph[b] + ph[s] + reading.sd * reading.sd;
        let residual = reading.value - (self.mean[b] + self.mean[s]);
        for (m, p) in self.mean.iter_mut().zip(&ph) {
            *m += p / var * residual;
        }
        for (row, pi) in self.cov.iter_mut().zip(&ph) {
            for (c, pj) in row.iter_mut().zip(&ph) {
                *c -= pi * pj / var;
            }
        }
        self.readings.push(reading);
    }

    /// The offset for a garment of `brand` (brand's + shopper's): mean and standard deviation.
    fn offset(&self, brand: Option<usize>) -> (f64, f64) {
        let s = self.shopper();
        match brand {
            Some(b) => (
                self.mean[b] + self.mean[s],
                (self.cov[b][b] + self.cov[s][s] + 2.0 * self.cov[b][s])
                    .max(0.0)
                    .sqrt(),
            ),
            None => (self.mean[s], self.cov[s][s].max(0.0).sqrt()),
        }
    }
}

/// What the shopper's history says, learned from their kept and returned items.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct History {
    items: Vec<Item>,
    regions: Vec<RegionModel>,
}

/// Where an adjustment comes from: one item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The retailer's order number.
    pub order_number: String,
    /// The SKU.
    pub sku: String,
    /// The garment's name as ordered.
    pub name: String,
    /// The size kept or returned.
    pub size: String,
    /// `"returned"` or `"kept"`.
    pub status: ItemStatus,
    /// What the shopper said of this region (`tight`, `loose`, `short`, `long`, `good`);
    /// absent for a kept item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The return's date, or the order's for a kept item.
    pub date: String,
}

/// One adjustment the history makes to a garment's size advice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    /// The brand whose cut it is; `null` for the shopper's own ease preference (every brand).
    pub brand: Option<String>,
    /// The region.
    pub region: Region,
    /// The shift of the body, cm (positive: size up), and its doubt (one standard deviation).
    pub shift_cm: f64,
    /// One standard deviation of the shift, cm.
    pub sd_cm: f64,
    /// The items it was learned from, oldest first.
    pub from: Vec<Source>,
    /// In English: `"size up at the chest for Atelier Ravel: you returned the Blouse Colette in
    /// 38 as too tight at the chest on 2026-10-20"`.
    pub text: String,
}

/// The offsets to apply to a garment's draws: per region, the keys, mean and sd.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Offsets {
    /// (keys moved, mean cm, sd cm) per region with evidence.
    pub shifts: Vec<(&'static [Key], f64, f64)>,
    /// What they are, with their causes.
    pub adjustments: Vec<Adjustment>,
}

impl Offsets {
    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.shifts.is_empty()
    }

    /// A drawn body moved by the offsets at standard-normal numbers `z` (one per shift).
    pub fn apply(&self, body: &Values, z: impl IntoIterator<Item = f64>) -> Values {
        let mut out = *body;
        for ((keys, mean, sd), z) in self.shifts.iter().zip(z) {
            for k in *keys {
                out[k.index()] += mean + sd * z;
            }
        }
        out
    }
}

/// The kept and returned items of the shopper's orders, oldest first; an item is matched to a
/// catalog garment by retailer and SKU (case-insensitive) for its brand.
pub fn items(orders: &[Order], catalog: &[&GarmentMeta]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for order in orders {
        for item in &order.items {
            let returned = match (&item.returned, item.status) {
                (Some(r), _) => Some(r.fit.iter().map(|(&g, &v)| (g, v)).collect()),
                (None, ItemStatus::Kept) => None,
                _ => continue,
            };
            let date = item
                .returned
                .as_ref()
                .map_or_else(|| order.date.clone(), |r| r.date.clone());
            let brand = find(catalog, &order.retailer, &item.line.sku)
                .map_or_else(|| order.retailer.clone(), |m| m.brand.clone());
            out.push(Item {
                retailer: order.retailer.clone(),
                brand,
                sku: item.line.sku.clone(),
                name: item.line.name.clone(),
                size: item.line.size.clone(),
                order_number: order.order_number.clone(),
                date,
                returned,
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date));
    out
}

fn find<'a>(catalog: &[&'a GarmentMeta], retailer: &str, sku: &str) -> Option<&'a GarmentMeta> {
    catalog
        .iter()
        .copied()
        .find(|m| m.retailer.eq_ignore_ascii_case(retailer) && m.sku.eq_ignore_ascii_case(sku))
}

/// What one item says of one region (brand + shopper offset, cm, and its doubt): with the
/// matched garment's chart, how far the body must move to be where the verdict puts it — past
/// the size's range by half its width for tight or loose (give or take half its width), inside
/// it for good or kept (its middle, give or take width / √12, a uniform spread's) — without,
/// only the direction ([`DIRECTION_CM`] give or take [`DIRECTION_SD`]).
fn reading(verdict: Verdict, range: Option<(f64, f64)>, body_cm: f64) -> Option<(f64, f64)> {
    let sign = match verdict {
        Verdict::Tight | Verdict::Short => 1.0,
        Verdict::Loose | Verdict::Long => -1.0,
        _ => 0.0,
    };
    match range {
        Some((lo, hi)) => {
            let h = (0.5 * (hi - lo)).max(1.0);
            Some(match verdict {
                Verdict::Tight | Verdict::Short => ((hi - body_cm + h).max(0.0), h),
                Verdict::Loose | Verdict::Long => ((lo - body_cm - h).min(0.0), h),
                // Anywhere in the range alike: its middle, give or take a uniform spread's sd.
                _ => (0.5 * (lo + hi) - body_cm, 2.0 * h / 12f64.sqrt()),
            })
        }
        None if sign != 0.0 => Some((sign * DIRECTION_CM, DIRECTION_SD)),
        None => None,
    }
}

/// The chart range of `size` for a region's body key, if the garment is known.
fn chart_range(meta: Option<&GarmentMeta>, size: &str, region: Region) -> Option<(f64, f64)> {
    let s = meta?.sizes.iter().find(|s| s.label == size)?;
    region_keys(region).iter().find_map(|k| {
        let r = s.body.get(k.as_str())?;
        Some((r.min, r.max))
    })
}

impl History {
    /// Learns from `items` (oldest first) for a body with values `body` (the shopper's
    /// measurements as resolved now); `catalog` gives the charts of the items it holds.
    pub fn learn(items: Vec<Item>, body: &Values, catalog: &[&GarmentMeta]) -> History {
        let mut regions: Vec<RegionModel> = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let meta = find(catalog, &item.retailer, &item.sku);
            // A kept item says every region its chart sizes was right.
            let said: Vec<(Region, Verdict)> = match &item.returned {
                Some(fit) => fit.clone(),
                None => Region::ALL
                    .into_iter()
                    .filter(|&r| chart_range(meta, &item.size, r).is_some())
                    .map(|r| (r, Verdict::Good))
                    .collect(),
            };
            for (region, verdict) in said {
                let Some(&key) = region_keys(region).first() else {
                    continue;
                };
                let range = chart_range(meta, &item.size, region);
                let Some((value, sd)) = reading(verdict, range, body[key.index()]) else {
                    continue;
                };
                let model = match regions.iter().position(|m| m.region == region) {
                    Some(i) => &mut regions[i],
                    None => {
                        regions.push(RegionModel::new(region));
                        regions.last_mut().expect("just pushed")
                    }
                };
                let b = model.brand(&item.brand);
                model.update(
                    b,
                    Reading {
                        item: n,
                        region,
                        verdict,
                        value,
                        sd,
                    },
                );
            }
        }
        History { items, regions }
    }

    /// Learns from the kept and returned items of `orders` ([`items`]), matched to `catalog`'s
    /// garments, for a body with values `body`.
    pub fn from_orders(orders: &[Order], body: &Values, catalog: &[&GarmentMeta]) -> History {
        History::learn(items(orders, catalog), body, catalog)
    }

    /// Whether there is nothing learned.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// The offsets for a garment by `meta`'s brand (or retailer), with their causes.
    pub fn offsets(&self, meta: &GarmentMeta) -> Offsets {
        self.offsets_for(&meta.brand, &meta.retailer)
    }

    /// The offsets for a garment of `brand` sold by `retailer`, with their causes.
    pub fn offsets_for(&self, brand: &str, retailer: &str) -> Offsets {
        let mut out = Offsets::default();
        for model in &self.regions {
            let keys = region_keys(model.region);
            if keys.is_empty() {
                continue;
            }
            let brand = model
                .brands
                .iter()
                .position(|b| b.eq_ignore_ascii_case(brand) || b.eq_ignore_ascii_case(retailer));
            let (mean, sd) = model.offset(brand);
            out.shifts.push((keys, mean, sd));
            // The causes: the brand's part, then the shopper's own.
            let s = model.shopper();
            if let Some(b) = brand
                && model.mean[b].abs() >= SHOWN_CM
            {
                let name = &model.brands[b];
                let from = self.sources(model, |item| item.brand.eq_ignore_ascii_case(name));
                out.adjustments.push(Adjustment {
                    brand: Some(name.clone()),
                    region: model.region,
                    shift_cm: round1(model.mean[b]),
                    sd_cm: round1(model.cov[b][b].max(0.0).sqrt()),
                    text: sentence(Some(name), model.region, model.mean[b], &from),
                    from,
                });
            }
            if model.mean[s].abs() >= SHOWN_CM {
                let from = self.sources(model, |_| true);
                out.adjustments.push(Adjustment {
                    brand: None,
                    region: model.region,
                    shift_cm: round1(model.mean[s]),
                    sd_cm: round1(model.cov[s][s].max(0.0).sqrt()),
                    text: sentence(None, model.region, model.mean[s], &from),
                    from,
                });
            }
        }
        out
    }

    fn sources(&self, model: &RegionModel, pick: impl Fn(&Item) -> bool) -> Vec<Source> {
        model
            .readings
            .iter()
            .filter(|r| pick(&self.items[r.item]))
            .map(|r| {
                let item = &self.items[r.item];
                Source {
                    order_number: item.order_number.clone(),
                    sku: item.sku.clone(),
                    name: item.name.clone(),
                    size: item.size.clone(),
                    status: if item.returned.is_some() {
                        ItemStatus::Returned
                    } else {
                        ItemStatus::Kept
                    },
                    verdict: item.returned.as_ref().map(|_| r.verdict),
                    date: item.date.clone(),
                }
            })
            .collect()
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// One source in words: `"you returned the Blouse Colette in 38 as too tight at the chest on
/// 2026-10-20"`, `"you kept the Blouse Colette in 38"`.
fn source_words(s: &Source, region: Region) -> String {
    match s.verdict {
        Some(Verdict::Good) => format!(
            "you returned the {} in {} but called the {} good",
            s.name,
            s.size,
            region_name(region)
        ),
        Some(v) => format!(
            "you returned the {} in {} as too {} at the {} on {}",
            s.name,
            s.size,
            v.as_str(),
            region_name(region),
            s.date
        ),
        None => format!("you kept the {} in {}", s.name, s.size),
    }
}

/// The adjustment in English.
fn sentence(brand: Option<&String>, region: Region, shift: f64, from: &[Source]) -> String {
    let way = if shift > 0.0 { "up" } else { "down" };
    let whom = match brand {
        Some(b) => format!("for {b}"),
        None => "for every brand (your own preference)".to_string(),
    };
    let causes: Vec<String> = from.iter().map(|s| source_words(s, region)).collect();
    format!(
        "size {way} at the {} {whom}: {}",
        region_name(region),
        causes.join("; ")
    )
}
