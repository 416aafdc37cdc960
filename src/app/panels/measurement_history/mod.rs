//! The left panel's "History" section: the shown profile's measurement snapshots as a line plot
//! over time (one line per measurement typed in at least two snapshots, toggled on and off,
//! drawn with egui's painter), and the snapshots listed newest first with what changed from the
//! one before, each with "Go back to this".
//!
//! [`history`] turns the snapshots into what is shown (pure, no Bevy); [`history_ui`] draws it and
//! returns a [`GoBack`]; [`go_back`] makes that snapshot's measurements the profile's current
//! ones — a new snapshot dated today, so the history only grows — and changes the profile as the
//! measurement form does, so the avatar rebuilds and the profile sync sees nothing left to write.
//! [`refresh_history`] reads the snapshots again whenever the store or the shown profile changed.

mod series;
mod state;

pub use series::*;
pub use state::*;

use super::labels;
use crate::app::AppSystems;
use crate::app::i18n::{Lang, Msg};
use crate::measurements::{Measurements, Unit};
use bevy::prelude::*;
use bevy_egui::egui::{
    self, Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, WidgetInfo, WidgetType,
};

/// The history's resources, the "Go back to this" message and the systems that apply it and
/// read the history; the section itself is drawn by the left panel ([`HistorySection`]).
pub fn plugin(app: &mut App) {
    app.init_resource::<MeasurementHistory>()
        .init_resource::<HistoryPanelState>()
        .add_message::<GoBack>()
        .add_systems(
            Update,
            (go_back, refresh_history)
                .chain()
                .in_set(AppSystems::Actions),
        );
}

/// Height of the plot, logical pixels, axes included.
const PLOT_HEIGHT: f32 = 150.0;
/// Room left of the plot for the value ticks' labels.
const LEFT_AXIS: f32 = 44.0;
/// Room under the plot for the date ticks' labels.
const BOTTOM_AXIS: f32 = 16.0;
/// Room kept inside the plot's frame around the points, so none sits on the frame.
const INSET: f32 = 7.0;
/// Roughly the width one date label takes, with room between labels.
const DATE_LABEL_ROOM: f32 = 78.0;
/// How near the pointer must come to a point to show its date and value.
const HOVER_RADIUS: f32 = 10.0;
/// The list's height before it scrolls.
const LIST_HEIGHT: f32 = 170.0;

/// The colour of a measure's line (the same for a measure in every profile).
pub fn colour(measure: Measure) -> Color32 {
    const PALETTE: [Color32; 8] = [
        Color32::from_rgb(66, 133, 244),
        Color32::from_rgb(230, 80, 60),
        Color32::from_rgb(40, 170, 90),
        Color32::from_rgb(240, 165, 0),
        Color32::from_rgb(175, 90, 210),
        Color32::from_rgb(0, 180, 200),
        Color32::from_rgb(250, 120, 170),
        Color32::from_rgb(150, 190, 60),
    ];
    let index = Measure::all().position(|m| m == measure).unwrap_or(0);
    PALETTE[index % PALETTE.len()]
}

/// Draws the section: its header, and when open the plot, the series' toggles and the
/// snapshots (or one line saying why there is nothing to plot). Returns "Go back to this".
pub fn history_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    data: &MeasurementHistory,
    current: &Measurements,
    state: &mut HistoryPanelState,
) -> Option<GoBack> {
    let mut back = None;
    let header = egui::CollapsingHeader::new(lang.t(Msg::HistorySection))
        .id_salt("measurement history section")
        .open(Some(state.open))
        .show(ui, |ui| {
            back = history_body(ui, lang, data, current, state);
        });
    if header.header_response.clicked() {
        state.open = !state.open;
    }
    back
}

fn history_body(
    ui: &mut egui::Ui,
    lang: Lang,
    data: &MeasurementHistory,
    current: &Measurements,
    state: &mut HistoryPanelState,
) -> Option<GoBack> {
    if let Some(why) = &data.unavailable {
        ui.weak(lang.t(Msg::ProfileNotStored));
        if !why.is_empty() {
            super::error_text(ui, why.get(lang));
        }
        return None;
    }
    let Some(profile) = data.profile.filter(|_| data.snapshots.len() >= 2) else {
        ui.weak(lang.t(Msg::HistoryTooShort));
        return None;
    };
    let shown = history(&data.snapshots, current.unit);
    state.choose(Some(profile), &shown.series);
    if !shown.series.is_empty() {
        plot(ui, lang, &shown, &state.plotted);
        toggles(ui, lang, &shown.series, &mut state.plotted);
    }
    ui.separator();
    ui.weak(lang.t(Msg::HistorySnapshots));
    let mut back = None;
    egui::ScrollArea::vertical()
        .id_salt("measurement history list")
        // Its own height, not what is left: the section's panel is as tall as its contents.
        .max_height(LIST_HEIGHT)
        .min_scrolled_height(LIST_HEIGHT)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (n, entry) in shown.entries.iter().enumerate() {
                if snapshot_row(ui, lang, (entry, n == 0), shown.unit, current) {
                    back = Some(GoBack {
                        profile,
                        snapshot: entry.id,
                        measurements: entry.measurements.clone(),
                    });
                }
            }
        });
    back
}

