//! How sure a resolved body is: every typed value carries a tape's error, every predicted one the
//! spread the survey model leaves given the typed ones (the form's normal conditioned on the
//! typed readings, correlations included). Bodies drawn from it feed the size probability.

use super::ansur::{Model, key_var};
use super::gaussian::{posterior_cov, sampling_factor};
use super::{Key, Resolved, Source};

/// A typed value's error, one standard deviation, cm (kg for the weight). ISO 20685-1 allows
/// trained measurers 9 mm for a large girth, 4 mm for a small girth or a height and 5 mm for a
/// segment length (Kouchi, "Anthropometric methods for apparel design", in *Anthropometry,
/// Apparel Sizing and Design*, ch. 2); a shopper with a tape at home does no better, so the large
/// girths and the lengths the shopper takes alone (arm, inside leg, shoulders) get 1 cm, the
/// small girths and the stature 0.5 cm. docs/sizing.md.
pub fn tape_sd(key: Key) -> f64 {
    match key {
        Key::ChestGirth
        | Key::UnderbustGirth
        | Key::WaistGirth
        | Key::OmphalionGirth
        | Key::HipGirth
        | Key::ThighGirth
        | Key::ShoulderWidth
        | Key::ArmLength
        | Key::InsideLeg => 1.0,
        Key::Stature
        | Key::NeckGirth
        | Key::UpperArmGirth
        | Key::WristGirth
        | Key::KneeGirth
        | Key::CalfGirth
        | Key::AnkleGirth
        | Key::HeadGirth
        | Key::WeightKg => 0.5,
    }
}

/// One drawn body: a value per key, cm (kg for the weight), in [`Key::ALL`] order.
pub type Values = [f64; Key::COUNT];

/// The doubt about a resolved body's keys: centred on its values (typed as typed, predicted as
/// predicted), with the covariance the survey model leaves given the typed readings.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    /// The resolved values.
    pub centre: Values,
    /// Per key, whether the shopper typed it.
    pub typed: [bool; Key::COUNT],
    /// Lower-triangular factor of the covariance over the keys.
    factor: Vec<Vec<f64>>,
}

impl Spread {
    /// The spread of `resolved` under the committed survey model.
    pub fn of(resolved: &Resolved) -> Option<Spread> {
        Spread::with(Model::committed(), resolved)
    }

    /// The spread of `resolved` under `model` (one fitted on part of the survey, to test it on
    /// the rest). `None` only if the model's covariance cannot be factored.
    pub fn with(model: &Model, resolved: &Resolved) -> Option<Spread> {
        let fm = model.form(resolved.form);
        let typed: [bool; Key::COUNT] =
            std::array::from_fn(|i| resolved.sources[i] == Source::Typed);
        let read: Vec<(usize, f64)> = Key::ALL
            .into_iter()
            .filter(|k| typed[k.index()])
            .map(|k| (key_var(k), tape_sd(k).powi(2)))
            .collect();
        let cov = posterior_cov(&fm.cov, &read, Key::COUNT)?;
        Some(Spread {
            centre: resolved.values,
            typed,
            factor: sampling_factor(&cov)?,
        })
    }

    /// One standard deviation of `key`'s doubt.
    pub fn sd(&self, key: Key) -> f64 {
        let row = &self.factor[key.index()];
        row.iter().map(|v| v * v).sum::<f64>().sqrt()
    }

    /// The body at standard-normal coordinates `z`: centre + L z.
    pub fn at(&self, z: &Values) -> Values {
        std::array::from_fn(|i| {
            self.centre[i] + (0..=i).map(|j| self.factor[i][j] * z[j]).sum::<f64>()
        })
    }

    /// `count` bodies drawn from the spread, the same ones for the same spread and `seed`.
    pub fn draw(&self, count: usize, seed: u64) -> Vec<Values> {
        let mut normal = Normal::new(seed);
        (0..count)
            .map(|_| self.at(&std::array::from_fn(|_| normal.sample())))
            .collect()
    }
}

/// Standard normal numbers from a seed (SplitMix64 and the Box–Muller transform): the same
/// sequence for the same seed on every machine.
#[derive(Clone, Debug)]
pub struct Normal {
    state: u64,
    spare: Option<f64>,
}

impl Normal {
    /// A generator starting at `seed`.
    pub fn new(seed: u64) -> Normal {
        Normal {
            state: seed,
            spare: None,
        }
    }

    fn uniform(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // 53 random bits in (0, 1].
        ((z >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// The next standard normal number.
    pub fn sample(&mut self) -> f64 {
        if let Some(v) = self.spare.take() {
            return v;
        }
        let (u, v) = (self.uniform(), self.uniform());
        let r = (-2.0 * u.ln()).sqrt();
        let t = std::f64::consts::TAU * v;
        self.spare = Some(r * t.sin());
        r * t.cos()
    }
}
