//! What the history section shows: series over time and the changes between snapshots (pure:
//! no Bevy, no store).

use crate::app::i18n::{Lang, Msg, caliper_label, form_label, key_label, unit_symbol};
use crate::app::panels::labels;
use crate::measurements::{Form, Key, Measurements, ShapeVar, Unit};
use crate::store::Snapshot;
use crate::store::date::{self, Day};

/// Something measured that a snapshot can hold: a key, or a typed breadth or depth of the trunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// One of the measurements ([`Key`]).
    Key(Key),
    /// A typed breadth or depth of the trunk ([`ShapeVar::TYPABLE`]).
    Shape(ShapeVar),
}

impl Measure {
    /// Every measure, in the panel's order: the keys, then the trunk's breadths and depth.
    pub fn all() -> impl Iterator<Item = Measure> {
        Key::ALL
            .into_iter()
            .map(Measure::Key)
            .chain(ShapeVar::TYPABLE.into_iter().map(Measure::Shape))
    }

    /// The typed value in `m`, cm (kg for the weight).
    pub fn typed(self, m: &Measurements) -> Option<f64> {
        match self {
            Measure::Key(key) => m.get(key),
            Measure::Shape(var) => m.shape.get(&var).copied(),
        }
    }

    /// Whether it is a length (shown in the shopper's unit); the weight is in kg.
    pub fn is_length(self) -> bool {
        match self {
            Measure::Key(key) => key.is_length(),
            Measure::Shape(_) => true,
        }
    }

    /// `cm` in the unit it is shown in: `unit` for a length, kg for the weight.
    pub fn shown(self, cm: f64, unit: Unit) -> f64 {
        if self.is_length() {
            cm / unit.cm_per_unit()
        } else {
            cm
        }
    }

    /// The symbol of the unit it is shown in.
    pub fn suffix(self, unit: Unit) -> &'static str {
        if self.is_length() {
            unit_symbol(unit)
        } else {
            "kg"
        }
    }

    /// Decimals shown: tenths of a cm or kg, hundredths of an inch.
    pub fn decimals(self, unit: Unit) -> usize {
        if self.is_length() && unit == Unit::In {
            2
        } else {
            1
        }
    }

    /// Its name in the panel ("Waist", "Taille").
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Measure::Key(key) => key_label(key, lang),
            Measure::Shape(var) => caliper_label(var, lang),
        }
    }

    /// `value` (already in the shown unit) as the panel writes it: `72.5 cm`, `72,5 cm`.
    pub fn value_text(self, value: f64, unit: Unit, lang: Lang) -> String {
        format!(
            "{} {}",
            labels::number(value, self.decimals(unit), lang),
            self.suffix(unit)
        )
    }
}

/// One plotted value: a snapshot's day and its value in the shown unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// The day the snapshot was taken.
    pub day: Day,
    /// The value, in the shopper's unit (kg for the weight).
    pub value: f64,
    /// The snapshot's id in the store.
    pub snapshot: i64,
}

/// One measure's values over time, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// What was measured.
    pub measure: Measure,
    /// Every snapshot that has it typed (and a readable date), oldest first.
    pub points: Vec<Point>,
}

impl Series {
    /// Whether its value ever changed.
    pub fn varies(&self) -> bool {
        self.points
            .windows(2)
            .any(|w| (w[0].value - w[1].value).abs() > 1e-9)
    }
}

/// What changed in a snapshot since the one before it; values in the shown unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// A value typed in both changed by `delta`.
    Value {
        /// What was measured.
        measure: Measure,
        /// New minus old, in the shown unit.
        delta: f64,
    },
    /// A value typed now that was not before.
    Added {
        /// What was measured.
        measure: Measure,
        /// The value, in the shown unit.
        value: f64,
    },
    /// A value typed before that is not now (predicted again).
    Dropped(Measure),
    /// The body's form changed (`None`: no longer given).
    Form(Option<Form>),
    /// The unit the shopper saw the values in changed.
    Unit(Unit),
}

