//! `anprobe recommend`, `anprobe alternatives` and `anprobe reminders`: the concierge's advice
//! from the store — its products (`catalog add`), the shopper's orders, returns and wishlist,
//! and a profile's measurements (or a measurements file). docs/concierge.md; the JSON in
//! docs/cli.md.

use super::avatar::{load, resolve};
use super::output::{print, print_json};
use super::session;
use crate::catalog::Product;
use crate::concierge::{self, Shopper, Suggestion};
use crate::measurements::{Measurements, Resolved};
use crate::store::Store;
use clap::Args;
use std::path::{Path, PathBuf};

/// Whose body the advice is for.
#[derive(Debug, Args)]
pub struct ShopperArgs {
    /// The store's profile (by name); default the profile the app shows, else the first
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// A measurements file instead of a profile's measurements
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: Option<PathBuf>,
    /// At most this many products
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Print JSON instead of lines
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `anprobe recommend`.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// Whose, how many, how printed
    #[command(flatten)]
    pub shopper: ShopperArgs,
}

/// Arguments of `anprobe alternatives`.
#[derive(Debug, Args)]
pub struct AlternativesArgs {
    /// The retailer of the product
    #[arg(long, value_name = "NAME")]
    pub retailer: String,
    /// The product's SKU
    #[arg(long, value_name = "SKU")]
    pub sku: String,
    /// Whose, how many, how printed
    #[command(flatten)]
    pub shopper: ShopperArgs,
}

/// Arguments of `anprobe reminders`.
#[derive(Debug, Args)]
pub struct RemindersArgs {
    /// The day to remind for (YYYY-MM-DD; default today, the local date)
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Dismiss the reminder with this key (from --json): it is not shown again
    #[arg(long, value_name = "KEY")]
    pub dismiss: Vec<String>,
    /// Print JSON instead of lines
    #[arg(long)]
    pub json: bool,
}

/// `anprobe reminders`.
pub(super) fn reminders(args: &RemindersArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let mut store = session::open(data_dir)?;
    let today = args
        .today
        .clone()
        .unwrap_or_else(crate::store::date::today_local);
    for key in &args.dismiss {
        store
            .dismiss_reminder(key, &today)
            .map_err(session::failure)?;
    }
    let orders = store.list_orders(usize::MAX).map_err(session::failure)?;
    let wishlist = store.list_wishlist().map_err(session::failure)?;
    let products = store.products(None).map_err(session::failure)?;
    let dismissed = store.dismissed_reminders().map_err(session::failure)?;
    if args.dismiss.is_empty() {
        drop(store);
    } else {
        session::close(store);
    }
    let found = concierge::reminders(&today, &orders, &wishlist, &products, &dismissed)
        .map_err(|e| format!("--today: {e}"))?;
    if args.json {
        return print_json(&found);
    }
    let text: String = found.iter().map(|r| format!("{}\n", r.text)).collect();
    print(if text.is_empty() {
        "no reminders\n"
    } else {
        &text
    })
}

/// The body: a measurements file, or a profile's latest measurements.
fn body(store: &Store, args: &ShopperArgs) -> Result<Resolved, String> {
    let (measurements, label) =
        self::measurements(store, args.profile.as_deref(), args.measurements.as_deref())?;
    resolve(&measurements, &label)
}

/// The shopper's measurements as typed: `file`, or the latest of the profile named `profile`
/// (default the profile the app shows, else the first); with the file or profile name.
pub(super) fn measurements(
    store: &Store,
    profile: Option<&str>,
    file: Option<&Path>,
) -> Result<(Measurements, PathBuf), String> {
    if let Some(path) = file {
        return Ok((load(path)?, path.to_path_buf()));
    }
    let profiles = store.profiles().map_err(session::failure)?;
    let shown = store.shown_profile().map_err(session::failure)?;
    let profile = match profile {
        Some(name) => profiles
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| format!("no profile named \"{name}\" in the store"))?,
        None => profiles
            .iter()
            .find(|p| Some(p.id) == shown)
            .or(profiles.first())
            .ok_or("no profile in the store: give --measurements FILE, or add one in the app")?,
    };
    let snapshot = store
        .latest_measurements(profile.id)
        .map_err(session::failure)?
        .ok_or_else(|| format!("profile \"{}\" has no measurements yet", profile.name))?;
    Ok((snapshot.measurements, PathBuf::from(&profile.name)))
}

fn context(data_dir: Option<&Path>, args: &ShopperArgs) -> Result<Shopper, String> {
    let store = session::open(data_dir)?;
    let resolved = body(&store, args)?;
    let products: Vec<Product> = store
        .products(None)
        .map_err(session::failure)?
        .into_iter()
        .map(|s| s.product)
        .collect();
    if products.is_empty() {
        return Err(
            "no products in the store: add a retailer's catalog with `anprobe catalog add PATH`"
                .into(),
        );
    }
    let orders = store.list_orders(usize::MAX).map_err(session::failure)?;
    let wishlist = store.list_wishlist().map_err(session::failure)?;
    Ok(Shopper::new(products, orders, wishlist, &resolved))
}

/// One suggestion as lines: `1. Linen Shirt — Maison Verte MV-1 — size M, 87 % — 79.00 EUR`, its
/// reasons indented.
fn lines(n: usize, s: &Suggestion) -> String {
    let mut text = format!(
        "{n}. {} \u{2014} {} {} \u{2014} size {}, {:.0} % \u{2014} {}\n",
        s.name,
        s.retailer,
        s.sku,
        s.size,
        s.probability * 100.0,
        super::output::price(s.price, &s.currency)
    );
    for r in &s.reasons {
        text.push_str(&format!("   {r}\n"));
    }
    text
}

/// `anprobe recommend`.
pub(super) fn recommend(args: &RecommendArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let c = context(data_dir, &args.shopper)?;
    let found = c.recommend(args.shopper.limit);
    if args.shopper.json {
        return print_json(&found);
    }
    let text: String = found
        .iter()
        .enumerate()
        .map(|(i, s)| lines(i + 1, s))
        .collect();
    print(if text.is_empty() {
        "nothing to suggest yet\n"
    } else {
        &text
    })
}

/// `anprobe alternatives`.
pub(super) fn alternatives(args: &AlternativesArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let c = context(data_dir, &args.shopper)?;
    let found = c
        .alternatives(&args.retailer, &args.sku, args.shopper.limit)
        .ok_or_else(|| {
            format!(
                "no product {} of {} in the store (`anprobe catalog list`)",
                args.sku, args.retailer
            )
        })?;
    if args.shopper.json {
        return print_json(&found);
    }
    let mut text = String::new();
    if let Some(why) = &found.lacking {
        text.push_str(&format!("{why}\n"));
    }
    for (i, s) in found.products.iter().enumerate() {
        text.push_str(&lines(i + 1, s));
    }
    if found.products.is_empty() {
        text.push_str("no alternative found\n");
    }
    print(&text)
}
