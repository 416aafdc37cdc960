//! The profile switcher of the panel: pick, add, rename and delete household members.

use crate::app::i18n::{Lang, Msg};
use crate::app::profiles::Profiles;
use bevy::prelude::*;
use bevy_egui::egui;

/// What the profile row is in the middle of.
#[derive(Default)]
pub enum ProfileEditor {
    #[default]
    Idle,
    Renaming(String),
    ConfirmDelete,
}

/// Draws the profile row; edits `profiles` only when the shopper changes something.
pub fn profiles_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    profiles: &mut ResMut<Profiles>,
    editor: &mut ProfileEditor,
) {
    ui.horizontal(|ui| {
        ui.label(lang.t(Msg::Profile));
        match editor {
            ProfileEditor::Idle | ProfileEditor::ConfirmDelete => {
                let current = profiles.active_index();
                let mut chosen = current;
                egui::ComboBox::from_id_salt("profile")
                    .width(140.0)
                    .selected_text(profiles.active().name.as_str())
                    .show_ui(ui, |ui| {
                        for (i, p) in profiles.list().iter().enumerate() {
                            ui.selectable_value(&mut chosen, i, p.name.as_str());
                        }
                    });
                if chosen != current {
                    profiles.select(chosen);
                    *editor = ProfileEditor::Idle;
                }
            }
            ProfileEditor::Renaming(name) => {
                let edit = ui.add(egui::TextEdit::singleline(name).desired_width(140.0));
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if enter || ui.button(lang.t(Msg::Ok)).clicked() {
                    profiles.rename_active(name);
                    *editor = ProfileEditor::Idle;
                } else if ui.button(lang.t(Msg::Cancel)).clicked() {
                    *editor = ProfileEditor::Idle;
                }
                return;
            }
        }
        if ui.button(lang.t(Msg::AddProfile)).clicked() {
            profiles.add(lang.t(Msg::NewProfileName));
            *editor = ProfileEditor::Renaming(profiles.active().name.clone());
        }
        if ui.button(lang.t(Msg::RenameProfile)).clicked() {
            *editor = ProfileEditor::Renaming(profiles.active().name.clone());
        }
        let can_delete = profiles.list().len() > 1;
        if ui
            .add_enabled(can_delete, egui::Button::new(lang.t(Msg::DeleteProfile)))
            .clicked()
        {
            *editor = ProfileEditor::ConfirmDelete;
        }
    });
    if matches!(editor, ProfileEditor::ConfirmDelete) {
        ui.horizontal(|ui| {
            ui.label(lang.t(Msg::ConfirmDelete));
            if ui.button(lang.t(Msg::DeleteProfile)).clicked() {
                profiles.delete_active();
                *editor = ProfileEditor::Idle;
            }
            if ui.button(lang.t(Msg::Cancel)).clicked() {
                *editor = ProfileEditor::Idle;
            }
        });
    }
}
