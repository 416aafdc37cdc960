//! The overlay at the bottom of the 3D view while garments are worn: the fitting indicator, the
//! fabric ↔ fit map switch and, for the fit map, its legend (a blue–green–red bar with what the
//! colours mean in cm and %).

use super::{PanelInsets, PanelSystems};
use crate::app::i18n::{Lang, Msg};
use crate::app::scene::outfit_picture::OutfitPicture;
use crate::app::state::tryon::{FitProgress, GarmentView, TryOn};
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, Pos2, Rect, Vec2};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        overlay.in_set(PanelSystems::Overlays),
    );
}

/// The fit-map colour of a value −1 … +1, as the shader draws it (before shading).
pub fn legend_colour(value: f32) -> Color32 {
    const LOOSE: [f32; 3] = [0.10, 0.32, 0.95];
    const GOOD: [f32; 3] = [0.12, 0.78, 0.25];
    const TIGHT: [f32; 3] = [0.95, 0.12, 0.08];
    let v = value.clamp(-1.0, 1.0);
    let (to, t) = if v >= 0.0 { (TIGHT, v) } else { (LOOSE, -v) };
    let mix = |k: usize| GOOD[k] + (to[k] - GOOD[k]) * t;
    egui::Rgba::from_rgb(mix(0), mix(1), mix(2)).into()
}

fn overlay(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    tryon: Res<TryOn>,
    progress: Res<FitProgress>,
    mut view: ResMut<GarmentView>,
    insets: Res<PanelInsets>,
    picture: Res<OutfitPicture>,
) -> Result {
    // A saved outfit picture shows a fit map's legend, not the switch.
    let controls = !picture.hides_controls();
    if tryon.worn().is_empty() || !controls && *view != GarmentView::FitMap {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let lang = *lang;
    let centre = 0.5 * (insets.left - insets.right);
    let area = insets.view_rect(ctx.viewport_rect());
    egui::Area::new("fit_overlay".into())
        .anchor(Align2::CENTER_BOTTOM, [centre, -12.0])
        .constrain_to(area)
        .show(ctx, |ui| {
            egui::Frame::popup(&ctx.global_style()).show(ui, |ui| {
                ui.set_max_width(area.width() - 24.0);
                if controls {
                    ui.horizontal(|ui| {
                        let mut chosen = *view;
                        ui.selectable_value(
                            &mut chosen,
                            GarmentView::Fabric,
                            lang.t(Msg::ViewFabric),
                        );
                        ui.selectable_value(
                            &mut chosen,
                            GarmentView::FitMap,
                            lang.t(Msg::ViewFitMap),
                        );
                        if chosen != *view {
                            *view = chosen;
                        }
                        if progress.is_busy() {
                            // A still mark, not a spinner: an animation would draw frames
                            // all through the fit and slow it down.
                            ui.separator();
                            ui.label(lang.t(Msg::Fitting));
                        }
                    });
                }
                if *view == GarmentView::FitMap {
                    legend(ui, lang);
                }
            });
        });
    Ok(())
}

/// The colour bar and its meaning.
pub fn legend(ui: &mut egui::Ui, lang: Lang) {
    let width = 260.0;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, 14.0), egui::Sense::hover());
    let mut mesh = egui::Mesh::default();
    let steps = 32;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let x = rect.left() + t * rect.width();
        let colour = legend_colour(-1.0 + 2.0 * t);
        mesh.colored_vertex(Pos2::new(x, rect.top()), colour);
        mesh.colored_vertex(Pos2::new(x, rect.bottom()), colour);
        if i > 0 {
            let base = 2 * (i - 1);
            mesh.add_triangle(base, base + 1, base + 2);
            mesh.add_triangle(base + 1, base + 2, base + 3);
        }
    }
    ui.painter().add(egui::Shape::mesh(mesh));
    ui.painter().rect_stroke(
        Rect::from_min_size(rect.min, rect.size()),
        2.0,
        egui::Stroke::new(1.0, Color32::from_gray(90)),
        egui::StrokeKind::Outside,
    );
    ui.allocate_ui(Vec2::new(width, 16.0), |ui| {
        ui.columns(3, |cols| {
            cols[0].label(lang.t(Msg::Loose));
            cols[1].vertical_centered(|ui| ui.label(lang.t(Msg::Good)));
            cols[2].with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                ui.label(lang.t(Msg::Tight))
            });
        });
    });
    ui.set_max_width(width);
    ui.label(egui::RichText::new(lang.t(Msg::FitMapMeaning)).small());
}
