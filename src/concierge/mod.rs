//! The concierge: advice from the shopper's own history, on the store's products from every
//! retailer. "For you" ranks products by their likeness to what the shopper kept or wishes for
//! and away from what went back ([`recommend`]); "alternatives" are other retailers' products of
//! the same kind and look ([`alternatives`]). Each comes with its size and size probability
//! (the chart's, moved by what the returns taught: `sizing`), and reasons built from the data.
//! Never suggested: what fits in no size, what the shopper has or wishes for (nor the same piece
//! from another retailer), a garment sent back (in any colour), what is out of stock in their
//! size. Everything runs locally. docs/concierge.md.

mod likeness;
pub mod reminders;
mod shopper;
mod why;

pub use likeness::{Features, likeness};
pub use reminders::{Reminder, reminders};
pub use shopper::Shopper;
pub use why::{About, Lacking, Returned, Why};

use crate::catalog::Product;
use crate::sizing::{Draws, History, SizeTable, odds_with};
use crate::store::{ItemStatus, Order, WishlistItem};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// One suggested product.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The retailer selling it.
    pub retailer: String,
    /// Its SKU.
    pub sku: String,
    /// Its name.
    pub name: String,
    /// Its brand.
    pub brand: String,
    /// The size to order.
    pub size: String,
    /// That size's probability.
    pub probability: f64,
    /// The price.
    pub price: f64,
    /// ISO 4217 code.
    pub currency: String,
    /// Why, as sentences (the English of `why`).
    pub reasons: Vec<String>,
    /// The ranking score (higher first).
    pub score: f64,
    /// Why, as data (the app words it in the shopper's language).
    #[serde(skip)]
    pub why: Vec<Why>,
}

impl Suggestion {
    /// Product `p` in `size` with its probability, reasons and score.
    fn of(p: &Product, size: String, probability: f64, why: Vec<Why>, score: f64) -> Self {
        Suggestion {
            retailer: p.retailer.clone(),
            sku: p.sku.clone(),
            name: p.name.clone(),
            brand: p.brand.clone(),
            size,
            probability,
            price: p.price,
            currency: p.currency.clone(),
            reasons: why.iter().map(Why::english).collect(),
            score,
            why,
        }
    }
}

/// What the shopper did with a product: kept it, wishes for it, or sent it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Liking {
    Kept,
    Wished,
    Returned,
}

/// One item of the shopper's history with the product it was (matched by retailer and SKU).
struct Past<'a> {
    liking: Liking,
    product: &'a Product,
    size: String,
    /// For a return, the fit feedback per region.
    said: Vec<(crate::garment::Region, crate::garment::Verdict)>,
}

/// A product's case-insensitive (retailer, SKU) key: how the store's products, orders and
/// wishlist items are matched (also by the app).
pub fn product_key(retailer: &str, sku: &str) -> (String, String) {
    (retailer.trim().to_lowercase(), sku.trim().to_lowercase())
}

/// A case-insensitive (brand, name) key: one garment, in any colour.
fn garment_key(p: &Product) -> (String, String) {
    (p.brand.to_lowercase(), p.name.to_lowercase())
}

/// The products by (retailer, SKU) key.
type Index<'a> = HashMap<(String, String), &'a Product>;

/// The products by their (retailer, SKU) key.
fn index(products: &[Product]) -> Index<'_> {
    products
        .iter()
        .map(|p| (product_key(&p.retailer, &p.sku), p))
        .collect()
}

/// The shopper's history, matched to the products.
fn past<'a>(index: &Index<'a>, orders: &[Order], wishlist: &[WishlistItem]) -> Vec<Past<'a>> {
    let find = |retailer: &str, sku: &str| index.get(&product_key(retailer, sku)).copied();
    let mut out = Vec::new();
    for order in orders {
        for item in &order.items {
            let Some(product) = find(&order.retailer, &item.line.sku) else {
                continue;
            };
            let (liking, said) = match (&item.returned, item.status) {
                (Some(r), _) => (
                    Liking::Returned,
                    r.fit.iter().map(|(r, v)| (*r, *v)).collect(),
                ),
                (None, ItemStatus::Kept) => (Liking::Kept, Vec::new()),
                _ => continue,
            };
            out.push(Past {
                liking,
                product,
                size: item.line.size.clone(),
                said,
            });
        }
    }
    for wish in wishlist {
        if let Some(product) = find(&wish.wish.retailer, &wish.wish.sku) {
            out.push(Past {
                liking: Liking::Wished,
                product,
                size: wish.wish.size.clone(),
                said: Vec::new(),
            });
        }
    }
    out
}

