//! The import overlay at the bottom of the 3D view: the file being dragged over the window
//! ("Drop to import") and each garment file being read, with its progress.

use super::{PanelInsets, PanelSystems, labels};
use crate::app::i18n::{Lang, Msg};
use crate::app::state::garment_import::{DropHover, Imports};
use crate::garment::ImportPhase;
use bevy::prelude::*;
use bevy_egui::egui::{self, Align2};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        imports_ui.in_set(PanelSystems::Overlays),
    );
}

fn imports_ui(
    mut contexts: EguiContexts,
    imports: Res<Imports>,
    hover: Res<DropHover>,
    lang: Res<Lang>,
    insets: Res<PanelInsets>,
) -> Result {
    if imports.is_empty() && hover.file().is_none() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let lang = *lang;
    // At the bottom of the 3D view, between the panels.
    let screen = ctx.viewport_rect();
    let centre = (screen.left() + insets.left + screen.right() - insets.right) * 0.5;
    egui::Area::new("garment_imports".into())
        .fixed_pos([centre, screen.bottom() - 16.0])
        .pivot(Align2::CENTER_BOTTOM)
        .show(ctx, |ui| {
            egui::Frame::popup(&ctx.global_style()).show(ui, |ui| {
                ui.set_width(360.0);
                if let Some(path) = hover.file() {
                    ui.strong(format!("{} {}", lang.t(Msg::DropToImport), file_name(path)));
                }
                for (path, progress) in imports.under_way() {
                    ui.label(file_name(path));
                    let (phase, read, total) = progress.get();
                    match phase {
                        ImportPhase::Reading => {
                            let text = format!(
                                "{} {} / {} MB",
                                lang.t(Msg::ImportReading),
                                labels::number(read as f64 / 1e6, 1, lang),
                                labels::number(total as f64 / 1e6, 1, lang)
                            );
                            ui.add(
                                egui::ProgressBar::new(progress.fraction())
                                    .text(text)
                                    .animate(true),
                            );
                        }
                        ImportPhase::Checking | ImportPhase::Done => {
                            ui.horizontal(|ui| {
                                ui.spinner();
                                ui.label(lang.t(Msg::ImportChecking));
                            });
                        }
                    }
                }
            });
        });
    Ok(())
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}
