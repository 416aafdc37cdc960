//! The measurement rows of the left panel: form, unit, and per key a slider, a number field,
//! whether it was typed or predicted, and what is wrong with it. Hovering a row shows its tape.

use crate::app::i18n::{self, Lang, Msg, caliper_label, form_label, key_label, unit_symbol};
use crate::app::panels::labels;
use crate::app::scene::tape::TapeHover;
use crate::app::state::body::ShopperBody;
use crate::measurements::{
    Form, Issue, IssueLevel, Key, Measurements, ShapeVar, Unit, plausible_range,
};
use bevy_egui::egui::{self, Color32, RichText, Sense, SliderClamping};

/// Colours of issue messages.
const ERROR: Color32 = Color32::from_rgb(200, 40, 40);
const WARNING: Color32 = Color32::from_rgb(190, 120, 0);
/// Width of the name column, logical pixels.
const LABEL_WIDTH: f32 = 130.0;
/// Width of the number field, logical pixels.
const FIELD_WIDTH: f32 = 76.0;
/// Room kept right of the field for the "predicted" mark or the reset button, with spacing.
const MARK_WIDTH: f32 = 84.0;
/// Narrower than this, a row shows no slider.
const MIN_SLIDER: f32 = 40.0;

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

/// A change to the active profile's measurements, asked for in the measurement rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MeasurementEdit {
    /// The body's form, typed.
    Form(Form),
    /// The unit lengths are shown in.
    Unit(Unit),
    /// A typed value, cm (kg for the weight), rounded to 0.1.
    Set(Key, f64),
    /// Forget the typed value: the predicted one is used.
    Reset(Key),
    /// A typed breadth or depth of the trunk, cm, rounded to 0.1.
    SetShape(ShapeVar, f64),
    /// Forget a typed breadth or depth: the predicted one is used.
    ResetShape(ShapeVar),
}

impl MeasurementEdit {
    /// Makes the change in `typed`.
    pub fn apply(self, typed: &mut Measurements) {
        match self {
            MeasurementEdit::Form(form) => typed.form = Some(form),
            MeasurementEdit::Unit(unit) => typed.unit = unit,
            MeasurementEdit::Set(key, value) => typed.set(key, value),
            MeasurementEdit::Reset(key) => {
                typed.values.remove(&key);
            }
            MeasurementEdit::SetShape(var, value) => {
                typed.shape.insert(var, value);
            }
            MeasurementEdit::ResetShape(var) => {
                typed.shape.remove(&var);
            }
        }
    }
}

/// Draws the form and unit switches and one row per key of the `typed` measurements, with the
/// predicted values and issues of `body`; returns the changes the shopper made.
pub fn measurements_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    typed: &Measurements,
    body: &ShopperBody,
    hover: &mut TapeHover,
) -> Vec<MeasurementEdit> {
    let mut edits = Vec::new();
    let (form_typed, unit) = (typed.form, typed.unit);
    let shown_form = body
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
                edits.push(MeasurementEdit::Form(form));
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
                edits.push(MeasurementEdit::Unit(u));
            }
        }
    });
    for issue in body.issues.iter().filter(|i| i.key.is_none()) {
        issue_line(ui, lang, issue);
    }
    if !body.valid {
        ui.colored_label(ERROR, lang.t(Msg::NoAvatar));
    }
    ui.separator();

    let mut hovered = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.spacing_mut().slider_width = 110.0;
            for key in Key::ALL {
                if row(ui, lang, key, typed, body, hover, &mut edits) {
                    hovered = Some(key);
                }
            }
            calipers_ui(ui, lang, typed, body, &mut edits);
        });
    hover.hovered = hovered;
    edits
}

