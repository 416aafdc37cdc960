//! Anprobe: a virtual fitting room. Domain modules (no Bevy) and the Bevy app built on them.

#[cfg(feature = "app")]
pub mod app;
pub mod atomic_write;
pub mod body;
pub mod catalog;
pub mod cli;
pub mod concierge;
pub mod export;
pub mod fit;
pub mod garment;
pub mod geometry;
pub mod measurements;
pub mod report;
pub mod sample_catalog;
pub mod session;
pub mod sizing;
pub mod store;
pub mod tape;
