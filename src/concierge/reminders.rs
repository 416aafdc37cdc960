//! Reminders: what the shopper should not forget — the return window of an item not yet kept or
//! returned closing within
//! [`RETURN_DAYS`] days, a wishlisted product cheaper at a catalog update, a wishlisted size back
//! in stock. Each has a stable key; a dismissed one is not shown again.

use super::About;
use crate::store::date::parse;
use crate::store::{ItemStatus, Order, StoredProduct, WishlistItem};
use serde::{Deserialize, Serialize};

/// A return window closing within this many days (today included) is a reminder.
pub const RETURN_DAYS: i64 = 3;

/// What a reminder is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An item's return window closes soon.
    ReturnWindow,
    /// A wishlisted product costs less than before.
    PriceDrop,
    /// A wishlisted size is in stock again.
    BackInStock,
}

/// One reminder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    /// What it is about.
    pub kind: Kind,
    /// Its date: the return deadline, or the day the catalog showed the change.
    pub date: String,
    /// The retailer.
    pub retailer: String,
    /// The order's number (a return window).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_number: Option<String>,
    /// The SKU.
    pub sku: String,
    /// In English: `"return the Blouse Colette (order A-17) by 2026-11-02: 2 days left"`.
    pub text: String,
    /// What `anprobe reminders --dismiss` takes.
    pub key: String,
    /// What it is about, as data (the app words it in the shopper's language).
    #[serde(skip)]
    pub about: About,
}

impl Reminder {
    /// A reminder about `about`, its text written from it.
    fn new(
        kind: Kind,
        (date, retailer): (&str, &str),
        order_number: Option<String>,
        sku: &str,
        key: String,
        about: About,
    ) -> Reminder {
        Reminder {
            kind,
            date: date.to_string(),
            retailer: retailer.to_string(),
            order_number,
            sku: sku.to_string(),
            text: about.english(retailer, date),
            key,
            about,
        }
    }
}

/// The reminders due on `today` (ISO 8601), newest change first within a kind (return windows
/// first, soonest first), leaving out those whose key is in `dismissed`.
pub fn reminders(
    today: &str,
    orders: &[Order],
    wishlist: &[WishlistItem],
    products: &[StoredProduct],
    dismissed: &[String],
) -> Result<Vec<Reminder>, String> {
    let today = parse(today)?.to_days();
    let mut out: Vec<Reminder> = Vec::new();
    // Return windows of delivered items.
    for order in orders {
        for item in &order.items {
            // Not yet kept or returned (an item never marked delivered counts too).
            let (ItemStatus::Ordered | ItemStatus::Delivered, Some(deadline)) =
                (item.status, &item.return_deadline)
            else {
                continue;
            };
            let Ok(day) = parse(deadline) else { continue };
            let left = day.to_days() - today;
            if !(0..RETURN_DAYS).contains(&left) {
                continue;
            }
            out.push(Reminder::new(
                Kind::ReturnWindow,
                (deadline, &order.retailer),
                Some(order.order_number.clone()),
                &item.line.sku,
                format!("return:{}:{deadline}", item.id),
                About::ReturnBy {
                    name: item.line.name.clone(),
                    order_number: order.order_number.clone(),
                    days_left: left,
                },
            ));
        }
    }
    // Wishlisted products at the latest catalog update.
    for wish in wishlist {
        let w = &wish.wish;
        let Some(stored) = products.iter().find(|s| {
            s.product.retailer.eq_ignore_ascii_case(&w.retailer)
                && s.product.sku.eq_ignore_ascii_case(&w.sku)
        }) else {
            continue;
        };
        let name = if w.name.is_empty() {
            &stored.product.name
        } else {
            &w.name
        };
        if let [.., before, now] = stored.prices.as_slice()
            && now.currency == before.currency
            && now.price < before.price
        {
            out.push(Reminder::new(
                Kind::PriceDrop,
                (&now.date, &w.retailer),
                None,
                &w.sku,
                format!("price:{}:{}:{}", w.retailer.to_lowercase(), w.sku, now.date),
                About::PriceDrop {
                    name: name.clone(),
                    price: now.price,
                    was: before.price,
                    currency: now.currency.clone(),
                },
            ));
        }
        let seen: Vec<_> = stored
            .stock_history
            .iter()
            .filter(|p| p.size == w.size)
            .collect();
        if let [.., before, now] = seen.as_slice()
            && before.pieces == 0
            && now.pieces > 0
        {
            out.push(Reminder::new(
                Kind::BackInStock,
                (&now.date, &w.retailer),
                None,
                &w.sku,
                format!(
                    "stock:{}:{}:{}:{}",
                    w.retailer.to_lowercase(),
                    w.sku,
                    w.size,
                    now.date
                ),
                About::BackInStock {
                    name: name.clone(),
                    size: w.size.clone(),
                },
            ));
        }
    }
    out.retain(|r| !dismissed.contains(&r.key));
    out.sort_by(|a, b| {
        let rank = |k: Kind| k as u8;
        rank(a.kind).cmp(&rank(b.kind)).then(match a.kind {
            Kind::ReturnWindow => a.date.cmp(&b.date),
            _ => b.date.cmp(&a.date),
        })
    });
    Ok(out)
}