impl Change {
    /// The change as the list says it: `Waist −2.0 cm`, `Hip 98.0 cm (new)`.
    pub fn text(self, unit: Unit, lang: Lang) -> String {
        match self {
            Change::Value { measure, delta } => {
                let sign = if delta < 0.0 { '−' } else { '+' };
                format!(
                    "{} {sign}{}",
                    measure.label(lang),
                    measure.value_text(delta.abs(), unit, lang)
                )
            }
            Change::Added { measure, value } => format!(
                "{} {} ({})",
                measure.label(lang),
                measure.value_text(value, unit, lang),
                lang.t(Msg::HistoryNew)
            ),
            Change::Dropped(measure) => {
                format!("{} {}", measure.label(lang), lang.t(Msg::HistoryDropped))
            }
            Change::Form(form) => format!(
                "{}: {}",
                lang.t(Msg::HistoryForm),
                form.map_or(lang.t(Msg::Assumed), |f| form_label(f, lang))
            ),
            Change::Unit(u) => format!("{}: {}", lang.t(Msg::Unit), unit_symbol(u)),
        }
    }
}

/// A snapshot as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The snapshot's id in the store.
    pub id: i64,
    /// When it was taken, as the store keeps it.
    pub taken: String,
    /// Its calendar day, if the date reads.
    pub day: Option<Day>,
    /// Its measurements (cm).
    pub measurements: Measurements,
    /// What changed since the snapshot before; `None` for the first.
    pub changes: Option<Vec<Change>>,
}

impl Entry {
    /// The date as the list shows it: `2026-03-01`.
    pub fn date(&self) -> String {
        self.day
            .map_or_else(|| self.taken.clone(), |d| d.to_string())
    }