/// A size, its probability and the brand's lessons.
type Advice = (String, f64, Vec<Why>);

/// The size advice of a product for this shopper, ignoring its stock: (label, probability,
/// the brand's lessons). Products with the same brand, retailer, category and
/// chart share one computation.
struct Sizer<'a> {
    draws: &'a Draws,
    history: &'a History,
    cache: HashMap<u64, Option<Advice>>,
}

impl<'a> Sizer<'a> {
    fn new(draws: &'a Draws, history: &'a History) -> Sizer<'a> {
        Sizer {
            draws,
            history,
            cache: HashMap::new(),
        }
    }

    /// The size to order of `p`, if one fits and is in stock.
    fn fitting(&mut self, p: &Product) -> Option<Advice> {
        let mut h = DefaultHasher::new();
        (
            p.brand.to_lowercase(),
            p.retailer.to_lowercase(),
            p.category as u8,
        )
            .hash(&mut h);
        for size in &p.sizes {
            size.label.hash(&mut h);
            for (k, r) in &size.body {
                (k, r.min.to_bits(), r.max.to_bits()).hash(&mut h);
            }
        }
        let (draws, history) = (self.draws, self.history);
        let advice = self.cache.entry(h.finish()).or_insert_with(|| {
            let table = SizeTable::from_chart(p.category, &p.brand, &p.sizes);
            let offsets = history.offsets_for(&p.brand, &p.retailer);
            let odds = odds_with(&table, draws, &offsets);
            // The brand's own lessons (the shopper's own preference applies to every product
            // alike).
            let adjusted = odds
                .history
                .iter()
                .filter(|a| a.brand.is_some())
                .cloned()
                .map(Why::Lesson)
                .collect();
            odds.recommended
                .clone()
                .map(|size| (size, odds.probability, adjusted))
        });
        advice.clone().filter(|(size, ..)| p.available(size))
    }
}

/// A product's features as a key: products that look alike in every feature likeness reads
/// share their score.
fn feature_key(p: &Product) -> u64 {
    let mut h = DefaultHasher::new();
    (
        p.category as u8,
        &p.tags,
        p.colour.to_lowercase(),
        p.material.to_lowercase(),
    )
        .hash(&mut h);
    (p.price.to_bits(), &p.currency).hash(&mut h);
    h.finish()
}

/// The most a product's size probability adds to its score.
const FIT_WEIGHT: f64 = 0.5;
/// What completing the look of a kept or wished-for product adds.
const LOOK_WEIGHT: f64 = 1.0;

