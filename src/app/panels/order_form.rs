//! "Record an order by hand": one garment bought elsewhere (in a shop, by phone); the store
//! checks every field and its message is shown under the form.

use crate::app::i18n::{Lang, Msg, Said};
use crate::app::panels::labels::parse_price;
use crate::app::panels::{error_text, field_row};
use crate::app::state::store_actions::{FormResults, StoreAction, StoreForm};
use crate::store::{NewOrder, NewOrderItem};
use bevy_egui::egui;

/// The form's fields, as typed.
pub(crate) struct OrderForm {
    retailer: String,
    order_number: String,
    date: String,
    sku: String,
    name: String,
    size: String,
    colour: String,
    price: String,
    currency: String,
    window: String,
    error: Option<Said>,
    sent: bool,
}

impl Default for OrderForm {
    fn default() -> Self {
        OrderForm {
            retailer: String::new(),
            order_number: String::new(),
            date: String::new(),
            sku: String::new(),
            name: String::new(),
            size: String::new(),
            colour: String::new(),
            price: String::new(),
            currency: "EUR".into(),
            window: String::new(),
            error: None,
            sent: false,
        }
    }
}

impl OrderForm {
    /// The order typed, or the message for a field that is not a number.
    fn order(&self, lang: Lang) -> Result<NewOrder, String> {
        let price =
            parse_price(&self.price).ok_or_else(|| lang.t(Msg::PriceNotNumber).to_string())?;
        let window = return_window(&self.window, lang)?;
        Ok(NewOrder {
            retailer: self.retailer.clone(),
            order_number: self.order_number.clone(),
            date: self.date.clone(),
            items: vec![NewOrderItem {
                sku: self.sku.clone(),
                name: self.name.clone(),
                size: self.size.clone(),
                colour: self.colour.clone(),
                price,
                currency: self.currency.clone(),
                return_window_days: window,
            }],
        })
    }
}

/// A typed return window: empty is not known, otherwise a whole number of days.
pub(crate) fn return_window(text: &str, lang: Lang) -> Result<Option<u32>, String> {
    match text.trim() {
        "" => Ok(None),
        days => days
            .parse::<u32>()
            .map(Some)
            .map_err(|_| lang.t(Msg::WindowNotNumber).to_string()),
    }
}

pub(crate) fn order_form(
    ui: &mut egui::Ui,
    lang: Lang,
    form: &mut OrderForm,
    results: &mut FormResults,
    out: &mut Vec<StoreAction>,
) {
    if form.sent
        && let Some(result) = results.take(StoreForm::NewOrder)
    {
        form.sent = false;
        match result {
            Ok(()) => *form = OrderForm::default(),
            Err(why) => form.error = Some(why),
        }
    }
    egui::CollapsingHeader::new(lang.t(Msg::RecordOrder))
        .id_salt("record-order")
        .show(ui, |ui| {
            egui::Grid::new("order-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let optional = lang.t(Msg::Optional);
                    field_row(ui, lang.t(Msg::Retailer), &mut form.retailer, "");
                    field_row(ui, lang.t(Msg::OrderNumber), &mut form.order_number, "");
                    field_row(ui, lang.t(Msg::Date), &mut form.date, lang.t(Msg::DateHint));
                    field_row(ui, lang.t(Msg::Sku), &mut form.sku, "");
                    field_row(ui, lang.t(Msg::ItemName), &mut form.name, optional);
                    field_row(ui, lang.t(Msg::Size), &mut form.size, "M, 38, EU 42, 32/34");
                    field_row(ui, lang.t(Msg::Colour), &mut form.colour, optional);
                    field_row(ui, lang.t(Msg::Price), &mut form.price, "49,90");
                    field_row(ui, lang.t(Msg::Currency), &mut form.currency, "EUR");
                    field_row(ui, lang.t(Msg::ReturnWindow), &mut form.window, optional);
                });
            if ui.button(lang.t(Msg::Record)).clicked() {
                match form.order(lang) {
                    Ok(order) => {
                        form.sent = true;
                        form.error = None;
                        out.push(StoreAction::AddOrder(order));
                    }
                    Err(why) => form.error = Some(why.into()),
                }
            }
            if let Some(why) = &form.error {
                error_text(ui, why.get(lang));
            }
        });
}
