//! The measurements JSON file: `{"form": "female", "unit": "cm", "stature": 168, ...}`.
use super::*;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::path::{Path, PathBuf};

/// Why a measurements file could not be read or written; each names what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum JsonError {
    /// The text is not valid JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// Line of the error, counted from 1.
        line: usize,
        /// Column of the error on that line, counted from 1.
        column: usize,
        /// serde_json's description of the error, without its position.
        message: String,
    },
    /// The top level is not a JSON object.
    #[error("the file must hold one JSON object {{\"stature\": …}}, not {found}")]
    NotObject {
        /// What the top level is instead, e.g. "a list".
        found: &'static str,
    },
    /// A key that is neither a measurement nor `form` or `unit`.
    #[error("unknown key \"{key}\"{hint}")]
    UnknownKey {
        /// The key as written in the file.
        key: String,
        /// `; did you mean "…"?` for a near miss, else empty.
        hint: String,
    },
    /// A measurement whose value is neither a number nor `null`.
    #[error("\"{key}\" must be a number, not {found}")]
    NotANumber {
        /// The key as written in the file.
        key: String,
        /// The value found, e.g. `the string "abc"` or "a list".
        found: String,
    },
    /// A `form` other than `"female"` or `"male"`.
    #[error("\"form\" must be \"female\" or \"male\", not {found}")]
    BadForm {
        /// The value found, e.g. `the string "x"` or "a number".
        found: String,
    },
    /// A `unit` other than `"cm"` or `"in"`.
    #[error("\"unit\" must be \"cm\" or \"in\", not {found}")]
    BadUnit {
        /// The value found, e.g. `the string "mm"` or "a number".
        found: String,
    },
    /// The same key appears twice in the object.
    #[error("\"{key}\" is given twice")]
    Duplicate {
        /// The repeated key as written in the file.
        key: String,
    },
    /// Both `chest_girth` and its alias `bust_girth` are given.
    #[error("\"chest_girth\" and its alias \"bust_girth\" are both given; keep one")]
    AliasClash,
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The measurements file that was being read or written.
        path: PathBuf,
        /// The I/O error from the operating system.
        source: std::io::Error,
    },
    /// The file was read but its content is wrong.
    #[error("{}: {source}", path.display())]
    InFile {
        /// The measurements file that was read.
        path: PathBuf,
        /// What is wrong with its content.
        source: Box<JsonError>,
    },
}

