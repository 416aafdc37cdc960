//! The wishlist: garments the shopper is considering, with the price when added, and moving
//! items from the wishlist into an order.

use super::orders::{NewOrder, NewOrderItem, insert_order};
use super::{Clash, Problem, Store, StoreError, validate};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

/// A garment to put on the wishlist.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewWishlistItem {
    /// The retailer selling it.
    pub retailer: String,
    /// The retailer's stock-keeping unit.
    pub sku: String,
    /// The garment's name.
    pub name: String,
    /// A size label: `M`, `38`, `EU 42`, `32/34`, `one size`...
    pub size: String,
    /// The colourway wanted (may be empty).
    pub colourway: String,
    /// The price when added, in `currency`.
    pub price: f64,
    /// ISO 4217 code.
    pub currency: String,
    /// The shopper's own note (may be empty).
    pub note: String,
    /// When it was added (ISO 8601).
    pub added: String,
}

/// A stored wishlist item: the garment as it was added, and its id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WishlistItem {
    /// The item's id in the store (what `wishlist remove` takes).
    pub id: i64,
    /// The garment, as it was added (its fields stand beside `id` in JSON).
    #[serde(flatten)]
    pub wish: NewWishlistItem,
}

impl NewWishlistItem {
    /// The item with every field checked and normalized.
    pub(crate) fn validated(&self) -> Result<NewWishlistItem, StoreError> {
        let (price, currency) = validate::price("price", "currency", self.price, &self.currency)?;
        Ok(NewWishlistItem {
            retailer: validate::required("retailer", &self.retailer)?,
            sku: validate::required("sku", &self.sku)?,
            name: validate::optional(&self.name),
            size: validate::size("size", &self.size)?,
            colourway: validate::optional(&self.colourway),
            price,
            currency,
            note: validate::optional(&self.note),
            added: validate::date("added", &self.added)?,
        })
    }
}

const COLUMNS: &str = "id, retailer, sku, name, size, colourway, price, currency, note, added";

fn from_row(r: &Row<'_>) -> rusqlite::Result<WishlistItem> {
    Ok(WishlistItem {
        id: r.get(0)?,
        wish: NewWishlistItem {
            retailer: r.get(1)?,
            sku: r.get(2)?,
            name: r.get(3)?,
            size: r.get(4)?,
            colourway: r.get(5)?,
            price: r.get(6)?,
            currency: r.get(7)?,
            note: r.get(8)?,
            added: r.get(9)?,
        },
    })
}

/// Inserts a validated item with the given id (or a new one).
pub(crate) fn insert_item(
    conn: &Connection,
    id: Option<i64>,
    item: &NewWishlistItem,
) -> Result<i64, StoreError> {
    conn.execute(
        &format!(
            "INSERT INTO wishlist ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            id,
            item.retailer,
            item.sku,
            item.name,
            item.size,
            item.colourway,
            item.price,
            item.currency,
            item.note,
            item.added
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Every item in id order (the backup's order).
pub(crate) fn all_by_id(conn: &Connection) -> Result<Vec<WishlistItem>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM wishlist ORDER BY id"))?;
    Ok(stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: i64) -> Result<WishlistItem, StoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM wishlist WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "wishlist item",
        id,
    })
}

impl Store {
    /// Puts a garment on the wishlist; returns its id.
    pub fn add_wishlist(&mut self, item: &NewWishlistItem) -> Result<i64, StoreError> {
        let item = item.validated()?;
        self.write(|tx| insert_item(tx, None, &item))
    }

    /// The wishlist entry for the same garment (retailer, SKU, size and colourway) as `item`,
    /// if there is one: the app adds a garment once.
    pub fn wishlist_entry_for(&self, item: &NewWishlistItem) -> Result<Option<i64>, StoreError> {
        let item = item.validated()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM wishlist WHERE retailer = ?1 AND sku = ?2 AND size = ?3 \
             AND colourway = ?4 ORDER BY id LIMIT 1",
        )?;
        Ok(stmt
            .query_row(
                params![item.retailer, item.sku, item.size, item.colourway],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The wishlist, newest first.
    pub fn list_wishlist(&self) -> Result<Vec<WishlistItem>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM wishlist ORDER BY added DESC, id DESC"
        ))?;
        Ok(stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// One wishlist item.
    pub fn wishlist_item(&self, id: i64) -> Result<WishlistItem, StoreError> {
        get(self.conn(), id)
    }

    /// Removes an item from the wishlist.
    pub fn remove_wishlist(&mut self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            if tx.execute("DELETE FROM wishlist WHERE id = ?1", [id])? == 0 {
                return Err(StoreError::NotFound {
                    what: "wishlist item",
                    id,
                });
            }
            Ok(())
        })
    }

    /// Orders wishlist items (all from one retailer): records the order with their size,
    /// colourway and price, each with the retailer's return window (`None`: not known), and takes
    /// them off the wishlist, in one transaction. Returns the order's id.
    pub fn move_wishlist_to_order(
        &mut self,
        ids: &[i64],
        order_number: &str,
        date: &str,
        return_window_days: Option<u32>,
    ) -> Result<i64, StoreError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Err(StoreError::invalid("ids", Problem::NoneGiven));
        }
        let order_number = validate::required("order_number", order_number)?;
        let date = validate::date("date", date)?;
        self.write(|tx| {
            let items = ids
                .iter()
                .map(|&id| get(tx, id))
                .collect::<Result<Vec<_>, _>>()?;
            let first = &items[0];
            if let Some(other) = items
                .iter()
                .find(|i| !i.wish.retailer.eq_ignore_ascii_case(&first.wish.retailer))
            {
                return Err(StoreError::Conflict(Clash::MixedRetailers {
                    first: (first.id, first.wish.retailer.clone()),
                    other: (other.id, other.wish.retailer.clone()),
                }));
            }
            let order = NewOrder {
                retailer: first.wish.retailer.clone(),
                order_number,
                date,
                items: items
                    .iter()
                    .map(|i| NewOrderItem {
                        sku: i.wish.sku.clone(),
                        name: i.wish.name.clone(),
                        size: i.wish.size.clone(),
                        colour: i.wish.colourway.clone(),
                        price: i.wish.price,
                        currency: i.wish.currency.clone(),
                        return_window_days,
                    })
                    .collect(),
            };
            let order_id = insert_order(tx, None, &order.validated()?)?;
            for id in &ids {
                tx.execute("DELETE FROM wishlist WHERE id = ?1", [id])?;
            }
            Ok(order_id)
        })
    }
}
