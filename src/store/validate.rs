//! Checks on what the shopper or a retailer page typed: names, prices, currencies, size labels,
//! dates and measurement values. Every refusal names the field.

use super::date;
use super::{Problem, StoreError};
use crate::measurements::Measurements;

/// The ISO 4217 codes the store accepts, with their number of decimals (minor units).
pub const CURRENCIES: &[(&str, u32)] = &[
    ("EUR", 2),
    ("USD", 2),
    ("GBP", 2),
    ("CHF", 2),
    ("SEK", 2),
    ("DKK", 2),
    ("NOK", 2),
    ("ISK", 0),
    ("PLN", 2),
    ("CZK", 2),
    ("HUF", 2),
    ("RON", 2),
    ("BGN", 2),
    ("TRY", 2),
    ("UAH", 2),
    ("RSD", 2),
    ("JPY", 0),
    ("KRW", 0),
    ("CNY", 2),
    ("HKD", 2),
    ("TWD", 2),
    ("SGD", 2),
    ("INR", 2),
    ("THB", 2),
    ("MYR", 2),
    ("IDR", 2),
    ("PHP", 2),
    ("VND", 0),
    ("AED", 2),
    ("SAR", 2),
    ("ILS", 2),
    ("CAD", 2),
    ("MXN", 2),
    ("BRL", 2),
    ("ARS", 2),
    ("CLP", 0),
    ("COP", 2),
    ("AUD", 2),
    ("NZD", 2),
    ("ZAR", 2),
];

/// The largest price accepted, in any currency.
pub const MAX_PRICE: f64 = 1e12;

/// A trimmed, non-empty text.
pub fn required(field: &str, value: &str) -> Result<String, StoreError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(StoreError::invalid(field, Problem::Empty));
    }
    Ok(value.to_string())
}

/// A trimmed, possibly empty text.
pub fn optional(value: &str) -> String {
    value.trim().to_string()
}

/// The upper-case code and its number of decimals, or a refusal naming `field`.
pub fn currency(field: &str, code: &str) -> Result<(String, u32), StoreError> {
    let upper = code.trim().to_ascii_uppercase();
    CURRENCIES
        .iter()
        .find(|(c, _)| *c == upper)
        .map(|&(c, decimals)| (c.to_string(), decimals))
        .ok_or_else(|| {
            StoreError::invalid(field, Problem::UnknownCurrency(code.trim().to_string()))
        })
}

/// A price: finite, not negative, at most [`MAX_PRICE`], rounded to the currency's minor unit.
/// Returns the rounded amount and the normalized currency code.
pub fn price(
    field: &str,
    currency_field: &str,
    amount: f64,
    code: &str,
) -> Result<(f64, String), StoreError> {
    if !amount.is_finite() {
        return Err(StoreError::invalid(field, Problem::NotFinite));
    }
    if amount < 0.0 {
        return Err(StoreError::invalid(field, Problem::Negative(amount)));
    }
    if amount > MAX_PRICE {
        return Err(StoreError::invalid(field, Problem::TooLarge(amount)));
    }
    let (code, decimals) = currency(currency_field, code)?;
    Ok((round_to(amount, decimals), code))
}

/// `value` rounded to `decimals` places: the nearest double to a short decimal, which JSON
/// writes and reads back exactly.
pub fn round_to(value: f64, decimals: u32) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

const LETTER_SIZES: &[&str] = &[
    "XXXS", "3XS", "XXS", "2XS", "XS", "S", "M", "L", "XL", "XXL", "2XL", "XXXL", "3XL", "4XL",
    "5XL",
];

