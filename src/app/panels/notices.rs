//! The notices of one panel, at its top: each headline in the UI's language with its detail
//! (a path or an error), green or red, and a button to dismiss it.

use crate::app::i18n::{Lang, Msg};
use crate::app::state::notices::{NoticePlace, Notices};
use bevy_egui::egui::{self, Color32, RichText};

/// Draws the notices shown at `place`; returns the index (in all notices) of the one the
/// shopper dismissed, if any.
pub fn notices_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    notices: &Notices,
    place: NoticePlace,
) -> Option<usize> {
    let mut dismissed = None;
    let here = notices
        .0
        .iter()
        .enumerate()
        .filter(|(_, n)| n.place() == place);
    for (i, notice) in here {
        let color = if notice.error {
            Color32::from_rgb(200, 40, 40)
        } else {
            Color32::from_rgb(30, 120, 60)
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(lang.t(notice.msg)).color(color).strong());
            ui.label(notice.detail.get(lang));
            if ui
                .small_button("✖")
                .on_hover_text(lang.t(Msg::Dismiss))
                .clicked()
            {
                dismissed = Some(i);
            }
        });
    }
    dismissed
}
