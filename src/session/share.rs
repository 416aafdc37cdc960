//! What a stylist may see, decided on the shopper's side before anything is sent: the body's
//! form and the measurements the stylist's consent names — nothing else (no trunk calipers, no
//! orders, no contacts in a session). Without a consent, the form alone.

use super::protocol::Message;
use crate::measurements::{Form, Measurements};
use crate::store::Consent;

/// The [`Message::Body`] a stylist with `consent` receives of `measurements`.
pub fn body_for(measurements: &Measurements, consent: Option<&Consent>) -> Message {
    let values = measurements
        .values
        .iter()
        .filter(|(key, _)| consent.is_some_and(|c| c.keys.contains(key)))
        .map(|(key, value)| (*key, *value))
        .collect();
    Message::Body {
        form: measurements.form.unwrap_or(Form::Female),
        values,
    }
}
