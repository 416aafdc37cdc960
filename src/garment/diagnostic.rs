//! What the garment import and validation report: one [`Diagnostic`] per problem, each with a
//! severity, a JSON-pointer-like location in the glTF document and a sentence for the retailer.

use std::fmt;

/// How bad a problem is: errors make the file unusable, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// Something is off, but the file can be used.
    Warning,
}

/// One problem found in a garment file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it makes the file unusable.
    pub severity: Severity,
    /// Where in the glTF document, written like a path into the JSON:
    /// `extensions.ANPROBE_garment.sizes[2].body.waist_girth`, `meshes[0].primitives[1]`,
    /// `bufferViews[3]`. Empty for the file as a whole (unreadable, wrong magic, bad JSON).
    pub pointer: String,
    /// What is wrong, e.g. `min 90 > max 84` or `no NORMAL, computed`.
    pub message: String,
}

impl Diagnostic {
    /// An error at `pointer`.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// Whether it makes the file unusable.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `pointer: message`, or just the message when the pointer is empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.pointer, self.message)
        }
    }
}

/// Why a garment file was refused: every diagnostic found (at least one error; the warnings
/// found on the way are kept too, so a validator can show the whole picture).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.diagnostics))]
pub struct ImportErrors {
    /// Every problem found, errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl ImportErrors {
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// Whether any error's message contains `text` (for tests and callers that branch on a cause).
    pub fn has_error(&self, text: &str) -> bool {
        self.errors().any(|d| d.to_string().contains(text))
    }
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    match errors.as_slice() {
        [] => "the garment file was refused".into(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more errors)", rest.len()),
    }
}

/// Collects diagnostics for one file, keeping at most [`super::limits::MAX_DIAGNOSTICS`].
#[derive(Debug, Default)]
pub(crate) struct Diags {
    list: Vec<Diagnostic>,
    dropped: usize,
    errors: usize,
}

impl Diags {
    pub fn push(&mut self, d: Diagnostic) {
        if d.is_error() {
            self.errors += 1;
        }
        if self.list.len() < super::limits::MAX_DIAGNOSTICS {
            self.list.push(d);
        } else {
            self.dropped += 1;
        }
    }

    pub fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Diagnostic::error(pointer, message));
    }

    pub fn warning(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Diagnostic::warning(pointer, message));
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// The diagnostics, with a last one counting those left out.
    pub fn into_vec(mut self) -> Vec<Diagnostic> {
        if self.dropped > 0 {
            let severity = if self.list.iter().filter(|d| d.is_error()).count() < self.errors {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.list.push(Diagnostic {
                severity,
                pointer: String::new(),
                message: format!("{} more problems not shown", self.dropped),
            });
        }
        self.list
    }
}
