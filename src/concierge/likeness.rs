//! How alike two products look, 0 … 1: the same category counts most, then the style tags
//! (their overlap), the colour, the material and the price band. Weights in docs/concierge.md.

use crate::catalog::Product;
use crate::garment::Category;

/// What likeness reads of a product.
#[derive(Clone, Debug, PartialEq)]
pub struct Features<'a> {
    /// Its category.
    pub category: Category,
    /// Its style tags (lower case).
    pub tags: &'a [String],
    /// Its colour.
    pub colour: &'a str,
    /// Its material.
    pub material: &'a str,
    /// Its price (the currency is not converted: a band compares within one).
    pub price: f64,
    /// Its currency.
    pub currency: &'a str,
}

impl<'a> Features<'a> {
    /// A product's features.
    pub fn of(p: &'a Product) -> Features<'a> {
        Features {
            category: p.category,
            tags: &p.tags,
            colour: &p.colour,
            material: &p.material,
            price: p.price,
            currency: &p.currency,
        }
    }
}

/// The weights: category, tags, colour, material, price band (they add up to 1).
pub const WEIGHTS: [f64; 5] = [0.4, 0.25, 0.15, 0.1, 0.1];

/// How alike `a` and `b` are, 0 … 1.
pub fn likeness(a: &Features, b: &Features) -> f64 {
    let same = |x: &str, y: &str| f64::from(!x.is_empty() && x.eq_ignore_ascii_case(y));
    let tags = {
        let shared = a.tags.iter().filter(|t| b.tags.contains(t)).count() as f64;
        let all = (a.tags.len() + b.tags.len()) as f64 - shared;
        if all > 0.0 { shared / all } else { 0.0 }
    };
    // 1 at the same price, 0 at three times as much or more (same currency only).
    let band = if a.currency == b.currency && a.price > 0.0 && b.price > 0.0 {
        (1.0 - (a.price / b.price).ln().abs() / 3f64.ln()).max(0.0)
    } else {
        0.0
    };
    WEIGHTS[0] * f64::from(a.category == b.category)
        + WEIGHTS[1] * tags
        + WEIGHTS[2] * same(a.colour, b.colour)
        + WEIGHTS[3] * same(a.material, b.material)
        + WEIGHTS[4] * band
}