/// "For you": the store's products ranked by the shopper's history, at most `limit`.
pub fn recommend(
    products: &[Product],
    orders: &[Order],
    wishlist: &[WishlistItem],
    draws: &Draws,
    history: &History,
    limit: usize,
) -> Vec<Suggestion> {
    if limit == 0 {
        return Vec::new();
    }
    let index = index(products);
    let past = past(&index, orders, wishlist);
    let owned: HashSet<(String, String)> = orders
        .iter()
        .flat_map(|o| {
            o.items
                .iter()
                .map(|i| product_key(&o.retailer, &i.line.sku))
        })
        .chain(
            wishlist
                .iter()
                .map(|w| product_key(&w.wish.retailer, &w.wish.sku)),
        )
        .collect();
    // Not what the shopper has or wishes for, nor the same piece elsewhere; not a garment sent
    // back, in any colour.
    let returned: HashSet<(String, String)> = past
        .iter()
        .filter(|i| i.liking == Liking::Returned)
        .map(|i| garment_key(i.product))
        .collect();
    // Every piece the shopper has, ordered or wishes for (kept or not yet decided), in its
    // colour: not suggested again from another retailer.
    let pieces: HashSet<((String, String), String)> = owned
        .iter()
        .filter_map(|k| index.get(k))
        .map(|p| (garment_key(p), p.colour.to_lowercase()))
        .collect();
    let had = |p: &Product| {
        owned.contains(&product_key(&p.retailer, &p.sku))
            || returned.contains(&garment_key(p))
            || pieces.contains(&(garment_key(p), p.colour.to_lowercase()))
    };
    // The likeness to the history, weighted (kept and wished draw, returned repel), once per
    // look; and the past item each look is most like.
    let weight = |l: Liking| match l {
        Liking::Kept => 1.0,
        Liking::Wished => 0.7,
        Liking::Returned => -0.5,
    };
    // "Complete the look": the partners the catalogs name for what was kept or wished for.
    let mut completes: HashMap<(String, String), usize> = HashMap::new();
    for (n, item) in past.iter().enumerate() {
        if item.liking != Liking::Returned {
            for sku in &item.product.outfits {
                completes
                    .entry(product_key(&item.product.retailer, sku))
                    .or_insert(n);
            }
        }
    }
    let mut looks: HashMap<u64, (f64, Option<usize>)> = HashMap::new();
    let mut candidates: Vec<(f64, &Product, Option<usize>, Option<usize>)> = products
        .iter()
        .filter(|p| !had(p))
        .map(|p| {
            let (score, best) = *looks.entry(feature_key(p)).or_insert_with(|| {
                let features = Features::of(p);
                let mut score = 0.0;
                let mut best: Option<(usize, f64)> = None;
                for (n, item) in past.iter().enumerate() {
                    let l = likeness(&features, &Features::of(item.product));
                    score += weight(item.liking) * l;
                    if item.liking != Liking::Returned && best.is_none_or(|(_, b)| l > b) {
                        best = Some((n, l));
                    }
                }
                (score, best.map(|(n, _)| n))
            });
            let look = completes.get(&product_key(&p.retailer, &p.sku)).copied();
            (
                score + if look.is_some() { LOOK_WEIGHT } else { 0.0 },
                p,
                best,
                look,
            )
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.price.total_cmp(&b.1.price))
            .then(a.1.sku.cmp(&b.1.sku))
    });
    // Sized in that order until no later product can reach the list (its likeness plus the
    // most a fit adds falls below the last place's score).
    let mut sizer = Sizer::new(draws, history);
    let mut out: Vec<Suggestion> = Vec::new();
    for (score, p, best, look) in candidates {
        if out.len() >= limit && score + FIT_WEIGHT < out[limit - 1].score {
            break;
        }
        let Some((size, probability, adjusted)) = sizer.fitting(p) else {
            continue;
        };
        let mut reasons = Vec::new();
        let kept_in = |item: &Past| (item.liking == Liking::Kept).then(|| item.size.clone());
        if let Some(item) = look.map(|n| &past[n]) {
            reasons.push(Why::CompletesLook {
                name: item.product.name.clone(),
                kept_in: kept_in(item),
            });
        } else if let Some(item) = best
            .map(|n| &past[n])
            .filter(|item| garment_key(item.product) == garment_key(p))
        {
            reasons.push(Why::OtherColour {
                name: item.product.name.clone(),
                colour: p.colour.clone(),
                kept_in: kept_in(item),
            });
        } else if let Some(item) = best.map(|n| &past[n]) {
            let returned = past
                .iter()
                .find(|r| r.liking == Liking::Returned && r.product.category == p.category);
            reasons.push(Why::LikeYours {
                name: item.product.name.clone(),
                kept_in: kept_in(item),
                returned: returned.map(|r| Returned {
                    name: r.product.name.clone(),
                    fit: r.said.clone(),
                }),
            });
        }
        reasons.push(Why::Size {
            size: size.clone(),
            probability,
        });
        reasons.extend(adjusted);
        // The size probability weighs in: a likely fit first among alike products.
        let score = score + FIT_WEIGHT * probability;
        let suggestion = Suggestion::of(p, size, probability, reasons, score);
        // One colour of a garment in the list: the best-ranked.
        let same = |s: &Suggestion| {
            s.brand.eq_ignore_ascii_case(&suggestion.brand)
                && s.name.eq_ignore_ascii_case(&suggestion.name)
        };
        match out.iter().position(same) {
            Some(i) if rank(&out[i], &suggestion).is_le() => continue,
            Some(i) => {
                out.remove(i);
            }
            None => {}
        }
        let at = out
            .iter()
            .position(|s| rank(&suggestion, s).is_lt())
            .unwrap_or(out.len());
        out.insert(at, suggestion);
    }
    out.truncate(limit);
    out
}

