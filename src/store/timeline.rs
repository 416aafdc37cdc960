//! Contacts with retailers and stylists, and the timeline: contacts, orders and returns with one
//! counterpart in one history, newest first, searchable by text.

use super::orders::{Order, OrderItem};
use super::{Store, StoreError, date, validate};
use rusqlite::{Connection, Row, params};
use serde::{Deserialize, Serialize};

/// Who the shopper deals with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CounterpartKind {
    /// A shop the shopper buys from.
    Retailer,
    /// A stylist who advises the shopper.
    Stylist,
    /// A shopper this Anprobe's user advised as a stylist (the stylist's own record of a
    /// session: `session::client_record`). Never asked for consent: nothing is shared with a
    /// client through the consent matrix.
    Client,
}

impl CounterpartKind {
    /// The kind in files and on the command line: `"retailer"`, `"stylist"` or `"client"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CounterpartKind::Retailer => "retailer",
            CounterpartKind::Stylist => "stylist",
            CounterpartKind::Client => "client",
        }
    }

    /// The kind named by `text` (any case, surrounding space ignored).
    pub fn parse(text: &str) -> Option<CounterpartKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "retailer" => Some(CounterpartKind::Retailer),
            "stylist" => Some(CounterpartKind::Stylist),
            "client" => Some(CounterpartKind::Client),
            _ => None,
        }
    }
}

/// How a contact happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// In a shop, in person.
    Shop,
    /// By phone.
    Phone,
    /// By mail or e-mail.
    Mail,
    /// In a chat.
    Chat,
    /// In a stylist session.
    StylistSession,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 5] = [
        Channel::Shop,
        Channel::Phone,
        Channel::Mail,
        Channel::Chat,
        Channel::StylistSession,
    ];

    /// The channel in files and on the command line, e.g. `"stylist_session"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Shop => "shop",
            Channel::Phone => "phone",
            Channel::Mail => "mail",
            Channel::Chat => "chat",
            Channel::StylistSession => "stylist_session",
        }
    }

    /// The channel named by `text` (any case, surrounding space ignored, `-` read as `_`).
    pub fn parse(text: &str) -> Option<Channel> {
        let text = text.trim().to_ascii_lowercase().replace('-', "_");
        Channel::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// A contact to record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewContact {
    /// The retailer or stylist it was with.
    pub counterpart: String,
    /// Whether that is a retailer or a stylist.
    pub kind: CounterpartKind,
    /// How the contact happened.
    pub channel: Channel,
    /// When it happened (ISO 8601).
    pub date: String,
    /// What it was about.
    pub summary: String,
    /// What came of it (may be empty).
    pub outcome: String,
}

/// A recorded contact: the contact as recorded, and its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// The contact's id in the store.
    pub id: i64,
    /// What was recorded (its fields stand beside `id` in JSON).
    #[serde(flatten)]
    pub record: NewContact,
}

/// What happened, in a timeline.
#[derive(Clone, Debug, PartialEq)]
pub enum TimelineEvent {
    /// A recorded contact.
    Contact(Contact),
    /// An order with that retailer.
    Order(Order),
    /// One returned item of an order (its `returned` is set).
    Return {
        /// The order's id.
        order_id: i64,
        /// The retailer's order number.
        order_number: String,
        /// The returned item, with its return record.
        item: OrderItem,
    },
}

/// One line of a counterpart's history.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    /// The event's date (ISO 8601).
    pub date: String,
    /// The retailer or stylist whose history it is.
    pub counterpart: String,
    /// What happened.
    pub event: TimelineEvent,
}

impl TimelineEntry {
    /// The entry in words (what the search looks in, and what a list shows).
    pub fn text(&self) -> String {
        match &self.event {
            TimelineEvent::Contact(c) => format!(
                "{} {}: {} — {}",
                c.record.channel.as_str(),
                c.record.kind.as_str(),
                c.record.summary,
                c.record.outcome
            ),
            TimelineEvent::Order(o) => {
                let items: Vec<String> = o
                    .items
                    .iter()
                    .map(|i| {
                        format!(
                            "{} {} ({}, {}) {} {}",
                            i.line.sku,
                            i.line.name,
                            i.line.size,
                            i.line.colour,
                            i.line.price,
                            i.line.currency
                        )
                    })
                    .collect();
                format!("order {}: {}", o.order_number, items.join("; "))
            }
            TimelineEvent::Return {
                order_number, item, ..
            } => {
                let (reason, fit) =
                    item.returned
                        .as_ref()
                        .map_or((String::new(), String::new()), |r| {
                            let fit: Vec<String> = r
                                .fit
                                .iter()
                                .map(|(k, v)| format!("{}={}", k.as_str(), v.as_str()))
                                .collect();
                            (r.reason.clone(), fit.join(", "))
                        });
                format!(
                    "return of {} {} ({}) from order {order_number}: {reason} [{fit}]",
                    item.line.sku, item.line.name, item.line.size
                )
            }
        }
    }