impl Measurements {
    /// Parses a measurements file's text; lengths are converted to cm. `null` means not given.
    pub fn from_json(text: &str) -> Result<Measurements, JsonError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| JsonError::Syntax {
                line: e.line(),
                column: e.column(),
                message: syntax_message(&e),
            })?;
        if !value.is_object() {
            return Err(JsonError::NotObject {
                found: describe(&value),
            });
        }
        // Parsed again as a list of entries: a plain map would hide repeated keys.
        let entries = serde_json::Deserializer::from_str(text)
            .deserialize_map(EntriesVisitor)
            .map_err(|e| JsonError::Syntax {
                line: e.line(),
                column: e.column(),
                message: syntax_message(&e),
            })?;
        let mut seen: Vec<&str> = Vec::new();
        for (name, _) in &entries {
            if seen.contains(&name.as_str()) {
                return Err(JsonError::Duplicate { key: name.clone() });
            }
            seen.push(name);
        }
        if seen.contains(&"chest_girth") && seen.contains(&"bust_girth") {
            return Err(JsonError::AliasClash);
        }
        let mut m = Measurements::default();
        let unit = entries.iter().find(|(n, _)| n == "unit").map(|(_, v)| v);
        if let Some(v) = unit.filter(|v| !v.is_null()) {
            m.unit = match v.as_str().map(str::to_ascii_lowercase).as_deref() {
                Some("cm") => Unit::Cm,
                Some("in") => Unit::In,
                _ => return Err(JsonError::BadUnit { found: quoted(v) }),
            };
        }
        for (name, v) in &entries {
            match name.as_str() {
                "unit" => {}
                "form" if v.is_null() => {}
                "form" => {
                    m.form = Some(match v.as_str().map(str::to_ascii_lowercase).as_deref() {
                        Some("female") => Form::Female,
                        Some("male") => Form::Male,
                        _ => return Err(JsonError::BadForm { found: quoted(v) }),
                    })
                }
                _ => {
                    if let Some(var) = ShapeVar::parse_typable(name) {
                        if !v.is_null() {
                            let x = v.as_f64().ok_or_else(|| JsonError::NotANumber {
                                key: name.clone(),
                                found: quoted(v),
                            })?;
                            m.shape.insert(var, x * m.unit.cm_per_unit());
                        }
                        continue;
                    }
                    let key = Key::parse(name).ok_or_else(|| JsonError::UnknownKey {
                        key: name.clone(),
                        hint: suggestion(name),
                    })?;
                    if v.is_null() {
                        continue;
                    }
                    let x = v.as_f64().ok_or_else(|| JsonError::NotANumber {
                        key: name.clone(),
                        found: quoted(v),
                    })?;
                    let per = if key.is_length() {
                        m.unit.cm_per_unit()
                    } else {
                        1.0
                    };
                    m.values.insert(key, x * per);
                }
            }
        }
        Ok(m)
    }

    /// The file's text, pretty, lengths in `self.unit`, keys in [`Key::ALL`] order, then the
    /// typed breadths and depths.
    /// Values that are not finite are written as `null`.
    pub fn to_json(&self) -> String {
        let mut lines = Vec::new();
        if let Some(form) = self.form {
            let name = match form {
                Form::Female => "female",
                Form::Male => "male",
            };
            lines.push(format!("  \"form\": \"{name}\""));
        }
        let unit = match self.unit {
            Unit::Cm => "cm",
            Unit::In => "in",
        };
        lines.push(format!("  \"unit\": \"{unit}\""));
        for key in Key::ALL {
            if let Some(v) = self.get(key) {
                let per = if key.is_length() {
                    self.unit.cm_per_unit()
                } else {
                    1.0
                };
                let x = v / per;
                let text = if x.is_finite() {
                    format!("{x}")
                } else {
                    "null".to_string()
                };
                lines.push(format!("  \"{}\": {text}", key.as_str()));
            }
        }
        for (var, v) in &self.shape {
            let x = v / self.unit.cm_per_unit();
            let text = if x.is_finite() {
                format!("{x}")
            } else {
                "null".to_string()
            };
            lines.push(format!("  \"{}\": {text}", var.as_str()));
        }
        format!("{{\n{}\n}}\n", lines.join(",\n"))
    }

    /// Reads a measurements file; errors name the path.
    pub fn load(path: impl AsRef<Path>) -> Result<Measurements, JsonError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| JsonError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Measurements::from_json(&text).map_err(|e| JsonError::InFile {
            path: path.to_path_buf(),
            source: Box::new(e),
        })
    }

    /// Writes [`Measurements::to_json`] to a file, whole or not at all; errors name the path.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), JsonError> {
        let path = path.as_ref();
        crate::atomic_write::write_atomically(path, self.to_json().as_bytes()).map_err(|source| {
            JsonError::Io {
                path: path.to_path_buf(),
                source,
            }
        })
    }
}

/// serde_json's message without its own " at line … column …" suffix.
fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn describe(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a true/false value",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A value for an error message: strings quoted and shortened, other kinds described.
fn quoted(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let more = if short.len() < s.len() { "…" } else { "" };
            format!("the string \"{short}{more}\"")
        }
        other => describe(other).to_string(),
    }
}

/// "; did you mean \"chest_girth\"?" for a near miss, else "".
fn suggestion(name: &str) -> String {
    let names = Key::ALL
        .iter()
        .map(|k| k.as_str())
        .chain(ShapeVar::TYPABLE.iter().map(|v| v.as_str()))
        .chain(["bust_girth", "form", "unit"]);
    let lower = name.to_ascii_lowercase().replace(['-', ' '], "_");
    let best = names.map(|n| (edit_distance(&lower, n), n)).min();
    match best {
        Some((d, n)) if d <= 3.max(n.len() / 4) && d < n.len() => {
            format!("; did you mean \"{n}\"?")
        }
        _ => String::new(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().take(64).enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The top-level object as (key, value) pairs in file order, repeats kept.
struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Vec<(String, serde_json::Value)>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, serde_json::Value>()? {
            entries.push(entry);
        }
        Ok(entries)
    }
}
