//! The orbit camera around the avatar: drag to turn, wheel to zoom (only over the 3D view, never
//! through a panel or an overlay), Front/Side/Back presets and "Reset view" that frame the whole
//! body in the space left between the panels, its viewport inset between them.

use crate::app::panels::PanelInsets;
use crate::app::scene::studio::BACKGROUND;
use crate::app::state::body::ShopperBody;
use crate::measurements::Key;
use bevy::camera::Viewport;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::pbr::{DistanceFog, FogFalloff};
use bevy::prelude::*;
use bevy::window::{PrimaryWindow, RequestRedraw};
use bevy_egui::egui;
use bevy_egui::input::EguiWantsInput;
use std::f32::consts::{FRAC_PI_2, PI};

/// The camera, its input and its viewport. Public so that a test can run it without a window
/// system (with `InputPlugin`, a `PrimaryWindow` entity and bevy_egui's `EguiWantsInput`).
pub fn plugin(app: &mut App) {
    app.add_message::<ViewPreset>()
        .init_resource::<EguiWantsInput>()
        .add_systems(Startup, spawn_camera)
        .add_systems(
            Update,
            (orbit_input, apply_preset, follow_avatar, move_camera)
                .chain()
                .in_set(crate::app::AppSystems::View),
        )
        .add_systems(PostUpdate, inset_viewport);
}

/// A camera direction the UI can ask for.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewPreset {
    /// Looks at the avatar's front (yaw 0: the camera on the +Z side it faces).
    Front,
    /// Looks at the avatar's left side, a quarter turn (yaw π/2) from the front.
    Side,
    /// Looks at the avatar's back (yaw π).
    Back,
    /// The start view: three-quarter from the front, the whole body framed.
    Reset,
}

impl ViewPreset {
    /// Every preset, in the order of the buttons.
    pub const ALL: [ViewPreset; 3] = [ViewPreset::Front, ViewPreset::Side, ViewPreset::Back];

    /// Turn around the vertical axis; the avatar faces +Z, so 0 looks at its front.
    fn yaw(self) -> f32 {
        match self {
            ViewPreset::Front => 0.0,
            ViewPreset::Side => FRAC_PI_2,
            ViewPreset::Back => PI,
            ViewPreset::Reset => DEFAULT_POSE.yaw,
        }
    }
}

/// Where the camera orbits; `goal` is what it eases towards, `now` what it shows.
#[derive(Component, Clone, Copy, Debug)]
pub struct Orbit {
    goal: OrbitPose,
    now: OrbitPose,
    /// Whether the shopper zoomed since the body was last framed (then a change of the view's
    /// size or of the body keeps their zoom).
    zoomed: bool,
}

impl Orbit {
    /// The distance from the focus the camera is moving to, m (what the wheel changes).
    pub fn distance(&self) -> f32 {
        self.goal.distance
    }
    /// The turn around the vertical axis the camera is moving to, rad (what a drag changes).
    pub fn yaw(&self) -> f32 {
        self.goal.yaw
    }

