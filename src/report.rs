//! The JSON report of `anprobe avatar`: every measurement, typed or predicted, and measured on the mesh.
//!
//! The shape is product (retailers parse it) and versioned by `"version"`: fields are only ever
//! added within a version. Lengths are in cm, the weight in kg, tape positions in metres in the
//! avatar's frame (+Y up, facing +Z, feet on y = 0).

use crate::body::Avatar;
use crate::measurements::{Form, Key, Resolved, Source};
use crate::tape::{self, Reading, TapeGeometry};
use serde::{Deserialize, Serialize};

/// The value of `"report"`.
pub const REPORT_KIND: &str = "anprobe.avatar";
/// The value of `"version"`.
pub const REPORT_VERSION: u32 = 1;
/// Density used to estimate the weight from the mesh volume, kg/m³ (the body is about as dense
/// as water).
pub const BODY_DENSITY_KG_M3: f64 = 1000.0;

/// The avatar report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AvatarReport {
    /// Always [`REPORT_KIND`].
    pub report: String,
    /// Always [`REPORT_VERSION`].
    pub version: u32,
    /// The form the avatar was built with: `"female"` or `"male"`.
    pub form: Form,
    /// Whether the form was typed or assumed (female when not given).
    pub form_source: Source,
    /// Vertex and triangle counts of the avatar's mesh.
    pub mesh: MeshStats,
    /// One entry per key, in [`Key::ALL`] order.
    pub measurements: Vec<MeasurementReport>,
}

/// Size of the exported mesh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeshStats {
    /// Number of vertices.
    pub vertices: usize,
    /// Number of triangles.
    pub triangles: usize,
}

/// One measurement: what the avatar was built for and what the tape reads on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasurementReport {
    /// The measurement as its JSON key, e.g. `"chest_girth"`.
    pub key: Key,
    /// `"cm"`, or `"kg"` for `weight_kg`.
    pub unit: String,
    /// The resolved value (typed or predicted), rounded to 0.01.
    pub value: f64,
    /// `"typed"` when the shopper gave the value, `"predicted"` when the model filled it in.
    pub source: Source,
    /// Measured on the mesh, rounded to 0.01 cm (weight: 0.1 kg); `null` when the tape found
    /// nothing to measure.
    pub measured: Option<f64>,
    /// `measured - value`, same rounding; `null` with `measured`.
    pub difference: Option<f64>,
    /// Where the tape lay (lengths and girths only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tape: Option<TapeReport>,
    /// How a value that is not taken with a tape was measured: `"volume"` for the weight
    /// (mesh volume × 1000 kg/m³).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// Where the tape lay, in metres.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TapeReport {
    /// A straight tape between two points (for the stature and inside leg: down to the floor).
    Length {
        /// One end as `[x, y, z]` in metres, rounded to 5 decimals (for a height: the top).
        from: [f64; 3],
        /// The other end as `[x, y, z]` in metres, rounded to 5 decimals (for a height: the floor).
        to: [f64; 3],
    },
    /// A tape around the body in the plane through `origin` with unit `normal`.
    Girth {
        /// A point inside the measured cross-section as `[x, y, z]` in metres, rounded to 5
        /// decimals.
        origin: [f64; 3],
        /// The plane's unit normal as `[x, y, z]`, rounded to 5 decimals.
        normal: [f64; 3],
    },
}

/// Builds the report of an avatar from its measurements and the tape readings on its mesh
/// ([`tape::measure`]). Keys without a reading are reported with `measured: null`.
pub fn avatar_report(resolved: &Resolved, avatar: &Avatar, readings: &[Reading]) -> AvatarReport {
    let measurements = Key::ALL
        .iter()
        .map(|&key| {
            let value = resolved.get(key);
            let source = resolved.source(key);
            if key == Key::WeightKg {
                let kg = tape::volume_m3(&avatar.mesh) * BODY_DENSITY_KG_M3;
                let measured = finite(kg).map(|kg| round(kg, 1));
                return MeasurementReport {
                    key,
                    unit: "kg".into(),
                    value: round(value, 2),
                    source,
                    measured,
                    difference: measured.map(|m| round(m - value, 1)),
                    tape: None,
                    method: Some("volume".into()),
                };
            }
            let reading = readings.iter().find(|r| r.key == key);
            let measured = reading.and_then(|r| finite(r.cm)).map(|cm| round(cm, 2));
            MeasurementReport {
                key,
                unit: "cm".into(),
                value: round(value, 2),
                source,
                measured,
                difference: measured.map(|m| round(m - value, 2)),
                tape: reading.map(|r| tape_report(&r.geometry)),
                method: None,
            }
        })
        .collect();
    AvatarReport {
        report: REPORT_KIND.into(),
        version: REPORT_VERSION,
        form: resolved.form,
        form_source: resolved.form_source,
        mesh: MeshStats {
            vertices: avatar.mesh.positions.len(),
            triangles: avatar.mesh.indices.len() / 3,
        },
        measurements,
    }
}

impl AvatarReport {
    /// Pretty-printed JSON with a trailing newline.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The report as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The entry of `key`.
    pub fn get(&self, key: Key) -> Option<&MeasurementReport> {
        self.measurements.iter().find(|m| m.key == key)
    }
}

fn tape_report(geometry: &TapeGeometry) -> TapeReport {
    let point = |p: glam::Vec3| p.to_array().map(|c| round(f64::from(c), 5));
    match geometry {
        TapeGeometry::Length { from, to } => TapeReport::Length {
            from: point(*from),
            to: point(*to),
        },
        TapeGeometry::Girth { origin, normal, .. } => TapeReport::Girth {
            origin: point(*origin),
            normal: point(*normal),
        },
    }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Rounds to `decimals` places (non-finite values become 0 so the JSON stays valid).
fn round(x: f64, decimals: i32) -> f64 {
    if !x.is_finite() {
        return 0.0;
    }
    let scale = 10f64.powi(decimals);
    let r = (x * scale).round() / scale;
    if r == 0.0 { 0.0 } else { r }
}