/// One key's row; returns whether the pointer is on it (or its slider is being dragged). The
/// number field is labelled by the key's name (for screen readers and UI tests).
fn row(
    ui: &mut egui::Ui,
    lang: Lang,
    key: Key,
    typed_m: &Measurements,
    body: &ShopperBody,
    hover: &mut TapeHover,
    edits: &mut Vec<MeasurementEdit>,
) -> bool {
    let unit = typed_m.unit;
    let typed = typed_m.get(key);
    let predicted = body.resolved.as_ref().map(|r| r.get(key));
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
        // The slider takes what the panel has left beside the field and the mark; in a narrow
        // panel it gives way, the field stays, and the mark shrinks to "≈". What is left is
        // measured to the panel's visible edge (a row may be laid out wider than it).
        let visible = (ui.clip_rect().right() - ui.cursor().min.x)
            .min(ui.available_width())
            .max(0.0);
        let compact_mark = visible - FIELD_WIDTH - ui.spacing().item_spacing.x < MARK_WIDTH;
        let room = visible - FIELD_WIDTH - MARK_WIDTH;
        let slider = (room >= MIN_SLIDER).then(|| {
            ui.spacing_mut().slider_width = room.min(ui.spacing().slider_width);
            ui.add(
                egui::Slider::new(&mut value, lo / scale..=hi / scale)
                    .show_value(false)
                    .clamping(SliderClamping::Never),
            )
        });
        let field = ui
            .add_sized(
                [FIELD_WIDTH, 20.0],
                egui::DragValue::new(&mut value)
                    .speed(0.1)
                    // Not clamped to what a body can have: a value out of range is kept as
                    // typed, and the check below says what is wrong with it.
                    .range(0.0..=f64::from(u16::MAX))
                    .max_decimals(1)
                    .custom_formatter(move |n, decimals| {
                        let text = egui::emath::format_with_decimals_in_range(n, decimals);
                        labels::number_text(text, lang)
                    })
                    .custom_parser(labels::parse_number)
                    .suffix(format!(" {}", suffix(key, unit))),
            )
            .labelled_by(name.id);
        if hover.focus == Some(key) {
            field.request_focus();
            field.scroll_to_me(Some(egui::Align::Center));
            hover.focus = None;
        }
        let slider_active = slider.is_some_and(|s| s.dragged() || s.has_focus());
        active = slider_active || field.dragged() || field.has_focus();
        match typed {
            Some(_) if key != Key::Stature => {
                if ui
                    .small_button("↺")
                    .on_hover_text(lang.t(Msg::ResetToPredicted))
                    .clicked()
                {
                    edits.push(MeasurementEdit::Reset(key));
                }
            }
            Some(_) => {}
            None if compact_mark => {
                ui.label(RichText::new("≈").weak())
                    .on_hover_text(lang.t(Msg::Predicted));
            }
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
        edits.push(MeasurementEdit::Set(key, cm));
    }
    for issue in body.issues_for(key) {
        issue_line(ui, lang, issue);
    }
    active || ui.rect_contains_pointer(response.response.rect)
}

/// The trunk's breadths and depth, optional: folded away unless one is typed; each row shows the
/// typed or predicted value in the shopper's unit, editable, with a reset for a typed one.
fn calipers_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    typed: &Measurements,
    body: &ShopperBody,
    edits: &mut Vec<MeasurementEdit>,
) {
    let unit = typed.unit;
    let scale = unit.cm_per_unit();
    egui::CollapsingHeader::new(lang.t(Msg::TrunkBreadths))
        .default_open(!typed.shape.is_empty())
        .show(ui, |ui| {
            for var in ShapeVar::TYPABLE {
                let typed_cm = typed.shape.get(&var).copied();
                let predicted = body.resolved.as_ref().map(|r| r.shape.get(var));
                let Some(cm) = typed_cm.or(predicted) else {
                    continue;
                };
                let mut value = cm / scale;
                let before = value;
                ui.horizontal(|ui| {
                    let mut label = RichText::new(caliper_label(var, lang));
                    if typed_cm.is_none() {
                        label = label.italics().weak();
                    }
                    let layout = egui::Layout::left_to_right(egui::Align::Center);
                    let name = ui
                        .allocate_ui_with_layout(egui::vec2(LABEL_WIDTH, 20.0), layout, |ui| {
                            ui.set_min_width(LABEL_WIDTH);
                            ui.add(egui::Label::new(label).truncate())
                        })
                        .inner;
                    ui.add_sized(
                        [FIELD_WIDTH, 20.0],
                        egui::DragValue::new(&mut value)
                            .speed(0.1)
                            .range(0.0..=1000.0)
                            .max_decimals(1)
                            .custom_formatter(move |n, decimals| {
                                let text = egui::emath::format_with_decimals_in_range(n, decimals);
                                labels::number_text(text, lang)
                            })
                            .custom_parser(labels::parse_number)
                            .suffix(format!(" {}", unit_symbol(unit))),
                    )
                    .labelled_by(name.id);
                    if typed_cm.is_some() {
                        if ui
                            .small_button("↺")
                            .on_hover_text(lang.t(Msg::ResetToPredicted))
                            .clicked()
                        {
                            edits.push(MeasurementEdit::ResetShape(var));
                        }
                    } else {
                        ui.label(RichText::new("≈").weak())
                            .on_hover_text(lang.t(Msg::Predicted));
                    }
                });
                if value != before {
                    let cm = ((value * scale) * 10.0).round() / 10.0;
                    edits.push(MeasurementEdit::SetShape(var, cm));
                }
            }
        });
}

/// An issue in the UI's language, as the panel shows it.
pub fn issue_text(lang: Lang, issue: &Issue) -> String {
    format!("⚠ {}", i18n::issue_text(issue, lang))
}

/// An issue in the UI's language, coloured by its severity.
fn issue_line(ui: &mut egui::Ui, lang: Lang, issue: &Issue) {
    let color = match issue.level {
        IssueLevel::Error => ERROR,
        IssueLevel::Warning => WARNING,
    };
    ui.label(RichText::new(issue_text(lang, issue)).color(color));
}
