//! The desktop app: Bevy plugins that show the avatar and the egui panels.
