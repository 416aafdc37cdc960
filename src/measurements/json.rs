//! The measurements JSON file: `{"form": "female", "unit": "cm", "stature": 168, ...}`.
use super::*;

#[derive(Debug, thiserror::Error)]
pub enum JsonError {
    #[error("not valid JSON: {0}")]
    Syntax(String),
}