/// A size label, normalized: letter sizes `XXS`–`5XL` (and pairs like `S/M`), numeric EU/US/UK sizes (0–64, halves
/// allowed, optionally prefixed `EU`, `US`, `UK`, `IT`, `FR`, `DE`), waist/length like `32/34`
/// (also `W32/L34`, `32x34`), and one-size (`ONE SIZE`).
pub fn size(field: &str, label: &str) -> Result<String, StoreError> {
    let refuse = || StoreError::invalid(field, Problem::NotSize(label.trim().to_string()));
    let upper = label.trim().to_ascii_uppercase();
    if upper.is_empty() {
        return Err(StoreError::invalid(field, Problem::Empty));
    }
    let compact: String = upper
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .collect();
    if matches!(
        compact.as_str(),
        "ONESIZE" | "OS" | "OSFA" | "ONESIZEFITSALL"
    ) {
        return Ok("ONE SIZE".to_string());
    }
    if LETTER_SIZES.contains(&compact.as_str()) {
        return Ok(compact);
    }
    // Two neighbouring letter sizes: S/M, L/XL.
    if let Some((a, b)) = compact.split_once('/')
        && LETTER_SIZES.contains(&a)
        && LETTER_SIZES.contains(&b)
    {
        return Ok(format!("{a}/{b}"));
    }
    // Waist/length: 32/34, W32/L34, 32x34, W32 L34.
    let spaced: String = upper.replace(['W', 'L'], " ");
    let parts: Vec<&str> = spaced
        .split(|c: char| c == '/' || c == 'X' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() == 2 && (upper.contains('/') || upper.contains('X') || upper.starts_with('W')) {
        let waist = parts[0]
            .parse::<u32>()
            .ok()
            .filter(|w| (20..=60).contains(w));
        let length = parts[1]
            .parse::<u32>()
            .ok()
            .filter(|l| (20..=40).contains(l));
        return match (waist, length) {
            (Some(w), Some(l)) => Ok(format!("{w}/{l}")),
            _ => Err(refuse()),
        };
    }
    // Numeric, optionally with a sizing system in front.
    let (system, number) = match ["EU", "US", "UK", "IT", "FR", "DE"]
        .iter()
        .find(|p| compact.starts_with(**p))
    {
        Some(prefix) => (Some(*prefix), &compact[prefix.len()..]),
        None => (None, compact.as_str()),
    };
    let number = number.replace(',', ".");
    let valid_number = !number.is_empty()
        && number.len() <= 4
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.parse::<f64>().is_ok_and(|n| {
            (0.0..=64.0).contains(&n) && (n * 2.0).fract() == 0.0 && !number.ends_with('.')
        });
    if !valid_number {
        return Err(refuse());
    }
    Ok(match system {
        Some(system) => format!("{system} {number}"),
        None => number,
    })
}

/// A date (`YYYY-MM-DD` or RFC 3339), trimmed.
pub fn date(field: &str, value: &str) -> Result<String, StoreError> {
    date::parse(value).map_err(|reason| {
        StoreError::invalid(
            field,
            Problem::NotDate {
                typed: value.trim().to_string(),
                reason,
            },
        )
    })?;
    Ok(value.trim().to_string())
}

/// Measurement values: each finite and positive; values are kept to 0.01 (cm, or kg for the
/// weight) so that they survive the JSON backup exactly.
pub fn measurements(m: &Measurements) -> Result<Measurements, StoreError> {
    if m.values.is_empty() {
        return Err(StoreError::invalid("measurements", Problem::NoValues));
    }
    let mut out = m.clone();
    for (key, value) in out.values.iter_mut() {
        if !value.is_finite() || *value <= 0.0 || *value > 1000.0 {
            return Err(StoreError::invalid(
                key.as_str(),
                Problem::Implausible(*value),
            ));
        }
        *value = round_to(*value, 2);
    }
    for (var, value) in out.shape.iter_mut() {
        if !value.is_finite() || *value <= 0.0 || *value > 1000.0 {
            return Err(StoreError::invalid(
                var.as_str(),
                Problem::Implausible(*value),
            ));
        }
        *value = round_to(*value, 2);
    }
    Ok(out)
}
