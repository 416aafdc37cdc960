//! The Timeline tab's search: which entries of "what happened before" match what the shopper
//! typed. Pure functions, so the filter is tested without a window.

use crate::store::{TimelineEntry, TimelineEvent};

/// The words an entry is found by: a contact's summary and outcome (and channel), an order's
/// number and garments (article number, name, size, colour), a return's garment, reason and fit.
pub fn haystack(entry: &TimelineEntry) -> String {
    let fit_words: Vec<String>;
    let mut words: Vec<&str> = Vec::new();
    match &entry.event {
        TimelineEvent::Contact(c) => {
            words.extend([
                c.record.summary.as_str(),
                c.record.outcome.as_str(),
                c.record.channel.as_str(),
            ]);
        }
        TimelineEvent::Order(o) => {
            words.push(&o.order_number);
            for item in &o.items {
                words.extend([
                    &*item.line.sku,
                    &item.line.name,
                    &item.line.size,
                    &item.line.colour,
                ]);
            }
        }
        TimelineEvent::Return {
            order_number, item, ..
        } => {
            words.extend([
                &**order_number,
                &item.line.sku,
                &item.line.name,
                &item.line.size,
            ]);
            if let Some(record) = &item.returned {
                words.push(&record.reason);
                fit_words = record
                    .fit
                    .iter()
                    .map(|(r, v)| format!("{} {}", r.as_str(), v.as_str()))
                    .collect();
                words.extend(fit_words.iter().map(String::as_str));
            }
        }
    }
    words.join("\n").to_lowercase()
}

/// Whether `entry` holds every word of `query`, ignoring case (`"ärmel LANG"` finds
/// "Ärmel zu lang"). An empty query matches everything.
pub fn matches(entry: &TimelineEntry, query: &str) -> bool {
    let hay = haystack(entry);
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| hay.contains(word))
}

/// The entries matching `query`, in their order.
pub fn filter_timeline<'a>(entries: &'a [TimelineEntry], query: &str) -> Vec<&'a TimelineEntry> {
    entries.iter().filter(|e| matches(e, query)).collect()
}
