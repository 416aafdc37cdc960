//! `anprobe wishlist add | list | remove`: garments the shopper is considering.

use super::{output, session};
use crate::store::{NewWishlistItem, date};
use clap::{Args, Subcommand};
use std::path::Path;
use std::process::ExitCode;

/// `anprobe wishlist ...`.
#[derive(Debug, Subcommand)]
pub enum WishlistCommand {
    /// Put a garment on the wishlist; prints only the new item's id.
    ///
    /// The id is printed once the item is saved (committed to disk), so a script may rely on it.
    /// Without --price the price is recorded as 0 (not noted).
    Add(WishlistAddArgs),
    /// List the wishlist, newest first (by the date added, then by id).
    List(WishlistListArgs),
    /// Take an item off the wishlist.
    Remove(WishlistRemoveArgs),
}

/// Arguments of `anprobe wishlist add`.
#[derive(Debug, Args)]
pub struct WishlistAddArgs {
    /// The shop (e.g. Zalando, COS)
    #[arg(long, value_name = "NAME")]
    pub retailer: String,
    /// The retailer's article number
    #[arg(long, value_name = "SKU")]
    pub sku: String,
    /// The size label: M, S/M, 38, EU 42, 32/34, one size...
    #[arg(long, value_name = "LABEL")]
    pub size: String,
    /// The garment's name
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub name: String,
    /// The colourway
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub colour: String,
    /// The price now, in --currency (e.g. 49.90)
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true)]
    pub price: Option<f64>,
    /// ISO 4217 currency code of the price
    #[arg(long, value_name = "CODE", default_value = "EUR")]
    pub currency: String,
    /// A note (e.g. "wait for sale")
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    /// When it was added (YYYY-MM-DD or RFC 3339); default today (the local date)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// Arguments of `anprobe wishlist list`.
#[derive(Debug, Args)]
pub struct WishlistListArgs {
    /// Print a JSON array of the items instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `anprobe wishlist remove`.
#[derive(Debug, Args)]
pub struct WishlistRemoveArgs {
    /// The item's id (from `wishlist add` or `wishlist list`)
    #[arg(long, value_name = "N")]
    pub id: i64,
}

pub(super) fn run(command: WishlistCommand, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    match command {
        WishlistCommand::Add(args) => add(args, data_dir),
        WishlistCommand::List(args) => list(&args, data_dir),
        WishlistCommand::Remove(args) => {
            let mut store = session::open(data_dir)?;
            store.remove_wishlist(args.id).map_err(session::failure)?;
            session::close(store);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn add(args: WishlistAddArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let item = NewWishlistItem {
        retailer: args.retailer,
        sku: args.sku,
        name: args.name,
        size: args.size,
        colourway: args.colour,
        price: args.price.unwrap_or(0.0),
        currency: args.currency,
        note: args.note,
        added: args.date.unwrap_or_else(date::today_local),
    };
    let mut store = session::open(data_dir)?;
    let id = store.add_wishlist(&item).map_err(session::failure)?;
    output::print(&format!("{id}\n"))?;
    session::close(store);
    Ok(ExitCode::SUCCESS)
}

fn list(args: &WishlistListArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let store = session::open(data_dir)?;
    let items = store.list_wishlist().map_err(session::failure)?;
    if args.json {
        output::print_json(&items)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.id.to_string(),
                i.wish.added.clone(),
                i.wish.retailer.clone(),
                i.wish.sku.clone(),
                i.wish.size.clone(),
                if i.wish.price == 0.0 {
                    "-".into()
                } else {
                    output::price(i.wish.price, &i.wish.currency)
                },
                output::or_dash(&i.wish.colourway),
                output::or_dash(&i.wish.name),
                output::or_dash(&i.wish.note),
            ]
        })
        .collect();
    output::print(&output::table(
        &[
            "ID", "ADDED", "RETAILER", "SKU", "SIZE", "PRICE", "COLOUR", "NAME", "NOTE",
        ],
        &rows,
    ))?;
    Ok(ExitCode::SUCCESS)
}
