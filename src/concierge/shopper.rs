//! What the concierge reads about one shopper: the store's products, their orders and wishlist,
//! the size draws round their body and what their returns taught. The command line and the app
//! gather it the same way.

use super::{Alternatives, Suggestion};
use crate::catalog::Product;
use crate::garment::GarmentMeta;
use crate::measurements::Resolved;
use crate::sizing::{Draws, History};
use crate::store::{Order, WishlistItem};

/// One shopper's advice inputs.
pub struct Shopper {
    /// Every product in the store.
    pub products: Vec<Product>,
    /// The shopper's orders (kept and returned items teach).
    pub orders: Vec<Order>,
    /// The shopper's wishlist.
    pub wishlist: Vec<WishlistItem>,
    /// The bodies the size probabilities are read on.
    pub draws: Draws,
    /// What the returns taught, per brand and for the shopper.
    pub history: History,
}

impl Shopper {
    /// Gathers the inputs for the body `resolved`: the history is learned from the orders,
    /// matched to the products' charts by retailer and SKU.
    pub fn new(
        products: Vec<Product>,
        orders: Vec<Order>,
        wishlist: Vec<WishlistItem>,
        resolved: &Resolved,
    ) -> Shopper {
        let metas: Vec<GarmentMeta> = products.iter().map(Product::meta).collect();
        let refs: Vec<&GarmentMeta> = metas.iter().collect();
        let history = History::from_orders(&orders, &resolved.values, &refs);
        Shopper {
            products,
            orders,
            wishlist,
            draws: Draws::of(resolved),
            history,
        }
    }

    /// "For you", at most `limit` ([`super::recommend`]).
    pub fn recommend(&self, limit: usize) -> Vec<Suggestion> {
        super::recommend(
            &self.products,
            &self.orders,
            &self.wishlist,
            &self.draws,
            &self.history,
            limit,
        )
    }

    /// Other retailers' products like `retailer`'s `sku`, at most `limit`
    /// ([`super::alternatives`]).
    pub fn alternatives(&self, retailer: &str, sku: &str, limit: usize) -> Option<Alternatives> {
        super::alternatives(
            &self.products,
            retailer,
            sku,
            &self.draws,
            &self.history,
            limit,
        )
    }
}
