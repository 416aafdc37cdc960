//! `anprobe order add | list | return | status`: orders (one garment per `order add`), returns
//! with fit feedback, and each garment's status.

use super::{output, session};
use crate::store::{ItemStatus, NewOrder, NewOrderItem, date, parse_fit};
use clap::{Args, Subcommand, ValueEnum};
use std::path::Path;
use std::process::ExitCode;

/// `anprobe order ...`.
#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Record an order of one garment; prints only the new order's id.
    ///
    /// The id is printed once the order is saved (committed to disk). The garment gets an
    /// order item id of its own (shown by `order list`), which `order return` and `order status`
    /// take. An order number is recorded once per retailer.
    Add(OrderAddArgs),
    /// List the newest orders (by order date, then by id), one line per garment.
    List(OrderListArgs),
    /// Record the return of an ordered garment, with the reason and fit feedback; marks it
    /// returned.
    Return(OrderReturnArgs),
    /// Set an ordered garment's status.
    Status(OrderStatusArgs),
}

/// Arguments of `anprobe order add`.
#[derive(Debug, Args)]
pub struct OrderAddArgs {
    /// The shop (e.g. Zalando)
    #[arg(long, value_name = "NAME")]
    pub retailer: String,
    /// The retailer's order number
    #[arg(long, value_name = "TEXT")]
    pub order_no: String,
    /// The retailer's article number
    #[arg(long, value_name = "SKU")]
    pub sku: String,
    /// The size label: M, S/M, 38, EU 42, 32/34, one size...
    #[arg(long, value_name = "LABEL")]
    pub size: String,
    /// The price paid, in --currency (e.g. 49.90)
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true)]
    pub price: f64,
    /// ISO 4217 currency code of the price
    #[arg(long, value_name = "CODE", default_value = "EUR")]
    pub currency: String,
    /// The garment's name
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub name: String,
    /// The colourway
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub colour: String,
    /// The order date (YYYY-MM-DD or RFC 3339); default today (the local date)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The retailer's return window for this garment, in days (at most 3650)
    #[arg(long, value_name = "N")]
    pub return_window_days: Option<u32>,
}

/// Arguments of `anprobe order list`.
#[derive(Debug, Args)]
pub struct OrderListArgs {
    /// Print a JSON array of the orders (with their items) instead of a table
    #[arg(long)]
    pub json: bool,
    /// How many orders at most
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
}

/// Arguments of `anprobe order return`.
#[derive(Debug, Args)]
pub struct OrderReturnArgs {
    /// The order item id of the returned garment (the ITEM column of `order list`, `items[].id`
    /// in its JSON), not the order id
    #[arg(long, value_name = "N")]
    pub id: i64,
    /// Why it goes back
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Fit feedback REGION=VERDICT, repeatable or comma-separated (chest=tight,sleeve=long).
    /// Regions: chest waist hip shoulders upper_arm thigh length sleeve inside_leg (`sleeves` is
    /// read as sleeve); verdicts: tight snug good relaxed loose short standard long
    #[arg(long, value_name = "REGION=VERDICT")]
    pub fit: Vec<String>,
    /// When it was sent back (YYYY-MM-DD or RFC 3339, not before the order date); default today
    /// (the local date)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// Arguments of `anprobe order status`.
#[derive(Debug, Args)]
pub struct OrderStatusArgs {
    /// The order item id (the ITEM column of `order list`), not the order id
    #[arg(long, value_name = "N")]
    pub id: i64,
    /// The new status; a garment with a recorded return stays returned
    #[arg(long, value_enum)]
    pub status: StatusArg,
}

/// The statuses `order status` sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Ordered, not yet delivered
    Ordered,
    /// Delivered: the return window runs
    Delivered,
    /// Kept by the shopper
    Kept,
    /// Sent back
    Returned,
}

impl From<StatusArg> for ItemStatus {
    fn from(status: StatusArg) -> ItemStatus {
        match status {
            StatusArg::Ordered => ItemStatus::Ordered,
            StatusArg::Delivered => ItemStatus::Delivered,
            StatusArg::Kept => ItemStatus::Kept,
            StatusArg::Returned => ItemStatus::Returned,
        }
    }
}

pub(super) fn run(command: OrderCommand, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    match command {
        OrderCommand::Add(args) => add(args, data_dir),
        OrderCommand::List(args) => list(&args, data_dir),
        OrderCommand::Return(args) => return_item(&args, data_dir),
        OrderCommand::Status(args) => {
            let mut store = session::open(data_dir)?;
            store
                .set_item_status(args.id, args.status.into())
                .map_err(session::failure)?;
            session::close(store);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn add(args: OrderAddArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let order = NewOrder {
        retailer: args.retailer,
        order_number: args.order_no,
        date: args.date.unwrap_or_else(date::today_local),
        items: vec![NewOrderItem {
            sku: args.sku,
            name: args.name,
            size: args.size,
            colour: args.colour,
            price: args.price,
            currency: args.currency,
            return_window_days: args.return_window_days,
        }],
    };
    let mut store = session::open(data_dir)?;
    let id = store.add_order(&order).map_err(session::failure)?;
    output::print(&format!("{id}\n"))?;
    session::close(store);
    Ok(ExitCode::SUCCESS)
}

fn list(args: &OrderListArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let store = session::open(data_dir)?;
    let limit = usize::try_from(args.limit).unwrap_or(usize::MAX);
    let orders = store.list_orders(limit).map_err(session::failure)?;
    if args.json {
        output::print_json(&orders)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = orders
        .iter()
        .flat_map(|order| {
            order.items.iter().map(move |item| {
                vec![
                    item.id.to_string(),
                    order.id.to_string(),
                    order.date.clone(),
                    order.retailer.clone(),
                    order.order_number.clone(),
                    item.line.sku.clone(),
                    item.line.size.clone(),
                    output::price(item.line.price, &item.line.currency),
                    item.status.as_str().to_string(),
                    item.return_deadline
                        .as_deref()
                        .map_or("-".into(), output::or_dash),
                    output::or_dash(&item.line.colour),
                    output::or_dash(&item.line.name),
                ]
            })
        })
        .collect();
    output::print(&output::table(
        &[
            "ITEM",
            "ORDER",
            "DATE",
            "RETAILER",
            "ORDER_NO",
            "SKU",
            "SIZE",
            "PRICE",
            "STATUS",
            "RETURN_BY",
            "COLOUR",
            "NAME",
        ],
        &rows,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn return_item(args: &OrderReturnArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let mut fit = Vec::new();
    for text in &args.fit {
        fit.extend(parse_fit(text).map_err(session::failure)?);
    }
    let date = args.date.clone().unwrap_or_else(date::today_local);
    let mut store = session::open(data_dir)?;
    store
        .return_item(args.id, &date, &args.reason, &fit)
        .map_err(session::failure)?;
    session::close(store);
    Ok(ExitCode::SUCCESS)
}
