//! The profile row of the left panel: pick, add, rename and delete household members.

use crate::app::i18n::{Lang, Msg};
use crate::app::state::profiles::Profiles;
use bevy_egui::egui;
use std::ops::DerefMut;

/// What the profile row is in the middle of.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ProfileEditor {
    /// Showing the profile picker.
    #[default]
    Idle,
    /// Typing the active profile's new name.
    Renaming(String),
    /// Asking whether to delete the active profile.
    ConfirmDelete,
}

/// A change to the profiles, asked for in the profile row.
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileAction {
    /// Show the profile at this index.
    Select(usize),
    /// Add a profile with the default body under this name (made unique) and rename it.
    Add(String),
    /// Rename the active profile.
    RenameActive(String),
    /// Delete the active profile.
    DeleteActive,
}

impl ProfileAction {
    /// Changes `profiles`; a new profile's name is offered for editing in `editor`.
    pub fn apply(
        self,
        profiles: &mut impl DerefMut<Target = Profiles>,
        editor: &mut ProfileEditor,
    ) {
        match self {
            ProfileAction::Select(index) => profiles.select(index),
            ProfileAction::Add(name) => {
                profiles.add(&name);
                *editor = ProfileEditor::Renaming(profiles.active().name.clone());
            }
            ProfileAction::RenameActive(name) => {
                // The row offers no OK for a taken name; a refused one keeps the old name.
                profiles.rename_active(&name);
            }
            ProfileAction::DeleteActive => profiles.delete_active(),
        }
    }
}

/// Draws the profile row; returns the change the shopper asked for, if any.
pub fn profiles_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    profiles: &Profiles,
    editor: &mut ProfileEditor,
) -> Option<ProfileAction> {
    let mut action = None;
    // Wrapped: in a narrow panel the buttons go to the next line rather than under its edge.
    ui.horizontal_wrapped(|ui| {
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
                    action = Some(ProfileAction::Select(chosen));
                    *editor = ProfileEditor::Idle;
                }
            }
            ProfileEditor::Renaming(name) => {
                let edit = ui.add(egui::TextEdit::singleline(name).desired_width(140.0));
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                // Two profiles of one name could not be told apart: no OK until it is free.
                let taken = profiles.taken_by_another(name);
                let ok = ui.add_enabled(!taken, egui::Button::new(lang.t(Msg::Ok)));
                if (enter && !taken) || ok.clicked() {
                    action = Some(ProfileAction::RenameActive(name.clone()));
                    *editor = ProfileEditor::Idle;
                } else if ui.button(lang.t(Msg::Cancel)).clicked() {
                    *editor = ProfileEditor::Idle;
                }
                if taken {
                    ui.colored_label(
                        egui::Color32::from_rgb(200, 40, 40),
                        lang.t(Msg::ProfileNameTaken),
                    );
                }
                return;
            }
        }
        if ui.button(lang.t(Msg::AddProfile)).clicked() {
            action = Some(ProfileAction::Add(lang.t(Msg::NewProfileName).to_owned()));
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
                action = Some(ProfileAction::DeleteActive);
                *editor = ProfileEditor::Idle;
            }
            if ui.button(lang.t(Msg::Cancel)).clicked() {
                *editor = ProfileEditor::Idle;
            }
        });
    }
    action
}
