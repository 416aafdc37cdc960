//! Orders and their items: status per item (ordered, delivered, kept, returned) and the return
//! deadline (order date + the garment's return window, when known).

use super::returns::{ReturnRecord, load_return};
use super::{Clash, Problem, Store, StoreError, date, validate};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::{Deserialize, Serialize};

/// Where an ordered item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Ordered, not yet delivered.
    Ordered,
    /// Delivered; the return window runs.
    Delivered,
    /// Kept by the shopper.
    Kept,
    /// Sent back (the item has a return record).
    Returned,
}

impl ItemStatus {
    /// Every status, in the order an item goes through them.
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Ordered,
        ItemStatus::Delivered,
        ItemStatus::Kept,
        ItemStatus::Returned,
    ];

    /// The status in files and on the command line, e.g. `"delivered"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Ordered => "ordered",
            ItemStatus::Delivered => "delivered",
            ItemStatus::Kept => "kept",
            ItemStatus::Returned => "returned",
        }
    }

    /// The status named by `text` (any case, surrounding space ignored).
    pub fn parse(text: &str) -> Option<ItemStatus> {
        ItemStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim().to_ascii_lowercase())
    }
}

/// One garment of a new order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewOrderItem {
    /// The retailer's stock-keeping unit.
    pub sku: String,
    /// The garment's name, as the retailer gives it.
    pub name: String,
    /// The size label ordered: `M`, `38`, `32/34`...
    pub size: String,
    /// The colourway ordered (may be empty).
    pub colour: String,
    /// The price paid, in `currency`.
    pub price: f64,
    /// ISO 4217 code.
    pub currency: String,
    /// The retailer's return window for this garment, in days, when known.
    pub return_window_days: Option<u32>,
}

/// A new order with one retailer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewOrder {
    /// The retailer ordered from.
    pub retailer: String,
    /// The retailer's order number (unique per retailer).
    pub order_number: String,
    /// The order date (ISO 8601).
    pub date: String,
    /// The garments ordered (at least one).
    pub items: Vec<NewOrderItem>,
}

/// A stored order item: the garment as it was ordered, its id, and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    /// The item's id: what `order return --id` and `order status --id` take.
    pub id: i64,
    /// The garment as ordered (its fields stand beside `id` in JSON).
    #[serde(flatten)]
    pub line: NewOrderItem,
    /// Where the item stands.
    pub status: ItemStatus,
    /// Order date + return window (`YYYY-MM-DD`), when the window is known.
    pub return_deadline: Option<String>,
    /// The return, with its reason and fit feedback, once returned.
    #[serde(rename = "return")]
    pub returned: Option<ReturnRecord>,
}

/// A stored order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// The order's id in the store.
    pub id: i64,
    /// The retailer ordered from.
    pub retailer: String,
    /// The retailer's order number.
    pub order_number: String,
    /// The order date (ISO 8601).
    pub date: String,
    /// The garments of the order.
    pub items: Vec<OrderItem>,
}

