//! The concierge's advice as the app shows it: "For you", the reminders and the inputs for
//! "Alternatives", read again whenever the store, the body, the catalog or the day changes
//! (reading the store's products and ranking them takes milliseconds: no background task).
//! The Concierge tab draws it; its badge counts the reminders.

use crate::app::i18n::Said;
use crate::app::state::body::ShopperBody;
use crate::app::state::offers::Offers;
use crate::app::state::store::ShopperStore;
use crate::catalog::Product;
use crate::concierge::{Alternatives, Reminder, Shopper, Suggestion, product_key};
use crate::store::NewWishlistItem;
use crate::store::StoredProduct;
use bevy::prelude::*;
use std::collections::{HashMap, HashSet};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ConciergeAdvice>().add_systems(
        Update,
        refresh
            .in_set(crate::app::AppSystems::Fit)
            .after(crate::app::state::offers::size_offers),
    );
}

/// How many products "For you" lists.
pub const FOR_YOU: usize = 12;
/// How many alternatives are listed.
pub const ALTERNATIVES: usize = 8;

/// A product the shopper has (kept, ordered or wished for) whose alternatives can be asked for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Subject {
    /// The retailer.
    pub retailer: String,
    /// The SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
}

/// What the concierge has to say, as last computed.
#[derive(Resource, Default)]
pub struct ConciergeAdvice {
    /// (store revision, body generation, products read, today) it was computed for.
    computed_for: Option<(u64, u64, u64, String)>,
    /// Counts the computations, so the tab knows when its own caches are stale.
    pub revision: u64,
    /// The store's products, orders and wishlist with the body (`None`: no body yet).
    pub shopper: Option<Shopper>,
    /// How many products the store holds.
    pub products: usize,
    /// "For you".
    pub for_you: Vec<Suggestion>,
    /// The reminders due today (dismissed ones left out).
    pub reminders: Vec<Reminder>,
    /// What the shopper has, whose alternatives can be asked for.
    pub subjects: Vec<Subject>,
    /// Per product (lower-case retailer and SKU) the catalog garment's SKU to try it on with.
    pub garments: HashMap<(String, String), String>,
    /// Per product (lower-case retailer and SKU) its place in the shopper's products (the tab
    /// looks a product up for every card it draws).
    index: HashMap<(String, String), usize>,
    /// Why the store could not be read, if it could not.
    pub error: Option<Said>,
    /// The day the reminders are for.
    pub today: String,
}

impl ConciergeAdvice {
    /// The store's product with this retailer and SKU.
    pub fn product(&self, retailer: &str, sku: &str) -> Option<&Product> {
        let at = *self.index.get(&product_key(retailer, sku))?;
        self.shopper.as_ref()?.products.get(at)
    }

    /// The catalog garment to try `s` on with, if the product has a 3D model in the catalog.
    pub fn garment_of(&self, s: &Suggestion) -> Option<&str> {
        self.garments
            .get(&product_key(&s.retailer, &s.sku))
            .map(String::as_str)
    }

    /// `s` as a wishlist item, in its colour, at its price (added today).
    pub fn wish(&self, s: &Suggestion) -> NewWishlistItem {
        NewWishlistItem {
            retailer: s.retailer.clone(),
            sku: s.sku.clone(),
            name: s.name.clone(),
            size: s.size.clone(),
            colourway: self
                .product(&s.retailer, &s.sku)
                .map(|p| p.colour.clone())
                .unwrap_or_default(),
            price: s.price,
            currency: s.currency.clone(),
            note: String::new(),
            added: String::new(),
        }
    }

    /// Other retailers' products like `subject` ([`Shopper::alternatives`]).
    pub fn alternatives(&self, subject: &Subject) -> Option<Alternatives> {
        self.shopper
            .as_ref()?
            .alternatives(&subject.retailer, &subject.sku, ALTERNATIVES)
    }

    /// Computes the advice from the store's products (`offers`), the shopper's orders,
    /// wishlist and dismissed reminders, and the body (`None`: no valid body yet).
    pub fn compute(
        store: &ShopperStore,
        body: Option<&crate::measurements::Resolved>,
        offers: &Offers,
        today: &str,
    ) -> ConciergeAdvice {
        let read = store.read(|s| {
            Ok((
                s.list_orders(usize::MAX)?,
                s.list_wishlist()?,
                s.dismissed_reminders()?,
            ))
        });
        let (orders, wishlist, dismissed) = match read {
            Ok(read) => read,
            Err(why) => {
                return ConciergeAdvice {
                    error: Some(why),
                    today: today.to_string(),
                    ..default()
                };
            }
        };
        // The reminders read the price and stock history of the wishlisted products.
        let wished: HashSet<(String, String)> = wishlist
            .iter()
            .map(|w| product_key(&w.wish.retailer, &w.wish.sku))
            .collect();
        let stored: Vec<StoredProduct> = offers
            .entries
            .iter()
            .filter(|o| wished.contains(&product_key(&o.product().retailer, &o.product().sku)))
            .map(|o| o.stored.clone())
            .collect();
        let reminders = crate::concierge::reminders(today, &orders, &wishlist, &stored, &dismissed)
            .unwrap_or_default();
        let products: Vec<Product> = offers.entries.iter().map(|o| o.product().clone()).collect();
        let garments = offers
            .entries
            .iter()
            .filter_map(|o| {
                let key = product_key(&o.product().retailer, &o.product().sku);
                o.garment.clone().map(|g| (key, g))
            })
            .collect();
        let index: HashMap<(String, String), usize> = products
            .iter()
            .enumerate()
            .map(|(at, p)| (product_key(&p.retailer, &p.sku), at))
            .collect();
        let mut subjects: Vec<Subject> = Vec::new();
        let had = wishlist
            .iter()
            .map(|w| (&w.wish.retailer, &w.wish.sku))
            .chain(orders.iter().flat_map(|o| {
                o.items
                    .iter()
                    .filter(|i| i.returned.is_none())
                    .map(move |i| (&o.retailer, &i.line.sku))
            }));
        for (retailer, sku) in had {
            if let Some(p) = index
                .get(&product_key(retailer, sku))
                .map(|&at| &products[at])
            {
                let subject = Subject {
                    retailer: p.retailer.clone(),
                    sku: p.sku.clone(),
                    name: p.name.clone(),
                };
                if !subjects.contains(&subject) {
                    subjects.push(subject);
                }
            }
        }
        let count = products.len();
        let shopper = body.map(|resolved| Shopper::new(products, orders, wishlist, resolved));
        let for_you = shopper
            .as_ref()
            .map(|s| s.recommend(FOR_YOU))
            .unwrap_or_default();
        ConciergeAdvice {
            computed_for: None,
            revision: 0,
            shopper,
            products: count,
            for_you,
            reminders,
            subjects,
            garments,
            index,
            error: None,
            today: today.to_string(),
        }
    }
}

/// Computes the advice again when the store, the body, the products or the day changed.
fn refresh(
    store: Res<ShopperStore>,
    body: Res<ShopperBody>,
    offers: Res<Offers>,
    advice: Res<ConciergeAdvice>,
    mut commands: Commands,
) {
    if store.is_pending() {
        return;
    }
    let today = crate::store::date::today_local();
    let key = (store.revision(), body.generation, offers.reads, today);
    if advice.computed_for.as_ref() == Some(&key) {
        return;
    }
    let mut fresh = ConciergeAdvice::compute(&store, body.resolved.as_ref(), &offers, &key.3);
    fresh.revision = advice.revision + 1;
    fresh.computed_for = Some(key);
    commands.insert_resource(fresh);
}
