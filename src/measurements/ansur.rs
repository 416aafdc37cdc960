//! The ANSUR II prediction model: reading the survey CSVs, fitting a mean and covariance per form,
//! and the committed model file (`ansur_model.json`) that `resolve` uses.
use super::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Number of model variables: the keys (in [`Key::ALL`] order), then the shape variables (in
/// [`ShapeVar::ALL`] order).
pub const N: usize = Key::COUNT + ShapeVar::COUNT;

/// The committed model file, relative to the crate root.
pub const MODEL_FILE: &str = "src/measurements/ansur_model.json";

/// Slope of the derived underbust on the chest girth, per form (underbust is not in ANSUR).
pub fn underbust_slope(form: Form) -> f64 {
    match form {
        Form::Female => 0.88,
        Form::Male => 0.93,
    }
}

/// Residual standard deviation of the derived underbust, cm.
pub const UNDERBUST_SD: f64 = 2.5;

/// Share of the navel girth the natural waist is, per form. The survey measured the waist at the
/// navel only, so this is not fitted per body: it is set from published comparisons of waist
/// sites (the narrowest waist is the smallest site, the navel's among the largest, the gap wider
/// for women) and from one real reference body (natural waist 65.8 cm, 72.3 cm at the navel:
/// 0.91). docs/measurements.md gives the sources and what would replace it.
pub fn natural_waist_share(form: Form) -> f64 {
    match form {
        Form::Female => 0.92,
        Form::Male => 0.97,
    }
}

/// Residual standard deviation of the derived natural waist, cm (its doubt given the navel girth).
pub fn natural_waist_sd(form: Form) -> f64 {
    match form {
        Form::Female => 2.5,
        Form::Male => 2.0,
    }
}

/// The model index of a key.
pub fn key_var(key: Key) -> usize {
    key.index()
}

/// The model index of a shape variable.
pub fn shape_var(var: ShapeVar) -> usize {
    Key::COUNT + var as usize
}

/// The name of model variable `i` (`"stature"`, …, `"acromial_height"`, …).
pub fn var_name(i: usize) -> &'static str {
    match i {
        0..Key::COUNT => Key::ALL[i].as_str(),
        _ => ShapeVar::ALL
            .get(i - Key::COUNT)
            .map_or("?", |v| v.as_str()),
    }
}

/// ANSUR II columns (mm) summed to make key `key`; `None` for the underbust and the natural
/// waist (not surveyed: derived, see [`FormModel`]).
/// The weight column `weightkg` is in tenths of a kg.
pub fn key_columns(key: Key) -> Option<&'static [&'static str]> {
    Some(match key {
        Key::Stature => &["stature"],
        Key::NeckGirth => &["neckcircumference"],
        Key::ChestGirth => &["chestcircumference"],
        Key::UnderbustGirth => return None,
        Key::WaistGirth => return None,
        Key::OmphalionGirth => &["waistcircumference"],
        Key::HipGirth => &["buttockcircumference"],
        Key::ShoulderWidth => &["biacromialbreadth"],
        Key::ArmLength => &["acromionradialelength", "radialestylionlength"],
        Key::UpperArmGirth => &["bicepscircumferenceflexed"],
        Key::WristGirth => &["wristcircumference"],
        Key::InsideLeg => &["crotchheight"],
        Key::ThighGirth => &["thighcircumference"],
        Key::KneeGirth => &["lowerthighcircumference"],
        Key::CalfGirth => &["calfcircumference"],
        Key::AnkleGirth => &["anklecircumference"],
        Key::HeadGirth => &["headcircumference"],
        Key::WeightKg => &["weightkg"],
    })
}

