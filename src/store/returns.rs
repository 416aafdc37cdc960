//! Returns: per order item, the reason and fit feedback per body region
//! (e.g. chest=tight, sleeves=long).

use super::{Store, StoreError, date, validate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A region of the garment the shopper can give fit feedback on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Chest,
    Waist,
    Hip,
    Shoulders,
    UpperArm,
    Thigh,
    Length,
    Sleeves,
    InsideLeg,
}

/// How a region fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Tight,
    Loose,
    Short,
    Long,
    Good,
}

impl Region {
    pub const ALL: [Region; 9] = [
        Region::Chest,
        Region::Waist,
        Region::Hip,
        Region::Shoulders,
        Region::UpperArm,
        Region::Thigh,
        Region::Length,
        Region::Sleeves,
        Region::InsideLeg,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Region::Chest => "chest",
            Region::Waist => "waist",
            Region::Hip => "hip",
            Region::Shoulders => "shoulders",
            Region::UpperArm => "upper_arm",
            Region::Thigh => "thigh",
            Region::Length => "length",
            Region::Sleeves => "sleeves",
            Region::InsideLeg => "inside_leg",
        }
    }

    pub fn parse(text: &str) -> Option<Region> {
        let text = text.trim().to_ascii_lowercase().replace('-', "_");
        Region::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl Verdict {
    pub const ALL: [Verdict; 5] = [
        Verdict::Tight,
        Verdict::Loose,
        Verdict::Short,
        Verdict::Long,
        Verdict::Good,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Tight => "tight",
            Verdict::Loose => "loose",
            Verdict::Short => "short",
            Verdict::Long => "long",
            Verdict::Good => "good",
        }
    }

    pub fn parse(text: &str) -> Option<Verdict> {
        let text = text.trim().to_ascii_lowercase();
        Verdict::ALL.into_iter().find(|v| v.as_str() == text)
    }
}

/// Parses fit feedback written as `chest=tight, sleeves=long`.
pub fn parse_fit(text: &str) -> Result<Vec<(Region, Verdict)>, StoreError> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (region, verdict) = part.split_once('=').ok_or_else(|| {
                StoreError::invalid("fit", format!("{part:?} is not region=verdict"))
            })?;
            let region = Region::parse(region).ok_or_else(|| {
                StoreError::invalid(
                    "fit",
                    format!(
                        "unknown region {:?} (chest, waist, hip, shoulders, upper_arm, thigh, length, sleeves, inside_leg)",
                        region.trim()
                    ),
                )
            })?;
            let verdict = Verdict::parse(verdict).ok_or_else(|| {
                StoreError::invalid(
                    "fit",
                    format!(
                        "unknown verdict {:?} (tight, loose, short, long, good)",
                        verdict.trim()
                    ),
                )
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
    pub reason: String,
    /// Fit feedback per region.
    pub fit: BTreeMap<Region, Verdict>,
}

/// The fit feedback as a map; a region given twice is refused.
pub(crate) fn fit_map(fit: &[(Region, Verdict)]) -> Result<BTreeMap<Region, Verdict>, StoreError> {
    let mut map = BTreeMap::new();
    for &(region, verdict) in fit {
        if map.insert(region, verdict).is_some() {
            return Err(StoreError::invalid(
                "fit",
                format!("{} is given twice", region.as_str()),
            ));
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
                return Err(StoreError::Conflict(format!(
                    "order item #{item_id} was already returned on {}",
                    earlier.date
                )));
            }
            let (returned, ordered) = (date::parse(&record.date), date::parse(&order_date));
            if let (Ok(returned), Ok(ordered)) = (returned, ordered)
                && returned < ordered
            {
                return Err(StoreError::invalid(
                    "date",
                    format!(
                        "the return date {} is before the order date {order_date}",
                        record.date
                    ),
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