/// The list's order: score, then the lower price, then the SKU.
fn rank(a: &Suggestion, b: &Suggestion) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.price.total_cmp(&b.price))
        .then(a.sku.cmp(&b.sku))
}

/// What [`alternatives`] found: the products, and what the first retailer lacks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alternatives {
    /// The product the alternatives are for.
    pub of: Suggestion,
    /// Why the first retailer's product is not enough, if it is not ("no size fits", "size 40
    /// is out of stock"); `None` when it is.
    pub lacking: Option<String>,
    /// The same, as data.
    #[serde(skip)]
    pub lacking_why: Option<Lacking>,
    /// Other retailers' products of the same category and a like look, by fit then price.
    pub products: Vec<Suggestion>,
}

/// Other retailers' products like `retailer`'s `sku`: same category, likeness above a half,
/// a size that fits in stock, one colour of a garment per retailer (the most alike); sorted by the size's probability (in steps of 10 points), then
/// price. `None` when the product is not in the store.
pub fn alternatives(
    products: &[Product],
    retailer: &str,
    sku: &str,
    draws: &Draws,
    history: &History,
    limit: usize,
) -> Option<Alternatives> {
    let original = products
        .iter()
        .find(|p| p.retailer.eq_ignore_ascii_case(retailer) && p.sku.eq_ignore_ascii_case(sku))?;
    let features = Features::of(original);
    let table = SizeTable::from_chart(original.category, &original.brand, &original.sizes);
    let odds = odds_with(
        &table,
        draws,
        &history.offsets_for(&original.brand, &original.retailer),
    );
    let lacking = match &odds.recommended {
        None => Some(Lacking::NoSize {
            name: original.name.clone(),
            retailer: original.retailer.clone(),
        }),
        Some(size) if !original.available(size) => Some(Lacking::OutOfStock {
            name: original.name.clone(),
            retailer: original.retailer.clone(),
            size: size.clone(),
        }),
        Some(_) => None,
    };
    let mut sizer = Sizer::new(draws, history);
    let mut found: Vec<Suggestion> = products
        .iter()
        .filter(|p| !p.retailer.eq_ignore_ascii_case(&original.retailer))
        .filter(|p| p.category == original.category)
        .filter_map(|p| {
            let l = likeness(&features, &Features::of(p));
            if l < 0.5 {
                return None;
            }
            let (size, probability, adjusted) = sizer.fitting(p)?;
            let first = if garment_key(p) == garment_key(original) {
                Why::SameElsewhere {
                    retailer: p.retailer.clone(),
                    colour: p.colour.clone(),
                    same_colour: p.colour.eq_ignore_ascii_case(&original.colour),
                    size: size.clone(),
                    probability,
                }
            } else {
                Why::Alike {
                    name: p.name.clone(),
                    original: original.name.clone(),
                    likeness: l,
                    size: size.clone(),
                    probability,
                }
            };
            let mut reasons = vec![first];
            if lacking.is_some() {
                reasons.push(Why::HasYourSize {
                    retailer: p.retailer.clone(),
                });
            }
            reasons.extend(adjusted);
            Some(Suggestion::of(p, size, probability, reasons, l))
        })
        .collect();
    // One colour of a garment per retailer: the most alike (the same colour, where sold).
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.price.total_cmp(&b.price))
    });
    let mut kept: HashSet<(String, String, String)> = HashSet::new();
    found.retain(|s| {
        kept.insert((
            s.retailer.to_lowercase(),
            s.brand.to_lowercase(),
            s.name.to_lowercase(),
        ))
    });
    let band = |p: f64| (p * 10.0).floor() as i64;
    found.sort_by(|a, b| {
        band(b.probability)
            .cmp(&band(a.probability))
            .then(a.price.total_cmp(&b.price))
            .then(b.score.total_cmp(&a.score))
            .then(a.sku.cmp(&b.sku))
    });
    found.truncate(limit);
    let mut of = Suggestion::of(
        original,
        odds.recommended.clone().unwrap_or_default(),
        odds.probability,
        Vec::new(),
        1.0,
    );
    of.reasons = odds.sentences();
    Some(Alternatives {
        of,
        lacking: lacking.as_ref().map(Lacking::english),
        lacking_why: lacking,
        products: found,
    })
}
