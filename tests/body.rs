//! Tests: body.