    fn rank(&self) -> (i64, &str, u8, i64) {
        let day = date::parse(&self.date).map_or(i64::MIN, |d| d.to_days());
        let (kind, id) = match &self.event {
            TimelineEvent::Order(o) => (0, o.id),
            TimelineEvent::Contact(c) => (1, c.id),
            TimelineEvent::Return { item, .. } => (2, item.id),
        };
        (day, &self.date, kind, id)
    }
}

impl NewContact {
    pub(crate) fn validated(&self) -> Result<NewContact, StoreError> {
        Ok(NewContact {
            counterpart: validate::required("counterpart", &self.counterpart)?,
            kind: self.kind,
            channel: self.channel,
            date: validate::date("date", &self.date)?,
            summary: validate::required("summary", &self.summary)?,
            outcome: validate::optional(&self.outcome),
        })
    }
}

const COLUMNS: &str = "id, counterpart, kind, channel, date, summary, outcome";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Contact> {
    let kind: String = r.get(2)?;
    let channel: String = r.get(3)?;
    Ok(Contact {
        id: r.get(0)?,
        record: NewContact {
            counterpart: r.get(1)?,
            kind: CounterpartKind::parse(&kind).unwrap_or(CounterpartKind::Retailer),
            channel: Channel::parse(&channel).unwrap_or(Channel::Mail),
            date: r.get(4)?,
            summary: r.get(5)?,
            outcome: r.get(6)?,
        },
    })
}

/// Inserts a validated contact with the given id (or a new one).
pub(crate) fn insert_contact(
    conn: &Connection,
    id: Option<i64>,
    c: &NewContact,
) -> Result<i64, StoreError> {
    conn.execute(
        &format!("INSERT INTO contacts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        params![
            id,
            c.counterpart,
            c.kind.as_str(),
            c.channel.as_str(),
            c.date,
            c.summary,
            c.outcome
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Contacts in id order, all or with one counterpart (case-insensitive).
pub(crate) fn load_contacts(
    conn: &Connection,
    counterpart: Option<&str>,
) -> Result<Vec<Contact>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM contacts WHERE ?1 IS NULL OR counterpart = ?1 COLLATE NOCASE ORDER BY id"
    ))?;
    Ok(stmt
        .query_map([counterpart.map(str::trim)], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Records a contact with a retailer or a stylist; returns its id.
    pub fn add_contact(&mut self, contact: &NewContact) -> Result<i64, StoreError> {
        let contact = contact.validated()?;
        self.write(|tx| insert_contact(tx, None, &contact))
    }

    /// Contacts, all or with one counterpart, newest first.
    pub fn contacts(&self, counterpart: Option<&str>) -> Result<Vec<Contact>, StoreError> {
        let mut contacts = load_contacts(self.conn(), counterpart)?;
        contacts.sort_by(|a, b| {
            let day = |c: &Contact| date::parse(&c.record.date).map_or(i64::MIN, |d| d.to_days());
            (day(b), &b.record.date, b.id).cmp(&(day(a), &a.record.date, a.id))
        });
        Ok(contacts)
    }

    /// Everyone the shopper has a history with (contacts and orders), sorted by name.
    pub fn counterparts(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT counterpart FROM contacts UNION SELECT retailer FROM orders ORDER BY 1 COLLATE NOCASE",
        )?;
        let mut names: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        Ok(names)
    }

    /// The history with one counterpart — contacts, orders and returns — newest first.
    /// `search` keeps the entries whose text contains it (case-insensitive).
    pub fn timeline(
        &self,
        counterpart: &str,
        search: Option<&str>,
    ) -> Result<Vec<TimelineEntry>, StoreError> {
        let mut entries = Vec::new();
        for contact in load_contacts(self.conn(), Some(counterpart))? {
            entries.push(TimelineEntry {
                date: contact.record.date.clone(),
                counterpart: contact.record.counterpart.clone(),
                event: TimelineEvent::Contact(contact),
            });
        }
        for order in self.orders_with(counterpart)? {
            for item in &order.items {
                if let Some(record) = &item.returned {
                    entries.push(TimelineEntry {
                        date: record.date.clone(),
                        counterpart: order.retailer.clone(),
                        event: TimelineEvent::Return {
                            order_id: order.id,
                            order_number: order.order_number.clone(),
                            item: item.clone(),
                        },
                    });
                }
            }
            entries.push(TimelineEntry {
                date: order.date.clone(),
                counterpart: order.retailer.clone(),
                event: TimelineEvent::Order(order),
            });
        }
        if let Some(needle) = search
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
        {
            entries.retain(|e| e.text().to_lowercase().contains(&needle));
        }
        entries.sort_by(|a, b| b.rank().cmp(&a.rank()));
        Ok(entries)
    }
}