/// The ANSUR II columns (mm) averaged to make a shape variable.
pub fn shape_columns(var: ShapeVar) -> &'static [&'static str] {
    match var {
        ShapeVar::AcromialHeight => &["acromialheight"],
        ShapeVar::AxillaHeight => &["axillaheight"],
        ShapeVar::ChestHeight => &["chestheight"],
        ShapeVar::NavelHeight => &["waistheightomphalion"],
        ShapeVar::NaturalWaistHeight => &["tenthribheight", "iliocristaleheight"],
        ShapeVar::ButtockHeight => &["buttockheight"],
        ShapeVar::KneeHeight => &["kneeheightmidpatella"],
        ShapeVar::AnkleHeight => &["lateralmalleolusheight"],
        ShapeVar::CervicaleHeight => &["cervicaleheight"],
        ShapeVar::ChestBreadth => &["chestbreadth"],
        ShapeVar::ChestDepth => &["chestdepth"],
        ShapeVar::WaistBreadth => &["waistbreadth"],
        ShapeVar::WaistDepth => &["waistdepth"],
        ShapeVar::HipBreadth => &["hipbreadth"],
        ShapeVar::ButtockDepth => &["buttockdepth"],
        ShapeVar::FootLength => &["footlength"],
        ShapeVar::FootBreadth => &["footbreadthhorizontal"],
        ShapeVar::HandLength => &["handlength"],
        ShapeVar::HandBreadth => &["handbreadth"],
        ShapeVar::HeadBreadth => &["headbreadth"],
        ShapeVar::HeadLength => &["headlength"],
        ShapeVar::TragionTopOfHead => &["tragiontopofhead"],
    }
}

/// Why the survey could not be read, or the model not fitted to it.
#[derive(Debug, thiserror::Error)]
pub enum ModelFitError {
    /// A survey file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The CSV file.
        path: PathBuf,
        /// The I/O error from the operating system.
        source: std::io::Error,
    },
    /// The header lacks a column the model needs.
    #[error("{path}: no column \"{column}\" in the header")]
    MissingColumn {
        /// The CSV file.
        path: PathBuf,
        /// The ANSUR II column name that was not found.
        column: String,
    },
    /// A cell the model reads is not a finite number.
    #[error("{path}, line {line}: column \"{column}\" is not a number: \"{value}\"")]
    BadValue {
        /// The CSV file.
        path: PathBuf,
        /// Line in the file, counted from 1 (the header is line 1).
        line: usize,
        /// The column's header name.
        column: String,
        /// The cell's text, trimmed.
        value: String,
    },
    /// A `Gender` cell other than `Female` or `Male`.
    #[error("{path}, line {line}: \"Gender\" must be Female or Male, found \"{value}\"")]
    BadGender {
        /// The CSV file.
        path: PathBuf,
        /// Line in the file, counted from 1 (the header is line 1).
        line: usize,
        /// The cell's text, trimmed.
        value: String,
    },
    /// Fewer subjects of a form than twice the number of model variables (2 × [`N`]).
    #[error("too few {form:?} subjects to fit a model: {count}")]
    TooFew {
        /// The form that has too few subjects.
        form: Form,
        /// How many subjects of that form were read.
        count: usize,
    },
}

/// One surveyed person: the form and every model variable in cm (kg for the weight);
/// the underbust and the natural waist are NaN (not surveyed).
#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    /// The subject's form, from the `Gender` column.
    pub form: Form,
    /// Every model variable in model order (see [`key_var`], [`shape_var`]).
    pub values: [f64; N],
}

/// Reads one ANSUR II CSV file, columns found by header name.
pub fn read_csv(path: &Path) -> Result<Vec<Subject>, ModelFitError> {
    let io = |source| ModelFitError::Io {
        path: path.to_path_buf(),
        source,
    };
    let text = std::fs::read_to_string(path).map_err(io)?;
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = match lines.next() {
        Some((_, h)) => h
            .trim_start_matches('\u{feff}')
            .split(',')
            .map(str::trim)
            .collect(),
        None => Vec::new(),
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| ModelFitError::MissingColumn {
                path: path.to_path_buf(),
                column: name.to_string(),
            })
    };
    // Per variable: the column indices, and what their sum is divided by (a key is a sum of
    // lengths, a shape variable the mean of its landmarks; no columns for a derived key).
    let mut sources: Vec<(Vec<usize>, f64)> = Vec::with_capacity(N);
    for key in Key::ALL {
        let cols = key_columns(key).unwrap_or(&[]);
        sources.push((
            cols.iter().map(|c| column(c)).collect::<Result<_, _>>()?,
            1.0,
        ));
    }
    for var in ShapeVar::ALL {
        let cols = shape_columns(var);
        let indices = cols.iter().map(|c| column(c)).collect::<Result<_, _>>()?;
        sources.push((indices, cols.len() as f64));
    }
    let gender = column("Gender")?;
    let mut subjects = Vec::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let form = match field(gender) {
            "Female" => Form::Female,
            "Male" => Form::Male,
            other => {
                return Err(ModelFitError::BadGender {
                    path: path.to_path_buf(),
                    line: n + 1,
                    value: other.to_string(),
                });
            }
        };
        let mut values = [f64::NAN; N];
        for (value, (cols, divisor)) in values.iter_mut().zip(&sources) {
            if cols.is_empty() {
                continue;
            }
            let mut sum = 0.0;
            for &c in cols {
                let x: f64 = field(c)
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or_else(|| ModelFitError::BadValue {
                        path: path.to_path_buf(),
                        line: n + 1,
                        column: header.get(c).copied().unwrap_or("?").to_string(),
                        value: field(c).to_string(),
                    })?;
                sum += x;
            }
            // mm → cm, and tenths of a kg → kg: both a tenth.
            *value = sum * 0.1 / divisor;
        }
        subjects.push(Subject { form, values });
    }
    Ok(subjects)
}

