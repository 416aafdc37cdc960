//! The orbit camera takes the mouse only over the 3D view: the wheel over a side panel scrolls the
//! panel and leaves the zoom alone; a drag that starts on a panel does not turn the avatar; the
//! view presets frame the whole body again. Run headless: the camera's systems on
//! `MinimalPlugins` with Bevy's input and a window entity without a window system. (Over an
//! overlay egui draws on the 3D view, egui's own "wants the pointer" keeps the camera off; that
//! needs an egui pass and is not checked here.)

use super::headless;
use anprobe::app::scene::camera::{self, Orbit};
use anprobe::app::{PanelInsets, ProfileStore, ViewPreset};
use bevy::input::ButtonState;
use bevy::input::InputPlugin;
use bevy::input::mouse::{MouseButtonInput, MouseMotion, MouseScrollUnit, MouseWheel};
use bevy::input::touch::TouchPhase;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

/// A 1280×800 window with a 430 px left panel and a 420 px right panel: the 3D view is
/// x = 430 … 860.
fn camera_app() -> (App, Entity) {
    let mut app = headless(ProfileStore::default());
    app.add_plugins(InputPlugin).add_plugins(camera::plugin);
    let window = app
        .world_mut()
        .spawn((
            Window {
                resolution: bevy::window::WindowResolution::new(1280, 800),
                ..default()
            },
            PrimaryWindow,
        ))
        .id();
    app.insert_resource(PanelInsets {
        left: 430.0,
        right: 420.0,
    });
    // A few frames: the body is built and framed, the camera has arrived.
    for _ in 0..3 {
        app.update();
    }
    (app, window)
}

fn orbit(app: &mut App) -> Orbit {
    let world = app.world_mut();
    *world.query::<&Orbit>().single(world).unwrap()
}

fn put_cursor(app: &mut App, window: Entity, at: Vec2) {
    let mut w = app.world_mut().get_mut::<Window>(window).unwrap();
    w.set_cursor_position(Some(at));
}

fn wheel(app: &mut App, window: Entity, lines: f32) {
    app.world_mut().write_message(MouseWheel {
        unit: MouseScrollUnit::Line,
        x: 0.0,
        y: lines,
        window,
        phase: TouchPhase::Moved,
    });
    app.update();
}

fn drag(app: &mut App, window: Entity, dx: f32) {
    let button = |state| MouseButtonInput {
        button: MouseButton::Left,
        state,
        window,
    };
    app.world_mut().write_message(button(ButtonState::Pressed));
    app.update();
    app.world_mut().write_message(MouseMotion {
        delta: Vec2::new(dx, 0.0),
    });
    app.update();
    app.world_mut().write_message(button(ButtonState::Released));
    app.update();
}

#[test]
fn the_wheel_zooms_only_over_the_3d_view() {
    let (mut app, window) = camera_app();
    let start = orbit(&mut app).distance();

    // Over the left panel (which does not scroll) and over the right panel's catalog list.
    for x in [200.0, 1100.0] {
        put_cursor(&mut app, window, Vec2::new(x, 400.0));
        wheel(&mut app, window, 3.0);
        wheel(&mut app, window, -5.0);
        assert_eq!(
            orbit(&mut app).distance(),
            start,
            "the wheel over the panel at x = {x} moved the camera"
        );
    }

    // Over the 3D view: in and out.
    put_cursor(&mut app, window, Vec2::new(640.0, 400.0));
    wheel(&mut app, window, 3.0);
    let closer = orbit(&mut app).distance();
    assert!(
        closer < start * 0.8,
        "{closer} after zooming in from {start}"
    );
    wheel(&mut app, window, -3.0);
    assert!((orbit(&mut app).distance() - start).abs() < 1e-3);
}

#[test]
fn a_drag_turns_the_avatar_only_when_it_starts_over_the_3d_view() {
    let (mut app, window) = camera_app();
    let yaw = orbit(&mut app).yaw();

    put_cursor(&mut app, window, Vec2::new(1000.0, 400.0));
    drag(&mut app, window, 120.0);
    assert_eq!(
        orbit(&mut app).yaw(),
        yaw,
        "a drag on the right panel turned the avatar"
    );

    put_cursor(&mut app, window, Vec2::new(640.0, 400.0));
    drag(&mut app, window, 120.0);
    assert!(
        (orbit(&mut app).yaw() - yaw).abs() > 0.5,
        "a drag over the 3D view did not turn the avatar"
    );
}

#[test]
fn the_view_presets_frame_the_whole_body_again() {
    let (mut app, window) = camera_app();
    let framed = orbit(&mut app).distance();
    put_cursor(&mut app, window, Vec2::new(640.0, 400.0));
    wheel(&mut app, window, 6.0);
    assert!(orbit(&mut app).distance() < framed * 0.6);

    for preset in [ViewPreset::Side, ViewPreset::Reset] {
        wheel(&mut app, window, 6.0);
        app.world_mut().write_message(preset);
        app.update();
        let d = orbit(&mut app).distance();
        assert!(
            (d - framed).abs() < 1e-3,
            "{preset:?} left the camera at {d} m, the body is framed at {framed} m"
        );
    }
}
