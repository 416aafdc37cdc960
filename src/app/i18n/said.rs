//! A text said in every language the UI has, chosen when it is shown: a notice or a form's error
//! keeps reading in the shopper's language after the language is switched.

use super::Lang;

/// One text per [`Lang`], in the order of [`Lang::ALL`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Said([String; 2]);

impl Said {
    /// A text for each language, made by `say`.
    pub fn each(say: impl Fn(Lang) -> String) -> Said {
        Said(Lang::ALL.map(say))
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        &self.0[lang as usize]
    }

    /// The English text (what the log and the command line say).
    pub fn en(&self) -> &str {
        self.get(Lang::En)
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(String::is_empty)
    }

    /// `self` with `prefix` before it in every language (a garment's name, a path).
    pub fn after(self, prefix: &str) -> Said {
        Said(self.0.map(|text| format!("{prefix}{text}")))
    }
}

/// A text that reads the same in every language: a path, a name, a number.
impl From<String> for Said {
    fn from(text: String) -> Said {
        Said([text.clone(), text])
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::from(text.to_string())
    }
}

impl From<&String> for Said {
    fn from(text: &String) -> Said {
        Said::from(text.clone())
    }
}