/// Reads `ansur2_male_train.csv` and `ansur2_female_train.csv` from `dir`.
pub fn read_csv_dir(dir: &Path) -> Result<Vec<Subject>, ModelFitError> {
    let mut all = read_csv(&dir.join("ansur2_female_train.csv"))?;
    all.extend(read_csv(&dir.join("ansur2_male_train.csv"))?);
    Ok(all)
}

/// Fits the model on the survey files in `dir` (see [`read_csv_dir`]).
pub fn fit_from_csv_dir(dir: &Path) -> Result<Model, ModelFitError> {
    fit(&read_csv_dir(dir)?)
}

/// Fits one multivariate normal per form on `subjects`.
pub fn fit(subjects: &[Subject]) -> Result<Model, ModelFitError> {
    let one = |form: Form| {
        let rows: Vec<&[f64; N]> = subjects
            .iter()
            .filter(|s| s.form == form)
            .map(|s| &s.values)
            .collect();
        if rows.len() < 2 * N {
            return Err(ModelFitError::TooFew {
                form,
                count: rows.len(),
            });
        }
        Ok(FormModel::fit(form, &rows))
    };
    Ok(Model {
        variables: (0..N).map(|i| var_name(i).to_string()).collect(),
        female: one(Form::Female)?,
        male: one(Form::Male)?,
    })
}

/// A multivariate normal over the model variables for one form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormModel {
    /// Number of surveyed subjects it was fitted on.
    pub subjects: usize,
    /// Mean of each variable, cm (kg for the weight).
    pub mean: Vec<f64>,
    /// Covariance matrix (sample covariance, n − 1), row-major, `N` rows of `N`.
    pub cov: Vec<Vec<f64>>,
}

impl FormModel {
    #[expect(
        clippy::needless_range_loop,
        reason = "matrix code reads best with indices"
    )]
    fn fit(form: Form, rows: &[&[f64; N]]) -> FormModel {
        let n = rows.len() as f64;
        let mut mean = vec![0.0; N];
        for row in rows {
            for (m, x) in mean.iter_mut().zip(row.iter()) {
                *m += x / n;
            }
        }
        let mut cov = vec![vec![0.0; N]; N];
        for row in rows {
            for i in 0..N {
                let di = row[i] - mean[i];
                for j in 0..=i {
                    cov[i][j] += di * (row[j] - mean[j]);
                }
            }
        }
        for i in 0..N {
            for j in 0..=i {
                cov[i][j] /= n - 1.0;
                cov[j][i] = cov[i][j];
            }
        }
        // Neither the underbust nor the natural waist was surveyed: each is derived from a key
        // that was (underbust from the chest, natural waist from the navel's girth).
        derive(
            &mut mean,
            &mut cov,
            Key::UnderbustGirth,
            (Key::ChestGirth, underbust_slope(form)),
            UNDERBUST_SD,
        );
        derive(
            &mut mean,
            &mut cov,
            Key::WaistGirth,
            (Key::OmphalionGirth, natural_waist_share(form)),
            natural_waist_sd(form),
        );
        let round = |x: f64| (x * 1e9).round() / 1e9;
        FormModel {
            subjects: rows.len(),
            mean: mean.into_iter().map(round).collect(),
            cov: cov
                .into_iter()
                .map(|r| r.into_iter().map(round).collect())
                .collect(),
        }
    }

    /// Standard deviation of variable `i`.
    pub fn sd(&self, i: usize) -> f64 {
        self.cov[i][i].max(0.0).sqrt()
    }
}

