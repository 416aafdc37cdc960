//! Anprobe: a virtual fitting room. Domain modules (no Bevy) and the Bevy app built on them.

#[cfg(feature = "app")]
pub mod app;
pub mod atomic_write;
pub mod body;
pub mod cli;
mod disjoint;
pub mod export;
pub mod fit;
pub mod garment;
pub mod measurements;
pub mod report;
pub mod store;
pub mod tape;
