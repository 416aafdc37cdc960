//! Consents — per retailer or stylist: which measurement keys, and whether the order and contact
//! history may be seen — and the fit passport, which carries only what the consent allows.

use super::orders::Order;
use super::timeline::{Contact, CounterpartKind, load_contacts};
use super::{Store, StoreError, recovery, validate};
use crate::measurements::Key;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `format` field of a fit passport.
pub const PASSPORT_FORMAT: &str = "anprobe-fit-passport";

/// What one counterpart may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// The retailer or stylist (matched case-insensitively).
    pub counterpart: String,
    /// Whether the counterpart is a retailer or a stylist.
    pub kind: CounterpartKind,
    /// The measurements it may see.
    pub keys: Vec<Key>,
    /// Whether it may see the orders (with returns and fit feedback) placed with it.
    pub share_orders: bool,
    /// Whether it may see the contacts recorded with it.
    pub share_contacts: bool,
}

/// The keys in [`Key::ALL`] order, without duplicates, as stored: `chest_girth,waist_girth`.
pub(crate) fn keys_text(keys: &[Key]) -> String {
    Key::ALL
        .iter()
        .filter(|k| keys.contains(k))
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_keys(text: &str) -> Vec<Key> {
    text.split(',').filter_map(Key::parse).collect()
}

/// Writes a consent (replacing the counterpart's previous one) and seals it.
pub(crate) fn upsert_consent(conn: &Connection, c: &Consent) -> Result<(), StoreError> {
    let keys = keys_text(&c.keys);
    let seal = recovery::consent_seal(
        &c.counterpart,
        c.kind.as_str(),
        &keys,
        c.share_orders,
        c.share_contacts,
    );
    conn.execute(
        "DELETE FROM consents WHERE counterpart = ?1",
        [&c.counterpart],
    )?;
    conn.execute(
        "INSERT INTO consents (counterpart, kind, keys, share_orders, share_contacts, seal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.counterpart,
            c.kind.as_str(),
            keys,
            c.share_orders,
            c.share_contacts,
            seal
        ],
    )?;
    Ok(())
}

/// Consents matching `filter`, sorted by counterpart, each verified against its seal.
fn load_consents(conn: &Connection, counterpart: Option<&str>) -> Result<Vec<Consent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, counterpart, kind, keys, share_orders, share_contacts, seal FROM consents
         WHERE ?1 IS NULL OR counterpart = ?1 ORDER BY counterpart, rowid",
    )?;
    let rows = stmt.query_map([counterpart.map(str::trim)], recovery::consent_row)?;
    let mut out = Vec::new();
    for row in rows {
        let (rowid, counterpart, kind, keys, share_orders, share_contacts, seal) = row?;
        if recovery::consent_seal(&counterpart, &kind, &keys, share_orders, share_contacts) != seal
        {
            return Err(recovery::ChecksumFailure {
                table: "consents",
                id: rowid,
                row: format!("consent for {counterpart:?}"),
            }
            .into_error());
        }
        out.push(Consent {
            counterpart,
            kind: CounterpartKind::parse(&kind).unwrap_or(CounterpartKind::Retailer),
            keys: parse_keys(&keys),
            share_orders,
            share_contacts,
        });
    }
    Ok(out)
}

#[derive(Serialize)]
struct Passport<'a> {
    format: &'static str,
    version: u32,
    counterpart: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    measured_on: Option<String>,
    /// cm, kg for `weight_kg`.
    measurements: BTreeMap<Key, f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    orders: Option<Vec<Order>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contacts: Option<Vec<Contact>>,
}

impl Store {
    /// Records what `consent.counterpart` may see, replacing its earlier consent.
    pub fn set_consent(&mut self, consent: &Consent) -> Result<(), StoreError> {
        let consent = Consent {
            counterpart: validate::required("counterpart", &consent.counterpart)?,
            ..consent.clone()
        };
        self.write(|tx| upsert_consent(tx, &consent))
    }

    /// Withdraws a counterpart's consent; returns whether there was one.
    pub fn revoke_consent(&mut self, counterpart: &str) -> Result<bool, StoreError> {
        let counterpart = counterpart.trim().to_string();
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM consents WHERE counterpart = ?1",
                [&counterpart],
            )? > 0)
        })
    }

    /// Every consent, sorted by counterpart.
    pub fn consents(&self) -> Result<Vec<Consent>, StoreError> {
        load_consents(self.conn(), None)
    }

    /// One counterpart's consent, if any.
    pub fn consent(&self, counterpart: &str) -> Result<Option<Consent>, StoreError> {
        Ok(load_consents(self.conn(), Some(counterpart))?.pop())
    }

    /// The fit passport for `counterpart`, as JSON: the consented keys of the profile's latest
    /// measurements, and — only if consented — the orders placed with it (with returns and fit
    /// feedback) and the contacts with it. Nothing else.
    pub fn fit_passport(&self, profile_id: i64, counterpart: &str) -> Result<String, StoreError> {
        let consent = self
            .consent(counterpart)?
            .ok_or_else(|| StoreError::NoConsent(counterpart.trim().to_string()))?;
        let latest = self.latest_measurements(profile_id)?;
        let mut measurements = BTreeMap::new();
        let mut measured_on = None;
        if let Some(snapshot) = latest {
            for key in &consent.keys {
                if let Some(value) = snapshot.measurements.get(*key) {
                    measurements.insert(*key, value);
                }
            }
            if !measurements.is_empty() {
                measured_on = Some(snapshot.taken);
            }
        }
        let orders = if consent.share_orders {
            Some(self.orders_with(&consent.counterpart)?)
        } else {
            None
        };
        let contacts = if consent.share_contacts {
            Some(load_contacts(self.conn(), Some(&consent.counterpart))?)
        } else {
            None
        };
        let passport = Passport {
            format: PASSPORT_FORMAT,
            // 2: `waist_girth` is the natural waist, `omphalion_girth` the navel's (in 1 the
            // navel's was `waist_girth`).
            version: 2,
            counterpart: &consent.counterpart,
            measured_on,
            measurements,
            orders,
            contacts,
        };
        serde_json::to_string_pretty(&passport)
            .map_err(|e| StoreError::Import(format!("cannot write the passport: {e}")))
    }
}