/// Makes `key` a derived variable of the normal: key = slope · source + e, with e independent
/// of everything, standard deviation `sd`: mean slope·μ_source, covariance slope·Σ_source,j with
/// every other variable, variance slope²·σ²_source + sd².
#[expect(
    clippy::needless_range_loop,
    reason = "matrix code reads best with indices"
)]
fn derive(mean: &mut [f64], cov: &mut [Vec<f64>], key: Key, (source, slope): (Key, f64), sd: f64) {
    let (k, s) = (key_var(key), key_var(source));
    mean[k] = slope * mean[s];
    for j in 0..N {
        if j != k {
            cov[k][j] = slope * cov[s][j];
            cov[j][k] = cov[k][j];
        }
    }
    cov[k][k] = slope * slope * cov[s][s] + sd * sd;
}

/// The prediction model: one multivariate normal per form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Variable names, in model order (see [`var_name`]).
    pub variables: Vec<String>,
    /// The model fitted on the female subjects.
    pub female: FormModel,
    /// The model fitted on the male subjects.
    pub male: FormModel,
}

impl Model {
    /// The committed model (`ansur_model.json`, compiled in).
    pub fn committed() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            // The file is checked by the tests; a broken file is a build defect, not user input.
            Model::from_json(include_str!("ansur_model.json"))
                .unwrap_or_else(|e| panic!("{MODEL_FILE} is broken: {e}"))
        })
    }

    /// The model of one form.
    pub fn form(&self, form: Form) -> &FormModel {
        match form {
            Form::Female => &self.female,
            Form::Male => &self.male,
        }
    }

    /// Parses a model file and checks its variables and dimensions.
    pub fn from_json(text: &str) -> Result<Model, String> {
        let model: Model = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let expected: Vec<&str> = (0..N).map(var_name).collect();
        if model.variables != expected {
            return Err(format!("variables must be {expected:?}"));
        }
        for (name, m) in [("female", &model.female), ("male", &model.male)] {
            let square = m.cov.len() == N && m.cov.iter().all(|r| r.len() == N);
            if m.mean.len() != N || !square {
                return Err(format!("{name}: mean must have {N} values and cov {N}×{N}"));
            }
            if !m
                .mean
                .iter()
                .chain(m.cov.iter().flatten())
                .all(|x| x.is_finite())
            {
                return Err(format!("{name}: every number must be finite"));
            }
        }
        Ok(model)
    }

    /// The model file's text: one covariance row a line.
    pub fn to_json(&self) -> String {
        let list = |xs: &[f64]| {
            xs.iter()
                .map(|x| format!("{x}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let form = |m: &FormModel| {
            let rows: Vec<String> = m
                .cov
                .iter()
                .map(|r| format!("      [{}]", list(r)))
                .collect();
            format!(
                "{{\n    \"subjects\": {},\n    \"mean\": [{}],\n    \"cov\": [\n{}\n    ]\n  }}",
                m.subjects,
                list(&m.mean),
                rows.join(",\n")
            )
        };
        let names: Vec<String> = self.variables.iter().map(|v| format!("\"{v}\"")).collect();
        format!(
            "{{\n  \"variables\": [{}],\n  \"female\": {},\n  \"male\": {}\n}}\n",
            names.join(", "),
            form(&self.female),
            form(&self.male)
        )
    }

    /// The largest absolute difference of any mean or covariance entry (∞ if shapes differ).
    pub fn max_abs_diff(&self, other: &Model) -> f64 {
        let mut worst: f64 = 0.0;
        for form in [Form::Female, Form::Male] {
            let (a, b) = (self.form(form), other.form(form));
            if a.mean.len() != b.mean.len() || a.cov.len() != b.cov.len() {
                return f64::INFINITY;
            }
            for (x, y) in a.mean.iter().zip(&b.mean) {
                worst = worst.max((x - y).abs());
            }
            for (r, s) in a.cov.iter().zip(&b.cov) {
                if r.len() != s.len() {
                    return f64::INFINITY;
                }
                for (x, y) in r.iter().zip(s) {
                    worst = worst.max((x - y).abs());
                }
            }
        }
        worst
    }
}
