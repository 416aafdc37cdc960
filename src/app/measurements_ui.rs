//! The measurement rows of the panel: form, unit, and per key a slider, a number field, whether
//! it was typed or predicted, and what is wrong with it. Hovering a row shows its tape.

use crate::app::i18n::{Lang, Msg, form_label, issue_text, key_label, unit_symbol};
use crate::app::model::Model;
use crate::app::profiles::Profiles;
use crate::app::tape::TapeHover;
use crate::measurements::{Form, Issue, IssueLevel, Key, Unit, plausible_range};
use bevy::prelude::*;
use bevy_egui::egui::{self, Color32, RichText, Sense, SliderClamping};

/// Colours of issue messages.
const ERROR: Color32 = Color32::from_rgb(200, 40, 40);
const WARNING: Color32 = Color32::from_rgb(190, 120, 0);
/// Width of the name column, logical pixels.
const LABEL_WIDTH: f32 = 130.0;
/// Width of the number field, logical pixels.
const FIELD_WIDTH: f32 = 76.0;

/// How many cm (or kg) one shown unit of `key` is.
fn per_unit(key: Key, unit: Unit) -> f64 {
    if key.is_length() {
        unit.cm_per_unit()
    } else {
        1.0
    }
}

fn suffix(key: Key, unit: Unit) -> &'static str {
    if key.is_length() {
        unit_symbol(unit)
    } else {
        "kg"
    }
}

/// Draws the form and unit switches and one row per key; edits the active profile.
pub fn measurements_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    profiles: &mut ResMut<Profiles>,
    model: &Model,
    hover: &mut TapeHover,
) {
    let typed = &profiles.active().measurements;
    let (form_typed, unit) = (typed.form, typed.unit);
    let shown_form = model
        .resolved
        .as_ref()
        .map_or(form_typed.unwrap_or_default(), |r| r.form);

    ui.horizontal(|ui| {
        for form in [Form::Female, Form::Male] {
            if ui
                .radio(shown_form == form, form_label(form, lang))
                .clicked()
                && form_typed != Some(form)
            {
                profiles.active_mut().measurements.form = Some(form);
            }
        }
        if form_typed.is_none() {
            ui.weak(lang.t(Msg::Assumed));
        }
    });
    ui.horizontal(|ui| {
        ui.label(lang.t(Msg::Unit));
        for u in [Unit::Cm, Unit::In] {
            if ui.radio(unit == u, unit_symbol(u)).clicked() && unit != u {
                profiles.active_mut().measurements.unit = u;
            }
        }
    });
    for issue in model.issues.iter().filter(|i| i.key.is_none()) {
        issue_line(ui, lang, issue);
    }
    if !model.valid {
        ui.colored_label(ERROR, lang.t(Msg::NoAvatar));
    }
    ui.separator();

    let mut hovered = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.spacing_mut().slider_width = 110.0;
            for key in Key::ALL {
                if row(ui, lang, key, profiles, model, hover) {
                    hovered = Some(key);
                }
            }
        });
    hover.hovered = hovered;
}

/// One key's row; returns whether the pointer is on it (or its slider is being dragged).
fn row(
    ui: &mut egui::Ui,
    lang: Lang,
    key: Key,
    profiles: &mut ResMut<Profiles>,
    model: &Model,
    hover: &mut TapeHover,
) -> bool {
    let typed_m = &profiles.active().measurements;
    let unit = typed_m.unit;
    let typed = typed_m.get(key);
    let predicted = model.resolved.as_ref().map(|r| r.get(key));
    let scale = per_unit(key, unit);
    // The slider spans the plausible range, so it cannot produce an error by itself.
    let (lo, hi) = plausible_range(key);
    let Some(cm) = typed.or(predicted) else {
        // Nothing to show until the set resolves (only happens with errors elsewhere).
        ui.weak(key_label(key, lang));
        return false;
    };
    let mut value = cm / scale;
    let before = value;
    let mut active = false;

    let response = ui.horizontal(|ui| {
        let mut label = RichText::new(key_label(key, lang));
        if typed.is_none() {
            label = label.italics().weak();
        }
        if hover.pinned == Some(key) {
            label = label.underline();
        }
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        let name = ui
            .allocate_ui_with_layout(egui::vec2(LABEL_WIDTH, 20.0), layout, |ui| {
                ui.set_min_width(LABEL_WIDTH);
                ui.add(egui::Label::new(label).sense(Sense::click()).truncate())
            })
            .inner
            .on_hover_text(lang.t(Msg::ShowTape));
        if name.clicked() {
            hover.pinned = if hover.pinned == Some(key) {
                None
            } else {
                Some(key)
            };
        }
        let slider = ui.add(
            egui::Slider::new(&mut value, lo / scale..=hi / scale)
                .show_value(false)
                .clamping(SliderClamping::Never),
        );
        let field = ui.add_sized(
            [FIELD_WIDTH, 20.0],
            egui::DragValue::new(&mut value)
                .speed(0.1)
                .range(0.0..=400.0)
                .max_decimals(1)
                .suffix(format!(" {}", suffix(key, unit))),
        );
        active = slider.dragged() || slider.has_focus() || field.dragged() || field.has_focus();
        match typed {
            Some(_) if key != Key::Stature => {
                if ui
                    .small_button("↺")
                    .on_hover_text(lang.t(Msg::ResetToPredicted))
                    .clicked()
                {
                    profiles.active_mut().measurements.values.remove(&key);
                }
            }
            Some(_) => {}
            None => {
                ui.label(
                    RichText::new(lang.t(Msg::Predicted))
                        .italics()
                        .weak()
                        .small(),
                );
            }
        }
    });
    if value != before {
        let cm = ((value * scale) * 10.0).round() / 10.0;
        profiles.active_mut().measurements.set(key, cm);
    }
    for issue in model.issues_for(key) {
        issue_line(ui, lang, issue);
    }
    active || ui.rect_contains_pointer(response.response.rect)
}

/// An issue in the UI's language.
fn issue_line(ui: &mut egui::Ui, lang: Lang, issue: &Issue) {
    let color = match issue.level {
        IssueLevel::Error => ERROR,
        IssueLevel::Warning => WARNING,
    };
    let message = issue_text(issue, lang);
    ui.label(RichText::new(format!("⚠ {message}")).color(color));
}
