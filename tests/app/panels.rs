//! The panels without a window or GPU: egui's own test harness (`egui_kittest`, AccessKit
//! queries) drives the same drawing functions the panels' systems call, clicks and types as a
//! shopper would, and the actions they return are applied as the app applies them.

mod catalog;
mod left_panel;
mod orders;

use bevy::prelude::*;
use std::time::{Duration, Instant};

/// Runs frames of `app` until `done` holds (background work — the catalog read, a fit — needs
/// frames to be polled). The deadline only keeps a broken test from hanging.
fn run_app_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    let started = Instant::now();
    while !done(app.world()) {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "timed out waiting for {what}"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
}
