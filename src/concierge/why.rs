//! What the concierge says, as data: why a product is suggested ([`Why`]), why the first
//! retailer's product is not enough ([`Lacking`]) and what a reminder is about ([`About`]). The
//! command line and the JSON read the English sentences written here; the app writes German
//! from the same values (`app::concierge_words`).

use crate::fit::english::region_name;
use crate::garment::{Region, Verdict};
use crate::sizing::Adjustment;

/// A garment the shopper sent back, with what they said about its fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Returned {
    /// The product's name.
    pub name: String,
    /// The fit feedback per region (may be empty).
    pub fit: Vec<(Region, Verdict)>,
}

impl Returned {
    /// `"too tight at the chest and too long at the sleeve"`, `"not right"` without feedback.
    pub fn said(&self) -> String {
        if self.fit.is_empty() {
            return "not right".into();
        }
        let parts: Vec<String> = self
            .fit
            .iter()
            .map(|(region, verdict)| {
                format!("too {} at the {}", verdict.as_str(), region_name(*region))
            })
            .collect();
        parts.join(" and ")
    }
}

/// One reason of a suggestion.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// It completes the look of a product kept (in size `kept_in`) or wished for (`None`).
    CompletesLook {
        /// The kept or wished-for product's name.
        name: String,
        /// The size kept, `None` for a wishlist item.
        kept_in: Option<String>,
    },
    /// Another colour of a product kept or wished for.
    OtherColour {
        /// The product's name.
        name: String,
        /// The suggested product's colour.
        colour: String,
        /// The size kept, `None` for a wishlist item.
        kept_in: Option<String>,
    },
    /// It is like a product kept or wished for; and another of its category went back.
    LikeYours {
        /// The kept or wished-for product's name.
        name: String,
        /// The size kept, `None` for a wishlist item.
        kept_in: Option<String>,
        /// A product of the same category the shopper returned.
        returned: Option<Returned>,
    },
    /// The size to order and its probability.
    Size {
        /// The size's label.
        size: String,
        /// Its probability.
        probability: f64,
    },
    /// A brand's lesson from the shopper's returns.
    Lesson(Adjustment),
    /// An alternative: like the product it stands in for.
    Alike {
        /// The alternative's name.
        name: String,
        /// The original's name.
        original: String,
        /// The likeness, 0–1.
        likeness: f64,
        /// The alternative's size.
        size: String,
        /// That size's probability.
        probability: f64,
    },
    /// An alternative: the same garment (brand and name) at another retailer.
    SameElsewhere {
        /// That retailer.
        retailer: String,
        /// Its colour there.
        colour: String,
        /// Whether it is the original's colour.
        same_colour: bool,
        /// The size.
        size: String,
        /// That size's probability.
        probability: f64,
    },
    /// This retailer has it in the shopper's size (the original's has not).
    HasYourSize {
        /// The retailer.
        retailer: String,
    },
}

/// `"the Linen Shirt you kept in M"` / `"the Linen Shirt on your wishlist"`.
fn yours(name: &str, kept_in: &Option<String>) -> String {
    match kept_in {
        Some(size) => format!("the {name} you kept in {size}"),
        None => format!("the {name} on your wishlist"),
    }
}

impl Why {
    /// The reason as an English sentence.
    pub fn english(&self) -> String {
        match self {
            Why::CompletesLook { name, kept_in } => {
                format!("completes the look of {}", yours(name, kept_in))
            }
            Why::OtherColour {
                name,
                colour,
                kept_in,
            } => match kept_in {
                Some(size) => format!("the {name} you kept in {size}, now in {colour}"),
                None => format!("the {name} on your wishlist, in {colour}"),
            },
            Why::LikeYours {
                name,
                kept_in,
                returned,
            } => {
                let did = match kept_in {
                    Some(size) => format!("you kept the {name} in {size}"),
                    None => format!("the {name} is on your wishlist"),
                };
                match returned {
                    Some(r) => format!("because {did} and returned the {} as {}", r.name, r.said()),
                    None => format!("because {did}"),
                }
            }
            Why::Size { size, probability } => {
                format!("size {size}, {:.0} % likely", probability * 100.0)
            }
            Why::Lesson(a) => a.text.clone(),
            Why::Alike {
                name,
                original,
                likeness,
                size,
                probability,
            } => format!(
                "{name} like the {original} ({:.0} % alike), size {size} {:.0} % likely",
                likeness * 100.0,
                probability * 100.0
            ),
            Why::SameElsewhere {
                retailer,
                colour,
                same_colour,
                size,
                probability,
            } => {
                let which = if *same_colour {
                    format!("the same garment in the same colour ({colour})")
                } else {
                    format!("the same garment in {colour}")
                };
                format!(
                    "{which} at {retailer}, size {size} {:.0} % likely",
                    probability * 100.0
                )
            }
            Why::HasYourSize { retailer } => format!("{retailer} has it in your size"),
        }
    }
}

/// Why the first retailer's product is not enough.
#[derive(Clone, Debug, PartialEq)]
pub enum Lacking {
    /// No size of it fits.
    NoSize {
        /// The product's name.
        name: String,
        /// Its retailer.
        retailer: String,
    },
    /// The size that fits is out of stock.
    OutOfStock {
        /// The product's name.
        name: String,
        /// Its retailer.
        retailer: String,
        /// The size that fits.
        size: String,
    },
}

impl Lacking {
    /// As an English sentence.
    pub fn english(&self) -> String {
        match self {
            Lacking::NoSize { name, retailer } => {
                format!("no size of the {name} fits you at {retailer}")
            }
            Lacking::OutOfStock {
                name,
                retailer,
                size,
            } => format!("{retailer} has no {name} in size {size} in stock"),
        }
    }
}

/// What a reminder is about, with what its sentence needs.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum About {
    /// Return the item by its deadline (`date`), `days_left` (0: today is the last day).
    ReturnBy {
        /// The item's name.
        name: String,
        /// The order's number.
        order_number: String,
        /// Days left after today.
        days_left: i64,
    },
    /// A wishlisted product costs less since `date`.
    PriceDrop {
        /// The product's name.
        name: String,
        /// The new price.
        price: f64,
        /// The price before.
        was: f64,
        /// ISO 4217 code.
        currency: String,
    },
    /// A wishlisted size is in stock again since `date`.
    BackInStock {
        /// The product's name.
        name: String,
        /// The size.
        size: String,
    },
    /// Not known (a reminder read back from JSON).
    #[default]
    Unknown,
}

impl About {
    /// The reminder as an English sentence; `retailer` and `date` are the reminder's.
    pub fn english(&self, retailer: &str, date: &str) -> String {
        match self {
            About::ReturnBy {
                name,
                order_number,
                days_left,
            } => {
                let when = match days_left {
                    0 => "today is the last day".to_string(),
                    1 => "1 day left".to_string(),
                    n => format!("{n} days left"),
                };
                format!("return the {name} (order {order_number} at {retailer}) by {date}: {when}")
            }
            About::PriceDrop {
                name,
                price,
                was,
                currency,
            } => format!(
                "the {name} at {retailer} is {price:.2} {currency} since {date} (was {was:.2})"
            ),
            About::BackInStock { name, size } => {
                format!("the {name} at {retailer} is in stock again in size {size} since {date}")
            }
            About::Unknown => String::new(),
        }
    }
}
