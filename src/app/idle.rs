//! Idle means no frames. The app runs in Bevy's reactive mode (a frame on input, on a redraw
//! request, or after the event loop's idle wait), and this module keeps that promise where
//! others would break it:
//!
//! - bevy_egui feeds egui a "modifiers changed" event every frame, even when no key changed,
//!   and egui answers any input event by asking for another frame: the app would draw forever.
//!   Repeats of the modifiers the previous frame already had are dropped before egui sees them.
//! - Render pipelines compile in the background in the first seconds; frames keep coming while
//!   any is compiling, so the first picture is complete without the shopper moving the mouse.
//! - Background jobs wake the event loop when they end ([`Waker`], connected here to the window
//!   plugin's event loop).
//!
//! [`idle_frames`] opens the real window and counts the frames drawn while nothing happens
//! (the window tests use it).

use crate::app::state::waker::Waker;
use bevy::prelude::*;
use bevy::render::render_resource::PipelineCache;
use bevy::render::{ExtractSchedule, MainWorld, RenderApp};
use bevy::window::RequestRedraw;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::egui::{self, Modifiers};
use bevy_egui::{EguiInput, EguiInputSet};
use std::collections::HashMap;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PipelinesWaiting>()
        .add_systems(PreStartup, connect_waker)
        .add_systems(
            PreUpdate,
            drop_repeated_modifiers.after(EguiInputSet::WriteEguiEvents),
        )
        .add_systems(Last, redraw_while_compiling);
    if let Some(render_app) = app.get_sub_app_mut(RenderApp) {
        render_app.add_systems(ExtractSchedule, count_waiting_pipelines);
    }
}

/// How many render pipelines are still compiling (copied from the render world each frame;
/// unknown, so "many", before the first).
#[derive(Resource)]
pub(crate) struct PipelinesWaiting(pub usize);

impl Default for PipelinesWaiting {
    fn default() -> Self {
        PipelinesWaiting(usize::MAX)
    }
}

fn count_waiting_pipelines(mut main_world: ResMut<MainWorld>, cache: Res<PipelineCache>) {
    if let Some(mut waiting) = main_world.get_resource_mut::<PipelinesWaiting>() {
        let now = cache.waiting_pipelines().count();
        if waiting.0 != now {
            waiting.0 = now;
        }
    }
}

fn redraw_while_compiling(
    waiting: Res<PipelinesWaiting>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if waiting.0 > 0 || waiting.is_changed() {
        redraw.write(RequestRedraw);
    }
}

fn connect_waker(proxy: Option<Res<EventLoopProxyWrapper>>, mut waker: ResMut<Waker>) {
    if let Some(proxy) = proxy {
        let proxy = (**proxy).clone();
        *waker = Waker::new(move || {
            // The loop is gone only when the app is closing.
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        });
    }
}

/// Drops a "modifiers changed" event that repeats the modifiers its egui context already has.
fn drop_repeated_modifiers(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut last: Local<HashMap<Entity, Modifiers>>,
) {
    for (context, mut input) in &mut inputs {
        let had = last.get(&context).copied();
        let repeated = |event: &egui::Event| matches!(event, egui::Event::ModifiersChanged(m) if Some(*m) == had);
        if input.events.iter().any(repeated) {
            input.events.retain(|e| !repeated(e));
        }
        for event in &input.events {
            if let egui::Event::ModifiersChanged(m) = event {
                last.insert(context, *m);
            }
        }
    }
}
