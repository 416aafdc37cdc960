//! Retailers' products in the store (`anprobe catalog add` / `update`): each product as the
//! catalog last gave it, with every price and stock level seen, dated. The product itself is
//! kept as the catalog's JSON object (`catalog::Product`), its price and currency also as
//! columns for the history.

use super::{Store, StoreError};
use crate::catalog::Product;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// A product as the store holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredProduct {
    /// The store's id.
    pub id: i64,
    /// The product as the catalog last gave it.
    #[serde(flatten)]
    pub product: Product,
    /// When it was first seen (ISO 8601 date).
    pub first_seen: String,
    /// When a catalog last gave it.
    pub updated: String,
    /// Every price seen, oldest first.
    pub prices: Vec<PricePoint>,
    /// Every stock level seen, oldest first (none when the catalogs gave no stock).
    pub stock_history: Vec<StockPoint>,
}

/// A stock level of one size seen on a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StockPoint {
    /// When (ISO 8601 date).
    pub date: String,
    /// The size label.
    pub size: String,
    /// Pieces in stock.
    pub pieces: u32,
}

/// A price seen on a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PricePoint {
    /// When (ISO 8601 date).
    pub date: String,
    /// The price.
    pub price: f64,
    /// ISO 4217 code.
    pub currency: String,
}

/// What adding or updating a catalog did.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct CatalogChange {
    /// Products new to the store.
    pub added: Vec<String>,
    /// Products already there whose price, stock or details changed.
    pub updated: Vec<String>,
    /// Products already there, unchanged.
    pub unchanged: Vec<String>,
    /// Products refused because they are already in the store (`catalog add` only).
    pub known: Vec<String>,
    /// Price changes: (SKU, old price, new price, currency).
    pub prices: Vec<(String, f64, f64, String)>,
}

impl Store {
    /// Records a catalog's products on `seen` (ISO 8601): new ones added, known ones updated
    /// with their price and stock added to the history when they changed. With `only_new`,
    /// products already in the store are left as they are and listed in `known`. One
    /// transaction.
    pub fn record_products(
        &mut self,
        products: &[Product],
        seen: &str,
        only_new: bool,
    ) -> Result<CatalogChange, StoreError> {
        let seen = super::validate::date("date", seen)?;
        self.write(|tx| {
            let mut change = CatalogChange::default();
            for p in products {
                let json = serde_json::to_string(p).map_err(|e| {
                    StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
                })?;
                let known: Option<(i64, String, f64, String)> = tx
                    .prepare_cached(
                        "SELECT id, product, price, currency FROM products
                         WHERE retailer = ?1 COLLATE NOCASE AND sku = ?2 COLLATE NOCASE",
                    )?
                    .query_row(params![p.retailer, p.sku], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })
                    .optional()?;
                let id = match known {
                    Some(_) if only_new => {
                        change.known.push(p.sku.clone());
                        continue;
                    }
                    Some((id, old, price, currency)) => {
                        if old == json {
                            change.unchanged.push(p.sku.clone());
                            tx.execute(
                                "UPDATE products SET updated = ?2 WHERE id = ?1",
                                params![id, seen],
                            )?;
                            continue;
                        }
                        if price != p.price || currency != p.currency {
                            change
                                .prices
                                .push((p.sku.clone(), price, p.price, p.currency.clone()));
                        }
                        tx.execute(
                            "UPDATE products SET product = ?2, price = ?3, currency = ?4,
                             updated = ?5 WHERE id = ?1",
                            params![id, json, p.price, p.currency, seen],
                        )?;
                        change.updated.push(p.sku.clone());
                        id
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO products (retailer, sku, product, price, currency,
                             first_seen, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                            params![p.retailer, p.sku, json, p.price, p.currency, seen],
                        )?;
                        change.added.push(p.sku.clone());
                        tx.last_insert_rowid()
                    }
                };
                tx.execute(
                    "INSERT OR REPLACE INTO product_prices (product_id, seen, price, currency)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![id, seen, p.price, p.currency],
                )?;
                if let Some(stock) = &p.stock {
                    for (size, pieces) in stock {
                        tx.execute(
                            "INSERT OR REPLACE INTO product_stock (product_id, seen, size, pieces)
                             VALUES (?1, ?2, ?3, ?4)",
                            params![id, seen, size, pieces],
                        )?;
                    }
                }
            }
            Ok(change)
        })
    }

    /// The products in the store, by retailer then SKU; of one retailer (case-insensitive) when
    /// given.
    pub fn products(&self, retailer: Option<&str>) -> Result<Vec<StoredProduct>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, product, first_seen, updated FROM products
             WHERE ?1 IS NULL OR retailer = ?1 COLLATE NOCASE
             ORDER BY retailer COLLATE NOCASE, sku COLLATE NOCASE",
        )?;
        let rows: Vec<(i64, String, String, String)> = stmt
            .query_map([retailer.map(str::trim)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut prices = self.conn().prepare_cached(
            "SELECT seen, price, currency FROM product_prices WHERE product_id = ?1 ORDER BY seen",
        )?;
        let mut stock = self.conn().prepare_cached(
            "SELECT seen, size, pieces FROM product_stock WHERE product_id = ?1 ORDER BY seen, size",
        )?;
        rows.into_iter()
            .filter_map(|(id, json, first_seen, updated)| {
                // A row the code cannot read (written by hand) is left out, not fatal.
                let product: Product = serde_json::from_str(&json).ok()?;
                Some((id, product, first_seen, updated))
            })
            .map(|(id, product, first_seen, updated)| {
                let history = prices
                    .query_map([id], |r| {
                        Ok(PricePoint {
                            date: r.get(0)?,
                            price: r.get(1)?,
                            currency: r.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let stock_history = stock
                    .query_map([id], |r| {
                        Ok(StockPoint {
                            date: r.get(0)?,
                            size: r.get(1)?,
                            pieces: r.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(StoredProduct {
                    id,
                    product,
                    first_seen,
                    updated,
                    prices: history,
                    stock_history,
                })
            })
            .collect()
    }
}

impl Store {
    /// Dismisses the reminder `key` (the concierge's reminders' `key`) on `date`: it is not
    /// shown again. Dismissing twice keeps the first date.
    pub fn dismiss_reminder(&mut self, key: &str, date: &str) -> Result<(), StoreError> {
        let key = super::validate::required("key", key)?;
        let date = super::validate::date("date", date)?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO dismissed_reminders (key, dismissed) VALUES (?1, ?2)",
                params![key, date],
            )?;
            Ok(())
        })
    }

    /// The keys of the dismissed reminders.
    pub fn dismissed_reminders(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT key FROM dismissed_reminders ORDER BY key")?;
        Ok(stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}