/// One snapshot (`newest`: the first listed): its date, "current" (the newest with today's
/// measurements), "same as now" (an older one with them) or "Go back to this", and what
/// changed. Returns whether the button was clicked.
fn snapshot_row(
    ui: &mut egui::Ui,
    lang: Lang,
    (entry, newest): (&Entry, bool),
    unit: Unit,
    current: &Measurements,
) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.strong(entry.date());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if same_body(&entry.measurements, current) {
                ui.weak(lang.t(if newest {
                    Msg::HistoryCurrent
                } else {
                    Msg::HistorySameAsNow
                }));
            } else {
                clicked = ui
                    .small_button(lang.t(Msg::HistoryGoBack))
                    .on_hover_text(lang.t(Msg::HistoryGoBackHint))
                    .clicked();
            }
        });
    });
    ui.add(egui::Label::new(RichText::new(entry.changes_text(unit, lang)).weak()).wrap());
    ui.add_space(2.0);
    clicked
}

/// A checkbox per series, in its line's colour: which are plotted.
fn toggles(ui: &mut egui::Ui, lang: Lang, series: &[Series], plotted: &mut Vec<Measure>) {
    ui.horizontal_wrapped(|ui| {
        for s in series {
            let mut on = plotted.contains(&s.measure);
            let text = RichText::new(s.measure.label(lang)).color(colour(s.measure));
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    plotted.push(s.measure);
                } else {
                    plotted.retain(|m| *m != s.measure);
                }
            }
        }
    });
}

/// The line plot of the `plotted` series: value ticks on the left, date ticks below, one line
/// with its points per series; the point nearest the pointer shows its date and value.
fn plot(ui: &mut egui::Ui, lang: Lang, shown: &History, plotted: &[Measure]) {
    let series: Vec<&Series> = shown
        .series
        .iter()
        .filter(|s| plotted.contains(&s.measure))
        .collect();
    let width = ui.available_width().max(LEFT_AXIS + 60.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, PLOT_HEIGHT), Sense::hover());
    let names: Vec<&str> = series.iter().map(|s| s.measure.label(lang)).collect();
    response.widget_info(|| {
        WidgetInfo::labeled(
            WidgetType::Other,
            true,
            format!("{} {}", lang.t(Msg::HistoryPlotOf), names.join(", ")),
        )
    });
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let text_colour = visuals.weak_text_color();
    let grid = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
    let font = FontId::proportional(10.0);
    let frame = Rect::from_min_max(
        egui::pos2(rect.left() + LEFT_AXIS, rect.top() + 2.0),
        egui::pos2(rect.right() - 2.0, rect.bottom() - BOTTOM_AXIS),
    );
    painter.rect_filled(frame, 2.0, visuals.extreme_bg_color);
    let area = frame.shrink(INSET);

    // The ranges: every plotted point, or every series' when none is plotted.
    let all = || shown.series.iter().flat_map(|s| &s.points);
    let (first, last) = all().fold((i64::MAX, i64::MIN), |(a, b), p| {
        let d = p.day.to_days();
        (a.min(d), b.max(d))
    });
    let values = || series.iter().flat_map(|s| &s.points).map(|p| p.value);
    let (mut lo, mut hi) = values().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 0.5 {
        let mid = (hi + lo) / 2.0;
        (lo, hi) = (mid - 1.0, mid + 1.0);
    }
    let x_of = |day: i64| {
        if last == first {
            area.center().x
        } else {
            let t = (day - first) as f32 / (last - first) as f32;
            area.left() + t * area.width()
        }
    };
    let y_of = |v: f64| {
        let t = ((v - lo) / (hi - lo)) as f32;
        area.bottom() - t * area.height()
    };

    let max_value_ticks = ((area.height() / 28.0) as usize).max(2);
    let (ticks, step) = value_ticks(lo, hi, max_value_ticks);
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    };
    for v in ticks {
        let y = y_of(v);
        painter.hline(frame.x_range(), y, grid);
        painter.text(
            egui::pos2(frame.left() - 4.0, y),
            Align2::RIGHT_CENTER,
            labels::number(v, decimals, lang),
            font.clone(),
            text_colour,
        );
    }
    let max_date_ticks = ((frame.width() / DATE_LABEL_ROOM) as usize).max(1);
    for (day, label) in date_ticks(first, last, max_date_ticks) {
        let x = x_of(day);
        painter.vline(x, frame.y_range(), grid);
        let galley = painter.layout_no_wrap(label, font.clone(), text_colour);
        let half = galley.size().x / 2.0;
        let left = (x - half).clamp(rect.left(), rect.right() - galley.size().x);
        painter.galley(egui::pos2(left, frame.bottom() + 2.0), galley, text_colour);
    }
    painter.rect_stroke(frame, 2.0, grid, egui::StrokeKind::Inside);

    // The lines, their points, and the point nearest the pointer.
    let mut nearest: Option<(f32, &Series, &Point, Pos2)> = None;
    let pointer = response.hover_pos();
    for s in &series {
        let c = colour(s.measure);
        let at: Vec<Pos2> = s
            .points
            .iter()
            .map(|p| egui::pos2(x_of(p.day.to_days()), y_of(p.value)))
            .collect();
        painter.line(at.clone(), Stroke::new(2.0, c));
        for (p, pos) in s.points.iter().zip(&at) {
            painter.circle_filled(*pos, 3.0, c);
            if let Some(pointer) = pointer {
                let d = pos.distance(pointer);
                if d <= HOVER_RADIUS && nearest.is_none_or(|(best, ..)| d < best) {
                    nearest = Some((d, s, p, *pos));
                }
            }
        }
    }
    if let Some((_, s, p, pos)) = nearest {
        painter.circle_stroke(pos, 5.5, Stroke::new(2.0, visuals.strong_text_color()));
        let text = format!(
            "{}\n{}: {}",
            s.measure.label(lang),
            p.day,
            s.measure.value_text(p.value, shown.unit, lang)
        );
        response.on_hover_text_at_pointer(text);
    }
}
