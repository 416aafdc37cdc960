//! The concierge: advice from the shopper's own history, on the store's products from every
//! retailer. "For you" ranks products by their likeness to what the shopper kept or wishes for
//! and away from what went back ([`recommend`]); "alternatives" are other retailers' products of
//! the same kind and look ([`alternatives`]). Each comes with its size and size probability
//! (the chart's, moved by what the returns taught: `sizing`), and reasons built from the data.
//! Never suggested: what fits in no size, what the shopper has or wishes for (nor the same piece
//! from another retailer), a garment sent back (in any colour), what is out of stock in their
//! size. Everything runs locally. docs/concierge.md.

mod likeness;

pub use likeness::{Features, likeness};

use crate::catalog::Product;
use crate::sizing::{Draws, History, SizeTable, odds_with};
use crate::store::{ItemStatus, Order, WishlistItem};
use serde::{Deserialize, Serialize};

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
    /// Why, as sentences.
    pub reasons: Vec<String>,
    /// The ranking score (higher first).
    pub score: f64,
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
    /// For a return, what the shopper said (`too tight at the chest`).
    said: String,
}

/// The shopper's history, matched to the products.
fn past<'a>(products: &'a [Product], orders: &[Order], wishlist: &[WishlistItem]) -> Vec<Past<'a>> {
    let find = |retailer: &str, sku: &str| {
        products
            .iter()
            .find(|p| p.retailer.eq_ignore_ascii_case(retailer) && p.sku.eq_ignore_ascii_case(sku))
    };
    let mut out = Vec::new();
    for order in orders {
        for item in &order.items {
            let Some(product) = find(&order.retailer, &item.line.sku) else {
                continue;
            };
            let (liking, said) = match (&item.returned, item.status) {
                (Some(r), _) => {
                    let said: Vec<String> = r
                        .fit
                        .iter()
                        .map(|(region, verdict)| {
                            format!(
                                "too {} at the {}",
                                verdict.as_str(),
                                crate::fit::english::region_name(*region)
                            )
                        })
                        .collect();
                    (Liking::Returned, said.join(" and "))
                }
                (None, ItemStatus::Kept) => (Liking::Kept, String::new()),
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
                said: String::new(),
            });
        }
    }
    out
}

/// What the shopper has or had: every ordered and wished (retailer, SKU).
fn owned(orders: &[Order], wishlist: &[WishlistItem]) -> Vec<(String, String)> {
    orders
        .iter()
        .flat_map(|o| {
            o.items
                .iter()
                .map(|i| (o.retailer.clone(), i.line.sku.clone()))
        })
        .chain(
            wishlist
                .iter()
                .map(|w| (w.wish.retailer.clone(), w.wish.sku.clone())),
        )
        .collect()
}

/// The same garment, in any colour, from any retailer.
fn same_garment(a: &Product, b: &Product) -> bool {
    a.brand.eq_ignore_ascii_case(&b.brand) && a.name.eq_ignore_ascii_case(&b.name)
}

/// The size to order of a product for this shopper, if one fits and is in stock: (label,
/// probability, the history's adjustments as sentences).
fn fitting_size(
    p: &Product,
    draws: &Draws,
    history: &History,
) -> Option<(String, f64, Vec<String>)> {
    let table = SizeTable::from_chart(p.category, &p.brand, &p.sizes);
    let offsets = history.offsets_for(&p.brand, &p.retailer);
    let odds = odds_with(&table, draws, &offsets);
    let size = odds.recommended.clone()?;
    if !p.available(&size) {
        return None;
    }
    // The brand's own lessons (the shopper's own preference applies to every product alike).
    let adjusted = odds
        .history
        .iter()
        .filter(|a| a.brand.is_some())
        .map(|a| a.text.clone())
        .collect();
    Some((size, odds.probability, adjusted))
}

