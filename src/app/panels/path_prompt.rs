//! The in-app file prompt's window (see [`path_prompt`](crate::app::state::path_prompt)): why
//! it is there, a path field with the suggested path, Open/Save and Cancel; an Open that names
//! no file, or a Save into no folder, is refused in the window with the reason.

use super::PanelSystems;
use crate::app::i18n::{Lang, Msg};
use crate::app::state::path_prompt::{PathPrompts, PathQuestion, PromptKind};
use bevy::prelude::*;
use bevy_egui::egui::{self, Color32};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use std::path::PathBuf;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        prompt_window.in_set(PanelSystems::Overlays),
    );
}

/// What the shopper typed into the prompt, and the refusal shown under it.
#[derive(Default)]
pub struct PromptText {
    /// The path as typed.
    pub path: String,
    /// Why the last OK was refused, if it was.
    pub refused: Option<Msg>,
}

impl PromptText {
    /// The text for a new question: its suggested path.
    pub fn for_question(question: &PathQuestion) -> Self {
        PromptText {
            path: question.suggested.display().to_string(),
            refused: None,
        }
    }
}

/// How the shopper answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    /// This path.
    Path(PathBuf),
    /// No file.
    Cancel,
}

/// Draws the prompt's contents; returns the answer once the shopper gave one.
pub fn path_prompt_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    question: &PathQuestion,
    text: &mut PromptText,
) -> Option<PromptAnswer> {
    ui.label(lang.t(Msg::NoFileDialog));
    let types: Vec<String> = question
        .extensions
        .iter()
        .map(|e| format!(".{e}"))
        .collect();
    ui.weak(format!("{} {}", lang.t(Msg::FileTypes), types.join(", ")));
    let field = ui.add(
        egui::TextEdit::singleline(&mut text.path)
            .desired_width(f32::INFINITY)
            .hint_text(lang.t(Msg::FilePath)),
    );
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if let Some(why) = text.refused {
        ui.colored_label(Color32::from_rgb(200, 40, 40), lang.t(why));
    }
    let mut answer = None;
    ui.horizontal(|ui| {
        let ok = match question.kind {
            PromptKind::Open => Msg::OpenFile,
            PromptKind::Save => Msg::SaveFile,
        };
        if ui.button(lang.t(ok)).clicked() || entered {
            let path = PathBuf::from(text.path.trim());
            text.refused = refusal(question.kind, &path);
            if text.refused.is_none() {
                answer = Some(PromptAnswer::Path(path));
            }
        }
        if ui.button(lang.t(Msg::Cancel)).clicked() {
            answer = Some(PromptAnswer::Cancel);
        }
    });
    answer
}

/// Why a path cannot be the answer: an Open needs an existing file, a Save an existing folder
/// and a file name.
fn refusal(kind: PromptKind, path: &std::path::Path) -> Option<Msg> {
    match kind {
        _ if path.as_os_str().is_empty() || path.is_dir() => Some(Msg::NoFileNamed),
        PromptKind::Open if !path.is_file() => Some(Msg::NoSuchFile),
        PromptKind::Save => {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            (!folder.is_none_or(|f| f.is_dir())).then_some(Msg::NoSuchFolder)
        }
        PromptKind::Open => None,
    }
}

fn prompt_window(
    mut contexts: EguiContexts,
    lang: Res<Lang>,
    prompts: Res<PathPrompts>,
    mut text: Local<Option<(PathBuf, PromptText)>>,
) -> Result {
    let Some(question) = prompts.current() else {
        *text = None;
        return Ok(());
    };
    if text
        .as_ref()
        .is_none_or(|(asked, _)| *asked != question.suggested)
    {
        *text = Some((
            question.suggested.clone(),
            PromptText::for_question(&question),
        ));
    }
    let Some((_, typed)) = text.as_mut() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let answer = egui::Modal::new("path_prompt".into())
        .show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(lang.t(Msg::ChooseFile));
            path_prompt_ui(ui, *lang, &question, typed)
        })
        .inner;
    match answer {
        Some(PromptAnswer::Path(path)) => prompts.answer(Some(path)),
        Some(PromptAnswer::Cancel) => prompts.answer(None),
        None => {}
    }
    Ok(())
}
