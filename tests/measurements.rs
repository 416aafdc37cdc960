//! Tests: measurements.