impl NewOrder {
    /// The order with every field checked and normalized; fields of items are named
    /// `items[i].field`.
    pub(crate) fn validated(&self) -> Result<NewOrder, StoreError> {
        if self.items.is_empty() {
            return Err(StoreError::invalid("items", Problem::NoItems));
        }
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let field = |name: &str| format!("items[{i}].{name}");
                let (price, currency) = validate::price(
                    &field("price"),
                    &field("currency"),
                    item.price,
                    &item.currency,
                )?;
                if item.return_window_days.is_some_and(|d| d > 3650) {
                    return Err(StoreError::invalid(
                        field("return_window_days"),
                        Problem::TooManyDays(3650),
                    ));
                }
                Ok(NewOrderItem {
                    sku: validate::required(&field("sku"), &item.sku)?,
                    name: validate::optional(&item.name),
                    size: validate::size(&field("size"), &item.size)?,
                    colour: validate::optional(&item.colour),
                    price,
                    currency,
                    return_window_days: item.return_window_days,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(NewOrder {
            retailer: validate::required("retailer", &self.retailer)?,
            order_number: validate::required("order_number", &self.order_number)?,
            date: validate::date("date", &self.date)?,
            items,
        })
    }
}

/// Inserts a validated order (items `ordered`) with the given id (or a new one).
pub(crate) fn insert_order(
    conn: &Connection,
    id: Option<i64>,
    order: &NewOrder,
) -> Result<i64, StoreError> {
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM orders WHERE retailer = ?1 COLLATE NOCASE AND order_number = ?2",
            params![order.retailer, order.order_number],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        return Err(StoreError::Conflict(Clash::DuplicateOrder {
            number: order.order_number.clone(),
            retailer: order.retailer.clone(),
            existing,
        }));
    }
    conn.prepare_cached(
        "INSERT INTO orders (id, retailer, order_number, date) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, order.retailer, order.order_number, order.date])?;
    let order_id = conn.last_insert_rowid();
    let mut insert = conn.prepare_cached(
        "INSERT INTO order_items (order_id, sku, name, size, colour, price, currency, return_window_days, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'ordered')",
    )?;
    for item in &order.items {
        insert.execute(params![
            order_id,
            item.sku,
            item.name,
            item.size,
            item.colour,
            item.price,
            item.currency,
            item.return_window_days
        ])?;
    }
    Ok(order_id)
}

/// Orders selected by `filter` (an SQL condition on `orders`), ordered by `order`, with their
/// items, returns and deadlines.
pub(crate) fn load_orders(
    conn: &Connection,
    filter: &str,
    params: Vec<Value>,
    order: &str,
    limit: i64,
) -> Result<Vec<Order>, StoreError> {
    let sql = format!(
        "SELECT id, retailer, order_number, date FROM orders WHERE {filter} ORDER BY {order} LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut orders: Vec<Order> = stmt
        .query_map(params_from_iter(params), |r| {
            Ok(Order {
                id: r.get(0)?,
                retailer: r.get(1)?,
                order_number: r.get(2)?,
                date: r.get(3)?,
                items: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut items = conn.prepare_cached(
        "SELECT id, sku, name, size, colour, price, currency, return_window_days, status
         FROM order_items WHERE order_id = ?1 ORDER BY id",
    )?;
    for order in &mut orders {
        let rows = items.query_map([order.id], |r| {
            let status: String = r.get(8)?;
            Ok(OrderItem {
                id: r.get(0)?,
                line: NewOrderItem {
                    sku: r.get(1)?,
                    name: r.get(2)?,
                    size: r.get(3)?,
                    colour: r.get(4)?,
                    price: r.get(5)?,
                    currency: r.get(6)?,
                    return_window_days: r.get(7)?,
                },
                status: ItemStatus::parse(&status).unwrap_or(ItemStatus::Ordered),
                return_deadline: None,
                returned: None,
            })
        })?;
        for item in rows {
            let mut item = item?;
            item.return_deadline = item
                .line
                .return_window_days
                .and_then(|days| date::add_days(&order.date, i64::from(days)).ok());
            if item.status == ItemStatus::Returned {
                item.returned = load_return(conn, item.id)?;
            }
            order.items.push(item);
        }
    }
    Ok(orders)
}

impl Store {
    /// Records an order (every item `ordered`); returns its id.
    pub fn add_order(&mut self, order: &NewOrder) -> Result<i64, StoreError> {
        let order = order.validated()?;
        self.write(|tx| insert_order(tx, None, &order))
    }

    /// Records many orders in one transaction (an order history imported from a retailer);
    /// either all are recorded or none.
    pub fn add_orders(&mut self, orders: &[NewOrder]) -> Result<Vec<i64>, StoreError> {
        let orders = orders
            .iter()
            .enumerate()
            .map(|(i, o)| {
                o.validated().map_err(|e| match e {
                    StoreError::Invalid { field, problem } => {
                        StoreError::invalid(format!("orders[{i}].{field}"), problem)
                    }
                    other => other,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.write(|tx| {
            orders
                .iter()
                .map(|order| insert_order(tx, None, order))
                .collect()
        })
    }

    /// One order with its items.
    pub fn order(&self, id: i64) -> Result<Order, StoreError> {
        load_orders(self.conn(), "id = ?1", vec![Value::Integer(id)], "id", 1)?
            .pop()
            .ok_or(StoreError::NotFound { what: "order", id })
    }

    /// The newest `limit` orders (by order date, then by id), newest first.
    pub fn list_orders(&self, limit: usize) -> Result<Vec<Order>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        load_orders(self.conn(), "1", Vec::new(), "date DESC, id DESC", limit)
    }

    /// Every order with one retailer (case-insensitive), newest first.
    pub fn orders_with(&self, retailer: &str) -> Result<Vec<Order>, StoreError> {
        load_orders(
            self.conn(),
            "retailer = ?1 COLLATE NOCASE",
            vec![Value::Text(retailer.trim().to_string())],
            "date DESC, id DESC",
            -1,
        )
    }

    /// Sets the status of one order item. An item with a recorded return stays `returned`.
    pub fn set_item_status(&mut self, item_id: i64, status: ItemStatus) -> Result<(), StoreError> {
        self.write(|tx| {
            let current: Option<String> = tx
                .query_row(
                    "SELECT status FROM order_items WHERE id = ?1",
                    [item_id],
                    |r| r.get(0),
                )
                .optional()?;
            if current.is_none() {
                return Err(StoreError::NotFound {
                    what: "order item",
                    id: item_id,
                });
            }
            if status != ItemStatus::Returned && load_return(tx, item_id)?.is_some() {
                return Err(StoreError::Conflict(Clash::StaysReturned(item_id)));
            }
            tx.execute(
                "UPDATE order_items SET status = ?1 WHERE id = ?2",
                params![status.as_str(), item_id],
            )?;
            Ok(())
        })
    }
}
