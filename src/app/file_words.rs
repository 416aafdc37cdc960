//! A measurement file's refusal in the shopper's language: the command line prints
//! [`JsonError`]'s English; German is written here from the same variant.

use crate::app::i18n::{Lang, Said};
use crate::app::store_words::io_de;
use crate::measurements::JsonError;

/// Why a measurement file could not be loaded or saved, in every language.
pub fn json_error(error: &JsonError) -> Said {
    Said::each(|lang| match lang {
        Lang::En => error.to_string(),
        Lang::De => german(error),
    })
}

fn german(error: &JsonError) -> String {
    match error {
        // serde's own wording stays out: the place is what the shopper needs.
        JsonError::Syntax { line, column, .. } => {
            format!("kein gültiges JSON (Zeile {line}, Spalte {column})")
        }
        JsonError::NotObject { found } => format!(
            "die Datei muss ein JSON-Objekt {{\"stature\": …}} enthalten, nicht {}",
            kind_de(found)
        ),
        JsonError::UnknownKey { key, hint } => {
            let hint = hint
                .strip_prefix("; did you mean \"")
                .and_then(|h| h.strip_suffix("\"?"))
                .map(|near| format!("; meinten Sie „{near}“?"))
                .unwrap_or_default();
            format!("unbekannter Schlüssel „{key}“{hint}")
        }
        JsonError::NotANumber { key, found } => {
            format!("„{key}“ muss eine Zahl sein, nicht {}", kind_de(found))
        }
        JsonError::BadForm { found } => {
            format!(
                "„form“ muss „female“ oder „male“ sein, nicht {}",
                kind_de(found)
            )
        }
        JsonError::BadUnit { found } => {
            format!("„unit“ muss „cm“ oder „in“ sein, nicht {}", kind_de(found))
        }
        JsonError::Duplicate { key } => format!("„{key}“ ist doppelt angegeben"),
        JsonError::AliasClash => {
            "„chest_girth“ und sein Alias „bust_girth“ sind beide angegeben; bitte nur eines".into()
        }
        JsonError::Io { path, source } => format!("{}: {}", path.display(), io_de(source)),
        JsonError::InFile { path, source } => format!("{}: {}", path.display(), german(source)),
    }
}

/// A JSON value as the English message describes it (`a list`, `the string "abc"`), in German.
fn kind_de(found: &str) -> String {
    if let Some(text) = found.strip_prefix("the string ") {
        return format!("der Text {text}");
    }
    match found {
        "null" => "null",
        "a true/false value" => "ein Wahrheitswert",
        "a number" => "eine Zahl",
        "a string" => "ein Text",
        "a list" => "eine Liste",
        "an object" => "ein Objekt",
        other => other,
    }
    .to_string()
}
