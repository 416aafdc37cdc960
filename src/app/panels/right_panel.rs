//! The right panel: the catalog and try-on, and the shopper's store (wishlist, orders,
//! timeline, privacy), one tab at a time. Each tab is a system of its own, run only while its tab
//! is shown; they all draw through [`RightPanel::show`], which draws the panel's frame and tab
//! bar and reports the panel's width.

use super::layout::{PanelLayout, Side, side_panel};
use super::notices::notices_ui;
use super::{PanelInsets, root_ui};
use crate::app::i18n::{Lang, Msg};
use crate::app::state::notices::{NoticePlace, Notices};
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui;

/// Which tab of the right panel is shown.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RightPanelTab {
    /// The garments on offer and the outfit worn.
    #[default]
    Catalog,
    /// Advice from the shopper's history, alternatives and reminders.
    Concierge,
    /// Garments the shopper is considering.
    Wishlist,
    /// Orders, deliveries and returns.
    Orders,
    /// What happened with each retailer or stylist.
    Timeline,
    /// Who may see which measurements.
    Privacy,
    /// Sessions with a stylist: invite one, or join one as a stylist.
    Stylist,
}

impl RightPanelTab {
    /// Every tab, in the order of the tab bar.
    pub const ALL: [RightPanelTab; 7] = [
        RightPanelTab::Catalog,
        RightPanelTab::Concierge,
        RightPanelTab::Wishlist,
        RightPanelTab::Orders,
        RightPanelTab::Timeline,
        RightPanelTab::Privacy,
        RightPanelTab::Stylist,
    ];

    fn msg(self) -> Msg {
        match self {
            RightPanelTab::Catalog => Msg::TabCatalog,
            RightPanelTab::Concierge => Msg::TabConcierge,
            RightPanelTab::Wishlist => Msg::TabWishlist,
            RightPanelTab::Orders => Msg::TabOrders,
            RightPanelTab::Timeline => Msg::TabTimeline,
            RightPanelTab::Privacy => Msg::TabPrivacy,
            RightPanelTab::Stylist => Msg::TabStylist,
        }
    }

    /// The run condition of this tab's system: the tab is shown.
    pub(crate) fn shown(self) -> impl FnMut(Res<RightPanelTab>) -> bool {
        move |tab: Res<RightPanelTab>| *tab == self
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<RightPanelTab>();
}

/// The tab bar: the tab picked, if another one. `reminders` is the Concierge tab's badge (none
/// shown at 0).
pub fn tab_bar(
    ui: &mut egui::Ui,
    lang: Lang,
    current: RightPanelTab,
    reminders: usize,
) -> Option<RightPanelTab> {
    let mut tab = current;
    ui.horizontal_wrapped(|ui| {
        for t in RightPanelTab::ALL {
            let name = lang.t(t.msg());
            if t == RightPanelTab::Concierge && reminders > 0 {
                let badge = egui::RichText::new(format!("{name} ({reminders})"))
                    .color(egui::Color32::from_rgb(240, 170, 60));
                ui.selectable_value(&mut tab, t, badge);
            } else {
                ui.selectable_value(&mut tab, t, name);
            }
        }
    });
    (tab != current).then_some(tab)
}

/// What every tab's system needs to draw the right panel around its tab.
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct RightPanel<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    lang: Res<'w, Lang>,
    tab: ResMut<'w, RightPanelTab>,
    insets: ResMut<'w, PanelInsets>,
    layout: ResMut<'w, PanelLayout>,
    notices: ResMut<'w, Notices>,
    advice: Option<Res<'w, crate::app::state::concierge::ConciergeAdvice>>,
}

impl RightPanel<'_, '_> {
    /// Draws the panel (in the window right of the left panel), its tab bar and, under it, the
    /// shown tab with `contents`; reports the panel's width. A tab picked in the bar is shown
    /// from the next frame on, by its own system.
    pub(crate) fn show(&mut self, contents: impl FnOnce(&mut egui::Ui, Lang)) -> Result {
        let ctx = self.contexts.ctx_mut()?;
        let lang = *self.lang;
        let shown = *self.tab;
        let window = ctx.viewport_rect();
        let mut left_of_it = window;
        left_of_it.min.x = self.insets.left.clamp(window.min.x, window.max.x);
        let mut root = root_ui(ctx, "right_panel", left_of_it);
        let mut open = self.layout.right_open;
        let (picked, rect) = side_panel(
            &mut root,
            (Side::Right, "right_panel", 420.0),
            &mut open,
            (window.width(), lang),
            |ui| {
                ui.add_space(2.0);
                let reminders = self.advice.as_deref().map_or(0, super::concierge::badge);
                let picked = tab_bar(ui, lang, shown, reminders);
                ui.separator();
                // What the catalog and the store did or refused, above the tab.
                let dismissed = notices_ui(ui, lang, &self.notices, NoticePlace::Right);
                contents(ui, lang);
                (picked, dismissed)
            },
        );
        if self.layout.right_open != open {
            self.layout.right_open = open;
        }
        let (picked, dismissed) = picked.unwrap_or_default();
        if let Some(picked) = picked {
            *self.tab = picked;
        }
        if let Some(index) = dismissed {
            self.notices.dismiss(index);
        }
        let right = (window.right() - rect.left()).max(0.0);
        if self.insets.right != right {
            self.insets.right = right;
        }
        Ok(())
    }
}