/// "For you": the store's products ranked by the shopper's history, at most `limit`.
pub fn recommend(
    products: &[Product],
    orders: &[Order],
    wishlist: &[WishlistItem],
    draws: &Draws,
    history: &History,
    limit: usize,
) -> Vec<Suggestion> {
    let past = past(products, orders, wishlist);
    let owned = owned(orders, wishlist);
    let is_owned = |p: &Product| {
        owned
            .iter()
            .any(|(r, s)| p.retailer.eq_ignore_ascii_case(r) && p.sku.eq_ignore_ascii_case(s))
    };
    // Not what the shopper has or wishes for, nor the same piece elsewhere; not a garment sent
    // back, in any colour.
    let had = |p: &Product| {
        past.iter().any(|item| match item.liking {
            Liking::Returned => same_garment(item.product, p),
            _ => {
                same_garment(item.product, p) && item.product.colour.eq_ignore_ascii_case(&p.colour)
            }
        })
    };
    let mut out: Vec<Suggestion> = products
        .iter()
        .filter(|p| !is_owned(p) && !had(p))
        .filter_map(|p| {
            let features = Features::of(p);
            // The likeness to each past item, weighted: kept and wished draw, returned repel.
            let mut score = 0.0;
            let mut best: Option<(&Past, f64)> = None;
            for item in &past {
                let l = likeness(&features, &Features::of(item.product));
                let weight = match item.liking {
                    Liking::Kept => 1.0,
                    Liking::Wished => 0.7,
                    Liking::Returned => -0.5,
                };
                score += weight * l;
                if item.liking != Liking::Returned && best.is_none_or(|(_, b)| l > b) {
                    best = Some((item, l));
                }
            }
            let (size, probability, adjusted) = fitting_size(p, draws, history)?;
            let mut reasons = Vec::new();
            if let Some((item, _)) = best {
                let did = match item.liking {
                    Liking::Kept => format!("you kept the {} in {}", item.product.name, item.size),
                    _ => format!("the {} is on your wishlist", item.product.name),
                };
                let returned = past
                    .iter()
                    .find(|r| r.liking == Liking::Returned && r.product.category == p.category);
                reasons.push(match returned {
                    Some(r) => format!(
                        "because {did} and returned the {} as {}",
                        r.product.name,
                        if r.said.is_empty() {
                            "not right".into()
                        } else {
                            r.said.clone()
                        }
                    ),
                    None => format!("because {did}"),
                });
            }
            reasons.push(format!("size {size}, {:.0} % likely", probability * 100.0));
            reasons.extend(adjusted);
            Some(Suggestion {
                retailer: p.retailer.clone(),
                sku: p.sku.clone(),
                name: p.name.clone(),
                brand: p.brand.clone(),
                size,
                probability,
                price: p.price,
                currency: p.currency.clone(),
                reasons,
                // The size probability weighs in: a likely fit first among alike products.
                score: score + 0.5 * probability,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.price.total_cmp(&b.price))
            .then(a.sku.cmp(&b.sku))
    });
    // One colour of a garment in the list: the best-ranked.
    let mut seen: Vec<(String, String)> = Vec::new();
    out.retain(|s| {
        let key = (s.brand.to_lowercase(), s.name.to_lowercase());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    out.truncate(limit);
    out
}

/// What [`alternatives`] found: the products, and what the first retailer lacks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alternatives {
    /// The product the alternatives are for.
    pub of: Suggestion,
    /// Why the first retailer's product is not enough, if it is not ("no size fits", "size 40
    /// is out of stock"); `None` when it is.
    pub lacking: Option<String>,
    /// Other retailers' products of the same category and a like look, by fit then price.
    pub products: Vec<Suggestion>,
}

/// Other retailers' products like `retailer`'s `sku`: same category, likeness above a half,
/// a size that fits in stock; sorted by the size's probability (in steps of 10 points), then
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
        None => Some(format!(
            "no size of the {} fits you at {}",
            original.name, original.retailer
        )),
        Some(size) if !original.available(size) => Some(format!(
            "{} has no {} in size {size} in stock",
            original.retailer, original.name
        )),
        Some(_) => None,
    };
    let mut found: Vec<Suggestion> = products
        .iter()
        .filter(|p| !p.retailer.eq_ignore_ascii_case(&original.retailer))
        .filter(|p| p.category == original.category)
        .filter_map(|p| {
            let l = likeness(&features, &Features::of(p));
            if l < 0.5 {
                return None;
            }
            let (size, probability, adjusted) = fitting_size(p, draws, history)?;
            let mut reasons = vec![format!(
                "{} like the {} ({:.0} % alike), size {size} {:.0} % likely",
                p.name,
                original.name,
                l * 100.0,
                probability * 100.0
            )];
            if lacking.is_some() {
                reasons.push(format!("{} has it in your size", p.retailer));
            }
            reasons.extend(adjusted);
            Some(Suggestion {
                retailer: p.retailer.clone(),
                sku: p.sku.clone(),
                name: p.name.clone(),
                brand: p.brand.clone(),
                size,
                probability,
                price: p.price,
                currency: p.currency.clone(),
                reasons,
                score: l,
            })
        })
        .collect();
    let band = |p: f64| (p * 10.0).floor() as i64;
    found.sort_by(|a, b| {
        band(b.probability)
            .cmp(&band(a.probability))
            .then(a.price.total_cmp(&b.price))
            .then(b.score.total_cmp(&a.score))
            .then(a.sku.cmp(&b.sku))
    });
    found.truncate(limit);
    let of = Suggestion {
        retailer: original.retailer.clone(),
        sku: original.sku.clone(),
        name: original.name.clone(),
        brand: original.brand.clone(),
        size: odds.recommended.clone().unwrap_or_default(),
        probability: odds.probability,
        price: original.price,
        currency: original.currency.clone(),
        reasons: odds.sentences(),
        score: 1.0,
    };
    Some(Alternatives {
        of,
        lacking,
        products: found,
    })
}
