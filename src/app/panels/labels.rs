//! The shopper's words for the store's and the fit's values (statuses, garment regions and
//! verdicts, channels),
//! prices in the language's number format, and the days left to return a garment.

use crate::app::i18n::{Lang, Msg};
use crate::garment::{Region, Verdict};
use crate::store::{Channel, CounterpartKind, ItemStatus, date};

pub(crate) fn status(status: ItemStatus, lang: Lang) -> &'static str {
    lang.t(match status {
        ItemStatus::Ordered => Msg::StatusOrdered,
        ItemStatus::Delivered => Msg::StatusDelivered,
        ItemStatus::Kept => Msg::StatusKept,
        ItemStatus::Returned => Msg::StatusReturned,
    })
}

pub(crate) fn region(region: Region, lang: Lang) -> &'static str {
    lang.t(match region {
        Region::Chest => Msg::RegionChest,
        Region::Waist => Msg::RegionWaist,
        Region::Hip => Msg::RegionHip,
        Region::Shoulders => Msg::RegionShoulders,
        Region::UpperArm => Msg::RegionUpperArm,
        Region::Thigh => Msg::RegionThigh,
        Region::Length => Msg::RegionLength,
        Region::Sleeve => Msg::RegionSleeve,
        Region::InsideLeg => Msg::RegionInsideLeg,
    })
}

pub(crate) fn verdict(verdict: Verdict, lang: Lang) -> &'static str {
    lang.t(match verdict {
        Verdict::Tight => Msg::VerdictTight,
        Verdict::Loose => Msg::VerdictLoose,
        Verdict::Short => Msg::VerdictShort,
        Verdict::Long => Msg::VerdictLong,
        Verdict::Good => Msg::VerdictGood,
        Verdict::Snug => Msg::VerdictSnug,
        Verdict::Relaxed => Msg::VerdictRelaxed,
        Verdict::Standard => Msg::VerdictStandard,
    })
}

pub(crate) fn channel(channel: Channel, lang: Lang) -> &'static str {
    lang.t(match channel {
        Channel::Shop => Msg::ChannelShop,
        Channel::Phone => Msg::ChannelPhone,
        Channel::Mail => Msg::ChannelMail,
        Channel::Chat => Msg::ChannelChat,
        Channel::StylistSession => Msg::ChannelStylistSession,
    })
}

pub(crate) fn kind(kind: CounterpartKind, lang: Lang) -> &'static str {
    lang.t(match kind {
        CounterpartKind::Retailer => Msg::KindRetailer,
        CounterpartKind::Stylist => Msg::KindStylist,
        CounterpartKind::Client => Msg::KindClient,
    })
}

/// `"chest too tight, sleeves too long"`.
/// The fit feedback line of a return: `"Fit feedback: chest too tight, sleeve too long"`.
pub(crate) fn fit_feedback_line(
    fit: &std::collections::BTreeMap<Region, Verdict>,
    lang: Lang,
) -> String {
    format!("{}: {}", lang.t(Msg::FitFeedback), self::fit(fit, lang))
}

pub(crate) fn fit<'a>(
    fit: impl IntoIterator<Item = (&'a Region, &'a Verdict)>,
    lang: Lang,
) -> String {
    fit.into_iter()
        .map(|(r, v)| format!("{} {}", region(*r, lang), verdict(*v, lang)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `value` with `decimals` places in the language's number format: `175.5` (English),
/// `175,5` (German). One format per language, everywhere a number is shown.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    number_text(format!("{value:.decimals$}"), lang)
}

/// `value` as short as it reads exactly (`0.5`, `12`), in the language's number format.
pub fn decimal(value: f64, lang: Lang) -> String {
    number_text(format!("{value}"), lang)
}

/// A number written with a decimal point, in the language's format.
pub(crate) fn number_text(text: String, lang: Lang) -> String {
    match lang {
        Lang::En => text,
        Lang::De => text.replace('.', ","),
    }
}

/// Parses a number typed in either format (`175.5` or `175,5`).
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse().ok()
}

/// `49.90 EUR` (English) or `49,90 EUR` (German); empty when no price was noted (0).
pub(crate) fn money(price: f64, currency: &str, lang: Lang) -> String {
    if price == 0.0 {
        return String::new();
    }
    format!("{} {currency}", number(price, 2, lang))
}

/// Parses a typed price, accepting a decimal comma (`49,90`).
pub(crate) fn parse_price(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0.0);
    }
    parse_number(text)
}

/// Days from `today` to `deadline` (negative once passed); `None` if either is unreadable.
pub(crate) fn days_left(deadline: &str, today: &str) -> Option<i64> {
    let deadline = date::parse(deadline).ok()?;
    let today = date::parse(today).ok()?;
    Some(deadline.to_days() - today.to_days())
}

/// `"return by 2026-12-02 (9 days left)"`, or `"… (deadline passed)"`.
pub(crate) fn deadline(deadline: &str, today: &str, lang: Lang) -> String {
    let left = match days_left(deadline, today) {
        Some(n) if n >= 0 => format!("{n} {}", lang.t(Msg::DaysLeft)),
        Some(_) => lang.t(Msg::DeadlinePassed).to_string(),
        None => String::new(),
    };
    format!("{} {deadline} ({left})", lang.t(Msg::ReturnBy))
}

/// The colour a catalog's colour name means, for a swatch or a tint ([`crate::app::colour_names`]).
pub(crate) fn colour_by_name(name: &str) -> Option<bevy_egui::egui::Color32> {
    crate::app::colour_names::rgb(name).map(|[r, g, b]| bevy_egui::egui::Color32::from_rgb(r, g, b))
}
