//! What the store commands print: stdout written without panicking on a closed pipe, JSON
//! arrays, aligned tables for people, prices with the currency's decimals.

use crate::store::validate::CURRENCIES;
use serde::Serialize;
use std::io::Write;

/// Writes `text` to stdout and flushes; a closed pipe or full disk is an error, not a panic.
pub(super) fn print(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))
}

/// `value` as pretty JSON and a newline on stdout.
pub(super) fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), String> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| format!("cannot write the JSON: {e}"))?;
    print(&format!("{text}\n"))
}

/// A table for people: a header line and one line per row, columns separated by at least two
/// spaces and left-aligned, no trailing spaces. Control characters in cells become spaces so
/// that each row stays on one line.
pub(super) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let clean = |cell: &str| -> String {
        cell.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| clean(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            let pad = width - cell.chars().count();
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `49.90 EUR`, `1200 JPY`: the amount with its currency's minor unit.
pub(super) fn price(amount: f64, currency: &str) -> String {
    let decimals = CURRENCIES
        .iter()
        .find(|(code, _)| *code == currency)
        .map_or(2, |&(_, d)| d as usize);
    format!("{amount:.decimals$} {currency}")
}

/// The cell for an optional text: `-` when empty.
pub(super) fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "-".into()
    } else {
        text.to_string()
    }
}
