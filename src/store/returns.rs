//! Returns: per order item, the reason and fit feedback per garment region
//! (e.g. chest=tight, sleeve=long), in the fit's own vocabulary ([`Region`], [`Verdict`]).

use super::{Clash, Problem, Store, StoreError, date, validate};
use crate::garment::{Region, Verdict};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Parses fit feedback written as `chest=tight, sleeves=long`.
pub fn parse_fit(text: &str) -> Result<Vec<(Region, Verdict)>, StoreError> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (region, verdict) = part.split_once('=').ok_or_else(|| {
                StoreError::invalid("fit", Problem::NotRegionVerdict(part.to_string()))
            })?;
            let region = Region::parse(region).ok_or_else(|| {
                StoreError::invalid("fit", Problem::UnknownRegion(region.trim().to_string()))
            })?;
            // A shopper's feedback on a return: one of the five feedback verdicts (the fit
            // map's finer ones, such as `snug`, are not a shopper's words).
            let verdict = Verdict::parse(verdict)
                .filter(|v| Verdict::FEEDBACK.contains(v))
                .ok_or_else(|| {
                    StoreError::invalid("fit", Problem::UnknownVerdict(verdict.trim().to_string()))
                })?;
            Ok((region, verdict))
        })
        .collect()
}

/// A recorded return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRecord {
    /// When it was sent back (ISO 8601).
    pub date: String,
    /// Why it went back, in the shopper's words (may be empty).
    pub reason: String,
    /// Fit feedback per region.
    pub fit: BTreeMap<Region, Verdict>,
}

/// The fit feedback as a map; a region given twice is refused.
pub(crate) fn fit_map(fit: &[(Region, Verdict)]) -> Result<BTreeMap<Region, Verdict>, StoreError> {
    let mut map = BTreeMap::new();
    for &(region, verdict) in fit {
        if map.insert(region, verdict).is_some() {
            return Err(StoreError::invalid("fit", Problem::GivenTwice(region)));
        }
    }
    Ok(map)
}

pub(crate) fn load_return(
    conn: &Connection,
    item_id: i64,
) -> Result<Option<ReturnRecord>, StoreError> {
    let head: Option<(String, String)> = conn
        .prepare_cached("SELECT date, reason FROM returns WHERE item_id = ?1")?
        .query_row([item_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((date, reason)) = head else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare_cached("SELECT region, verdict FROM return_fit WHERE item_id = ?1")?;
    let mut fit = BTreeMap::new();
    for row in stmt.query_map([item_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (region, verdict) = row?;
        if let (Some(region), Some(verdict)) = (Region::parse(&region), Verdict::parse(&verdict)) {
            fit.insert(region, verdict);
        }
    }
    Ok(Some(ReturnRecord { date, reason, fit }))
}

/// Inserts a validated return for `item_id`.
pub(crate) fn insert_return(
    conn: &Connection,
    item_id: i64,
    record: &ReturnRecord,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO returns (item_id, date, reason) VALUES (?1, ?2, ?3)",
        params![item_id, record.date, record.reason],
    )?;
    let mut insert = conn
        .prepare_cached("INSERT INTO return_fit (item_id, region, verdict) VALUES (?1, ?2, ?3)")?;
    for (region, verdict) in &record.fit {
        insert.execute(params![item_id, region.as_str(), verdict.as_str()])?;
    }
    Ok(())
}

impl Store {
    /// Records the return of an order item with its reason and fit feedback, and marks the item
    /// `returned`, in one transaction.
    pub fn return_item(
        &mut self,
        item_id: i64,
        date: &str,
        reason: &str,
        fit: &[(Region, Verdict)],
    ) -> Result<(), StoreError> {
        let record = ReturnRecord {
            date: validate::date("date", date)?,
            reason: validate::optional(reason),
            fit: fit_map(fit)?,
        };
        self.write(|tx| {
            let order_date: Option<String> = tx
                .query_row(
                    "SELECT orders.date FROM order_items JOIN orders ON orders.id = order_items.order_id
                     WHERE order_items.id = ?1",
                    [item_id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(order_date) = order_date else {
                return Err(StoreError::NotFound {
                    what: "order item",
                    id: item_id,
                });
            };
            if let Some(earlier) = load_return(tx, item_id)? {
                return Err(StoreError::Conflict(Clash::AlreadyReturned {
                    item: item_id,
                    date: earlier.date,
                }));
            }
            let (returned, ordered) = (date::parse(&record.date), date::parse(&order_date));
            if let (Ok(returned), Ok(ordered)) = (returned, ordered)
                && returned < ordered
            {
                return Err(StoreError::invalid(
                    "date",
                    Problem::ReturnBeforeOrder {
                        returned: record.date.clone(),
                        ordered: order_date.clone(),
                    },
                ));
            }
            insert_return(tx, item_id, &record)?;
            tx.execute(
                "UPDATE order_items SET status = 'returned' WHERE id = ?1",
                [item_id],
            )?;
            Ok(())
        })
    }
}