    /// Turns the camera around the avatar by `yaw` rad at once, without easing (the render
    /// bench's orbit).
    pub fn turn_now(&mut self, yaw: f32) {
        self.goal.yaw += yaw;
        self.now.yaw = self.goal.yaw;
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct OrbitPose {
    yaw: f32,
    pitch: f32,
    distance: f32,
    focus_y: f32,
}

impl OrbitPose {
    fn transform(&self) -> Transform {
        let rotation = Quat::from_euler(EulerRot::YXZ, self.yaw, -self.pitch, 0.0);
        let focus = Vec3::new(0.0, self.focus_y, 0.0);
        Transform::from_translation(focus + rotation * Vec3::Z * self.distance)
            .looking_at(focus, Vec3::Y)
    }
}

const DEFAULT_POSE: OrbitPose = OrbitPose {
    yaw: 0.35,
    pitch: 0.08,
    distance: 3.2,
    focus_y: 0.85,
};
const FOV: f32 = std::f32::consts::FRAC_PI_4;

fn spawn_camera(mut commands: Commands) {
    commands.spawn((
        Name::new("Orbit camera"),
        Camera3d::default(),
        Projection::Perspective(PerspectiveProjection {
            fov: FOV,
            ..default()
        }),
        Orbit {
            goal: DEFAULT_POSE,
            now: DEFAULT_POSE,
            zoomed: false,
        },
        DEFAULT_POSE.transform(),
        // The floor's edge fades into the backdrop; the avatar (at most 8 m away) stays clear.
        DistanceFog {
            color: BACKGROUND,
            falloff: FogFalloff::Linear {
                start: 8.5,
                end: 24.0,
            },
            ..default()
        },
    ));
}

/// The part of the window the 3D view shows, logical pixels: between the panels, full height.
pub fn view_rect(window: &Window, insets: &PanelInsets) -> Rect {
    let whole = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(window.width(), window.height()),
    );
    let view = insets.view_rect(whole);
    Rect::new(view.min.x, view.min.y, view.max.x, view.max.y)
}

/// Whether the pointer is the camera's: over the 3D view, and not over anything egui draws
/// there (an overlay, a popup) or is busy with (a slider being dragged). bevy_egui's own
/// "wants pointer" is no help over the panels: they are drawn on egui's background layer in
/// root `Ui`s of their own, which egui does not count as "over egui".
pub(super) fn pointer_is_cameras(
    window: &Window,
    insets: &PanelInsets,
    egui: &EguiWantsInput,
) -> bool {
    let over_view = window
        .cursor_position()
        .is_some_and(|p| view_rect(window, insets).contains(p));
    over_view && !egui.wants_any_pointer_input()
}

/// Drag to turn (a drag that began over the 3D view, until the button is released), wheel to
/// zoom (over the 3D view).
fn orbit_input(
    (buttons, motion, scroll): (
        Res<ButtonInput<MouseButton>>,
        Res<AccumulatedMouseMotion>,
        Res<AccumulatedMouseScroll>,
    ),
    egui: Res<EguiWantsInput>,
    insets: Res<PanelInsets>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut orbit: Single<&mut Orbit>,
    mut dragging: Local<bool>,
) {
    let ours = pointer_is_cameras(&window, &insets, &egui);
    if buttons.just_pressed(MouseButton::Left) {
        *dragging = ours;
    }
    if !buttons.pressed(MouseButton::Left) {
        *dragging = false;
    }
    let goal = &mut orbit.goal;
    if *dragging && motion.delta != Vec2::ZERO {
        goal.yaw -= motion.delta.x * 0.008;
        goal.pitch = (goal.pitch + motion.delta.y * 0.005).clamp(-0.6, 1.2);
    }
    let lines = match scroll.unit {
        MouseScrollUnit::Line => scroll.delta.y,
        MouseScrollUnit::Pixel => scroll.delta.y / 40.0,
    };
    if ours && lines != 0.0 {
        goal.distance = (goal.distance * 0.9f32.powf(lines)).clamp(0.8, 8.0);
        orbit.zoomed = true;
    }
}

/// A preset turns the camera and frames the whole body again in the view as it is now.
fn apply_preset(
    mut presets: MessageReader<ViewPreset>,
    body: Res<ShopperBody>,
    insets: Res<PanelInsets>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut orbit: Single<&mut Orbit>,
) {
    if let Some(preset) = presets.read().last() {
        let goal = &mut orbit.goal;
        // Turn the short way round from the current angle.
        let turn = (preset.yaw() - goal.yaw + PI).rem_euclid(2.0 * PI) - PI;
        goal.yaw += turn;
        goal.pitch = DEFAULT_POSE.pitch;
        if let Some(height_m) = body_height_m(&body) {
            goal.focus_y = height_m * 0.5;
            goal.distance = framing_distance(height_m, view_aspect(&window, &insets));
        }
        orbit.zoomed = false;
    }
}

fn body_height_m(body: &ShopperBody) -> Option<f32> {
    let resolved = body.resolved.as_ref()?;
    Some((resolved.get(Key::Stature) / 100.0) as f32)
}

fn view_aspect(window: &Window, insets: &PanelInsets) -> f32 {
    let view = view_rect(window, insets);
    view.width().max(1.0) / view.height().max(1.0)
}

/// Aims at the middle of the body and frames all of it: on the first build, and again when the
/// body or the view's size changes (a panel resized or collapsed, the window resized), unless
/// the shopper has zoomed since.
fn follow_avatar(
    body: Res<ShopperBody>,
    insets: Res<PanelInsets>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut orbit: Single<&mut Orbit>,
    mut framed_for: Local<Option<Vec2>>,
) {
    // Frame once the panels have their widths (the view's shape decides the distance).
    let ready = insets.left > 0.0;
    let view = view_rect(&window, &insets).size();
    let view_changed = framed_for.is_none_or(|v| (v - view).abs().max_element() > 1.0);
    if !(body.is_changed() || (ready && view_changed)) {
        return;
    }
    let Some(height_m) = body_height_m(&body) else {
        return;
    };
    orbit.goal.focus_y = height_m * 0.5;
    if !ready || (orbit.zoomed && framed_for.is_some()) {
        return;
    }
    orbit.goal.distance = framing_distance(height_m, view_aspect(&window, &insets));
    if framed_for.is_none() {
        // The first picture is framed at once, not eased into.
        orbit.now = orbit.goal;
    }
    *framed_for = Some(view);
}

/// The distance at which the whole body fits the view: its height plus a margin (floor, preset
/// buttons) in the vertical field of view, and its span in A-pose (about 0.8 × the height, hand
/// to hand) in the horizontal one.
fn framing_distance(height_m: f32, aspect: f32) -> f32 {
    let half = (FOV * 0.5).tan();
    let for_height = height_m * 0.5 * 1.35 / half;
    let for_span = height_m * 0.8 * 0.5 * 1.1 / (half * aspect.max(0.1));
    for_height.max(for_span)
}

fn move_camera(
    time: Res<Time>,
    camera: Single<(&mut Orbit, &mut Transform)>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let (mut orbit, mut transform) = camera.into_inner();
    let goal = orbit.goal;
    if orbit.now != goal {
        let t = 1.0 - (-12.0 * time.delta_secs()).exp();
        let now = &mut orbit.now;
        now.yaw += (goal.yaw - now.yaw) * t;
        now.pitch += (goal.pitch - now.pitch) * t;
        now.distance += (goal.distance - now.distance) * t;
        now.focus_y += (goal.focus_y - now.focus_y) * t;
        let close = (goal.yaw - now.yaw).abs() < 1e-4
            && (goal.pitch - now.pitch).abs() < 1e-4
            && (goal.distance - now.distance).abs() < 1e-4
            && (goal.focus_y - now.focus_y).abs() < 1e-4;
        if close {
            orbit.now = goal;
        }
        // Keep frames coming until the camera has arrived (the app redraws on input only).
        redraw.write(RequestRedraw);
    }
    let wanted = orbit.now.transform();
    if *transform != wanted {
        *transform = wanted;
    }
}

/// Renders the 3D view only between the panels, so the avatar is centred in what is seen.
fn inset_viewport(
    insets: Res<PanelInsets>,
    window: Single<&Window, With<PrimaryWindow>>,
    mut camera: Single<&mut Camera, With<Orbit>>,
) {
    let size = UVec2::new(window.physical_width(), window.physical_height());
    let left = ((insets.left * window.scale_factor()).round() as u32).min(size.x);
    let right = ((insets.right * window.scale_factor()).round() as u32).min(size.x - left);
    let viewport = (size.x > left + right && size.y > 0).then(|| Viewport {
        physical_position: UVec2::new(left, 0),
        physical_size: UVec2::new(size.x - left - right, size.y),
        ..default()
    });
    let rect = |v: &Option<Viewport>| v.as_ref().map(|v| (v.physical_position, v.physical_size));
    if rect(&camera.viewport) != rect(&viewport) {
        camera.viewport = viewport;
    }
}