    /// What changed, in words: `Waist −2.0 cm, Hip −1.5 cm`; "first snapshot" for the first.
    pub fn changes_text(&self, unit: Unit, lang: Lang) -> String {
        match &self.changes {
            None => lang.t(Msg::HistoryFirst).to_string(),
            Some(changes) if changes.is_empty() => lang.t(Msg::HistoryNoChange).to_string(),
            Some(changes) => changes
                .iter()
                .map(|c| c.text(unit, lang))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A profile's history as the section shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The unit lengths are shown in.
    pub unit: Unit,
    /// One series per measure typed in at least two snapshots, in the panel's order.
    pub series: Vec<Series>,
    /// Every snapshot, newest first.
    pub entries: Vec<Entry>,
}

/// Turns a profile's snapshots (in any order) into the plot's series — per measure typed in at
/// least two snapshots, its values over time in `unit` (kg for the weight) — and the snapshots
/// newest first with what changed from the one before. Snapshots are ordered as the store
/// orders them: by the date taken, then by id.
pub fn history(snapshots: &[Snapshot], unit: Unit) -> History {
    let mut oldest_first: Vec<&Snapshot> = snapshots.iter().collect();
    oldest_first.sort_by(|a, b| (&a.taken, a.id).cmp(&(&b.taken, b.id)));
    let days: Vec<Option<Day>> = oldest_first
        .iter()
        .map(|s| date::parse(&s.taken).ok())
        .collect();

    let series = Measure::all()
        .filter_map(|measure| {
            let points: Vec<Point> = oldest_first
                .iter()
                .zip(&days)
                .filter_map(|(s, day)| {
                    let cm = measure.typed(&s.measurements)?;
                    Some(Point {
                        day: (*day)?,
                        value: measure.shown(cm, unit),
                        snapshot: s.id,
                    })
                })
                .collect();
            (points.len() >= 2).then_some(Series { measure, points })
        })
        .collect();

    let mut entries: Vec<Entry> = Vec::with_capacity(oldest_first.len());
    let mut before: Option<&Measurements> = None;
    for (s, day) in oldest_first.iter().zip(&days) {
        entries.push(Entry {
            id: s.id,
            taken: s.taken.clone(),
            day: *day,
            measurements: s.measurements.clone(),
            changes: before.map(|b| changes(b, &s.measurements, unit)),
        });
        before = Some(&s.measurements);
    }
    entries.reverse();
    History {
        unit,
        series,
        entries,
    }
}

/// What changed from `before` to `after`, in the panel's order; values in `unit`.
pub fn changes(before: &Measurements, after: &Measurements, unit: Unit) -> Vec<Change> {
    let mut out = Vec::new();
    if before.form != after.form {
        out.push(Change::Form(after.form));
    }
    for measure in Measure::all() {
        match (measure.typed(before), measure.typed(after)) {
            // Values are kept to 0.01 cm: anything smaller is no change.
            (Some(old), Some(new)) if (new - old).abs() >= 0.005 => out.push(Change::Value {
                measure,
                delta: measure.shown(new, unit) - measure.shown(old, unit),
            }),
            (None, Some(new)) => out.push(Change::Added {
                measure,
                value: measure.shown(new, unit),
            }),
            (Some(_), None) => out.push(Change::Dropped(measure)),
            _ => {}
        }
    }
    if before.unit != after.unit {
        out.push(Change::Unit(after.unit));
    }
    out
}

/// Whether two sets hold the same measurements, whatever unit they were seen in.
pub fn same_body(a: &Measurements, b: &Measurements) -> bool {
    (a.form, &a.values, &a.shape) == (b.form, &b.values, &b.shape)
}

/// At most about `max_count` evenly spaced "nice" values (1, 2 or 5 × 10ⁿ apart) from `lo` to
/// `hi`, and their spacing; none when the range is empty.
pub fn value_ticks(lo: f64, hi: f64, max_count: usize) -> (Vec<f64>, f64) {
    if max_count == 0 || !lo.is_finite() || !hi.is_finite() || hi <= lo {
        return (Vec::new(), 0.0);
    }
    let raw = (hi - lo) / max_count as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let ticks = (first..=last).map(|i| i as f64 * step).collect();
    (ticks, step)
}

/// At most `max_count` date ticks from day `first` to day `last` (days since 1970-01-01), each
/// with its label: every 1, 2, 7 or 14 days (`2026-03-01`), else at month starts every 1, 2, 3
/// or 6 months (`2026-03`), else at new years (`2026`). At least one tick.
pub fn date_ticks(first: i64, last: i64, max_count: usize) -> Vec<(i64, String)> {
    let max_count = max_count.max(1);
    let (first, last) = (first.min(last), first.max(last));
    let span = last - first;
    for step in [1, 2, 7, 14] {
        if span / step < max_count as i64 {
            return (0..=span / step)
                .map(|i| first + i * step)
                .map(|d| (d, Day::from_days(d).to_string()))
                .collect();
        }
    }
    let month_of = |d: i64| {
        let day = Day::from_days(d);
        day.year * 12 + i64::from(day.month) - 1
    };
    let month_start =
        |m: i64| date::days_from_civil(m.div_euclid(12), (m.rem_euclid(12) + 1) as u32, 1);
    let months: Vec<i64> = (month_of(first)..=month_of(last))
        .filter(|m| (first..=last).contains(&month_start(*m)))
        .collect();
    for step in [1, 2, 3, 6] {
        let ticks: Vec<i64> = months.iter().copied().filter(|m| m % step == 0).collect();
        if !ticks.is_empty() && ticks.len() <= max_count {
            return ticks
                .into_iter()
                .map(|m| {
                    let day = month_start(m);
                    let d = Day::from_days(day);
                    (day, format!("{:04}-{:02}", d.year, d.month))
                })
                .collect();
        }
    }
    let years: Vec<i64> = (Day::from_days(first).year..=Day::from_days(last).year)
        .filter(|y| (first..=last).contains(&date::days_from_civil(*y, 1, 1)))
        .collect();
    let mut step = 1;
    while step < 100_000 {
        for factor in [1, 2, 5] {
            let ticks: Vec<i64> = years
                .iter()
                .copied()
                .filter(|y| y % (step * factor) == 0)
                .collect();
            if !ticks.is_empty() && ticks.len() <= max_count {
                return ticks
                    .into_iter()
                    .map(|y| (date::days_from_civil(y, 1, 1), format!("{y:04}")))
                    .collect();
            }
        }
        step *= 10;
    }
    vec![(first, Day::from_days(first).to_string())]
}
